package output_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/output"
)

// knownBytes is known for ids as bytes, as Options.IDBytes takes them.
func knownBytes(id []byte) bool {
	m := map[string]bool{"d1": true, "d2": true, "d3": true, "d4": true, "d5": true}
	return m[string(id)]
}

// gzipped returns s compressed with gzip.
func gzipped(t testing.TB, s string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// skipOptions are the ways of skipping the rows outside the gold set
// {d1, ..., d5}: by IDs and by IDBytes, which must agree.
var skipOptions = map[string]output.Options{
	"IDs":     {IDs: known, SkipOutside: true},
	"IDBytes": {IDBytes: knownBytes, SkipOutside: true},
}

func TestSkipOutside(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		alg  string
		want *output.Output
	}{
		{"CSV pair list", "a,b,score\nd1,d2,0.5\nd1,x1,0.9\nx1,x2,0.3\nx3,d4,0\nd3,d4,1\n", "",
			&output.Output{Kind: output.PairList, Scored: true, Pairs: []output.Pair{{"d1", "d2", 0.5}, {"d3", "d4", 1}},
				Rows: output.Rows{Read: 5, Kept: 2, Outside: 3, OneInside: 2, FirstOutside: "x1"}}},
		{"TSV pair list, no score", "a\tb\nx1\tx2\nd5\td1\n", "",
			&output.Output{Kind: output.PairList, Pairs: []output.Pair{{"d5", "d1", 1}},
				Rows: output.Rows{Read: 2, Kept: 1, Outside: 1, FirstOutside: "x1"}}},
		{"pairs listed twice outside the gold set", "a,b\nx1,x2\nx2,x1\nd1,x1\nx1,d1\n", "",
			&output.Output{Kind: output.PairList,
				Rows: output.Rows{Read: 4, Kept: 0, Outside: 4, OneInside: 2, FirstOutside: "x1"}}},
		{"scores.csv, one algorithm chosen", "a,b,label,algorithm,score\nd1,d2,dup,jaccard,0.5\nd1,x9,,minhash,0.7\nd1,d2,dup,minhash,0.75\nx8,d2,,jaccard,0.1\n", "minhash",
			&output.Output{Kind: output.PairList, Scored: true, Algorithm: "minhash", Pairs: []output.Pair{{"d1", "d2", 0.75}},
				Rows: output.Rows{Read: 4, Kept: 1, Outside: 1, OneInside: 1, FirstOutside: "x9"}}},
		{"TSV membership", "doc\tcluster\nx1\tc\nd1\tc\nx2\tc\nd2\te\nd3\tc\n", "",
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "c", "d2": "e", "d3": "c"},
				Rows: output.Rows{Read: 5, Kept: 3, Outside: 2, FirstOutside: "x1"}}},
		{"CSV membership, outside document twice", "id,cluster\nx1,c\nx1,e\nd4,e\n", "",
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d4": "e"},
				Rows: output.Rows{Read: 3, Kept: 1, Outside: 2, FirstOutside: "x1"}}},
		{"clusters.csv", "algorithm,name,doc,cluster\nexact,s,x1,0\nexact,s,d1,0\noph,s,d2,0\n", "exact",
			&output.Output{Kind: output.Membership, Algorithm: "exact", Clusters: map[string]string{"d1": "0"},
				Rows: output.Rows{Read: 3, Kept: 1, Outside: 1, FirstOutside: "x1"}}},
		{"JSON Lines", `{"id": "x1", "cluster": 0}` + "\n" + `{"id": "d1", "cluster": 0}` + "\n" + `{"id": "x2", "cluster": 1}` + "\n", "",
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "0"},
				Rows: output.Rows{Read: 3, Kept: 1, Outside: 2, FirstOutside: "x1"}}},
		{"removed ids, no header", "x9\nd1\nx8\nx9\nd3\n", "",
			&output.Output{Kind: output.RemovedIDs, Removed: []string{"d1", "d3"},
				Rows: output.Rows{Read: 5, Kept: 2, Outside: 3, FirstOutside: "x9"}}},
		{"removed ids, header", "id\nd2\nx1\n", "",
			&output.Output{Kind: output.RemovedIDs, Removed: []string{"d2"},
				Rows: output.Rows{Read: 2, Kept: 1, Outside: 1, FirstOutside: "x1"}}},
		{"none in the gold set", "a,b\nx1,x2\nx3,x4\n", "",
			&output.Output{Kind: output.PairList, Rows: output.Rows{Read: 2, Outside: 2, FirstOutside: "x1"}}},
		{"all in the gold set", "doc,cluster\nd1,c\n", "",
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "c"}, Rows: output.Rows{Read: 1, Kept: 1}}},
	} {
		for oname, opt := range skipOptions {
			opt.Algorithm = c.alg
			for _, z := range []bool{false, true} {
				in := c.in
				if z {
					in = gzipped(t, in)
				}
				t.Run(fmt.Sprintf("%s/%s/gzip=%v", c.name, oname, z), func(t *testing.T) {
					got, err := output.Read("out.csv", strings.NewReader(in), opt)
					if err != nil {
						t.Fatalf("Read: %v", err)
					}
					want := *c.want
					want.Name = "out.csv"
					if !reflect.DeepEqual(got, &want) {
						t.Errorf("Read =\n%+v\nwant\n%+v", got, &want)
					}
				})
			}
		}
	}
}

// Skipping checks what a row alone can show, and the rows kept against
// each other; without SkipOutside an outside id is an error, as before.
func TestSkipOutsideErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		skip bool
		want string
	}{
		{"pair twice among the kept", "a,b\nd1,d2\nx1,d1\nd2,d1\n", true, `out.csv:4: pair d2–d1 listed again (first on line 2)`},
		{"document in two clusters among the kept", "doc,cluster\nd1,c\nx1,c\nd1,e\n", true, `out.csv:4: document "d1" in cluster "e" here and in cluster "c" before`},
		{"JSON document twice among the kept", `{"id": "d1", "cluster": 0}` + "\n" + `{"id": "x", "cluster": 0}` + "\n" + `{"id": "d1", "cluster": 0}` + "\n", true,
			`out.csv:3: document "d1" listed twice in cluster "0"`},
		{"id removed twice among the kept", "d1\nx1\nd1\n", true, `out.csv:3: id "d1" removed again (first on line 1)`},
		{"outside pair with a bad score", "a,b,score\nd1,d2,1\nx1,x2,2\n", true, `out.csv:3: score "2" is not a number from 0 to 1`},
		{"outside pair of a document with itself", "a,b\nx1,x1\n", true, `out.csv:2: a pair of document "x1" with itself`},
		{"outside pair, empty id", "a,b\nx1,\n", true, `out.csv:2: empty document id`},
		{"outside row, too many fields", "a,b\nx1,x2,x3\n", true, `out.csv:2: want 2 fields (a, b), got 3`},
		{"outside document, empty cluster", "doc,cluster\nx1,\n", true, `out.csv:2: empty cluster`},
		{"outside document, bad JSON", `{"id": "x1"`, true, `out.csv:1: bad JSON: unexpected EOF`},
		{"strict pair", "a,b,score\nd1,d2,1\nd1,x9,1\n", false, `out.csv:3: document "x9" is not in the gold set`},
		{"strict pair, first id outside", "a,b,score\nx8,x9,1\n", false, `out.csv:2: document "x8" is not in the gold set`},
		{"strict membership", "doc\tcluster\nd1\tc\nx1\tc\n", false, `out.csv:3: document "x1" is not in the gold set`},
		{"strict JSON Lines", `{"id": "x1", "cluster": 0}`, false, `out.csv:1: document "x1" is not in the gold set`},
		{"strict removed ids", "id\nd1\nx1\n", false, `out.csv:3: document "x1" is not in the gold set`},
	} {
		for oname, opt := range skipOptions {
			opt.SkipOutside = c.skip
			for _, z := range []bool{false, true} {
				in := c.in
				if z {
					in = gzipped(t, in)
				}
				t.Run(fmt.Sprintf("%s/%s/gzip=%v", c.name, oname, z), func(t *testing.T) {
					got, err := output.Read("out.csv", strings.NewReader(in), opt)
					if err == nil || got != nil || err.Error() != c.want {
						t.Errorf("Read = %+v, %v; want error %s", got, err, c.want)
					}
				})
			}
		}
	}
}

// outsideRows is a random output with rows outside the gold set, and
// what reading it with SkipOutside keeps, computed from the rows rather
// than from the file.
type outsideRows struct {
	pairs    []output.Pair // the rows of a pair list
	keep     []output.Pair // those with both documents in the gold set
	outside  int64
	one      int64
	first    string
	docs     []string // the rows of a membership or removed list: a document each
	keptDocs []string
}

// makeOutside makes n rows over the gold documents g0 ... g(gold-1) and
// outside documents x0 ... x(2n), each pair once, each document once.
func makeOutside(rng *rand.Rand, n, gold int) outsideRows {
	var r outsideRows
	id := func() string {
		if rng.IntN(4) == 0 {
			return fmt.Sprintf("g%d", rng.IntN(gold))
		}
		return fmt.Sprintf("x%d", rng.IntN(2*n))
	}
	seen := map[[2]string]bool{}
	for len(r.pairs) < n {
		a, b := id(), id()
		k := [2]string{min(a, b), max(a, b)}
		if a == b || seen[k] {
			continue
		}
		seen[k] = true
		p := output.Pair{A: a, B: b, Score: float64(rng.IntN(101)) / 100}
		r.pairs = append(r.pairs, p)
		inA, inB := a[0] == 'g', b[0] == 'g'
		switch {
		case inA && inB:
			r.keep = append(r.keep, p)
		default:
			r.outside++
			if inA != inB {
				r.one++
			}
			if r.first == "" {
				r.first = a
				if inA {
					r.first = b
				}
			}
		}
	}
	docs := map[string]bool{}
	for len(r.docs) < n {
		d := id()
		if docs[d] {
			continue
		}
		docs[d] = true
		r.docs = append(r.docs, d)
		if d[0] == 'g' {
			r.keptDocs = append(r.keptDocs, d)
		}
	}
	return r
}

// Reading a file with rows outside the gold set keeps exactly the rows
// inside it, in every format, as a plain filter of the rows computes.
func TestSkipOutsideRandom(t *testing.T) {
	const gold = 30
	inGold := func(id []byte) bool { return len(id) > 0 && id[0] == 'g' }
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		r := makeOutside(rng, 1+rng.IntN(300), gold)
		var pairs, tsv, removed strings.Builder
		pairs.WriteString("a,b,score\n")
		tsv.WriteString("doc\tcluster\n")
		for _, p := range r.pairs {
			fmt.Fprintf(&pairs, "%s,%s,%v\n", p.A, p.B, p.Score)
		}
		var pq []pqPair
		for _, p := range r.pairs {
			pq = append(pq, pqPair{p.A, p.B, p.Score})
		}
		var pqDocs []pqDocString
		var pqRem []pqRemoved
		for i, d := range r.docs {
			fmt.Fprintf(&tsv, "%s\tc%d\n", d, i%7)
			fmt.Fprintf(&removed, "%s\n", d)
			pqDocs = append(pqDocs, pqDocString{d, fmt.Sprintf("c%d", i%7)})
			pqRem = append(pqRem, pqRemoved{d})
		}
		wantClusters := map[string]string{}
		for i, d := range r.docs {
			if d[0] == 'g' {
				wantClusters[d] = fmt.Sprintf("c%d", i%7)
			}
		}
		firstDoc := ""
		for _, d := range r.docs {
			if d[0] != 'g' {
				firstDoc = d
				break
			}
		}
		n := int64(len(r.docs))
		kd := int64(len(r.keptDocs))
		pairRows := output.Rows{Read: int64(len(r.pairs)), Kept: int64(len(r.keep)), Outside: r.outside, OneInside: r.one, FirstOutside: r.first}
		docRows := output.Rows{Read: n, Kept: kd, Outside: n - kd, FirstOutside: firstDoc}
		for _, c := range []struct {
			name string
			data []byte
			want output.Output
		}{
			{"CSV pairs", []byte(pairs.String()), output.Output{Kind: output.PairList, Scored: true, Pairs: r.keep, Rows: pairRows}},
			{"gzip CSV pairs", []byte(gzipped(t, pairs.String())), output.Output{Kind: output.PairList, Scored: true, Pairs: r.keep, Rows: pairRows}},
			{"Parquet pairs", writeParquet(t, pq, 64), output.Output{Kind: output.PairList, Scored: true, Pairs: r.keep, Rows: pairRows}},
			{"TSV membership", []byte(tsv.String()), output.Output{Kind: output.Membership, Clusters: wantClusters, Rows: docRows}},
			{"Parquet membership", writeParquet(t, pqDocs, 50), output.Output{Kind: output.Membership, Clusters: wantClusters, Rows: docRows}},
			{"removed ids", []byte(removed.String()), output.Output{Kind: output.RemovedIDs, Removed: r.keptDocs, Rows: docRows}},
			{"Parquet removed ids", writeParquet(t, pqRem, 0), output.Output{Kind: output.RemovedIDs, Removed: r.keptDocs, Rows: docRows}},
		} {
			got, err := output.Read("out", bytes.NewReader(c.data), output.Options{IDBytes: inGold, SkipOutside: true})
			if err != nil {
				t.Fatalf("trial %d, %s: %v", trial, c.name, err)
			}
			got.Name = ""
			// An empty list read is nil; a filter of none, nil too.
			if !reflect.DeepEqual(*got, c.want) {
				t.Errorf("trial %d, %s: got\n%+v\nwant\n%+v", trial, c.name, *got, c.want)
			}
		}
	}
}

package output_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/output"
)

// FuzzRead feeds Read arbitrary bytes. It must not panic, must fail only
// with an *Error naming the file, and what it accepts must hold no pair of
// a document with itself, no score outside [0, 1], no pair or removed id
// twice, and read back the same once written out again. Read with
// SkipOutside must keep what Read without a gold set keeps, filtered (see
// checkSkip).
func FuzzRead(f *testing.F) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("a,b\nd1,d2\n"))
	zw.Close()
	for _, s := range []string{"", "a,b\nd1,d2\n", "a,b,score\r\nd1,d2,0.5\r\nd2,d3,1\r\n", "a\tb\tscore\nd1\td2\t1e-3\n",
		"a,b,label,algorithm,score\nd1,d2,dup,x,0.5\nd1,d2,dup,y,0.5\n", "doc,cluster\nd1,c\nd2,c\n", "id\tcluster\nd1\t1\n",
		"algorithm,name,doc,cluster\nx,s,d1,0\n", `{"id": "d1", "cluster": 0}` + "\n" + `{"id": "d2", "cluster": "0"}`,
		"id\nd1\nd2\n", "\ufeffd1\nd2\n", "\"a\",b\n\"d,1\",\"d\"\"2\"\n", gz.String()} {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "x")
	}
	// Parquet files, which the fuzzer may corrupt.
	for _, b := range [][]byte{
		writeParquet(f, []pqPair{{"d1", "d2", 0.5}, {"d2", "d3", 1}}, 1),
		writeParquet(f, []pqIDInt64{{"d1", 1}, {"d2", 1}}, 0),
		writeParquet(f, []pqRemoved{{"d1"}}, 0),
	} {
		f.Add(b, "")
	}
	f.Fuzz(func(t *testing.T, data []byte, alg string) {
		o, err := output.Read("fuzz.csv", bytes.NewReader(data), output.Options{Algorithm: alg})
		checkSkip(t, data, alg, o, err)
		if err != nil {
			var e *output.Error
			if o != nil || !errors.As(err, &e) || e.File != "fuzz.csv" || !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("Read: unexpected error %#v, output %v", err, o)
			}
			return
		}
		var buf bytes.Buffer
		// A Parquet file's ids and clusters may hold a line end, which no
		// line of text can.
		lineEnd := false
		for _, p := range o.Pairs {
			lineEnd = lineEnd || strings.ContainsAny(p.A+p.B, "\r\n")
		}
		for d, c := range o.Clusters {
			lineEnd = lineEnd || strings.ContainsAny(d+c, "\r\n")
		}
		for _, id := range o.Removed {
			lineEnd = lineEnd || strings.ContainsAny(id, "\r\n")
		}
		switch o.Kind {
		case output.PairList:
			seen := map[[2]string]bool{}
			buf.WriteString("a\tb\tscore\n")
			for _, p := range o.Pairs {
				k := [2]string{min(p.A, p.B), max(p.A, p.B)}
				if p.A == p.B || seen[k] || !(p.Score >= 0 && p.Score <= 1) || math.IsNaN(p.Score) || !o.Scored && p.Score != 1 {
					t.Fatalf("bad pair %v", p)
				}
				seen[k] = true
				fmt.Fprintf(&buf, "%s\t%s\t%s\n", quote(p.A), quote(p.B), strconv.FormatFloat(p.Score, 'g', -1, 64))
			}
		case output.Membership:
			buf.WriteString("doc\tcluster\n")
			for d, c := range o.Clusters {
				if d == "" || c == "" {
					t.Fatalf("empty document or cluster: %q %q", d, c)
				}
				fmt.Fprintf(&buf, "%s\t%s\n", quote(d), quote(c))
			}
		case output.RemovedIDs:
			buf.WriteString("id\n")
			seen := map[string]bool{}
			for _, id := range o.Removed {
				if seen[id] || id == "" {
					t.Fatalf("bad removed id %q", id)
				}
				seen[id] = true
				buf.WriteString(id + "\n")
			}
		default:
			t.Fatalf("kind %v", o.Kind)
		}
		if lineEnd || bytes.IndexByte(buf.Bytes(), '\r') >= 0 {
			return // an id ending in "\r" cannot be written back on a line of its own
		}
		o2, err := output.Read("again.tsv", &buf, output.Options{})
		if err != nil {
			t.Fatalf("reading back: %v\n%q", err, buf.String())
		}
		if o2.Kind != o.Kind || len(o2.Pairs) != len(o.Pairs) || len(o2.Clusters) != len(o.Clusters) || len(o2.Removed) != len(o.Removed) {
			t.Fatalf("round trip changed the output: %+v, then %+v", o, o2)
		}
		for i, p := range o.Pairs {
			if o2.Pairs[i] != p {
				t.Fatalf("round trip changed pair %d: %v, then %v", i, p, o2.Pairs[i])
			}
		}
		for d, c := range o.Clusters {
			if o2.Clusters[d] != c {
				t.Fatalf("round trip changed the cluster of %q: %q, then %q", d, c, o2.Clusters[d])
			}
		}
		for i, id := range o.Removed {
			if o2.Removed[i] != id {
				t.Fatalf("round trip changed removed id %d: %q, then %q", i, id, o2.Removed[i])
			}
		}
	})
}

// fuzzGold is the gold set of checkSkip: the ids that do not end in '3'.
func fuzzGold(id []byte) bool { return id[len(id)-1] != '3' }

// checkSkip reads data with SkipOutside over fuzzGold and checks it against
// o and err, data read without a gold set: skipping accepts whatever is
// accepted without a gold set (and may accept more, since the rows it skips
// are not checked against each other), keeps exactly the rows of o whose
// documents are all in the gold set, and counts them.
func checkSkip(t *testing.T, data []byte, alg string, o *output.Output, err error) {
	s, serr := output.Read("fuzz.csv", bytes.NewReader(data), output.Options{Algorithm: alg, IDBytes: fuzzGold, SkipOutside: true})
	if serr != nil {
		if err == nil {
			t.Fatalf("Read with SkipOutside: %v; without a gold set: no error", serr)
		}
		return
	}
	r := s.Rows
	if kept := int64(len(s.Pairs) + len(s.Clusters) + len(s.Removed)); r.Kept != kept || r.Kept+r.Outside > r.Read || r.OneInside > r.Outside ||
		(r.Outside > 0) != (r.FirstOutside != "") || r.FirstOutside != "" && fuzzGold([]byte(r.FirstOutside)) {
		t.Fatalf("Rows = %+v with %d kept", r, kept)
	}
	if err != nil {
		return
	}
	in := func(ids ...string) bool {
		for _, id := range ids {
			if !fuzzGold([]byte(id)) {
				return false
			}
		}
		return true
	}
	var pairs []output.Pair
	for _, p := range o.Pairs {
		if in(p.A, p.B) {
			pairs = append(pairs, p)
		}
	}
	clusters := map[string]string{}
	for d, c := range o.Clusters {
		if in(d) {
			clusters[d] = c
		}
	}
	var removed []string
	for _, id := range o.Removed {
		if in(id) {
			removed = append(removed, id)
		}
	}
	if o.Clusters == nil {
		clusters = nil
	}
	if s.Kind != o.Kind || s.Algorithm != o.Algorithm || s.Scored != o.Scored || !slices.Equal(s.Pairs, pairs) ||
		!reflect.DeepEqual(s.Clusters, clusters) || !slices.Equal(s.Removed, removed) || s.Rows.Read != o.Rows.Read ||
		s.Rows.Kept+s.Rows.Outside != o.Rows.Kept {
		t.Fatalf("Read with SkipOutside = %+v\nwithout a gold set, filtered: %+v", s, o)
	}
}

// quote quotes s as a TSV field, if it must be.
func quote(s string) string {
	if s == "" || strings.ContainsAny(s, "\"\t") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

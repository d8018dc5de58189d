package output_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/output"
	"github.com/simbench/simbench/eval/report"
	"github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/eval/summary"
)

// known is the gold set of the tests: documents d1 to d5.
func known(id string) bool {
	switch id {
	case "d1", "d2", "d3", "d4", "d5":
		return true
	}
	return false
}

func TestRead(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		opt  output.Options
		want *output.Output
	}{
		{"pairs with scores", "a,b,score\nd1,d2,0.5\nd3,d1,1\n", output.Options{},
			&output.Output{Kind: output.PairList, Scored: true, Pairs: []output.Pair{{"d1", "d2", 0.5}, {"d3", "d1", 1}}}},
		{"pairs without scores", "a,b\nd1,d2\n", output.Options{},
			&output.Output{Kind: output.PairList, Pairs: []output.Pair{{"d1", "d2", 1}}}},
		{"pairs TSV", "a\tb\tscore\nd1\td2\t0\n", output.Options{},
			&output.Output{Kind: output.PairList, Scored: true, Pairs: []output.Pair{{"d1", "d2", 0}}}},
		{"header only", "a,b,score\n", output.Options{},
			&output.Output{Kind: output.PairList, Scored: true}},
		{"quoted fields", "\"a\",b,score\n\"d,1\",\"say \"\"hi\"\"\",1e-1\n", output.Options{},
			&output.Output{Kind: output.PairList, Scored: true, Pairs: []output.Pair{{"d,1", `say "hi"`, 0.1}}}},
		{"blank lines", "\n\na,b\n\nd1,d2\n\n", output.Options{},
			&output.Output{Kind: output.PairList, Pairs: []output.Pair{{"d1", "d2", 1}}}},
		{"CRLF", "a,b,score\r\nd1,d2,0.25\r\n", output.Options{},
			&output.Output{Kind: output.PairList, Scored: true, Pairs: []output.Pair{{"d1", "d2", 0.25}}}},
		{"BOM", "\ufeffa,b\nd1,d2\n", output.Options{},
			&output.Output{Kind: output.PairList, Pairs: []output.Pair{{"d1", "d2", 1}}}},
		{"no final newline", "a,b\nd1,d2", output.Options{},
			&output.Output{Kind: output.PairList, Pairs: []output.Pair{{"d1", "d2", 1}}}},
		{"scores.csv of one algorithm", "a,b,label,algorithm,score\nd1,d2,dup,jaccard,0.5\nd1,d3,,jaccard,0.1\n", output.Options{IDs: known},
			&output.Output{Kind: output.PairList, Scored: true, Algorithm: "jaccard", Pairs: []output.Pair{{"d1", "d2", 0.5}, {"d1", "d3", 0.1}}}},
		{"scores.csv, one algorithm chosen", "a,b,label,algorithm,score\nd1,d2,dup,jaccard,0.5\nd1,d2,dup,minhash,0.7\nd1,x,dup,jaccard,2\n", output.Options{Algorithm: "minhash", IDs: known},
			&output.Output{Kind: output.PairList, Scored: true, Algorithm: "minhash", Pairs: []output.Pair{{"d1", "d2", 0.7}}}},
		{"algorithm ignored by other formats", "a,b\nd1,d2\n", output.Options{Algorithm: "minhash"},
			&output.Output{Kind: output.PairList, Pairs: []output.Pair{{"d1", "d2", 1}}}},
		{"doc,cluster", "doc,cluster\nd1,c\nd2,c\nd3,e\n", output.Options{IDs: known},
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "c", "d2": "c", "d3": "e"}}},
		{"id,cluster TSV", "id\tcluster\nd1\t7\n", output.Options{},
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "7"}}},
		{"clusters.csv", "algorithm,name,doc,cluster\nexact,seeds,d1,0\nexact,seeds,d2,0\n", output.Options{},
			&output.Output{Kind: output.Membership, Algorithm: "exact", Clusters: map[string]string{"d1": "0", "d2": "0"}}},
		{"clusters.csv, one algorithm chosen", "algorithm,name,doc,cluster\nexact,seeds,d1,0\nminhash,seeds,d1,4\n", output.Options{Algorithm: "minhash"},
			&output.Output{Kind: output.Membership, Algorithm: "minhash", Clusters: map[string]string{"d1": "4"}}},
		{"JSONL", "{\"id\": \"d1\", \"cluster\": 0}\n{\"cluster\": \"0\", \"id\": \"d2\", \"text\": {\"x\": [1]}}\n {\"id\":\"d3\",\"cluster\":-12}\n", output.Options{IDs: known},
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "0", "d2": "0", "d3": "-12"}}},
		{"removed with header", "id\nd1\nd3\n", output.Options{IDs: known},
			&output.Output{Kind: output.RemovedIDs, Removed: []string{"d1", "d3"}}},
		{"removed without header", "d3\r\nd1\r\n", output.Options{IDs: known},
			&output.Output{Kind: output.RemovedIDs, Removed: []string{"d3", "d1"}}},
		{"removed ids are taken byte for byte", "id\n\"d,1\"\n", output.Options{},
			&output.Output{Kind: output.RemovedIDs, Removed: []string{`"d,1"`}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := output.Read("out.csv", strings.NewReader(c.in), c.opt)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			c.want.Name = "out.csv"
			checkKept(t, got)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Read =\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

// checkKept checks that o kept what it holds and skipped nothing outside
// the gold set, and clears its counts, which TestSkipOutside checks.
func checkKept(t *testing.T, o *output.Output) {
	t.Helper()
	if kept := int64(len(o.Pairs) + len(o.Clusters) + len(o.Removed)); o.Rows.Kept != kept || o.Rows.Outside != 0 || o.Rows.Read < kept {
		t.Errorf("Rows = %+v, want %d kept and none outside", o.Rows, kept)
	}
	o.Rows = output.Rows{}
}

func TestReadErrors(t *testing.T) {
	const accepted = `want the CSV or TSV header "a,b", "a,b,score", "a,b,label,algorithm,score", "doc,cluster", "id,cluster", "algorithm,name,doc,cluster", "id", JSON Lines {"id": ..., "cluster": ...}, or one removed id a line`
	for _, c := range []struct {
		name string
		in   string
		opt  output.Options
		want string
	}{
		{"empty", "", output.Options{}, "out.csv: empty; " + accepted},
		{"blank", "\r\n\n", output.Options{}, "out.csv: empty; " + accepted},
		{"BOM only", "\ufeff", output.Options{}, "out.csv: empty; " + accepted},
		{"unknown header", "\nx,y\n", output.Options{}, `out.csv:2: unknown header ["x" "y"]; ` + accepted},
		{"header in upper case", "A,B\n", output.Options{}, `out.csv:1: unknown header ["A" "B"]; ` + accepted},
		{"extra column", "a,b,score,x\n", output.Options{}, `out.csv:1: unknown header ["a" "b" "score" "x"]; ` + accepted},

		{"too few fields", "a,b,score\nd1,d2\n", output.Options{}, "out.csv:2: want 3 fields (a, b, score), got 2"},
		{"too many fields", "a,b\nd1,d2,1\n", output.Options{}, "out.csv:2: want 2 fields (a, b), got 3"},
		{"TSV read as CSV", "a\tb\nd1,d2\n", output.Options{}, "out.csv:2: want 2 fields (a, b), got 1"},
		{"bare quote", "a,b\nd1,d\"2\n", output.Options{}, `out.csv:2: field 2: bare " in non-quoted-field`},
		{"stray quote", "a,b\n\"d1\"x,d2\n", output.Options{}, `out.csv:2: field 1: extraneous or missing " in quoted-field`},
		{"quote across lines", "a,b\n\"d1\n\",d2\n", output.Options{}, `out.csv:2: quoted field not closed on its line`},
		{"empty id", "a,b\n,d2\n", output.Options{}, `out.csv:2: empty document id`},
		{"unknown id", "a,b,score\nd1,d2,1\nd1,d9,1\n", output.Options{IDs: known}, `out.csv:3: document "d9" is not in the gold set`},
		{"self pair", "a,b\nd1,d1\n", output.Options{}, `out.csv:2: a pair of document "d1" with itself`},
		{"score not a number", "a,b,score\nd1,d2,high\n", output.Options{}, `out.csv:2: score "high" is not a number from 0 to 1`},
		{"score above 1", "a,b,score\nd1,d2,1.5\n", output.Options{}, `out.csv:2: score "1.5" is not a number from 0 to 1`},
		{"score below 0", "a,b,score\nd1,d2,-0.1\n", output.Options{}, `out.csv:2: score "-0.1" is not a number from 0 to 1`},
		{"score NaN", "a,b,score\nd1,d2,NaN\n", output.Options{}, `out.csv:2: score "NaN" is not a number from 0 to 1`},
		{"score empty", "a,b,score\nd1,d2,\n", output.Options{}, `out.csv:2: score "" is not a number from 0 to 1`},
		{"pair twice", "a,b\nd1,d2\nd3,d4\nd1,d2\n", output.Options{}, `out.csv:4: pair d1–d2 listed again (first on line 2)`},
		{"pair twice, reversed", "a,b\nd1,d2\nd3,d4\nd4,d3\nd2,d1\n", output.Options{}, `out.csv:4: pair d4–d3 listed again (first on line 3)`},
		{"pair thrice", "a,b\nd1,d2\nd2,d1\nd1,d2\n", output.Options{}, `out.csv:3: pair d2–d1 listed again (first on line 2)`},
		{"scores.csv of two algorithms", "a,b,label,algorithm,score\nd1,d2,dup,jaccard,0.5\nd1,d2,dup,minhash,0.7\n", output.Options{},
			`out.csv:3: algorithm "minhash" here and "jaccard" on line 2; choose one`},
		{"scores.csv without the algorithm chosen", "a,b,label,algorithm,score\nd1,d2,dup,jaccard,0.5\nd1,d2,dup,exact,0.7\n", output.Options{Algorithm: "minhash"},
			`out.csv: no row of algorithm "minhash" (the file has "jaccard", "exact")`},
		{"empty scores.csv, algorithm chosen", "a,b,label,algorithm,score\n", output.Options{Algorithm: "minhash"},
			`out.csv: no row of algorithm "minhash" (the file has no rows)`},
		{"scores.csv, short row", "a,b,label,algorithm,score\nd1,d2,dup,jaccard\n", output.Options{},
			`out.csv:2: want 5 fields (a, b, label, algorithm, score), got 4`},

		{"cluster row too long", "doc,cluster\nd1,c,x\n", output.Options{}, "out.csv:2: want 2 fields (doc, cluster), got 3"},
		{"empty cluster", "doc,cluster\nd1,\n", output.Options{}, "out.csv:2: empty cluster"},
		{"unknown document in a cluster", "id,cluster\nd1,c\nd0,c\n", output.Options{IDs: known}, `out.csv:3: document "d0" is not in the gold set`},
		{"document in two clusters", "doc,cluster\nd1,c\nd2,c\nd1,e\n", output.Options{}, `out.csv:4: document "d1" in cluster "e" here and in cluster "c" before`},
		{"document twice in a cluster", "doc,cluster\nd1,c\nd1,c\n", output.Options{}, `out.csv:3: document "d1" listed twice in cluster "c"`},
		{"clusters.csv of two algorithms", "algorithm,name,doc,cluster\nexact,seeds,d1,0\nminhash,seeds,d1,4\n", output.Options{},
			`out.csv:3: algorithm "minhash" here and "exact" on line 2; choose one`},

		{"bad JSON", "{\"id\": \"d1\", \"cluster\": 0\n", output.Options{}, `out.csv:1: bad JSON: unexpected EOF`},
		{"JSON syntax", "{\"id\": \"d1\", \"cluster\": 0}\n{\"id\" \"d2\"}\n", output.Options{}, `out.csv:2: bad JSON: expected colon after object key`},
		{"JSON not an object", "{\"id\": \"d1\", \"cluster\": 0}\n[1]\n", output.Options{}, `out.csv:2: want a JSON object {"id": ..., "cluster": ...}`},
		{"JSON two values", "{\"id\": \"d1\", \"cluster\": 0} {}\n", output.Options{}, `out.csv:1: bad JSON: more than one value on the line`},
		{"JSON trailing junk", "{\"id\": \"d1\", \"cluster\": 0} x\n", output.Options{}, `out.csv:1: bad JSON: invalid character 'x' looking for beginning of value`},
		{"JSON no id", "{\"cluster\": 0}\n", output.Options{}, `out.csv:1: no key "id"`},
		{"JSON no cluster", "{\"id\": \"d1\", \"Cluster\": 0}\n", output.Options{}, `out.csv:1: no key "cluster"`},
		{"JSON id twice", "{\"id\": \"d1\", \"id\": \"d2\", \"cluster\": 0}\n", output.Options{}, `out.csv:1: key "id" twice`},
		{"JSON cluster twice", "{\"id\": \"d1\", \"cluster\": 0, \"cluster\": 1}\n", output.Options{}, `out.csv:1: key "cluster" twice`},
		{"JSON id a number", "{\"id\": 1, \"cluster\": 0}\n", output.Options{}, `out.csv:1: "id" is not a string: 1`},
		{"JSON id null", "{\"id\": null, \"cluster\": 0}\n", output.Options{}, `out.csv:1: "id" is not a string: null`},
		{"JSON cluster a fraction", "{\"id\": \"d1\", \"cluster\": 1.5}\n", output.Options{}, `out.csv:1: "cluster" is neither a string nor an integer: 1.5`},
		{"JSON cluster null", "{\"id\": \"d1\", \"cluster\": null}\n", output.Options{}, `out.csv:1: "cluster" is neither a string nor an integer: null`},
		{"JSON cluster a list", "{\"id\": \"d1\", \"cluster\": [0]}\n", output.Options{}, `out.csv:1: "cluster" is neither a string nor an integer: [0]`},
		{"JSON document in two clusters", "{\"id\": \"d1\", \"cluster\": 0}\n{\"id\": \"d1\", \"cluster\": \"1\"}\n", output.Options{}, `out.csv:2: document "d1" in cluster "1" here and in cluster "0" before`},
		{"JSON unknown document", "{\"id\": \"dx\", \"cluster\": 0}\n", output.Options{IDs: known}, `out.csv:1: document "dx" is not in the gold set`},

		{"removed twice", "id\nd1\nd2\nd1\nd2\n", output.Options{}, `out.csv:4: id "d1" removed again (first on line 2)`},
		{"removed twice, no header", "d2\nd1\nd1\nd2\n", output.Options{}, `out.csv:3: id "d1" removed again (first on line 2)`},
		{"removed unknown", "id\nd1\nd9\n", output.Options{IDs: known}, `out.csv:3: document "d9" is not in the gold set`},
		{"removed unknown, first line", "d9\nd1\n", output.Options{IDs: known}, `out.csv:1: document "d9" is not in the gold set`},
		{"gzip header", "\x1f\x8bxxxxxxxxxx", output.Options{}, `out.csv: gzip: gzip: invalid header`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := output.Read("out.csv", strings.NewReader(c.in), c.opt)
			if err == nil {
				t.Fatalf("Read = %+v, want error %q", got, c.want)
			}
			if got != nil {
				t.Errorf("Read returned %+v with its error", got)
			}
			if err.Error() != c.want {
				t.Errorf("error\n%s\nwant\n%s", err, c.want)
			}
			var e *output.Error
			if !errors.As(err, &e) || e.File != "out.csv" {
				t.Errorf("error %#v is not an *Error naming out.csv", err)
			}
		})
	}
}

// The line at fault is kept in the error, and the underlying error is
// wrapped.
func TestErrorFields(t *testing.T) {
	_, err := output.Read("x", strings.NewReader("a,b\nd1,d\"2\n"), output.Options{})
	var e *output.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an *Error", err)
	}
	if e.Line != 2 || e.Text != `d1,d"2` || !errors.Is(err, csv.ErrBareQuote) {
		t.Errorf("Error = %+v, want line 2, text %q, wrapping csv.ErrBareQuote", e, `d1,d"2`)
	}
	long := "a,b\nd1," + strings.Repeat("é", 200) + "\"\n"
	_, err = output.Read("x", strings.NewReader(long), output.Options{})
	if !errors.As(err, &e) || e.Text != "d1,"+strings.Repeat("é", 98)+"..." {
		t.Errorf("Text of a long line = %q", e.Text)
	}
}

// simbench's own scores.csv, as package report writes it after a run, reads
// back as the scores of each algorithm, exactly.
func TestScoresRoundTrip(t *testing.T) {
	o, err := run.Run(context.Background(), run.Options{Gold: "seeds", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	res := o.Result()
	var buf bytes.Buffer
	if err := report.WriteScores(&buf, res); err != nil {
		t.Fatal(err)
	}
	ids := func(id string) bool { _, ok := res.Set.Index(id); return ok }
	for _, r := range res.Runs {
		got, err := output.Read("scores.csv", bytes.NewReader(buf.Bytes()), output.Options{Algorithm: r.Config.Label, IDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		var want []output.Pair
		for i, p := range res.Pairs {
			want = append(want, output.Pair{A: res.Set.Docs[p.A].ID, B: res.Set.Docs[p.B].ID, Score: r.Scores[i]})
		}
		if got.Kind != output.PairList || got.Algorithm != r.Config.Label || !got.Scored || !reflect.DeepEqual(got.Pairs, want) {
			t.Errorf("%s: got %+v, want pairs %v", r.Config.Label, got, want)
		}
	}
	_, err = output.Read("scores.csv", bytes.NewReader(buf.Bytes()), output.Options{})
	if len(res.Runs) > 1 && (err == nil || !strings.Contains(err.Error(), "; choose one")) {
		t.Errorf("scores.csv of %d algorithms, none chosen: error %v", len(res.Runs), err)
	}
}

// The scores.csv of the baseline reads as package summary reads it.
func TestBaselineScores(t *testing.T) {
	const path = "../../results/baseline/clough/scores.csv"
	s, err := summary.LoadScores(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, alg := range s.Algorithms {
		o, err := output.ReadFile(path, output.Options{Algorithm: alg})
		if err != nil {
			t.Fatal(err)
		}
		if len(o.Pairs) != len(s.Pairs) {
			t.Fatalf("%s: %d pairs, want %d", alg, len(o.Pairs), len(s.Pairs))
		}
		for i, p := range o.Pairs {
			if w := s.Pairs[i]; p.A != w.A || p.B != w.B || p.Score != s.ByAlgorithm[alg][i] {
				t.Errorf("%s: pair %d = %v, want %s %s %v", alg, i, p, w.A, w.B, s.ByAlgorithm[alg][i])
			}
		}
	}
	if _, err := output.ReadFile("no/such/file", output.Options{}); err == nil || err.Error() != "no/such/file: no such file or directory" {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
}

func TestGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("\ufeffa,b,score\r\nd1,d2,0.5\r\n"))
	zw.Close()
	data := bytes.Clone(buf.Bytes())
	o, err := output.Read("out.csv.gz", &buf, output.Options{IDs: known})
	if err != nil {
		t.Fatal(err)
	}
	if want := []output.Pair{{"d1", "d2", 0.5}}; !reflect.DeepEqual(o.Pairs, want) {
		t.Errorf("Pairs = %v, want %v", o.Pairs, want)
	}

	// A corrupt stream is an error naming the file and the line.
	bad := bytes.Clone(data)
	bad[len(bad)-5] ^= 0xff // the length in the trailer
	_, err = output.Read("out.csv.gz", bytes.NewReader(bad), output.Options{})
	if err == nil || err.Error() != "out.csv.gz:3: gzip: invalid checksum" {
		t.Errorf("corrupt gzip: error %v", err)
	}
}

func TestLongLine(t *testing.T) {
	in := "id\n" + strings.Repeat("x", 64<<20+1) + "\n"
	_, err := output.Read("big", strings.NewReader(in), output.Options{})
	if err == nil || err.Error() != "big:2: line longer than 64 MiB" {
		t.Errorf("error %v", err)
	}
	// A line of 100 KiB, longer than the buffer, is fine.
	in = "id\n" + strings.Repeat("y", 100<<10) + "\nz\n"
	o, err := output.Read("big", strings.NewReader(in), output.Options{})
	if err != nil || len(o.Removed) != 2 || len(o.Removed[0]) != 100<<10 || o.Removed[1] != "z" {
		t.Errorf("long line: %v", err)
	}
}

func TestReadPairs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []output.Pair
	}{
		{"", nil},
		{"a,b,score\nd1,d2,0.5\n", []output.Pair{{"d1", "d2", 0.5}}},
		{"d1,d2,0.5\nd3,d4,1\n", []output.Pair{{"d1", "d2", 0.5}, {"d3", "d4", 1}}},
		{"d1\td2\t0.5\n", []output.Pair{{"d1", "d2", 0.5}}},
		{"a,b\nd1,d2\n", []output.Pair{{"d1", "d2", 1}}},
	} {
		got, err := output.ReadPairs("stdout", strings.NewReader(c.in), output.Options{IDs: known})
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ReadPairs(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"d1,d2\n", "stdout:1: want 3 fields (a, b, score), got 2"},
		{"doc,cluster\n", "stdout:1: want 3 fields (a, b, score), got 2"},
		{"d1,d2,1\nd1,d2,x\n", `stdout:2: score "x" is not a number from 0 to 1`},
		{"d1,d9,1\n", `stdout:1: document "d9" is not in the gold set`},
	} {
		_, err := output.ReadPairs("stdout", strings.NewReader(c.in), output.Options{IDs: known})
		if err == nil || err.Error() != c.want {
			t.Errorf("ReadPairs(%q): error %v, want %s", c.in, err, c.want)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[output.Kind]string{output.PairList: "pair list", output.Membership: "cluster membership", output.RemovedIDs: "removed ids", 0: "Kind(0)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

// TestReadFileContext checks that a read whose context is done stops with
// an *Error wrapping the context's error, for a text file and a Parquet
// one, and that an open context reads as ReadFile does.
func TestReadFileContext(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "pairs.csv")
	if err := os.WriteFile(csvPath, []byte("a,b\nx,y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pqPath := filepath.Join(dir, "pairs.parquet")
	if err := os.WriteFile(pqPath, bigParquet(t, 10), 0o644); err != nil {
		t.Fatal(err)
	}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	for _, path := range []string{csvPath, pqPath} {
		if _, err := output.ReadFileContext(context.Background(), path, output.Options{}); err != nil {
			t.Errorf("%s, open context: %v", path, err)
		}
		_, err := output.ReadFileContext(done, path, output.Options{})
		var e *output.Error
		if !errors.Is(err, context.Canceled) || !errors.As(err, &e) {
			t.Errorf("%s, done context: %v, want an *output.Error wrapping context.Canceled", path, err)
		}
	}
}

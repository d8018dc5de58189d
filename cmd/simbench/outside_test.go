package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
)

// TestScoreSkipsOutsideRows checks that a file with rows naming documents
// outside the gold set scores exactly as the same file without them, in
// every figure of summary.json, for a pair list, a cluster membership and
// a list of removed ids, plain and gzip-compressed, and that summary.json
// counts the rows. On seeds, an exhaustive set scored in the corpus scope,
// the cluster figures are compared too; the outside documents of the
// membership share the clusters of gold ones, and outside pairs link gold
// documents, which the kept rows must not show.
func TestScoreSkipsOutsideRows(t *testing.T) {
	fixedEnv(t)
	dir := t.TempDir()
	score := func(file string) (runs []map[string]any, outputs []map[string]any) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args := []string{"score", "-gold", "", "-timing=false", "-bootstrap", "0", "-out", "", "-format", "json", "-name", "x", file}
		args[2] = filepath.Base(filepath.Dir(file))
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("simbench %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		var s struct {
			Runs    []map[string]any
			Outputs []map[string]any
		}
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		return s.Runs, s.Outputs
	}
	for _, set := range []string{"seeds", "clough"} {
		g, err := gold.Open(set)
		if err != nil {
			t.Fatal(err)
		}
		n := len(g.Docs)
		id := func(i int) string { return g.Docs[i%n].ID }
		var pairs, pairsOut, members, membersOut, removed, removedOut strings.Builder
		pairs.WriteString("a,b,score\n")
		pairsOut.WriteString("a,b,score\n")
		members.WriteString("doc\tcluster\n")
		membersOut.WriteString("doc\tcluster\n")
		seen := map[[2]string]bool{}
		var nPairs, oneIn int
		for i := range n {
			a, b := id(i), id(i*7+3)
			k := [2]string{min(a, b), max(a, b)}
			// Outside rows, listed twice among themselves.
			fmt.Fprintf(&pairsOut, "x%d,x%d,0.5\nx%d,x%d,0.4\n%s,x%d,0.9\nx%d,%s,0.8\n", i, i+1, i+1, i, a, i, i+1, b)
			oneIn += 2
			if a != b && !seen[k] {
				seen[k] = true
				row := fmt.Sprintf("%s,%s,%g\n", a, b, float64(i%10)/10)
				pairs.WriteString(row)
				pairsOut.WriteString(row)
				nPairs++
			}
			row := fmt.Sprintf("%s\tc%d\n", id(i), i%3)
			members.WriteString(row)
			fmt.Fprintf(&membersOut, "x%d\tc%d\n%s", i, (i+1)%3, row)
			if i%3 == 0 {
				removed.WriteString(id(i) + "\n")
				fmt.Fprintf(&removedOut, "x%d\n", i)
				removedOut.WriteString(id(i) + "\n")
			}
		}
		sd := filepath.Join(dir, set)
		if err := os.MkdirAll(sd, 0o755); err != nil {
			t.Fatal(err)
		}
		write := func(name, content string, gz bool) string {
			path := filepath.Join(sd, name)
			data := []byte(content)
			if gz {
				var buf bytes.Buffer
				zw := gzip.NewWriter(&buf)
				zw.Write(data)
				zw.Close()
				data = buf.Bytes()
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			return path
		}
		nRemoved := (n + 2) / 3
		for _, c := range []struct {
			name              string
			base, outside     string
			read, kept, outOf int
			oneIn             any
		}{
			{"pairs.csv", pairs.String(), pairsOut.String(), nPairs + 4*n, nPairs, 4 * n, float64(oneIn)},
			{"members.tsv", members.String(), membersOut.String(), 2 * n, n, n, nil},
			{"removed.txt", removed.String(), removedOut.String(), 2 * nRemoved, nRemoved, nRemoved, nil},
		} {
			if c.name == "removed.txt" && !g.Manifest.Exhaustive {
				continue // a list of removed documents needs an exhaustive set
			}
			for _, gz := range []bool{false, true} {
				name := c.name
				if gz {
					name += ".gz"
				}
				want, _ := score(write("base-"+name, c.base, gz))
				got, outputs := score(write("outside-"+name, c.outside, gz))
				for _, r := range [][]map[string]any{want, got} {
					delete(r[0], "params")
					delete(r[0], "notes")
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s: with outside rows\n%v\nwithout\n%v", set, name, got, want)
				}
				wantOut := []map[string]any{{"algorithm": "x", "file": filepath.Join(sd, "outside-"+name), "rows_read": float64(c.read),
					"rows_kept": float64(c.kept), "rows_outside": float64(c.outOf), "pairs_one_in_gold": c.oneIn}}
				if !reflect.DeepEqual(outputs, wantOut) {
					t.Errorf("%s %s: outputs\n%v\nwant\n%v", set, name, outputs, wantOut)
				}
			}
		}
	}
}

// TestScoreRemovedListBesideOthers scores a pair list and a list of removed
// ids together, in both orders, as a table and as Markdown, on an
// exhaustive set with three labels: the removed list has no per-label
// figures, and the per-label table shows the pair list's alone, whatever
// the order. A list of removed ids on a set that is not exhaustive is
// refused.
func TestScoreRemovedListBesideOthers(t *testing.T) {
	fixedEnv(t)
	src, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	s := &gold.Set{Manifest: gold.Manifest{Name: "graded", Description: "the seeds, graded", Source: "the seeds", License: "as the seeds",
		Positive: []string{"dup", "near"}, Negative: []string{"not"}, Exhaustive: true}, Docs: src.Docs}
	s.Pairs = []gold.Pair{{A: 0, B: 2, Label: "dup"}, {A: 0, B: 1, Label: "near"}, {A: 1, B: 2, Label: "near"}, {A: 3, B: 4, Label: "not"}}
	dir := t.TempDir()
	set := filepath.Join(dir, "graded")
	if err := gold.Write(set, s); err != nil {
		t.Fatal(err)
	}
	pairs := filepath.Join(dir, "pairs.csv")
	removed := filepath.Join(dir, "removed.csv")
	if err := os.WriteFile(pairs, []byte(fmt.Sprintf("a,b,score\n%s,%s,0.9\n", s.Docs[0].ID, s.Docs[2].ID)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(removed, []byte("id\n"+s.Docs[2].ID+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, files := range [][]string{{pairs, removed}, {removed, pairs}} {
		// The table and the Markdown both draw the per-label table (so
		// does the results folder, through them).
		for _, format := range []string{"table", "md"} {
			var stdout, stderr bytes.Buffer
			args := append([]string{"score", "-gold", set, "-timing=false", "-bootstrap", "0", "-out", "", "-format", format}, files...)
			if err := run(context.Background(), args, &stdout, &stderr); err != nil {
				t.Fatalf("simbench %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
			}
			if format == "table" && !strings.Contains(stdout.String(), "Per label") {
				t.Errorf("%v: no per-label table for the pair list:\n%s", files, stdout.String())
			}
		}
	}
	c, err := gold.Open("clough")
	if err != nil {
		t.Fatal(err)
	}
	removedClough := filepath.Join(dir, "removed-clough.csv")
	if err := os.WriteFile(removedClough, []byte("id\n"+c.Docs[0].ID+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"score", "-gold", "clough", "-out", "", removedClough}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "the gold set clough is not exhaustive") {
		t.Errorf("a removed list on clough: %v, want it refused as the set is not exhaustive", err)
	}
}

// TestScoreFileChecks checks what score says of files it cannot score as
// given: two files that would share a label, a pair list none of whose
// pairs has both documents in the gold set, and a pair list with a header
// only; and that a gzip file's label drops ".gz" with the extension.
func TestScoreFileChecks(t *testing.T) {
	fixedEnv(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write([]byte("a,b,score\n000,002,0.9\n"))
	zw.Close()
	gz := write("sys.csv.gz", zipped.String())
	a := write("a/out.csv", "a,b,score\n000,002,0.9\n")
	b := write("b/out.csv", "a,b,score\n000,001,0.9\n")
	half := write("half.csv", "a,b,score\n000,doc-002,0.9\n001,doc-003,0.2\n")
	empty := write("empty.csv", "a,b,score\n")
	for _, tc := range []struct {
		name  string
		files []string
		err   string // a part of the error; "" for none
		out   string // a part of standard output when it succeeds
	}{
		{"same label", []string{a, b}, "would both be labelled out", ""},
		{"one end only", []string{half}, "none of its 2 rows pairs two documents of the gold set seeds (2 pair one of them with a document outside it", ""},
		{"header only", []string{empty}, "", "the file has no rows: it is scored as finding nothing"},
		{"gzip label", []string{gz}, "", `"algorithm": "sys"`},
	} {
		var stdout, stderr bytes.Buffer
		format := "table"
		if tc.name == "gzip label" {
			format = "json"
		}
		args := append([]string{"score", "-gold", "seeds", "-timing=false", "-bootstrap", "0", "-out", "", "-format", format}, tc.files...)
		err := run(context.Background(), args, &stdout, &stderr)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v\n%s", tc.name, err, stderr.String())
		case tc.err == "" && !strings.Contains(stdout.String()+stderr.String(), tc.out):
			t.Errorf("%s: output does not say %q:\n%s%s", tc.name, tc.out, stdout.String(), stderr.String())
		}
	}
}

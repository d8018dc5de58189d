package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/report"
	"github.com/simbench/simbench/eval/run"
)

// outcome returns the outcome of a run of every algorithm on the seeds,
// analysed for a results folder.
func outcome(t *testing.T) *run.Outcome {
	t.Helper()
	o, err := run.Run(context.Background(), run.Options{Gold: "seeds", Seed: 1, Resamples: 100, Analyse: true})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestWriteScores(t *testing.T) {
	res := outcome(t).Result()
	var buf bytes.Buffer
	if err := report.WriteScores(&buf, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"a", "b", "label", "algorithm", "score"}) {
		t.Errorf("header = %v", rows[0])
	}
	if got, want := len(rows)-1, len(res.Runs)*len(res.Pairs); got != want {
		t.Fatalf("%d rows, want %d", got, want)
	}
	for i, row := range rows[1:] {
		r, p := res.Runs[i/len(res.Pairs)], res.Pairs[i%len(res.Pairs)]
		score, err := strconv.ParseFloat(row[4], 64)
		if err != nil || score != r.Scores[i%len(res.Pairs)] {
			t.Errorf("row %d: score %q, want %v (exactly, after a round trip)", i+1, row[4], r.Scores[i%len(res.Pairs)])
		}
		if row[0] != res.Set.Docs[p.A].ID || row[1] != res.Set.Docs[p.B].ID || row[2] != p.Label || row[3] != r.Config.Label {
			t.Errorf("row %d = %v, want %s,%s,%s,%s", i+1, row, res.Set.Docs[p.A].ID, res.Set.Docs[p.B].ID, p.Label, r.Config.Label)
		}
	}
}

func TestWriteDir(t *testing.T) {
	o := outcome(t)
	parent := filepath.Join(t.TempDir(), "results")
	dir, err := report.WriteDir(parent, "run1", o)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"summary.json", "scores.csv", "table.txt", "curves.csv", "errors.md", "report.md",
		"pr.png", "roc.png", "scores-1-jaccard.png", "scores-3-minhash-lsh.png", "lsh-3-minhash-lsh.png"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, want a non-empty file", f, err)
		}
	}
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"![pr.png](pr.png)", "| jaccard ", "## Errors"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if _, err := report.WriteDir(parent, "run1", o); err == nil {
		t.Errorf("WriteDir over an existing folder: no error")
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

// TestWriteDirCounted checks the results folder of a run that counted its
// pairs: scores.csv holds its sample (here every pair found or labelled),
// there are no score charts, the reasons are in the summary, report.md
// and errors.md, and the curves and clusters are written as for any
// corpus run.
func TestWriteDirCounted(t *testing.T) {
	gold := filepath.Join("..", "..", "cmd", "simbench", "testdata", "copies")
	o, err := run.Run(context.Background(), run.Options{Gold: gold, Seed: 1, Counted: true, Analyse: true})
	if err != nil {
		t.Fatal(err)
	}
	if !o.Summary().Gold.Counted {
		t.Fatalf("summary: counted = false, want true")
	}
	if sf := o.Summary().ScoresFile; sf == nil || sf.Sampled() {
		t.Errorf("summary: scores_file %+v, want every pair found or labelled, not a sample", sf)
	}
	dir, err := report.WriteDir(filepath.Join(t.TempDir(), "results"), "run1", o)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"scores.csv.gz", "scores-1-jaccard.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s written by a run that kept no pair", f)
		}
	}
	for _, f := range []string{"summary.json", "scores.csv", "curves.csv", "clusters.csv", "pr.png", "report.md"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, want a non-empty file", f, err)
		}
	}
	for file, want := range map[string]string{
		"summary.json": "were counted by score and none was kept (-counted)",
		"scores.csv":   "copy1,copy2,near-duplicate,jaccard,1\n",
		"report.md":    "scores-1-jaccard.png: the pairs were counted by score and none was kept",
		"errors.md":    "The pairs were counted by score and none was kept",
	} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q", file, want)
		}
	}
}

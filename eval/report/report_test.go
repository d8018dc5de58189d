package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/report"
	"github.com/simbench/simbench/gold"
)

func result(t *testing.T) *eval.Result {
	t.Helper()
	s, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := algorithms.ParseAll(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestNumJSON(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{0.5, "0.5"}, {1, "1"}, {0, "0"}, {1e10, "10000000000"}, {math.NaN(), "null"}, {math.Inf(1), "null"}, {math.Inf(-1), "null"}} {
		got, err := json.Marshal(report.Num(c.in))
		if err != nil || string(got) != c.want {
			t.Errorf("json.Marshal(Num(%v)) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
}

// TestSummaryKeys checks the results contract of DESIGN.md §6: these keys
// may not be renamed or removed.
func TestSummaryKeys(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, report.Summarize(result(t), report.Env{})); err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	contract := map[string][]string{
		"gold": {"name", "docs", "pairs", "positives", "scope"},
		"runs": {"algorithm", "params", "threshold", "precision", "recall", "f1", "tp", "fp", "fn", "tn",
			"average_precision", "best_f1", "best_threshold", "docs_per_sec", "mb_per_sec"},
		"env": {"go", "cpu", "gomaxprocs", "commit", "seed"},
	}
	for section, keys := range contract {
		raw, ok := got[section]
		if !ok {
			t.Errorf("summary.json has no %q", section)
			continue
		}
		var obj map[string]json.RawMessage
		if section == "runs" {
			var runs []map[string]json.RawMessage
			if err := json.Unmarshal(raw, &runs); err != nil || len(runs) != len(algorithms.Registry) {
				t.Fatalf("runs: %v, %d runs; want one per algorithm, %d", err, len(runs), len(algorithms.Registry))
			}
			obj = runs[0]
		} else if err := json.Unmarshal(raw, &obj); err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if _, ok := obj[k]; !ok {
				t.Errorf("summary.json %s has no key %q", section, k)
			}
		}
	}
}

func TestSummaryValues(t *testing.T) {
	res := result(t)
	s := report.Summarize(res, report.Env{Seed: 7})
	if s.Gold.Docs != 5 || s.Gold.Pairs != 10 || s.Gold.Positives != 1 || s.Gold.Scope != "corpus" {
		t.Errorf("gold = %+v, want 5 docs, 10 pairs, 1 positive, corpus", s.Gold)
	}
	for i, r := range s.Runs {
		at := res.Runs[i].At
		if r.TP != at.TP || r.FP != at.FP || r.FN != at.FN || r.TN != at.TN {
			t.Errorf("%s: counts %d/%d/%d/%d, want %+v", r.Algorithm, r.TP, r.FP, r.FN, r.TN, at)
		}
		if float64(r.F1) != at.F1() || float64(r.Precision) != at.Precision() || float64(r.Recall) != at.Recall() {
			t.Errorf("%s: P/R/F1 %v/%v/%v, want %v/%v/%v", r.Algorithm, r.Precision, r.Recall, r.F1, at.Precision(), at.Recall(), at.F1())
		}
		if !math.IsNaN(float64(r.DocsPerSec)) {
			t.Errorf("%s: docs_per_sec = %v without timing, want null", r.Algorithm, r.DocsPerSec)
		}
		if r.Params["threshold"] == "" || r.Params["shingle"] != "word" {
			t.Errorf("%s: params %v lack threshold or shingle", r.Algorithm, r.Params)
		}
	}
}

func TestWriteScores(t *testing.T) {
	res := result(t)
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
	res := result(t)
	parent := filepath.Join(t.TempDir(), "results")
	dir, err := report.WriteDir(parent, "run1", res, report.Env{})
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
	if _, err := report.WriteDir(parent, "run1", res, report.Env{}); err == nil {
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

func TestSI(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{0, "0.00"}, {1.234, "1.23"}, {12.34, "12.3"}, {123.4, "123"}, {999.4, "999"}, {999.6, "1.00k"}, {3273.3, "3.27k"}, {278073, "278k"}, {46.6e6, "46.6M"}, {math.NaN(), "-"}} {
		if got := report.SI(c.in); got != c.want {
			t.Errorf("SI(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

package eval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/gold"
)

func ptr[T any](v T) *T { return &v }

// seedsResult runs every algorithm on the seeds in the corpus scope.
func seedsResult(t *testing.T) *eval.Result {
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

// TestSummaryKeys checks the results contract: these keys of summary.json
// may not be renamed or removed.
func TestSummaryKeys(t *testing.T) {
	var buf bytes.Buffer
	if err := summary.Write(&buf, ptr(eval.Summarize(seedsResult(t), summary.Env{}))); err != nil {
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
	res := seedsResult(t)
	s := eval.Summarize(res, summary.Env{Seed: 7})
	if s.Gold.Docs != 5 || s.Gold.Pairs != 10 || s.Gold.Positives != 1 || s.Gold.Scope != "corpus" {
		t.Errorf("gold = %+v, want 5 docs, 10 pairs, 1 positive, corpus", s.Gold)
	}
	for i, r := range s.Runs {
		at := res.Runs[i].At
		for _, c := range []struct {
			key  string
			want float64
		}{{"tp", float64(at.TP)}, {"fp", float64(at.FP)}, {"fn", float64(at.FN)}, {"tn", float64(at.TN)},
			{"precision", at.Precision()}, {"recall", at.Recall()}, {"f1", at.F1()}} {
			if got := float64(r.Get(c.key)); got != c.want {
				t.Errorf("%s: %s = %v, want %v", r.Algorithm, c.key, got, c.want)
			}
		}
		if r.Get("docs_per_sec").Valid() {
			t.Errorf("%s: docs_per_sec = %v without timing, want null", r.Algorithm, r.Get("docs_per_sec"))
		}
		if r.Params["threshold"] == "" || r.Params["shingle"] != "word" {
			t.Errorf("%s: params %v lack threshold or shingle", r.Algorithm, r.Params)
		}
	}
}

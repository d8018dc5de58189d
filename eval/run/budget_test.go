package run_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/budget"
	"github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/gold"
)

// TestBudgetRefusesLargeClusters checks that a set whose one cluster of
// 3,000 documents labels 4,498,500 pairs is refused in the labelled scope
// under a budget too small to hold and score them, with the estimate,
// before its documents are read: its docs.jsonl is broken, and the error
// is the budget's, not the document's. In the corpus scope the run counts
// its pairs instead, and goes on to read the documents. The same set loads
// under a large budget, past the default bound of gold.DefaultMaxPairs when
// the budget allows it.
func TestBudgetRefusesLargeClusters(t *testing.T) {
	dir := t.TempDir()
	var clusters strings.Builder
	clusters.WriteString("id\tcluster\n")
	for i := range 3000 {
		fmt.Fprintf(&clusters, "d%04d\tc\n", i)
	}
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("gold.json", `{"name": "big", "description": "d", "source": "s", "license": "CC0-1.0", "positive": ["dup"], "negative": ["not"], "exhaustive": true}`)
	write("clusters.tsv", clusters.String())
	write("docs.jsonl", "not json\n")

	const pairs = 3000 * 2999 / 2
	limit := int64(64 << 20)
	_, err := run.Run(context.Background(), run.Options{Gold: dir, Scope: "labelled", Algos: []string{"jaccard", "simhash"}, Mem: limit, Workers: 1})
	var e *budget.Exceeded
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *budget.Exceeded before the documents are read", err)
	}
	want := int64(pairs*gold.PairSize) + eval.ScoringBytes(pairs, pairs, 2, 1)
	if e.Need != want || e.Limit != limit || !strings.Contains(e.Stage, "4,498,500 pairs") {
		t.Errorf("Exceeded{Stage: %q, Need: %d, Limit: %d}, want 4,498,500 pairs needing %d of %d", e.Stage, e.Need, e.Limit, want, limit)
	}

	// The default algorithms, all five in the labelled scope.
	_, err = run.Run(context.Background(), run.Options{Gold: dir, Scope: "labelled", Mem: limit, Workers: 1})
	if !errors.As(err, &e) {
		t.Fatalf("labelled scope: err = %v, want *budget.Exceeded", err)
	}
	if want := "with 5 algorithm(s)"; !strings.Contains(e.Stage, want) {
		t.Errorf("labelled scope: stage %q, want it to say %q", e.Stage, want)
	}
	// The corpus scope counts the pairs, and reads the documents.
	for _, scope := range []string{"", "corpus"} {
		counted, err := run.CountedRun(run.Options{Gold: dir, Scope: scope, Mem: limit})
		if err != nil || !counted {
			t.Errorf("scope %q: CountedRun = %v, %v; want true, nil", scope, counted, err)
		}
		_, err = run.Run(context.Background(), run.Options{Gold: dir, Scope: scope, Mem: limit, Workers: 1})
		if err == nil || !strings.Contains(err.Error(), "docs.jsonl:1: invalid JSON") {
			t.Errorf("scope %q: err = %v, want the broken document's", scope, err)
		}
	}

	// With documents, and a budget that holds them: loaded, though above
	// the default bound when scaled up, which the budget replaces.
	var docs strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&docs, "{\"id\": \"d%04d\", \"text\": \"copy %d of a page\"}\n", i, i%7)
	}
	write("docs.jsonl", docs.String())
	set, _, err := run.Load(run.Options{Gold: dir, Algos: []string{"jaccard"}, Mem: 8 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Pairs) != pairs {
		t.Errorf("%d pairs loaded, want %d", len(set.Pairs), pairs)
	}
}

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
// 3,000 documents labels 4,498,500 pairs is refused under a budget too
// small to hold and score them, with the estimate, before its documents
// are read: its docs.jsonl is broken, and the error is the budget's, not
// the document's. The same set loads under a large budget, past the
// default bound of gold.DefaultMaxPairs when the budget allows it.
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
	_, err := run.Run(context.Background(), run.Options{Gold: dir, Algos: []string{"jaccard", "simhash"}, Mem: limit, Workers: 1})
	var e *budget.Exceeded
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *budget.Exceeded before the documents are read", err)
	}
	want := int64(pairs*gold.PairSize) + eval.ScoringBytes(pairs, pairs, 2, 1)
	if e.Need != want || e.Limit != limit || !strings.Contains(e.Stage, "4,498,500 pairs") {
		t.Errorf("Exceeded{Stage: %q, Need: %d, Limit: %d}, want 4,498,500 pairs needing %d of %d", e.Stage, e.Need, e.Limit, want, limit)
	}

	// The default algorithms: in the corpus scope of a set this large,
	// which is scored sparsely, containment cannot run and is not counted;
	// in the labelled scope it is.
	for _, tc := range []struct {
		scope   string
		configs int
	}{{"", 4}, {"corpus", 4}, {"labelled", 5}} {
		_, err := run.Run(context.Background(), run.Options{Gold: dir, Scope: tc.scope, Mem: limit, Workers: 1})
		if !errors.As(err, &e) {
			t.Fatalf("scope %q: err = %v, want *budget.Exceeded", tc.scope, err)
		}
		if want := fmt.Sprintf("with %d algorithm(s)", tc.configs); !strings.Contains(e.Stage, want) {
			t.Errorf("scope %q: stage %q, want it to say %q", tc.scope, e.Stage, want)
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

package compare_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/compare"
	"github.com/simbench/simbench/eval/summary"
)

// pairedRun makes the summary and scores of one algorithm, "jaccard", at
// threshold 0.5 on n pairs, the first pos of them positive: the positive
// pairs with an index in found score 0.9, the others 0.1.
func pairedRun(n, pos int, found func(i int) bool) (*summary.Summary, *summary.Scores) {
	sc := &summary.Scores{ByAlgorithm: map[string][]float64{}, Algorithms: []string{"jaccard"}}
	var tp, fp int
	scores := make([]float64, n)
	for i := range n {
		label := "non"
		if i < pos {
			label = "dup"
		}
		sc.Pairs = append(sc.Pairs, summary.ScoredPair{A: fmt.Sprintf("a%03d", i), B: fmt.Sprintf("b%03d", i), Label: label})
		scores[i] = 0.1
		if i < pos && found(i) {
			scores[i] = 0.9
			tp++
		}
	}
	sc.ByAlgorithm["jaccard"] = scores
	fn := pos - tp
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(pos)
	run := summary.Run{Algorithm: "jaccard", Name: "jaccard", Params: map[string]string{"threshold": "0.5"},
		PerLabel: []summary.Label{{Label: "dup", Positive: true, Pairs: pos}, {Label: "non", Pairs: n - pos}},
		Values: map[string]summary.Num{"threshold": 0.5, "precision": summary.Num(p), "recall": summary.Num(r),
			"f1": summary.Num(float64(2*tp) / float64(2*tp+fp+fn)), "average_precision": 1, "best_f1": 1}}
	s := &summary.Summary{Gold: summary.Gold{Name: "g", Docs: 2 * n, Pairs: n, Positives: pos, Scope: "labelled", Hash: "sha256:1"},
		Runs: []summary.Run{run}}
	return s, sc
}

// TestPairedVerdicts checks the verdicts the paired test gives: a fall
// of many pairs is a regression; a fall of one pair is not (its interval
// holds 0); no change gives the interval [0, 0]; and a set with too few
// positives gets no verdict, failing only when strict.
func TestPairedVerdicts(t *testing.T) {
	all := func(int) bool { return true }
	for _, c := range []struct {
		name     string
		n, pos   int
		newFound func(i int) bool
		want     map[string]string // metric → verdict
		fails    bool
	}{
		{"unchanged", 100, 60, all, map[string]string{"recall": compare.Same, "f1": compare.Same}, false},
		{"half missed", 100, 60, func(i int) bool { return i%2 == 0 },
			map[string]string{"recall": compare.Regression, "f1": compare.Regression, "precision": compare.Same}, true},
		{"one missed", 100, 60, func(i int) bool { return i != 7 },
			map[string]string{"recall": compare.Same, "f1": compare.Same}, false},
		{"too few positives", 100, 5, func(i int) bool { return i == 0 },
			map[string]string{"recall": compare.TooFew, "f1": compare.TooFew}, false},
	} {
		old, oldScores := pairedRun(c.n, c.pos, all)
		new, newScores := pairedRun(c.n, c.pos, c.newFound)
		res := compare.Compare(old, new, compare.Options{OldScores: oldScores, NewScores: newScores})
		for _, row := range res.Rows {
			want, ok := c.want[row.Metric]
			if !ok {
				continue
			}
			if row.Verdict != want {
				t.Errorf("%s: %s %v → %v, interval %v: verdict %q, want %q", c.name, row.Metric, row.Old, row.New, row.DeltaCI, row.Verdict, want)
			}
			if c.name == "unchanged" && (row.DeltaCI == nil || *row.DeltaCI != [2]float64{0, 0}) {
				t.Errorf("%s: %s interval %v, want [0, 0]", c.name, row.Metric, row.DeltaCI)
			}
			if row.Verdict == compare.Regression && !(row.DeltaCI[1] < 0) {
				t.Errorf("%s: %s is a regression with interval %v, which holds 0", c.name, row.Metric, *row.DeltaCI)
			}
		}
		if res.Failed(false) != c.fails {
			t.Errorf("%s: Failed = %v, want %v (regressions %q)", c.name, res.Failed(false), c.fails, res.Regressions)
		}
		if c.pos < summary.MinPositives {
			if !res.TooFew || !res.Failed(true) {
				t.Errorf("%s: TooFew %v, Failed(strict) %v; want true, true", c.name, res.TooFew, res.Failed(true))
			}
			var b strings.Builder
			if err := res.Table(&b); err != nil || !strings.Contains(b.String(), "too few positives to tell") {
				t.Errorf("%s: the table does not say there are too few positives:\n%s", c.name, b.String())
			}
		}
	}
}

// TestPairedDeterministic checks that the same inputs and seed give the
// same intervals, and another seed other ones.
func TestPairedDeterministic(t *testing.T) {
	all := func(int) bool { return true }
	old, oldScores := pairedRun(100, 60, all)
	new, newScores := pairedRun(100, 60, func(i int) bool { return i%3 != 0 })
	interval := func(seed uint64) [2]float64 {
		res := compare.Compare(old, new, compare.Options{OldScores: oldScores, NewScores: newScores, Seed: seed})
		for _, row := range res.Rows {
			if row.Metric == "recall" {
				return *row.DeltaCI
			}
		}
		t.Fatal("no recall row")
		return [2]float64{}
	}
	if a, b := interval(1), interval(1); a != b {
		t.Errorf("seed 1 twice: %v and %v", a, b)
	}
	if a, b := interval(1), interval(2); a == b {
		t.Errorf("seeds 1 and 2: both %v", a)
	}
}

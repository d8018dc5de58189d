package explain_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/explain"
	"github.com/simbench/simbench/gold"
)

func config(t *testing.T, spec string) algorithms.Config {
	t.Helper()
	c, err := algorithms.Parse(spec, 1)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// scorer returns the scorer a run of spec on s (seed 1, labelled scope)
// scores with.
func scorer(t *testing.T, s *gold.Set, spec string) *eval.Scorer {
	t.Helper()
	scs, err := eval.Scorers(context.Background(), s, []algorithms.Config{config(t, spec)}, eval.Options{Scope: eval.Labelled})
	if err != nil {
		t.Fatal(err)
	}
	return scs[0]
}

func open(t *testing.T, name string) *gold.Set {
	t.Helper()
	s, err := gold.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPairCounts checks the explanation against identities that hold for
// any two shingle sets: |A| = shared + only A, |B| = shared + only B, and
// J = shared / (shared + only A + only B).
func TestPairCounts(t *testing.T) {
	s := open(t, "seeds")
	const tol = 1e-12 // one division
	for _, spec := range []string{"jaccard", "jaccard:shingle=char,k=4", "containment", "simhash"} {
		for _, p := range [][2]int{{0, 2}, {0, 1}, {3, 4}} {
			e := explain.Pair(s, scorer(t, s, spec), p[0], p[1], 3)
			if j := float64(e.Shared) / float64(e.Shared+e.OnlyA+e.OnlyB); math.Abs(j-e.Jaccard) > tol {
				t.Errorf("%s %s-%s: J = %v, but shared/(union) = %v", spec, e.A, e.B, e.Jaccard, j)
			}
			if c := float64(e.Shared) / float64(min(e.Shared+e.OnlyA, e.Shared+e.OnlyB)); math.Abs(c-e.Containment) > tol {
				t.Errorf("%s %s-%s: containment = %v, but shared/min = %v", spec, e.A, e.B, e.Containment, c)
			}
			if len(e.SharedText) > 3 || len(e.OnlyAText) > 3 || len(e.OnlyBText) > 3 {
				t.Errorf("%s: more than 3 shingles of a kind as text", spec)
			}
		}
	}
	e := explain.Pair(s, scorer(t, s, "jaccard"), 0, 2, 2)
	if e.Label != "duplicate" || !e.Positive || !e.Predicted || e.Kind() != "true positive" {
		t.Errorf("000-002: label %q positive %v predicted %v kind %q; want a true positive duplicate", e.Label, e.Positive, e.Predicted, e.Kind())
	}
	if e := explain.Pair(s, scorer(t, s, "simhash"), 0, 2, 2); !strings.HasPrefix(e.Detail, "Hamming distance ") {
		t.Errorf("simhash detail = %q, want the Hamming distance", e.Detail)
	}
}

// TestPairLSHNotProposed checks that a pair the index does not propose is
// explained as such and scores 0, as in a run.
func TestPairLSHNotProposed(t *testing.T) {
	s := open(t, "seeds")
	e := explain.Pair(s, scorer(t, s, "minhash-lsh:bands=1,rows=128"), 0, 2, 2)
	if e.Proposed == nil || *e.Proposed || e.Score != 0 || !strings.Contains(e.Detail, "never proposed") {
		t.Errorf("one band of 128 rows: proposed %v score %v detail %q; want not proposed, 0", e.Proposed, e.Score, e.Detail)
	}
	if e.Kind() != "false negative" {
		t.Errorf("kind = %q, want false negative", e.Kind())
	}
}

// TestErrorsMatchRun checks Errors against the run: as many errors as the
// confusion counts, each with the run's score.
func TestErrorsMatchRun(t *testing.T) {
	s := open(t, "clough")
	cs, err := algorithms.ParseAll([]string{"jaccard", "minhash-lsh"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Labelled})
	if err != nil {
		t.Fatal(err)
	}
	for r, run := range res.Runs {
		errs := explain.Errors(res, r, 1000, 1)
		fp, fn := 0, 0
		for _, e := range errs {
			switch e.Kind() {
			case "false positive":
				fp++
			case "false negative":
				fn++
			default:
				t.Errorf("%s: Errors returned a %s", run.Config.Label, e.Kind())
			}
			a, _ := s.Index(e.A)
			b, _ := s.Index(e.B)
			for i, p := range res.Pairs {
				if p.A == a && p.B == b && run.Scores[i] != e.Score {
					t.Errorf("%s %s-%s: explained score %v, run scored %v", run.Config.Label, e.A, e.B, e.Score, run.Scores[i])
				}
			}
		}
		if fp != run.At.FP || fn != run.At.FN {
			t.Errorf("%s: %d false positives and %d false negatives explained, the run counts %d and %d", run.Config.Label, fp, fn, run.At.FP, run.At.FN)
		}
		if got := explain.Errors(res, r, 2, 1); len(got) > 4 {
			t.Errorf("%s: limit 2 gave %d explanations", run.Config.Label, len(got))
		}
	}
}

func ExamplePair() {
	s, _ := gold.Open("seeds")
	c, _ := algorithms.Parse("jaccard", 1)
	scorers, _ := eval.Scorers(context.Background(), s, []algorithms.Config{c}, eval.Options{})
	e := explain.Pair(s, scorers[0], 0, 2, 1)
	fmt.Printf("%s-%s %s: J=%.3f containment=%.3f, %d shingles shared, %d only in %s, %d only in %s\n",
		e.A, e.B, e.Kind(), e.Jaccard, e.Containment, e.Shared, e.OnlyA, e.A, e.OnlyB, e.B)
	// Output: 000-002 true positive: J=0.845 containment=0.992, 528 shingles shared, 4 only in 000, 93 only in 002
}

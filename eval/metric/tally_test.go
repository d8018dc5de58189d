package metric_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simbench/simbench/eval/metric"
)

// TestTallyAsSortScores checks that counting pairs by score gives
// SortScores's sweep and ROC AUC to the last bit, whether each pair is
// added alone, in groups of equal pairs with one weight, or with groups
// over-counted and then corrected by negative weights; on ties, −0 beside
// +0, only −0, no pairs, one class only.
func TestTallyAsSortScores(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	negZero := math.Copysign(0, -1)
	draws := []struct {
		name string
		draw func() float64
	}{
		{"a sketch's grid", func() float64 { return float64(rng.IntN(9)) / 8 }},
		{"every score apart", func() float64 { return rng.Float64() }},
		{"-0 beside +0", func() float64 { return []float64{0, negZero, 0.5}[rng.IntN(3)] }},
		{"only -0", func() float64 { return negZero }},
		{"one score", func() float64 { return 1 }},
	}
	for _, tc := range draws {
		for trial := range 60 {
			n := rng.IntN(200)
			positives := []int{3, 1, 0}[trial%3] // every third trial has no positive
			scores, labels := make([]float64, n), make([]bool, n)
			for i := range scores {
				scores[i] = tc.draw()
				labels[i] = positives > 0 && rng.IntN(positives+1) == 0
			}
			var one, grouped, corrected metric.Tally
			for i, s := range scores {
				one.Add(s, labels[i], 1)
			}
			// Runs of equal pairs with one weight each.
			for i := 0; i < n; {
				j := i + 1
				for j < n && math.Float64bits(scores[j]) == math.Float64bits(scores[i]) && labels[j] == labels[i] {
					j++
				}
				grouped.Add(scores[i], labels[i], j-i)
				i = j
			}
			// Every pair counted as a positive, then moved.
			for i, s := range scores {
				corrected.Add(s, true, 1)
				if !labels[i] {
					corrected.Add(s, true, -1)
					corrected.Add(s, false, 1)
				}
			}
			want := metric.SortScores(scores, labels)
			for name, tl := range map[string]*metric.Tally{"one by one": &one, "grouped": &grouped, "corrected": &corrected} {
				got := tl.Sorted()
				if g, w := got.Sweep(), want.Sweep(); !sameSweep(g, w) {
					t.Fatalf("%s, trial %d, %s: sweep %v, want %v", tc.name, trial, name, g, w)
				}
				for _, zeros := range []int{0, 5} {
					g, w := got.ROCAUCZeroNegatives(zeros), want.ROCAUCZeroNegatives(zeros)
					if math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
						t.Fatalf("%s, trial %d, %s, %d zeros: AUC %v, want %v", tc.name, trial, name, zeros, g, w)
					}
				}
			}
		}
	}
}

// TestTallyPanics checks that a Tally refuses a NaN score, and a count
// taken below zero.
func TestTallyPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"NaN":            func() { var tl metric.Tally; tl.Add(math.NaN(), true, 1) },
		"below zero":     func() { var tl metric.Tally; tl.Add(0.5, false, 2); tl.Add(0.5, false, -3); tl.Sorted() },
		"+Inf in Sorted": func() { var tl metric.Tally; tl.Add(math.Inf(1), false, 1); tl.Sorted() },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestSweepAt checks the confusion read off a sweep against At over the
// pairs, at every score, between scores, below and above them all, at
// +Inf and −Inf, and with zero-scoring negatives added to both.
func TestSweepAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for trial := range 200 {
		n := rng.IntN(40)
		scores, labels := make([]float64, n), make([]bool, n)
		for i := range scores {
			scores[i] = float64(rng.IntN(6)) / 5
			labels[i] = rng.IntN(3) == 0
		}
		zeros := []int{0, 4}[trial%2]
		sweep := metric.ZeroNegatives(metric.Sweep(scores, labels), zeros)
		for _, th := range []float64{math.Inf(-1), -0.5, 0, 0.1, 0.2, 0.5, 0.6, 1, 1.5, math.Inf(1)} {
			got, want := metric.SweepAt(sweep, th), metric.AtZeroNegatives(scores, labels, th, zeros)
			if got != want {
				t.Fatalf("trial %d, threshold %v: SweepAt %+v, At %+v", trial, th, got, want)
			}
		}
	}
}

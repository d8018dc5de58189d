package metric_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/eval/metric"
)

// TestBinScoresAsSortScores checks that counting the scores in bins gives
// SortScores's sweep and ROC AUC to the last bit: on scores on the grid of
// k + 1 levels (a k-slot sketch's, SimHash's 65), on scores off it that
// fall alone in their bins, and on the cases where BinScores must sort
// instead: two different scores in one bin, −0 beside +0, a score outside
// [0, 1], too few or too many levels.
func TestBinScoresAsSortScores(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	grid := func(levels int) func() float64 {
		return func() float64 { return float64(rng.IntN(levels)) / float64(levels-1) }
	}
	for _, tc := range []struct {
		name   string
		levels int
		draw   func() float64
	}{
		{"129 levels", 129, grid(129)},
		{"65 levels, SimHash's", 65, func() float64 { return 1 - float64(rng.IntN(65))/64 }},
		{"2 levels", 2, grid(2)},
		{"off the grid, alone in their bins", 5, func() float64 { return []float64{0.01, 0.3, 0.52, 0.9}[rng.IntN(4)] }},
		{"two scores in a bin", 5, func() float64 { return []float64{0.01, 0.02, 0.5}[rng.IntN(3)] }},
		{"-0 beside +0", 9, func() float64 { return []float64{0, math.Copysign(0, -1), 0.5}[rng.IntN(3)] }},
		{"outside [0, 1]", 9, func() float64 { return []float64{-0.25, 0, 1, 1.5}[rng.IntN(4)] }},
		{"one level", 1, grid(3)},
		{"too many levels", 1<<20 + 1, grid(1000)},
	} {
		for trial := range 50 {
			n := rng.IntN(300)
			scores, labels := make([]float64, n), make([]bool, n)
			for i := range scores {
				scores[i], labels[i] = tc.draw(), rng.IntN(3) == 0
			}
			was := slices.Clone(scores)
			sorted, binned := metric.SortScores(scores, labels), metric.BinScores(scores, labels, tc.levels)
			if !slices.Equal(scores, was) {
				t.Fatalf("%s: BinScores modified the scores", tc.name)
			}
			if got, want := binned.Sweep(), sorted.Sweep(); !sameSweep(got, want) {
				t.Fatalf("%s, trial %d: binned sweep %v, sorted %v", tc.name, trial, got, want)
			}
			for _, zeros := range []int{0, 7} {
				got, want := binned.ROCAUCZeroNegatives(zeros), sorted.ROCAUCZeroNegatives(zeros)
				if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Fatalf("%s, trial %d, %d zeros: binned AUC %v, sorted %v", tc.name, trial, zeros, got, want)
				}
			}
		}
	}
}

// sameSweep reports whether two sweeps have the same points, thresholds
// compared by their bits (so that −0 and +0 differ).
func sameSweep(a, b []metric.Point) bool {
	return slices.EqualFunc(a, b, func(p, q metric.Point) bool {
		return math.Float64bits(p.Threshold) == math.Float64bits(q.Threshold) && p.Confusion == q.Confusion
	})
}

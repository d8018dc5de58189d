package metric_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/eval/metric"
)

// TestZeroNegatives checks the implied-negative forms of Sweep, At and
// ROCAUC against the plain forms given the n zero-scoring negatives as
// explicit pairs.
func TestZeroNegatives(t *testing.T) {
	// rocTol is the rounding of gonum's trapezoidal sum over the two
	// curves, which add the weight n as one step or as n steps.
	const rocTol = 1e-12
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		name   string
		scores []float64
		labels []bool
		n      int
	}{
		{"no pairs", nil, nil, 4},
		{"no zero score", []float64{0.9, 0.5, 0.5}, []bool{true, false, true}, 3},
		{"a zero score", []float64{0.9, 0, 0.5}, []bool{true, false, true}, 2},
		{"a positive at zero", []float64{0.9, 0, 0.5}, []bool{true, true, false}, 5},
		{"n = 0", []float64{0.7, 0.2}, []bool{true, false}, 0},
	}
	for range 20 {
		m := rng.IntN(30)
		s, l := make([]float64, m), make([]bool, m)
		for i := range s {
			s[i] = float64(rng.IntN(5)) / 4 // ties and zeros
			l[i] = rng.IntN(3) == 0
		}
		cases = append(cases, struct {
			name   string
			scores []float64
			labels []bool
			n      int
		}{"random", s, l, rng.IntN(50)})
	}
	for _, c := range cases {
		allS := append(slices.Clone(c.scores), make([]float64, c.n)...)
		allL := append(slices.Clone(c.labels), make([]bool, c.n)...)

		got := metric.ZeroNegatives(metric.Sweep(c.scores, c.labels), c.n)
		want := metric.Sweep(allS, allL)
		if !slices.Equal(got, want) {
			t.Errorf("%s: ZeroNegatives(Sweep, %d) =\n%v\nwant %v", c.name, c.n, got, want)
		}
		for _, th := range []float64{0, 0.1, 0.5, 1, math.Inf(1)} {
			if got, want := metric.AtZeroNegatives(c.scores, c.labels, th, c.n), metric.At(allS, allL, th); got != want {
				t.Errorf("%s: AtZeroNegatives(t=%v, n=%d) = %+v, want %+v", c.name, th, c.n, got, want)
			}
		}
		gotAUC := metric.ROCAUCZeroNegatives(c.scores, c.labels, c.n)
		wantAUC := metric.ROCAUC(allS, allL)
		if !(math.Abs(gotAUC-wantAUC) <= rocTol || math.IsNaN(gotAUC) && math.IsNaN(wantAUC)) {
			t.Errorf("%s: ROCAUCZeroNegatives(n=%d) = %v, want %v", c.name, c.n, gotAUC, wantAUC)
		}
	}
}

package metric_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/integrate"
	"gonum.org/v1/gonum/stat"

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

// TestROCAUCAsGonumSorts checks that ROCAUCZeroNegatives, which sorts by
// radix, gives to the last bit the AUC of the observations sorted by
// gonum's stat.SortWeightedLabeled, on scores with ties, negative scores,
// −0 beside +0, and further negatives of weight n.
func TestROCAUCAsGonumSorts(t *testing.T) {
	gonumAUC := func(scores []float64, labels []bool, n int) float64 {
		y, classes := slices.Clone(scores), slices.Clone(labels)
		var weights []float64
		if n > 0 {
			y, classes = append(y, 0), append(classes, false)
			weights = make([]float64, len(y))
			for i := range weights {
				weights[i] = 1
			}
			weights[len(y)-1] = float64(n)
		}
		stat.SortWeightedLabeled(y, classes, weights)
		tpr, fpr, _ := stat.ROC(nil, y, classes, weights)
		return integrate.Trapezoidal(fpr, tpr)
	}
	vals := []float64{-1, -0.25, math.Copysign(0, -1), 0, 0.125, 0.5, 0.5, 1}
	rng := rand.New(rand.NewPCG(15, 16))
	for trial := range 2000 {
		m := 1 + rng.IntN(40)
		s, l := make([]float64, m), make([]bool, m)
		pos := 0
		for i := range s {
			s[i] = vals[rng.IntN(len(vals))]
			if trial%2 == 0 {
				s[i] = rng.Float64()
			}
			l[i] = rng.IntN(3) == 0
			if l[i] {
				pos++
			}
		}
		n := []int{0, 1, 7, 1000}[trial%4]
		if pos == 0 || pos == m && n == 0 {
			continue // undefined: NaN either way
		}
		got, want := metric.ROCAUCZeroNegatives(s, l, n), gonumAUC(s, l, n)
		if got != want {
			t.Fatalf("trial %d: ROCAUCZeroNegatives(%v, %v, %d) = %v, gonum's sort gives %v", trial, s, l, n, got, want)
		}
	}
}

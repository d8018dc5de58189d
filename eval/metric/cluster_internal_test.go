package metric

import (
	"math"
	"math/big"
	"testing"
)

// exactLogChoose returns log C(n, k) from the exact binomial: with C = m·2^e,
// m in [0.5, 1), log C = log m + e·log 2, off by about 2⁻⁵³·|log C|.
func exactLogChoose(n, k int) float64 {
	c := new(big.Float).SetInt(new(big.Int).Binomial(int64(n), int64(k)))
	m := new(big.Float)
	e := c.MantExp(m)
	mf, _ := m.Float64()
	return math.Log(mf) + float64(e)*math.Ln2
}

// TestLogChoose checks both branches of logChoose against the exact
// binomial. The sum of k logarithms is off by at most about k·2⁻⁵³·log n;
// the Lgamma branch by a few ulps of Lgamma(n+1), about n·log n·2⁻⁵³ (4e-12
// for n = 5000): the tolerance allows 4 such ulps plus the reference's own
// 2⁻⁵³·|log C|.
func TestLogChoose(t *testing.T) {
	for _, c := range [][2]int{
		{0, 0}, {1, 1}, {5, 2}, {60, 30}, {1000, 3}, {1000, 256}, // sums
		{1000, 257}, {1000, 500}, {1870, 660}, {5000, 2000}, {5000, 4700}, // Lgamma
	} {
		n, k := c[0], c[1]
		want := exactLogChoose(n, k)
		lg, _ := math.Lgamma(float64(n + 1))
		tol := 4*math.Abs(lg)*0x1p-52 + math.Abs(want)*0x1p-52
		if got := logChoose(n, k); math.Abs(got-want) > tol {
			t.Errorf("logChoose(%d, %d) = %v, want %v ± %.2g", n, k, got, want, tol)
		}
	}
}

// TestMutualInfoSklearn checks MI and E[MI] of scikit-learn's
// test_adjusted_mutual_info_score (0.41022 and 0.15042 to 5 decimals there),
// against 50-digit values from a plain Python transcription of the formulas
// (decimal module, exact binomials): 0.410218622740453523935… and
// 0.150424802582171347925…. Sums of at most a few hundred terms below 1:
// 1e-14.
func TestMutualInfoSklearn(t *testing.T) {
	a := []int{1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3}
	b := []int{1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2}
	c := NewContingency(b, a)
	if got, want := c.mutualInfo(), 0.41021862274045352393530745897483425521291162292820; math.Abs(got-want) > 1e-14 {
		t.Errorf("MI = %v, want %v", got, want)
	}
	if got, want := expectedMutualInfo(c.N, sizeCounts(c.PredSizes), sizeCounts(c.GoldSizes)), 0.15042480258217134792500683763698638009386672018344; math.Abs(got-want) > 1e-14 {
		t.Errorf("E[MI] = %v, want %v", got, want)
	}
}

package report

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestScoreCache checks that the cache writes every score as
// strconv.AppendFloat does, for values seen once and again, values that
// share a slot, and the edge cases of a score: 0, −0, 1, NaN, the
// smallest subnormal, and floats whose shortest text is long.
func TestScoreCache(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	vals := []float64{0, math.Copysign(0, -1), 1, math.NaN(), math.SmallestNonzeroFloat64, 1.0 / 3, 0.1 + 0.2, math.MaxFloat64, -1e-300}
	for k := range 129 {
		vals = append(vals, float64(k)/128) // a sketch's scores, again and again
	}
	for range 20000 {
		vals = append(vals, rng.Float64(), float64(rng.IntN(300))/float64(1+rng.IntN(600)))
	}
	var c scoreCache
	for round := range 3 {
		for i, x := range vals {
			prefix := []byte("a,b,")
			got := string(c.append(prefix, x))
			want := string(strconv.AppendFloat([]byte("a,b,"), x, 'g', -1, 64))
			if got != want {
				t.Fatalf("round %d, value %d (%v): %q, want %q", round, i, x, got, want)
			}
		}
	}
}

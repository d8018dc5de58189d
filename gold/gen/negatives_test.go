package gen

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestUnrank(t *testing.T) {
	for n := 2; n <= 7; n++ {
		var x uint64
		for a := range n {
			for b := a + 1; b < n; b++ {
				if ga, gb := unrank(x, n); ga != a || gb != b {
					t.Errorf("unrank(%d, %d) = %d, %d, want %d, %d", x, n, ga, gb, a, b)
				}
				x++
			}
		}
	}
}

// TestSample checks that a sample holds max distinct candidates, ascending,
// and that every candidate is drawn about as often as it should be: over
// trials samples of 3 of 10, each candidate is drawn trials·3/10 = 3000
// times on average, with a binomial standard deviation of
// sqrt(10000·0.3·0.7) ≈ 46; tol is five of those.
func TestSample(t *testing.T) {
	const trials, max, total, tol = 10000, 3, 10, 5 * 46
	c := &candidates{total: total}
	rng := rand.New(rand.NewPCG(1, 2))
	var n [total]int
	for range trials {
		s := c.sample(max, rng)
		if len(s) != max || !slices.IsSorted(s) || len(slices.Compact(slices.Clone(s))) != max {
			t.Fatalf("sample(%d) = %v, want %d distinct candidates, ascending", max, s, max)
		}
		for _, x := range s {
			n[x]++
		}
	}
	for x, got := range n {
		if want := trials * max / total; got < want-tol || got > want+tol {
			t.Errorf("candidate %d drawn %d times, want %d ± %d", x, got, want, tol)
		}
	}
	if got := c.sample(total+5, rng); !slices.Equal(got, []uint64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("sample of more than all = %v, want all", got)
	}
}

package eval

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestUnion checks the merge against sorting the concatenation.
func TestUnion(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		lists := make([][]uint64, rng.IntN(6))
		for i := range lists {
			if rng.IntN(5) == 0 {
				continue // nil
			}
			for range rng.IntN(50) {
				lists[i] = append(lists[i], uint64(rng.IntN(80)))
			}
			slices.Sort(lists[i])
			lists[i] = slices.Compact(lists[i])
		}
		want := slices.Compact(slices.Sorted(slices.Values(slices.Concat(lists...))))
		if got := union(lists); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("trial %d: union(%v) = %v, want %v", trial, lists, got, want)
		}
	}
}

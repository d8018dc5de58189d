package explain

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTopK checks topK against the first limit of a stable sort of every
// index, on scores with many ties, for limits from 0 to past the count.
func TestTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 500 {
		scores := make([]float64, rng.IntN(200))
		for i := range scores {
			scores[i] = float64(rng.IntN(8)) / 8 // ties
		}
		for _, desc := range []bool{false, true} {
			c := func(i, j int) int { return cmp.Compare(scores[i], scores[j]) }
			if desc {
				c = func(i, j int) int { return cmp.Compare(scores[j], scores[i]) }
			}
			all := make([]int, len(scores))
			for i := range all {
				all[i] = i
			}
			slices.SortStableFunc(all, c)
			for _, limit := range []int{0, 1, 3, 20, 300} {
				k := topK{limit: limit, cmp: c}
				for i := range scores {
					k.add(i)
				}
				want := all[:min(limit, len(all))]
				if !slices.Equal(k.kept, want) && !(len(want) == 0 && len(k.kept) == 0) {
					t.Fatalf("trial %d, limit %d, descending %v: kept %v, want %v", trial, limit, desc, k.kept, want)
				}
			}
		}
	}
}

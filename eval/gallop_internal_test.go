package eval

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestGallop checks gallop against slices.BinarySearch on the whole slice,
// from every start at or before the answer, on keys with gaps and
// repeats, for keys present, absent, below all and above all.
func TestGallop(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 300 {
		keys := make([]uint64, rng.IntN(70))
		for i := range keys {
			keys[i] = rng.Uint64N(100)
		}
		slices.Sort(keys)
		keys = slices.Compact(keys)
		for key := uint64(0); key <= 101; key++ {
			want, wantOK := slices.BinarySearch(keys, key)
			for from := 0; from <= want; from++ {
				if got, ok := gallop(keys, from, key); got != want || ok != wantOK {
					t.Fatalf("trial %d: gallop(%v, %d, %d) = %d, %v, want %d, %v", trial, keys, from, key, got, ok, want, wantOK)
				}
			}
		}
	}
}

package simhash

import (
	"math/rand/v2"
	"testing"
)

// TestNextNearAVX512 checks the assembly of nextNear against nextNearGo on
// random keys near and far from the query, at every start and length up
// to 70 (the steps of sixteen and of eight, and the tail), at distances 0
// to 64.
func TestNextNearAVX512(t *testing.T) {
	if !haveNearAVX512 {
		t.Skip("no AVX-512 VPOPCNTDQ on this CPU")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		n := r.IntN(71)
		q := r.Uint64()
		keys := make([]uint64, n)
		for j := range keys {
			// Flip few bits of q for some keys, many for the others.
			flips := r.IntN(64)
			if r.IntN(4) == 0 {
				flips = r.IntN(6)
			}
			x := q
			for range flips {
				x ^= 1 << r.IntN(64)
			}
			keys[j] = x
		}
		k := r.IntN(65)
		if trial%2 == 0 {
			k = r.IntN(8)
		}
		for i := 0; i <= n; i++ {
			if got, want := nextNearAVX512(keys, i, q, k), nextNearGo(keys, i, q, k); got != want {
				t.Fatalf("n=%d i=%d k=%d: nextNearAVX512 = %d, want %d", n, i, k, got, want)
			}
		}
	}
}

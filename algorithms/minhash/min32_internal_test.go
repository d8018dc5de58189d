package minhash

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSignAVX512 checks that Sign gives the same signatures with and
// without its assembly, and that both are min over x of a_i·x + b_i
// computed plainly, for slot counts around and between the assembly's
// thirty-two and shingle counts from one to three hundred.
func TestSignAVX512(t *testing.T) {
	if !haveMinAVX512 {
		t.Skip("no AVX-512 DQ on this CPU")
	}
	defer func() { haveMinAVX512 = true }()
	r := rand.New(rand.NewPCG(3, 4))
	for _, k := range []int{1, 2, 31, 32, 33, 63, 64, 100, 128, 200} {
		m := New(k, uint64(k))
		for trial := range 40 {
			xs := make([]uint64, 1+r.IntN(300))
			for i := range xs {
				xs[i] = r.Uint64()
			}
			if trial%5 == 0 {
				xs[0] = 0 // the product is b_i
			}
			slices.Sort(xs)
			xs = slices.Compact(xs)
			haveMinAVX512 = true
			got := m.Sign([]uint64{7}, xs)
			haveMinAVX512 = false
			want := m.Sign([]uint64{7}, xs)
			if !slices.Equal(got, want) {
				t.Fatalf("k=%d, %d shingles: with AVX-512 %v, without %v", k, len(xs), got, want)
			}
			for i := range k {
				plain := ^uint64(0)
				for _, x := range xs {
					plain = min(plain, m.a[i]*x+m.b[i])
				}
				if want[1+i] != plain {
					t.Fatalf("k=%d slot %d: %d, want %d", k, i, want[1+i], plain)
				}
			}
		}
	}
}

package radix_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/internal/radix"
)

// TestSort checks Sort and SortInPlace against slices.Sort on inputs that exercise every
// path: short slices, skipped passes (shared bytes), duplicates and the
// full range.
func TestSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	gens := map[string]func() uint64{
		"uniform":      rng.Uint64,
		"small values": func() uint64 { return rng.Uint64N(1000) },
		"high bits":    func() uint64 { return rng.Uint64N(64) << 58 },
		"duplicates":   func() uint64 { return rng.Uint64N(5) * 0x0101010101010101 },
		"pair keys":    func() uint64 { return rng.Uint64N(3000)<<32 | rng.Uint64N(3000) },
	}
	for name, gen := range gens {
		for _, n := range []int{0, 1, 2, 255, 256, 257, 1000, 100000} {
			a := make([]uint64, n)
			for i := range a {
				a[i] = gen()
			}
			want := slices.Clone(a)
			slices.Sort(want)
			inPlace := slices.Clone(a)
			if radix.SortInPlace(inPlace); !slices.Equal(inPlace, want) {
				t.Errorf("%s, n=%d: SortInPlace differs from slices.Sort", name, n)
			}
			got := radix.Sort(a, make([]uint64, n))
			if !slices.Equal(got, want) {
				t.Errorf("%s, n=%d: Sort differs from slices.Sort", name, n)
			}
			if n > 0 && &got[0] != &a[0] {
				t.Errorf("%s, n=%d: Sort returned another slice than its input", name, n)
			}
		}
	}
}

func BenchmarkSort(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	src := make([]uint64, 1<<20)
	for i := range src {
		src[i] = rng.Uint64()
	}
	a, tmp := make([]uint64, len(src)), make([]uint64, len(src))
	for _, impl := range []struct {
		name string
		sort func()
	}{
		{"radix", func() { radix.Sort(a, tmp) }},
		{"radix-in-place", func() { radix.SortInPlace(a) }},
		{"slices", func() { slices.Sort(a) }},
	} {
		b.Run(impl.name, func(b *testing.B) {
			b.SetBytes(8 * int64(len(a)))
			for b.Loop() {
				b.StopTimer()
				copy(a, src)
				b.StartTimer()
				impl.sort()
			}
		})
	}
}

package radix_test

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/radix"
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

			// SortWith carries each key's value (its first position,
			// so that equal keys must keep their order) as a stable
			// comparison sort of (key, value) does.
			keys := slices.Clone(a)
			for i := range keys {
				keys[i] = gen()
			}
			vals := make([]float64, n)
			type kv struct {
				k uint64
				v float64
			}
			wantKV := make([]kv, n)
			for i := range keys {
				vals[i] = float64(i)
				wantKV[i] = kv{keys[i], vals[i]}
			}
			slices.SortStableFunc(wantKV, func(x, y kv) int { return cmp.Compare(x.k, y.k) })
			radix.SortWith(keys, vals)
			for i := range wantKV {
				if keys[i] != wantKV[i].k || vals[i] != wantKV[i].v {
					t.Errorf("%s, n=%d: SortWith gives (%d, %v) at %d, want (%d, %v)", name, n, keys[i], vals[i], i, wantKV[i].k, wantKV[i].v)
					break
				}
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

package sets_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/sets"
)

// TestIntersection checks IntersectionAtLeast against a count by a map,
// which shares no code with it, on random ascending sets of 0 to 400
// tokens drawn from vocabularies small (heavy overlap) and large (little),
// identical copies among them, for every need around the true count: the
// exact count when it is at least need, and a number below need otherwise.
func TestIntersection(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	set := func(n int, vocab uint64) []uint64 {
		m := map[uint64]bool{}
		for len(m) < n && uint64(len(m)) < vocab {
			m[rng.Uint64N(vocab)] = true
		}
		s := make([]uint64, 0, len(m))
		for x := range m {
			s = append(s, x)
		}
		slices.Sort(s)
		return s
	}
	for trial := range 3000 {
		vocab := []uint64{50, 500, 1 << 40}[trial%3]
		a, b := set(rng.IntN(400), vocab), set(rng.IntN(400), vocab)
		if trial%7 == 0 {
			b = slices.Clone(a) // identical copies
		}
		in := map[uint64]bool{}
		for _, x := range a {
			in[x] = true
		}
		want := 0
		for _, x := range b {
			if in[x] {
				want++
			}
		}
		if got := sets.Intersection(a, b); got != want {
			t.Fatalf("trial %d (|a| %d, |b| %d): Intersection = %d, want %d", trial, len(a), len(b), got, want)
		}
		for _, need := range []int{0, want - 1, want, want + 1, want + 50} {
			got := sets.IntersectionAtLeast(a, b, need)
			if want >= need && got != want {
				t.Fatalf("trial %d (|a| %d, |b| %d): IntersectionAtLeast(need %d) = %d, want %d", trial, len(a), len(b), need, got, want)
			}
			if want < need && got >= need {
				t.Fatalf("trial %d (|a| %d, |b| %d): IntersectionAtLeast(need %d) = %d, want below need (true %d)", trial, len(a), len(b), need, got, want)
			}
		}
	}
}

func ExampleIntersection() {
	a := []uint64{2, 3, 5, 7, 11, 13}
	b := []uint64{1, 2, 3, 4, 5, 6}
	fmt.Println(sets.Intersection(a, b))
	// Output: 3
}

// BenchmarkIntersection counts the tokens shared by pairs of near-copies of
// 300 tokens that share 270 or so, as a join verifies the candidates of a
// cluster of near-copies.
func BenchmarkIntersection(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := make([]uint64, 300)
	for i := range base {
		base[i] = rng.Uint64()
	}
	var as, bs [][]uint64
	for range 1000 {
		x, y := slices.Clone(base), slices.Clone(base)
		for range 30 {
			x[rng.IntN(300)] = rng.Uint64()
			y[rng.IntN(300)] = rng.Uint64()
		}
		slices.Sort(x)
		slices.Sort(y)
		as, bs = append(as, x), append(bs, y)
	}
	b.SetBytes(int64(8 * 600 * len(as)))
	for b.Loop() {
		for i := range as {
			sets.Intersection(as[i], bs[i])
		}
	}
}

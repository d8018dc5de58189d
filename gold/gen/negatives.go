package gen

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/simbench/simbench/gold"
)

// candidates numbers the negative pairs that may be labelled: the pairs of a
// document (original or copy) of a source a and one of a source b > a, for
// every pair of sources (a, b) that has a negative label. Candidate x is the
// pair of copy (x mod per²) / per of the source pair number x / per², and
// copy x mod per of the other, copy 0 being the source itself. The source
// pairs are numbered in (a, b) order: all of them when the source set is
// exhaustive, else those it labels.
type candidates struct {
	src    *gold.Set
	srcs   []source
	per    uint64   // documents per source: the source and its copies
	listed [][2]int // the labelled source pairs, when src is not exhaustive
	labels []string // the negative labels that may be used, in their order
	total  uint64   // the number of candidates
}

func newCandidates(src *gold.Set, srcs []source, per int) (*candidates, bool) {
	c := &candidates{src: src, srcs: srcs, per: uint64(per), labels: slices.Clone(src.Manifest.Negative)}
	var pairs uint64
	if src.Manifest.Exhaustive {
		if !slices.Contains(c.labels, unrelated) {
			c.labels = append(c.labels, unrelated)
		}
		s := uint64(len(srcs))
		pairs = s * (s - 1) / 2
	} else {
		source := make([]int, len(src.Docs)) // index in srcs of each document of src, or -1
		for i := range source {
			source[i] = -1
		}
		for i, s := range srcs {
			source[s.idx] = i
		}
		for _, p := range src.Pairs { // sorted by (A, B), as srcs is by idx
			a, b := source[p.A], source[p.B]
			if a >= 0 && b >= 0 && !src.IsPositive(p.Label) {
				c.listed = append(c.listed, [2]int{a, b})
			}
		}
		pairs = uint64(len(c.listed))
	}
	hi, lo := bits.Mul64(pairs, c.per*c.per)
	c.total = lo
	return c, hi == 0
}

// at returns candidate x: the sources sa < sb, the copies ca of sa and cb of
// sb, and the index in c.labels of its label.
func (c *candidates) at(x uint64) (sa, sb, ca, cb, label int) {
	t, r := x/(c.per*c.per), x%(c.per*c.per)
	ca, cb = int(r/c.per), int(r%c.per)
	var l string
	if c.src.Manifest.Exhaustive {
		sa, sb = unrank(t, len(c.srcs))
		var ok bool
		if l, ok = c.src.Label(c.srcs[sa].idx, c.srcs[sb].idx); !ok {
			l = unrelated
		}
	} else {
		sa, sb = c.listed[t][0], c.listed[t][1]
		l, _ = c.src.Label(c.srcs[sa].idx, c.srcs[sb].idx)
	}
	return sa, sb, ca, cb, slices.Index(c.labels, l)
}

// unrank returns pair number t of the pairs (a, b), a < b < n, numbered in
// (a, b) order: pair (a, b) is number off(a) + b - a - 1, where
// off(a) = a(2n - a - 1)/2 pairs come before the row of a.
func unrank(t uint64, n int) (a, b int) {
	off := func(a int) uint64 { return uint64(a) * uint64(2*n-a-1) / 2 }
	// a is the last row starting at or before t.
	a = sort.Search(n-1, func(a int) bool { return off(a+1) > t })
	return a, a + 1 + int(t-off(a))
}

// sample returns max candidates drawn uniformly without replacement with
// rng, or all when there are no more than max, ascending.
func (c *candidates) sample(max int, rng *rand.Rand) []uint64 {
	m := uint64(max)
	if c.total <= m {
		all := make([]uint64, c.total)
		for i := range all {
			all[i] = uint64(i)
		}
		return all
	}
	// Floyd's algorithm (J. Bentley, "Programming Pearls: A sample of
	// brilliance", CACM 30(9), 1987): m draws, each set uniform.
	chosen := make(map[uint64]struct{}, m)
	out := make([]uint64, 0, m)
	for j := c.total - m; j < c.total; j++ {
		x := rng.Uint64N(j + 1)
		if _, dup := chosen[x]; dup {
			x = j
		}
		chosen[x] = struct{}{}
		out = append(out, x)
	}
	slices.Sort(out)
	return out
}

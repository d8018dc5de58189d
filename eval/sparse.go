package eval

import (
	"slices"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/gold"
)

// sparsePairs returns the pairs of the sparse corpus scope of s: the union
// of the pairs every configuration found (found[i] holds configuration i's,
// as sorted algo.PairKey keys; nil proposes nothing) and of the labelled
// pairs, sorted by (A, B); and the number of the other pairs of the corpus,
// which are implied negatives.
func sparsePairs(s *gold.Set, found [][]uint64) ([]Pair, int64) {
	n := len(s.Docs)
	labelled := make([]uint64, len(s.Pairs))
	for i, p := range s.Pairs {
		labelled[i] = algo.PairKey(p.A, p.B)
	}
	keys := union(append(slices.Clone(found), labelled))

	pairs := make([]Pair, len(keys))
	j := 0 // s.Pairs is sorted by (A, B) too
	for i, k := range keys {
		a, b := algo.SplitPairKey(k)
		p := Pair{A: a, B: b}
		for j < len(s.Pairs) && algo.PairKey(s.Pairs[j].A, s.Pairs[j].B) < k {
			j++
		}
		if j < len(s.Pairs) && algo.PairKey(s.Pairs[j].A, s.Pairs[j].B) == k {
			p.Label = s.Pairs[j].Label
			p.Positive = s.IsPositive(p.Label)
		}
		pairs[i] = p
	}
	return pairs, int64(n)*int64(n-1)/2 - int64(len(pairs))
}

// union returns the sorted distinct keys of lists, each sorted and
// distinct (nil lists are empty), by merging them: O(total · len(lists))
// time and no sort, for a few lists of millions of keys.
func union(lists [][]uint64) []uint64 {
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	out := make([]uint64, 0, total)
	heads := make([]int, len(lists))
	for {
		least, any := uint64(0), false
		for i, l := range lists {
			if h := heads[i]; h < len(l) && (!any || l[h] < least) {
				least, any = l[h], true
			}
		}
		if !any {
			return out
		}
		out = append(out, least)
		for i, l := range lists {
			if h := heads[i]; h < len(l) && l[h] == least {
				heads[i]++
			}
		}
	}
}

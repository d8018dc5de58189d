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
	keys := slices.Concat(found...)
	for _, p := range s.Pairs {
		keys = append(keys, algo.PairKey(p.A, p.B))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)

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

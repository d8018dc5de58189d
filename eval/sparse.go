package eval

import (
	"slices"

	"github.com/simbench/simbench/gold"
)

// sparsePairs returns the pairs of the sparse corpus scope of s: the union
// of every document's candidates under every configuration (cands[i][a]
// lists the candidates of document a under configuration i; a nil
// cands[i] proposes nothing) and of the labelled pairs, sorted by (A, B);
// and the number of the other pairs of the corpus, which are implied
// negatives.
func sparsePairs(s *gold.Set, cands [][][]int) ([]Pair, int64) {
	n := len(s.Docs)
	var keys []uint64
	for _, c := range cands {
		for a, bs := range c {
			for _, b := range bs {
				if a < b {
					keys = append(keys, pairKey(a, b))
				}
			}
		}
	}
	for _, p := range s.Pairs {
		keys = append(keys, pairKey(p.A, p.B))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)

	pairs := make([]Pair, len(keys))
	j := 0 // s.Pairs is sorted by (A, B) too
	for i, k := range keys {
		p := Pair{A: int(k >> 32), B: int(k & (1<<32 - 1))}
		for j < len(s.Pairs) && pairKey(s.Pairs[j].A, s.Pairs[j].B) < k {
			j++
		}
		if j < len(s.Pairs) && pairKey(s.Pairs[j].A, s.Pairs[j].B) == k {
			p.Label = s.Pairs[j].Label
			p.Positive = s.IsPositive(p.Label)
		}
		pairs[i] = p
	}
	return pairs, int64(n)*int64(n-1)/2 - int64(len(pairs))
}

// pairKey packs a pair of document indexes, each below 2^32, into one
// integer ordered as (a, b).
func pairKey(a, b int) uint64 { return uint64(a)<<32 | uint64(b) }

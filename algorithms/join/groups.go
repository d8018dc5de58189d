package join

import (
	"math"
	"slices"
)

// Identical sets. A corpus may hold many byte-identical documents
// (boilerplate, mirrors): n copies make n(n−1)/2 pairs of J = 1, which
// prefix filtering would find one candidate at a time, each verified by a
// merge. The self-join therefore first groups identical sets and joins one
// representative of each group, the set of the group with the smallest
// index; every pair inside a group has J = 1, and a pair of representatives
// (a, b) found with J stands for the |A|·|B| pairs of the two groups, all
// with the same J, since J depends on the sets only.

// A partition is the groups of identical non-empty sets of a corpus.
type partition struct {
	// next[i] is the next set of set i's group in increasing index, or
	// −1 after the last.
	next []int32
	// size[i] is the size of set i's group when i represents it (the
	// group's smallest index), 0 for the other members, 1 for a set
	// identical to no other and for an empty set.
	size []int32
	// pairs is Σ C(|G|, 2) over the groups: the pairs of J = 1 inside
	// groups.
	pairs int
	// grouped reports whether some group has two sets or more.
	grouped bool
}

// groupHash is a hash of a set that does not depend on the order of its
// tokens' mixing, so that its terms are computed in parallel by the
// processor: |s| + Σ mix(x). Equal sets hash alike; the groups are then
// confirmed by comparing the sets, so a collision costs only a comparison.
// A variable so that a test can make every set collide.
var groupHash = func(s []uint64) uint64 {
	h := uint64(len(s))
	for _, x := range s {
		h += mix(x)
	}
	return h
}

// newPartition groups the identical non-empty sets of sets, with up to
// workers goroutines. It holds 32 bytes per set and keeps 8.
func newPartition(sets [][]uint64, workers int) *partition {
	n := len(sets)
	pt := &partition{next: make([]int32, n), size: make([]int32, n)}
	// keys[k] is the 32 leading bits of a set's hash above its index; a
	// run of equal leading bits holds every copy of a set, in increasing
	// index. hashes holds the full hashes, to tell most collisions apart
	// without comparing the sets.
	hashes := make([]uint64, n)
	forBlocks(sets, workers, func(first, last, _ int) {
		for i := first; i < last; i++ {
			hashes[i] = groupHash(sets[i])
		}
	})
	keys := make([]uint64, 0, n)
	for i, s := range sets {
		pt.next[i] = -1
		pt.size[i] = 1
		if len(s) > 0 {
			keys = append(keys, hashes[i]&^math.MaxUint32|uint64(i))
		}
	}
	sortKeys(keys, make([]uint64, len(keys)), workers)
	var last []int32 // the last set of each group of the current run
	for k := 0; k < len(keys); {
		e := k + 1
		for e < len(keys) && keys[e]>>32 == keys[k]>>32 {
			e++
		}
		if e-k == 1 {
			k = e
			continue
		}
		// A run of sets whose hashes agree on the leading bits: each set
		// joins the first group of the run it equals, or starts one.
		last = last[:0]
		for _, key := range keys[k:e] {
			i := int32(key & math.MaxUint32)
			joined := false
			for g, l := range last {
				if hashes[l] == hashes[i] && slices.Equal(sets[l], sets[i]) {
					pt.next[l] = i
					last[g] = i
					joined = true
					break
				}
			}
			if !joined {
				last = append(last, i)
			}
		}
		k = e
	}
	// Sizes: each representative walks its group once.
	for i := range n {
		if pt.size[i] == 0 || pt.next[i] < 0 {
			continue
		}
		g := int32(1)
		for j := pt.next[i]; j >= 0; j = pt.next[j] {
			pt.size[j] = 0
			g++
		}
		pt.size[i] = g
		pt.pairs += int(g) * int(g-1) / 2
		pt.grouped = true
	}
	return pt
}

// reps returns sets with every set that does not represent its group
// replaced by nil, or sets itself when no two sets are identical.
func (pt *partition) reps(sets [][]uint64) [][]uint64 {
	if !pt.grouped {
		return sets
	}
	reps := make([][]uint64, len(sets))
	for i, s := range sets {
		if pt.size[i] > 0 {
			reps[i] = s
		}
	}
	return reps
}

package join

import "math"

// Bounds bound, before a self-join runs, how many pairs it returns and how
// much memory it holds for them; Estimate computes them.
type Bounds struct {
	// Sets is the number of non-empty sets and Groups the number of
	// groups of identical non-empty sets (a set identical to no other is
	// a group of one).
	Sets, Groups int
	// IdenticalPairs is Σ C(|G|, 2) over the groups G: the pairs of
	// identical sets, J = 1, every one of them in the result. It is exact.
	IdenticalPairs int64
	// Probes is the number of posting-list entries the join reads: every
	// pair of group representatives that the join verifies, and so every
	// pair of representatives in the result, is counted at least once.
	Probes int64
	// CrossPairs is Probes with each entry, a pair of representatives of
	// groups A and B, counted |A|·|B| times: an upper bound on the pairs
	// of the result whose sets are not identical.
	CrossPairs int64
	// IndexBytes is the memory of the prefixes and posting lists that the
	// join holds while it probes (see the package documentation).
	IndexBytes int64
}

// Pairs returns IdenticalPairs + CrossPairs, an upper bound on the number
// of pairs that SelfJoin, JoinWorkers or Index find.
func (e Bounds) Pairs() int64 { return satAdd(e.IdenticalPairs, e.CrossPairs) }

// PairBytes returns an upper bound on the bytes that SelfJoin holds for
// pairs at once: 8 per pair of the result and 8 per pair of
// representatives found (at most Probes), the latter released as the
// result is filled.
func (e Bounds) PairBytes() int64 { return satAdd(satMul(8, e.Pairs()), satMul(8, e.Probes)) }

// Estimate returns the bounds of a self-join of sets at t, 0 < t ≤ 1, with
// the preconditions of Join, using up to workers goroutines. It does what
// the join does before it probes: it groups the identical sets (32 bytes
// per set, transient), counts the tokens and gives out the ranks of the
// prefixes; then, instead of probing, it adds up the lengths of the
// posting lists each set would read in the order of processing, with one
// counter per list. Its time and memory are those of the join without the
// probing, verification and pairs: linear in the number of tokens,
// whatever the output.
//
// The bounds hold because a pair with J ≥ t shares a token between the
// probing prefix of the later set and the indexing prefix of the earlier
// (the prefix filter; see the package documentation), which puts the
// earlier set in a list the later reads.
func Estimate(sets [][]uint64, t float64, workers int) Bounds {
	th := newThreshold(t)
	checkSets(sets)
	workers = max(1, workers)
	pt := newPartition(sets, workers)
	var e Bounds
	for i, s := range sets {
		if len(s) > 0 {
			e.Sets++
			if pt.size[i] > 0 {
				e.Groups++
			}
		}
	}
	e.IdenticalPairs = int64(pt.pairs)
	c, lists := newSelfCorpus(pt.reps(sets), th, workers)
	// entries[r] and weight[r] are the sets, and the sets of their
	// groups, indexed in list r so far.
	entries := make([]int64, lists)
	weight := make([]int64, lists)
	indexTokens := 0
	for q := range c.n() {
		w := int64(pt.size[c.id[q]])
		for _, r := range c.set(q) {
			if r != none {
				e.Probes = satAdd(e.Probes, entries[r])
				e.CrossPairs = satAdd(e.CrossPairs, satMul(w, weight[r]))
			}
		}
		for _, r := range c.indexed(q, th.indexPrefix) {
			if r != none {
				entries[r]++
				weight[r] += w
				indexTokens++
			}
		}
	}
	// 4 bytes per probing-prefix token, 8 per indexing-prefix token, 4
	// per list and 40 per set (package documentation).
	e.IndexBytes = int64(4*len(c.ranks) + 8*indexTokens + 4*lists + 40*c.n())
	return e
}

// satAdd returns a + b for non-negative a and b, or MaxInt64 if the sum
// overflows.
func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// satMul returns a·b for non-negative a and b, or MaxInt64 if the product
// overflows.
func satMul(a, b int64) int64 {
	if a != 0 && b > math.MaxInt64/a {
		return math.MaxInt64
	}
	return a * b
}

// IdenticalPairs returns Σ C(|G|, 2) over the groups G of identical
// non-empty sets of sets: the pairs of J = 1, every one of them in the
// result of a self-join at any threshold, so a lower bound of its size. It
// does only the grouping of Estimate (a hash per set, 32 bytes per set),
// far cheaper than the join. The sets must be sorted and distinct, as for
// Join.
func IdenticalPairs(sets [][]uint64, workers int) int64 {
	checkSets(sets)
	return int64(newPartition(sets, max(1, workers)).pairs)
}

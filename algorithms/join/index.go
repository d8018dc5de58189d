package join

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/simbench/simbench/algorithms/algo"
)

// An Index holds sets and finds, for a query set, exactly the sets whose
// Jaccard similarity with it is at least the threshold t. As an algo.Index
// over shingle sets (the signatures of exact Jaccard) it proposes precisely
// the pairs with J ≥ t, so that no pair at or above the threshold is lost
// and none below it is scored.
//
// Finish joins the added sets with JoinWorkers and keeps, for every set, its
// partners: a query equal to an added set (found by a hash of the set and
// then compared in full) is answered from them in time linear in its size.
// The first query that is not an added set builds, once, an index of the
// longer prefixes |y| − ⌈t·|y|⌉ + ℓ of every set (any query size must be
// served) over a dictionary of every token (12 bytes per distinct token);
// such a query's tokens that no set holds are ranked first and match
// nothing.
//
// Add every set, call Finish once, then call Candidates or Pairs any number
// of times, from any number of goroutines.
type Index struct {
	// Workers is the number of goroutines Finish uses; 0 means 1.
	Workers int

	th   *threshold
	sets [][]uint64 // by id; retained
	done bool

	pairs []Pair
	// The partners of id are partner[start[id]:start[id+1]], ascending.
	start   []int
	partner []int32
	// byHash gives an id of a set with a hash, and collide the ids of
	// other, different sets with the same hash.
	byHash  map[uint64]int32
	collide map[uint64][]int32

	// The index of prefixes for other queries, built by the first.
	other struct {
		once sync.Once
		dict dictionary
		c    *corpus
		p    *postings
		pool sync.Pool // of *scratch
	}
}

var _ algo.Index = (*Index)(nil)

// NewIndex returns an empty index for about sizeHint sets at threshold t,
// 0 < t ≤ 1.
func NewIndex(t float64, sizeHint int) *Index {
	return &Index{th: newThreshold(t), sets: make([][]uint64, 0, max(0, sizeHint))}
}

// Add adds set, sorted ascending and distinct, as the set of id, a
// non-negative integer below 2^31 not added before. The index retains set.
// An empty set is nobody's candidate.
func (ix *Index) Add(id int, set []uint64) {
	if ix.done {
		panic("join: Index.Add after Finish")
	}
	if id < 0 || id > math.MaxInt32-1 {
		panic(fmt.Sprintf("join: Index.Add id %d, want 0 to %d", id, math.MaxInt32-1))
	}
	if err := checkSet(set); err != nil {
		panic(fmt.Sprintf("join: Index.Add id %d: %v", id, err))
	}
	if id >= len(ix.sets) {
		ix.sets = append(ix.sets, make([][]uint64, id+1-len(ix.sets))...)
	}
	if ix.sets[id] != nil {
		panic(fmt.Sprintf("join: Index.Add id %d twice", id))
	}
	if set == nil {
		set = []uint64{}
	}
	ix.sets[id] = set
}

// setHash is a hash of a set's tokens in order; a variable so that a test
// can make every set collide.
var setHash = hashTokens

func hashTokens(s []uint64) uint64 {
	h := uint64(len(s))
	for _, x := range s {
		h = mix(h ^ x)
	}
	return h
}

// Finish joins the added sets. Calling it again does nothing.
func (ix *Index) Finish() {
	if ix.done {
		return
	}
	ix.done = true
	ix.pairs = selfJoin(ix.sets, ix.th, ix.Workers)
	n := len(ix.sets)
	ix.start = make([]int, n+1)
	for _, p := range ix.pairs {
		ix.start[p.A+1]++
		ix.start[p.B+1]++
	}
	for i := range n {
		ix.start[i+1] += ix.start[i]
	}
	ix.partner = make([]int32, 2*len(ix.pairs))
	next := slices.Clone(ix.start[:n])
	// Pairs come in increasing (A, B): every list fills in increasing
	// order, the partners before id from the pairs where id is B.
	for _, p := range ix.pairs {
		ix.partner[next[p.B]] = int32(p.A)
		next[p.B]++
	}
	for _, p := range ix.pairs {
		ix.partner[next[p.A]] = int32(p.B)
		next[p.A]++
	}
	ix.byHash = make(map[uint64]int32, n)
	ix.collide = make(map[uint64][]int32)
	same := func(id int32, s []uint64) bool { return slices.Equal(ix.sets[id], s) }
	hashes := make([]uint64, n)
	forBlocks(ix.sets, max(1, ix.Workers), func(first, last, _ int) {
		for id, s := range ix.sets[first:last] {
			hashes[first+id] = setHash(s)
		}
	})
	for id, s := range ix.sets {
		if len(s) == 0 {
			continue
		}
		h := hashes[id]
		first, ok := ix.byHash[h]
		switch {
		case !ok:
			ix.byHash[h] = int32(id)
		case !same(first, s) && !slices.ContainsFunc(ix.collide[h], func(o int32) bool { return same(o, s) }):
			ix.collide[h] = append(ix.collide[h], int32(id))
		}
	}
}

// Candidates appends to dst, in increasing order, the ids of the sets whose
// Jaccard similarity with set (sorted ascending and distinct) is at least
// t, and returns the extended slice. A set added to the index is its own
// candidate; an empty set has none. In steady state it allocates nothing
// beyond the growth of dst.
func (ix *Index) Candidates(dst []int, set []uint64) []int {
	if !ix.done {
		panic("join: Index.Candidates before Finish")
	}
	if len(set) == 0 {
		return dst
	}
	h := setHash(set)
	if id, ok := ix.byHash[h]; ok && slices.Equal(ix.sets[id], set) {
		return ix.partners(dst, int(id))
	}
	for _, id := range ix.collide[h] {
		if slices.Equal(ix.sets[id], set) {
			return ix.partners(dst, int(id))
		}
	}
	return ix.query(dst, set)
}

// partners appends id and its partners, in increasing order.
func (ix *Index) partners(dst []int, id int) []int {
	ps := ix.partner[ix.start[id]:ix.start[id+1]]
	k, _ := slices.BinarySearch(ps, int32(id))
	for _, p := range ps[:k] {
		dst = append(dst, int(p))
	}
	dst = append(dst, id)
	for _, p := range ps[k:] {
		dst = append(dst, int(p))
	}
	return dst
}

// query answers a set that was not added, by probing the index of
// prefixes.
func (ix *Index) query(dst []int, set []uint64) []int {
	o := &ix.other
	o.once.Do(func() {
		o.dict = newDictionary(ix.sets, 1, max(1, ix.Workers))
		o.c = newCorpus(ix.sets, &o.dict, max(1, ix.Workers))
		o.p = newPostings(o.c, ix.th.probePrefix, o.dict.size)
		n := o.c.n()
		o.pool.New = func() any { return newScratch(n) }
	})
	if o.c.n() == 0 {
		return dst
	}
	s := o.pool.Get().(*scratch)
	s.ranks = s.ranks[:0]
	for _, x := range set {
		if r, ok := o.dict.lookup(mix(x)); ok {
			s.ranks = append(s.ranks, r)
		}
	}
	slices.Sort(s.ranks)
	xsize, th := len(set), ix.th
	lo, _ := slices.BinarySearch(o.c.size, int32(th.minSize(xsize)))
	hi, _ := slices.BinarySearch(o.c.size, int32(min(th.maxSize(xsize), math.MaxInt32-1)+1))
	s.probe(o.c, o.p, th, set, s.ranks, xsize-len(s.ranks), lo, hi)
	s.ids = s.ids[:0]
	for _, m := range s.out {
		if _, ok := th.similar(int(m.o), xsize, int(o.c.size[m.q])); ok {
			s.ids = append(s.ids, int(o.c.id[m.q]))
		}
	}
	slices.Sort(s.ids)
	dst = append(dst, s.ids...)
	o.pool.Put(s)
	return dst
}

// Pairs returns every pair of added sets whose Jaccard similarity is at
// least t, as Join does. The caller may modify the result.
func (ix *Index) Pairs() []Pair {
	if !ix.done {
		panic("join: Index.Pairs before Finish")
	}
	return slices.Clone(ix.pairs)
}

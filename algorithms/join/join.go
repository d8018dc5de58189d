// Package join finds, exactly, every pair of sets whose Jaccard similarity
//
//	J(x, y) = |x ∩ y| / |x ∪ y|
//
// reaches a threshold t, without comparing every pair: a similarity join by
// prefix filtering. It gives the exact truth of a corpus too large for the
// n(n−1)/2 comparisons of all pairs.
//
// The algorithm is AllPairs (Bayardo, Ma and Srikant, "Scaling up all pairs
// similarity search", WWW 2007) with the positional filter of PPJoin (Xiao,
// Wang, Lin and Yu, "Efficient similarity joins for near duplicate
// detection", WWW 2008) and ℓ-prefixes (Wang, Li and Feng, "Can we beat the
// prefix filtering?", SIGMOD 2012):
//
//   - Global order. Tokens are ordered by increasing document frequency, the
//     number of sets holding them, so that the rarest come first; ties are
//     broken by increasing token, so the order is deterministic. Each set is
//     rewritten as the list of its tokens' ranks in that order.
//   - Overlap bound. J(x, y) ≥ t if and only if |x ∩ y| ≥ α with
//     α = ⌈t/(1+t) · (|x| + |y|)⌉.
//   - Length filter. J(x, y) ≥ t needs t·|x| ≤ |y| ≤ |x|/t. Sets are
//     processed in increasing size, so a set is compared only with earlier
//     sets of size at least ⌈t·|x|⌉.
//   - Prefix filter. If |x ∩ y| ≥ α, the first |x| − α + 1 tokens of x and
//     the first |y| − α + 1 tokens of y share a token (Bayardo et al., §4);
//     longer by ℓ − 1, they share min(ℓ, α) tokens (Wang et al., §3). As
//     α ≥ ⌈t·|x|⌉, a set x probes with its first |x| − ⌈t·|x|⌉ + ℓ tokens;
//     an earlier, no larger set y needs only α ≥ ⌈2t/(1+t) · |y|⌉, so its
//     first |y| − ⌈2t/(1+t) · |y|⌉ + ℓ tokens are indexed. A candidate that
//     the probe finds fewer than min(ℓ, α) times is dropped; ℓ = 3.
//   - Positional filter. When the token at position i of x (from 0) is the
//     token at position j of y, and A tokens of x before i were found in y
//     before j, then |x ∩ y| ≤ A + 1 + min(|x| − i − 1, |y| − j − 1); a pair
//     whose bound falls below α is dropped (Xiao et al., §4.1).
//   - Verification. A surviving candidate's overlap is counted by merging
//     the two sets (sets.IntersectionAtLeast), stopping as soon as α is out
//     of reach, and the pair is kept when J ≥ t.
//
// Tokens found in a single set can match nothing: Join drops them after
// counting, keeping only how many a set had, which saves their memory and
// their place in the prefixes; of the other tokens a set keeps only the
// ranks of its probing prefix. Every bound is computed with t lowered by a
// relative 10⁻⁹, so that rounding never drops a pair; the final test is on
// J computed as package jaccard computes it, float64(|x∩y|) / float64(|x∪y|),
// so Join returns the pairs and the values that comparing all pairs with
// jaccard.Jaccard would.
//
// Identical sets. A corpus may hold many byte-identical documents
// (boilerplate, mirrors), whose n(n−1)/2 pairs prefix filtering would find
// one candidate and one merge at a time. The join first groups identical
// sets, by a hash of each set confirmed by comparing the sets, and joins
// only one representative per group, the set of smallest index. Every pair
// inside a group has J = 1, and a pair of representatives found with J
// stands for the |A|·|B| pairs of their groups, all with that J, as J
// depends on the sets only. The pairs are then written out: SelfJoin counts
// them, fills one slice of exactly that many algo.PairKey keys (8 bytes a
// pair) and sorts it in place (a radix sort), holding meanwhile 8 bytes per
// pair of representatives; Join and JoinWorkers return 24-byte Pairs.
// Estimate bounds the number of pairs, and these bytes, before a join.
//
// Cost. Join does not copy the sets. Grouping holds 32 bytes per set, 8 of
// them until the join ends. Counting cuts the token space into
// ranges, which a set's sorted tokens cross in order: it gathers the
// tokens of consecutive ranges from every set in passes of about 2^24
// tokens (12 bytes each, transient) and sorts each range of about 2^16
// tokens on its own (a radix sort in cache), keeping for every token found
// in two or more sets the list of those sets (4 bytes per set and token)
// until the ranks are given out. The join then keeps 4 bytes per token of
// a probing prefix, 8 bytes per token of an indexing prefix, 4 bytes per
// indexed distinct token, and about 40 bytes per set plus 8 bytes per set
// and worker. Counting, sorting and probing are shared among JoinWorkers'
// workers; giving out the ranks is sequential. The file prefix.go holds
// counting and ranking.
package join

import (
	"cmp"
	"context"
	"fmt"
	"github.com/simbench/simbench/algorithms/sets"
	"math"
	"slices"
	"sync"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/radix"
)

// A Pair is a pair of sets and their Jaccard similarity.
type Pair struct {
	A, B int     // indexes of the two sets, A < B
	J    float64 // J(A, B) = |A ∩ B| / |A ∪ B|, at least the threshold
}

// Join returns every pair of sets whose Jaccard similarity is at least t,
// with that similarity, in increasing (A, B) order.
//
// Every set must be sorted ascending and hold distinct tokens (as shingle
// sets of package text do); an empty set is in no pair, as jaccard.Jaccard
// scores it 0. t must be in (0, 1]. There may be at most 2^31 − 1 sets and
// 2^32 − 1 tokens in all. Join panics when a precondition fails. It reads
// sets but does not modify or retain them.
func Join(sets [][]uint64, t float64) []Pair { return JoinWorkers(sets, t, 1) }

// JoinWorkers is Join with the probing of the sets spread over workers
// goroutines; workers < 1 means 1. The result does not depend on workers.
func JoinWorkers(sets [][]uint64, t float64, workers int) []Pair {
	th := newThreshold(t)
	checkSets(sets)
	return selfJoin(sets, th, workers)
}

// SelfJoin returns the pairs of sets whose Jaccard similarity is at least
// t, as algo.PairKey keys, sorted: the pairs of JoinWorkers without their
// similarity, in 8 bytes each. The preconditions are those of Join; workers
// < 1 means 1, and the result does not depend on workers.
func SelfJoin(sets [][]uint64, t float64, workers int) []uint64 {
	th := newThreshold(t)
	checkSets(sets)
	return selfJoinKeys(sets, th, workers)
}

// SelfJoinScores is SelfJoin with the Jaccard similarity of every pair:
// scores[i] is J of the pair keys[i], computed as |x ∩ y| / (|x| + |y| −
// |x ∩ y|) from the overlap the verification counted, the very division
// jaccard.Jaccard.Similarity makes, so a caller need not merge the two sets
// again. It holds 24 bytes per pair more than SelfJoin while it sorts.
func SelfJoinScores(sets [][]uint64, t float64, workers int) (keys []uint64, scores []float64) {
	keys, scores, _ = SelfJoinScoresContext(context.Background(), sets, t, workers)
	return keys, scores
}

// SelfJoinScoresContext is SelfJoinScores that stops early once ctx is
// done, returning ctx's error and no pairs: its workers look at ctx every
// 256 sets they probe.
func SelfJoinScoresContext(ctx context.Context, sets [][]uint64, t float64, workers int) (keys []uint64, scores []float64, err error) {
	th := newThreshold(t)
	checkSets(sets)
	keys, scores = selfJoinScores(ctx, sets, th, workers)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return keys, scores, nil
}

// selfJoinScores is SelfJoinScores without the checks; it returns early,
// with what it found, once ctx is done.
func selfJoinScores(ctx context.Context, sets [][]uint64, th *threshold, workers int) (keys []uint64, scores []float64) {
	workers = max(1, workers)
	pt := newPartition(sets, workers)
	bufs := joinGroups(ctx, sets, pt, th, workers, true)
	if ctx.Err() != nil {
		return nil, nil
	}
	total := pt.resultPairs(bufs)
	if total == 0 {
		return nil, nil
	}
	keys, scores = make([]uint64, 0, total), make([]float64, 0, total)
	for _, buf := range bufs {
		for k, chunk := range buf.keys {
			for i, key := range chunk {
				a, b := algo.SplitPairKey(key)
				j, _ := th.similar(int(buf.overlaps[k][i]), len(sets[a]), len(sets[b]))
				for x := int32(a); x >= 0; x = pt.next[x] {
					for y := int32(b); y >= 0; y = pt.next[y] {
						keys = append(keys, algo.PairKey(int(min(x, y)), int(max(x, y))))
						scores = append(scores, j)
					}
				}
			}
			buf.keys[k], buf.overlaps[k] = nil, nil
		}
	}
	for i, s := range sets {
		if pt.size[i] < 2 {
			continue
		}
		j, _ := th.similar(len(s), len(s), len(s)) // 1
		for x := int32(i); x >= 0; x = pt.next[x] {
			for y := pt.next[x]; y >= 0; y = pt.next[y] {
				keys = append(keys, algo.PairKey(int(x), int(y)))
				scores = append(scores, j)
			}
		}
	}
	radix.SortWith(keys, scores)
	return keys, scores
}

// selfJoin is JoinWorkers without the checks.
func selfJoin(sets [][]uint64, th *threshold, workers int) []Pair {
	keys, scores := selfJoinScores(context.Background(), sets, th, workers)
	pairs := make([]Pair, len(keys))
	for i, key := range keys {
		a, b := algo.SplitPairKey(key)
		pairs[i] = Pair{A: a, B: b, J: scores[i]}
	}
	return pairs
}

// selfJoinKeys is SelfJoin without the checks.
func selfJoinKeys(sets [][]uint64, th *threshold, workers int) []uint64 {
	workers = max(1, workers)
	pt := newPartition(sets, workers)
	bufs := joinGroups(context.Background(), sets, pt, th, workers, false)
	total := pt.resultPairs(bufs)
	if total == 0 {
		return nil
	}
	keys := make([]uint64, 0, total)
	for _, buf := range bufs {
		for k, chunk := range buf.keys {
			for _, key := range chunk {
				a, b := algo.SplitPairKey(key)
				if pt.next[a] < 0 && pt.next[b] < 0 {
					keys = append(keys, key)
					continue
				}
				for x := int32(a); x >= 0; x = pt.next[x] {
					for y := int32(b); y >= 0; y = pt.next[y] {
						keys = append(keys, algo.PairKey(int(min(x, y)), int(max(x, y))))
					}
				}
			}
			buf.keys[k] = nil
		}
	}
	for i := range sets {
		if pt.size[i] < 2 {
			continue
		}
		for x := int32(i); x >= 0; x = pt.next[x] {
			for y := pt.next[x]; y >= 0; y = pt.next[y] {
				keys = append(keys, algo.PairKey(int(x), int(y)))
			}
		}
	}
	radix.SortInPlace(keys)
	return keys
}

// joinGroups joins the representatives of the groups of pt, the partition
// of sets, and returns the pairs of representatives with J ≥ t.
func joinGroups(ctx context.Context, sets [][]uint64, pt *partition, th *threshold, workers int, withOverlap bool) []*pairBuf {
	c, lists := newSelfCorpus(pt.reps(sets), th, workers)
	if ctx.Err() != nil {
		return nil
	}
	return c.joinReps(ctx, newPostings(c, th.indexPrefix, lists), th, workers, withOverlap)
}

// checkSets panics unless every set is sorted ascending and distinct and the
// sets are few enough for 32-bit indexes.
func checkSets(sets [][]uint64) {
	if len(sets) > math.MaxInt32 {
		panic(fmt.Sprintf("join: %d sets, want at most %d", len(sets), math.MaxInt32))
	}
	total := uint64(0) // an int would overflow on 32-bit platforms
	for i, s := range sets {
		if err := checkSet(s); err != nil {
			panic(fmt.Sprintf("join: set %d: %v", i, err))
		}
		total += uint64(len(s))
	}
	if total > math.MaxUint32 {
		panic(fmt.Sprintf("join: %d tokens in all, want at most %d", total, uint32(math.MaxUint32)))
	}
}

func checkSet(s []uint64) error {
	for k := 1; k < len(s); k++ {
		if s[k] <= s[k-1] {
			return fmt.Errorf("tokens %d and %d (%#x, %#x) are not ascending and distinct", k-1, k, s[k-1], s[k])
		}
	}
	return nil
}

// threshold holds t and the filters' bounds. Every bound is derived from
// lo = t·(1 − 10⁻⁹) rather than t: if float64(o)/float64(u) ≥ t then
// o/u ≥ t·(1 − 2⁻⁵³) > lo in exact arithmetic, and the margin of lo dwarfs
// the rounding of the products below, so no bound ever excludes a pair that
// the final test would keep.
type threshold struct {
	t   float64
	lo  float64 // t lowered by the slack
	c   float64 // lo/(1+lo): α = ⌈c·(|x|+|y|)⌉
	mid float64 // 2lo/(1+lo): α for a set against one no smaller
}

// slack is the relative amount by which t is lowered in every bound: far
// above the float64 rounding of a product (2⁻⁵³ ≈ 1.1·10⁻¹⁶), and small
// enough to loosen a bound by less than one token for sizes below 10⁹. A
// looser bound costs time, never a pair.
const slack = 1e-9

func newThreshold(t float64) *threshold {
	if !(t > 0 && t <= 1) {
		panic(fmt.Sprintf("join: threshold %v, want 0 < t ≤ 1", t))
	}
	lo := t * (1 - slack)
	return &threshold{t: t, lo: lo, c: lo / (1 + lo), mid: 2 * lo / (1 + lo)}
}

func ceil(x float64) int { return int(math.Ceil(x)) }

// probePrefix is |x| − ⌈t·|x|⌉ + ℓ, the prefix that holds ℓ common tokens
// of every y with J(x, y) ≥ t whatever the size of y.
func (th *threshold) probePrefix(n int) int { return min(n, n-ceil(th.lo*float64(n))+ell) }

// indexPrefix is |y| − ⌈2t/(1+t)·|y|⌉ + ℓ, the prefix of y that suffices
// against sets no smaller than y.
func (th *threshold) indexPrefix(n int) int { return min(n, n-ceil(th.mid*float64(n))+ell) }

// ell is ℓ of the ℓ-prefix scheme (Wang, Li and Feng, SIGMOD 2012): with
// prefixes ℓ − 1 tokens longer than the minimum, a pair with J ≥ t shares
// at least min(ℓ, α) tokens in them, so a candidate found fewer times is
// dropped before verification. At t = 0.5 on the zipf benchmark corpus,
// ℓ = 3 verified 830 times fewer candidates than ℓ = 1 (prefix filtering
// alone: 28.8 million) for 17% more posting-list entries read, and ℓ = 4
// removed 2% more for another 8%.
const ell = 3

// minSize is ⌈t·n⌉, the smallest size of a set similar to one of size n.
func (th *threshold) minSize(n int) int { return ceil(th.lo * float64(n)) }

// maxSize is ⌊n/t⌋, the largest size of a set similar to one of size n,
// capped at MaxInt32.
func (th *threshold) maxSize(n int) int {
	return int(min(math.Floor(float64(n)/th.lo), math.MaxInt32))
}

// alpha is ⌈t/(1+t)·(nx+ny)⌉, the overlap J ≥ t needs.
func (th *threshold) alpha(nx, ny int) int32 { return int32(ceil(th.c * float64(nx+ny))) }

// similar reports whether overlap o of sets of sizes nx and ny gives
// J ≥ t, with J computed as package jaccard computes it, and returns J.
func (th *threshold) similar(o, nx, ny int) (float64, bool) {
	j := float64(o) / float64(nx+ny-o)
	return j, j >= th.t
}

// A corpus holds the non-empty sets in processing order, increasing size
// then increasing index, each as the ranks of its first tokens in the
// global order.
type corpus struct {
	id   []int32 // id[q] is the caller's index of the set processed q-th
	size []int32 // |x|, non-decreasing in q
	// skip[q] tokens of set q are in no other set (Join) or in no indexed
	// set (a query); they are ranked first and never match, so only their
	// number is kept.
	skip []int32
	// ranks[off[q]:off[q+1]] are the ranks of the next tokens of set q in
	// the global order: all of them (a query's index), or as many as its
	// probing prefix holds, each as the number of its posting list or
	// none (a self-join).
	off   []int
	ranks []uint32
	raw   [][]uint64 // raw[q] is the set processed q-th, as given
}

func (c *corpus) n() int { return len(c.id) }

func (c *corpus) set(q int) []uint32 { return c.ranks[c.off[q]:c.off[q+1]] }

// newCorpus ranks the non-empty sets by d, with up to workers goroutines.
// A token missing from d is counted in skip.
func newCorpus(sets [][]uint64, d *dictionary, workers int) *corpus {
	c := new(corpus)
	for i, s := range sets {
		if len(s) > 0 {
			c.id = append(c.id, int32(i))
		}
	}
	slices.SortFunc(c.id, func(a, b int32) int {
		return cmp.Or(cmp.Compare(len(sets[a]), len(sets[b])), cmp.Compare(a, b))
	})
	n := len(c.id)
	c.size = make([]int32, n)
	c.skip = make([]int32, n)
	c.off = make([]int, n+1)
	ordered := make([][]uint64, n)
	for q, i := range c.id {
		ordered[q] = sets[i]
		c.size[q] = int32(len(sets[i]))
	}
	c.raw = ordered
	if workers <= 1 {
		c.ranks = c.rank(ordered, 0, n, d, make([]uint32, 0, d.occurrences))
	} else {
		// Each run of sets is ranked into the part of c.ranks that its
		// tokens would fill, then the runs are moved down to close the
		// gaps left by the skipped tokens.
		total := 0
		for _, s := range ordered {
			total += len(s)
		}
		c.ranks = make([]uint32, total)
		type run struct{ at, n int }
		runs := make([]run, 0, workers)
		var mu sync.Mutex
		forBlocks(ordered, workers, func(first, last, at int) {
			r := c.rank(ordered, first, last, d, c.ranks[at:at:total])
			mu.Lock()
			runs = append(runs, run{at, len(r)})
			mu.Unlock()
		})
		slices.SortFunc(runs, func(a, b run) int { return cmp.Compare(a.at, b.at) })
		end := 0
		for _, r := range runs {
			end += copy(c.ranks[end:], c.ranks[r.at:r.at+r.n])
		}
		c.ranks = c.ranks[:end]
	}
	for q := range n {
		c.off[q+1] += c.off[q]
	}
	return c
}

// rank appends to dst the ranks in d of the tokens of each of
// ordered[first:last], ascending, sets their skip, sets c.off[q+1] to the
// number of ranks of set q, and returns the extended slice.
func (c *corpus) rank(ordered [][]uint64, first, last int, d *dictionary, dst []uint32) []uint32 {
	var tmp []uint32
	for q := first; q < last; q++ {
		s := ordered[q]
		if len(tmp) < len(s) {
			tmp = make([]uint32, 2*len(s))
		}
		start := len(dst)
		for _, x := range s {
			if r, ok := d.lookup(mix(x)); ok {
				dst = append(dst, r)
			}
		}
		sortRanks(dst[start:], tmp)
		c.skip[q] = int32(len(s) - (len(dst) - start))
		c.off[q+1] = len(dst) - start
	}
	return dst
}

// An entry of a posting list: the set q holds the token at position pos,
// counted from 0 over all its tokens, skipped ones included.
type entry struct{ q, pos uint32 }

// postings are the inverted lists of the indexed prefixes: the list of rank
// r is list[start[r]:start[r+1]], in increasing q.
type postings struct {
	start []uint32
	list  []entry
}

// newPostings indexes the first prefix(|x|) tokens of every set of c, whose
// ranks are below ranks.
func newPostings(c *corpus, prefix func(int) int, ranks int) *postings {
	p := &postings{start: make([]uint32, ranks+2)}
	for q := range c.n() {
		for _, r := range c.indexed(q, prefix) {
			p.start[r+2]++
		}
	}
	for r := 2; r < len(p.start); r++ {
		p.start[r] += p.start[r-1]
	}
	p.list = make([]entry, p.start[len(p.start)-1])
	// start[r+1] is now where list r begins; filling moves it to where
	// list r ends, which is where list r+1 begins.
	for q := range c.n() {
		skip := int(c.skip[q])
		for k, r := range c.indexed(q, prefix) {
			p.list[p.start[r+1]] = entry{uint32(q), uint32(skip + k)}
			p.start[r+1]++
		}
	}
	p.start = p.start[:ranks+1]
	return p
}

// indexed returns the ranks of set q within its first prefix(|q|) tokens.
func (c *corpus) indexed(q int, prefix func(int) int) []uint32 {
	rs := c.set(q)
	n := prefix(int(c.size[q])) - int(c.skip[q])
	return rs[:max(0, min(n, len(rs)))]
}

// A cand is the state of one candidate during a probe.
type cand struct {
	a     int32 // tokens matched so far, −1 once the positional filter dropped the pair
	alpha int32 // overlap needed; 0 while the candidate is untouched
}

// A match is a verified candidate and its overlap.
type match struct{ q, o int32 }

// A span is the part p.list[lo:hi] of a posting list of the token at index
// k of a probe.
type span struct {
	lo, hi uint32
	k      int32
}

// scratch is one goroutine's working memory for probing.
type scratch struct {
	cand    []cand // by q
	touched []int32
	out     []match
	spans   []span
	ranks   []uint32 // a query's ranks
	ids     []int    // a query's results
}

func newScratch(n int) *scratch { return &scratch{cand: make([]cand, n)} }

// probe sets s.out to the sets q in [lo, hi) of c that share at least α
// tokens with x, the set of size xsize whose first xskip tokens match
// nothing and whose next tokens have the ranks xr in the global order,
// given the postings p of prefixes long enough for sets of sizes in
// [lo, hi).
func (s *scratch) probe(c *corpus, p *postings, th *threshold, x []uint64, xr []uint32, xskip, lo, hi int) {
	xsize := len(x)
	s.out = s.out[:0]
	if lo >= hi {
		return
	}
	prefix := th.probePrefix(xsize) - xskip
	// The posting lists are far apart in memory: their bounds are read
	// first, in loops whose loads do not depend on each other, so that
	// the processor fetches many at once.
	s.spans = s.spans[:0]
	for k, r := range xr[:max(0, min(prefix, len(xr)))] {
		if int64(r) < int64(len(p.start))-1 { // not int(r), negative on 32-bit platforms for ranks from 2^31
			if a, b := p.start[r], p.start[r+1]; a < b {
				s.spans = append(s.spans, span{a, b, int32(k)})
			}
		}
	}
	live := s.spans[:0]
	for _, sp := range s.spans {
		if int(p.list[sp.lo].q) < hi && int(p.list[sp.hi-1].q) >= lo {
			live = append(live, sp)
		}
	}
	for _, sp := range live {
		list := p.list[sp.lo:sp.hi]
		start := 0
		if int(list[0].q) < lo {
			start, _ = slices.BinarySearchFunc(list, uint32(lo), func(e entry, q uint32) int { return cmp.Compare(e.q, q) })
		}
		k := sp.k
		i := int32(xskip) + k // position of the token in x
		restX := int32(xsize) - i - 1
		for _, e := range list[start:] {
			if int(e.q) >= hi {
				break
			}
			cd := &s.cand[e.q]
			if cd.a < 0 {
				continue
			}
			ysize := c.size[e.q]
			if cd.alpha == 0 {
				cd.alpha = th.alpha(xsize, int(ysize))
				s.touched = append(s.touched, int32(e.q))
			}
			if cd.a+1+min(restX, ysize-int32(e.pos)-1) >= cd.alpha {
				cd.a++
			} else {
				cd.a = -1
			}
		}
	}
	for _, q := range s.touched {
		cd := s.cand[q]
		s.cand[q] = cand{}
		if cd.a < min(ell, cd.alpha) {
			continue
		}
		o := int32(sets.IntersectionAtLeast(x, c.raw[q], int(cd.alpha)))
		if o >= cd.alpha {
			s.out = append(s.out, match{q, o})
		}
	}
	s.touched = s.touched[:0]
}

// joinReps returns the pairs of sets of c whose Jaccard similarity is at
// least t, each set probing the postings p of the sets before it, as
// algo.PairKey keys of the callers' indexes in one buffer per worker, with
// their overlaps when withOverlap is set, in no particular order. Its
// workers stop early once ctx is done.
func (c *corpus) joinReps(ctx context.Context, p *postings, th *threshold, workers int, withOverlap bool) []*pairBuf {
	workers = max(1, min(workers, c.n()))
	bufs := make([]*pairBuf, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			s := newScratch(c.n())
			buf := &pairBuf{withOverlap: withOverlap}
			// Sets are dealt round-robin: their cost grows with their
			// size, which grows with q.
			for i, q := 0, w; q < c.n(); i, q = i+1, q+workers {
				if i%256 == 255 && ctx.Err() != nil {
					break
				}
				xsize := int(c.size[q])
				lo, _ := slices.BinarySearch(c.size[:q], int32(th.minSize(xsize)))
				s.probe(c, p, th, c.raw[q], c.set(q), int(c.skip[q]), lo, q)
				for _, m := range s.out {
					if _, ok := th.similar(int(m.o), xsize, int(c.size[m.q])); ok {
						a, b := int(c.id[q]), int(c.id[m.q])
						buf.add(algo.PairKey(min(a, b), max(a, b)), m.o)
					}
				}
			}
			bufs[w] = buf
		})
	}
	wg.Wait()
	return bufs
}

// pairChunk is the number of pairs of a chunk of a pairBuf: 256 KiB of
// keys.
const pairChunk = 1 << 15

// A pairBuf collects pairs in chunks, so that growing it never copies
// what it holds.
type pairBuf struct {
	withOverlap bool
	keys        [][]uint64 // chunks of pairChunk keys
	overlaps    [][]int32  // the overlaps of keys, when withOverlap
	n           int
}

func (b *pairBuf) add(key uint64, o int32) {
	if b.n%pairChunk == 0 {
		b.keys = append(b.keys, make([]uint64, 0, pairChunk))
		if b.withOverlap {
			b.overlaps = append(b.overlaps, make([]int32, 0, pairChunk))
		}
	}
	k := len(b.keys) - 1
	b.keys[k] = append(b.keys[k], key)
	if b.withOverlap {
		b.overlaps[k] = append(b.overlaps[k], o)
	}
	b.n++
}

// resultPairs returns the number of pairs a self-join returns: the pairs
// inside the groups of pt, and for each pair of representatives in bufs
// the |A|·|B| pairs of their groups.
func (pt *partition) resultPairs(bufs []*pairBuf) int {
	total := pt.pairs
	for _, b := range bufs {
		for _, chunk := range b.keys {
			for _, key := range chunk {
				a, b := algo.SplitPairKey(key)
				total += int(pt.size[a]) * int(pt.size[b])
			}
		}
	}
	return total
}

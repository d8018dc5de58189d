package simhash

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/simbench/simbench/algorithms/algo"
)

// A Table finds the fingerprints within Hamming distance k of a query, by
// the permuted tables of Manku, Jain and Das Sarma ("Detecting
// near-duplicates for web crawling", WWW 2007, §3) in their simplest form,
// or by a linear scan when that is faster.
//
// Blocks. The 64 bits are cut into k+1 blocks of ⌊64/(k+1)⌋ or ⌈64/(k+1)⌉
// consecutive bits. Two fingerprints that differ in at most k bits agree
// exactly on at least one block (pigeonhole principle), so the table keeps
// one copy of the fingerprints per block, each rotated so that its block
// leads and ordered by it, and a query reads, in each copy, the run of
// fingerprints whose block equals its own, found through a directory of
// leading bits.
// Every fingerprint read is verified by its Hamming distance, and reported
// from the first block on which it agrees with the query only.
//
// Cost. For random fingerprints, one shares a given block of b bits with
// the query with probability 2^−b, so a query reads about
//
//	n · Σ 2^(−b) over the blocks ≈ n · (k+1) · 2^(−64/(k+1))
//
// fingerprints of n, against n for a scan, and each copy takes 12 bytes per
// fingerprint. The filter pays off only while the blocks are wide: k = 3
// (16-bit blocks) reads n/16384, k = 7 (8-bit blocks) n/32, k = 12 (5-bit
// blocks) 0.44·n, k = 13 0.63·n, k = 14 0.81·n, k = 15 (4-bit blocks) all
// n, and k = 16, blocks of 3.76 bits on average, 1.31·n: more than a scan,
// whose reads are also the cheaper. On 100,000 random fingerprints a query
// took (medians of 5) 0.2 µs with blocks at k = 3, 2.4 µs at k = 7, 29 µs
// at k = 12, 42 µs at k = 13, 53 µs at k = 14 and 89 µs at k = 16, against
// 45 µs for a scan at any k (BenchmarkNear). Building the copies costs about 15 ns a
// fingerprint and copy (BenchmarkTableBuild), which small tables do not
// earn back. SearchAuto therefore uses blocks when the cost model
//
//	(k+1)·72 ns + n·read·0.59 ns < n·0.46 ns,
//
// read being the fraction above, per fingerprint added and queried, fitted
// to those benchmarks, says they are cheaper: never beyond k = MaxBlocksK =
// 13, from about 1,300 fingerprints at k = 7 and 11,000 at k = 13. SimHash's
// default distance, 16, is past the crossover.
//
// Scan. The fingerprints are kept in order of id and compared with the
// query one by one, a population count each.
//
// Add every fingerprint, call Finish once, then call Near any number of
// times, from any number of goroutines.
type Table struct {
	k      int
	search Search
	done   bool
	n      int
	// added are the fingerprints in the order added, until Finish.
	added []tableEntry
	// fps and ids are the fingerprints in increasing id, when the table
	// scans.
	fps []uint64
	ids []int32
	// blocks are the permuted copies, when the table uses blocks.
	blocks []tableBlock
	// deferred, when not nil, holds the fingerprints of a table whose
	// TableIndex answered its own fingerprints by a join, so that the
	// first Near builds the table from it.
	deferred  *distinct
	buildOnce sync.Once
}

// A tableEntry is a fingerprint, or a rotated one, and its id.
type tableEntry struct {
	fp uint64
	id int32
}

// A tableBlock is one permuted copy of the fingerprints.
type tableBlock struct {
	width uint // bits in the block
	rot   int  // rotating left by rot brings the block to the top
	// earlier are the masks of the blocks before this one, rotated as
	// this block's fingerprints are.
	earlier []uint64
	// keys are the rotated fingerprints, in increasing block (leading
	// width bits), and ids their ids: apart, so that a query streams
	// through keys alone.
	keys []uint64
	ids  []int32
	// dir[v] is the first entry whose leading dirBits bits are at least
	// v.
	dir     []uint32
	dirBits uint
}

// Search says how a Table searches.
type Search uint8

const (
	// SearchAuto uses blocks when a cost model fitted to the benchmarks
	// says they are cheaper (never beyond k = MaxBlocksK), and scans
	// otherwise.
	SearchAuto Search = iota
	// SearchBlocks always uses the k+1 permuted copies; k must be at
	// most 63.
	SearchBlocks
	// SearchScan always compares the query with every fingerprint.
	SearchScan
)

func (s Search) String() string {
	switch s {
	case SearchAuto:
		return "auto"
	case SearchBlocks:
		return "blocks"
	case SearchScan:
		return "scan"
	}
	return fmt.Sprintf("Search(%d)", s)
}

// MaxBlocksK is the largest distance at which SearchAuto may use blocks.
const MaxBlocksK = 13

// The cost model of SearchAuto, in nanoseconds per fingerprint added and
// queried, fitted to BenchmarkNear and BenchmarkTableBuild with 128 to
// 100,000 random fingerprints at k = 3, 7 and 13 (Intel Xeon, Go's default
// GOAMD64=v1).
const (
	costPerBlock = 72   // building a copy and reading its directory
	costPerRead  = 0.59 // verifying a fingerprint read from a copy
	costPerScan  = 0.46 // verifying a fingerprint in a scan
)

// readFraction returns Σ 2^(−b) over the widths b of the k+1 blocks: the
// share of random fingerprints a query reads.
func readFraction(k int) float64 {
	nb := k + 1
	f := 0.0
	for b := range nb {
		w := Bits / nb
		if b < Bits%nb {
			w++
		}
		f += math.Ldexp(1, -w)
	}
	return f
}

// useBlocks reports whether the cost model prefers blocks for distance k
// and n fingerprints.
func useBlocks(k, n int) bool {
	if k > MaxBlocksK {
		return false
	}
	blocks := float64(k+1)*costPerBlock + float64(n)*readFraction(k)*costPerRead
	return blocks < float64(n)*costPerScan
}

// NewTable returns an empty table for Hamming distance k, 0 ≤ k ≤ 64, that
// chooses its search at Finish (SearchAuto).
func NewTable(k int) *Table { return NewTableSearch(k, SearchAuto) }

// NewTableSearch returns an empty table for Hamming distance k,
// 0 ≤ k ≤ 64, that searches as s says. It panics if k is out of range, or
// if s is SearchBlocks and k is 64.
func NewTableSearch(k int, s Search) *Table {
	if k < 0 || k > Bits {
		panic(fmt.Sprintf("simhash: NewTable k=%d, want 0 to %d", k, Bits))
	}
	if s > SearchScan {
		panic(fmt.Sprintf("simhash: NewTable search %v", s))
	}
	if s == SearchBlocks && k >= Bits {
		panic(fmt.Sprintf("simhash: NewTable k=%d: blocks need k ≤ %d", k, Bits-1))
	}
	return &Table{k: k, search: s}
}

// K returns the Hamming distance of the table.
func (t *Table) K() int { return t.k }

// Search returns how the table searches: after Finish, never SearchAuto.
func (t *Table) Search() Search { return t.search }

// Len returns the number of fingerprints added.
func (t *Table) Len() int { return max(t.n, len(t.added)) }

// Add adds the fingerprint fp of id, a non-negative integer below 2^31
// not added before.
func (t *Table) Add(id int, fp uint64) {
	if t.done {
		panic("simhash: Table.Add after Finish")
	}
	if id < 0 || id > math.MaxInt32 {
		panic(fmt.Sprintf("simhash: Table.Add id %d, want 0 to %d", id, math.MaxInt32))
	}
	t.added = append(t.added, tableEntry{fp, int32(id)})
}

// Finish ends the adding phase and builds the copies. It panics if an id
// was added twice. Calling it again does nothing.
func (t *Table) Finish() {
	if t.done {
		return
	}
	t.prepare()
	t.build()
}

// prepare ends the adding phase: it orders the fingerprints by id, checks
// the ids and chooses the search.
func (t *Table) prepare() {
	t.done = true
	byID := func(a, b tableEntry) int { return int(a.id) - int(b.id) }
	if !slices.IsSortedFunc(t.added, byID) {
		slices.SortFunc(t.added, byID)
	}
	for i := 1; i < len(t.added); i++ {
		if t.added[i].id == t.added[i-1].id {
			panic(fmt.Sprintf("simhash: Table.Add id %d twice", t.added[i].id))
		}
	}
	if t.search == SearchAuto {
		t.search = SearchScan
		if useBlocks(t.k, len(t.added)) {
			t.search = SearchBlocks
		}
	}
	t.n = len(t.added)
}

// build builds the scan or the copies from the prepared fingerprints.
func (t *Table) build() {
	n := t.n
	if t.search != SearchBlocks {
		t.fps = make([]uint64, n)
		t.ids = make([]int32, n)
		for i, e := range t.added {
			t.fps[i], t.ids[i] = e.fp, e.id
		}
		t.added = nil
		return
	}
	nb := t.k + 1
	lo := 0
	masks := make([]uint64, nb) // of each block, unrotated
	t.blocks = make([]tableBlock, nb)
	keys, ids := make([]uint64, n), make([]int32, n)
	for b := range nb {
		w := Bits / nb
		if b < Bits%nb {
			w++
		}
		bl := &t.blocks[b]
		bl.width = uint(w)
		bl.rot = Bits - (lo + w)
		masks[b] = (1<<w - 1) << lo
		for _, m := range masks[:b] {
			bl.earlier = append(bl.earlier, bits.RotateLeft64(m, bl.rot))
		}
		bl.keys, bl.ids = make([]uint64, n), make([]int32, n)
		for i, e := range t.added {
			bl.keys[i], bl.ids[i] = bits.RotateLeft64(e.fp, bl.rot), e.id
		}
		bl.keys, bl.ids, keys, ids = sortByTop(bl.keys, bl.ids, bl.width, keys, ids)
		// About one fingerprint per directory slot, never finer than
		// the block.
		bl.dirBits = min(bl.width, uint(bits.Len(uint(n))))
		bl.dir = make([]uint32, 1<<bl.dirBits+1)
		v := 0
		for i, key := range bl.keys {
			for ; v <= int(key>>(Bits-bl.dirBits)); v++ {
				bl.dir[v] = uint32(i)
			}
		}
		for ; v < len(bl.dir); v++ {
			bl.dir[v] = uint32(n)
		}
		lo += w
	}
	t.added = nil
}

// sortByTop sorts keys, and ids alongside, stably by their leading w bits,
// by a least-significant-digit radix sort of bytes of those bits, with tk
// and ti (as long) as the other buffers. It returns the sorted keys and ids
// and the two buffers now free. A query needs no more order than this:
// runs of equal blocks, in increasing block.
func sortByTop(keys []uint64, ids []int32, w uint, tk []uint64, ti []int32) ([]uint64, []int32, []uint64, []int32) {
	for shift := Bits - w; shift < Bits; shift += 8 {
		var start [256]int
		for _, k := range keys {
			start[k>>shift&0xff]++
		}
		sum := 0
		for d, c := range start {
			start[d] = sum
			sum += c
		}
		for i, k := range keys {
			d := k >> shift & 0xff
			tk[start[d]], ti[start[d]] = k, ids[i]
			start[d]++
		}
		keys, ids, tk, ti = tk, ti, keys, ids
	}
	return keys, ids, tk, ti
}

// Near appends to dst, in increasing order and without repeats, the ids of
// the fingerprints within Hamming distance k of fp, and returns the
// extended slice. It allocates nothing beyond the growth of dst.
func (t *Table) Near(dst []int, fp uint64) []int {
	if !t.done {
		panic("simhash: Table.Near before Finish")
	}
	if t.deferred != nil {
		t.buildOnce.Do(t.buildDeferred)
	}
	k := t.k
	if t.search == SearchScan {
		for i := nextNear(t.fps, 0, fp, k); i < len(t.fps); i = nextNear(t.fps, i+1, fp, k) {
			dst = append(dst, int(t.ids[i]))
		}
		return dst
	}
	start := len(dst)
	for b := range t.blocks {
		bl := &t.blocks[b]
		q := bits.RotateLeft64(fp, bl.rot)
		d := q >> (Bits - bl.dirBits)
		lo, hi := int(bl.dir[d]), int(bl.dir[d+1])
		if bl.dirBits < bl.width {
			// The directory is coarser than the block: narrow the run
			// to the fingerprints whose whole block is the query's.
			top := ^uint64(0) << (Bits - bl.width)
			key := q & top
			run := bl.keys[lo:hi]
			i, _ := slices.BinarySearch(run, key)
			j, _ := slices.BinarySearchFunc(run, key|^top, func(e, last uint64) int {
				if e <= last {
					return -1
				}
				return 1
			})
			lo, hi = lo+i, lo+j
		}
		keys := bl.keys[lo:hi]
	near:
		for i := nextNear(keys, 0, q, k); i < len(keys); i = nextNear(keys, i+1, q, k) {
			x := keys[i] ^ q
			for _, m := range bl.earlier {
				if x&m == 0 {
					continue near // reported from that block
				}
			}
			dst = append(dst, int(bl.ids[lo+i]))
		}
	}
	slices.Sort(dst[start:])
	return dst
}

// nextNear returns the first index from i on of a key within Hamming
// distance k of q, or len(keys). It is the loop every query and join
// spends its time in: on a CPU with AVX-512's population count
// (VPOPCNTDQ) it compares sixteen keys an instruction in assembly
// (near_amd64.s), elsewhere four at a time in Go (nextNearGo); the two
// return the same index, which TestNextNearAVX512 checks.
func nextNear(keys []uint64, i int, q uint64, k int) int {
	if haveNearAVX512 {
		return nextNearAVX512(keys, i, q, k)
	}
	return nextNearGo(keys, i, q, k)
}

// nextNearGo is nextNear in Go.
func nextNearGo(keys []uint64, i int, q uint64, k int) int {
	// Four at a time, with one branch for the four: most keys are far.
	for ; i+4 <= len(keys); i += 4 {
		b := keys[i : i+4 : i+4]
		c := min(bits.OnesCount64(b[0]^q), bits.OnesCount64(b[1]^q), bits.OnesCount64(b[2]^q), bits.OnesCount64(b[3]^q))
		if c <= k {
			break
		}
	}
	for ; i < len(keys); i++ {
		if bits.OnesCount64(keys[i]^q) <= k {
			break
		}
	}
	return i
}

// TableIndex is an algo.Index over SimHash signatures: it proposes the
// documents whose fingerprints are within Hamming distance k of the
// query's, that is whose similarity 1 − hamming/64 is at least 1 − k/64.
// An empty signature (a document without shingles) is nobody's candidate
// and has none; a document whose fingerprint was added is its own
// candidate, and so is every document with the same fingerprint.
//
// Finish either finishes the Table, which then answers every query, or,
// when the cost models say that joining the added fingerprints (SelfJoin)
// costs less than building the table and querying it once with each of
// them, as a self-join does, joins them and keeps every distinct
// fingerprint's partners; a query equal to an added fingerprint is then
// answered from them, and the first query that is not builds the table.
type TableIndex struct {
	Table *Table
	// Workers is the number of goroutines a join in Finish uses; 0 means
	// runtime.GOMAXPROCS.
	Workers int

	// joined, when not nil, holds the pairs of a join in Finish.
	joined *joinedPairs
	// forceJoin, for tests: 1 always joins, −1 never does.
	forceJoin int
}

// joinedPairs are the added fingerprints, merged when equal, and the
// partners of each distinct fingerprint.
type joinedPairs struct {
	d    *distinct
	look *lookup
	// The partners of d.fps[g] are partner[start[g]:start[g+1]].
	start   []int
	partner []int32
}

var _ algo.Index = (*TableIndex)(nil)

// NewTableIndex returns an empty index for Hamming distance k, 0 ≤ k ≤ 64,
// that chooses its search at Finish. sizeHint is the expected number of
// signatures.
func NewTableIndex(k, sizeHint int) *TableIndex {
	t := NewTable(k)
	t.added = make([]tableEntry, 0, max(0, sizeHint))
	return &TableIndex{Table: t}
}

// Add adds the signature of document id; a signature that is not one
// fingerprint is ignored.
func (ix *TableIndex) Add(id int, sig []uint64) {
	if len(sig) == 1 {
		ix.Table.Add(id, sig[0])
	}
}

var _ algo.Joiner = SimHash{}

// NewJoinIndex returns a TableIndex for the largest Hamming distance k whose
// similarity 1 − k/64 is at least floor, so that its candidates are exactly
// the documents whose Similarity with the query is at least floor.
func (SimHash) NewJoinIndex(floor float64, sizeHint int) algo.Index {
	return NewTableIndex(MaxDistance(floor), sizeHint)
}

var _ algo.SelfJoiner = SimHash{}

// SelfJoin returns the pairs of documents of sigs whose similarity is at
// least floor, that is whose fingerprints are within Hamming distance
// MaxDistance(floor), as algo.PairKey keys: the package's SelfJoin over the
// documents with a fingerprint.
func (SimHash) SelfJoin(sigs [][]uint64, floor float64, workers int) []uint64 {
	keys, _ := sigsJoin(sigs, floor, workers)
	return keys
}

// sigsJoin is SelfJoin, and it also returns the number of pairs of
// distinct fingerprints compared.
func sigsJoin(sigs [][]uint64, floor float64, workers int) ([]uint64, int64) {
	var fps []uint64
	var docs []int32
	for d, s := range sigs {
		if len(s) == 1 {
			fps = append(fps, s[0])
			docs = append(docs, int32(d))
		}
	}
	k := MaxDistance(floor)
	checkJoin(len(sigs), k)
	// The ids are the documents, so that the pairs are algo.PairKey keys.
	return selfJoin(fps, docs, k, workers, JoinPlan{})
}

var _ algo.PairEstimator = SimHash{}

// EstimatePairs returns the pairs of documents of sigs with equal
// fingerprints, Σ C(m, 2) over the fingerprints shared by m documents: at
// Hamming distance 0, every one is found at any floor, so a lower bound of
// SelfJoin's result. It sorts a copy of the fingerprints.
func (SimHash) EstimatePairs(sigs [][]uint64, _ float64, _ int) int64 {
	fps := make([]uint64, 0, len(sigs))
	for _, s := range sigs {
		if len(s) == 1 {
			fps = append(fps, s[0])
		}
	}
	slices.Sort(fps)
	return algo.EqualPairs(fps)
}

// MaxDistance returns the largest Hamming distance k, 0 ≤ k ≤ 64, at which
// the similarity 1 − k/64 is at least t, computed as Similarity computes
// it.
func MaxDistance(t float64) int {
	k := 0
	for k < Bits && 1-float64(k+1)/Bits >= t {
		k++
	}
	return k
}

// Finish ends the adding phase: it joins the added fingerprints or builds
// the table, whichever the cost models say is cheaper for a self-join.
func (ix *TableIndex) Finish() {
	t := ix.Table
	if t.done {
		return
	}
	t.prepare()
	if !ix.joinCheaper() {
		t.build()
		return
	}
	fps, ids := make([]uint64, t.n), make([]int32, t.n)
	for i, e := range t.added {
		fps[i], ids[i] = e.fp, e.id
	}
	t.added = nil
	d := newDistinct(fps, ids)
	lists, _ := joinDistinct(d.fps, t.k, ix.Workers, PlanJoin(len(d.fps), t.k))
	pairs := gatherPairs(lists)
	j := &joinedPairs{d: d, look: newLookup(d.fps), start: make([]int, len(d.fps)+1)}
	for _, p := range pairs {
		j.start[p>>32+1]++
		j.start[uint32(p)+1]++
	}
	for g := range d.fps {
		j.start[g+1] += j.start[g]
	}
	j.partner = make([]int32, 2*len(pairs))
	next := slices.Clone(j.start[:len(d.fps)])
	for _, p := range pairs {
		g, h := p>>32, uint32(p)
		j.partner[next[g]] = int32(h)
		next[g]++
		j.partner[next[h]] = int32(g)
		next[h]++
	}
	ix.joined = j
	t.deferred = d
}

// joinCheaper reports whether a join of the prepared table's fingerprints
// costs less, by the cost models of PlanJoin and SearchAuto, than building
// the table and querying it with each of them.
func (ix *TableIndex) joinCheaper() bool {
	if ix.forceJoin != 0 {
		return ix.forceJoin > 0
	}
	t := ix.Table
	n := float64(t.n)
	query := n * costPerScan
	if t.search == SearchBlocks {
		query = float64(t.k+1)*costPerBlock + n*readFraction(t.k)*costPerRead
	}
	return joinDedupe*n+PlanJoin(t.n, t.k).Cost < n*query
}

// buildDeferred builds the table of a TableIndex that joined its
// fingerprints, from the distinct fingerprints and their ids.
func (t *Table) buildDeferred() {
	d := t.deferred
	t.added = make([]tableEntry, 0, t.n)
	for g, fp := range d.fps {
		for _, id := range d.ids[d.start[g]:d.start[g+1]] {
			t.added = append(t.added, tableEntry{fp, id})
		}
	}
	slices.SortFunc(t.added, func(a, b tableEntry) int { return int(a.id) - int(b.id) })
	t.build()
}

// Candidates appends to dst, in increasing order, the ids of the documents
// whose fingerprints are within Hamming distance k of sig's. For an added
// fingerprint, after a join, it allocates nothing beyond the growth of dst.
func (ix *TableIndex) Candidates(dst []int, sig []uint64) []int {
	if len(sig) != 1 {
		return dst
	}
	j := ix.joined
	if j == nil {
		return ix.Table.Near(dst, sig[0])
	}
	g := j.look.find(sig[0])
	if g < 0 {
		return ix.Table.Near(dst, sig[0])
	}
	start := len(dst)
	d := j.d
	dst = appendIDs(dst, d.ids[d.start[g]:d.start[g+1]])
	for _, h := range j.partner[j.start[g]:j.start[g+1]] {
		dst = appendIDs(dst, d.ids[d.start[h]:d.start[h+1]])
	}
	slices.Sort(dst[start:])
	return dst
}

func appendIDs(dst []int, ids []int32) []int {
	for _, id := range ids {
		dst = append(dst, int(id))
	}
	return dst
}

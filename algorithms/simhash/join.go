package simhash

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/simbench/simbench/algorithms/radix"
)

// SelfJoin returns every pair of fingerprints within Hamming distance k of
// each other, as indices I < J into fps, in increasing (I, J): all the
// pairs with popcount(fps[I] ⊕ fps[J]) ≤ k, equal fingerprints included.
// It uses the generalised pigeonhole principle of Manku, Jain and Das
// Sarma ("Detecting near-duplicates for web crawling", WWW 2007, §3.1):
//
// Blocks. The 64 bits are cut into m blocks of ⌊64/m⌋ or ⌈64/m⌉
// consecutive bits, as Table cuts them. Two fingerprints that differ in at
// most k < m bits differ in at most k blocks, so they agree exactly on at
// least j = m − k. For each of the C(m, j) combinations of j blocks (a
// table), the fingerprints are permuted so that the bits of the chosen
// blocks lead, sorted by those bits (a least-significant-digit radix sort
// of at most two or three passes), and every two fingerprints within a run
// of equal leading bits are compared, a population count each. A pair is
// reported from one table only, the one whose blocks are the j
// lowest-numbered blocks on which the two agree, which a few masks decide.
// When m ≤ k, j = 0 and every pair is compared. Equal fingerprints are
// merged first, so that the tables hold each distinct fingerprint once.
//
// Cost. A table costs a pass to permute the fingerprints, one per radix
// digit, and a comparison per pair in a run; for random fingerprints a run
// of b-bit keys holds about n·2^(−b) of them, so a join costs about
//
//	C(m, j) · (n·(fill + passes·pass) + n²/2 · 2^(−b) · pair)
//
// Wide keys mean many tables: C(8, 2) = 28 tables of 16-bit keys at k = 6,
// C(11, 3) = 165 of about 17.5 bits at k = 8 and C(14, 4) = 1001 of about
// 18.3 bits at k = 10, for a million fingerprints; at simbench's default
// k = 16 no choice compares fewer than a seventh of the pairs. Radius
// tables (radius.go) instead give each block a radius and read the
// neighbouring buckets: at k = 16 four tables of 16-bit blocks compare 7%
// of the pairs. PlanJoin chooses the method, m and the radii by cost
// models fitted to benchmarks; comparing every pair (m ≤ k) is one of the
// choices.
//
// Workers. The tables are spread over workers goroutines (0 or less means
// runtime.GOMAXPROCS), each with its own copy of the fingerprints (16
// bytes per distinct fingerprint: the permuted words and the radix sort's
// buffer); the buckets of a radius table, or the rows when every pair is
// compared, are spread instead. The result does not depend on the number
// of workers.
//
// Memory. The workers collect the pairs in chunks that never copy to
// grow; the pairs of ids are then counted, written into one slice of that
// length and radix-sorted in place, so that the join holds at most 16
// bytes per pair at once (SimHash.SelfJoin returns that slice; SelfJoin
// converts it to Pairs, 8 bytes more).
//
// Measured. On random fingerprints with planted neighbours (one in five
// has neighbours at distances 0 to k+2), SelfJoin of n = 100,000
// (BenchmarkSelfJoin), and on the fingerprints of Zipf text (a tenth
// near-copies, 0.2% one boilerplate text) at k = 16, SimHash.SelfJoin of
// n = 100,000 and 1,000,000 (BenchmarkSelfJoinZipf), Intel Xeon, 2 cores
// shared with other jobs, GOAMD64=v1, took in seconds:
//
//	go test -run '^$' -bench 'SelfJoin$' -benchtime 3x ./algorithms/simhash/
//	go test -run '^$' -bench SelfJoinZipf -benchtime 1x [-million] ./algorithms/simhash/
//
//	 k  plan (tables)       n         1 worker  2     pairs
//	 3  radius 0 (4)        100,000     0.022  0.018     74,205
//	 6  radius 0–1 (5)      100,000     0.040  0.029    143,513
//	 8  radius 0–1 (5)      100,000     0.059  0.039    197,186
//	10  radius 1–2 (5)      100,000     0.107  0.066    253,095
//	16  radius 2–3 (5)      100,000     0.52   0.28     641,332
//	16  Zipf, radius 2–3    100,000     0.49   0.28     229,400
//	16  Zipf, radius 3–4  1,000,000    23.0   12.6   22,100,645
//
// where comparing every pair, as PlanJoin chose at k = 16 before radius
// tables, took 3.1 and 1.7 s at n = 100,000 and 456 s (2 workers, a
// busier machine) at n = 1,000,000, and Manku's tables 0.15 s at k = 8.
// At k = 16 the pairs are mostly chance: random fingerprints are within
// 16 bits with probability P(Binomial(64, ½) ≤ 16) = 3.9·10^(−5), 19
// million of the 5·10^11 pairs of a million; the join's work grows as n²
// with them.
//
// SelfJoin panics if k is not in 0 to 64 or if fps holds 2^31 or more
// fingerprints.
func SelfJoin(fps []uint64, k, workers int) []Pair {
	checkJoin(len(fps), k)
	ids := make([]int32, len(fps))
	for i := range ids {
		ids[i] = int32(i)
	}
	keys, _ := selfJoin(fps, ids, k, workers, JoinPlan{})
	pairs := make([]Pair, len(keys))
	for i, p := range keys {
		pairs[i] = Pair{int32(p >> 32), int32(uint32(p))}
	}
	return pairs
}

// selfJoin is SelfJoin by plan, or by PlanJoin's when plan.Blocks is 0,
// the fingerprints' ids being ids, distinct non-negative numbers: it
// returns the pairs of ids a < b, packed as a<<32 | b, in increasing
// order, and the number of pairs of distinct fingerprints it compared.
func selfJoin(fps []uint64, ids []int32, k, workers int, plan JoinPlan) ([]uint64, int64) {
	d := newDistinct(fps, ids)
	if plan.Blocks == 0 {
		plan = PlanJoin(len(d.fps), k)
	}
	lists, compared := joinDistinct(d.fps, k, workers, plan)
	return d.expand(lists), compared
}

// A Pair is two indices I < J of fingerprints within the distance of a
// join.
type Pair struct{ I, J int32 }

func checkJoin(n, k int) {
	if k < 0 || k > Bits {
		panic(fmt.Sprintf("simhash: SelfJoin k=%d, want 0 to %d", k, Bits))
	}
	if n > math.MaxInt32 {
		panic(fmt.Sprintf("simhash: SelfJoin of %d fingerprints, want at most %d", n, math.MaxInt32))
	}
}

// A JoinPlan is how SelfJoin cuts the fingerprints: into Manku's tables,
// or into radius tables (radius.go) when Radii is not nil, or not at all
// (every pair compared) when Key is 0 and Radii nil.
type JoinPlan struct {
	// Blocks is m, the number of blocks the 64 bits are cut into.
	Blocks int
	// Key is, for Manku's tables, j = max(0, m − k), the number of
	// blocks a table sorts by; 0 means that every pair is compared. It is
	// 0 for radius tables.
	Key int
	// Radii, for radius tables, holds the radius of each block, −1 for a
	// block without a table: m numbers whose Σ (t + 1) is k + 1.
	Radii []int
	// Tables is C(m, j) for Manku's tables, the blocks of radius 0 or
	// more for radius tables.
	Tables int
	// Cost is the estimated time of the join on one core, in nanoseconds.
	Cost float64
}

// The cost model of PlanJoin, in nanoseconds, fitted to BenchmarkSelfJoin
// (Intel Xeon, Go's default GOAMD64=v1).
const (
	joinFixed    = 20_000 // starting the workers, allocating the buffers
	joinPerTable = 25_000 // a table's byte tables, histograms and masks
	joinFill     = 7.5    // permuting a fingerprint, and finding its run
	joinPass     = 3.3    // moving a fingerprint in one radix pass
	joinPair     = 0.9    // comparing two fingerprints of a run
	joinBrute    = 0.5    // comparing two fingerprints when j = 0
	joinDedupe   = 25.0   // merging equal fingerprints, per fingerprint
)

// maxTables bounds the tables of a plan: more could not be listed.
const maxTables = 1 << 22

// permTableMin is the fewest fingerprints for which a table permutes them
// a byte at a time, through 2048 words it fills first.
const permTableMin = 8192

// digitBits is the widest radix digit: a histogram of 2^11 counts fits
// in the first-level cache.
const digitBits = 11

// sortBits returns how many leading bits of a b-bit key the tables of n
// fingerprints sort by: all of them up to about 4n values, beyond which
// a longer key would add a radix pass to save fewer comparisons than
// there are fingerprints.
func sortBits(b, n int) int {
	return min(b, max(digitBits, bits.Len(uint(n))+2))
}

// PlanJoin returns the plan of SelfJoin for n distinct fingerprints and
// distance k, 0 ≤ k ≤ 64: the method, the m and, for radius tables, the
// radii of least estimated cost.
func PlanJoin(n, k int) JoinPlan {
	checkJoin(n, k)
	best := planManku(n, k)
	if r := planRadius(n, k); r.Cost < best.Cost {
		best = r
	}
	return best
}

// planManku returns the plan of least estimated cost among Manku's tables
// and comparing every pair.
func planManku(n, k int) JoinPlan {
	pairs := float64(n) * float64(n-1) / 2
	best := JoinPlan{Cost: math.Inf(1)}
	if k > 0 {
		// Any m ≤ k compares every pair.
		best = JoinPlan{Blocks: k, Key: 0, Tables: 1, Cost: joinFixed + pairs*joinBrute}
	}
	for m := k + 1; m <= Bits; m++ {
		j := m - k
		tables := binomial(m, j)
		if tables > maxTables {
			break
		}
		// The blocks of w+1 bits and of w bits.
		w := Bits / m
		wide := Bits % m
		cost := joinFixed + tables*joinPerTable
		for i := max(0, j-(m-wide)); i <= min(j, wide); i++ {
			count := binomial(wide, i) * binomial(m-wide, j-i)
			s := sortBits(j*w+i, n)
			passes := (s + digitBits - 1) / digitBits
			cost += count * (float64(n)*(joinFill+float64(passes)*joinPass) + pairs*math.Ldexp(joinPair, -s))
		}
		if cost < best.Cost {
			best = JoinPlan{Blocks: m, Key: j, Tables: int(tables), Cost: cost}
		}
	}
	return best
}

// planRadius returns the plan of least estimated cost among radius tables,
// or one of infinite cost when none fits.
func planRadius(n, k int) JoinPlan {
	best := JoinPlan{Cost: math.Inf(1)}
	for m := 2; m <= Bits; m++ {
		radii, cost := planRadii(n, k, m)
		if cost < best.Cost {
			tables := 0
			for _, t := range radii {
				if t >= 0 {
					tables++
				}
			}
			best = JoinPlan{Blocks: m, Radii: radii, Tables: tables, Cost: joinFixed + cost}
		}
	}
	return best
}

// binomial returns C(n, r) as a float64.
func binomial(n, r int) float64 {
	if r < 0 || r > n {
		return 0
	}
	r = min(r, n-r)
	c := 1.0
	for i := range r {
		c = c * float64(n-i) / float64(i+1)
	}
	return math.Round(c)
}

// distinct holds the distinct fingerprints of a join and the ids of each.
type distinct struct {
	fps []uint64 // ascending
	// The ids of fps[g] are ids[start[g]:start[g+1]], ascending.
	start []int32
	ids   []int32
}

// newDistinct merges the equal fingerprints of fps, whose ids are ids.
func newDistinct(fps []uint64, ids []int32) *distinct {
	n := len(fps)
	keys, tk := slices.Clone(fps), make([]uint64, n)
	vals, tv := slices.Clone(ids), make([]int32, n)
	keys, vals, _, _ = sortByTop(keys, vals, Bits, tk, tv)
	d := &distinct{ids: vals, start: make([]int32, 0, n+1)}
	u := make([]uint64, 0, n)
	for i, x := range keys {
		if i == 0 || x != keys[i-1] {
			u = append(u, x)
			d.start = append(d.start, int32(i))
		}
	}
	d.start = append(d.start, int32(n))
	d.fps = slices.Clip(u)
	// The radix sort is stable, so ids are ascending within a group when
	// they were ascending to begin with.
	if !slices.IsSorted(ids) {
		for g := range d.fps {
			slices.Sort(d.ids[d.start[g]:d.start[g+1]])
		}
	}
	return d
}

// expand returns the pairs of ids a < b that the pairs of distinct
// fingerprints in lists stand for, with the pairs of equal fingerprints,
// packed as a<<32 | b, in increasing order. It counts them first and
// writes them into one slice of that length, dropping each chunk of lists
// once written, and sorts that slice in place: it holds at most 16 bytes
// per pair, 8 for the pair and at most 8 for the pairs of distinct
// fingerprints it stands for, until the collector frees them.
func (d *distinct) expand(lists []pairList) []uint64 {
	count := 0
	size := func(g int) int { return int(d.start[g+1] - d.start[g]) }
	for g := range d.fps {
		s := size(g)
		count += s * (s - 1) / 2
	}
	for _, l := range lists {
		for _, c := range l.chunks {
			for _, p := range c {
				count += size(int(p>>32)) * size(int(uint32(p)))
			}
		}
	}
	if count == 0 {
		return nil
	}
	out := make([]uint64, 0, count)
	add := func(a, b int32) {
		if a > b {
			a, b = b, a
		}
		out = append(out, uint64(a)<<32|uint64(b))
	}
	for g := range d.fps {
		ids := d.ids[d.start[g]:d.start[g+1]]
		for i, a := range ids {
			for _, b := range ids[i+1:] {
				add(a, b)
			}
		}
	}
	for i := range lists {
		for j, c := range lists[i].chunks {
			for _, p := range c {
				g, h := int(p>>32), int(uint32(p))
				for _, a := range d.ids[d.start[g]:d.start[g+1]] {
					for _, b := range d.ids[d.start[h]:d.start[h+1]] {
						add(a, b)
					}
				}
			}
			lists[i].chunks[j] = nil
		}
	}
	radix.SortInPlace(out)
	return out
}

// joinDistinct returns the pairs g < h of indices of the distinct
// fingerprints u within Hamming distance k, packed as g<<32 | h, in lists
// of one worker each, in no order, found by plan with workers goroutines,
// and the number of pairs of distinct fingerprints it compared. Every pair
// comes from one table, or one row, only; sorting the pairs makes the
// result independent of which worker found it.
func joinDistinct(u []uint64, k, workers int, plan JoinPlan) ([]pairList, int64) {
	n := len(u)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if n < 2 || k == 0 {
		return nil, 0 // distinct fingerprints are at least 1 apart
	}
	m := plan.Blocks
	var lists []pairList
	var compared int64
	switch {
	case plan.Radii != nil:
		lists = make([]pairList, workers)
		compared = radiusJoin(u, k, plan.Radii, lists)
	case m <= k:
		lists = bruteJoin(u, k, workers)
		compared = int64(n) * int64(n-1) / 2
	default:
		combos := combinations(m, m-k)
		look := newLookup(u)
		lay := newLayout(m)
		workers = min(workers, len(combos))
		lists = make([]pairList, workers)
		var next, counted atomic.Int64
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				tw := &tableWorker{k: k, u: u, look: look, lay: lay, pairs: &lists[w],
					buf: make([]uint64, n), tmp: make([]uint64, n)}
				for {
					t := int(next.Add(1)) - 1
					if t >= len(combos) {
						break
					}
					tw.table(combos[t])
				}
				counted.Add(tw.compared)
			})
		}
		wg.Wait()
		compared = counted.Load()
	}
	return lists, compared
}

// pairChunk is the longest chunk of a pairList.
const pairChunk = 1 << 16

// A pairList collects a worker's packed pairs in chunks, each twice as
// long as the one before up to pairChunk, so that it never copies them to
// grow.
type pairList struct{ chunks [][]uint64 }

func (l *pairList) add(p uint64) {
	c := len(l.chunks) - 1
	if c < 0 || len(l.chunks[c]) == cap(l.chunks[c]) {
		size := 64
		if c >= 0 {
			size = min(pairChunk, 2*cap(l.chunks[c]))
		}
		l.chunks = append(l.chunks, make([]uint64, 0, size))
		c++
	}
	l.chunks[c] = append(l.chunks[c], p)
}

// gatherPairs returns the pairs of lists in increasing order, in one slice
// of their exact length, dropping each chunk once it is copied (8 bytes a
// pair, and at most as many again for the chunks until the collector
// frees them).
func gatherPairs(lists []pairList) []uint64 {
	total := 0
	for _, l := range lists {
		for _, c := range l.chunks {
			total += len(c)
		}
	}
	if total == 0 {
		return nil
	}
	out := make([]uint64, 0, total)
	for i := range lists {
		for j, c := range lists[i].chunks {
			out = append(out, c...)
			lists[i].chunks[j] = nil
		}
	}
	radix.SortInPlace(out)
	return out
}

// bruteRows is how many rows a worker of bruteJoin takes at a time.
const bruteRows = 64

// bruteJoin compares every pair of u, rows spread over workers, and
// returns each worker's pairs.
func bruteJoin(u []uint64, k, workers int) []pairList {
	n := len(u)
	workers = min(workers, (n+bruteRows-1)/bruteRows)
	parts := make([]pairList, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			pairs := &parts[w]
			for {
				lo := int(next.Add(bruteRows)) - bruteRows
				if lo >= n {
					break
				}
				for a := lo; a < min(lo+bruteRows, n); a++ {
					x, rest := u[a], u[a+1:]
					for i := nextNear(rest, 0, x, k); i < len(rest); i = nextNear(rest, i+1, x, k) {
						pairs.add(uint64(a)<<32 | uint64(a+1+i))
					}
				}
			}
		})
	}
	wg.Wait()
	return parts
}

// combinations returns every set of j of the blocks 0 to m−1, as masks
// over the blocks, in increasing order.
func combinations(m, j int) []uint64 {
	var out []uint64
	c := uint64(1)<<j - 1
	for c < uint64(1)<<m || m == Bits && c != 0 {
		out = append(out, c)
		// Gosper's hack: the next larger word with j bits set.
		low := c & -c
		r := c + low
		if r == 0 { // past bit 63
			break
		}
		c = ((r ^ c) >> 2 / low) | r
	}
	return out
}

// A layout cuts the 64 bits into m blocks as Table does: block b is bits
// lo[b] to lo[b+1]−1, the first 64 mod m blocks one bit wider.
type layout struct {
	m  int
	lo [Bits + 1]uint
}

func newLayout(m int) *layout {
	l := &layout{m: m}
	for b := range m {
		w := Bits / m
		if b < Bits%m {
			w++
		}
		l.lo[b+1] = l.lo[b] + uint(w)
	}
	return l
}

// mask returns the mask of the bits of blocks b to e−1.
func (l *layout) mask(b, e int) uint64 {
	return (1<<(l.lo[e]-l.lo[b]) - 1) << l.lo[b]
}

// A lookup finds a fingerprint among distinct ascending ones, through a
// directory of leading bits.
type lookup struct {
	fps   []uint64
	dir   []int32 // dir[v] is the first fingerprint whose leading bits are at least v
	shift uint
}

func newLookup(fps []uint64) *lookup {
	dirBits := uint(min(bits.Len(uint(len(fps))), 24))
	l := &lookup{fps: fps, dir: make([]int32, 1<<dirBits+1), shift: Bits - dirBits}
	v := 0
	for i, x := range fps {
		for ; v <= int(x>>l.shift); v++ {
			l.dir[v] = int32(i)
		}
	}
	for ; v < len(l.dir); v++ {
		l.dir[v] = int32(len(fps))
	}
	return l
}

// find returns the index of x, or −1 when it is not one of the
// fingerprints.
func (l *lookup) find(x uint64) int {
	v := x >> l.shift
	if l.shift == Bits {
		v = 0
	}
	lo, hi := int(l.dir[v]), int(l.dir[v+1])
	i, found := slices.BinarySearch(l.fps[lo:hi], x)
	if !found {
		return -1
	}
	return lo + i
}

// A span moves the bits lo to lo+w−1 of a fingerprint to sh to sh+w−1;
// mask is 2^w − 1.
type span struct {
	lo, sh uint
	mask   uint64
}

// A tableWorker builds tables one after another and collects their pairs.
type tableWorker struct {
	k    int
	u    []uint64
	look *lookup
	lay  *layout

	buf, tmp []uint64
	count    [3][1 << digitBits]int32
	byteTab  [8][256]uint64 // byteTab[i][v] is perm(v << 8i)
	pairs    *pairList
	compared int64 // pairs of fingerprints in a run

	// The current table.
	spans   []span
	keyMask uint64   // the key's bits, permuted
	earlier []uint64 // the masks of the blocks not in the key below its last one, permuted
}

// perm permutes x for the current table.
func (tw *tableWorker) perm(x uint64) uint64 {
	var p uint64
	for _, s := range tw.spans {
		p |= (x >> s.lo & s.mask) << s.sh
	}
	return p
}

// unperm undoes perm.
func (tw *tableWorker) unperm(p uint64) uint64 {
	var x uint64
	for _, s := range tw.spans {
		x |= (p >> s.sh & s.mask) << s.lo
	}
	return x
}

// table finds the pairs of the table whose key is the blocks of combo.
func (tw *tableWorker) table(combo uint64) {
	lay, m := tw.lay, tw.lay.m
	// The key's blocks lead, in order, then the others, in order; runs
	// of adjacent blocks move together.
	tw.spans = tw.spans[:0]
	top := uint(Bits)
	for _, in := range []uint64{1, 0} {
		for b := 0; b < m; {
			if combo>>b&1 != in {
				b++
				continue
			}
			e := b + 1
			for e < m && combo>>e&1 == in {
				e++
			}
			w := lay.lo[e] - lay.lo[b]
			top -= w
			tw.spans = append(tw.spans, span{lay.lo[b], top, 1<<w - 1})
			b = e
		}
		if in == 1 {
			tw.keyMask = ^uint64(0) << top
		}
	}
	last := bits.Len64(combo) - 1
	tw.earlier = tw.earlier[:0]
	for b := range last {
		if combo>>b&1 == 0 {
			tw.earlier = append(tw.earlier, tw.perm(lay.mask(b, b+1)))
		}
	}

	n := len(tw.u)
	s := sortBits(bits.OnesCount64(tw.keyMask), n)
	passes := (s + digitBits - 1) / digitBits // at most 3: s ≤ 33
	d := uint((s + passes - 1) / passes)      // bits per digit
	low := uint(Bits - s)
	const dmask = 1<<digitBits - 1
	dm := uint64(1)<<d - 1
	count := tw.count[:passes]
	for q := range count {
		clear(count[q][:1<<d])
	}
	buf := tw.buf[:n]
	if n < permTableMin {
		for i, x := range tw.u {
			p := tw.perm(x)
			buf[i] = p
			for q := range count {
				count[q][p>>(low+uint(q)*d)&dm&dmask]++
			}
		}
	} else {
		// Permute a byte at a time, by tables.
		t := &tw.byteTab
		for i := range t {
			for v := range t[i] {
				t[i][v] = tw.perm(uint64(v) << (8 * i))
			}
		}
		c0, c1, c2 := &tw.count[0], &tw.count[1], &tw.count[2]
		s0, s1, s2 := low, low+d, low+2*d
		u := tw.u[:n]
		for i, x := range u {
			p := t[0][x&0xff] | t[1][x>>8&0xff] | t[2][x>>16&0xff] | t[3][x>>24&0xff] |
				t[4][x>>32&0xff] | t[5][x>>40&0xff] | t[6][x>>48&0xff] | t[7][x>>56]
			buf[i] = p
			c0[p>>s0&dm&dmask]++
			if passes > 1 {
				c1[p>>s1&dm&dmask]++
				if passes > 2 {
					c2[p>>s2&dm&dmask]++
				}
			}
		}
	}
	src, dst := buf, tw.tmp
	for q := range count {
		c := &count[q]
		sum := int32(0)
		for v := range 1 << d {
			c[v], sum = sum, sum+c[v]
		}
		shift := low + uint(q)*d
		to := dst[:len(src)]
		for _, p := range src {
			v := p >> shift & dm & dmask
			to[c[v]] = p
			c[v]++
		}
		src, dst = dst, src
	}
	tw.runs(src, low)
}

// runs compares every two fingerprints of sorted whose bits from low up
// are equal.
func (tw *tableWorker) runs(sorted []uint64, low uint) {
	for i := 0; i < len(sorted); {
		key := sorted[i] >> low
		e := i + 1
		for e < len(sorted) && sorted[e]>>low == key {
			e++
		}
		if e-i > 1 {
			tw.compared += int64(e-i) * int64(e-i-1) / 2
			tw.run(sorted[i:e])
		}
		i = e
	}
}

// run compares every two fingerprints of r, and keeps the pairs within
// distance k that agree on the whole key and on no block below its last
// that is not in it.
func (tw *tableWorker) run(r []uint64) {
	k := tw.k
	for a := 0; a < len(r)-1; a++ {
		x, rest := r[a], r[a+1:]
	near:
		for i := nextNear(rest, 0, x, k); i < len(rest); i = nextNear(rest, i+1, x, k) {
			diff := rest[i] ^ x
			if diff&tw.keyMask != 0 {
				continue
			}
			for _, e := range tw.earlier {
				if diff&e == 0 {
					continue near // an earlier table's pair
				}
			}
			g, h := tw.look.find(tw.unperm(x)), tw.look.find(tw.unperm(rest[i]))
			if g > h {
				g, h = h, g
			}
			tw.pairs.add(uint64(g)<<32 | uint64(h))
		}
	}
}

package join

import (
	"cmp"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// This file builds the corpus and the postings of a self-join without a
// dictionary of the tokens.
//
// Counting. The token space is cut into ranges of about rangeTokens tokens
// each, at quantiles of a sample of the tokens. As every set is sorted, its
// tokens in a range are contiguous and follow those of the range before, so
// a pass walks a cursor along every set (in the caller's order, which is
// usually the order of the sets in memory) and gathers the tokens of a run
// of consecutive ranges into chunks, one list per range; the workers walk
// runs of sets of their own. Then each range's tokens, tagged with their
// set, are sorted on their own (a radix sort in cache), the workers taking
// ranges in turn, and the runs of equal tokens are the groups of sets that
// hold a token. Groups of two or more sets are kept, in order of increasing
// size (the document frequency), ties in increasing token order; the others
// are counted in their set's skip.
//
// Ranking. The global order is by increasing frequency, ties by increasing
// token: the groups of every range are visited in that order by merging the
// ranges' runs of equal frequency, and each set takes the ranks of its
// first tokens until it holds its probing prefix. Only those prefixes are
// stored: verification merges the sets themselves. A token gets a posting
// list only when it lies in the indexing prefix of some set, and the lists
// are numbered in the global order as they are met; the tokens of probing
// prefixes that no set indexes get none.

// none is the posting list of a token that no set indexes.
const none = math.MaxUint32

// A rec is a token of the set processed q-th.
type rec struct {
	key uint64
	q   uint32
}

// A part is what counting a range leaves: the sets of each group of two or
// more sets, groups in the global order, and the runs of groups of equal
// size.
type part struct {
	members []uint32 // processing places q
	runs    []run
}

// A run is groups consecutive groups of df members each, from members[at].
type run struct {
	df, groups uint32
	at         int
}

// newOrder returns the corpus of the non-empty sets in processing order,
// increasing size then increasing index, without their ranks.
func newOrder(sets [][]uint64, workers int) *corpus {
	keys := make([]uint64, 0, len(sets))
	for i, s := range sets {
		if len(s) > 0 {
			keys = append(keys, uint64(len(s))<<32|uint64(i))
		}
	}
	sortKeys(keys, make([]uint64, len(keys)), workers)
	n := len(keys)
	c := &corpus{
		id:   make([]int32, n),
		size: make([]int32, n),
		skip: make([]int32, n),
		off:  make([]int, n+1),
		raw:  make([][]uint64, n),
	}
	for q, k := range keys {
		i := int32(k & math.MaxUint32)
		c.id[q] = i
		c.size[q] = int32(k >> 32)
		c.raw[q] = sets[i]
	}
	return c
}

// newSelfCorpus returns the corpus of sets for a self-join at th, holding
// the probing prefix of every set, and the number of posting lists that
// index the indexing prefixes (newPostings builds them). It uses up to
// workers goroutines.
func newSelfCorpus(sets [][]uint64, th *threshold, workers int) (*corpus, int) {
	c := newOrder(sets, workers)
	n := c.n()
	// counts[w][q] is the number of tokens of set q found in other sets
	// in the ranges that worker w sorted.
	parts, counts := count(sets, c, workers)

	// The prefixes: skip[q] tokens of set q are in no other set and rank
	// first, so set q stores the ranks of its next probePrefix − skip
	// tokens and indexes the first indexPrefix − skip of them.
	type state struct{ at, fill, probe, index uint32 }
	st := make([]state, n)
	at := 0
	for q := range n {
		shared := 0
		for _, cw := range counts {
			shared += int(cw[q])
		}
		size := int(c.size[q])
		skip := size - shared
		c.skip[q] = int32(skip)
		probe := max(0, min(th.probePrefix(size)-skip, shared))
		index := max(0, min(th.indexPrefix(size)-skip, probe))
		st[q] = state{uint32(at), 0, uint32(probe), uint32(index)}
		at += probe
		c.off[q+1] = at
	}
	counts = nil
	c.ranks = make([]uint32, at)

	// The runs of all ranges, in the global order.
	type seg struct {
		run
		k int
	}
	var segs []seg
	for k, p := range parts {
		for _, r := range p.runs {
			segs = append(segs, seg{r, k})
		}
	}
	slices.SortFunc(segs, func(a, b seg) int { return cmp.Or(cmp.Compare(a.df, b.df), cmp.Compare(a.k, b.k)) })

	// Visit the groups in the global order, numbering the posting lists
	// of the tokens that some set indexes.
	lists := 0
	for _, sg := range segs {
		members := parts[sg.k].members[sg.at : sg.at+int(sg.df*sg.groups)]
		for g := range int(sg.groups) {
			group := members[g*int(sg.df) : (g+1)*int(sg.df)]
			r := uint32(none)
			for _, q := range group {
				if s := &st[q]; s.fill < s.index {
					r = uint32(lists)
					lists++
					break
				}
			}
			for _, q := range group {
				if s := &st[q]; s.fill < s.probe {
					c.ranks[s.at+s.fill] = r
					s.fill++
				}
			}
		}
	}
	parts, segs, st = nil, nil, nil
	return c, lists
}

// passTokens is the number of tokens gathered in one pass over the sets
// (12 bytes each): a pass visits every set once and gathers its tokens in
// about passTokens/rangeTokens consecutive ranges. A variable so that a
// test can force many passes.
var passTokens = 1 << 24

// rangeTokens is the number of tokens of a range of the token space, sorted
// at once by one worker (16 bytes each, twice). A variable so that a test
// can force many ranges.
var rangeTokens = 1 << 16

// count counts the tokens of sets, of which c holds the non-empty ones in
// processing order, and returns the part of every range and each worker's
// counts of the tokens of set q (in processing order) that other sets hold.
func count(sets [][]uint64, c *corpus, workers int) ([]part, [][]uint32) {
	total := 0
	for _, s := range c.raw {
		total += len(s)
	}
	lows := splitTokens(c.raw, total, rangeTokens)
	tops := make([]uint64, len(lows))
	for b := range lows {
		tops[b] = math.MaxUint64
		if b+1 < len(lows) {
			tops[b] = lows[b+1] - 1
		}
	}
	qOf := make([]uint32, len(sets))
	for q, i := range c.id {
		qOf[i] = uint32(q)
	}
	workers = max(1, workers)
	cur := make([]uint32, len(sets)) // where set i's tokens of the next pass begin
	parts := make([]part, len(lows))
	counts := make([][]uint32, workers)
	ws := make([]countWorker, workers)
	for w := range ws {
		counts[w] = make([]uint32, c.n())
		ws[w].count = counts[w]
	}
	var pool chunkPool
	perPass := max(1, passTokens/max(1, rangeTokens))
	for first := 0; first < len(lows); first += perPass {
		last := min(first+perPass, len(lows))
		g := newGather(lows[first], tops[first:last])
		// Gather: each worker walks its own run of sets.
		lists := make([][][]*chunk, workers) // lists[w][b]: worker w's tokens of range first+b
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := w*len(sets)/workers, (w+1)*len(sets)/workers
			wg.Go(func() { lists[w] = g.gather(sets[lo:hi], cur[lo:hi], qOf[lo:hi], &pool) })
		}
		wg.Wait()
		// Sort: the workers take the ranges in turn.
		var next atomic.Int64
		for w := range workers {
			wg.Go(func() {
				cw := &ws[w]
				for b := int(next.Add(1) - 1); b < last-first; b = int(next.Add(1) - 1) {
					parts[first+b] = cw.sortRange(lists, b, bits.Len64(lows[first+b]^tops[first+b]), &pool)
				}
			})
		}
		wg.Wait()
	}
	return parts, counts
}

// chunkLen is the number of tokens of a chunk.
const chunkLen = 1024

// A chunk holds gathered tokens: keys[k] is a token of the set processed
// qs[k]-th.
type chunk struct {
	n    int
	keys [chunkLen]uint64
	qs   [chunkLen]uint32
}

// A chunkPool recycles chunks from pass to pass.
type chunkPool struct {
	mu   sync.Mutex
	free []*chunk
}

func (p *chunkPool) get() *chunk {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free) == 0 {
		return new(chunk)
	}
	ch := p.free[len(p.free)-1]
	p.free = p.free[:len(p.free)-1]
	ch.n = 0
	return ch
}

func (p *chunkPool) put(chs []*chunk) {
	p.mu.Lock()
	p.free = append(p.free, chs...)
	p.mu.Unlock()
}

// A gather takes the tokens of consecutive ranges of the token space from
// every set.
type gather struct {
	lo   uint64   // the first range's lower bound
	tops []uint64 // the ranges' largest tokens
	// A token x ≥ lo lies in range tab[(x−lo)>>shift] or a later one.
	tab   []uint32
	shift uint
}

// tabBits is the number of bits of a gather's table.
const tabBits = 14

func newGather(lo uint64, tops []uint64) *gather {
	g := &gather{lo: lo, tops: tops}
	width := tops[len(tops)-1] - lo // the span of the ranges, less one
	g.shift = uint(max(0, bits.Len64(width)-tabBits))
	g.tab = make([]uint32, width>>g.shift+1)
	b := 0
	for k := range g.tab {
		at := lo + uint64(k)<<g.shift // the smallest token of cell k
		for tops[b] < at {
			b++
		}
		g.tab[k] = uint32(b)
	}
	return g
}

// ahead is how many sets ahead gather touches the next token to gather,
// so that the processor fetches several sets at once.
const ahead = 8

// gather appends the tokens of sets in its ranges, from cur on, to chunks
// of the range, advances cur, and returns the chunks by range.
func (g *gather) gather(sets [][]uint64, cur, qOf []uint32, pool *chunkPool) [][]*chunk {
	lists := make([][]*chunk, len(g.tops))
	tails := make([]*chunk, len(g.tops))
	for b := range tails {
		tails[b] = pool.get()
		lists[b] = append(lists[b], tails[b])
	}
	top := g.tops[len(g.tops)-1]
	var sink uint64
	for i, s := range sets {
		if i+ahead < len(sets) {
			if s2, j2 := sets[i+ahead], cur[i+ahead]; int(j2) < len(s2) {
				sink ^= s2[j2]
			}
		}
		j := int(cur[i])
		if j == len(s) {
			continue
		}
		q := qOf[i]
		for ; j < len(s) && s[j] <= top; j++ {
			x := s[j]
			b := g.tab[(x-g.lo)>>g.shift]
			for g.tops[b] < x {
				b++
			}
			ch := tails[b]
			if ch.n == chunkLen {
				ch = pool.get()
				tails[b] = ch
				lists[b] = append(lists[b], ch)
			}
			ch.keys[ch.n] = x
			ch.qs[ch.n] = q
			ch.n++
		}
		cur[i] = uint32(j)
	}
	if sink == 1 {
		runtime.KeepAlive(sink)
	}
	return lists
}

// A countWorker sorts ranges and counts the tokens of sets held by other
// sets.
type countWorker struct {
	count       []uint32 // by processing place
	buf, tmp    []rec
	groups, srt []group
	rs          recSorter
}

// sortRange sorts the tokens of range b gathered in lists[w][b] by every
// worker w, returns the chunks to pool and returns the range's part, given
// that its tokens agree on every bit from the bit'th up.
func (cw *countWorker) sortRange(lists [][][]*chunk, b, bit int, pool *chunkPool) part {
	n := 0
	for _, l := range lists {
		for _, ch := range l[b] {
			n += ch.n
		}
	}
	cw.buf = slices.Grow(cw.buf[:0], n)[:n]
	at := 0
	for _, l := range lists {
		for _, ch := range l[b] {
			dst := cw.buf[at : at+ch.n]
			for k := range dst {
				dst[k] = rec{ch.keys[k], ch.qs[k]}
			}
			at += ch.n
		}
		pool.put(l[b])
		l[b] = nil
	}
	if len(cw.buf) == 0 {
		return part{}
	}
	cw.tmp = slices.Grow(cw.tmp[:0], len(cw.buf))[:len(cw.buf)]
	cw.rs.sort(cw.buf, cw.tmp, bit)
	var p part
	p, cw.groups, cw.srt = collect(cw.buf, cw.groups, cw.srt, cw.count)
	return p
}

// splitTokens returns the lower bounds of ranges of the token space that
// hold about chunk of the total tokens of sets each, the first bound being
// 0, chosen at quantiles of a regular sample of the tokens.
func splitTokens(sets [][]uint64, total, chunk int) []uint64 {
	ranges := (total + chunk - 1) / max(1, chunk)
	if ranges <= 1 {
		return []uint64{0}
	}
	// About 64 samples per range.
	stride := max(1, total/(ranges*64))
	var sample []uint64
	at := 0 // tokens before the current set
	for _, s := range sets {
		for k := (stride - at%stride) % stride; k < len(s); k += stride {
			sample = append(sample, s[k])
		}
		at += len(s)
	}
	sortKeys(sample, make([]uint64, len(sample)), 1)
	lows := []uint64{0}
	for i := 1; i < ranges; i++ {
		if b := sample[i*len(sample)/ranges]; b > lows[len(lows)-1] {
			lows = append(lows, b)
		}
	}
	return lows
}

// A group is the df records buf[at:at+df] of one token.
type group struct{ at, df uint32 }

// smallDF bounds the frequencies that collect orders by counting; the
// groups of larger ones are few and sorted.
const smallDF = 256

// collect returns the part of the sorted records buf, using groups and
// sorted as scratch, and counts the members in count.
func collect(buf []rec, groups, sorted []group, count []uint32) (part, []group, []group) {
	groups = groups[:0]
	members := 0
	var hist [smallDF + 1]int
	for i := 0; i < len(buf); {
		j := i + 1
		for j < len(buf) && buf[j].key == buf[i].key {
			j++
		}
		if df := j - i; df >= 2 {
			groups = append(groups, group{uint32(i), uint32(df)})
			members += df
			hist[min(df, smallDF)]++
		}
		i = j
	}
	// A stable counting sort of the groups by frequency, the large ones
	// last and then sorted.
	start := hist
	sum := 0
	for d, h := range hist {
		start[d] = sum
		sum += h
	}
	sorted = slices.Grow(sorted[:0], len(groups))[:len(groups)]
	for _, g := range groups {
		d := min(int(g.df), smallDF)
		sorted[start[d]] = g
		start[d]++
	}
	large := sorted[len(sorted)-hist[smallDF]:]
	slices.SortStableFunc(large, func(a, b group) int { return cmp.Compare(a.df, b.df) })

	p := part{members: make([]uint32, members)}
	at := 0
	for i, g := range sorted {
		if i == 0 || g.df != sorted[i-1].df {
			p.runs = append(p.runs, run{df: g.df, at: at})
		}
		p.runs[len(p.runs)-1].groups++
		for _, r := range buf[g.at : g.at+g.df] {
			p.members[at] = r.q
			count[r.q]++
			at++
		}
	}
	return p, groups, sorted
}

// recCutoff is the size below which a part of records is sorted by
// insertion.
const recCutoff = 16

// maxDigit is the largest number of bits a level of sortRecs sorts on.
const maxDigit = 11

// A recSorter sorts records by key, stably: a most-significant-digit radix
// sort whose digit shrinks with the part, so that a part of a few hundred
// records is split into parts of a few, which insertion sort finishes.
// Each level scatters its part to the other buffer, so that after the first
// level a part fits in cache; a digit on which a whole part agrees is
// skipped without moving it.
type recSorter struct {
	// counts[l] is the histogram of the part sorted at recursion depth l.
	counts [][1 << maxDigit]int
}

// sort sorts a, using tmp (as long as a) as scratch, given that the keys
// agree on every bit from the bit'th up.
func (rs *recSorter) sort(a, tmp []rec, bit int) { rs.sortTo(a, tmp, a, bit, 0) }

// sortTo sorts src on the bits below bit, leaving the result in dst, which
// is src or the other buffer, other.
func (rs *recSorter) sortTo(src, other, dst []rec, bit, depth int) {
	for len(src) > recCutoff && bit > 0 {
		d := min(bit, max(3, min(maxDigit, bits.Len(uint(len(src)))-3)))
		shift := uint(bit - d)
		mask := uint64(1)<<d - 1
		bit -= d
		if depth == len(rs.counts) {
			rs.counts = append(rs.counts, [1 << maxDigit]int{})
		}
		count := rs.counts[depth][:1<<d]
		clear(count)
		for _, r := range src {
			count[r.key>>shift&mask]++
		}
		if count[src[0].key>>shift&mask] == len(src) {
			continue // one digit: go on to the next
		}
		sum := 0
		for v, c := range count {
			count[v] = sum
			sum += c
		}
		for _, r := range src {
			v := r.key >> shift & mask
			other[count[v]] = r
			count[v]++
		}
		// count[v] is now where part v ends.
		lo := 0
		for _, hi := range count {
			if hi > lo {
				rs.sortTo(other[lo:hi], src[lo:hi], dst[lo:hi], bit, depth+1)
			}
			lo = hi
		}
		return
	}
	if &src[0] != &dst[0] {
		copy(dst, src)
	}
	for i := 1; i < len(dst); i++ {
		r, j := dst[i], i
		for ; j > 0 && dst[j-1].key > r.key; j-- {
			dst[j] = dst[j-1]
		}
		dst[j] = r
	}
}

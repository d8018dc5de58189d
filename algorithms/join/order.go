package join

import (
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
)

// mix is the finaliser of SplitMix64 (Steele, Lea and Flood 2014). It is a
// bijection of the 64-bit words that spreads any input evenly over the
// whole range, so that tokens may be counted and looked up by their leading
// bits whatever their distribution: small integers as well as hashes.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// A dictionary gives the tokens that occur in at least minCount sets their
// rank in the global order: by increasing number of sets holding them
// (document frequency), ties broken by increasing mix(token). Rarest first
// puts the most selective tokens in the prefixes (Bayardo et al. 2007, §4).
type dictionary struct {
	// slots is a hash table of the words: a word sits in the slot given
	// by the leading bits of its key or, taken, in the next free one, and
	// the words are placed in increasing key order, so that keys ascend
	// along the table (an ordered hash table, Amble and Knuth 1974). At
	// most three quarters of the slots are used, so a lookup reads one
	// slot or a few neighbours; it stops at a larger key or an empty slot,
	// and the last slot is empty.
	slots []word
	shift uint
	// size is the number of words.
	size int
	// occurrences is the number of (set, token) pairs whose token is in
	// the dictionary.
	occurrences int
}

// maxChunk bounds the tokens counted in one pass: 2^25 tokens, 512 MiB of
// transient buffers. A larger input is counted in passes over ranges of
// mixed values, each reading every set again. A variable so that a test can
// force passes.
var maxChunk = 1 << 25

// partBits is the number of leading bits of mixed tokens by which a large
// input is split into passes.
const partBits = 10

// A word is a token's mix and rank.
type word struct {
	key  uint64
	rank uint32 // empty for an empty slot
}

const empty = ^uint32(0)

// newDictionary counts the tokens of sets, which hold at most 2^32 − 1
// tokens in all, and keeps those found in at least minCount of them.
func newDictionary(sets [][]uint64, minCount, workers int) dictionary {
	total := 0
	for _, s := range sets {
		total += len(s)
	}
	// ranges[i] .. ranges[i+1] are the leading-bit buckets of pass i.
	ranges := []int{0, 1 << partBits}
	largest := total
	if total > maxChunk {
		var hist [1 << partBits]int
		for _, s := range sets {
			for _, x := range s {
				hist[mix(x)>>(64-partBits)]++
			}
		}
		ranges, largest = ranges[:1], 0
		n := 0
		for b, h := range hist {
			if n > 0 && n+h > maxChunk {
				ranges = append(ranges, b)
				largest = max(largest, n)
				n = 0
			}
			n += h
		}
		ranges = append(ranges, 1<<partBits)
		largest = max(largest, n)
	}

	var d dictionary
	var words []word
	buf := make([]uint64, 0, largest)
	tmp := make([]uint64, largest)
	for p := range len(ranges) - 1 {
		lo, hi := uint64(ranges[p]), uint64(ranges[p+1])
		buf = buf[:0]
		if len(ranges) == 2 {
			// One pass: every token, each set at a known place.
			buf = buf[:total]
			forBlocks(sets, workers, func(first, last, at int) {
				for _, s := range sets[first:last] {
					for k, x := range s {
						buf[at+k] = mix(x)
					}
					at += len(s)
				}
			})
		} else {
			for _, s := range sets {
				for _, x := range s {
					m := mix(x)
					if b := m >> (64 - partBits); b >= lo && b < hi {
						buf = append(buf, m)
					}
				}
			}
		}
		sortKeys(buf, tmp[:len(buf)], workers)
		sorted := buf
		for i := 0; i < len(sorted); {
			j := i + 1
			for j < len(sorted) && sorted[j] == sorted[i] {
				j++
			}
			if j-i >= minCount {
				words = append(words, word{key: sorted[i], rank: uint32(j - i)})
				d.occurrences += j - i
			}
			i = j
		}
	}
	buf, tmp = nil, nil

	// Ranks by a counting sort on the counts, stable on the ascending
	// keys.
	maxCount := uint32(0)
	for _, w := range words {
		maxCount = max(maxCount, w.rank)
	}
	first := make([]uint32, maxCount+2)
	for _, w := range words {
		first[w.rank+1]++
	}
	for c := 1; c < len(first); c++ {
		first[c] += first[c-1]
	}
	for i, w := range words {
		words[i].rank = first[w.rank]
		first[w.rank]++
	}

	d.size = len(words)
	tableBits := bits.Len(uint(len(words) + len(words)/3))
	d.shift = uint(64 - tableBits)
	d.slots = make([]word, 1<<tableBits, 1<<tableBits+1)
	for i := range d.slots {
		d.slots[i].rank = empty
	}
	next := 0
	for _, w := range words {
		p := max(next, int(w.key>>d.shift))
		if p == len(d.slots) {
			d.slots = append(d.slots, word{rank: empty})
		}
		d.slots[p] = w
		next = p + 1
	}
	d.slots = append(d.slots, word{rank: empty}) // the end
	return d
}

// lookup returns the rank of the token whose mix is m, and whether the
// dictionary holds it.
func (d *dictionary) lookup(m uint64) (uint32, bool) {
	for p := m >> d.shift; ; p++ {
		w := d.slots[p]
		if w.rank == empty || w.key > m {
			return 0, false
		}
		if w.key == m {
			return w.rank, true
		}
	}
}

// sortKeys sorts a by a most-significant-digit radix sort of bytes, using
// tmp (as long as a) as scratch. Each level scatters its part to the other
// buffer by one byte, so that after the first level or two a part fits in
// cache; a byte on which a whole part agrees is skipped without moving it,
// and parts of at most 32 keys are finished by insertion sort.
//
// With workers > 1, the parts of the first level are sorted concurrently.
func sortKeys(a, tmp []uint64, workers int) {
	if workers <= 1 || len(a) < 1<<16 {
		sortIn(a, tmp, 64-digit)
		return
	}
	var start [buckets + 1]int
	for shift := 64 - digit; shift >= 0; shift -= digit {
		if scatter(a, tmp, uint(shift), &start) {
			var next atomic.Int64
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for v := int(next.Add(1) - 1); v < buckets; v = int(next.Add(1) - 1) {
						if lo, hi := start[v], start[v+1]; lo < hi {
							sortTo(tmp[lo:hi], a[lo:hi], shift-digit)
						}
					}
				})
			}
			wg.Wait()
			return
		}
	}
	insertionSort(a)
}

// forBlocks splits sets into at most workers runs of consecutive sets with
// about as many tokens each, and calls f(first, last, at) for each run
// sets[first:last] on a goroutine of its own, at being the number of tokens
// before the run; it returns when all calls have returned.
func forBlocks(sets [][]uint64, workers int, f func(first, last, at int)) {
	total := 0
	for _, s := range sets {
		total += len(s)
	}
	workers = max(1, min(workers, len(sets)))
	var wg sync.WaitGroup
	first, at := 0, 0
	for w := range workers {
		last, end := first, at
		goal := total * (w + 1) / workers
		for last < len(sets) && (end < goal || w == workers-1) {
			end += len(sets[last])
			last++
		}
		if workers == 1 {
			f(first, last, at)
			return
		}
		f0, at0 := first, at
		wg.Go(func() { f(f0, last, at0) })
		first, at = last, end
	}
	wg.Wait()
}

// digit is the number of bits sorted on at each level.
const digit = 11

const buckets = 1 << digit

const insertionCutoff = 32

// sortIn sorts a on its bytes at shift and below, leaving the result in a.
func sortIn(a, tmp []uint64, shift int) {
	if len(a) <= insertionCutoff {
		insertionSort(a)
		return
	}
	var start [buckets + 1]int
	for ; shift >= 0 && len(a) > insertionCutoff; shift -= digit {
		if scatter(a, tmp, uint(shift), &start) {
			for v := range buckets {
				if lo, hi := start[v], start[v+1]; lo < hi {
					sortTo(tmp[lo:hi], a[lo:hi], shift-digit)
				}
			}
			return
		}
	}
	insertionSort(a)
}

// sortTo sorts src on its bytes at shift and below, leaving the result in
// dst.
func sortTo(src, dst []uint64, shift int) {
	if len(src) <= insertionCutoff {
		copy(dst, src)
		insertionSort(dst)
		return
	}
	var start [buckets + 1]int
	for ; shift >= 0 && len(src) > insertionCutoff; shift -= digit {
		if scatter(src, dst, uint(shift), &start) {
			for v := range buckets {
				if lo, hi := start[v], start[v+1]; lo < hi {
					sortIn(dst[lo:hi], src[lo:hi], shift-digit)
				}
			}
			return
		}
	}
	copy(dst, src)
	insertionSort(dst)
}

// scatter moves src to dst ordered by the byte at shift, stably, sets
// dst[start[v]:start[v+1]] to the keys whose byte is v, and reports true;
// it reports false, moving nothing, when all of src has the same byte
// there.
func scatter(src, dst []uint64, shift uint, start *[buckets + 1]int) bool {
	var count [buckets]int
	for _, v := range src {
		count[v>>shift&(buckets-1)]++
	}
	if count[src[0]>>shift&(buckets-1)] == len(src) {
		return false
	}
	var next [buckets]int
	for v, c := range count {
		next[v] = start[v]
		start[v+1] = start[v] + c
	}
	for _, v := range src {
		k := v >> shift & (buckets - 1)
		dst[next[k]] = v
		next[k]++
	}
	return true
}

func insertionSort(a []uint64) {
	for i := 1; i < len(a); i++ {
		v, j := a[i], i
		for ; j > 0 && a[j-1] > v; j-- {
			a[j] = a[j-1]
		}
		a[j] = v
	}
}

// sortRanks sorts a, using tmp (at least as long) as the other buffer, by
// a least-significant-digit radix sort of bytes, skipping the bytes on
// which all ranks agree; short lists go to slices.Sort.
func sortRanks(a, tmp []uint32) {
	if len(a) < 64 {
		slices.Sort(a)
		return
	}
	var hist [4][256]uint32
	for _, v := range a {
		hist[0][v&0xff]++
		hist[1][v>>8&0xff]++
		hist[2][v>>16&0xff]++
		hist[3][v>>24]++
	}
	src, dst := a, tmp[:len(a)]
	for p := range 4 {
		h := &hist[p]
		shift := uint(8 * p)
		if h[src[0]>>shift&0xff] == uint32(len(src)) {
			continue
		}
		sum := uint32(0)
		for i, c := range h {
			h[i] = sum
			sum += c
		}
		for _, v := range src {
			b := v >> shift & 0xff
			dst[h[b]] = v
			h[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

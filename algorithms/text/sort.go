package text

import "slices"

// Sorting the shingle hashes of a document. They are uniformly distributed
// 64-bit values, a few hundred of them, so two passes of a least
// significant digit radix sort on their top 14 bits, 7 bits a pass, leave
// them sorted but for the rare hashes that share their top 14 bits, and an
// insertion sort that then has almost nothing to move finishes the job.
// Unlike one bucket pass followed by an insertion sort over every bucket,
// no step depends on a branch the processor cannot predict.

// digitBits is the width of each of the two digits of the radix sort:
// 2^digitBits counters each, to clear and sum for every document, against
// hashes that share the top 2·digitBits bits, which the insertion sort
// has to order (for 240 hashes and 7 bits, about two pairs a document).
const (
	digitBits = 7
	digitMask = 1<<digitBits - 1
)

// minRadixSort is the number of hashes below which sortHashes uses a
// comparison sort; for so few, the two passes over 256 counters do not pay.
const minRadixSort = 64

// sortHashes sets dst to src sorted ascending, and returns tmp, the
// scratch slice it used, for reuse. len(dst) must be len(src); the two must
// not overlap.
//
// The insertion sort that finishes the job costs a step for each pair of
// hashes out of order, which for uniform hashes is almost none; should the
// hashes not be uniform (many distinct values sharing their top 14 bits),
// it gives up after a few steps per hash and sorts dst with slices.Sort.
func sortHashes(dst, src, tmp []uint64) []uint64 {
	n := len(src)
	if n < minRadixSort {
		copy(dst, src)
		slices.Sort(dst)
		return tmp
	}
	var lo, hi [1 << digitBits]uint32 // counts, then offsets, of the two digits
	for _, h := range src {
		lo[h>>(64-2*digitBits)&digitMask]++
		hi[h>>(64-digitBits)]++
	}
	var sumLo, sumHi uint32
	for d := range 1 << digitBits {
		cl, ch := lo[d], hi[d]
		lo[d], hi[d] = sumLo, sumHi
		sumLo, sumHi = sumLo+cl, sumHi+ch
	}
	tmp = slices.Grow(tmp[:0], n)[:n]
	for _, h := range src {
		d := h >> (64 - 2*digitBits) & digitMask
		tmp[lo[d]] = h
		lo[d]++
	}
	for _, h := range tmp {
		d := h >> (64 - digitBits)
		dst[hi[d]] = h
		hi[d]++
	}
	// The insertion sort, with one comparison for a hash already in
	// place (prev is the largest hash so far, dst[i-1]).
	budget := 4 * n
	prev := dst[0]
	for i := 1; i < n; i++ {
		h := dst[i]
		if h >= prev {
			prev = h
			continue
		}
		j := i
		for ; j > 0 && dst[j-1] > h; j-- {
			dst[j] = dst[j-1]
		}
		dst[j] = h
		if budget -= i - j; budget < 0 {
			slices.Sort(dst)
			break
		}
	}
	return tmp
}

package text

import (
	"math/bits"
	"slices"
)

// Sorting the shingle hashes of a document. They are uniformly distributed
// 64-bit values, a few hundred of them, so one pass of a most significant
// digit radix sort (a bucket sort on the top bits, with about one hash a
// bucket) followed by an insertion sort, which only has to order the few
// hashes that share a bucket, beats a comparison sort several times over.

// minBucketSort is the number of hashes below which sortHashes uses a
// comparison sort; for so few, counting into buckets does not pay.
const minBucketSort = 64

// maxBucketBits bounds the number of buckets, 2^maxBucketBits, so the
// counts stay in the L1 cache.
const maxBucketBits = 12

// sortHashes sets dst to src sorted ascending, and returns counts, the
// scratch slice it used, for reuse. len(dst) must be len(src); the two must
// not overlap.
//
// The insertion sort that finishes the job costs a step for each pair of
// hashes out of order, which for hashes is about one for every hash; should
// the hashes not be uniform (many distinct values sharing their top bits),
// it gives up after a few steps per hash and sorts dst with slices.Sort.
func sortHashes(dst, src []uint64, counts []uint32) []uint32 {
	n := len(src)
	if n < minBucketSort {
		copy(dst, src)
		slices.Sort(dst)
		return counts
	}
	b := min(bits.Len(uint(n)), maxBucketBits) // n/2 < 2^b <= 2n buckets
	shift := 64 - uint(b)
	counts = slices.Grow(counts[:0], 1<<b)[:1<<b]
	clear(counts)
	for _, h := range src {
		counts[h>>shift]++
	}
	sum := uint32(0)
	for i, c := range counts {
		counts[i] = sum
		sum += c
	}
	for _, h := range src {
		d := h >> shift
		dst[counts[d]] = h
		counts[d]++
	}
	// Hashes in earlier buckets are smaller, so the insertion sort moves
	// each hash at most to the start of its bucket.
	budget := 4 * n
	for i := 1; i < n; i++ {
		h := dst[i]
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
	return counts
}

// Package radix sorts slices of unsigned 64-bit integers by least
// significant digit first radix sort (Knuth, TAOCP vol. 3, §5.2.5): eight
// passes of one byte each, a pass skipped when every key has the same byte
// there. It takes O(n) time and a scratch slice as long as the input, and
// for large n it is several times faster than a comparison sort.
package radix

import "slices"

// small is the length below which Sort uses slices.Sort, faster for short
// slices than eight counting passes.
const small = 256

// Sort sorts a in increasing order, using tmp, which must be at least as
// long as a, as scratch space. It returns a, which holds the result.
func Sort(a, tmp []uint64) []uint64 {
	if len(a) < small {
		slices.Sort(a)
		return a
	}
	tmp = tmp[:len(a)]
	var counts [8][256]int
	for _, v := range a {
		for d := range 8 {
			counts[d][byte(v>>(8*d))]++
		}
	}
	src, dst := a, tmp
	for d := range 8 {
		c := &counts[d]
		if c[byte(a[0]>>(8*d))] == len(a) {
			continue // every key has this byte: the pass would change nothing
		}
		sum := 0
		for i, n := range c {
			c[i] = sum
			sum += n
		}
		shift := 8 * d
		for _, v := range src {
			b := byte(v >> shift)
			dst[c[b]] = v
			c[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
	return a
}

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
	counts := digitCounts(a)
	src, dst := a, tmp
	for d := range 8 {
		c := &counts[d]
		if !offsets(c, byte(a[0]>>(8*d)), len(a)) {
			continue
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

// offsets turns c, the counts of the values of one byte of n keys, into
// the index where the keys of each value start, and reports true; or
// reports false, leaving c, when every key has the byte first has, so that
// the pass by that byte would change nothing.
func offsets(c *[256]int, first byte, n int) bool {
	if c[first] == n {
		return false
	}
	sum := 0
	for i, k := range c {
		c[i] = sum
		sum += k
	}
	return true
}

// digitCounts returns, for each of the eight bytes of a key, how many keys
// of a hold each of its values: the histograms of every pass, made in one
// pass over a.
func digitCounts(a []uint64) *[8][256]int {
	var counts [8][256]int
	for _, v := range a {
		for d := range 8 {
			counts[d][byte(v>>(8*d))]++
		}
	}
	return &counts
}

// SortWith sorts keys in increasing order and permutes vals, which must be
// as long, along with them, so that vals[i] stays with keys[i]: the sort of
// Sort, carrying a value. It allocates scratch space for both (16 bytes a
// key), and keeps equal keys in their order, as every pass is stable.
func SortWith(keys []uint64, vals []float64) {
	if len(keys) != len(vals) {
		panic("radix: SortWith of slices of different lengths")
	}
	if len(keys) < 2 {
		return
	}
	counts := digitCounts(keys)
	var tk []uint64
	var tv []float64
	src, dst := keys, tk
	srcV, dstV := vals, tv
	for d := range 8 {
		c := &counts[d]
		if !offsets(c, byte(keys[0]>>(8*d)), len(keys)) {
			continue
		}
		if dst == nil {
			tk, tv = make([]uint64, len(keys)), make([]float64, len(keys))
			dst, dstV = tk, tv
		}
		shift := 8 * d
		for i, v := range src {
			b := byte(v >> shift)
			dst[c[b]] = v
			dstV[c[b]] = srcV[i]
			c[b]++
		}
		src, dst = dst, src
		srcV, dstV = dstV, srcV
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
		copy(vals, srcV)
	}
}

// SortInPlace sorts a in increasing order with no scratch space: most
// significant digit first radix sort, permuting each byte's buckets in
// place by following cycles (McIlroy, Bostic and McIlroy, "Engineering
// radix sort", 1993: American flag sort), then sorting each bucket by the
// next byte. A bucket shorter than 256 keys is sorted by slices.Sort.
func SortInPlace(a []uint64) { sortInPlace(a, 56) }

func sortInPlace(a []uint64, shift uint) {
	for {
		if len(a) < small {
			slices.Sort(a)
			return
		}
		var count [256]int
		for _, v := range a {
			count[byte(v>>shift)]++
		}
		if count[byte(a[0]>>shift)] != len(a) {
			break
		}
		// every key has this byte: go on with the next
		if shift == 0 {
			return
		}
		shift -= 8
	}
	var count, head, tail [256]int
	for _, v := range a {
		count[byte(v>>shift)]++
	}
	sum := 0
	for b, c := range count {
		head[b] = sum
		sum += c
		tail[b] = sum
	}
	for b := range 256 {
		for head[b] < tail[b] {
			v := a[head[b]]
			d := byte(v >> shift)
			for int(d) != b {
				v, a[head[d]] = a[head[d]], v
				head[d]++
				d = byte(v >> shift)
			}
			a[head[b]] = v
			head[b]++
		}
	}
	if shift == 0 {
		return
	}
	lo := 0
	for _, c := range count {
		if c > 1 {
			sortInPlace(a[lo:lo+c], shift-8)
		}
		lo += c
	}
}

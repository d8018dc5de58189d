// Package sets computes the size of the intersection of two sets of
// 64-bit tokens held as ascending slices without repeats: the one count
// behind exact Jaccard similarity, containment, and the verification of
// the similarity join (packages jaccard and join), so that they cannot
// disagree.
package sets

import "slices"

// Intersection returns |a ∩ b| for ascending a and b without repeats.
func Intersection(a, b []uint64) int { return IntersectionAtLeast(a, b, 0) }

// IntersectionAtLeast returns |a ∩ b| for ascending a and b without
// repeats when it is at least need, and otherwise some number below need,
// stopping as soon as the tokens left cannot reach need: the test of a
// candidate pair, whose exact overlap matters only when it passes.
//
// A merge is a chain of dependent steps, each waiting for the comparison
// before it. So sets of 32 tokens or more are cut at a's middle token,
// found in b by binary search, and the two halves, whose intersections are
// disjoint and make up a ∩ b, are merged in one loop as two independent
// chains, which the processor runs side by side: about twice as fast as
// one merge on sets of 300 tokens (BenchmarkIntersection).
func IntersectionAtLeast(a, b []uint64, need int) int {
	if len(a) < 32 || len(b) < 32 {
		return chain(a, b, need)
	}
	mid := len(a) / 2
	jm, _ := slices.BinarySearch(b, a[mid])
	a1, b1, a2, b2 := a[:mid], b[:jm], a[mid:], b[jm:]
	n1, i1, j1, n2, i2, j2 := 0, 0, 0, 0, 0, 0
	for i1 < len(a1) && j1 < len(b1) && i2 < len(a2) && j2 < len(b2) {
		if n1+n2+min(len(a1)-i1, len(b1)-j1)+min(len(a2)-i2, len(b2)-j2) < need {
			return n1 + n2
		}
		for range 4 {
			if i1 >= len(a1) || j1 >= len(b1) || i2 >= len(a2) || j2 >= len(b2) {
				break
			}
			// Without branches: a step moves i when x ≤ y, j when
			// x ≥ y, and counts a match when both.
			x1, y1, x2, y2 := a1[i1], b1[j1], a2[i2], b2[j2]
			var le1, ge1, le2, ge2 int
			if x1 <= y1 {
				le1 = 1
			}
			if x1 >= y1 {
				ge1 = 1
			}
			if x2 <= y2 {
				le2 = 1
			}
			if x2 >= y2 {
				ge2 = 1
			}
			n1 += le1 & ge1
			i1 += le1
			j1 += ge1
			n2 += le2 & ge2
			i2 += le2
			j2 += ge2
		}
	}
	// One chain has ended; the other goes on alone.
	n := n1 + n2
	if i1 < len(a1) && j1 < len(b1) {
		return n + chain(a1[i1:], b1[j1:], need-n)
	}
	if i2 < len(a2) && j2 < len(b2) {
		return n + chain(a2[i2:], b2[j2:], need-n)
	}
	return n
}

// chain is IntersectionAtLeast by one merge.
func chain(a, b []uint64, need int) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if n+min(len(a)-i, len(b)-j) < need {
			break
		}
		x, y := a[i], b[j]
		switch {
		case x < y:
			i++
		case x > y:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

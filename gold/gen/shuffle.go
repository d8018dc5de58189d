package gen

import (
	"hash/fnv"
	"math/rand/v2"
)

// maxTries is the number of steps a shuffler draws, at most, looking for one
// that lowers the similarity of the copy to the original.
const maxTries = 64

// gramLen is the length, in words, of the word n-grams whose Jaccard
// similarity a shuffler lowers at each step: 5, the shingle length used for
// near-duplicate detection of documents.
const gramLen = 5

// A shuffler moves the sentences of a document one at a time. order[i] is
// the sentence at position i; a position is moved when it holds another
// sentence than its own.
//
// The first step swaps two sentences; each further step swaps a sentence
// still in place with one already moved, so after k-1 steps exactly k
// positions are moved (k >= 2), and the arrangement after k moves does not
// depend on how many more are made. Each step is drawn uniformly among the
// possible ones until one lowers the Jaccard similarity of the sets of word
// 5-grams of the copy and of the original (at most maxTries draws; failing
// that, the first draw that leaves it unchanged, else the first draw), so
// that every move makes the copy less like the original, not more, as a
// blind draw sometimes does: moving a sentence back beside the one it
// followed restores the 5-grams across their join.
type shuffler struct {
	order   []int
	moved   []int // the moved positions
	unmoved []int // the positions in place, in any order
	at      []int // at[i]: the index of position i in unmoved, or -1
	rng     *rand.Rand

	words [][]uint64          // the hashes of the words of each sentence
	orig  map[uint64]struct{} // the 5-grams of the original
	count map[uint64]int      // the 5-grams of the copy, with their numbers
	inter int                 // |5-grams of the copy ∩ those of the original|
	buf   []uint64
}

func newShuffler(d *doc, rng *rand.Rand) *shuffler {
	m := len(d.sents)
	s := &shuffler{order: make([]int, m), unmoved: make([]int, m), at: make([]int, m), rng: rng,
		words: make([][]uint64, m), orig: make(map[uint64]struct{}), count: make(map[uint64]int)}
	for i, sent := range d.sents {
		s.order[i], s.unmoved[i], s.at[i] = i, i, i
		s.words[i] = make([]uint64, len(sent.words))
		for j, w := range sent.words {
			h := fnv.New64a()
			h.Write([]byte(w))
			s.words[i][j] = h.Sum64()
		}
	}
	for _, g := range s.grams(0, m-1) {
		s.orig[g] = struct{}{}
		s.add(g)
	}
	return s
}

// grams returns the hashes of the 5-grams of the words of the sentences at
// positions lo to hi, in a buffer reused by the next call.
func (s *shuffler) grams(lo, hi int) []uint64 {
	var ws []uint64
	for i := lo; i <= hi; i++ {
		ws = append(ws, s.words[s.order[i]]...)
	}
	s.buf = s.buf[:0]
	for i := 0; i+gramLen <= len(ws); i++ {
		h := uint64(14695981039346656037)
		for _, w := range ws[i : i+gramLen] {
			h = (h ^ w) * 1099511628211
		}
		s.buf = append(s.buf, h)
	}
	return s.buf
}

func (s *shuffler) add(g uint64) {
	if s.count[g]++; s.count[g] == 1 {
		if _, ok := s.orig[g]; ok {
			s.inter++
		}
	}
}

func (s *shuffler) remove(g uint64) {
	if s.count[g]--; s.count[g] == 0 {
		delete(s.count, g)
		if _, ok := s.orig[g]; ok {
			s.inter--
		}
	}
}

// similarity returns the Jaccard similarity of the 5-grams of the copy and
// of the original.
func (s *shuffler) similarity() float64 {
	if len(s.orig) == 0 {
		return 1
	}
	return float64(s.inter) / float64(len(s.orig)+len(s.count)-s.inter)
}

// regions returns the ranges of positions [lo, hi] holding every 5-gram that
// has a word of the sentence at position a or b: the positions from a and b
// out to gramLen-1 words of other positions on each side, merged when they
// overlap.
func (s *shuffler) regions(a, b int) [][2]int {
	if a > b {
		a, b = b, a
	}
	reach := func(p, dir int) int { // the last position, from p in direction dir, needed
		w := 0
		for w < gramLen-1 && p+dir >= 0 && p+dir < len(s.order) {
			p += dir
			if p != a && p != b {
				w += len(s.words[s.order[p]])
			}
		}
		return p
	}
	ra, rb := [2]int{reach(a, -1), reach(a, 1)}, [2]int{reach(b, -1), reach(b, 1)}
	if ra[1] >= rb[0] {
		return [][2]int{{ra[0], max(ra[1], rb[1])}}
	}
	return [][2]int{ra, rb}
}

// swap swaps the sentences at positions a and b, keeping the 5-grams of the
// copy up to date.
func (s *shuffler) swap(a, b int) {
	regs := s.regions(a, b)
	for _, r := range regs {
		for _, g := range s.grams(r[0], r[1]) {
			s.remove(g)
		}
	}
	s.order[a], s.order[b] = s.order[b], s.order[a]
	for _, r := range regs {
		for _, g := range s.grams(r[0], r[1]) {
			s.add(g)
		}
	}
}

// draw returns a possible step: two positions to swap, the first one in
// place.
func (s *shuffler) draw() (a, b int) {
	a = s.unmoved[s.rng.IntN(len(s.unmoved))]
	if len(s.moved) == 0 {
		for b = a; b == a; {
			b = s.unmoved[s.rng.IntN(len(s.unmoved))]
		}
		return a, b
	}
	return a, s.moved[s.rng.IntN(len(s.moved))]
}

// step makes one more step: two more moved positions for the first, one for
// the others. It must not be called when fewer than two positions, or none,
// are in place.
func (s *shuffler) step() {
	a, b := s.choose()
	s.swap(a, b)
	for _, p := range [2]int{a, b} {
		if i := s.at[p]; i >= 0 { // p was in place
			last := s.unmoved[len(s.unmoved)-1]
			s.unmoved[i], s.at[last] = last, i
			s.unmoved = s.unmoved[:len(s.unmoved)-1]
			s.at[p] = -1
			s.moved = append(s.moved, p)
		}
	}
}

// choose returns the step to make: the first of up to maxTries draws that
// lowers the similarity, else the first that leaves it unchanged, else the
// first.
func (s *shuffler) choose() (a, b int) {
	var first, keep [2]int
	kept := false
	now := s.similarity()
	for try := range maxTries {
		a, b := s.draw()
		s.swap(a, b)
		sim := s.similarity()
		s.swap(a, b) // undo
		if sim < now {
			return a, b
		}
		if try == 0 {
			first = [2]int{a, b}
		}
		if sim == now && !kept {
			keep, kept = [2]int{a, b}, true
		}
	}
	if kept {
		return keep[0], keep[1]
	}
	return first[0], first[1]
}

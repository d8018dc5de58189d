// Package reported makes the output of another system an algorithm of a
// simbench run, so that it is scored by the same code, beside the built-in
// algorithms: the pairs the system reported score what it said, and every
// other pair scores 0, as a pair an LSH index never proposes does.
//
// A Pairs is built from the pairs, by document index. Its signatures are
// not computed from shingles: DocSignatures gives document d the signature
// {d}, and Similarity looks the pair up. It is an algo.Indexer whose index
// proposes exactly the reported pairs, and an algo.SelfJoiner, so the
// sparse corpus scope of a large set works too.
package reported

import (
	"fmt"
	"slices"

	"github.com/simbench/simbench/algorithms/algo"
)

// A Pair is a pair of documents, by index, and its score in [0, 1].
type Pair struct {
	A, B  int
	Score float64
}

// Pairs is an algorithm whose scores are another system's.
type Pairs struct {
	n       int
	keys    []uint64  // algo.PairKey of every pair, sorted
	scores  []float64 // parallel to keys
	removed []int     // the removed documents, for a list of removed documents
}

// New returns the algorithm of the pairs, over n documents. A pair of a
// document with itself, an index out of range, a score outside [0, 1] and a
// pair given twice are errors.
func New(n int, pairs []Pair) (*Pairs, error) {
	type ks struct {
		k uint64
		s float64
	}
	all := make([]ks, 0, len(pairs))
	for _, p := range pairs {
		a, b := min(p.A, p.B), max(p.A, p.B)
		switch {
		case a == b:
			return nil, fmt.Errorf("a pair of document %d with itself", a)
		case a < 0 || b >= n:
			return nil, fmt.Errorf("pair (%d, %d): want indexes from 0 to %d", p.A, p.B, n-1)
		case !(p.Score >= 0 && p.Score <= 1):
			return nil, fmt.Errorf("pair (%d, %d): score %v, want a number from 0 to 1", p.A, p.B, p.Score)
		}
		all = append(all, ks{algo.PairKey(a, b), p.Score})
	}
	slices.SortFunc(all, func(x, y ks) int {
		switch {
		case x.k < y.k:
			return -1
		case x.k > y.k:
			return 1
		}
		return 0
	})
	f := &Pairs{n: n, keys: make([]uint64, len(all)), scores: make([]float64, len(all))}
	for i, x := range all {
		if i > 0 && x.k == all[i-1].k {
			a, b := algo.SplitPairKey(x.k)
			return nil, fmt.Errorf("pair (%d, %d) given twice", a, b)
		}
		f.keys[i], f.scores[i] = x.k, x.s
	}
	return f, nil
}

// Len returns the number of reported pairs.
func (f *Pairs) Len() int { return len(f.keys) }

// Sign appends nothing: the signatures of a Pairs are DocSignatures'.
func (f *Pairs) Sign(dst, _ []uint64) []uint64 { return dst }

// DocSignatures returns the signature of each of n documents: {d}.
func (f *Pairs) DocSignatures(n int) [][]uint64 {
	buf := make([]uint64, n)
	sigs := make([][]uint64, n)
	for d := range n {
		buf[d] = uint64(d)
		sigs[d] = buf[d : d+1 : d+1]
	}
	return sigs
}

// Similarity returns the reported score of the documents whose signatures
// are a and b, or 0 when the pair was not reported.
func (f *Pairs) Similarity(a, b []uint64) float64 {
	if len(a) != 1 || len(b) != 1 || a[0] == b[0] {
		return 0
	}
	x, y := int(min(a[0], b[0])), int(max(a[0], b[0]))
	if i, ok := slices.BinarySearch(f.keys, algo.PairKey(x, y)); ok {
		return f.scores[i]
	}
	return 0
}

// SelfJoin returns the reported pairs, as sorted algo.PairKey keys.
func (f *Pairs) SelfJoin(_ [][]uint64, _ float64, _ int) []uint64 { return slices.Clone(f.keys) }

// NewIndex returns an index that proposes the reported pairs.
func (f *Pairs) NewIndex(int) algo.Index { return index{f} }

type index struct{ f *Pairs }

func (index) Add(int, []uint64) {}
func (index) Finish()           {}

// Candidates appends the documents reported with the document of sig.
func (ix index) Candidates(dst []int, sig []uint64) []int {
	if len(sig) != 1 {
		return dst
	}
	d := int(sig[0])
	n := len(dst)
	for _, k := range ix.f.keys {
		a, b := algo.SplitPairKey(k)
		switch d {
		case a:
			dst = append(dst, b)
		case b:
			dst = append(dst, a)
		}
	}
	slices.Sort(dst[n:])
	return dst
}

var (
	_ algo.Indexer    = (*Pairs)(nil)
	_ algo.SelfJoiner = (*Pairs)(nil)
)

// Entry returns the registry entry a configuration of the output of the
// system called name carries: it is not in the registry, since it is not
// built from parameters but from a file.
func Entry(name, doc string) algo.Entry {
	return algo.Entry{Name: name, Doc: doc, DefaultThreshold: 0.5}
}

// SetRemoved makes f a list of removed documents, by index, in the order
// the system removed them: it reports no pair, and only the document-level
// figures are defined.
func (f *Pairs) SetRemoved(removed []int) { f.removed = removed }

// Removed returns the removed documents of a list of removed documents,
// and false for a pair list.
func (f *Pairs) Removed() ([]int, bool) { return f.removed, f.removed != nil }

package text

// This file holds the reference implementation of Shingler.Append that the
// equivalence tests (equiv_test.go), FuzzShinglerMatchesReference and the
// baseline of BenchmarkShinglerDevanagari compare it against. It is the
// pipeline of the package documentation written out plainly with the
// package's general functions, one step after the other: Normalize, then
// AppendTokens (Word) or the UAX #29 grapheme iterator (Char), then Hash64
// and hashWords, then slices.Sort and slices.Compact. It uses neither the
// one-pass word scan of word.go nor the bucket sort of sort.go, which are
// what the equivalence tests check. (Shingler.Append falls back to the same
// general functions when scanWords declines, so on those documents the tests
// check the bookkeeping around them; the normaliser's fast path is checked
// against its slow path in fuzz_test.go.)

import (
	"slices"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// A refShingler is the reference of a Shingler. It keeps its buffers from
// one document to the next, as a Shingler does, so that the benchmark
// compares the two pipelines rather than their allocations; what it still
// allocates is the string Normalize returns for a document that is not
// already normalised.
type refShingler struct {
	opts   Options
	toks   []string // the tokens of the normalised document (Word)
	th     []uint64 // their hashes
	bounds []int    // the grapheme boundaries of the normalised document (Char)
}

// newRefShingler returns the reference Shingler for o, which must be valid.
func newRefShingler(o Options) *refShingler {
	if err := o.Validate(); err != nil {
		panic(err)
	}
	return &refShingler{opts: o}
}

// Append is Shingler.Append as its documentation states it: the hashes of
// the K-shingles of Normalize(doc) (one shingle of all units if there are
// fewer than K, none if there is no token), appended to dst, and the
// appended part sorted and deduplicated.
func (r *refShingler) Append(dst []uint64, doc string) []uint64 {
	text := Normalize(doc)
	seed := r.opts.Seed
	start := len(dst)
	switch r.opts.Unit {
	case Word:
		r.toks = AppendTokens(r.toks[:0], text)
		if len(r.toks) == 0 {
			return dst
		}
		r.th = r.th[:0]
		for _, tok := range r.toks {
			r.th = append(r.th, Hash64([]byte(tok), seed))
		}
		n := len(r.th)
		k := min(r.opts.K, n)
		for i := 0; i+k <= n; i++ {
			dst = append(dst, hashWords(r.th[i:i+k], seed))
		}
	case Char:
		if !hasToken(text) {
			return dst
		}
		// Grapheme i is text[bounds[i]:bounds[i+1]].
		r.bounds = append(r.bounds[:0], 0)
		for g := graphemes.FromString(text); g.Next(); {
			r.bounds = append(r.bounds, g.End())
		}
		n := len(r.bounds) - 1
		k := min(r.opts.K, n)
		for i := 0; i+k <= n; i++ {
			dst = append(dst, Hash64([]byte(text[r.bounds[i]:r.bounds[i+k]]), seed))
		}
	}
	added := dst[start:]
	slices.Sort(added)
	return dst[:start+len(slices.Compact(added))]
}

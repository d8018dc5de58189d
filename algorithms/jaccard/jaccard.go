// Package jaccard implements exact Jaccard similarity over shingle sets,
//
//	J(A, B) = |A ∩ B| / |A ∪ B|,
//
// computed by merging two sorted sets in O(|A| + |B|) time. It is the
// reference the sketching algorithms (SimHash, MinHash) are tested against,
// and the exact truth of the corpus-scope evaluation.
package jaccard

import (
	"context"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/join"
	"github.com/simbench/simbench/algorithms/sets"
)

// Entry is the registry line of exact Jaccard.
var Entry = algo.Entry{
	Name:             "jaccard",
	Doc:              "exact Jaccard |A∩B|/|A∪B| of the shingle sets (sorted merge)",
	DefaultThreshold: 0.5,
	Why:              "half the shingles shared: the usual cut for word 5-grams (Broder 1997 used 0.5 as resemblance threshold)",
	New:              func(p *algo.Params) (algo.Algorithm, error) { return Jaccard{}, p.Err() },
}

// Jaccard is exact Jaccard similarity; its signature is the shingle set
// itself.
type Jaccard struct{}

var _ algo.Joiner = Jaccard{}

// NewJoinIndex returns an exact similarity join at threshold floor (package
// join: AllPairs with PPJoin's filters), whose candidates are exactly the
// sets whose Jaccard similarity with the query is at least floor.
func (Jaccard) NewJoinIndex(floor float64, sizeHint int) algo.Index {
	return join.NewIndex(floor, sizeHint)
}

var _ algo.SelfJoiner = Jaccard{}

// SelfJoin returns the pairs of sets of sigs whose Jaccard similarity is at
// least floor, as algo.PairKey keys: join.SelfJoin, exact.
func (Jaccard) SelfJoin(sigs [][]uint64, floor float64, workers int) []uint64 {
	return join.SelfJoin(sigs, floor, workers)
}

var _ algo.ScoringSelfJoiner = Jaccard{}

// SelfJoinScores is SelfJoin with each pair's Jaccard similarity, which the
// join's verification computed, stopping early once ctx is done
// (join.SelfJoinScoresContext).
func (Jaccard) SelfJoinScores(ctx context.Context, sigs [][]uint64, floor float64, workers int) ([]uint64, []float64, error) {
	return join.SelfJoinScoresContext(ctx, sigs, floor, workers)
}

var _ algo.PairEstimator = Jaccard{}

// EstimatePairs returns the pairs of identical sets of sigs
// (join.IdenticalPairs): every one has J = 1, so the join finds them at
// any floor; a lower bound of its result, found by hashing each set.
func (Jaccard) EstimatePairs(sigs [][]uint64, _ float64, workers int) int64 {
	return join.IdenticalPairs(sigs, workers)
}

// Sign appends the shingles, which must be sorted and distinct, to dst.
func (Jaccard) Sign(dst, shingles []uint64) []uint64 { return append(dst, shingles...) }

// SignsShingles marks the signature as the shingles themselves
// (algo.ShinglesSigner).
func (Jaccard) SignsShingles() {}

// Similarity returns J(a, b) for sorted, distinct a and b, and 0 when either
// is empty.
func (Jaccard) Similarity(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := Intersection(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}

// Intersection returns |a ∩ b| for sorted, distinct a and b
// (sets.Intersection).
func Intersection(a, b []uint64) int { return sets.Intersection(a, b) }

// Containment returns |a ∩ b| / min(|a|, |b|) for sorted, distinct a and b,
// the share of the smaller set found in the larger (Broder 1997), and 0 when
// either is empty. It stays high when one document is wrapped in another.
func Containment(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(Intersection(a, b)) / float64(min(len(a), len(b)))
}

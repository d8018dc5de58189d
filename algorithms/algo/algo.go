// Package algo defines what a near-duplicate detection algorithm is to
// simbench: the Algorithm, Indexer and Index interfaces, and the declared,
// documented parameters an algorithm is built from.
//
// An algorithm maps a document's shingles (the sorted, distinct 64-bit hashes
// made by package text) to a signature, and scores two signatures with a
// similarity in [0, 1]. It never applies a threshold itself: package eval
// derives precision and recall at every threshold from one scoring pass.
//
// This package imports nothing else of simbench, so that every algorithm
// package can depend on it while the registry (package algorithms) depends on
// the algorithm packages.
package algo

import "context"

// An Algorithm maps a document's shingles to a signature and scores two
// signatures.
//
// Sign appends the signature of shingles to dst and returns the extended
// slice; it must not retain shingles nor modify dst[:len(dst)]. The
// shingles are sorted ascending and distinct. A document with no shingles
// has an empty signature.
//
// Similarity returns a value in [0, 1]; it is symmetric, returns 1 for two
// equal non-empty signatures, returns 0 when either signature is empty, and
// allocates nothing.
type Algorithm interface {
	Sign(dst, shingles []uint64) []uint64
	Similarity(a, b []uint64) float64
}

// A ShinglesSigner is an Algorithm whose signature of a document is its
// shingles themselves: Sign appends them unchanged, as exact Jaccard and
// containment do. A run that already holds the shingles uses them as the
// signatures instead of copying them.
type ShinglesSigner interface {
	Algorithm
	// SignsShingles is a marker; it does nothing.
	SignsShingles()
}

// A Leveller is an Algorithm whose similarity takes few distinct values,
// known in advance: a share of k slots that agree takes k + 1, SimHash's
// 1 − hamming/64 takes 65. A run bounds with it, before scoring, the points
// of the algorithm's sweep, one per distinct score.
type Leveller interface {
	// Levels returns the number of distinct values Similarity can
	// return, each a multiple of 1/(Levels() − 1); 0 when it is not known.
	Levels() int
}

// An Indexer is an Algorithm that can propose candidate pairs without
// comparing every pair, as LSH banding does. A pair that its index never
// proposes scores 0, so the recall an index loses is visible in the results.
type Indexer interface {
	Algorithm
	// NewIndex returns an empty index for about sizeHint signatures.
	NewIndex(sizeHint int) Index
}

// An Index holds signatures and proposes candidates for a query signature.
//
// Add every signature, call Finish once, then call Candidates any number of
// times, from any number of goroutines.
type Index interface {
	// Add adds the signature of document id. Ids are small non-negative
	// integers; the index may retain sig.
	Add(id int, sig []uint64)
	// Finish ends the adding phase.
	Finish()
	// Candidates appends to dst the ids whose signatures the index
	// proposes as near-duplicates of sig, in increasing order and without
	// repeats, and returns the extended slice.
	Candidates(dst []int, sig []uint64) []int
}

// An Explainer can say, in a few words, why it scored two signatures as it
// did: how many LSH bands collided, the Hamming distance of two
// fingerprints. Error analysis shows it beside each false positive and
// false negative.
type Explainer interface {
	Explain(a, b []uint64) string
}

// A Joiner is an Algorithm that can find, without comparing every pair,
// exactly the documents whose similarity with a query is at least a floor:
// exact Jaccard by a similarity join, SimHash by permuted tables. Package
// eval uses it to evaluate a corpus too large to score every pair, counting
// every pair it does not find as scoring 0.
type Joiner interface {
	Algorithm
	// NewJoinIndex returns an empty index whose Candidates are exactly the
	// documents whose similarity with the query is at least floor,
	// 0 < floor ≤ 1, for about sizeHint signatures.
	NewJoinIndex(floor float64, sizeHint int) Index
}

// A SelfJoiner finds, in one pass over a whole corpus of signatures, the
// pairs its index or join would find document by document: an Indexer the
// pairs its index proposes, a Joiner the pairs whose similarity is at least
// a floor. Package eval uses it to find the pairs of a corpus with less
// memory and time than one query per document.
type SelfJoiner interface {
	// SelfJoin returns the pairs (a, b), a < b, of documents of sigs that
	// the index proposes or, for a Joiner, whose similarity is at least
	// floor, as keys PairKey(a, b), sorted and distinct. A document with
	// an empty signature is in no pair. It may use up to workers
	// goroutines; its result does not depend on their number.
	SelfJoin(sigs [][]uint64, floor float64, workers int) []uint64
}

// A ScoringSelfJoiner is a SelfJoiner that also gives the similarity of
// every pair it finds, as its Similarity would compute it from the two
// signatures, bit for bit: the scores a join computed to decide on the
// pairs need not be computed again. Its join can be stopped midway, as a
// run stopped by its memory budget or by the user needs.
type ScoringSelfJoiner interface {
	SelfJoiner
	// SelfJoinScores returns what SelfJoin returns, and in scores[i] the
	// similarity of the pair keys[i]; or, once ctx is done, stops soon
	// and returns ctx's error and no pairs.
	SelfJoinScores(ctx context.Context, sigs [][]uint64, floor float64, workers int) (keys []uint64, scores []float64, err error)
}

// A PairEstimator bounds, cheaply and before they are found, the pairs its
// index (an Indexer) or join (a Joiner, at floor) would find among the
// documents of sigs, so that a run can stop before a stage that would not
// fit its memory budget. EstimatePairs returns a lower bound: the pairs
// found are never fewer, so a run stopped on it would not have fitted. It
// may use up to workers goroutines and should cost a small part of finding
// the pairs.
type PairEstimator interface {
	EstimatePairs(sigs [][]uint64, floor float64, workers int) int64
}

// EqualPairs returns the pairs of equal values of sorted, a sorted slice:
// Σ C(m, 2) over its runs of m equal values. Estimators count with it the
// pairs that share a bucket key or a fingerprint.
func EqualPairs(sorted []uint64) int64 {
	var pairs int64
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j] == sorted[i] {
			j++
		}
		m := int64(j - i)
		pairs += m * (m - 1) / 2
		i = j
	}
	return pairs
}

// PairKey packs a pair of document indexes, each below 2^32, into one
// integer ordered as (a, b).
func PairKey(a, b int) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// SplitPairKey returns the pair of document indexes PairKey packed.
func SplitPairKey(k uint64) (a, b int) { return int(k >> 32), int(uint32(k)) }

package eval

import (
	"context"
	"slices"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/jaccard"
)

// A Scorer scores pairs of documents with one configuration, as a run
// does. It is the one place a pair's score is computed: the run, explain,
// tune and the error analysis all ask a Scorer, so that they cannot
// disagree.
//
// The score of documents a and b is
//
//   - 0 when the configuration has an index (LSH bands, SimHash tables) or,
//     in the sparse corpus scope, a join at its floor, and that index or
//     join did not find the pair;
//   - otherwise, with verify=true, the exact Jaccard similarity of their
//     shingles;
//   - otherwise the algorithm's similarity of their signatures.
type Scorer struct {
	c        algorithms.Config
	sigs     [][]uint64 // every document's signature
	shingles [][]uint64 // every document's shingles, for verify=true; nil otherwise
	found    []uint64   // sorted algo.PairKey keys of the pairs found; nil when every pair is scored
	// scores, when not nil, holds the score of each pair of found, which
	// the join computed (algo.ScoringSelfJoiner), or which were computed
	// before the signatures were let go (prepared.deferred); sigs is then
	// nil in the latter case.
	scores []float64
	// sigBytes is the mean bytes of a document's signature.
	sigBytes float64
	// groups, when not nil, are the groups of identical documents of a
	// counted run: sigs, shingles and found are then of the documents it
	// ran on, groups.local, and a pair of documents is scored as the pair
	// that stands for it (groups.localPair).
	groups *groups
}

// newScorer returns the scorer of configuration i of a run whose
// signatures and shingles p holds, given the pairs its index or join found
// (nil when it scores every pair) and, when its join gave them, their
// scores.
func newScorer(c algorithms.Config, p *prepared, i int, found []uint64, scores []float64) *Scorer {
	sc := &Scorer{c: c, sigs: p.sigs[i], found: found, scores: scores}
	if p.deferred && p.sigs[i] == nil {
		sc.sigBytes = p.sigBytes[i]
		return sc // every pair found is scored: no signature is needed
	}
	sc.sigBytes = sigBytes(sc.sigs)
	if c.Verify {
		sc.shingles = p.shinglesOf(c)
	}
	return sc
}

// Config returns the configuration the scorer scores with.
func (sc *Scorer) Config() algorithms.Config { return sc.c }

// Signature returns the signature of document d, or nil when a streamed
// run let the signatures go once it had scored the pairs found.
func (sc *Scorer) Signature(d int) []uint64 {
	if sc.sigs == nil {
		return nil
	}
	if sc.groups != nil {
		d = int(sc.groups.at[sc.groups.of[d]][0])
	}
	return sc.sigs[d]
}

// Score returns the score of documents a and b, a ≠ b, and whether the
// configuration's index or join proposed them (true for a configuration
// that scores every pair).
func (sc *Scorer) Score(a, b int) (score float64, proposed bool) {
	if sc.groups != nil {
		a, b = sc.groups.localPair(a, b)
	}
	if a > b {
		a, b = b, a
	}
	i, ok := -1, true
	if sc.found != nil {
		i, ok = slices.BinarySearch(sc.found, algo.PairKey(a, b))
	}
	return sc.scoreFound(a, b, i, ok)
}

// scoreFound is Score for a < b, given where the pair's key is in
// sc.found, or would be, and whether it is there (true when sc.found is
// nil).
func (sc *Scorer) scoreFound(a, b, i int, ok bool) (score float64, proposed bool) {
	if !ok {
		return 0, false
	}
	if sc.scores != nil {
		return sc.scores[i], true
	}
	if sc.c.Verify {
		// The index proposed; exact Jaccard of the shingles decides.
		return jaccard.Jaccard{}.Similarity(sc.shingles[a], sc.shingles[b]), true
	}
	return sc.c.Algorithm.Similarity(sc.sigs[a], sc.sigs[b]), true
}

// HasIndex reports whether the scorer scores only the pairs an index or a
// join found.
func (sc *Scorer) HasIndex() bool { return sc.found != nil }

// scoreAll writes the score of every pair to scores and returns the number
// of pairs the configuration's index or join proposed, or -1 when it has
// none; proposed, when not nil, records which pairs it proposed.
func (sc *Scorer) scoreAll(ctx context.Context, pairs []Pair, scores []float64, proposed []bool) (int, error) {
	n := -1
	if sc.found != nil {
		n = 0
	}
	// The pairs of a run come in increasing order of their keys, so the
	// search for each in sc.found starts where the last one ended and
	// gallops forward; a pair out of order starts it again.
	var last uint64
	at := 0
	for i, p := range pairs {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		a, b := min(p.A, p.B), max(p.A, p.B)
		j, ok := -1, true
		if sc.found != nil {
			key := algo.PairKey(a, b)
			if key < last {
				at = 0
			}
			last = key
			at, ok = gallop(sc.found, at, key)
			j = at
		}
		scores[i], ok = sc.scoreFound(a, b, j, ok)
		if sc.found != nil && ok {
			n++
			if proposed != nil {
				proposed[i] = true
			}
		}
	}
	return n, nil
}

// gallop returns the index of the first key of the ascending keys at or
// after from that is not less than key, and whether it is key: the search
// of slices.BinarySearch on keys[from:], in time logarithmic in the
// distance travelled (Bentley and Yao, "An almost optimal algorithm for
// unbounded searching", 1976).
func gallop(keys []uint64, from int, key uint64) (int, bool) {
	step := 1
	lo := from
	for lo+step < len(keys) && keys[lo+step] < key {
		lo += step
		step *= 2
	}
	// keys[lo] < key unless lo == from; the answer is in [lo, lo+step].
	i, ok := slices.BinarySearch(keys[lo:min(len(keys), lo+step+1)], key)
	return lo + i, ok
}

// scoreKeys returns the score of each pair of keys, sorted algo.PairKey
// keys of pairs sc's index or join found, computed from the signatures
// (or, with verify=true, the shingles) with up to workers goroutines.
func (sc *Scorer) scoreKeys(ctx context.Context, keys []uint64, workers int) ([]float64, error) {
	scores := make([]float64, len(keys))
	err := chunks(ctx, len(keys), 1<<16, workers, func() func(lo, hi int) {
		return func(lo, hi int) {
			for j := lo; j < hi; j++ {
				a, b := algo.SplitPairKey(keys[j])
				scores[j], _ = sc.scoreFound(a, b, -1, true)
			}
		}
	})
	return scores, err
}

package join_test

import (
	"math/rand/v2"
	"slices"

	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/join"
)

// corpus describes a synthetic corpus: sets of tokens drawn from a Zipf
// vocabulary, some of them near-duplicates of earlier sets.
type corpus struct {
	sets       int     // number of sets
	size, jit  int     // a set has size ± jit distinct tokens
	vocab      uint64  // tokens are 0 .. vocab−1 before hashing
	s, v       float64 // Zipf law P(k) ∝ (v + k)^−s
	dups       float64 // share of sets that are near-duplicates of an earlier set
	maxChange  float64 // a near-duplicate replaces up to this share of its tokens
	hashTokens bool    // replace token k by a 64-bit hash of k, as shingles are
}

// generate returns the sets of c, each sorted and distinct.
func (c corpus) generate(rng *rand.Rand) [][]uint64 {
	z := rand.NewZipf(rng, c.s, c.v, c.vocab-1)
	token := func() uint64 {
		k := z.Uint64()
		if c.hashTokens {
			k = hash(k)
		}
		return k
	}
	sets := make([][]uint64, c.sets)
	for i := range sets {
		n := c.size
		if c.jit > 0 {
			n += rng.IntN(2*c.jit+1) - c.jit
		}
		var x []uint64
		if i > 0 && rng.Float64() < c.dups {
			// A near-duplicate: an earlier set with a share of its tokens
			// replaced by fresh draws.
			base := sets[rng.IntN(i)]
			keep := len(base) - int(rng.Float64()*c.maxChange*float64(len(base)))
			x = slices.Clone(base)
			rng.Shuffle(len(x), func(a, b int) { x[a], x[b] = x[b], x[a] })
			x = x[:keep]
			n = len(base)
		}
		// Draw until the set has n distinct tokens, or the vocabulary
		// seems exhausted.
		slices.Sort(x)
		for round := 0; len(x) < n && round < 100; round++ {
			for range n - len(x) {
				x = append(x, token())
			}
			slices.Sort(x)
			x = slices.Compact(x)
		}
		sets[i] = slices.Clip(x)
	}
	return sets
}

// hash is a fixed 64-bit hash (the MurmurHash3 finaliser, Appleby 2011),
// so that generated tokens look like shingle hashes.
func hash(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	return k ^ k>>33
}

// bruteForce compares every pair with jaccard.Jaccard, the definition.
func bruteForce(sets [][]uint64, t float64) []join.Pair {
	var out []join.Pair
	for a := range sets {
		for b := a + 1; b < len(sets); b++ {
			if j := (jaccard.Jaccard{}).Similarity(sets[a], sets[b]); j >= t {
				out = append(out, join.Pair{A: a, B: b, J: j})
			}
		}
	}
	return out
}

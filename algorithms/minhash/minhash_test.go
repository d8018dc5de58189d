package minhash_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
)

func TestConformance(t *testing.T) {
	for _, k := range []int{16, 128} {
		t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) {
			algotest.Run(t, algotest.Suite{
				New:    func(seed uint64) algo.Algorithm { return minhash.New(k, seed) },
				Expect: algotest.MinHashError(k),
			})
		})
	}
}

func TestConformanceLSH(t *testing.T) {
	algotest.Run(t, algotest.Suite{
		New: func(seed uint64) algo.Algorithm {
			l, err := lsh.New(minhash.New(128, seed), 32, 4)
			if err != nil {
				t.Fatal(err)
			}
			return l
		},
		Expect: algotest.MinHashError(128),
	})
}

// TestCollisionModel checks MinHash's model, p(J) = J, by simulation; see
// algotest.CollisionModel for the draws and the tolerances.
func TestCollisionModel(t *testing.T) {
	algotest.CollisionModel(t, func(k int, seed uint64) lsh.Signer { return minhash.New(k, seed) })
}

// TestEstimateWithinError checks the bound: on seeded pairs of known
// overlap, every 128-slot estimate lies within 4·sqrt(J(1−J)/k) of exact
// Jaccard. A normal variable strays 4 sd with probability 6e-5, so over the
// 1,100 estimates here a correct estimator fails with probability under 7%;
// the seeds are fixed, so the outcome is too.
func TestEstimateWithinError(t *testing.T) {
	const k, sigmas = 128, 4
	rng := rand.New(rand.NewPCG(11, 12))
	for _, j := range []float64{0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95} {
		for _, size := range []int{40, 400} {
			inter := int(math.Round(j * float64(size)))
			rest := size - inter
			a, b := algotest.Overlap(rng, inter, rest/2, rest-rest/2)
			exact := jaccard.Jaccard{}.Similarity(a, b)
			bound := sigmas * minhash.StdDev(exact, k)
			for seed := range uint64(80) {
				m := minhash.New(k, seed)
				if got := m.Similarity(m.Sign(nil, a), m.Sign(nil, b)); math.Abs(got-exact) > bound {
					t.Errorf("J=%.3f |A∪B|=%d seed %d: estimate %.4f, want within %.4f", exact, size, seed, got, bound)
				}
			}
		}
	}
}

// TestSignMatchesNaive checks the tuned Sign against signNaive, the
// textbook loop, on odd and even numbers of slots and of shingles (the
// tuned loop takes both two at a time).
func TestSignMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, k := range []int{1, 2, 3, 16, 127, 128} {
		m := minhash.New(k, uint64(k))
		for _, n := range []int{1, 2, 3, 4, 5, 233, 234} {
			a, _ := algotest.Overlap(rng, n, 0, 0)
			if got, want := m.Sign(nil, a), signNaive(m, nil, a); !slices.Equal(got, want) {
				t.Errorf("k=%d, %d shingles: Sign = %x, want %x", k, n, got, want)
			}
		}
	}
}

// TestSignAllocs checks that signing allocates nothing once dst has room.
func TestSignAllocs(t *testing.T) {
	doc := algotest.BenchCorpus(1)[0]
	m := minhash.New(128, 1)
	sig := make([]uint64, 0, 128)
	if n := testing.AllocsPerRun(100, func() { sig = m.Sign(sig[:0], doc) }); n != 0 {
		t.Errorf("Sign allocates %v times per document, want 0", n)
	}
}

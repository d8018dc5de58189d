package algotest

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simbench/simbench/algorithms/lsh"
)

// modelSigmas is how many binomial standard deviations a simulated rate may
// stray from the model's: a normal variable strays 4 sd with probability
// 6e-5, so a right model fails one of the fourteen rates checked here with
// probability under 0.1%, and the seeds are fixed, so the outcome is too.
const modelSigmas = 4

// modelCase is a pair of shingle sets of known Jaccard similarity
// inter/(inter+onlyA+onlyB).
type modelCase struct{ inter, onlyA, onlyB int }

func (c modelCase) jaccard() float64 {
	return float64(c.inter) / float64(c.inter+c.onlyA+c.onlyB)
}

// CollisionModel checks by simulation the collision model a Signer
// declares, as subtests of t; newSigner returns a k-slot signer whose
// random choices are made from seed.
//
// Subtest "slots" draws, for each of several Jaccard similarities J from 0
// to 1 and set sizes from 10 to 100, 300 pairs of random shingle sets (with
// Overlap), each signed by a 64-slot signer of its own seed, and counts the
// slots that agree. Over the N = 300·64 slots the rate must lie within 4
// binomial standard deviations, 4·sqrt(p(1−p)/N), of the model's p(J); for
// p(J) of 0 or 1 it must equal it. The binomial deviation assumes the slots
// of one signature agree independently; slots that are negatively
// correlated, as one-permutation MinHash's are, vary less, so the check is
// then conservative.
//
// Subtest "bands" checks what banding makes of the model: over n = 2,000
// such pairs of sets of 400 shingles in all, each signed by a 12-slot signer
// of its own seed, the rate at which 4 bands of 3 rows collide must lie
// within 4·sqrt(P(1−P)/n) of P(J) = 1 − (1 − p(J)^3)^4. Sets this large keep
// the negative correlation of one-permutation slots below 0.005 of P, a
// tenth of the tolerance.
func CollisionModel(t *testing.T, newSigner func(k int, seed uint64) lsh.Signer) {
	t.Run("slots", func(t *testing.T) {
		const k, pairs = 64, 300
		rng := rand.New(rand.NewPCG(41, 42))
		seed := uint64(0)
		for _, c := range []modelCase{
			{0, 50, 50}, {20, 40, 40}, {50, 25, 25}, {80, 10, 10}, {100, 0, 0},
			{0, 5, 5}, {5, 3, 2}, {9, 1, 0}, // short documents
		} {
			j := c.jaccard()
			agree := 0
			var p float64
			for range pairs {
				s := newSigner(k, seed)
				seed++
				p = s.SlotAgreement(j)
				a, b := Overlap(rng, c.inter, c.onlyA, c.onlyB)
				sa, sb := s.Sign(nil, a), s.Sign(nil, b)
				for i := range sa {
					if sa[i] == sb[i] {
						agree++
					}
				}
			}
			n := float64(k * pairs)
			got := float64(agree) / n
			tol := modelSigmas * math.Sqrt(p*(1-p)/n)
			if math.Abs(got-p) > tol {
				t.Errorf("|A∩B|=%d |A∖B|=%d |B∖A|=%d, J=%.3f: %d of %.0f slots agree (%.4f), model p(J) = %.4f ± %.4f",
					c.inter, c.onlyA, c.onlyB, j, agree, n, got, p, tol)
			}
		}
	})
	t.Run("bands", func(t *testing.T) {
		const b, r, pairs = 4, 3, 2000
		rng := rand.New(rand.NewPCG(43, 44))
		seed := uint64(0)
		for _, c := range []modelCase{{0, 200, 200}, {80, 160, 160}, {200, 100, 100}, {280, 60, 60}, {320, 40, 40}, {400, 0, 0}} {
			j := c.jaccard()
			hits := 0
			var want float64
			for range pairs {
				l, err := lsh.New(newSigner(b*r, seed), b, r)
				if err != nil {
					t.Fatal(err)
				}
				seed++
				want = l.Probability(j)
				a, bb := Overlap(rng, c.inter, c.onlyA, c.onlyB)
				if l.Collide(l.Sign(nil, a), l.Sign(nil, bb)) {
					hits++
				}
			}
			got := float64(hits) / pairs
			tol := modelSigmas * math.Sqrt(want*(1-want)/pairs)
			if math.Abs(got-want) > tol {
				t.Errorf("J=%.3f, b=%d r=%d: %d of %d pairs collide (%.4f), model P(J) = %.4f ± %.4f",
					j, b, r, hits, pairs, got, want, tol)
			}
		}
	})
}

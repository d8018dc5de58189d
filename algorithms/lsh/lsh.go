// Package lsh proposes candidate pairs of near-duplicate documents by
// banding their signatures (locality-sensitive hashing), and chooses the
// banding from the collision model the sketch declares.
//
// # Banding
//
// A Signer computes k-slot signatures: MinHash (Broder, "On the
// resemblance and containment of documents", 1997), one-permutation
// MinHash, b-bit MinHash. Banding cuts a signature into b bands of r rows,
// b·r ≤ k, and hashes each band to a key. Two documents become candidates
// when all r rows of at least one band agree (Leskovec, Rajaraman and
// Ullman, Mining of Massive Datasets, ch. 3, §3.4). A pair that no band
// proposes scores 0.
//
// # The collision model
//
// How often two documents share a band depends on how often one slot of
// their signatures agrees. Every Signer declares this, its collision model:
// the probability p(J) that one slot agrees for two documents whose shingle
// sets have Jaccard similarity J. For MinHash p(J) = J (Broder 1997); for
// b-bit minwise hashing, which keeps the lowest b bits of each MinHash
// slot, two slots also agree when different minima share those bits, and
// for sets small beside the hash's universe
//
//	p(J) = C + (1 − C)·J,  C = 2^−b
//
// (Li and König, "b-Bit Minwise Hashing", WWW 2010, Theorem 1). When the
// slots agree independently, the probability that banding proposes a pair
// is the S-curve
//
//	P(J) = 1 − (1 − p(J)^r)^b,
//
// whose steep part sits where p(J) ≈ (1/b)^(1/r). The choice of b and r
// (OptimalParams, EmpiricalParams) and the theoretical curve (Probability)
// all go through the model, so that a sketch whose slots do not agree with
// probability J gets the bands its own curve calls for. A sketch whose slots
// are negatively correlated, such as one-permutation MinHash on short
// documents, shares a band slightly less often than P(J) says.
package lsh

import (
	"fmt"
	"math"
	"slices"

	"github.com/simbench/simbench/algorithms/algo"
)

// A Signer computes k-slot signatures and declares their collision model.
type Signer interface {
	algo.Algorithm
	// K returns the number of slots of a non-empty signature.
	K() int
	// SlotAgreement returns p(J), the probability that one slot of the
	// signatures of two documents agrees when the Jaccard similarity of
	// their shingle sets is j: the collision model. It is non-decreasing
	// in j, with p(1) = 1.
	SlotAgreement(j float64) float64
}

// A Model is a collision model: the probability that one slot of two
// signatures agrees, as a function of the Jaccard similarity j of the two
// documents. A Signer's SlotAgreement method is one.
type Model func(j float64) float64

// Minwise is the collision model of MinHash and of one-permutation MinHash,
// p(J) = J (Broder 1997).
func Minwise(j float64) float64 { return j }

// BBit returns the collision model of b-bit minwise hashing, which keeps the
// lowest bits bits of each MinHash slot: p(J) = C + (1 − C)·J with
// C = 2^−bits, the form of Li and König (2010, Theorem 1) for sets small
// beside the universe of hash values. A slot agrees when the minima agree
// (probability J) or, when they differ, when their lowest bits do
// (probability C).
func BBit(bits int) Model {
	c := math.Ldexp(1, -bits)
	return func(j float64) float64 { return c + (1-c)*j }
}

// Probability returns 1 − (1 − p^r)^b, the probability that two signatures
// whose slots each agree independently with probability p agree in all r
// rows of at least one of b bands. With p the collision model's p(J) it is
// the S-curve P(J).
func Probability(p float64, b, r int) float64 {
	return 1 - math.Pow(1-math.Pow(p, float64(r)), float64(b))
}

// Banding is a Signer whose index proposes candidates by banding its
// signatures into Bands bands of Rows rows. It is an algo.Indexer, an
// algo.SelfJoiner and an algo.Explainer; it signs and scores as its Signer
// does.
type Banding struct {
	Signer
	Bands, Rows int
}

// Levels returns the levels of the banded signer's similarity, or 0 when
// it does not say (algo.Leveller).
func (l *Banding) Levels() int {
	if lv, ok := l.Signer.(algo.Leveller); ok {
		return lv.Levels()
	}
	return 0
}

// New returns banding of s's signatures into b bands of r rows. It returns
// an error unless b ≥ 1, r ≥ 1 and b·r ≤ s.K().
func New(s Signer, b, r int) (*Banding, error) {
	if b < 1 || r < 1 || b*r > s.K() {
		return nil, fmt.Errorf("bands=%d rows=%d: want b ≥ 1, r ≥ 1 and b·r ≤ perm=%d", b, r, s.K())
	}
	return &Banding{Signer: s, Bands: b, Rows: r}, nil
}

// Probability returns P(j) = 1 − (1 − p(j)^r)^b, the probability that the
// index proposes a pair of Jaccard similarity j, with p the Signer's
// collision model.
func (l *Banding) Probability(j float64) float64 {
	return Probability(l.SlotAgreement(j), l.Bands, l.Rows)
}

// Collide reports whether the signatures a and b agree in every row of at
// least one band.
func (l *Banding) Collide(a, b []uint64) bool { return l.BandsCollided(a, b) > 0 }

// BandsCollided returns how many bands of a and b agree in all their rows.
func (l *Banding) BandsCollided(a, b []uint64) int {
	if len(a) != l.K() || len(b) != l.K() {
		return 0
	}
	n := 0
	for i := range l.Bands {
		lo, hi := i*l.Rows, (i+1)*l.Rows
		if slices.Equal(a[lo:hi], b[lo:hi]) {
			n++
		}
	}
	return n
}

// Explain gives the number of slots and of bands in which two signatures
// agree; a pair with no band in common is never proposed and scores 0.
func (l *Banding) Explain(a, b []uint64) string {
	if len(a) != l.K() || len(b) != l.K() {
		return "empty signature: never proposed"
	}
	eq := 0
	for i, x := range a {
		if x == b[i] {
			eq++
		}
	}
	n := l.BandsCollided(a, b)
	s := fmt.Sprintf("%d of %d slots agree; %d of %d bands (r=%d) collide", eq, l.K(), n, l.Bands, l.Rows)
	if n == 0 {
		s += ": never proposed, scores 0"
	}
	return s
}

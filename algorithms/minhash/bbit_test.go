package minhash_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
)

// bbit is b-bit minwise hashing (Li and König, WWW 2010), for the tests
// only: MinHash keeping the lowest bits bits of each slot. Two slots agree
// when the minima agree, with probability J, or, when they differ, when
// their lowest bits do, with probability C = 2^−bits, so its collision
// model is p(J) = C + (1 − C)·J, not J: the sketch that shows the bands
// following the model.
type bbit struct {
	*minhash.MinHash
	bits int
}

func (s bbit) Sign(dst, shingles []uint64) []uint64 {
	n := len(dst)
	dst = s.MinHash.Sign(dst, shingles)
	for i := n; i < len(dst); i++ {
		dst[i] &= 1<<s.bits - 1
	}
	return dst
}

func (s bbit) SlotAgreement(j float64) float64 { return lsh.BBit(s.bits)(j) }

// Similarity inverts the model: (share of agreeing slots − C)/(1 − C),
// clamped to [0, 1].
func (s bbit) Similarity(a, b []uint64) float64 {
	c := math.Ldexp(1, -s.bits) // p(0)
	return min(1, max(0, (s.MinHash.Similarity(a, b)-c)/(1-c)))
}

// TestBBitCollisionModel checks the Li–König model by simulation for 1, 2
// and 4 bits; see algotest.CollisionModel for the draws and the
// tolerances. The hash values live in 2^64, so the sets are small beside
// the universe, the case in which C = 2^−bits.
func TestBBitCollisionModel(t *testing.T) {
	for _, bits := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("bits=%d", bits), func(t *testing.T) {
			algotest.CollisionModel(t, func(k int, seed uint64) lsh.Signer { return bbit{minhash.New(k, seed), bits} })
		})
	}
}

// TestBBitBands checks that the bands derived from the parameters follow
// the signer's model: at the default 128 slots and threshold 0.5, 1-bit
// slots get other bands than MinHash's, whose own 25×5 would propose more
// than half of all unrelated pairs.
func TestBBitBands(t *testing.T) {
	derive := func(s func(k int, seed uint64) lsh.Signer) *lsh.Banding {
		p := algo.NewParams(lsh.Params("slots"), nil)
		p.Threshold = 0.5
		l, err := lsh.NewFromParams(p, 1024, s)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	m := derive(func(k int, seed uint64) lsh.Signer { return minhash.New(k, seed) })
	b := derive(func(k int, seed uint64) lsh.Signer { return bbit{minhash.New(k, seed), 1} })
	if m.Bands != 25 || m.Rows != 5 {
		t.Errorf("MinHash: b=%d r=%d, want 25×5", m.Bands, m.Rows)
	}
	if b.Bands == m.Bands && b.Rows == m.Rows {
		t.Fatalf("1-bit MinHash: b=%d r=%d, the same bands as MinHash's", b.Bands, b.Rows)
	}
	// P(0) under the 1-bit model, where a slot agrees by chance half the
	// time: 1 − (1 − 2^−r)^b.
	for _, c := range []struct {
		name string
		l    *lsh.Banding
		lo   float64
		hi   float64
	}{
		{"1-bit slots, its own bands", b, 0, 0.05},
		{"1-bit slots, MinHash's bands", &lsh.Banding{Signer: b.Signer, Bands: m.Bands, Rows: m.Rows}, 0.5, 1},
	} {
		if got := c.l.Probability(0); got < c.lo || got > c.hi {
			t.Errorf("%s (b=%d r=%d): P(0) = %.3f, want %.2f to %.2f", c.name, c.l.Bands, c.l.Rows, got, c.lo, c.hi)
		}
	}
	if got := b.Probability(1); math.Abs(got-1) > 1e-15 {
		t.Errorf("1-bit MinHash: P(1) = %v, want 1", got)
	}
}

// TestBBitConformance runs the conformance suite on the 1-bit sketch with
// its bands: its estimate (share − ½)/(1 − ½) has twice the spread of the
// share of agreeing slots, 2·sqrt(p(1−p)/k) with p = ½ + J/2.
func TestBBitConformance(t *testing.T) {
	const k = 128
	algotest.Run(t, algotest.Suite{
		New: func(seed uint64) algo.Algorithm {
			l, err := lsh.New(bbit{minhash.New(k, seed), 1}, 11, 11)
			if err != nil {
				t.Fatal(err)
			}
			return l
		},
		Expect: func(a, b []uint64) (float64, float64) {
			j, _ := algotest.MinHashError(k)(a, b)
			p := lsh.BBit(1)(j)
			return j, 2 * math.Sqrt(p*(1-p)/k)
		},
	})
}

// Package minhash implements MinHash signatures (Broder 1997) and, with
// package lsh, their LSH banding (Indyk and Motwani 1998; Leskovec,
// Rajaraman and Ullman, Mining of Massive Datasets, ch. 3).
//
// A signature holds, for k hash functions h_i, the minimum of h_i over a
// document's shingles. Two documents agree in slot i with probability equal
// to the Jaccard similarity J of their shingle sets, so the share of equal
// slots estimates J with standard deviation sqrt(J(1−J)/k): the collision
// model p(J) = J that MinHash declares to package lsh.
//
// The hash functions are h_i(x) = a_i·x + b_i mod 2^64 with a_i odd, applied
// to shingle hashes that are already uniformly distributed 64-bit values;
// each h_i is a bijection, so distinct shingles never collide in a slot.
//
// Banding cuts the signature into b bands of r rows. Two documents become
// candidates when all r rows of at least one band agree, which for Jaccard
// similarity J happens with probability
//
//	P(J) = 1 − (1 − J^r)^b,
//
// an S-curve whose steep part sits near (1/b)^(1/r). A pair that no band
// proposes scores 0.
package minhash

import (
	"math"
	"slices"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/lsh"
)

// LSHEntry is the registry line of MinHash with LSH banding.
var LSHEntry = algo.Entry{
	Name:             "minhash-lsh",
	Doc:              "MinHash signatures (Broder 1997) with LSH banding (MMDS ch. 3); unproposed pairs score 0",
	DefaultThreshold: 0.5,
	Randomized:       true,
	Why:              "the same cut as exact Jaccard, which MinHash estimates",
	Params:           lsh.Params("number of MinHash permutations (signature slots)"),
	New:              newLSH,
}

// maxPerm bounds the number of permutations the registry accepts.
const maxPerm = 1 << 16

func newLSH(p *algo.Params) (algo.Algorithm, error) {
	l, err := lsh.NewFromParams(p, maxPerm, func(k int, seed uint64) lsh.Signer { return New(k, seed) })
	if err != nil {
		return nil, err // not a nil *lsh.Banding in a non-nil interface
	}
	return l, nil
}

// MinHash computes k-slot MinHash signatures.
type MinHash struct {
	a, b []uint64
}

// New returns MinHash with k hash functions drawn from seed.
func New(k int, seed uint64) *MinHash {
	if k < 1 {
		panic("minhash: k < 1")
	}
	m := &MinHash{a: make([]uint64, k), b: make([]uint64, k)}
	state := seed
	for i := range k {
		m.a[i] = algo.SplitMix(&state) | 1
		m.b[i] = algo.SplitMix(&state)
	}
	return m
}

// K returns the number of slots.
func (m *MinHash) K() int { return len(m.a) }

// Levels returns k + 1: a similarity is a share of the k slots
// (algo.Leveller).
func (m *MinHash) Levels() int { return len(m.a) + 1 }

// SlotAgreement returns j: one slot of two signatures agrees with
// probability equal to the Jaccard similarity j of the two documents.
func (m *MinHash) SlotAgreement(j float64) float64 { return lsh.Minwise(j) }

// Sign appends the k-slot signature of shingles to dst; no shingles give
// an empty signature. It allocates only to grow dst.
//
// On a CPU with AVX-512 (F and DQ) the slots are computed thirty-two at a
// time in assembly, eight to an instruction (VPMULLQ, VPADDQ, VPMINUQ):
// the same products mod 2^64 and the same minima, bit for bit, which
// TestSignAVX512 checks. Elsewhere, and for the slots left over,
// the slots are computed two at a time, each over two shingles at a time:
// four independent running minima per pass keep the multiplier busy, where
// one minimum per slot would wait on its own compare. This order (slots
// outer, shingles inner) keeps the minima, a_i and b_i in registers; the
// benchmarks in bench_test.go compare it with the shingle-outer loop it
// replaced.
func (m *MinHash) Sign(dst, shingles []uint64) []uint64 {
	if len(shingles) == 0 {
		return dst
	}
	k := len(m.a)
	n := len(dst)
	dst = slices.Grow(dst, k)[:n+k]
	sig := dst[n : n+k]
	a, b := m.a, m.b[:k]
	i := 0
	if haveMinAVX512 {
		// Thirty-two slots a pass in assembly (min32_amd64.s).
		for ; i+32 <= k; i += 32 {
			min32AVX512(&a[i], &b[i], shingles, &sig[i])
		}
	}
	for ; i+2 <= k; i += 2 {
		sig[i], sig[i+1] = min2(a[i], b[i], a[i+1], b[i+1], shingles)
	}
	if i < k {
		sig[i] = min1(a[i], b[i], shingles)
	}
	return dst
}

// min2 returns the minima of a0·x + b0 and of a1·x + b1 over the xs.
//
// Each shingle is loaded once per product rather than kept in a register:
// amd64 has too few registers for four minima, four coefficients and the
// loop's bounds besides, and reloading from L1 costs less than the spills
// the compiler makes otherwise: BenchmarkSign's x_naive went from 1.38
// to 1.70, the same signatures 23% faster.
func min2(a0, b0, a1, b1 uint64, xs []uint64) (uint64, uint64) {
	m00, m01 := uint64(math.MaxUint64), uint64(math.MaxUint64)
	m10, m11 := uint64(math.MaxUint64), uint64(math.MaxUint64)
	n := len(xs) &^ 1
	for i := 0; i < n; i += 2 {
		m00 = min(m00, a0*xs[i]+b0)
		m10 = min(m10, a1*xs[i]+b1)
		m01 = min(m01, a0*xs[i+1]+b0)
		m11 = min(m11, a1*xs[i+1]+b1)
	}
	if n < len(xs) {
		m00 = min(m00, a0*xs[n]+b0)
		m10 = min(m10, a1*xs[n]+b1)
	}
	return min(m00, m01), min(m10, m11)
}

// min1 returns the minimum of a·x + b over the xs.
func min1(a, b uint64, xs []uint64) uint64 {
	m := uint64(math.MaxUint64)
	for _, x := range xs {
		m = min(m, a*x+b)
	}
	return m
}

// Similarity returns the share of slots in which a and b agree, the
// estimate of their Jaccard similarity, or 0 when either is empty or they
// differ in length.
func (m *MinHash) Similarity(a, b []uint64) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	eq := 0
	for i, x := range a {
		if x == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// StdDev returns sqrt(J(1−J)/k), the standard deviation of the k-slot
// estimate of Jaccard similarity j.
func StdDev(j float64, k int) float64 { return math.Sqrt(j * (1 - j) / float64(k)) }

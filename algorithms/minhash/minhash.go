// Package minhash implements MinHash signatures (Broder 1997) and the LSH
// banding index that proposes candidate pairs from them (Indyk and Motwani
// 1998; Leskovec, Rajaraman and Ullman, Mining of Massive Datasets, ch. 3).
//
// A signature holds, for k hash functions h_i, the minimum of h_i over a
// document's shingles. Two documents agree in slot i with probability equal
// to the Jaccard similarity J of their shingle sets, so the share of equal
// slots estimates J with standard deviation sqrt(J(1−J)/k).
//
// The hash functions are h_i(x) = a_i·x + b_i mod 2^64 with a_i odd, applied
// to shingle hashes that are already uniformly distributed 64-bit values;
// each h_i is a bijection, so distinct shingles never collide in a slot.
//
// Banding cuts the signature into b bands of r rows. Two documents become
// candidates when all r rows of at least one band agree, which for Jaccard
// similarity s happens with probability
//
//	P(s) = 1 − (1 − s^r)^b,
//
// an S-curve whose steep part sits near (1/b)^(1/r). A pair that no band
// proposes scores 0.
package minhash

import (
	"math"
)

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
		m.a[i] = splitmix(&state) | 1
		m.b[i] = splitmix(&state)
	}
	return m
}

// splitmix advances a SplitMix64 generator (Steele, Lea and Flood 2014) and
// returns its next value.
func splitmix(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	z := *state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// K returns the number of slots.
func (m *MinHash) K() int { return len(m.a) }

// Sign appends the k-slot signature of shingles to dst; no shingles give
// an empty signature.
func (m *MinHash) Sign(dst, shingles []uint64) []uint64 {
	if len(shingles) == 0 {
		return dst
	}
	n := len(dst)
	dst = append(dst, make([]uint64, len(m.a))...)
	sig := dst[n:]
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	a, b := m.a, m.b[:len(m.a)]
	sig = sig[:len(a)]
	for _, x := range shingles {
		for i, ai := range a {
			if h := ai*x + b[i]; h < sig[i] {
				sig[i] = h
			}
		}
	}
	return dst
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

// Package simhash implements 64-bit SimHash (Charikar 2002), the fingerprint
// Manku, Jain and Das Sarma (2007) used to find near-duplicate web pages.
//
// Every shingle is hashed to 64 bits; bit i of the fingerprint is set when
// more shingles have bit i set than clear. For two documents whose shingle
// sets have cosine similarity cos θ = |A∩B| / sqrt(|A||B|), each fingerprint
// bit agrees with probability 1 − θ/π, so the similarity
//
//	sim(a, b) = 1 − hamming(a, b)/64
//
// estimates 1 − θ/π with standard deviation sqrt(p(1−p)/64), p that
// probability. A threshold t on the similarity is the same as a Hamming
// distance h = 64(1 − t).
package simhash

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"

	"github.com/simbench/simbench/algorithms/algo"
)

// Bits is the fingerprint length.
const Bits = 64

// Entry is the registry line of SimHash.
var Entry = algo.Entry{
	Name:             "simhash",
	Doc:              "64-bit SimHash (Charikar 2002); similarity 1 − hamming/64",
	DefaultThreshold: 0.75,
	Randomized:       true,
	Why: "Hamming distance ≤ 16: unrelated documents differ in Binomial(64, ½) bits, mean 32, sd 4, " +
		"so 16 is 4 sd away (a near-duplicate with cosine 0.9 differs in about 9)",
	Params: []algo.Param{
		{Name: "hamming", Doc: "largest Hamming distance counted a duplicate; sets threshold=1−hamming/64"},
	},
	New: newFromParams,
}

func newFromParams(p *algo.Params) (algo.Algorithm, error) {
	if p.Given("hamming") {
		h := p.Int("hamming")
		if p.Err() != nil {
			return nil, p.Err()
		}
		if h < 0 || h > Bits {
			return nil, fmt.Errorf("hamming=%d: want 0 to %d", h, Bits)
		}
		if p.ThresholdGiven {
			return nil, fmt.Errorf("give threshold or hamming, not both")
		}
		p.Threshold = 1 - float64(h)/Bits
	} else {
		p.Set("hamming", strconv.Itoa(Hamming(p.Threshold)))
	}
	return New(p.Seed), p.Err()
}

// Hamming returns the largest Hamming distance whose similarity 1 − h/64 is
// at least t.
func Hamming(t float64) int {
	return int(math.Floor(Bits*(1-t) + 1e-9))
}

// SimHash is a 64-bit SimHash whose shingle hashes are re-mixed with a seed,
// so that different seeds give independent fingerprints of the same text:
// the hash of shingle x is
//
//	h(x) = fmix(x ⊕ fmix(seed + 0x9e3779b97f4a7c15)),
//
// fmix the finaliser of SplitMix64.
type SimHash struct {
	seed uint64
}

// New returns SimHash with the given seed.
func New(seed uint64) SimHash { return SimHash{seed: mix(seed + 0x9e3779b97f4a7c15)} }

// mix is fmix, the 64-bit finaliser of SplitMix64 (Steele, Lea and Flood
// 2014), a bijection whose every output bit depends on every input bit.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Sign appends the one-word fingerprint of shingles to dst; no shingles
// give an empty signature.
func (s SimHash) Sign(dst, shingles []uint64) []uint64 {
	if len(shingles) == 0 {
		return dst
	}
	return append(dst, s.Fingerprint(shingles))
}

// block is how many shingles the byte lanes of Fingerprint count before
// they are added to full counters: a byte holds counts up to 255.
const block = 255

// Fingerprint returns the fingerprint of a non-empty shingle set.
//
// The counts of the 64 bit positions are kept eight to a word, one byte
// each (SWAR: SIMD within a register), so that adding a shingle's bits
// costs eight shifts, masks and additions rather than 64; lane j's byte i
// counts bit 8i+j. The shingles are taken in blocks of 255, after each of
// which the bytes, which cannot have overflowed, are added to full
// counters. It allocates nothing.
func (s SimHash) Fingerprint(shingles []uint64) uint64 {
	const low = 0x0101010101010101
	var counts [Bits]int
	n := len(shingles)
	seed := s.seed
	for len(shingles) > 0 {
		blk := shingles[:min(len(shingles), block)]
		shingles = shingles[len(blk):]
		var l0, l1, l2, l3, l4, l5, l6, l7 uint64
		for _, x := range blk {
			h := mix(x ^ seed)
			l0 += h & low
			l1 += h >> 1 & low
			l2 += h >> 2 & low
			l3 += h >> 3 & low
			l4 += h >> 4 & low
			l5 += h >> 5 & low
			l6 += h >> 6 & low
			l7 += h >> 7 & low
		}
		for i := range 8 {
			c := counts[8*i : 8*i+8 : 8*i+8]
			sh := uint(8 * i)
			c[0] += int(l0 >> sh & 0xff)
			c[1] += int(l1 >> sh & 0xff)
			c[2] += int(l2 >> sh & 0xff)
			c[3] += int(l3 >> sh & 0xff)
			c[4] += int(l4 >> sh & 0xff)
			c[5] += int(l5 >> sh & 0xff)
			c[6] += int(l6 >> sh & 0xff)
			c[7] += int(l7 >> sh & 0xff)
		}
	}
	var fp uint64
	for i, c := range counts {
		if 2*c > n {
			fp |= 1 << i
		}
	}
	return fp
}

// Levels returns 65: a similarity is 1 − hamming/64 (algo.Leveller).
func (SimHash) Levels() int { return Bits + 1 }

// Similarity returns 1 − hamming(a, b)/64, or 0 when either signature is
// empty.
func (SimHash) Similarity(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return 1 - float64(bits.OnesCount64(a[0]^b[0]))/Bits
}

// Expected returns the probability 1 − θ/π that one fingerprint bit agrees
// for shingle sets of cosine similarity cosine, the expectation of
// Similarity, and the standard deviation of Similarity around it.
func Expected(cosine float64) (mean, sd float64) {
	p := 1 - math.Acos(min(1, max(-1, cosine)))/math.Pi
	return p, math.Sqrt(p * (1 - p) / Bits)
}

// Explain gives the Hamming distance of two fingerprints.
func (SimHash) Explain(a, b []uint64) string {
	if len(a) == 0 || len(b) == 0 {
		return "empty fingerprint"
	}
	return fmt.Sprintf("Hamming distance %d of %d", bits.OnesCount64(a[0]^b[0]), Bits)
}

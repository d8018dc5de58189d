package main

import (
	"encoding/binary"
	"math"

	dgminhash "github.com/dgryski/go-minhash"
	minhashlsh "github.com/ekzhu/minhash-lsh"
	mfsimhash "github.com/mfonda/simhash"
	shminhash "github.com/shawnohare/go-minhash"
	"github.com/zeebo/xxh3"

	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/minhash"
	"github.com/simbench/simbench/algorithms/oph"
	"github.com/simbench/simbench/algorithms/simhash"
)

// slots is the number of signature slots (permutations) of every MinHash.
const slots = 128

// A truth is what an implementation's estimate is compared with.
type truth int

const (
	// exactJaccard is |A∩B| / |A∪B| of the shingle sets.
	exactJaccard truth = iota
	// simhashAngle is 1 − θ/π for the exact cosine cos θ = |A∩B| / sqrt(|A||B|)
	// of the shingle sets: the probability that a SimHash bit agrees
	// (Charikar 2002), so the expectation of 1 − hamming/64.
	simhashAngle
)

func (t truth) String() string {
	if t == simhashAngle {
		return "1−θ/π"
	}
	return "Jaccard"
}

// A signer is one implementation of a similarity sketch under comparison.
type signer struct {
	name      string // the implementation, as printed
	algorithm string // what it computes: "minhash", "oph" or "simhash"
	sigBytes  int    // bytes per signature
	truth     truth
	// sign signs every document of the corpus and keeps the signatures.
	sign func()
	// estimate returns the similarity estimate of documents a and b from
	// the signatures the last sign kept.
	estimate func(a, b int) float64
}

// byteKeys returns, for every document, the 8-byte little-endian encodings
// of its shingle hashes end to end: the input of the peers that take a
// []byte per set element.
func byteKeys(c *Corpus) [][]byte {
	keys := make([][]byte, len(c.Shingles))
	for i, sh := range c.Shingles {
		b := make([]byte, 8*len(sh))
		for j, x := range sh {
			binary.LittleEndian.PutUint64(b[8*j:], x)
		}
		keys[i] = b
	}
	return keys
}

// slotShare returns the share of equal slots of two MinHash signatures.
func slotShare(a, b []uint64) float64 {
	eq := 0
	for i, x := range a {
		if x == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// hammingSim returns 1 − hamming(a, b)/64 of two 64-bit fingerprints.
func hammingSim(a, b uint64) float64 {
	d := 0
	for x := a ^ b; x != 0; x &= x - 1 {
		d++
	}
	return 1 - float64(d)/64
}

// simbenchMinHash is simbench's classic MinHash: 128 hash functions
// a_i·x + b_i over the shingle hashes, into one flat slice.
func simbenchMinHash(c *Corpus, seed uint64) *signer {
	m := minhash.New(slots, seed)
	sigs := make([]uint64, len(c.Shingles)*slots)
	sig := func(i int) []uint64 { return sigs[i*slots : (i+1)*slots : (i+1)*slots] }
	return &signer{
		name: "simbench minhash", algorithm: "minhash", sigBytes: 8 * slots, truth: exactJaccard,
		sign: func() {
			for i, sh := range c.Shingles {
				m.Sign(sig(i)[:0], sh)
			}
		},
		estimate: func(a, b int) float64 { return m.Similarity(sig(a), sig(b)) },
	}
}

// simbenchOPH is simbench's one-permutation MinHash (package oph): 128
// bins, empty ones filled by further rounds of hashing, so a few hashes per
// shingle instead of 128.
func simbenchOPH(c *Corpus, seed uint64) *signer {
	s := oph.New(slots, seed)
	sigs := make([]uint64, len(c.Shingles)*slots)
	sig := func(i int) []uint64 { return sigs[i*slots : (i+1)*slots : (i+1)*slots] }
	return &signer{
		name: "simbench oph", algorithm: "oph", sigBytes: 8 * slots, truth: exactJaccard,
		sign: func() {
			for i, sh := range c.Shingles {
				s.Sign(sig(i)[:0], sh)
			}
		},
		estimate: func(a, b int) float64 { return s.Similarity(sig(a), sig(b)) },
	}
}

// simbenchSimHash is simbench's 64-bit SimHash over the shingle hashes.
func simbenchSimHash(c *Corpus, seed uint64) *signer {
	s := simhash.New(seed)
	fps := make([]uint64, len(c.Shingles))
	return &signer{
		name: "simbench simhash", algorithm: "simhash", sigBytes: 8, truth: simhashAngle,
		sign: func() {
			for i, sh := range c.Shingles {
				fps[i] = s.Fingerprint(sh)
			}
		},
		estimate: func(a, b int) float64 { return hammingSim(fps[a], fps[b]) },
	}
}

// dgryskiMinWise is github.com/dgryski/go-minhash's MinWise with xxh3 as its
// two hash functions (h1 = xxh3, h2 = xxh3 seeded), slot i being the
// minimum of h1 + i·h2 (double hashing, Kirsch and Mitzenmacher 2006). It
// hashes the 8-byte key of each shingle twice. It has no way to reset, so
// each document gets a new MinWise, whose minimums are its signature.
func dgryskiMinWise(c *Corpus, keys [][]byte, seed uint64) *signer {
	h2seed := seed ^ 0x9e3779b97f4a7c15
	h1 := func(b []byte) uint64 { return xxh3.HashSeed(b, seed) }
	h2 := func(b []byte) uint64 { return xxh3.HashSeed(b, h2seed) }
	sigs := make([][]uint64, len(c.Shingles))
	return &signer{
		name: "dgryski/go-minhash MinWise+xxh3", algorithm: "minhash", sigBytes: 8 * slots, truth: exactJaccard,
		sign: func() {
			for i, k := range keys {
				m := dgminhash.NewMinWise(h1, h2, slots)
				for j := 0; j < len(k); j += 8 {
					m.Push(k[j : j+8])
				}
				sigs[i] = m.Signature()
			}
		},
		estimate: func(a, b int) float64 { return slotShare(sigs[a], sigs[b]) },
	}
}

// shawnohareMinHash is github.com/shawnohare/go-minhash: like dgryski's
// MinWise, slot i is the minimum of h1 + i·h2, but New ignores the hash
// functions it is given and always uses SpookyHash and FarmHash, unseeded.
// It hashes the 8-byte key of each shingle twice.
func shawnohareMinHash(c *Corpus, keys [][]byte) *signer {
	sigs := make([][]uint64, len(c.Shingles))
	return &signer{
		name: "shawnohare/go-minhash", algorithm: "minhash", sigBytes: 8 * slots, truth: exactJaccard,
		sign: func() {
			for i, k := range keys {
				m := shminhash.New(nil, nil, slots) // spooky.Hash64, farm.Hash64
				for j := 0; j < len(k); j += 8 {
					m.PushBytes(k[j : j+8])
				}
				sigs[i] = m.Signature()
			}
		},
		estimate: func(a, b int) float64 { return slotShare(sigs[a], sigs[b]) },
	}
}

// ekzhuMinHash is github.com/ekzhu/minhash-lsh's Minhash: dgryski's MinWise
// whose two hash functions are FNV-1a over an 8-byte random prefix and the
// element. NewMinhash builds a math/rand source for its two prefixes, once
// per document, since a Minhash cannot be reset. It hashes the 8-byte key of
// each shingle twice.
func ekzhuMinHash(c *Corpus, keys [][]byte, seed uint64) *signer {
	sigs := make([][]uint64, len(c.Shingles))
	return &signer{
		name: "ekzhu/minhash-lsh Minhash", algorithm: "minhash", sigBytes: 8 * slots, truth: exactJaccard,
		sign: func() {
			for i, k := range keys {
				m := minhashlsh.NewMinhash(int64(seed), slots)
				for j := 0; j < len(k); j += 8 {
					m.Push(k[j : j+8])
				}
				sigs[i] = m.Signature()
			}
		},
		estimate: func(a, b int) float64 { return slotShare(sigs[a], sigs[b]) },
	}
}

// mfondaSimHash is github.com/mfonda/simhash fed simbench's shingles: each
// shingle hash is a Feature of weight 1, so it hashes nothing itself. (Its
// own tokenizers drop Devanagari, [\w'] being ASCII, or cut its words at
// every vowel sign, \pL leaving out the marks.) The FeatureSet reuses one []Feature of pointers into the shingle
// slice, so feeding it allocates nothing.
func mfondaSimHash(c *Corpus) *signer {
	fps := make([]uint64, len(c.Shingles))
	var fs shingleFeatures
	return &signer{
		name: "mfonda/simhash", algorithm: "simhash", sigBytes: 8, truth: simhashAngle,
		sign: func() {
			for i, sh := range c.Shingles {
				fs.shingles = sh
				fps[i] = mfsimhash.Simhash(&fs)
			}
		},
		estimate: func(a, b int) float64 { return hammingSim(fps[a], fps[b]) },
	}
}

// A shingleFeature is a shingle hash as a mfonda/simhash Feature.
type shingleFeature uint64

func (f *shingleFeature) Sum() uint64 { return uint64(*f) }
func (f *shingleFeature) Weight() int { return 1 }

// shingleFeatures is the mfonda/simhash FeatureSet of one document's
// shingles.
type shingleFeatures struct {
	shingles []uint64
	buf      []mfsimhash.Feature
}

func (s *shingleFeatures) GetFeatures() []mfsimhash.Feature {
	s.buf = s.buf[:0]
	for i := range s.shingles {
		s.buf = append(s.buf, (*shingleFeature)(&s.shingles[i]))
	}
	return s.buf
}

// truths returns the exact value each truth takes on pair p.
func truths(c *Corpus, p Pair) (jac, angle float64) {
	a, b := c.Shingles[p.A], c.Shingles[p.B]
	n := jaccard.Intersection(a, b)
	jac = float64(n) / float64(len(a)+len(b)-n)
	angle, _ = simhash.Expected(float64(n) / math.Sqrt(float64(len(a))*float64(len(b))))
	return jac, angle
}

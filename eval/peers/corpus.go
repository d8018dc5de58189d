package main

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"

	"github.com/zeebo/xxh3"

	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/gold/synth"
)

// The shape of the synthetic corpus, which package gold/synth generates.
// With the default 24,000 documents it holds 19,500 originals and 4,500
// edited copies of them, sizes typical of the field.
const (
	// minDocs is the smallest corpus: enough for one near-duplicate pair.
	minDocs = synth.MinDocs
	// A document's length is drawn uniformly from [docWordsMin, docWordsMax]
	// words, 240 on average, so about 236 word 5-gram shingles and 3 KB.
	docWordsMin, docWordsMax = synth.MinWords, synth.MaxWords
	// randomStream is the PCG stream of the random pairs ("random").
	randomStream = 0x72616e646f6d
)

// A Pair is two documents by index, A < B.
type Pair struct{ A, B int }

// A Corpus is the deterministic synthetic corpus every implementation signs.
type Corpus struct {
	Docs     []string   // the documents' UTF-8 text
	Shingles [][]uint64 // their word 5-gram shingles (text.DefaultOptions), sorted and distinct
	Near     []Pair     // original and edited copy
	Random   []Pair     // pairs of documents drawn at random, none of them in Near
	Bytes    int        // the total length of Docs in bytes
	Options  text.Options
}

// NewCorpus returns the corpus of n documents drawn from seed: the
// documents and near-duplicate pairs of synth.NewGenerator (n − n·3/16
// originals of mostly Devanagari words, then n·3/16 copies of distinct
// originals with a few percent of their words substituted, deleted or
// inserted), and as many random pairs as near-duplicate pairs. Every
// document is shingled once with simbench's text.Shingler (word 5-grams,
// seed 0). The same n and seed give the same corpus on every machine.
func NewCorpus(n int, seed uint64) (*Corpus, error) {
	if n < minDocs {
		return nil, fmt.Errorf("corpus of %d documents: want at least %d", n, minDocs)
	}
	g, err := synth.NewGenerator(synth.Options{Docs: n, Seed: seed})
	if err != nil {
		return nil, err
	}
	c := &Corpus{Docs: make([]string, n), Options: text.DefaultOptions()}
	for {
		i, doc, ok := g.Next()
		if !ok {
			break
		}
		c.Docs[i] = string(doc)
	}
	near := make(map[Pair]bool)
	for _, p := range g.Pairs() {
		c.Near = append(c.Near, Pair{p.A, p.B})
		near[Pair{p.A, p.B}] = true
	}

	r := rand.New(rand.NewPCG(seed, randomStream))
	for len(c.Random) < len(c.Near) {
		a, b := r.IntN(n), r.IntN(n)
		if a == b {
			continue
		}
		p := Pair{min(a, b), max(a, b)}
		if !near[p] {
			c.Random = append(c.Random, p)
		}
	}

	sh, err := text.NewShingler(c.Options)
	if err != nil {
		return nil, err
	}
	c.Shingles = make([][]uint64, n)
	for i, d := range c.Docs {
		c.Bytes += len(d)
		c.Shingles[i] = sh.Append(nil, d)
		if len(c.Shingles[i]) == 0 {
			return nil, fmt.Errorf("document %d has no shingle", i)
		}
	}
	return c, nil
}

// Digest returns a 64-bit hash of the corpus: its shingles and its pairs.
// Equal corpora have equal digests.
func (c *Corpus) Digest() uint64 {
	h := xxh3.New()
	var b [8]byte
	put := func(x uint64) {
		binary.LittleEndian.PutUint64(b[:], x)
		h.Write(b[:])
	}
	put(uint64(len(c.Shingles)))
	for _, s := range c.Shingles {
		put(uint64(len(s)))
		for _, x := range s {
			put(x)
		}
	}
	for _, ps := range [][]Pair{c.Near, c.Random} {
		put(uint64(len(ps)))
		for _, p := range ps {
			put(uint64(p.A))
			put(uint64(p.B))
		}
	}
	return h.Sum64()
}

// ShingleCount returns the total number of shingles.
func (c *Corpus) ShingleCount() int {
	n := 0
	for _, s := range c.Shingles {
		n += len(s)
	}
	return n
}

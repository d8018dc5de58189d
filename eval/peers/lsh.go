package main

import (
	minhashlsh "github.com/ekzhu/minhash-lsh"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
)

// An indexer is one LSH banding index under comparison. Each repetition
// calls setup (not timed: it makes an empty index sized for the corpus),
// then build (Add every document's signature, then make the index
// queryable), then query (the candidates of every document's signature).
type indexer struct {
	name         string
	bands, rows  int
	setup        func()
	build, query func()
	candidates   func() int // candidates the last query found, in all
	recall       float64    // the share of near-duplicate pairs that share a band
}

// lshParams returns the bands and rows ekzhu/minhash-lsh chooses for
// threshold t and 128 slots; it takes no others.
func lshParams(t float64) (bands, rows int) {
	k, l := minhashlsh.NewMinhashLSH64(slots, t, 0).Params()
	return l, k
}

// bandRecall returns the share of near-duplicate pairs whose signatures
// agree in all rows of at least one band.
func bandRecall(c *Corpus, l *lsh.Banding, sig func(int) []uint64) float64 {
	n := 0
	for _, p := range c.Near {
		if l.Collide(sig(p.A), sig(p.B)) {
			n++
		}
	}
	return float64(n) / float64(len(c.Near))
}

// simbenchLSH is simbench's lsh.Banding index (integer band keys in
// one map per band) over simbench MinHash signatures.
func simbenchLSH(c *Corpus, seed uint64, bands, rows int) (*indexer, error) {
	m := minhash.New(slots, seed)
	l, err := lsh.New(m, bands, rows)
	if err != nil {
		return nil, err
	}
	sigs := make([]uint64, 0, len(c.Shingles)*slots)
	for _, sh := range c.Shingles {
		sigs = m.Sign(sigs, sh)
	}
	sig := func(i int) []uint64 { return sigs[i*slots : (i+1)*slots] }
	var ix algo.Index
	var dst []int
	total := 0
	return &indexer{
		name: "simbench lsh.Banding", bands: bands, rows: rows,
		setup: func() { ix = l.NewIndex(len(c.Shingles)) },
		build: func() {
			for i := range c.Shingles {
				ix.Add(i, sig(i))
			}
			ix.Finish()
		},
		query: func() {
			total = 0
			for i := range c.Shingles {
				dst = ix.Candidates(dst[:0], sig(i))
				total += len(dst)
			}
		},
		candidates: func() int { return total },
		recall:     bandRecall(c, l, sig),
	}, nil
}

// ekzhuLSH is github.com/ekzhu/minhash-lsh's MinhashLSH (64-bit hash values)
// over its own Minhash signatures: string band keys in a sorted slice per
// band, searched by binary search. Its constructor searches for the bands
// and rows itself; that search is in setup, not timed.
func ekzhuLSH(c *Corpus, keys [][]byte, seed uint64, t float64) (*indexer, error) {
	sigs := make([][]uint64, len(keys))
	for i, k := range keys {
		m := minhashlsh.NewMinhash(int64(seed), slots)
		for j := 0; j < len(k); j += 8 {
			m.Push(k[j : j+8])
		}
		sigs[i] = m.Signature()
	}
	bands, rows := lshParams(t)
	var ix *minhashlsh.MinhashLSH
	total := 0
	l, err := lsh.New(minhash.New(slots, 0), bands, rows) // for bandRecall only
	if err != nil {
		return nil, err
	}
	return &indexer{
		name: "ekzhu/minhash-lsh MinhashLSH", bands: bands, rows: rows,
		setup: func() { ix = minhashlsh.NewMinhashLSH64(slots, t, len(keys)) },
		build: func() {
			for i, s := range sigs {
				ix.Add(i, s)
			}
			ix.Index()
		},
		query: func() {
			total = 0
			for _, s := range sigs {
				total += len(ix.Query(s))
			}
		},
		candidates: func() int { return total },
		recall:     bandRecall(c, l, func(i int) []uint64 { return sigs[i] }),
	}, nil
}

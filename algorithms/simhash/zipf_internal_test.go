package simhash

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/simbench/simbench/algorithms/algotest"
)

// zipfText describes a corpus of synthetic text whose words follow Zipf's
// law with exponent 1, P(rank r) ∝ 1/r over a vocabulary of vocab words
// (the law of natural text, Zipf 1949), the corpus on which package join
// measures its skew: documents of words ± jit words, a share near of them
// copies of an earlier original with 1 to edits words replaced, and a share
// boilerplate of them one identical text.
type zipfText struct {
	docs, words, jit, vocab int
	near                    float64
	edits                   int
	boilerplate             float64
}

// zipfCorpus is the corpus of BenchmarkSelfJoinZipf: about 250 words a
// document over 50,000 words, 10% near-copies, 0.2% boilerplate.
func zipfCorpus(docs int) zipfText {
	return zipfText{docs: docs, words: 254, jit: 50, vocab: 50_000, near: 0.1, edits: 5, boilerplate: 0.002}
}

// fingerprints returns the SimHash fingerprints, New(1) (simbench's
// default seed), of the word 5-gram shingle sets of the documents of z,
// each 5-gram of word ranks hashed to 64 bits. The text of a document is
// drawn from a generator of its own, so that a copy redraws its original's
// text rather than keeping every text: a near-copy copies an original (not
// a copy) and then replaces words.
func (z zipfText) fingerprints(seed uint64) []uint64 {
	cdf := make([]float64, z.vocab)
	sum := 0.0
	for r := range cdf {
		sum += 1 / float64(r+1)
		cdf[r] = sum
	}
	// A word is drawn by inversion, cdf[r] being P(rank ≤ r)·sum: the
	// first r with cdf[r] ≥ u, searched for between guide[g] and
	// guide[g+1], the first ranks of the cells g and g+1 of guideCells
	// equal cells of [0, sum) (Chen and Asau 1974: a guide table).
	const guideCells = 1 << 16
	guide := make([]int, guideCells+1)
	for g := range guide {
		guide[g] = min(sort.SearchFloat64s(cdf, float64(g)*sum/guideCells), z.vocab-1)
	}
	word := func(rng *rand.Rand) uint32 {
		u := rng.Float64() * sum
		g := int(u * guideCells / sum)
		lo, hi := guide[g], guide[min(g+1, guideCells)]
		return uint32(lo + sort.SearchFloat64s(cdf[lo:hi+1], u))
	}
	text := func(dst []uint32, doc int) []uint32 {
		rng := rand.New(rand.NewPCG(seed, uint64(doc)))
		dst = dst[:0]
		for range z.words + rng.IntN(2*z.jit+1) - z.jit {
			dst = append(dst, word(rng))
		}
		return dst
	}
	rng := rand.New(rand.NewPCG(seed, ^uint64(0)))
	sig := New(1)
	boiler := -1 // the original of the boilerplate text
	var originals []int
	var w []uint32
	var shingles []uint64
	fps := make([]uint64, z.docs)
	for i := range fps {
		switch u := rng.Float64(); {
		case u < z.boilerplate:
			if boiler < 0 {
				boiler = i
			}
			w = text(w, boiler)
		case len(originals) > 0 && u < z.boilerplate+z.near:
			w = text(w, originals[rng.IntN(len(originals))])
			for range 1 + rng.IntN(z.edits) {
				w[rng.IntN(len(w))] = word(rng)
			}
		default:
			originals = append(originals, i)
			w = text(w, i)
		}
		shingles = shingles[:0]
		for k := 0; k+5 <= len(w); k++ {
			h := uint64(0)
			for _, x := range w[k : k+5] {
				h = mix(h ^ uint64(x) + 0x9e3779b97f4a7c15)
			}
			shingles = append(shingles, h)
		}
		slices.Sort(shingles)
		fps[i] = sig.Fingerprint(slices.Compact(shingles))
	}
	return fps
}

// BenchmarkSelfJoinZipf runs SimHash.SelfJoin, as simbench's sparse corpus
// scope calls it, at simhash's default floor 0.75 (Hamming distance 16),
// on the fingerprints of 100,000 documents of Zipf text (zipfCorpus;
// 1,000,000 with -million or when selected by -bench Million), with 1 and
// 2 workers. Besides s/op it reports pairs, the pairs found; compared, the
// pairs of distinct fingerprints whose distance the join computed; and
// peak-heap-B, the largest heap seen beyond the start (sampled every
// millisecond, garbage not yet collected included).
func BenchmarkSelfJoinZipf(b *testing.B) {
	n := 100_000
	if algotest.MillionSelected() {
		n = 1_000_000
	}
	var sigs [][]uint64
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(b *testing.B) {
			if sigs == nil {
				fps := zipfCorpus(n).fingerprints(1)
				sigs = make([][]uint64, n)
				for i := range fps {
					sigs[i] = fps[i : i+1 : i+1]
				}
			}
			var keys []uint64
			var compared int64
			var peak uint64
			for b.Loop() {
				b.StopTimer()
				keys = nil
				heapPeak := algotest.HeapPeak()
				b.StartTimer()

				keys, compared = sigsJoin(sigs, Entry.DefaultThreshold, workers)

				b.StopTimer()
				peak = max(peak, heapPeak())
				b.StartTimer()
			}
			b.ReportMetric(float64(len(keys)), "pairs")
			b.ReportMetric(float64(compared), "compared")
			b.ReportMetric(float64(peak), "peak-heap-B")
		})
	}
}

package join_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"testing"

	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/join"
)

// identicalSets returns n identical sets of 250 tokens (one backing array:
// the join only reads them) followed by m distinct random sets of 200 to
// 300 tokens.
func identicalSets(n, m int) [][]uint64 {
	rng := rand.New(rand.NewPCG(7, 8))
	random := func(size int) []uint64 {
		s := make([]uint64, size)
		for i := range s {
			s[i] = rng.Uint64()
		}
		slices.Sort(s)
		return slices.Compact(s)
	}
	sets := make([][]uint64, n+m)
	same := random(250)
	for i := range n {
		sets[i] = same
	}
	for i := n; i < n+m; i++ {
		sets[i] = random(200 + rng.IntN(101))
	}
	return sets
}

// zipfText describes a corpus of word 5-gram shingle sets of synthetic text
// whose words follow Zipf's law with exponent 1, P(rank k) ∝ 1/k over a
// vocabulary of words (the law of natural text, Zipf 1949): a heavy head of
// words that every document holds many times, so that frequent 5-grams
// recur across unrelated documents.
type zipfText struct {
	docs        int     // number of documents
	words, jit  int     // a document has words ± jit words
	vocab       int     // vocabulary size
	near        float64 // share of documents that are near-copies of an earlier one
	edits       int     // a near-copy has 1 to edits words replaced
	boilerplate float64 // share of documents that are one identical boilerplate text
}

// zipfCorpus is the skewed corpus of the benchmarks: 50,000 words, 10% of
// the documents near-copies, 0.2% one boilerplate text.
func zipfCorpus(docs int) zipfText {
	return zipfText{docs: docs, words: 254, jit: 50, vocab: 50_000, near: 0.1, edits: 5, boilerplate: 0.002}
}

// generate returns the shingle sets of the documents of z: each 5-gram of
// word ranks hashed to 64 bits, sorted and distinct.
func (z zipfText) generate(rng *rand.Rand) [][]uint64 {
	// cdf[k] is P(rank ≤ k), drawn by inversion.
	cdf := make([]float64, z.vocab)
	sum := 0.0
	for k := range cdf {
		sum += 1 / float64(k+1)
		cdf[k] = sum
	}
	word := func() uint32 {
		return uint32(sort.SearchFloat64s(cdf, rng.Float64()*sum))
	}
	text := func() []uint32 {
		w := make([]uint32, z.words+rng.IntN(2*z.jit+1)-z.jit)
		for i := range w {
			w[i] = word()
		}
		return w
	}
	boiler := text()
	texts := make([][]uint32, z.docs)
	for i := range texts {
		switch u := rng.Float64(); {
		case u < z.boilerplate:
			texts[i] = boiler
		case i > 0 && u < z.boilerplate+z.near:
			w := slices.Clone(texts[rng.IntN(i)])
			for range 1 + rng.IntN(z.edits) {
				w[rng.IntN(len(w))] = word()
			}
			texts[i] = w
		default:
			texts[i] = text()
		}
	}
	sets := make([][]uint64, z.docs)
	for i, w := range texts {
		s := make([]uint64, 0, max(0, len(w)-4))
		for k := 0; k+5 <= len(w); k++ {
			h := uint64(0)
			for _, x := range w[k : k+5] {
				h = hash(h ^ uint64(x))
			}
			s = append(s, h)
		}
		slices.Sort(s)
		sets[i] = slices.Clip(slices.Compact(s))
	}
	return sets
}

// benchSelfJoin runs the self-join of package eval, jaccard.SelfJoin, on
// sets at t with workers goroutines, and reports pairs, pairs/s and
// peak-heap-B, the largest heap seen beyond the start (sampled every
// millisecond, garbage not yet collected included).
func benchSelfJoin(b *testing.B, sets [][]uint64, t float64, workers int) {
	var pairs int
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		heapPeak := algotest.HeapPeak()
		b.StartTimer()

		keys := jaccard.Jaccard{}.SelfJoin(sets, t, workers)
		pairs = len(keys)

		b.StopTimer()
		peak = max(peak, heapPeak())
		runtime.KeepAlive(keys)
		b.StartTimer()
	}
	b.ReportMetric(float64(pairs), "pairs")
	b.ReportMetric(float64(b.N)*float64(pairs)/b.Elapsed().Seconds(), "pairs/s")
	b.ReportMetric(float64(peak), "peak-heap-B")
}

// BenchmarkSelfJoinIdentical joins 2,000 identical sets of 250 tokens and
// 1,000 distinct ones at t = 0.5 (8,000 identical with -million or when
// selected by -bench Million): every pair of the copies is a result, J = 1.
func BenchmarkSelfJoinIdentical(b *testing.B) {
	n := 2000
	if algotest.MillionSelected() {
		n = 8000
	}
	sets := identicalSets(n, 1000)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(b *testing.B) {
			benchSelfJoin(b, sets, 0.5, workers)
		})
	}
}

// BenchmarkSelfJoinZipf joins the word 5-gram shingle sets of 100,000
// documents of Zipf text (zipfCorpus; 1,000,000 with -million or when
// selected by -bench Million) at t = 0.5.
func BenchmarkSelfJoinZipf(b *testing.B) {
	n := benchSize(100_000)
	if algotest.MillionSelected() {
		n = 1_000_000
	}
	var sets [][]uint64
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(b *testing.B) {
			if sets == nil {
				sets = zipfCorpus(n).generate(rand.New(rand.NewPCG(11, 12)))
			}
			b.SetBytes(8 * int64(tokens(sets)))
			benchSelfJoin(b, sets, 0.5, workers)
		})
	}
}

// BenchmarkEstimate runs join.Estimate at t = 0.5 on the corpora of
// BenchmarkSelfJoinIdentical and BenchmarkSelfJoinZipf (their million
// sizes with -million), reporting its bound on the pairs, its probes and
// peak-heap-B as benchSelfJoin does.
func BenchmarkEstimate(b *testing.B) {
	n, docs := 2000, benchSize(100_000)
	if algotest.MillionSelected() {
		n, docs = 8000, 1_000_000
	}
	for _, c := range []struct {
		name string
		gen  func() [][]uint64
	}{
		{fmt.Sprintf("identical/n=%d", n), func() [][]uint64 { return identicalSets(n, 1000) }},
		{fmt.Sprintf("zipf/n=%d", docs), func() [][]uint64 { return zipfCorpus(docs).generate(rand.New(rand.NewPCG(11, 12))) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			sets := c.gen()
			var e join.Bounds
			var peak uint64
			for b.Loop() {
				b.StopTimer()
				heapPeak := algotest.HeapPeak()
				b.StartTimer()
				e = join.Estimate(sets, 0.5, 1)
				b.StopTimer()
				peak = max(peak, heapPeak())
				b.StartTimer()
			}
			b.ReportMetric(float64(e.Pairs()), "bound-pairs")
			b.ReportMetric(float64(e.Probes), "probes")
			b.ReportMetric(float64(peak), "peak-heap-B")
		})
	}
}

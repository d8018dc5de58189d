package oph_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/simbench/simbench/algorithms/algotest"

	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
	"github.com/simbench/simbench/algorithms/oph"
)

// shortCorpus returns n documents of exactly size shingles.
func shortCorpus(n, size int) [][]uint64 {
	rng := rand.New(rand.NewPCG(2024, 6))
	docs := make([][]uint64, n)
	for i := range docs {
		d := make([]uint64, size)
		for j := range d {
			d[j] = rng.Uint64()
		}
		slices.Sort(d)
		docs[i] = slices.Compact(d)
	}
	return docs
}

// BenchmarkSign signs a corpus once per iteration and reports docs/s. After
// each timed pass it times a pass of classic MinHash with the same number of
// slots, with the timer stopped, so that x_minhash, the sketch's speed-up
// over MinHash, is a ratio of interleaved passes of one run.
func BenchmarkSign(b *testing.B) {
	for _, c := range []struct {
		name string
		docs [][]uint64
	}{
		{"k=128", algotest.BenchCorpus(algotest.BenchDocs)},
		{"k=128/shingles=10", shortCorpus(algotest.BenchDocs, 10)},
		{"k=128/shingles=30", shortCorpus(algotest.BenchDocs, 30)},
	} {
		b.Run(c.name, func(b *testing.B) {
			const k = 128
			s, m := oph.New(k, 1), minhash.New(k, 1)
			sig := make([]uint64, 0, k)
			total := 0
			for _, d := range c.docs {
				total += len(d)
			}
			var classic time.Duration
			b.SetBytes(int64(8 * total))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range c.docs {
					sig = s.Sign(sig[:0], d)
				}
				b.StopTimer()
				start := time.Now()
				for _, d := range c.docs {
					sig = m.Sign(sig[:0], d)
				}
				classic += time.Since(start)
				b.StartTimer()
			}
			b.ReportMetric(float64(len(c.docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(classic.Seconds()/b.Elapsed().Seconds(), "x_minhash")
		})
	}
}

// BenchmarkLSH builds a banding index over the corpus's signatures and
// queries every document once per iteration: ns/doc is the build plus
// query time per document.
func BenchmarkLSH(b *testing.B) {
	l, err := lsh.New(oph.New(128, 1), 25, 5) // OptimalParams(0.5, 128)
	if err != nil {
		b.Fatal(err)
	}
	algotest.BenchIndex(b, l)
}

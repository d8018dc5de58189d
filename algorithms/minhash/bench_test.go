package minhash_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/simbench/simbench/algorithms/algotest"

	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
)

// signNaive is Sign as it was before it was tuned, line for line, kept as
// the reference the tuned loop must agree with and the baseline its speed is
// reported against: shingles outer, slots inner, a branch per slot.
func signNaive(m *minhash.MinHash, dst, shingles []uint64) []uint64 {
	if len(shingles) == 0 {
		return dst
	}
	ma, mb := m.Coefficients()
	n := len(dst)
	dst = append(dst, make([]uint64, len(ma))...)
	sig := dst[n:]
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	a, b := ma, mb[:len(ma)]
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

// BenchmarkSign signs the corpus once per iteration and reports docs/s.
// After each timed pass it times a pass of signNaive with the timer
// stopped, so that x_naive, the tuned loop's speed-up over the old one, is
// a ratio of interleaved passes of one run rather than of two runs on a
// shared, noisy machine.
func BenchmarkSign(b *testing.B) {
	docs := algotest.BenchCorpus(algotest.BenchDocs)
	for _, k := range []int{128} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			m := minhash.New(k, 1)
			sig := make([]uint64, 0, k)
			var naive time.Duration
			b.SetBytes(int64(8 * algotest.TotalShingles(docs)))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					sig = m.Sign(sig[:0], d)
				}
				b.StopTimer()
				start := time.Now()
				for _, d := range docs {
					sig = signNaive(m, sig[:0], d)
				}
				naive += time.Since(start)
				b.StartTimer()
			}
			b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(naive.Seconds()/b.Elapsed().Seconds(), "x_naive")
		})
	}
}

// BenchmarkLSH builds a banding index over the corpus's signatures and
// queries every document once per iteration; ns/doc is the build plus
// query time per document, the figure the issue compares with
// ekzhu/minhash-lsh (7.5 µs to build and 24.4 µs to query per document).
func BenchmarkLSH(b *testing.B) {
	l, err := lsh.New(minhash.New(128, 1), 25, 5) // OptimalParams(0.5, 128)
	if err != nil {
		b.Fatal(err)
	}
	algotest.BenchIndex(b, l)
}

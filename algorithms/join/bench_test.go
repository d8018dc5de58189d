package join_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/simbench/simbench/algorithms/join"
)

// The benchmark corpora: 100,000 sets of 234 ± 50 tokens (the size of a
// ~3 KB document's word 5-gram shingle set), 20% of them near-duplicates of
// an earlier set with up to 60% of their tokens replaced (J from 1 down to
// 0.25), the others drawn independently from a Zipf vocabulary. The
// vocabularies give two kinds of unrelated pairs:
//
//   - shingles: P(k) ∝ (1000 + k)^−1.1 over 2^32 tokens. Most tokens occur
//     in one or a few sets, as word 5-grams do (23.4 million tokens, 7.6
//     million distinct, 5.6 million of those in one set only); unrelated
//     sets share almost nothing (mean J ≈ 0.002).
//   - zipf: P(k) ∝ (1 + k)^−1.1 over 2^24 tokens. A steep head that every
//     set holds and a long tail (2.8 million distinct, 1.7 million in one
//     set only): unrelated sets share about a tenth of their tokens (mean
//     J ≈ 0.09), the hard case for prefix filtering.
var benchCorpora = []struct {
	name string
	c    corpus
}{
	{"shingles", corpus{sets: 100_000, size: 234, jit: 50, vocab: 1 << 32, s: 1.1, v: 1000, dups: 0.2, maxChange: 0.6, hashTokens: true}},
	{"zipf", corpus{sets: 100_000, size: 234, jit: 50, vocab: 1 << 24, s: 1.1, v: 1, dups: 0.2, maxChange: 0.6, hashTokens: true}},
}

// smokeSets is the number of sets of the benchmarks' corpora under -short,
// as make bench-smoke runs them: enough for every benchmark to run its
// code, a tenth of the time.
const smokeSets = 10_000

// benchSize returns n, or smokeSets under -short.
func benchSize(n int) int {
	if testing.Short() {
		return min(n, smokeSets)
	}
	return n
}

var benchSets = sync.OnceValue(func() map[string][][]uint64 {
	m := make(map[string][][]uint64)
	for i, bc := range benchCorpora {
		c := bc.c
		c.sets = benchSize(c.sets)
		m[bc.name] = c.generate(rand.New(rand.NewPCG(100, uint64(i))))
	}
	return m
})

func tokens(sets [][]uint64) int {
	n := 0
	for _, s := range sets {
		n += len(s)
	}
	return n
}

// BenchmarkJoin joins 100,000 sets; ns/op is the whole join, sets/s the
// rate.
func BenchmarkJoin(b *testing.B) {
	runs := []struct {
		t       float64
		workers int
	}{{0.5, 1}, {0.5, 2}, {0.8, 1}}
	for _, bc := range benchCorpora {
		for _, r := range runs {
			b.Run(fmt.Sprintf("corpus=%s/n=%d/t=%v/workers=%d", bc.name, benchSize(bc.c.sets), r.t, r.workers), func(b *testing.B) {
				sets := benchSets()[bc.name]
				b.SetBytes(8 * int64(tokens(sets)))
				b.ReportAllocs()
				var pairs []join.Pair
				for b.Loop() {
					pairs = join.JoinWorkers(sets, r.t, r.workers)
				}
				b.ReportMetric(float64(len(pairs)), "pairs")
				b.ReportMetric(float64(b.N)*float64(len(sets))/b.Elapsed().Seconds(), "sets/s")
			})
		}
	}
}

// BenchmarkIndex builds an Index over 100,000 sets and queries every set
// with Candidates, as package eval would; ns/op is build plus queries.
func BenchmarkIndex(b *testing.B) {
	for _, bc := range benchCorpora {
		const th = 0.5
		b.Run(fmt.Sprintf("corpus=%s/n=%d/t=%v", bc.name, benchSize(bc.c.sets), th), func(b *testing.B) {
			sets := benchSets()[bc.name]
			b.SetBytes(8 * int64(tokens(sets)))
			b.ReportAllocs()
			var dst []int
			cands := 0
			for b.Loop() {
				ix := join.NewIndex(th, len(sets))
				for i, s := range sets {
					ix.Add(i, s)
				}
				ix.Finish()
				cands = 0
				for _, s := range sets {
					dst = ix.Candidates(dst[:0], s)
					cands += len(dst)
				}
			}
			b.ReportMetric(float64(cands), "candidates")
			b.ReportMetric(float64(b.N)*float64(len(sets))/b.Elapsed().Seconds(), "sets/s")
		})
	}
}

// BenchmarkIndexQuery queries an Index over 90,000 sets with the other
// 10,000, which it answers by probing its prefixes; ns/op is one query.
func BenchmarkIndexQuery(b *testing.B) {
	for _, bc := range benchCorpora {
		const th = 0.5
		b.Run(fmt.Sprintf("corpus=%s/n=%d/t=%v", bc.name, benchSize(bc.c.sets), th), func(b *testing.B) {
			sets := benchSets()[bc.name]
			added, others := sets[:len(sets)*9/10], sets[len(sets)*9/10:]
			ix := join.NewIndex(th, len(added))
			for i, s := range added {
				ix.Add(i, s)
			}
			ix.Finish()
			ix.Candidates(nil, others[0]) // builds the index of prefixes
			b.ReportAllocs()
			var dst []int
			i := 0
			for b.Loop() {
				dst = ix.Candidates(dst[:0], others[i%len(others)])
				i++
			}
		})
	}
}

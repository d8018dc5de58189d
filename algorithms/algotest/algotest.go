// Package algotest is the conformance suite every algorithm's tests run.
//
// Run checks that an algo.Algorithm keeps the contract of that interface —
// similarities in [0, 1], symmetric, 1 for a document with itself, 0 for an
// empty signature, deterministic for a seed, Sign appending without
// clobbering or retaining, Similarity allocating nothing — and that its
// similarity agrees with the exact value it estimates within the error it
// states, on seeded pairs of shingle sets of known overlap. An algo.Indexer's
// index is checked too.
package algotest

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/jaccard"
)

// Suite describes the algorithm under test.
type Suite struct {
	// New returns the algorithm with its random choices made from seed.
	New func(seed uint64) algo.Algorithm
	// Expect returns, for two shingle sets, the expected similarity and
	// the standard deviation of the algorithm's score around it over the
	// seeds. For an exact algorithm sd is 0.
	Expect func(a, b []uint64) (mean, sd float64)
	// Sigmas is how many standard deviations a single score may stray
	// from its expectation; 0 means 4.
	Sigmas float64
}

// exactTol is the tolerance of an exact algorithm: a few float64 roundings
// of a quotient of integers below 2^20.
const exactTol = 1e-12

// Run runs the conformance suite as subtests of t.
func Run(t *testing.T, s Suite) {
	t.Run("contract", func(t *testing.T) { contract(t, s) })
	t.Run("empty", func(t *testing.T) { empty(t, s) })
	t.Run("appends", func(t *testing.T) { appends(t, s) })
	t.Run("allocs", func(t *testing.T) { allocs(t, s) })
	t.Run("agreement", func(t *testing.T) { agreement(t, s) })
	if _, ok := s.New(1).(algo.Indexer); ok {
		t.Run("index", func(t *testing.T) { index(t, s) })
	}
}

// Overlap returns two sorted, distinct sets of random 64-bit values that
// share inter values and hold onlyA and onlyB values of their own, so that
// their Jaccard similarity is inter/(inter+onlyA+onlyB).
func Overlap(rng *rand.Rand, inter, onlyA, onlyB int) (a, b []uint64) {
	seen := make(map[uint64]bool, inter+onlyA+onlyB)
	draw := func() uint64 {
		for {
			v := rng.Uint64()
			if !seen[v] {
				seen[v] = true
				return v
			}
		}
	}
	for range inter {
		v := draw()
		a = append(a, v)
		b = append(b, v)
	}
	for range onlyA {
		a = append(a, draw())
	}
	for range onlyB {
		b = append(b, draw())
	}
	slices.Sort(a)
	slices.Sort(b)
	return a, b
}

func contract(t *testing.T, s Suite) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range [][3]int{{1, 0, 0}, {0, 1, 1}, {1, 1, 0}, {5, 3, 2}, {50, 50, 50}, {300, 10, 90}, {0, 200, 300}} {
		a, b := Overlap(rng, size[0], size[1], size[2])
		for seed := range uint64(3) {
			alg := s.New(seed)
			sa, sb := alg.Sign(nil, a), alg.Sign(nil, b)
			ab, ba := alg.Similarity(sa, sb), alg.Similarity(sb, sa)
			if ab != ba {
				t.Errorf("sizes %v seed %d: Similarity(a, b) = %v, Similarity(b, a) = %v, want equal", size, seed, ab, ba)
			}
			if !(ab >= 0 && ab <= 1) {
				t.Errorf("sizes %v seed %d: Similarity = %v, want in [0, 1]", size, seed, ab)
			}
			if got := alg.Similarity(sa, sa); got != 1 {
				t.Errorf("sizes %v seed %d: Similarity(a, a) = %v, want 1", size, seed, got)
			}
			if again := s.New(seed).Sign(nil, a); !slices.Equal(again, sa) {
				t.Errorf("sizes %v seed %d: Sign is not deterministic for a seed", size, seed)
			}
			if lv, ok := alg.(algo.Leveller); ok && lv.Levels() > 1 {
				// A multiple of 1/(Levels − 1), to a rounding of the
				// quotient.
				steps := ab * float64(lv.Levels()-1)
				if math.Abs(steps-math.Round(steps)) > 1e-9 {
					t.Errorf("sizes %v seed %d: Similarity = %v, not a multiple of 1/%d (Levels %d)", size, seed, ab, lv.Levels()-1, lv.Levels())
				}
			}
		}
	}
}

func empty(t *testing.T, s Suite) {
	alg := s.New(7)
	if sig := alg.Sign(nil, nil); len(sig) != 0 {
		t.Errorf("Sign(nil, no shingles) has length %d, want 0", len(sig))
	}
	x := alg.Sign(nil, []uint64{1, 2, 3})
	for _, c := range []struct{ a, b []uint64 }{{nil, x}, {x, nil}, {nil, nil}} {
		if got := alg.Similarity(c.a, c.b); got != 0 {
			t.Errorf("Similarity(%d words, %d words) = %v, want 0 for an empty signature", len(c.a), len(c.b), got)
		}
	}
}

func appends(t *testing.T, s Suite) {
	rng := rand.New(rand.NewPCG(3, 4))
	a, _ := Overlap(rng, 40, 0, 0)
	keep := slices.Clone(a)
	alg := s.New(9)
	want := alg.Sign(nil, a)
	prefix := []uint64{11, 22, 33}
	dst := make([]uint64, len(prefix), len(prefix)+1)
	copy(dst, prefix)
	got := alg.Sign(dst, a)
	if !slices.Equal(got[:len(prefix)], prefix) {
		t.Errorf("Sign(dst, ...) changed dst's contents: got prefix %v, want %v", got[:len(prefix)], prefix)
	}
	if !slices.Equal(got[len(prefix):], want) {
		t.Errorf("Sign(dst, ...) appended a different signature than Sign(nil, ...)")
	}
	if !slices.Equal(a, keep) {
		t.Errorf("Sign modified its shingles")
	}
	// Sign must not retain shingles: overwrite them and sign something else.
	sig := alg.Sign(nil, a)
	for i := range a {
		a[i] = ^a[i]
	}
	if !slices.Equal(sig, want) {
		t.Errorf("the signature changed when the shingles were overwritten: Sign retains its input")
	}
}

func allocs(t *testing.T, s Suite) {
	rng := rand.New(rand.NewPCG(5, 6))
	a, b := Overlap(rng, 100, 50, 50)
	alg := s.New(1)
	sa, sb := alg.Sign(nil, a), alg.Sign(nil, b)
	var sink float64
	if n := testing.AllocsPerRun(100, func() { sink += alg.Similarity(sa, sb) }); n != 0 {
		t.Errorf("Similarity allocates %v times per call, want 0", n)
	}
	_ = sink
}

// agreement checks every score against the algorithm's stated expectation
// and spread, and the mean standardised error against bias: over n
// independent scores the mean of (score-mean)/sd has standard deviation
// 1/sqrt(n), so |mean z| > Sigmas/sqrt(n) flags a biased estimator.
func agreement(t *testing.T, s Suite) {
	sigmas := s.Sigmas
	if sigmas == 0 {
		sigmas = 4
	}
	rng := rand.New(rand.NewPCG(7, 8))
	var zsum float64
	var nz int
	for _, size := range []int{20, 200} {
		for _, j := range []float64{0, 0.1, 0.3, 0.5, 0.7, 0.9, 1} {
			inter := int(math.Round(j * float64(size)))
			rest := size - inter
			a, b := Overlap(rng, inter, rest/2, rest-rest/2)
			exact := jaccard.Jaccard{}.Similarity(a, b)
			mean, sd := s.Expect(a, b)
			for seed := range uint64(20) {
				alg := s.New(seed)
				got := alg.Similarity(alg.Sign(nil, a), alg.Sign(nil, b))
				if sd == 0 {
					if math.Abs(got-mean) > exactTol {
						t.Errorf("|A|=|B|=%d J=%.3f seed %d: score %v, want %v (exact)", size, exact, seed, got, mean)
					}
					continue
				}
				if d := math.Abs(got - mean); d > sigmas*sd {
					t.Errorf("|A|=|B|=%d J=%.3f seed %d: score %.4f, expected %.4f ± %.1f×%.4f", size, exact, seed, got, mean, sigmas, sd)
				}
				zsum += (got - mean) / sd
				nz++
			}
		}
	}
	if nz > 0 {
		if z := zsum / float64(nz); math.Abs(z) > sigmas/math.Sqrt(float64(nz)) {
			t.Errorf("mean standardised error over %d scores = %.3f, want within ±%.3f: the estimate is biased", nz, z, sigmas/math.Sqrt(float64(nz)))
		}
	}
}

func index(t *testing.T, s Suite) {
	rng := rand.New(rand.NewPCG(9, 10))
	alg := s.New(3).(algo.Indexer)
	var sigs [][]uint64
	base, _ := Overlap(rng, 200, 0, 0)
	other, _ := Overlap(rng, 200, 0, 0)
	sigs = append(sigs, alg.Sign(nil, base), alg.Sign(nil, base), alg.Sign(nil, other), alg.Sign(nil, nil))
	ix := alg.NewIndex(len(sigs))
	for id, sig := range sigs {
		ix.Add(id, sig)
	}
	ix.Finish()
	for id, sig := range sigs {
		got := ix.Candidates(nil, sig)
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("Candidates(doc %d) = %v, want increasing ids without repeats", id, got)
		}
		if len(sig) == 0 {
			if len(got) != 0 {
				t.Errorf("Candidates(empty signature) = %v, want none", got)
			}
			continue
		}
		if !slices.Contains(got, id) {
			t.Errorf("Candidates(doc %d) = %v, want it to contain the document itself", id, got)
		}
	}
	if got := ix.Candidates(nil, sigs[0]); !slices.Contains(got, 1) {
		t.Errorf("Candidates(doc 0) = %v, want its identical copy, doc 1", got)
	}
	dst := []int{-1}
	if got := ix.Candidates(dst, sigs[0]); got[0] != -1 {
		t.Errorf("Candidates(dst, ...) overwrote dst[0]")
	}
}

// BenchDocs and BenchShingles shape the benchmark corpus of the sketch
// packages like the ones simbench is built for: word 5-gram shingles of about 3 KB documents,
// about 234 per document.
const BenchDocs, BenchShingles = 2000, 234

// BenchCorpus returns n documents of about BenchShingles sorted, distinct
// shingle hashes, drawn from a PCG with a fixed seed. One document in five
// is a near-duplicate of an earlier one: a copy with a tenth of its
// shingles replaced, so that an LSH index has colliding bands to handle.
// Every sketch package benchmarks on it, so their figures compare.
func BenchCorpus(n int) [][]uint64 {
	rng := rand.New(rand.NewPCG(2024, 5))
	docs := make([][]uint64, 0, n)
	for len(docs) < n {
		var d []uint64
		if len(docs) > 0 && rng.IntN(5) == 0 {
			d = slices.Clone(docs[rng.IntN(len(docs))])
			for range len(d) / 10 {
				d[rng.IntN(len(d))] = rng.Uint64()
			}
		} else {
			d = make([]uint64, BenchShingles-34+rng.IntN(69))
			for i := range d {
				d[i] = rng.Uint64()
			}
		}
		slices.Sort(d)
		docs = append(docs, slices.Compact(d))
	}
	return docs
}

// TotalShingles returns the number of shingles of docs.
func TotalShingles(docs [][]uint64) int {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	return n
}

// MinHashError is the Expect of a sketch whose k-slot estimate of Jaccard
// similarity has mean J and standard deviation sqrt(J(1−J)/k) (Broder 1997):
// classic MinHash, and one-permutation MinHash, for which it is an upper
// bound.
func MinHashError(k int) func(a, b []uint64) (mean, sd float64) {
	return func(a, b []uint64) (float64, float64) {
		j := jaccard.Jaccard{}.Similarity(a, b)
		return j, math.Sqrt(j * (1 - j) / float64(k))
	}
}

// BenchIndex builds ix's index over the signatures of BenchCorpus and
// queries every document once per iteration. It reports ns/doc, the build
// plus query time per document (the figure compared with
// ekzhu/minhash-lsh), docs/s, and cands/doc, the candidates per query.
func BenchIndex(b *testing.B, ix algo.Indexer) {
	docs := BenchCorpus(BenchDocs)
	sigs := make([][]uint64, len(docs))
	for i, d := range docs {
		sigs[i] = ix.Sign(nil, d)
	}
	b.ReportAllocs()
	var cands []int
	pairs := 0
	for b.Loop() {
		index := ix.NewIndex(len(sigs))
		for id, s := range sigs {
			index.Add(id, s)
		}
		index.Finish()
		pairs = 0
		for _, s := range sigs {
			cands = index.Candidates(cands[:0], s)
			pairs += len(cands)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(docs)*b.N), "ns/doc")
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(pairs)/float64(len(docs)), "cands/doc")
}

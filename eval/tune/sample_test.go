package tune

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
)

// TestSample checks that Sample returns min(n, m) distinct indices of
// [0, n) in increasing order, all of them up to m, and the same ones on
// every call whatever GOMAXPROCS.
func TestSample(t *testing.T) {
	for _, tc := range []struct{ n, m int }{
		{0, 10}, {1, 10}, {10, 10}, {11, 10}, {1000, 1}, {1000, 999},
		{12_497_500, MaxLSHPairs}, {MaxLSHPairs, MaxLSHPairs}, {MaxLSHPairs + 1, MaxLSHPairs},
	} {
		got := Sample(tc.n, tc.m)
		if len(got) != min(tc.n, tc.m) {
			t.Errorf("Sample(%d, %d): %d indices, want %d", tc.n, tc.m, len(got), min(tc.n, tc.m))
			continue
		}
		for i, p := range got {
			if p < 0 || p >= tc.n || (i > 0 && p <= got[i-1]) {
				t.Errorf("Sample(%d, %d)[%d] = %d: not increasing in [0, n)", tc.n, tc.m, i, p)
				break
			}
		}
		prev := runtime.GOMAXPROCS(1)
		again := Sample(tc.n, tc.m)
		runtime.GOMAXPROCS(prev)
		if !slices.Equal(got, again) {
			t.Errorf("Sample(%d, %d) differs from one call to the next", tc.n, tc.m)
		}
	}
}

// TestSampleUniform checks that each tenth of [0, n) holds a tenth of the
// sample, within 4 standard errors of the hypergeometric count.
func TestSampleUniform(t *testing.T) {
	const n, m = 1_000_000, 50_000
	count := make([]int, 10)
	for _, p := range Sample(n, m) {
		count[p*10/n]++
	}
	// Hypergeometric: mean m/10, variance m·(1/10)(9/10)(n−m)/(n−1).
	sd := math.Sqrt(m * 0.1 * 0.9 * float64(n-m) / float64(n-1))
	for i, c := range count {
		if math.Abs(float64(c)-m/10) > 4*sd {
			t.Errorf("tenth %d holds %d sampled indices, want %d ± %.0f", i, c, m/10, 4*sd)
		}
	}
}

// TestSampledBuckets checks, on a synthetic scope of 600,000 pairs with
// an LSH index's proposals drawn at its S-curve, that the buckets of a
// sample of MaxLSHPairs pairs estimate the rates and expected rates of the
// full computation within 4 binomial standard errors, √(q(1−q)/n) of the
// full rate q and the sampled bucket's n pairs (at least 0.002: about
// 1 in 20,000 runs of an exact binomial would fail by chance), and that
// the bands and rows chosen from the sample are the full scope's.
func TestSampledBuckets(t *testing.T) {
	const n = 600_000
	l, err := lsh.New(minhash.New(32, 1), 8, 4)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	js := make([]float64, n)
	proposed := make([]bool, n)
	positive := make([]bool, n)
	for i := range js {
		js[i] = rng.Float64() * rng.Float64() // more pairs at low similarity
		proposed[i] = rng.Float64() < l.Probability(js[i])
		positive[i] = rng.Float64() < js[i]
	}
	all := Sample(n, n)
	idx := Sample(n, MaxLSHPairs)
	sampled := make([]float64, len(idx))
	for k, p := range idx {
		sampled[k] = js[p]
	}
	var full, part LSHReport
	isPos := func(p int) bool { return positive[p] }
	fpos, fneg := fill(&full, l, 10, all, js, proposed, isPos)
	spos, sneg := fill(&part, l, 10, idx, sampled, proposed, isPos)
	total := 0
	for b := range full.Buckets {
		f, s := full.Buckets[b], part.Buckets[b]
		total += s.Pairs
		if s.Pairs == 0 {
			t.Errorf("bucket %d: no sampled pair", b)
			continue
		}
		q := f.Rate()
		tol := max(0.002, 4*math.Sqrt(q*(1-q)/float64(s.Pairs)))
		if math.Abs(s.Rate()-q) > tol {
			t.Errorf("bucket %d: sampled rate %.4f, full %.4f, beyond ±%.4f", b, s.Rate(), q, tol)
		}
		if math.Abs(s.Expected-f.Expected) > tol {
			t.Errorf("bucket %d: sampled expected rate %.4f, full %.4f, beyond ±%.4f", b, s.Expected, f.Expected, tol)
		}
		// The share of the sample in the bucket estimates the full share.
		share, fshare := float64(s.Pairs)/MaxLSHPairs, float64(f.Pairs)/n
		if math.Abs(share-fshare) > 4*math.Sqrt(fshare*(1-fshare)/MaxLSHPairs) {
			t.Errorf("bucket %d: %.4f of the sample, %.4f of the scope", b, share, fshare)
		}
	}
	if total != MaxLSHPairs {
		t.Errorf("the buckets count %d sampled pairs, want %d", total, MaxLSHPairs)
	}
	fb, fr := lsh.EmpiricalParams(l.SlotAgreement, fpos, fneg, l.K(), 0.5, 0.5)
	sb, sr := lsh.EmpiricalParams(l.SlotAgreement, spos, sneg, l.K(), 0.5, 0.5)
	if fb != sb || fr != sr {
		t.Errorf("bands and rows from the sample (%d, %d), from the full scope (%d, %d)", sb, sr, fb, fr)
	}
}

package eval

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
)

// TestSamplerBottomK checks a sampler against sorting every pair by hash:
// the k lowest, whatever the order the pairs are offered in and however
// often each is, with no slack (a shrink at every step) and with some.
func TestSamplerBottomK(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := rng.IntN(300)
		keys := make([]uint64, n)
		for i := range keys {
			a := rng.IntN(1000)
			keys[i] = algo.PairKey(a, a+1+rng.IntN(1000))
		}
		distinct := slices.Compact(slices.Sorted(slices.Values(keys)))
		slices.SortFunc(distinct, func(a, b uint64) int { return cmp.Compare(sampleHash(a), sampleHash(b)) })
		k := 1 + rng.IntN(40)
		want := slices.Sorted(slices.Values(distinct[:min(k, len(distinct))]))
		defer func(was int) { sampleSlack = was }(sampleSlack)
		sampleSlack = []int{0, 1, 1024}[trial%3]
		sp := newSampler(k)
		for _, i := range rng.Perm(2 * n) {
			sp.offer(keys[i%max(1, n)]) // every pair twice
		}
		if got := sp.keys(); !slices.Equal(got, want) && len(want) > 0 {
			t.Fatalf("trial %d, k=%d, %d pairs: sample %v, want %v", trial, k, len(distinct), got, want)
		}
	}
}

// TestSampleFoundKeepsTheSample checks that pruning a configuration's
// records keeps every pair that ends up in the sample, with its score:
// with no slack, the records are pruned at almost every pair.
func TestSampleFoundKeepsTheSample(t *testing.T) {
	defer func(was int) { sampleSlack = was }(sampleSlack)
	sampleSlack = 0
	data := make([][]uint64, 60)
	for d := range data {
		data[d] = []uint64{uint64(d)}
	}
	g := groupsOf(data)
	var keys []uint64
	var scores []float64
	for a := range g.local {
		for b := a + 1; b < len(g.local); b++ {
			keys = append(keys, algo.PairKey(a, b))
			scores = append(scores, float64(a*1000+b))
		}
	}
	for _, k := range []int{1, 2, 5, 30} {
		sp := newSampler(k)
		rec := sampleFound(sp, g, keys, scores)
		sample := sp.keys()
		got := scoresOf(sample, rec)
		for i, key := range sample {
			a, b := algo.SplitPairKey(key)
			if want := float64(a*1000 + b); got[i] != want {
				t.Errorf("k=%d: pair %d–%d scores %v in the sample, want %v", k, a, b, got[i], want)
			}
		}
	}
}

package lsh_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
)

// identicalSigs returns n copies of one signature of l's length (the same
// backing array: SelfJoin only reads them).
func identicalSigs(l *lsh.Banding, n int) [][]uint64 {
	rng := rand.New(rand.NewPCG(3, 4))
	sig := make([]uint64, l.K())
	for i := range sig {
		sig[i] = rng.Uint64()
	}
	sigs := make([][]uint64, n)
	for i := range sigs {
		sigs[i] = sig
	}
	return sigs
}

// TestSelfJoinMatchesReference compares SelfJoin with the implementation
// it replaced, which collected every band's collisions and then removed
// the duplicates: on random signatures over a small alphabet (many pairs
// share some bands and not others), on heavily duplicated ones, on
// identical ones, with empty signatures among them, for 1, 2 and 4
// workers and more workers than bands.
func TestSelfJoinMatchesReference(t *testing.T) {
	l, err := lsh.New(minhash.New(24, 1), 12, 2)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	random := func(n int, alphabet uint64) [][]uint64 {
		sigs := make([][]uint64, n)
		for i := range sigs {
			sigs[i] = make([]uint64, l.K())
			for j := range sigs[i] {
				sigs[i][j] = rng.Uint64N(alphabet)
			}
		}
		return sigs
	}
	// duplicated: a few distinct signatures, each copied many times, and
	// some with single slots changed so that they share only some bands.
	duplicated := func(n, distinct int) [][]uint64 {
		base := random(distinct, 1<<40)
		sigs := make([][]uint64, n)
		for i := range sigs {
			sigs[i] = slices.Clone(base[rng.IntN(distinct)])
			for range rng.IntN(3) {
				sigs[i][rng.IntN(l.K())] = rng.Uint64N(4)
			}
			if rng.IntN(40) == 0 {
				sigs[i] = nil // empty: in no pair
			}
		}
		return sigs
	}
	cases := []struct {
		name string
		sigs [][]uint64
	}{
		{"none", nil},
		{"one", random(1, 2)},
		{"random-small", random(50, 2)},
		{"random-binary", random(700, 2)},
		{"random-ternary", random(1500, 3)},
		{"random-sparse", random(3000, 1<<30)},
		{"duplicated", duplicated(1200, 7)},
		{"duplicated-many", duplicated(2500, 60)},
		{"identical", identicalSigs(l, 600)},
	}
	for _, c := range cases {
		want := lsh.RefSelfJoin(l, c.sigs, 1)
		for _, workers := range []int{1, 2, 4, 100} {
			got := l.SelfJoin(c.sigs, 0, workers)
			if !slices.Equal(got, want) {
				t.Errorf("%s, workers=%d: %d pairs, want the reference's %d", c.name, workers, len(got), len(want))
			}
		}
		if c.name == "random-binary" && len(want) == 0 {
			t.Errorf("%s: no pairs, the case tests nothing", c.name)
		}
	}
}

// BenchmarkSelfJoinIdentical joins 2,000 identical documents (8,000 with
// -million or when selected by -bench Million): every pair collides in all
// 25 bands. Besides s/op it reports pairs and peak-MB, the largest heap
// seen beyond the start (sampled every millisecond, garbage not yet
// collected included).
func BenchmarkSelfJoinIdentical(b *testing.B) {
	n := 2000
	if algotest.MillionSelected() {
		n = 8000
	}
	l, err := lsh.New(minhash.New(100, 1), 25, 4)
	if err != nil {
		b.Fatal(err)
	}
	sigs := identicalSigs(l, n)
	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(b *testing.B) {
			var pairs int
			var peak uint64
			for b.Loop() {
				b.StopTimer()
				heapPeak := algotest.HeapPeak()
				b.StartTimer()

				keys := l.SelfJoin(sigs, 0, workers)
				pairs = len(keys)

				b.StopTimer()
				peak = max(peak, heapPeak())
				runtime.KeepAlive(keys)
				b.StartTimer()
			}
			b.ReportMetric(float64(pairs), "pairs")
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
		})
	}
}

package simhash_test

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/simhash"
)

// brutePairs is the definition of SelfJoin: every pair i < j within
// distance k, by comparing them all.
func brutePairs(fps []uint64, k int) []simhash.Pair {
	var out []simhash.Pair
	for i := range fps {
		for j := i + 1; j < len(fps); j++ {
			if bits.OnesCount64(fps[i]^fps[j]) <= k {
				out = append(out, simhash.Pair{I: int32(i), J: int32(j)})
			}
		}
	}
	return out
}

// TestSelfJoin checks SelfJoin against brute force on random fingerprints
// with planted neighbours (some equal), unevenly filled blocks, and
// clusters of copies, for 1 to 3 workers.
func TestSelfJoin(t *testing.T) {
	for _, k := range []int{0, 1, 3, 6, 8, 12, 16, 64} {
		for _, n := range []int{0, 1, 2, 37, 1000} {
			rng := rand.New(rand.NewPCG(uint64(k), uint64(n)))
			planted := plantedFingerprints(rng, n, min(k+2, simhash.Bits), true)
			copies := make([]uint64, n)
			for i := range copies {
				// A few dozen centres, each copied many times with
				// up to k+2 bits flipped.
				copies[i] = flip(rng, uint64(rng.IntN(40))*0x9e3779b97f4a7c15, rng.IntN(min(k+3, simhash.Bits+1)))
			}
			for name, fps := range map[string][]uint64{"planted": planted, "clusters": copies} {
				want := brutePairs(fps, k)
				for _, workers := range []int{1, 2, 3} {
					got := simhash.SelfJoin(fps, k, workers)
					if !slices.Equal(got, want) {
						t.Errorf("SelfJoin(%s n=%d, k=%d, workers=%d): %d pairs, want %d", name, n, k, workers, len(got), len(want))
					}
				}
				if n == 1000 && len(want) < n/10 {
					t.Errorf("%s n=%d k=%d: %d pairs: the test does not test", name, n, k, len(want))
				}
			}
		}
	}
}

// TestPlanJoin checks that a plan of Manku's tables has the combinations
// of its key's blocks as tables, that a plan of radius tables has radii
// whose Σ (t + 1) is k + 1, each at most its block's width, that two
// fingerprints are compared directly, and that a large join does not
// compare every pair.
func TestPlanJoin(t *testing.T) {
	binomial := func(n, r int) int {
		c := 1
		for i := range r {
			c = c * (n - i) / (i + 1)
		}
		return c
	}
	for _, n := range []int{2, 1000, 100_000, 1_000_000} {
		for _, k := range []int{0, 3, 6, 8, 10, 16, 24, 64} {
			p := simhash.PlanJoin(n, k)
			if p.Blocks < 1 || p.Blocks > simhash.Bits || p.Cost <= 0 {
				t.Errorf("PlanJoin(%d, %d) = %+v, want 1 to 64 blocks and a positive cost", n, k, p)
			}
			if p.Radii == nil {
				if p.Key != max(0, p.Blocks-k) || p.Tables != binomial(p.Blocks, p.Key) {
					t.Errorf("PlanJoin(%d, %d) = %+v, want Key = max(0, Blocks − k), Tables = C(Blocks, Key)", n, k, p)
				}
			} else {
				units, tables := 0, 0
				for i, r := range p.Radii {
					// Block i is as wide as simhash.Table cuts it.
					w := simhash.Bits / p.Blocks
					if i < simhash.Bits%p.Blocks {
						w++
					}
					if r < -1 || r > w {
						t.Errorf("PlanJoin(%d, %d) = %+v: radius %d of a block of %d bits", n, k, p, r, w)
					}
					units += r + 1
					if r >= 0 {
						tables++
					}
				}
				if len(p.Radii) != p.Blocks || units != k+1 || p.Tables != tables || p.Key != 0 {
					t.Errorf("PlanJoin(%d, %d) = %+v, want Blocks radii, Σ (radius + 1) = k + 1 = %d (got %d), Tables the radii ≥ 0 (%d), Key 0",
						n, k, p, k+1, units, tables)
				}
			}
			brute := p.Radii == nil && p.Key == 0
			if n == 2 && k > 0 && !brute {
				t.Errorf("PlanJoin(2, %d) = %+v, want every pair compared: one comparison", k, p)
			}
			if n == 1_000_000 && k <= 16 && brute {
				t.Errorf("PlanJoin(%d, %d) = %+v, want tables: comparing every pair is 5·10^11 comparisons", n, k, p)
			}
		}
	}
}

func TestSelfJoinPanics(t *testing.T) {
	for _, k := range []int{-1, 65} {
		func() {
			defer func() {
				if s, _ := recover().(string); !strings.Contains(s, fmt.Sprintf("k=%d", k)) {
					t.Errorf("SelfJoin(k=%d): panic %q, want one about k", k, s)
				}
			}()
			simhash.SelfJoin(nil, k, 1)
		}()
	}
}

func ExampleSelfJoin() {
	fps := []uint64{
		0b1111_0000,
		0b1111_0111, // 3 bits from 0
		0b0000_1111, // 8 bits from 0, 5 from 1
		0b1111_0000, // 0 bits from 0
	}
	fmt.Println(simhash.SelfJoin(fps, 3, 0))
	fmt.Println(simhash.SelfJoin(fps, 5, 0))
	// Output:
	// [{0 1} {0 3} {1 3}]
	// [{0 1} {0 3} {1 2} {1 3}]
}

// joinKs are the distances the join benchmarks run at.
var joinKs = []int{3, 6, 8, 10, 16}

// BenchmarkSelfJoin joins 100,000 random fingerprints, a fifth with
// planted neighbours at distances 0 to k+2, with 1 and 2 workers; ns/fp is
// the time per fingerprint. The cost model of PlanJoin is fitted to it.
func BenchmarkSelfJoin(b *testing.B) {
	const n = 100_000
	for _, k := range joinKs {
		fps := plantedFingerprints(rand.New(rand.NewPCG(5, uint64(k))), n, k+2, false)
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("k=%d/n=%d/workers=%d", k, n, workers), func(b *testing.B) {
				var pairs []simhash.Pair
				for b.Loop() {
					pairs = simhash.SelfJoin(fps, k, workers)
				}
				b.ReportMetric(float64(len(pairs)), "pairs")
				b.ReportMetric(float64(simhash.PlanJoin(n, k).Tables), "tables")
				b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*n), "ns/fp")
			})
		}
	}
}

// BenchmarkMillion does what simbench's sparse corpus scope does with a
// million documents: NewJoinIndex at the floor of distance k, Add of
// 1,000,000 random fingerprints (a fifth with planted neighbours at
// distances 0 to k+2), Finish, and Candidates of every one. It runs only
// when selected by name (-bench Million) or with -million. Besides s/op it
// reports peak-MB, the largest heap seen beyond the input (sampled every
// millisecond, garbage not yet collected included).
func BenchmarkMillion(b *testing.B) {
	if !algotest.MillionSelected() {
		b.Skip("1,000,000 fingerprints: select with -bench Million or -million")
	}
	const n = 1_000_000
	for _, k := range joinKs {
		fps := plantedFingerprints(rand.New(rand.NewPCG(6, uint64(k))), n, k+2, false)
		sigs := make([][]uint64, n)
		for i := range fps {
			sigs[i] = fps[i : i+1 : i+1]
		}
		floor := 1 - float64(k)/simhash.Bits
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("k=%d/n=%d/workers=%d", k, n, workers), func(b *testing.B) {
				var found int
				var peak uint64
				for b.Loop() {
					b.StopTimer()
					heapPeak := algotest.HeapPeak()
					b.StartTimer()

					ix := simhash.New(1).NewJoinIndex(floor, n).(*simhash.TableIndex)
					ix.Workers = workers
					for i, sig := range sigs {
						ix.Add(i, sig)
					}
					ix.Finish()
					found = 0
					var dst []int
					for _, sig := range sigs {
						dst = ix.Candidates(dst[:0], sig)
						found += len(dst)
					}

					b.StopTimer()
					peak = max(peak, heapPeak())
					runtime.KeepAlive(ix)
					b.StartTimer()
				}
				b.ReportMetric(float64(found-n)/2, "pairs")
				b.ReportMetric(float64(peak)/1e6, "peak-MB")
			})
		}
	}
}

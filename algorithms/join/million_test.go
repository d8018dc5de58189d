package join_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/join"
)

// millionCorpora are the corpora of BenchmarkMillion: algotest.BenchCorpus,
// the shape of simbench's million-document run (random 64-bit tokens, one
// set in five a copy of an earlier one with a tenth of its tokens
// replaced), and the zipf corpus of BenchmarkJoin scaled to a million sets.
var millionCorpora = []struct {
	name string
	gen  func() [][]uint64
}{
	{"bench", func() [][]uint64 { return algotest.BenchCorpus(1_000_000) }},
	{"zipf", func() [][]uint64 {
		c := benchCorpora[1].c
		c.sets = 1_000_000
		return c.generate(rand.New(rand.NewPCG(100, 1)))
	}},
}

// BenchmarkMillion builds an Index over 1,000,000 sets at t = 0.5 (Add,
// Finish, Pairs), as simbench's million-document run does. It runs only
// when selected by name (-bench Million) or with -million. Besides s/op it
// reports cpu-s/op, the processor time of the whole process (the
// benchmark machine may be shared), peak-MB, the largest heap seen beyond
// the input (sampled every millisecond, garbage not yet collected
// included), and alloc-MB, all the bytes the index allocated, an upper
// bound of the memory it needs beyond the input whatever the collector
// does.
func BenchmarkMillion(b *testing.B) {
	if !algotest.MillionSelected() {
		b.Skip("1,000,000 sets: select with -bench Million or -million")
	}
	for _, mc := range millionCorpora {
		var sets [][]uint64
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("corpus=%s/t=0.5/workers=%d", mc.name, workers), func(b *testing.B) {
				if sets == nil {
					sets = mc.gen()
				}
				b.SetBytes(8 * int64(tokens(sets)))
				var pairs []join.Pair
				var peak, alloc uint64
				var cpu time.Duration
				for b.Loop() {
					b.StopTimer()
					allocs := algotest.ReadMetric("/gc/heap/allocs:bytes")
					heapPeak := algotest.HeapPeak()
					cpu0, _ := cpuTime()
					b.StartTimer()

					ix := join.NewIndex(0.5, len(sets))
					ix.Workers = workers
					for i, s := range sets {
						ix.Add(i, s)
					}
					ix.Finish()
					pairs = ix.Pairs()

					b.StopTimer()
					cpu1, _ := cpuTime()
					cpu += cpu1 - cpu0
					alloc = max(alloc, algotest.ReadMetric("/gc/heap/allocs:bytes")-allocs)
					peak = max(peak, heapPeak())
					runtime.KeepAlive(ix)
					b.StartTimer()
				}
				b.ReportMetric(float64(len(pairs)), "pairs")
				if _, ok := cpuTime(); ok {
					b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
				}
				b.ReportMetric(float64(peak)/1e6, "peak-MB")
				b.ReportMetric(float64(alloc)/1e6, "alloc-MB")
			})
		}
	}
}

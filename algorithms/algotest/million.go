package algotest

import (
	"flag"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"time"
)

// million is the -million flag of the test binaries that import algotest.
var million = flag.Bool("million", false, "run the benchmarks at a million documents (BenchmarkMillion)")

// MillionSelected reports whether a BenchmarkMillion should run: with
// -million, or when the -bench pattern names it, so that
// `go test -bench . -benchtime 1x`, which CI runs, stays quick.
func MillionSelected() bool {
	if *million {
		return true
	}
	f := flag.Lookup("test.bench")
	return f != nil && strings.Contains(f.Value.String(), "Million")
}

// heapObjects is the runtime/metrics name of the bytes of heap objects,
// live or not yet swept.
const heapObjects = "/memory/classes/heap/objects:bytes"

// ReadMetric returns the runtime/metrics value called name, which must be
// a uint64 metric such as "/gc/heap/allocs:bytes".
func ReadMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// HeapPeak collects the garbage, then samples the heap every millisecond
// until the returned function is called; that function returns the largest
// heap seen beyond the heap at the start, live or not yet swept.
func HeapPeak() (stop func() uint64) {
	runtime.GC()
	base := ReadMetric(heapObjects)
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			peak = max(peak, ReadMetric(heapObjects))
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return max(peak, base) - base
	}
}

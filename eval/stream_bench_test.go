package eval_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/gold/synth"
)

// BenchmarkStream is the million-document run of docs/speed.md ("A million
// documents") in small: a synthetic set (gold/synth) written to disk, then
// streamed in the sparse corpus scope with jaccard, simhash at 0.9 and
// minhash-lsh on every core. It reports docs/s, MB/s of docs.jsonl, the
// peak heap beyond the start (live or not yet swept) and the run's F1 for
// each algorithm. The sizes are 20,000 documents, and a million with
// -million or -bench Million.
func BenchmarkStream(b *testing.B) {
	sizes := []int{20_000}
	if algotest.MillionSelected() {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "synth")
			if err := synth.WriteDir(context.Background(), dir, synth.Options{Docs: n, Seed: 1}, nil); err != nil {
				b.Fatal(err)
			}
			fi, err := os.Stat(filepath.Join(dir, "docs.jsonl"))
			if err != nil {
				b.Fatal(err)
			}
			cs := configs(b, "jaccard", "simhash:threshold=0.9", "minhash-lsh")
			b.SetBytes(fi.Size())
			var res *eval.Result
			var peak uint64
			for b.Loop() {
				heapPeak := algotest.HeapPeak()
				res, err = eval.EvaluateStream(context.Background(), dir, cs, eval.Options{Scope: eval.Corpus})
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, heapPeak())
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
			for _, r := range res.Runs {
				b.ReportMetric(r.At.F1(), "f1-"+r.Config.Entry.Name)
			}
		})
	}
}

package compare_test

import (
	"fmt"
	"math"
	"os"

	"github.com/simbench/simbench/eval/compare"
	"github.com/simbench/simbench/eval/summary"
)

// A change that trades recall for precision: F1 falls by 0.05, a
// regression beyond a tolerance of 0.01; precision rises; the run is
// faster, within the noise of throughput. Without the runs' scores there is
// no paired test, and the tolerance alone decides.
func ExampleCompare() {
	nan := summary.Num(math.NaN())
	gold := summary.Gold{Name: "clough", Docs: 100, Pairs: 95, Positives: 57, Scope: "labelled", Hash: "sha256:02e954a3"}
	old := &summary.Summary{Gold: gold, Runs: []summary.Run{
		{Algorithm: "minhash-lsh", Values: map[string]summary.Num{"precision": 0.8, "recall": 0.7, "f1": 0.75, "average_precision": 0.9, "best_f1": 0.8, "docs_per_sec": 20000, "mb_per_sec": nan}},
	}}
	new := &summary.Summary{Gold: gold, Runs: []summary.Run{
		{Algorithm: "minhash-lsh", Values: map[string]summary.Num{"precision": 0.9, "recall": 0.55, "f1": 0.7, "average_precision": 0.9, "best_f1": 0.8, "docs_per_sec": 21000, "mb_per_sec": nan}},
		{Algorithm: "simhash", Values: map[string]summary.Num{"precision": 1, "recall": 0.4, "f1": 0.6, "average_precision": 0.88, "best_f1": 0.78, "docs_per_sec": 35000, "mb_per_sec": nan}},
	}}
	res := compare.Compare(old, new, compare.Options{Tolerance: 0.01})
	for _, r := range res.Rows {
		fmt.Printf("%-17s %.3f → %.3f  %+.3f  %s\n", r.Metric, r.Old, r.New, r.Delta, r.Verdict)
	}
	fmt.Println("added:", res.Added)
	for _, msg := range res.Regressions {
		fmt.Println("REGRESSION:", msg)
	}
	// Output:
	// precision         0.800 → 0.900  +0.100  better
	// recall            0.700 → 0.550  -0.150  REGRESSION
	// f1                0.750 → 0.700  -0.050  REGRESSION
	// average_precision 0.900 → 0.900  +0.000  ~
	// best_f1           0.800 → 0.800  +0.000  ~
	// docs_per_sec      20000.000 → 21000.000  +0.050  ~
	// added: [simhash]
	// REGRESSION: minhash-lsh: recall fell from 0.700 to 0.550 (-0.150; tolerance 0.01)
	// REGRESSION: minhash-lsh: f1 fell from 0.750 to 0.700 (-0.050; tolerance 0.01)
}

// The table simbench compare prints: a recall fall beyond the tolerance of
// 0.01, with the bootstrap intervals of both runs.
func ExampleResult_Table() {
	ci := func(lo, hi float64) [2]summary.Num { return [2]summary.Num{summary.Num(lo), summary.Num(hi)} }
	nan := math.NaN()
	boot := &summary.Bootstrap{Resamples: 1000, Level: 0.95, Seed: 1, Unit: "documents"}
	gold := summary.Gold{Name: "clough", Docs: 100, Pairs: 95, Positives: 57, Scope: "labelled", Hash: "sha256:02e954a3"}
	old := &summary.Summary{Gold: gold, Bootstrap: boot, Runs: []summary.Run{{Algorithm: "jaccard",
		Values:    map[string]summary.Num{"precision": 1, "recall": 0.7, "f1": 0.8236, "average_precision": 0.95, "best_f1": 0.9, "docs_per_sec": 30000, "mb_per_sec": 40},
		Intervals: map[string][2]summary.Num{"precision": ci(0.95, 1), "recall": ci(0.6, 0.78), "f1": ci(0.75, 0.88), "average_precision": ci(0.9, nan)}}}}
	new := &summary.Summary{Gold: gold, Bootstrap: boot, Runs: []summary.Run{{Algorithm: "jaccard",
		Values:    map[string]summary.Num{"precision": 1, "recall": 0.65, "f1": 0.7879, "average_precision": 0.95, "best_f1": 0.9, "docs_per_sec": 45000, "mb_per_sec": 60},
		Intervals: map[string][2]summary.Num{"precision": ci(0.95, 1), "recall": ci(0.55, 0.74), "f1": ci(0.71, 0.85), "average_precision": ci(0.9, nan)}}}}
	if err := compare.Compare(old, new, compare.Options{Tolerance: 0.01}).Table(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ┌───────────┬───────────────────┬──────────────────────┬──────────────────────┬────────┬──────────┬────────────┐
	// │ algorithm │      metric       │         old          │         new          │ delta  │ interval │  verdict   │
	// ├───────────┼───────────────────┼──────────────────────┼──────────────────────┼────────┼──────────┼────────────┤
	// │ jaccard   │ precision         │ 1.000 [0.950, 1.000] │ 1.000 [0.950, 1.000] │      0 │          │ ~          │
	// │           │ recall            │        0.700 ± 0.090 │        0.650 ± 0.095 │ -0.050 │          │ REGRESSION │
	// │           │ f1                │        0.824 ± 0.065 │        0.788 ± 0.070 │ -0.036 │          │ REGRESSION │
	// │           │ average_precision │            0.950 ± – │            0.950 ± – │      0 │          │ ~          │
	// │           │ best_f1           │                0.900 │                0.900 │      0 │          │ ~          │
	// │           │ docs_per_sec      │                30.0k │                45.0k │ +50.0% │          │ better     │
	// │           │ mb_per_sec        │                 40.0 │                 60.0 │ +50.0% │          │ better     │
	// └───────────┴───────────────────┴──────────────────────┴──────────────────────┴────────┴──────────┴────────────┘
	// delta: new − old (quality), new/old − 1 (throughput); ~: no change beyond 0.01 (quality) or 20% (throughput); ±: half the width of each run's own bootstrap interval, [low, high] where it is lopsided, as simbench run shows it
	// REGRESSION: jaccard: recall fell from 0.700 to 0.650 (-0.050; tolerance 0.01)
	// REGRESSION: jaccard: f1 fell from 0.824 to 0.788 (-0.036; tolerance 0.01)
	// note: no scores.csv of every pair for both runs (a summary.json alone, or a run whose scores.csv is only a sample): quality verdicts come from the figures and the tolerance alone, without a paired test; compare results folders with every pair's scores to test them
}

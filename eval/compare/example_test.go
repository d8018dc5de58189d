package compare_test

import (
	"fmt"
	"math"
	"os"

	"github.com/simbench/simbench/eval/compare"
	"github.com/simbench/simbench/eval/report"
)

// A change that trades recall for precision: F1 falls by 0.05, a
// regression beyond a tolerance of 0.01; precision rises; the run is
// faster, within the noise of throughput.
func ExampleCompare() {
	nan := report.Num(math.NaN())
	gold := report.GoldSummary{Name: "clough", Docs: 100, Pairs: 95, Positives: 57, Scope: "labelled"}
	old := &report.Summary{Gold: gold, Runs: []report.RunSummary{
		{Algorithm: "minhash-lsh", Precision: 0.8, Recall: 0.7, F1: 0.75, AveragePrecision: 0.9, BestF1: 0.8, DocsPerSec: 20000, MBPerSec: nan},
	}}
	new := &report.Summary{Gold: gold, Runs: []report.RunSummary{
		{Algorithm: "minhash-lsh", Precision: 0.9, Recall: 0.55, F1: 0.7, AveragePrecision: 0.9, BestF1: 0.8, DocsPerSec: 21000, MBPerSec: nan},
		{Algorithm: "simhash", Precision: 1, Recall: 0.4, F1: 0.6, AveragePrecision: 0.88, BestF1: 0.78, DocsPerSec: 35000, MBPerSec: nan},
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

// The benchmark lines of a summary, for benchstat.
func ExampleWriteBench() {
	s := &report.Summary{
		Gold: report.GoldSummary{Name: "seeds"},
		Env:  report.Env{OS: "linux/amd64", CPU: "Intel(R) Xeon(R) Processor"},
		Runs: []report.RunSummary{
			{Algorithm: "jaccard", Precision: 1, Recall: 0.5, F1: 0.6666666666666666, AveragePrecision: 1, BestF1: 1, DocsPerSec: 9307.5, MBPerSec: 81.25},
		},
	}
	if err := compare.WriteBench(os.Stdout, s); err != nil {
		fmt.Println(err)
	}
	// Output:
	// goos: linux
	// goarch: amd64
	// cpu: Intel(R) Xeon(R) Processor
	// pkg: simbench
	// Unit f1 better=higher assume=exact
	// Unit precision better=higher assume=exact
	// Unit recall better=higher assume=exact
	// Unit average_precision better=higher assume=exact
	// Unit best_f1 better=higher assume=exact
	// Unit docs/s better=higher
	// Unit MB/s better=higher
	// BenchmarkQuality/set=seeds/algo=jaccard 1 0.6666666666666666 f1 1 precision 0.5 recall 1 average_precision 1 best_f1 9307.5 docs/s 81.25 MB/s
}

// The table simbench compare prints: a recall fall beyond the tolerance of
// 0.01, with the bootstrap intervals of both runs.
func ExampleResult_Table() {
	ci := func(lo, hi float64) *[2]report.Num { return &[2]report.Num{report.Num(lo), report.Num(hi)} }
	nan := math.NaN()
	boot := &report.BootstrapSummary{Resamples: 1000, Level: 0.95, Seed: 1, Unit: "documents"}
	old := &report.Summary{Bootstrap: boot, Runs: []report.RunSummary{{Algorithm: "jaccard",
		Precision: 1, Recall: 0.7, F1: 0.8236, AveragePrecision: 0.95, BestF1: 0.9, DocsPerSec: 30000, MBPerSec: 40,
		PrecisionCI: ci(0.95, 1), RecallCI: ci(0.6, 0.78), F1CI: ci(0.75, 0.88), APCI: ci(0.9, nan)}}}
	new := &report.Summary{Bootstrap: boot, Runs: []report.RunSummary{{Algorithm: "jaccard",
		Precision: 1, Recall: 0.65, F1: 0.7879, AveragePrecision: 0.95, BestF1: 0.9, DocsPerSec: 45000, MBPerSec: 60,
		PrecisionCI: ci(0.95, 1), RecallCI: ci(0.55, 0.74), F1CI: ci(0.71, 0.85), APCI: ci(0.9, nan)}}}
	if err := compare.Compare(old, new, compare.Options{Tolerance: 0.01}).Table(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ┌───────────┬───────────────────┬───────────────┬───────────────┬────────┬────────────┐
	// │ algorithm │      metric       │      old      │      new      │ delta  │  verdict   │
	// ├───────────┼───────────────────┼───────────────┼───────────────┼────────┼────────────┤
	// │ jaccard   │ precision         │ 1.000 ± 0.050 │ 1.000 ± 0.050 │      0 │ ~          │
	// │           │ recall            │ 0.700 ± 0.100 │ 0.650 ± 0.100 │ -0.050 │ REGRESSION │
	// │           │ f1                │ 0.824 ± 0.074 │ 0.788 ± 0.078 │ -0.036 │ REGRESSION │
	// │           │ average_precision │         0.950 │         0.950 │      0 │ ~          │
	// │           │ best_f1           │         0.900 │         0.900 │      0 │ ~          │
	// │           │ docs_per_sec      │         30.0k │         45.0k │ +50.0% │ better     │
	// │           │ mb_per_sec        │          40.0 │          60.0 │ +50.0% │ better     │
	// └───────────┴───────────────────┴───────────────┴───────────────┴────────┴────────────┘
	// delta: new − old (quality), new/old − 1 (throughput); ~: |delta| ≤ 0.01 (quality), ≤ 20% (throughput); ±: to the farther end of the 95% bootstrap interval
	// REGRESSION: jaccard: recall fell from 0.700 to 0.650 (-0.050; tolerance 0.01)
	// REGRESSION: jaccard: f1 fell from 0.824 to 0.788 (-0.036; tolerance 0.01)
}

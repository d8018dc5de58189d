package summary_test

import (
	"fmt"
	"os"

	"github.com/simbench/simbench/eval/summary"
)

// The benchmark lines of a summary, for benchstat.
func ExampleWriteBench() {
	s := &summary.Summary{
		Gold: summary.Gold{Name: "seeds"},
		Env:  summary.Env{OS: "linux/amd64", CPU: "Intel(R) Xeon(R) Processor"},
		Runs: []summary.Run{
			{Algorithm: "jaccard", Values: map[string]summary.Num{"precision": 1, "recall": 0.5, "f1": 0.6666666666666666, "average_precision": 1, "best_f1": 1, "docs_per_sec": 9307.5, "mb_per_sec": 81.25}},
		},
	}
	if err := summary.WriteBench(os.Stdout, s); err != nil {
		fmt.Println(err)
	}
	// Output:
	// goos: linux
	// goarch: amd64
	// cpu: Intel(R) Xeon(R) Processor
	// pkg: simbench
	// Unit precision better=higher assume=exact
	// Unit recall better=higher assume=exact
	// Unit f1 better=higher assume=exact
	// Unit average_precision better=higher assume=exact
	// Unit best_f1 better=higher assume=exact
	// Unit docs/s better=higher
	// Unit MB/s better=higher
	// BenchmarkQuality/set=seeds/algo=jaccard 1 1 precision 0.5 recall 0.6666666666666666 f1 1 average_precision 1 best_f1 9307.5 docs/s 81.25 MB/s
}

// The key figures of the default table, and how each is formatted.
func ExampleShown() {
	r := &summary.Run{Values: map[string]summary.Num{"threshold": 0.5, "precision": 1, "recall": 0.0877, "f1": 0.1613,
		"average_precision": 0.976, "best_f1": 0.945, "best_threshold": 0.01, "docs_per_sec": 62400}}
	for _, c := range summary.Shown(false) {
		fmt.Printf("%-8s %-8s %s\n", c.Header, c.Format(r.Get(c.Key)), c.Key)
	}
	// Output:
	// t        0.500    threshold
	// P        1.000    precision
	// R        0.088    recall
	// F1       0.161    f1
	// AP       0.976    average_precision
	// best F1  0.945    best_f1
	// best t   0.010    best_threshold
	// docs/s   62.4k    docs_per_sec
}

package bootstrap_test

import (
	"fmt"

	"github.com/simbench/simbench/eval/bootstrap"
)

// Six documents holding three duplicate pairs, (0,1), (2,3) and (4,5),
// and three pairs that are not duplicates.
var six = bootstrap.Data{
	Docs:   6,
	Pairs:  [][2]int{{0, 1}, {2, 3}, {4, 5}, {0, 2}, {1, 4}, {3, 5}},
	Labels: []bool{true, true, true, false, false, false},
}

func ExampleEstimate() {
	// A detector that separates the duplicates perfectly is perfect in
	// every resample too: its intervals have no width. Resamples that
	// draw no duplicate pair are skipped.
	scores := []float64{0.9, 0.8, 0.95, 0.2, 0.1, 0.3}
	m := bootstrap.Estimate(six, scores, 0.5, bootstrap.Options{Seed: 1})
	fmt.Printf("F1 %.2f ± %.2f\n", m.F1.Lo, m.F1.HalfWidth())
	fmt.Println("AP", m.AP)
	fmt.Println("resamples:", m.Resamples+m.Skipped)
	// Output:
	// F1 1.00 ± 0.00
	// AP [1.0000, 1.0000]
	// resamples: 1000
}

func ExamplePairedF1() {
	// Detector b also flags the non-duplicate (0,2): F1 6/7 against 1 on
	// the full set. But more than half of the resamples of six documents
	// leave document 0 or document 2 out, and with them the one mistake,
	// so the interval of the difference starts at 0: one mistake among
	// six documents is no evidence that a is better.
	a := []float64{0.9, 0.8, 0.95, 0.2, 0.1, 0.3}
	b := []float64{0.9, 0.8, 0.95, 0.7, 0.1, 0.3}
	d := bootstrap.PairedF1(six, a, b, 0.5, 0.5, bootstrap.Options{Seed: 1})
	fmt.Printf("F1(a) − F1(b) = %.4f\n", d.Observed)
	fmt.Println("lower limit:", d.Interval.Lo)
	fmt.Println("significant:", d.Significant)
	// Output:
	// F1(a) − F1(b) = 0.1429
	// lower limit: 0
	// significant: false
}

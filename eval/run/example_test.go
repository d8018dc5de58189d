package run_test

import (
	"context"
	"fmt"

	"github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/eval/summary"
)

// Run one algorithm on the embedded seed set and read its figures from the
// summary, by their columns.
func ExampleRun() {
	o, err := run.Run(context.Background(), run.Options{Gold: "seeds", Algos: []string{"jaccard"}, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := o.Summary()
	fmt.Printf("%s, %s scope: %d pairs, %d positive\n", s.Gold.Name, s.Gold.ScopeName(), s.Gold.Pairs, s.Gold.Positives)
	r := &s.Runs[0]
	for _, key := range []string{"threshold", "precision", "recall", "f1", "tp", "fp"} {
		c, _ := summary.ColumnOf(key)
		fmt.Printf("%s %s\n", c.Header, c.Format(r.Get(key)))
	}
	// Output:
	// seeds, corpus scope: 10 pairs, 1 positive
	// t 0.500
	// P 1.000
	// R 1.000
	// F1 1.000
	// TP 1
	// FP 0
}

// Explain a pair with the scorer the run uses: the score is the one the
// run's scores.csv holds.
func ExampleExplain() {
	es, err := run.Explain(context.Background(), run.Options{Gold: "clough", Algos: []string{"minhash-lsh:verify=true"}, Seed: 1},
		[][2]string{{"g2pB_taskd", "orig_taskd"}}, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	e := es[0][0]
	fmt.Printf("%s: %.4f, %s\n", e.Algorithm, e.Score, e.Kind())
	// Output:
	// minhash-lsh:verify=true: 0.4495, false negative
}

package eval_test

import (
	"context"
	"fmt"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/gold"
)

// Evaluate three algorithms on the embedded seed set, over every pair of
// its corpus.
func ExampleEvaluate() {
	set, err := gold.Open("seeds")
	if err != nil {
		panic(err)
	}
	cs, err := algorithms.ParseAll([]string{"jaccard", "simhash", "minhash-lsh"}, 1)
	if err != nil {
		panic(err)
	}
	res, err := eval.Evaluate(context.Background(), set, cs, eval.Options{Scope: eval.Corpus})
	if err != nil {
		panic(err)
	}
	for _, r := range res.Runs {
		fmt.Printf("%-12s P=%.2f R=%.2f F1=%.2f at t=%.2f\n", r.Config.Label, r.At.Precision(), r.At.Recall(), r.At.F1(), r.Config.Threshold)
	}
	// Output:
	// jaccard      P=1.00 R=1.00 F1=1.00 at t=0.50
	// simhash      P=1.00 R=1.00 F1=1.00 at t=0.75
	// minhash-lsh  P=1.00 R=1.00 F1=1.00 at t=0.50
}

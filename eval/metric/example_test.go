package metric_test

import (
	"fmt"

	"github.com/simbench/simbench/eval/metric"
)

func ExampleConfusion() {
	// 8 duplicate pairs and 12 others; the detector flags 6 pairs, 5 rightly.
	c := metric.Confusion{TP: 5, FP: 1, FN: 3, TN: 11}
	fmt.Printf("precision %.4f\n", c.Precision()) // 5/6
	fmt.Printf("recall    %.4f\n", c.Recall())    // 5/8
	fmt.Printf("F1        %.4f\n", c.F1())        // 10/14
	fmt.Printf("accuracy  %.4f\n", c.Accuracy())  // 16/20
	fmt.Printf("FPR       %.4f\n", c.FPR())       // 1/12

	// Nothing predicted: precision is undefined (NaN), not 0.
	fmt.Println(metric.Confusion{FN: 2, TN: 3}.Precision())
	// Output:
	// precision 0.8333
	// recall    0.6250
	// F1        0.7143
	// accuracy  0.8000
	// FPR       0.0833
	// NaN
}

func ExampleSweep() {
	scores := []float64{0.9, 0.8, 0.8, 0.5, 0.5, 0.2}
	labels := []bool{true, true, false, true, false, false}

	points := metric.Sweep(scores, labels)
	fmt.Println("    t  TP FP FN TN   prec    rec     F1")
	for _, p := range points {
		fmt.Printf("%5.2f  %2d %2d %2d %2d  %5.3f  %5.3f  %5.3f\n",
			p.Threshold, p.TP, p.FP, p.FN, p.TN, p.Precision(), p.Recall(), p.F1())
	}
	best := metric.BestF1(points)
	fmt.Printf("AP %.4f, best F1 %.3f at t = %.2f\n", metric.AveragePrecision(points), best.F1(), best.Threshold)
	// Output:
	//     t  TP FP FN TN   prec    rec     F1
	//  +Inf   0  0  3  3    NaN  0.000  0.000
	//  0.90   1  0  2  3  1.000  0.333  0.500
	//  0.80   2  1  1  2  0.667  0.667  0.667
	//  0.50   3  2  0  1  0.600  1.000  0.750
	//  0.20   3  3  0  0  0.500  1.000  0.667
	// AP 0.7556, best F1 0.750 at t = 0.50
}

func ExampleAt() {
	scores := []float64{0.9, 0.8, 0.8, 0.5, 0.5, 0.2}
	labels := []bool{true, true, false, true, false, false}

	// A threshold between two scores gives the confusion of the sweep
	// point just above it.
	fmt.Printf("%+v\n", metric.At(scores, labels, 0.7))
	// Output:
	// {TP:2 FP:1 FN:1 TN:2}
}

func ExampleMaxRecallAtPrecision() {
	scores := []float64{0.9, 0.8, 0.8, 0.5, 0.5, 0.2}
	labels := []bool{true, true, false, true, false, false}

	p, ok := metric.MaxRecallAtPrecision(metric.Sweep(scores, labels), 0.65)
	fmt.Println(p.Threshold, p.Recall(), ok)
	_, ok = metric.MaxRecallAtPrecision(metric.Sweep(scores, labels), 1.5)
	fmt.Println(ok)
	// Output:
	// 0.8 0.6666666666666666 true
	// false
}

func ExampleROCAUC() {
	scores := []float64{0.9, 0.8, 0.8, 0.5, 0.5, 0.2}
	labels := []bool{true, true, false, true, false, false}

	// Of the 3·3 positive–negative pairs the positive wins 6 and ties 2:
	// (6 + 2/2)/9.
	fmt.Printf("%.4f\n", metric.ROCAUC(scores, labels))
	// Output:
	// 0.7778
}

func ExampleARI() {
	// scikit-learn's documentation examples. Only the grouping matters,
	// not the label values:
	fmt.Println(metric.ARI([]int{1, 1, 0, 0}, []int{0, 0, 1, 1}))
	// pred [0 0 1 1] joins gold's [2] with [3]: P = 2 predicted pairs,
	// G = 1 gold pair, T = 1 right, N = 6 pairs in all:
	// 2(N·T − P·G)/(N(P+G) − 2PG) = 8/14.
	fmt.Printf("%.4f\n", metric.ARI([]int{0, 0, 1, 1}, []int{0, 0, 1, 2}))
	// Worse than chance.
	fmt.Println(metric.ARI([]int{0, 1, 0, 1}, []int{0, 0, 1, 1}))
	// Both all singletons: no pairs at all, a perfect match by convention.
	fmt.Println(metric.ARI([]int{0, 1, 2}, []int{5, 6, 7}))
	// Output:
	// 1
	// 0.5714
	// -0.5
	// 1
}

func ExampleBCubed() {
	// The deduplicator joined documents 0, 1, 2; gold says {0, 1} and
	// {2, 3} are duplicates.
	pred := []int{0, 0, 0, 3}
	gold := []int{0, 0, 2, 2}
	b := metric.BCubed(pred, gold)
	// Precision: documents 0 and 1 find 2 of their 3 cluster-mates right
	// (counting themselves), 2 finds 1 of 3, 3 finds 1 of 1:
	// (2/3 + 2/3 + 1/3 + 1)/4 = 2/3. Recall: 0 and 1 find 2 of 2, 2 and 3
	// find 1 of 2: (1 + 1 + 1/2 + 1/2)/4 = 3/4.
	fmt.Printf("precision %.4f recall %.4f F1 %.4f\n", b.Precision, b.Recall, b.F1)

	// The same pair from the document-level view: keep 0 and 3, remove 1
	// (rightly) and 2 (wrongly: its duplicate 3 comes later).
	r := metric.NewContingency(pred, gold).Removed()
	fmt.Printf("%+v precision %.2f recall %.2f\n", r, r.Precision(), r.Recall())
	// Output:
	// precision 0.6667 recall 0.7500 F1 0.7059
	// {Removed:2 Correct:1 Needed:2} precision 0.50 recall 0.50
}

func ExampleLabelsFromPairs() {
	// Predicted duplicate pairs among 6 documents, joined transitively.
	labels := metric.LabelsFromPairs(6, [][2]int{{4, 2}, {0, 5}, {2, 1}})
	fmt.Println(labels)
	// Output:
	// [0 1 1 3 1 0]
}

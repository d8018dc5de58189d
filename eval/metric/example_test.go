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

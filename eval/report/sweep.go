package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/eval/summary"
)

// Sweep writes the threshold sweep of every algorithm: the areas under the
// PR curve (average precision) and the ROC curve, the thresholds of best F1
// and of best accuracy, and the threshold with the highest recall whose
// precision is at least minPrecision. With points it also lists every point
// of every sweep.
func Sweep(w io.Writer, o *run.Outcome, minPrecision float64, points bool) error {
	res, s := o.Result(), o.Summary()
	fmt.Fprintf(w, "gold %s: %d pairs in scope (%s), %d positive\n", s.Gold.Name, s.Gold.Pairs, s.Gold.ScopeName(), s.Gold.Positives)
	fmt.Fprintf(w, "AP: area under the PR curve (average precision); ROC AUC: area under the ROC curve; a cut t calls pairs with score ≥ t duplicates\n\n")
	atP := "max recall @ P≥" + strconv.FormatFloat(minPrecision, 'g', -1, 64)
	t := newTable(w, []string{"algorithm", "AP", "ROC AUC", "best F1 @ t", "best accuracy @ t", atP, "its P", "its t"}, 1, false)
	for i, r := range res.Runs {
		sr := &s.Runs[i]
		f := func(key string) string {
			c, _ := summary.ColumnOf(key)
			return sr.Cell(c, nil)
		}
		row := []string{r.Config.Label, f("average_precision"), f("roc_auc"),
			f("best_f1") + " @ " + f("best_threshold"),
			f("best_accuracy") + " @ " + f("best_accuracy_threshold")}
		if p, ok := r.MaxRecallAtPrecision(minPrecision); ok {
			row = append(row, fixed(p.Recall()), fixed(p.Precision()), summary.FixedN(p.Threshold, summary.Decimals(p.Threshold, float64(sr.Get("threshold")))))
		} else {
			row = append(row, "none", "-", "-")
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	if !points {
		fmt.Fprintln(w, "\nevery point of every sweep: curves.csv in the results folder, or -points")
		return nil
	}
	for _, r := range res.Runs {
		fmt.Fprintf(w, "\n%s\n", r.Config.Label)
		t := newTable(w, []string{"t", "TP", "FP", "FN", "TN", "P", "R", "F1", "FPR"}, 0, false)
		ts := []float64{r.Config.Threshold}
		for _, p := range r.Sweep {
			ts = append(ts, p.Threshold)
		}
		d := summary.Decimals(ts...)
		for _, p := range r.Sweep {
			th := summary.FixedN(p.Threshold, d)
			if p.Threshold > 1 {
				th = "+Inf"
			}
			if err := t.Append([]string{th, fmt.Sprint(p.TP), fmt.Sprint(p.FP), fmt.Sprint(p.FN), fmt.Sprint(p.TN),
				fixed(p.Precision()), fixed(p.Recall()), fixed(p.F1()), fixed(p.FPR())}); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	return nil
}

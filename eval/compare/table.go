package compare

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/simbench/simbench/eval/summary"
)

// Table writes r for people, as benchstat does: when the runs were
// refused, why and nothing else; otherwise one table row per algorithm and
// figure with the old value, the new one, the change, the paired interval
// of the change and the verdict, then the algorithms added, the
// regressions and the warnings. Figures are formatted by their column, as
// simbench run formats them, with each run's own interval.
func (r *Result) Table(w io.Writer) error {
	ew := new(bytes.Buffer)
	for _, msg := range r.Refused {
		fmt.Fprintf(ew, "REFUSED: %s\n", msg)
	}
	if len(r.Refused) > 0 {
		fmt.Fprintln(ew, "the runs are not comparable, so no verdict is given")
	} else if len(r.Rows) == 0 {
		fmt.Fprintln(ew, "no algorithm is in both runs")
	} else {
		t := tablewriter.NewTable(ew,
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeaderAlignment(tw.AlignCenter),
			tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{
				tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft,
			}}),
			tablewriter.WithRowMergeMode(tw.MergeHierarchical),
		)
		t.Header([]string{"algorithm", "metric", "old", "new", "delta", "interval", "verdict"})
		for _, row := range r.Rows {
			c, _ := summary.ColumnOf(row.Metric)
			iv := ""
			if row.DeltaCI != nil {
				iv = fmt.Sprintf("[%s, %s]", delta(c, row.DeltaCI[0]), delta(c, row.DeltaCI[1]))
			}
			cells := []string{row.Algorithm, row.Metric, figure(c, row.Old, row.OldCI), figure(c, row.New, row.NewCI), delta(c, row.Delta), iv, row.Verdict}
			if err := t.Append(cells); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		fmt.Fprintln(ew, r.legend())
	}
	if len(r.Added) > 0 && len(r.Refused) == 0 {
		fmt.Fprintf(ew, "added (new run only, not compared): %s\n", strings.Join(r.Added, ", "))
	}
	if r.TooFew {
		fmt.Fprintf(ew, "too few positives to tell: the gold set has fewer than %d positive pairs, so no change in quality is a verdict\n", summary.MinPositives)
	}
	for _, msg := range r.Regressions {
		fmt.Fprintf(ew, "REGRESSION: %s\n", msg)
	}
	for _, msg := range r.Warnings {
		fmt.Fprintf(ew, "warning: %s\n", msg)
	}
	for _, msg := range r.Notes {
		fmt.Fprintf(ew, "note: %s\n", msg)
	}
	_, err := w.Write(ew.Bytes())
	return err
}

// legend explains the verdicts, the intervals and the ± of the table.
func (r *Result) legend() string {
	s := fmt.Sprintf("delta: new − old (quality), new/old − 1 (throughput); ~: no change beyond %g (quality) or %g%% (throughput)",
		r.tolerance, 100*r.noise)
	if r.Paired && !r.TooFew {
		s += fmt.Sprintf(" that a %g%% paired bootstrap interval of the change (the same resampled pairs for both runs) supports", 100*r.level)
	}
	for _, row := range r.Rows {
		if row.OldCI != nil {
			s += "; ±: half the width of each run's own bootstrap interval, [low, high] where it is lopsided, as simbench run shows it"
			break
		}
	}
	return s
}

// figure formats a value of column c, with its interval ci if not nil, as
// simbench run does.
func figure(c summary.Column, v float64, ci *[2]float64) string {
	var iv *[2]summary.Num
	if ci != nil {
		iv = &[2]summary.Num{summary.Num(ci[0]), summary.Num(ci[1])}
	}
	return c.FormatInterval(summary.Num(v), iv)
}

// fixed formats a quality figure with three decimals; NaN is Undefined.
func fixed(v float64) string { return summary.Fixed(v) }

// delta formats a change of column c: a signed difference with three
// decimals (in scientific notation when smaller than that shows), or a
// signed percentage for throughput; NaN is "-".
func delta(c summary.Column, d float64) string {
	switch {
	case math.IsNaN(d) || math.IsInf(d, 0):
		return summary.Undefined
	case d == 0:
		return "0"
	case c.Kind == summary.Speed:
		return fmt.Sprintf("%+.1f%%", 100*d)
	case math.Abs(d) < 0.0005:
		return fmt.Sprintf("%+.1e", d)
	}
	return fmt.Sprintf("%+.3f", d)
}

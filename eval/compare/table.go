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

// Table writes r for people, as benchstat does: one table row per
// algorithm and figure with the old value, the new one, the change and
// the verdict, then the algorithms added or removed, the regressions and
// the warnings. Quality figures are printed with three decimals, with ±
// the larger distance from the figure to an end of its bootstrap interval
// when there is one; throughput with three significant digits.
func (r *Result) Table(w io.Writer) error {
	ew := new(bytes.Buffer)
	if len(r.Rows) == 0 {
		fmt.Fprintln(ew, "no algorithm is in both runs")
	} else {
		t := tablewriter.NewTable(ew,
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeaderAlignment(tw.AlignCenter),
			tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{
				tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft,
			}}),
			tablewriter.WithRowMergeMode(tw.MergeHierarchical),
		)
		t.Header([]string{"algorithm", "metric", "old", "new", "delta", "verdict"})
		for _, row := range r.Rows {
			c, _ := summary.ColumnOf(row.Metric)
			cells := []string{row.Algorithm, row.Metric, figure(c, row.Old, row.OldCI), figure(c, row.New, row.NewCI), delta(c, row.Delta), row.Verdict}
			if err := t.Append(cells); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		fmt.Fprintln(ew, r.legend())
	}
	if len(r.Added) > 0 {
		fmt.Fprintf(ew, "added (new run only, not compared): %s\n", strings.Join(r.Added, ", "))
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(ew, "removed (old run only, not compared): %s\n", strings.Join(r.Removed, ", "))
	}
	for _, msg := range r.Regressions {
		fmt.Fprintf(ew, "REGRESSION: %s\n", msg)
	}
	for _, msg := range r.Warnings {
		fmt.Fprintf(ew, "warning: %s\n", msg)
	}
	_, err := w.Write(ew.Bytes())
	return err
}

// legend explains the verdicts and the ± of the table.
func (r *Result) legend() string {
	s := fmt.Sprintf("delta: new − old (quality), new/old − 1 (throughput); ~: |delta| ≤ %g (quality), ≤ %g%% (throughput)",
		r.tolerance, 100*r.noise)
	for _, row := range r.Rows {
		if row.OldCI != nil {
			if r.level > 0 {
				s += fmt.Sprintf("; ±: to the farther end of the %g%% bootstrap interval", 100*r.level)
			} else {
				s += "; ±: to the farther end of the bootstrap interval"
			}
			break
		}
	}
	return s
}

// figure formats a value of column c, with its interval ci if not nil.
func figure(c summary.Column, v float64, ci *[2]float64) string {
	if c.Kind != summary.Quality {
		return c.Format(summary.Num(v))
	}
	s := fixed(v)
	if ci != nil && !math.IsNaN(v) {
		if h := max(v-ci[0], ci[1]-v); h >= 0 { // false when an end is NaN
			s += " ± " + fmt.Sprintf("%.3f", h)
		}
	}
	return s
}

// fixed formats a quality figure with three decimals; NaN is "-".
func fixed(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

// delta formats a change of column c: a signed difference with three
// decimals (in scientific notation when smaller than that shows), or a
// signed percentage for throughput; NaN is "-".
func delta(c summary.Column, d float64) string {
	switch {
	case math.IsNaN(d) || math.IsInf(d, 0):
		return "-"
	case d == 0:
		return "0"
	case c.Kind == summary.Speed:
		return fmt.Sprintf("%+.1f%%", 100*d)
	case math.Abs(d) < 0.0005:
		return fmt.Sprintf("%+.1e", d)
	}
	return fmt.Sprintf("%+.3f", d)
}

package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/bootstrap"
)

// Table writes the human-readable report of res: a line on the gold set and
// scope, one table row per algorithm, and below it the parameters, the
// shingling, warnings, and how throughput was measured.
func Table(w io.Writer, res *eval.Result) error {
	set := res.Set
	scope := "labelled pairs"
	switch {
	case res.Sparse:
		scope = fmt.Sprintf("corpus, sparse: %d pairs found by an index or join or labelled were scored, the other %d are negatives scoring 0", len(res.Pairs), res.Implied)
	case res.Scope == eval.Corpus:
		scope = "corpus: every pair, unlabelled pairs are negatives"
	}
	fmt.Fprintf(w, "gold %s: %d documents, %d pairs in scope (%s), %d positive\n",
		set.Manifest.Name, len(set.Docs), res.InScope(), scope, res.Positives)

	header := []string{"algorithm", "threshold", "P", "R", "F1", "TP", "FP", "FN", "TN", "AP", "best F1 @ t"}
	if res.Timed {
		header = append(header, "docs/s", "MB/s", "pairs/s")
	}
	fmt.Fprintln(w, "P, R, F1 and the counts at the threshold; AP: average precision; best F1 @ t: over every threshold")
	fmt.Fprintln(w)
	t := newTable(w, header, 1, false)
	for _, r := range res.Runs {
		ci := func(v float64, iv func(*bootstrap.Metrics) bootstrap.Interval) string {
			if r.CI == nil {
				return fixed(v)
			}
			return withInterval(v, iv(r.CI))
		}
		row := []string{
			r.Config.Label,
			fixed(r.Config.Threshold),
			ci(r.At.Precision(), func(m *bootstrap.Metrics) bootstrap.Interval { return m.Precision }),
			ci(r.At.Recall(), func(m *bootstrap.Metrics) bootstrap.Interval { return m.Recall }),
			ci(r.At.F1(), func(m *bootstrap.Metrics) bootstrap.Interval { return m.F1 }),
			fmt.Sprint(r.At.TP), fmt.Sprint(r.At.FP), fmt.Sprint(r.At.FN), fmt.Sprint(r.At.TN),
			ci(r.AP, func(m *bootstrap.Metrics) bootstrap.Interval { return m.AP }),
			fixed(r.Best.F1()) + " @ " + fixed(r.Best.Threshold),
		}
		if res.Timed {
			s := r.Speed
			row = append(row, SI(s.DocsPerSec), SI(s.MBPerSec), SI(s.PairsPerSec))
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	if err := labelTable(w, res, false); err != nil {
		return err
	}
	if err := spreadTable(w, res, false); err != nil {
		return err
	}
	if err := diffTable(w, res, false); err != nil {
		return err
	}

	fmt.Fprintln(w)
	width := 0
	for _, r := range res.Runs {
		width = max(width, len(r.Config.Label))
	}
	for _, r := range res.Runs {
		extra := ""
		switch {
		case res.Sparse && r.Floor > 0:
			extra = fmt.Sprintf("; join at floor %s found %d pairs, lower scores count as 0", fixed(r.Floor), r.Candidates)
		case r.Candidates >= 0:
			extra = fmt.Sprintf("; index proposed %d of %d pairs", r.Candidates, res.InScope())
		}
		if timed(res) && r.Candidates >= 0 {
			extra += fmt.Sprintf(" in %.2f s", r.IndexSeconds)
		}
		fmt.Fprintf(w, "%-*s  %s (%s B/signature%s)\n", width, r.Config.Label, r.Config.ParamString(), SI(r.SigBytes), extra)
	}
	for _, ts := range res.Text {
		fmt.Fprintf(w, "text %s: %.1f shingles/document", ts.Options, ts.Shingles)
		if res.Timed {
			fmt.Fprintf(w, ", %s docs/s, %s MB/s", SI(ts.DocsPerSec), SI(ts.MBPerSec))
		}
		fmt.Fprintln(w)
	}
	for _, r := range res.Runs {
		for _, n := range r.Config.Notes {
			fmt.Fprintf(w, "note: %s: %s\n", r.Config.Label, n)
		}
	}
	for _, msg := range res.Warnings {
		fmt.Fprintf(w, "warning: %s\n", msg)
	}
	if res.Bootstrap != nil {
		fmt.Fprintln(w, ciNote(res))
	}
	if res.Timed {
		fmt.Fprintf(w, "%s; %d passes\n", eval.SpeedMethod, res.Passes)
	}
	if timed(res) {
		fmt.Fprintln(w, phaseLine(res))
	}
	return nil
}

// phaseLine says how long each phase of the run took, how fast the text
// went through, and the peak memory.
func phaseLine(res *eval.Result) string {
	var b strings.Builder
	b.WriteString("phases:")
	total := 0.0
	for i, p := range res.Phases {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, " %s %.2f s", p.Name, p.Seconds)
		total += p.Seconds
	}
	fmt.Fprintf(&b, "; total %.2f s", total)
	if res.Set.Order != nil && len(res.Phases) > 0 && res.Phases[0].Seconds > 0 {
		// A streamed run's first phase is its whole text pipeline.
		fmt.Fprintf(&b, " (%s: %s docs/s, %s MB/s)", res.Phases[0].Name,
			SI(float64(len(res.Set.Docs))/res.Phases[0].Seconds), SI(float64(res.Bytes)/1e6/res.Phases[0].Seconds))
	}
	if res.PeakRSS > 0 {
		fmt.Fprintf(&b, "; peak memory %.2f GiB", float64(res.PeakRSS)/(1<<30))
	}
	return b.String()
}

// newTable returns a table with the given header whose first left
// columns are aligned left and the rest right, in Markdown when md is set.
func newTable(w io.Writer, header []string, left int, md bool) *tablewriter.Table {
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignRight
		if i < left {
			align[i] = tw.AlignLeft
		}
	}
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	}
	if md {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(header)
	return t
}

// labelTable writes, when the gold set has more than one positive or more
// than one negative label, the recall of every positive label and the
// false positive rate of every negative label, one row per label and one
// column per algorithm.
func labelTable(w io.Writer, res *eval.Result, md bool) error {
	if len(res.Runs) == 0 || len(res.Runs[0].PerLabel) <= 2 {
		return nil
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Per label, at each algorithm's threshold: the recall of each positive label, the false positive rate of each negative one")
	fmt.Fprintln(w)
	header := []string{"label", "measure", "pairs"}
	for _, r := range res.Runs {
		header = append(header, r.Config.Label)
	}
	t := newTable(w, header, 2, md)
	for i, lr := range res.Runs[0].PerLabel {
		name, measure := lr.Label, "FPR"
		if name == "" {
			name = "(unlabelled)"
		}
		if lr.Positive {
			measure = "recall"
		}
		row := []string{name, measure, fmt.Sprint(lr.Pairs)}
		for _, r := range res.Runs {
			row = append(row, fixed(r.PerLabel[i].Rate()))
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	return t.Render()
}

// spreadTable writes how each randomised algorithm's quality varies over
// seeds, when that was measured.
func spreadTable(w io.Writer, res *eval.Result, md bool) error {
	if len(res.Spreads) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nOver %d seeds (%d to %d): mean ± standard deviation [min, max]\n\n", len(res.Spreads[0].Seeds),
		res.Spreads[0].Seeds[0], res.Spreads[0].Seeds[len(res.Spreads[0].Seeds)-1])
	t := newTable(w, []string{"algorithm", "P", "R", "F1", "AP"}, 1, md)
	cell := func(m eval.MeanSD) string {
		return fmt.Sprintf("%s ± %s [%s, %s]", fixed(m.Mean), fixed(m.SD), fixed(m.Min), fixed(m.Max))
	}
	for _, sp := range res.Spreads {
		if err := t.Append([]string{sp.Label, cell(sp.Precision), cell(sp.Recall), cell(sp.F1), cell(sp.AP)}); err != nil {
			return err
		}
	}
	return t.Render()
}

// Markdown writes the main figures of res as Markdown tables, ready to paste
// into a pull request or a README: one row per algorithm, and the per-label
// table when the set has graded labels.
func Markdown(w io.Writer, res *eval.Result) error {
	fmt.Fprintf(w, "Gold set %s: %d documents, %d pairs in scope (%s), %d positive.\n\n",
		res.Set.Manifest.Name, len(res.Set.Docs), res.InScope(), scopeName(res), res.Positives)
	header := []string{"algorithm", "threshold", "P", "R", "F1", "AP", "best F1", "best t"}
	if res.Timed {
		header = append(header, "docs/s")
	}
	t := newTable(w, header, 1, true)
	for _, r := range res.Runs {
		row := []string{r.Config.Label, fixed(r.Config.Threshold), fixed(r.At.Precision()), fixed(r.At.Recall()),
			fixed(r.At.F1()), fixed(r.AP), fixed(r.Best.F1()), fixed(r.Best.Threshold)}
		if r.CI != nil {
			row[2], row[3], row[4], row[5] = withInterval(r.At.Precision(), r.CI.Precision), withInterval(r.At.Recall(), r.CI.Recall),
				withInterval(r.At.F1(), r.CI.F1), withInterval(r.AP, r.CI.AP)
		}
		if res.Timed {
			row = append(row, SI(r.Speed.DocsPerSec))
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	if err := labelTable(w, res, true); err != nil {
		return err
	}
	if err := spreadTable(w, res, true); err != nil {
		return err
	}
	return diffTable(w, res, true)
}

// withInterval formats a figure with its interval: "0.910 ± 0.030" when
// the interval is about symmetric around it (the centre within a quarter
// of the half-width), and "1.000 [0.000, 1.000]" when it is not, since a
// percentile interval need not be symmetric and a ± would misstate it.
func withInterval(v float64, iv bootstrap.Interval) string {
	h := iv.HalfWidth()
	if math.IsNaN(h) {
		return fixed(v) + " ± -"
	}
	if math.Abs((iv.Lo+iv.Hi)/2-v) <= h/4 {
		return fixed(v) + " ± " + fixed(h)
	}
	return fmt.Sprintf("%s [%s, %s]", fixed(v), fixed(iv.Lo), fixed(iv.Hi))
}

// ciNote says how the ± figures were computed.
func ciNote(res *eval.Result) string {
	o := res.Bootstrap
	return fmt.Sprintf("± is half the width of a %g%% bootstrap interval, [low, high] the interval where it is lopsided: %d resamples of the documents (pairs that share a document move together), seed %d",
		100*o.Level, o.Resamples, o.Seed)
}

// diffTable writes the paired-bootstrap interval of the F1 difference of
// every two algorithms, when it was computed.
func diffTable(w io.Writer, res *eval.Result, md bool) error {
	if len(res.Diffs) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nF1 differences at the thresholds, paired bootstrap (both algorithms on the same resamples, %g%%)\n\n", 100*res.Bootstrap.Level)
	t := newTable(w, []string{"A − B", "F1(A) − F1(B)", "interval", "verdict"}, 1, md)
	for _, d := range res.Diffs {
		verdict := "not significant"
		if d.Significant {
			verdict = "A better"
			if d.Observed < 0 {
				verdict = "B better"
			}
		}
		iv := fmt.Sprintf("[%+.3f, %+.3f]", d.Interval.Lo, d.Interval.Hi)
		if err := t.Append([]string{d.A + " − " + d.B, fmt.Sprintf("%+.3f", d.Observed), iv, verdict}); err != nil {
			return err
		}
	}
	return t.Render()
}

// fixed formats a figure in [0, 1] with three decimals; NaN and infinities
// are "-".
func fixed(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

// SI formats v with three significant digits and an SI prefix (k, M, G),
// as benchstat does.
func SI(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	prefix := ""
	for _, p := range []string{"k", "M", "G", "T"} {
		if math.Abs(v) < 999.5 {
			break
		}
		v /= 1000
		prefix = p
	}
	var s string
	switch a := math.Abs(v); {
	case a >= 99.95:
		s = fmt.Sprintf("%.0f", v)
	case a >= 9.995:
		s = fmt.Sprintf("%.1f", v)
	default:
		s = fmt.Sprintf("%.2f", v)
	}
	return strings.TrimSpace(s) + prefix
}

// scopeName names the scope of res for a headline: "labelled", "corpus",
// or "corpus, sparse" when only the pairs some algorithm found were scored.
func scopeName(res *eval.Result) string {
	if res.Sparse {
		return res.Scope.String() + ", sparse"
	}
	return res.Scope.String()
}

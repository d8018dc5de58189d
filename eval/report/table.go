package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/eval/summary"
)

// Width is the width of a terminal the default table fits.
const Width = 100

// Table writes the human-readable report of o: a line on the gold set and
// scope, one table row per algorithm with the key figures (with wide,
// every figure of the table), the per-label rates, the spread over seeds
// and the F1 differences when there are any, and below them the parameters,
// the shingling, warnings, and how the figures were computed. Every figure
// is the summary's, formatted by its column. Without wide, the text around
// the tables is wrapped to Width columns.
func Table(w io.Writer, o *run.Outcome, wide bool) error {
	res, s := o.Result(), o.Summary()
	width := Width
	if wide {
		width = 0
	}
	out := &wrapper{w: w, width: width}
	scope := "labelled pairs"
	switch {
	case s.Gold.Counted:
		scope = "corpus, counted: the pairs found by an index or join were counted by score, none kept; the others are negatives scoring 0, or positives scoring 0 when labelled so"
	case s.Gold.Sparse:
		scope = fmt.Sprintf("corpus, sparse: %d pairs found by an index or join or labelled were scored, the other %d are negatives scoring 0", s.Gold.ScoredPairs, s.Gold.Pairs-s.Gold.ScoredPairs)
	case s.Gold.Scope == "corpus":
		scope = "corpus: every pair, unlabelled pairs are negatives"
	}
	out.printf("gold %s: %d documents, %d pairs in scope (%s), %d positive\n", s.Gold.Name, s.Gold.Docs, s.Gold.Pairs, scope, s.Gold.Positives)
	view := summary.Key
	if wide {
		view = summary.Wide
	}
	cols := shownColumns(s, view)
	out.printf("%s\n\n", legend(cols))
	if err := runTable(w, s, cols, view, false); err != nil {
		return err
	}
	if err := labelTable(w, s, false); err != nil {
		return err
	}
	if err := spreadTable(w, s, false); err != nil {
		return err
	}
	if err := diffTable(w, s, false); err != nil {
		return err
	}

	out.printf("\n")
	lw := 0
	for _, r := range res.Runs {
		lw = max(lw, len(r.Config.Label))
	}
	for i, r := range res.Runs {
		sr := &s.Runs[i]
		extra, after := "", ""
		cand := sr.Get("candidates")
		switch {
		case sr.Get("floor").Valid():
			extra = fmt.Sprintf("; join at floor %s found %s pairs", summary.Fixed(float64(sr.Get("floor"))), countOf(cand))
			after = "; lower scores count as 0"
		case cand.Valid():
			extra = fmt.Sprintf("; index proposed %s of %d pairs", countOf(cand), s.Gold.Pairs)
		}
		if t := sr.Get("index_seconds"); t.Valid() {
			extra += fmt.Sprintf(" in %.2f s", float64(t))
		}
		if per := sr.Get("candidates_per_doc"); per.Valid() {
			extra += fmt.Sprintf(", %s per document", summary.SI(float64(per)))
		}
		if d := sr.Get("distinct_docs"); d.Valid() {
			extra += fmt.Sprintf("; %d distinct of %d documents, identical ones grouped", int64(d), s.Gold.Docs)
		}
		extra += after
		out.printf("%-*s  %s (%s B/signature%s)\n", lw, r.Config.Label, r.Config.ParamString(), summary.SI(float64(sr.Get("sig_bytes"))), extra)
	}
	for _, ts := range s.Text {
		line := fmt.Sprintf("text %s: %.1f shingles/document", ts.Shingling, float64(ts.Shingles))
		if ts.DocsPerSec.Valid() {
			line += fmt.Sprintf(", %s docs/s, %s MB/s", summary.SI(float64(ts.DocsPerSec)), summary.SI(float64(ts.MBPerSec)))
		}
		out.printf("%s\n", line)
	}
	for _, r := range s.Runs {
		for _, n := range r.Notes {
			out.printf("note: %s: %s\n", r.Algorithm, n)
		}
	}
	if s.Bootstrap != nil {
		for _, r := range s.Runs {
			for _, c := range summary.Columns {
				if n := r.Undefined[c.Key]; n > 0 {
					out.printf("note: %s: %s undefined (0/0) in %d resamples, which its interval leaves out\n",
						r.Algorithm, c.Header, n)
				}
			}
		}
	}
	for _, msg := range s.Warnings {
		out.printf("warning: %s\n", msg)
	}
	if wide && s.Gold.ClusterNote != "" {
		out.printf("note: %s\n", s.Gold.ClusterNote)
	}
	if s.Bootstrap != nil {
		out.printf("%s\n", ciNote(s))
	}
	if s.ThroughputMethod != "" {
		out.printf("%s; %d passes\n", s.ThroughputMethod, res.Passes)
	}
	if len(s.Phases) > 0 {
		out.printf("%s\n", phaseLine(res, s))
	}
	return out.err
}

// countOf formats a count that may be null.
func countOf(v summary.Num) string {
	c, _ := summary.ColumnOf("candidates")
	return c.Format(v)
}

// shownColumns returns the columns of view (Key, or Key and Wide) that
// have a figure for at least one run: a column null everywhere, such as
// throughput not measured, is left out.
func shownColumns(s *summary.Summary, view summary.View) []summary.Column {
	// A run without pair figures, as another system's list of removed
	// documents, has only the figures of the documents removed: the key
	// table shows those too, lest its row be empty.
	pairless := false
	for i := range s.Runs {
		if !s.Runs[i].Get("precision").Valid() && s.Runs[i].Get("docs_removed_precision").Valid() {
			pairless = true
		}
	}
	var cols []summary.Column
	for _, c := range summary.Columns {
		if c.View > view && !(pairless && strings.HasPrefix(c.Key, "docs_removed_")) {
			continue
		}
		for i := range s.Runs {
			if s.Runs[i].Get(c.Key).Valid() {
				cols = append(cols, c)
				break
			}
		}
	}
	return cols
}

// legend says what each column of cols is.
func legend(cols []summary.Column) string {
	var parts []string
	for _, c := range cols {
		parts = append(parts, c.Header+": "+c.Doc)
	}
	return strings.Join(parts, "; ")
}

// runTable writes one row per run with the columns cols; a column's
// interval is shown when its IntervalView is within view.
func runTable(w io.Writer, s *summary.Summary, cols []summary.Column, view summary.View, md bool) error {
	header := []string{"algorithm"}
	for _, c := range cols {
		header = append(header, c.Header)
	}
	t := newTable(w, header, 1, md)
	for i := range s.Runs {
		r := &s.Runs[i]
		row := []string{r.Algorithm}
		for _, c := range cols {
			var iv *[2]summary.Num
			if c.Interval && c.IntervalView <= view {
				iv = r.Interval(c.Key)
			}
			row = append(row, r.Cell(c, iv))
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	return t.Render()
}

// phaseLine says how long each phase of the run took, how fast the text
// went through, and the peak memory.
func phaseLine(res *eval.Result, s *summary.Summary) string {
	var b strings.Builder
	b.WriteString("phases:")
	total := 0.0
	for i, p := range s.Phases {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, " %s %.2f s", p.Name, float64(p.Seconds))
		total += float64(p.Seconds)
	}
	fmt.Fprintf(&b, "; total %.2f s", total)
	if s.Gold.Streamed && len(s.Phases) > 0 && s.Phases[0].Seconds > 0 {
		// A streamed run's first phase is its whole text pipeline.
		secs := float64(s.Phases[0].Seconds)
		fmt.Fprintf(&b, " (%s: %s docs/s, %s MB/s)", s.Phases[0].Name,
			summary.SI(float64(s.Gold.Docs)/secs), summary.SI(float64(res.Bytes)/1e6/secs))
	}
	if s.PeakRSS > 0 {
		fmt.Fprintf(&b, "; peak memory %.2f GiB", float64(s.PeakRSS)/(1<<30))
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
func labelTable(w io.Writer, s *summary.Summary, md bool) error {
	// The runs with per-label figures: all but another system's list of
	// removed documents, which scores no pair.
	var runs []summary.Run
	for _, r := range s.Runs {
		if len(r.PerLabel) > 0 {
			runs = append(runs, r)
		}
	}
	if len(runs) == 0 || len(runs[0].PerLabel) <= 2 {
		return nil
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Per label, at each algorithm's threshold: the recall of each positive label, the false")
	fmt.Fprintln(w, "positive rate of each negative one")
	fmt.Fprintln(w)
	header := []string{"label", "measure", "pairs"}
	for _, r := range runs {
		header = append(header, r.Algorithm)
	}
	t := newTable(w, header, 2, md)
	for i, lr := range runs[0].PerLabel {
		name, measure := lr.Label, "FPR"
		if name == "" {
			name = "(unlabelled)"
		}
		if lr.Positive {
			measure = "recall"
		}
		row := []string{name, measure, fmt.Sprint(lr.Pairs)}
		for _, r := range runs {
			row = append(row, summary.Fixed(float64(r.PerLabel[i].Rate)))
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	return t.Render()
}

// spreadTable writes how each randomised algorithm's quality varies over
// seeds, when that was measured.
func spreadTable(w io.Writer, s *summary.Summary, md bool) error {
	if len(s.SeedSpread) == 0 {
		return nil
	}
	seeds := s.SeedSpread[0].Seeds
	fmt.Fprintf(w, "\nOver %d seeds (%d to %d): mean ± standard deviation [min, max]\n\n", len(seeds), seeds[0], seeds[len(seeds)-1])
	t := newTable(w, []string{"algorithm", "P", "R", "F1", "AP"}, 1, md)
	cell := func(m [4]summary.Num) string {
		return fmt.Sprintf("%s ± %s [%s, %s]", summary.Fixed(float64(m[0])), summary.Fixed(float64(m[1])), summary.Fixed(float64(m[2])), summary.Fixed(float64(m[3])))
	}
	for _, sp := range s.SeedSpread {
		if err := t.Append([]string{sp.Algorithm, cell(sp.Precision), cell(sp.Recall), cell(sp.F1), cell(sp.AP)}); err != nil {
			return err
		}
	}
	return t.Render()
}

// Markdown writes the figures of o as Markdown tables, ready to paste into
// a pull request or a README: one row per algorithm with every figure of
// the wide table and its interval, and the per-label table when the set has
// graded labels.
func Markdown(w io.Writer, o *run.Outcome) error {
	s := o.Summary()
	fmt.Fprintf(w, "Gold set %s: %d documents, %d pairs in scope (%s), %d positive.\n\n",
		s.Gold.Name, s.Gold.Docs, s.Gold.Pairs, s.Gold.ScopeName(), s.Gold.Positives)
	if err := runTable(w, s, shownColumns(s, summary.Wide), summary.Wide, true); err != nil {
		return err
	}
	if s.Gold.ClusterNote != "" {
		fmt.Fprintf(w, "\nNote: %s.\n", s.Gold.ClusterNote)
	}
	if err := labelTable(w, s, true); err != nil {
		return err
	}
	if err := spreadTable(w, s, true); err != nil {
		return err
	}
	return diffTable(w, s, true)
}

// CSV writes one row per algorithm with every column of the summary, and
// the two ends of every interval, for spreadsheets and scripts. A null
// figure is an empty field.
func CSV(w io.Writer, o *run.Outcome) error {
	s := o.Summary()
	cw := csv.NewWriter(w)
	header := []string{"algorithm", "name"}
	for _, c := range summary.Columns {
		header = append(header, c.Key)
	}
	for _, c := range summary.Columns {
		if c.Interval {
			header = append(header, summary.CIKey(c.Key)+"_low", summary.CIKey(c.Key)+"_high")
		}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	num := func(v summary.Num) string {
		if !v.Valid() {
			return ""
		}
		return strconv.FormatFloat(float64(v), 'g', -1, 64)
	}
	for i := range s.Runs {
		r := &s.Runs[i]
		row := []string{r.Algorithm, r.Name}
		for _, c := range summary.Columns {
			row = append(row, num(r.Get(c.Key)))
		}
		for _, c := range summary.Columns {
			if !c.Interval {
				continue
			}
			lo, hi := "", ""
			if iv := r.Interval(c.Key); iv != nil {
				lo, hi = num(iv[0]), num(iv[1])
			}
			row = append(row, lo, hi)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ciNote says how the ± figures were computed.
func ciNote(s *summary.Summary) string {
	o := s.Bootstrap
	return fmt.Sprintf("± is half the width of a %g%% bootstrap interval, [low, high] the interval where it is lopsided: %d resamples of the documents (pairs that share a document move together), seed %d",
		100*o.Level, o.Resamples, o.Seed)
}

// diffTable writes the paired-bootstrap interval of the F1 difference of
// every two algorithms, when it was computed.
func diffTable(w io.Writer, s *summary.Summary, md bool) error {
	if len(s.F1Differences) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nF1 differences at the thresholds, paired bootstrap (both algorithms on the same resamples, %g%%)\n\n", 100*s.Bootstrap.Level)
	t := newTable(w, []string{"A − B", "F1(A) − F1(B)", "interval", "verdict"}, 1, md)
	for _, d := range s.F1Differences {
		verdict := "not significant"
		if d.Significant {
			verdict = "A better"
			if d.Observed < 0 {
				verdict = "B better"
			}
		}
		iv := fmt.Sprintf("[%+.3f, %+.3f]", float64(d.Interval[0]), float64(d.Interval[1]))
		if err := t.Append([]string{d.A + " − " + d.B, fmt.Sprintf("%+.3f", float64(d.Observed)), iv, verdict}); err != nil {
			return err
		}
	}
	return t.Render()
}

// fixed formats a figure in [0, 1] with three decimals.
func fixed(v float64) string { return summary.Fixed(v) }

// SI formats v with three significant digits and an SI prefix.
func SI(v float64) string { return summary.SI(v) }

// wrapper writes text wrapped at width columns (counted in runes), breaking
// lines at spaces or after commas; width 0 does not wrap. It remembers the
// first error.
type wrapper struct {
	w     io.Writer
	width int
	err   error
}

func (p *wrapper) printf(format string, args ...any) {
	if p.err != nil {
		return
	}
	text := fmt.Sprintf(format, args...)
	if p.width > 0 {
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			lines[i] = wrap(l, p.width)
		}
		text = strings.Join(lines, "\n")
	}
	_, p.err = io.WriteString(p.w, text)
}

// wrap breaks line into lines of at most width runes where it can, at a
// space (which is dropped) or after a comma, indenting the continuation
// lines by two spaces.
func wrap(line string, width int) string {
	var b strings.Builder
	rs := []rune(line)
	first := true
	for len(rs) > width {
		limit := width
		if !first {
			limit = width - 2
		}
		cut := -1
		for i := limit; i > limit/3; i-- {
			if rs[i] == ' ' || rs[i-1] == ',' {
				cut = i
				break
			}
		}
		if cut < 0 {
			break
		}
		if !first {
			b.WriteString("  ")
		}
		b.WriteString(strings.TrimRight(string(rs[:cut]), " "))
		b.WriteByte('\n')
		rs = []rune(strings.TrimLeft(string(rs[cut:]), " "))
		first = false
	}
	if !first {
		b.WriteString("  ")
	}
	b.WriteString(string(rs))
	return b.String()
}

package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/simbench/simbench/eval"
)

// Table writes the human-readable report of res: a line on the gold set and
// scope, one table row per algorithm, and below it the parameters, the
// shingling, warnings, and how throughput was measured.
func Table(w io.Writer, res *eval.Result) error {
	set := res.Set
	scope := "labelled pairs"
	if res.Scope == eval.Corpus {
		scope = "corpus: every pair, unlabelled pairs are negatives"
	}
	fmt.Fprintf(w, "gold %s: %d documents, %d pairs in scope (%s), %d positive\n",
		set.Manifest.Name, len(set.Docs), len(res.Pairs), scope, res.Positives)

	header := []string{"algorithm", "threshold", "P", "R", "F1", "TP", "FP", "FN", "TN", "AP", "best F1 @ t"}
	if res.Timed {
		header = append(header, "docs/s", "MB/s", "pairs/s")
	}
	align := []tw.Align{tw.AlignLeft}
	for range header[1:] {
		align = append(align, tw.AlignRight)
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	)
	fmt.Fprintln(w, "P, R, F1 and the counts at the threshold; AP: average precision; best F1 @ t: over every threshold")
	fmt.Fprintln(w)
	t.Header(header)
	for _, r := range res.Runs {
		row := []string{
			r.Config.Label,
			fixed(r.Config.Threshold),
			fixed(r.At.Precision()),
			fixed(r.At.Recall()),
			fixed(r.At.F1()),
			fmt.Sprint(r.At.TP), fmt.Sprint(r.At.FP), fmt.Sprint(r.At.FN), fmt.Sprint(r.At.TN),
			fixed(r.AP),
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

	fmt.Fprintln(w)
	width := 0
	for _, r := range res.Runs {
		width = max(width, len(r.Config.Label))
	}
	for _, r := range res.Runs {
		extra := ""
		if r.Candidates >= 0 {
			extra = fmt.Sprintf("; index proposed %d of %d pairs", r.Candidates, len(res.Pairs))
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
	if res.Timed {
		fmt.Fprintf(w, "%s; %d passes\n", eval.SpeedMethod, res.Passes)
	}
	return nil
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

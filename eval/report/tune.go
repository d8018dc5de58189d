package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/eval/tune"
)

// Tune writes the grid search: one row per configuration with its quality
// and cost and a mark on the Pareto front, then, for each MinHash-LSH
// configuration, the observed candidate rate per similarity bucket beside
// the theoretical one and the two choices of bands and rows.
func Tune(w io.Writer, o *run.Outcome, points []tune.Point, objective string) error {
	res, s := o.Result(), o.Summary()
	fmt.Fprintf(w, "tune gold %s: %d configurations, %d pairs in scope (%s), %d positive\n",
		s.Gold.Name, len(points), s.Gold.Pairs, s.Gold.ScopeName(), s.Gold.Positives)
	obj := "the best F1 over all thresholds"
	if objective == "f1" {
		obj = "F1 at the configuration's threshold"
	}
	fmt.Fprintf(w, "Pareto front (*): no other configuration has at least the quality (%s) and speed and at most the signature size, and more of one\n\n", obj)
	header := []string{"configuration", "best F1 @ t", "F1 @ threshold", "AP", "B/signature"}
	if res.Timed {
		header = append(header, "docs/s")
	}
	header = append(header, "Pareto")
	t := newTable(w, header, 1, false)
	for i, p := range points {
		r, sr := p.Run, &s.Runs[i]
		f := func(key string) string {
			c, _ := summary.ColumnOf(key)
			return sr.Cell(c, nil)
		}
		row := []string{r.Config.Label, f("best_f1") + " @ " + f("best_threshold"),
			f("f1") + " @ " + f("threshold"), f("average_precision"), SI(p.SigBytes)}
		if res.Timed {
			row = append(row, SI(p.DocsPerSec))
		}
		mark := ""
		if p.Pareto {
			mark = "*"
		}
		if err := t.Append(append(row, mark)); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	for _, rep := range o.LSH() {
		fmt.Fprintf(w, "\n%s: LSH with b=%d bands of r=%d rows (%d of %d permutations)\n",
			rep.Run.Config.Label, rep.Bands, rep.Rows, rep.Bands*rep.Rows, rep.Bands*rep.Rows+unused(rep))
		if s := sampleNote(rep); s != "" {
			fmt.Fprintf(w, "pairs and rates %s; a rate q of n pairs is within ±√(q(1−q)/n) (one standard error)\n", s)
		}
		t := newTable(w, []string{"exact Jaccard", "pairs", "proposed", "observed rate", "1−(1−p(s)^r)^b"}, 1, false)
		for _, b := range rep.Buckets {
			if b.Pairs == 0 {
				continue
			}
			if err := t.Append([]string{fmt.Sprintf("[%.1f, %.1f)", b.Lo, b.Hi), fmt.Sprint(b.Pairs), fmt.Sprint(b.Proposed),
				fixed(b.Rate()), fixed(b.Expected)}); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		if rep.FlatB > 0 {
			fmt.Fprintf(w, "bands and rows: flat prior at threshold %.2f b=%d r=%d; from this set's pairs b=%d r=%d\n",
				rep.Run.Config.Threshold, rep.FlatB, rep.FlatR, rep.SetB, rep.SetR)
		}
	}
	if len(o.LSH()) > 0 {
		fmt.Fprintln(w, "\np(s): the chance that one signature slot agrees at exact Jaccard s, the sketch's collision model (s for MinHash and one-permutation MinHash)")
	}
	for _, p := range points {
		for _, n := range p.Run.Config.Notes {
			fmt.Fprintf(w, "note: %s: %s\n", p.Run.Config.Label, n)
		}
	}
	return nil
}

// unused returns the permutations an LSH configuration leaves out of its
// bands.
func unused(rep tune.LSHReport) int {
	type k interface{ K() int }
	if m, ok := rep.Run.Config.Algorithm.(k); ok {
		return m.K() - rep.Bands*rep.Rows
	}
	return 0
}

// sampleNote returns, when an LSH report's buckets count a sample of the
// pairs in scope, "from a uniform sample of M of the N pairs in scope",
// else "".
func sampleNote(rep tune.LSHReport) string {
	if rep.Sampled >= rep.InScope {
		return ""
	}
	return fmt.Sprintf("from a uniform sample of %s of the %s pairs in scope", grouped(rep.Sampled), grouped(rep.InScope))
}

// grouped formats n with its digits in groups of three: 12,497,500.
func grouped(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/simbench/simbench/eval/plot"
	"github.com/simbench/simbench/eval/run"
)

// A chart is one PNG of the results folder and what it shows.
type chart struct {
	File, Caption string
}

// writePlots draws the charts of res into dir: the PR and ROC curves of
// every algorithm, each algorithm's score distributions, and each
// LSH run's candidate rate against its sketch's theoretical curve. A chart that cannot be
// drawn (no positive pair for a PR curve, say) is left out, and why is
// returned with the charts drawn.
func writePlots(dir string, o *run.Outcome) (charts []chart, skipped []string) {
	res, s := o.Result(), o.Summary()
	var curves []plot.Curve
	var marks []plot.Mark
	for i, r := range res.Runs {
		curves = append(curves, plot.Curve{Name: r.Config.Label, Points: r.Sweep})
		sr := &s.Runs[i]
		if sr.Get("tp")+sr.Get("fp") > 0 {
			marks = append(marks, plot.Mark{Name: r.Config.Label, Recall: float64(sr.Get("recall")), Precision: float64(sr.Get("precision"))})
		}
	}
	try := func(file, caption string, draw func(path string) error) {
		if err := draw(filepath.Join(dir, file)); err != nil {
			skipped = append(skipped, fmt.Sprintf("%s: %v", file, err))
			return
		}
		charts = append(charts, chart{file, caption})
	}
	// The title names the set and the scope; the caption of report.md
	// says more.
	scope := fmt.Sprintf("%s, %s scope", s.Gold.Name, s.Gold.ScopeName())
	try("pr.png", fmt.Sprintf("Precision against recall over every threshold; the dots are each algorithm's threshold. %d of the %d pairs in scope are duplicates.", s.Gold.Positives, s.Gold.Pairs), func(p string) error {
		return plot.PR(p, "Precision–recall, "+scope, curves, marks)
	})
	try("roc.png", "True positive rate against false positive rate over every threshold.", func(p string) error {
		return plot.ROC(p, "ROC, "+scope, curves)
	})
	for i, r := range res.Runs {
		if res.Counted {
			skipped = append(skipped, fmt.Sprintf("scores-%s.png: the pairs were counted by score and none was kept", fileName(i, r.Config.Label)))
			continue
		}
		pos := make([]float64, 0, res.Positives)
		neg := make([]float64, 0, len(res.Pairs)-res.Positives)
		for j, p := range res.Pairs {
			if p.Positive {
				pos = append(pos, r.Scores[j])
			} else {
				neg = append(neg, r.Scores[j])
			}
		}
		name := fileName(i, r.Config.Label)
		try("scores-"+name+".png", "Scores of duplicate and other pairs, "+r.Config.Label+", with its threshold.", func(p string) error {
			return plot.Scores(p, "Scores, "+r.Config.Label, pos, neg, r.Config.Threshold)
		})
	}
	if res.GoldClusters != nil {
		gold := sizes(res.GoldClusters)
		for i, r := range res.Runs {
			name := fileName(i, r.Config.Label)
			try("clusters-"+name+".png", "Sizes of the clusters "+r.Config.Label+" predicts (the closure of its pairs) against the gold clusters; a giant cluster shows far to the right.", func(p string) error {
				return plot.ClusterSizes(p, "Cluster sizes, "+r.Config.Label, gold, sizes(r.Clusters))
			})
		}
	}
	for _, rep := range o.LSH() {
		var bs []plot.Bucket
		for _, b := range rep.Buckets {
			bs = append(bs, plot.Bucket{Lo: b.Lo, Hi: b.Hi, Pairs: b.Pairs, Proposed: b.Proposed})
		}
		i := 0
		for j := range res.Runs {
			if &res.Runs[j] == rep.Run {
				i = j
			}
		}
		caption := "Share of pairs the LSH index proposed, by exact Jaccard, against 1−(1−p(s)^r)^b, p(s) the chance that one slot agrees under the sketch's collision model, " + rep.Run.Config.Label + "."
		if s := sampleNote(rep); s != "" {
			caption += " The shares are estimates " + s + "."
		}
		try("lsh-"+fileName(i, rep.Run.Config.Label)+".png", caption, func(p string) error {
			return plot.CandidateRate(p, "LSH candidates, "+rep.Run.Config.Label, bs, rep.Bands, rep.Rows, rep.Model)
		})
	}
	return charts, skipped
}

// sizes returns the sizes of the clusters of a partition given as a label
// per document.
func sizes(labels []int) []int {
	count := map[int]int{}
	for _, l := range labels {
		count[l]++
	}
	out := make([]int, 0, len(count))
	for _, n := range count {
		out = append(out, n)
	}
	return out
}

// fileName makes a file name from a run's position and label.
func fileName(i int, label string) string {
	s := strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, label)
	return fmt.Sprintf("%d-%s", i+1, s)
}

// writeReport writes report.md: the tables in Markdown, the charts, and
// the first errors of each algorithm, ready to paste into a pull request.
func writeReport(w io.Writer, o *run.Outcome, charts []chart, skipped []string) error {
	res, s := o.Result(), o.Summary()
	fmt.Fprintf(w, "# simbench: %s\n\n", s.Gold.Name)
	if err := Markdown(w, o); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nParameters:")
	fmt.Fprintln(w)
	for _, r := range res.Runs {
		fmt.Fprintf(w, "- `%s`: `%s`\n", r.Config.Label, r.Config.ParamString())
		for _, n := range r.Config.Notes {
			fmt.Fprintf(w, "  - note: %s\n", n)
		}
	}
	for _, msg := range s.Warnings {
		fmt.Fprintf(w, "\nWarning: %s\n", msg)
	}
	if len(charts) > 0 {
		fmt.Fprintln(w, "\n## Charts")
		for _, c := range charts {
			fmt.Fprintf(w, "\n%s\n\n![%s](%s)\n", c.Caption, c.File, c.File)
		}
	}
	for _, s := range skipped {
		fmt.Fprintf(w, "\nNot drawn: %s\n", s)
	}
	fmt.Fprintln(w, "\n## Errors")
	fmt.Fprintln(w, "\nThe first false positives and negatives of each algorithm; errors.md has more, and the shingles behind them.")
	for r, rr := range res.Runs {
		sr := &s.Runs[r]
		fmt.Fprintf(w, "\n- `%s`: %s false positives, %s false negatives", rr.Config.Label, countOf(sr.Get("fp")), countOf(sr.Get("fn")))
		for n, i := range o.ErrorPairs(r)[:min(3, len(o.ErrorPairs(r)))] {
			p := res.Pairs[i]
			kind := "FN"
			if rr.Predicted(i) {
				kind = "FP"
			}
			sep := ": "
			if n > 0 {
				sep = ", "
			}
			fmt.Fprintf(w, "%s%s %s–%s (%.3f)", sep, kind, res.Set.Docs[p.A].ID, res.Set.Docs[p.B].ID, rr.Scores[i])
		}
		fmt.Fprintln(w)
	}
	return nil
}

package eval

import (
	"fmt"

	"github.com/simbench/simbench/eval/bootstrap"
)

// maxBootstrapWork bounds resamples × pairs: beyond it the bootstrap is
// skipped with a warning rather than run for minutes.
const maxBootstrapWork = 2e9

// An F1Diff is the paired-bootstrap interval of the F1 difference of two
// runs on the same pairs.
type F1Diff struct {
	A, B string // run labels; the difference is F1(A) − F1(B)
	bootstrap.Diff
}

// Bootstrap computes, for every run of res, bootstrap confidence intervals
// of its precision, recall, F1 and average precision, resampling documents
// (package bootstrap), and the paired interval of the F1 difference of
// every two runs. The same resamples serve every run, so the intervals are
// comparable, and the same seed gives the same intervals.
func Bootstrap(res *Result, o bootstrap.Options) {
	if o.Resamples == 0 {
		o.Resamples = bootstrap.DefaultResamples
	}
	if float64(o.Resamples)*float64(len(res.Pairs))*float64(len(res.Runs)) > maxBootstrapWork {
		hint := "use -bootstrap with fewer resamples"
		if res.Scope == Corpus {
			hint += " or -scope labelled"
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("no bootstrap: %d resamples of %d pairs for %d algorithms is too much work; %s",
			o.Resamples, len(res.Pairs), len(res.Runs), hint))
		return
	}
	d := bootstrap.Data{Docs: len(res.Set.Docs), Pairs: make([][2]int, len(res.Pairs)), Labels: make([]bool, len(res.Pairs))}
	for i, p := range res.Pairs {
		d.Pairs[i] = [2]int{p.A, p.B}
		d.Labels[i] = p.Positive
	}
	if res.Positives == 0 {
		res.Warnings = append(res.Warnings, "no bootstrap: no positive pair in scope")
		return
	}
	res.Bootstrap = &o
	for i := range res.Runs {
		r := &res.Runs[i]
		m := bootstrap.Estimate(d, r.Scores, r.Config.Threshold, o)
		r.CI = &m
		if i == 0 && m.Skipped*10 > m.Resamples+m.Skipped {
			res.Warnings = append(res.Warnings, fmt.Sprintf("bootstrap: %d of %d resamples held no positive pair and were skipped; with %d positive pairs in scope the intervals say little",
				m.Skipped, m.Resamples+m.Skipped, res.Positives))
		}
	}
	for i := range res.Runs {
		for j := i + 1; j < len(res.Runs); j++ {
			a, b := &res.Runs[i], &res.Runs[j]
			diff := bootstrap.PairedF1(d, a.Scores, b.Scores, a.Config.Threshold, b.Config.Threshold, o)
			res.Diffs = append(res.Diffs, F1Diff{A: a.Config.Label, B: b.Config.Label, Diff: diff})
		}
	}
}

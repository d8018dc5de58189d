// Package compare compares two simbench runs, the way benchstat compares
// two sets of benchmark results: it reads two summary.json files, matches
// their runs by algorithm label, and gives for every figure the old value,
// the new one, the change and a verdict. A quality figure that falls by
// more than a tolerance is a regression, which is what a continuous
// integration gate fails on. It also writes a summary in the Go benchmark
// format (golang.org/design/14313-benchmark-format), so that benchstat
// itself can diff quality and speed together.
//
// # Verdicts
//
// Every row gets one of these verdicts:
//
//   - "~" (Same): no change. The two values are identical, or a quality
//     figure moved by at most Options.Tolerance, or a throughput moved by at
//     most Options.ThroughputNoise (relative). A figure null in both runs
//     gets no row at all.
//   - "better" and "worse": a figure moved beyond that band.
//   - "REGRESSION": precision, recall, F1 or average precision fell by
//     more than the tolerance. These are the only figures that gate.
//   - "?" (Unknown): the figure is null in one run only (average precision
//     of a set without positives, throughput not measured), so there is
//     nothing to compare.
//
// Quality figures are compared by their difference new − old, in points
// of [0, 1]; throughput by the ratio new/old − 1.
//
// The best F1 is reported but never gates: its threshold was chosen with
// hindsight on the very pairs it is measured on, so it is an upper bound on
// the F1 a user gets, not a figure a user relies on.
//
// Throughput never gates either, and its band is wide: a summary holds
// one throughput figure without an interval, and the throughput of one
// binary moves a lot between runs of a shared machine (see
// DefaultThroughputNoise). To gate on speed, repeat the runs, write them
// with WriteBench and let benchstat test the difference.
//
// The bootstrap intervals of precision, recall, F1 and average precision
// are shown when both summaries have them, but they do not change the
// verdict. Both runs score the same pairs of the same gold set, so their
// figures are paired: the interval of each run measures how the figure
// would move on another sample of documents, not how much of the
// difference between two runs on this sample is noise (on the same pairs,
// a difference is real). An interval for the difference needs a paired
// bootstrap over scores.csv, which this package does not do.
package compare

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/simbench/simbench/eval/summary"
)

// Verdicts.
const (
	Same       = "~"
	Better     = "better"
	Worse      = "worse"
	Regression = "REGRESSION"
	Unknown    = "?"
)

const (
	// floatNoise is the smallest change of a quality figure that counts,
	// added to every tolerance. Figures are ratios of pair counts computed
	// in float64: the same counts give the same figure to within a few
	// units in the last place (about 1e-16), while one pair more or less
	// moves a figure by at least 1/pairs, 1e-6 for a million pairs.
	// 1e-9 lies between the two.
	floatNoise = 1e-9

	// DefaultThroughputNoise is the relative change of throughput below
	// which it is reported as no change when Options.ThroughputNoise is 0.
	// It comes from twelve runs of one binary (simbench run -gold clough,
	// every algorithm) on a two-core machine shared with other work: among
	// the nine runs made while the machine was quiet, docs/s of one
	// algorithm moved by more than 10% in 19% of the pairs of runs, by more
	// than 20% in 6% of them; under load the same binary ranged from 6.4k
	// to 34.7k docs/s. Below 20% a change cannot be told from the machine.
	DefaultThroughputNoise = 0.20
)

// Options configures Compare.
type Options struct {
	// Tolerance is how far precision, recall, F1 or average precision
	// may fall before the fall is a regression, in points of [0, 1]
	// (0.01 allows a fall of one point of F1). A fall of exactly the
	// tolerance is not a regression. 0 means any fall beyond float noise
	// (1e-9); a negative or NaN tolerance is taken as 0. The same band
	// decides whether a rise is "better" or "~".
	Tolerance float64
	// ThroughputNoise is the relative change of docs/s and MB/s within
	// which they are reported as "~" (0.2 is ±20%); 0 means
	// DefaultThroughputNoise.
	ThroughputNoise float64
}

// A Row compares one figure of one algorithm.
type Row struct {
	// Algorithm is the label the runs were matched by: the -algo value.
	Algorithm string
	// Metric is one of "precision", "recall", "f1", "average_precision",
	// "best_f1", "docs_per_sec" and "mb_per_sec", the summary.json keys.
	Metric string
	// Old and New are the figures; NaN when null.
	Old, New float64
	// OldCI and NewCI are the bootstrap confidence intervals [low, high]
	// of the figure, set only when both summaries have one for it; an
	// end is NaN when null.
	OldCI, NewCI *[2]float64
	// Delta is New − Old for a quality figure, and New/Old − 1 for a
	// throughput (0.25 is 25% faster); NaN when either is.
	Delta float64
	// Verdict is Same, Better, Worse, Regression or Unknown; see the
	// package documentation.
	Verdict string
}

// Result is the comparison of two summaries.
type Result struct {
	// Rows holds the figures of the algorithms in both runs: in the order
	// of the old run, then in the order of Metrics.
	Rows []Row
	// Added are the algorithms only in the new run and Removed those only
	// in the old one, in run order. They have no rows.
	Added, Removed []string
	// Regressions says, one line each, which figure of which algorithm
	// fell beyond the tolerance. A gate fails when it is not empty.
	Regressions []string
	// Warnings are reasons to distrust the comparison that do not stop
	// it: different gold sets, seeds, parameters or machines.
	Warnings []string

	tolerance, noise float64
	level            float64 // confidence level of the intervals, 0 if unknown
}

// compared returns the columns compare shows, in row order.
func compared() []summary.Column {
	var cs []summary.Column
	for _, c := range summary.Columns {
		if c.Compared {
			cs = append(cs, c)
		}
	}
	return cs
}

// Metrics returns the names of the compared figures, in row order.
func Metrics() []string {
	var names []string
	for _, c := range compared() {
		names = append(names, c.Key)
	}
	return names
}

// Compare compares the runs of new with those of old of the same
// algorithm label, figure by figure; old and new must not be nil. Runs
// whose label is in one summary only are listed in Added or Removed. A
// label that appears twice in one summary (simbench never writes one)
// is compared by its first run, with a warning.
//
// Regressions are computed even when the warnings say the runs are not
// comparable (different gold sets): a gate should fail on such a
// comparison, not pass it silently.
func Compare(old, new *summary.Summary, o Options) *Result {
	r := &Result{tolerance: o.Tolerance, noise: o.ThroughputNoise}
	if !(r.tolerance > 0) {
		r.tolerance = 0
	}
	if !(r.noise > 0) {
		r.noise = DefaultThroughputNoise
	}
	if old.Bootstrap != nil && new.Bootstrap != nil && old.Bootstrap.Level == new.Bootstrap.Level {
		r.level = old.Bootstrap.Level
	}
	goldDiffers := goldWarnings(old.Gold, new.Gold)
	r.Warnings = append(r.Warnings, goldDiffers...)
	r.Warnings = append(r.Warnings, duplicates("old", old)...)
	r.Warnings = append(r.Warnings, duplicates("new", new)...)

	newIndex := make(map[string]int, len(new.Runs))
	for i := len(new.Runs) - 1; i >= 0; i-- {
		newIndex[new.Runs[i].Algorithm] = i
	}
	// Runs are matched by label; then, on the same gold set, a run left
	// over on each side with the same algorithm name, once on each side, is
	// matched by name (the same algorithm with other parameters, such as a
	// new threshold).
	type match struct{ a, b *summary.Run }
	var matches []match
	oldSeen := make(map[string]bool, len(old.Runs))
	var removed []*summary.Run
	for i := range old.Runs {
		a := &old.Runs[i]
		if oldSeen[a.Algorithm] {
			continue
		}
		oldSeen[a.Algorithm] = true
		if j, ok := newIndex[a.Algorithm]; ok {
			matches = append(matches, match{a, &new.Runs[j]})
		} else {
			removed = append(removed, a)
		}
	}
	added := make(map[string]bool)
	var addedRuns []*summary.Run
	for i := range new.Runs {
		b := &new.Runs[i]
		if !oldSeen[b.Algorithm] && !added[b.Algorithm] {
			added[b.Algorithm] = true
			addedRuns = append(addedRuns, b)
		}
	}
	byName := func(runs []*summary.Run, name string) []*summary.Run {
		var out []*summary.Run
		for _, x := range runs {
			if x.Name == name && name != "" {
				out = append(out, x)
			}
		}
		return out
	}
	paired := make(map[*summary.Run]bool)
	for _, a := range removed {
		olds, news := byName(removed, a.Name), byName(addedRuns, a.Name)
		if len(goldDiffers) == 0 && len(olds) == 1 && len(news) == 1 {
			matches = append(matches, match{a, news[0]})
			paired[a], paired[news[0]] = true, true
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s (old) compared with %s (new): the same algorithm, matched by name", a.Algorithm, news[0].Algorithm))
		}
	}
	for _, a := range removed {
		if !paired[a] {
			r.Removed = append(r.Removed, a.Algorithm)
		}
	}
	for _, b := range addedRuns {
		if !paired[b] {
			r.Added = append(r.Added, b.Algorithm)
		}
	}
	timed := false
	for _, m := range matches {
		a, b := m.a, m.b
		for _, m := range compared() {
			row, ok := r.compare(m, a, b)
			if !ok {
				continue
			}
			r.Rows = append(r.Rows, row)
			if row.Verdict == Regression {
				r.Regressions = append(r.Regressions, fmt.Sprintf("%s: %s fell from %s to %s (%s; tolerance %g)",
					row.Algorithm, row.Metric, fixed(row.Old), fixed(row.New), delta(m, row.Delta), r.tolerance))
			}
			if m.Kind == summary.Speed && !math.IsNaN(row.Old) && !math.IsNaN(row.New) {
				timed = true
			}
		}
		if w := paramsWarning(a.Algorithm, a.Params, b.Params); w != "" {
			r.Warnings = append(r.Warnings, w)
		}
	}
	r.Warnings = append(r.Warnings, envWarnings(old, new, timed)...)
	return r
}

// compare returns the row of figure m of runs a (old) and b (new), and
// false when the figure is null in both.
func (r *Result) compare(m summary.Column, a, b *summary.Run) (Row, bool) {
	row := Row{Algorithm: a.Algorithm, Metric: m.Key, Old: a.Get(m.Key).Float(), New: b.Get(m.Key).Float()}
	if math.IsNaN(row.Old) && math.IsNaN(row.New) {
		return row, false
	}
	if m.Interval {
		if ca, cb := a.Interval(m.Key), b.Interval(m.Key); ca != nil && cb != nil {
			row.OldCI = &[2]float64{ca[0].Float(), ca[1].Float()}
			row.NewCI = &[2]float64{cb[0].Float(), cb[1].Float()}
		}
	}
	if m.Kind == summary.Speed {
		row.Delta = row.New/row.Old - 1
	} else {
		row.Delta = row.New - row.Old
	}
	switch {
	case row.Old == row.New:
		row.Verdict = Same
	case math.IsNaN(row.Old) || math.IsNaN(row.New):
		row.Verdict = Unknown
		row.Delta = math.NaN()
	case m.Kind == summary.Speed:
		switch {
		case !(row.Old > 0) || math.IsNaN(row.Delta) || math.IsInf(row.Delta, 0):
			row.Verdict = Unknown
			row.Delta = math.NaN()
		case row.Delta > r.noise:
			row.Verdict = Better
		case row.Delta < -r.noise:
			row.Verdict = Worse
		default:
			row.Verdict = Same
		}
	default:
		band := r.tolerance + floatNoise
		switch {
		case row.Delta > band:
			row.Verdict = Better
		case row.Delta < -band && m.Gate:
			row.Verdict = Regression
		case row.Delta < -band:
			row.Verdict = Worse
		default:
			row.Verdict = Same
		}
	}
	return row, true
}

// goldWarnings says how the gold sets of two runs differ, if they do. The
// path is left out: an embedded set and its copy on disk are the same set.
func goldWarnings(a, b summary.Gold) []string {
	var diffs []string
	add := func(what string, x, y any) {
		if x != y {
			diffs = append(diffs, fmt.Sprintf("%s %v → %v", what, x, y))
		}
	}
	add("name", quote(a.Name), quote(b.Name))
	add("scope", quote(a.Scope), quote(b.Scope))
	add("docs", a.Docs, b.Docs)
	add("pairs", a.Pairs, b.Pairs)
	add("positives", a.Positives, b.Positives)
	add("labelled pairs", a.LabelledPairs, b.LabelledPairs)
	add("exhaustive", a.Exhaustive, b.Exhaustive)
	if len(diffs) == 0 {
		return nil
	}
	return []string{"DIFFERENT GOLD SETS (" + strings.Join(diffs, ", ") + "): the figures are not comparable"}
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// duplicates warns of the algorithm labels that appear more than once in s.
func duplicates(which string, s *summary.Summary) []string {
	count := make(map[string]int)
	var labels []string
	for _, r := range s.Runs {
		if count[r.Algorithm] == 1 {
			labels = append(labels, r.Algorithm)
		}
		count[r.Algorithm]++
	}
	var ws []string
	for _, l := range labels {
		ws = append(ws, fmt.Sprintf("the %s run has algorithm %q %d times; only the first is compared", which, l, count[l]))
	}
	return ws
}

// paramsWarning says how the parameters of algorithm label differ
// between the old run (a) and the new one (b), or returns "".
func paramsWarning(label string, a, b map[string]string) string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var diffs []string
	for _, k := range keys {
		x, okx := a[k]
		y, oky := b[k]
		if okx && oky && x == y {
			continue
		}
		if !okx {
			x = "(unset)"
		}
		if !oky {
			y = "(unset)"
		}
		diffs = append(diffs, fmt.Sprintf("%s %s → %s", k, x, y))
	}
	if len(diffs) == 0 {
		return ""
	}
	return fmt.Sprintf("%s: parameters differ (%s): a change may come from them", label, strings.Join(diffs, ", "))
}

// envWarnings compares the seeds, the machines when throughput was
// measured in both runs, and how the intervals were computed.
func envWarnings(old, new *summary.Summary, timed bool) []string {
	var ws []string
	if old.Env.Seed != new.Env.Seed {
		ws = append(ws, fmt.Sprintf("different seeds (%d → %d): the figures of randomised algorithms may differ by chance", old.Env.Seed, new.Env.Seed))
	}
	if timed {
		var diffs []string
		if old.Env.CPU != new.Env.CPU {
			diffs = append(diffs, fmt.Sprintf("cpu %q → %q", old.Env.CPU, new.Env.CPU))
		}
		if old.Env.OS != new.Env.OS {
			diffs = append(diffs, fmt.Sprintf("os %s → %s", old.Env.OS, new.Env.OS))
		}
		if len(diffs) > 0 {
			ws = append(ws, "throughput measured on different machines ("+strings.Join(diffs, ", ")+"): docs/s and MB/s are not comparable")
		}
		if old.ThroughputMethod != new.ThroughputMethod {
			ws = append(ws, fmt.Sprintf("throughput measured differently: %q → %q", old.ThroughputMethod, new.ThroughputMethod))
		}
	}
	if a, b := old.Bootstrap, new.Bootstrap; a != nil && b != nil && (a.Level != b.Level || a.Unit != b.Unit) {
		ws = append(ws, fmt.Sprintf("confidence intervals computed differently (level %g of %s → level %g of %s)", a.Level, a.Unit, b.Level, b.Unit))
	}
	return ws
}

// Package compare compares two simbench runs, the way benchstat compares
// two sets of benchmark results: it reads two summaries (and, when there
// are, their scores), matches their runs by algorithm label, and gives for
// every figure the old value, the new one, the change and a verdict. It is
// the gate of continuous integration, so it fails closed: a comparison it
// cannot vouch for is refused, not passed.
//
// # Refusals
//
// Compare refuses (Result.Refused) to compare runs that are not
// comparable, unless the option that accepts the case is set:
//
//   - the new run lacks an algorithm of the old one (Options.AllowMissing):
//     deleting an algorithm from the run must not pass the gate;
//   - the gold sets differ, by name or by content hash (gold.hash in
//     summary.json), or a summary has no hash (Options.AllowGoldChange);
//   - the scope, or an algorithm's parameters or threshold, differ
//     (Options.AllowConfigChange).
//
// # Verdicts
//
// Every row gets one of these verdicts:
//
//   - "~" (Same): no change the data supports: the values are identical,
//     or a quality figure moved by at most Options.Tolerance or its paired
//     interval holds 0, or a throughput moved by at most
//     Options.ThroughputNoise (relative).
//   - "better" and "worse": a figure moved beyond that band (and, for
//     quality, the paired interval of the difference excludes 0).
//   - "REGRESSION": precision, recall, F1 or average precision fell by
//     more than the tolerance and the paired interval of the fall
//     excludes 0. These are the only figures that gate.
//   - "too few positives": the gold set has fewer than summary.MinPositives
//     positive pairs, too few for any verdict on quality; not a failure
//     unless Options.Strict.
//   - "?" (Unknown): the figure is null in one run only.
//
// Quality figures are compared by their difference new − old, in points
// of [0, 1]; throughput by the ratio new/old − 1.
//
// # The paired test
//
// When both runs come with their scores.csv (Options.OldScores and
// NewScores), precision, recall, F1 and average precision are tested on the
// same pairs: the pairs are resampled once per bootstrap resample and both
// runs' figures computed on that resample, and the interval is that of the
// difference (see paired.go). A fall is a regression only when it exceeds
// the tolerance and that interval excludes 0, at Options.Level. Without
// scores the verdict is the tolerance rule alone, and a warning says so.
//
// The best F1 is reported but never gates: its threshold was chosen with
// hindsight on the very pairs it is measured on, so it is an upper bound on
// the F1 a user gets. Throughput never gates either, and its band is wide:
// a summary holds one throughput figure without an interval, and the
// throughput of one binary moves a lot between runs of a shared machine
// (see DefaultThroughputNoise). To gate on speed, repeat the runs, write
// them with summary.WriteBench and let benchstat test the difference.
//
// The ± beside a figure means what it means in simbench run: half the width
// of that run's own bootstrap interval, or [low, high] where the interval is
// lopsided.
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
	TooFew     = "too few positives"
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
	// AllowMissing, AllowGoldChange and AllowConfigChange accept, on
	// purpose, a new run that lacks algorithms of the old one, runs on
	// different gold sets, and runs whose scope or algorithm parameters
	// differ; each such case is refused without them.
	AllowMissing, AllowGoldChange, AllowConfigChange bool
	// Strict makes "too few positives to tell" a failure.
	Strict bool
	// OldScores and NewScores are the runs' scores.csv, for the paired
	// test; nil when not at hand.
	OldScores, NewScores *summary.Scores
	// Resamples, Level and Seed set the paired bootstrap: 1000
	// resamples, 0.95 and 1 when 0.
	Resamples int
	Level     float64
	Seed      uint64
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
	// DeltaCI is the paired bootstrap interval of Delta at Options.Level,
	// and Undefined the number of resamples left out of it because the
	// figure was undefined (0/0) in one run; nil without the paired test.
	DeltaCI   *[2]float64
	Undefined int
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
	// fell beyond the tolerance, with a paired interval that excludes 0.
	// A gate fails when it is not empty.
	Regressions []string
	// Refused says, one line each, why the runs are not comparable. A
	// gate fails when it is not empty, and no row is computed.
	Refused []string
	// TooFew reports that the gold set has fewer than
	// summary.MinPositives positive pairs: no quality verdict.
	TooFew bool
	// Paired reports that quality was tested on the runs' scores.
	Paired bool
	// Notes say how the verdicts were reached, where that is not the
	// paired test.
	Notes []string
	// Warnings are reasons to distrust the comparison that do not stop
	// it: different gold sets, seeds, parameters or machines.
	Warnings []string

	tolerance, noise float64
	level            float64 // confidence level of the paired intervals
	runLevel         float64 // of the runs' own intervals, 0 if unknown
}

// Failed reports whether a gate on r fails: a regression, a refused
// comparison, or with strict too few positives to tell.
func (r *Result) Failed(strict bool) bool {
	return len(r.Regressions) > 0 || len(r.Refused) > 0 || strict && r.TooFew
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
// algorithm label, figure by figure; old and new must not be nil. It first
// checks that the runs are comparable (see Refusals in the package
// documentation); when they are not, Result.Refused says why and there are
// no rows.
func Compare(old, new *summary.Summary, o Options) *Result {
	r := &Result{tolerance: o.Tolerance, noise: o.ThroughputNoise, level: o.Level}
	if !(r.tolerance > 0) {
		r.tolerance = 0
	}
	if !(r.noise > 0) {
		r.noise = DefaultThroughputNoise
	}
	if !(r.level > 0 && r.level < 1) {
		r.level = 0.95
	}
	if o.Resamples <= 0 {
		o.Resamples = 1000
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if old.Bootstrap != nil && new.Bootstrap != nil && old.Bootstrap.Level == new.Bootstrap.Level {
		r.runLevel = old.Bootstrap.Level
	}
	r.Warnings = append(r.Warnings, duplicates("old", old)...)
	r.Warnings = append(r.Warnings, duplicates("new", new)...)

	refuse := func(allowed bool, flag, msg string) {
		if allowed {
			r.Warnings = append(r.Warnings, msg+" (accepted with "+flag+")")
		} else {
			r.Refused = append(r.Refused, msg+"; "+flag+" accepts it")
		}
	}
	if d := goldDiffers(old.Gold, new.Gold); d != "" {
		refuse(o.AllowGoldChange, "-allow-gold-change", d)
	}
	// Counting the pairs gives the figures of scoring them sparsely, bit
	// for bit: the two are one scope.
	if a, b := sameScope(old.Gold), sameScope(new.Gold); a != b {
		refuse(o.AllowConfigChange, "-allow-config-change", fmt.Sprintf("the scope differs: %s → %s", a, b))
	}

	newIndex := make(map[string]int, len(new.Runs))
	for i := len(new.Runs) - 1; i >= 0; i-- {
		newIndex[new.Runs[i].Algorithm] = i
	}
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
	// A run left over on each side with the same algorithm name, once on
	// each side, is the same algorithm with other parameters (jaccard and
	// jaccard:threshold=0.7): matched by name, and refused below as a
	// change of parameters unless AllowConfigChange.
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
		if olds, news := byName(removed, a.Name), byName(addedRuns, a.Name); len(olds) == 1 && len(news) == 1 {
			matches = append(matches, match{a, news[0]})
			paired[a], paired[news[0]] = true, true
			if o.AllowConfigChange {
				r.Warnings = append(r.Warnings, fmt.Sprintf("%s (old) compared with %s (new): the same algorithm, matched by name", a.Algorithm, news[0].Algorithm))
			}
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
	if len(r.Removed) > 0 {
		refuse(o.AllowMissing, "-allow-missing", fmt.Sprintf("the new run lacks %s, which the old one ran", strings.Join(r.Removed, ", ")))
	}
	for _, m := range matches {
		if w := paramsWarning(m.a.Algorithm, m.a.Params, m.b.Params); w != "" {
			refuse(o.AllowConfigChange, "-allow-config-change", w)
		}
	}
	if len(r.Refused) > 0 {
		return r
	}

	r.TooFew = min(old.Gold.Positives, new.Gold.Positives) < summary.MinPositives
	r.Paired = o.OldScores != nil && o.NewScores != nil
	if !r.Paired {
		r.Notes = append(r.Notes, "no scores.csv of every pair for both runs (a summary.json alone, or a run whose scores.csv is only a sample): quality verdicts come from the figures and the tolerance alone, without a paired test; compare results folders with every pair's scores to test them")
	}
	positive := positiveLabels(old, new)
	timed := false
	for _, m := range matches {
		a, b := m.a, m.b
		var ivs [4][2]float64
		var undefined [4]int
		tested := false
		if r.Paired && !r.TooFew {
			p, ok := newPaired(o.OldScores, o.NewScores, a.Algorithm, b.Algorithm, positive, new.Gold.Pairs,
				float64(a.Get("threshold")), float64(b.Get("threshold")))
			if ok {
				ivs, undefined = p.test(o.Resamples, r.level, o.Seed)
				tested = true
			} else {
				r.Warnings = append(r.Warnings, fmt.Sprintf("%s: not in both scores.csv; its quality is not tested", a.Algorithm))
			}
		}
		for _, c := range compared() {
			row, ok := r.compare(c, a, b)
			if !ok {
				continue
			}
			if k := slices.Index(pairedFigures, c.Key); k >= 0 && c.Kind == summary.Quality {
				switch {
				case r.TooFew:
					if row.Verdict != Same && row.Verdict != Unknown {
						row.Verdict = TooFew
					}
				case tested:
					iv := ivs[k]
					row.DeltaCI, row.Undefined = &iv, undefined[k]
					row.Verdict = r.pairedVerdict(c, row)
				}
			}
			r.Rows = append(r.Rows, row)
			if row.Verdict == Regression {
				why := fmt.Sprintf("tolerance %g", r.tolerance)
				if row.DeltaCI != nil {
					why += fmt.Sprintf("; %g%% paired interval of the fall [%+.3f, %+.3f]", 100*r.level, row.DeltaCI[0], row.DeltaCI[1])
				}
				r.Regressions = append(r.Regressions, fmt.Sprintf("%s: %s fell from %s to %s (%s; %s)",
					row.Algorithm, row.Metric, fixed(row.Old), fixed(row.New), delta(c, row.Delta), why))
			}
			if c.Kind == summary.Speed && !math.IsNaN(row.Old) && !math.IsNaN(row.New) {
				timed = true
			}
		}
	}
	r.Warnings = append(r.Warnings, envWarnings(old, new, timed)...)
	return r
}

// pairedVerdict returns the verdict of a quality row whose paired
// interval is known: a change beyond the tolerance whose interval
// excludes 0.
func (r *Result) pairedVerdict(c summary.Column, row Row) string {
	band := r.tolerance + floatNoise
	lo, hi := row.DeltaCI[0], row.DeltaCI[1]
	switch {
	case row.Verdict == Unknown || row.Old == row.New:
		return row.Verdict
	case row.Delta < -band && hi < 0 && c.Gate:
		return Regression
	case row.Delta < -band && hi < 0:
		return Worse
	case row.Delta > band && lo > 0:
		return Better
	}
	return Same
}

// positiveLabels returns the labels the runs count as positive, from their
// per-label figures.
func positiveLabels(runs ...*summary.Summary) map[string]bool {
	pos := map[string]bool{}
	for _, s := range runs {
		for _, r := range s.Runs {
			for _, l := range r.PerLabel {
				if l.Positive {
					pos[l.Label] = true
				}
			}
		}
	}
	return pos
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

// goldDiffers says how the gold sets of two runs differ, or returns "":
// by name, by content hash, or by a hash that one summary lacks. The path
// is left out: an embedded set and its copy on disk are the same set.
func goldDiffers(a, b summary.Gold) string {
	var diffs []string
	add := func(what string, x, y any) {
		if x != y {
			diffs = append(diffs, fmt.Sprintf("%s %v → %v", what, x, y))
		}
	}
	add("name", quote(a.Name), quote(b.Name))
	switch {
	case a.Hash == "" || b.Hash == "":
		diffs = append(diffs, "a summary has no content hash (written before simbench recorded it), so the data cannot be checked")
	case a.Hash != b.Hash:
		diffs = append(diffs, fmt.Sprintf("content hash %.15s… → %.15s…", a.Hash, b.Hash))
	}
	add("docs", a.Docs, b.Docs)
	add("positives", a.Positives, b.Positives)
	add("labelled pairs", a.LabelledPairs, b.LabelledPairs)
	if len(diffs) == 0 {
		return ""
	}
	return "different gold sets (" + strings.Join(diffs, ", ") + ")"
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
	return fmt.Sprintf("%s: the parameters differ (%s)", label, strings.Join(diffs, ", "))
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

// sameScope names the scope of g as far as the figures tell: a counted
// corpus scope has the figures of the sparse one.
func sameScope(g summary.Gold) string {
	if g.Counted {
		g.Counted, g.Sparse = false, true
	}
	return g.ScopeName()
}

package eval

import (
	"fmt"
	"strings"
	"unsafe"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/eval/budget"
	"github.com/simbench/simbench/eval/metric"
)

// The memory a run holds per pair it scores, from the sizes of the data
// structures that hold it (see ScoringBytes). These are the models the
// budget checks use before the pair stages allocate.
const (
	// pairBytes is a pair in scope (Result.Pairs) and its label flag.
	pairBytes = int64(unsafe.Sizeof(Pair{})) + 1
	// foundBytes is a pair a configuration found: its key (algo.PairKey),
	// the score its join may give with it (algo.ScoringSelfJoiner), and
	// its key again in the union the sparse scope builds.
	foundBytes = 24
	// runBytes is a run's score and proposed flag of a pair.
	runBytes = 8 + 1
	// pointBytes is a point of a run's sweep (metric.Point), one per
	// distinct score.
	pointBytes = int64(unsafe.Sizeof(metric.Point{}))
	// sortBytes is what a configuration being scored holds besides: the
	// sorted copy of its scores and labels the sweep makes.
	sortBytes = 16
)

// ScoringBytes returns the bytes a run holds to score pairs pairs with
// configs configurations, workers at a time, whose sweeps have points
// points each: each pair in scope, each configuration's scores, flags and
// sweep, and the sorted copies of the configurations being scored. The
// pairs the configurations found come on top: foundBytes each. A sweep has
// a point per distinct score, so points is at most pairs, and as few as 1
// when every pair scores alike (identical documents).
func ScoringBytes(pairs, points int64, configs, workers int) int64 {
	per := pairBytes + int64(configs)*runBytes + int64(min(configs, max(1, workers)))*sortBytes
	return budget.Add(budget.Mul(pairs, per), budget.Mul(budget.Mul(points, int64(configs)), pointBytes))
}

// scopeHint is what the budget's error suggests besides -mem, for a run
// of configs configurations whose pairs in scope are too many.
func scopeHint(sparse bool, configs int) string {
	var hints []string
	if configs > 1 {
		hints = append(hints, FewerHint)
	}
	if sparse {
		hints = append(hints, "raise the threshold, so that fewer pairs are found (this does not help byte-identical copies, which every threshold finds)", "score the labelled pairs only (-scope labelled)")
	} else {
		hints = append(hints, "score only the pairs the algorithms find (-sparse)")
	}
	return strings.Join(hints, ", or ")
}

// FewerHint is the budget's hint for a run of several algorithms or
// configurations.
const FewerHint = "run fewer algorithms at once (-algo; in tune, a smaller -grid)"

// checkFound checks, before configuration c finds its pairs, that the
// fewest it can find, as its algo.PairEstimator bounds them, can be held
// and scored within the budget opt.Mem; found is the number of pairs the
// configurations before it found (an upper bound of those scored with it).
func checkFound(c algorithms.Config, sparse bool, sigs [][]uint64, opt Options, configs int, found int64) error {
	if opt.Mem <= 0 {
		return nil
	}
	est, ok := c.Algorithm.(algo.PairEstimator)
	if !ok {
		return nil
	}
	if _, joins := c.Algorithm.(algo.Joiner); joins && !sparse {
		return nil
	}
	need := func(pairs int64) int64 {
		// A lower bound: the sweeps may have a single point each.
		return budget.Add(ScoringBytes(max(pairs, found), 1, configs, opt.Workers), budget.Mul(pairs, foundBytes))
	}
	if n := int64(len(sigs)); need(n*(n-1)/2) <= opt.Mem {
		return nil // every pair fits: no need to estimate
	}
	lo := est.EstimatePairs(sigs, c.Floor, opt.Workers)
	stage := fmt.Sprintf("%s, which finds at least %s pairs to score,", c.Label, budget.Count(lo))
	if found > lo {
		// The pairs of an algorithm before it weigh more.
		stage = fmt.Sprintf("%s, which finds at least %s pairs, to score beside the %s pairs an algorithm before it found,", c.Label, budget.Count(lo), budget.Count(found))
	}
	return budget.Check(opt.Mem, stage, need(lo), scopeHint(sparse, configs))
}

// checkScope checks, before the pairs in scope are made, that scoring them
// with the configurations cs fits the budget opt.Mem. In the sparse scope
// their number is bounded by the pairs found (found[i], configuration i's)
// and labelled; it is known exactly in the other scopes.
func (res *Result) checkScope(found [][]uint64, cs []algorithms.Config, opt Options) error {
	if opt.Mem <= 0 {
		return nil
	}
	s := res.Set
	configs := len(cs)
	var pairs, keys int64
	points := int64(-1) // the sweep points of a configuration, on average; -1: one per pair
	switch {
	case res.Sparse:
		// The union of the found and labelled pairs: at least the most of
		// any one of them.
		pairs = int64(len(s.Pairs))
		keys = pairs
		for _, f := range found {
			pairs = max(pairs, int64(len(f)))
			keys += int64(len(f))
		}
		points = 0
		for i, f := range found {
			points += sweepPoints(cs[i], int64(len(f)))
		}
		points = (points + int64(configs) - 1) / int64(configs)
	case res.Scope == Corpus:
		n := int64(len(s.Docs))
		pairs = n * (n - 1) / 2
	default:
		pairs = int64(len(s.Pairs))
	}
	if points < 0 || points > pairs {
		points = pairs
	}
	need := budget.Add(ScoringBytes(pairs, points, configs, opt.Workers), budget.Mul(keys, foundBytes))
	return budget.Check(opt.Mem, fmt.Sprintf("scoring %s pairs with %d configuration(s)", budget.Count(pairs), configs), need, scopeHint(res.Sparse, configs))
}

// sweepPoints bounds the points of the sweep of configuration c in the
// sparse scope, where it found found pairs: every pair it did not find
// scores 0, so it has at most found + 1 distinct scores, and at most its
// similarity's levels (algo.Leveller) unless verify=true makes them exact
// Jaccard; one more for the point at +Inf.
func sweepPoints(c algorithms.Config, found int64) int64 {
	n := found + 1
	if lv, ok := c.Algorithm.(algo.Leveller); ok && !c.Verify && lv.Levels() > 0 {
		n = min(n, int64(lv.Levels()))
	}
	return n + 1
}

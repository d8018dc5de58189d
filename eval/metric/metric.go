// Package metric computes the quality of a similarity score as a duplicate
// detector: confusion counts, precision, recall and F1 at a threshold, and,
// from one sorted pass over the scored pairs, the whole threshold sweep,
// average precision and the best threshold.
//
// An algorithm gives every pair a score, documented to lie in [0, 1]; a pair
// is predicted a duplicate (positive) when its score is at least the
// threshold t. Labels are the truth: true is a duplicate. Comparing the two
// gives the four counts of a [Confusion]:
//
//	TP  positive pairs with score >= t    FP  negative pairs with score >= t
//	FN  positive pairs with score <  t    TN  negative pairs with score <  t
//
// and from them
//
//	precision = TP / (TP + FP)
//	recall    = TP / (TP + FN)               (the true positive rate, TPR)
//	F1        = 2·TP / (2·TP + FP + FN)      (the harmonic mean of precision and recall)
//	accuracy  = (TP + TN) / (TP + FP + FN + TN)
//	FPR       = FP / (FP + TN)
//
// A ratio whose denominator is zero is undefined, and reported as NaN, never
// as 0: precision when nothing is predicted a duplicate, recall when there
// are no duplicates, FPR when there are no negatives. Reporting 0 (the
// zero_division=0 convention of scikit-learn) would make "nothing predicted"
// look like "everything predicted wrong", and pull averages and intervals
// down. F1 is 2·TP/(2·TP + FP + FN), the harmonic mean of precision and
// recall extended by its limit: it is defined, and 0, when there are
// duplicates and none is found (precision is then undefined but recall is
// 0), and undefined only when there are no duplicates and none is predicted.
// AveragePrecision and ROCAUC are NaN when a class they need is empty, and
// the first point of a Sweep has threshold +Inf. encoding/json refuses NaN
// and the infinities, so a caller writing JSON must decide how to spell them
// (simbench writes null).
//
// [Sweep] sorts the pairs once by score and walks them from the highest score
// down, giving the confusion at every distinct score in O(n log n) time, the
// way gonum's stat.ROC does. Every summary here is read off that sweep:
// [AveragePrecision], [BestF1], [BestAccuracy] and [MaxRecallAtPrecision].
// [ROCAUC] computes the area under the ROC curve with gonum.
//
// Scores must not be NaN: a NaN score is neither above nor below any
// threshold, so no confusion can be defined for it, and the functions that
// take scores panic on one. Mismatched lengths of scores and labels are
// programmer errors too, and panic, as in gonum.
package metric

import (
	"fmt"
	"github.com/simbench/simbench/algorithms/radix"
	"math"
	"slices"

	"gonum.org/v1/gonum/integrate"
	"gonum.org/v1/gonum/stat"
)

// Confusion holds the counts of a binary decision compared with the truth:
// true positives, false positives, false negatives and true negatives.
type Confusion struct {
	TP, FP, FN, TN int
}

// ratio returns num/den, or NaN (undefined) when den is 0.
func ratio(num, den int) float64 {
	if den == 0 {
		return math.NaN()
	}
	return float64(num) / float64(den)
}

// Precision returns TP/(TP+FP), the fraction of predicted duplicates that are
// duplicates. It is NaN (undefined) when TP+FP is 0: nothing was predicted.
func (c Confusion) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), the fraction of duplicates that are predicted
// duplicates (the true positive rate). It is NaN (undefined) when there are
// no positives.
func (c Confusion) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns 2TP/(2TP+FP+FN), the harmonic mean of precision and recall
// (van Rijsbergen's F-measure with β = 1). It is 0 when there are positives
// and none is found, and NaN (undefined) when 2TP+FP+FN is 0, that is when
// there are no positives and none is predicted.
func (c Confusion) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

// Accuracy returns (TP+TN)/(TP+FP+FN+TN), the fraction of pairs decided
// correctly. It is NaN (undefined) when there are no pairs.
func (c Confusion) Accuracy() float64 { return ratio(c.TP+c.TN, c.TP+c.FP+c.FN+c.TN) }

// FPR returns FP/(FP+TN), the false positive rate: the fraction of negatives
// predicted positive. It is NaN (undefined) when there are no negatives.
func (c Confusion) FPR() float64 { return ratio(c.FP, c.FP+c.TN) }

// Positives returns TP+FN, the number of pairs labelled positive.
func (c Confusion) Positives() int { return c.TP + c.FN }

// Negatives returns FP+TN, the number of pairs labelled negative.
func (c Confusion) Negatives() int { return c.FP + c.TN }

// checkInputs panics if scores and labels differ in length or a score is NaN.
func checkInputs(fn string, scores []float64, labels []bool) {
	if len(scores) != len(labels) {
		panic(fmt.Sprintf("metric: %s: %d scores but %d labels", fn, len(scores), len(labels)))
	}
	for i, s := range scores {
		if math.IsNaN(s) {
			panic(fmt.Sprintf("metric: %s: score %d is NaN (scores must be in [0, 1])", fn, i))
		}
	}
}

// At returns the confusion at threshold t: a pair is predicted positive when
// its score is >= t. With t = +Inf nothing is predicted positive (unless a
// score is +Inf); with a t no greater than the lowest score everything is.
//
// At panics if len(scores) != len(labels) or a score is NaN.
func At(scores []float64, labels []bool, t float64) Confusion {
	checkInputs("At", scores, labels)
	var c Confusion
	for i, s := range scores {
		switch {
		case s >= t && labels[i]:
			c.TP++
		case s >= t:
			c.FP++
		case labels[i]:
			c.FN++
		default:
			c.TN++
		}
	}
	return c
}

// Point is the confusion when every pair with score >= Threshold is predicted
// positive.
type Point struct {
	Threshold float64
	Confusion
}

// scored is one pair in the sorted pass of Sweep.
type scored struct {
	score float64
	pos   bool
}

// Sweep returns the confusion at every threshold that changes it: one point
// per distinct score, with Threshold equal to that score, in decreasing order
// of threshold. Pairs with the same score enter together, since no threshold
// separates them. The first point has Threshold = +Inf and predicts nothing
// positive (TP = FP = 0); the last has the lowest score as its threshold and
// predicts every pair positive (FN = TN = 0). For any t, the confusion At(t)
// is that of the last point whose Threshold is >= t, or of the first point if
// t is +Inf. With no pairs, Sweep returns the +Inf point alone, all counts 0.
//
// Sweep sorts the scores of the positives and of the negatives apart, by
// radix on their bits, and merges them: O(n) time, 16 bytes a pair of
// space. It does not modify scores or labels.
//
// Sweep panics if len(scores) != len(labels), or if a score is NaN or +Inf (a
// +Inf score would be predicted positive at the +Inf point, which predicts
// nothing; scores are documented to be in [0, 1]).
func Sweep(scores []float64, labels []bool) []Point {
	checkInputs("Sweep", scores, labels)
	// The scores of the positives and of the negatives, each sorted
	// descending by radix on their bits (descKey), then merged.
	for i, s := range scores {
		if math.IsInf(s, 1) {
			panic(fmt.Sprintf("metric: Sweep: score %d is +Inf (scores must be in [0, 1])", i))
		}
	}
	return SortScores(scores, labels).Sweep()
}

// Sorted holds the scores of a run's pairs grouped by value, highest
// first, with the positives and negatives of each value counted: all that
// its Sweep and its ROC AUC need, made once for both.
type Sorted struct {
	runs       []scoreRun // descending; scores equal as floats share a run
	nPos, nNeg int
}

// A scoreRun is the pairs of one score: of −0 and +0 together, the score
// is +0 when any pair has it.
type scoreRun struct {
	score    float64
	pos, neg int
}

// SortScores sorts the scores of the pairs whose labels say whether each is
// a positive: O(n) time, 16 bytes a pair while it sorts. It panics if
// len(scores) != len(labels) or a score is NaN.
func SortScores(scores []float64, labels []bool) *Sorted {
	checkInputs("SortScores", scores, labels)
	nPos := 0
	for _, l := range labels {
		if l {
			nPos++
		}
	}
	pos, neg := splitSorted(scores, labels, nPos)
	st := &Sorted{nPos: len(pos), nNeg: len(neg)}
	for p, n := 0, 0; p < len(pos) || n < len(neg); {
		r := scoreRun{score: nextScore(pos, neg, p, n)}
		for ; p < len(pos) && scoreOf(pos[p]) == r.score; p++ {
			r.pos++
		}
		for ; n < len(neg) && scoreOf(neg[n]) == r.score; n++ {
			r.neg++
		}
		st.runs = append(st.runs, r)
	}
	return st
}

// BinScores is SortScores for scores that take few values, such as a
// sketch's similarity, a share of k slots, which takes k + 1 (levels): it
// counts each score in bin round(score·(levels − 1)) instead of sorting,
// O(n + levels) time and 17 bytes a level. The bins keep the order of the
// scores, so the result is SortScores's as long as no bin meets two
// different scores (as float64 bits); when one does, or a score is
// outside [0, 1], or levels is below 2 or above 2^20, BinScores sorts
// instead. It panics as SortScores does.
func BinScores(scores []float64, labels []bool, levels int) *Sorted {
	checkInputs("BinScores", scores, labels)
	if levels < 2 || levels > 1<<20 {
		return SortScores(scores, labels)
	}
	pos, neg := make([]int, levels), make([]int, levels)
	bits := make([]uint64, levels)
	seen := make([]bool, levels)
	step := float64(levels - 1)
	for i, x := range scores {
		if !(x >= 0 && x <= 1) {
			return SortScores(scores, labels)
		}
		b, xb := int(math.Round(x*step)), math.Float64bits(x)
		if !seen[b] {
			seen[b], bits[b] = true, xb
		} else if bits[b] != xb {
			return SortScores(scores, labels)
		}
		if labels[i] {
			pos[b]++
		} else {
			neg[b]++
		}
	}
	st := &Sorted{}
	for b := levels - 1; b >= 0; b-- {
		if seen[b] {
			st.runs = append(st.runs, scoreRun{score: math.Float64frombits(bits[b]), pos: pos[b], neg: neg[b]})
			st.nPos += pos[b]
			st.nNeg += neg[b]
		}
	}
	return st
}

// Sweep is Sweep of the sorted scores. It panics if a score is +Inf.
func (st *Sorted) Sweep() []Point {
	if len(st.runs) > 0 && math.IsInf(st.runs[0].score, 1) {
		panic("metric: Sweep: a score is +Inf (scores must be in [0, 1])")
	}
	points := make([]Point, 1, len(st.runs)+1)
	points[0] = Point{Threshold: math.Inf(1), Confusion: Confusion{FN: st.nPos, TN: st.nNeg}}
	var tp, fp int
	for _, r := range st.runs {
		tp += r.pos
		fp += r.neg
		points = append(points, Point{
			Threshold: r.score,
			Confusion: Confusion{TP: tp, FP: fp, FN: st.nPos - tp, TN: st.nNeg - fp},
		})
	}
	return points
}

// AveragePrecision returns the average precision of a sweep, the area under
// its precision–recall curve taken as a step function:
//
//	AP = Σ_n (R_n − R_{n−1}) · P_n
//
// where P_n and R_n are the precision and recall of the n-th point and R_{−1}
// = 0. This is the non-interpolated definition (Manning, Raghavan & Schütze,
// Introduction to Information Retrieval, 2008, §8.4; Zhu, Recall, precision
// and average precision, 2004), the one scikit-learn's
// average_precision_score computes. Equivalently, AP is the mean over the
// positive pairs of the precision at the threshold where each enters; pairs
// with equal scores enter together, so AP does not depend on how ties are
// ordered.
//
// The points must be in the order Sweep returns them (decreasing threshold,
// TP never decreasing). AveragePrecision returns NaN when there are no
// positives, or no points.
func AveragePrecision(points []Point) float64 {
	if len(points) == 0 || points[0].Positives() == 0 {
		return math.NaN()
	}
	var sum float64
	prevTP := 0
	for _, p := range points {
		if d := p.TP - prevTP; d != 0 {
			sum += float64(d) * p.Precision()
		}
		prevTP = p.TP
	}
	return sum / float64(points[0].Positives())
}

// best returns the point with the highest value of f, ties going to the
// highest threshold; points where f is undefined (NaN) are passed over,
// and when f is undefined at every point the first point is returned. It
// panics if points is empty.
func best(fn string, points []Point, f func(Confusion) float64) Point {
	if len(points) == 0 {
		panic("metric: " + fn + ": no points")
	}
	b, bv := points[0], f(points[0].Confusion)
	for _, p := range points[1:] {
		v := f(p.Confusion)
		if math.IsNaN(v) {
			continue
		}
		if math.IsNaN(bv) || v > bv || (v == bv && p.Threshold > b.Threshold) {
			b, bv = p, v
		}
	}
	return b
}

// BestF1 returns the point with the highest F1. Ties go to the highest
// threshold, the more conservative cut. Without positives no cut finds a
// duplicate and none misses one, so no F1 is worth choosing: BestF1 returns
// the first point (in a sweep the +Inf point, predicting nothing, whose F1
// is undefined).
//
// BestF1 panics if points is empty; Sweep never returns an empty slice.
func BestF1(points []Point) Point {
	if len(points) > 0 && points[0].Positives() == 0 {
		return points[0]
	}
	return best("BestF1", points, Confusion.F1)
}

// BestAccuracy returns the point with the highest accuracy. Ties go to the
// highest threshold, the more conservative cut.
//
// BestAccuracy panics if points is empty; Sweep never returns an empty slice.
func BestAccuracy(points []Point) Point {
	return best("BestAccuracy", points, Confusion.Accuracy)
}

// MaxRecallAtPrecision returns the point with the highest recall among those
// whose precision is at least p, ties going to the highest threshold (which,
// for equal recall, has the highest precision). It returns ok = false when no
// point reaches precision p (always when p is NaN). The precision of a point
// with no predictions is undefined, so the +Inf point of a sweep never
// qualifies.
func MaxRecallAtPrecision(points []Point, p float64) (pt Point, ok bool) {
	for _, q := range points {
		if !(q.Precision() >= p) || math.IsNaN(q.Recall()) { // also skips every point when p is NaN
			continue
		}
		if !ok || q.Recall() > pt.Recall() || (q.Recall() == pt.Recall() && q.Threshold > pt.Threshold) {
			pt, ok = q, true
		}
	}
	return pt, ok
}

// ROCAUC returns the area under the receiver operating characteristic curve,
// the true positive rate plotted against the false positive rate as the
// threshold falls from +Inf to the lowest score. The curve comes from gonum's
// stat.ROC and the area from integrate.Trapezoidal; the trapezoid over a group
// of tied scores counts a tie as half. The area equals the Mann–Whitney U
// statistic divided by (positives · negatives): the probability that a random
// positive pair scores above a random negative one, ties counting one half
// (Hanley & McNeil, Radiology 143, 1982).
//
// ROCAUC returns NaN when there are no positives or no negatives. It panics
// if len(scores) != len(labels) or a score is NaN. It does not modify scores
// or labels.
func ROCAUC(scores []float64, labels []bool) float64 {
	return ROCAUCZeroNegatives(scores, labels, 0)
}

// ROCAUCZeroNegatives is ROCAUC over the pairs of scores and labels and n
// further negative pairs scoring 0, which it weighs in as one observation of
// weight n (gonum's stat.ROC takes weights) instead of n observations.
func ROCAUCZeroNegatives(scores []float64, labels []bool, n int) float64 {
	checkInputs("ROCAUC", scores, labels)
	return SortScores(scores, labels).ROCAUCZeroNegatives(n)
}

// ROCAUCZeroNegatives is ROCAUCZeroNegatives of the sorted scores.
func (st *Sorted) ROCAUCZeroNegatives(n int) float64 {
	if st.nPos == 0 || st.nNeg+n == 0 {
		return math.NaN()
	}
	// The observations ascending by score, as stat.ROC wants them (it
	// counts equal scores as one cutoff, so their order does not matter;
	// negatives come first, as stat.SortWeightedLabeled puts them): the
	// runs of equal scores from the lowest, each as an observation of its
	// negatives and one of its positives, weighing as many, with the
	// further negatives as one observation of score 0 and weight n.
	// stat.ROC sums the weights of a cutoff, and sums of whole numbers
	// below 2^53 are exact, so the curve is the one of every observation
	// apart, bit for bit, from a few observations where most pairs tie
	// (those an index did not propose, all scoring 0).
	var y, weights []float64
	var classes []bool
	add := func(v float64, positive bool, w int) {
		if w == 0 {
			return
		}
		if k := len(y) - 1; k >= 0 && y[k] == v && classes[k] == positive {
			weights[k] += float64(w)
			return
		}
		y, classes, weights = append(y, v), append(classes, positive), append(weights, float64(w))
	}
	zeros := n > 0 // the further negatives are still to place
	for i := len(st.runs) - 1; i >= 0; i-- {
		r := st.runs[i]
		if zeros && r.score >= 0 {
			add(0, false, n)
			zeros = false
		}
		add(r.score, false, r.neg)
		add(r.score, true, r.pos)
	}
	if zeros {
		add(0, false, n)
	}
	tpr, fpr, _ := stat.ROC(nil, y, classes, weights)
	return integrate.Trapezoidal(fpr, tpr)
}

// ZeroNegatives returns the sweep points, as Sweep returns them, extended
// by n further negative pairs that all score 0: the pairs a sparse
// evaluation never scored. Every point of threshold above 0 counts them as
// true negatives, every point at or below 0 as false positives, and a last
// point at threshold 0 is added when there is none. It modifies points in
// place and may append to it.
func ZeroNegatives(points []Point, n int) []Point {
	if n == 0 {
		return points
	}
	last := points[len(points)-1]
	for i := range points {
		if points[i].Threshold > 0 {
			points[i].TN += n
		} else {
			points[i].FP += n
		}
	}
	if last.Threshold > 0 {
		last.Threshold = 0
		last.FP += n
		points = append(points, last)
	}
	return points
}

// AtZeroNegatives is At over the pairs of scores and labels and n further
// negative pairs that score 0.
func AtZeroNegatives(scores []float64, labels []bool, t float64, n int) Confusion {
	c := At(scores, labels, t)
	if 0 >= t {
		c.FP += n
	} else {
		c.TN += n
	}
	return c
}

// splitSorted returns the scores of the nPos positives and of the
// negatives, each as descKey keys in ascending order (the scores
// descending), sorted by radix: O(n) time, 16 bytes a score. The scores of
// +0, most of a sparse run's (the pairs an index did not propose), are
// counted rather than sorted, and put in their place after.
func splitSorted(scores []float64, labels []bool, nPos int) (pos, neg []uint64) {
	keys := make([]uint64, len(scores))
	pos, neg = keys[:0:nPos], keys[nPos:nPos]
	zero := descKey(0)
	var posZeros, negZeros int
	for i, s := range scores {
		k := descKey(s)
		switch {
		case k == zero && labels[i]:
			posZeros++
		case k == zero:
			negZeros++
		case labels[i]:
			pos = append(pos, k)
		default:
			neg = append(neg, k)
		}
	}
	tmp := make([]uint64, max(len(pos), len(neg)))
	radix.Sort(pos, tmp)
	radix.Sort(neg, tmp)
	return withZeros(pos, posZeros, zero), withZeros(neg, negZeros, zero)
}

// withZeros returns the ascending keys sorted, none of them zero, with
// zeros keys zero put in their place, within sorted's capacity.
func withZeros(sorted []uint64, zeros int, zero uint64) []uint64 {
	n := len(sorted)
	at, _ := slices.BinarySearch(sorted, zero)
	sorted = sorted[:n+zeros]
	copy(sorted[at+zeros:], sorted[at:n])
	for i := at; i < at+zeros; i++ {
		sorted[i] = zero
	}
	return sorted
}

// descKey maps a score to a key whose ascending order is the score's
// descending order: the bits of a float64, with the sign bit flipped for a
// number ≥ +0 and every bit flipped for one ≤ −0, ascend with it (the
// order of IEEE 754 totalOrder for numbers), and their complement
// descends. NaN is excluded by the callers.
func descKey(x float64) uint64 {
	b := math.Float64bits(x)
	if b>>63 == 0 {
		b |= 1 << 63
	} else {
		b = ^b
	}
	return ^b
}

// scoreOf inverts descKey.
func scoreOf(k uint64) float64 {
	b := ^k
	if b>>63 == 1 {
		b &^= 1 << 63
	} else {
		b = ^b
	}
	return math.Float64frombits(b)
}

// nextScore returns the highest score of pos[p:] and neg[n:], sorted
// descending by descKey, of which one at least is not empty.
func nextScore(pos, neg []uint64, p, n int) float64 {
	switch {
	case p == len(pos):
		return scoreOf(neg[n])
	case n == len(neg):
		return scoreOf(pos[p])
	}
	return max(scoreOf(pos[p]), scoreOf(neg[n]))
}

package metric_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/simbench/simbench/eval/metric"
)

// exactTol bounds the difference between a hand-computed fraction and the
// same figure computed in float64: a handful of divisions and at most a few
// additions, each rounding by at most 2⁻⁵³ ≈ 1.1e-16 relative.
const exactTol = 1e-12

// sumTol bounds the difference between two float64 computations of the same
// average over random data written differently (a sum of up to 2000 products
// against a mean of up to 2000 ratios): about n·ε ≈ 2000 · 2.2e-16 ≈ 4.4e-13.
const sumTol = 1e-11

// countTol bounds |rate·n − count| when a rate from stat.ROC, computed as
// 1 − k·(1/n) with three roundings, is scaled back to a count: about
// 3ε·n < 2e-12 for n ≤ 2000. Anything below 1/2 would still tell counts
// apart; a miscount is off by at least 1.
const countTol = 1e-9

var inf = math.Inf(1)

func pt(t float64, tp, fp, fn, tn int) metric.Point {
	return metric.Point{Threshold: t, Confusion: metric.Confusion{TP: tp, FP: fp, FN: fn, TN: tn}}
}

// near reports whether got is within tol of want, or both are NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

var nan = math.NaN()

func TestConfusion(t *testing.T) {
	for _, tc := range []struct {
		c                       metric.Confusion
		prec, rec, f1, acc, fpr float64
		positives, negatives    int
	}{
		// P = 5/(5+1); R = 5/(5+3); F1 = 10/(10+1+3) = 5/7;
		// accuracy = (5+11)/20 = 4/5; FPR = 1/(1+11).
		{metric.Confusion{TP: 5, FP: 1, FN: 3, TN: 11}, 5.0 / 6, 5.0 / 8, 5.0 / 7, 4.0 / 5, 1.0 / 12, 8, 12},
		// No pairs: every denominator is 0, every ratio undefined.
		{metric.Confusion{}, nan, nan, nan, nan, nan, 0, 0},
		// Nothing predicted: precision 0/0 is undefined; recall 0/4; F1
		// 0/(0+0+4) = 0; accuracy 6/10; FPR 0/6.
		{metric.Confusion{FN: 4, TN: 6}, nan, 0, 0, 6.0 / 10, 0, 4, 6},
		// No positives, all predicted: precision 0/3; recall 0/0 is
		// undefined; F1 0/3; accuracy 0/3; FPR 3/3.
		{metric.Confusion{FP: 3}, 0, nan, 0, 0, 1, 0, 3},
		// No negatives, all right: FPR 0/0 is undefined.
		{metric.Confusion{TP: 2}, 1, 1, 1, 1, nan, 2, 0},
		// P = 1/(1+3); R = 1/(1+1); F1 = 2/(2+3+1) = 1/3 = 2PR/(P+R) = (1/4)/(3/4);
		// accuracy = (1+2)/7; FPR = 3/(3+2).
		{metric.Confusion{TP: 1, FP: 3, FN: 1, TN: 2}, 1.0 / 4, 1.0 / 2, 1.0 / 3, 3.0 / 7, 3.0 / 5, 2, 5},
	} {
		c := tc.c
		for _, m := range []struct {
			name      string
			got, want float64
		}{
			{"Precision", c.Precision(), tc.prec},
			{"Recall", c.Recall(), tc.rec},
			{"F1", c.F1(), tc.f1},
			{"Accuracy", c.Accuracy(), tc.acc},
			{"FPR", c.FPR(), tc.fpr},
		} {
			if !near(m.got, m.want, exactTol) {
				t.Errorf("%+v.%s() = %v, want %v", c, m.name, m.got, m.want)
			}
		}
		if got := c.Positives(); got != tc.positives {
			t.Errorf("%+v.Positives() = %d, want %d", c, got, tc.positives)
		}
		if got := c.Negatives(); got != tc.negatives {
			t.Errorf("%+v.Negatives() = %d, want %d", c, got, tc.negatives)
		}
	}
}

// handCases are small score sets whose sweeps, figures at one threshold,
// average precision and ROC area were computed by hand. The scores are given
// out of order so that the sort matters.
var handCases = []struct {
	name   string
	scores []float64
	labels []bool
	sweep  []metric.Point // threshold, TP, FP, FN, TN
	t      float64        // threshold for prec, rec, f1
	prec   float64
	rec    float64
	f1     float64
	ap     float64 // NaN when there are no positives
	auc    float64 // NaN when a class is empty
	bestF1 float64 // threshold of BestF1
	bestAc float64 // threshold of BestAccuracy
}{
	{
		// Positives 0.9, 0.8, 0.5; negatives 0.8, 0.5, 0.2: two tied groups.
		name:   "ties",
		scores: []float64{0.5, 0.9, 0.2, 0.8, 0.5, 0.8},
		labels: []bool{false, true, false, true, true, false},
		sweep: []metric.Point{
			pt(inf, 0, 0, 3, 3),
			pt(0.9, 1, 0, 2, 3),
			pt(0.8, 2, 1, 1, 2),
			pt(0.5, 3, 2, 0, 1),
			pt(0.2, 3, 3, 0, 0),
		},
		// At 0.8: TP 2, FP 1, FN 1. P = 2/3, R = 2/3, F1 = 4/(4+1+1) = 2/3.
		t: 0.8, prec: 2.0 / 3, rec: 2.0 / 3, f1: 2.0 / 3,
		// AP = 1/3·1 + 1/3·2/3 + 1/3·3/5 + 0·1/2 = 15/45 + 10/45 + 9/45 = 34/45.
		ap: 34.0 / 45,
		// U over 3·3 pairs: 0.9 beats 3; 0.8 beats 2, ties 1 (2.5);
		// 0.5 beats 1, ties 1 (1.5). 7/9.
		auc: 7.0 / 9,
		// F1 by point: 0, 2/4, 4/6, 6/8, 6/9: the best is 3/4 at 0.5.
		bestF1: 0.5,
		// Accuracy by point: 3/6, 4/6, 4/6, 4/6, 3/6: the tie goes to 0.9.
		bestAc: 0.9,
	},
	{
		name:   "all equal",
		scores: []float64{0.5, 0.5, 0.5, 0.5},
		labels: []bool{true, false, true, false},
		sweep: []metric.Point{
			pt(inf, 0, 0, 2, 2),
			pt(0.5, 2, 2, 0, 0),
		},
		// At 0.5: P = 2/4, R = 2/2, F1 = 4/(4+2+0) = 2/3.
		t: 0.5, prec: 1.0 / 2, rec: 1, f1: 2.0 / 3,
		// AP = (2/2)·(2/4) = 1/2.
		ap: 1.0 / 2,
		// Every one of the 4 pairs is a tie: 4·1/2 / 4.
		auc: 1.0 / 2,
		// F1: 0, 2/3. Accuracy: 2/4, 2/4: the tie goes to +Inf.
		bestF1: 0.5, bestAc: inf,
	},
	{
		name:   "no positives",
		scores: []float64{0.3, 0.7, 0.3},
		labels: []bool{false, false, false},
		sweep: []metric.Point{
			pt(inf, 0, 0, 0, 3),
			pt(0.7, 0, 1, 0, 2),
			pt(0.3, 0, 3, 0, 0),
		},
		// At 0.3: P = 0/3, R = 0/0 undefined, F1 = 0/(0+3+0) = 0.
		t: 0.3, prec: 0, rec: nan, f1: 0,
		ap: math.NaN(), auc: math.NaN(),
		// Without positives no F1 is worth choosing: +Inf. Accuracy: 3/3,
		// 2/3, 0/3: +Inf.
		bestF1: inf, bestAc: inf,
	},
	{
		name:   "no negatives",
		scores: []float64{0.4, 0.6},
		labels: []bool{true, true},
		sweep: []metric.Point{
			pt(inf, 0, 0, 2, 0),
			pt(0.6, 1, 0, 1, 0),
			pt(0.4, 2, 0, 0, 0),
		},
		// At 0.5: TP 1, FN 1. P = 1/1, R = 1/2, F1 = 2/(2+0+1) = 2/3.
		t: 0.5, prec: 1, rec: 1.0 / 2, f1: 2.0 / 3,
		// AP = 1/2·1 + 1/2·1 = 1.
		ap:  1,
		auc: math.NaN(),
		// F1: 0, 2/3, 1. Accuracy: 0, 1/2, 1.
		bestF1: 0.4, bestAc: 0.4,
	},
	{
		name:   "perfect separation",
		scores: []float64{0.1, 0.95, 0.05, 0.9},
		labels: []bool{false, true, false, true},
		sweep: []metric.Point{
			pt(inf, 0, 0, 2, 2),
			pt(0.95, 1, 0, 1, 2),
			pt(0.9, 2, 0, 0, 2),
			pt(0.1, 2, 1, 0, 1),
			pt(0.05, 2, 2, 0, 0),
		},
		// At 0.5: TP 2, FP 0, FN 0: P = R = F1 = 1.
		t: 0.5, prec: 1, rec: 1, f1: 1,
		// AP = 1/2·1 + 1/2·1 = 1; every positive beats every negative.
		ap: 1, auc: 1,
		// F1: 0, 2/3, 1, 4/5, 2/3. Accuracy: 2/4, 3/4, 1, 3/4, 2/4.
		bestF1: 0.9, bestAc: 0.9,
	},
	{
		name:   "inverted",
		scores: []float64{0.1, 0.95, 0.05, 0.9},
		labels: []bool{true, false, true, false},
		sweep: []metric.Point{
			pt(inf, 0, 0, 2, 2),
			pt(0.95, 0, 1, 2, 1),
			pt(0.9, 0, 2, 2, 0),
			pt(0.1, 1, 2, 1, 0),
			pt(0.05, 2, 2, 0, 0),
		},
		// At 0.5: TP 0, FP 2, FN 2: P = 0/2, R = 0/2, F1 = 0/4.
		t: 0.5, prec: 0, rec: 0, f1: 0,
		// AP = 1/2·1/3 + 1/2·2/4 = 1/6 + 1/4 = 5/12.
		ap: 5.0 / 12,
		// Every negative beats every positive.
		auc: 0,
		// F1: 0, 0, 0, 2/5, 2/3. Accuracy: 2/4, 1/4, 0, 1/4, 2/4: tie to +Inf.
		bestF1: 0.05, bestAc: inf,
	},
	{
		name:  "empty",
		sweep: []metric.Point{pt(inf, 0, 0, 0, 0)},
		t:     0.5,
		// No pairs: every ratio is 0/0, undefined.
		prec: nan, rec: nan, f1: nan,
		ap:     math.NaN(),
		auc:    math.NaN(),
		bestF1: inf, bestAc: inf,
	},
}

func TestHandCases(t *testing.T) {
	for _, tc := range handCases {
		t.Run(tc.name, func(t *testing.T) {
			scores, labels := slices.Clone(tc.scores), slices.Clone(tc.labels)
			points := metric.Sweep(scores, labels)
			if !slices.Equal(points, tc.sweep) {
				t.Errorf("Sweep(%v, %v) =\n\t%v\nwant\n\t%v", tc.scores, tc.labels, points, tc.sweep)
			}
			if !slices.Equal(scores, tc.scores) || !slices.Equal(labels, tc.labels) {
				t.Errorf("Sweep modified its input: %v %v", scores, labels)
			}

			c := metric.At(tc.scores, tc.labels, tc.t)
			for _, m := range []struct {
				name      string
				got, want float64
			}{
				{"Precision", c.Precision(), tc.prec},
				{"Recall", c.Recall(), tc.rec},
				{"F1", c.F1(), tc.f1},
				{"AveragePrecision", metric.AveragePrecision(points), tc.ap},
				{"ROCAUC", metric.ROCAUC(scores, labels), tc.auc},
			} {
				if !near(m.got, m.want, exactTol) {
					t.Errorf("%s at %v = %v, want %v", m.name, tc.t, m.got, m.want)
				}
			}
			if !slices.Equal(scores, tc.scores) || !slices.Equal(labels, tc.labels) {
				t.Errorf("ROCAUC modified its input: %v %v", scores, labels)
			}
			if got := metric.BestF1(tc.sweep).Threshold; got != tc.bestF1 {
				t.Errorf("BestF1(%v).Threshold = %v, want %v", tc.sweep, got, tc.bestF1)
			}
			if got := metric.BestAccuracy(tc.sweep).Threshold; got != tc.bestAc {
				t.Errorf("BestAccuracy(%v).Threshold = %v, want %v", tc.sweep, got, tc.bestAc)
			}
		})
	}
}

func TestMaxRecallAtPrecision(t *testing.T) {
	// The "ties" sweep: precision by point 0, 1, 2/3, 3/5, 1/2;
	// recall 0, 1/3, 2/3, 1, 1.
	points := handCases[0].sweep
	for _, tc := range []struct {
		p      float64
		want   float64 // threshold
		wantOK bool
	}{
		{1, 0.9, true},
		{0.65, 0.8, true},
		// 3.0/5 rounds to the float64 nearest 3/5, which is the literal 0.6:
		// precision >= p holds with equality at 0.5.
		{0.6, 0.5, true},
		// Recall 1 at 0.5 and 0.2: the tie goes to the higher threshold.
		{0.5, 0.5, true},
		{0, 0.5, true},
		{1.01, 0, false},
		{math.NaN(), 0, false},
	} {
		got, ok := metric.MaxRecallAtPrecision(points, tc.p)
		if ok != tc.wantOK || (ok && got.Threshold != tc.want) {
			t.Errorf("MaxRecallAtPrecision(ties, %v) = %v, %t; want threshold %v, %t", tc.p, got, ok, tc.want, tc.wantOK)
		}
	}
	// With no positives every recall is undefined, so no point qualifies,
	// even at p = 0.
	if got, ok := metric.MaxRecallAtPrecision(handCases[2].sweep, 0); ok {
		t.Errorf("MaxRecallAtPrecision(no positives, 0) = %v, %t; want none", got, ok)
	}
	if _, ok := metric.MaxRecallAtPrecision(nil, 0); ok {
		t.Errorf("MaxRecallAtPrecision(nil, 0) ok = true, want false")
	}
}

// randomSet returns n seeded scores and labels, each label true with
// probability pPos. With decimals >= 0 the scores are rounded to that many
// decimal places, which makes heavy ties.
func randomSet(r *rand.Rand, n int, pPos float64, decimals int) ([]float64, []bool) {
	scores := make([]float64, n)
	labels := make([]bool, n)
	for i := range scores {
		labels[i] = r.Float64() < pPos
		// Positives lean high, so the curves are not just the diagonal.
		s := r.Float64()
		if labels[i] {
			s = math.Sqrt(s)
		}
		if decimals >= 0 {
			p := math.Pow(10, float64(decimals))
			s = math.Round(s*p) / p
		}
		scores[i] = s
	}
	return scores, labels
}

type randomCase struct {
	name     string
	scores   []float64
	labels   []bool
	pos, neg int
}

// randomCases is a fixed, seeded collection of data sets: sizes from 1 to
// 2000, rare to common positives, continuous scores and scores rounded to 1
// decimal (at most 11 distinct values, so heavy ties).
func randomCases() []randomCase {
	r := rand.New(rand.NewPCG(2025, 11))
	var cases []randomCase
	for _, n := range []int{1, 2, 7, 60, 500, 2000} {
		for _, pPos := range []float64{0.05, 0.5, 0.9} {
			for _, dec := range []int{1, -1} {
				s, l := randomSet(r, n, pPos, dec)
				var pos int
				for _, b := range l {
					if b {
						pos++
					}
				}
				cases = append(cases, randomCase{
					name:   fmt.Sprintf("n=%d/pos=%.2f/decimals=%d", n, pPos, dec),
					scores: s, labels: l, pos: pos, neg: n - pos,
				})
			}
		}
	}
	return cases
}

// bruteAt counts the confusion at t pair by pair.
func bruteAt(scores []float64, labels []bool, t float64) metric.Confusion {
	var c metric.Confusion
	for i := range scores {
		pred := scores[i] >= t
		switch {
		case pred && labels[i]:
			c.TP++
		case pred:
			c.FP++
		case labels[i]:
			c.FN++
		default:
			c.TN++
		}
	}
	return c
}

func TestSweepAgainstGonumROC(t *testing.T) {
	for _, rc := range randomCases() {
		t.Run(rc.name, func(t *testing.T) {
			points := metric.Sweep(rc.scores, rc.labels)

			// stat.ROC wants y ascending with the classes in the same order;
			// thresh[i] is descending from +Inf and tpr[i], fpr[i] are the
			// rates for y >= thresh[i].
			y, classes := slices.Clone(rc.scores), slices.Clone(rc.labels)
			stat.SortWeightedLabeled(y, classes, nil)
			tpr, fpr, thresh := stat.ROC(nil, y, classes, nil)

			if len(thresh) != len(points) {
				t.Fatalf("stat.ROC gave %d thresholds, Sweep %d points", len(thresh), len(points))
			}
			for i, th := range thresh {
				p := points[i]
				if p.Threshold != th {
					t.Errorf("point %d: Sweep threshold %v, stat.ROC %v", i, p.Threshold, th)
					continue
				}
				// With an empty class stat.ROC's rate for it is 0/0 = NaN.
				if rc.pos > 0 {
					if got := tpr[i] * float64(rc.pos); math.Abs(got-float64(p.TP)) > countTol {
						t.Errorf("at %v: stat.ROC TPR·P = %v, Sweep TP = %d", th, got, p.TP)
					}
				}
				if rc.neg > 0 {
					if got := fpr[i] * float64(rc.neg); math.Abs(got-float64(p.FP)) > countTol {
						t.Errorf("at %v: stat.ROC FPR·N = %v, Sweep FP = %d", th, got, p.FP)
					}
				}
				if p.Positives() != rc.pos || p.Negatives() != rc.neg {
					t.Errorf("at %v: %d positives, %d negatives; want %d, %d", th, p.Positives(), p.Negatives(), rc.pos, rc.neg)
				}
			}
		})
	}
}

func TestAtAgainstBruteForce(t *testing.T) {
	for _, rc := range randomCases() {
		t.Run(rc.name, func(t *testing.T) {
			points := metric.Sweep(rc.scores, rc.labels)
			for i, p := range points {
				want := bruteAt(rc.scores, rc.labels, p.Threshold)
				if got := metric.At(rc.scores, rc.labels, p.Threshold); got != want {
					t.Errorf("At(%v) = %+v, want %+v", p.Threshold, got, want)
				}
				if p.Confusion != want {
					t.Errorf("Sweep point at %v = %+v, want %+v", p.Threshold, p.Confusion, want)
				}
				// Between this threshold and the next lower one the
				// confusion is this point's.
				lo := math.Inf(-1)
				if i+1 < len(points) {
					lo = points[i+1].Threshold
				}
				hi := p.Threshold
				if math.IsInf(hi, 1) {
					hi = 2 // above every score in [0, 1]
				}
				mid := lo/2 + hi/2
				if math.IsInf(lo, -1) {
					mid = hi - 1
				}
				if got := metric.At(rc.scores, rc.labels, mid); got != p.Confusion {
					t.Errorf("At(%v), between %v and %v, = %+v, want %+v", mid, lo, p.Threshold, got, p.Confusion)
				}
			}
		})
	}
}

func TestSweepInvariants(t *testing.T) {
	for _, rc := range randomCases() {
		points := metric.Sweep(rc.scores, rc.labels)
		first, last := points[0], points[len(points)-1]
		if first != pt(inf, 0, 0, rc.pos, rc.neg) {
			t.Errorf("%s: first point %v, want {+Inf 0 0 %d %d}", rc.name, first, rc.pos, rc.neg)
		}
		if last.FN != 0 || last.TN != 0 || last.Threshold != slices.Min(rc.scores) {
			t.Errorf("%s: last point %v, want every pair predicted positive at the lowest score %v", rc.name, last, slices.Min(rc.scores))
		}
		distinct := len(slices.Compact(slices.Sorted(slices.Values(rc.scores))))
		if len(points) != distinct+1 {
			t.Errorf("%s: %d points, want %d distinct scores + 1", rc.name, len(points), distinct)
		}
		for i := 1; i < len(points); i++ {
			a, b := points[i-1], points[i]
			if !(b.Threshold < a.Threshold) || b.TP+b.FP <= a.TP+a.FP || b.TP < a.TP || b.FP < a.FP {
				t.Errorf("%s: point %d %v does not follow %v", rc.name, i, b, a)
			}
		}
	}
}

// bruteAP is the mean, over the positive pairs, of the precision at the
// threshold equal to that pair's score (every pair tied with it enters with
// it), computed pair by pair in O(n²).
func bruteAP(scores []float64, labels []bool) float64 {
	var sum float64
	var pos int
	for i, s := range scores {
		if !labels[i] {
			continue
		}
		pos++
		var above, posAbove int
		for j, u := range scores {
			if u >= s {
				above++
				if labels[j] {
					posAbove++
				}
			}
		}
		sum += float64(posAbove) / float64(above)
	}
	if pos == 0 {
		return math.NaN()
	}
	return sum / float64(pos)
}

func TestAveragePrecisionAgainstBruteForce(t *testing.T) {
	for _, rc := range randomCases() {
		got := metric.AveragePrecision(metric.Sweep(rc.scores, rc.labels))
		want := bruteAP(rc.scores, rc.labels)
		if !near(got, want, sumTol) {
			t.Errorf("%s: AveragePrecision = %v, want %v", rc.name, got, want)
		}
		if !math.IsNaN(got) && (got < 0 || got > 1) {
			t.Errorf("%s: AveragePrecision = %v, outside [0, 1]", rc.name, got)
		}
	}
}

// mannWhitneyAUC is U/(P·N): over every positive–negative pair, 1 when the
// positive scores higher, 1/2 on a tie.
func mannWhitneyAUC(scores []float64, labels []bool) float64 {
	var u float64
	var pos, neg int
	for i := range scores {
		if !labels[i] {
			neg++
			continue
		}
		pos++
		for j := range scores {
			switch {
			case labels[j]:
			case scores[i] > scores[j]:
				u++
			case scores[i] == scores[j]:
				u += 0.5
			}
		}
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return u / (float64(pos) * float64(neg))
}

func TestROCAUCAgainstMannWhitney(t *testing.T) {
	for _, rc := range randomCases() {
		got := metric.ROCAUC(rc.scores, rc.labels)
		want := mannWhitneyAUC(rc.scores, rc.labels)
		if !near(got, want, sumTol) {
			t.Errorf("%s: ROCAUC = %v, want %v", rc.name, got, want)
		}
	}
}

func TestBestAgainstBruteForce(t *testing.T) {
	for _, rc := range randomCases() {
		points := metric.Sweep(rc.scores, rc.labels)
		for _, b := range []struct {
			name string
			f    func(metric.Confusion) float64
			got  metric.Point
		}{
			{"BestF1", metric.Confusion.F1, metric.BestF1(points)},
			{"BestAccuracy", metric.Confusion.Accuracy, metric.BestAccuracy(points)},
		} {
			// The best value over every point where it is defined, and the
			// highest threshold that reaches it, found with At rather than
			// the sweep. Without positives BestF1 chooses nothing: +Inf.
			bestV := math.NaN()
			bestT := math.Inf(-1)
			for _, p := range points {
				v := b.f(metric.At(rc.scores, rc.labels, p.Threshold))
				if !math.IsNaN(v) && (math.IsNaN(bestV) || v > bestV || (v == bestV && p.Threshold > bestT)) {
					bestV, bestT = v, p.Threshold
				}
			}
			if b.name == "BestF1" && points[0].Positives() == 0 {
				bestV, bestT = math.NaN(), math.Inf(1)
			}
			if gotV := b.f(b.got.Confusion); b.got.Threshold != bestT || !(gotV == bestV || math.IsNaN(gotV) && math.IsNaN(bestV)) {
				t.Errorf("%s: %s = %v (value %v), want threshold %v (value %v)", rc.name, b.name, b.got, b.f(b.got.Confusion), bestT, bestV)
			}
		}
	}
}

func TestPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
		want string // in the panic message
	}{
		{"At/length", func() { metric.At([]float64{0.1}, nil, 0.5) }, "1 scores but 0 labels"},
		{"At/NaN", func() { metric.At([]float64{0.1, math.NaN()}, []bool{true, false}, 0.5) }, "score 1 is NaN"},
		{"Sweep/length", func() { metric.Sweep([]float64{0.1, 0.2}, []bool{true}) }, "2 scores but 1 labels"},
		{"Sweep/NaN", func() { metric.Sweep([]float64{math.NaN()}, []bool{true}) }, "score 0 is NaN"},
		{"Sweep/+Inf", func() { metric.Sweep([]float64{0.5, inf}, []bool{true, false}) }, "score 1 is +Inf"},
		{"ROCAUC/length", func() { metric.ROCAUC(nil, []bool{true}) }, "0 scores but 1 labels"},
		{"ROCAUC/NaN", func() { metric.ROCAUC([]float64{0.3, math.NaN()}, []bool{true, false}) }, "score 1 is NaN"},
		{"BestF1/empty", func() { metric.BestF1(nil) }, "no points"},
		{"BestAccuracy/empty", func() { metric.BestAccuracy(nil) }, "no points"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if r == nil || !strings.Contains(msg, tc.want) || !strings.HasPrefix(msg, "metric: ") {
					t.Errorf("panic = %v, want a metric: panic containing %q", r, tc.want)
				}
			}()
			tc.f()
		})
	}
}

func TestAveragePrecisionNoPoints(t *testing.T) {
	if got := metric.AveragePrecision(nil); !math.IsNaN(got) {
		t.Errorf("AveragePrecision(nil) = %v, want NaN", got)
	}
}

// FuzzSweep decodes each byte into a pair (score = high 7 bits / 127, so many
// ties; label = low bit) and checks the sweep's properties against At, the
// brute-force AP and the Mann–Whitney AUC.
func FuzzSweep(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0xff})
	f.Add([]byte{0x00, 0x01, 0x80, 0x81, 0xfe, 0xff})
	f.Add([]byte("near-duplicate text detection"))
	f.Fuzz(func(t *testing.T, data []byte) {
		scores := make([]float64, len(data))
		labels := make([]bool, len(data))
		for i, b := range data {
			scores[i] = float64(b>>1) / 127
			labels[i] = b&1 == 1
		}
		points := metric.Sweep(scores, labels)
		for i, p := range points {
			if got := metric.At(scores, labels, p.Threshold); got != p.Confusion {
				t.Fatalf("At(%v) = %+v, Sweep point %+v", p.Threshold, got, p.Confusion)
			}
			if i > 0 && !(p.Threshold < points[i-1].Threshold) {
				t.Fatalf("thresholds not decreasing: %v after %v", p.Threshold, points[i-1].Threshold)
			}
		}
		if got, want := metric.AveragePrecision(points), bruteAP(scores, labels); !near(got, want, sumTol) {
			t.Fatalf("AveragePrecision = %v, brute force %v", got, want)
		}
		if got, want := metric.ROCAUC(scores, labels), mannWhitneyAUC(scores, labels); !near(got, want, sumTol) {
			t.Fatalf("ROCAUC = %v, Mann–Whitney %v", got, want)
		}
		b := metric.BestF1(points)
		for _, p := range points {
			if p.F1() > b.F1() {
				t.Fatalf("BestF1 = %v with F1 %v, but %v has F1 %v", b, b.F1(), p, p.F1())
			}
		}
	})
}

func BenchmarkSweep(b *testing.B) {
	const n = 100_000
	scores, labels := randomSet(rand.New(rand.NewPCG(1, 2)), n, 0.1, -1)
	b.ReportAllocs()
	for b.Loop() {
		metric.Sweep(scores, labels)
	}
}

func BenchmarkROCAUC(b *testing.B) {
	const n = 100_000
	scores, labels := randomSet(rand.New(rand.NewPCG(1, 2)), n, 0.1, -1)
	b.ReportAllocs()
	for b.Loop() {
		metric.ROCAUC(scores, labels)
	}
}

// TestSweepSignedScores checks Sweep on scores outside [0, 1], which it
// accepts: −Inf, negatives, −0 beside +0 (one threshold), and the largest
// float, against At at each point and a count of the distinct values.
func TestSweepSignedScores(t *testing.T) {
	vals := []float64{math.Inf(-1), -math.MaxFloat64, -1, -0.5, math.Copysign(0, -1), 0, math.SmallestNonzeroFloat64, 0.25, 1, math.MaxFloat64}
	rng := rand.New(rand.NewPCG(13, 14))
	for trial := range 300 {
		n := rng.IntN(40)
		scores, labels := make([]float64, n), make([]bool, n)
		distinct := map[float64]bool{} // −0 and +0 are one key
		for i := range scores {
			scores[i] = vals[rng.IntN(len(vals))]
			labels[i] = rng.IntN(2) == 0
			distinct[scores[i]] = true
		}
		points := metric.Sweep(scores, labels)
		if got, want := len(points), 1+len(distinct); got != want {
			t.Fatalf("trial %d: %d points, want %d (scores %v)", trial, got, want, scores)
		}
		for i, p := range points {
			if got := metric.At(scores, labels, p.Threshold); got != p.Confusion {
				t.Fatalf("trial %d: At(%v) = %+v, Sweep point %+v", trial, p.Threshold, got, p.Confusion)
			}
			if i > 0 && !(p.Threshold < points[i-1].Threshold) {
				t.Fatalf("trial %d: thresholds not decreasing: %v after %v", trial, p.Threshold, points[i-1].Threshold)
			}
		}
	}
}

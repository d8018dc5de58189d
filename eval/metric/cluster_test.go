package metric_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/simbench/simbench/eval/metric"
)

// clusterTol bounds the difference between two float64 computations of a
// cluster figure written differently (a sum over cells against a sum over
// documents, a sum over distinct sizes against one over cluster pairs): at
// most a few thousand roundings of 2⁻⁵³ ≈ 1.1e-16 on terms of magnitude at
// most log n ≤ 7, divided for AMI by its denominator (about 0.2 at the
// smallest in these cases). The largest difference seen is about 6e-15.
// ARI and AMI lie in [−1, 1], so it is used relative to max(|want|, 1).
const clusterTol = 1e-12

// nearRel reports whether got is within tol·max(|want|, 1) of want, or both
// are NaN.
func nearRel(got, want, tol float64) bool {
	return near(got, want, tol*math.Max(math.Abs(want), 1))
}

// clusterHand are small partitions whose figures were computed by hand.
// Pairs are P (predicted), G (gold), T (both); N = C(n,2).
var clusterHand = []struct {
	name                string
	pred, gold          []int
	pairs               metric.PairCounts
	pairP, pairR, pairF float64
	bP, bR, bF          float64 // B-cubed
	ari                 float64
	removed             metric.RemovedCounts
	remP, remR, remF    float64
	clusters            metric.ClusterCounts
}{
	{
		// pred {0,1,2} {3,4} {5}: a = 3, 2, 1; gold {0,1} {2,3,4,5}: b = 2, 4.
		// Cells: n(p0,g0) = 2, n(p0,g1) = 1, n(p1,g1) = 2, n(p2,g1) = 1.
		name: "mixed",
		pred: []int{0, 0, 0, 1, 1, 2}, gold: []int{0, 0, 1, 1, 1, 1},
		// P = 3+1 = 4; G = 1+6 = 7; T = 1+0+1+0 = 2.
		pairs: metric.PairCounts{Pred: 4, Gold: 7, True: 2},
		pairP: 2.0 / 4, pairR: 2.0 / 7, pairF: 4.0 / 11,
		// Precision (1/6)(2²/3 + 1²/3 + 2²/2 + 1²/1) = (1/6)(14/3) = 7/9;
		// recall (1/6)(2²/2 + 1²/4 + 2²/4 + 1²/4) = (1/6)(7/2) = 7/12;
		// F1 2·(7/9)(7/12)/(7/9 + 7/12) = 2·(49/108)/(49/36) = 2/3.
		bP: 7.0 / 9, bR: 7.0 / 12, bF: 2.0 / 3,
		// N = 15: 2(15·2 − 4·7)/(15·11 − 2·4·7) = 4/109.
		ari: 4.0 / 109,
		// Kept 0, 3, 5; removed 1 (0 before it, same gold: right), 2 (gold
		// g1, the earlier 0, 1 are g0: wrong), 4 (3 before it, same gold:
		// right). Needed 6 − 2 gold clusters = 4.
		removed: metric.RemovedCounts{Removed: 3, Correct: 2, Needed: 4},
		remP:    2.0 / 3, remR: 2.0 / 4, remF: 4.0 / 7,
		clusters: metric.ClusterCounts{Largest: 3, NonSingleton: 2},
	},
	{
		// No documents: every ratio is 0/0; ARI 1 by scikit-learn's rule.
		name:  "n = 0",
		pairP: nan, pairR: nan, pairF: nan,
		bP: nan, bR: nan, bF: nan,
		ari:  1,
		remP: nan, remR: nan, remF: nan,
	},
	{
		// One document: no pairs, nothing removed; B-cubed 1/1.
		name: "n = 1",
		pred: []int{7}, gold: []int{3},
		pairP: nan, pairR: nan, pairF: nan,
		bP: 1, bR: 1, bF: 1,
		ari:  1,
		remP: nan, remR: nan, remF: nan,
		clusters: metric.ClusterCounts{Largest: 1},
	},
	{
		// Both one cluster of two: the pair is right.
		name: "n = 2 together",
		pred: []int{0, 0}, gold: []int{5, 5},
		pairs: metric.PairCounts{Pred: 1, Gold: 1, True: 1},
		pairP: 1, pairR: 1, pairF: 1,
		bP: 1, bR: 1, bF: 1,
		ari:     1,
		removed: metric.RemovedCounts{Removed: 1, Correct: 1, Needed: 1},
		remP:    1, remR: 1, remF: 1,
		clusters: metric.ClusterCounts{Largest: 2, NonSingleton: 1},
	},
	{
		// Predicted together, gold apart: P = 1, G = 0, T = 0.
		name: "n = 2 wrongly joined",
		pred: []int{0, 0}, gold: []int{0, 1},
		pairs: metric.PairCounts{Pred: 1},
		pairP: 0, pairR: nan, pairF: 0, // F1 0/(1+0)
		// Precision (1/2)(1/2 + 1/2) = 1/2; recall (1/2)(1 + 1) = 1;
		// F1 2·(1/2)/(3/2) = 2/3.
		bP: 0.5, bR: 1, bF: 2.0 / 3,
		// N = 1: 2(1·0 − 1·0)/(1·1 − 0) = 0.
		ari:     0,
		removed: metric.RemovedCounts{Removed: 1},
		remP:    0, remR: nan, remF: 0,
		clusters: metric.ClusterCounts{Largest: 2, NonSingleton: 1},
	},
	{
		// Predicted apart, gold together: the mirror image.
		name: "n = 2 missed",
		pred: []int{0, 1}, gold: []int{0, 0},
		pairs: metric.PairCounts{Gold: 1},
		pairP: nan, pairR: 0, pairF: 0,
		bP: 1, bR: 0.5, bF: 2.0 / 3,
		ari:     0,
		removed: metric.RemovedCounts{Needed: 1},
		remP:    nan, remR: 0, remF: 0,
		clusters: metric.ClusterCounts{Largest: 1},
	},
	{
		// All singletons on both sides (different label values): no pairs,
		// nothing removed; ARI 1 by scikit-learn's rule (P = G = T).
		name: "all singletons",
		pred: []int{0, 1, 2, 3, 4}, gold: []int{9, 8, 7, 6, 5},
		pairP: nan, pairR: nan, pairF: nan,
		bP: 1, bR: 1, bF: 1,
		ari:  1,
		remP: nan, remR: nan, remF: nan,
		clusters: metric.ClusterCounts{Largest: 1},
	},
	{
		// One cluster of 5 on both sides: C(5,2) = 10 pairs, all right;
		// 4 documents removed, all rightly.
		name: "one cluster",
		pred: []int{3, 3, 3, 3, 3}, gold: []int{1, 1, 1, 1, 1},
		pairs: metric.PairCounts{Pred: 10, Gold: 10, True: 10},
		pairP: 1, pairR: 1, pairF: 1,
		bP: 1, bR: 1, bF: 1,
		ari:     1,
		removed: metric.RemovedCounts{Removed: 4, Correct: 4, Needed: 4},
		remP:    1, remR: 1, remF: 1,
		clusters: metric.ClusterCounts{Largest: 5, NonSingleton: 1},
	},
	{
		// Identical partitions under other labels: sizes 2, 3, 1.
		name: "identical",
		pred: []int{0, 0, 1, 1, 1, 2}, gold: []int{5, 5, 9, 9, 9, 0},
		pairs: metric.PairCounts{Pred: 4, Gold: 4, True: 4},
		pairP: 1, pairR: 1, pairF: 1,
		bP: 1, bR: 1, bF: 1,
		ari:     1,
		removed: metric.RemovedCounts{Removed: 3, Correct: 3, Needed: 3},
		remP:    1, remR: 1, remF: 1,
		clusters: metric.ClusterCounts{Largest: 3, NonSingleton: 2},
	},
	{
		// pred {0,1} {2,3} {4} {5} splits gold {0,1,2,3} {4,5}.
		name: "pred finer",
		pred: []int{0, 0, 1, 1, 2, 3}, gold: []int{0, 0, 0, 0, 1, 1},
		// P = 1+1 = 2; G = 6+1 = 7; T = 2.
		pairs: metric.PairCounts{Pred: 2, Gold: 7, True: 2},
		pairP: 1, pairR: 2.0 / 7, pairF: 4.0 / 9,
		// Pure clusters: precision 1. Recall (1/6)(2²/4 + 2²/4 + 1/2 + 1/2)
		// = 3/6; F1 2·(1/2)/(3/2) = 2/3.
		bP: 1, bR: 0.5, bF: 2.0 / 3,
		// N = 15: 2(15·2 − 2·7)/(15·9 − 2·2·7) = 32/107.
		ari: 32.0 / 107,
		// Removed 1 and 3, both rightly; needed 6 − 2 = 4.
		removed: metric.RemovedCounts{Removed: 2, Correct: 2, Needed: 4},
		remP:    1, remR: 0.5, remF: 4.0 / 6,
		clusters: metric.ClusterCounts{Largest: 2, NonSingleton: 2},
	},
	{
		// The mirror image: pred {0,1,2,3} {4,5} merges gold {0,1} {2,3} {4} {5}.
		name: "pred coarser",
		pred: []int{0, 0, 0, 0, 1, 1}, gold: []int{0, 0, 1, 1, 2, 3},
		pairs: metric.PairCounts{Pred: 7, Gold: 2, True: 2},
		pairP: 2.0 / 7, pairR: 1, pairF: 4.0 / 9,
		bP: 0.5, bR: 1, bF: 2.0 / 3,
		ari: 32.0 / 107, // ARI is symmetric
		// Removed 1 (right), 2 (gold 1; 0, 1 are gold 0: wrong), 3 (2 is
		// gold 1: right), 5 (gold 3; 4 is gold 2: wrong). Needed 6 − 4 = 2.
		removed: metric.RemovedCounts{Removed: 4, Correct: 2, Needed: 2},
		remP:    0.5, remR: 1, remF: 4.0 / 6,
		clusters: metric.ClusterCounts{Largest: 4, NonSingleton: 2},
	},
	{
		// Everything in one predicted cluster against gold {0,1} {2,3} {4} {5}.
		name: "one giant cluster",
		pred: []int{4, 4, 4, 4, 4, 4}, gold: []int{0, 0, 1, 1, 2, 3},
		// P = C(6,2) = 15; G = 2; T = 2.
		pairs: metric.PairCounts{Pred: 15, Gold: 2, True: 2},
		pairP: 2.0 / 15, pairR: 1, pairF: 4.0 / 17,
		// Precision (1/6)(2²+2²+1+1)/6 = 10/36 = 5/18; recall 1;
		// F1 2·(5/18)/(23/18) = 10/23.
		bP: 5.0 / 18, bR: 1, bF: 10.0 / 23,
		// N = 15: 2(15·2 − 15·2)/(15·17 − 2·15·2) = 0: P = N, chance level.
		ari: 0,
		// 5 removed; right: 1 and 3 (n − cells = 6 − 4); needed 2.
		removed: metric.RemovedCounts{Removed: 5, Correct: 2, Needed: 2},
		remP:    2.0 / 5, remR: 1, remF: 4.0 / 7,
		clusters: metric.ClusterCounts{Largest: 6, NonSingleton: 1},
	},
}

func TestClusterHand(t *testing.T) {
	for _, tc := range clusterHand {
		c := metric.NewContingency(tc.pred, tc.gold)
		if got := c.Pairs(); got != tc.pairs {
			t.Errorf("%s: Pairs() = %+v, want %+v", tc.name, got, tc.pairs)
		}
		if got := c.Removed(); got != tc.removed {
			t.Errorf("%s: Removed() = %+v, want %+v", tc.name, got, tc.removed)
		}
		if got := c.PredClusters(); got != tc.clusters {
			t.Errorf("%s: PredClusters() = %+v, want %+v", tc.name, got, tc.clusters)
		}
		b := c.BCubed()
		p, r := c.Pairs(), c.Removed()
		for _, m := range []struct {
			name      string
			got, want float64
		}{
			{"pair precision", p.Precision(), tc.pairP},
			{"pair recall", p.Recall(), tc.pairR},
			{"pair F1", p.F1(), tc.pairF},
			{"B-cubed precision", b.Precision, tc.bP},
			{"B-cubed recall", b.Recall, tc.bR},
			{"B-cubed F1", b.F1, tc.bF},
			{"ARI", c.ARI(), tc.ari},
			{"removed precision", r.Precision(), tc.remP},
			{"removed recall", r.Recall(), tc.remR},
			{"removed F1", r.F1(), tc.remF},
		} {
			if !near(m.got, m.want, exactTol) {
				t.Errorf("%s: %s = %v, want %v", tc.name, m.name, m.got, m.want)
			}
		}
	}
}

// TestAMIHand checks AMI on partitions small enough to take the
// expectation by hand, and the degenerate cases.
func TestAMIHand(t *testing.T) {
	for _, tc := range []struct {
		name       string
		pred, gold []int
		want       float64
	}{
		// n = 4, U = {0,1} {2,3} (a = 2, 2), V = {0,1} {2} {3} (b = 2, 1, 1).
		// MI = (2/4)log(4·2/(2·2)) + 2·(1/4)log(4·1/(2·1)) = log 2.
		// H(U) = log 2; H(V) = (1/2)log 2 + 2·(1/4)log 4 = (3/2)log 2.
		// E[MI]: a size-2 cluster against a size-2 one, k = 1 or 2 with
		// h(1) = C(2,1)C(2,1)/C(4,2) = 4/6, h(2) = C(2,2)C(2,0)/C(4,2) = 1/6:
		// (1/4)log(4/4)·(4/6) + (2/4)log(8/4)·(1/6) = (1/12)log 2, twice;
		// size 2 against size 1, k = 1, h(1) = C(1,1)C(3,1)/C(4,2) = 1/2:
		// (1/4)log(4/2)·(1/2) = (1/8)log 2, four times. E[MI] = (2/3)log 2.
		// AMI = (1 − 2/3)/((1 + 3/2)/2 − 2/3) = (1/3)/(7/12) = 4/7.
		{"n = 4", []int{0, 0, 1, 1}, []int{0, 0, 1, 2}, 4.0 / 7},
		{"n = 4 swapped", []int{0, 0, 1, 2}, []int{0, 0, 1, 1}, 4.0 / 7},
		// n = 4, a = 2, 2 against b = 3, 1: every arrangement of these
		// sizes gives the same table up to relabelling, so MI = E[MI] =
		// (3/2)log 2 − (3/4)log 3 and AMI = 0 (up to rounding here: no
		// special case applies).
		{"no freedom", []int{0, 0, 1, 1}, []int{0, 0, 0, 1}, 0},
		// scikit-learn's special case: no documents, or both one cluster.
		{"n = 0", nil, nil, 1},
		{"n = 1", []int{0}, []int{1}, 1},
		{"one cluster", []int{3, 3, 3}, []int{1, 1, 1}, 1},
		// Both all singletons (n ≥ 2): 0/0, 1 as scikit-learn's eps clamp
		// gives (its test_perfect_matches: [0,1,2] against [42,7,2]).
		{"all singletons", []int{0, 1, 2}, []int{42, 7, 2}, 1},
		// Identical partitions: 1.
		{"identical", []int{0, 1, 0}, []int{42, 7, 42}, 1},
		// One side one cluster or all singletons, the other not: MI = E[MI],
		// AMI = 0 (scikit-learn's documentation: [0,0,0,0] against
		// [0,1,2,3] gives 0.0).
		{"one cluster vs singletons", []int{0, 0, 0, 0}, []int{0, 1, 2, 3}, 0},
		{"singletons vs one cluster", []int{0, 1, 2, 3}, []int{0, 0, 0, 0}, 0},
		{"singletons vs pairs", []int{0, 1, 2, 3}, []int{0, 0, 1, 1}, 0},
		{"one cluster vs pairs", []int{0, 0, 0, 0}, []int{0, 0, 1, 1}, 0},
	} {
		if got := metric.AMI(tc.pred, tc.gold); !near(got, tc.want, exactTol) {
			t.Errorf("%s: AMI(%v, %v) = %v, want %v", tc.name, tc.pred, tc.gold, got, tc.want)
		}
	}
}

// sklearnA and sklearnB are the labels of scikit-learn's
// test_adjusted_mutual_info_score (sklearn/metrics/cluster/tests/
// test_supervised.py), which checks MI 0.41022, E[MI] 0.15042 and AMI
// 0.27821 to 5 decimals.
var (
	sklearnA = []int{1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3}
	sklearnB = []int{1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2}
)

// cancelPred and cancelGold are 55 documents, mostly singletons, whose MI
// and E[MI] nearly cancel.
var (
	cancelPred = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 6, 14, 15, 16, 17, 18, 19, 20, 20, 22, 23, 24, 3, 26, 27, 28, 10, 30, 31, 32, 33, 34, 35, 36, 16, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 27, 53, 54}
	cancelGold = []int{0, 0, 0, 3, 4, 5, 6, 7, 8, 0, 10, 11, 12, 13, 14, 15, 16, 17, 18, 12, 20, 11, 12, 6, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 4, 39, 40, 41, 42, 43, 14, 45, 46, 47, 7, 49, 11, 51, 52, 53, 54}
)

// TestSklearnExamples checks the values in scikit-learn's documentation and
// tests. assert_almost_equal(x, y, d) passes when |x − y| < 1.5·10⁻ᵈ, and
// the documentation's "0.57..." is a truncation; the tolerances say which.
// scikit-learn's argument order is (labels_true, labels_pred), ours
// (pred, gold); both scores are symmetric.
func TestSklearnExamples(t *testing.T) {
	rep := func(x []int, k int) []int {
		var out []int
		for range k {
			out = append(out, x...)
		}
		return out
	}
	for _, tc := range []struct {
		name      string
		got       float64
		want, tol float64
	}{
		// adjusted_rand_score docstring. [0,0,1,2] against [0,0,1,1]:
		// P = 2, G = 1, T = 1, N = 6: 2(6 − 2)/(6·3 − 4) = 4/7 = 0.5714…
		{"ARI perfect", metric.ARI([]int{0, 0, 1, 1}, []int{0, 0, 1, 1}), 1, 0},
		{"ARI relabelled", metric.ARI([]int{1, 1, 0, 0}, []int{0, 0, 1, 1}), 1, 0},
		{"ARI impure 0.57...", metric.ARI([]int{0, 0, 1, 1}, []int{0, 0, 1, 2}), 4.0 / 7, exactTol},
		{"ARI split 0.57...", metric.ARI([]int{0, 0, 1, 2}, []int{0, 0, 1, 1}), 4.0 / 7, exactTol},
		{"ARI incomplete 0.0", metric.ARI([]int{0, 1, 2, 3}, []int{0, 0, 0, 0}), 0, 0},
		{"ARI discordant -0.5", metric.ARI([]int{0, 1, 0, 1}, []int{0, 0, 1, 1}), -0.5, 0},
		// test_non_consecutive_labels: 0.24 to 2 decimals; by hand P = 3,
		// G = 6, T = 2, N = 15: 2(30 − 18)/(15·9 − 36) = 24/99.
		{"ARI gaps 0.24", metric.ARI([]int{0, 1, 0, 1, 2, 2}, []int{0, 0, 0, 1, 1, 1}), 0.24, 1.5e-2},
		{"ARI gaps exact", metric.ARI([]int{0, 4, 0, 4, 2, 2}, []int{0, 0, 0, 1, 1, 1}), 24.0 / 99, exactTol},
		// adjusted_mutual_info_score docstring.
		{"AMI perfect", metric.AMI([]int{0, 0, 1, 1}, []int{0, 0, 1, 1}), 1, 0},
		{"AMI relabelled", metric.AMI([]int{1, 1, 0, 0}, []int{0, 0, 1, 1}), 1, 0},
		{"AMI incomplete 0.0", metric.AMI([]int{0, 1, 2, 3}, []int{0, 0, 0, 0}), 0, 0},
		// test_adjusted_mutual_info_score.
		{"AMI 0.27821", metric.AMI(sklearnB, sklearnA), 0.27821, 1.5e-5},
		{"AMI [1,1,2,2] [2,2,3,3]", metric.AMI([]int{2, 2, 3, 3}, []int{1, 1, 2, 2}), 1, 0},
		{"AMI ×110 0.38", metric.AMI(rep(sklearnB, 110), rep(sklearnA, 110)), 0.38, 1.5e-2},
		// The same two, with MI, E[MI] and the entropies computed to 50
		// digits by a plain Python transcription of the formulas (decimal
		// module, exact binomials from math.comb): AMI =
		// 0.278209646572697739886… and 0.377735164436749460867…. MI, E[MI]
		// and the mean entropy are about 1 and sums of under 10⁴ terms, so
		// float64 gets them to about 1e-13; the denominators are 0.93 and
		// 1.08. The ×110 case has clusters of 550 to 660 documents, so its
		// log-binomials come from math.Lgamma: Lgamma(1871) ≈ 1.2e4 carries
		// a few e-12 of rounding into each log-probability, a relative error
		// of E[MI] ≈ 0.001, so about 1e-14 of AMI.
		{"AMI to 50 digits", metric.AMI(sklearnB, sklearnA), 0.27820964657269773988679529349408779363852110746163, 1e-12},
		{"AMI ×110 to 50 digits", metric.AMI(rep(sklearnB, 110), rep(sklearnA, 110)), 0.37773516443674946086719657933354224019334341551765, 1e-12},
		// A mostly-singleton pair from randomPartitions where MI ≈ 3.5346
		// and E[MI] ≈ 3.5362 nearly cancel: AMI by the same 50-digit
		// transcription, −0.00694168064203723973657931….
		{"AMI near-cancelling to 50 digits", metric.AMI(cancelPred, cancelGold), -0.0069416806420372397365793125514281690022093112528718, 1e-12},
	} {
		if !near(tc.got, tc.want, tc.tol) {
			t.Errorf("%s: got %v, want %v ± %v", tc.name, tc.got, tc.want, tc.tol)
		}
	}
}

// TestContingency checks the table of scikit-learn's contingency_matrix
// docstring (true [0,0,1,1,2,2], pred [1,0,2,1,0,2]: every row and column
// has two ones) and the numbering by first document.
func TestContingency(t *testing.T) {
	c := metric.NewContingency([]int{1, 0, 2, 1, 0, 2}, []int{0, 0, 1, 1, 2, 2})
	want := metric.Contingency{
		N:         6,
		PredSizes: []int{2, 2, 2}, // labels 1, 0, 2 in order of first document
		GoldSizes: []int{2, 2, 2},
		Cells: []metric.Cell{
			{Pred: 0, Gold: 0, Count: 1}, {Pred: 0, Gold: 1, Count: 1}, // documents 0, 3
			{Pred: 1, Gold: 0, Count: 1}, {Pred: 1, Gold: 2, Count: 1}, // 1, 4
			{Pred: 2, Gold: 1, Count: 1}, {Pred: 2, Gold: 2, Count: 1}, // 2, 5
		},
	}
	if c.N != want.N || !slices.Equal(c.PredSizes, want.PredSizes) ||
		!slices.Equal(c.GoldSizes, want.GoldSizes) || !slices.Equal(c.Cells, want.Cells) {
		t.Errorf("NewContingency = %+v, want %+v", c, want)
	}
	// Labels far above n take the map path; the table is the same.
	big := metric.NewContingency([]int{1 << 30, 0, 3 << 28, 1 << 30, 0, 3 << 28}, []int{0, 0, 1 << 29, 1 << 29, 2, 2})
	if !slices.Equal(big.Cells, want.Cells) || !slices.Equal(big.PredSizes, want.PredSizes) {
		t.Errorf("NewContingency with large labels = %+v, want %+v", big, want)
	}
}

// randomPartitions returns seeded pairs of partitions of n = 0..60
// documents of several shapes: independent, one derived from the other by
// splits and merges, mostly singletons, few clusters, and large label
// values; and a few of n up to 700 with few clusters, so that a cluster is
// large enough for AMI to take log-binomials from math.Lgamma.
func randomPartitions() [][2][]int {
	r := rand.New(rand.NewPCG(7, 11))
	labels := func(n, k int) []int {
		l := make([]int, n)
		for i := range l {
			l[i] = r.IntN(k)
		}
		return l
	}
	var out [][2][]int
	for i := range 600 {
		n := i % 61
		k := 1 + r.IntN(n+1)
		gold := labels(n, k)
		var pred []int
		switch i % 5 {
		case 0: // independent
			pred = labels(n, 1+r.IntN(n+1))
		case 1: // gold with some documents moved or split off
			pred = slices.Clone(gold)
			for d := range pred {
				switch r.IntN(6) {
				case 0:
					pred[d] = n + d // a singleton
				case 1:
					pred[d] = r.IntN(k) // moved
				}
			}
		case 2: // gold with clusters merged in pairs
			pred = make([]int, n)
			for d := range pred {
				pred[d] = gold[d] / 2
			}
		case 3: // mostly singletons on both sides
			gold = make([]int, n)
			pred = make([]int, n)
			for d := range gold {
				gold[d], pred[d] = d, d
				if d > 0 && r.IntN(4) == 0 {
					gold[d] = gold[r.IntN(d)]
				}
				if d > 0 && r.IntN(4) == 0 {
					pred[d] = pred[r.IntN(d)]
				}
			}
		case 4: // few clusters, labels scaled far above n (the map path)
			gold = labels(n, 1+r.IntN(3))
			pred = labels(n, 1+r.IntN(3))
			for d := range pred {
				pred[d] = pred[d]*1_000_003_001 + 5
			}
		}
		out = append(out, [2][]int{pred, gold})
	}
	for _, n := range []int{300, 520, 700} {
		out = append(out, [2][]int{labels(n, 2), labels(n, 3)})
		out = append(out, [2][]int{labels(n, 1+r.IntN(4)), labels(n, 1+r.IntN(2))})
	}
	return out
}

// brutePairs counts the pairs of documents together in pred, in gold and
// in both, over all n(n−1)/2 pairs.
func brutePairs(pred, gold []int) (p, g, tp int64) {
	for i := range pred {
		for j := i + 1; j < len(pred); j++ {
			sp, sg := pred[i] == pred[j], gold[i] == gold[j]
			if sp {
				p++
			}
			if sg {
				g++
			}
			if sp && sg {
				tp++
			}
		}
	}
	return p, g, tp
}

// bruteARI is scikit-learn's form of the adjusted Rand index over the pair
// confusion (tp, fp, fn, tn): 2(tp·tn − fn·fp) / ((tp+fn)(fn+tn) +
// (tp+fp)(fp+tn)), and 1 when fn = fp = 0.
func bruteARI(pred, gold []int) float64 {
	p, g, tp := brutePairs(pred, gold)
	n := int64(len(pred))
	fp, fn := p-tp, g-tp
	tn := n*(n-1)/2 - tp - fp - fn
	if fn == 0 && fp == 0 {
		return 1
	}
	return 2 * float64(tp*tn-fn*fp) / float64((tp+fn)*(fn+tn)+(tp+fp)*(fp+tn))
}

// bruteBCubed averages, over documents, the share of the document's
// predicted cluster in its gold cluster and the reverse, counting members.
func bruteBCubed(pred, gold []int) (prec, rec float64) {
	n := len(pred)
	for d := range n {
		var inP, inG, inBoth int
		for e := range n {
			sp, sg := pred[e] == pred[d], gold[e] == gold[d]
			if sp {
				inP++
			}
			if sg {
				inG++
			}
			if sp && sg {
				inBoth++
			}
		}
		prec += float64(inBoth) / float64(inP)
		rec += float64(inBoth) / float64(inG)
	}
	return prec / float64(n), rec / float64(n)
}

// bruteRemoved walks the documents in order: d is removed when an earlier
// document shares its predicted cluster, rightly when one of those shares
// its gold cluster too. A perfect deduplicator removes the documents with
// an earlier one in their gold cluster.
func bruteRemoved(pred, gold []int) metric.RemovedCounts {
	var r metric.RemovedCounts
	for d := range pred {
		var samePred, both, sameGold bool
		for e := range d {
			samePred = samePred || pred[e] == pred[d]
			sameGold = sameGold || gold[e] == gold[d]
			both = both || (pred[e] == pred[d] && gold[e] == gold[d])
		}
		if samePred {
			r.Removed++
		}
		if both {
			r.Correct++
		}
		if sameGold {
			r.Needed++
		}
	}
	return r
}

// binomials caches exact binomial coefficients.
var binomials = map[[2]int]*big.Int{}

func binomial(n, k int) *big.Int {
	key := [2]int{n, k}
	if b, ok := binomials[key]; ok {
		return b
	}
	b := new(big.Int).Binomial(int64(n), int64(k))
	binomials[key] = b
	return b
}

// bruteAMI is AMI as scikit-learn computes it, written out plainly: a dense
// R×C table, MI summed over its nonzero cells, E[MI] summed over every
// pair of clusters (not of distinct sizes) and every k, with the
// hypergeometric probability from exact binomials rounded once, and
// scikit-learn's special cases (n = 0 or both one cluster: 1; numerator and
// denominator clamped away from 0 by the float64 epsilon, keeping their
// sign).
func bruteAMI(pred, gold []int) float64 {
	n := len(pred)
	index := func(labels []int) ([]int, []int) {
		id := map[int]int{}
		ids := make([]int, len(labels))
		var sizes []int
		for d, l := range labels {
			if _, ok := id[l]; !ok {
				id[l] = len(sizes)
				sizes = append(sizes, 0)
			}
			ids[d] = id[l]
			sizes[id[l]]++
		}
		return ids, sizes
	}
	pi, a := index(pred)
	gj, b := index(gold)
	if n == 0 || (len(a) == 1 && len(b) == 1) {
		return 1
	}
	table := make([][]int, len(a))
	for i := range table {
		table[i] = make([]int, len(b))
	}
	for d := range n {
		table[pi[d]][gj[d]]++
	}
	N := float64(n)
	var mi float64
	for i := range a {
		for j := range b {
			if x := float64(table[i][j]); x > 0 {
				mi += x / N * (math.Log(x) - math.Log(N) - math.Log(float64(a[i])*float64(b[j])) + 2*math.Log(N))
			}
		}
	}
	h := func(sizes []int) float64 {
		var s float64
		for _, x := range sizes {
			s -= float64(x) / N * math.Log(float64(x)/N)
		}
		return s
	}
	// Thousands of terms: Neumaier's compensated sum keeps the reference's
	// own rounding near one ulp of E[MI].
	var emi, comp float64
	for _, ai := range a {
		for _, bj := range b {
			for k := max(1, ai+bj-n); k <= min(ai, bj); k++ {
				num := new(big.Int).Mul(binomial(bj, k), binomial(n-bj, ai-k))
				p, _ := new(big.Rat).SetFrac(num, binomial(n, ai)).Float64()
				x := float64(k) / N * math.Log(N*float64(k)/(float64(ai)*float64(bj))) * p
				s := emi + x
				if math.Abs(emi) >= math.Abs(x) {
					comp += (emi - s) + x
				} else {
					comp += (x - s) + emi
				}
				emi = s
			}
		}
	}
	emi += comp
	const eps = 0x1p-52
	clamp := func(x float64) float64 {
		if x < 0 {
			return min(x, -eps)
		}
		return max(x, eps)
	}
	return clamp(mi-emi) / clamp((h(a)+h(b))/2-emi)
}

// TestClusterAgainstBruteForce compares every figure with the plain
// reimplementations above on the random partitions. Counts must agree
// exactly, ratios within clusterTol. Where scikit-learn's clamp turns a
// numerator that is 0 up to rounding into ±eps/denominator, ours is 0: both
// are within clusterTol of 0.
func TestClusterAgainstBruteForce(t *testing.T) {
	var worstAMI, worstB float64
	for _, pg := range randomPartitions() {
		pred, gold := pg[0], pg[1]
		c := metric.NewContingency(pred, gold)
		name := fmt.Sprintf("n=%d pred=%v gold=%v", len(pred), pred, gold)
		if len(pred) > 60 {
			name = fmt.Sprintf("n=%d", len(pred))
		}

		p, g, tp := brutePairs(pred, gold)
		if got, want := c.Pairs(), (metric.PairCounts{Pred: p, Gold: g, True: tp}); got != want {
			t.Errorf("%s: Pairs() = %+v, want %+v", name, got, want)
		}
		if got, want := c.Removed(), bruteRemoved(pred, gold); got != want {
			t.Errorf("%s: Removed() = %+v, want %+v", name, got, want)
		}
		var largest, nonSingleton int
		for _, l := range slices.Compact(slices.Sorted(slices.Values(pred))) {
			s := 0
			for _, x := range pred {
				if x == l {
					s++
				}
			}
			largest = max(largest, s)
			if s >= 2 {
				nonSingleton++
			}
		}
		if got, want := c.PredClusters(), (metric.ClusterCounts{Largest: largest, NonSingleton: nonSingleton}); got != want {
			t.Errorf("%s: PredClusters() = %+v, want %+v", name, got, want)
		}

		bp, br := bruteBCubed(pred, gold)
		got := c.BCubed()
		if len(pred) > 0 {
			worstB = max(worstB, math.Abs(got.Precision-bp), math.Abs(got.Recall-br))
		}
		if !nearRel(got.Precision, bp, clusterTol) || !nearRel(got.Recall, br, clusterTol) {
			t.Errorf("%s: BCubed() = %+v, want precision %v recall %v", name, got, bp, br)
		}

		if got, want := c.ARI(), bruteARI(pred, gold); !nearRel(got, want, clusterTol) {
			t.Errorf("%s: ARI() = %v, want %v", name, got, want)
		}
		if got, want := metric.ARI(gold, pred), c.ARI(); got != want {
			t.Errorf("%s: ARI not symmetric: %v and %v", name, got, want)
		}

		want := bruteAMI(pred, gold)
		gotAMI := c.AMI()
		if d := math.Abs(gotAMI - want); d > worstAMI {
			worstAMI = d
			t.Logf("%s: AMI %v, brute force %v", name, gotAMI, want)
		}
		if !nearRel(gotAMI, want, clusterTol) {
			t.Errorf("%s: AMI() = %v, want %v", name, gotAMI, want)
		}
		if got := metric.AMI(gold, pred); !nearRel(got, gotAMI, clusterTol) {
			t.Errorf("%s: AMI not symmetric: %v and %v", name, got, gotAMI)
		}
	}
	t.Logf("largest differences from the brute force: B-cubed %.2g, AMI %.2g", worstB, worstAMI)
}

// TestLabelsFromPairs checks the union–find closure against a plain
// fixed-point propagation of the smallest index along the pairs, and that
// the order of the pairs does not matter.
func TestLabelsFromPairs(t *testing.T) {
	if got := metric.LabelsFromPairs(0, nil); len(got) != 0 {
		t.Errorf("LabelsFromPairs(0, nil) = %v, want []", got)
	}
	// 0–3, 3–5 and 4–1 join {0,3,5} and {1,4}; 2 and 6 are alone.
	got := metric.LabelsFromPairs(7, [][2]int{{3, 5}, {4, 1}, {0, 3}, {2, 2}})
	if want := []int{0, 1, 2, 0, 1, 0, 6}; !slices.Equal(got, want) {
		t.Errorf("LabelsFromPairs = %v, want %v", got, want)
	}

	r := rand.New(rand.NewPCG(3, 5))
	for range 300 {
		n := 1 + r.IntN(80)
		pairs := make([][2]int, r.IntN(n+1))
		for i := range pairs {
			pairs[i] = [2]int{r.IntN(n), r.IntN(n)}
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		for changed := true; changed; {
			changed = false
			for _, p := range pairs {
				m := min(want[p[0]], want[p[1]])
				for _, x := range p {
					if want[x] != m {
						want[x], changed = m, true
					}
				}
			}
		}
		got := metric.LabelsFromPairs(n, pairs)
		if !slices.Equal(got, want) {
			t.Fatalf("LabelsFromPairs(%d, %v) = %v, want %v", n, pairs, got, want)
		}
		r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		for i := range pairs {
			pairs[i][0], pairs[i][1] = pairs[i][1], pairs[i][0]
		}
		if got := metric.LabelsFromPairs(n, pairs); !slices.Equal(got, want) {
			t.Fatalf("LabelsFromPairs(%d, shuffled %v) = %v, want %v", n, pairs, got, want)
		}
	}
}

func TestClusterPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"lengths", func() { metric.NewContingency([]int{0, 1}, []int{0}) }},
		{"negative pred", func() { metric.NewContingency([]int{0, -1}, []int{0, 0}) }},
		{"negative gold", func() { metric.ARI([]int{0, 0}, []int{-3, 0}) }},
		{"pair out of range", func() { metric.LabelsFromPairs(3, [][2]int{{0, 3}}) }},
		{"negative pair", func() { metric.LabelsFromPairs(3, [][2]int{{-1, 0}}) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", tc.name)
				}
			}()
			tc.f()
		}()
	}
}

// millionPartitions returns a gold partition of n = 1,000,000 documents,
// 900,000 singletons and the rest in clusters of sizes 2..50, the documents
// shuffled; and a prediction that takes each clustered document out into a
// singleton with probability 1/20, moves it to a random gold cluster with
// probability 1/50, and joins 1,000 random pairs of singletons.
func millionPartitions() (pred, gold []int) {
	const n, single = 1_000_000, 900_000
	r := rand.New(rand.NewPCG(1, 1))
	perm := r.Perm(n)
	gold = make([]int, n)
	// Clusters of sizes 2, 3, …, 50, 2, 3, … over the first 100,000
	// documents of perm, each labelled by its first document.
	d, size := 0, 2
	var clusterLabels []int
	for d < n-single {
		s := min(size, n-single-d)
		l := perm[d]
		clusterLabels = append(clusterLabels, l)
		for range s {
			gold[perm[d]] = l
			d++
		}
		if size++; size > 50 {
			size = 2
		}
	}
	for ; d < n; d++ {
		gold[perm[d]] = perm[d]
	}
	pred = slices.Clone(gold)
	for i := range n - single {
		doc := perm[i]
		switch x := r.IntN(100); {
		case x < 5:
			pred[doc] = n + doc
		case x < 7:
			pred[doc] = clusterLabels[r.IntN(len(clusterLabels))]
		}
	}
	for range 1000 {
		x, y := perm[n-single+r.IntN(single)], perm[n-single+r.IntN(single)]
		pred[y] = pred[x]
	}
	return pred, gold
}

// TestClusterMillion runs every figure on a million documents and checks
// them for consistency (the timing is BenchmarkClusterMillion's).
func TestClusterMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("a million documents")
	}
	pred, gold := millionPartitions()
	c := metric.NewContingency(pred, gold)
	if c.N != 1_000_000 || len(c.GoldSizes) < 900_000 || slices.Max(c.GoldSizes) != 50 {
		t.Fatalf("gold: n %d, %d clusters, largest %d", c.N, len(c.GoldSizes), slices.Max(c.GoldSizes))
	}
	ari, ami, b, p, r := c.ARI(), c.AMI(), c.BCubed(), c.Pairs(), c.Removed()
	t.Logf("ARI %.6f AMI %.6f B-cubed %+v pairs %+v removed %+v clusters %+v", ari, ami, b, p, r, c.PredClusters())
	for _, x := range []float64{ari, ami, b.Precision, b.Recall, p.Precision(), p.Recall(), r.Precision(), r.Recall()} {
		if !(x > 0.5 && x <= 1) {
			t.Errorf("a figure is %v, want one in (0.5, 1] for a prediction this close to gold", x)
		}
	}
	if p.True > p.Pred || p.True > p.Gold || r.Correct > r.Removed || r.Correct > r.Needed {
		t.Errorf("inconsistent counts: pairs %+v, removed %+v", p, r)
	}
}

// BenchmarkClusterMillion times the contingency table and every figure on
// a million documents, mostly singletons; it reports the AMI alone as
// ami-ms and the whole as total-ms.
func BenchmarkClusterMillion(b *testing.B) {
	pred, gold := millionPartitions()
	var amiTime, total time.Duration
	for b.Loop() {
		start := time.Now()
		c := metric.NewContingency(pred, gold)
		_ = c.Pairs()
		_ = c.BCubed()
		_ = c.ARI()
		_ = c.Removed()
		_ = c.PredClusters()
		t0 := time.Now()
		_ = c.AMI()
		amiTime += time.Since(t0)
		total += time.Since(start)
	}
	b.ReportMetric(float64(amiTime.Microseconds())/1000/float64(b.N), "ami-ms")
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "total-ms")
}

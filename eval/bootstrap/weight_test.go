package bootstrap

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simbench/simbench/eval/metric"
)

// apTol bounds the error of an AP computed by hand as a fraction: the code
// adds a handful of products of quotients, each off by at most an ulp.
const apTol = 1e-15

// sameAP reports whether two APs are equal within apTol, NaN matching NaN.
func sameAP(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= apTol
}

func TestWeighted(t *testing.T) {
	// Three documents, every pair scored: (0,1) a duplicate at 0.9,
	// (0,2) a duplicate at 0.6, (1,2) a non-duplicate at 0.7 (or 0.6, tied
	// with the duplicate (0,2), or 0.5). Threshold 0.65.
	three := Data{Docs: 3, Pairs: [][2]int{{0, 1}, {0, 2}, {1, 2}}, Labels: []bool{true, true, false}}
	// Four documents: (0,1) dup 0.9, (0,2) dup 0.6, (1,2) non 0.7,
	// (2,3) non 0.8, (0,3) dup 0.8. Threshold 0.65.
	four := Data{Docs: 4, Pairs: [][2]int{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {0, 3}}, Labels: []bool{true, true, false, false, true}}
	fourScores := []float64{0.9, 0.6, 0.7, 0.8, 0.8}
	nan := math.NaN()

	for _, c := range []struct {
		name   string
		d      Data
		scores []float64
		m      []int32
		want   metric.Confusion
		wantAP float64
	}{
		// All weights 1. At 0.65: (0,1) TP, (1,2) FP, (0,2) FN.
		// AP: level 0.9 adds ΔTP 1 at precision 1/1; 0.7 adds no TP;
		// 0.6 adds 1 at precision 2/3. AP = (1 + 2/3)/2 = 5/6.
		{"3 docs, m=(1,1,1)", three, []float64{0.9, 0.6, 0.7}, []int32{1, 1, 1},
			metric.Confusion{TP: 1, FP: 1, FN: 1}, 5.0 / 6},
		// Weights (0,1)=0, (0,2)=2, (1,2)=0: the duplicate (0,2) twice,
		// below the threshold. AP: level 0.6 adds 2 at precision 2/2 = 1.
		{"3 docs, m=(2,0,1)", three, []float64{0.9, 0.6, 0.7}, []int32{2, 0, 1},
			metric.Confusion{FN: 2}, 1},
		// Weights (0,1)=2, others 0: two true positives. AP 1.
		{"3 docs, m=(2,1,0)", three, []float64{0.9, 0.6, 0.7}, []int32{2, 1, 0},
			metric.Confusion{TP: 2}, 1},
		// Weights (1,2)=2, others 0: no positive, so AP is NaN; the two
		// copies of the non-duplicate are false positives.
		{"3 docs, m=(0,2,1)", three, []float64{0.9, 0.6, 0.7}, []int32{0, 2, 1},
			metric.Confusion{FP: 2}, nan},
		// The non-duplicate tied with (0,2) at 0.6: they enter together, at
		// precision 2/3, so AP = (1 + 2/3)/2 = 5/6, not the 1 that putting
		// the duplicate first would give. At 0.65 the tie is a TN.
		{"3 docs, tie", three, []float64{0.9, 0.6, 0.6}, []int32{1, 1, 1},
			metric.Confusion{TP: 1, FN: 1, TN: 1}, 5.0 / 6},
		// The non-duplicate below both duplicates: AP = (1 + 1)/2 = 1.
		{"3 docs, non-duplicate last", three, []float64{0.9, 0.6, 0.5}, []int32{1, 1, 1},
			metric.Confusion{TP: 1, FN: 1, TN: 1}, 1},
		// All weights 1. At 0.65: TP (0,1),(0,3); FP (1,2),(2,3); FN (0,2).
		// AP: 0.9 adds 1 at 1/1; 0.8 adds 1 at 2/3 ((0,3) and (2,3) enter
		// together); 0.7 adds nothing; 0.6 adds 1 at 3/5.
		// AP = (1 + 2/3 + 3/5)/3 = 34/45.
		{"4 docs, m=(1,1,1,1)", four, fourScores, []int32{1, 1, 1, 1},
			metric.Confusion{TP: 2, FP: 2, FN: 1}, 34.0 / 45},
		// Weights (0,1)=2, (0,2)=2, (1,2)=1, (2,3)=0, (0,3)=0.
		// At 0.65: TP 2, FP 1, FN 2. AP: 0.9 adds 2 at 2/2; 0.8 has weight
		// 0; 0.7 adds no TP; 0.6 adds 2 at 4/5. AP = (2 + 8/5)/4 = 9/10.
		{"4 docs, m=(2,1,1,0)", four, fourScores, []int32{2, 1, 1, 0},
			metric.Confusion{TP: 2, FP: 1, FN: 2}, 9.0 / 10},
		// Weights (0,1)=0, (0,2)=1, (1,2)=0, (2,3)=2, (0,3)=2.
		// At 0.65: TP 2, FP 2, FN 1. AP: 0.9 has weight 0; 0.8 adds 2 at
		// 2/4; 0.6 adds 1 at 3/5. AP = (1 + 3/5)/3 = 8/15.
		{"4 docs, m=(1,0,1,2)", four, fourScores, []int32{1, 0, 1, 2},
			metric.Confusion{TP: 2, FP: 2, FN: 1}, 8.0 / 15},
		// Weights (2,3)=4, others 0: four false positives, AP NaN.
		{"4 docs, m=(0,0,2,2)", four, fourScores, []int32{0, 0, 2, 2},
			metric.Confusion{FP: 4}, nan},
	} {
		got, gotAP := weighted(c.d, c.scores, 0.65, c.m)
		if got != c.want || !sameAP(gotAP, c.wantAP) {
			t.Errorf("%s: weighted(m=%v) = %+v, AP %v; want %+v, AP %v", c.name, c.m, got, gotAP, c.want, c.wantAP)
		}
	}
}

// randomData returns a gold set of docs documents and up to pairs distinct
// random pairs, about 30% duplicates, with scores on a grid of 1/20 so that
// many are tied.
func randomData(rng *rand.Rand, docs, pairs int) (Data, []float64) {
	d := Data{Docs: docs}
	var scores []float64
	seen := make(map[[2]int]bool)
	for range pairs {
		a, b := rng.IntN(docs), rng.IntN(docs)
		p := [2]int{min(a, b), max(a, b)}
		if a == b || seen[p] {
			continue
		}
		seen[p] = true
		d.Pairs = append(d.Pairs, p)
		d.Labels = append(d.Labels, rng.Float64() < 0.3)
		scores = append(scores, float64(rng.IntN(21))/20)
	}
	return d, scores
}

// expand repeats every pair of d as many times as its weight m[a]·m[b],
// giving the scores and labels of the resampled set written out in full.
func expand(d Data, scores []float64, m []int32) ([]float64, []bool) {
	var s []float64
	var l []bool
	for i, p := range d.Pairs {
		for range m[p[0]] * m[p[1]] {
			s = append(s, scores[i])
			l = append(l, d.Labels[i])
		}
	}
	return s, l
}

// TestWeightedMatchesMetric checks the weighted sweep against package metric
// on the pairs written out with repeats: with all multiplicities 1 (the
// full set) and with the multiplicities of random resamples. The counts
// must agree exactly, and with them precision, recall and F1, which are
// metric.Confusion's own methods. The AP is the same sum of the same terms
// in the same order, so it must agree to the last bit.
func TestWeightedMatchesMetric(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		docs := 2 + rng.IntN(60)
		d, scores := randomData(rng, docs, rng.IntN(300))
		ones := make([]int32, docs)
		for i := range ones {
			ones[i] = 1
		}
		m := make([]int32, docs)
		draw(m, rng)
		for _, mult := range [][]int32{ones, m} {
			s, l := expand(d, scores, mult)
			wantAP := metric.AveragePrecision(metric.Sweep(s, l))
			for _, th := range []float64{0, 0.25, 0.5, 0.525, 1, math.Inf(1), math.Inf(-1)} {
				got, gotAP := weighted(d, scores, th, mult)
				want := metric.At(s, l, th)
				if got != want {
					t.Errorf("trial %d, m=%v, t=%v: confusion %+v, want metric.At %+v", trial, mult, th, got, want)
				}
				if gotAP != wantAP && !(math.IsNaN(gotAP) && math.IsNaN(wantAP)) {
					t.Errorf("trial %d, m=%v, t=%v: AP %v, want metric.AveragePrecision %v", trial, mult, th, gotAP, wantAP)
				}
			}
		}
	}
}

// TestPairedMatchesMetric checks the weighted counts behind PairedF1
// against metric.At on the pairs written out with repeats, for both
// detectors, with the full set and with random resamples.
func TestPairedMatchesMetric(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 50 {
		docs := 2 + rng.IntN(60)
		d, a := randomData(rng, docs, rng.IntN(300))
		b := make([]float64, len(a))
		for i := range b {
			b[i] = float64(rng.IntN(21)) / 20
		}
		ta, tb := float64(rng.IntN(21))/20, float64(rng.IntN(21))/20
		p := newPaired(d, a, b, ta, tb)
		m := make([]int32, docs)
		for i := range m {
			m[i] = 1
		}
		for k := range 2 {
			if k == 1 {
				draw(m, rng)
			}
			gotA, gotB := p.eval(m)
			sa, l := expand(d, a, m)
			sb, _ := expand(d, b, m)
			if wantA, wantB := metric.At(sa, l, ta), metric.At(sb, l, tb); gotA != wantA || gotB != wantB {
				t.Errorf("trial %d, m=%v: paired counts %+v, %+v; want metric.At %+v, %+v", trial, m, gotA, gotB, wantA, wantB)
			}
		}
	}
}

func TestDraw(t *testing.T) {
	// A resample of n documents draws n: the multiplicities sum to n.
	// Over many resamples the mean multiplicity of each document is 1 and
	// the share of documents not drawn is (1−1/n)^n.
	const (
		n    = 50
		reps = 2000
	)
	// The share of zeros is a mean of n·reps indicators of variance at
	// most 1/4, correlated within a resample (negatively, since the
	// counts sum to n), so its standard error is below
	// sqrt(1/4/(n·reps)) ≈ 0.0016; zeroTol is about 6 of them.
	const zeroTol = 0.01
	rng := rand.New(rand.NewPCG(3, 4))
	m := make([]int32, n)
	zeros := 0
	for range reps {
		draw(m, rng)
		var sum int32
		for _, x := range m {
			sum += x
			if x == 0 {
				zeros++
			}
		}
		if sum != n {
			t.Fatalf("draw: multiplicities %v sum to %d, want %d", m, sum, n)
		}
	}
	got, want := float64(zeros)/(n*reps), math.Pow(1-1.0/n, n)
	if math.Abs(got-want) > zeroTol {
		t.Errorf("draw: share of documents not drawn = %.4f, want %.4f ± %v", got, want, zeroTol)
	}
}

func TestPercentile(t *testing.T) {
	seq := func(n int) []float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(n - i) // reversed, to exercise the sort
		}
		return xs
	}
	nan := math.NaN()
	for _, c := range []struct {
		xs    []float64
		level float64
		want  Interval
		used  int
	}{
		// Efron & Tibshirani's 95% limits of B = 1000 values are the
		// 25th and the 975th.
		{seq(1000), 0.95, Interval{25, 975}, 1000},
		// 90%: the 50th and 950th.
		{seq(1000), 0.90, Interval{50, 950}, 1000},
		// B = 10 at 80%: ⌈10·0.1⌉ = 1st and ⌈10·0.9⌉ = 9th.
		{seq(10), 0.80, Interval{1, 9}, 10},
		// B = 10 at 95%: ⌈0.25⌉ = 1st and ⌈9.75⌉ = 10th.
		{seq(10), 0.95, Interval{1, 10}, 10},
		// NaN values are left out and not counted.
		{[]float64{nan, 3, nan, 1, 2}, 0.5, Interval{1, 3}, 3},
		{[]float64{7}, 0.95, Interval{7, 7}, 1},
	} {
		got, used := percentile(c.xs, c.level)
		if got != c.want || used != c.used {
			t.Errorf("percentile(%d values, %v) = %v, %d; want %v, %d", len(c.xs), c.level, got, used, c.want, c.used)
		}
	}
	for _, xs := range [][]float64{nil, {nan, nan}} {
		got, used := percentile(xs, 0.95)
		if !math.IsNaN(got.Lo) || !math.IsNaN(got.Hi) || used != 0 {
			t.Errorf("percentile(%v) = %v, %d; want NaN limits, 0", xs, got, used)
		}
	}
}

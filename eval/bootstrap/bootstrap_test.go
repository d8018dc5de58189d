package bootstrap_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simbench/simbench/eval/bootstrap"
	"github.com/simbench/simbench/eval/metric"
)

// population is a model of gold sets with document effects whose figures at
// threshold 1/2 are known exactly.
//
// Each document is noisy (a page of boilerplate, say) with probability 1/4.
// Each pair is a duplicate with probability 3/10. A duplicate scores the
// larger of two uniforms, max(U, V) ~ Beta(2, 1); a non-duplicate scores the
// larger too when one of its documents is noisy, and the smaller, min(U, V)
// ~ Beta(1, 2), when both are clean. The pairs of a noisy document are thus
// false positives together, and pairs that share a document are dependent.
//
// At t = 1/2: P(max >= 1/2) = 3/4 and P(min >= 1/2) = 1/4, and a pair is
// clean with probability (3/4)² = 9/16. Per pair,
//
//	P(TP) = 3/10 · 3/4                           = 9/40
//	P(FP) = 7/10 · (7/16 · 3/4 + 9/16 · 1/4)     = 21/64
//	P(FN) = 3/10 · 1/4                           = 3/40
//
// so the population precision is (9/40)/(9/40 + 21/64) = 24/59 and the
// recall 3/4.
const (
	threshold = 0.5
	truePrec  = 24.0 / 59
	trueRec   = 3.0 / 4
)

// draw returns a gold set of n documents from the population. With
// partners > 0 each document is paired with that many documents chosen at
// random (repeats dropped), so the number of pairs grows like n; with
// partners == 0 every pair of documents is scored, as in the corpus scope.
func draw(n, partners int, seed uint64) (bootstrap.Data, []float64) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	noisy := make([]bool, n)
	for i := range noisy {
		noisy[i] = rng.IntN(4) == 0
	}
	d := bootstrap.Data{Docs: n}
	var scores []float64
	add := func(a, b int) {
		dup := rng.IntN(10) < 3
		u, v := rng.Float64(), rng.Float64()
		s := min(u, v)
		if dup || noisy[a] || noisy[b] {
			s = max(u, v)
		}
		d.Pairs = append(d.Pairs, [2]int{a, b})
		d.Labels = append(d.Labels, dup)
		scores = append(scores, s)
	}
	if partners == 0 {
		for a := range n {
			for b := a + 1; b < n; b++ {
				add(a, b)
			}
		}
		return d, scores
	}
	seen := make(map[[2]int]bool)
	for a := range n {
		for range partners {
			b := rng.IntN(n)
			p := [2]int{min(a, b), max(a, b)}
			if a == b || seen[p] {
				continue
			}
			seen[p] = true
			add(p[0], p[1])
		}
	}
	return d, scores
}

// full returns the figures of scores on the whole set, from package metric.
func full(d bootstrap.Data, scores []float64, t float64) (metric.Confusion, float64) {
	return metric.At(scores, d.Labels, t), metric.AveragePrecision(metric.Sweep(scores, d.Labels))
}

func TestReproducible(t *testing.T) {
	d, scores := draw(60, 4, 1)
	o := bootstrap.Options{Resamples: 300, Seed: 42, Workers: 1}
	want := bootstrap.Estimate(d, scores, threshold, o)
	for _, workers := range []int{1, 2, 7} {
		o.Workers = workers
		if got := bootstrap.Estimate(d, scores, threshold, o); got != want {
			t.Errorf("Estimate with %d workers = %+v, want %+v (1 worker)", workers, got, want)
		}
	}
	o.Seed = 43
	if got := bootstrap.Estimate(d, scores, threshold, o); got == want {
		t.Errorf("Estimate with seeds 42 and 43 both = %+v, want different resamples", got)
	}

	b := make([]float64, len(scores))
	for i := range b {
		b[i] = float64(i%7) / 6
	}
	o.Seed, o.Workers = 42, 1
	wantDiff := bootstrap.PairedF1(d, scores, b, threshold, threshold, o)
	o.Workers = 3
	if got := bootstrap.PairedF1(d, scores, b, threshold, threshold, o); got != wantDiff {
		t.Errorf("PairedF1 with 3 workers = %+v, want %+v (1 worker)", got, wantDiff)
	}
	o.Seed = 43
	if got := bootstrap.PairedF1(d, scores, b, threshold, threshold, o); got.Interval == wantDiff.Interval {
		t.Errorf("PairedF1 with seeds 42 and 43 both = %+v, want different resamples", got)
	}
}

// TestShrinks checks that the intervals hold the full-set figures and
// narrow as the gold set grows. Each document has about 10 pairs (5
// partners it picks, 5 that pick it), so the pairs grow like n, the
// variance of F1 like 1/n and the half-width like 1/√n: it should halve at
// each quadrupling of n. The half-width of one gold set is noisy (it
// depends on the set drawn as well as on the resamples; with 20 documents
// it varies by tens of percent), so the test averages it over 8 gold sets
// of each size, and asks for a factor of at least 1.6 ≈ 4^(1/3): that
// rejects a half-width shrinking only like n^(−1/3) or slower, and leaves
// room for the two means to be 10% off in opposite directions. Across 100
// other seeds of this test the smallest factor seen was 1.9.
func TestShrinks(t *testing.T) {
	const (
		sets      = 8
		minShrink = 1.6
	)
	prev := math.NaN()
	for _, n := range []int{20, 80, 320} {
		var hw float64
		for i := range uint64(sets) {
			d, scores := draw(n, 5, 100*i+uint64(n))
			m := bootstrap.Estimate(d, scores, threshold, bootstrap.Options{Seed: i})
			c, ap := full(d, scores, threshold)
			for _, f := range []struct {
				name string
				iv   bootstrap.Interval
				x    float64
			}{
				{"precision", m.Precision, c.Precision()},
				{"recall", m.Recall, c.Recall()},
				{"F1", m.F1, c.F1()},
				{"AP", m.AP, ap},
			} {
				if !f.iv.Contains(f.x) {
					t.Errorf("n=%d, set %d: %s interval %v does not hold the full-set %s %.4f", n, i, f.name, f.iv, f.name, f.x)
				}
			}
			if m.Resamples+m.Skipped != 1000 {
				t.Errorf("n=%d, set %d: %d resamples used + %d skipped, want 1000", n, i, m.Resamples, m.Skipped)
			}
			if !(m.F1.HalfWidth() > 0) {
				t.Errorf("n=%d, set %d: F1 interval %v, want a positive width", n, i, m.F1)
			}
			hw += m.F1.HalfWidth() / sets
		}
		if n > 20 && !(prev/hw >= minShrink) {
			t.Errorf("n=%d: mean F1 half-width %.4f, only %.2f times narrower than at n/4 (%.4f); want at least %v",
				n, hw, prev/hw, prev, minShrink)
		}
		prev = hw
	}
}

// TestCoverage draws 200 gold sets of 30 documents, every pair scored (435
// pairs), from the population, and counts how often the 95% intervals hold
// the population precision and recall. Percentile intervals can undercover
// with few documents; the document bootstrap tends the other way (see
// TestConservativeForIndependentPairs). If the true coverage were the
// nominal 95%, fewer than 170 of 200 would have binomial probability 2e-8;
// at 92% it is 3e-4. So a failure means coverage well below nominal, not
// bad luck; and the seeds are fixed, so the test cannot flake.
func TestCoverage(t *testing.T) {
	const (
		sims     = 200
		minCover = 170
	)
	var prec, rec int
	for i := range uint64(sims) {
		d, scores := draw(30, 0, 1000+i)
		m := bootstrap.Estimate(d, scores, threshold, bootstrap.Options{Seed: i})
		if m.Precision.Contains(truePrec) {
			prec++
		}
		if m.Recall.Contains(trueRec) {
			rec++
		}
	}
	if prec < minCover {
		t.Errorf("95%% precision intervals held the true %.4f in %d of %d gold sets, want at least %d", truePrec, prec, sims, minCover)
	}
	if rec < minCover {
		t.Errorf("95%% recall intervals held the true %.4f in %d of %d gold sets, want at least %d", trueRec, rec, sims, minCover)
	}
}

// TestConservativeForIndependentPairs pins down the known price of
// resampling documents: when the pairs are independent (here no two pairs
// share a document), a pair's weight m_a·m_b has variance E[m²]² − 1 ≈ 4 − 1
// = 3 (m is about Poisson(1), E[m²] = 2) instead of the 1 of resampling
// pairs, so the interval is √3 ≈ 1.73 times the width the independence of
// the pairs would justify. The reference is the normal interval from the
// binomial standard error of precision, 1.96·sqrt(p(1−p)/N) for N
// predicted positives. The ratio, averaged over 20 sets of 400 pairs, has a
// standard error near 0.012 (0.05 per set), and the finite-sample bias
// measured while writing the test was about −0.02; ratioTol is several
// times both.
func TestConservativeForIndependentPairs(t *testing.T) {
	const (
		sets     = 20
		pairs    = 400
		z975     = 1.959963984540054 // the 97.5% normal quantile
		ratioTol = 0.1
	)
	var sum float64
	for i := range uint64(sets) {
		rng := rand.New(rand.NewPCG(i, 77))
		d := bootstrap.Data{Docs: 2 * pairs}
		scores := make([]float64, pairs)
		for j := range pairs {
			dup := rng.IntN(10) < 3
			u, v := rng.Float64(), rng.Float64()
			scores[j] = min(u, v)
			if dup {
				scores[j] = max(u, v)
			}
			d.Pairs = append(d.Pairs, [2]int{2 * j, 2*j + 1})
			d.Labels = append(d.Labels, dup)
		}
		c, _ := full(d, scores, threshold)
		p := c.Precision()
		se := math.Sqrt(p * (1 - p) / float64(c.TP+c.FP))
		m := bootstrap.Estimate(d, scores, threshold, bootstrap.Options{Seed: i})
		sum += m.Precision.HalfWidth() / (z975 * se)
	}
	if got, want := sum/sets, math.Sqrt(3); math.Abs(got-want) > ratioTol {
		t.Errorf("precision half-width / binomial half-width = %.3f on average, want √3 = %.3f ± %v", got, want, ratioTol)
	}
}

func TestPairedF1(t *testing.T) {
	d, scores := draw(100, 5, 7)

	// The same detector twice: every resample's difference is exactly 0.
	same := bootstrap.PairedF1(d, scores, scores, threshold, threshold, bootstrap.Options{Seed: 1})
	if same.Observed != 0 || same.Interval != (bootstrap.Interval{}) || same.Significant {
		t.Errorf("PairedF1(a, a) = %+v, want Observed 0, Interval [0, 0], not significant", same)
	}

	// A perfect detector (scores = labels) against coin flips. The
	// perfect one has F1 1 in every resample; the coin, at threshold 1/2,
	// has recall and precision near 1/2 and 0.3 (the share of
	// duplicates), F1 near 0.37. The difference, about 0.6, is many
	// standard errors from 0 with ~500 pairs.
	perfect := make([]float64, len(scores))
	coin := make([]float64, len(scores))
	rng := rand.New(rand.NewPCG(8, 9))
	for i, l := range d.Labels {
		if l {
			perfect[i] = 1
		}
		coin[i] = rng.Float64()
	}
	ca := metric.At(perfect, d.Labels, threshold)
	cb := metric.At(coin, d.Labels, threshold)
	got := bootstrap.PairedF1(d, perfect, coin, threshold, threshold, bootstrap.Options{Seed: 1})
	if want := ca.F1() - cb.F1(); got.Observed != want {
		t.Errorf("PairedF1(perfect, coin).Observed = %v, want F1 %v − %v = %v", got.Observed, ca.F1(), cb.F1(), want)
	}
	if !(got.Observed > 0) || !got.Significant || !(got.Interval.Lo > 0) || !got.Interval.Contains(got.Observed) {
		t.Errorf("PairedF1(perfect, coin) = %+v, want Observed > 0 inside an interval above 0, significant", got)
	}
	// Swapping the detectors negates the difference.
	if rev := bootstrap.PairedF1(d, coin, perfect, threshold, threshold, bootstrap.Options{Seed: 1}); rev.Observed != -got.Observed ||
		!rev.Significant || !(rev.Interval.Hi < 0) {
		t.Errorf("PairedF1(coin, perfect) = %+v, want Observed %v, an interval below 0, significant", rev, -got.Observed)
	}
}

func isNaN(i bootstrap.Interval) bool { return math.IsNaN(i.Lo) && math.IsNaN(i.Hi) }

func TestNoPositives(t *testing.T) {
	const r = 200
	o := bootstrap.Options{Resamples: r, Seed: 5}
	for _, c := range []struct {
		name   string
		d      bootstrap.Data
		scores []float64
	}{
		{"negatives only", bootstrap.Data{Docs: 4, Pairs: [][2]int{{0, 1}, {2, 3}, {1, 3}}, Labels: []bool{false, false, false}},
			[]float64{0.9, 0.1, 0.5}},
		{"documents without pairs", bootstrap.Data{Docs: 10}, nil},
		{"no documents", bootstrap.Data{}, nil},
	} {
		m := bootstrap.Estimate(c.d, c.scores, threshold, o)
		if !isNaN(m.Precision) || !isNaN(m.Recall) || !isNaN(m.F1) || !isNaN(m.AP) || m.Resamples != 0 || m.Skipped != r {
			t.Errorf("%s: Estimate = %+v, want NaN intervals, 0 used, %d skipped", c.name, m, r)
		}
		df := bootstrap.PairedF1(c.d, c.scores, c.scores, threshold, threshold, o)
		// Without positives F1 is 0 where pairs are predicted and
		// undefined where none is: the difference is 0 or undefined.
		if !(df.Observed == 0 || math.IsNaN(df.Observed)) || !isNaN(df.Interval) || df.Significant || df.Resamples != 0 || df.Skipped != r {
			t.Errorf("%s: PairedF1 = %+v, want Observed 0 or NaN, NaN interval, not significant, %d skipped", c.name, df, r)
		}
	}
}

// TestSinglePair resamples two documents holding one duplicate pair. A
// resample draws both documents with probability 1/2 (the two draws
// differ), and then holds the pair, with weight 1; otherwise it has no pair
// and is skipped. So the skipped count is Binomial(1000, 1/2), standard
// deviation √250 ≈ 16, and skipTol is 5 of those; every used resample
// has the full-set figures.
var nan = math.NaN()

func TestSinglePair(t *testing.T) {
	const (
		r       = 1000
		skipTol = 80
	)
	d := bootstrap.Data{Docs: 2, Pairs: [][2]int{{0, 1}}, Labels: []bool{true}}
	for _, c := range []struct {
		score             float64
		prec, rec, f1, ap float64
	}{
		{0.9, 1, 1, 1, 1},   // found
		{0.1, nan, 0, 0, 1}, // missed: nothing predicted, precision undefined; AP ranks it first all the same
	} {
		m := bootstrap.Estimate(d, []float64{c.score}, threshold, bootstrap.Options{Resamples: r, Seed: 3})
		want := bootstrap.Metrics{
			Precision: bootstrap.Interval{Lo: c.prec, Hi: c.prec},
			Recall:    bootstrap.Interval{Lo: c.rec, Hi: c.rec},
			F1:        bootstrap.Interval{Lo: c.f1, Hi: c.f1},
			AP:        bootstrap.Interval{Lo: c.ap, Hi: c.ap},
			Resamples: m.Resamples, Skipped: m.Skipped,
		}
		if math.IsNaN(c.prec) {
			// Undefined in every resample used: left out of its interval
			// and counted.
			want.Undefined.Precision = m.Resamples
		}
		same := func(a, b bootstrap.Interval) bool {
			return a == b || isNaN(a) && isNaN(b)
		}
		if !same(m.Precision, want.Precision) || m.Recall != want.Recall || m.F1 != want.F1 || m.AP != want.AP ||
			m.Undefined != want.Undefined || m.Resamples+m.Skipped != r || math.Abs(float64(m.Skipped)-r/2) > skipTol {
			t.Errorf("score %v: Estimate = %+v, want %+v with about %d ± %d skipped of %d", c.score, m, want, r/2, skipTol, r)
		}
	}
}

func TestDefaultsAndLevel(t *testing.T) {
	d, scores := draw(80, 5, 11)
	def := bootstrap.Estimate(d, scores, threshold, bootstrap.Options{Seed: 1})
	explicit := bootstrap.Estimate(d, scores, threshold, bootstrap.Options{Resamples: 1000, Level: 0.95, Seed: 1})
	if def != explicit {
		t.Errorf("Estimate with zero options = %+v, want the 1000 resamples at 0.95 of %+v", def, explicit)
	}
	// On the same resamples, a 50% interval lies inside the 95% one.
	half := bootstrap.Estimate(d, scores, threshold, bootstrap.Options{Level: 0.5, Seed: 1})
	for _, c := range []struct {
		name         string
		inner, outer bootstrap.Interval
	}{
		{"precision", half.Precision, def.Precision},
		{"recall", half.Recall, def.Recall},
		{"F1", half.F1, def.F1},
		{"AP", half.AP, def.AP},
	} {
		if !(c.outer.Lo <= c.inner.Lo && c.inner.Hi <= c.outer.Hi && c.inner.HalfWidth() < c.outer.HalfWidth()) {
			t.Errorf("%s: 50%% interval %v, 95%% interval %v; want the first strictly inside", c.name, c.inner, c.outer)
		}
	}
}

func TestHalfWidth(t *testing.T) {
	for _, c := range []struct {
		iv   bootstrap.Interval
		want float64
	}{
		{bootstrap.Interval{Lo: 0.88, Hi: 0.94}, 0.03},
		{bootstrap.Interval{Lo: -1, Hi: 1}, 1},
		{bootstrap.Interval{}, 0},
	} {
		if got := c.iv.HalfWidth(); math.Abs(got-c.want) > 1e-15 { // one subtraction and a halving
			t.Errorf("%v.HalfWidth() = %v, want %v", c.iv, got, c.want)
		}
	}
}

func TestPanics(t *testing.T) {
	good := bootstrap.Data{Docs: 3, Pairs: [][2]int{{0, 1}, {1, 2}}, Labels: []bool{true, false}}
	two := []float64{0.5, 0.5}
	for _, c := range []struct {
		name   string
		d      bootstrap.Data
		scores []float64
		o      bootstrap.Options
	}{
		{"labels short", bootstrap.Data{Docs: 3, Pairs: good.Pairs, Labels: []bool{true}}, two, bootstrap.Options{}},
		{"scores short", good, []float64{0.5}, bootstrap.Options{}},
		{"A == B", bootstrap.Data{Docs: 3, Pairs: [][2]int{{1, 1}}, Labels: []bool{true}}, []float64{1}, bootstrap.Options{}},
		{"A > B", bootstrap.Data{Docs: 3, Pairs: [][2]int{{2, 1}}, Labels: []bool{true}}, []float64{1}, bootstrap.Options{}},
		{"A < 0", bootstrap.Data{Docs: 3, Pairs: [][2]int{{-1, 1}}, Labels: []bool{true}}, []float64{1}, bootstrap.Options{}},
		{"B = Docs", bootstrap.Data{Docs: 3, Pairs: [][2]int{{0, 3}}, Labels: []bool{true}}, []float64{1}, bootstrap.Options{}},
		{"Docs < 0", bootstrap.Data{Docs: -1}, nil, bootstrap.Options{}},
		{"NaN score", good, []float64{0.5, math.NaN()}, bootstrap.Options{}},
		{"negative resamples", good, two, bootstrap.Options{Resamples: -1}},
		{"level 1", good, two, bootstrap.Options{Level: 1}},
		{"level -0.5", good, two, bootstrap.Options{Level: -0.5}},
		{"level NaN", good, two, bootstrap.Options{Level: math.NaN()}},
		{"negative workers", good, two, bootstrap.Options{Workers: -2}},
	} {
		for _, fn := range []struct {
			name string
			call func()
		}{
			{"Estimate", func() { bootstrap.Estimate(c.d, c.scores, threshold, c.o) }},
			{"PairedF1", func() { bootstrap.PairedF1(c.d, c.scores, c.scores, threshold, threshold, c.o) }},
		} {
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s: %s did not panic", c.name, fn.name)
					}
				}()
				fn.call()
			}()
		}
	}
}

// dpil returns a gold set the size of DPIL (4,759 documents, 3,500
// labelled pairs) from the population.
func dpil() (bootstrap.Data, []float64, []float64) {
	const docs, pairs = 4759, 3500
	rng := rand.New(rand.NewPCG(1, 1))
	d := bootstrap.Data{Docs: docs}
	a := make([]float64, 0, pairs)
	b := make([]float64, 0, pairs)
	seen := make(map[[2]int]bool)
	for len(d.Pairs) < pairs {
		x, y := rng.IntN(docs), rng.IntN(docs)
		p := [2]int{min(x, y), max(x, y)}
		if x == y || seen[p] {
			continue
		}
		seen[p] = true
		dup := rng.IntN(10) < 3
		u, v := rng.Float64(), rng.Float64()
		d.Pairs = append(d.Pairs, p)
		d.Labels = append(d.Labels, dup)
		if dup {
			a, b = append(a, max(u, v)), append(b, u)
		} else {
			a, b = append(a, min(u, v)), append(b, v)
		}
	}
	return d, a, b
}

func BenchmarkEstimate(b *testing.B) {
	d, scores, _ := dpil()
	b.Run(fmt.Sprintf("docs=%d/pairs=%d/resamples=1000", d.Docs, len(d.Pairs)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bootstrap.Estimate(d, scores, threshold, bootstrap.Options{Seed: 1})
		}
	})
}

func BenchmarkPairedF1(b *testing.B) {
	d, a, c := dpil()
	b.Run(fmt.Sprintf("docs=%d/pairs=%d/resamples=1000", d.Docs, len(d.Pairs)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bootstrap.PairedF1(d, a, c, threshold, threshold, bootstrap.Options{Seed: 1})
		}
	})
}

// TestUndefinedPrecisionLeftOut checks that a resample in which the
// detector predicts nothing leaves precision undefined rather than 0: a
// detector with TP = 5, FP = 0 (and many duplicates missed) has precision
// 1 in every resample where it predicts anything, so its interval is
// [1, 1], not [0, 1], and the resamples where it predicts nothing are
// counted in Undefined.Precision.
func TestUndefinedPrecisionLeftOut(t *testing.T) {
	const found, missed = 5, 20
	d := bootstrap.Data{Docs: 2 * (found + missed)}
	var scores []float64
	for i := range found + missed {
		d.Pairs = append(d.Pairs, [2]int{2 * i, 2*i + 1})
		d.Labels = append(d.Labels, true)
		s := 0.1 // missed
		if i < found {
			s = 0.9
		}
		scores = append(scores, s)
	}
	m := bootstrap.Estimate(d, scores, threshold, bootstrap.Options{Resamples: 1000, Seed: 5})
	if m.Precision != (bootstrap.Interval{Lo: 1, Hi: 1}) {
		t.Errorf("precision interval %v, want [1, 1]", m.Precision)
	}
	// A pair is in a resample when both its documents are drawn, with
	// probability about (1−1/e)² ≈ 0.40; all five found pairs are absent
	// from about 0.6⁵ ≈ 8% of the resamples: some, never all.
	if m.Undefined.Precision == 0 || m.Undefined.Precision >= m.Resamples {
		t.Errorf("Undefined.Precision = %d of %d resamples, want some but not all", m.Undefined.Precision, m.Resamples)
	}
	if m.Undefined.Recall != 0 || m.Undefined.F1 != 0 || m.Undefined.AP != 0 {
		t.Errorf("Undefined = %+v, want only precision undefined", m.Undefined)
	}
}

// Package bootstrap puts confidence intervals on the quality figures of a
// duplicate detector: precision, recall and F1 at a threshold, average
// precision (AP), and the difference in F1 between two detectors scored on
// the same gold set. It is pure computation: the caller passes the pairs,
// their labels and the scores, and gets intervals back.
//
// # Resampling documents, not pairs
//
// The pairs of a gold set are not independent observations: every pair is
// made of two documents, and a document takes part in many pairs (in the
// corpus scope, in all n−1 of its pairs). A document that is hard for a
// detector, a boilerplate page say, makes all its pairs wrong together.
// Resampling pairs as if they were independent ignores that, and then gives
// intervals that are too narrow. The documents are the independent units,
// so this package resamples them: the cluster bootstrap for data in groups
// (Davison & Hinkley, Bootstrap Methods and their Application, 1997, §3.8;
// Field & Welsh, Bootstrapping clustered data, JRSS B 69(3), 2007), in the
// form used for dyadic data, where every observation belongs to two units
// (the vertex bootstrap of Snijders & Borgatti, Non-parametric standard
// errors and tests for network statistics, Connections 22(2), 1999).
//
// One resample draws n documents with replacement from the n of the gold
// set; document d is drawn m_d times (m_d ≥ 0, Σ m_d = n). The pair (a, b)
// then occurs m_a·m_b times among the pairs of the drawn documents, so it
// enters the resample with weight
//
//	w = m_a · m_b
//
// and every figure is computed on the weighted pairs, as if each pair were
// repeated w times:
//
//	TP = Σ w over positive pairs with score >= t    FP = Σ w over negative pairs with score >= t
//	FN = Σ w over positive pairs with score <  t    TN = Σ w over negative pairs with score <  t
//
// with precision, recall and F1 as in package metric (a ratio with a zero
// denominator is undefined, NaN), and
//
//	AP = (1/TP_all) Σ_levels ΔTP · TP/(TP+FP)
//
// summed over the distinct scores from the highest down, ties entering
// together: metric.AveragePrecision of the weighted sweep. With every
// m_d = 1 these are exactly the figures of metric.At and
// metric.AveragePrecision on the full set.
//
// # Intervals
//
// An interval is the percentile interval of Efron & Tibshirani (An
// Introduction to the Bootstrap, 1993, ch. 13): of the B resamples used, the
// lower limit at level 1−α is the ⌈B·α/2⌉-th smallest value and the upper
// limit the ⌈B·(1−α/2)⌉-th smallest (for B = 1000 and 95%, the 25th and the
// 975th). The difference of two detectors is bootstrapped in pairs: both are
// scored on the same resamples and the interval is that of the difference,
// which is narrower than what two separate intervals suggest, because both
// detectors share the hard documents of each resample.
//
// # Limits
//
// Read the intervals with these in mind.
//
//   - Percentile intervals undercover when there are few documents: the
//     bootstrap distribution of a small sample is too narrow, so with tens
//     of documents a 95% interval can hold the truth noticeably less often
//     than 95% of the time.
//   - Resampling documents errs the other way when the pairs of a document
//     vary independently of each other. A pair's weight m_a·m_b has
//     variance about 3 (m_d is close to Poisson(1), E[m_d²] = 2), where
//     resampling pairs gives weights of variance 1; so when no two pairs
//     share a document the interval is about √3 ≈ 1.7 times wider than
//     the pairs' independence would justify, and it is conservative to a
//     lesser degree in a sparse labelled set, where each document is in
//     one or two pairs. When the pairs of a document are right or wrong
//     together, or in the corpus scope, where each document is in n−1
//     pairs and the document effects dominate as n grows, the excess
//     fades, and resampling pairs would undercover instead. Which error
//     wins depends on the gold set; erring wide, documents are the safe
//     unit. For a sparse labelled set such as DPIL (3,500 pairs of 4,759
//     documents) expect intervals on the wide side.
//   - The intervals describe the sampling of the gold set's documents
//     only, not errors in its labels.
//   - A resample can contain no positive pair (every positive pair has a
//     document that was not drawn). Its recall and AP are undefined (NaN),
//     and precision and F1 say nothing about duplicates, so the whole
//     resample is skipped, for every figure at once, and counted in
//     Metrics.Skipped and Diff.Skipped. The intervals are then conditional on
//     a resample having positives; when more than a few percent are skipped
//     the gold set has too few positives (or too few documents holding them)
//     for the interval to mean much. With no positive pair at all every
//     resample is skipped and every interval is NaN.
//   - Precision in a resample where nothing is predicted positive is
//     undefined (0/0), as in package metric: such a resample is left out of
//     the precision interval alone, and counted in Metrics.Undefined. The
//     precision interval is then conditional on the detector predicting
//     something; when many resamples are left out, say so beside it.
//   - The threshold is taken as fixed. An interval for a threshold tuned on
//     the same gold set is optimistic.
//
// # Cost and determinism
//
// The pairs are sorted by score once; each resample then costs O(n) to draw
// the multiplicities and O(P) for one pass over the P pairs, so a call costs
// O(P log P + R·(n + P)) time for R resamples, and O(n) memory per worker
// besides the O(P) sorted copy and the O(R) results. Resamples run on
// Options.Workers goroutines. Resample i draws its documents from its own
// generator, a math/rand/v2 PCG seeded with (Options.Seed, splitmix64(i)),
// and writes into its own slot, so the same inputs and seed give the same
// result for any number of workers and any scheduling.
//
// Mismatched lengths, a pair that is not 0 <= A < B < Docs, a NaN score and
// invalid options are programmer errors, and panic, as in package metric.
package bootstrap

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/simbench/simbench/eval/metric"
)

// Options controls the resampling.
type Options struct {
	// Resamples is the number of bootstrap resamples R; 0 means 1000.
	Resamples int
	// Level is the confidence level of the intervals, in (0, 1); 0 means
	// 0.95.
	Level float64
	// Seed seeds the generators of the resamples.
	Seed uint64
	// Workers bounds the goroutines that run resamples; 0 means
	// GOMAXPROCS. It does not change the result.
	Workers int
}

// Default option values.
const (
	DefaultResamples = 1000
	DefaultLevel     = 0.95
)

// withDefaults fills in the zero options and panics on invalid ones.
func (o Options) withDefaults(fn string) Options {
	if o.Resamples == 0 {
		o.Resamples = DefaultResamples
	}
	if o.Level == 0 {
		o.Level = DefaultLevel
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	switch {
	case o.Resamples < 0:
		panic(fmt.Sprintf("bootstrap: %s: %d resamples", fn, o.Resamples))
	case !(o.Level > 0 && o.Level < 1):
		panic(fmt.Sprintf("bootstrap: %s: level %v not in (0, 1)", fn, o.Level))
	case o.Workers < 0:
		panic(fmt.Sprintf("bootstrap: %s: %d workers", fn, o.Workers))
	}
	return o
}

// Interval is a confidence interval [Lo, Hi]. Both limits are NaN when no
// resample could be used.
type Interval struct{ Lo, Hi float64 }

// HalfWidth returns (Hi−Lo)/2, the figure after the ± in "0.91 ± 0.03". A
// percentile interval need not be centred on the estimate; the half-width
// is a summary of its length.
func (i Interval) HalfWidth() float64 { return (i.Hi - i.Lo) / 2 }

// Contains reports whether Lo <= x <= Hi.
func (i Interval) Contains(x float64) bool { return i.Lo <= x && x <= i.Hi }

// String formats the interval as "[Lo, Hi]" with four decimals.
func (i Interval) String() string { return fmt.Sprintf("[%.4f, %.4f]", i.Lo, i.Hi) }

// Data is a gold set as the bootstrap sees it: the number of documents and
// the scored pairs with their labels.
type Data struct {
	// Docs is the number of documents n; every document counts, with or
	// without pairs, since it is drawn like any other.
	Docs int
	// Pairs are the scored pairs, as document indexes with 0 <= A < B <
	// Docs. A pair should appear once.
	Pairs [][2]int
	// Labels are parallel to Pairs: true for a duplicate.
	Labels []bool
}

// check panics unless d is well formed and every score vector is parallel
// to its pairs and free of NaN.
func (d Data) check(fn string, scores ...[]float64) {
	if d.Docs < 0 || d.Docs > math.MaxInt32 {
		panic(fmt.Sprintf("bootstrap: %s: %d documents", fn, d.Docs))
	}
	if len(d.Labels) != len(d.Pairs) {
		panic(fmt.Sprintf("bootstrap: %s: %d pairs but %d labels", fn, len(d.Pairs), len(d.Labels)))
	}
	for i, p := range d.Pairs {
		if !(0 <= p[0] && p[0] < p[1] && p[1] < d.Docs) {
			panic(fmt.Sprintf("bootstrap: %s: pair %d is (%d, %d), want 0 <= A < B < %d", fn, i, p[0], p[1], d.Docs))
		}
	}
	for _, s := range scores {
		if len(s) != len(d.Pairs) {
			panic(fmt.Sprintf("bootstrap: %s: %d pairs but %d scores", fn, len(d.Pairs), len(s)))
		}
		for i, x := range s {
			if math.IsNaN(x) {
				panic(fmt.Sprintf("bootstrap: %s: score %d is NaN (scores must be in [0, 1])", fn, i))
			}
		}
	}
}

// Metrics holds the intervals of one detector at one threshold.
type Metrics struct {
	Precision, Recall, F1, AP Interval
	// Resamples is the number of resamples that hold a positive pair, and
	// Skipped the number left out for having none; together they make
	// Options.Resamples.
	Resamples, Skipped int
	// Undefined counts, per figure, the resamples among Resamples in which
	// the figure is undefined (0/0) and which its interval leaves out:
	// precision where the detector predicts no pair. Recall, F1 and AP are
	// defined in every resample that holds a positive pair.
	Undefined Counts
}

// Counts holds one count per figure.
type Counts struct{ Precision, Recall, F1, AP int }

// Estimate returns percentile intervals for the precision, recall and F1 of
// scores at threshold (a pair is predicted a duplicate when its score is >=
// threshold) and for their average precision, from o.Resamples resamples of
// the documents of d. See the package documentation for the method and its
// limits. When d has no positive pair, every interval is NaN and every
// resample is skipped.
//
// Estimate panics if d is malformed (see [Data]), len(scores) !=
// len(d.Pairs), a score is NaN, or o is invalid. It does not modify d or
// scores.
func Estimate(d Data, scores []float64, threshold float64, o Options) Metrics {
	o = o.withDefaults("Estimate")
	d.check("Estimate", scores)
	s := newSweep(d, scores, threshold)

	r := o.Resamples
	vals := make([]float64, 4*r)
	prec, rec, f1, ap := vals[:r], vals[r:2*r], vals[2*r:3*r], vals[3*r:]
	var skipped atomic.Int64
	resample(d.Docs, r, o.Workers, o.Seed, func(i int, m []int32) {
		c, a := s.eval(m)
		if c.Positives() == 0 {
			skipped.Add(1)
			prec[i], rec[i], f1[i], ap[i] = math.NaN(), math.NaN(), math.NaN(), math.NaN()
			return
		}
		prec[i], rec[i], f1[i], ap[i] = c.Precision(), c.Recall(), c.F1(), a
	})

	var res Metrics
	res.Skipped = int(skipped.Load())
	res.Resamples = r - res.Skipped
	var used Counts
	res.Precision, used.Precision = percentile(prec, o.Level)
	res.Recall, used.Recall = percentile(rec, o.Level)
	res.F1, used.F1 = percentile(f1, o.Level)
	res.AP, used.AP = percentile(ap, o.Level)
	res.Undefined = Counts{res.Resamples - used.Precision, res.Resamples - used.Recall, res.Resamples - used.F1, res.Resamples - used.AP}
	return res
}

// Diff is the difference in F1 between two detectors on the same gold set.
type Diff struct {
	// Observed is F1(a) − F1(b) on the full set.
	Observed float64
	// Interval is the percentile interval of F1(a) − F1(b) over resamples
	// that score both detectors on the same documents.
	Interval Interval
	// Significant reports whether the interval excludes 0 (Lo > 0 or
	// Hi < 0): at the interval's level, a two-sided test of "no difference"
	// rejects. It is false when the interval is NaN.
	Significant bool
	// Resamples and Skipped are as in [Metrics].
	Resamples, Skipped int
}

// PairedF1 compares the F1 of detector a at threshold ta with that of
// detector b at threshold tb on the pairs of d. Both are scored on the same
// resamples of the documents (a paired bootstrap), so documents that are
// hard for both cancel out of the difference. A resample without a positive
// pair is skipped. Identical scores and thresholds give an Observed 0 and an
// interval [0, 0]; with no positive pair the interval is NaN.
//
// PairedF1 panics if d is malformed (see [Data]), a or b is not parallel to
// d.Pairs, a score is NaN, or o is invalid. It does not modify its
// arguments.
func PairedF1(d Data, a, b []float64, ta, tb float64, o Options) Diff {
	o = o.withDefaults("PairedF1")
	d.check("PairedF1", a, b)
	p := newPaired(d, a, b, ta, tb)

	ones := make([]int32, d.Docs)
	for i := range ones {
		ones[i] = 1
	}
	ca, cb := p.eval(ones)

	diffs := make([]float64, o.Resamples)
	resample(d.Docs, o.Resamples, o.Workers, o.Seed, func(i int, m []int32) {
		ca, cb := p.eval(m)
		if ca.Positives() == 0 {
			diffs[i] = math.NaN()
			return
		}
		diffs[i] = ca.F1() - cb.F1()
	})

	res := Diff{Observed: ca.F1() - cb.F1()}
	res.Interval, res.Resamples = percentile(diffs, o.Level)
	res.Skipped = o.Resamples - res.Resamples
	res.Significant = res.Interval.Lo > 0 || res.Interval.Hi < 0
	return res
}

// docPair is a pair of document indexes.
type docPair struct{ a, b int32 }

// Flags of a pair.
const (
	positive    uint8 = 1 << iota // labelled a duplicate
	lastOfLevel                   // the last pair of its score level (sweep)
	predictedA                    // detector a predicts a duplicate (paired)
	predictedB                    // detector b predicts a duplicate (paired)
)

// sweep holds the pairs sorted by decreasing score, so that one pass gives
// the weighted confusion at the threshold and the weighted AP.
type sweep struct {
	pairs []docPair
	flags []uint8
	// cut is the number of pairs with score >= the threshold; they are
	// pairs[:cut].
	cut int
}

// newSweep sorts the pairs of d by decreasing score (ties in their
// original order) and marks the last pair of each distinct score.
func newSweep(d Data, scores []float64, threshold float64) *sweep {
	order := make([]int, len(d.Pairs))
	for i := range order {
		order[i] = i
	}
	// Scores are not NaN (checked), so cmp.Compare is a strict weak order.
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(scores[j], scores[i]) })
	s := &sweep{
		pairs: make([]docPair, len(order)),
		flags: make([]uint8, len(order)),
	}
	for k, i := range order {
		s.pairs[k] = docPair{int32(d.Pairs[i][0]), int32(d.Pairs[i][1])}
		if d.Labels[i] {
			s.flags[k] |= positive
		}
		if k+1 == len(order) || scores[order[k+1]] != scores[i] {
			s.flags[k] |= lastOfLevel
		}
		if scores[i] >= threshold {
			s.cut = k + 1
		}
	}
	return s
}

// eval returns the confusion at the threshold and the average precision of
// the pairs weighted by w = m[a]·m[b]. The AP is NaN when the weighted
// positives are 0.
//
// The AP sum is metric.AveragePrecision's: the same terms, ΔTP times the
// precision at the level, added in the same order (a level where TP does
// not change adds nothing, there as here).
func (s *sweep) eval(m []int32) (metric.Confusion, float64) {
	var n [2]int // n[positive] is TP so far, n[0] FP
	var prevTP, cutTP, cutFP int
	var sum float64
	for i, p := range s.pairs {
		if i == s.cut {
			cutTP, cutFP = n[positive], n[0]
		}
		f := s.flags[i]
		// Indexing by the label, not branching on it: labels of
		// successive pairs are close to random.
		n[f&positive] += int(m[p.a]) * int(m[p.b])
		if tp := n[positive]; f&lastOfLevel != 0 && tp != prevTP {
			sum += float64(tp-prevTP) * (float64(tp) / float64(tp+n[0]))
			prevTP = tp
		}
	}
	tp, fp := n[positive], n[0]
	if s.cut == len(s.pairs) {
		cutTP, cutFP = tp, fp
	}
	c := metric.Confusion{TP: cutTP, FP: cutFP, FN: tp - cutTP, TN: fp - cutFP}
	if tp == 0 {
		return c, math.NaN()
	}
	return c, sum / float64(tp)
}

// weighted returns the confusion at threshold and the AP of scores on d
// with document multiplicities m: each pair (a, b) weighs m[a]·m[b].
func weighted(d Data, scores []float64, threshold float64, m []int32) (metric.Confusion, float64) {
	d.check("weighted", scores)
	if len(m) != d.Docs {
		panic(fmt.Sprintf("bootstrap: weighted: %d multiplicities for %d documents", len(m), d.Docs))
	}
	return newSweep(d, scores, threshold).eval(m)
}

// paired holds the pairs with each detector's decision, for PairedF1.
type paired struct {
	pairs []docPair
	flags []uint8
}

func newPaired(d Data, a, b []float64, ta, tb float64) *paired {
	p := &paired{pairs: make([]docPair, len(d.Pairs)), flags: make([]uint8, len(d.Pairs))}
	for i, dp := range d.Pairs {
		p.pairs[i] = docPair{int32(dp[0]), int32(dp[1])}
		if d.Labels[i] {
			p.flags[i] |= positive
		}
		if a[i] >= ta {
			p.flags[i] |= predictedA
		}
		if b[i] >= tb {
			p.flags[i] |= predictedB
		}
	}
	return p
}

// eval returns the confusions of detectors a and b with the pairs weighted
// by w = m[a]·m[b].
//
// The loop adds each weight to one of eight totals, indexed by the pair's
// label and the two decisions, rather than branching on them: the labels
// and decisions of successive pairs are close to random, and mispredicted
// branches made the branching version several times slower.
func (p *paired) eval(m []int32) (ca, cb metric.Confusion) {
	var n [positive | predictedA | predictedB + 1]int
	for i, dp := range p.pairs {
		n[p.flags[i]] += int(m[dp.a]) * int(m[dp.b])
	}
	for i, w := range n {
		f := uint8(i)
		ca = tally(ca, f&positive != 0, f&predictedA != 0, w)
		cb = tally(cb, f&positive != 0, f&predictedB != 0, w)
	}
	return ca, cb
}

// tally adds w pairs with the given label and decision to c.
func tally(c metric.Confusion, pos, pred bool, w int) metric.Confusion {
	switch {
	case pos && pred:
		c.TP += w
	case pos:
		c.FN += w
	case pred:
		c.FP += w
	default:
		c.TN += w
	}
	return c
}

// resample calls f(i, m) for every resample i in [0, r), m holding the
// multiplicities of the n documents in resample i, from at most workers
// goroutines. m is only valid during the call. Resample i draws from a PCG
// seeded with (seed, splitmix64(i)), so m does not depend on which worker
// runs it.
func resample(n, r, workers int, seed uint64, f func(i int, m []int32)) {
	workers = max(1, min(workers, r))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			m := make([]int32, n)
			src := rand.NewPCG(0, 0)
			rng := rand.New(src)
			for {
				i := int(next.Add(1) - 1)
				if i >= r {
					return
				}
				src.Seed(seed, splitmix64(uint64(i)))
				draw(m, rng)
				f(i, m)
			}
		})
	}
	wg.Wait()
}

// draw fills m with the multiplicities of len(m) draws with replacement
// from len(m) documents.
func draw(m []int32, rng *rand.Rand) {
	clear(m)
	n := len(m)
	for range n {
		m[rng.IntN(n)]++
	}
}

// splitmix64 is the output function of Steele, Lea & Flood's SplitMix64
// (OOPSLA 2014): a bijection that spreads consecutive resample indexes over
// the whole second seed word of the PCG.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// percentile returns the percentile interval at level of the values of xs
// that are not NaN, and how many those are. It reorders xs.
//
// With B values sorted, the limit for tail probability p is the ⌈B·p⌉-th
// smallest (the empirical quantile), for p = α/2 and 1−α/2 with α =
// 1−level. B·p is rounded down by 1e-9 before ⌈⌉ so that the rounding
// error of 1−level (1−0.95 = 0.05000000000000004) does not move a limit by
// one place when B·p is a whole number.
func percentile(xs []float64, level float64) (Interval, int) {
	used := xs[:0]
	for _, x := range xs {
		if !math.IsNaN(x) {
			used = append(used, x)
		}
	}
	b := len(used)
	if b == 0 {
		return Interval{math.NaN(), math.NaN()}, 0
	}
	slices.Sort(used)
	alpha := 1 - level
	at := func(p float64) float64 {
		k := int(math.Ceil(float64(b)*p - 1e-9))
		return used[min(max(k, 1), b)-1]
	}
	return Interval{at(alpha / 2), at(1 - alpha/2)}, b
}

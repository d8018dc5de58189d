package compare

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/simbench/simbench/eval/summary"
)

// A paired test compares the quality of one algorithm in two runs on the
// same pairs, the way a paired t-test compares two measurements of the
// same subjects: rather than asking whether each run's interval overlaps
// the other's, it resamples the pairs once and computes both runs' figures
// on the same resample, so that the pairs both runs find easy or hard
// cancel out of the difference.
//
// A resample weighs every pair by an independent Poisson(1) count (the
// Poisson bootstrap, Hanley & MacGibbon, Computational Statistics & Data
// Analysis 51(2), 2006; Chamandy et al., Estimating uncertainty for massive
// data streams, 2012), which for many pairs resamples them as drawing n
// with replacement does, without holding the draws. The pairs in scope that
// neither run scored (the implied negatives of a sparse corpus scope, which
// score 0 in both) are one block whose weight is Poisson(n) for n of them,
// drawn as its normal approximation when n is large. The interval of the
// difference new − old of each figure is the percentile interval of the
// resamples (Efron & Tibshirani, An Introduction to the Bootstrap, 1993,
// ch. 13); a resample where the figure is undefined in either run (0/0)
// is left out of it and counted.
type paired struct {
	pos      []bool
	old, new []float64
	implied  float64 // pairs scoring 0 in both runs, not listed
	tOld     float64
	tNew     float64
	orderOld []int // pairs by decreasing score, for AP
	orderNew []int
}

// pairedFigures are the figures a paired test compares.
var pairedFigures = []string{"precision", "recall", "f1", "average_precision"}

// newPaired aligns the scores of one algorithm in two runs on the union of
// the pairs they list. A pair listed by one run only scores 0 in the other,
// as an unlisted pair of a sparse scope does. oldAlg and newAlg are the
// algorithm's labels in each run, positive tells the positive labels, and
// inScope is the number of pairs in scope.
func newPaired(old, new *summary.Scores, oldAlg, newAlg string, positive map[string]bool, inScope int, tOld, tNew float64) (*paired, bool) {
	so, okOld := old.ByAlgorithm[oldAlg]
	sn, okNew := new.ByAlgorithm[newAlg]
	if !okOld || !okNew {
		return nil, false
	}
	p := &paired{tOld: tOld, tNew: tNew}
	index := map[summary.ScoredPair]int{}
	add := func(pr summary.ScoredPair, score float64, isOld bool) {
		i, ok := index[pr]
		if !ok {
			i = len(p.pos)
			index[pr] = i
			p.pos = append(p.pos, positive[pr.Label])
			p.old = append(p.old, 0)
			p.new = append(p.new, 0)
		}
		if math.IsNaN(score) {
			score = 0
		}
		if isOld {
			p.old[i] = score
		} else {
			p.new[i] = score
		}
	}
	for i, pr := range old.Pairs {
		if !math.IsNaN(so[i]) {
			add(pr, so[i], true)
		}
	}
	for i, pr := range new.Pairs {
		if !math.IsNaN(sn[i]) {
			add(pr, sn[i], false)
		}
	}
	p.implied = float64(max(0, inScope-len(p.pos)))
	p.orderOld, p.orderNew = byScore(p.old), byScore(p.new)
	return p, true
}

// byScore returns the indexes of scores from the highest score down.
func byScore(scores []float64) []int {
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return 0
	})
	return order
}

// figures returns precision, recall, F1 and AP of scores at threshold t
// with the pairs weighted by w and the implied negatives (score 0) by
// wImplied; NaN where a figure is 0/0.
func (p *paired) figures(scores []float64, order []int, t float64, w []float64, wImplied float64) [4]float64 {
	var tp, fp, positives float64
	for i, s := range scores {
		if p.pos[i] {
			positives += w[i]
		}
		if s >= t {
			if p.pos[i] {
				tp += w[i]
			} else {
				fp += w[i]
			}
		}
	}
	if 0 >= t {
		fp += wImplied
	}
	fn := positives - tp
	ratio := func(a, b float64) float64 {
		if b == 0 {
			return math.NaN()
		}
		return a / b
	}
	// AP: the positives' weight times the precision at the score where
	// they enter, tied scores entering together; the implied negatives
	// enter last, at score 0, after every positive of a higher score.
	ap := math.NaN()
	if positives > 0 {
		var sum, ctp, cfp float64
		for k := 0; k < len(order); {
			s := scores[order[k]]
			var dtp float64
			for ; k < len(order) && scores[order[k]] == s; k++ {
				i := order[k]
				if p.pos[i] {
					dtp += w[i]
				} else {
					cfp += w[i]
				}
			}
			if s == 0 {
				cfp += wImplied
			}
			ctp += dtp
			if dtp > 0 {
				sum += dtp * ctp / (ctp + cfp)
			}
		}
		ap = sum / positives
	}
	return [4]float64{ratio(tp, tp+fp), ratio(tp, positives), ratio(2*tp, 2*tp+fp+fn), ap}
}

// test returns, for each of pairedFigures, the percentile interval at level
// of new − old over resamples Poisson-bootstrap resamples seeded by seed,
// and how many resamples left the difference undefined.
func (p *paired) test(resamples int, level float64, seed uint64) (ivs [4][2]float64, undefined [4]int) {
	rng := rand.New(rand.NewPCG(seed, 0x636f6d70617265)) // "compare"
	w := make([]float64, len(p.pos))
	diffs := make([][]float64, len(pairedFigures))
	for r := 0; r < resamples; r++ {
		for i := range w {
			w[i] = float64(poisson1(rng))
		}
		wi := 0.0
		if p.implied > 0 {
			wi = max(0, math.Round(p.implied+math.Sqrt(p.implied)*rng.NormFloat64()))
		}
		fo := p.figures(p.old, p.orderOld, p.tOld, w, wi)
		fn := p.figures(p.new, p.orderNew, p.tNew, w, wi)
		for k := range diffs {
			d := fn[k] - fo[k]
			if math.IsNaN(d) {
				undefined[k]++
				continue
			}
			diffs[k] = append(diffs[k], d)
		}
	}
	for k, d := range diffs {
		ivs[k] = percentile(d, level)
	}
	return ivs, undefined
}

// poisson1 draws from the Poisson distribution of mean 1 by inversion.
func poisson1(rng *rand.Rand) int {
	u := rng.Float64()
	k, p := 0, math.Exp(-1)
	cum := p
	for u > cum && k < 20 {
		k++
		p /= float64(k)
		cum += p
	}
	return k
}

// percentile returns the percentile interval at level of xs (reordering
// it): the ⌈B·α/2⌉-th and ⌈B·(1−α/2)⌉-th smallest of B values, α =
// 1−level, as package bootstrap computes run intervals; NaN without values.
func percentile(xs []float64, level float64) [2]float64 {
	b := len(xs)
	if b == 0 {
		return [2]float64{math.NaN(), math.NaN()}
	}
	slices.Sort(xs)
	alpha := 1 - level
	at := func(q float64) float64 {
		k := int(math.Ceil(float64(b)*q - 1e-9))
		return xs[min(max(k, 1), b)-1]
	}
	return [2]float64{at(alpha / 2), at(1 - alpha/2)}
}

package metric

import (
	"fmt"
	"math"
	"slices"
)

// A Tally counts scored pairs by score without keeping them: for each
// distinct score, as float64 bits, the number of positive and of negative
// pairs with it. One call to Add can stand for many pairs, such as the
// n(n−1)/2 pairs of n identical documents, which all score alike. Its
// Sorted is what SortScores gives for the pairs it counted, so the sweep,
// the average precision and the ROC AUC of pairs too many to hold are
// those of the pairs one by one, bit for bit. It takes memory for each
// distinct score: at most k + 1 entries for a k-slot sketch's scores, and
// for exact Jaccard of sets of at most m shingles no more than the
// fractions i/j with j ≤ 2m.
//
// The zero Tally is empty and ready to use.
type Tally struct {
	counts map[uint64]*[2]int // a score's bits: {positives, negatives}
	last   uint64             // the bits of the score counted last
	at     *[2]int            // its counts; nil before the first Add
}

// Add counts n pairs of the given score, positives or negatives as
// positive says. A negative n takes pairs out again, to correct a count
// made for a group of pairs some of which turn out to be labelled
// otherwise. Add panics if score is NaN.
func (t *Tally) Add(score float64, positive bool, n int) {
	if math.IsNaN(score) {
		panic("metric: Tally.Add: score is NaN (scores must be in [0, 1])")
	}
	if n == 0 {
		return
	}
	b := math.Float64bits(score)
	if t.at == nil || b != t.last {
		if t.counts == nil {
			t.counts = make(map[uint64]*[2]int)
		}
		c, ok := t.counts[b]
		if !ok {
			c = new([2]int)
			t.counts[b] = c
		}
		t.last, t.at = b, c
	}
	if positive {
		t.at[0] += n
	} else {
		t.at[1] += n
	}
}

// Sorted returns the pairs counted, grouped by score as SortScores groups
// them: highest first, scores equal as floats (−0 and +0) in one run whose
// score is +0 when any pair has it, and no run for a score whose pairs
// were all taken out again. It panics if a score counts fewer than no
// positives or negatives, or if it counts pairs of score +Inf (scores must
// be in [0, 1]; Sweep panics on them too).
func (t *Tally) Sorted() *Sorted {
	keys := make([]uint64, 0, len(t.counts))
	for b, c := range t.counts {
		if c[0] < 0 || c[1] < 0 {
			panic(fmt.Sprintf("metric: Tally.Sorted: score %v counts %d positives and %d negatives", math.Float64frombits(b), c[0], c[1]))
		}
		if c[0] == 0 && c[1] == 0 {
			continue
		}
		keys = append(keys, descKey(math.Float64frombits(b)))
	}
	slices.Sort(keys)
	st := &Sorted{}
	for _, k := range keys {
		x := scoreOf(k)
		if math.IsInf(x, 1) {
			panic("metric: Tally.Sorted: a score is +Inf (scores must be in [0, 1])")
		}
		c := t.counts[math.Float64bits(x)]
		if n := len(st.runs); n > 0 && st.runs[n-1].score == x {
			// −0 after +0, which it joins.
			st.runs[n-1].pos += c[0]
			st.runs[n-1].neg += c[1]
		} else {
			st.runs = append(st.runs, scoreRun{score: x, pos: c[0], neg: c[1]})
		}
		st.nPos += c[0]
		st.nNeg += c[1]
	}
	return st
}

// SweepAt returns the confusion at threshold t read off a sweep, as Sweep
// returns it (or ZeroNegatives extends it): that of the last point whose
// threshold is at least t, or of the first point (nothing predicted) when
// there is none. It is At of the pairs the sweep was made from, without
// them.
func SweepAt(points []Point, t float64) Confusion {
	i, _ := slices.BinarySearchFunc(points, t, func(p Point, t float64) int {
		if p.Threshold >= t {
			return -1
		}
		return 1
	})
	if i == 0 {
		return points[0].Confusion
	}
	return points[i-1].Confusion
}

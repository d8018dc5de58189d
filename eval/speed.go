package eval

import (
	"context"
	"math"
	"slices"
	"time"

	"gonum.org/v1/gonum/stat"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/text"
)

// minPass is the shortest a timed pass may be: a pass repeats its work
// until it lasts this long, so that the clock's resolution and the cost of
// starting are small beside it.
const minPass = 20 * time.Millisecond

// longPass is the longest a first call may last for the passes to be
// repeated: a call that takes longer is measured once, since the clock's
// resolution is nothing beside it and repeating it would make a large run
// spend most of its time timing.
const longPass = time.Second

// MaxTimedPairs is the most pairs whose scoring is timed: with more pairs
// in scope, the scoring of an evenly spaced sample of this many is timed
// and scaled to all of them (the index or join is timed whole).
const MaxTimedPairs = 200_000

// SpeedMethod says how throughput is measured, for the report.
const SpeedMethod = "throughput: each algorithm alone on one goroutine after the quality pass; " +
	"median of the passes, each repeated to last at least 20 ms, a first pass over 1 s not repeated; " +
	"docs/s and MB/s from text to signature (shingling included), pairs/s for scoring the pairs in scope " +
	"(above 200,000 pairs, the scoring of an evenly spaced sample of 200,000 scaled to all, the index or join timed whole; " +
	"a self-join that took over 1 s in the quality pass, alone on -j goroutines, is not run again and that time is used)"

// timedPairs returns the pairs whose scoring measure times: every pair,
// or above MaxTimedPairs an evenly spaced sample of MaxTimedPairs of them.
func timedPairs(pairs []Pair) []Pair {
	if len(pairs) <= MaxTimedPairs {
		return pairs
	}
	sample := make([]Pair, MaxTimedPairs)
	for i := range sample {
		sample[i] = pairs[int(int64(i)*int64(len(pairs))/MaxTimedPairs)]
	}
	return sample
}

// measure fills in the throughput of every run and shingling, timing each
// phase alone on the calling goroutine.
func measure(ctx context.Context, res *Result, cs []algorithms.Config, textOpts []text.Options, passes int, progress func(string, ...any)) error {
	bytes := 0
	for _, d := range res.Set.Docs {
		bytes += len(d.Text)
	}
	ndocs := float64(len(res.Set.Docs))
	mb := float64(bytes) / 1e6

	shingleTime := make([]float64, len(textOpts))
	var shingles [][][]uint64
	for i, o := range textOpts {
		progress("timing shingling (%s)", o)
		sh, err := text.NewShingler(o)
		if err != nil {
			return err
		}
		out := make([][]uint64, len(res.Set.Docs))
		t, err := median(ctx, passes, func() {
			for d, doc := range res.Set.Docs {
				out[d] = sh.Append(out[d][:0], doc.Text)
			}
		})
		if err != nil {
			return err
		}
		shingleTime[i] = t
		res.Text[i].DocsPerSec, res.Text[i].MBPerSec = ndocs/t, mb/t
		shingles = append(shingles, out)
	}

	for i, c := range cs {
		if _, ok := c.Algorithm.(DocSigner); ok {
			continue // another system's output: nothing of it runs here
		}
		progress("timing %s", c.Label)
		ti := slices.Index(textOpts, c.Text)
		sh := shingles[ti]
		signT, err := median(ctx, passes, func() { sign(c.Algorithm, sh) })
		if err != nil {
			return err
		}
		total := shingleTime[ti] + signT
		if res.Counted {
			// No pair was kept to score again: the pairs are not timed.
			res.Runs[i].Speed = &Speed{DocsPerSec: ndocs / total, MBPerSec: mb / total, SignDocsPerSec: ndocs / signT, PairsPerSec: math.NaN()}
			continue
		}
		sigs := sign(c.Algorithm, sh)
		p := &prepared{textOpts: textOpts, shingles: shingles, sigs: make([][][]uint64, len(cs))}
		p.sigs[i] = sigs
		// Building the index, or running the join, is part of scoring,
		// timed whole; the scoring of the pairs on a sample when they are
		// many.
		var found []uint64
		var scored []float64
		var findT float64
		if _, alone := c.Algorithm.(algo.SelfJoiner); alone && res.Sparse && res.Runs[i].IndexSeconds > longPass.Seconds() {
			// A self-join that took over longPass in the quality pass,
			// where it ran alone, is not run again.
			found, scored, findT = res.scorers[i].found, res.scorers[i].scores, res.Runs[i].IndexSeconds
		} else if findT, err = median(ctx, passes, func() {
			found, scored, _ = findPairs(context.Background(), c, res.Sparse, sigs, 1)
		}); err != nil {
			return err
		}
		timed := timedPairs(res.Pairs)
		scores := make([]float64, len(timed))
		sc := newScorer(c, p, i, found, scored)
		pairT, err := median(ctx, passes, func() {
			sc.scoreAll(context.Background(), timed, scores, nil)
		})
		if err != nil {
			return err
		}
		scoreT := findT + pairT*float64(len(res.Pairs))/float64(max(1, len(timed)))
		res.Runs[i].Speed = &Speed{
			DocsPerSec:     ndocs / total,
			MBPerSec:       mb / total,
			SignDocsPerSec: ndocs / signT,
			PairsPerSec:    float64(len(res.Pairs)) / scoreT,
		}
	}
	return nil
}

// median times fn over passes passes, each repeated to last at least
// minPass, and returns the median seconds per call; a first call longer
// than longPass is the only one.
func median(ctx context.Context, passes int, fn func()) (float64, error) {
	start := time.Now()
	fn()
	once := time.Since(start)
	if once > longPass {
		return once.Seconds(), nil
	}
	reps := 1
	if once < minPass {
		reps = int(minPass/max(once, time.Microsecond)) + 1
	}
	per := make([]float64, passes)
	for p := range per {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		start := time.Now()
		for range reps {
			fn()
		}
		per[p] = time.Since(start).Seconds() / float64(reps)
	}
	slices.Sort(per)
	return stat.Quantile(0.5, stat.Empirical, per, nil), nil
}

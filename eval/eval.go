// Package eval runs configured algorithms over a gold set and measures them:
// it shingles every document once per distinct text configuration, signs the
// documents and scores every pair in scope once per algorithm, the
// algorithms running concurrently, and derives precision, recall, F1, the
// threshold sweep, average precision and the best threshold from that one
// scoring pass (package metric). Throughput is measured afterwards, each
// algorithm alone, so that the concurrent quality pass does not distort it.
//
// Results are deterministic: every score is written to its own slot, so the
// same gold set, configurations and seed give the same scores for any
// GOMAXPROCS and any scheduling.
package eval

import (
	"context"
	"fmt"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval/bootstrap"
	"github.com/simbench/simbench/eval/metric"
	"github.com/simbench/simbench/gold"
)

// Scope says which pairs are scored.
type Scope uint8

const (
	// Labelled scores the labelled pairs of the gold set only.
	Labelled Scope = iota
	// Corpus scores every pair of documents; pairs not labelled positive
	// are negatives. It needs an exhaustive gold set.
	Corpus
)

func (s Scope) String() string {
	if s == Corpus {
		return "corpus"
	}
	return "labelled"
}

// ParseScope parses "labelled" (or "labeled") and "corpus".
func ParseScope(s string) (Scope, error) {
	switch s {
	case "labelled", "labeled":
		return Labelled, nil
	case "corpus":
		return Corpus, nil
	}
	return 0, fmt.Errorf("unknown scope %q (want labelled or corpus)", s)
}

// DefaultScope is Corpus for an exhaustive gold set, whose unlabelled pairs
// are known negatives, and Labelled otherwise.
func DefaultScope(s *gold.Set) Scope {
	if s.Manifest.Exhaustive {
		return Corpus
	}
	return Labelled
}

// Options controls a run.
type Options struct {
	// Scope says which pairs are scored.
	Scope Scope
	// Workers bounds the goroutines of the quality pass; 0 means
	// GOMAXPROCS.
	Workers int
	// Timing turns on the throughput measurement.
	Timing bool
	// Passes is the number of timed passes whose median is reported;
	// 0 means 5.
	Passes int
	// Progress, when not nil, is told what the run is doing. It may be
	// called from several goroutines at once.
	Progress func(format string, args ...any)
}

// A Pair is a pair of documents in scope.
type Pair struct {
	A, B     int    // indexes into the gold set's Docs, A < B
	Label    string // "" for an unlabelled pair (corpus scope)
	Positive bool
}

// Result is the outcome of a run.
type Result struct {
	Set   *gold.Set
	Scope Scope
	// Pairs are the pairs in scope; every Run's Scores is parallel to it.
	Pairs []Pair
	// Positives is the number of positive pairs in scope.
	Positives int
	// Text reports each distinct shingling of the run.
	Text []TextStats
	Runs []Run
	// Warnings are problems that did not stop the run, such as documents
	// without shingles.
	Warnings []string
	// Bootstrap holds the options of the confidence intervals, and Diffs
	// the paired F1 differences, when the caller ran Bootstrap.
	Bootstrap *bootstrap.Options
	Diffs     []F1Diff
	// Spreads, when the caller ran SeedSpread, say how the randomised
	// algorithms vary with their seed.
	Spreads []Spread
	// Timed reports whether throughput was measured, and Passes how many
	// passes each median is of.
	Timed  bool
	Passes int
}

// TextStats describes one shingling of the gold set.
type TextStats struct {
	Options text.Options
	// Shingles is the mean number of shingles per document.
	Shingles float64
	// Empty lists the documents with no shingles.
	Empty []string
	// DocsPerSec and MBPerSec are the shingling throughput (zero when
	// not timed).
	DocsPerSec, MBPerSec float64
}

// A Run is one algorithm's scores and metrics.
type Run struct {
	Config algorithms.Config
	// Scores are the similarities of Result.Pairs, in the same order.
	Scores []float64
	// Candidates is the number of pairs in scope the algorithm's index
	// proposed, or -1 for an algorithm that compares all pairs.
	Candidates int
	// Proposed says, for an algorithm with an index, which pairs of
	// Result.Pairs the index proposed; nil otherwise.
	Proposed []bool
	// At is the confusion at the configured threshold.
	At metric.Confusion
	// Sweep is the confusion at every distinct score.
	Sweep []metric.Point
	// AP is the average precision; NaN without positives.
	AP float64
	// ROCAUC is the area under the ROC curve (gonum's stat.ROC); NaN when
	// a class is empty.
	ROCAUC float64
	// Best is the sweep point of highest F1.
	Best metric.Point
	// PerLabel is how the algorithm does on each label's pairs at its
	// threshold: the recall of every positive label and the false
	// positive rate of every negative one.
	PerLabel []LabelRate
	// CI holds the bootstrap confidence intervals of the metrics, when
	// Bootstrap was run.
	CI *bootstrap.Metrics
	// SigBytes is the mean size of a signature in bytes.
	SigBytes float64
	// Speed is the measured throughput; nil when not timed.
	Speed *Speed
}

// LabelRate counts the pairs of one label that an algorithm calls
// duplicates at its threshold.
type LabelRate struct {
	// Label is the label, or "" for the unlabelled pairs of the corpus
	// scope, which are negatives.
	Label    string
	Positive bool
	// Pairs is the number of pairs in scope with the label, and Predicted
	// how many of them score at least the threshold.
	Pairs, Predicted int
}

// Rate returns Predicted/Pairs: the recall of a positive label, the false
// positive rate of a negative one; 0 when there are no pairs.
func (l LabelRate) Rate() float64 {
	if l.Pairs == 0 {
		return 0
	}
	return float64(l.Predicted) / float64(l.Pairs)
}

// perLabel counts the pairs of every label, in the order of the gold set's
// declared labels followed by the unlabelled pairs, leaving out labels with
// no pair in scope.
func perLabel(s *gold.Set, pairs []Pair, scores []float64, t float64) []LabelRate {
	labels := append(s.Labels(), "")
	rates := make([]LabelRate, len(labels))
	for i, l := range labels {
		rates[i] = LabelRate{Label: l, Positive: l != "" && s.IsPositive(l)}
	}
	for i, p := range pairs {
		j := slices.Index(labels, p.Label)
		rates[j].Pairs++
		if scores[i] >= t {
			rates[j].Predicted++
		}
	}
	return slices.DeleteFunc(rates, func(r LabelRate) bool { return r.Pairs == 0 })
}

// Speed is an algorithm's throughput, each figure the median of the passes.
type Speed struct {
	// DocsPerSec and MBPerSec count documents and megabytes (10^6 bytes) of
	// UTF-8 text from text to signature: shingling plus signing.
	DocsPerSec, MBPerSec float64
	// SignDocsPerSec counts signing alone, from shingles to signature.
	SignDocsPerSec float64
	// PairsPerSec counts the scoring of the pairs in scope, index
	// building and queries included.
	PairsPerSec float64
}

// ScopePairs returns the pairs of s in scope.
func ScopePairs(s *gold.Set, scope Scope) ([]Pair, error) {
	if scope == Labelled {
		ps := make([]Pair, len(s.Pairs))
		for i, p := range s.Pairs {
			ps[i] = Pair{A: p.A, B: p.B, Label: p.Label, Positive: s.IsPositive(p.Label)}
		}
		return ps, nil
	}
	if !s.Manifest.Exhaustive {
		return nil, fmt.Errorf("gold set %s is not exhaustive (gold.json \"exhaustive\": false): its unlabelled pairs are unknown, so the corpus scope is not allowed; use -scope labelled", s.Manifest.Name)
	}
	n := len(s.Docs)
	ps := make([]Pair, 0, n*(n-1)/2)
	labels := make(map[[2]int]string, len(s.Pairs))
	for _, p := range s.Pairs {
		labels[[2]int{p.A, p.B}] = p.Label
	}
	for a := range n {
		for b := a + 1; b < n; b++ {
			l := labels[[2]int{a, b}]
			ps = append(ps, Pair{A: a, B: b, Label: l, Positive: l != "" && s.IsPositive(l)})
		}
	}
	return ps, nil
}

// Evaluate evaluates the configurations cs on the gold set s.
func Evaluate(ctx context.Context, s *gold.Set, cs []algorithms.Config, opt Options) (*Result, error) {
	if len(cs) == 0 {
		return nil, fmt.Errorf("no algorithm to run")
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Passes <= 0 {
		opt.Passes = 5
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(string, ...any) {}
	}
	pairs, err := ScopePairs(s, opt.Scope)
	if err != nil {
		return nil, err
	}
	res := &Result{Set: s, Scope: opt.Scope, Pairs: pairs, Timed: opt.Timing, Passes: opt.Passes}
	labels := make([]bool, len(pairs))
	for i, p := range pairs {
		labels[i] = p.Positive
		if p.Positive {
			res.Positives++
		}
	}

	// The text pipeline, once per distinct shingling.
	var textOpts []text.Options
	for _, c := range cs {
		if !slices.Contains(textOpts, c.Text) {
			textOpts = append(textOpts, c.Text)
		}
	}
	shingles := make([][][]uint64, len(textOpts))
	for i, o := range textOpts {
		progress("shingling %d documents (%s)", len(s.Docs), o)
		sh, err := shingleAll(ctx, s.Docs, o, opt.Workers)
		if err != nil {
			return nil, err
		}
		shingles[i] = sh
		st := TextStats{Options: o}
		total := 0
		for d, x := range sh {
			total += len(x)
			if len(x) == 0 {
				st.Empty = append(st.Empty, s.Docs[d].ID)
				res.Warnings = append(res.Warnings, fmt.Sprintf("document %s has no %s shingles: it scores 0 against every document", s.Docs[d].ID, o))
			}
		}
		st.Shingles = float64(total) / float64(max(1, len(sh)))
		res.Text = append(res.Text, st)
	}

	// The quality pass: the algorithms concurrently, each writing its own
	// Run.
	res.Runs = make([]Run, len(cs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opt.Workers)
	for i, c := range cs {
		sh := shingles[slices.Index(textOpts, c.Text)]
		g.Go(func() error {
			progress("scoring %d pairs with %s", len(pairs), c.Label)
			r, err := score(gctx, c, sh, pairs)
			if err != nil {
				return err
			}
			r.Sweep = metric.Sweep(r.Scores, labels)
			r.At = metric.At(r.Scores, labels, c.Threshold)
			r.AP = metric.AveragePrecision(r.Sweep)
			r.ROCAUC = metric.ROCAUC(r.Scores, labels)
			r.Best = metric.BestF1(r.Sweep)
			r.PerLabel = perLabel(s, pairs, r.Scores, c.Threshold)
			res.Runs[i] = r
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if opt.Timing {
		if err := measure(ctx, res, cs, textOpts, opt.Passes, progress); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// shingleAll shingles docs with workers goroutines, each with its own
// Shingler; document d's shingles land in slot d.
func shingleAll(ctx context.Context, docs []gold.Doc, o text.Options, workers int) ([][]uint64, error) {
	out := make([][]uint64, len(docs))
	g, ctx := errgroup.WithContext(ctx)
	for w := range workers {
		g.Go(func() error {
			sh, err := text.NewShingler(o)
			if err != nil {
				return err
			}
			for d := w; d < len(docs); d += workers {
				if err := ctx.Err(); err != nil {
					return err
				}
				out[d] = sh.Append(nil, docs[d].Text)
			}
			return nil
		})
	}
	return out, g.Wait()
}

// sign returns the signatures of every document, sharing one backing array.
func sign(a algo.Algorithm, shingles [][]uint64) [][]uint64 {
	var buf []uint64
	ends := make([]int, len(shingles))
	for d, sh := range shingles {
		buf = a.Sign(buf, sh)
		ends[d] = len(buf)
	}
	sigs := make([][]uint64, len(shingles))
	start := 0
	for d, end := range ends {
		sigs[d] = buf[start:end:end]
		start = end
	}
	return sigs
}

// score signs every document with c and scores pairs.
func score(ctx context.Context, c algorithms.Config, shingles [][]uint64, pairs []Pair) (Run, error) {
	sigs := sign(c.Algorithm, shingles)
	words := 0
	for _, s := range sigs {
		words += len(s)
	}
	r := Run{Config: c, Scores: make([]float64, len(pairs))}
	r.SigBytes = 8 * float64(words) / float64(max(1, len(sigs)))
	if _, ok := c.Algorithm.(algo.Indexer); ok {
		r.Proposed = make([]bool, len(pairs))
	}
	var err error
	r.Candidates, err = scorePairs(ctx, c, sigs, pairs, r.Scores, r.Proposed)
	if err == nil && c.Verify {
		// The index proposed; exact Jaccard of the shingles decides.
		for i, p := range pairs {
			if r.Proposed[i] { // verify=true is refused for an algorithm without an index
				r.Scores[i] = jaccard.Jaccard{}.Similarity(shingles[p.A], shingles[p.B])
			}
		}
	}
	return r, err
}

// scorePairs writes the similarity of every pair to scores and returns the
// number of pairs the algorithm's index proposed, or -1 when it has none.
// For an Indexer, a pair its index does not propose scores 0, and proposed,
// when not nil, records which pairs it proposed.
func scorePairs(ctx context.Context, c algorithms.Config, sigs [][]uint64, pairs []Pair, scores []float64, proposed []bool) (int, error) {
	n := -1
	var cands [][]int
	if ix, ok := c.Algorithm.(algo.Indexer); ok {
		cands = candidates(ix, sigs)
		n = 0
	}
	for i, p := range pairs {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		scores[i] = 0
		if cands != nil {
			if _, found := slices.BinarySearch(cands[p.A], p.B); !found {
				continue
			}
			n++
			if proposed != nil {
				proposed[i] = true
			}
		}
		scores[i] = c.Algorithm.Similarity(sigs[p.A], sigs[p.B])
	}
	return n, nil
}

// candidates builds ix's index over sigs and returns every document's
// candidates, in increasing order.
func candidates(ix algo.Indexer, sigs [][]uint64) [][]int {
	index := ix.NewIndex(len(sigs))
	for d, s := range sigs {
		index.Add(d, s)
	}
	index.Finish()
	out := make([][]int, len(sigs))
	for d, s := range sigs {
		out[d] = index.Candidates(nil, s)
	}
	return out
}

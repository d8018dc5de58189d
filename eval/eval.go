// Package eval runs configured algorithms over a gold set and measures them:
// it shingles every document once per distinct text configuration, signs the
// documents and scores every pair in scope once per algorithm, the
// algorithms running concurrently, and derives precision, recall, F1, the
// threshold sweep, average precision and the best threshold from that one
// scoring pass (package metric). Throughput is measured afterwards, each
// algorithm alone, so that the concurrent quality pass does not distort it.
//
// A corpus scope of more than DenseLimit pairs is scored sparsely: each
// algorithm finds its own pairs with its index or join, only their union and
// the labelled pairs are scored, and the rest are counted as negatives that
// score 0. EvaluateStream evaluates a set on disk without holding its text,
// shingling and signing each document as it is read.
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
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
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
	// Sparse asks for the sparse corpus scope whatever the size of the set;
	// it is chosen anyway for a corpus of more than DenseLimit pairs.
	Sparse bool
	// Mem, when above 0, is the memory budget in bytes: before the stages
	// that hold pairs, the run estimates what they need (ScoringBytes,
	// algo.PairEstimator) and stops with a *budget.Exceeded error rather
	// than go over it. The caller watches the resident set (budget.Watch)
	// for what the estimates miss.
	Mem int64
	// Bar, when not nil, is told how far a streamed load has got: done of
	// total bytes of text, total 0 when unknown. It is called from one
	// goroutine.
	Bar func(done, total int64)

	// AutoScope, for EvaluateStream, which loads the set itself, asks for
	// the default scope of the set (DefaultScope, from its manifest)
	// instead of Scope.
	AutoScope bool
	// Load, for EvaluateStream, are the options it loads the set with.
	Load gold.LoadOptions
	// Positive, for EvaluateStream, when not nil, are the labels counted
	// as positive (gold.Set.WithPositive).
	Positive []string

	// Counted asks for the counted corpus scope (see counted.go): every
	// figure from counts, no pair kept. The set should be loaded with
	// gold.LoadOptions.NoClusterPairs, so that its clusters' pairs are not
	// listed either.
	Counted bool
	// Sample, in the counted scope, is the number of pairs of Result.Sample:
	// the pairs found or labelled whose keys hash lowest; 0 for none.
	Sample int

	sparse      bool
	keepScorers bool // a counted run keeps each configuration's Scorer (Scorers) // the run scores the corpus sparsely
}

// DenseLimit is the largest number of pairs the corpus scope scores all of.
// A larger corpus is scored sparsely: only the pairs some algorithm's index
// or join finds, and the labelled pairs, are scored; every other pair is a
// negative that scores 0 for every algorithm (Result.Implied counts them).
// An algorithm that scores every pair itself (algo.Joiner) then finds its
// pairs with its join at its floor, and counts lower scores as 0, so that
// its sweep is exact at thresholds from the floor up.
const DenseLimit = 2_000_000

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
	// In the sparse corpus scope they are the pairs some index or join
	// found and the labelled pairs, and Implied counts the others.
	Pairs []Pair
	// Sparse reports the sparse corpus scope (see DenseLimit).
	Sparse bool
	// Counted reports the counted corpus scope, sparse and without a
	// pair kept: Pairs is empty, and the Runs have no Scores.
	Counted bool
	// Sample is, in the counted scope with Options.Sample, a sample of the
	// pairs some configuration found or the gold set labels: those whose
	// keys hash lowest (a bottom-k sample), sorted by (A, B); each Run's
	// SampleScores is parallel to it. SampledAll reports that it holds
	// every pair found or labelled.
	Sample     []Pair
	SampledAll bool
	// Implied is, in the sparse corpus scope, the number of pairs in scope
	// that are not in Pairs: unlabelled negatives that every algorithm
	// scores 0.
	Implied int64
	// Phases are the wall-clock times of the steps of the run, in order.
	Phases []Phase
	// Bytes is the size of the documents' text.
	Bytes int64
	// GoldHash is the content hash of the gold set as the run counted it
	// (gold.Set.ContentHash, after any relabelling).
	GoldHash string
	// PeakRSS is the peak resident memory of the process in bytes at the
	// end of the run, or 0 where the system does not say.
	PeakRSS int64
	// Positives is the number of positive pairs in scope.
	Positives int
	// Text reports each distinct shingling of the run.
	Text []TextStats
	Runs []Run
	// Warnings are problems that did not stop the run, such as documents
	// without shingles.
	Warnings []string
	// Skipped lists the algorithms of the default list that could not run
	// in the run's scope, and why; they have no Run.
	Skipped []Skip
	// GoldClusters is, in the corpus scope, each document's gold cluster:
	// the smallest index of the documents in it (see clusters.go); nil in
	// the labelled scope, ClusterNote saying why.
	GoldClusters []int
	ClusterNote  string
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

	// scorers holds, per run, the scorer that scored its pairs.
	scorers []*Scorer
	// phase ends a phase of the run (phaseTimer).
	phase func(name string)
	// hashed delivers GoldHash, computed beside the run (hashing).
	hashed chan string
}

// hashing computes the gold set's hash with hash on a goroutine of its
// own, beside the run: of a set loaded without its clusters' pairs, it
// hashes every pair they label, which can take seconds. The run reads
// it from res.hashed when it is done.
func (res *Result) hashing(hash func() string) {
	res.hashed = make(chan string, 1)
	go func() { res.hashed <- hash() }()
}

// Scorer returns the scorer that scored the pairs of run i: Scorer(i).Score
// gives the score of any pair of documents exactly as the run gave it.
func (r *Result) Scorer(i int) *Scorer { return r.scorers[i] }

// A Skip is an algorithm left out of a run, and why.
type Skip struct {
	Label, Reason string
}

// InScope returns the number of pairs in scope: len(Pairs) and the implied
// pairs of a sparse scope.
func (r *Result) InScope() int64 {
	if r.Counted {
		n := int64(len(r.Set.Docs))
		return n * (n - 1) / 2
	}
	return int64(len(r.Pairs)) + r.Implied
}

// A Phase is a step of a run and the wall-clock seconds it took.
type Phase struct {
	Name    string
	Seconds float64
}

// phaseTimer returns a function that appends to r.Phases the phase that
// ends with the call, and records the peak memory so far.
func (r *Result) phaseTimer() func(name string) {
	last := time.Now()
	return func(name string) {
		now := time.Now()
		r.Phases = append(r.Phases, Phase{name, now.Sub(last).Seconds()})
		r.PeakRSS = peakRSS()
		last = now
	}
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
	// SampleScores are the scores of Result.Sample, in the same order.
	SampleScores []float64
	// Groups is, in the counted corpus scope, the number of distinct
	// signatures (or, with verify=true, shingle sets) among the
	// documents: the documents the algorithm ran on; 0 otherwise.
	Groups int
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
	// Floor is, in the sparse corpus scope, the lowest score the
	// algorithm's join searched for (lower scores count as 0); 0 otherwise.
	Floor float64
	// IndexSeconds is the wall-clock time of building the algorithm's
	// index or join and finding every document's candidates; 0 without
	// one.
	IndexSeconds float64
	// Speed is the measured throughput; nil when not timed.
	Speed *Speed
	// Clusters is, in the corpus scope, each document's predicted
	// cluster, the closure of the pairs scored at or above the threshold
	// (labelled by the smallest index of its documents), and Cluster the
	// figures after closure; nil otherwise.
	Clusters []int
	Cluster  *ClusterFigures
}

// Predicted reports whether the run calls pair i of Result.Pairs a
// duplicate: whether its score is at least the threshold.
func (r *Run) Predicted(i int) bool { return r.Scores[i] >= r.Config.Threshold }

// MaxRecallAtPrecision returns the point of the run's sweep with the
// highest recall whose precision is at least p (metric.MaxRecallAtPrecision),
// and false when there is none.
func (r *Run) MaxRecallAtPrecision(p float64) (metric.Point, bool) {
	return metric.MaxRecallAtPrecision(r.Sweep, p)
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
//
// The implied unscored pairs of a sparse scope, which score 0, count as
// unlabelled pairs.
func perLabel(s *gold.Set, pairs []Pair, scores []float64, t float64, implied int) []LabelRate {
	labels := append(s.Labels(), "")
	rates := make([]LabelRate, len(labels))
	for i, l := range labels {
		rates[i] = LabelRate{Label: l, Positive: l != "" && s.IsPositive(l)}
	}
	rates[len(rates)-1].Pairs = implied
	if 0 >= t {
		rates[len(rates)-1].Predicted = implied
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
	// building and queries included; NaN in a counted run, which keeps no
	// pair to score again.
	PairsPerSec float64
}

// notExhaustive refuses the corpus scope of the set called name, whose
// unlabelled pairs are unknown.
func notExhaustive(name string) error {
	return fmt.Errorf(`gold set %s is not exhaustive (gold.json "exhaustive": false): its unlabelled pairs are unknown, so the corpus scope is not allowed; use -scope labelled`, name)
}

// omitted refuses to score pair by pair the set called name, loaded
// without the pairs of its clusters.
func omitted(name string) error {
	return fmt.Errorf("gold set %s was loaded without its clusters' pairs (gold.LoadOptions.NoClusterPairs), which only a run that counts its pairs (Options.Counted) can score", name)
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
		return nil, notExhaustive(s.Manifest.Name)
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
	res, p, opt, err := prepare(ctx, s, cs, opt)
	if err != nil {
		return nil, err
	}
	if err := res.quality(ctx, cs, p, opt, res.phase); err != nil {
		return nil, err
	}
	res.GoldHash = <-res.hashed
	res.phase("gold hash") // what is left of it once the run is done
	if opt.Timing {
		if err := measure(ctx, res, cs, p.textOpts, opt.Passes, opt.Progress); err != nil {
			return nil, err
		}
		res.phase("timing")
	}
	return res, nil
}

// Scorers returns the scorers a run of the configurations cs on s with
// options opt would score with: the documents are shingled and signed and
// each configuration's index or join finds its pairs, exactly as Evaluate
// does, but no pair is scored (in a counted run, each configuration's
// pairs are counted too, and its scorer scores a pair as the pair of
// documents it ran on that stands for it). Explaining a pair asks them.
func Scorers(ctx context.Context, s *gold.Set, cs []algorithms.Config, opt Options) ([]*Scorer, error) {
	res, p, opt, err := prepare(ctx, s, cs, opt)
	if err != nil {
		return nil, err
	}
	if opt.Counted {
		opt.keepScorers = true
		if err := res.countAll(ctx, cs, p, opt); err != nil {
			return nil, err
		}
		return res.scorers, nil
	}
	if _, err := res.findAll(ctx, cs, p, opt); err != nil {
		return nil, err
	}
	return res.scorers, nil
}

// prepare checks the options, starts the result of a run of cs on s, and
// shingles and signs every document.
func prepare(ctx context.Context, s *gold.Set, cs []algorithms.Config, opt Options) (*Result, *prepared, Options, error) {
	if s.Order != nil {
		return nil, nil, opt, fmt.Errorf("gold set %s was streamed and holds no text; use EvaluateStream", s.Manifest.Name)
	}
	if opt.Scope == Corpus && !s.Manifest.Exhaustive {
		return nil, nil, opt, notExhaustive(s.Manifest.Name)
	}
	if s.ClusterPairsOmitted && !opt.Counted {
		return nil, nil, opt, omitted(s.Manifest.Name)
	}
	opt, err := opt.init(len(s.Docs), cs)
	if err != nil {
		return nil, nil, opt, err
	}
	res := &Result{Set: s, Scope: opt.Scope, Sparse: opt.sparse, Timed: opt.Timing, Passes: opt.Passes}
	res.hashing(s.ContentHash)
	for _, d := range s.Docs {
		res.Bytes += int64(len(d.Text))
	}
	res.phase = res.phaseTimer()

	// The text pipeline, once per distinct shingling.
	p := &prepared{textOpts: textOptions(cs)}
	p.shingles = make([][][]uint64, len(p.textOpts))
	for i, o := range p.textOpts {
		opt.Progress("shingling %d documents (%s)", len(s.Docs), o)
		sh, err := shingleAll(ctx, s.Docs, o, opt.Workers)
		if err != nil {
			return nil, nil, opt, err
		}
		p.shingles[i] = sh
		st := TextStats{Options: o}
		total := 0
		for d, x := range sh {
			total += len(x)
			if len(x) == 0 {
				st.Empty = append(st.Empty, s.Docs[d].ID)
			}
		}
		st.Shingles = float64(total) / float64(max(1, len(sh)))
		res.Text = append(res.Text, st)
	}
	res.phase("shingle")

	// The signatures, the algorithms concurrently.
	p.sigs = make([][][]uint64, len(cs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opt.Workers)
	for i, c := range cs {
		sh := p.shingles[slices.Index(p.textOpts, c.Text)]
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			if ds, ok := c.Algorithm.(DocSigner); ok {
				p.sigs[i] = ds.DocSignatures(len(sh))
				return nil
			}
			var err error
			p.sigs[i], err = signAll(gctx, c.Algorithm, sh, 1) // the algorithms run concurrently
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, opt, err
	}
	res.phase("sign")
	return res, p, opt, nil
}

// A DocSigner is an algorithm whose signatures do not come from shingles:
// the output of another system (package algorithms/reported), whose document d is
// known by its index. It is not timed, and cannot run on streamed sets.
type DocSigner interface {
	DocSignatures(n int) [][]uint64
}

// init checks the options against a set of n documents and the
// configurations cs, and fills in the defaults.
func (opt Options) init(n int, cs []algorithms.Config) (Options, error) {
	if len(cs) == 0 {
		return opt, fmt.Errorf("no algorithm to run")
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Passes <= 0 {
		opt.Passes = 5
	}
	if opt.Progress == nil {
		opt.Progress = func(string, ...any) {}
	}
	opt.sparse = Sparse(n, opt.Scope, opt.Sparse || opt.Counted)
	if opt.Counted && opt.Scope != Corpus {
		return opt, fmt.Errorf("-counted: counting the pairs is a way of scoring the corpus scope (every pair of an exhaustive gold set), and this run scores the labelled pairs; leave out -counted")
	}
	if opt.Sparse && opt.Scope != Corpus {
		return opt, fmt.Errorf("-sparse: the sparse scope is a way of scoring the corpus scope (every pair of an exhaustive gold set), and this run scores the labelled pairs; leave out -sparse")
	}
	if opt.sparse {
		if err := checkSparse(cs); err != nil {
			return opt, err
		}
	}
	return opt, nil
}

// checkSparse checks that every configuration of cs can run in the sparse
// corpus scope.
func checkSparse(cs []algorithms.Config) error {
	for _, c := range cs {
		if err := CanRun(c, true); err != nil {
			return err
		}
	}
	return nil
}

// Sparse reports whether a run in scope of a set of n documents is scored
// sparsely: the corpus scope of more than DenseLimit pairs, or of any size
// when asked.
func Sparse(n int, scope Scope, asked bool) bool {
	return scope == Corpus && (asked || int64(n)*int64(n-1)/2 > DenseLimit)
}

// CanRun returns why c cannot run in the sparse corpus scope when sparse is
// set, or nil when it can run.
func CanRun(c algorithms.Config, sparse bool) error {
	if !sparse {
		return nil
	}
	if !canSparse(c) {
		return fmt.Errorf("%s cannot run in the sparse corpus scope: it has neither an index nor a join to find its pairs without scoring all of them; leave it out or use -scope labelled", c.Label)
	}
	if _, ok := c.Algorithm.(algo.Joiner); ok && c.Floor <= 0 {
		return fmt.Errorf("%s: a join at floor 0 finds every pair, which the sparse corpus scope cannot score; give it a floor=F above 0", c.Label)
	}
	return nil
}

// textOptions returns the distinct shinglings of cs, in order of first use.
func textOptions(cs []algorithms.Config) []text.Options {
	var opts []text.Options
	for _, c := range cs {
		if !slices.Contains(opts, c.Text) {
			opts = append(opts, c.Text)
		}
	}
	return opts
}

// prepared holds the shingles and signatures of a run's documents.
type prepared struct {
	textOpts []text.Options
	// shingles holds, per text option, every document's shingles; an
	// entry is nil when a streamed run did not keep them.
	shingles [][][]uint64
	// sigs holds, per configuration, every document's signature.
	sigs [][][]uint64
	// deferred reports that the signatures are not made yet (every
	// sigs[i] is nil) and the shingles of every text option are held:
	// findAll signs each configuration's documents when it finds its
	// pairs, scores those pairs, and lets the signatures go (unless they
	// take less room than the scores), so that one configuration's
	// signatures are held at a time (a streamed run in the sparse corpus
	// scope).
	deferred bool
	// sigBytes is, when the signing is deferred, the mean bytes of each
	// configuration's signature of a document, once made.
	sigBytes []float64
}

// quality finds the pairs in scope, scores them with every configuration
// and computes the metrics.
func (res *Result) quality(ctx context.Context, cs []algorithms.Config, p *prepared, opt Options, phase func(string)) error {
	s := res.Set
	for _, st := range res.Text {
		for _, id := range st.Empty {
			res.Warnings = append(res.Warnings, fmt.Sprintf("document %s has no %s shingles: it scores 0 against every document", id, st.Options))
		}
	}

	if opt.Counted {
		if err := res.countAll(ctx, cs, p, opt); err != nil {
			return err
		}
		phase("sign, count")
		return nil
	}
	found, err := res.findAll(ctx, cs, p, opt)
	if err != nil {
		return err
	}
	if p.deferred {
		phase("sign, candidates")
	} else {
		phase("candidates")
	}

	if err := res.checkScope(found, cs, opt); err != nil {
		return err
	}
	if res.Sparse {
		res.Pairs, res.Implied = sparsePairs(s, found)
	} else {
		res.Pairs, err = ScopePairs(s, res.Scope)
		if err != nil {
			return err
		}
	}
	labels := make([]bool, len(res.Pairs))
	for i, pr := range res.Pairs {
		labels[i] = pr.Positive
		if pr.Positive {
			res.Positives++
		}
	}
	res.goldClusters()
	phase("pairs")

	// The quality pass: the algorithms concurrently, each writing its own
	// Run.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opt.Workers)
	for i, c := range cs {
		g.Go(func() error {
			opt.Progress("scoring %d pairs with %s", len(res.Pairs), c.Label)
			r, err := score(gctx, res.scorers[i], res.Pairs)
			if err != nil {
				return err
			}
			r.IndexSeconds = res.Runs[i].IndexSeconds
			n := int(res.Implied)
			sorted := sortScores(c, r.Scores, labels) // once, for the sweep and the ROC AUC
			r.Sweep = metric.ZeroNegatives(sorted.Sweep(), n)
			r.At = metric.AtZeroNegatives(r.Scores, labels, c.Threshold, n)
			r.AP = metric.AveragePrecision(r.Sweep)
			r.ROCAUC = sorted.ROCAUCZeroNegatives(n)
			r.Best = metric.BestF1(r.Sweep)
			r.PerLabel = perLabel(s, res.Pairs, r.Scores, c.Threshold, n)
			res.cluster(&r)
			res.Runs[i] = r
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	phase("score")
	return nil
}

// findAll finds, for every configuration of cs, the pairs its index (or,
// in the sparse scope, its join) finds, as sorted algo.PairKey keys (nil
// for a configuration that scores every pair), records the time each took,
// and makes every run's Scorer.
func (res *Result) findAll(ctx context.Context, cs []algorithms.Config, p *prepared, opt Options) ([][]uint64, error) {
	// The pairs every configuration with an index (or, in the sparse
	// scope, a join) finds. A self-joining algorithm uses every worker
	// itself, so those run one at a time, which also keeps one join's
	// working memory at a time; the others, which query document by
	// document on one goroutine, run concurrently.
	found := make([][]uint64, len(cs))
	scores := make([][]float64, len(cs))
	res.Runs = make([]Run, len(cs))
	var mu sync.Mutex
	var most int64 // the most pairs a configuration found so far
	if p.deferred {
		p.sigBytes = make([]float64, len(cs))
	}
	find := func(ctx context.Context, i int) error {
		if err := ctx.Err(); err != nil {
			return err // stopped before this configuration began
		}
		c := cs[i]
		mu.Lock()
		before := most
		mu.Unlock()
		if p.deferred {
			opt.Progress("signing %d documents with %s", len(res.Set.Docs), c.Label)
			var err error
			if p.sigs[i], err = signAll(ctx, c.Algorithm, p.shinglesOf(c), opt.Workers); err != nil {
				return err
			}
			p.sigBytes[i] = sigBytes(p.sigs[i])
		}
		if err := checkFound(c, res.Sparse, p.sigs[i], opt, len(cs), before); err != nil {
			return err
		}
		start := time.Now()
		opt.Progress("finding the pairs of %s", c.Label)
		var err error
		if found[i], scores[i], err = findPairs(ctx, c, res.Sparse, p.sigs[i], opt.Workers); err != nil {
			return err
		}
		res.Runs[i].IndexSeconds = time.Since(start).Seconds()
		if p.deferred && (scores[i] != nil || c.Verify || words(p.sigs[i]) > len(found[i])) {
			// Score the pairs found while the signatures are here, and
			// let them go, unless they take less room than the scores
			// (SimHash's 8 bytes a document beside millions of pairs).
			if scores[i] == nil {
				sc := newScorer(c, p, i, found[i], nil)
				if scores[i], err = sc.scoreKeys(ctx, found[i], opt.Workers); err != nil {
					return err
				}
			}
			p.sigs[i] = nil
		}
		mu.Lock()
		most = max(most, int64(len(found[i])))
		mu.Unlock()
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opt.Workers)
	for i, c := range cs {
		if _, ok := c.Algorithm.(algo.SelfJoiner); !ok && !p.deferred {
			g.Go(func() error { return find(gctx, i) })
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i, c := range cs {
		if _, ok := c.Algorithm.(algo.SelfJoiner); ok || p.deferred {
			if err := find(ctx, i); err != nil {
				return nil, err
			}
		}
	}

	res.scorers = make([]*Scorer, len(cs))
	for i, c := range cs {
		res.scorers[i] = newScorer(c, p, i, found[i], scores[i])
	}
	if p.deferred {
		p.shingles = nil // every pair found is scored
	}
	return found, nil
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

// signAll returns what sign returns, with up to workers goroutines: each
// signs a chunk of documents at a time into a buffer it keeps, then copies
// the chunk's signatures to one array of their exact size. An
// algo.ShinglesSigner's signatures are the shingles themselves.
func signAll(ctx context.Context, a algo.Algorithm, shingles [][]uint64, workers int) ([][]uint64, error) {
	if _, ok := a.(algo.ShinglesSigner); ok {
		return shingles, nil
	}
	sigs := make([][]uint64, len(shingles))
	err := chunks(ctx, len(shingles), 4096, workers, func() func(lo, hi int) {
		var buf []uint64
		var ends []int
		return func(lo, hi int) {
			buf, ends = buf[:0], ends[:0]
			for _, sh := range shingles[lo:hi] {
				buf = a.Sign(buf, sh)
				ends = append(ends, len(buf))
			}
			own := slices.Clone(buf)
			start := 0
			for j, end := range ends {
				sigs[lo+j] = own[start:end:end]
				start = end
			}
		}
	})
	return sigs, err
}

// chunks calls work(lo, hi) for every range [lo, hi) of chunk consecutive
// items of n, from up to workers goroutines, each with a work function of
// its own made by newWork (for buffers it reuses), and stops taking ranges
// once ctx is done, returning its error.
func chunks(ctx context.Context, n, chunk, workers int, newWork func() func(lo, hi int)) error {
	var next atomic.Int64
	g, ctx := errgroup.WithContext(ctx)
	for range max(1, workers) {
		g.Go(func() error {
			work := newWork()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return nil
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				work(lo, min(lo+chunk, n))
			}
		})
	}
	return g.Wait()
}

// sigBytes returns the mean bytes of the signatures sigs.
func sigBytes(sigs [][]uint64) float64 {
	return 8 * float64(words(sigs)) / float64(max(1, len(sigs)))
}

// words returns the words of the signatures sigs.
func words(sigs [][]uint64) int {
	n := 0
	for _, s := range sigs {
		n += len(s)
	}
	return n
}

// shinglesOf returns the shingles of every document for c's text option.
func (p *prepared) shinglesOf(c algorithms.Config) [][]uint64 {
	return p.shingles[slices.Index(p.textOpts, c.Text)]
}

// sign returns the signatures of every document, sharing one backing array,
// in one loop on one goroutine: the signing whose throughput a timed run
// measures. A run's signatures come from signAll, the same words.
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

// score scores pairs with the scorer sc.
func score(ctx context.Context, sc *Scorer, pairs []Pair) (Run, error) {
	c := sc.c
	r := Run{Config: c, Scores: make([]float64, len(pairs)), Floor: c.Floor}
	r.SigBytes = sc.sigBytes
	if sc.found != nil {
		r.Proposed = make([]bool, len(pairs))
	}
	var err error
	r.Candidates, err = sc.scoreAll(ctx, pairs, r.Scores, r.Proposed)
	return r, err
}

// canSparse reports whether c can find its pairs in the sparse scope.
func canSparse(c algorithms.Config) bool {
	switch c.Algorithm.(type) {
	case algo.Indexer, algo.Joiner:
		return true
	}
	return false
}

// findPairs returns the pairs c's index, or in the sparse scope its join at
// c.Floor, finds among the documents of sigs, as sorted algo.PairKey keys,
// using up to workers goroutines; nil when c scores every pair itself. An
// algorithm that is an algo.SelfJoiner finds them in one pass; the others
// are asked for every document's candidates.
func findPairs(ctx context.Context, c algorithms.Config, sparse bool, sigs [][]uint64, workers int) ([]uint64, []float64, error) {
	var newIndex func() algo.Index
	switch a := c.Algorithm.(type) {
	case algo.Indexer:
		newIndex = func() algo.Index { return a.NewIndex(len(sigs)) }
	case algo.Joiner:
		if !sparse {
			return nil, nil, nil
		}
		newIndex = func() algo.Index { return a.NewJoinIndex(c.Floor, len(sigs)) }
	default:
		return nil, nil, nil
	}
	if sj, ok := c.Algorithm.(algo.ScoringSelfJoiner); ok && !c.Verify {
		keys, scores, err := sj.SelfJoinScores(ctx, sigs, c.Floor, workers)
		if err != nil {
			return nil, nil, err
		}
		if keys == nil {
			keys, scores = []uint64{}, []float64{} // found nothing, which is not scoring every pair
		}
		return keys, scores, nil
	}
	if sj, ok := c.Algorithm.(algo.SelfJoiner); ok {
		keys := sj.SelfJoin(sigs, c.Floor, workers)
		if keys == nil {
			keys = []uint64{} // found nothing, which is not scoring every pair
		}
		return keys, nil, ctx.Err()
	}
	ix := newIndex()
	for d, s := range sigs {
		ix.Add(d, s)
	}
	ix.Finish()
	keys := []uint64{}
	var cands []int
	for a, s := range sigs {
		if a%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		cands = ix.Candidates(cands[:0], s)
		for _, b := range cands {
			if a < b {
				keys = append(keys, algo.PairKey(a, b))
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys), nil, nil
}

// sortScores sorts the scores of configuration c for its sweep and ROC
// AUC: counted in bins when its similarity takes few values
// (algo.Leveller, and not exact Jaccard by verify=true), which gives the
// sort's result without sorting.
func sortScores(c algorithms.Config, scores []float64, labels []bool) *metric.Sorted {
	if lv, ok := c.Algorithm.(algo.Leveller); ok && !c.Verify && lv.Levels() > 0 {
		return metric.BinScores(scores, labels, lv.Levels())
	}
	return metric.SortScores(scores, labels)
}

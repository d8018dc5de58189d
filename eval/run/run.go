// Package run is simbench's orchestration: it loads a gold set, settles
// the scope, runs the algorithms concurrently (package eval), computes the
// confidence intervals and the spread over seeds, summarises every figure
// once (eval.Summarize, into the schema of package summary), analyses the
// errors and the LSH banding, and returns all of it as one Outcome that the
// renderers (packages report and plot) only read.
//
// Imports point one way: the command imports run; run imports the
// computing packages (eval, explain, tune, gold, algorithms); they import
// the schema, package summary, which imports nothing of simbench.
package run

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/bootstrap"
	"github.com/simbench/simbench/eval/budget"
	"github.com/simbench/simbench/eval/explain"
	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/eval/tune"
	"github.com/simbench/simbench/gold"
)

// ErrUsage marks an error in the options a user gave, such as an unknown
// scope or label: the command exits with status 2 for it.
var ErrUsage = errors.New("usage")

func usage(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, args...))
}

// Options says what to run.
type Options struct {
	// Gold is a gold set directory or the name of an embedded set.
	Gold string
	// Algos are -algo values, NAME[:key=value,...], or exec:cmd=... for a
	// program run as an algorithm (see others.go); no built-in one means
	// every built-in algorithm, unless Outputs are given. Configs, when not
	// empty, are run instead (a tune grid).
	Algos   []string
	Configs []algorithms.Config
	// DefaultConfigs says that Configs are a default list (tune's default
	// grid), whose configurations that cannot run in the scope are skipped,
	// as the default algorithms are, rather than refused.
	DefaultConfigs bool
	// Outputs are other systems' outputs to score beside the algorithms
	// (simbench score).
	Outputs []OutputFile
	// Seed seeds hashing and every random choice.
	Seed uint64
	// Scope is "labelled", "corpus", or "" for the default of the set:
	// corpus when it is exhaustive, labelled otherwise.
	Scope string
	// Sparse asks for the sparse corpus scope whatever the size of the set.
	Sparse bool
	// Counted asks for the counted corpus scope (eval.Options.Counted),
	// which is chosen anyway for a set directory whose clusters label
	// more pairs than can be held (CountedRun).
	Counted bool
	// Positive, when not empty, are the labels counted as duplicates for
	// this run, every other label counting as not.
	Positive []string
	// Workers bounds the goroutines; 0 means GOMAXPROCS.
	Workers int
	// Timing measures throughput in Passes passes (0: 5).
	Timing bool
	Passes int
	// Resamples is the number of bootstrap resamples of the intervals;
	// 0 for none.
	Resamples int
	// Seeds, above 1, also runs each randomised algorithm with Seeds
	// consecutive seeds from Seed and reports the spread.
	Seeds int
	// Stream is "on", "off" or "auto" ("" is auto): stream the documents,
	// keeping no text; auto streams a directory with more than
	// StreamThreshold bytes of documents.
	Stream string
	// Env describes the machine and build, for the summary.
	Env summary.Env
	// Analyse explains each run's errors and compares LSH banding with
	// theory, for the results folder. LSHBuckets, when above 0, is the
	// number of similarity buckets of the LSH comparison (10 when 0), which
	// it asks for alone.
	Analyse    bool
	LSHBuckets int
	// Scores is how the results folder holds the scores of the pairs,
	// one of summary.ScoreModes ("" is auto); it matters only with
	// Analyse, for a folder.
	Scores string
	// Mem is the memory budget in bytes (eval.Options.Mem); 0 means
	// budget.Default(), half of the machine's memory or of its control
	// group's limit when lower. The run also watches its resident set and
	// stops over the budget.
	Mem int64
	// Progress and Bar, when not nil, are told what the run is doing
	// (eval.Options).
	Progress func(format string, args ...any)
	Bar      func(done, total int64)
	// Warn, when not nil, is told the warnings of Explain, which returns
	// no summary to hold them: the default algorithms it skipped.
	Warn func(string)
}

// ErrorLimit is the number of false positives, and of false negatives, the
// error analysis explains per algorithm, and ShingleLimit the number of
// shingles of each kind it shows as text.
const (
	ErrorLimit   = 20
	ShingleLimit = 5
)

// Outcome is the result of a run: the evaluation, its summary, and the
// analyses of it. Nothing reads or writes an Outcome's parts but through
// its methods, which must be treated as read-only.
type Outcome struct {
	res        *eval.Result
	sum        summary.Summary
	errors     [][]*explain.Explanation
	errorPairs [][]int
	lsh        []tune.LSHReport
}

// Result returns the evaluation: the pairs, their scores, the metrics.
func (o *Outcome) Result() *eval.Result { return o.res }

// Summary returns the summary: every figure the tables, the reports, the
// benchmark lines and compare show.
func (o *Outcome) Summary() *summary.Summary { return &o.sum }

// Errors returns the explained false positives and false negatives of run
// r (Options.Analyse), nil when the documents were streamed and have no text.
func (o *Outcome) Errors(r int) []*explain.Explanation {
	if o.errors == nil {
		return nil
	}
	return o.errors[r]
}

// ErrorPairs returns the indexes in Result().Pairs of the false positives
// and false negatives of run r that the error analysis chose.
func (o *Outcome) ErrorPairs(r int) []int {
	if o.errorPairs == nil {
		return nil
	}
	return o.errorPairs[r]
}

// LSH returns the banding reports of the LSH runs (Options.Analyse).
func (o *Outcome) LSH() []tune.LSHReport { return o.lsh }

// Configs returns the configurations of the built-in algorithms of opt:
// Configs, or the built-in -algo values of Algos parsed; every built-in
// algorithm when there is none, but for a run of Outputs alone.
func Configs(opt Options) ([]algorithms.Config, error) {
	if len(opt.Configs) > 0 {
		return opt.Configs, nil
	}
	builtin, _, err := splitExec(opt.Algos)
	if err != nil {
		return nil, err
	}
	if len(builtin) == 0 && len(opt.Outputs) > 0 {
		return nil, nil
	}
	cs, err := algorithms.ParseAll(builtin, opt.Seed)
	if err != nil {
		return nil, usage("%v", err)
	}
	return cs, nil
}

// Load opens the gold set of opt, relabelled with opt.Positive, and
// returns it with the scope of the run.
func Load(opt Options) (*gold.Set, eval.Scope, error) {
	set, err := loadOptions(opt).Open(opt.Gold)
	if err != nil {
		return nil, 0, err
	}
	if len(opt.Positive) > 0 {
		if set, err = set.WithPositive(opt.Positive); err != nil {
			return nil, 0, usage("-positive: %v", err)
		}
	}
	scope := eval.DefaultScope(set)
	if opt.Scope != "" {
		if scope, err = eval.ParseScope(opt.Scope); err != nil {
			return nil, 0, usage("-scope: %v", err)
		}
	}
	if opt.Sparse && scope != eval.Corpus {
		return nil, 0, usage("-sparse: the sparse scope is a way of scoring the corpus scope, and this run's scope is %s", scope)
	}
	return set, scope, nil
}

// loadOptions returns the options that load opt.Gold within opt's memory
// budget: the pairs of its clusters, which every run scores, are counted
// first, and a set whose pairs cannot be held and scored by every
// configuration within the budget is refused before they are made. With
// no budget, the default bound on a set's pairs applies.
func loadOptions(opt Options) gold.LoadOptions {
	if opt.Counted {
		return gold.LoadOptions{NoClusterPairs: true}
	}
	limit := opt.Budget()
	if limit <= 0 {
		return gold.LoadOptions{}
	}
	// The configurations the run will score: a grid, or the -algo values
	// (exec: ones too) and outputs, or every registered algorithm (of
	// which, in the corpus scope of a set whose clusters alone label more
	// pairs than it scores densely, those that cannot run sparsely are
	// skipped).
	configs := len(opt.Configs)
	defaults := configs == 0 && len(opt.Algos) == 0 && len(opt.Outputs) == 0
	switch {
	case configs > 0:
	case !defaults:
		configs = len(opt.Algos) + len(opt.Outputs)
	default:
		configs = len(algorithms.Registry)
	}
	return gold.LoadOptions{MaxPairs: math.MaxInt64, CheckPairs: func(pairs int64) error {
		configs := configs
		if defaults && opt.Scope != "labelled" && pairs > eval.DenseLimit {
			if cs, err := algorithms.ParseAll(algorithms.Names(), opt.Seed); err == nil {
				configs = 0
				for _, c := range cs {
					if eval.CanRun(c, true) == nil {
						configs++
					}
				}
			}
		}
		need := budget.Add(budget.Mul(pairs, int64(gold.PairSize)), eval.ScoringBytes(pairs, pairs, configs, opt.Workers))
		hint := "split the set into smaller ones"
		if configs > 1 {
			hint = eval.FewerHint + ", or " + hint
		}
		return budget.Check(limit, fmt.Sprintf("the gold set %s, whose clusters label %s pairs to hold and score with %d algorithm(s),", opt.Gold, budget.Count(pairs), configs), need, hint)
	}}
}

// CountedRun reports whether a run of opt counts its pairs
// (eval.Options.Counted): when it asks to, and in the corpus scope of a set
// directory whose clusters.tsv labels more pairs than a gold set may list
// (gold.DefaultMaxPairs) or than the budget of opt allows to hold and
// score one by one (loadOptions). Otherwise it refuses at once, before its
// documents are read, a set whose clusters label more pairs than the
// budget allows, so that a set too large stops in seconds.
func CountedRun(opt Options) (bool, error) {
	corpus := opt.Scope == "corpus"
	dir := false
	if fi, err := os.Stat(opt.Gold); err == nil && fi.IsDir() {
		dir = true
		if opt.Scope == "" {
			m, err := gold.ReadManifest(opt.Gold)
			if err != nil {
				return false, err
			}
			corpus = m.Exhaustive
		}
	}
	if opt.Counted && !dir && opt.Scope == "" {
		// An embedded set, small: its manifest says its scope.
		if s, err := gold.Open(opt.Gold); err == nil {
			corpus = s.Manifest.Exhaustive
		}
	}
	if opt.Counted {
		if opt.Scope == "labelled" || opt.Scope == "" && !corpus {
			return false, usage("-counted: counting the pairs is a way of scoring the corpus scope (every pair of an exhaustive gold set), and this run scores the labelled pairs; leave out -counted")
		}
		return true, nil
	}
	lo := loadOptions(opt)
	if !dir {
		return false, nil // an embedded set, or an error the load reports
	}
	pairs := gold.CountClusterPairs(opt.Gold)
	tooMany := pairs > gold.DefaultMaxPairs
	var err error
	if lo.CheckPairs != nil {
		err = lo.CheckPairs(pairs)
	}
	if corpus && (tooMany || err != nil) {
		return true, nil
	}
	return false, err
}

// evalOptions returns the options of package eval for opt.
func evalOptions(opt Options, scope eval.Scope) eval.Options {
	eo := eval.Options{Scope: scope, Workers: opt.Workers, Timing: opt.Timing, Passes: opt.Passes,
		Progress: opt.Progress, Sparse: opt.Sparse, Counted: opt.Counted, Bar: opt.Bar, Mem: opt.Mem}
	if opt.Counted && opt.Analyse {
		eo.Sample = summary.ScoreSamplePairs
	}
	return eo
}

// Budget returns the memory budget of opt in bytes: opt.Mem, or the
// default budget when it is 0; 0 when there is none (the machine's memory
// is unknown).
func (opt Options) Budget() int64 {
	if opt.Mem > 0 {
		return opt.Mem
	}
	b, _ := budget.Default()
	return b
}

// watch starts the watchdog of opt's memory budget on ctx: it returns the
// context to run in, opt with its budget settled and its Progress also
// telling the watchdog the stage, and the function that stops it and
// turns an error of the run into the budget's error when the watchdog
// stopped the run.
func watch(ctx context.Context, opt Options) (context.Context, Options, func(error) error) {
	opt.Mem = opt.Budget()
	ctx, w := budget.Watch(ctx, opt.Mem, 50*time.Millisecond)
	progress := opt.Progress
	if progress == nil {
		progress = func(string, ...any) {}
	}
	opt.Progress = func(format string, args ...any) {
		w.Stage(fmt.Sprintf(format, args...))
		progress(format, args...)
	}
	return ctx, opt, func(err error) error {
		err = budget.Cause(ctx, err)
		w.Stop()
		return err
	}
}

// Run runs opt and returns its outcome. It stops with a *budget.Exceeded
// error when a stage would need more than the memory budget (Options.Mem),
// or the process's resident set grows over it.
func Run(ctx context.Context, opt Options) (*Outcome, error) {
	ctx, opt, stop := watch(ctx, opt)
	o, err := runWatched(ctx, opt)
	if err = stop(err); err != nil {
		return nil, err
	}
	return o, nil
}

func runWatched(ctx context.Context, opt Options) (*Outcome, error) {
	if _, err := summary.PlanScores(opt.Scores, 0, 0); err != nil {
		return nil, usage("-scores: %v", err)
	}
	asked := opt.Counted
	counted, err := CountedRun(opt)
	if err != nil {
		return nil, err
	}
	opt.Counted = counted
	if counted && (opt.Scores == "csv" || opt.Scores == "gzip") {
		return nil, usage("-scores %s: this run counts its pairs by score and keeps none, so it cannot write them all; -scores sample (or auto) writes a sample of them", opt.Scores)
	}
	cs, err := Configs(opt)
	if err != nil {
		return nil, err
	}
	if opt.Progress == nil {
		opt.Progress = func(string, ...any) {}
	}
	var res *eval.Result
	var skipped []eval.Skip
	var outputs []summary.Output // the rows of each output file read
	_, execs, err := splitExec(opt.Algos)
	if err != nil {
		return nil, err
	}
	if Streaming(opt.Gold, opt.Stream) {
		if len(execs) > 0 || len(opt.Outputs) > 0 {
			return nil, usage("other systems' outputs and programs cannot be scored on a streamed set; use -stream off")
		}
		m, err := gold.ReadManifest(opt.Gold)
		if err != nil {
			return nil, err
		}
		// A streamed corpus scope is always sparse.
		corpus := opt.Scope == "corpus" || opt.Scope == "" && m.Exhaustive
		if cs, skipped, err = runnable(opt, cs, corpus); err != nil {
			return nil, err
		}
		if res, err = stream(ctx, opt, cs); err != nil {
			return nil, err
		}
	} else {
		opt.Progress("loading the gold set %s", opt.Gold)
		set, scope, err := Load(opt)
		if err != nil {
			return nil, err
		}
		if cs, skipped, err = runnable(opt, cs, eval.Sparse(len(set.Docs), scope, opt.Sparse || opt.Counted)); err != nil {
			return nil, err
		}
		var failed []eval.Skip
		var rans []ran
		if cs, failed, rans, err = others(ctx, opt, set, scope, cs, execs, &outputs); err != nil {
			return nil, err
		}
		skipped = append(skipped, failed...)
		if len(cs) == 0 {
			return nil, fmt.Errorf("nothing to score: %s", skipped[0].Reason)
		}
		if res, err = eval.Evaluate(ctx, set, cs, evalOptions(opt, scope)); err != nil {
			return nil, err
		}
		if opt.Timing {
			timePrograms(res, rans)
		}
		switch {
		case opt.Resamples > 0 && res.Sparse:
			res.Warnings = append(res.Warnings, "no bootstrap intervals: resampling documents cannot be done over the implied pairs of a sparse scope")
		case opt.Resamples > 0 && res.Positives < summary.MinPositives:
			res.Warnings = append(res.Warnings, fmt.Sprintf("no bootstrap intervals: the scope holds %d positive pair(s), fewer than %d, too few for an interval to say anything", res.Positives, summary.MinPositives))
		case opt.Resamples > 0:
			opt.Progress("bootstrap: %d resamples", opt.Resamples)
			eval.Bootstrap(res, bootstrap.Options{Resamples: opt.Resamples, Level: bootstrap.DefaultLevel, Seed: opt.Seed, Workers: opt.Workers})
		}
		if opt.Seeds > 1 {
			eo := evalOptions(opt, scope)
			eo.Timing = false
			specs := opt.Algos
			if len(opt.Configs) > 0 {
				specs = nil
				for _, c := range opt.Configs {
					specs = append(specs, c.Label)
				}
			}
			if res.Spreads, err = eval.SeedSpread(ctx, set, specs, opt.Seeds, opt.Seed, eo); err != nil {
				return nil, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Skipped = skipped
	for _, sk := range skipped {
		res.Warnings = append(res.Warnings, "skipped: "+sk.Reason)
	}
	if res.Counted {
		why := "-counted"
		if !asked {
			why = fmt.Sprintf("the set's clusters label %d pairs, more than can be held one by one", res.Set.NumPairs())
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("the %d pairs in scope were counted by score and none was kept (%s): documents with the same signature were grouped, and there is no interval, no error analysis and no LSH report", res.InScope(), why))
	}
	o := &Outcome{res: res, sum: eval.Summarize(res, opt.Env)}
	o.sum.Outputs = outputs
	if opt.Analyse && !res.Counted {
		sf, err := summary.PlanScores(opt.Scores, int64(len(res.Pairs)), len(res.Runs))
		if err != nil {
			return nil, usage("-scores: %v", err)
		}
		o.sum.ScoresFile = &sf
		if sf.Sampled() {
			o.sum.Warnings = append(o.sum.Warnings, fmt.Sprintf("scores.csv holds an evenly spaced sample of %d of the %d pairs scored (-scores sample): compare cannot make a paired test on it", sf.Pairs, sf.Of))
		}
	}
	if opt.Analyse && res.Counted && res.SampledAll {
		// Every pair found or labelled, as a sparse run writes them.
		n := int64(len(res.Sample))
		o.sum.ScoresFile = &summary.ScoresFile{File: "scores.csv", Pairs: n, Of: n}
	} else if opt.Analyse && res.Counted {
		n := int64(len(res.Sample))
		o.sum.ScoresFile = &summary.ScoresFile{File: "scores.csv", Pairs: n, Of: res.InScope()}
		o.sum.Warnings = append(o.sum.Warnings, fmt.Sprintf("scores.csv holds a sample of %d pairs, those whose keys hash lowest among the pairs found or labelled (at most %d): the run kept no other, and compare cannot make a paired test on it", n, summary.ScoreSamplePairs))
	}
	if (opt.Analyse || opt.LSHBuckets > 0) && !res.Counted {
		opt.Progress("analysing the errors and the LSH banding")
		o.analyse(opt)
	}
	return o, nil
}

// runnable returns the configurations of cs that can run in a scope that
// is sparse or not. When the user named the algorithms, one that cannot is
// an error; from the default list, every algorithm, it is skipped, and why
// is returned, so that a large set runs by default.
func runnable(opt Options, cs []algorithms.Config, sparse bool) (kept []algorithms.Config, skipped []eval.Skip, err error) {
	builtin, _, _ := splitExec(opt.Algos)
	named := len(builtin) > 0 || len(opt.Configs) > 0 && !opt.DefaultConfigs
	for _, c := range cs {
		if err := eval.CanRun(c, sparse); err != nil {
			if named {
				return nil, nil, err
			}
			skipped = append(skipped, eval.Skip{Label: c.Label, Reason: err.Error()})
			continue
		}
		kept = append(kept, c)
	}
	if len(kept) == 0 && len(cs) > 0 {
		return nil, nil, fmt.Errorf("no algorithm can run in this scope")
	}
	return kept, skipped, nil
}

// analyse explains the errors of every run and compares the LSH banding
// of every LSH run with theory.
func (o *Outcome) analyse(opt Options) {
	res := o.res
	if opt.Analyse {
		o.errorPairs = make([][]int, len(res.Runs))
		for r := range res.Runs {
			o.errorPairs[r] = explain.ErrorPairs(res, r, ErrorLimit)
		}
	}
	if opt.Analyse && res.Set.Order == nil { // a streamed set has no text to explain
		o.errors = make([][]*explain.Explanation, len(res.Runs))
		for r := range res.Runs {
			o.errors[r] = explain.Errors(res, r, ErrorLimit, ShingleLimit)
		}
	}
	if res.Set.Order == nil {
		buckets := opt.LSHBuckets
		if buckets <= 0 {
			buckets = 10
		}
		o.lsh = tune.LSH(res, buckets)
	}
}

// StreamThreshold is the size of the documents of a set above which a
// run with Stream "auto" streams them.
const StreamThreshold = 256 << 20

// Streaming reports whether the set named name is to be streamed: always
// with mode "on", never with "off", and with "auto" (or "") when it is a
// directory (not an embedded set) with more than StreamThreshold bytes of
// documents.
func Streaming(name, mode string) bool {
	switch mode {
	case "on":
		return true
	case "off":
		return false
	}
	if fi, err := os.Stat(name); err != nil || !fi.IsDir() {
		return false
	}
	if fi, err := os.Stat(filepath.Join(name, "docs.jsonl")); err == nil {
		return fi.Size() > StreamThreshold
	}
	entries, err := os.ReadDir(filepath.Join(name, "docs"))
	if err != nil {
		return false
	}
	var n int64
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n > StreamThreshold
}

// stream runs cs on the set in directory opt.Gold, streaming its
// documents.
func stream(ctx context.Context, opt Options, cs []algorithms.Config) (*eval.Result, error) {
	if opt.Seeds > 1 {
		if opt.Stream == "on" {
			return nil, usage("-seeds %d: a streamed run keeps no text to run again with other seeds; -stream off keeps the text in memory", opt.Seeds)
		}
		return nil, usage("-seeds %d: this set is streamed (-stream auto streams more than %d MiB of documents), "+
			"and a streamed run keeps no text to run again with other seeds; -stream off keeps the text in memory", opt.Seeds, StreamThreshold>>20)
	}
	if fi, err := os.Stat(opt.Gold); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s: -stream on needs a gold set directory", opt.Gold)
	}
	eo := evalOptions(opt, 0)
	eo.Timing, eo.Sparse = false, false
	eo.AutoScope = opt.Scope == ""
	if opt.Scope != "" {
		var err error
		if eo.Scope, err = eval.ParseScope(opt.Scope); err != nil {
			return nil, usage("-scope: %v", err)
		}
	}
	eo.Positive = opt.Positive
	eo.Load = loadOptions(opt)
	return eval.EvaluateStream(ctx, opt.Gold, cs, eo)
}

// Explain explains how each configuration of opt scores each pair of
// documents of its gold set, named by their ids, with at most limit
// shingles of each kind as text: Explain(...)[p][c] explains pair p under
// configuration c. The scores are those a run with opt gives the pairs: the
// same scorer (eval.Scorers) scores both.
func Explain(ctx context.Context, opt Options, pairs [][2]string, limit int) ([][]*explain.Explanation, error) {
	ctx, opt, stop := watch(ctx, opt)
	es, err := explainWatched(ctx, opt, pairs, limit)
	if err = stop(err); err != nil {
		return nil, err
	}
	return es, nil
}

func explainWatched(ctx context.Context, opt Options, pairs [][2]string, limit int) ([][]*explain.Explanation, error) {
	if _, execs, err := splitExec(opt.Algos); err != nil {
		return nil, err
	} else if len(execs) > 0 {
		return nil, usage("-algo %s: explain does not run programs; explain the pair with the built-in algorithms", execs[0].label)
	}
	cs, err := Configs(opt)
	if err != nil {
		return nil, err
	}
	if opt.Counted, err = CountedRun(opt); err != nil {
		return nil, err
	}
	opt.Progress("loading the gold set %s", opt.Gold)
	set, scope, err := Load(opt)
	if err != nil {
		return nil, err
	}
	idx := make([][2]int, len(pairs))
	for p, ids := range pairs {
		for i, id := range ids {
			var ok bool
			if idx[p][i], ok = set.Index(id); !ok {
				return nil, fmt.Errorf("gold set %s has no document %q", set.Manifest.Name, id)
			}
		}
		if idx[p][0] == idx[p][1] {
			return nil, usage("explain needs two different documents")
		}
	}
	cs, skipped, err := runnable(opt, cs, eval.Sparse(len(set.Docs), scope, opt.Sparse || opt.Counted))
	if err != nil {
		return nil, err
	}
	for _, sk := range skipped {
		if opt.Warn != nil {
			opt.Warn("skipped: " + sk.Reason)
		}
	}
	eo := evalOptions(opt, scope)
	eo.Timing = false
	scorers, err := eval.Scorers(ctx, set, cs, eo)
	if err != nil {
		return nil, err
	}
	out := make([][]*explain.Explanation, len(pairs))
	for p, ab := range idx {
		a, b := min(ab[0], ab[1]), max(ab[0], ab[1])
		for _, sc := range scorers {
			out[p] = append(out[p], explain.Pair(set, sc, a, b, limit))
		}
	}
	return out, nil
}

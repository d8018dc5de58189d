package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval/report"
	evalrun "github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/eval/tune"
)

// tuneCmd runs 'simbench tune [flags]'.
func tuneCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench tune", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var grids multiFlag
	fs.Var(&grids, "grid", "grid `NAME[:key=v1|v2,...]`: every combination of the alternatives (repeatable; default: a grid over shingling and permutations)")
	var sh shared
	sh.register(fs, flagGold, flagScope, flagSeed, flagPositive, flagWorkers, flagMem)
	objective := fs.String("objective", "best_f1", "quality counted: best_f1 (over all thresholds) or f1 (at each configuration's threshold)")
	timing := fs.Bool("timing", true, "measure throughput (part of the cost)")
	passes := fs.Int("passes", 3, "timed passes per measurement; the median is reported")
	buckets := fs.Int("buckets", 10, "similarity buckets of the LSH candidate-rate table")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: simbench tune [flags]\n\n"+
			"Search a grid of parameters on a gold set and report quality against cost (F1, docs/s,\n"+
			"bytes per signature), marking the Pareto front. For MinHash-LSH, compare the observed\n"+
			"candidate rate per similarity bucket with 1-(1-s^r)^b, and choose bands and rows from\n"+
			"the set's own similarities beside the flat-prior choice.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("tune takes no arguments, got %q", fs.Args())
	}
	if *objective != "best_f1" && *objective != "f1" {
		return usageErr("-objective %s: want best_f1 or f1", *objective)
	}
	if *passes < 1 || *buckets < 1 || *buckets > 100 {
		return usageErr("-passes and -buckets: want -passes ≥ 1 and 1 ≤ -buckets ≤ 100")
	}
	defaultGrid := len(grids) == 0
	if defaultGrid {
		grids = tune.DefaultGrid
	}
	var cs []algorithms.Config
	seen := map[string]bool{}
	for _, g := range grids {
		more, err := tune.Expand(g, sh.seed)
		if err != nil {
			return usageErr("%v", err)
		}
		for _, c := range more {
			if !seen[c.Label] {
				seen[c.Label] = true
				cs = append(cs, c)
			}
		}
	}
	if err := sh.check(); err != nil {
		return err
	}
	env := hostEnv()
	env.Seed = sh.seed
	env.Time = now().UTC().Format(time.RFC3339)
	prog := newProgress(stderr)
	o, err := evalrun.Run(ctx, evalrun.Options{Gold: sh.gold, Configs: cs, DefaultConfigs: defaultGrid, Seed: sh.seed, Scope: string(sh.scope),
		Positive: sh.positives(), Workers: sh.workers, Timing: *timing, Passes: *passes, LSHBuckets: *buckets,
		Env: env, Progress: prog.report, Mem: int64(sh.mem)})
	prog.done()
	if err != nil {
		return err
	}
	for _, sk := range o.Summary().Skipped {
		fmt.Fprintln(stderr, "warning: skipped:", sk.Reason)
	}
	points, err := tune.Points(o.Result(), *objective)
	if err != nil {
		return err
	}
	return report.Tune(stdout, o, points, *objective)
}

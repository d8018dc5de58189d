package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/simbench/simbench/eval/report"
	evalrun "github.com/simbench/simbench/eval/run"
)

// explainCmd runs 'simbench explain [flags] A B'.
func explainCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sh shared
	sh.register(fs, flagAlgo, flagGold, flagScope, flagSeed, flagPositive, flagSparse, flagCounted, flagWorkers, flagMem)
	n := fs.Int("n", 5, "shingles of each kind shown as text")
	fs.Usage = mustHelp(fs, "simbench explain [flags] A B",
		"Explain how each algorithm scores the documents A and B of a gold set: the score against\n"+
			"the threshold, exact Jaccard and containment, what the algorithm says of the pair (LSH\n"+
			"bands that collide, SimHash Hamming distance), and the shingles shared and not shared.\n"+
			"The score is the one 'simbench run' gives the pair with the same flags.")
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageErr("explain takes two document ids, got %d arguments", fs.NArg())
	}
	if *n < 0 {
		return usageErr("-n %d: want 0 or more", *n)
	}
	if err := sh.check(); err != nil {
		return err
	}
	es, err := evalrun.Explain(ctx, evalrun.Options{Gold: sh.gold, Algos: sh.algos, Seed: sh.seed, Scope: string(sh.scope),
		Sparse: sh.sparse, Counted: sh.counted, Positive: sh.positives(), Workers: sh.workers, Mem: int64(sh.mem),
		Warn: func(w string) { fmt.Fprintln(stderr, "warning:", w) }}, [][2]string{{fs.Arg(0), fs.Arg(1)}}, *n)
	if err != nil {
		return err
	}
	return report.Explanations(stdout, es[0])
}

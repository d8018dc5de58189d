package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/simbench/simbench/eval/compare"
	"github.com/simbench/simbench/eval/summary"
)

// errRegression marks a comparison that found a quality regression: exit
// status 1 without a further message, the table having said it: a quality
// regression, or runs refused as not comparable.
var errRegression = errors.New("quality regressed")

// compareCmd runs 'simbench compare [flags] OLD NEW'.
func compareCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tolerance := fs.Float64("tolerance", 0, "a fall in precision, recall, F1 or AP by more than this is a regression")
	noise := fs.Float64("noise", compare.DefaultThroughputNoise, "relative change in throughput taken as noise")
	format := fs.String("format", "table", "table, or bench: both runs as Go benchmark lines for benchstat (-col run)")
	allowMissing := fs.Bool("allow-missing", false, "accept a NEW run that lacks algorithms of OLD (refused without it)")
	allowGold := fs.Bool("allow-gold-change", false, "accept runs on different gold sets, or without a content hash (refused without it)")
	allowConfig := fs.Bool("allow-config-change", false, "accept runs whose scope or algorithm parameters and thresholds differ (refused without it)")
	strict := fs.Bool("strict", false, "fail (exit 1) when the gold set has too few positive pairs to tell")
	resamples := fs.Int("resamples", 1000, "resamples of the paired bootstrap of each change")
	level := fs.Float64("level", 0.95, "confidence level of the paired intervals")
	seed := fs.Uint64("seed", 1, "seed of the paired bootstrap")
	fs.Usage = mustHelp(fs, "simbench compare [flags] OLD NEW",
		"Compare two runs (a results folder, or a summary.json with its scores.csv beside it) algorithm by\n"+
			"algorithm, in the style of benchstat. Exit 1 when precision, recall, F1 or average precision fell\n"+
			"by more than -tolerance and a paired bootstrap on the same pairs supports the fall, or when the\n"+
			"runs are not comparable: NEW lacks an algorithm of OLD, the gold sets differ (name or content\n"+
			"hash), or the scope or parameters differ; the -allow flags accept each case on purpose. Exit 0\n"+
			"otherwise, and 2 for a bad command line. Throughput changes are shown, never counted.")
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageErr("compare takes OLD and NEW, got %d arguments", fs.NArg())
	}
	if !(*tolerance >= 0) || !(*noise > 0) {
		return usageErr("-tolerance must be 0 or more and -noise more than 0")
	}
	if *format != "table" && *format != "bench" {
		return usageErr("-format %s: want table or bench", *format)
	}
	if *resamples < 100 || *resamples > 100000 {
		return usageErr("-resamples %d: want 100 to 100000", *resamples)
	}
	if !(*level > 0.5 && *level < 1) {
		return usageErr("-level %v: want a number between 0.5 and 1", *level)
	}
	old, err := summary.Load(fs.Arg(0))
	if err != nil {
		return err
	}
	cur, err := summary.Load(fs.Arg(1))
	if err != nil {
		return err
	}
	if *format == "bench" {
		// A configuration line "run: old" or "run: new" before each run's
		// lines lets benchstat put them side by side: benchstat -col run.
		for _, s := range []struct {
			name string
			path string
		}{{"old", fs.Arg(0)}, {"new", fs.Arg(1)}} {
			sum := old
			if s.name == "new" {
				sum = cur
			}
			fmt.Fprintf(stdout, "run: %s\n", s.name)
			if err := summary.WriteBench(stdout, sum); err != nil {
				return err
			}
		}
		return nil
	}
	oldScores, err := scoresBeside(fs.Arg(0), old)
	if err != nil {
		return err
	}
	newScores, err := scoresBeside(fs.Arg(1), cur)
	if err != nil {
		return err
	}
	res := compare.Compare(old, cur, compare.Options{Tolerance: *tolerance, ThroughputNoise: *noise,
		AllowMissing: *allowMissing, AllowGoldChange: *allowGold, AllowConfigChange: *allowConfig, Strict: *strict,
		OldScores: oldScores, NewScores: newScores, Resamples: *resamples, Level: *level, Seed: *seed})
	if err := res.Table(stdout); err != nil {
		return err
	}
	if res.Failed(*strict) {
		return errRegression
	}
	return nil
}

// scoresBeside reads the scores of a run given as a results folder or as
// its summary.json, sum: its scores.csv, or scores.csv.gz; it returns nil
// when there is none, or when sum says they are a sample, on which no
// paired test can be made.
func scoresBeside(path string, sum *summary.Summary) (*summary.Scores, error) {
	dir := path
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		if filepath.Base(path) != "summary.json" {
			return nil, nil // a lone summary, such as a copied baseline
		}
		dir = filepath.Dir(path)
	}
	if sum.ScoresFile.Sampled() {
		return nil, nil
	}
	file := summary.ScoresPath(dir)
	if _, err := os.Stat(file); err != nil {
		return nil, nil
	}
	return summary.LoadScores(file)
}

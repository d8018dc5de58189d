package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/simbench/simbench/eval/compare"
	"github.com/simbench/simbench/eval/summary"
)

// errRegression marks a comparison that found a quality regression: exit
// status 1 without a further message, the table having said it.
var errRegression = errors.New("quality regressed")

// compareCmd runs 'simbench compare [flags] OLD NEW'.
func compareCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tolerance := fs.Float64("tolerance", 0, "a fall in precision, recall, F1 or AP by more than this is a regression")
	noise := fs.Float64("noise", compare.DefaultThroughputNoise, "relative change in throughput taken as noise")
	format := fs.String("format", "table", "table, or bench: both runs as Go benchmark lines for benchstat (-col run)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: simbench compare [flags] OLD NEW\n\n"+
			"Compare two runs (a results folder or a summary.json each), algorithm by algorithm, in the\n"+
			"style of benchstat; exit 1 when precision, recall, F1 or average precision fell by more\n"+
			"than -tolerance. Throughput changes are shown, never counted as regressions.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
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
	res := compare.Compare(old, cur, compare.Options{Tolerance: *tolerance, ThroughputNoise: *noise})
	if err := res.Table(stdout); err != nil {
		return err
	}
	if len(res.Regressions) > 0 {
		return errRegression
	}
	return nil
}

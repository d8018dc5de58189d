package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval/goldstat"
	"github.com/simbench/simbench/eval/report"
	"github.com/simbench/simbench/gold"
)

// goldCmd runs 'simbench gold stats|validate'.
func goldCmd(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageErr("gold needs a subcommand: stats or validate")
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, "usage: simbench gold stats [flags] SET\n       simbench gold validate SET\n\n"+
			"Describe a gold set (stats), or check it and list every problem with its file and line\n"+
			"(validate). SET is a gold set directory or the name of an embedded set. Each subcommand\n"+
			"prints its own flags with -help.\n")
		return flag.ErrHelp
	}
	fs := flag.NewFlagSet("simbench gold "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var shingle *string
	var k *int
	switch sub {
	case "stats":
		shingle = fs.String("shingle", text.DefaultOptions().Unit.String(), "shingle unit of the Jaccard similarities: word or char")
		k = fs.Int("k", text.DefaultOptions().K, "shingle length in units")
		fs.Usage = func() {
			fmt.Fprint(stderr, "usage: simbench gold stats [flags] SET\n\nDescribe a gold set (a directory or an embedded set's name): documents, labels,\ndocument lengths, and the exact Jaccard similarity of each label's pairs.\n\nFlags:\n")
			fs.PrintDefaults()
		}
	case "validate":
		fs.Usage = func() {
			fmt.Fprint(stderr, "usage: simbench gold validate SET\n\nCheck a gold set and list every problem with its file and line; exit 1 if there is any.\n")
		}
	default:
		return usageErr("unknown gold subcommand %q (want stats or validate)", sub)
	}
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErr("gold %s takes one gold set, got %d arguments", sub, fs.NArg())
	}
	// validate checks the pairs of the clusters and counts them without
	// listing them, so it takes a set of any size.
	set, err := gold.LoadOptions{NoClusterPairs: sub == "validate"}.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	for _, w := range set.Warnings {
		fmt.Fprintf(stderr, "simbench: warning: %s\n", w)
	}
	if sub == "validate" {
		n := set.NumPairs()
		fmt.Fprintf(stdout, "%s: valid: %d documents, %d labelled pairs (%d positive), exhaustive %v\n",
			fs.Arg(0), len(set.Docs), n, set.NumPositive(), set.Manifest.Exhaustive)
		if set.Clusters != nil && n > gold.DefaultMaxPairs {
			fmt.Fprintf(stderr, "simbench: warning: %s: its clusters give %d labelled pairs, more than the %d 'simbench gold stats' lists; 'simbench run' counts them by score in the corpus scope (-counted), and holds them within its memory budget (-mem) in the labelled scope\n",
				fs.Arg(0), n, gold.DefaultMaxPairs)
		}
		return nil
	}
	unit, err := text.ParseUnit(*shingle)
	if err != nil {
		return usageErr("-shingle: %v", err)
	}
	o := text.Options{Unit: unit, K: *k}
	if err := o.Validate(); err != nil {
		return usageErr("%v", err)
	}
	st, err := goldstat.Describe(set, o)
	if err != nil {
		return err
	}
	return report.GoldStats(stdout, st)
}

package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval/explain"
	"github.com/simbench/simbench/eval/report"
	"github.com/simbench/simbench/gold"
)

// explainCmd runs 'simbench explain [flags] A B'.
func explainCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var algos multiFlag
	fs.Var(&algos, "algo", "algorithm `NAME[:key=value,...]` (repeatable; default: every algorithm)")
	goldName := fs.String("gold", "seeds", "gold set: a directory, or the name of an embedded set")
	seed := fs.Uint64("seed", 1, "seed of hashing and of every random choice")
	n := fs.Int("n", 5, "shingles of each kind shown as text")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: simbench explain [flags] A B\n\n"+
			"Explain how each algorithm scores the documents A and B of a gold set: the score against\n"+
			"the threshold, exact Jaccard and containment, what the algorithm says of the pair (LSH\n"+
			"bands that collide, SimHash Hamming distance), and the shingles shared and not shared.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageErr("explain takes two document ids, got %d arguments", fs.NArg())
	}
	if *n < 0 {
		return usageErr("-n %d: want 0 or more", *n)
	}
	cs, err := algorithms.ParseAll(algos, *seed)
	if err != nil {
		return usageErr("%v", err)
	}
	set, err := gold.Open(*goldName)
	if err != nil {
		return err
	}
	var idx [2]int
	for i, id := range fs.Args() {
		var ok bool
		if idx[i], ok = set.Index(id); !ok {
			return fmt.Errorf("gold set %s has no document %q", set.Manifest.Name, id)
		}
	}
	if idx[0] == idx[1] {
		return usageErr("explain needs two different documents")
	}
	if idx[0] > idx[1] {
		idx[0], idx[1] = idx[1], idx[0]
	}
	var es []*explain.Explanation
	for _, c := range cs {
		es = append(es, explain.Pair(set, idx[0], idx[1], c, *n))
	}
	return report.Explanations(stdout, es)
}

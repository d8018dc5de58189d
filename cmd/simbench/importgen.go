package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/gen"
	"github.com/simbench/simbench/gold/importer"
)

// importCmd runs 'simbench import FORMAT SOURCE DEST'.
func importCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: simbench import FORMAT SOURCE DEST\n\n"+
			"Convert a published corpus into a gold set in the new directory DEST.\nFORMAT is one of: %s.\n"+
			"  clough SOURCE: the folder of Clough & Stevenson (2011), with corpus-20090418/ and file_information.csv\n"+
			"  dpil   SOURCE: a DPIL 2016 XML file (a folder: its Task 2 file)\n"+
			"  msrp   SOURCE: msr_paraphrase_train.txt or _test.txt (a folder: the test file)\n",
			strings.Join(importer.Formats, ", "))
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 3 {
		fs.Usage()
		return usageErr("import takes FORMAT SOURCE DEST, got %d arguments", fs.NArg())
	}
	format, src, dest := fs.Arg(0), fs.Arg(1), fs.Arg(2)
	known := false
	for _, f := range importer.Formats {
		known = known || f == format
	}
	if !known {
		return usageErr("import: unknown format %q (want %s)", format, strings.Join(importer.Formats, ", "))
	}
	set, rep, err := importer.Import(format, src)
	if err != nil {
		return err
	}
	if err := gold.Write(dest, set); err != nil {
		return err
	}
	fmt.Fprint(stdout, rep.String())
	fmt.Fprintf(stdout, "wrote %s: %d documents, %d labelled pairs (%d positive)\n", dest, len(set.Docs), len(set.Pairs), set.NumPositive())
	return nil
}

// genCmd runs 'simbench gen [flags] DEST'.
func genCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("gold", "seeds", "gold set whose documents are edited: a directory, or an embedded set's name")
	seed := fs.Uint64("seed", 1, "seed of every random choice")
	kinds := fs.String("kinds", "all", "edit kinds, comma-separated: "+kindNames()+", or all")
	levels := fs.String("levels", levelList(gen.DefaultLevels), "edit levels in (0, 1], comma-separated")
	negatives := fs.Int("negatives", gen.DefaultNegatives, "at most this many negative pairs")
	name := fs.String("name", "", "name of the generated set (default: the source's name + \"-gen\")")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: simbench gen [flags] DEST\n\n"+
			"Write to the new directory DEST a gold set of near-duplicates with controlled edits:\n"+
			"every source document, one edited copy per edit kind and level, each (original, copy)\n"+
			"pair labelled KIND-LEVEL, and negative pairs between documents of different sources.\n"+
			"simbench run -gold DEST then reports recall per edit kind and level.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErr("gen takes one destination directory, got %d arguments", fs.NArg())
	}
	o := gen.Options{Seed: *seed, Negatives: *negatives, Name: *name}
	var err error
	if o.Kinds, err = gen.ParseKinds(*kinds); err != nil {
		return usageErr("-kinds: %v", err)
	}
	for _, f := range strings.Split(*levels, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(v > 0 && v <= 1) {
			return usageErr("-levels: %q is not a number in (0, 1]", f)
		}
		o.Levels = append(o.Levels, v)
	}
	if *negatives < 1 {
		return usageErr("-negatives %d: want at least 1", *negatives)
	}
	set, err := gold.Open(*src)
	if err != nil {
		return err
	}
	out, err := gen.Generate(set, o)
	if err != nil {
		return err
	}
	dest := fs.Arg(0)
	if err := gold.Write(dest, out); err != nil {
		return err
	}
	for _, w := range out.Warnings {
		fmt.Fprintf(stderr, "simbench: %s\n", w)
	}
	fmt.Fprintf(stdout, "wrote %s: %d documents, %d labelled pairs (%d positive)\n", dest, len(out.Docs), len(out.Pairs), out.NumPositive())
	return nil
}

func kindNames() string {
	var names []string
	for _, k := range gen.Kinds {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

func levelList(ls []float64) string {
	var s []string
	for _, l := range ls {
		s = append(s, strconv.FormatFloat(l, 'g', -1, 64))
	}
	return strings.Join(s, ",")
}

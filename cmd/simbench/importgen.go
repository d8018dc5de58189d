package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/gen"
	"github.com/simbench/simbench/gold/importer"
	"github.com/simbench/simbench/gold/synth"
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
	if err := parseFlags(fs, args, stdout); err != nil {
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
	removeStale(dest, stderr)
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

// genCmd runs 'simbench gen [flags] DEST': a gold set of controlled edits
// of another set, or with -docs a synthetic corpus of any size.
func genCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sh shared
	sh.register(fs, flagGold, flagSeed)
	src, seed := &sh.gold, &sh.seed
	kinds := fs.String("kinds", "all", "edit kinds, comma-separated: "+kindNames()+", or all")
	levels := fs.String("levels", levelList(gen.DefaultLevels), "edit levels in (0, 1], comma-separated")
	negatives := fs.Int("negatives", gen.DefaultNegatives, "at most this many negative pairs")
	name := fs.String("name", "", "name of the generated set (default: the source's name + \"-gen\")")
	docs := fs.Int("docs", 0, fmt.Sprintf("write instead a synthetic corpus of this many documents (%d to %d), not edits of -gold", synth.MinDocs, synth.MaxDocs))
	force := fs.Bool("force", false, "with -docs: replace DEST if it is a gold set")
	clusters := fs.Bool("clusters", false, fmt.Sprintf("with -docs (at least %d): clusters of 1 to %d near-duplicates and %d%% near-misses, in clusters.tsv", synth.MinClusterDocs, synth.MaxClusterSize, 3))
	realistic := fs.Bool("realistic", false, fmt.Sprintf("with -docs (at least %d): a realistic corpus: words by Zipf's law with exponent 1 over %s words headed by Hindi function words, a tenth of the documents in near-duplicate clusters of geometric sizes, and a boilerplate cluster, in clusters.tsv", synth.MinRealisticDocs, "60,000"))
	boilerplate := fs.Int("boilerplate", 0, fmt.Sprintf("with -realistic: `M` copies of one boilerplate page that differ only in a date and a counter; 0 for none (default N/%d, at least 2 and at most %s, the largest cluster whose pairs fit in the 2^24 that a run holds one by one; a larger one is counted)", 500, "5,793"))
	copies := fs.Int("copies", 0, "with -docs: write instead `M` byte-identical documents, one cluster in clusters.tsv, and N-M distinct ones")
	out := fs.String("out", "", "destination directory, instead of the argument DEST")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: simbench gen [flags] DEST\n"+
			"       simbench gen -docs N [-clusters | -realistic [-boilerplate M] | -copies M] [-seed S] [-force] DEST\n\n"+
			"Write to the new directory DEST a gold set of near-duplicates with controlled edits:\n"+
			"every source document, one edited copy per edit kind and level, each (original, copy)\n"+
			"pair labelled KIND-LEVEL, and negative pairs between documents of different sources.\n"+
			"simbench run -gold DEST then reports recall per edit kind and level.\n\n"+
			"With -docs, write instead a synthetic corpus of N documents of about 3 KB of mostly\n"+
			"Devanagari words, 3/16 of them copies of others with 1 to 8% of their words edited,\n"+
			"streamed to DEST/docs.jsonl; each copy and its original are labelled near-duplicate,\n"+
			"and the set is exhaustive. With -clusters, the copies form instead clusters of 1 to 20\n"+
			"documents, listed in DEST/clusters.tsv, and 3% of the documents are near-misses that\n"+
			"splice two originals, in no cluster, to tempt a transitive closure into chaining.\n\n"+
			"With -realistic, the corpus is shaped like a web crawl, to measure speed and memory at\n"+
			"scale: a heavy head of short function words, near-duplicate clusters of 2, 3, 4, ...\n"+
			"documents each half as likely as the last, and M copies of one boilerplate page.\n"+
			"With -copies M, it is M byte-identical documents and N-M distinct ones. Both list their\n"+
			"clusters in DEST/clusters.tsv, and DEST/gold.json states every parameter.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	given := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	dest := *out
	switch {
	case given["out"] && fs.NArg() > 0:
		return usageErr("gen takes -out or a destination directory, not both")
	case given["out"] && dest == "":
		return usageErr("-out: want a directory")
	case !given["out"] && fs.NArg() != 1:
		return usageErr("gen takes one destination directory, got %d arguments", fs.NArg())
	case !given["out"]:
		dest = fs.Arg(0)
	}
	removeStale(dest, stderr)
	if given["docs"] {
		for _, f := range []string{"gold", "kinds", "levels", "negatives", "name"} {
			if given[f] {
				return usageErr("-docs and -%s are mutually exclusive: -docs makes a synthetic corpus, not edits of a gold set", f)
			}
		}
		o := synth.Options{Docs: *docs, Seed: *seed, Force: *force, Clusters: *clusters, Realistic: *realistic, Boilerplate: *boilerplate, Copies: *copies}
		switch {
		case given["boilerplate"] && !*realistic:
			return usageErr("-boilerplate applies only with -realistic")
		case *realistic && *clusters:
			return usageErr("-realistic and -clusters are mutually exclusive")
		case given["copies"] && (*realistic || *clusters):
			return usageErr("-copies and -%s are mutually exclusive", map[bool]string{true: "realistic", false: "clusters"}[*realistic])
		case given["copies"] && (*copies < 2 || *copies > *docs):
			return usageErr("-copies %d: want 2 to -docs (%d)", *copies, *docs)
		case *realistic && !given["boilerplate"]:
			o.Boilerplate = synth.DefaultBoilerplate(*docs)
		}
		return genSynth(dest, o, stdout, stderr)
	}
	for _, f := range []string{"force", "clusters", "realistic", "boilerplate", "copies"} {
		if given[f] {
			return usageErr("-%s applies only with -docs", f)
		}
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
	gset, err := gen.Generate(set, o)
	if err != nil {
		return err
	}
	if err := gold.Write(dest, gset); err != nil {
		return err
	}
	for _, w := range gset.Warnings {
		fmt.Fprintf(stderr, "simbench: %s\n", w)
	}
	fmt.Fprintf(stdout, "wrote %s: %d documents, %d labelled pairs (%d positive)\n", dest, len(gset.Docs), len(gset.Pairs), gset.NumPositive())
	return nil
}

// removeStale removes the temporary folders that writers killed before
// they finished left beside dest (see gold.RemoveStale), saying so on
// stderr. Failing to is no reason not to write dest, so it only says that
// too.
func removeStale(dest string, stderr io.Writer) {
	removed, err := gold.RemoveStale(filepath.Dir(dest))
	for _, p := range removed {
		pid, _ := gold.TempDirPID(p)
		fmt.Fprintf(stderr, "simbench: removed %s, left by process %d that no longer exists\n", p, pid)
	}
	if err != nil {
		fmt.Fprintf(stderr, "simbench: removing the temporary folders of dead processes: %v\n", err)
	}
}

// genSynth runs 'simbench gen -docs N': it writes the synthetic corpus o to
// dest, showing its progress when stderr is a terminal. An interrupt stops
// it and leaves nothing behind.
func genSynth(dest string, o synth.Options, stdout, stderr io.Writer) error {
	if o.Docs < synth.MinDocs || o.Docs > synth.MaxDocs {
		return usageErr("-docs %d: want %d to %d", o.Docs, synth.MinDocs, synth.MaxDocs)
	}
	if o.Clusters && o.Docs < synth.MinClusterDocs {
		return usageErr("-docs %d -clusters: want %d to %d", o.Docs, synth.MinClusterDocs, synth.MaxDocs)
	}
	if o.Realistic && o.Docs < synth.MinRealisticDocs {
		return usageErr("-docs %d -realistic: want %d to %d", o.Docs, synth.MinRealisticDocs, synth.MaxDocs)
	}
	if hi := o.Docs - synth.NumClustered(o.Docs); o.Realistic && (o.Boilerplate < 0 || o.Boilerplate == 1 || o.Boilerplate > hi) {
		return usageErr("-boilerplate %d: want 0 (none) or 2 to %d, the documents not in near-duplicate clusters", o.Boilerplate, hi)
	}
	// run does not pass its context to gen; a second handler of the same
	// signals lets an interrupt cancel the write.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	p := newProgress(stderr)
	err := synth.WriteDir(ctx, dest, o, func(done, total int) {
		p.report("writing %s: %d of %d documents", dest, done, total)
	})
	p.done()
	if err != nil {
		return err
	}
	n := synth.NumPairs(o.Docs)
	if o.Clusters || o.Realistic || o.Copies != 0 {
		g, err := synth.NewGenerator(o)
		if err != nil {
			return err
		}
		n = g.NumPositive()
	}
	fmt.Fprintf(stdout, "wrote %s: %d documents, %d labelled pairs (%d positive)\n", dest, o.Docs, n, n)
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

package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/budget"
	"github.com/simbench/simbench/gold"
)

// shared holds the flags that several subcommands take. Each is defined
// once, here, with one meaning and one help text; a subcommand registers
// the ones it takes.
type shared struct {
	gold     string
	seed     uint64
	scope    scopeFlag
	algos    multiFlag
	out      string
	positive string
	sparse   bool
	counted  bool
	workers  int
	mem      memFlag
}

// Names of the shared flags, for register.
const (
	flagGold     = "gold"
	flagSeed     = "seed"
	flagScope    = "scope"
	flagAlgo     = "algo"
	flagOut      = "out"
	flagPositive = "positive"
	flagSparse   = "sparse"
	flagCounted  = "counted"
	flagWorkers  = "j"
	flagMem      = "mem"
)

// register defines on fs the shared flags named.
func (s *shared) register(fs *flag.FlagSet, names ...string) {
	for _, name := range names {
		switch name {
		case flagGold:
			fs.StringVar(&s.gold, flagGold, "seeds", "gold set: a directory, or the name of an embedded set ("+strings.Join(gold.EmbeddedNames(), ", ")+")")
		case flagSeed:
			fs.Uint64Var(&s.seed, flagSeed, 1, "seed of hashing and of every random choice")
		case flagScope:
			fs.Var(&s.scope, flagScope, "pairs to score, `SCOPE`: labelled, or corpus (every pair; needs an exhaustive set) (default corpus for an exhaustive set, else labelled)")
		case flagAlgo:
			fs.Var(&s.algos, flagAlgo, "run algorithm `NAME[:key=value,...]` (repeatable; default: every algorithm; see 'simbench list')")
		case flagOut:
			fs.StringVar(&s.out, flagOut, "results", "write the results folder under `DIR`; empty to write nothing")
		case flagPositive:
			fs.StringVar(&s.positive, flagPositive, "", "count these `labels` (comma-separated) as duplicates and every other label as not, for this run")
		case flagSparse:
			fs.BoolVar(&s.sparse, flagSparse, false, "score the corpus scope sparsely, only the pairs an index or join finds (default: when it has more than 2,000,000 pairs)")
		case flagCounted:
			fs.BoolVar(&s.counted, flagCounted, false, "score the corpus scope by counting the pairs found by score, keeping none: identical documents grouped, the same figures, but scores.csv only a sample of 1,000,000 pairs, and no intervals or error analysis (default: when the set's clusters label more pairs than can be held)")
		case flagWorkers:
			fs.IntVar(&s.workers, flagWorkers, 0, "goroutines at once (default GOMAXPROCS)")
		case flagMem:
			fs.Var(&s.mem, flagMem, "memory budget, `SIZE` such as 4GiB or 512MiB (GiB, MiB: powers of 1024; GB, MB: of 1000): the run estimates each stage that holds pairs and stops with an error rather than go over it, and stops if its resident set does (default half of the machine's memory, or half of its control group's limit when lower)")
		default:
			panic("simbench: no shared flag " + name)
		}
	}
}

// positives returns the labels of -positive, or nil.
func (s *shared) positives() []string {
	if s.positive == "" {
		return nil
	}
	return strings.Split(s.positive, ",")
}

// check checks the values of the shared flags.
func (s *shared) check() error {
	if s.workers < 0 {
		return usageErr("-j %d: want 0 or more", s.workers)
	}
	return nil
}

// memFlag is the -mem flag, a size in bytes; 0 for the default budget.
type memFlag int64

func (f *memFlag) String() string {
	if *f == 0 {
		return ""
	}
	return budget.Format(int64(*f))
}

func (f *memFlag) Set(v string) error {
	n, err := budget.Parse(v)
	if err != nil {
		return err
	}
	*f = memFlag(n)
	return nil
}

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// scopeFlag is the -scope flag: a scope name eval.ParseScope accepts, or
// "" for the set's default.
type scopeFlag string

func (f *scopeFlag) String() string { return string(*f) }
func (f *scopeFlag) Set(v string) error {
	if _, err := eval.ParseScope(v); err != nil {
		return err
	}
	*f = scopeFlag(v)
	return nil
}

// mustHelp is the usage function of a subcommand: a synopsis, a paragraph
// and the flags.
func mustHelp(fs *flag.FlagSet, synopsis, text string) func() {
	return func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n\n%s\n", synopsis, text)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
}

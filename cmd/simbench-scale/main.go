// Command simbench-scale measures simbench at scale: it generates a
// realistic corpus and an identical-copies corpus with 'simbench gen', runs
// each algorithm on each in a process of its own, in the corpus scope, and
// prints one line in the Go benchmark format per corpus and algorithm, for
// benchstat. 'make bench-scale' builds and runs it.
//
// Usage:
//
//	simbench-scale -simbench PATH [-dir DIR] [-docs N] [-copies M] [-distinct D] [-algo NAME]... [-timeout D]
//
// Each run is
//
//	simbench run -gold CORPUS -algo NAME -scope corpus -timing=false -bootstrap 0 -out "" -format json
//
// and its line is
//
//	BenchmarkScale/corpus=realistic-1000000/algo=simhash 1 <ns> ns/op <bytes> peak-RSS-B <n> pairs <p> precision <r> recall <f> f1
//
// where ns/op is the wall-clock time of the process, measured from outside
// (reading, signing, finding and scoring the pairs, and the metrics);
// peak-RSS-B is its peak resident set size from the operating system
// (getrusage's ru_maxrss of the child, which on Linux is at least the few
// megabytes of this program, the process it was started from); pairs is
// the number of pairs the algorithm's index or join proposed, or every
// pair in scope for one without (the summary's candidates or gold.pairs);
// precision, recall and f1 are the run's at its threshold.
//
// Then the algorithms that ran on a corpus run once more, together in one
// process, as 'simbench run' runs its default list, and their line, named
// algo=all, gives the wall time and peak memory of that process only.
//
// An algorithm that cannot run in a corpus's scope (containment, in the
// sparse scope of a large corpus) is skipped with a line on standard error,
// as simbench run skips it from its default list. A run that fails or is
// killed is reported on standard error with its exit status, and the others
// go on; the command then exits 1.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/summary"
)

func main() {
	err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, new(usageError)):
		fmt.Fprintf(os.Stderr, "simbench-scale: %v\n", err)
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "simbench-scale: %v\n", err)
		os.Exit(1)
	}
}

type usageError struct{ error }

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// A corpus is one gold set to generate and run on.
type corpus struct {
	name string   // its name in the benchmark lines
	gen  []string // the arguments of simbench gen, before DEST
	docs int
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench-scale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("simbench", "simbench", "the simbench binary to measure")
	dir := fs.String("dir", "", "generate the corpora under `DIR`, and reuse those already there (default: a temporary directory, removed at the end)")
	docs := fs.Int("docs", 1000000, "documents of the realistic corpus (simbench gen -realistic)")
	copies := fs.Int("copies", 20000, "identical copies of the identical-copies corpus (simbench gen -copies)")
	distinct := fs.Int("distinct", 100000, "distinct documents of the identical-copies corpus")
	seed := fs.Uint64("seed", 1, "seed of the corpora and of the runs")
	timeout := fs.Duration("timeout", 0, "kill a run after this long (0: never)")
	mem := fs.String("mem", "", "the memory budget of each run, simbench run -mem `SIZE` (default simbench's: half of the machine's memory); a run that stops over it is reported as stopped, not failed")
	var algos listFlag
	fs.Var(&algos, "algo", "run algorithm `NAME[:key=value,...]` (repeatable; default: every algorithm of 'simbench list')")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: simbench-scale -simbench PATH [flags]\n\n"+
			"Generate a realistic corpus and an identical-copies corpus with simbench gen, run each\n"+
			"algorithm on each in a process of its own, and print a Go benchmark line per corpus and\n"+
			"algorithm: wall time, peak resident memory, pairs proposed, precision, recall and F1.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected arguments %q", fs.Args())}
	}
	if *copies < 2 || *distinct < 0 || *docs < 100 {
		return usageError{fmt.Errorf("want -docs ≥ 100, -copies ≥ 2 and -distinct ≥ 0")}
	}
	if len(algos) == 0 {
		algos = algorithms.Names()
	}
	cfgs, err := algorithms.ParseAll(algos, *seed)
	if err != nil {
		return usageError{err}
	}
	if *dir == "" {
		tmp, err := os.MkdirTemp("", "simbench-scale-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*dir = tmp
	}
	seedArg := strconv.FormatUint(*seed, 10)
	corpora := []corpus{
		{fmt.Sprintf("realistic-%d", *docs), []string{"-docs", strconv.Itoa(*docs), "-realistic", "-seed", seedArg}, *docs},
		{fmt.Sprintf("copies-%d-distinct-%d", *copies, *distinct), []string{"-docs", strconv.Itoa(*copies + *distinct), "-copies", strconv.Itoa(*copies), "-seed", seedArg}, *copies + *distinct},
	}

	w := &benchWriter{w: stdout}
	w.header()
	failed := 0
	for _, c := range corpora {
		dest := filepath.Join(*dir, c.name)
		if err := generate(ctx, *bin, c, dest, stderr); err != nil {
			fmt.Fprintf(stderr, "simbench-scale: corpus=%s: generating it failed: %v; its %d runs are left out\n", c.name, err, len(cfgs))
			failed++
			continue
		}
		sparse := eval.Sparse(c.docs, eval.Corpus, false)
		var together []string // the algorithms that can run on c
		for _, cfg := range cfgs {
			name := benchName(c.name, cfg.Label)
			if err := eval.CanRun(cfg, sparse); err != nil {
				fmt.Fprintf(stderr, "simbench-scale: %s: skipped: %v\n", name, err)
				continue
			}
			together = append(together, cfg.Label)
			m, err := measure(ctx, *bin, dest, []string{cfg.Label}, *seed, *timeout, *mem)
			if m.stopped != "" {
				// Stopped by its memory budget, with the estimate: what
				// the budget is for, not a failure.
				fmt.Fprintf(stderr, "simbench-scale: %s: stopped after %.1f s, peak RSS %s: %s\n", name, m.wall.Seconds(), mib(m.peakRSS), m.stopped)
				if err := w.result(name, m); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				fmt.Fprintf(stderr, "simbench-scale: %s: %v\n", name, err)
				failed++
				continue
			}
			if err := w.result(name, m); err != nil {
				return err
			}
		}
		if len(together) > 1 {
			name := benchName(c.name, "all")
			m, err := measure(ctx, *bin, dest, together, *seed, *timeout, *mem)
			switch {
			case m.stopped != "":
				fmt.Fprintf(stderr, "simbench-scale: %s: stopped after %.1f s, peak RSS %s: %s\n", name, m.wall.Seconds(), mib(m.peakRSS), m.stopped)
			case err != nil:
				fmt.Fprintf(stderr, "simbench-scale: %s: %v\n", name, err)
				failed++
				continue
			}
			if err := w.result(name, m); err != nil {
				return err
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of the runs failed", failed)
	}
	return nil
}

// generate writes the corpus c to dest with simbench gen, unless a gold
// set is there already.
func generate(ctx context.Context, bin string, c corpus, dest string, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(dest, "gold.json")); err == nil {
		fmt.Fprintf(stderr, "simbench-scale: corpus=%s: reusing %s\n", c.name, dest)
		return nil
	}
	start := time.Now()
	cmd := exec.CommandContext(ctx, bin, append(append([]string{"gen"}, c.gen...), dest)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(cmd.Args[1:], " "), err, tail(out.Bytes(), 20))
	}
	fmt.Fprintf(stderr, "simbench-scale: corpus=%s: generated in %.1f s: %s", c.name, time.Since(start).Seconds(), out.String())
	return nil
}

// A measurement is what one run of one algorithm on one corpus gave.
type measurement struct {
	wall    time.Duration
	peakRSS int64 // bytes, 0 if unknown
	run     summary.Run
	gold    summary.Gold
	cpu     string // the processor, as simbench run describes it
	// stopped is simbench's error when the run stopped over its memory
	// budget; "" otherwise.
	stopped string
	// together reports a run of several algorithms, of which only the
	// time and memory are reported.
	together bool
}

// measure runs the algorithms algos on the gold set dir in a simbench
// process of their own and returns its figures, or an error that says how
// the process ended.
func measure(ctx context.Context, bin, dir string, algos []string, seed uint64, timeout time.Duration, mem string) (measurement, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	args := []string{"run", "-gold", dir}
	for _, a := range algos {
		args = append(args, "-algo", a)
	}
	cmd := exec.CommandContext(ctx, bin, append(args, "-scope", "corpus",
		"-timing=false", "-bootstrap", "0", "-out", "", "-format", "json", "-seed", strconv.FormatUint(seed, 10))...)
	if mem != "" {
		cmd.Args = append(cmd.Args, "-mem", mem)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	m := measurement{wall: time.Since(start), together: len(algos) > 1}
	if cmd.ProcessState != nil {
		m.peakRSS = peakRSS(cmd.ProcessState)
	}
	if line := lastLine(errOut.Bytes()); err != nil && ctx.Err() == nil && strings.HasPrefix(line, "simbench: memory budget") {
		m.stopped = strings.TrimPrefix(line, "simbench: ")
		return m, err
	}
	if err != nil {
		how := err.Error() // "exit status 1", "signal: killed"
		if ctx.Err() != nil {
			how += fmt.Sprintf(" (killed after the -timeout of %v)", timeout)
		}
		return m, fmt.Errorf("failed: %s after %.1f s, peak RSS %s\n%s", how, m.wall.Seconds(), mib(m.peakRSS), tail(errOut.Bytes(), 20))
	}
	s, err := summary.Parse("the standard output of simbench run", out.Bytes())
	if err != nil {
		return m, fmt.Errorf("failed: %v", err)
	}
	if len(s.Runs) != len(algos) {
		return m, fmt.Errorf("failed: simbench run reported %d runs, want %d", len(s.Runs), len(algos))
	}
	m.gold, m.cpu = s.Gold, s.Env.CPU
	if !m.together {
		m.run = s.Runs[0]
	}
	return m, nil
}

// lastLine returns the last non-empty line of b.
func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// mib formats a number of bytes in MiB.
func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

// tail returns the last n lines of b, indented.
func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	if len(lines) == 1 && lines[0] == "" {
		return "  (no output on standard error)"
	}
	return "  " + strings.Join(lines, "\n  ")
}

// benchName returns the benchmark name of algorithm label on the corpus
// called corpus: white space and "/" become "_", and a name that would end
// in -digits, which benchstat reads as GOMAXPROCS, gets a final "_".
func benchName(corpus, label string) string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '/' || r == ' ' || r == '\t' || r == '\n' || r == '\r' {
				return '_'
			}
			return r
		}, s)
	}
	name := "BenchmarkScale/corpus=" + clean(corpus) + "/algo=" + clean(label)
	if i := strings.TrimRight(name, "0123456789"); len(i) < len(name) && strings.HasSuffix(i, "-") {
		name += "_"
	}
	return name
}

// The figures of a line after ns/op, with their units: peak-RSS-B and pairs
// here, and the quality figures with the units of summary.Columns.
var qualityKeys = []string{"precision", "recall", "f1"}

// benchWriter writes the benchmark lines.
type benchWriter struct {
	w   io.Writer
	cpu bool // the cpu line is written
	buf []byte
}

// header writes the configuration and the Unit lines.
func (b *benchWriter) header() {
	fmt.Fprintf(b.w, "goos: %s\ngoarch: %s\npkg: simbench\n", runtime.GOOS, runtime.GOARCH)
	fmt.Fprintln(b.w, "Unit peak-RSS-B better=lower")
	fmt.Fprintln(b.w, "Unit pairs better=lower assume=exact")
	fmt.Fprintln(b.w, "Unit stopped better=lower assume=exact")
	for _, key := range qualityKeys {
		for _, c := range summary.Columns {
			if c.Key == key && c.Unit != "" {
				better := "lower"
				if c.Higher {
					better = "higher"
				}
				fmt.Fprintf(b.w, "Unit %s better=%s", c.Unit, better)
				if c.Exact {
					fmt.Fprint(b.w, " assume=exact")
				}
				fmt.Fprintln(b.w)
			}
		}
	}
}

// unit returns the benchmark unit of the summary column key.
func unit(key string) string {
	for _, c := range summary.Columns {
		if c.Key == key {
			return c.Unit
		}
	}
	return ""
}

// result writes the line of a measurement, and before the first the cpu
// line, from the run's environment.
func (b *benchWriter) result(name string, m measurement) error {
	if !b.cpu {
		b.cpu = true
		// The cpu line comes from the first run, which describes the
		// machine as simbench run -format bench does.
		if cpu := strings.Join(strings.Fields(m.cpu), " "); cpu != "" {
			fmt.Fprintf(b.w, "cpu: %s\n", cpu)
		}
	}
	line := append(b.buf[:0], name...)
	line = append(line, " 1 "...)
	line = strconv.AppendInt(line, m.wall.Nanoseconds(), 10)
	line = append(line, " ns/op"...)
	if m.peakRSS > 0 {
		line = append(line, ' ')
		line = strconv.AppendInt(line, m.peakRSS, 10)
		line = append(line, " peak-RSS-B"...)
	}
	if m.stopped != "" {
		// No figures but its time and memory, and that it stopped.
		line = append(line, " 1 stopped\n"...)
		b.buf = line
		_, err := b.w.Write(line)
		return err
	}
	if m.together {
		line = append(line, '\n')
		b.buf = line
		_, err := b.w.Write(line)
		return err
	}
	pairs := m.run.Get("candidates").Float()
	if math.IsNaN(pairs) {
		pairs = float64(m.gold.Pairs) // no index: every pair in scope was scored
	}
	line = append(line, ' ')
	line = strconv.AppendFloat(line, pairs, 'f', -1, 64)
	line = append(line, " pairs"...)
	for _, key := range qualityKeys {
		v := m.run.Get(key).Float()
		if math.IsNaN(v) {
			continue
		}
		line = append(line, ' ')
		line = strconv.AppendFloat(line, v, 'g', -1, 64)
		line = append(line, ' ')
		line = append(line, unit(key)...)
	}
	line = append(line, '\n')
	b.buf = line
	_, err := b.w.Write(line)
	return err
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-isatty"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval/bootstrap"
	"github.com/simbench/simbench/eval/budget"
	"github.com/simbench/simbench/eval/report"
	evalrun "github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/gold"
)

// commit is the source revision, set by the Makefile with
// -ldflags "-X main.commit=...".
var commit = ""

// Hooks the golden tests replace to make the output reproducible.
var (
	now     = time.Now
	hostEnv = readEnv
)

// errUsage marks an error in the command line: exit status 2.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode reports err on stderr and returns the exit status: 0 for
// success, 2 for a usage error, 1 for any other failure.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage), errors.Is(err, evalrun.ErrUsage):
		if msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), errUsage.Error()), evalrun.ErrUsage.Error()); msg != "" {
			fmt.Fprintf(stderr, "simbench: %s\n", strings.TrimPrefix(msg, ": "))
		}
		return 2
	case errors.Is(err, errRegression):
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "simbench: interrupted; no results written")
		return 130
	}
	var list gold.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintf(stderr, "simbench: %v\n", e)
		}
		return 1
	}
	fmt.Fprintf(stderr, "simbench: %v\n", err)
	return 1
}

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// run runs the command with arguments args (without the program name).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "run":
		return runCmd(ctx, "run", rest, stdout, stderr)
	case "sweep":
		return runCmd(ctx, "sweep", rest, stdout, stderr)
	case "score":
		return runCmd(ctx, "score", rest, stdout, stderr)
	case "gold":
		return goldCmd(rest, stdout, stderr)
	case "import":
		defer exitOnInterrupt(ctx, stderr)()
		return importCmd(rest, stdout, stderr)
	case "gen":
		defer exitOnInterrupt(ctx, stderr)()
		return genCmd(rest, stdout, stderr)
	case "explain":
		return explainCmd(ctx, rest, stdout, stderr)
	case "tune":
		return tuneCmd(ctx, rest, stdout, stderr)
	case "compare":
		return compareCmd(rest, stdout, stderr)
	case "list":
		fs := flag.NewFlagSet("simbench list", flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.Usage = mustHelp(fs, "simbench list", "List the algorithms, as 'simbench run -algo NAME[:key=value,...]' takes them: each one's\n"+
			"parameters with their defaults and meaning, its default threshold and why, and the\nparameters every algorithm takes.")
		if err := parseFlags(fs, rest, stdout); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageErr("list takes no arguments")
		}
		return listCmd(stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		return usageErr("unknown command %q; run 'simbench help'", cmd)
	}
}

// exitOnInterrupt makes a command that does not watch ctx stop at once with
// exit status 130 when ctx is cancelled (Ctrl-C), and returns the function
// that ends the watch when the command returns. Its destination is still a
// temporary folder then, never the final one: the next gen or import
// removes it (gold.RemoveStale).
func exitOnInterrupt(ctx context.Context, stderr io.Writer) (stop func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			// The command returns (closing done) before main cancels ctx
			// on its way out: ctx done with done closed is no interrupt.
			select {
			case <-done:
				return
			default:
			}
			fmt.Fprintln(stderr, "simbench: interrupted; nothing written")
			os.Exit(130)
		case <-done:
		}
	}()
	return func() { close(done) }
}

// parseFlags parses args with fs, which has printed any problem: a request
// for help is returned as flag.ErrHelp (exit 0), its text written to stdout
// so that it can be paged; anything else is a usage error (exit 2), written
// to fs's output. One of fs's flags after the arguments is an error too
// (-h or -help there asks for help): the flag package stops at the first
// argument, and would take the flag for a file. After "--", every
// argument is one.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	errOut := fs.Output()
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	err := fs.Parse(args)
	fs.SetOutput(errOut)
	if errors.Is(err, flag.ErrHelp) {
		stdout.Write(buf.Bytes())
		return err
	}
	errOut.Write(buf.Bytes())
	if err != nil {
		return errUsage
	}
	rest := fs.Args()
	if n := len(rest); n < len(args) && args[len(args)-n-1] == "--" {
		return nil // the arguments after "--" are arguments
	}
	for _, a := range rest {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			fs.SetOutput(errOut)
			return flag.ErrHelp
		}
		if strings.HasPrefix(a, "-") && name != "" && fs.Lookup(name) != nil {
			fmt.Fprintf(errOut, "%s: flag %s comes after the arguments, where it would be read as one; put the flags first\n", fs.Name(), a)
			return errUsage
		}
	}
	return nil
}

// runCmd runs 'simbench run' and 'simbench sweep', which differ in what
// they print.
func runCmd(ctx context.Context, cmd string, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbench "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sh shared
	sh.register(fs, flagAlgo, flagGold, flagScope, flagSeed, flagOut, flagPositive, flagWorkers, flagSparse, flagMem)
	format := fs.String("format", "table", "standard output: table, json (summary.json), md (Markdown tables), csv (one row per algorithm, every figure), or bench (Go benchmark lines for benchstat)")
	wide := fs.Bool("wide", false, "show every figure of the table, not only the key figures (which fit 100 columns)")
	timing := fs.Bool("timing", true, "measure throughput (off: the output does not depend on the machine)")
	passes := fs.Int("passes", 5, "timed passes per measurement; the median is reported")
	resamples := fs.Int("bootstrap", bootstrap.DefaultResamples, "bootstrap resamples (of documents) for the ± intervals; 0 for none")
	nseeds := fs.Int("seeds", 1, "also run each randomised algorithm (simhash, minhash-lsh, oph) with `N` consecutive seeds from -seed and report the spread (not in a streamed run, which keeps no text to run again)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof)")
	memprofile := fs.String("memprofile", "", "write a heap profile at the end of the run to `FILE` (go tool pprof)")
	scores := fs.String("scores", "auto", "how the results folder holds the scores of the pairs, `MODE`: csv (scores.csv), gzip (scores.csv.gz), sample (scores.csv with 1,000,000 pairs evenly spaced, when there are more; no paired test in compare), or auto (csv up to 5,000,000 rows, gzip above)")
	if cmd != "score" {
		// Other systems' outputs cannot be counted.
		sh.register(fs, flagCounted)
	}
	stream := fs.String("stream", "auto", "stream the documents, keeping no text: on, off, or auto (on for a directory with more than 256 MiB of documents); implies -timing=false, -bootstrap 0, and a sparse corpus scope, and allows no -seeds above 1")
	var minPrecision *float64
	var points *bool
	var outName, outAlgorithm *string
	var outThreshold *float64
	var strictIDs *bool
	if cmd == "score" {
		outName = fs.String("name", "", "label the row of the output `NAME` (one file only; default: the file name without its extension and .gz)")
		outAlgorithm = fs.String("algorithm", "", "from simbench's own scores.csv or clusters.csv, score the rows of algorithm `LABEL`")
		outThreshold = fs.Float64("threshold", 0.5, "threshold of a pair list with scores (pairs without a score, and clusters, score 1); for a run's own scores.csv, the run's threshold of the algorithm unless given")
		fs.Lookup(flagAlgo).Usage = "also run built-in algorithm `NAME[:key=value,...]` beside the outputs (repeatable; default: none; see 'simbench list')"
		strictIDs = fs.Bool("strict-ids", false, "make a row naming a document outside the gold set an error, rather than skip it")
		fs.Usage = mustHelp(fs, "simbench score [flags] FILE...",
			"Score the output of another deduplication system against a gold set, in the same results as\n"+
				"'simbench run': precision, recall, F1 (and with scores AP and the best threshold), and, in the\n"+
				"corpus scope of an exhaustive set, the clusters (closure, B-cubed, ARI, AMI, documents removed).\n"+
				"Each FILE is one output, its format told from its header:\n\n"+
				"  a pair list, CSV or TSV:        a,b  or  a,b,score  (simbench's scores.csv too, with -algorithm)\n"+
				"  cluster membership:             doc,cluster  or  id,cluster  (CSV, TSV; clusters.csv too),\n"+
				"                                  or JSON Lines {\"id\": ..., \"cluster\": ...}\n"+
				"  removed documents:              one id a line (header id optional): document figures only\n"+
				"  Parquet (datatrove, NeMo Curator): the same, told from its columns (a, b[, score]; doc|id,\n"+
				"                                  cluster; id); errors name the row\n\n"+
				"A text file may be gzip-compressed. A row naming a document outside the gold set is skipped\n"+
				"without being held (a pair is kept when both its documents are in the set) and counted on\n"+
				"standard error and in summary.json, so that the output of a system run on a large corpus, of\n"+
				"which the gold set is a sample, is read in the memory of the rows kept; -strict-ids makes such\n"+
				"a row an error. A file none of whose rows names a document of the gold set is an error, and so\n"+
				"are a repeated row among those kept, a pair of a document with itself and a malformed line,\n"+
				"named by file and line; then nothing is written. -algo adds built-in algorithms beside the\n"+
				"outputs.")
	}
	if cmd == "sweep" {
		minPrecision = fs.Float64("min-precision", 0.95, "report the threshold with the highest recall whose precision is at least `P`")
		points = fs.Bool("points", false, "print every point of every sweep")
		fs.Usage = mustHelp(fs, "simbench sweep [flags]", "Run algorithms on a gold set and report every threshold: AP, ROC AUC, the thresholds of\n"+
			"best F1 and best accuracy, and the highest recall at a minimum precision. The results\nfolder holds curves.csv with every point.")
	} else if cmd == "run" {
		fs.Usage = mustHelp(fs, "simbench run [flags]", "Run algorithms on a gold set and report their precision, recall, F1 and throughput.")
	}
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	var outputs []evalrun.OutputFile
	switch {
	case cmd == "score" && fs.NArg() == 0:
		return usageErr("score takes one output file or more")
	case cmd == "score":
		if *outName != "" && fs.NArg() > 1 {
			return usageErr("-name labels one output; give one file, or none of -name")
		}
		if !(*outThreshold >= 0 && *outThreshold <= 1) {
			return usageErr("-threshold %v: want a number from 0 to 1", *outThreshold)
		}
		given := false
		fs.Visit(func(f *flag.Flag) { given = given || f.Name == "threshold" })
		for _, f := range fs.Args() {
			t := *outThreshold
			if !given {
				t = 0 // the run's own threshold, or 0.5
			}
			outputs = append(outputs, evalrun.OutputFile{Path: f, Name: *outName, Algorithm: *outAlgorithm, Threshold: t, StrictIDs: *strictIDs})
		}
	case fs.NArg() > 0:
		return usageErr("%s takes no arguments, got %q", cmd, fs.Args())
	}
	if err := sh.check(); err != nil {
		return err
	}
	switch *format {
	case "table", "json", "md", "csv", "bench":
	default:
		return usageErr("-format %s: want table, json, md, csv or bench", *format)
	}
	if *passes < 1 {
		return usageErr("-passes %d: want at least 1", *passes)
	}
	if *resamples < 0 {
		return usageErr("-bootstrap %d: want 0 or more", *resamples)
	}
	if *nseeds < 1 || *nseeds > 1000 {
		return usageErr("-seeds %d: want 1 to 1000", *nseeds)
	}
	if minPrecision != nil && !(*minPrecision >= 0 && *minPrecision <= 1) {
		return usageErr("-min-precision %v: want a number from 0 to 1", *minPrecision)
	}
	if _, err := summary.PlanScores(*scores, 0, 0); err != nil {
		return usageErr("-scores %s: want %s", *scores, strings.Join(summary.ScoreModes, ", "))
	}
	if *stream != "on" && *stream != "off" && *stream != "auto" {
		return usageErr("-stream %s: want on, off or auto", *stream)
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *memprofile != "" {
		defer writeHeapProfile(*memprofile, stderr)
	}
	env := hostEnv()
	env.Seed = sh.seed
	env.Time = now().UTC().Format(time.RFC3339)
	if *stream == "auto" && (len(outputs) > 0 || slices.ContainsFunc(sh.algos, func(a string) bool { return strings.HasPrefix(a, evalrun.ExecPrefix) })) {
		// Other systems' outputs and programs need the documents' text
		// or ids in order, which a streamed set does not keep.
		*stream = "off"
	}
	streamed := evalrun.Streaming(sh.gold, *stream)
	opt := evalrun.Options{
		Gold: sh.gold, Algos: sh.algos, Seed: sh.seed, Scope: string(sh.scope), Sparse: sh.sparse, Counted: sh.counted,
		Positive: sh.positives(), Workers: sh.workers, Timing: *timing && !streamed, Passes: *passes,
		Resamples: *resamples, Seeds: *nseeds, Stream: *stream, Env: env, Analyse: sh.out != "", Mem: int64(sh.mem), Scores: *scores,
		Outputs: outputs,
	}
	if streamed {
		opt.Resamples = 0
	}
	// The results folder is made first, so that an -out that cannot be
	// written is found before the run, not after it.
	var folder *report.Folder
	if sh.out != "" {
		var removed []string
		var err error
		folder, removed, err = newFolder(sh.out, now().UTC().Format("20060102T150405Z")+"-"+safeName(goldName(sh.gold)))
		for _, r := range removed {
			fmt.Fprintf(stderr, "simbench: removed %s, left by a process that no longer exists\n", r)
		}
		if err != nil {
			return fmt.Errorf("-out %s: %v", sh.out, err)
		}
		defer folder.Abandon()
	}
	prog := newProgress(stderr)
	opt.Progress, opt.Bar = prog.report, prog.bar
	o, err := evalrun.Run(ctx, opt)
	prog.done()
	if err != nil {
		return err
	}
	for _, c := range o.Summary().Outputs {
		if c.RowsOutside > 0 {
			verb := "name"
			if c.RowsOutside == 1 {
				verb = "names"
			}
			fmt.Fprintf(stderr, "simbench: %s: kept %s of %s rows; %s %s documents outside the gold set\n",
				c.File, budget.Count(c.RowsKept), budget.Count(c.RowsRead), budget.Count(c.RowsOutside), verb)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	bw := bufio.NewWriter(stdout)
	switch {
	case *format == "json":
		err = summary.Write(bw, o.Summary())
	case *format == "md":
		err = report.Markdown(bw, o)
	case *format == "csv":
		err = report.CSV(bw, o)
	case *format == "bench":
		err = summary.WriteBench(bw, o.Summary())
	case cmd == "sweep":
		err = report.Sweep(bw, o, *minPrecision, *points)
	default:
		err = report.Table(bw, o, *wide)
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if folder != nil {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The budget holds while the folder is written too: the garbage
		// collector keeps to it, and a folder written over it is removed
		// and the run fails, as a run over it does.
		wctx, w := budget.Watch(ctx, opt.Budget(), 50*time.Millisecond)
		w.Stage("writing the results folder")
		dir, err := folder.Write(o)
		w.Stop()
		if over := budget.Cause(wctx, nil); over != nil && err == nil {
			os.RemoveAll(dir)
			return over
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "simbench: wrote %s\n", dir)
	}
	return nil
}

// goldName returns the name of the gold set given to -gold, for the name
// of the results folder, without loading it: its manifest's name, or the
// name of an embedded set.
func goldName(g string) string {
	if m, err := gold.ReadManifest(g); err == nil {
		return m.Name
	}
	return filepath.Base(g)
}

// startCPUProfile starts writing a CPU profile to path and returns the
// function that stops it.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeHeapProfile writes the profile of the memory in use (and, as
// alloc_space, of all that was allocated) to path.
func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "simbench: -memprofile: %v\n", err)
	}
}

// newFolder makes the results folder parent/name, or name-2, name-3 ...
// when a run in the same second took the name, and returns the temporary
// folders of dead processes it removed.
func newFolder(parent, name string) (*report.Folder, []string, error) {
	var removed []string
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d", name, i)
		}
		if _, err := os.Stat(filepath.Join(parent, n)); err == nil {
			continue
		}
		f, r, err := report.NewFolder(parent, n)
		return f, append(removed, r...), err
	}
}

// safeName keeps the letters, digits, '-', '_' and '.' of a set's name for
// use in a folder name.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, s)
	if s == "" || s[0] == '.' {
		s = "set" + s
	}
	return s
}

func listCmd(stdout io.Writer) error {
	// rows are (left, right) cells; a nil row is a blank line.
	var rows [][2]string
	for _, e := range algorithms.Registry {
		rows = append(rows, [2]string{}, [2]string{e.Name, e.Doc})
		rows = append(rows, [2]string{fmt.Sprintf("  threshold=%g", e.DefaultThreshold), e.Why})
		for _, p := range e.Params {
			def := p.Default
			if def == "" {
				def = "(derived)"
			}
			rows = append(rows, [2]string{"  " + p.Name + "=" + def, p.Doc})
		}
	}
	rows = append(rows, [2]string{}, [2]string{"Every algorithm also takes:", ""})
	for _, p := range algorithms.Common {
		def := p.Default
		switch p.Name {
		case "threshold":
			def = "(per algorithm)"
		case "seed":
			def = "(-seed)"
		}
		rows = append(rows, [2]string{"  " + p.Name + "=" + def, p.Doc})
	}
	width := 0
	for _, r := range rows {
		if r[1] != "" {
			width = max(width, utf8.RuneCountInString(r[0]))
		}
	}
	rows = append(rows, [2]string{}, [2]string{"Another system's program, as -algo exec:key=value,...:", ""},
		[2]string{"  cmd=COMMAND", "run by /bin/sh -c: reads {\"id\",\"text\"} JSON Lines, writes a,b,score lines (quote with '...' to keep commas)"},
		[2]string{"  name=NAME", "the row's label (default: the -algo value)"},
		[2]string{"  threshold=0.5", "the threshold of its scores"},
		[2]string{"  timeout=10m", "how long it may run before its process group is killed"})
	var b strings.Builder
	b.WriteString("Algorithms, as simbench run -algo NAME[:key=value,...]:\n")
	for _, r := range rows {
		if r[1] == "" {
			b.WriteString(r[0] + "\n")
			continue
		}
		fmt.Fprintf(&b, "%s%s  %s\n", r[0], strings.Repeat(" ", width-utf8.RuneCountInString(r[0])), r[1])
	}
	_, err := io.WriteString(stdout, b.String())
	return err
}

// progress reports what a long run is doing on one line of stderr, only
// when stderr is a terminal.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	shown bool

	start, last time.Time // of the bar
}

func newProgress(w io.Writer) *progress {
	p := &progress{}
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		p.w = w
	}
	return p
}

func (p *progress) report(format string, args ...any) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\033[K%s …", fmt.Sprintf(format, args...))
	p.shown = true
}

// bar shows how far a streamed load has got, at most ten times a second.
func (p *progress) bar(done, total int64) {
	if p.w == nil {
		return
	}
	now := time.Now()
	if p.start.IsZero() {
		p.start, p.last = now, now // no rate before a tenth of a second
	}
	if now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	p.mu.Lock()
	defer p.mu.Unlock()
	secs := now.Sub(p.start).Seconds()
	rate := float64(done) / 1e6 / max(secs, 1e-9)
	if total <= 0 {
		fmt.Fprintf(p.w, "\r\033[Kreading %.0f MB, %.0f MB/s", float64(done)/1e6, rate)
	} else {
		const width = 30
		f := min(1, float64(done)/float64(total))
		n := int(f * width)
		eta := (float64(total-done) / 1e6) / max(rate, 1e-9)
		fmt.Fprintf(p.w, "\r\033[Kreading [%s%s] %3.0f%% %.0f of %.0f MB, %.0f MB/s, %.0f s left",
			strings.Repeat("=", n), strings.Repeat(" ", width-n), 100*f, float64(done)/1e6, float64(total)/1e6, rate, max(0, eta))
	}
	p.shown = true
}

func (p *progress) done() {
	if p.w == nil || !p.shown {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\033[K")
}

// readEnv describes this machine and build.
func readEnv() summary.Env {
	e := summary.Env{
		Go:         runtime.Version(),
		CPU:        cpuName(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		Commit:     commit,
		OS:         runtime.GOOS + "/" + runtime.GOARCH,
	}
	if e.Commit == "" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" {
					e.Commit = s.Value
				}
			}
		}
	}
	if e.Commit == "" {
		e.Commit = "unknown"
	}
	return e
}

// cpuName returns the processor's model name from /proc/cpuinfo, or the
// architecture where there is none.
func cpuName() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}

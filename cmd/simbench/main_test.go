package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/simbench/simbench/eval/summary"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixedEnv makes the output independent of the machine and the clock.
func fixedEnv(t *testing.T) {
	t.Helper()
	oldNow, oldEnv := now, hostEnv
	now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	hostEnv = func() summary.Env {
		return summary.Env{Go: "go1.test", CPU: "test cpu", GOMAXPROCS: 2, Commit: "test", OS: "test/test"}
	}
	t.Cleanup(func() { now, hostEnv = oldNow, oldEnv })
}

// TestGolden runs the command and compares its standard output, standard
// error and exit status with testdata/NAME.stdout and NAME.stderr. Timing
// is turned off so that the output does not depend on the machine; run
// 'go test -update' to rewrite the files after a deliberate change.
func TestGolden(t *testing.T) {
	fixedEnv(t)
	for _, c := range []struct {
		name string
		args []string
		exit int
	}{
		{"help", []string{"help"}, 0},
		{"noargs", nil, 2},
		{"list", []string{"list"}, 0},
		{"run", []string{"run", "-timing=false", "-out", ""}, 0},
		{"run-json", []string{"run", "-timing=false", "-out", "", "-format", "json"}, 0},
		{"run-labelled", []string{"run", "-timing=false", "-out", "", "-scope", "labelled", "-algo", "jaccard", "-algo", "minhash-lsh:perm=64,threshold=0.7", "-algo", "simhash:hamming=10,shingle=char,k=4"}, 0},
		{"missingdoc", []string{"run", "-timing=false", "-out", "", "-gold", "testdata/missingdoc"}, 1},
		{"not-exhaustive", []string{"run", "-timing=false", "-out", "", "-gold", "testdata/partial", "-scope", "corpus"}, 1},
		{"no-such-gold", []string{"run", "-timing=false", "-out", "", "-gold", "testdata/nonexistent"}, 1},
		{"unknown-algo", []string{"run", "-algo", "lsh"}, 2},
		{"flag-after-args", []string{"score", "testdata/nonexistent.csv", "-gold", "clough"}, 2},
		{"file-after-dashes", []string{"score", "-gold", "seeds", "-out", "", "--", "-gold"}, 1},
		{"unknown-param", []string{"run", "-algo", "simhash:perm=3"}, 2},
		{"bad-param", []string{"run", "-algo", "minhash-lsh:bands=64,rows=4"}, 2},
		{"bad-threshold", []string{"run", "-algo", "jaccard:threshold=1.5"}, 2},
		{"bad-mem", []string{"run", "-mem", "4XB"}, 2},
		{"bad-scores", []string{"run", "-scores", "zip"}, 2},
		{"unknown-flag", []string{"run", "-fast"}, 2},
		{"sparse-labelled", []string{"run", "-sparse", "-gold", "clough", "-out", ""}, 2},
		{"sparse-containment", []string{"run", "-timing=false", "-sparse", "-algo", "containment", "-out", ""}, 1},
		{"sparse-default", []string{"run", "-timing=false", "-sparse", "-out", "", "-format", "json"}, 0},
		{"run-counted", []string{"run", "-timing=false", "-counted", "-gold", "testdata/copies", "-out", ""}, 0},
		{"counted-embedded", []string{"run", "-counted", "-gold", "clough", "-out", ""}, 2},
		{"counted-labelled", []string{"run", "-counted", "-scope", "labelled", "-gold", "testdata/copies", "-out", ""}, 2},
		{"sparse-bad-floor", []string{"run", "-algo", "jaccard:floor=0.7"}, 2},
		{"floor-not-joiner", []string{"run", "-algo", "minhash-lsh:floor=0.3"}, 2},
		{"bad-stream", []string{"run", "-stream", "maybe"}, 2},
		{"stream-seeds", []string{"run", "-stream", "on", "-seeds", "3", "-gold", "testdata/clusters", "-out", ""}, 2},
		{"bad-format", []string{"run", "-format", "xml"}, 2},
		{"unknown-command", []string{"go"}, 2},
		{"run-positive-md", []string{"run", "-timing=false", "-out", "", "-positive", "duplicate,related", "-format", "md"}, 0},
		{"bad-positive", []string{"run", "-positive", "cut"}, 2},
		{"gold-stats", []string{"gold", "stats", "seeds"}, 0},
		{"gold-stats-char", []string{"gold", "stats", "-shingle", "char", "-k", "4", "testdata/partial"}, 0},
		{"gold-validate", []string{"gold", "validate", "seeds"}, 0},
		{"gold-validate-bad", []string{"gold", "validate", "testdata/missingdoc"}, 1},
		{"gold-validate-clusters", []string{"gold", "validate", "testdata/clusters"}, 0},
		{"gold-nosub", []string{"gold"}, 2},
		{"import-unknown", []string{"import", "csv", "x", "y"}, 2},
		{"import-args", []string{"import", "msrp"}, 2},
		{"import-missing", []string{"import", "msrp", "testdata/nonexistent.txt", "out"}, 1},
		{"gen-bad-levels", []string{"gen", "-levels", "0.1,2", "out"}, 2},
		{"gen-bad-kinds", []string{"gen", "-kinds", "delete,rot13", "out"}, 2},
		{"gen-args", []string{"gen"}, 2},
		{"gen-help", []string{"gen", "-help"}, 0},
		{"gen-realistic-clusters", []string{"gen", "-docs", "1000", "-realistic", "-clusters", "out"}, 2},
		{"gen-boilerplate-alone", []string{"gen", "-docs", "1000", "-boilerplate", "5", "out"}, 2},
		{"gen-boilerplate-one", []string{"gen", "-docs", "1000", "-realistic", "-boilerplate", "1", "out"}, 2},
		{"gen-copies-too-many", []string{"gen", "-docs", "100", "-copies", "101", "out"}, 2},
		{"gen-realistic-no-docs", []string{"gen", "-realistic", "out"}, 2},
		{"explain", []string{"explain", "-n", "2", "002", "000"}, 0},
		{"sweep", []string{"sweep", "-timing=false", "-out", "", "-points", "-algo", "simhash", "-algo", "jaccard"}, 0},
		{"sweep-clough", []string{"sweep", "-timing=false", "-out", "", "-gold", "clough", "-min-precision", "0.99"}, 0},
		{"sweep-bad-precision", []string{"sweep", "-min-precision", "2"}, 2},
		{"run-seeds", []string{"run", "-timing=false", "-out", "", "-seeds", "3"}, 0},
		{"tune", []string{"tune", "-timing=false", "-gold", "clough", "-grid", "minhash-lsh:k=3|5,perm=64|128", "-grid", "simhash:hamming=8|24", "-grid", "jaccard"}, 0},
		{"tune-default", []string{"tune", "-timing=false", "-gold", "seeds"}, 0},
		{"tune-objective-f1", []string{"tune", "-timing=false", "-objective", "f1", "-grid", "simhash:hamming=8|12|16|20"}, 0},
		{"tune-bad-grid", []string{"tune", "-grid", "minhash-lsh:perm=64|x"}, 2},
		{"explain-clough", []string{"explain", "-gold", "clough", "-algo", "minhash-lsh", "-algo", "jaccard:k=1", "g0pA_taskb", "orig_taskb"}, 0},
		{"explain-clough-verify", []string{"explain", "-gold", "clough", "-algo", "minhash-lsh:verify=true", "-n", "1", "g2pB_taskd", "orig_taskd"}, 0},
		{"explain-sparse-floor", []string{"explain", "-sparse", "-algo", "jaccard:floor=0.3", "-algo", "simhash:floor=0.7", "-n", "1", "000", "001"}, 0},
		{"list-help", []string{"list", "-help"}, 0},
		{"gold-help", []string{"gold", "-help"}, 0},
		{"gold-stats-help", []string{"gold", "stats", "-help"}, 0},
		{"run-wide", []string{"run", "-timing=false", "-out", "", "-gold", "clough", "-wide", "-bootstrap", "0"}, 0},
		{"run-csv", []string{"run", "-timing=false", "-out", "", "-format", "csv"}, 0},
		{"score-pairs", []string{"score", "-timing=false", "-out", "", "-bootstrap", "0", "testdata/score-pairs.csv"}, 0},
		{"score-removed", []string{"score", "-timing=false", "-out", "", "-bootstrap", "0", "-format", "csv", "testdata/score-removed.txt"}, 0},
		{"score-unknown-id", []string{"score", "-timing=false", "-out", "", "-strict-ids", "testdata/score-unknown.csv"}, 1},
		{"score-outside", []string{"score", "-timing=false", "-out", "", "-bootstrap", "0", "testdata/score-outside.csv"}, 0},
		{"score-no-gold-id", []string{"score", "-timing=false", "-out", "", "testdata/score-no-gold-id.csv"}, 1},
		{"score-noargs", []string{"score"}, 2},
		{"exec-example", []string{"run", "-gold", "clough", "-timing=false", "-out", "", "-bootstrap", "0", "-algo", "jaccard", "-algo", "exec:cmd='sh ../../docs/exec-example.sh',name=exact"}, 0},
		{"exec-fails", []string{"run", "-timing=false", "-out", "", "-bootstrap", "0", "-algo", "jaccard", "-algo", "exec:cmd='echo oops >&2; exit 3',name=broken"}, 0},
		{"exec-bad-spec", []string{"run", "-algo", "exec:name=x"}, 2},
		{"explain-unknown-id", []string{"explain", "000", "999"}, 1},
		{"explain-same", []string{"explain", "000", "000"}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			exit := exitCode(run(context.Background(), c.args, &stdout, &stderr), &stderr)
			if exit != c.exit {
				t.Errorf("simbench %s: exit %d, want %d\nstderr:\n%s", strings.Join(c.args, " "), exit, c.exit, stderr.String())
			}
			golden(t, c.name+".stdout", stdout.Bytes())
			golden(t, c.name+".stderr", stderr.Bytes())
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// TestRunWritesResults checks the results folder: its name, its files, and
// that summary.json and scores.csv agree with each other.
func TestRunWritesResults(t *testing.T) {
	fixedEnv(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	for range 2 {
		if err := run(context.Background(), []string{"run", "-timing=false", "-out", out}, &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
	}
	// Two runs in the same second get two folders.
	for _, name := range []string{"20260102T030405Z-seeds", "20260102T030405Z-seeds-2"} {
		dir := filepath.Join(out, name)
		b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var s summary.Summary
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(filepath.Join(dir, "scores.csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(rows)-1, s.Gold.Pairs*len(s.Runs); got != want {
			t.Errorf("%s: scores.csv has %d rows, summary.json says %d pairs × %d runs", name, got, s.Gold.Pairs, len(s.Runs))
		}
	}
	if !strings.Contains(stderr.String(), "wrote "+filepath.Join(out, "20260102T030405Z-seeds")) {
		t.Errorf("stderr = %q, want it to say where the results went", stderr.String())
	}
}

// TestInterruptedRunWritesNothing checks that an interrupted run (Ctrl-C)
// exits 130, as shells expect of SIGINT, and leaves nothing in -out:
// neither a results folder nor a temporary one.
func TestInterruptedRunWritesNothing(t *testing.T) {
	fixedEnv(t)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	if code := exitCode(run(ctx, []string{"run", "-out", out}, &stdout, &stderr), &stderr); code != 130 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q; want 130 and a line saying it was interrupted", code, stderr.String())
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("an interrupted run left %d entries in the results folder", len(entries))
	}
	if stdout.Len() != 0 {
		t.Errorf("an interrupted run printed %q", stdout.String())
	}
}

// TestImportAndGen runs import and gen into a temporary directory and
// then run on what they wrote.
func TestImportAndGen(t *testing.T) {
	fixedEnv(t)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	msrp := filepath.Join(dir, "msrp")
	if err := run(context.Background(), []string{"import", "msrp", "../../gold/importer/testdata/msrp/msr_paraphrase_test.txt", msrp}, &stdout, &stderr); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "wrote "+msrp) {
		t.Errorf("import printed %q, want it to say what it wrote", stdout.String())
	}
	edits := filepath.Join(dir, "edits")
	stdout.Reset()
	if err := run(context.Background(), []string{"gen", "-kinds", "delete,wrap", "-levels", "0.1,0.3", edits}, &stdout, &stderr); err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr.String())
	}
	// The seeds give 4 sources (002 duplicates 000), so 4 + 4·2·2 = 20
	// documents and 16 positive pairs.
	if want := "wrote " + edits + ": 20 documents"; !strings.Contains(stdout.String(), want) {
		t.Errorf("gen printed %q, want %q", stdout.String(), want)
	}
	for _, set := range []string{msrp, edits} {
		stdout.Reset()
		if err := run(context.Background(), []string{"run", "-timing=false", "-out", "", "-gold", set}, &stdout, &stderr); err != nil {
			t.Errorf("run -gold %s: %v\n%s", set, err, stderr.String())
		}
	}
	if !strings.Contains(stdout.String(), "wrap-0.30") {
		t.Errorf("run on the generated set shows no per-level recall:\n%s", stdout.String())
	}
	if err := run(context.Background(), []string{"gen", edits}, &stdout, &stderr); err == nil {
		t.Errorf("gen over an existing directory: no error")
	}
}

// TestGenShaped writes a small realistic corpus and an identical-copies
// corpus with simbench gen and checks them with simbench gold validate.
func TestGenShaped(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		// 2,000 documents: 200 in clusters, 4 (2,000/500) boilerplate copies.
		{[]string{"-docs", "2000", "-realistic"}, "2000 documents, 248 labelled pairs (248 positive), exhaustive true"},
		// 50 copies: 50·49/2 pairs.
		{[]string{"-docs", "300", "-copies", "50"}, "300 documents, 1225 labelled pairs (1225 positive), exhaustive true"},
	} {
		dest := filepath.Join(dir, strings.Join(tc.args, ""))
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), append(append([]string{"gen"}, tc.args...), dest), &stdout, &stderr); err != nil {
			t.Fatalf("gen %q: %v\n%s", tc.args, err, stderr.String())
		}
		stdout.Reset()
		if err := run(context.Background(), []string{"gold", "validate", dest}, &stdout, &stderr); err != nil {
			t.Fatalf("gold validate after gen %q: %v\n%s", tc.args, err, stderr.String())
		}
		if got := stdout.String(); !strings.Contains(got, tc.want) || stderr.Len() > 0 {
			t.Errorf("gold validate after gen %q: %q, stderr %q; want %q", tc.args, got, stderr.String(), tc.want)
		}
	}
}

// TestUsageIsDoc keeps 'simbench help' and the package documentation the
// same text.
func TestUsageIsDoc(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Doc.Text(); got != usage {
		t.Errorf("doc.go's package comment and usage differ:\n--- doc.go ---\n%s\n--- usage ---\n%s", got, usage)
	}
}

// TestCompareGate is the CI gate, case by case: a run compared with
// itself passes; a deliberately worse threshold is refused as a change of
// configuration, and with -allow-config-change fails as a regression
// backed by the paired test; a run that drops algorithms, or runs on
// another gold set, is refused; the seeds have too few positives to tell,
// which fails only with -strict.
func TestCompareGate(t *testing.T) {
	fixedEnv(t)
	dir := t.TempDir()
	n := 0
	folder := func(args ...string) string {
		t.Helper()
		n++
		var stdout, stderr bytes.Buffer
		out := filepath.Join(dir, fmt.Sprint(n))
		args = append([]string{"run", "-timing=false", "-out", out, "-bootstrap", "0"}, args...)
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
		entries, err := os.ReadDir(out)
		if err != nil || len(entries) != 1 {
			t.Fatalf("%s: %v, %d entries; want one results folder", out, err, len(entries))
		}
		return filepath.Join(out, entries[0].Name())
	}
	algos := []string{"-algo", "jaccard", "-algo", "containment"}
	good := folder(append([]string{"-gold", "clough"}, algos...)...)
	again := folder(append([]string{"-gold", "clough"}, algos...)...)
	// Raising the thresholds loses true positives on Clough.
	worse := folder("-gold", "clough", "-algo", "jaccard:threshold=0.9", "-algo", "containment:threshold=0.95")
	fewer := folder("-gold", "clough", "-algo", "jaccard")
	seeds := folder(algos...)
	seedsWorse := folder("-algo", "jaccard:threshold=0.9", "-algo", "containment")
	gz := folder(append([]string{"-gold", "clough", "-scores", "gzip"}, algos...)...)
	if _, err := os.Stat(filepath.Join(gz, "scores.csv")); err == nil {
		t.Errorf("-scores gzip wrote scores.csv too")
	}
	// The same rows, compressed: the paired test reads them.
	plain, err := os.ReadFile(filepath.Join(good, "scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	zf, err := os.Open(filepath.Join(gz, "scores.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(zf)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	zf.Close()
	if err != nil || !bytes.Equal(unzipped, plain) {
		t.Errorf("scores.csv.gz does not hold scores.csv's bytes (%v)", err)
	}
	lone := filepath.Join(dir, "lone.json")
	data, err := os.ReadFile(filepath.Join(good, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lone, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		exit int
		out  string
	}{
		{[]string{"compare", good, again}, 0, "paired bootstrap interval"},
		{[]string{"compare", good, gz}, 0, "paired bootstrap interval"},
		{[]string{"compare", good, worse}, 1, "REFUSED: jaccard: the parameters differ (threshold 0.5 → 0.9); -allow-config-change accepts it"},
		{[]string{"compare", "-allow-config-change", good, worse}, 1, "REGRESSION: jaccard: recall fell"},
		{[]string{"compare", "-allow-config-change", "-tolerance", "1", good, worse}, 0, "matched by name"},
		{[]string{"compare", good, fewer}, 1, "REFUSED: the new run lacks containment, which the old one ran"},
		{[]string{"compare", "-allow-missing", good, fewer}, 0, "~"},
		{[]string{"compare", good, seeds}, 1, `REFUSED: different gold sets (name "clough" → "seeds"`},
		{[]string{"compare", "-allow-config-change", seeds, seedsWorse}, 0, "too few positives to tell"},
		{[]string{"compare", "-allow-config-change", "-strict", seeds, seedsWorse}, 1, "too few positives to tell"},
		{[]string{"compare", lone, filepath.Join(again, "summary.json")}, 0, "note: no scores.csv of every pair for both runs"},
		{[]string{"compare", "-format", "bench", good, again}, 0, "run: new"},
		{[]string{"compare", good, filepath.Join(dir, "missing.json")}, 1, ""},
		{[]string{"compare", good}, 2, ""},
		{[]string{"compare", "-resamples", "5", good, again}, 2, ""},
	} {
		var stdout, stderr bytes.Buffer
		code := exitCode(run(context.Background(), c.args, &stdout, &stderr), &stderr)
		if code != c.exit || !strings.Contains(stdout.String(), c.out) {
			t.Errorf("simbench %s: exit %d, want %d; stdout lacks %q?\n%s%s", strings.Join(c.args, " "), code, c.exit, c.out, stdout.String(), stderr.String())
		}
		if strings.Contains(stdout.String(), "source:") {
			t.Errorf("simbench %s: a source line, which splits benchstat's tables", strings.Join(c.args, " "))
		}
	}
}

// TestDefaultWidth checks that the default output of run fits a terminal
// of 100 columns on the seeds and on Clough, timed and not, and that -wide
// shows the columns it leaves out.
func TestDefaultWidth(t *testing.T) {
	fixedEnv(t)
	for _, args := range [][]string{
		{"run", "-timing=false", "-out", ""},
		{"run", "-passes", "1", "-out", ""},
		{"run", "-timing=false", "-out", "", "-gold", "clough"},
		{"run", "-passes", "1", "-out", "", "-gold", "clough"},
	} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("simbench %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		for i, line := range strings.Split(stdout.String(), "\n") {
			if n := utf8.RuneCountInString(line); n > 100 {
				t.Errorf("simbench %s: line %d has %d columns, want at most 100:\n%s", strings.Join(args, " "), i+1, n, line)
			}
		}
		if strings.Contains(stdout.String(), "│ TP ") {
			t.Errorf("simbench %s: the default table shows TP, a -wide column", strings.Join(args, " "))
		}
		stdout.Reset()
		if err := run(context.Background(), append(args, "-wide"), &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout.String(), "│ TP ") || !strings.Contains(stdout.String(), "ROC AUC") {
			t.Errorf("simbench %s -wide: no TP or ROC AUC column:\n%s", strings.Join(args, " "), stdout.String())
		}
	}
}

// TestOutNotWritable checks that an -out that cannot be written is an
// error before the run, and that temporary folders of dead processes are
// removed on start.
func TestOutNotWritable(t *testing.T) {
	fixedEnv(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := exitCode(run(context.Background(), []string{"run", "-timing=false", "-gold", "testdata/nonexistent", "-out", filepath.Join(file, "results")}, &stdout, &stderr), &stderr)
	// The gold set does not exist either: the -out error must come first.
	if code != 1 || !strings.Contains(stderr.String(), "-out ") || strings.Contains(stderr.String(), "nonexistent") {
		t.Errorf("unwritable -out: exit %d, stderr %q; want exit 1 naming -out before the gold set is loaded", code, stderr.String())
	}

	// A temporary folder named for a process that is gone.
	out := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no 'true' to make a dead process id:", err)
	}
	stale := filepath.Join(out, fmt.Sprintf(".tmp-x-pid%d-123", cmd.Process.Pid))
	if err := os.Mkdir(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if err := run(context.Background(), []string{"run", "-timing=false", "-out", out, "-algo", "jaccard", "-bootstrap", "0"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil || !strings.Contains(stderr.String(), "removed "+stale) {
		t.Errorf("stale temporary folder: still there %v, stderr %q; want it removed and said", err == nil, stderr.String())
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/summary/benchcheck"
)

// buildSimbench builds cmd/simbench into a temporary directory and returns
// its path.
func buildSimbench(t *testing.T) string {
	t.Helper()
	gotool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gotool); err != nil {
		t.Skipf("no go tool to build simbench: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "simbench")
	out, err := exec.Command(gotool, "build", "-o", bin, "../simbench").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ../simbench: %v\n%s", err, out)
	}
	return bin
}

// TestScale runs the driver on a realistic corpus of 2,100 documents
// (2,203,950 pairs: the sparse corpus scope, where containment is skipped)
// and an identical-copies corpus of 100 copies and 1,000 distinct
// documents (604,450 pairs: the dense scope), and reads its output as
// benchstat would.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds simbench and runs it 11 times")
	}
	bin := buildSimbench(t)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-simbench", bin, "-dir", dir, "-docs", "2100", "-copies", "100", "-distinct", "1000"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	f, err := benchcheck.Read(stdout.String())
	if err != nil {
		t.Fatalf("the output does not parse: %v\n%s", err, stdout.String())
	}
	var names []string
	byName := map[string]map[string]float64{}
	for _, r := range f.Results {
		names = append(names, r.Name)
		byName[r.Name] = r.Values
	}
	want := []string{
		"BenchmarkScale/corpus=realistic-2100/algo=jaccard",
		"BenchmarkScale/corpus=realistic-2100/algo=simhash",
		"BenchmarkScale/corpus=realistic-2100/algo=minhash-lsh",
		"BenchmarkScale/corpus=realistic-2100/algo=oph",
		"BenchmarkScale/corpus=realistic-2100/algo=all",
		"BenchmarkScale/corpus=copies-100-distinct-1000/algo=jaccard",
		"BenchmarkScale/corpus=copies-100-distinct-1000/algo=simhash",
		"BenchmarkScale/corpus=copies-100-distinct-1000/algo=minhash-lsh",
		"BenchmarkScale/corpus=copies-100-distinct-1000/algo=oph",
		"BenchmarkScale/corpus=copies-100-distinct-1000/algo=containment",
		"BenchmarkScale/corpus=copies-100-distinct-1000/algo=all",
	}
	if !slices.Equal(names, want) {
		t.Fatalf("results %q, want %q", names, want)
	}
	if !strings.Contains(stderr.String(), "corpus=realistic-2100/algo=containment: skipped: containment cannot run in the sparse corpus scope") {
		t.Errorf("stderr does not say containment was skipped:\n%s", stderr.String())
	}
	for name, v := range byName {
		// A Go process that reads a gold set holds more than 1 MiB; of
		// the time, which depends on the machine, only a positive value
		// is required.
		if together := strings.HasSuffix(name, "/algo=all"); v["ns/op"] <= 0 || v["peak-RSS-B"] < 1<<20 || (v["pairs"] <= 0) != together {
			t.Errorf("%s: %v ns/op, %v peak-RSS-B, %v pairs; want all positive and at least 1 MiB, and no pairs for the algorithms together", name, v["ns/op"], v["peak-RSS-B"], v["pairs"])
		}
	}
	// Independent expectations on the identical copies: every pair of the
	// 100 copies is identical, so an LSH index proposes all 4,950 of them
	// and every algorithm finds them; without an index, every pair of the
	// 1,100 documents is scored.
	for _, tc := range []struct {
		algo  string
		pairs float64
	}{
		{"jaccard", 1100 * 1099 / 2},
		{"containment", 1100 * 1099 / 2},
		{"minhash-lsh", 4950},
		{"oph", 4950},
	} {
		v := byName["BenchmarkScale/corpus=copies-100-distinct-1000/algo="+tc.algo]
		if v["pairs"] != tc.pairs || v["recall"] != 1 {
			t.Errorf("%s on the copies: %v pairs, recall %v; want %v and 1", tc.algo, v["pairs"], v["recall"], tc.pairs)
		}
	}

	// The corpora stay in -dir, and a second run reuses them.
	stdout.Reset()
	stderr.Reset()
	if err := run(context.Background(), []string{"-simbench", bin, "-dir", dir, "-docs", "2100", "-copies", "100", "-distinct", "1000", "-algo", "oph"}, &stdout, &stderr); err != nil {
		t.Fatalf("second run: %v\n%s", err, stderr.String())
	}
	if got := strings.Count(stderr.String(), "reusing"); got != 2 {
		t.Errorf("the second run reused %d corpora, want 2:\n%s", got, stderr.String())
	}
}

// TestScaleFailures runs the driver with a simbench that fails in two
// ways: a run that exits 3 and a run killed by a signal are each reported
// with how they ended, the other runs go on, and run returns an error.
// The run of the algorithms together fails as one of them does.
func TestScaleFailures(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("builds simbench; needs /bin/sh")
	}
	real := buildSimbench(t)
	fake := filepath.Join(t.TempDir(), "simbench")
	script := "#!/bin/sh\n" +
		"case \"$*\" in\n" +
		"*'-algo jaccard '*) echo 'jaccard broke' >&2; exit 3;;\n" +
		"*'-algo simhash '*) kill -9 $$;;\n" +
		"esac\n" +
		"exec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-simbench", fake, "-dir", t.TempDir(), "-docs", "200", "-copies", "20", "-distinct", "100",
		"-algo", "jaccard", "-algo", "simhash", "-algo", "oph"}, &stdout, &stderr)
	// Two runs of each corpus fail alone, and the three together.
	if err == nil || err.Error() != "6 of the runs failed" {
		t.Errorf("run returned %v, want 6 of the runs failed", err)
	}
	for _, want := range []string{
		"corpus=realistic-200/algo=jaccard: failed: exit status 3 after",
		"jaccard broke",
		"corpus=realistic-200/algo=simhash: failed: signal: killed after",
		"corpus=copies-20-distinct-100/algo=jaccard: failed: exit status 3",
		"corpus=copies-20-distinct-100/algo=simhash: failed: signal: killed",
		"corpus=realistic-200/algo=all: failed: exit status 3",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr.String())
		}
	}
	f, err := benchcheck.Read(stdout.String())
	if err != nil {
		t.Fatalf("the output does not parse: %v\n%s", err, stdout.String())
	}
	var names []string
	for _, r := range f.Results {
		names = append(names, r.Name)
	}
	if want := []string{"BenchmarkScale/corpus=realistic-200/algo=oph", "BenchmarkScale/corpus=copies-20-distinct-100/algo=oph"}; !slices.Equal(names, want) {
		t.Errorf("results %q, want %q", names, want)
	}
}

// TestScaleStopped checks that a run stopped by its memory budget (here a
// budget of 1 MiB, which any process exceeds) is reported as stopped, with
// its time and memory and a stopped metric, and is not a failure.
func TestScaleStopped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds simbench")
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-simbench", buildSimbench(t), "-dir", t.TempDir(), "-docs", "200", "-copies", "20", "-distinct", "100",
		"-algo", "oph", "-mem", "1MiB"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run returned %v, want no error: a budget stop is not a failure\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "algo=oph: stopped after") || !strings.Contains(stderr.String(), "memory budget") {
		t.Errorf("stderr does not report the stop:\n%s", stderr.String())
	}
	f, err := benchcheck.Read(stdout.String())
	if err != nil {
		t.Fatalf("the output does not parse: %v\n%s", err, stdout.String())
	}
	if len(f.Results) != 2 {
		t.Fatalf("%d results, want 2:\n%s", len(f.Results), stdout.String())
	}
	for _, r := range f.Results {
		if r.Values["stopped"] != 1 || r.Values["ns/op"] <= 0 {
			t.Errorf("%s: %v, want stopped 1 and its time", r.Name, r.Values)
		}
	}
}

func TestBenchName(t *testing.T) {
	for _, tc := range []struct{ corpus, label, want string }{
		{"realistic-1000000", "simhash", "BenchmarkScale/corpus=realistic-1000000/algo=simhash"},
		{"a b", "x/y", "BenchmarkScale/corpus=a_b/algo=x_y"},
		{"c", "minhash-lsh:perm=64,seed=-2", "BenchmarkScale/corpus=c/algo=minhash-lsh:perm=64,seed=-2_"},
	} {
		if got := benchName(tc.corpus, tc.label); got != tc.want {
			t.Errorf("benchName(%q, %q) = %q, want %q", tc.corpus, tc.label, got, tc.want)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"extra"}, {"-copies", "1"}, {"-docs", "10"}, {"-algo", "nosuch"}} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); err == nil || !isUsage(err) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}

func isUsage(err error) bool {
	_, ok := err.(usageError)
	return ok
}

package summary_test

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/eval/summary/benchcheck"
)

// benchSummary is a fixed summary with the awkward cases of WriteBench:
// a name with a space, a label with a space and one with "/" ending in
// -digits, null figures, a run with no figure at all.
func benchSummary() *summary.Summary {
	nan := summary.Num(math.NaN())
	return &summary.Summary{
		Gold: summary.Gold{Name: "my set", Docs: 10, Pairs: 45, Positives: 3, Scope: "corpus"},
		Env:  summary.Env{Go: "go1.26.8", CPU: "Test CPU @ 2.00GHz", GOMAXPROCS: 8, Seed: 1, OS: "linux/amd64"},
		Runs: []summary.Run{
			{Algorithm: "jaccard", Values: map[string]summary.Num{"precision": 1, "recall": 0.5, "f1": summary.Num(2.0 / 3), "average_precision": 0.75, "best_f1": 0.8, "docs_per_sec": 12345.5, "mb_per_sec": 67.25}},
			{Algorithm: "minhash-lsh:perm=64, bands=16", Values: map[string]summary.Num{"precision": 0.25, "recall": 1, "f1": 0.4, "average_precision": nan, "best_f1": 0.5, "docs_per_sec": nan, "mb_per_sec": nan}},
			{Algorithm: "x/simhash-2", Values: map[string]summary.Num{"precision": nan, "recall": 0, "f1": 0, "average_precision": 0.125, "best_f1": 1e-7, "docs_per_sec": 2e6, "mb_per_sec": nan}},
			{Algorithm: "nothing", Values: map[string]summary.Num{"precision": nan, "recall": nan, "f1": nan, "average_precision": nan, "best_f1": nan, "docs_per_sec": nan, "mb_per_sec": nan}},
		},
	}
}

func TestWriteBench(t *testing.T) {
	var buf bytes.Buffer
	if err := summary.WriteBench(&buf, benchSummary()); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "bench.golden"), buf.Bytes())

	f, err := benchcheck.Read(buf.String())
	if err != nil {
		t.Fatalf("WriteBench output: %v\n%s", err, buf.Bytes())
	}
	wantConfig := map[string]string{"goos": "linux", "goarch": "amd64", "cpu": "Test CPU @ 2.00GHz", "pkg": "simbench"}
	for _, r := range f.Results {
		if fmt.Sprint(r.Config) != fmt.Sprint(wantConfig) {
			t.Errorf("%s: configuration %v, want %v", r.Name, r.Config, wantConfig)
		}
	}
	// The figures of benchSummary, null ones left out.
	want := []struct {
		name string
		vals map[string]float64
	}{
		{"BenchmarkQuality/set=my_set/algo=jaccard", map[string]float64{
			"f1": 2.0 / 3, "precision": 1, "recall": 0.5, "average_precision": 0.75, "best_f1": 0.8, "docs/s": 12345.5, "MB/s": 67.25}},
		{"BenchmarkQuality/set=my_set/algo=minhash-lsh:perm=64,_bands=16", map[string]float64{
			"f1": 0.4, "precision": 0.25, "recall": 1, "best_f1": 0.5}},
		{"BenchmarkQuality/set=my_set/algo=x_simhash-2_", map[string]float64{
			"f1": 0, "recall": 0, "average_precision": 0.125, "best_f1": 1e-7, "docs/s": 2e6}},
	}
	if len(f.Results) != len(want) {
		t.Fatalf("benchmarks %v, want %d", f.Results, len(want))
	}
	for i, w := range want {
		if got := f.Results[i]; got.Name != w.name || got.Iters != 1 || fmt.Sprint(got.Values) != fmt.Sprint(w.vals) {
			t.Errorf("benchmark %d: %s %d %v, want %s 1 %v", i, got.Name, got.Iters, got.Values, w.name, w.vals)
		}
	}
	for _, unit := range []string{"f1", "precision", "recall", "average_precision", "best_f1"} {
		if f.Units[unit]["assume"] != "exact" {
			t.Errorf("unit %s: assume=%q, want exact", unit, f.Units[unit]["assume"])
		}
	}
	for _, unit := range []string{"docs/s", "MB/s"} {
		if a, ok := f.Units[unit]["assume"]; ok {
			t.Errorf("unit %s: assume=%q, want none: throughput is noisy", unit, a)
		}
	}
}

// TestWriteBenchReal writes the summaries of real runs and reads back
// every figure.
func TestWriteBenchReal(t *testing.T) {
	for _, path := range []string{seeds, untimed, clough, withCI} {
		s, err := summary.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := summary.WriteBench(&buf, s); err != nil {
			t.Fatal(err)
		}
		f, err := benchcheck.Read(buf.String())
		if err != nil {
			t.Errorf("WriteBench(%s): %v", path, err)
			continue
		}
		if len(f.Results) != len(s.Runs) {
			t.Errorf("WriteBench(%s): %d benchmarks, want %d", path, len(f.Results), len(s.Runs))
			continue
		}
		for i, r := range s.Runs {
			name := "BenchmarkQuality/set=" + s.Gold.Name + "/algo=" + r.Algorithm
			got := f.Results[i].Values
			for unit, v := range map[string]summary.Num{"f1": r.Get("f1"), "precision": r.Get("precision"), "recall": r.Get("recall"),
				"average_precision": r.Get("average_precision"), "best_f1": r.Get("best_f1"), "docs/s": r.Get("docs_per_sec"), "MB/s": r.Get("mb_per_sec")} {
				g, ok := got[unit]
				if math.IsNaN(float64(v)) && ok || !math.IsNaN(float64(v)) && g != float64(v) || f.Results[i].Name != name {
					t.Errorf("WriteBench(%s): %s %s = %v (present %v), want %s %v", path, f.Results[i].Name, unit, g, ok, name, v)
				}
			}
		}
	}
}

func TestBenchName(t *testing.T) {
	for _, c := range []struct{ set, label, want string }{
		{"seeds", "jaccard", "BenchmarkQuality/set=seeds/algo=jaccard"},
		{"seeds", "minhash-lsh:perm=64,bands=16", "BenchmarkQuality/set=seeds/algo=minhash-lsh:perm=64,bands=16"},
		{"my set", "a\tb\nc", "BenchmarkQuality/set=my_set/algo=a_b_c"},
		{"a/b", "c/d", "BenchmarkQuality/set=a_b/algo=c_d"},
		{"seeds", "simhash:hamming=-3", "BenchmarkQuality/set=seeds/algo=simhash:hamming=-3_"},
		{"seeds", "x-", "BenchmarkQuality/set=seeds/algo=x-"},
		{"seeds", "x3", "BenchmarkQuality/set=seeds/algo=x3"},
		{"s", "\u00a0\u2003", "BenchmarkQuality/set=s/algo=__"}, // Unicode spaces end a field too
		{"s", "\xff", "BenchmarkQuality/set=s/algo=\ufffd"},
	} {
		if got := summary.BenchName(c.set, c.label); got != c.want {
			t.Errorf("BenchName(%q, %q) = %q, want %q", c.set, c.label, got, c.want)
		}
	}
}

// TestWriteBenchEnv checks the configuration lines for a partly unknown
// environment.
func TestWriteBenchEnv(t *testing.T) {
	for _, c := range []struct {
		env  summary.Env
		want string
	}{
		{summary.Env{}, "pkg: simbench\n"},
		{summary.Env{OS: "plan9"}, "pkg: simbench\n"},
		{summary.Env{OS: "darwin/arm64", CPU: "Apple M2\n"}, "goos: darwin\ngoarch: arm64\ncpu: Apple M2\npkg: simbench\n"},
		{summary.Env{CPU: "two\nlines"}, "cpu: two lines\npkg: simbench\n"},
	} {
		var buf bytes.Buffer
		if err := summary.WriteBench(&buf, &summary.Summary{Env: c.env}); err != nil {
			t.Fatal(err)
		}
		got, _, _ := strings.Cut(buf.String(), "Unit ")
		if got != c.want {
			t.Errorf("WriteBench(env %+v) header %q, want %q", c.env, got, c.want)
		}
		if _, err := benchcheck.Read(buf.String()); err != nil {
			t.Errorf("WriteBench(env %+v): %v", c.env, err)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/eval/summary/benchcheck"
)

// benchUnits maps the units of -format bench to the keys of summary.json.
var benchUnits = map[string]string{
	"precision":         "precision",
	"recall":            "recall",
	"f1":                "f1",
	"average_precision": "average_precision",
	"best_f1":           "best_f1",
	"docs/s":            "docs_per_sec",
	"MB/s":              "mb_per_sec",
}

// simbench runs the command in process and returns its standard output.
func simbench(t *testing.T, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("simbench %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// checkResults checks that results are the runs of s in order, with
// the names of summary.BenchName, no configuration key "source", and
// every figure of summary.json that is not null.
func checkResults(t *testing.T, what string, results []benchcheck.Result, s *summary.Summary) {
	t.Helper()
	if len(results) != len(s.Runs) {
		t.Fatalf("%s: %d results, want %d, one per run", what, len(results), len(s.Runs))
	}
	for i, r := range s.Runs {
		got := results[i]
		if want := summary.BenchName(s.Gold.Name, r.Algorithm); got.Name != want {
			t.Errorf("%s: result %d is %s, want %s", what, i, got.Name, want)
		}
		if v, ok := got.Config["source"]; ok {
			t.Errorf("%s: %s has configuration source: %s, want none: it splits benchstat's tables", what, got.Name, v)
		}
		for unit, key := range benchUnits {
			want := float64(r.Get(key))
			g, ok := got.Values[unit]
			switch {
			case math.IsNaN(want) && ok:
				t.Errorf("%s: %s %s = %v, want none (%s is null)", what, got.Name, unit, g, key)
			case !math.IsNaN(want) && g != want:
				t.Errorf("%s: %s %s = %v (present %v), want %v, summary.json's %s", what, got.Name, unit, g, ok, want, key)
			}
		}
	}
}

// TestRunBenchFormat reads 'simbench run -format bench' with benchfmt, as
// benchstat does, on the seeds and on Clough, timed and not, and checks
// that every line parses, every unit is declared, and the figures are
// summary.json's, which the same run writes to its results folder.
func TestRunBenchFormat(t *testing.T) {
	for _, c := range []struct {
		set    string
		timing bool
	}{
		{"seeds", false},
		{"clough", false},
		{"seeds", true},
	} {
		out := t.TempDir()
		args := []string{"run", "-format", "bench", "-gold", c.set, "-out", out, "-timing=" + map[bool]string{false: "false", true: "true"}[c.timing]}
		if c.timing {
			args = append(args, "-passes", "1")
		}
		what := "simbench " + strings.Join(args, " ")
		text := simbench(t, args...)
		f, err := benchcheck.Read(string(text))
		if err != nil {
			t.Errorf("%s: %v\n%s", what, err, text)
			continue
		}
		paths, _ := filepath.Glob(filepath.Join(out, "*", "summary.json"))
		if len(paths) != 1 {
			t.Fatalf("%s: summary.json files %v, want one", what, paths)
		}
		s, err := summary.Load(paths[0])
		if err != nil {
			t.Fatal(err)
		}
		checkResults(t, what, f.Results, s)
		if _, timed := f.Results[0].Values["docs/s"]; timed != c.timing {
			t.Errorf("%s: docs/s present %v, want %v", what, timed, c.timing)
		}
	}
}

// TestCompareBenchFormat reads 'simbench compare -format bench OLD NEW'
// with benchfmt: every line parses, every unit is declared, no "source"
// configuration splits the runs, the results of OLD (run: old) and NEW
// (run: new) have the same names in the same order, so that benchstat
// -col run pairs them, and their figures are OLD's and NEW's.
func TestCompareBenchFormat(t *testing.T) {
	fixedEnv(t)
	dir := t.TempDir()
	write := func(name string, args ...string) string {
		args = append([]string{"run", "-timing=false", "-out", "", "-format", "json", "-gold", "clough"}, args...)
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, simbench(t, args...), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	old := write("old.json")
	same := write("same.json")
	// Another seed changes the figures of the randomised algorithms and
	// not their names.
	reseeded := write("reseeded.json", "-seed", "2")
	for _, c := range []struct {
		name     string
		old, new string
	}{
		{"same command twice", old, same},
		{"another seed", old, reseeded},
	} {
		text := simbench(t, "compare", "-format", "bench", c.old, c.new)
		f, err := benchcheck.Read(string(text))
		if err != nil {
			t.Errorf("%s: %v\n%s", c.name, err, text)
			continue
		}
		byRun := map[string][]benchcheck.Result{}
		for _, r := range f.Results {
			byRun[r.Config["run"]] = append(byRun[r.Config["run"]], r)
		}
		if len(byRun) != 2 {
			t.Fatalf("%s: results under run: %v, want old and new only", c.name, slices.Sorted(maps.Keys(byRun)))
		}
		name := func(r benchcheck.Result) string { return r.Name }
		oldNames, newNames := mapSlice(byRun["old"], name), mapSlice(byRun["new"], name)
		if !slices.Equal(oldNames, newNames) {
			t.Errorf("%s: old results %v, new results %v, want the same names", c.name, oldNames, newNames)
		}
		for _, r := range []struct {
			run, path string
		}{{"old", c.old}, {"new", c.new}} {
			s, err := summary.Load(r.path)
			if err != nil {
				t.Fatal(err)
			}
			checkResults(t, c.name+", run: "+r.run, byRun[r.run], s)
		}
	}
}

func mapSlice[T, U any](s []T, f func(T) U) []U {
	var out []U
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

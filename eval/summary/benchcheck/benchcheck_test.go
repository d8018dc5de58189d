package benchcheck

import (
	"fmt"
	"strings"
	"testing"
)

const units = "Unit f1 better=higher assume=exact\nUnit MB/s better=higher\n"

func TestRead(t *testing.T) {
	f, err := Read("goos: linux\npkg: simbench\n" + units + "BenchmarkQuality/set=s/algo=a 1 0.5 f1 2.5 MB/s\nrun: new\n" + units + "BenchmarkQuality/set=s/algo=a 1 0.25 f1\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{
		{"BenchmarkQuality/set=s/algo=a", 5, 1, map[string]string{"goos": "linux", "pkg": "simbench"}, map[string]float64{"f1": 0.5, "MB/s": 2.5}},
		{"BenchmarkQuality/set=s/algo=a", 9, 1, map[string]string{"goos": "linux", "pkg": "simbench", "run": "new"}, map[string]float64{"f1": 0.25}},
	}
	if got := fmt.Sprint(f.Results); got != fmt.Sprint(want) {
		t.Errorf("Read: results %s, want %s", got, fmt.Sprint(want))
	}
	if got, want := fmt.Sprint(f.Units), "map[MB/s:map[better:higher] f1:map[assume:exact better:higher]]"; got != want {
		t.Errorf("Read: units %s, want %s", got, want)
	}
}

// TestReadRejects checks that Read rejects what benchfmt reads with a
// syntax error, what it would skip without a word, and what simbench
// promises not to write.
func TestReadRejects(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
	}{
		{"not UTF-8", "cpu: \xff\n", "not UTF-8"},
		{"no iterations", units + "BenchmarkX\tx 0.5 f1\n", "parsing iteration count"},
		{"no unit", units + "BenchmarkX 1 0.5 f1 3\n", "missing units"},
		{"bad value", units + "BenchmarkX 1 half f1\n", "parsing measurement"},
		{"no measurement", units + "BenchmarkX 1\n", "missing measurements"},
		{"zero iterations", units + "BenchmarkX 0 0.5 f1\n", "iteration count 0"},
		{"GOMAXPROCS", units + "BenchmarkX-4 1 0.5 f1\n", "-GOMAXPROCS"},
		{"unit twice", units + "BenchmarkX 1 0.5 f1 0.5 f1\n", "unit f1 twice"},
		{"undeclared unit", units + "BenchmarkX 1 0.5 recall\n", "unit recall is not declared"},
		{"better sideways", "Unit f1 better=sideways\nBenchmarkX 1 0.5 f1\n", "unit f1 is not declared"},
		{"bad assume", "Unit f1 better=higher assume=normal\nBenchmarkX 1 0.5 f1\n", "assume=normal"},
		{"conflicting metadata", units + "Unit f1 better=lower\n", "already set"},
		{"Unit without metadata", "Unit f1\n", "neither"},
		{"Unit key without value", "Unit f1 better\n", "expected key=value"},
		{"blank line", units + "\nBenchmarkX 1 0.5 f1\n", "neither"},
		{"upper-case key", "CPU: x\n", "neither"},
		{"key without value", "cpu:\n", "neither"},
		{"no space after colon", "cpu:x\n", "neither"},
		{"prose", "PASS\n", "neither"},
	} {
		_, err := Read(c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Read(%q) error %v, want one containing %q", c.name, c.text, err, c.want)
		}
	}
}

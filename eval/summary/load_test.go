package summary_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/summary"
)

func TestLoad(t *testing.T) {
	// A results folder and a file, with figures read from them by jq.
	for _, c := range []struct {
		path      string
		runs      int
		gold      string
		algo      string
		f1, recll float64
	}{
		{seeds, 4, "seeds", "jaccard", 1, 1},
		{seeds + "/summary.json", 4, "seeds", "jaccard", 1, 1},
		{clough, 4, "clough", "jaccard:threshold=0.05", 0.8125, 0.6842105263157895},
	} {
		s, err := summary.Load(c.path)
		if err != nil {
			t.Errorf("Load(%s): %v", c.path, err)
			continue
		}
		if len(s.Runs) != c.runs || s.Gold.Name != c.gold || s.Runs[0].Algorithm != c.algo || float64(s.Runs[0].Get("f1")) != c.f1 || float64(s.Runs[0].Get("recall")) != c.recll {
			t.Errorf("Load(%s) = %d runs, gold %q, first %q f1 %v recall %v; want %d, %q, %q, %v, %v",
				c.path, len(s.Runs), s.Gold.Name, s.Runs[0].Algorithm, s.Runs[0].Get("f1"), s.Runs[0].Get("recall"), c.runs, c.gold, c.algo, c.f1, c.recll)
		}
		if s.Bootstrap != nil || s.Runs[0].Interval("f1") != nil {
			t.Errorf("Load(%s): bootstrap %v, f1_ci %v; want null", c.path, s.Bootstrap, s.Runs[0].Interval("f1"))
		}
	}
}

func TestLoadNull(t *testing.T) {
	// Null figures are NaN, including an end of an interval.
	s, err := summary.Load(untimed)
	if err != nil {
		t.Fatal(err)
	}
	if r := s.Runs[0]; !math.IsNaN(float64(r.Get("docs_per_sec"))) || !math.IsNaN(float64(r.Get("mb_per_sec"))) || !math.IsNaN(float64(r.Get("pairs_per_sec"))) || float64(r.Get("f1")) != 1 {
		t.Errorf("Load(%s): docs/s %v, MB/s %v, pairs/s %v, f1 %v; want NaN, NaN, NaN, 1", untimed, r.Get("docs_per_sec"), r.Get("mb_per_sec"), r.Get("pairs_per_sec"), r.Get("f1"))
	}
	s, err = summary.Load(withCI)
	if err != nil {
		t.Fatal(err)
	}
	if ci := s.Runs[0].Interval("average_precision"); ci == nil || !math.IsNaN(float64(ci[1])) || math.IsNaN(float64(ci[0])) {
		t.Errorf("Load(%s): average_precision_ci %v, want [number, NaN]", withCI, ci)
	}
	if b := s.Bootstrap; b == nil || b.Level != 0.95 || b.Resamples != 1000 || b.Unit != "documents" {
		t.Errorf("Load(%s): bootstrap %+v, want 1000 resamples at 0.95 of documents", withCI, b)
	}

	const pre = `{"gold": {"name": "g"}, "runs": [`
	for _, c := range []struct {
		run  string
		f1   float64 // NaN for null
		prec float64
	}{
		{`{"f1": 0.5, "precision": null}`, 0.5, math.NaN()},
		{`{"f1": 0}`, 0, math.NaN()},                  // absent: NaN, 0: 0
		{`{"F1": 0.5, "PRECISION": 0.25}`, 0.5, 0.25}, // matched ignoring case, as encoding/json does
		{`{"f1": 0.5, "f1_ci": [0.25], "precision": 1}`, 0.5, 1},
		{`null`, math.NaN(), math.NaN()},
	} {
		s, err := summary.Parse("x.json", []byte(pre+c.run+`]}`))
		if err != nil {
			t.Errorf("Parse(%s): %v", c.run, err)
			continue
		}
		r := s.Runs[0]
		if !same(float64(r.Get("f1")), c.f1) || !same(float64(r.Get("precision")), c.prec) || !math.IsNaN(float64(r.Get("recall"))) {
			t.Errorf("Parse(%s): f1 %v, precision %v, recall %v; want %v, %v, NaN", c.run, r.Get("f1"), r.Get("precision"), r.Get("recall"), c.f1, c.prec)
		}
		if r.Interval("f1") != nil && (float64(r.Interval("f1")[0]) != 0.25 || !math.IsNaN(float64(r.Interval("f1")[1]))) {
			t.Errorf("Parse(%s): f1_ci %v, want [0.25, NaN]", c.run, r.Interval("f1"))
		}
	}
}

// same reports whether a and b are equal or both NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	missing := filepath.Join(dir, "missing.json")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want string // the error starts with it; JSON errors point at the last byte of the token at fault
		is   error
	}{
		{missing, "stat " + missing + ": ", fs.ErrNotExist},
		{empty, "open " + filepath.Join(empty, "summary.json") + ": ", fs.ErrNotExist},
		{write("syntax.json", "{\n  \"gold\": {},\n  \"runs\": [}\n"), filepath.Join(dir, "syntax.json") + ":3:12: ", nil},
		{write("truncated.json", "{\n  \"gold\": {"), filepath.Join(dir, "truncated.json") + ":2:11: ", nil},
		{write("empty.json", ""), filepath.Join(dir, "empty.json") + ":1:1: ", nil},
		{write("type.json", "{\"gold\": {},\n\"runs\": [\n{\"f1\": \"high\"}]}"), filepath.Join(dir, "type.json") + ":3:13: ", nil},
		{write("big.json", "{\"gold\": {}, \"runs\": [{\"f1\": 1e400}]}"), filepath.Join(dir, "big.json") + ":1:34: ", nil},
		{write("array.json", "[]"), filepath.Join(dir, "array.json") + ":1:1: ", nil},
		{write("object.json", "{}"), filepath.Join(dir, "object.json") + ": not a simbench summary: no \"gold\"", summary.ErrNotSummary},
		{write("null.json", "null"), filepath.Join(dir, "null.json") + ": not a simbench summary", summary.ErrNotSummary},
		{write("noruns.json", `{"gold": {}, "runs": null}`), filepath.Join(dir, "noruns.json") + ": not a simbench summary: no \"runs\"", summary.ErrNotSummary},
		{write("dup.json", "{\"gold\": {},\n \"runs\": [{\"f1\": 1,\n \"F1\": null}]}"), filepath.Join(dir, "dup.json") + ":3:5: duplicate key \"F1\"", summary.ErrDuplicate},
	} {
		_, err := summary.Load(c.path)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("Load(%s) = %v; want an error starting %q (is %v)", c.path, err, c.want, c.is)
		}
	}

	// JSON errors keep their type.
	_, err := summary.Load(filepath.Join(dir, "syntax.json"))
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		t.Errorf("Load(syntax.json) = %T, want a *json.SyntaxError inside", err)
	}
}

// Package benchcheck reads simbench's benchmark output (simbench run
// -format bench, simbench compare -format bench) with
// golang.org/x/perf/benchfmt, the reader benchstat uses, and checks what
// that output promises beyond the format. It is for tests.
package benchcheck

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/perf/benchfmt"
)

// A File is what Read found in a text in the Go benchmark format.
type File struct {
	// Units maps each unit, as written, to its metadata: key to value.
	Units map[string]map[string]string
	// Results are the benchmark result lines, in file order.
	Results []Result
}

// A Result is one benchmark result line.
type Result struct {
	// Name is the full benchmark name, as written, with its "Benchmark"
	// prefix (which benchfmt drops).
	Name string
	// Line is the result's line number, from 1.
	Line int
	// Iters is the iteration count.
	Iters int
	// Config is the file configuration in force at the line.
	Config map[string]string
	// Values maps each unit, as written, to its value, as written:
	// benchfmt's tidying of units such as MB/s to B/s is undone.
	Values map[string]float64
}

// Read parses text with benchfmt.Reader. It returns an error unless
//
//   - the text is valid UTF-8, and every line is a configuration line
//     ("key: value", with a value), a Unit line or a benchmark result,
//     which benchfmt reads without a syntax error (benchfmt itself skips
//     any other line without a word, so a mistyped line would go
//     unnoticed);
//   - every result has an iteration count above 0, no unit twice, and a
//     name that does not end in -digits, which benchstat would read as
//     GOMAXPROCS;
//   - every unit that a result uses is declared better=higher or
//     better=lower, and any assume= is nothing or exact.
func Read(text string) (*File, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("not UTF-8")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	// read[i] says that benchfmt returned a record for line i+1.
	read := make([]bool, len(lines))
	f := &File{Units: map[string]map[string]string{}}
	r := benchfmt.NewReader(strings.NewReader(text), "bench")
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.SyntaxError:
			return nil, rec
		case *benchfmt.UnitMetadata:
			_, line := rec.Pos()
			read[line-1] = true
			if f.Units[rec.OrigUnit] == nil {
				f.Units[rec.OrigUnit] = map[string]string{}
			}
			f.Units[rec.OrigUnit][rec.Key] = rec.Value
		case *benchfmt.Result:
			_, line := rec.Pos()
			read[line-1] = true
			res, err := result(rec, r.Units())
			if err != nil {
				return nil, fmt.Errorf("bench:%d: %v", line, err)
			}
			f.Results = append(f.Results, res)
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	for i, ok := range read {
		if !ok && !readsAlone(lines[i]) {
			return nil, fmt.Errorf("bench:%d: %q is neither a configuration line, a Unit line nor a result", i+1, lines[i])
		}
	}
	return f, nil
}

// result copies rec and checks it.
func result(rec *benchfmt.Result, units benchfmt.UnitMetadataMap) (Result, error) {
	res := Result{Name: "Benchmark" + rec.Name.String(), Iters: rec.Iters, Config: map[string]string{}, Values: map[string]float64{}}
	_, res.Line = rec.Pos()
	if rec.Iters <= 0 {
		return res, fmt.Errorf("%s: iteration count %d", res.Name, rec.Iters)
	}
	if _, parts := rec.Name.Parts(); len(parts) > 0 && bytes.HasPrefix(parts[len(parts)-1], []byte("-")) {
		return res, fmt.Errorf("%s: the name ends in -GOMAXPROCS", res.Name)
	}
	for _, c := range rec.Config {
		if c.File {
			res.Config[c.Key] = string(c.Value)
		}
	}
	for _, v := range rec.Values {
		unit, val := v.Unit, v.Value
		if v.OrigUnit != "" {
			unit, val = v.OrigUnit, v.OrigValue
		}
		if _, dup := res.Values[unit]; dup {
			return res, fmt.Errorf("%s: unit %s twice", res.Name, unit)
		}
		res.Values[unit] = val
		switch b := units.GetBetter(unit); b {
		case 1, -1:
		default:
			return res, fmt.Errorf("%s: unit %s is not declared better=higher or better=lower", res.Name, unit)
		}
		if a := units.Get(unit, "assume"); a != nil && a.Value != "nothing" && a.Value != "exact" {
			return res, fmt.Errorf("%s: unit %s has assume=%s, want nothing or exact", res.Name, unit, a.Value)
		}
	}
	return res, nil
}

// readsAlone reports whether benchfmt reads line, alone, as a
// configuration line that sets a key (a result read after it carries one
// key) or as a Unit line without error. (In a file, a Unit line that
// repeats earlier metadata yields no record.)
func readsAlone(line string) bool {
	r := benchfmt.NewReader(strings.NewReader(line+"\nBenchmarkX 1 1 x\n"), "line")
	unit := false
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.SyntaxError:
			return false
		case *benchfmt.UnitMetadata:
			unit = true
		case *benchfmt.Result:
			return unit && len(rec.Config) == 0 || !unit && len(rec.Config) == 1 && rec.Config[0].File
		}
	}
	return false
}

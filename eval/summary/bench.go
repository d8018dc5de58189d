package summary

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// WriteBench writes s in the Go benchmark format
// (golang.org/design/14313-benchmark-format), so that benchstat can
// compare runs, quality and speed together:
//
//	goos: linux
//	goarch: amd64
//	cpu: Intel(R) Xeon(R) Processor
//	pkg: simbench
//	Unit precision better=higher assume=exact
//	...
//	Unit docs/s better=higher
//	Unit MB/s better=higher
//	BenchmarkQuality/set=seeds/algo=jaccard 1 1 precision 1 recall 1 f1 1 average_precision 1 best_f1 9308 docs/s 81.26 MB/s
//
// goos and goarch come from Env.OS and cpu from Env.CPU, each left out when
// unknown. The figures are the columns of Columns that have a Unit, in
// table order. The Unit lines declare which way each is better, and that
// the quality figures are exact: a run repeated gives the same figures, so
// benchstat should not ask for more samples of them.
//
// There is one line per run, with an iteration count of 1 and the figures
// in column order; a null figure is left out, and a run whose every
// figure is null has no line. In the name, white space and "/" in the
// gold set name and the algorithm label become "_", and a name that would
// end in -digits (which benchstat reads as GOMAXPROCS) gets a final "_".
// Throughput was measured on one goroutine, so the name carries no
// GOMAXPROCS: runs on machines with different numbers of cores line up.
func WriteBench(w io.Writer, s *Summary) error {
	ew := &errWriter{w: w}
	if goos, goarch, ok := strings.Cut(configValue(s.Env.OS), "/"); ok && goos != "" && goarch != "" {
		fmt.Fprintf(ew, "goos: %s\ngoarch: %s\n", goos, goarch)
	}
	if cpu := configValue(s.Env.CPU); cpu != "" {
		fmt.Fprintf(ew, "cpu: %s\n", cpu)
	}
	fmt.Fprintln(ew, "pkg: simbench")
	for _, c := range Columns {
		if c.Unit == "" {
			continue
		}
		better := "lower"
		if c.Higher {
			better = "higher"
		}
		fmt.Fprintf(ew, "Unit %s better=%s", c.Unit, better)
		if c.Exact {
			fmt.Fprint(ew, " assume=exact")
		}
		fmt.Fprintln(ew)
	}
	var line []byte
	for i := range s.Runs {
		r := &s.Runs[i]
		line = append(line[:0], BenchName(s.Gold.Name, r.Algorithm)...)
		line = append(line, " 1"...)
		n := len(line)
		for _, c := range Columns {
			if c.Unit == "" {
				continue
			}
			v := r.Get(c.Key).Float()
			if math.IsNaN(v) {
				continue
			}
			line = append(line, ' ')
			line = strconv.AppendFloat(line, v, 'g', -1, 64)
			line = append(line, ' ')
			line = append(line, c.Unit...)
		}
		if len(line) == n {
			continue
		}
		line = append(line, '\n')
		ew.Write(line)
	}
	return ew.err
}

// BenchName returns the benchmark name WriteBench gives the run of
// algorithm label on gold set set.
func BenchName(set, label string) string {
	name := "BenchmarkQuality/set=" + nameValue(set) + "/algo=" + nameValue(label)
	// benchstat reads a final -digits as GOMAXPROCS.
	i := strings.TrimRight(name, "0123456789")
	if len(i) < len(name) && strings.HasSuffix(i, "-") {
		name += "_"
	}
	return name
}

// nameValue makes s fit in one part of a benchmark name: no white space,
// which ends the name, no "/", which starts the next part, and valid UTF-8.
func nameValue(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '/' {
			return '_'
		}
		return r
	}, s)
}

// configValue makes s fit as the value of a configuration line: one line,
// valid UTF-8, without surrounding space.
func configValue(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s))
}

// errWriter is a writer that remembers its first error and then writes
// nothing more.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

package run

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/reported"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/foreign"
	"github.com/simbench/simbench/eval/output"
	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/gold"
)

// Other systems are scored beside the built-in algorithms in two ways:
//
//   - their output, read from a file (Options.Outputs, simbench score): a
//     pair list, with or without scores, a cluster membership, whose
//     clusters give every pair inside one a score of 1, or a list of the
//     documents removed, which gives the document-level figures alone;
//   - their program, run on the gold set's documents (an -algo value
//     exec:cmd=COMMAND,name=NAME,threshold=T,timeout=D): it reads them as
//     JSON Lines on its standard input and writes a,b,score lines (package
//     eval/foreign). A program that fails is left out of the run, with the
//     last lines of its standard error; the other algorithms run on.
//
// Either becomes an algorithm of the run (package algorithms/reported) and
// is scored by the same code as the built-in ones.

// An OutputFile is another system's output to score.
type OutputFile struct {
	// Path is the file: a pair list, a cluster membership or a list of
	// removed ids (package eval/output).
	Path string
	// Name labels its row; the file name without its extension when "".
	Name string
	// Algorithm chooses the rows of one algorithm from simbench's own
	// scores.csv and clusters.csv.
	Algorithm string
	// Threshold is the threshold of a pair list with scores. 0 means the
	// threshold of the algorithm in the summary.json beside the file, for
	// simbench's own scores.csv, and 0.5 otherwise. Unscored pairs and
	// clusters score 1.
	Threshold float64
}

// MaxClusterPairs bounds the pairs a cluster membership gives, every two
// documents of a cluster making one: about 32 bytes each while they are
// scored, so 2^25 pairs are about a gigabyte. A membership beyond it is
// refused before any is made, rather than the run be killed for memory.
const MaxClusterPairs = 1 << 25

// execSpec is an -algo exec:... value.
type execSpec struct {
	label, cmd, name string
	threshold        float64
	timeout          time.Duration
}

// ExecPrefix starts the -algo value of a program run as an algorithm.
const ExecPrefix = "exec:"

// parseExec parses exec:cmd=COMMAND,name=NAME,threshold=T,timeout=D. A value
// may be quoted with single quotes, inside which commas are kept (” is a
// quote).
func parseExec(spec string) (execSpec, error) {
	e := execSpec{label: spec, threshold: 0.5, timeout: 10 * time.Minute}
	rest := strings.TrimPrefix(spec, ExecPrefix)
	for rest != "" {
		k, v, ok := strings.Cut(rest, "=")
		if !ok || k == "" {
			return e, usage("-algo %s: want exec:cmd=COMMAND[,name=NAME,threshold=T,timeout=D]", spec)
		}
		rest = v
		var val strings.Builder
		if strings.HasPrefix(rest, "'") {
			rest = rest[1:]
			for {
				i := strings.IndexByte(rest, '\'')
				if i < 0 {
					return e, usage("-algo %s: a quote is not closed", spec)
				}
				val.WriteString(rest[:i])
				rest = rest[i+1:]
				if strings.HasPrefix(rest, "'") {
					val.WriteByte('\'')
					rest = rest[1:]
					continue
				}
				break
			}
			if rest != "" && !strings.HasPrefix(rest, ",") {
				return e, usage("-algo %s: want a comma after a quoted value", spec)
			}
			rest = strings.TrimPrefix(rest, ",")
		} else {
			v, r, _ := strings.Cut(rest, ",")
			val.WriteString(v)
			rest = r
		}
		switch v := val.String(); k {
		case "cmd":
			e.cmd = v
		case "name":
			e.name = v
		case "threshold":
			t, err := strconv.ParseFloat(v, 64)
			if err != nil || !(t >= 0 && t <= 1) {
				return e, usage("-algo %s: threshold=%s: want a number from 0 to 1", spec, v)
			}
			e.threshold = t
		case "timeout":
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return e, usage("-algo %s: timeout=%s: want a duration such as 30s or 10m", spec, v)
			}
			e.timeout = d
		default:
			return e, usage("-algo %s: unknown parameter %q (exec takes cmd, name, threshold, timeout)", spec, k)
		}
	}
	if e.cmd == "" {
		return e, usage("-algo %s: exec needs cmd=COMMAND", spec)
	}
	if e.name != "" {
		e.label = e.name
	}
	return e, nil
}

// splitExec separates the exec: values of algos from the others.
func splitExec(algos []string) (builtin []string, execs []execSpec, err error) {
	for _, a := range algos {
		if !strings.HasPrefix(a, ExecPrefix) {
			builtin = append(builtin, a)
			continue
		}
		e, err := parseExec(a)
		if err != nil {
			return nil, nil, err
		}
		execs = append(execs, e)
	}
	return builtin, execs, nil
}

// reportedConfig returns the configuration of another system's pairs, by
// document index, labelled label.
func reportedConfig(label, doc string, n int, pairs []reported.Pair, threshold float64, params []algorithms.KV, seed uint64) (algorithms.Config, error) {
	alg, err := reported.New(n, pairs)
	if err != nil {
		return algorithms.Config{}, fmt.Errorf("%s: %v", label, err)
	}
	// The text options are the built-in algorithms' defaults only so that
	// the run's shingling is shared: no shingle of it is used.
	o := text.DefaultOptions()
	o.Seed = seed
	return algorithms.Config{Label: label, Entry: reported.Entry("reported", doc), Algorithm: alg, Threshold: threshold,
		Params: params, Text: o}, nil
}

// byIndex returns the pairs of ids as pairs of indexes of set.
func byIndex(set *gold.Set, pairs []output.Pair) []reported.Pair {
	out := make([]reported.Pair, len(pairs))
	for i, p := range pairs {
		a, _ := set.Index(p.A)
		b, _ := set.Index(p.B)
		out[i] = reported.Pair{A: a, B: b, Score: p.Score}
	}
	return out
}

// outputConfig reads f and returns its configuration.
func outputConfig(set *gold.Set, f OutputFile, seed uint64) (algorithms.Config, error) {
	ids := func(id string) bool { _, ok := set.Index(id); return ok }
	out, err := output.ReadFile(f.Path, output.Options{Algorithm: f.Algorithm, IDs: ids})
	if err != nil {
		return algorithms.Config{}, err
	}
	label := f.Name
	if label == "" {
		label = strings.TrimSuffix(filepath.Base(f.Path), filepath.Ext(f.Path))
	}
	threshold := f.Threshold
	if threshold == 0 && out.Algorithm != "" {
		threshold = runThreshold(filepath.Join(filepath.Dir(f.Path), "summary.json"), out.Algorithm)
	}
	if threshold == 0 {
		threshold = 0.5
	}
	format := out.Kind.String()
	if out.Algorithm != "" {
		format = "simbench " + filepath.Base(f.Path)
	}
	params := []algorithms.KV{{Key: "file", Value: f.Path}, {Key: "format", Value: format}}
	if out.Algorithm != "" {
		params = append(params, algorithms.KV{Key: "algorithm", Value: out.Algorithm})
	}
	switch out.Kind {
	case output.PairList:
		params = append(params, algorithms.KV{Key: "threshold", Value: strconv.FormatFloat(threshold, 'g', -1, 64)})
		return reportedConfig(label, "pairs another system reported", len(set.Docs), byIndex(set, out.Pairs), threshold, params, seed)
	case output.Membership:
		members := map[string][]int{}
		var order []string
		for id, c := range out.Clusters {
			if _, ok := members[c]; !ok {
				order = append(order, c)
			}
			i, _ := set.Index(id)
			members[c] = append(members[c], i)
		}
		// Every two documents of a cluster become a pair: a number that
		// grows with the square of the largest cluster, so it is counted
		// before anything is made.
		var implied int64
		for _, c := range order {
			k := int64(len(members[c]))
			implied += k * (k - 1) / 2
		}
		if implied > MaxClusterPairs {
			return algorithms.Config{}, fmt.Errorf("%s: its clusters hold %d pairs of documents, more than the %d a cluster membership may give (about %d MB): score a pair list instead, or split the largest clusters",
				f.Path, implied, MaxClusterPairs, MaxClusterPairs*32>>20)
		}
		var pairs []reported.Pair
		for _, c := range order {
			ms := members[c]
			for x := range ms {
				for _, y := range ms[x+1:] {
					pairs = append(pairs, reported.Pair{A: ms[x], B: y, Score: 1})
				}
			}
		}
		return reportedConfig(label, "clusters another system reported", len(set.Docs), pairs, 1, params, seed)
	}
	// A list of removed documents: no pair, the documents alone.
	removed := make([]int, len(out.Removed))
	for i, id := range out.Removed {
		removed[i], _ = set.Index(id)
	}
	c, err := reportedConfig(label, "documents another system removed", len(set.Docs), nil, 1, params, seed)
	if err == nil {
		c.Algorithm.(*reported.Pairs).SetRemoved(removed)
	}
	return c, err
}

// runThreshold returns the threshold of algorithm label in the summary at
// path, or 0 when there is none to read.
func runThreshold(path, label string) float64 {
	s, err := summary.Load(path)
	if err != nil {
		return 0
	}
	for _, r := range s.Runs {
		if t := r.Get("threshold"); r.Algorithm == label && t.Valid() && t > 0 {
			return float64(t)
		}
	}
	return 0
}

// ran is a program that ran as an algorithm, and what it cost.
type ran struct {
	label string
	res   *foreign.Result
}

// others adds to cs the configurations of opt's output files and exec
// programs on set: a file that cannot be read is an error; a program that
// fails is skipped, with why.
func others(ctx context.Context, opt Options, set *gold.Set, cs []algorithms.Config, execs []execSpec) ([]algorithms.Config, []eval.Skip, []ran, error) {
	for _, f := range opt.Outputs {
		c, err := outputConfig(set, f, opt.Seed)
		if err != nil {
			return nil, nil, nil, err
		}
		cs = append(cs, c)
	}
	var skipped []eval.Skip
	var rans []ran
	ids := func(id string) bool { _, ok := set.Index(id); return ok }
	for _, e := range execs {
		opt.Progress("running %s", e.label)
		res, err := foreign.Run(ctx, e.cmd, set.Docs, foreign.Options{Timeout: e.timeout, IDs: ids})
		if ctx.Err() != nil {
			return nil, nil, nil, ctx.Err()
		}
		if err != nil {
			skipped = append(skipped, eval.Skip{Label: e.label, Reason: fmt.Sprintf("%s failed: %v", e.label, err)})
			continue
		}
		params := []algorithms.KV{{Key: "cmd", Value: e.cmd}, {Key: "threshold", Value: strconv.FormatFloat(e.threshold, 'g', -1, 64)},
			{Key: "timeout", Value: e.timeout.String()}}
		c, err := reportedConfig(e.label, "a program run on the documents", len(set.Docs), byIndex(set, res.Pairs), e.threshold, params, opt.Seed)
		if err != nil {
			skipped = append(skipped, eval.Skip{Label: e.label, Reason: fmt.Sprintf("%s failed: %v", e.label, err)})
			continue
		}
		c.Notes = append(c.Notes, fmt.Sprintf("the program reported %d pairs", len(res.Pairs)))
		if opt.Timing {
			// Left out of an untimed run, whose output does not depend on
			// the machine.
			c.Notes = append(c.Notes, fmt.Sprintf("the program ran %.2f s (CPU %.2f s, peak memory %.1f MiB)",
				res.Wall.Seconds(), res.CPU.Seconds(), float64(res.PeakRSS)/(1<<20)))
		}
		cs = append(cs, c)
		rans = append(rans, ran{e.label, res})
	}
	return cs, skipped, rans, nil
}

// timePrograms sets the throughput of the programs that ran: the
// documents, and their bytes, over the program's wall time.
func timePrograms(res *eval.Result, rans []ran) {
	var bytes float64
	for _, d := range res.Set.Docs {
		bytes += float64(len(d.Text))
	}
	for _, r := range rans {
		for i := range res.Runs {
			if res.Runs[i].Config.Label == r.label && r.res.Wall > 0 {
				w := r.res.Wall.Seconds()
				res.Runs[i].Speed = &eval.Speed{DocsPerSec: float64(len(res.Set.Docs)) / w, MBPerSec: bytes / 1e6 / w,
					SignDocsPerSec: math.NaN(), PairsPerSec: math.NaN()}
			}
		}
	}
}

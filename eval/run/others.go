package run

import (
	"context"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/reported"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/budget"
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
	// StrictIDs makes a row that names a document outside the gold set an
	// error. Otherwise such rows are skipped and counted (the output of a
	// system run on a large corpus of which the gold set is a sample; see
	// output.Options.SkipOutside), and a file none of whose rows names a
	// document of the gold set is an error.
	StrictIDs bool
}

// MaxClusterPairs bounds the pairs a cluster membership gives, every two
// documents of a cluster making one: about 32 bytes each while they are
// scored, so 2^25 pairs are about a gigabyte. A membership beyond it, or
// whose pairs need more than the run's memory budget at clusterPairBytes
// each, is refused before any is made, rather than the run be killed for
// memory.
const MaxClusterPairs = 1 << 25

// clusterPairBytes is what each pair of a cluster membership costs while
// it is made into an algorithm: a reported.Pair (24 bytes), then in
// reported.New its key and score (16 bytes) twice, as a sorted copy is made.
const clusterPairBytes = 24 + 2*16

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

// goldIDs returns the ids of the documents of set, to look ids of an
// output up without making a string of each (output.Options.IDBytes).
func goldIDs(set *gold.Set) func([]byte) bool {
	ids := make(map[string]struct{}, len(set.Docs))
	for _, d := range set.Docs {
		ids[d.ID] = struct{}{}
	}
	return func(id []byte) bool { _, ok := ids[string(id)]; return ok }
}

// OutputLabel returns the label of f's row: its Name, or else the name of
// its file without the extension (and without ".gz" before it).
func OutputLabel(f OutputFile) string {
	if f.Name != "" {
		return f.Name
	}
	base := strings.TrimSuffix(filepath.Base(f.Path), ".gz")
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// outputConfig reads f and returns its configuration, and the counts of
// its rows for the summary. ids are the gold set's (goldIDs), and limit is
// the run's memory budget in bytes (0 for none).
func outputConfig(ctx context.Context, set *gold.Set, f OutputFile, ids func([]byte) bool, seed uint64, limit int64) (algorithms.Config, summary.Output, error) {
	out, err := output.ReadFileContext(ctx, f.Path, output.Options{Algorithm: f.Algorithm, IDBytes: ids, SkipOutside: !f.StrictIDs})
	if err != nil {
		return algorithms.Config{}, summary.Output{}, err
	}
	r := out.Rows
	if r.Outside > 0 && r.Kept == 0 && r.OneInside == 0 && len(set.Docs) > 0 {
		return algorithms.Config{}, summary.Output{}, fmt.Errorf("%s: none of its %s rows names a document of the gold set %s: its first id is %q, and the set's are like %q; check the id column, and any prefix or suffix of the ids, or that this is the gold set the system's output belongs to",
			f.Path, budget.Count(r.Outside), set.Manifest.Name, r.FirstOutside, set.Docs[0].ID)
	}
	if r.Outside > 0 && r.Kept == 0 {
		return algorithms.Config{}, summary.Output{}, fmt.Errorf("%s: none of its %s rows pairs two documents of the gold set %s (%s pair one of them with a document outside it, such as %q), so there is nothing to score; check the ids of the other column",
			f.Path, budget.Count(r.Outside), set.Manifest.Name, budget.Count(r.OneInside), r.FirstOutside)
	}
	label := OutputLabel(f)
	counts := summary.Output{Algorithm: label, File: f.Path, RowsRead: r.Read, RowsKept: r.Kept, RowsOutside: r.Outside}
	if out.Kind == output.PairList {
		counts.PairsOneInGold = &r.OneInside
	}
	c, err := outputAlgorithm(set, f, out, label, seed, limit)
	if err != nil {
		return algorithms.Config{}, summary.Output{}, err
	}
	if r.Read == 0 {
		c.Notes = append(c.Notes, "the file has no rows: it is scored as finding nothing")
	}
	if r.Outside > 0 {
		note := fmt.Sprintf("%s of the file's %s rows name documents outside the gold set and were skipped", budget.Count(r.Outside), budget.Count(r.Read))
		if r.OneInside > 0 {
			note += fmt.Sprintf("; %s of them pair a document of the set with one outside it, so documents linked only through outside ones are not in one cluster", budget.Count(r.OneInside))
		}
		c.Notes = append(c.Notes, note)
	}
	return c, counts, nil
}

// outputAlgorithm returns the configuration of out, read from f, labelled
// label.
func outputAlgorithm(set *gold.Set, f OutputFile, out *output.Output, label string, seed uint64, limit int64) (algorithms.Config, error) {
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
		// The clusters and their documents in a fixed order, whatever the
		// order of the map: the pairs do not depend on it.
		members := map[string][]int{}
		for id, c := range out.Clusters {
			i, _ := set.Index(id)
			members[c] = append(members[c], i)
		}
		order := slices.Sorted(maps.Keys(members))
		// Every two documents of a cluster become a pair: a number that
		// grows with the square of the largest cluster, so it is counted
		// before anything is made.
		var implied int64
		for _, c := range order {
			slices.Sort(members[c])
			k := int64(len(members[c]))
			implied += k * (k - 1) / 2
		}
		if err := budget.Check(limit, fmt.Sprintf("making the %s pairs of documents of the clusters of %s", budget.Count(implied), f.Path),
			budget.Mul(implied, clusterPairBytes), "score a pair list instead, or split the largest clusters"); err != nil {
			return algorithms.Config{}, err
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
// fails is skipped, with why. It returns the counts of the rows of each
// output file in outputs.
func others(ctx context.Context, opt Options, set *gold.Set, scope eval.Scope, cs []algorithms.Config, execs []execSpec, outputs *[]summary.Output) ([]algorithms.Config, []eval.Skip, []ran, error) {
	var gold func([]byte) bool
	if len(opt.Outputs) > 0 {
		gold = goldIDs(set)
	}
	labels := map[string]string{} // the file of each label
	for _, c := range cs {
		labels[c.Label] = "-algo " + c.Label
	}
	for _, f := range opt.Outputs {
		label := OutputLabel(f)
		if prev, ok := labels[label]; ok {
			return nil, nil, nil, usage("%s and %s would both be labelled %s, which must tell the rows apart: rename one of the files (a row is labelled with its file's name, without the extension)", prev, f.Path, label)
		}
		labels[label] = f.Path
		opt.Progress("reading %s", f.Path)
		c, counts, err := outputConfig(ctx, set, f, gold, opt.Seed, opt.Mem)
		if err != nil {
			return nil, nil, nil, err
		}
		if _, removed := c.Algorithm.(*reported.Pairs).Removed(); removed && scope != eval.Corpus {
			why := fmt.Sprintf("the gold set %s is not exhaustive", set.Manifest.Name)
			if set.Manifest.Exhaustive {
				why = "the run scores the labelled pairs only (-scope labelled)"
			}
			return nil, nil, nil, fmt.Errorf("%s: a list of removed documents gives only the figures of the documents removed, which need the gold clusters of an exhaustive set scored in the corpus scope, and %s", f.Path, why)
		}
		cs = append(cs, c)
		*outputs = append(*outputs, counts)
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

// Package report renders the outcome of a run (package run): the table
// printed on standard output, the Markdown and CSV views, scores.csv,
// curves.csv, errors.md, the charts, report.md, and the results folder that
// holds them with summary.json, written atomically. It computes nothing:
// every figure comes from the outcome's summary, formatted by its column
// (package summary), and the scores and analyses from the outcome.
//
// The header of scores.csv is a contract, as the keys of summary.json are:
// columns may be added, never renamed or removed.
package report

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/gold"
)

// WriteScores writes scores.csv: one row per pair in scope and algorithm,
// the algorithms in run order and the pairs in scope order. An unlabelled
// pair of the corpus scope has an empty label. In the sparse corpus scope
// only the scored pairs (Result.Pairs) are written; every other pair scores
// 0.
func WriteScores(w io.Writer, res *eval.Result) error {
	n := int64(len(res.Pairs))
	return WriteScoresFile(w, res, summary.ScoresFile{File: "scores.csv", Pairs: n, Of: n})
}

// WriteScoresFile writes the rows of scores.csv as f says: every pair, or
// f.Pairs of them evenly spaced (summary.ScoresFile.SampledPair); for a
// run that counted its pairs, its sample (eval.Result.Sample). It does
// not compress; the caller does for scores.csv.gz.
func WriteScoresFile(w io.Writer, res *eval.Result, f summary.ScoresFile) error {
	// Every field but the score is one of few strings: each is quoted
	// once, by encoding/csv itself, and the rows are put together from
	// them, which is what csv.Writer would write, several times faster.
	field := make(map[string][]byte)
	quote := func(v string) []byte {
		if q, ok := field[v]; ok {
			return q
		}
		var b bytes.Buffer
		cw := csv.NewWriter(&b)
		cw.Write([]string{v})
		cw.Flush()
		q := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
		field[v] = q
		return q
	}
	ids := make([][]byte, len(res.Set.Docs))
	for d, doc := range res.Set.Docs {
		ids[d] = quote(doc.ID)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := csv.NewWriter(bw)
	if err := cw.Write(summary.ScoresHeader); err != nil {
		return err
	}
	cw.Flush()
	var line []byte
	var scores scoreCache
	pairs, n, at := res.Pairs, f.Pairs, f.SampledPair
	if res.Counted {
		// The run's sample, all of it.
		pairs, n, at = res.Sample, int64(len(res.Sample)), func(j int64) int64 { return j }
	}
	for _, r := range res.Runs {
		alg := quote(r.Config.Label)
		rs := r.Scores
		if res.Counted {
			rs = r.SampleScores
		}
		for j := range n {
			i := at(j)
			p := pairs[i]
			line = append(line[:0], ids[p.A]...)
			line = append(line, ',')
			line = append(line, ids[p.B]...)
			line = append(line, ',')
			line = append(line, quote(p.Label)...)
			line = append(line, ',')
			line = append(line, alg...)
			line = append(line, ',')
			line = scores.append(line, rs[i])
			line = append(line, '\n')
			if _, err := bw.Write(line); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// A scoreCache remembers how the scores it formatted last are written,
// strconv.AppendFloat(x, 'g', -1, 64), in a table indexed by a hash of
// their bits: a sketch's scores are multiples of 1/K, so a few hundred
// values fill most of a scores.csv, and the shortest decimal of a float
// costs some ten times a copy.
type scoreCache [1 << 12]struct {
	bits uint64
	n    uint8 // the length of the text, 0 for an empty slot
	text [24]byte
}

func (c *scoreCache) append(dst []byte, x float64) []byte {
	bits := math.Float64bits(x)
	e := &c[(bits*0x9E3779B97F4A7C15)>>52]
	if e.n > 0 && e.bits == bits {
		return append(dst, e.text[:e.n]...)
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, x, 'g', -1, 64)
	if n := len(dst) - start; n <= len(e.text) {
		e.bits, e.n = bits, uint8(n)
		copy(e.text[:], dst[start:])
	}
	return dst
}

// WriteClusters writes clusters.csv: for every algorithm, every document of
// the gold set once, with its predicted cluster (the closure of the pairs
// the algorithm scores at or above its threshold), named by the id of its
// first document. It writes nothing when the runs have no clusters (the
// labelled scope) and reports false. The row of another system's list of
// removed documents has no clusters, and no line.
func WriteClusters(w io.Writer, o *run.Outcome) (bool, error) {
	res := o.Result()
	if res.GoldClusters == nil {
		return false, nil
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(summary.ClustersHeader); err != nil {
		return true, err
	}
	row := make([]string, 4)
	for _, r := range res.Runs {
		for d, c := range r.Clusters {
			row[0], row[1], row[2], row[3] = r.Config.Label, r.Config.Entry.Name, res.Set.Docs[d].ID, res.Set.Docs[c].ID
			if err := cw.Write(row); err != nil {
				return true, err
			}
		}
	}
	cw.Flush()
	return true, cw.Error()
}

// WriteErrors writes errors.md: for every algorithm, its false positives
// (highest scores first) and false negatives (lowest first) at its
// threshold, as the outcome's error analysis chose and explained them.
func WriteErrors(w io.Writer, o *run.Outcome) error {
	res := o.Result()
	fmt.Fprintf(w, "# Errors on %s\n\nThe false positives (highest scores first) and false negatives (lowest first) of each algorithm at its threshold, at most %d of each, with the shingles the two documents share and do not share. `simbench explain A B` explains any pair.\n", res.Set.Manifest.Name, run.ErrorLimit)
	for r, rr := range res.Runs {
		sr := &o.Summary().Runs[r]
		fmt.Fprintf(w, "\n## %s\n\n%s false positives, %s false negatives at threshold %s.\n", rr.Config.Label,
			countOf(sr.Get("fp")), countOf(sr.Get("fn")), fixed(float64(sr.Get("threshold"))))
		if res.Counted {
			fmt.Fprintln(w, "\nThe pairs were counted by score and none was kept, so none is listed here.")
			continue
		}
		if res.Set.Order != nil {
			// A streamed set has no text to show.
			fmt.Fprintln(w, "\nThe documents were streamed, so their text is not shown.")
			if res.Sparse {
				fmt.Fprintln(w, "A score of 0 is a pair the algorithm did not find: below its join's floor, or not proposed by its index.")
			}
			fmt.Fprintln(w, "\n| a | b | label | score |\n|---|---|---|---|")
			for _, i := range o.ErrorPairs(r) {
				p := res.Pairs[i]
				fmt.Fprintf(w, "| %s | %s | %s | %s |\n", res.Set.Docs[p.A].ID, res.Set.Docs[p.B].ID, p.Label, strconv.FormatFloat(rr.Scores[i], 'g', 4, 64))
			}
			continue
		}
		es := o.Errors(r)
		if len(es) == 0 {
			continue
		}
		fmt.Fprintln(w, "\n```")
		if err := Explanations(w, es); err != nil {
			return err
		}
		fmt.Fprintln(w, "```")
	}
	return nil
}

// CurvesHeader is the header of curves.csv.
var CurvesHeader = []string{"algorithm", "threshold", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "accuracy", "fpr"}

// WriteCurves writes curves.csv: every algorithm's sweep, one row per
// distinct score from the highest down, ties grouped, beginning with the
// cut at threshold +Inf (nothing called a duplicate) and ending with the
// lowest score (everything called one). The PR curve is (recall,
// precision), the ROC curve (fpr, recall).
func WriteCurves(w io.Writer, res *eval.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CurvesHeader); err != nil {
		return err
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, r := range res.Runs {
		for _, p := range r.Sweep {
			row := []string{r.Config.Label, f(p.Threshold), strconv.Itoa(p.TP), strconv.Itoa(p.FP), strconv.Itoa(p.FN), strconv.Itoa(p.TN),
				f(p.Precision()), f(p.Recall()), f(p.F1()), f(p.Accuracy()), f(p.FPR())}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// A Folder is a results folder being written: a temporary folder beside
// its final path (gold.TempDir), filled by Write and renamed at the end, so
// that the folder appears whole or not at all.
type Folder struct {
	tmp, final string
}

// NewFolder creates the temporary folder of the results folder
// parent/name, and so finds out before a run whether parent is writable.
// It first removes the temporary folders that killed processes left in
// parent (gold.RemoveStale) and returns their paths. An existing folder of
// that name is an error.
func NewFolder(parent, name string) (f *Folder, removed []string, err error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, nil, err
	}
	removed, err = gold.RemoveStale(parent)
	if err != nil {
		return nil, removed, err
	}
	final := filepath.Join(parent, name)
	if _, err := os.Stat(final); err == nil {
		return nil, removed, fmt.Errorf("%s already exists", final)
	}
	tmp, err := gold.TempDir(final)
	if err != nil {
		return nil, removed, err
	}
	return &Folder{tmp: tmp, final: final}, removed, nil
}

// Path returns the path the folder will have when written.
func (f *Folder) Path() string { return f.final }

// Abandon removes the temporary folder of a folder that will not be
// written; after Write it does nothing.
func (f *Folder) Abandon() {
	if f != nil && f.tmp != "" {
		os.RemoveAll(f.tmp)
		f.tmp = ""
	}
}

// WriteDir writes the results folder parent/name of o (NewFolder, then
// Folder.Write) and returns its path.
func WriteDir(parent, name string, o *run.Outcome) (string, error) {
	f, _, err := NewFolder(parent, name)
	if err != nil {
		return "", err
	}
	return f.Write(o)
}

// Write writes summary.json, scores.csv, table.txt, curves.csv,
// errors.md, the charts (PNG) and report.md of o into the temporary folder
// and renames it to its final path, which it returns. On an error the
// temporary folder is removed and nothing is left.
func (f *Folder) Write(o *run.Outcome) (string, error) {
	res := o.Result()
	tmp, final := f.tmp, f.final
	if tmp == "" {
		return "", fmt.Errorf("%s: written or abandoned already", final)
	}
	done := false
	defer func() {
		if !done {
			f.Abandon()
		}
	}()
	write := func(file string, fn func(io.Writer) error) error {
		f, err := os.Create(filepath.Join(tmp, file))
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			f.Close()
			return fmt.Errorf("writing %s: %v", file, err)
		}
		return f.Close()
	}
	if err := write("summary.json", func(w io.Writer) error { return summary.Write(w, o.Summary()) }); err != nil {
		return "", err
	}
	sf := o.Summary().ScoresFile
	if sf == nil {
		n := int64(len(res.Pairs))
		sf = &summary.ScoresFile{File: "scores.csv", Pairs: n, Of: n}
	}
	{
		if err := write(sf.File, func(w io.Writer) error {
			if !strings.HasSuffix(sf.File, ".gz") {
				return WriteScoresFile(w, res, *sf)
			}
			zw := newParallelGzip(w, gzip.BestSpeed, runtime.GOMAXPROCS(0))
			if err := WriteScoresFile(zw, res, *sf); err != nil {
				zw.Close()
				return err
			}
			return zw.Close()
		}); err != nil {
			return "", err
		}
	}
	if err := write("table.txt", func(w io.Writer) error { return Table(w, o, true) }); err != nil {
		return "", err
	}
	if err := write("curves.csv", func(w io.Writer) error { return WriteCurves(w, res) }); err != nil {
		return "", err
	}
	if res.GoldClusters != nil {
		if err := write("clusters.csv", func(w io.Writer) error { _, err := WriteClusters(w, o); return err }); err != nil {
			return "", err
		}
	}
	if err := write("errors.md", func(w io.Writer) error { return WriteErrors(w, o) }); err != nil {
		return "", err
	}
	charts, skipped := writePlots(tmp, o)
	if err := write("report.md", func(w io.Writer) error { return writeReport(w, o, charts, skipped) }); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	if _, err := os.Stat(final); err == nil {
		return "", fmt.Errorf("%s already exists", final)
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", err
	}
	done, f.tmp = true, ""
	return final, nil
}

// Package report renders the result of a run: the table printed on
// standard output, summary.json, scores.csv, and the results folder that
// holds them, written atomically. It computes nothing; every figure comes
// from package eval.
//
// The keys of summary.json and the header of scores.csv are a contract
// (DESIGN.md §6): keys may be added, never renamed or removed.
package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/bootstrap"
	"github.com/simbench/simbench/eval/explain"
)

// Env describes where a run ran.
type Env struct {
	Go         string `json:"go"`
	CPU        string `json:"cpu"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	Commit     string `json:"commit"`
	Seed       uint64 `json:"seed"`
	OS         string `json:"os"`
	Time       string `json:"time"` // UTC, RFC 3339
}

// Num is a float64 that JSON spells null when it is NaN or infinite
// (average precision without positives, the +Inf threshold of predicting
// nothing, throughput not measured), since JSON has no such numbers.
type Num float64

// MarshalJSON implements json.Marshaler.
func (n Num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// Summary is the content of summary.json.
type Summary struct {
	Gold GoldSummary  `json:"gold"`
	Runs []RunSummary `json:"runs"`
	Env  Env          `json:"env"`
	// Text reports each distinct shingling.
	Text []TextSummary `json:"text"`
	// Warnings are problems that did not stop the run.
	Warnings []string `json:"warnings"`
	// ThroughputMethod says how throughput was measured; empty when it
	// was not.
	ThroughputMethod string `json:"throughput_method,omitempty"`
	// SeedSpread says how each randomised algorithm's quality varies over
	// seeds (-seeds N); empty when it was not run.
	SeedSpread []SpreadSummary `json:"seed_spread"`
	// Bootstrap says how the confidence intervals were computed; null
	// when they were not.
	Bootstrap *BootstrapSummary `json:"bootstrap"`
	// F1Differences holds the paired-bootstrap interval of the F1
	// difference of every two algorithms.
	F1Differences []DiffSummary `json:"f1_differences"`
	// Phases are the wall-clock seconds of the steps of the run, and
	// PeakRSS the peak resident memory of the process in bytes; both are
	// left out unless throughput was measured or the documents were
	// streamed, so that the summary of an untimed run does not depend on
	// the machine.
	Phases  []PhaseSummary `json:"phases,omitempty"`
	PeakRSS int64          `json:"peak_rss_bytes,omitempty"`
}

// PhaseSummary is a step of the run and its wall-clock seconds.
type PhaseSummary struct {
	Name    string `json:"name"`
	Seconds Num    `json:"seconds"`
}

// DiffSummary is the F1 difference of algorithms A and B, F1(A) − F1(B),
// with its paired-bootstrap interval; Significant when it excludes 0.
type DiffSummary struct {
	A           string `json:"a"`
	B           string `json:"b"`
	Observed    Num    `json:"observed"`
	Interval    [2]Num `json:"interval"`
	Significant bool   `json:"significant"`
}

// GoldSummary describes the gold set and the scope of the run.
type GoldSummary struct {
	Name string `json:"name"`
	// Docs is the number of documents.
	Docs int `json:"docs"`
	// Pairs and Positives count the pairs in scope and the positives
	// among them.
	Pairs     int `json:"pairs"`
	Positives int `json:"positives"`
	// Sparse reports the sparse corpus scope, in which only ScoredPairs
	// of the pairs in scope were scored (those an index or join found, and
	// the labelled ones); the others are negatives that score 0.
	Sparse      bool `json:"sparse"`
	ScoredPairs int  `json:"scored_pairs"`
	// Streamed reports that the documents were streamed, their text not
	// kept.
	Streamed bool `json:"streamed"`
	// Scope is "labelled" or "corpus".
	Scope string `json:"scope"`
	// LabelledPairs is the number of pairs the gold set labels.
	LabelledPairs int    `json:"labelled_pairs"`
	Exhaustive    bool   `json:"exhaustive"`
	Path          string `json:"path"`
}

// RunSummary holds one algorithm's figures.
type RunSummary struct {
	Algorithm        string            `json:"algorithm"`
	Name             string            `json:"name"`
	Params           map[string]string `json:"params"`
	Threshold        Num               `json:"threshold"`
	Precision        Num               `json:"precision"`
	Recall           Num               `json:"recall"`
	F1               Num               `json:"f1"`
	TP               int               `json:"tp"`
	FP               int               `json:"fp"`
	FN               int               `json:"fn"`
	TN               int               `json:"tn"`
	AveragePrecision Num               `json:"average_precision"`
	ROCAUC           Num               `json:"roc_auc"`
	BestF1           Num               `json:"best_f1"`
	BestThreshold    Num               `json:"best_threshold"`
	DocsPerSec       Num               `json:"docs_per_sec"`
	MBPerSec         Num               `json:"mb_per_sec"`
	SignDocsPerSec   Num               `json:"sign_docs_per_sec"`
	PairsPerSec      Num               `json:"pairs_per_sec"`
	// Candidates is the number of pairs in scope an index proposed, or
	// null for an algorithm that scores every pair.
	Candidates *int `json:"candidates"`
	// Floor is, in the sparse scope, the lowest score an algorithm's join
	// searched for; scores below it count as 0. Null otherwise.
	Floor Num `json:"floor"`
	// IndexSeconds is the wall-clock time of the index or join; null when
	// not timed (see Summary.Phases) or without one.
	IndexSeconds Num      `json:"index_seconds"`
	SigBytes     Num      `json:"sig_bytes"`
	Notes        []string `json:"notes"`
	// PerLabel holds the recall of every positive label and the false
	// positive rate of every negative one at the threshold.
	PerLabel []LabelSummary `json:"per_label"`
	// PrecisionCI, RecallCI, F1CI and APCI are bootstrap confidence
	// intervals [low, high] at Summary.Bootstrap.Level; null when the
	// bootstrap was not run.
	PrecisionCI *[2]Num `json:"precision_ci"`
	RecallCI    *[2]Num `json:"recall_ci"`
	F1CI        *[2]Num `json:"f1_ci"`
	APCI        *[2]Num `json:"average_precision_ci"`
}

// SpreadSummary is one randomised algorithm's quality over several seeds:
// the mean, standard deviation, minimum and maximum of each metric.
type SpreadSummary struct {
	Algorithm string   `json:"algorithm"`
	Seeds     []uint64 `json:"seeds"`
	Precision [4]Num   `json:"precision_mean_sd_min_max"`
	Recall    [4]Num   `json:"recall_mean_sd_min_max"`
	F1        [4]Num   `json:"f1_mean_sd_min_max"`
	AP        [4]Num   `json:"average_precision_mean_sd_min_max"`
}

func msd(m eval.MeanSD) [4]Num { return [4]Num{Num(m.Mean), Num(m.SD), Num(m.Min), Num(m.Max)} }

// BootstrapSummary says how the confidence intervals were computed.
type BootstrapSummary struct {
	// Resamples is the number of bootstrap resamples, Level the
	// confidence level of the intervals (0.95), Seed the seed of the
	// resampling, and Unit what was resampled ("documents").
	Resamples int     `json:"resamples"`
	Level     float64 `json:"level"`
	Seed      uint64  `json:"seed"`
	Unit      string  `json:"unit"`
}

// LabelSummary is how an algorithm does on one label's pairs.
type LabelSummary struct {
	// Label is "" for the unlabelled pairs of the corpus scope.
	Label     string `json:"label"`
	Positive  bool   `json:"positive"`
	Pairs     int    `json:"pairs"`
	Predicted int    `json:"predicted"`
	// Rate is predicted/pairs: recall for a positive label, false
	// positive rate for a negative one.
	Rate Num `json:"rate"`
}

// TextSummary describes one shingling.
type TextSummary struct {
	Shingling  string   `json:"shingling"`
	Shingles   Num      `json:"shingles_per_doc"`
	Empty      []string `json:"empty_docs"`
	DocsPerSec Num      `json:"docs_per_sec"`
	MBPerSec   Num      `json:"mb_per_sec"`
}

// Summarize returns the summary of res.
func Summarize(res *eval.Result, env Env) Summary {
	s := Summary{
		Gold: GoldSummary{
			Name:          res.Set.Manifest.Name,
			Docs:          len(res.Set.Docs),
			Pairs:         int(res.InScope()),
			Positives:     res.Positives,
			Sparse:        res.Sparse,
			ScoredPairs:   len(res.Pairs),
			Streamed:      res.Set.Order != nil,
			Scope:         res.Scope.String(),
			LabelledPairs: len(res.Set.Pairs),
			Exhaustive:    res.Set.Manifest.Exhaustive,
			Path:          res.Set.Path,
		},
		Env:      env,
		Warnings: nonNil(res.Warnings),
		Runs:     []RunSummary{},
	}
	if res.Timed {
		s.ThroughputMethod = eval.SpeedMethod
	}
	if o := res.Bootstrap; o != nil {
		s.Bootstrap = &BootstrapSummary{Resamples: o.Resamples, Level: o.Level, Seed: o.Seed, Unit: "documents"}
	}
	s.F1Differences = []DiffSummary{}
	for _, d := range res.Diffs {
		s.F1Differences = append(s.F1Differences, DiffSummary{A: d.A, B: d.B, Observed: Num(d.Observed),
			Interval: [2]Num{Num(d.Interval.Lo), Num(d.Interval.Hi)}, Significant: d.Significant})
	}
	s.SeedSpread = []SpreadSummary{}
	for _, sp := range res.Spreads {
		s.SeedSpread = append(s.SeedSpread, SpreadSummary{Algorithm: sp.Label, Seeds: sp.Seeds,
			Precision: msd(sp.Precision), Recall: msd(sp.Recall), F1: msd(sp.F1), AP: msd(sp.AP)})
	}
	nan := Num(math.NaN())
	for _, t := range res.Text {
		ts := TextSummary{Shingling: t.Options.String(), Shingles: Num(t.Shingles), Empty: nonNil(t.Empty), DocsPerSec: nan, MBPerSec: nan}
		if res.Timed {
			ts.DocsPerSec, ts.MBPerSec = Num(t.DocsPerSec), Num(t.MBPerSec)
		}
		s.Text = append(s.Text, ts)
	}
	for _, r := range res.Runs {
		params := make(map[string]string, len(r.Config.Params))
		for _, kv := range r.Config.Params {
			params[kv.Key] = kv.Value
		}
		rs := RunSummary{
			Algorithm:        r.Config.Label,
			Name:             r.Config.Entry.Name,
			Params:           params,
			Threshold:        Num(r.Config.Threshold),
			Precision:        Num(r.At.Precision()),
			Recall:           Num(r.At.Recall()),
			F1:               Num(r.At.F1()),
			TP:               r.At.TP,
			FP:               r.At.FP,
			FN:               r.At.FN,
			TN:               r.At.TN,
			AveragePrecision: Num(r.AP),
			ROCAUC:           Num(r.ROCAUC),
			BestF1:           Num(r.Best.F1()),
			BestThreshold:    Num(r.Best.Threshold),
			DocsPerSec:       nan,
			MBPerSec:         nan,
			SignDocsPerSec:   nan,
			PairsPerSec:      nan,
			SigBytes:         Num(r.SigBytes),
			Notes:            nonNil(r.Config.Notes),
			Floor:            nan,
			IndexSeconds:     nan,
		}
		if res.Sparse && r.Floor > 0 {
			rs.Floor = Num(r.Floor)
		}
		if timed(res) && r.Candidates >= 0 {
			rs.IndexSeconds = Num(r.IndexSeconds)
		}
		for _, lr := range r.PerLabel {
			rs.PerLabel = append(rs.PerLabel, LabelSummary{Label: lr.Label, Positive: lr.Positive, Pairs: lr.Pairs, Predicted: lr.Predicted, Rate: Num(lr.Rate())})
		}
		if r.CI != nil {
			iv := func(i bootstrap.Interval) *[2]Num { return &[2]Num{Num(i.Lo), Num(i.Hi)} }
			rs.PrecisionCI, rs.RecallCI, rs.F1CI, rs.APCI = iv(r.CI.Precision), iv(r.CI.Recall), iv(r.CI.F1), iv(r.CI.AP)
		}
		if r.Candidates >= 0 {
			n := r.Candidates
			rs.Candidates = &n
		}
		if r.Speed != nil {
			rs.DocsPerSec, rs.MBPerSec = Num(r.Speed.DocsPerSec), Num(r.Speed.MBPerSec)
			rs.SignDocsPerSec, rs.PairsPerSec = Num(r.Speed.SignDocsPerSec), Num(r.Speed.PairsPerSec)
		}
		s.Runs = append(s.Runs, rs)
	}
	if timed(res) {
		for _, p := range res.Phases {
			s.Phases = append(s.Phases, PhaseSummary{p.Name, Num(p.Seconds)})
		}
		s.PeakRSS = res.PeakRSS
	}
	return s
}

// timed reports whether the report shows the times and memory of the run:
// when throughput was measured, or the documents were streamed.
func timed(res *eval.Result) bool { return res.Timed || res.Set.Order != nil }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteJSON writes s as indented JSON.
func WriteJSON(w io.Writer, s Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// ScoresHeader is the header of scores.csv.
var ScoresHeader = []string{"a", "b", "label", "algorithm", "score"}

// WriteScores writes scores.csv: one row per pair in scope and algorithm,
// the algorithms in run order and the pairs in scope order. An unlabelled
// pair of the corpus scope has an empty label. In the sparse corpus scope
// only the scored pairs (Result.Pairs) are written; every other pair scores
// 0.
func WriteScores(w io.Writer, res *eval.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ScoresHeader); err != nil {
		return err
	}
	row := make([]string, 5)
	for _, r := range res.Runs {
		for i, p := range res.Pairs {
			row[0], row[1], row[2] = res.Set.Docs[p.A].ID, res.Set.Docs[p.B].ID, p.Label
			row[3] = r.Config.Label
			row[4] = strconv.FormatFloat(r.Scores[i], 'g', -1, 64)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteErrors writes errors.md: for every algorithm, its false positives
// (highest scores first) and false negatives (lowest first) at its
// threshold, at most limit of each, explained with at most shingles
// shingles of each kind as text.
func WriteErrors(w io.Writer, res *eval.Result, limit, shingles int) error {
	fmt.Fprintf(w, "# Errors on %s\n\nThe false positives (highest scores first) and false negatives (lowest first) of each algorithm at its threshold, at most %d of each, with the shingles the two documents share and do not share. `simbench explain A B` explains any pair.\n", res.Set.Manifest.Name, limit)
	for r, run := range res.Runs {
		fmt.Fprintf(w, "\n## %s\n\n%d false positives, %d false negatives at threshold %s.\n", run.Config.Label, run.At.FP, run.At.FN, fixed(run.Config.Threshold))
		if res.Set.Order != nil {
			// A streamed set has no text to show.
			fmt.Fprintln(w, "\nThe documents were streamed, so their text is not shown.")
			if res.Sparse {
				fmt.Fprintln(w, "A score of 0 is a pair the algorithm did not find: below its join's floor, or not proposed by its index.")
			}
			fmt.Fprintln(w, "\n| a | b | label | score |\n|---|---|---|---|")
			for _, i := range explain.ErrorPairs(res, r, limit) {
				p := res.Pairs[i]
				fmt.Fprintf(w, "| %s | %s | %s | %s |\n", res.Set.Docs[p.A].ID, res.Set.Docs[p.B].ID, p.Label, strconv.FormatFloat(run.Scores[i], 'g', 4, 64))
			}
			continue
		}
		es := explain.Errors(res, r, limit, shingles)
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

// WriteDir writes summary.json, scores.csv, table.txt, curves.csv,
// errors.md, the charts (PNG) and report.md into the new folder
// parent/name and returns its path. The files are written into a temporary
// folder beside it that is renamed at the end, so that the folder either
// appears whole or not at all; an existing folder of that name is an error.
func WriteDir(parent, name string, res *eval.Result, env Env) (string, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	final := filepath.Join(parent, name)
	if _, err := os.Stat(final); err == nil {
		return "", fmt.Errorf("%s already exists", final)
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-"+name+"-")
	if err != nil {
		return "", err
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
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
	if err := write("summary.json", func(w io.Writer) error { return WriteJSON(w, Summarize(res, env)) }); err != nil {
		return "", err
	}
	if err := write("scores.csv", func(w io.Writer) error { return WriteScores(w, res) }); err != nil {
		return "", err
	}
	if err := write("table.txt", func(w io.Writer) error { return Table(w, res) }); err != nil {
		return "", err
	}
	if err := write("curves.csv", func(w io.Writer) error { return WriteCurves(w, res) }); err != nil {
		return "", err
	}
	if err := write("errors.md", func(w io.Writer) error { return WriteErrors(w, res, 20, 5) }); err != nil {
		return "", err
	}
	charts, skipped := writePlots(tmp, res)
	if err := write("report.md", func(w io.Writer) error { return writeReport(w, res, charts, skipped) }); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", err
	}
	done = true
	return final, nil
}

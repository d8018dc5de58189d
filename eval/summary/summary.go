// Package summary is the schema of a simbench run's results: the types of
// summary.json, reading and writing it, the Go benchmark lines of a run, and
// the column table that lists every per-run figure once.
//
// It is a leaf: it imports nothing of simbench, so that anything that only
// reads results (simbench compare, a continuous integration gate, a script)
// depends on this package alone, as benchstat depends on benchfmt.
//
// # The column table
//
// Columns lists every figure of a run: its summary.json key, its table
// header, its benchmark unit, whether higher is better, how it is formatted,
// whether compare gates on it, and in which views it is shown. The text
// table, the Markdown report, the CSV of runs, the benchmark lines and
// simbench compare all read that table, and a run's figures are held by key
// (Run.Values), so that adding a figure means one function that computes it
// and one row here.
//
// # Contract
//
// The keys of summary.json are a contract that scripts rely on: keys may be
// added, never renamed or removed. A figure that is undefined (0/0) or not
// measured is null.
package summary

import (
	"encoding/json"
	"math"
)

// Num is a float64 that JSON spells null when it is NaN or infinite
// (average precision without positives, the +Inf threshold of predicting
// nothing, throughput not measured), since JSON has no such numbers.
type Num float64

// NaN is the Num of an undefined or missing figure.
var NaN = Num(math.NaN())

// MarshalJSON implements json.Marshaler.
func (n Num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// Float returns n as a float64, NaN for the infinities as for NaN: JSON
// spells all three null.
func (n Num) Float() float64 {
	f := float64(n)
	if math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}

// Valid reports whether n is a number: not NaN nor infinite.
func (n Num) Valid() bool { return !math.IsNaN(float64(n)) && !math.IsInf(float64(n), 0) }

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

// Summary is the content of summary.json.
type Summary struct {
	Gold Gold  `json:"gold"`
	Runs []Run `json:"runs"`
	Env  Env   `json:"env"`
	// Text reports each distinct shingling.
	Text []Text `json:"text"`
	// Warnings are problems that did not stop the run.
	Warnings []string `json:"warnings"`
	// Skipped lists the algorithms of the default list that could not run
	// in the run's scope, and why.
	Skipped []Skip `json:"skipped"`
	// ThroughputMethod says how throughput was measured; empty when it
	// was not.
	ThroughputMethod string `json:"throughput_method,omitempty"`
	// SeedSpread says how each randomised algorithm's quality varies over
	// seeds; empty when that was not measured.
	SeedSpread []Spread `json:"seed_spread"`
	// Bootstrap says how the confidence intervals were computed; null
	// when they were not.
	Bootstrap *Bootstrap `json:"bootstrap"`
	// F1Differences holds the paired-bootstrap interval of the F1
	// difference of every two algorithms.
	F1Differences []Diff `json:"f1_differences"`
	// Phases are the wall-clock seconds of the steps of the run, and
	// PeakRSS the peak resident memory of the process in bytes; both are
	// left out unless throughput was measured or the documents were
	// streamed, so that the summary of an untimed run does not depend on
	// the machine.
	Phases  []Phase `json:"phases,omitempty"`
	PeakRSS int64   `json:"peak_rss_bytes,omitempty"`
	// ScoresFile says how the results folder holds the scores of the
	// pairs; left out when no folder was written.
	ScoresFile *ScoresFile `json:"scores_file,omitempty"`
	// Outputs counts the rows of each other system's output scored
	// (simbench score), in the order the files were given; left out when
	// there is none.
	Outputs []Output `json:"outputs,omitempty"`
}

// Output counts the rows of another system's output file that simbench
// score read. Every row is kept, skipped as naming a document outside the
// gold set, or, in simbench's own scores.csv and clusters.csv, skipped as
// the row of another algorithm.
type Output struct {
	// Algorithm is the label of the file's run in Runs, and File the file.
	Algorithm string `json:"algorithm"`
	File      string `json:"file"`
	// RowsRead, RowsKept and RowsOutside count the rows of the file, those
	// kept (scored) and those skipped because they name a document outside
	// the gold set.
	RowsRead    int64 `json:"rows_read"`
	RowsKept    int64 `json:"rows_kept"`
	RowsOutside int64 `json:"rows_outside"`
	// PairsOneInGold counts, in a pair list, the pairs skipped with one
	// document in the gold set and the other outside it: clusters linked
	// through outside documents are not seen. Null for other formats.
	PairsOneInGold *int64 `json:"pairs_one_in_gold"`
}

// Skip is an algorithm left out of a run, and why.
type Skip struct {
	Algorithm string `json:"algorithm"`
	Reason    string `json:"reason"`
}

// Phase is a step of the run and its wall-clock seconds.
type Phase struct {
	Name    string `json:"name"`
	Seconds Num    `json:"seconds"`
}

// Diff is the F1 difference of algorithms A and B, F1(A) − F1(B), with its
// paired-bootstrap interval; Significant when it excludes 0.
type Diff struct {
	A           string `json:"a"`
	B           string `json:"b"`
	Observed    Num    `json:"observed"`
	Interval    [2]Num `json:"interval"`
	Significant bool   `json:"significant"`
}

// Gold describes the gold set and the scope of the run.
type Gold struct {
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
	// Counted reports the counted corpus scope, sparse and with no pair
	// kept: the pairs found were counted by score, identical documents
	// grouped, and ScoredPairs is 0. scores.csv holds a sample; what needs
	// every pair (intervals, the error analysis) is not made.
	Counted bool `json:"counted"`
	// Streamed reports that the documents were streamed, their text not
	// kept.
	Streamed bool `json:"streamed"`
	// Scope is "labelled" or "corpus".
	Scope string `json:"scope"`
	// LabelledPairs is the number of pairs the gold set labels.
	LabelledPairs int    `json:"labelled_pairs"`
	Exhaustive    bool   `json:"exhaustive"`
	Path          string `json:"path"`
	// Hash is the content hash of the documents and labels as the run
	// counted them ("sha256:" and 64 hexadecimal digits; see
	// gold.Set.ContentHash): two runs with the same hash were scored on
	// the same data. Empty in a summary written before it existed.
	Hash string `json:"hash"`
	// Clusters is the number of gold clusters of two documents or more,
	// and LargestCluster the documents in the largest: the closure of the
	// positive pairs, in the corpus scope; 0 in the labelled scope, where
	// ClusterNote says why there are no cluster metrics.
	Clusters       int    `json:"clusters"`
	LargestCluster int    `json:"largest_cluster"`
	ClusterNote    string `json:"cluster_note,omitempty"`
}

// ScopeName names the scope for a headline: "labelled", "corpus", or
// "corpus, sparse" when only the pairs some algorithm found were scored.
func (g *Gold) ScopeName() string {
	if g.Counted {
		return g.Scope + ", counted"
	}
	if g.Sparse {
		return g.Scope + ", sparse"
	}
	return g.Scope
}

// Spread is one randomised algorithm's quality over several seeds: the
// mean, standard deviation, minimum and maximum of each metric.
type Spread struct {
	Algorithm string   `json:"algorithm"`
	Seeds     []uint64 `json:"seeds"`
	Precision [4]Num   `json:"precision_mean_sd_min_max"`
	Recall    [4]Num   `json:"recall_mean_sd_min_max"`
	F1        [4]Num   `json:"f1_mean_sd_min_max"`
	AP        [4]Num   `json:"average_precision_mean_sd_min_max"`
}

// Bootstrap says how the confidence intervals were computed.
type Bootstrap struct {
	// Resamples is the number of bootstrap resamples, Level the
	// confidence level of the intervals (0.95), Seed the seed of the
	// resampling, and Unit what was resampled ("documents").
	Resamples int     `json:"resamples"`
	Level     float64 `json:"level"`
	Seed      uint64  `json:"seed"`
	Unit      string  `json:"unit"`
}

// Label is how an algorithm does on one label's pairs.
type Label struct {
	// Label is "" for the unlabelled pairs of the corpus scope.
	Label     string `json:"label"`
	Positive  bool   `json:"positive"`
	Pairs     int    `json:"pairs"`
	Predicted int    `json:"predicted"`
	// Rate is predicted/pairs: recall for a positive label, false
	// positive rate for a negative one.
	Rate Num `json:"rate"`
}

// Text describes one shingling.
type Text struct {
	Shingling  string   `json:"shingling"`
	Shingles   Num      `json:"shingles_per_doc"`
	Empty      []string `json:"empty_docs"`
	DocsPerSec Num      `json:"docs_per_sec"`
	MBPerSec   Num      `json:"mb_per_sec"`
}

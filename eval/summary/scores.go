package summary

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ScoresHeader is the header of scores.csv, a contract like the keys of
// summary.json: a, b (the two document ids), label ("" for an unlabelled
// pair of the corpus scope), algorithm (the -algo label) and score.
var ScoresHeader = []string{"a", "b", "label", "algorithm", "score"}

// ClustersHeader is the header of clusters.csv, a contract like the keys
// of summary.json: algorithm (the -algo label), name (the algorithm's
// name), doc (a document id) and cluster (the id of the first document of
// its predicted cluster, so a singleton is its own cluster).
var ClustersHeader = []string{"algorithm", "name", "doc", "cluster"}

// A ScoredPair is a pair of documents of scores.csv and its label.
type ScoredPair struct {
	A, B, Label string
}

// Scores is the content of a run's scores.csv.
type Scores struct {
	// Pairs lists every pair once, in the order of its first row.
	Pairs []ScoredPair
	// ByAlgorithm holds, for each algorithm label, the score of every
	// pair of Pairs; NaN where the algorithm has no row for the pair.
	ByAlgorithm map[string][]float64
	// Algorithms lists the labels in the order of their first row.
	Algorithms []string
}

// LoadScores reads scores.csv: path is the file, or a results folder
// holding it. Errors name the file and line: a header other than
// ScoresHeader, a row of the wrong length, a score that is not a number in
// [0, 1], a pair listed twice for one algorithm, or one pair given two
// labels.
//
// A gzip-compressed file (scores.csv.gz, told by its first bytes) is read
// through gzip; a folder holding scores.csv.gz rather than scores.csv is
// read from it.
func LoadScores(path string) (*Scores, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = ScoresPath(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		defer zr.Close()
		return ParseScores(path, zr)
	}
	return ParseScores(path, br)
}

// ScoresPath returns the scores file of the results folder dir: scores.csv,
// or scores.csv.gz when only that is there.
func ScoresPath(dir string) string {
	plain := filepath.Join(dir, "scores.csv")
	if _, err := os.Stat(plain); err != nil {
		if gz := plain + ".gz"; fileExists(gz) {
			return gz
		}
	}
	return plain
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// ParseScores reads scores.csv from r, naming the file name in errors.
func ParseScores(name string, r io.Reader) (*Scores, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(ScoresHeader)
	cr.ReuseRecord = true
	fail := func(err error) (*Scores, error) {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %v", name, pe.Line, pe.Err)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	head, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty; want the header %q", name, ScoresHeader)
	}
	if err != nil {
		return fail(err)
	}
	if !slices.Equal(head, ScoresHeader) {
		return nil, fmt.Errorf("%s:1: header %q, want %q", name, head, ScoresHeader)
	}
	s := &Scores{ByAlgorithm: map[string][]float64{}}
	index := map[[2]string]int{}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		line, _ := cr.FieldPos(0)
		key := [2]string{row[0], row[1]}
		if row[0] == row[1] {
			return nil, fmt.Errorf("%s:%d: a pair of document %q with itself", name, line, row[0])
		}
		score, err := strconv.ParseFloat(row[4], 64)
		if err != nil || !(score >= 0 && score <= 1) {
			return nil, fmt.Errorf("%s:%d: score %q is not a number from 0 to 1", name, line, row[4])
		}
		i, ok := index[key]
		if !ok {
			i = len(s.Pairs)
			index[key] = i
			s.Pairs = append(s.Pairs, ScoredPair{A: row[0], B: row[1], Label: row[2]})
		} else if s.Pairs[i].Label != row[2] {
			return nil, fmt.Errorf("%s:%d: pair %s–%s labelled %q here and %q before", name, line, row[0], row[1], row[2], s.Pairs[i].Label)
		}
		alg := row[3]
		sc, ok := s.ByAlgorithm[alg]
		if !ok {
			s.Algorithms = append(s.Algorithms, alg)
		}
		for len(sc) <= i {
			sc = append(sc, math.NaN())
		}
		if !math.IsNaN(sc[i]) {
			return nil, fmt.Errorf("%s:%d: pair %s–%s scored twice by %s", name, line, row[0], row[1], alg)
		}
		sc[i] = score
		s.ByAlgorithm[alg] = sc
	}
	for alg, sc := range s.ByAlgorithm {
		for len(sc) < len(s.Pairs) {
			sc = append(sc, math.NaN())
		}
		s.ByAlgorithm[alg] = sc
	}
	return s, nil
}

// How the scores of the pairs are written (PlanScores).
const (
	// MaxPlainScoreRows is the most rows scores.csv holds uncompressed
	// in the mode "auto": above it the rows go to scores.csv.gz.
	MaxPlainScoreRows = 5_000_000
	// ScoreSamplePairs is the number of pairs the mode "sample" writes,
	// evenly spaced over the pairs in scope, with every algorithm's score.
	ScoreSamplePairs = 1_000_000
)

// ScoreModes are the ways of writing the scores of the pairs: auto (csv up
// to MaxPlainScoreRows rows, gzip above), csv (scores.csv), gzip
// (scores.csv.gz, the same rows compressed) and sample (scores.csv with
// ScoreSamplePairs pairs evenly spaced when there are more).
var ScoreModes = []string{"auto", "csv", "gzip", "sample"}

// ScoresFile is how a results folder holds the scores of the pairs: in
// File, scores.csv or scores.csv.gz, Pairs pairs of the Of in scope
// scored, each with a row per algorithm. Pairs < Of for a sample.
type ScoresFile struct {
	File  string `json:"file"`
	Pairs int64  `json:"pairs"`
	Of    int64  `json:"of"`
}

// Sampled reports whether f holds a sample of the pairs: a paired test
// between two runs cannot be made on it.
func (f *ScoresFile) Sampled() bool { return f != nil && f.Pairs < f.Of }

// PlanScores returns how mode (one of ScoreModes) writes the scores of
// pairs pairs scored by runs algorithms.
func PlanScores(mode string, pairs int64, runs int) (ScoresFile, error) {
	f := ScoresFile{File: "scores.csv", Pairs: pairs, Of: pairs}
	switch mode {
	case "", "auto":
		if pairs*int64(max(1, runs)) > MaxPlainScoreRows {
			f.File = "scores.csv.gz"
		}
	case "csv":
	case "gzip":
		f.File = "scores.csv.gz"
	case "sample":
		f.Pairs = min(pairs, ScoreSamplePairs)
	default:
		return f, fmt.Errorf("scores mode %q: want one of %s", mode, strings.Join(ScoreModes, ", "))
	}
	return f, nil
}

// SampledPair returns the index in the pairs in scope of the i-th pair of
// f's sample, 0 ≤ i < f.Pairs: pair ⌊i·Of/Pairs⌋, evenly spaced.
func (f *ScoresFile) SampledPair(i int64) int64 {
	if f.Pairs == f.Of {
		return i
	}
	hi, lo := bits.Mul64(uint64(i), uint64(f.Of))
	q, _ := bits.Div64(hi, lo, uint64(f.Pairs))
	return int64(q)
}

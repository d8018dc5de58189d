package summary

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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
func LoadScores(path string) (*Scores, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, "scores.csv")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseScores(path, f)
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

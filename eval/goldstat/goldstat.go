// Package goldstat describes how hard a gold set is before anything is
// tuned on it: how many documents and pairs it has, how long its documents
// are, and how the exact Jaccard similarity of each label's pairs is
// distributed. A set whose positives and negatives overlap in Jaccard is
// hard for every shingle method; one where they are far apart will rank
// algorithms by speed alone.
package goldstat

import (
	"slices"
	"unicode/utf8"

	"gonum.org/v1/gonum/stat"

	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/gold"
)

// Summary is the five-number summary of a sample, with its mean.
type Summary struct {
	N                          int
	Min, P25, Median, P75, Max float64
	Mean                       float64
}

// Summarize returns the summary of xs; the quartiles are the empirical
// quantiles of gonum's stat.Quantile (the smallest sample value with at
// least that share of the sample at or below it). It does not modify xs.
func Summarize(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	q := func(p float64) float64 { return stat.Quantile(p, stat.Empirical, s, nil) }
	return Summary{
		N: len(s), Min: s[0], Max: s[len(s)-1],
		P25: q(0.25), Median: q(0.5), P75: q(0.75),
		Mean: stat.Mean(s, nil),
	}
}

// Stats describes a gold set.
type Stats struct {
	Set *gold.Set
	// Text is the shingling the Jaccard similarities are computed on.
	Text text.Options
	// Runes and Tokens summarise the document lengths in characters and
	// in tokens of the text pipeline.
	Runes, Tokens Summary
	// Empty lists the documents without shingles.
	Empty []string
	// Labels describes each declared label, positive ones first.
	Labels []Label
}

// Label describes the pairs of one label.
type Label struct {
	Label    string
	Positive bool
	// Jaccard summarises the exact Jaccard similarity of the label's
	// pairs; Jaccard.N is the number of pairs.
	Jaccard Summary
}

// Describe computes the statistics of s with the shingling o.
func Describe(s *gold.Set, o text.Options) (*Stats, error) {
	sh, err := text.NewShingler(o)
	if err != nil {
		return nil, err
	}
	st := &Stats{Set: s, Text: o}
	shingles := make([][]uint64, len(s.Docs))
	runes := make([]float64, len(s.Docs))
	tokens := make([]float64, len(s.Docs))
	var toks []string
	for i, d := range s.Docs {
		shingles[i] = sh.Append(nil, d.Text)
		if len(shingles[i]) == 0 {
			st.Empty = append(st.Empty, d.ID)
		}
		runes[i] = float64(utf8.RuneCountInString(d.Text))
		toks = text.AppendTokens(toks[:0], text.Normalize(d.Text))
		tokens[i] = float64(len(toks))
	}
	st.Runes, st.Tokens = Summarize(runes), Summarize(tokens)
	for _, l := range s.Labels() {
		var js []float64
		for _, p := range s.Pairs {
			if p.Label == l {
				js = append(js, jaccard.Jaccard{}.Similarity(shingles[p.A], shingles[p.B]))
			}
		}
		st.Labels = append(st.Labels, Label{Label: l, Positive: s.IsPositive(l), Jaccard: Summarize(js)})
	}
	return st, nil
}

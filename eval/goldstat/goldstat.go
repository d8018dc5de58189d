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
	"github.com/simbench/simbench/eval/metric"
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
	// Closure says how the labels agree with transitive closure.
	Closure Closure
}

// Closure counts the labels that contradict transitive closure, which
// deduplication pipelines apply to predicted pairs: a pair labelled
// negative whose documents the positive pairs join into one cluster.
type Closure struct {
	// Clusters is the number of clusters of two documents or more that
	// the closure of the positive pairs makes, and Largest the documents
	// in the largest.
	Clusters, Largest int
	// Negatives is the number of negative pairs inside one such cluster,
	// and Triangles the number of labelled triangles A~B, B~C with A–C
	// labelled negative (a negative pair with a positive neighbour in
	// common counts once per such neighbour).
	Negatives, Triangles int
	// Examples names at most three triangles, as [A, B, C, label of A–C].
	Examples [][4]string
}

// closure computes the Closure of s.
func closure(s *gold.Set) Closure {
	n := len(s.Docs)
	var pos [][2]int
	adj := make([][]int, n) // positive neighbours, sorted
	for _, p := range s.Pairs {
		if s.IsPositive(p.Label) {
			pos = append(pos, [2]int{p.A, p.B})
			adj[p.A] = append(adj[p.A], p.B)
			adj[p.B] = append(adj[p.B], p.A)
		}
	}
	for _, a := range adj {
		slices.Sort(a)
	}
	labels := metric.LabelsFromPairs(n, pos)
	var c Closure
	pc := metric.NewContingency(labels, labels).PredClusters()
	c.Clusters, c.Largest = pc.NonSingleton, pc.Largest
	for _, p := range s.Pairs {
		if s.IsPositive(p.Label) || labels[p.A] != labels[p.B] {
			continue
		}
		c.Negatives++
		// Common positive neighbours of A and C: a merge of sorted lists.
		x, y := adj[p.A], adj[p.B]
		for i, j := 0, 0; i < len(x) && j < len(y); {
			switch {
			case x[i] < y[j]:
				i++
			case x[i] > y[j]:
				j++
			default:
				c.Triangles++
				if len(c.Examples) < 3 {
					c.Examples = append(c.Examples, [4]string{s.Docs[p.A].ID, s.Docs[x[i]].ID, s.Docs[p.B].ID, p.Label})
				}
				i++
				j++
			}
		}
	}
	return c
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
	st.Closure = closure(s)
	return st, nil
}

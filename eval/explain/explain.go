// Package explain says why an algorithm scored a pair of documents as it
// did, for error analysis: the pair's exact Jaccard similarity and
// containment on the algorithm's shingling, the shingles the two documents
// share and those only one of them has (as text), and what the algorithm
// itself reports of the pair (how many LSH bands collided, the Hamming
// distance of two SimHash fingerprints).
package explain

import (
	"cmp"
	"slices"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/gold"
)

// An Explanation describes how one algorithm scored one pair.
type Explanation struct {
	Algorithm string
	A, B      string // document ids
	// Label is the pair's label, "" when unlabelled; Positive says
	// whether it is a duplicate.
	Label    string
	Positive bool
	// Score is the algorithm's score, Threshold its threshold, and
	// Predicted whether Score ≥ Threshold.
	Score, Threshold float64
	Predicted        bool
	// Proposed reports, for an algorithm with an index, whether the index
	// proposed the pair; a pair it does not propose scores 0.
	Proposed *bool
	// Detail is what the algorithm says of the pair (algo.Explainer).
	Detail string
	// Jaccard and Containment are exact, on the algorithm's shingling.
	Jaccard, Containment float64
	// Shared, OnlyA and OnlyB count the distinct shingles in both, only in
	// A, and only in B; SharedText, OnlyAText and OnlyBText give the first
	// of them as text, in document order.
	Shared, OnlyA, OnlyB             int
	SharedText, OnlyAText, OnlyBText []string
}

// Kind returns "true positive", "false positive", "false negative" or
// "true negative".
func (e *Explanation) Kind() string {
	switch {
	case e.Predicted && e.Positive:
		return "true positive"
	case e.Predicted:
		return "false positive"
	case e.Positive:
		return "false negative"
	}
	return "true negative"
}

// Pair explains how the scorer sc scores the documents a and b of s,
// giving at most limit shingles of each kind as text. The score, and
// whether the pair was proposed, are the scorer's: those of the run.
func Pair(s *gold.Set, sc *eval.Scorer, a, b, limit int) *Explanation {
	c := sc.Config()
	da, db := s.Docs[a], s.Docs[b]
	e := &Explanation{Algorithm: c.Label, A: da.ID, B: db.ID, Threshold: c.Threshold}
	e.Label, _ = s.Label(a, b)
	e.Positive = e.Label != "" && s.IsPositive(e.Label)

	var proposed bool
	e.Score, proposed = sc.Score(a, b)
	if sc.HasIndex() {
		e.Proposed = &proposed
	}
	e.Predicted = e.Score >= c.Threshold
	ga, gb := sc.Signature(a), sc.Signature(b)
	if x, ok := c.Algorithm.(algo.Explainer); ok {
		e.Detail = x.Explain(ga, gb)
	}

	sa, sb := text.Shingles(da.Text, c.Text), text.Shingles(db.Text, c.Text)
	e.Jaccard = jaccard.Jaccard{}.Similarity(sa, sb)
	e.Containment = jaccard.Containment(sa, sb)
	ta, tb := text.ShingleTexts(da.Text, c.Text), text.ShingleTexts(db.Text, c.Text)
	e.Shared, e.OnlyA, e.SharedText, e.OnlyAText = split(ta, sb, limit)
	_, e.OnlyB, _, e.OnlyBText = split(tb, sa, limit)
	return e
}

// split counts the distinct shingles of doc that are and are not in the
// sorted set other, and returns the first limit of each as text.
func split(doc []text.Shingle, other []uint64, limit int) (in, out int, inText, outText []string) {
	seen := make(map[uint64]bool, len(doc))
	for _, s := range doc {
		if seen[s.Hash] {
			continue
		}
		seen[s.Hash] = true
		if _, found := slices.BinarySearch(other, s.Hash); found {
			in++
			if len(inText) < limit {
				inText = append(inText, s.Text)
			}
		} else {
			out++
			if len(outText) < limit {
				outText = append(outText, s.Text)
			}
		}
	}
	return in, out, inText, outText
}

// Errors explains the false positives and false negatives of run r of res
// at its threshold: at most limit of each, the false positives with the
// highest scores first and the false negatives with the lowest, each with at
// most shingles shingles of each kind as text.
func Errors(res *eval.Result, r int, limit, shingles int) []*Explanation {
	var out []*Explanation
	for _, idx := range ErrorPairs(res, r, limit) {
		p := res.Pairs[idx]
		out = append(out, Pair(res.Set, res.Scorer(r), p.A, p.B, shingles))
	}
	return out
}

// ErrorPairs returns the indexes in res.Pairs of the false positives and
// false negatives of run r at its threshold, as Errors chooses them.
func ErrorPairs(res *eval.Result, r int, limit int) []int {
	run := res.Runs[r]
	// Among equal scores the scope order decides, so the selection is
	// deterministic: the first limit of a stable sort, kept as the pairs
	// go by rather than sorting every error of a run of millions.
	fp := topK{limit: limit, cmp: func(i, j int) int { return cmp.Compare(run.Scores[j], run.Scores[i]) }}
	fn := topK{limit: limit, cmp: func(i, j int) int { return cmp.Compare(run.Scores[i], run.Scores[j]) }}
	for i, p := range res.Pairs {
		predicted := run.Predicted(i)
		switch {
		case predicted && !p.Positive:
			fp.add(i)
		case !predicted && p.Positive:
			fn.add(i)
		}
	}
	return slices.Concat(fp.kept, fn.kept)
}

// topK keeps the first limit of the indexes added, in increasing order,
// by a stable sort with cmp: kept is sorted by cmp, and an index comes
// after the equal ones added before it.
type topK struct {
	limit int
	cmp   func(i, j int) int
	kept  []int
}

func (t *topK) add(i int) {
	if t.limit <= 0 {
		return
	}
	if len(t.kept) == t.limit && t.cmp(i, t.kept[len(t.kept)-1]) >= 0 {
		return // not before the last kept: past the limit
	}
	// The first kept index that i goes before.
	at, _ := slices.BinarySearchFunc(t.kept, i, func(k, i int) int {
		if t.cmp(i, k) < 0 {
			return 1
		}
		return -1
	})
	if len(t.kept) == t.limit {
		t.kept = t.kept[:len(t.kept)-1]
	}
	t.kept = slices.Insert(t.kept, at, i)
}

package gen_test

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/gen"
)

// This file holds the test's own reading of the package documentation: what
// a word and a sentence are and how many changes a level makes, written
// apart from the code under test so that the two are checked against each
// other.

// words returns the words of text, as the package documentation defines
// them.
func words(text string) []string { return strings.Fields(text) }

// sentences returns the sentences of text, each as its words joined by
// spaces: a sentence ends at a word ending in a danda, double danda, '|',
// '.', '?' or '!' (closing quotes and brackets after it allowed), and at a
// line break.
func sentences(text string) []string {
	var out, cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		for _, w := range strings.Fields(line) {
			cur = append(cur, w)
			core := strings.TrimRight(w, "\"'”’)]»›")
			for _, end := range []string{"।", "॥", "|", ".", "?", "!"} {
				if strings.HasSuffix(core, end) {
					flush()
					break
				}
			}
		}
		flush()
	}
	return out
}

// rounded returns round(p·n), halves away from zero.
func rounded(p float64, n int) int { return int(math.Floor(p*float64(n) + 0.5)) }

// wantChanges returns the number of words (sentences for Shuffle) that kind
// k at level p changes in a document of n words and m sentences, as the
// package documentation states it.
func wantChanges(k gen.Kind, p float64, n, m int) int {
	switch k {
	case gen.Delete, gen.Truncate:
		return min(rounded(p, n), n-1)
	case gen.Shuffle:
		switch c := rounded(p, m); {
		case m < 2:
			return 0
		case c == 1:
			return 2
		default:
			return c
		}
	}
	return rounded(p, n)
}

// isSubsequence reports whether short is a subsequence of long.
func isSubsequence(short, long []string) bool {
	i := 0
	for _, w := range long {
		if i < len(short) && short[i] == w {
			i++
		}
	}
	return i == len(short)
}

// minus returns the multiset difference a − b.
func minus(a, b []string) []string {
	n := make(map[string]int)
	for _, w := range b {
		n[w]++
	}
	var out []string
	for _, w := range a {
		if n[w] > 0 {
			n[w]--
		} else {
			out = append(out, w)
		}
	}
	return out
}

// sameMultiset reports whether a and b hold the same strings as often.
func sameMultiset(a, b []string) bool {
	return len(a) == len(b) && len(minus(a, b)) == 0
}

// vocabulary returns the set of words of the documents of s.
func vocabulary(docs []gold.Doc) map[string]bool {
	v := make(map[string]bool)
	for _, d := range docs {
		for _, w := range words(d.Text) {
			v[w] = true
		}
	}
	return v
}

// mustText returns the text of the document id of s.
func mustText(t *testing.T, s *gold.Set, id string) string {
	t.Helper()
	i, ok := s.Index(id)
	if !ok {
		t.Fatalf("no document %q in the generated set", id)
	}
	return s.Docs[i].Text
}

// seeds returns the seeds set.
func seeds(t *testing.T) *gold.Set {
	t.Helper()
	s, err := gold.Open("seeds")
	if err != nil {
		t.Fatalf("gold.Open(%q): %v", "seeds", err)
	}
	return s
}

// newSet returns an in-memory set of the documents id, text, id, text, ...
// with the given pairs (as "a b label") and negative labels.
func newSet(t *testing.T, exhaustive bool, negative []string, pairs []string, idText ...string) *gold.Set {
	t.Helper()
	s := &gold.Set{Manifest: gold.Manifest{
		Name: "tiny", Description: "A set written for the test.", Source: "The test.", License: "CC0-1.0",
		Positive: []string{"duplicate"}, Negative: negative, Exhaustive: exhaustive,
	}}
	for i := 0; i < len(idText); i += 2 {
		s.Docs = append(s.Docs, gold.Doc{ID: idText[i], Text: idText[i+1]})
	}
	for _, p := range pairs {
		f := strings.Fields(p)
		a, ok1 := s.Index(f[0])
		b, ok2 := s.Index(f[1])
		if !ok1 || !ok2 || a >= b {
			t.Fatalf("bad pair %q for the documents of the test set", p)
		}
		s.Pairs = append(s.Pairs, gold.Pair{A: a, B: b, Label: f[2]})
	}
	slices.SortFunc(s.Pairs, func(p, q gold.Pair) int {
		return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B))
	})
	return s
}

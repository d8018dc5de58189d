package goldstat_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval/goldstat"
	"github.com/simbench/simbench/gold"
)

func TestSummarize(t *testing.T) {
	const tol = 1e-12 // one division for the mean
	for _, c := range []struct {
		xs   []float64
		want goldstat.Summary
	}{
		// Empirical quantiles by hand: the smallest x with at least p of
		// the sample at or below it.
		{[]float64{4, 1, 3, 2}, goldstat.Summary{N: 4, Min: 1, P25: 1, Median: 2, P75: 3, Max: 4, Mean: 2.5}},
		{[]float64{5}, goldstat.Summary{N: 1, Min: 5, P25: 5, Median: 5, P75: 5, Max: 5, Mean: 5}},
		{[]float64{0, 0, 1, 1, 1}, goldstat.Summary{N: 5, Min: 0, P25: 0, Median: 1, P75: 1, Max: 1, Mean: 0.6}},
		{nil, goldstat.Summary{}},
	} {
		got := goldstat.Summarize(c.xs)
		if got.N != c.want.N || got.Min != c.want.Min || got.P25 != c.want.P25 || got.Median != c.want.Median ||
			got.P75 != c.want.P75 || got.Max != c.want.Max || math.Abs(got.Mean-c.want.Mean) > tol {
			t.Errorf("Summarize(%v) = %+v, want %+v", c.xs, got, c.want)
		}
	}
}

func TestDescribeSeeds(t *testing.T) {
	s, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	st, err := goldstat.Describe(s, text.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if st.Runes.N != 5 || st.Tokens.N != 5 || len(st.Empty) != 0 {
		t.Errorf("lengths over %d/%d documents, %d empty; want 5, 5, 0", st.Runes.N, st.Tokens.N, len(st.Empty))
	}
	// The seeds label 1 duplicate, 2 related and 7 unrelated pairs; the
	// duplicate (000 inside its page) shares most of its shingles, the
	// others almost none.
	want := map[string]int{"duplicate": 1, "related": 2, "unrelated": 7}
	for _, l := range st.Labels {
		if l.Jaccard.N != want[l.Label] {
			t.Errorf("%s: %d pairs, want %d", l.Label, l.Jaccard.N, want[l.Label])
		}
		if l.Positive && l.Jaccard.Min < 0.7 || !l.Positive && l.Jaccard.Max > 0.05 {
			t.Errorf("%s: Jaccard %+v: want the duplicate above 0.7 and the rest below 0.05", l.Label, l.Jaccard)
		}
	}
}

func ExampleSummarize() {
	s := goldstat.Summarize([]float64{0.9, 0.1, 0.5, 0.7, 0.3})
	fmt.Printf("n=%d min=%.1f q1=%.1f median=%.1f q3=%.1f max=%.1f\n", s.N, s.Min, s.P25, s.Median, s.P75, s.Max)
	// Output: n=5 min=0.1 q1=0.3 median=0.5 q3=0.7 max=0.9
}

// TestClosure checks the count of labels that contradict closure on a
// hand-made set: a ~ b, b ~ c and c ~ d are duplicates but a–c and a–d
// are labelled unrelated, e ~ f a second cluster, g alone. The closure
// joins a, b, c, d (the largest, 4 documents) and e, f; a–c and a–d lie
// inside the first cluster; the triangles are a~b~c (b is the only common
// neighbour of a and c) and none for a–d (a's neighbour b and d's
// neighbour c differ).
func TestClosure(t *testing.T) {
	docs := []gold.Doc{{ID: "a", Text: "x"}, {ID: "b", Text: "x"}, {ID: "c", Text: "x"}, {ID: "d", Text: "x"},
		{ID: "e", Text: "x"}, {ID: "f", Text: "x"}, {ID: "g", Text: "x"}}
	s := &gold.Set{
		Manifest: gold.Manifest{Name: "t", Positive: []string{"dup"}, Negative: []string{"unrelated"}},
		Docs:     docs,
		Pairs: []gold.Pair{{A: 0, B: 1, Label: "dup"}, {A: 0, B: 2, Label: "unrelated"}, {A: 0, B: 3, Label: "unrelated"},
			{A: 1, B: 2, Label: "dup"}, {A: 2, B: 3, Label: "dup"}, {A: 4, B: 5, Label: "dup"}, {A: 5, B: 6, Label: "unrelated"}},
	}
	st, err := goldstat.Describe(s, text.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := st.Closure
	want := goldstat.Closure{Clusters: 2, Largest: 4, Negatives: 2, Triangles: 1, Examples: [][4]string{{"a", "b", "c", "unrelated"}}}
	if got.Clusters != want.Clusters || got.Largest != want.Largest || got.Negatives != want.Negatives || got.Triangles != want.Triangles ||
		len(got.Examples) != 1 || got.Examples[0] != want.Examples[0] {
		t.Errorf("Closure = %+v, want %+v", got, want)
	}
}

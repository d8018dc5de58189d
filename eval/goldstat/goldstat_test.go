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

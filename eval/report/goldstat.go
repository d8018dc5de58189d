package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/simbench/simbench/eval/goldstat"
)

// GoldStats writes the description of a gold set: its documents, its
// lengths, and the exact Jaccard similarity of each label's pairs.
func GoldStats(w io.Writer, st *goldstat.Stats) error {
	m := st.Set.Manifest
	fmt.Fprintf(w, "gold %s: %d documents, %d labelled pairs, exhaustive %v\n", m.Name, len(st.Set.Docs), len(st.Set.Pairs), m.Exhaustive)
	fmt.Fprintf(w, "positive: %s; negative: %s\n\n", strings.Join(m.Positive, ", "), strings.Join(m.Negative, ", "))

	t := newTable(w, []string{"document length", "min", "q1", "median", "q3", "max", "mean"}, 1, false)
	for _, r := range []struct {
		name string
		s    goldstat.Summary
	}{{"characters", st.Runes}, {"tokens", st.Tokens}} {
		s := r.s
		if err := t.Append([]string{r.name, num(s.Min), num(s.P25), num(s.Median), num(s.P75), num(s.Max), num(s.Mean)}); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nExact Jaccard of each label's pairs (%s shingles)\n\n", st.Text)
	t = newTable(w, []string{"label", "side", "pairs", "min", "q1", "median", "q3", "max", "mean"}, 2, false)
	for _, l := range st.Labels {
		side := "negative"
		if l.Positive {
			side = "positive"
		}
		j := l.Jaccard
		row := []string{l.Label, side, fmt.Sprint(j.N), "-", "-", "-", "-", "-", "-"}
		if j.N > 0 {
			row = append(row[:3], fixed(j.Min), fixed(j.P25), fixed(j.Median), fixed(j.P75), fixed(j.Max), fixed(j.Mean))
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	c := st.Closure
	noun := "clusters"
	if c.Clusters == 1 {
		noun = "cluster"
	}
	fmt.Fprintf(w, "\nClosure of the positive pairs: %d %s of two documents or more, the largest of %d\n", c.Clusters, noun, c.Largest)
	if c.Negatives > 0 {
		fmt.Fprintf(w, "warning: %d negative pairs lie inside one of those clusters, and %d labelled triangles contradict closure (A~B, B~C, A–C negative), so a pipeline that joins pairs by closure cannot get every label right:\n",
			c.Negatives, c.Triangles)
		for _, e := range c.Examples {
			fmt.Fprintf(w, "  %s ~ %s ~ %s, but %s–%s is labelled %q\n", e[0], e[1], e[2], e[0], e[2], e[3])
		}
	}
	if len(st.Empty) > 0 {
		fmt.Fprintf(w, "warning: %d documents have no %s shingles: %s\n", len(st.Empty), st.Text, strings.Join(st.Empty, ", "))
	}
	return nil
}

// num formats a length: whole numbers as such, others with one decimal.
func num(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprint(int64(v))
	}
	return fmt.Sprintf("%.1f", v)
}

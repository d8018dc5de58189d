package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/simbench/simbench/eval/explain"
)

// Explanations writes each explanation as a short paragraph: the pair, its
// label and score, exact Jaccard and containment, what the algorithm says of
// the pair, and the shingles the two documents share and do not share.
func Explanations(w io.Writer, es []*explain.Explanation) error {
	for i, e := range es {
		if i > 0 {
			fmt.Fprintln(w)
		}
		label := e.Label
		if label == "" {
			label = "unlabelled"
		}
		cmp := "<"
		if e.Predicted {
			cmp = "≥"
		}
		fmt.Fprintf(w, "%s  %s – %s (%s): %s scores %.3f %s %.3f\n", e.Kind(), e.A, e.B, label, e.Algorithm, e.Score, cmp, e.Threshold)
		fmt.Fprintf(w, "  exact Jaccard %.3f, containment %.3f; %d shingles shared, %d only in %s, %d only in %s\n",
			e.Jaccard, e.Containment, e.Shared, e.OnlyA, e.A, e.OnlyB, e.B)
		if e.Detail != "" {
			fmt.Fprintf(w, "  %s\n", e.Detail)
		}
		for _, part := range []struct {
			name  string
			n     int
			shown []string
		}{{"shared", e.Shared, e.SharedText}, {"only in " + e.A, e.OnlyA, e.OnlyAText}, {"only in " + e.B, e.OnlyB, e.OnlyBText}} {
			if len(part.shown) == 0 {
				continue
			}
			quoted := make([]string, len(part.shown))
			for i, s := range part.shown {
				quoted[i] = strconv.Quote(s)
			}
			more := ""
			if part.n > len(part.shown) {
				more = fmt.Sprintf(" … (%d more)", part.n-len(part.shown))
			}
			fmt.Fprintf(w, "  %s: %s%s\n", part.name, strings.Join(quoted, ", "), more)
		}
	}
	return nil
}

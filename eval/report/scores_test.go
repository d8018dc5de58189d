package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/report"
	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/gold"
)

// TestWriteScoresQuoting checks WriteScoresFile, which puts rows together
// from fields quoted once, against encoding/csv writing every row, with ids
// and labels that need quoting (a comma, a quote, a leading space, a line
// break), and an evenly spaced sample of the pairs.
func TestWriteScoresQuoting(t *testing.T) {
	s := &gold.Set{Manifest: gold.Manifest{Name: "q", Positive: []string{"dup, near"}, Negative: []string{`"not"`}}}
	for _, id := range []string{" lead", "a,b", "plain", `q"uote`, "z\nline"} {
		s.Docs = append(s.Docs, gold.Doc{ID: id, Text: "the same few words of a page " + id})
	}
	s.Pairs = []gold.Pair{{A: 0, B: 1, Label: "dup, near"}, {A: 1, B: 3, Label: `"not"`}, {A: 2, B: 4, Label: "dup, near"}}
	cs, err := algorithms.ParseAll([]string{"jaccard", "simhash:threshold=0.8"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Labelled})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []summary.ScoresFile{{Pairs: 3, Of: 3}, {Pairs: 2, Of: 3}} {
		var want bytes.Buffer
		cw := csv.NewWriter(&want)
		cw.Write(summary.ScoresHeader)
		for _, r := range res.Runs {
			for j := range f.Pairs {
				i := j * f.Of / f.Pairs
				p := res.Pairs[i]
				cw.Write([]string{s.Docs[p.A].ID, s.Docs[p.B].ID, p.Label, r.Config.Label, strconv.FormatFloat(r.Scores[i], 'g', -1, 64)})
			}
		}
		cw.Flush()
		var got bytes.Buffer
		if err := report.WriteScoresFile(&got, res, f); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d of %d pairs:\ngot:\n%s\nwant:\n%s", f.Pairs, f.Of, got.String(), want.String())
		}
	}
}

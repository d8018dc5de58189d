package run_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval/report"
	"github.com/simbench/simbench/eval/run"
	"github.com/simbench/simbench/gold"
)

// specs returns, for every registered algorithm, its -algo values with
// verify=true and floor on and off, leaving out the combinations the
// registry refuses (verify without an index, a floor without a join).
func specs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, e := range algorithms.Registry {
		for _, params := range []string{"", ":verify=true", ":floor=0.3", ":verify=true,floor=0.3"} {
			spec := e.Name + params
			if _, err := algorithms.Parse(spec, 1); err != nil {
				continue
			}
			out = append(out, spec)
		}
	}
	if len(out) < len(algorithms.Registry)+3 {
		t.Fatalf("only %d configurations: %q; want every algorithm and verify and floor variants", len(out), out)
	}
	return out
}

// TestExplainAgreesWithRun checks that explain gives every pair the score
// and the verdict that the run wrote in scores.csv, for every registered
// algorithm with verify and floor on and off: on Clough (labelled pairs,
// the graded set) and on the seeds in the sparse corpus scope, where a
// join's floor and an index decide which pairs score at all.
func TestExplainAgreesWithRun(t *testing.T) {
	ctx := context.Background()
	for _, set := range []struct {
		name   string
		sparse bool
	}{{"clough", false}, {"seeds", true}} {
		g, err := gold.Open(set.name)
		if err != nil {
			t.Fatal(err)
		}
		for _, spec := range specs(t) {
			opt := run.Options{Gold: set.name, Algos: []string{spec}, Seed: 1, Sparse: set.sparse}
			t.Run(fmt.Sprintf("%s/%s", set.name, spec), func(t *testing.T) {
				o, err := run.Run(ctx, opt)
				if set.sparse && err != nil {
					// containment can find no pairs without scoring them all.
					if c, _ := algorithms.Parse(spec, 1); c.Entry.Name == "containment" {
						return
					}
				}
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := report.WriteScores(&buf, o.Result()); err != nil {
					t.Fatal(err)
				}
				rows, err := csv.NewReader(&buf).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				rows = rows[1:] // a,b,label,algorithm,score
				if len(rows) == 0 {
					t.Fatal("scores.csv has no rows")
				}
				pairs := make([][2]string, len(rows))
				for i, row := range rows {
					pairs[i] = [2]string{row[0], row[1]}
				}
				es, err := run.Explain(ctx, opt, pairs, 0)
				if err != nil {
					t.Fatal(err)
				}
				threshold := float64(o.Summary().Runs[0].Get("threshold"))
				for i, row := range rows {
					e := es[i][0]
					want, err := strconv.ParseFloat(row[4], 64)
					if err != nil {
						t.Fatal(err)
					}
					if e.Score != want {
						t.Errorf("%s–%s: explain scores %v, the run %v", row[0], row[1], e.Score, want)
					}
					predicted := want >= threshold
					positive := row[2] != "" && g.IsPositive(row[2])
					if e.Predicted != predicted || e.Positive != positive {
						t.Errorf("%s–%s: explain says %s, the run's score %v against threshold %v and label %q say predicted %v, positive %v",
							row[0], row[1], e.Kind(), want, threshold, row[2], predicted, positive)
					}
				}
			})
		}
	}
}

// TestRunOptionErrors checks that a mistake in the options is a usage
// error, which the command reports with exit status 2.
func TestRunOptionErrors(t *testing.T) {
	for _, opt := range []run.Options{
		{Gold: "seeds", Scope: "everything"},
		{Gold: "clough", Sparse: true},
		{Gold: "seeds", Positive: []string{"nonsense"}},
		{Gold: "seeds", Algos: []string{"nosuch"}},
	} {
		if _, err := run.Run(context.Background(), opt); !errors.Is(err, run.ErrUsage) {
			t.Errorf("Run(%+v) = %v, want a usage error", opt, err)
		}
	}
}

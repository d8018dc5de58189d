package run_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/eval/budget"
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

// TestMembershipPairsBounded checks that a cluster membership whose
// clusters would give more pairs than MaxClusterPairs is refused, naming
// the file and the count, before any pair is made.
func TestMembershipPairsBounded(t *testing.T) {
	// One cluster of n documents gives n(n−1)/2 pairs: the smallest n over
	// the bound, checked against a set of that many documents.
	n := 2
	for int64(n)*int64(n-1)/2 <= run.MaxClusterPairs {
		n++
	}
	dir := t.TempDir()
	set := filepath.Join(dir, "set")
	var docs, members strings.Builder
	members.WriteString("doc,cluster\n")
	for i := range n {
		fmt.Fprintf(&docs, "{\"id\": \"d%d\", \"text\": \"word %d\"}\n", i, i)
		fmt.Fprintf(&members, "d%d,big\n", i)
	}
	for name, content := range map[string]string{
		"gold.json":  `{"name": "big", "description": "d", "source": "s", "license": "l", "positive": ["dup"], "negative": ["non"], "exhaustive": false}`,
		"docs.jsonl": docs.String(),
		"pairs.tsv":  "a\tb\tlabel\nd0\td1\tdup\n",
	} {
		if err := os.MkdirAll(set, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(set, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "members.csv")
	if err := os.WriteFile(file, []byte(members.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// A budget large enough for the pairs leaves the bound to refuse them.
	_, err := run.Run(context.Background(), run.Options{Gold: set, Seed: 1, Outputs: []run.OutputFile{{Path: file}}, Mem: 1 << 40})
	want := fmt.Sprintf("%s: its clusters hold %d pairs", file, int64(n)*int64(n-1)/2)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Run with one cluster of %d documents: %v, want an error containing %q", n, err, want)
	}
	// A budget too small for them refuses them first, as a budget does.
	_, err = run.Run(context.Background(), run.Options{Gold: set, Seed: 1, Outputs: []run.OutputFile{{Path: file}}, Mem: 1 << 30})
	want = fmt.Sprintf("memory budget: making the %s pairs of documents of the clusters of %s needs about", budget.Count(int64(n)*int64(n-1)/2), file)
	var ex *budget.Exceeded
	if !errors.As(err, &ex) || !strings.Contains(err.Error(), want) {
		t.Errorf("Run with one cluster of %d documents and a budget of 1 GiB: %v, want an error containing %q", n, err, want)
	}
}

// TestExplainRefusesExec checks that explain says it does not run
// programs rather than leave an exec value out silently.
func TestExplainRefusesExec(t *testing.T) {
	_, err := run.Explain(context.Background(), run.Options{Gold: "seeds", Seed: 1, Algos: []string{"exec:cmd=true,name=x"}}, [][2]string{{"000", "002"}}, 0)
	if !errors.Is(err, run.ErrUsage) || !strings.Contains(err.Error(), "explain does not run programs") {
		t.Errorf("Explain with an exec value: %v, want a usage error saying it does not run programs", err)
	}
}

// TestDefaultListsSkip checks that in the sparse corpus scope, where
// containment cannot run, explain's default algorithms and tune's default
// grid (DefaultConfigs) skip it, as run's default list does, with a
// warning, while a grid the user gave is refused.
func TestDefaultListsSkip(t *testing.T) {
	ctx := context.Background()
	var warned []string
	es, err := run.Explain(ctx, run.Options{Gold: "seeds", Seed: 1, Sparse: true, Scope: "corpus",
		Warn: func(w string) { warned = append(warned, w) }}, [][2]string{{"000", "002"}}, 0)
	if err != nil {
		t.Fatalf("explain: %v", err)
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "containment cannot run") {
		t.Errorf("explain warned %q, want one warning about containment", warned)
	}
	for _, e := range es[0] {
		if e.Algorithm == "containment" {
			t.Errorf("explain explained with containment, which cannot run here")
		}
	}
	cs, err := run.Configs(run.Options{Algos: []string{"jaccard", "containment"}, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, def := range []bool{true, false} {
		o, err := run.Run(ctx, run.Options{Gold: "seeds", Configs: cs, DefaultConfigs: def, Seed: 1, Sparse: true, Scope: "corpus", Resamples: 0})
		switch {
		case def && err != nil:
			t.Errorf("default grid: %v", err)
		case def && len(o.Summary().Runs) != 1:
			t.Errorf("default grid: %d runs, want jaccard's alone", len(o.Summary().Runs))
		case !def && err == nil:
			t.Errorf("a grid the user gave: containment ran in the sparse scope")
		}
	}
}

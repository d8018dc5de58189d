package compare_test

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/compare"
	"github.com/simbench/simbench/eval/summary"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The summaries in testdata. seeds/summary.json, clough.json and
// seeds-untimed.json are the summaries of real runs:
//
//	simbench run                  (seeds/summary.json)
//	simbench run -gold clough -algo jaccard:threshold=0.05 -algo simhash:threshold=0.6 \
//	    -algo minhash-lsh:threshold=0.2 -algo containment:threshold=0.1   (clough.json)
//	simbench run -timing=false -format json -algo jaccard -algo minhash-lsh  (seeds-untimed.json)
//
// clough-worse.json is clough.json with every run's f1 lowered by 0.2 and
// precision by 0.1, and clough-ci.json is clough.json with made-up
// bootstrap intervals (one with a null end), both written with jq:
//
//	jq '.runs |= map(.f1 -= 0.2 | .precision -= 0.1)' clough.json
const (
	seeds    = "../summary/testdata/seeds"
	untimed  = "../summary/testdata/seeds-untimed.json"
	clough   = "../summary/testdata/clough.json"
	worse    = "../summary/testdata/clough-worse.json"
	withCI   = "../summary/testdata/clough-ci.json"
	deltaTol = 1e-12 // Delta is one float64 subtraction of figures near 1
)

// cloughAlgos are the algorithm labels of clough.json, in run order.
var cloughAlgos = []string{"jaccard:threshold=0.05", "simhash:threshold=0.6", "minhash-lsh:threshold=0.2", "containment:threshold=0.1"}

func load(t *testing.T, path string) *summary.Summary {
	t.Helper()
	s, err := summary.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// verdicts returns the (algorithm, metric) pairs of res whose verdict is v.
func verdicts(res *compare.Result, v string) [][2]string {
	var got [][2]string
	for _, row := range res.Rows {
		if row.Verdict == v {
			got = append(got, [2]string{row.Algorithm, row.Metric})
		}
	}
	return got
}

func TestSelfCompare(t *testing.T) {
	for _, c := range []struct {
		path string
		rows int // rows expected: 7 figures per run, minus those null
	}{
		{seeds, 4 * 7},
		{untimed, 2 * 5}, // no docs/s, MB/s
		{clough, 4 * 7},
		{worse, 4 * 7},
		{withCI, 4 * 7},
	} {
		old, new := load(t, c.path), load(t, c.path)
		for _, tol := range []float64{0, 0.01} {
			res := compare.Compare(old, new, compare.Options{Tolerance: tol})
			if len(res.Rows) != c.rows {
				t.Errorf("Compare(%s, itself): %d rows, want %d", c.path, len(res.Rows), c.rows)
			}
			for _, row := range res.Rows {
				if row.Verdict != compare.Same || row.Delta != 0 {
					t.Errorf("Compare(%s, itself): %s %s: verdict %q, delta %v; want ~, 0", c.path, row.Algorithm, row.Metric, row.Verdict, row.Delta)
				}
			}
			if len(res.Regressions) != 0 || len(res.Warnings) != 0 || len(res.Added) != 0 || len(res.Removed) != 0 {
				t.Errorf("Compare(%s, itself) = regressions %q, warnings %q, added %q, removed %q; want none",
					c.path, res.Regressions, res.Warnings, res.Added, res.Removed)
			}
		}
	}
}

// TestRegressions compares clough.json with clough-worse.json, in which
// every run's F1 fell by 0.2 and its precision by 0.1.
func TestRegressions(t *testing.T) {
	old, new := load(t, clough), load(t, worse)
	both := func(metrics ...string) [][2]string {
		var want [][2]string
		for _, a := range cloughAlgos {
			for _, m := range metrics {
				want = append(want, [2]string{a, m})
			}
		}
		return want
	}
	for _, c := range []struct {
		tol  float64
		want [][2]string // in row order: algorithm, then precision before f1
	}{
		{0, both("precision", "f1")},
		{-1, both("precision", "f1")},         // taken as 0
		{math.NaN(), both("precision", "f1")}, // taken as 0
		{0.05, both("precision", "f1")},
		{0.1, both("f1")}, // a fall of exactly the tolerance is not a regression
		{0.15, both("f1")},
		{0.2, nil},
		{0.25, nil},
	} {
		res := compare.Compare(old, new, compare.Options{Tolerance: c.tol})
		if got := verdicts(res, compare.Regression); !slices.Equal(got, c.want) {
			t.Errorf("Tolerance %v: regressions %v, want %v", c.tol, got, c.want)
		}
		if len(res.Regressions) != len(c.want) {
			t.Errorf("Tolerance %v: %d regression messages, want %d: %q", c.tol, len(res.Regressions), len(c.want), res.Regressions)
		}
		for i, msg := range res.Regressions {
			if i < len(c.want) && !strings.HasPrefix(msg, c.want[i][0]+": "+c.want[i][1]+" fell") {
				t.Errorf("Tolerance %v: regression %q, want it about %s %s", c.tol, msg, c.want[i][0], c.want[i][1])
			}
		}
		// Nothing else moved, and a fall within the tolerance is "~".
		for _, row := range res.Rows {
			want := -0.0
			switch row.Metric {
			case "f1":
				want = -0.2
			case "precision":
				want = -0.1
			}
			if math.Abs(row.Delta-want) > deltaTol {
				t.Errorf("Tolerance %v: %s %s: delta %v, want %v", c.tol, row.Algorithm, row.Metric, row.Delta, want)
			}
			if row.Verdict != compare.Regression && row.Verdict != compare.Same {
				t.Errorf("Tolerance %v: %s %s: verdict %q, want ~ or REGRESSION", c.tol, row.Algorithm, row.Metric, row.Verdict)
			}
		}
		if len(res.Warnings) != 0 {
			t.Errorf("Tolerance %v: warnings %q, want none", c.tol, res.Warnings)
		}
	}

	// Turned around, the same changes are improvements.
	res := compare.Compare(new, old, compare.Options{Tolerance: 0.15})
	if got, want := verdicts(res, compare.Better), both("f1"); !slices.Equal(got, want) || len(res.Regressions) != 0 {
		t.Errorf("Compare(worse, clough, 0.15): better %v, regressions %q; want better %v, no regressions", got, res.Regressions, want)
	}
}

// TestQualityVerdicts checks the verdict of single changes of each figure.
func TestQualityVerdicts(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		metric   string
		old, new float64
		tol      float64
		want     string
	}{
		{"recall", 0.5, 0.5 - 1e-12, 0, compare.Same}, // float noise
		{"recall", 0.5, 0.5 - 1e-6, 0, compare.Regression},
		{"recall", 0.5, 0.49, 0.01, compare.Same},
		{"recall", 0.5, 0.48, 0.01, compare.Regression},
		{"recall", 0.5, 0.52, 0.01, compare.Better},
		{"average_precision", 0.9, 0.8, 0, compare.Regression},
		{"average_precision", 0.9, nan, 0, compare.Unknown}, // no positives left: not comparable
		{"average_precision", nan, 0.9, 0, compare.Unknown},
		{"best_f1", 0.9, 0.5, 0, compare.Worse}, // never gates
		{"best_f1", 0.5, 0.9, 0, compare.Better},
		{"f1", 0, 0, 0, compare.Same},
	} {
		old, new := load(t, clough), load(t, clough)
		set := func(r *summary.Run, v float64) {
			switch c.metric {
			case "recall":
				r.Set("recall", summary.Num(v))
			case "average_precision":
				r.Set("average_precision", summary.Num(v))
			case "best_f1":
				r.Set("best_f1", summary.Num(v))
			case "f1":
				r.Set("f1", summary.Num(v))
			}
		}
		set(&old.Runs[0], c.old)
		set(&new.Runs[0], c.new)
		res := compare.Compare(old, new, compare.Options{Tolerance: c.tol})
		var got []string
		for _, row := range res.Rows {
			if row.Verdict != compare.Same || row.Algorithm == cloughAlgos[0] && row.Metric == c.metric {
				got = append(got, row.Algorithm+" "+row.Metric+" "+row.Verdict)
			}
		}
		want := []string{cloughAlgos[0] + " " + c.metric + " " + c.want}
		if !slices.Equal(got, want) {
			t.Errorf("%s %v → %v, tolerance %v: rows %q, want %q", c.metric, c.old, c.new, c.tol, got, want)
		}
		if gotReg, wantReg := len(res.Regressions), b2i(c.want == compare.Regression); gotReg != wantReg {
			t.Errorf("%s %v → %v, tolerance %v: %d regressions, want %d", c.metric, c.old, c.new, c.tol, gotReg, wantReg)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestThroughput(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		factor float64 // new docs/s and MB/s = old × factor
		noise  float64
		want   string
		delta  float64 // factor − 1, NaN when unknown
	}{
		{0.5, 0, compare.Worse, -0.5},
		{2, 0, compare.Better, 1},
		{1.1, 0, compare.Same, 0.1}, // within the default 20%
		{0.85, 0, compare.Same, -0.15},
		{1.25, 0, compare.Better, 0.25},
		{0.75, 0, compare.Worse, -0.25},
		{1.1, 0.05, compare.Better, 0.1},
		{nan, 0, compare.Unknown, nan}, // not measured in the new run
	} {
		old, new := load(t, clough), load(t, clough)
		for i := range new.Runs {
			new.Runs[i].Set("docs_per_sec", new.Runs[i].Get("docs_per_sec")*summary.Num(c.factor))
			new.Runs[i].Set("mb_per_sec", new.Runs[i].Get("mb_per_sec")*summary.Num(c.factor))
		}
		res := compare.Compare(old, new, compare.Options{ThroughputNoise: c.noise})
		n := 0
		for _, row := range res.Rows {
			if row.Metric != "docs_per_sec" && row.Metric != "mb_per_sec" {
				if row.Verdict != compare.Same {
					t.Errorf("factor %v: %s %s: %q, want ~", c.factor, row.Algorithm, row.Metric, row.Verdict)
				}
				continue
			}
			n++
			if row.Verdict != c.want || !(math.Abs(row.Delta-c.delta) < deltaTol || math.IsNaN(c.delta) && math.IsNaN(row.Delta)) {
				t.Errorf("factor %v, noise %v: %s %s: verdict %q, delta %v; want %q, %v", c.factor, c.noise, row.Algorithm, row.Metric, row.Verdict, row.Delta, c.want, c.delta)
			}
		}
		if n != 2*len(cloughAlgos) {
			t.Errorf("factor %v: %d throughput rows, want %d", c.factor, n, 2*len(cloughAlgos))
		}
		if len(res.Regressions) != 0 {
			t.Errorf("factor %v: regressions %q; a throughput change is never a regression", c.factor, res.Regressions)
		}
	}

	// Throughput measured in neither run: no rows, and no machine warning.
	old, new := load(t, untimed), load(t, untimed)
	new.Env.CPU = "another"
	res := compare.Compare(old, new, compare.Options{})
	for _, row := range res.Rows {
		if row.Metric == "docs_per_sec" || row.Metric == "mb_per_sec" {
			t.Errorf("untimed runs: row %s %s, want none", row.Algorithm, row.Metric)
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("untimed runs on different CPUs: warnings %q, want none", res.Warnings)
	}
}

func TestAddedRemoved(t *testing.T) {
	old, new := load(t, clough), load(t, clough)
	added := new.Runs[0]
	added.Algorithm = "jaccard:threshold=0.1"
	new.Runs = append(slices.Delete(new.Runs, 1, 2), added) // simhash removed

	// Removing an algorithm is refused: deleting it must not pass a gate.
	res := compare.Compare(old, new, compare.Options{})
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "the new run lacks simhash:threshold=0.6") || len(res.Rows) != 0 || !res.Failed(false) {
		t.Errorf("simhash removed: refused %q, %d rows, failed %v; want refused for the missing algorithm, no rows, failed", res.Refused, len(res.Rows), res.Failed(false))
	}

	// Accepted on purpose, the rest is compared.
	res = compare.Compare(old, new, compare.Options{AllowMissing: true})
	if want := []string{"jaccard:threshold=0.1"}; !slices.Equal(res.Added, want) {
		t.Errorf("Added = %q, want %q", res.Added, want)
	}
	if want := []string{"simhash:threshold=0.6"}; !slices.Equal(res.Removed, want) {
		t.Errorf("Removed = %q, want %q", res.Removed, want)
	}
	var algos []string
	for _, row := range res.Rows {
		if len(algos) == 0 || algos[len(algos)-1] != row.Algorithm {
			algos = append(algos, row.Algorithm)
		}
	}
	if want := []string{cloughAlgos[0], cloughAlgos[2], cloughAlgos[3]}; !slices.Equal(algos, want) || len(res.Rows) != 3*7 {
		t.Errorf("rows for %q (%d rows), want %q (%d rows)", algos, len(res.Rows), want, 3*7)
	}
	if len(res.Regressions) != 0 || len(res.Refused) != 0 || res.Failed(false) {
		t.Errorf("regressions %q, refused %q; want none", res.Regressions, res.Refused)
	}
}

// TestRefusals checks each case compare refuses, and that the option
// that accepts it turns the refusal into a warning.
func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(old, new *summary.Summary)
		allow  compare.Options
		want   string // substring of the one refusal
	}{
		{"gold name", func(old, new *summary.Summary) { new.Gold.Name = "clough2" },
			compare.Options{AllowGoldChange: true}, `different gold sets (name "clough" → "clough2")`},
		{"gold content", func(old, new *summary.Summary) { new.Gold.Hash = "sha256:0123456789abcdef" },
			compare.Options{AllowGoldChange: true}, "different gold sets (content hash sha256:02e954a3… → sha256:01234567…)"},
		{"no hash", func(old, new *summary.Summary) { old.Gold.Hash = "" },
			compare.Options{AllowGoldChange: true}, "a summary has no content hash"},
		{"relabelled", func(old, new *summary.Summary) { new.Gold.Positives = 38 },
			compare.Options{AllowGoldChange: true}, "different gold sets (positives 57 → 38)"},
		{"scope", func(old, new *summary.Summary) { new.Gold.Scope = "corpus" },
			compare.Options{AllowConfigChange: true}, "the scope differs: labelled → corpus"},
		{"sparse and dense", func(old, new *summary.Summary) {
			old.Gold.Scope, new.Gold.Scope, new.Gold.Sparse = "corpus", "corpus", true
		}, compare.Options{AllowConfigChange: true}, "the scope differs: corpus → corpus, sparse"},
		{"params", func(old, new *summary.Summary) {
			new.Runs[2].Params = map[string]string{"k": "3", "perm": "64", "threshold": "0.2"}
		}, compare.Options{AllowConfigChange: true}, "minhash-lsh:threshold=0.2: the parameters differ (bands 28 → (unset), fn_weight 0.5 → (unset), fp_weight 0.5 → (unset), k 5 → 3, perm 128 → 64, rows 2 → (unset), seed 1 → (unset), shingle word → (unset))"},
		{"threshold", func(old, new *summary.Summary) { new.Runs[0].Params["threshold"] = "0.07" },
			compare.Options{AllowConfigChange: true}, "jaccard:threshold=0.05: the parameters differ (threshold 0.05 → 0.07)"},
		{"missing", func(old, new *summary.Summary) { new.Runs = new.Runs[:1] },
			compare.Options{AllowMissing: true}, "the new run lacks simhash:threshold=0.6, minhash-lsh:threshold=0.2, containment:threshold=0.1"},
	} {
		old, new := load(t, clough), load(t, clough)
		c.change(old, new)
		res := compare.Compare(old, new, compare.Options{})
		if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], c.want) || len(res.Rows) != 0 || !res.Failed(false) {
			t.Errorf("%s: refused %q (%d rows); want one refusal containing %q, no rows", c.name, res.Refused, len(res.Rows), c.want)
		}
		res = compare.Compare(old, new, c.allow)
		if len(res.Refused) != 0 || len(res.Rows) == 0 || !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, c.want) && strings.Contains(w, "accepted with") }) {
			t.Errorf("%s accepted: refused %q, %d rows, warnings %q; want rows and a warning containing %q", c.name, res.Refused, len(res.Rows), res.Warnings, c.want)
		}
	}
}

func TestWarnings(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(old, new *summary.Summary)
		want   []string // substrings, one per warning, in order
	}{
		{"nothing", func(old, new *summary.Summary) {}, nil},
		{"gold path", func(old, new *summary.Summary) { new.Gold.Path = "/elsewhere/clough" }, nil},
		{"machine", func(old, new *summary.Summary) { new.Env.CPU = "AMD EPYC"; new.Env.OS = "linux/arm64" },
			[]string{`throughput measured on different machines (cpu "Intel(R) Xeon(R) Processor" → "AMD EPYC", os linux/amd64 → linux/arm64)`}},
		{"same machine, other Go", func(old, new *summary.Summary) { new.Env.Go = "go1.27"; new.Env.GOMAXPROCS = 64 }, nil},
		{"duplicate label", func(old, new *summary.Summary) { new.Runs = append(new.Runs, new.Runs[0]) },
			[]string{`the new run has algorithm "jaccard:threshold=0.05" 2 times`}},
	} {
		old, new := load(t, clough), load(t, clough)
		c.change(old, new)
		res := compare.Compare(old, new, compare.Options{})
		ok := len(res.Warnings) == len(c.want)
		for i := 0; ok && i < len(c.want); i++ {
			ok = strings.Contains(res.Warnings[i], c.want[i])
		}
		if !ok {
			t.Errorf("%s: warnings\n\t%s\nwant\n\t%s", c.name, strings.Join(res.Warnings, "\n\t"), strings.Join(c.want, "\n\t"))
		}
		if len(res.Regressions) != 0 || len(res.Refused) != 0 {
			t.Errorf("%s: regressions %q, refused %q; want none", c.name, res.Regressions, res.Refused)
		}
	}
}

// TestMatchByName checks that, with AllowConfigChange, a run whose label
// changed with its parameters (a new threshold) is compared by algorithm
// name, and the worse threshold is a regression; without it the runs are
// refused.
func TestMatchByName(t *testing.T) {
	old, new := load(t, clough), load(t, clough)
	new.Runs[0].Algorithm = "jaccard:threshold=0.9"
	new.Runs[0].Params["threshold"] = "0.9"
	new.Runs[0].Set("f1", new.Runs[0].Get("f1")-0.3)
	if res := compare.Compare(old, new, compare.Options{Tolerance: 0.01}); len(res.Refused) == 0 {
		t.Errorf("a label changed without AllowConfigChange: not refused")
	}
	res := compare.Compare(old, new, compare.Options{Tolerance: 0.01, AllowConfigChange: true})
	if len(res.Added) != 0 || len(res.Removed) != 0 {
		t.Errorf("added %q, removed %q; want the run matched by name", res.Added, res.Removed)
	}
	if len(res.Regressions) != 1 || !strings.Contains(res.Regressions[0], "f1 fell") {
		t.Errorf("regressions %q, want the f1 fall", res.Regressions)
	}
	if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "matched by name") }) {
		t.Errorf("warnings %q, want one saying the runs were matched by name", res.Warnings)
	}
}

func TestIntervals(t *testing.T) {
	// Both with intervals: shown for the four figures that have them.
	res := compare.Compare(load(t, withCI), load(t, withCI), compare.Options{})
	for _, row := range res.Rows {
		hasCI := row.Metric == "precision" || row.Metric == "recall" || row.Metric == "f1" || row.Metric == "average_precision"
		if (row.OldCI != nil) != hasCI || (row.NewCI != nil) != hasCI {
			t.Errorf("%s %s: intervals %v, %v; want them: %v", row.Algorithm, row.Metric, row.OldCI, row.NewCI, hasCI)
		}
	}
	// The first run's f1 is 0.8125 with the interval [f1 − 0.07, f1 + 0.06];
	// its average precision interval has a null upper end.
	f1 := res.Rows[2]
	if f1.Metric != "f1" || f1.OldCI == nil || math.Abs(f1.OldCI[0]-(0.8125-0.07)) > deltaTol || math.Abs(f1.OldCI[1]-(0.8125+0.06)) > deltaTol {
		t.Errorf("row %s %s: interval %v, want f1 [0.7425, 0.8725]", f1.Algorithm, f1.Metric, f1.OldCI)
	}
	if ap := res.Rows[3]; ap.Metric != "average_precision" || ap.OldCI == nil || !math.IsNaN(ap.OldCI[1]) {
		t.Errorf("row %s %s: interval %v, want [AP − 0.03, NaN]", ap.Algorithm, ap.Metric, ap.OldCI)
	}

	// One side without intervals: none shown, the verdicts unchanged.
	for _, pair := range [][2]string{{withCI, clough}, {clough, withCI}} {
		res := compare.Compare(load(t, pair[0]), load(t, pair[1]), compare.Options{})
		for _, row := range res.Rows {
			if row.OldCI != nil || row.NewCI != nil || row.Verdict != compare.Same {
				t.Errorf("Compare(%s, %s): %s %s: intervals %v, %v, verdict %q; want none, ~", pair[0], pair[1], row.Algorithm, row.Metric, row.OldCI, row.NewCI, row.Verdict)
			}
		}
	}

	// Intervals do not change the verdict: the worse run's intervals
	// overlap the old ones, and the falls are still regressions.
	old, new := load(t, withCI), load(t, worse)
	for i := range new.Runs {
		new.Runs[i].Intervals = map[string][2]summary.Num{}
		for _, k := range []string{"precision", "f1"} {
			if iv := old.Runs[i].Interval(k); iv != nil {
				new.Runs[i].Intervals[k] = *iv
			}
		}
	}
	new.Bootstrap = old.Bootstrap
	if got := len(compare.Compare(old, new, compare.Options{}).Regressions); got != 2*len(cloughAlgos) {
		t.Errorf("with overlapping intervals: %d regressions, want %d", got, 2*len(cloughAlgos))
	}
}

func TestTable(t *testing.T) {
	for _, c := range []struct {
		golden, old, new string
		o                compare.Options
	}{
		{"table-worse.golden", clough, worse, compare.Options{Tolerance: 0.1}},
		{"table-ci.golden", withCI, withCI, compare.Options{}},
		{"table-sets.golden", seeds, untimed, compare.Options{}},
	} {
		var buf bytes.Buffer
		if err := compare.Compare(load(t, c.old), load(t, c.new), c.o).Table(&buf); err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", c.golden), buf.Bytes())
	}
}

// golden compares got with the file path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update to rewrite it):\n%s\nwant:\n%s", path, got, want)
	}
}

// TestCountedIsSparse checks that compare takes a counted corpus scope
// for the sparse one, whose figures it gives bit for bit.
func TestCountedIsSparse(t *testing.T) {
	old, new := load(t, clough), load(t, clough)
	old.Gold.Scope, new.Gold.Scope = "corpus", "corpus"
	old.Gold.Sparse, new.Gold.Sparse, new.Gold.Counted = true, true, true
	if res := compare.Compare(old, new, compare.Options{}); len(res.Refused) != 0 || len(res.Rows) == 0 {
		t.Errorf("sparse against counted: refused %q, %d rows; want no refusal", res.Refused, len(res.Rows))
	}
}

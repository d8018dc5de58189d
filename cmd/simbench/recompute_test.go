package main

// An independent check of summary.json. TestRecompute runs simbench through
// run, reads back the scores.csv the run wrote, recomputes every figure of
// summary.json from those scores with the plain implementation below, and
// compares. The implementation shares no code with the eval packages: it
// uses the standard library only, reads summary.json into map[string]any,
// and follows the definitions written in the doc comments of
// eval/metric/metric.go, eval/eval.go (DenseLimit) and eval/sparse.go, not
// their code:
//
//   - a pair is predicted a duplicate when its score is >= the threshold;
//   - precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN)
//     (= 2PR/(P+R) where both are defined), each undefined, and written
//     null, when its denominator is 0;
//   - the sweep's cuts are +Inf (nothing predicted) and every distinct
//     score, tied pairs entering together; best F1 is the cut of highest
//     F1, ties going to the highest threshold, and without positives
//     undefined (null, at +Inf); +Inf is written null;
//   - average precision is the mean, over the positive pairs, of the
//     precision at the cut where each enters (the step-wise sum
//     Σ (R_n − R_{n−1})·P_n); null without positives;
//   - ROC AUC is the Mann–Whitney probability that a positive scores above
//     a negative, ties counting one half; null when a class is empty;
//   - in the sparse corpus scope, scores.csv lists only the scored pairs;
//     the gold.pairs − gold.scored_pairs others are unlabelled negatives
//     scoring 0, and count everywhere, per_label's "" label included.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Tolerances, and where they come from.
const (
	// tolRatio is for a ratio of two counts the test recomputes exactly
	// (precision, recall, per-label rate, and F1, which the project
	// computes as 2TP/(2TP+FP+FN) and this test as 2PR/(P+R)): the two
	// float64 computations from the same integers differ by a few ulps,
	// well under 1e-15 for values in [0, 1].
	tolRatio = 1e-12
	// tolArea is for average precision and ROC AUC. This test computes
	// ROC AUC as one division of an exact integer count, and AP as a sum
	// of one float64 precision per distinct score; the project sums
	// float64 steps (AP) and gonum's trapezoids (ROC AUC) in another order.
	// With at most a few hundred terms each of relative error about an ulp
	// (2.2e-16), the two differ by well under 1e-13; 1e-11 leaves room and
	// is still far below any real change of a figure (1/(P·N) ≥ 1e-4 here).
	tolArea = 1e-11
)

// scoreRow is one pair of scores.csv for one algorithm.
type scoreRow struct {
	a, b, label string
	score       float64
}

// want is what the test knows of a gold set independently of simbench:
// the labels it declares positive, and the size of the scope.
type want struct {
	positive  map[string]bool // labels counted as duplicates
	docs      int             // documents in the set
	labelled  int             // labelled pairs of the set
	pairs     int             // pairs in scope
	positives int             // positive pairs in scope
	scope     string          // "labelled" or "corpus"
	sparse    bool
	// labels, when not nil, are the labelled pairs ("a\tb" → label), all
	// in scope, and every pair in scope is of two documents of ids.
	labels map[string]string
	ids    []string
	// perLabel is the number of pairs of each label in scope ("" the
	// unlabelled ones), implied pairs included.
	perLabel map[string]int
}

func TestRecompute(t *testing.T) {
	edits := writeEditsSet(t)
	nopos := writeNoPositivesSet(t)
	clough := want{
		// gold/clough/gold.json: cut, light and heavy are text reuse, non
		// is not; 95 labelled pairs of 100 documents (19, 19, 19, 38).
		positive:  map[string]bool{"cut": true, "light": true, "heavy": true},
		docs:      100,
		labelled:  95,
		pairs:     95,
		positives: 57,
		scope:     "labelled",
		perLabel:  map[string]int{"cut": 19, "light": 19, "heavy": 19, "non": 38},
	}
	for _, c := range []struct {
		name string
		args []string
		want want
		// distinctPR asks that precision differ from recall for at least
		// this many algorithms, so that swapping them cannot pass.
		distinctPR int
		// sameScore names an algorithm whose threshold equals a score of
		// the run, so that > in place of >= cannot pass.
		sameScore string
		// undefined asks for a run where precision is 0/0 (nothing
		// predicted; written 0) and, with no positives, average precision,
		// ROC AUC and the best threshold are undefined (written null).
		undefined bool
	}{
		{name: "clough", args: []string{"-gold", "clough"}, want: clough, distinctPR: 3},
		{name: "edits", args: []string{"-gold", edits.dir}, want: edits.want, distinctPR: 3},
		{name: "edits-verify", args: []string{"-gold", edits.dir, "-algo", "minhash-lsh:verify=true", "-algo", "jaccard:threshold=1"},
			want: edits.want, distinctPR: 1, sameScore: "jaccard:threshold=1"},
		{name: "edits-sparse", args: []string{"-gold", edits.dir, "-sparse",
			"-algo", "jaccard", "-algo", "simhash", "-algo", "minhash-lsh", "-algo", "oph", "-algo", "minhash-lsh:verify=true"},
			want: edits.sparse(), distinctPR: 3},
		{name: "no-positives", args: []string{"-gold", nopos.dir}, want: nopos.want, undefined: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Most of a run's time is its charts (PNG); the runs share
			// nothing but the read-only hooks now and hostEnv.
			t.Parallel()
			summary, rows := runAndRead(t, c.args)
			checkGold(t, summary, rows, c.want)
			runs := jsonList(t, summary, "runs")
			if got, want := len(runs), len(rows.order); got != want {
				t.Fatalf("summary.json has %d runs, scores.csv %d algorithms (%v)", got, want, rows.order)
			}
			distinct, undefined := 0, 0
			for i, r := range runs {
				run := r.(map[string]any)
				alg := jsonString(t, run, "algorithm")
				if alg != rows.order[i] {
					t.Errorf("run %d is %q in summary.json, %q in scores.csv", i, alg, rows.order[i])
				}
				thr := jsonNumber(t, run, "threshold")
				fig := recompute(rows.byAlgo[alg], c.want.positive, rows.implied, thr)
				checkRun(t, alg, run, fig)
				t.Logf("%s: threshold %v: TP %d FP %d FN %d TN %d, P %.4f R %.4f", alg, thr, fig.tp, fig.fp, fig.fn, fig.tn, fig.precision, fig.recall)
				if fig.precision != fig.recall {
					distinct++
				}
				if fig.tp+fig.fp == 0 && fig.positivePairs == 0 && fig.negPairs > 0 {
					undefined++
				}
				if alg == c.sameScore && !hasScore(rows.byAlgo[alg], thr) {
					t.Errorf("%s: no pair scores exactly its threshold %v; the case cannot tell >= from >", alg, thr)
				}
			}
			if distinct < c.distinctPR {
				t.Errorf("precision ≠ recall for %d algorithms, want at least %d: swapping them would go unseen", distinct, c.distinctPR)
			}
			if c.undefined && undefined == 0 {
				t.Errorf("no run predicts nothing on a set without positives: the undefined figures go untested")
			}
		})
	}
}

// scores is what a run's scores.csv holds.
type scores struct {
	order  []string              // algorithms, in the order of the file
	byAlgo map[string][]scoreRow // each algorithm's pairs
	// implied is the number of pairs in scope not in the file (sparse
	// scope): gold.pairs − gold.scored_pairs, checked against the want.
	implied int
}

// runAndRead runs simbench run with args, untimed and without bootstrap,
// into a temporary folder, and returns its summary.json and scores.csv.
func runAndRead(t *testing.T, args []string) (map[string]any, scores) {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	full := append([]string{"run", "-timing=false", "-bootstrap", "0", "-out", out}, args...)
	if err := run(context.Background(), full, &stdout, &stderr); err != nil {
		t.Fatalf("simbench %s: %v\n%s", strings.Join(full, " "), err, stderr.String())
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("the run wrote %d entries under -out, want one results folder", len(entries))
	}
	dir := filepath.Join(out, entries[0].Name())

	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var summary map[string]any
	if err := json.Unmarshal(b, &summary); err != nil {
		t.Fatalf("summary.json: %v", err)
	}

	f, err := os.Open(filepath.Join(dir, "scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("scores.csv: %v", err)
	}
	if len(records) == 0 || strings.Join(records[0], ",") != "a,b,label,algorithm,score" {
		t.Fatalf("scores.csv header = %v, want a,b,label,algorithm,score", records[:min(1, len(records))])
	}
	s := scores{byAlgo: map[string][]scoreRow{}}
	for i, r := range records[1:] {
		v, err := strconv.ParseFloat(r[4], 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > 1 {
			t.Fatalf("scores.csv line %d: score %q is not a number in [0, 1]", i+2, r[4])
		}
		if _, ok := s.byAlgo[r[3]]; !ok {
			s.order = append(s.order, r[3])
		}
		s.byAlgo[r[3]] = append(s.byAlgo[r[3]], scoreRow{a: r[0], b: r[1], label: r[2], score: v})
	}
	gold := jsonObject(t, summary, "gold")
	s.implied = jsonInt(t, gold, "pairs") - jsonInt(t, gold, "scored_pairs")
	return summary, s
}

// checkGold compares the gold object of summary.json with w, and checks
// that every algorithm's rows of scores.csv are the same pairs, once each,
// with the labels of the gold set.
func checkGold(t *testing.T, summary map[string]any, rows scores, w want) {
	t.Helper()
	gold := jsonObject(t, summary, "gold")
	var first []scoreRow
	for _, alg := range rows.order {
		rs := rows.byAlgo[alg]
		if first == nil {
			first = rs
		}
		if len(rs) != len(first) {
			t.Fatalf("scores.csv: %s has %d pairs, %s %d", alg, len(rs), rows.order[0], len(first))
		}
		seen := map[string]bool{}
		for i, r := range rs {
			key := r.a + "\t" + r.b
			if seen[key] {
				t.Errorf("scores.csv: %s scores pair %s %s twice", alg, r.a, r.b)
			}
			seen[key] = true
			if f := first[i]; f.a != r.a || f.b != r.b || f.label != r.label {
				t.Errorf("scores.csv: pair %d of %s is %s %s %q, of %s %s %s %q", i, alg, r.a, r.b, r.label, rows.order[0], f.a, f.b, f.label)
			}
			if w.ids != nil && (!slices.Contains(w.ids, r.a) || !slices.Contains(w.ids, r.b) || r.a == r.b) {
				t.Errorf("scores.csv: pair %s %s is not of two documents of the set", r.a, r.b)
			}
			if w.labels != nil && w.labels[key] != r.label {
				t.Errorf("scores.csv: pair %s %s has label %q, the gold set says %q", r.a, r.b, r.label, w.labels[key])
			}
		}
		if w.labels != nil {
			for key, l := range w.labels {
				if !seen[key] {
					t.Errorf("scores.csv: %s lacks the labelled pair %s (%s)", alg, strings.ReplaceAll(key, "\t", " "), l)
				}
			}
		}
	}
	if len(first) == 0 {
		t.Fatal("scores.csv holds no pair")
	}
	positives, perLabel := 0, map[string]int{"": rows.implied}
	for _, r := range first {
		perLabel[r.label]++
		if w.positive[r.label] {
			positives++
		}
	}
	if perLabel[""] == 0 {
		delete(perLabel, "")
	}
	if fmt.Sprint(perLabel) != fmt.Sprint(w.perLabel) {
		t.Errorf("pairs per label = %v, want %v", perLabel, w.perLabel)
	}
	if w.sparse && rows.implied <= 0 {
		t.Errorf("sparse scope with %d implied pairs: the case does not test them", rows.implied)
	}
	if !w.sparse && rows.implied != 0 {
		t.Errorf("dense scope: gold.pairs − gold.scored_pairs = %d, want 0", rows.implied)
	}
	for _, c := range []struct {
		key       string
		got, want int
	}{
		{"docs", jsonInt(t, gold, "docs"), w.docs},
		{"labelled_pairs", jsonInt(t, gold, "labelled_pairs"), w.labelled},
		{"pairs", jsonInt(t, gold, "pairs"), w.pairs},
		{"positives", jsonInt(t, gold, "positives"), w.positives},
		{"positives (from scores.csv)", positives, w.positives},
		{"scored_pairs", jsonInt(t, gold, "scored_pairs"), len(first)},
	} {
		if c.got != c.want { // counts: exact
			t.Errorf("gold.%s = %d, want %d", c.key, c.got, c.want)
		}
	}
	if got := jsonString(t, gold, "scope"); got != w.scope {
		t.Errorf("gold.scope = %q, want %q", got, w.scope)
	}
	if got, ok := gold["sparse"].(bool); !ok || got != w.sparse {
		t.Errorf("gold.sparse = %v, want %v", gold["sparse"], w.sparse)
	}
}

// figures are the figures of one run, recomputed. A NaN or +Inf stands
// for what summary.json writes as null.
type figures struct {
	tp, fp, fn, tn          int
	precision, recall, f1   float64
	ap, rocAUC              float64
	bestF1, bestThreshold   float64
	perLabel                map[string][2]int // label → pairs, predicted
	positiveLabel           map[string]bool
	positivePairs, negPairs int
}

// pair is a scored pair reduced to what the metrics need.
type pair struct {
	score float64
	pos   bool
}

// recompute computes the figures of rows at threshold thr, counting
// implied further unlabelled pairs that score 0.
func recompute(rows []scoreRow, positive map[string]bool, implied int, thr float64) figures {
	f := figures{perLabel: map[string][2]int{}, positiveLabel: positive}
	ps := make([]pair, 0, len(rows)+implied)
	for _, r := range rows {
		ps = append(ps, pair{r.score, positive[r.label]})
		c := f.perLabel[r.label]
		c[0]++
		if r.score >= thr {
			c[1]++
		}
		f.perLabel[r.label] = c
	}
	for range implied {
		ps = append(ps, pair{0, false})
	}
	if implied > 0 {
		c := f.perLabel[""]
		c[0] += implied
		if 0 >= thr {
			c[1] += implied
		}
		f.perLabel[""] = c
	}

	// The confusion at the threshold.
	for _, p := range ps {
		switch {
		case p.pos && p.score >= thr:
			f.tp++
		case p.score >= thr:
			f.fp++
		case p.pos:
			f.fn++
		default:
			f.tn++
		}
	}
	f.precision = ratio(f.tp, f.tp+f.fp)
	f.recall = ratio(f.tp, f.tp+f.fn)
	f.f1 = ratio(2*f.tp, 2*f.tp+f.fp+f.fn)
	for _, p := range ps {
		if p.pos {
			f.positivePairs++
		} else {
			f.negPairs++
		}
	}

	// The sweep: the cut at +Inf, then one cut per distinct score, highest
	// first, tied pairs entering together.
	sort.Slice(ps, func(i, j int) bool { return ps[i].score > ps[j].score })
	type cut struct {
		t      float64
		tp, fp int
	}
	cuts := []cut{{t: math.Inf(1)}}
	for i := 0; i < len(ps); {
		c := cuts[len(cuts)-1]
		c.t = ps[i].score
		for ; i < len(ps) && ps[i].score == c.t; i++ {
			if ps[i].pos {
				c.tp++
			} else {
				c.fp++
			}
		}
		cuts = append(cuts, c)
	}

	// Best F1, compared exactly as the fraction 2TP/(2TP+FP+FN) (= 2PR/(P+R)),
	// so that float rounding cannot break a tie; cuts are in decreasing
	// threshold order, so keeping the first of equal F1 keeps the highest
	// threshold.
	num := func(c cut) int { return 2 * c.tp }
	den := func(c cut) int { return 2*c.tp + c.fp + (f.positivePairs - c.tp) }
	// With positives every denominator is above 0; without them no cut
	// is worth choosing, and best F1 is undefined at +Inf.
	best := cuts[0]
	for _, c := range cuts[1:] {
		// c beats best when num(c)/den(c) > num(best)/den(best).
		if f.positivePairs > 0 && num(c)*den(best) > num(best)*den(c) {
			best = c
		}
	}
	f.bestThreshold = best.t
	f.bestF1 = math.NaN()
	if f.positivePairs > 0 {
		f.bestF1 = ratio(num(best), den(best))
	}

	// Average precision: the mean over the positive pairs of the precision
	// of the cut where each enters.
	f.ap = math.NaN()
	if f.positivePairs > 0 {
		var sum float64
		prev := 0
		for _, c := range cuts {
			if entered := c.tp - prev; entered > 0 {
				sum += float64(entered) * float64(c.tp) / float64(c.tp+c.fp)
			}
			prev = c.tp
		}
		f.ap = sum / float64(f.positivePairs)
	}

	// ROC AUC: the Mann–Whitney U statistic over positives × negatives, in
	// half-units so that the sum stays an integer.
	f.rocAUC = math.NaN()
	if f.positivePairs > 0 && f.negPairs > 0 {
		var negScores []float64
		for _, p := range ps {
			if !p.pos {
				negScores = append(negScores, p.score)
			}
		}
		halves := 0
		for _, p := range ps {
			if !p.pos {
				continue
			}
			for _, n := range negScores {
				switch {
				case p.score > n:
					halves += 2
				case p.score == n:
					halves++
				}
			}
		}
		f.rocAUC = float64(halves) / (2 * float64(f.positivePairs) * float64(f.negPairs))
	}
	return f
}

// ratio returns num/den, or NaN (undefined, written null) when den is 0.
func ratio(num, den int) float64 {
	if den == 0 {
		return math.NaN()
	}
	return float64(num) / float64(den)
}

// hasScore reports whether a pair of rows scores exactly v.
func hasScore(rows []scoreRow, v float64) bool {
	for _, r := range rows {
		if r.score == v {
			return true
		}
	}
	return false
}

// checkRun compares one object of summary.json's runs with the figures
// recomputed for it.
func checkRun(t *testing.T, alg string, run map[string]any, f figures) {
	t.Helper()
	for _, c := range []struct {
		key  string
		want int
	}{
		{"tp", f.tp}, {"fp", f.fp}, {"fn", f.fn}, {"tn", f.tn},
	} {
		if got := jsonInt(t, run, c.key); got != c.want { // counts: exact
			t.Errorf("%s: %s = %d, want %d", alg, c.key, got, c.want)
		}
	}
	for _, c := range []struct {
		key  string
		want float64 // NaN or ±Inf: null
		tol  float64
	}{
		{"precision", f.precision, tolRatio},
		{"recall", f.recall, tolRatio},
		{"f1", f.f1, tolRatio},
		{"best_f1", f.bestF1, tolRatio},
		// The best threshold is a score of scores.csv (or +Inf, null),
		// which both sides parse from the same shortest decimal: exact.
		{"best_threshold", f.bestThreshold, 0},
		{"average_precision", f.ap, tolArea},
		{"roc_auc", f.rocAUC, tolArea},
	} {
		checkNumber(t, alg, run, c.key, c.want, c.tol)
	}

	// per_label: every label with a pair in scope, once.
	list, ok := run["per_label"].([]any)
	if !ok {
		t.Errorf("%s: per_label = %v, want a list", alg, run["per_label"])
		return
	}
	seen := map[string]bool{}
	for _, e := range list {
		l := e.(map[string]any)
		label := jsonString(t, l, "label")
		if seen[label] {
			t.Errorf("%s: per_label lists %q twice", alg, label)
		}
		seen[label] = true
		c, ok := f.perLabel[label]
		if !ok {
			t.Errorf("%s: per_label lists %q, which has no pair in scope", alg, label)
			continue
		}
		what := alg + ": per_label " + strconv.Quote(label)
		if got, want := jsonInt(t, l, "pairs"), c[0]; got != want {
			t.Errorf("%s: pairs = %d, want %d", what, got, want)
		}
		if got, want := jsonInt(t, l, "predicted"), c[1]; got != want {
			t.Errorf("%s: predicted = %d, want %d", what, got, want)
		}
		if got, want := l["positive"], f.positiveLabel[label]; got != want {
			t.Errorf("%s: positive = %v, want %v", what, got, want)
		}
		checkNumber(t, what, l, "rate", ratio(c[1], c[0]), tolRatio)
	}
	for label := range f.perLabel {
		if !seen[label] {
			t.Errorf("%s: per_label lacks label %q (%d pairs)", alg, label, f.perLabel[label][0])
		}
	}
}

// checkNumber compares obj[key] with want: null when want is NaN or
// infinite, else a number within tol of it.
func checkNumber(t *testing.T, what string, obj map[string]any, key string, want, tol float64) {
	t.Helper()
	v, present := obj[key]
	if !present {
		t.Errorf("%s: %s missing", what, key)
		return
	}
	if math.IsNaN(want) || math.IsInf(want, 0) {
		if v != nil {
			t.Errorf("%s: %s = %v, want null (%v)", what, key, v, want)
		}
		return
	}
	got, ok := v.(float64)
	if !ok {
		t.Errorf("%s: %s = %v, want %v", what, key, v, want)
		return
	}
	if math.Abs(got-want) > tol {
		t.Errorf("%s: %s = %v, want %v (±%g)", what, key, got, want, tol)
	}
}

func jsonObject(t *testing.T, obj map[string]any, key string) map[string]any {
	t.Helper()
	v, ok := obj[key].(map[string]any)
	if !ok {
		t.Fatalf("%s = %v, want an object", key, obj[key])
	}
	return v
}

func jsonList(t *testing.T, obj map[string]any, key string) []any {
	t.Helper()
	v, ok := obj[key].([]any)
	if !ok {
		t.Fatalf("%s = %v, want a list", key, obj[key])
	}
	return v
}

func jsonString(t *testing.T, obj map[string]any, key string) string {
	t.Helper()
	v, ok := obj[key].(string)
	if !ok {
		t.Fatalf("%s = %v, want a string", key, obj[key])
	}
	return v
}

func jsonNumber(t *testing.T, obj map[string]any, key string) float64 {
	t.Helper()
	v, ok := obj[key].(float64)
	if !ok {
		t.Fatalf("%s = %v, want a number", key, obj[key])
	}
	return v
}

func jsonInt(t *testing.T, obj map[string]any, key string) int {
	t.Helper()
	v := jsonNumber(t, obj, key)
	if v != math.Trunc(v) {
		t.Fatalf("%s = %v, want a whole number", key, v)
	}
	return int(v)
}

// testSet is a gold set the test wrote, and what the test knows of it.
type testSet struct {
	dir  string
	want want
}

// sparse returns what the sparse corpus scope of the set holds: the same
// pairs in scope, labels and counts, the implied pairs counted with the
// unlabelled; the labelled pairs are always scored (eval/sparse.go).
func (s testSet) sparse() want {
	w := s.want
	w.sparse = true
	return w
}

// writeSet writes an exhaustive gold set of docs (id → text, in the order
// of ids) and labelled pairs into a temporary folder.
func writeSet(t *testing.T, name string, positive, negative []string, ids []string, docs map[string]string, labels [][3]string) testSet {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	manifest, err := json.MarshalIndent(map[string]any{
		"name":        name,
		"description": "written by TestRecompute",
		"source":      "edits of the seed articles, gold/seeds/docs",
		"license":     "test fixture",
		"positive":    positive,
		"negative":    negative,
		"exhaustive":  true,
	}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var jsonl bytes.Buffer
	enc := json.NewEncoder(&jsonl)
	for _, id := range ids {
		if err := enc.Encode(map[string]string{"id": id, "text": docs[id]}); err != nil {
			t.Fatal(err)
		}
	}
	tsv := "a\tb\tlabel\n"
	w := want{positive: map[string]bool{}, docs: len(ids), labelled: len(labels), pairs: len(ids) * (len(ids) - 1) / 2,
		scope: "corpus", labels: map[string]string{}, ids: ids, perLabel: map[string]int{}}
	for _, l := range positive {
		w.positive[l] = true
	}
	for _, p := range labels {
		tsv += p[0] + "\t" + p[1] + "\t" + p[2] + "\n"
		w.labels[p[0]+"\t"+p[1]] = p[2]
		w.perLabel[p[2]]++
		if w.positive[p[2]] {
			w.positives++
		}
	}
	if n := w.pairs - len(labels); n > 0 {
		w.perLabel[""] = n
	}
	for file, data := range map[string][]byte{"gold.json": manifest, "docs.jsonl": jsonl.Bytes(), "pairs.tsv": []byte(tsv)} {
		if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return testSet{dir: dir, want: w}
}

// seedWords returns the words of seed article n of gold/seeds/docs.
func seedWords(t *testing.T, n string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "gold", "seeds", "docs", n+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

// replaceEvery returns words with every nth word replaced by a word of its
// own (tag keeps the replacements of two edits apart). With word 5-grams a
// replaced word breaks 5 shingles, so replacing every nth word keeps about
// 1 − 5/n of them.
func replaceEvery(words []string, n int, tag string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if i%n == n-1 {
			w = fmt.Sprintf("%s%d", tag, i)
		}
		out[i] = w
	}
	return strings.Join(out, " ")
}

// writeEditsSet writes an exhaustive set of edits of the seed articles
// whose labels make every algorithm err both ways: near copies labelled
// not duplicates (false positives), heavy rewrites and excerpts labelled
// duplicates (false negatives), and 002, which wraps 000 in a web page,
// unlabelled (a negative that scores high against 000 and its edits).
func writeEditsSet(t *testing.T) testSet {
	t.Helper()
	s0, s3, s4 := seedWords(t, "000"), seedWords(t, "003"), seedWords(t, "004")
	docs := map[string]string{
		"000":       strings.Join(s0, " "),
		"000-light": replaceEvery(s0, 40, "हल्का"), // ~7/8 of the shingles kept
		"000-near":  replaceEvery(s0, 25, "निकट"),  // ~4/5 kept, labelled not a duplicate
		"000-heavy": replaceEvery(s0, 6, "भारी"),   // ~1/6 kept, labelled a duplicate
		"001":       strings.Join(seedWords(t, "001"), " "),
		"002":       strings.Join(seedWords(t, "002"), " "),
		"003":       strings.Join(s3, " "),
		"003-part":  strings.Join(s3[:len(s3)*2/5], " "), // 2/5 of 003: Jaccard ~0.4, containment 1
		"004":       strings.Join(s4, " "),
		"004-copy":  strings.Join(s4, " "), // scores 1: a threshold of 1 tells >= from >
		"004-light": replaceEvery(s4, 50, "हल्का"),
	}
	ids := []string{"000", "000-heavy", "000-light", "000-near", "001", "002", "003", "003-part", "004", "004-copy", "004-light"}
	return writeSet(t, "edits", []string{"copy", "rewrite"}, []string{"near", "related"}, ids, docs, [][3]string{
		{"000", "000-heavy", "rewrite"},
		{"000", "000-light", "copy"},
		{"000", "000-near", "near"},
		{"000", "001", "related"},
		{"003", "003-part", "rewrite"},
		{"004", "004-copy", "copy"},
		{"004", "004-light", "copy"},
	})
}

// writeNoPositivesSet writes an exhaustive set with no duplicate: average
// precision, ROC AUC, the best F1 and its threshold are undefined (null),
// recall is 0/0, and where nothing reaches the thresholds precision is 0/0
// and F1 too: all null.
func writeNoPositivesSet(t *testing.T) testSet {
	t.Helper()
	docs := map[string]string{
		"000": strings.Join(seedWords(t, "000"), " "),
		"003": strings.Join(seedWords(t, "003"), " "),
		"004": strings.Join(seedWords(t, "004"), " "),
	}
	return writeSet(t, "nopos", []string{"duplicate"}, []string{"unrelated"}, []string{"000", "003", "004"}, docs, [][3]string{
		{"000", "003", "unrelated"},
	})
}

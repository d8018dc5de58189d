package eval_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/budget"
	"github.com/simbench/simbench/gold"
)

// TestScoringBytes checks the model against the sizes of its parts, counted
// by hand for a 64-bit machine: a Pair (two ints, a string header, a bool,
// padded: 40 bytes) and its label flag, 41; per configuration a score and a
// proposed flag, 9; per configuration scored at once a sorted score and
// label, 16; and per configuration and sweep point a threshold and four
// counts, 40.
func TestScoringBytes(t *testing.T) {
	if strconv.IntSize != 64 {
		t.Skip("the sizes below are those of 64-bit platforms")
	}
	for _, tc := range []struct {
		pairs, points    int64
		configs, workers int
		want             int64
	}{
		{4950, 4950, 2, 1, 4950*(41+2*9+16) + 2*4950*40},
		{4950, 4950, 2, 8, 4950*(41+2*9+2*16) + 2*4950*40},
		{4950, 1, 2, 8, 4950*(41+2*9+2*16) + 2*40}, // identical documents: one score
		{1_000_000, 129, 5, 2, 1_000_000*(41+5*9+2*16) + 5*129*40},
		{0, 0, 5, 2, 0},
		{1 << 62, 1 << 62, 5, 2, 1<<63 - 1}, // saturates
	} {
		if got := eval.ScoringBytes(tc.pairs, tc.points, tc.configs, tc.workers); got != tc.want {
			t.Errorf("ScoringBytes(%d, %d, %d, %d) = %d, want %d", tc.pairs, tc.points, tc.configs, tc.workers, got, tc.want)
		}
	}
}

// TestBudgetScope checks that a run whose pairs in scope need more than the
// budget stops before scoring them, with the estimate, and that a budget
// of exactly the estimate runs.
func TestBudgetScope(t *testing.T) {
	s := clough(t)
	cs := configs(t, "jaccard", "minhash-lsh")
	need := eval.ScoringBytes(4950, 4950, 2, 1) // dense corpus scope: 100·99/2 pairs
	_, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus, Workers: 1, Mem: need - 1})
	var e *budget.Exceeded
	if !errors.As(err, &e) {
		t.Fatalf("budget %d below the estimate %d: err = %v, want *budget.Exceeded", need-1, need, err)
	}
	if e.Need != need || !strings.Contains(e.Stage, "scoring 4,950 pairs") {
		t.Errorf("Exceeded{Stage: %q, Need: %d}, want scoring 4,950 pairs needing %d", e.Stage, e.Need, need)
	}
	if _, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus, Workers: 1, Mem: need}); err != nil {
		t.Errorf("budget = estimate: %v, want no error", err)
	}
}

// TestBudgetStopsBeforeFinding checks that a run of MinHash LSH over
// identical documents, all of whose pairs collide, stops before its
// candidates are found, on the bound of its band buckets, when they cannot
// be scored within the budget.
func TestBudgetStopsBeforeFinding(t *testing.T) {
	const n = 300
	text := seeds(t).Docs[0].Text
	s := &gold.Set{Manifest: gold.Manifest{Name: "same", Positive: []string{"dup"}, Negative: []string{"not"}, Exhaustive: true}}
	for i := range n {
		s.Docs = append(s.Docs, gold.Doc{ID: fmt.Sprintf("d%03d", i), Text: text})
	}
	cs := configs(t, "minhash-lsh")
	pairs := int64(n * (n - 1) / 2)
	_, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus, Sparse: true, Workers: 1, Mem: 1 << 20})
	var e *budget.Exceeded
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *budget.Exceeded", err)
	}
	if want := fmt.Sprintf("minhash-lsh, which finds at least %s pairs", "44,850"); !strings.Contains(e.Stage, want) {
		t.Errorf("stage %q, want it to say %q (before finding them)", e.Stage, want)
	}
	if want := eval.ScoringBytes(pairs, 1, 1, 1) + 24*pairs; e.Need != want { // 24 bytes per pair found, one sweep point
		t.Errorf("need %d, want %d", e.Need, want)
	}
	// Within the budget the same run finds every pair.
	res, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus, Sparse: true, Workers: 1, Mem: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if got := int64(len(res.Pairs)); got != pairs {
		t.Errorf("%d pairs scored, want %d", got, pairs)
	}
}

// TestBudgetStopsOnEarlierPairs checks that when the pairs an algorithm
// before found are what weigh, the estimate before the next one says so:
// SimHash at 0.5 (Hamming distance 32 of 64) finds a good share of the
// pairs of 300 distinct documents, and exact Jaccard after it, whose
// bound is its identical sets (none), stops on them.
func TestBudgetStopsOnEarlierPairs(t *testing.T) {
	src := seeds(t)
	s := &gold.Set{Manifest: gold.Manifest{Name: "many", Positive: []string{"dup"}, Negative: []string{"not"}, Exhaustive: true}}
	for i := range 300 {
		s.Docs = append(s.Docs, gold.Doc{ID: fmt.Sprintf("d%03d", i), Text: fmt.Sprintf("%d %s", i, src.Docs[i%len(src.Docs)].Text)})
	}
	cs := configs(t, "simhash:threshold=0.5", "jaccard")
	_, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus, Sparse: true, Workers: 1, Mem: 1 << 20})
	var e *budget.Exceeded
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *budget.Exceeded", err)
	}
	if want := "jaccard, which finds at least 0 pairs, to score beside the"; !strings.Contains(e.Stage, want) {
		t.Errorf("stage %q, want it to say %q", e.Stage, want)
	}
}

// TestBudgetStopsWhileSigning checks that a streamed run whose signatures
// alone are over the budget stops after a sample of its documents, with
// the estimate of the signatures, and that within the budget it runs.
func TestBudgetStopsWhileSigning(t *testing.T) {
	defer eval.SetMinSample(1)()
	const n = 2000
	src := seeds(t)
	s := &gold.Set{Manifest: gold.Manifest{Name: "many", Description: "seeds, numbered", Source: "the seeds", License: "as the seeds",
		Positive: []string{"dup"}, Negative: []string{"not"}, Exhaustive: true}}
	for i := range n {
		s.Docs = append(s.Docs, gold.Doc{ID: fmt.Sprintf("d%04d", i), Text: fmt.Sprintf("%d %s", i, src.Docs[i%len(src.Docs)].Text)})
	}
	s.Pairs = []gold.Pair{{A: 0, B: 5, Label: "dup"}}
	dir := filepath.Join(t.TempDir(), "many")
	if err := gold.Write(dir, s); err != nil {
		t.Fatal(err)
	}
	// MinHash alone keeps its signatures as it signs; with exact
	// Jaccard, whose signatures are the shingles, the run keeps the
	// shingles and signs with MinHash later, which holds less.
	// With SimHash beside it, MinHash still signs as it reads, and the
	// hint names it as the one whose signatures weigh.
	for _, tc := range []struct {
		algos []string
		stage string
		hint  string
	}{
		{[]string{"minhash-lsh"}, "holding the signatures of about", ""},
		{[]string{"jaccard", "minhash-lsh"}, "holding the shingles of about", ""},
		{[]string{"simhash", "minhash-lsh"}, "holding the signatures of about", "minhash-lsh's the largest"},
	} {
		cs := configs(t, tc.algos...)
		// 128 words a document: 1 KiB, so 2 MiB for the set.
		_, err := eval.EvaluateStream(context.Background(), dir, cs, eval.Options{Scope: eval.Corpus, Workers: 1, Mem: 1 << 20})
		var e *budget.Exceeded
		if !errors.As(err, &e) {
			t.Fatalf("%v: err = %v, want *budget.Exceeded", tc.algos, err)
		}
		if !strings.Contains(e.Stage, tc.stage) {
			t.Errorf("%v: stage %q, want it to say %q", tc.algos, e.Stage, tc.stage)
		}
		if !strings.Contains(e.Hint, tc.hint) {
			t.Errorf("%v: hint %q, want it to say %q", tc.algos, e.Hint, tc.hint)
		}
		if min := int64(n * 1024); e.Need < min {
			t.Errorf("%v: need %d, want at least the %d bytes of the signatures", tc.algos, e.Need, min)
		}
		if _, err := eval.EvaluateStream(context.Background(), dir, cs, eval.Options{Scope: eval.Corpus, Workers: 1, Mem: 1 << 34}); err != nil {
			t.Fatalf("%v: within the budget: %v", tc.algos, err)
		}
	}
}

// TestSignatureEstimateEscapedJSON checks that the streamed estimate of
// the signatures is the same, within 2%, for a docs.jsonl written with
// the Devanagari as it is and one written with every non-ASCII rune as a
// \u escape (six bytes for three), as Python's json.dumps writes it: the
// estimate goes by the bytes of the file read, not of the text.
func TestSignatureEstimateEscapedJSON(t *testing.T) {
	defer eval.SetMinSample(1)()
	src := seeds(t)
	s := &gold.Set{Manifest: gold.Manifest{Name: "many", Description: "seeds, numbered", Source: "the seeds", License: "as the seeds",
		Positive: []string{"dup"}, Negative: []string{"not"}, Exhaustive: true}}
	for i := range 2000 {
		// Short texts, to sign fast: some 100 words of Hindi each.
		text := []rune(src.Docs[i%len(src.Docs)].Text)
		s.Docs = append(s.Docs, gold.Doc{ID: fmt.Sprintf("d%04d", i), Text: fmt.Sprintf("%d %s", i, string(text[:min(len(text), 600)]))})
	}
	s.Pairs = []gold.Pair{{A: 0, B: 5, Label: "dup"}}
	plain := filepath.Join(t.TempDir(), "many")
	if err := gold.Write(plain, s); err != nil {
		t.Fatal(err)
	}
	escaped := filepath.Join(t.TempDir(), "many")
	if err := os.CopyFS(escaped, os.DirFS(plain)); err != nil {
		t.Fatal(err)
	}
	// Both as docs.jsonl: one with the runes as they are, one escaped.
	for _, dir := range []string{plain, escaped} {
		if err := os.RemoveAll(filepath.Join(dir, "docs")); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, d := range s.Docs {
			fmt.Fprintf(&b, `{"id":%q,"text":"`, d.ID)
			for _, r := range d.Text {
				switch {
				case r == '"' || r == '\\':
					b.WriteString(`\` + string(r))
				case r < 0x20 || r >= 0x80 && dir == escaped:
					for _, u := range utf16.Encode([]rune{r}) {
						fmt.Fprintf(&b, `\u%04x`, u)
					}
				default:
					b.WriteRune(r)
				}
			}
			b.WriteString("\"}\n")
		}
		if err := os.WriteFile(filepath.Join(dir, "docs.jsonl"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	need := func(dir string) int64 {
		runtime.GC() // what else is live, the same for both
		_, err := eval.EvaluateStream(context.Background(), dir, configs(t, "minhash-lsh:perm=1024,bands=128,rows=8"), eval.Options{Scope: eval.Corpus, Workers: 1, Mem: 1 << 20})
		var e *budget.Exceeded
		if !errors.As(err, &e) {
			t.Fatalf("%s: err = %v, want *budget.Exceeded", dir, err)
		}
		return e.Need
	}
	// The signatures are 2000 × (1024 words of 8 bytes + 28) = 16.4 MB;
	// an estimate by the bytes of text would count them about twice for
	// the escaped file. What else is live (the test's heap) is in both.
	const sigs = 2000 * (1024*8 + 28)
	p, e := need(plain), need(escaped)
	t.Logf("estimate %d escaped against %d plain", e, p)
	if d := e - p; d > sigs/4 || d < -sigs/4 {
		t.Errorf("estimate %d escaped against %d plain: %d apart, want within a quarter of the %d bytes of signatures", e, p, d, sigs)
	}
}

// TestSweepPoints checks the bound of a configuration's sweep points in
// the sparse scope, counted by hand: the pairs found, plus the score 0 of
// the others and the point at +Inf, and no more than the levels of a
// sketch's similarity (k + 1 for k slots, 65 for SimHash) plus one.
func TestSweepPoints(t *testing.T) {
	for _, tc := range []struct {
		spec  string
		found int64
		want  int64
	}{
		{"jaccard", 5, 7},
		{"jaccard", 0, 2},
		{"minhash-lsh", 1_000_000, 130},
		{"minhash-lsh", 3, 5},
		{"minhash-lsh:verify=true", 1_000_000, 1_000_002}, // exact Jaccard scores
		{"oph:perm=64", 1_000_000, 66},
		{"simhash", 21_873_381, 66},
	} {
		if got := eval.SweepPoints(configs(t, tc.spec)[0], tc.found); got != tc.want {
			t.Errorf("%s, %d found: %d points, want %d", tc.spec, tc.found, got, tc.want)
		}
	}
}

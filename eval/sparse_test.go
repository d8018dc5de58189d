package eval_test

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/metric"
	"github.com/simbench/simbench/gold"
)

// clough returns the embedded Clough set, declared exhaustive so that its
// corpus scope may be scored: its 100 documents give 4,950 pairs, few
// enough to score every one and compare with the sparse scope.
func clough(t testing.TB) *gold.Set {
	t.Helper()
	s, err := gold.Open("clough")
	if err != nil {
		t.Fatal(err)
	}
	s.Manifest.Exhaustive = true
	return s
}

// TestSparseMatchesDense is the check that the join and the SimHash tables
// find the same pairs as scoring every pair: the sparse corpus scope must
// give, for every algorithm, the metrics of the dense corpus scope with the
// scores below the algorithm's floor counted as 0 (an index's unproposed
// pairs score 0 in both).
func TestSparseMatchesDense(t *testing.T) {
	// rocTol is the rounding of the trapezoidal sums, which add the
	// implied negatives as one weighted observation or one at a time.
	const rocTol = 1e-12
	s := clough(t)
	cs := configs(t, "jaccard:floor=0.2", "jaccard:shingle=char,k=4,threshold=0.6,floor=0.35",
		"simhash:threshold=0.85,floor=0.8", "simhash:threshold=0.9", "minhash-lsh", "minhash-lsh:verify=true", "oph")
	dense, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus})
	if err != nil {
		t.Fatal(err)
	}
	sparse, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus, Sparse: true})
	if err != nil {
		t.Fatal(err)
	}
	if !sparse.Sparse || dense.Sparse {
		t.Fatalf("Sparse = %v and %v, want true and false", sparse.Sparse, dense.Sparse)
	}
	if got, want := sparse.InScope(), int64(len(dense.Pairs)); got != want {
		t.Fatalf("sparse scope holds %d pairs (%d scored + %d implied), want %d", got, len(sparse.Pairs), sparse.Implied, want)
	}
	if len(sparse.Pairs) >= len(dense.Pairs)/2 {
		t.Errorf("sparse scope scored %d of %d pairs; the test wants a scope that leaves most out", len(sparse.Pairs), len(dense.Pairs))
	}
	if sparse.Positives != dense.Positives {
		t.Errorf("sparse scope has %d positives, want %d (every labelled pair is scored)", sparse.Positives, dense.Positives)
	}
	labels := make([]bool, len(dense.Pairs))
	for i, p := range dense.Pairs {
		labels[i] = p.Positive
	}
	for i, d := range dense.Runs {
		sp := sparse.Runs[i]
		name := d.Config.Label
		// The dense scores, with those below the floor counted as 0.
		want := slices.Clone(d.Scores)
		for j := range want {
			if want[j] < d.Config.Floor {
				want[j] = 0
			}
		}
		// Every pair of the sparse scope has its dense score.
		k := 0
		found := 0
		for j, p := range sparse.Pairs {
			for dense.Pairs[k].A != p.A || dense.Pairs[k].B != p.B {
				if want[k] != 0 {
					t.Errorf("%s: pair %d-%d scores %v but is not in the sparse scope", name, dense.Pairs[k].A, dense.Pairs[k].B, want[k])
				}
				k++
			}
			if sp.Scores[j] != want[k] {
				t.Errorf("%s: pair %d-%d scores %v in the sparse scope, want %v", name, p.A, p.B, sp.Scores[j], want[k])
			}
			if sp.Scores[j] > 0 {
				found++
			}
			k++
		}
		for ; k < len(want); k++ {
			if want[k] != 0 {
				t.Errorf("%s: pair %d-%d scores %v but is not in the sparse scope", name, dense.Pairs[k].A, dense.Pairs[k].B, want[k])
			}
		}
		if found == 0 {
			t.Errorf("%s: no pair scores above 0; the test checks nothing", name)
		}
		sweep := metric.Sweep(want, labels)
		if !slices.Equal(sp.Sweep, sweep) {
			t.Errorf("%s: sparse sweep differs from the dense sweep with the floor applied", name)
		}
		if got, want := sp.At, metric.At(want, labels, d.Config.Threshold); got != want {
			t.Errorf("%s: At = %+v, want %+v", name, got, want)
		}
		if got, want := sp.ROCAUC, metric.ROCAUC(want, labels); math.Abs(got-want) > rocTol {
			t.Errorf("%s: ROC AUC = %v, want %v", name, got, want)
		}
		if got, want := sp.AP, metric.AveragePrecision(sweep); got != want {
			t.Errorf("%s: AP = %v, want %v", name, got, want)
		}
		if !slices.Equal(sp.PerLabel, d.PerLabel) {
			t.Errorf("%s: per label %+v, want %+v", name, sp.PerLabel, d.PerLabel)
		}
	}
}

// TestSparseRefusals checks the errors of configurations the sparse corpus
// scope cannot run.
func TestSparseRefusals(t *testing.T) {
	s := clough(t)
	for _, spec := range []string{"containment", "jaccard:threshold=0"} {
		_, err := eval.Evaluate(context.Background(), s, configs(t, spec), eval.Options{Scope: eval.Corpus, Sparse: true})
		if err == nil {
			t.Errorf("sparse scope with %s: no error", spec)
		}
	}
	if _, err := eval.Evaluate(context.Background(), s, configs(t, "jaccard"), eval.Options{Scope: eval.Labelled, Sparse: true}); err == nil {
		t.Errorf("sparse labelled scope: no error")
	}
}

// TestStreamMatchesEvaluate checks that a streamed run gives the results of
// a run on the loaded set, for several worker counts (and so batchings and
// schedules), whether it defers the signing (with exact Jaccard, whose
// signatures are the shingles) or signs as it reads (sketches alone), and
// whether it decides so after a sample or at the end.
func TestStreamMatchesEvaluate(t *testing.T) {
	s := clough(t)
	dir := filepath.Join(t.TempDir(), "clough")
	if err := gold.Write(dir, s); err != nil {
		t.Fatal(err)
	}
	for _, sample := range []int64{1, 1 << 30} {
		defer eval.SetMinSample(sample)()
		for _, algos := range [][]string{
			{"jaccard:floor=0.2", "simhash:threshold=0.85,floor=0.8", "minhash-lsh:verify=true", "oph", "jaccard:shingle=char,k=3,floor=0.3"},
			{"minhash-lsh", "oph:perm=64", "simhash:threshold=0.85,floor=0.8"},
		} {
			streamMatchesEvaluate(t, s, dir, configs(t, algos...))
		}
	}
}

func streamMatchesEvaluate(t *testing.T, s *gold.Set, dir string, cs []algorithms.Config) {
	t.Helper()
	want, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus, Sparse: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 5} {
		got, err := eval.EvaluateStream(context.Background(), dir, cs, eval.Options{Scope: eval.Corpus, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if !got.Sparse || got.Implied != want.Implied || !slices.Equal(got.Pairs, want.Pairs) {
			t.Fatalf("workers=%d: %d pairs scored and %d implied, want %d and %d", workers, len(got.Pairs), got.Implied, len(want.Pairs), want.Implied)
		}
		if got.Bytes != want.Bytes {
			t.Errorf("workers=%d: Bytes = %d, want %d", workers, got.Bytes, want.Bytes)
		}
		if got.GoldHash != want.GoldHash {
			t.Errorf("workers=%d: GoldHash = %s, want %s", workers, got.GoldHash, want.GoldHash)
		}
		for i, w := range want.Runs {
			g := got.Runs[i]
			if !slices.Equal(g.Scores, w.Scores) || !slices.Equal(g.Sweep, w.Sweep) || g.At != w.At || g.SigBytes != w.SigBytes {
				t.Errorf("workers=%d, %s: streamed scores or metrics differ", workers, w.Config.Label)
			}
		}
		for i, w := range want.Text {
			if g := got.Text[i]; g.Shingles != w.Shingles || !slices.Equal(g.Empty, w.Empty) {
				t.Errorf("workers=%d: text %s: %v shingles a document, empty %v; want %v, %v", workers, w.Options, g.Shingles, g.Empty, w.Shingles, w.Empty)
			}
		}
	}
}

// TestStreamScope checks the scope of a streamed run of a set that is not
// exhaustive: labelled by default, and the corpus scope refused before any
// document is read.
func TestStreamScope(t *testing.T) {
	s, err := gold.Open("clough") // not exhaustive
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "clough")
	if err := gold.Write(dir, s); err != nil {
		t.Fatal(err)
	}
	cs := configs(t, "containment", "minhash-lsh")
	res, err := eval.EvaluateStream(context.Background(), dir, cs, eval.Options{AutoScope: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Scope != eval.Labelled || res.Sparse || len(res.Pairs) != len(s.Pairs) {
		t.Errorf("streamed run of a set that is not exhaustive: scope %v, sparse %v, %d pairs; want labelled, dense, %d", res.Scope, res.Sparse, len(res.Pairs), len(s.Pairs))
	}
	if _, err := eval.EvaluateStream(context.Background(), dir, cs, eval.Options{Scope: eval.Corpus}); err == nil || !strings.Contains(err.Error(), "not exhaustive") {
		t.Errorf("streamed corpus-scope run of a set that is not exhaustive: error %v, want one saying so", err)
	}
}

// queryOnly hides an algorithm's SelfJoin, so that eval finds its pairs by
// the other way: adding every signature to its index (or join index) and
// asking for each document's candidates.
type queryOnly struct{ algo.Indexer }

type joinQueryOnly struct {
	algo.Algorithm
	j interface {
		NewJoinIndex(floor float64, sizeHint int) algo.Index
	}
}

func (q joinQueryOnly) NewJoinIndex(floor float64, sizeHint int) algo.Index {
	return q.j.NewJoinIndex(floor, sizeHint)
}

// TestQueryPathMatchesSelfJoin checks that the two ways eval finds an
// algorithm's pairs, one pass (algo.SelfJoiner) and a query per document
// (algo.Index), give the same scores, for an index and for both joins.
func TestQueryPathMatchesSelfJoin(t *testing.T) {
	s := clough(t)
	cs := configs(t, "minhash-lsh", "jaccard:floor=0.2", "simhash:threshold=0.85,floor=0.8")
	hidden := slices.Clone(cs)
	for i, c := range hidden {
		switch a := c.Algorithm.(type) {
		case algo.Indexer:
			hidden[i].Algorithm = queryOnly{a}
		case algo.Joiner:
			hidden[i].Algorithm = joinQueryOnly{a, a}
		}
		if _, ok := hidden[i].Algorithm.(algo.SelfJoiner); ok {
			t.Fatalf("%s: the wrapper still self-joins", c.Label)
		}
	}
	want, err := eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: eval.Corpus, Sparse: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := eval.Evaluate(context.Background(), s, hidden, eval.Options{Scope: eval.Corpus, Sparse: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Pairs, want.Pairs) {
		t.Fatalf("the query path scored %d pairs, the self-join %d", len(got.Pairs), len(want.Pairs))
	}
	for i, w := range want.Runs {
		if w.Candidates <= 0 {
			t.Errorf("%s found no pair; the test compares nothing", w.Config.Label)
		}
		if g := got.Runs[i]; !slices.Equal(g.Scores, w.Scores) || g.Candidates != w.Candidates {
			t.Errorf("%s: the query path found %d pairs, the self-join %d, or their scores differ", w.Config.Label, g.Candidates, w.Candidates)
		}
	}
}

package synth

import (
	"flag"
	"testing"

	"github.com/simbench/simbench/algorithms/join"
	"github.com/simbench/simbench/algorithms/text"
)

var chanceDocs = flag.Int("synth.chance", 3000, "documents of TestChanceJaccard")

// chanceJaccardMax bounds the Jaccard similarity of the word 5-gram shingles
// of two unrelated documents. Two such documents of about 236 shingles each
// that shared a dozen 5-grams by chance would score 12/460 ≈ 0.026; the
// package documentation gives the largest value found on 20,000 documents,
// a single shared 5-gram.
const chanceJaccardMax = 0.02

// TestChanceJaccard compares every pair of a sample of documents, and checks
// that unrelated documents stay below chanceJaccardMax and that every
// near-duplicate pair is above nearJaccardMin: the sets WriteDir writes are
// honestly exhaustive. -synth.chance sets the size of the sample; -v prints
// what it found.
func TestChanceJaccard(t *testing.T) {
	n := *chanceDocs
	if testing.Short() {
		n = min(n, 1000)
	}
	g, err := NewGenerator(Options{Docs: n, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	sh, err := text.NewShingler(text.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	sets := make([][]uint64, n)
	for {
		i, doc, ok := g.Next()
		if !ok {
			break
		}
		sets[i] = sh.Append(nil, string(doc))
	}
	near := make(map[Pair]bool)
	for _, p := range g.Pairs() {
		near[p] = true
	}
	// The smallest positive threshold: every pair sharing one shingle.
	const anyShared = 1e-9
	var found, nearFound, shared int
	var maxJ float64
	minNear := 1.0
	var maxPair Pair
	for _, p := range join.JoinWorkers(sets, anyShared, 2) {
		if near[Pair{p.A, p.B}] {
			nearFound++
			minNear = min(minNear, p.J)
			if p.J < nearJaccardMin {
				t.Errorf("near-duplicate pair (%d, %d): Jaccard %.3f, want at least %v", p.A, p.B, p.J, nearJaccardMin)
			}
			continue
		}
		found++
		if p.J > maxJ {
			maxJ, maxPair = p.J, Pair{p.A, p.B}
			shared = int(p.J*float64(len(sets[p.A])+len(sets[p.B]))/(1+p.J) + 0.5)
		}
	}
	if nearFound != len(near) {
		t.Errorf("%d near-duplicate pairs share a shingle, want all %d", nearFound, len(near))
	}
	if maxJ > chanceJaccardMax {
		t.Errorf("unrelated documents %d and %d: Jaccard %.4f, want at most %v", maxPair.A, maxPair.B, maxJ, chanceJaccardMax)
	}
	t.Logf("%d documents, %d pairs: %d unrelated pairs share a word 5-gram; the largest Jaccard is %.4f (%d shared), documents %d and %d; the smallest of a near-duplicate pair is %.3f",
		n, n*(n-1)/2, found, maxJ, shared, maxPair.A, maxPair.B, minNear)
}

package jaccard_test

import (
	"fmt"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/jaccard"
)

func TestConformance(t *testing.T) {
	algotest.Run(t, algotest.Suite{
		New: func(uint64) algo.Algorithm { return jaccard.Jaccard{} },
		Expect: func(a, b []uint64) (float64, float64) {
			return bruteJaccard(a, b), 0
		},
	})
}

// bruteJaccard is J(A, B) by set membership, independent of the merge.
func bruteJaccard(a, b []uint64) float64 {
	in := make(map[uint64]bool)
	for _, x := range a {
		in[x] = true
	}
	inter := 0
	for _, x := range b {
		if in[x] {
			inter++
		}
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func TestSimilarityTable(t *testing.T) {
	const tol = 1e-15 // one division of small integers
	for _, c := range []struct {
		a, b             []uint64
		wantJ, wantC     float64
		wantIntersection int
	}{
		{[]uint64{1, 2, 3}, []uint64{1, 2, 3}, 1, 1, 3},
		{[]uint64{1, 2, 3}, []uint64{4, 5}, 0, 0, 0},
		{[]uint64{1, 2, 3, 4}, []uint64{3, 4, 5, 6}, 2.0 / 6, 2.0 / 4, 2},
		{[]uint64{1, 2}, []uint64{1, 2, 3, 4, 5, 6, 7, 8}, 2.0 / 8, 1, 2}, // a is wrapped in b
		{[]uint64{5}, nil, 0, 0, 0},
		{nil, nil, 0, 0, 0},
	} {
		if got := (jaccard.Jaccard{}).Similarity(c.a, c.b); got-c.wantJ > tol || c.wantJ-got > tol {
			t.Errorf("Similarity(%v, %v) = %v, want %v", c.a, c.b, got, c.wantJ)
		}
		if got := jaccard.Containment(c.a, c.b); got-c.wantC > tol || c.wantC-got > tol {
			t.Errorf("Containment(%v, %v) = %v, want %v", c.a, c.b, got, c.wantC)
		}
		if got := jaccard.Intersection(c.a, c.b); got != c.wantIntersection {
			t.Errorf("Intersection(%v, %v) = %d, want %d", c.a, c.b, got, c.wantIntersection)
		}
	}
}

func ExampleJaccard_Similarity() {
	a := []uint64{1, 2, 3, 4} // the sorted shingle hashes of two documents
	b := []uint64{3, 4, 5, 6}
	fmt.Printf("J = %.3f\n", jaccard.Jaccard{}.Similarity(a, b))
	fmt.Printf("containment = %.3f\n", jaccard.Containment(a, b))
	// Output:
	// J = 0.333
	// containment = 0.500
}

package main

import (
	"fmt"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/jaccard"
)

func TestCorpusDeterministic(t *testing.T) {
	a, err := NewCorpus(200, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewCorpus(200, 7)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Docs, b.Docs) {
		t.Errorf("NewCorpus(200, 7) twice: the documents differ")
	}
	if got, want := a.Digest(), b.Digest(); got != want {
		t.Errorf("NewCorpus(200, 7) twice: Digest = %016x, then %016x", got, want)
	}
	c, err := NewCorpus(200, 8)
	if err != nil {
		t.Fatal(err)
	}
	if a.Digest() == c.Digest() {
		t.Errorf("NewCorpus(200, 7) and NewCorpus(200, 8) have the same digest %016x", a.Digest())
	}
}

func TestDigestSeesShingles(t *testing.T) {
	c, err := NewCorpus(minDocs, 1)
	if err != nil {
		t.Fatal(err)
	}
	before := c.Digest()
	c.Shingles[3][0] ^= 1
	if c.Digest() == before {
		t.Errorf("Digest did not change when a shingle did")
	}
}

// Bounds on the corpus, from its construction (package gold/synth): each
// edited copy changes a word with probability at most 8%, and a word 5-gram
// survives when none of its five words changed, so with probability at least
// 0.92^5 ≈ 0.66, giving J ≈ 0.66/(2 − 0.66) ≈ 0.49 on average; unrelated
// documents share a 5-gram only by chance, which Zipf's head makes rare.
const (
	nearJaccardMin   = 0.2  // far below the 0.49 expected at the highest edit rate
	randomJaccardMax = 0.05 // a dozen shared 5-grams of 240
)

func TestCorpusShape(t *testing.T) {
	for _, tc := range []struct {
		docs, near int // near = docs·3/16, rounded down
	}{
		{16, 3},
		{200, 37},
		{1000, 187},
	} {
		t.Run(fmt.Sprint(tc.docs), func(t *testing.T) {
			c, err := NewCorpus(tc.docs, 1)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(c.Docs); got != tc.docs {
				t.Errorf("len(Docs) = %d, want %d", got, tc.docs)
			}
			if got := len(c.Shingles); got != tc.docs {
				t.Errorf("len(Shingles) = %d, want %d", got, tc.docs)
			}
			if got := len(c.Near); got != tc.near {
				t.Errorf("len(Near) = %d, want %d", got, tc.near)
			}
			if got := len(c.Random); got != tc.near {
				t.Errorf("len(Random) = %d, want %d", got, tc.near)
			}
			bytes := 0
			for _, d := range c.Docs {
				bytes += len(d)
			}
			if bytes != c.Bytes {
				t.Errorf("Bytes = %d, want %d", c.Bytes, bytes)
			}
			if mean := float64(c.ShingleCount()) / float64(tc.docs); mean < docWordsMin-4 || mean > docWordsMax-4 {
				t.Errorf("%.1f shingles per document, want %d to %d (words − 4)", mean, docWordsMin-4, docWordsMax-4)
			}
			var jac jaccard.Jaccard
			near := make(map[Pair]bool)
			copies := make(map[int]bool)
			for _, p := range c.Near {
				near[p] = true
				if p.A >= p.B || p.B < tc.docs-tc.near || p.B >= tc.docs || p.A >= tc.docs-tc.near {
					t.Errorf("near-duplicate pair %v: want an original below %d and a copy from there on", p, tc.docs-tc.near)
				}
				if copies[p.A] {
					t.Errorf("original %d copied twice", p.A)
				}
				copies[p.A] = true
				if j := jac.Similarity(c.Shingles[p.A], c.Shingles[p.B]); j < nearJaccardMin {
					t.Errorf("near-duplicate pair %v: Jaccard %.3f, want ≥ %v", p, j, nearJaccardMin)
				}
			}
			for _, p := range c.Random {
				if p.A >= p.B || p.B >= tc.docs || near[p] {
					t.Errorf("random pair %v: want A < B < %d, not a near-duplicate pair", p, tc.docs)
				}
				if j := jac.Similarity(c.Shingles[p.A], c.Shingles[p.B]); j > randomJaccardMax {
					t.Errorf("random pair %v: Jaccard %.3f, want ≤ %v", p, j, randomJaccardMax)
				}
			}
			for i, s := range c.Shingles {
				if len(s) == 0 || !slices.IsSorted(s) || len(slices.Compact(slices.Clone(s))) != len(s) {
					t.Errorf("Shingles[%d] is empty, unsorted or has duplicates", i)
				}
			}
		})
	}
}

func TestCorpusTooSmall(t *testing.T) {
	for _, n := range []int{-1, 0, minDocs - 1} {
		if _, err := NewCorpus(n, 1); err == nil {
			t.Errorf("NewCorpus(%d, 1): no error, want one", n)
		}
	}
}

func ExampleNewCorpus() {
	c, err := NewCorpus(200, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(c.Docs), "documents,", len(c.Near), "near-duplicate pairs,", len(c.Random), "random pairs")
	// Output: 200 documents, 37 near-duplicate pairs, 37 random pairs
}

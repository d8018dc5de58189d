package gen

import (
	"math/rand/v2"
	"testing"

	"github.com/simbench/simbench/gold"
)

// TestShufflerBookkeeping checks the 5-grams a shuffler keeps up to date
// swap by swap against those of its arrangement counted afresh, on texts
// whose sentences are long, short (so that a 5-gram spans several of them)
// and mixed.
func TestShufflerBookkeeping(t *testing.T) {
	s, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		s.Docs[0].Text,
		s.Docs[3].Text,
		"A. B. C. D. E. F. G. H. I. J.",
		"One two. Three. Four five six seven eight nine. Ten! Eleven twelve?\nThirteen\nFourteen fifteen sixteen.",
		"a b c d e f g. a b c d e f g. a b. c d.",
	}
	for _, text := range texts {
		d := parse(text)
		sh := newShuffler(d, rand.New(rand.NewPCG(1, 2)))
		rng := rand.New(rand.NewPCG(3, 4))
		for range 200 {
			a, b := rng.IntN(len(sh.order)), rng.IntN(len(sh.order))
			if a == b {
				continue
			}
			sh.swap(a, b)
			want := make(map[uint64]int)
			for _, g := range sh.grams(0, len(sh.order)-1) {
				want[g]++
			}
			inter := 0
			for g := range want {
				if _, ok := sh.orig[g]; ok {
					inter++
				}
			}
			if len(want) != len(sh.count) || inter != sh.inter {
				t.Fatalf("%.30q after swap(%d, %d): %d distinct 5-grams, %d shared; want %d and %d", text, a, b, len(sh.count), sh.inter, len(want), inter)
			}
			for g, n := range want {
				if sh.count[g] != n {
					t.Fatalf("%.30q after swap(%d, %d): a 5-gram counted %d times, want %d", text, a, b, sh.count[g], n)
				}
			}
		}
	}
}

// TestShufflerMoves checks that after the steps for k moves exactly k
// sentences are out of place, for every k a shuffler can reach; that no step
// raises the similarity; and that each step lowers it while few sentences
// have moved. Document 000 of the seeds has m = 25 sentences and 24 joins of
// two sentences; k moves break at most 2k of them, so for k <= 10 some are
// left, and a step that moves a sentence beside one breaks its 5-grams.
func TestShufflerMoves(t *testing.T) {
	s, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	d := parse(s.Docs[0].Text)
	m := len(d.sents)
	if m != 25 {
		t.Fatalf("%d sentences, want 25", m)
	}
	sh := newShuffler(d, rand.New(rand.NewPCG(5, 6)))
	prev := sh.similarity()
	for k := 2; k <= m; k++ {
		for len(sh.moved) < k {
			sh.step()
		}
		out := 0
		for i, j := range sh.order {
			if i != j {
				out++
			}
		}
		if out != k || len(sh.moved) != k {
			t.Errorf("after the steps for %d moves: %d sentences out of place, %d moved positions", k, out, len(sh.moved))
		}
		sim := sh.similarity()
		if sim > prev || k <= 10 && sim == prev {
			t.Errorf("%d moves: similarity %.4f, %.4f at %d", k, sim, prev, k-1)
		}
		prev = sim
	}
}

package reported_test

import (
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/reported"
)

func TestPairs(t *testing.T) {
	f, err := reported.New(4, []reported.Pair{{A: 2, B: 0, Score: 0.75}, {A: 1, B: 3, Score: 1}})
	if err != nil {
		t.Fatal(err)
	}
	sigs := f.DocSignatures(4)
	for _, c := range []struct {
		a, b int
		want float64
	}{{0, 2, 0.75}, {2, 0, 0.75}, {1, 3, 1}, {0, 1, 0}, {2, 3, 0}, {1, 1, 0}} {
		if got := f.Similarity(sigs[c.a], sigs[c.b]); got != c.want {
			t.Errorf("Similarity(%d, %d) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	keys := f.SelfJoin(sigs, 0, 1)
	if want := []uint64{algo.PairKey(0, 2), algo.PairKey(1, 3)}; len(keys) != 2 || keys[0] != want[0] || keys[1] != want[1] {
		t.Errorf("SelfJoin = %v, want %v", keys, want)
	}
	ix := f.NewIndex(4)
	if got := ix.Candidates(nil, sigs[2]); len(got) != 1 || got[0] != 0 {
		t.Errorf("Candidates(2) = %v, want [0]", got)
	}
}

func TestNewErrors(t *testing.T) {
	for _, c := range []struct {
		pairs []reported.Pair
		want  string
	}{
		{[]reported.Pair{{A: 1, B: 1, Score: 1}}, "with itself"},
		{[]reported.Pair{{A: 0, B: 4, Score: 1}}, "want indexes from 0 to 3"},
		{[]reported.Pair{{A: 0, B: 1, Score: 1.5}}, "want a number from 0 to 1"},
		{[]reported.Pair{{A: 0, B: 1, Score: 1}, {A: 1, B: 0, Score: 0.5}}, "given twice"},
	} {
		if _, err := reported.New(4, c.pairs); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%v) = %v, want an error containing %q", c.pairs, err, c.want)
		}
	}
}

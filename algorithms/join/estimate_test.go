package join_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/join"
)

// plainCounts returns, by comparing every pair, the number of non-empty
// sets, of groups of identical ones, of pairs of identical ones, and the
// pairs with J ≥ t whose sets differ: all of them, and those between the
// first sets of their groups.
func plainCounts(sets [][]uint64, t float64) (nonEmpty, groups, identical, cross, crossFirst int) {
	first := func(i int) bool {
		return slices.IndexFunc(sets[:i], func(o []uint64) bool { return slices.Equal(o, sets[i]) }) < 0
	}
	for i, s := range sets {
		if len(s) == 0 {
			continue
		}
		nonEmpty++
		if first(i) {
			groups++
		}
		for j := i + 1; j < len(sets); j++ {
			switch {
			case len(sets[j]) == 0:
			case slices.Equal(s, sets[j]):
				identical++
			case jaccard.Jaccard{}.Similarity(s, sets[j]) >= t:
				cross++
				if first(i) && first(j) {
					crossFirst++
				}
			}
		}
	}
	return
}

// TestEstimateBounds checks Estimate against plain counts: the numbers of
// sets, groups and identical pairs exactly, and that its bounds are at
// least the pairs brute force finds.
func TestEstimateBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, c := range []struct {
		name string
		sets [][]uint64
	}{
		{"none", nil},
		{"heavy", withEdgeCases(heavy.generate(rng))},
		{"groups", withGroups(rng, withEdgeCases(heavy.generate(rng)))},
		{"groups-flat", withGroups(rng, corpus{sets: 300, size: 8, jit: 7, vocab: 40, s: 1.01, v: 100, dups: 0.2, maxChange: 0.5}.generate(rng))},
		{"identical", identicalSets(40, 20)},
	} {
		for _, th := range thresholds {
			e := join.Estimate(c.sets, th, 2)
			sets, groups, identical, cross, crossFirst := plainCounts(c.sets, th)
			if e.Sets != sets || e.Groups != groups || e.IdenticalPairs != int64(identical) {
				t.Errorf("%s t=%v: Estimate gives %d sets, %d groups, %d identical pairs, want %d, %d, %d",
					c.name, th, e.Sets, e.Groups, e.IdenticalPairs, sets, groups, identical)
			}
			if e.CrossPairs < int64(cross) || e.Probes < int64(crossFirst) {
				t.Errorf("%s t=%v: Estimate bounds %d cross pairs (%d between representatives), below the %d (%d) of brute force",
					c.name, th, e.CrossPairs, e.Probes, cross, crossFirst)
			}
			if got := join.IdenticalPairs(c.sets, 3); got != int64(identical) {
				t.Errorf("%s: IdenticalPairs = %d, want %d", c.name, got, identical)
			}
			if n := len(join.SelfJoin(c.sets, th, 1)); e.Pairs() < int64(n) || e.PairBytes() < 8*int64(n) {
				t.Errorf("%s t=%v: Estimate bounds %d pairs, %d bytes, below SelfJoin's %d pairs", c.name, th, e.Pairs(), e.PairBytes(), n)
			}
		}
	}
}

// TestEstimateExact checks Estimate where its bounds are reached: copies of
// one set and random sets that share no token, so that no list is read.
func TestEstimateExact(t *testing.T) {
	for _, n := range []int{0, 1, 2, 50} {
		sets := identicalSets(n, 30)
		e := join.Estimate(sets, 0.5, 1)
		want := join.Bounds{Sets: n + 30, Groups: min(n, 1) + 30, IdenticalPairs: int64(n * (n - 1) / 2)}
		e.IndexBytes = 0
		if e != want {
			t.Errorf("Estimate(%d copies and 30 random sets) = %+v, want %+v", n, e, want)
		}
	}
}

func ExampleEstimate() {
	sets := [][]uint64{
		{1, 2, 3, 4},
		{1, 2, 3, 4},
		{1, 2, 3, 4},
		{1, 2, 3, 5},
		{7, 8},
	}
	e := join.Estimate(sets, 0.5, 1)
	fmt.Println("identical pairs:", e.IdenticalPairs)
	// The pair of groups {0, 1, 2} and {3} shares 3 tokens of the
	// prefixes, so its 3 pairs are counted 3 times.
	fmt.Println("at most", e.Pairs(), "pairs")
	fmt.Println("found", len(join.SelfJoin(sets, 0.5, 1)), "pairs")
	// Output:
	// identical pairs: 3
	// at most 12 pairs
	// found 6 pairs
}

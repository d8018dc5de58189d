package join_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/join"
)

// thresholds are the thresholds every comparison with brute force runs at.
var thresholds = []float64{0.3, 0.5, 0.8, 0.95, 1.0}

// heavy is a corpus of 300 sets whose tokens overlap heavily: a small
// vocabulary under a steep Zipf law, so that even unrelated sets share their
// frequent tokens, and a third of the sets are near-duplicates.
var heavy = corpus{sets: 300, size: 40, jit: 30, vocab: 2000, s: 1.2, v: 2, dups: 0.35, maxChange: 0.6}

// withEdgeCases returns sets with empty sets, exact duplicates and single
// tokens put in, at fixed places.
func withEdgeCases(sets [][]uint64) [][]uint64 {
	sets = slices.Clone(sets)
	sets[0] = nil
	sets[7] = []uint64{}
	sets[11] = slices.Clone(sets[10]) // an exact duplicate
	sets[12] = slices.Clone(sets[10]) // and another
	sets[20] = []uint64{42}
	sets[21] = []uint64{42}
	sets[22] = []uint64{42, 43}
	sets[len(sets)-1] = slices.Clone(sets[1])
	return sets
}

// withGroups returns sets with groups of identical sets put in at random
// places: copies of random sets in groups of 2 to 30, a group of empty
// sets, a group of one-token sets and a group of copies of a set that is
// also slightly changed elsewhere, so that pairs of groups are found with
// J < 1.
func withGroups(rng *rand.Rand, sets [][]uint64) [][]uint64 {
	sets = slices.Clone(sets)
	put := func(s []uint64, n int) {
		for range n {
			sets[rng.IntN(len(sets))] = slices.Clone(s)
		}
	}
	for range 8 {
		put(sets[rng.IntN(len(sets))], 2+rng.IntN(29))
	}
	put(nil, 5)
	put([]uint64{7}, 6)
	base := slices.Clone(sets[rng.IntN(len(sets))])
	put(base, 12)
	if len(base) > 2 {
		near := slices.Delete(slices.Clone(base), 1, 2) // one token fewer
		put(near, 9)
	}
	return sets
}

// keysOf returns the pairs of ps as sorted algo.PairKey keys.
func keysOf(ps []join.Pair) []uint64 {
	keys := make([]uint64, len(ps))
	for i, p := range ps {
		keys[i] = algo.PairKey(p.A, p.B)
	}
	slices.Sort(keys)
	return keys
}

func diffPairs(got, want []join.Pair) string {
	var b strings.Builder
	i, j := 0, 0
	for (i < len(got) || j < len(want)) && b.Len() < 2000 {
		switch {
		case j == len(want) || i < len(got) && cmp.Or(cmp.Compare(got[i].A, want[j].A), cmp.Compare(got[i].B, want[j].B)) < 0:
			fmt.Fprintf(&b, "\n  extra   %v", got[i])
			i++
		case i == len(got) || cmp.Or(cmp.Compare(got[i].A, want[j].A), cmp.Compare(got[i].B, want[j].B)) > 0:
			fmt.Fprintf(&b, "\n  missing %v", want[j])
			j++
		default:
			if got[i] != want[j] {
				fmt.Fprintf(&b, "\n  got %v, want %v", got[i], want[j])
			}
			i++
			j++
		}
	}
	return b.String()
}

// TestJoinBruteForce checks Join, JoinWorkers and Index.Pairs against
// comparing every pair with jaccard.Jaccard: the same pairs, the same J to
// the last bit, the same order.
func TestJoinBruteForce(t *testing.T) {
	for seed := range uint64(3) {
		rng := rand.New(rand.NewPCG(1, seed))
		for _, c := range []struct {
			name string
			sets [][]uint64
		}{
			{"heavy", withEdgeCases(heavy.generate(rng))},
			{"hashed", withEdgeCases(corpus{sets: 300, size: 60, jit: 50, vocab: 1 << 16, s: 1.05, v: 1, dups: 0.3, maxChange: 0.5, hashTokens: true}.generate(rng))},
			{"flat", withEdgeCases(corpus{sets: 300, size: 8, jit: 7, vocab: 40, s: 1.01, v: 100, dups: 0.2, maxChange: 0.5}.generate(rng))},
			{"groups", withGroups(rng, withEdgeCases(heavy.generate(rng)))},
			{"groups-flat", withGroups(rng, corpus{sets: 300, size: 8, jit: 7, vocab: 40, s: 1.01, v: 100, dups: 0.2, maxChange: 0.5}.generate(rng))},
		} {
			for _, th := range thresholds {
				want := bruteForce(c.sets, th)
				if len(want) < 5 || len(want) > len(c.sets)*(len(c.sets)-1)/4 {
					t.Fatalf("%s seed %d t=%v: %d pairs of %d sets: the corpus does not test the join", c.name, seed, th, len(want), len(c.sets))
				}
				if got := join.Join(c.sets, th); !slices.Equal(got, want) {
					t.Errorf("%s seed %d: Join(t=%v) differs from brute force:%s", c.name, seed, th, diffPairs(got, want))
				}
				if got := join.JoinWorkers(c.sets, th, 3); !slices.Equal(got, want) {
					t.Errorf("%s seed %d: JoinWorkers(t=%v, 3) differs from brute force:%s", c.name, seed, th, diffPairs(got, want))
				}
				for _, workers := range []int{1, 3} {
					if got, want := join.SelfJoin(c.sets, th, workers), keysOf(want); !slices.Equal(got, want) {
						t.Errorf("%s seed %d: SelfJoin(t=%v, %d): %d pairs, want brute force's %d", c.name, seed, th, workers, len(got), len(want))
					}
					keys, scores := join.SelfJoinScores(c.sets, th, workers)
					if !slices.Equal(keys, keysOf(want)) || len(scores) != len(want) {
						t.Errorf("%s seed %d: SelfJoinScores(t=%v, %d): %d pairs, want brute force's %d", c.name, seed, th, workers, len(keys), len(want))
						continue
					}
					for i, p := range want {
						if scores[i] != p.J { // the same division: equal to the last bit
							t.Errorf("%s seed %d: SelfJoinScores(t=%v): J(%d, %d) = %v, want %v", c.name, seed, th, p.A, p.B, scores[i], p.J)
							break
						}
					}
				}
				ix := join.NewIndex(th, len(c.sets))
				ix.Workers = 2
				for i, s := range c.sets {
					ix.Add(i, s)
				}
				ix.Finish()
				if got := ix.Pairs(); !slices.Equal(got, want) {
					t.Errorf("%s seed %d: Index(t=%v).Pairs differs from brute force:%s", c.name, seed, th, diffPairs(got, want))
				}
			}
		}
	}
}

// TestIndexCandidates checks that the candidates of every set, and of
// queries that are not in the index, are exactly the sets with J ≥ t.
func TestIndexCandidates(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 0))
	sets := withEdgeCases(heavy.generate(rng))
	// Queries of their own: the last 50 sets, kept out of the index.
	indexed := sets[:250]
	for _, th := range thresholds {
		ix := join.NewIndex(th, len(indexed))
		// Added in a scrambled order, so that ids and insertion order
		// differ.
		for _, i := range rng.Perm(len(indexed)) {
			ix.Add(i, indexed[i])
		}
		ix.Finish()
		found := 0
		for qi, q := range sets {
			var want []int
			for i, s := range indexed {
				if j := bruteForce([][]uint64{q, s}, th); len(j) > 0 {
					want = append(want, i)
				}
			}
			found += len(want)
			got := ix.Candidates([]int{-1}, q)
			if got[0] != -1 || !slices.Equal(got[1:], want) {
				t.Errorf("t=%v: Candidates([-1], set %d) = %v, want [-1 %v]", th, qi, got, want)
			}
		}
		if found <= len(indexed) {
			t.Fatalf("t=%v: %d candidates in all: no set has a candidate but itself", th, found)
		}
	}
}

// TestBoundary puts pairs exactly at the threshold: for every overlap o and
// union u up to 40 and t = float64(o)/float64(u), the pairs of J = o/u are
// found, and those of the next smaller J are not, as brute force says.
func TestBoundary(t *testing.T) {
	for u := 1; u <= 40; u++ {
		for o := 1; o <= u; o++ {
			th := float64(o) / float64(u)
			var sets [][]uint64
			// For each split of the u−o tokens outside the overlap
			// between the two sets, one pair.
			next := uint64(0)
			fresh := func(n int) []uint64 {
				s := make([]uint64, n)
				for i := range s {
					s[i] = next
					next++
				}
				return s
			}
			for onlyA := 0; onlyA <= u-o; onlyA++ {
				common := fresh(o)
				a := append(slices.Clone(common), fresh(onlyA)...)
				b := append(slices.Clone(common), fresh(u-o-onlyA)...)
				sets = append(sets, a, b)
				if onlyA%2 == 0 {
					// Copies: the pairs of their groups are found
					// through the representatives.
					sets = append(sets, slices.Clone(a), slices.Clone(b), slices.Clone(b))
				}
			}
			want := bruteForce(sets, th)
			if len(want) < u-o+1 {
				t.Fatalf("o=%d u=%d: brute force finds %d pairs, want at least %d", o, u, len(want), u-o+1)
			}
			if got := join.Join(sets, th); !slices.Equal(got, want) {
				t.Errorf("o=%d u=%d: Join(t=%v) differs from brute force:%s", o, u, th, diffPairs(got, want))
			}
			if got := join.SelfJoin(sets, th, 2); !slices.Equal(got, keysOf(want)) {
				t.Errorf("o=%d u=%d: SelfJoin(t=%v) has %d pairs, want brute force's %d", o, u, th, len(got), len(want))
			}
		}
	}
}

func pr(a, b int, j float64) join.Pair { return join.Pair{A: a, B: b, J: j} }

// TestJoinTable checks Join on sets whose similarities are worked out by
// hand.
func TestJoinTable(t *testing.T) {
	sets := [][]uint64{
		{1, 2, 3, 4},          // 0
		{3, 4, 5, 6},          // 1: J(0,1) = 2/6
		{1, 2, 3, 4, 5},       // 2: J(0,2) = 4/5, J(1,2) = 3/6
		{},                    // 3: in no pair
		{1, 2, 3, 4},          // 4: a copy of 0: J(0,4) = 1, J(2,4) = 4/5, J(1,4) = 2/6
		{100, 200},            // 5: shares nothing
		{6, 7, 8, 9, 10, 11},  // 6: J(1,6) = 1/9
		{1, 2, 3, 4, 5, 6, 7}, // 7: J(0,7) = 4/7, J(1,7) = 4/7, J(2,7) = 5/7, J(4,7) = 4/7, J(6,7) = 2/11
	}
	for _, c := range []struct {
		t    float64
		want []join.Pair
	}{
		{1, []join.Pair{pr(0, 4, 1)}},
		{0.8, []join.Pair{pr(0, 2, 4.0/5), pr(0, 4, 1), pr(2, 4, 4.0/5)}},
		{0.5, []join.Pair{pr(0, 2, 4.0/5), pr(0, 4, 1), pr(0, 7, 4.0/7), pr(1, 2, 3.0/6), pr(1, 7, 4.0/7), pr(2, 4, 4.0/5), pr(2, 7, 5.0/7), pr(4, 7, 4.0/7)}},
		{0.1, []join.Pair{
			pr(0, 1, 2.0/6), pr(0, 2, 4.0/5), pr(0, 4, 1), pr(0, 7, 4.0/7),
			pr(1, 2, 3.0/6), pr(1, 4, 2.0/6), pr(1, 6, 1.0/9), pr(1, 7, 4.0/7),
			pr(2, 4, 4.0/5), pr(2, 7, 5.0/7),
			pr(4, 7, 4.0/7), pr(6, 7, 2.0/11),
		}},
	} {
		if got := join.Join(sets, c.t); !slices.Equal(got, c.want) {
			t.Errorf("Join(t=%v) = %v, want %v", c.t, got, c.want)
		}
	}
}

// TestDeterministic checks that the result does not depend on the number of
// workers nor on the run.
func TestDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 0))
	sets := withEdgeCases(heavy.generate(rng))
	first := join.Join(sets, 0.4)
	if !slices.IsSortedFunc(first, func(x, y join.Pair) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	}) {
		t.Fatalf("Join: pairs not in increasing (A, B) order")
	}
	for _, w := range []int{0, 1, 2, 5, 1000} {
		for range 3 {
			if got := join.JoinWorkers(sets, 0.4, w); !slices.Equal(got, first) {
				t.Errorf("JoinWorkers(workers=%d) differs from Join:%s", w, diffPairs(got, first))
			}
		}
	}
}

// TestInputUnchanged checks that Join neither modifies nor keeps its input.
func TestInputUnchanged(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 0))
	sets := heavy.generate(rng)
	saved := make([][]uint64, len(sets))
	for i, s := range sets {
		saved[i] = slices.Clone(s)
	}
	join.JoinWorkers(sets, 0.5, 2)
	for i := range sets {
		if !slices.Equal(sets[i], saved[i]) {
			t.Fatalf("Join modified set %d", i)
		}
	}
}

func TestPanics(t *testing.T) {
	ok := [][]uint64{{1, 2}, {2, 3}}
	for _, c := range []struct {
		name string
		f    func()
		want string
	}{
		{"t=0", func() { join.Join(ok, 0) }, "threshold 0"},
		{"t>1", func() { join.Join(ok, 1.5) }, "threshold 1.5"},
		{"t=NaN", func() { join.Join(ok, math.NaN()) }, "threshold NaN"},
		{"unsorted", func() { join.Join([][]uint64{{1, 2}, {3, 2}}, 0.5) }, "set 1"},
		{"repeated token", func() { join.Join([][]uint64{{1, 1}}, 0.5) }, "set 0"},
		{"index t", func() { join.NewIndex(-1, 0) }, "threshold -1"},
		{"index id", func() { join.NewIndex(0.5, 0).Add(-1, nil) }, "id -1"},
		{"index twice", func() {
			ix := join.NewIndex(0.5, 0)
			ix.Add(3, []uint64{1})
			ix.Add(3, []uint64{2})
		}, "twice"},
		{"index unsorted", func() { join.NewIndex(0.5, 0).Add(0, []uint64{2, 1}) }, "not ascending"},
		{"candidates early", func() { join.NewIndex(0.5, 0).Candidates(nil, []uint64{1}) }, "before Finish"},
		{"add late", func() {
			ix := join.NewIndex(0.5, 0)
			ix.Finish()
			ix.Add(0, nil)
		}, "after Finish"},
	} {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, c.want) {
					t.Errorf("%s: panic %v, want one containing %q", c.name, r, c.want)
				}
			}()
			c.f()
		}()
	}
}

// TestCandidatesAllocs checks that a query allocates nothing in steady
// state when dst has room, both for an added set and for another set.
func TestCandidatesAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items")
	}
	rng := rand.New(rand.NewPCG(5, 0))
	sets := heavy.generate(rng)
	ix := join.NewIndex(0.5, len(sets))
	for i, s := range sets[:200] {
		ix.Add(i, s)
	}
	ix.Finish()
	dst := make([]int, 0, len(sets))
	for _, c := range []struct {
		name    string
		queries [][]uint64
	}{
		{"added", sets[:200]},
		{"other", sets[200:]},
	} {
		i := 0
		if a := testing.AllocsPerRun(200, func() {
			dst = ix.Candidates(dst[:0], c.queries[i%len(c.queries)])
			i++
		}); a != 0 {
			t.Errorf("Candidates of %s sets allocates %v times per query, want 0", c.name, a)
		}
	}
}

// FuzzJoin checks Join against brute force on small corpora made from the
// fuzzer's bytes: the first byte picks t, then each byte below 0xf0 adds
// the token byte%24 to the current set and each byte from 0xf0 starts a new
// set, so that sets overlap heavily and may be empty or repeated.
func FuzzJoin(f *testing.F) {
	f.Add([]byte{50, 1, 2, 3, 0xf0, 1, 2, 3, 0xf0, 1, 2, 4, 0xf0})
	f.Add([]byte{99, 5, 0xf0, 5, 0xf0, 0xf0, 5, 6})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 0xf1, 7, 6, 5, 4, 3, 2, 1, 0xf2, 0xf3, 9, 10, 11})
	f.Add([]byte{29, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0xf0, 1, 2, 3, 11, 12, 13, 14, 15, 16, 17})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		th := float64(data[0]%100+1) / 100
		var sets [][]uint64
		var cur []uint64
		for _, b := range data[1:] {
			if b >= 0xf0 {
				sets = append(sets, cur)
				cur = nil
				continue
			}
			cur = append(cur, uint64(b%24))
		}
		sets = append(sets, cur)
		for i, s := range sets {
			slices.Sort(s)
			sets[i] = slices.Compact(s)
		}
		want := bruteForce(sets, th)
		if got := join.Join(sets, th); !slices.Equal(got, want) {
			t.Errorf("Join(%v, t=%v) differs from brute force:%s", sets, th, diffPairs(got, want))
		}
		if got := join.SelfJoin(sets, th, 2); !slices.Equal(got, keysOf(want)) {
			t.Errorf("SelfJoin(%v, t=%v) = %v, want brute force's %v", sets, th, got, keysOf(want))
		}
		ix := join.NewIndex(th, len(sets))
		for i, s := range sets {
			ix.Add(i, s)
		}
		ix.Finish()
		for i, s := range sets {
			// The set itself, answered from the join, and the set with a
			// token no set holds, answered by probing.
			other := append(slices.Clone(s), 1000)
			for _, q := range [][]uint64{s, other} {
				var want []int
				for j, o := range sets {
					if len(bruteForce([][]uint64{q, o}, th)) > 0 {
						want = append(want, j)
					}
				}
				if got := ix.Candidates(nil, q); !slices.Equal(got, want) {
					t.Errorf("Candidates(%v) over set %d of %v, t=%v = %v, want %v", q, i, sets, th, got, want)
				}
			}
		}
	})
}

func ExampleJoin() {
	sets := [][]uint64{
		{1, 2, 3, 4},
		{3, 4, 5, 6},
		{1, 2, 3, 4, 5},
		{7, 8},
	}
	for _, p := range join.Join(sets, 0.3) {
		fmt.Printf("sets %d and %d: J = %.3f\n", p.A, p.B, p.J)
	}
	// Output:
	// sets 0 and 1: J = 0.333
	// sets 0 and 2: J = 0.800
	// sets 1 and 2: J = 0.500
}

func ExampleIndex() {
	ix := join.NewIndex(0.5, 3)
	ix.Add(0, []uint64{1, 2, 3, 4})
	ix.Add(1, []uint64{3, 4, 5, 6})
	ix.Add(2, []uint64{1, 2, 3, 4, 5})
	ix.Finish()
	fmt.Println(ix.Candidates(nil, []uint64{1, 2, 3, 4, 9}))
	// Output:
	// [0 2]
}

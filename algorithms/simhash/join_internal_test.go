package simhash

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// brutePairs is the definition of SelfJoin: every pair i < j within
// distance k.
func brutePairs(fps []uint64, k int) []Pair {
	var out []Pair
	for i := range fps {
		for j := i + 1; j < len(fps); j++ {
			if bits.OnesCount64(fps[i]^fps[j]) <= k {
				out = append(out, Pair{int32(i), int32(j)})
			}
		}
	}
	return out
}

// clustered returns n fingerprints: random centres, each followed by
// copies with up to maxD bits flipped, some equal to it, some with only
// low bits random.
func clustered(rng *rand.Rand, n, maxD int) []uint64 {
	fps := make([]uint64, 0, n)
	for len(fps) < n {
		c := rng.Uint64()
		switch rng.IntN(8) {
		case 0:
			c &= 0xffff
		case 1:
			c &^= 0xffff_0000_0000
		}
		fps = append(fps, c)
		for range rng.IntN(6) {
			if len(fps) == n {
				break
			}
			x := c
			for range rng.IntN(maxD + 1) {
				x ^= 1 << rng.IntN(Bits)
			}
			fps = append(fps, x)
		}
	}
	rng.Shuffle(len(fps), func(i, j int) { fps[i], fps[j] = fps[j], fps[i] })
	return fps
}

// maxTestTables bounds the tables of the plans TestSelfJoinEveryBlocks
// tries, to keep it quick.
const maxTestTables = 600

// TestSelfJoinEveryBlocks checks the join with every number of blocks m
// (up to maxTestTables tables) against brute force, for distances on both
// sides of the clusters' spread and 1 to 3 workers, with fewer
// fingerprints than permTableMin (permuted a span at a time) and more
// (a byte at a time).
func TestSelfJoinEveryBlocks(t *testing.T) {
	for _, c := range []struct{ n, k int }{
		{300, 0}, {300, 1}, {300, 3}, {300, 6}, {300, 8}, {300, 12}, {300, 16}, {300, 64},
		{permTableMin + 500, 3}, {permTableMin + 500, 8},
	} {
		rng := rand.New(rand.NewPCG(uint64(c.k), uint64(c.n)))
		fps := clustered(rng, c.n, c.k+2)
		ids := make([]int32, len(fps))
		for i := range ids {
			ids[i] = int32(i)
		}
		want := brutePairs(fps, c.k)
		if len(want) < c.n/10 {
			t.Fatalf("n=%d k=%d: %d pairs: the test does not test", c.n, c.k, len(want))
		}
		for m := 1; m <= Bits; m++ {
			if binomial(m, m-c.k) > maxTestTables || c.n > permTableMin && m != 1 && m != PlanJoin(c.n, c.k).Blocks && m != c.k+1 {
				continue
			}
			for _, workers := range []int{1, 2, 3} {
				got, _ := selfJoin(fps, ids, c.k, workers, m)
				if !slices.Equal(got, want) {
					t.Errorf("n=%d k=%d m=%d workers=%d: %d pairs, want %d%s", c.n, c.k, m, workers, len(got), len(want), firstDiff(got, want))
				}
			}
		}
	}
}

// TestCombinations checks the tables' blocks against their count, C(m, j),
// and their definition: distinct sets of j of the blocks 0 to m−1.
func TestCombinations(t *testing.T) {
	for _, c := range []struct{ m, j int }{{1, 1}, {4, 1}, {8, 2}, {11, 3}, {13, 10}, {64, 1}, {64, 63}, {64, 64}} {
		got := combinations(c.m, c.j)
		want := int(binomial(c.m, c.j))
		if len(got) != want {
			t.Errorf("combinations(%d, %d): %d sets, want C(%d, %d) = %d", c.m, c.j, len(got), c.m, c.j, want)
		}
		for i, x := range got {
			if bits.OnesCount64(x) != c.j || c.m < Bits && x>>c.m != 0 || i > 0 && x <= got[i-1] {
				t.Errorf("combinations(%d, %d)[%d] = %#x, want %d of the low %d bits, increasing", c.m, c.j, i, x, c.j, c.m)
				break
			}
		}
	}
}

// TestTableIndexJoin checks that a TableIndex that joins in Finish gives
// every query the candidates of one that does not: added fingerprints,
// duplicated ones among them, fingerprints never added, and empty
// signatures, which have none.
func TestTableIndexJoin(t *testing.T) {
	for _, k := range []int{0, 3, 8, 16} {
		rng := rand.New(rand.NewPCG(uint64(k), 77))
		fps := clustered(rng, 2000, k+2)
		sigs := make([][]uint64, len(fps))
		for i, fp := range fps {
			if i%97 != 5 { // some documents without shingles
				sigs[i] = []uint64{fp}
			}
		}
		queries := slices.Clone(sigs)
		for range 300 {
			queries = append(queries, []uint64{rng.Uint64()}, []uint64{fps[rng.IntN(len(fps))] ^ 1<<rng.IntN(Bits)})
		}
		old := NewTableIndex(k, len(sigs))
		old.forceJoin = -1
		for _, workers := range []int{1, 2, 3} {
			ix := NewTableIndex(k, len(sigs))
			ix.Workers, ix.forceJoin = workers, 1
			// Added in a scrambled order, ids a scrambled sparse set.
			for _, i := range rng.Perm(len(sigs)) {
				ix.Add(3*i+1, sigs[i])
				if workers == 1 {
					old.Add(3*i+1, sigs[i])
				}
			}
			ix.Finish()
			if workers == 1 {
				old.Finish()
			}
			if ix.joined == nil || old.joined != nil {
				t.Fatalf("k=%d: joined %v and %v, want a join and a table", k, ix.joined != nil, old.joined != nil)
			}
			own := 0
			for q, sig := range queries {
				want := old.Candidates([]int{-1}, sig)
				got := ix.Candidates([]int{-1}, sig)
				if !slices.Equal(got, want) {
					t.Errorf("k=%d workers=%d: Candidates([-1], %#x) = %v, want %v", k, workers, sig, got, want)
					break
				}
				if q < len(sigs) && slices.Contains(got[1:], 3*q+1) {
					own++
				}
			}
			// An added document is its own candidate, as Near makes it.
			if want := len(sigs) - (len(sigs)+91)/97; own != want {
				t.Errorf("k=%d workers=%d: %d documents are their own candidates, want %d", k, workers, own, want)
			}
		}
	}
}
func firstDiff(got, want []Pair) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("; first difference at %d: %v, want %v", i, got[i], want[i])
		}
	}
	return ""
}

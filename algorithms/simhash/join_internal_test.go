package simhash

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
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

// skewed returns n fingerprints whose blocks are unevenly filled, the
// worst case of tables: a tenth equal to one fingerprint; a fifth sharing
// their top 48 bits, the low 16 random; a fifth sharing bits 16 to 31, the
// rest random; a tenth with each bit set with probability 1/5; and the
// rest random centres with copies up to maxD bits away.
func skewed(rng *rand.Rand, n, maxD int) []uint64 {
	same, top, mid := rng.Uint64(), rng.Uint64(), rng.Uint64()
	fps := make([]uint64, 0, n)
	for len(fps) < n {
		switch r := rng.IntN(10); {
		case r == 0:
			fps = append(fps, same)
		case r <= 2:
			fps = append(fps, top&^0xffff|rng.Uint64()&0xffff)
		case r <= 4:
			fps = append(fps, rng.Uint64()&^0xffff_0000|mid&0xffff_0000)
		case r == 5:
			fps = append(fps, rng.Uint64()&rng.Uint64()&^(rng.Uint64()&rng.Uint64()&rng.Uint64()))
		default:
			c := rng.Uint64()
			fps = append(fps, c)
			for range rng.IntN(4) {
				x := c
				for range rng.IntN(maxD + 1) {
					x ^= 1 << rng.IntN(Bits)
				}
				fps = append(fps, x)
			}
		}
	}
	return fps[:n]
}

// maxTestTables bounds the tables of the plans TestSelfJoinEveryBlocks
// tries, to keep it quick.
const maxTestTables = 600

// testPlans returns the plans TestSelfJoinEveryBlocks tries for n
// fingerprints at distance k: PlanJoin's; Manku's tables for every number
// of blocks m up to maxTestTables tables (for large n only k+1; with the
// race detector, beyond 16 only every fourth), with 1 and k, which compare
// every pair, for all m ≤ k; and radius tables with the radii
// planRadii chooses and with random ones, for m = 2 to 8 and a few wider
// (for large n only planRadii's, up to m = 5).
func testPlans(rng *rand.Rand, n, k int) []JoinPlan {
	plans := []JoinPlan{PlanJoin(n, k)}
	for m := 1; m <= Bits; m++ {
		p := JoinPlan{Blocks: m, Key: max(0, m-k)}
		if binomial(m, p.Key) > maxTestTables || n > permTableMin && m != k+1 || 1 < m && m < k || raceEnabled && m > 16 && m%4 != 0 {
			continue
		}
		plans = append(plans, p)
	}
	for _, m := range []int{2, 3, 4, 5, 6, 7, 8, 13, 32, 64} {
		lay := newLayout(m)
		if lay.lo[1] > maxRadiusBits || n > permTableMin && m > 5 {
			continue
		}
		if radii, _ := planRadii(n, k, m); radii != nil {
			plans = append(plans, JoinPlan{Blocks: m, Radii: radii})
		}
		// k+1 units spread at random over the blocks, a block taking
		// no more than its width plus one.
		if k+1 > Bits+m || n > permTableMin {
			continue
		}
		radii := make([]int, m)
		for i := range radii {
			radii[i] = -1
		}
		for range k + 1 {
			for {
				i := rng.IntN(m)
				if radii[i] < int(lay.lo[i+1]-lay.lo[i]) {
					radii[i]++
					break
				}
			}
		}
		if ballVolumes(lay, radii) <= 1<<12 {
			plans = append(plans, JoinPlan{Blocks: m, Radii: radii})
		}
	}
	return plans
}

// ballVolumes returns the masks the radius tables of radii probe with.
func ballVolumes(lay *layout, radii []int) float64 {
	v := 0.0
	for i, t := range radii {
		v += ballVolume(int(lay.lo[i+1]-lay.lo[i]), t)
	}
	return v
}

// TestSelfJoinEveryBlocks checks the join by every plan of testPlans
// against brute force, for distances on both sides of the fingerprints'
// spread and 1 to 3 workers, with fewer fingerprints than permTableMin
// (Manku's tables permute them a span at a time) and more (a byte at a
// time), on clustered fingerprints and on skewed ones (many equal, many
// sharing 48 bits or one block, many of low weight).
func TestSelfJoinEveryBlocks(t *testing.T) {
	for _, c := range []struct{ n, k int }{
		{300, 0}, {300, 1}, {300, 3}, {300, 6}, {300, 8}, {300, 12}, {300, 16}, {300, 24}, {300, 64},
		{permTableMin + 500, 3}, {permTableMin + 500, 8}, {permTableMin + 500, 16},
	} {
		for _, gen := range []struct {
			name string
			f    func(*rand.Rand, int, int) []uint64
		}{{"clustered", clustered}, {"skewed", skewed}} {
			if c.n > permTableMin && (gen.name == "skewed" && c.k > 8 || raceEnabled && (gen.name == "skewed" || c.k > 8)) {
				// A fifth of the skewed fingerprints are within 16
				// bits of each other: 1.5 million pairs at k = 16.
				continue
			}
			rng := rand.New(rand.NewPCG(uint64(c.k), uint64(c.n)))
			fps := gen.f(rng, c.n, c.k+2)
			ids := make([]int32, len(fps))
			for i := range ids {
				ids[i] = int32(i)
			}
			want := brutePairs(fps, c.k)
			if len(want) < c.n/10 {
				t.Fatalf("%s n=%d k=%d: %d pairs: the test does not test", gen.name, c.n, c.k, len(want))
			}
			workerCounts := []int{1, 2, 3}
			if raceEnabled {
				workerCounts = []int{1, 3}
			}
			for _, p := range testPlans(rng, c.n, c.k) {
				for _, workers := range workerCounts {
					keys, _ := selfJoin(fps, ids, c.k, workers, p)
					if got := unpack(keys); !slices.Equal(got, want) {
						t.Errorf("%s n=%d k=%d plan %+v workers=%d: %d pairs, want %d%s",
							gen.name, c.n, c.k, p, workers, len(got), len(want), firstDiff(got, want))
					}
				}
			}
		}
	}
}

// unpack returns the pairs of packed keys a<<32 | b.
func unpack(keys []uint64) []Pair {
	pairs := make([]Pair, len(keys))
	for i, k := range keys {
		pairs[i] = Pair{int32(k >> 32), int32(uint32(k))}
	}
	return pairs
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

// BenchmarkJoinPlans joins 100,000 random fingerprints, a fifth with
// planted neighbours at distances 0 to k+2 (as BenchmarkSelfJoin), by the
// best plan of Manku's tables and the best of radius tables, with one
// worker; besides s/op it reports compared, the pairs compared, and
// model-s, the plan's estimated time. The cost models of PlanJoin are
// fitted to it.
func BenchmarkJoinPlans(b *testing.B) {
	const n = 100_000
	for _, k := range []int{3, 6, 8, 10, 13, 16} {
		rng := rand.New(rand.NewPCG(5, uint64(k)))
		fps := make([]uint64, 0, n)
		for len(fps) < n {
			fp := rng.Uint64()
			fps = append(fps, fp)
			if rng.IntN(5) == 0 {
				for d := 0; d <= k+2 && len(fps) < n; d++ {
					x := fp
					for _, i := range rng.Perm(Bits)[:d] {
						x ^= 1 << i
					}
					fps = append(fps, x)
				}
			}
		}
		ids := make([]int32, n)
		for i := range ids {
			ids[i] = int32(i)
		}
		d := newDistinct(fps, ids)
		for _, p := range []JoinPlan{planManku(len(d.fps), k), planRadius(len(d.fps), k)} {
			name := fmt.Sprintf("k=%d/m=%d/key=%d", k, p.Blocks, p.Key)
			if p.Radii != nil {
				name = fmt.Sprintf("k=%d/m=%d/radii=%v", k, p.Blocks, p.Radii)
			}
			b.Run(strings.ReplaceAll(name, " ", ","), func(b *testing.B) {
				var compared int64
				for b.Loop() {
					_, compared = joinDistinct(d.fps, k, 1, p)
				}
				b.ReportMetric(float64(compared), "compared")
				b.ReportMetric(p.Cost/1e9, "model-s")
			})
		}
	}
}

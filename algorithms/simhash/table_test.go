package simhash_test

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms/simhash"
)

// flip returns fp with d distinct random bits flipped.
func flip(rng *rand.Rand, fp uint64, d int) uint64 {
	for _, b := range rng.Perm(simhash.Bits)[:d] {
		fp ^= 1 << b
	}
	return fp
}

// plantedFingerprints returns n random fingerprints and, for a fifth of
// them, neighbours at every distance from 0 to maxD. When skew is set, a
// tenth of the fingerprints have only their low 16 bits random, so that
// blocks are unevenly filled.
func plantedFingerprints(rng *rand.Rand, n, maxD int, skew bool) []uint64 {
	fps := make([]uint64, 0, n)
	for len(fps) < n {
		fp := rng.Uint64()
		if skew && rng.IntN(10) == 0 {
			fp &= 0xffff
		}
		fps = append(fps, fp)
		if rng.IntN(5) == 0 {
			for d := 0; d <= maxD && len(fps) < n; d++ {
				fps = append(fps, flip(rng, fp, d))
			}
		}
	}
	return fps
}

// bruteNear is the definition: every id within Hamming distance k.
func bruteNear(fps []uint64, ids []int, q uint64, k int) []int {
	var out []int
	for i, fp := range fps {
		if bits.OnesCount64(fp^q) <= k {
			out = append(out, ids[i])
		}
	}
	slices.Sort(out)
	return out
}

var searches = []simhash.Search{simhash.SearchAuto, simhash.SearchBlocks, simhash.SearchScan}

// TestTableBruteForce checks Near against a scan of every fingerprint, for
// fingerprints with planted neighbours at distances 0 to k+2 and queries
// that are added fingerprints, their neighbours and random words.
func TestTableBruteForce(t *testing.T) {
	for _, k := range []int{0, 1, 3, 7, 12, 16, 31, 63, 64} {
		rng := rand.New(rand.NewPCG(uint64(k), 1))
		fps := plantedFingerprints(rng, 3000, min(k+2, simhash.Bits), true)
		// Ids are a scrambled sparse set, added in a scrambled order.
		ids := make([]int, len(fps))
		for i, p := range rng.Perm(len(fps)) {
			ids[i] = 3*p + 1
		}
		queries := slices.Clone(fps[:500])
		for range 200 {
			queries = append(queries, rng.Uint64(), flip(rng, fps[rng.IntN(len(fps))], rng.IntN(min(k+3, simhash.Bits+1))))
		}
		for _, s := range searches {
			if s == simhash.SearchBlocks && k == simhash.Bits {
				continue
			}
			tab := simhash.NewTableSearch(k, s)
			for _, i := range rng.Perm(len(fps)) {
				tab.Add(ids[i], fps[i])
			}
			tab.Finish()
			if tab.Len() != len(fps) {
				t.Errorf("k=%d %v: Len() = %d, want %d", k, s, tab.Len(), len(fps))
			}
			found := 0
			for _, q := range queries {
				want := bruteNear(fps, ids, q, k)
				found += len(want)
				got := tab.Near([]int{-1}, q)
				if got[0] != -1 || !slices.Equal(got[1:], want) {
					t.Errorf("k=%d %v: Near([-1], %#x) = %v, want [-1 %v]", k, s, q, got, want)
					break
				}
			}
			// The planted neighbours make every added query find more
			// than itself, on average.
			if found <= 500 {
				t.Fatalf("k=%d: %d fingerprints found for %d queries: the test does not test", k, found, len(queries))
			}
		}
	}
}

// TestTableSearch checks which search SearchAuto picks: blocks for large
// tables up to k = MaxBlocksK, a scan for small tables and beyond.
func TestTableSearch(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want simhash.Search
	}{
		{0, 5000, simhash.SearchBlocks},
		{3, 5000, simhash.SearchBlocks},
		{7, 5000, simhash.SearchBlocks},
		{simhash.MaxBlocksK, 100_000, simhash.SearchBlocks},
		{simhash.MaxBlocksK, 5000, simhash.SearchScan},
		{simhash.MaxBlocksK + 1, 100_000, simhash.SearchScan},
		{16, 100_000, simhash.SearchScan},
		{3, 100, simhash.SearchScan},
		{64, 5000, simhash.SearchScan},
	} {
		tab := simhash.NewTable(c.k)
		for i := range c.n {
			tab.Add(i, uint64(i)*0x9e3779b97f4a7c15)
		}
		tab.Finish()
		if got := tab.Search(); got != c.want {
			t.Errorf("NewTable(%d) with %d fingerprints: Search() = %v, want %v", c.k, c.n, got, c.want)
		}
	}
}

// TestNearAllocs checks that a query allocates nothing when dst has room.
func TestNearAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	fps := plantedFingerprints(rng, 5000, 9, true)
	for _, k := range []int{3, 7, 16} {
		for _, s := range []simhash.Search{simhash.SearchBlocks, simhash.SearchScan} {
			tab := simhash.NewTableSearch(k, s)
			for i, fp := range fps {
				tab.Add(i, fp)
			}
			tab.Finish()
			dst := make([]int, 0, len(fps))
			i := 0
			if a := testing.AllocsPerRun(500, func() {
				dst = tab.Near(dst[:0], fps[i%len(fps)])
				i++
			}); a != 0 {
				t.Errorf("k=%d %v: Near allocates %v times per query, want 0", k, s, a)
			}
		}
	}
}

// TestTableIndex checks the algo.Index adapter on SimHash signatures of
// shingle sets: the candidates of a document are the documents whose
// similarity is at least 1 − k/64, and an empty signature is nobody's
// candidate.
func TestTableIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	s := simhash.New(7)
	var sigs [][]uint64
	base := make([]uint64, 200)
	for i := range base {
		base[i] = rng.Uint64()
	}
	for i := range 300 {
		// Documents that keep a varying share of base.
		doc := slices.Clone(base[:rng.IntN(len(base)+1)])
		for range 200 - len(doc) {
			doc = append(doc, rng.Uint64())
		}
		slices.Sort(doc)
		if i%50 == 0 {
			doc = nil // a document without shingles
		}
		sigs = append(sigs, s.Sign(nil, doc))
	}
	const k = 10
	ix := simhash.NewTableIndex(k, len(sigs))
	for i, sig := range sigs {
		ix.Add(i, sig)
	}
	ix.Finish()
	pairs := 0
	for i, sig := range sigs {
		var want []int
		for j, o := range sigs {
			if len(sig) > 0 && len(o) > 0 && s.Similarity(sig, o) >= 1-float64(k)/simhash.Bits {
				want = append(want, j)
			}
		}
		pairs += len(want)
		if got := ix.Candidates(nil, sig); !slices.Equal(got, want) {
			t.Errorf("Candidates(doc %d) = %v, want %v", i, got, want)
		}
	}
	if pairs <= len(sigs) {
		t.Fatalf("%d candidate pairs for %d documents: no document has a neighbour", pairs, len(sigs))
	}
}

func TestTablePanics(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func()
		want string
	}{
		{"k<0", func() { simhash.NewTable(-1) }, "k=-1"},
		{"k>64", func() { simhash.NewTable(65) }, "k=65"},
		{"blocks k=64", func() { simhash.NewTableSearch(64, simhash.SearchBlocks) }, "blocks need"},
		{"bad search", func() { simhash.NewTableSearch(3, simhash.Search(9)) }, "Search(9)"},
		{"bad id", func() { simhash.NewTable(3).Add(-2, 0) }, "id -2"},
		{"near early", func() { simhash.NewTable(3).Near(nil, 0) }, "before Finish"},
		{"add late", func() {
			tab := simhash.NewTable(3)
			tab.Finish()
			tab.Add(0, 0)
		}, "after Finish"},
		{"twice", func() {
			tab := simhash.NewTable(3)
			tab.Add(4, 1)
			tab.Add(4, 2)
			tab.Finish()
		}, "id 4 twice"},
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

func ExampleTable() {
	tab := simhash.NewTable(3) // Hamming distance ≤ 3: similarity ≥ 61/64
	tab.Add(0, 0b1111_0000)
	tab.Add(1, 0b1111_0111) // 3 bits from 0
	tab.Add(2, 0b0000_1111) // 8 bits from 0
	tab.Finish()
	fmt.Println(tab.Near(nil, 0b1111_0000))
	fmt.Println(tab.Near(nil, 0b1111_1111))
	// Output:
	// [0 1]
	// [1]
}

// benchKs are the distances the benchmarks run at: around the crossover of
// blocks and scan, and 16, simhash's default.
var benchKs = []int{0, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16}

// BenchmarkTableBuild adds 100,000 random fingerprints (a fifth with
// planted neighbours at distances 0 to 18) and finishes the table; ns/fp
// is the time per fingerprint.
func BenchmarkTableBuild(b *testing.B) {
	const n = 100_000
	rng := rand.New(rand.NewPCG(4, 4))
	fps := plantedFingerprints(rng, n, 18, false)
	for _, k := range benchKs {
		for _, s := range []simhash.Search{simhash.SearchBlocks, simhash.SearchScan} {
			b.Run(fmt.Sprintf("k=%d/search=%v/n=%d", k, s, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					tab := simhash.NewTableSearch(k, s)
					for i, fp := range fps {
						tab.Add(i, fp)
					}
					tab.Finish()
				}
				b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*n), "ns/fp")
			})
		}
	}
}

// BenchmarkNear is one query of a table of 100,000 fingerprints, the
// queries cycling through the fingerprints; Add+Near per fingerprint is
// this plus BenchmarkTableBuild's ns/fp. The largest k at which
// search=blocks beats search=scan is MaxBlocksK; these two benchmarks, at
// smaller n too, are what the cost model of SearchAuto is fitted to.
func BenchmarkNear(b *testing.B) {
	const n = 100_000
	rng := rand.New(rand.NewPCG(4, 4))
	fps := plantedFingerprints(rng, n, 18, false)
	for _, k := range benchKs {
		for _, s := range []simhash.Search{simhash.SearchBlocks, simhash.SearchScan} {
			b.Run(fmt.Sprintf("k=%d/search=%v/n=%d", k, s, n), func(b *testing.B) {
				tab := simhash.NewTableSearch(k, s)
				for i, fp := range fps {
					tab.Add(i, fp)
				}
				tab.Finish()
				b.ReportAllocs()
				dst := make([]int, 0, n)
				i, found := 0, 0
				for b.Loop() {
					dst = tab.Near(dst[:0], fps[i%n])
					found += len(dst)
					i++
				}
				b.ReportMetric(float64(found)/float64(b.N), "found/query")
			})
		}
	}
}

// TestEstimatePairs checks EstimatePairs against a count of the pairs with
// equal fingerprints made pair by pair, and that it bounds SelfJoin's
// result from below, on fingerprints drawn from a few values (many equal),
// near ones, and documents without a fingerprint.
func TestEstimatePairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var sigs [][]uint64
	for i := range 500 {
		switch {
		case i%37 == 0:
			sigs = append(sigs, nil) // no fingerprint
		case i%3 == 0:
			sigs = append(sigs, []uint64{uint64(rng.IntN(20))})
		default:
			sigs = append(sigs, []uint64{uint64(rng.IntN(20)) ^ 1<<uint(rng.IntN(64))})
		}
	}
	var want int64
	for a := range sigs {
		for b := a + 1; b < len(sigs); b++ {
			if len(sigs[a]) == 1 && len(sigs[b]) == 1 && sigs[a][0] == sigs[b][0] {
				want++
			}
		}
	}
	got := simhash.SimHash{}.EstimatePairs(sigs, 0.9, 2)
	if got != want || want == 0 {
		t.Errorf("EstimatePairs = %d, want %d (> 0)", got, want)
	}
	if found := int64(len(simhash.SimHash{}.SelfJoin(sigs, 0.9, 2))); found < got {
		t.Errorf("SelfJoin finds %d pairs, fewer than the lower bound %d", found, got)
	}
}

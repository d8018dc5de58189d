package join

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHashCollisions makes every set hash alike, so that Candidates must
// tell added sets apart by comparing them.
func TestHashCollisions(t *testing.T) {
	defer func(h func([]uint64) uint64) { setHash = h }(setHash)
	setHash = func([]uint64) uint64 { return 7 }
	sets := [][]uint64{{1, 2, 3, 4}, {5, 6, 7}, {1, 2, 3, 4}, {1, 2, 3, 5}, {8}}
	ix := NewIndex(0.6, len(sets))
	for i, s := range sets {
		ix.Add(i, s)
	}
	ix.Finish()
	for _, c := range []struct {
		q    []uint64
		want []int
	}{
		{[]uint64{1, 2, 3, 4}, []int{0, 2, 3}}, // J = 1, 1, 3/5
		{[]uint64{1, 2, 3, 5}, []int{0, 2, 3}},
		{[]uint64{5, 6, 7}, []int{1}},
		{[]uint64{8}, []int{4}},
		{[]uint64{5, 6, 7, 8}, []int{1}}, // not added: J = 3/4 with set 1, 1/4 with set 4
	} {
		if got := ix.Candidates(nil, c.q); !slices.Equal(got, c.want) {
			t.Errorf("Candidates(%v) = %v, want %v", c.q, got, c.want)
		}
	}
}

// TestPasses counts the tokens in many ranges and passes, as a corpus of
// more than rangeTokens and passTokens tokens is (and the dictionary of a
// query index in passes of maxChunk), and checks that the join is unchanged
// and exact.
func TestPasses(t *testing.T) {
	defer func(m, r, p int) { maxChunk, rangeTokens, passTokens = m, r, p }(maxChunk, rangeTokens, passTokens)
	for _, c := range []struct {
		name  string
		token func(k uint64) uint64
	}{
		{"small", func(k uint64) uint64 { return k }},
		{"spread", mix}, // the same tokens, spread over the whole space
	} {
		rng := rand.New(rand.NewPCG(9, 9))
		sets := make([][]uint64, 200)
		for i := range sets {
			s := make([]uint64, 5+rng.IntN(30))
			for k := range s {
				s[k] = c.token(rng.Uint64N(60)) // a small vocabulary: heavy overlap
			}
			slices.Sort(s)
			sets[i] = slices.Compact(s)
		}
		tokens := 0
		for _, s := range sets {
			tokens += len(s)
		}
		// The definition: every pair, J by set membership.
		var want []Pair
		for a := range sets {
			in := make(map[uint64]bool)
			for _, x := range sets[a] {
				in[x] = true
			}
			for b := a + 1; b < len(sets); b++ {
				o := 0
				for _, x := range sets[b] {
					if in[x] {
						o++
					}
				}
				if j := float64(o) / float64(len(sets[a])+len(sets[b])-o); j >= 0.4 {
					want = append(want, Pair{a, b, j})
				}
			}
		}
		if len(want) < 10 {
			t.Fatalf("%s: %d pairs at J ≥ 0.4: the corpus does not test the join", c.name, len(want))
		}
		// A query that is not added: the first set with a token more.
		query := append(slices.Clone(sets[0]), c.token(1000)) // a token no set holds
		slices.Sort(query)
		for _, chunk := range []int{tokens / 7, tokens / 2, tokens} {
			maxChunk, rangeTokens, passTokens = chunk, max(1, chunk/5), chunk
			for _, w := range []int{1, 2} {
				if got := JoinWorkers(sets, 0.4, w); !slices.Equal(got, want) {
					t.Errorf("%s: chunk=%d (of %d tokens), workers=%d: %d pairs, want %d", c.name, chunk, tokens, w, len(got), len(want))
				}
				ix := NewIndex(0.4, len(sets))
				ix.Workers = w
				for i, s := range sets {
					ix.Add(i, s)
				}
				ix.Finish()
				// Candidates of query: the sets of J ≥ 0.4 with it.
				var wq []int
				for i, s := range sets {
					if j := jaccardOf(query, s); j >= 0.4 {
						wq = append(wq, i)
					}
				}
				if got := ix.Candidates(nil, query); !slices.Equal(got, wq) {
					t.Errorf("%s: chunk=%d, workers=%d: Candidates(query) = %v, want %v", c.name, chunk, w, got, wq)
				}
			}
		}
	}
}

// jaccardOf is J(a, b) by set membership.
func jaccardOf(a, b []uint64) float64 {
	in := make(map[uint64]bool)
	for _, x := range a {
		in[x] = true
	}
	o := 0
	for _, x := range b {
		if in[x] {
			o++
		}
	}
	return float64(o) / float64(len(a)+len(b)-o)
}

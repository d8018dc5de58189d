package join

import (
	setops "github.com/simbench/simbench/algorithms/sets"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPartitionCollisions makes every set hash alike, so that the groups of
// identical sets must be told apart by comparing the sets, and checks the
// groups against a plain quadratic grouping and the join against comparing
// every pair.
func TestPartitionCollisions(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	sets := make([][]uint64, 120)
	for i := range sets {
		// Few distinct sets: many groups, of many sizes.
		s := make([]uint64, rng.IntN(5))
		for k := range s {
			s[k] = rng.Uint64N(4)
		}
		slices.Sort(s)
		sets[i] = slices.Compact(s)
	}
	for _, h := range []struct {
		name string
		f    func([]uint64) uint64
	}{
		{"groupHash", groupHash},
		{"constant", func([]uint64) uint64 { return 7 }},
		{"length", func(s []uint64) uint64 { return uint64(len(s)) << 40 }},
	} {
		func() {
			defer func(f func([]uint64) uint64) { groupHash = f }(groupHash)
			groupHash = h.f
			pt := newPartition(sets, 2)
			// want: each non-empty set's representative is the first set
			// equal to it.
			wantPairs := 0
			for i, s := range sets {
				rep := slices.IndexFunc(sets, func(o []uint64) bool { return slices.Equal(o, s) })
				var members []int32
				for j := i; j < len(sets); j++ {
					if slices.Equal(sets[j], s) {
						members = append(members, int32(j))
					}
				}
				var got []int32
				if pt.size[i] > 0 {
					for x := int32(i); x >= 0; x = pt.next[x] {
						got = append(got, x)
					}
				}
				switch {
				case len(s) == 0:
					if pt.size[i] != 1 || pt.next[i] != -1 {
						t.Errorf("%s: empty set %d has size %d, next %d, want 1, -1", h.name, i, pt.size[i], pt.next[i])
					}
				case rep == i:
					if !slices.Equal(got, members) {
						t.Errorf("%s: group of set %d = %v, want %v", h.name, i, got, members)
					}
					if int(pt.size[i]) != len(members) {
						t.Errorf("%s: size of set %d's group = %d, want %d", h.name, i, pt.size[i], len(members))
					}
					wantPairs += len(members) * (len(members) - 1) / 2
				case pt.size[i] != 0:
					t.Errorf("%s: set %d, a copy of set %d, has size %d, want 0", h.name, i, rep, pt.size[i])
				}
			}
			if pt.pairs != wantPairs {
				t.Errorf("%s: %d pairs inside groups, want %d", h.name, pt.pairs, wantPairs)
			}
			for _, th := range []float64{0.2, 0.5, 1} {
				var want []uint64
				for a := range sets {
					for b := a + 1; b < len(sets); b++ {
						if o := int32(setops.Intersection(sets[a], sets[b])); len(sets[a]) > 0 && len(sets[b]) > 0 &&
							float64(o)/float64(len(sets[a])+len(sets[b])-int(o)) >= th {
							want = append(want, uint64(a)<<32|uint64(b))
						}
					}
				}
				if got := selfJoinKeys(sets, newThreshold(th), 2); !slices.Equal(got, want) {
					t.Errorf("%s: selfJoinKeys(t=%v): %d pairs, want %d", h.name, th, len(got), len(want))
				}
			}
		}()
	}
}

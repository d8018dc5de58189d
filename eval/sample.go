package eval

import (
	"cmp"
	"slices"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/gold"
)

// A sampler keeps, of the pairs offered to it, the k whose keys hash
// lowest (a bottom-k sample, Cohen and Kaplan, "Summarizing data using
// bottom-k sketches", PODC 2007): the same pairs whatever the order they
// come in and however often each comes, so that a counted run, which
// meets its pairs algorithm by algorithm and never holds them, can list a
// sample of them that does not depend on its algorithms' order. The hash
// is a bijection of the key, so no two pairs tie.
type sampler struct {
	k    int
	cut  uint64 // only hashes at or below it can be among the k lowest
	cand []sampled
	// dropped reports that some pair offered is not in the sample.
	dropped bool
}

type sampled struct{ h, key uint64 }

// sampleSlack is how many candidates beyond twice the sample's size it
// gathers before it shrinks, and how many records beyond four times its
// size a configuration gathers before they are pruned.
var sampleSlack = 1024

func newSampler(k int) *sampler {
	return &sampler{k: k, cut: ^uint64(0)}
}

// sampleHash is the finaliser of SplitMix64 (Steele, Lea and Flood, "Fast
// splittable pseudorandom number generators", OOPSLA 2014), a bijection
// of 64-bit words.
func sampleHash(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// offer offers the pair of key; it reports whether the pair may be in the
// sample, that is whether its hash is at most the cut (the highest of the
// k lowest so far, which may be the pair's own).
func (sp *sampler) offer(key uint64) bool {
	h := sampleHash(key)
	if h > sp.cut {
		return false
	}
	sp.cand = append(sp.cand, sampled{h, key})
	if len(sp.cand) >= 2*sp.k+sampleSlack {
		sp.shrink()
	}
	return true
}

// shrink keeps the k distinct candidates of lowest hash, and lowers the
// cut to the highest of them.
func (sp *sampler) shrink() {
	slices.SortFunc(sp.cand, func(a, b sampled) int { return cmp.Compare(a.h, b.h) })
	sp.cand = slices.Compact(sp.cand)
	if len(sp.cand) > sp.k {
		sp.dropped = true
		sp.cand = sp.cand[:sp.k]
		sp.cut = sp.cand[sp.k-1].h
	}
}

// keys returns the sample's keys, ascending.
func (sp *sampler) keys() []uint64 {
	sp.shrink()
	keys := make([]uint64, len(sp.cand))
	for i, c := range sp.cand {
		keys[i] = c.key
	}
	slices.Sort(keys)
	return keys
}

// labelled offers every labelled pair of s: those of pairs.tsv, and every
// two documents of a cluster of clusters.tsv.
func (sp *sampler) labelled(s *gold.Set) {
	for _, p := range s.Pairs {
		sp.offer(algo.PairKey(p.A, p.B))
	}
	if s.Clusters == nil {
		return
	}
	var members [][]int32
	for d, k := range s.Clusters {
		if k < 0 {
			continue
		}
		for int(k) >= len(members) {
			members = append(members, nil)
		}
		members[k] = append(members[k], int32(d))
	}
	for _, ms := range members {
		for i, a := range ms {
			for _, b := range ms[i+1:] {
				sp.offer(algo.PairKey(int(a), int(b)))
			}
		}
	}
}

// found offers every pair of documents that the pair of groups k and l of
// g stands for (inside the group when k == l), and returns, sorted by key,
// those that may be in the sample with the score.
func (sp *sampler) found(g *groups, k, l int32, score float64, rec []scoredKey) []scoredKey {
	mk := g.members[g.start[k]:g.start[k+1]]
	ml := g.members[g.start[l]:g.start[l+1]]
	for i, a := range mk {
		if k == l {
			ml = mk[i+1:]
		}
		for _, b := range ml {
			key := algo.PairKey(int(min(a, b)), int(max(a, b)))
			if sp.offer(key) {
				rec = append(rec, scoredKey{key, score})
			}
		}
	}
	return rec
}

// scoredKey is a pair's key and its score.
type scoredKey struct {
	key   uint64
	score float64
}

// scoresOf returns the score of each pair of keys (sorted) among the
// pairs rec recorded for one configuration, 0 for a pair it did not find.
func scoresOf(keys []uint64, rec []scoredKey) []float64 {
	slices.SortFunc(rec, func(a, b scoredKey) int { return cmp.Compare(a.key, b.key) })
	out := make([]float64, len(keys))
	j := 0
	for i, key := range keys {
		for j < len(rec) && rec[j].key < key {
			j++
		}
		if j < len(rec) && rec[j].key == key {
			out[i] = rec[j].score
		}
	}
	return out
}

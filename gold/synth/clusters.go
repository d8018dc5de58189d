package synth

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// The shape of a clustered corpus (Options.Clusters); the package
// documentation explains each figure.
const (
	// MinClusterDocs is the smallest clustered corpus: 100 documents, of
	// which 3 are near-misses.
	MinClusterDocs = 100
	// nearMissNum/nearMissDen of the documents of a clustered corpus are
	// near-misses, rounded down.
	nearMissNum, nearMissDen = 3, 100
	// MaxClusterSize is the largest cluster: an original and 19 copies.
	MaxClusterSize = 20
	// A cluster has one document with probability singleShare, and s of 2 to
	// MaxClusterSize documents with a probability ∝ clusterRatio^(s−2).
	singleShare  = 0.6
	clusterRatio = 0.8
	// A near-miss takes the first share f of the words of one original, f
	// uniform in [spliceMin, spliceMax], and the last 1 − f of another's.
	spliceMin, spliceMax = 0.42, 0.58
)

// ClusterSizeProb returns the probability that a cluster of a clustered
// corpus has s documents: 0.6 for s = 1, and 0.4·0.2·0.8^(s−2)/(1 − 0.8^19)
// for s = 2…20 (a geometric law truncated at 20); 0 for any other s.
func ClusterSizeProb(s int) float64 {
	switch {
	case s == 1:
		return singleShare
	case s >= 2 && s <= MaxClusterSize:
		return (1 - singleShare) * (1 - clusterRatio) * math.Pow(clusterRatio, float64(s-2)) /
			(1 - math.Pow(clusterRatio, MaxClusterSize-1))
	}
	return 0
}

// NumNearMisses returns the number of near-misses of a clustered corpus of
// docs documents: docs·3/100, rounded down.
func NumNearMisses(docs int) int { return docs * nearMissNum / nearMissDen }

// A NearMiss is a near-miss document by index, N, and the two originals it
// splices: the beginning of A and the end of B.
type NearMiss struct{ N, A, B int }

// clustered is the structure of a clustered corpus.
type clustered struct {
	sizes   []uint8    // sizes[c] is the number of documents of the cluster of original c
	derived []int32    // derived[j], document nOrig + j: its original if a copy, −1 − k if near-miss k
	misses  [][2]int32 // misses[k] is the two originals near-miss k splices
	slots   int        // the number of originals whose state is kept
	orig2   []uint16   // the second original of a near-miss
}

// cumSizes is the cumulative distribution of the cluster sizes:
// cumSizes[s−1] = P(size ≤ s).
var cumSizes = func() [MaxClusterSize]float64 {
	var c [MaxClusterSize]float64
	sum := 0.0
	for s := 1; s <= MaxClusterSize; s++ {
		sum += ClusterSizeProb(s)
		c[s-1] = sum
	}
	c[MaxClusterSize-1] = 1 // against rounding
	return c
}()

// newClustered draws the structure of a clustered corpus of g.n documents
// from g.main, and sets g.nOrig, g.copyOf (the state slot of each original,
// plus 1, or 0) and g.states.
func (g *Generator) newClustered() {
	r := g.main.r
	nMiss := NumNearMisses(g.n)
	c := &clustered{}
	// Clusters, each headed by an original, fill the documents other than
	// the near-misses; the last is cut to fit.
	for left := g.n - nMiss; left > 0; {
		u := r.Float64()
		s := 1
		for s < MaxClusterSize && u >= cumSizes[s-1] {
			s++
		}
		s = min(s, left)
		c.sizes = append(c.sizes, uint8(s))
		left -= s
	}
	g.nOrig = len(c.sizes)

	// A near-miss splices two distinct originals drawn uniformly from the
	// heads of the clusters of 2 or more (of all clusters, if fewer than two
	// have 2 or more).
	var heads []int32
	for o, s := range c.sizes {
		if s >= 2 {
			heads = append(heads, int32(o))
		}
	}
	if len(heads) < 2 {
		heads = heads[:0]
		for o := range c.sizes {
			heads = append(heads, int32(o))
		}
	}
	c.misses = make([][2]int32, nMiss)
	for k := range c.misses {
		a := r.IntN(len(heads))
		b := r.IntN(len(heads) - 1)
		if b >= a {
			b++
		}
		c.misses[k] = [2]int32{heads[a], heads[b]}
	}

	// The copies and the near-misses follow the originals, shuffled.
	c.derived = make([]int32, 0, g.n-g.nOrig)
	for o, s := range c.sizes {
		for range int(s) - 1 {
			c.derived = append(c.derived, int32(o))
		}
	}
	for k := range nMiss {
		c.derived = append(c.derived, int32(-1-k))
	}
	r.Shuffle(len(c.derived), func(i, j int) { c.derived[i], c.derived[j] = c.derived[j], c.derived[i] })

	// The state of the main drawer is kept before each original that is
	// drawn again: for its copies, or for a near-miss.
	g.copyOf = make([]int32, g.nOrig)
	keep := func(o int32) {
		if g.copyOf[o] == 0 {
			c.slots++
			g.copyOf[o] = int32(c.slots)
		}
	}
	for o, s := range c.sizes {
		if s >= 2 {
			keep(int32(o))
		}
	}
	for _, m := range c.misses {
		keep(m[0])
		keep(m[1])
	}
	g.states = make([]byte, c.slots*stateSize)
	g.clus = c
}

// Clustered reports whether the corpus is labelled by clusters: clustered
// (Options.Clusters), realistic or of identical copies.
func (g *Generator) Clustered() bool { return g.clus != nil || g.shape != nil }

// Cluster returns the cluster of document i: the index of the original that
// heads it, for an original or one of its copies; i itself for a
// near-miss, which is alone in its cluster. (Of a corpus that is not
// clustered, the clusters are the originals with their one copy, if any.)
//
// Of a realistic or identical-copies corpus, the cluster of a document is
// the first document of its cluster, in order of index, or the document
// itself if it is in none.
func (g *Generator) Cluster(i int) int {
	if g.shape != nil && i >= 0 && i < g.n {
		return g.shape.cluster(i)
	}
	if i < g.nOrig || i >= g.n {
		return i
	}
	j := i - g.nOrig
	if g.clus == nil {
		return int(g.copied[j])
	}
	if o := g.clus.derived[j]; o >= 0 {
		return int(o)
	}
	return i
}

// ClusterSize returns the number of documents of cluster c (see Cluster):
// 1 for a near-miss; of a realistic or identical-copies corpus, 0 if c is
// not the first document of its cluster.
func (g *Generator) ClusterSize(c int) int {
	switch {
	case c < 0 || c >= g.n:
		return 0
	case g.shape != nil:
		return g.shape.clusterSize(c)
	case c >= g.nOrig:
		return 1
	case g.clus != nil:
		return int(g.clus.sizes[c])
	case g.copyOf[c] > 0:
		return 2
	}
	return 1
}

// NumOriginals returns the number of originals, documents 0 to
// NumOriginals() − 1, one per cluster of a clustered corpus.
func (g *Generator) NumOriginals() int { return g.nOrig }

// NearMisses returns the near-misses of a clustered corpus in increasing
// order of their index, none for a corpus that is not clustered.
func (g *Generator) NearMisses() []NearMiss {
	if g.clus == nil {
		return nil
	}
	ms := make([]NearMiss, 0, len(g.clus.misses))
	for j, d := range g.clus.derived {
		if d < 0 {
			m := g.clus.misses[-1-d]
			ms = append(ms, NearMiss{N: g.nOrig + j, A: int(m[0]), B: int(m[1])})
		}
	}
	return ms
}

// NumPositive returns the number of near-duplicate pairs: the pairs of
// documents in one cluster.
func (g *Generator) NumPositive() int {
	if g.shape != nil {
		return g.shape.numPositive()
	}
	if g.clus == nil {
		return len(g.copied)
	}
	n := 0
	for _, s := range g.clus.sizes {
		n += int(s) * int(s-1) / 2
	}
	return n
}

// clusterPairs returns every pair of documents in one cluster, sorted.
func (g *Generator) clusterPairs() []Pair {
	members := make([][]int, g.nOrig)
	for o, s := range g.clus.sizes {
		if s >= 2 {
			members[o] = append(make([]int, 0, s), o)
		}
	}
	for j, d := range g.clus.derived {
		if d >= 0 {
			members[d] = append(members[d], g.nOrig+j)
		}
	}
	ps := make([]Pair, 0, g.NumPositive())
	for _, ms := range members {
		for x, a := range ms {
			for _, b := range ms[x+1:] {
				ps = append(ps, Pair{a, b})
			}
		}
	}
	slices.SortFunc(ps, func(p, q Pair) int {
		return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B))
	})
	return ps
}

// nextDerived makes derived document j of a clustered corpus, document
// nOrig + j, into g.items.
func (g *Generator) nextDerived(j int) {
	d := g.clus.derived[j]
	if d >= 0 {
		g.orig = g.replayOriginal(g.orig[:0], d)
		g.items = g.main.edit(g.items[:0], g.orig)
		return
	}
	m := g.clus.misses[-1-d]
	g.orig = g.replayOriginal(g.orig[:0], m[0])
	g.clus.orig2 = g.replayOriginal(g.clus.orig2[:0], m[1])
	f := spliceMin + (spliceMax-spliceMin)*g.main.r.Float64()
	g.items = splice(g.items[:0], g.orig, g.clus.orig2, f)
}

// replayOriginal appends to dst the items of original o again, drawn from
// the state kept before it.
func (g *Generator) replayOriginal(dst []uint16, o int32) []uint16 {
	slot := int(g.copyOf[o]) - 1
	if slot < 0 {
		panic(fmt.Sprintf("synth: original %d is drawn again but its state was not kept", o))
	}
	if err := g.replay.src.UnmarshalBinary(g.states[slot*stateSize : (slot+1)*stateSize]); err != nil {
		panic(err) // unreachable: the state was marshalled by a PCG
	}
	return g.replay.document(dst)
}

// numWords returns the number of words of items.
func numWords(items []uint16) int {
	n := 0
	for _, it := range items {
		if !isBreak(it) {
			n++
		}
	}
	return n
}

// splice appends to dst the first round(f·wa) words of a, with the breaks
// between them, followed by b from its word round(f·wb) (counting from 0)
// to its end, wa and wb being the numbers of words of a and b.
func splice(dst, a, b []uint16, f float64) []uint16 {
	cutA := int(f*float64(numWords(a)) + 0.5)
	cutB := int(f*float64(numWords(b)) + 0.5)
	for _, it := range a {
		if cutA == 0 {
			break
		}
		dst = append(dst, it)
		if !isBreak(it) {
			cutA--
		}
	}
	seen := 0
	for k, it := range b {
		if isBreak(it) {
			continue
		}
		if seen == cutB {
			return append(dst, b[k:]...)
		}
		seen++
	}
	return dst
}

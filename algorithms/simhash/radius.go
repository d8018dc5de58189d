package simhash

import (
	"math"
	"math/bits"
	"sync"
	"sync/atomic"
)

// Radius tables: the generalised pigeonhole principle with radii (Qin,
// Wang, Xiao, Wang, Lin and Yu, "GPH: Similarity search in Hamming space",
// ICDE 2018, Lemma 1). Cut the 64 bits into m blocks and give block i a
// radius t_i, −1 ≤ t_i, with
//
//	Σ (t_i + 1) = k + 1.
//
// Two fingerprints that differ in d_i bits of block i and d = Σ d_i ≤ k
// bits in all have d_i ≤ t_i for some block i: were d_i ≥ t_i + 1 for
// every i, d would be at least k + 1. A block of radius −1 has no table.
// The table of block i sorts the fingerprints by the block (a counting
// sort into 2^w buckets, w its width), and compares every two
// fingerprints of a bucket, and every fingerprint of a bucket v with every
// one of each bucket v ⊕ e, e a w-bit mask of 1 to t_i bits, read from
// the smaller of the two; a pair within k is kept only from the first
// block i with d_i ≤ t_i, which the earlier blocks' masks and radii
// decide. With every radius 0 and m = k + 1 blocks this is the pigeonhole
// of Table; Manku's tables (join.go) widen the key instead, which at
// large k needs too many tables.
//
// Cost. For random fingerprints a pair falls in buckets within radius t of
// each other in a block of w bits with probability V(w, t)·2^(−w), V(w, t)
// = Σ C(w, i) over i ≤ t the volume of the Hamming ball, so a table
// compares about n²/2 · V(w, t)·2^(−w) pairs, and probes (V(w, t) − 1)/2
// neighbouring buckets from each of its about 2^w·(1 − e^(−n/2^w))
// non-empty buckets. At k = 16 and n = 1,000,000, four blocks of 16 bits
// of radii 3, 3, 3 and 4 compare 7% of the pairs, where no choice of
// Manku's tables compares fewer than 14% (C(32, 16) tables of 32-bit keys,
// each of n fingerprints) and comparing every pair is 5·10^11 comparisons.
// The pairs themselves are about 3.9·10^(−5) of all pairs for random
// fingerprints at k = 16, P(Binomial(64, ½) ≤ 16): no exact join can be
// linear in n there, as the output is not.

// maxRadiusBits is the widest block of a radius table: its directory holds
// 2^maxRadiusBits + 1 offsets.
const maxRadiusBits = 20

// maxRadiusMasks bounds V(w, t), the masks a radius table probes with.
const maxRadiusMasks = 1 << 20

// The cost model of radius tables, in nanoseconds, fitted by least
// squares of relative error to the CPU time of joins of 10,000, 100,000
// and 400,000 random fingerprints at k = 3 to 16 with 4 to 8 blocks
// (BenchmarkJoinPlans measures some; Intel Xeon, Go's default
// GOAMD64=v1), within a factor 0.76 to 1.22 of each.
const (
	radiusPerTable = 10_000 // starting the workers, the masks
	radiusFill     = 13     // sorting a fingerprint into its bucket
	radiusDir      = 7      // a bucket of the directory, empty or not
	radiusProbe    = 2.7    // looking up a neighbouring bucket
	radiusHit      = 14     // reaching a non-empty one
	radiusPair     = 0.74   // comparing two fingerprints
)

// ballVolume returns V(w, t) = Σ C(w, i) over 0 ≤ i ≤ t, the number of
// w-bit words within Hamming distance t of one.
func ballVolume(w, t int) float64 {
	v := 0.0
	for i := 0; i <= min(t, w); i++ {
		v += binomial(w, i)
	}
	return v
}

// radiusCost returns the estimated time of the table of a block of w bits
// and radius t over n fingerprints, or +Inf when its masks are too many.
func radiusCost(n, w, t int) float64 {
	vol := ballVolume(w, t)
	if vol > maxRadiusMasks {
		return math.Inf(1)
	}
	buckets := math.Ldexp(1, w)
	nf := float64(n)
	full := -math.Expm1(-nf / buckets) // the share of non-empty buckets
	probes := buckets * full * (vol - 1) / 2
	pairs := nf * (nf - 1) / 2
	return radiusPerTable + nf*radiusFill + buckets*radiusDir +
		probes*(radiusProbe+full*radiusHit) + pairs*vol/buckets*radiusPair
}

// planRadii returns the radii of least estimated cost for m blocks, cut as
// newLayout cuts them, at distance k over n fingerprints, and that cost;
// nil and +Inf when no radii fit (a block wider than maxRadiusBits, or too
// many masks).
func planRadii(n, k, m int) ([]int, float64) {
	lay := newLayout(m)
	if lay.lo[1] > maxRadiusBits {
		return nil, math.Inf(1)
	}
	// best[i][b] is the least cost of blocks i to m−1 with Σ (t + 1) = b
	// over them, and pick[i][b] the radius of block i it takes.
	need := k + 1
	best := make([][]float64, m+1)
	pick := make([][]int, m+1)
	for i := range best {
		best[i] = make([]float64, need+1)
		pick[i] = make([]int, need+1)
		for b := range best[i] {
			best[i][b] = math.Inf(1)
		}
	}
	best[m][0] = 0
	for i := m - 1; i >= 0; i-- {
		w := int(lay.lo[i+1] - lay.lo[i])
		for b := 0; b <= need; b++ {
			for t := -1; t <= min(w, b-1); t++ {
				c := best[i+1][b-(t+1)]
				if t >= 0 {
					c += radiusCost(n, w, t)
				}
				if c < best[i][b] {
					best[i][b], pick[i][b] = c, t
				}
			}
		}
	}
	if math.IsInf(best[0][need], 1) {
		return nil, best[0][need]
	}
	radii := make([]int, m)
	b := need
	for i := range m {
		radii[i] = pick[i][b]
		b -= radii[i] + 1
	}
	return radii, best[0][need]
}

// gatherMin is the smallest bucket whose neighbouring buckets a radius
// table gathers into one slice before comparing: smaller ones compare with
// each in place, which saves copying them.
const gatherMin = 4

// radiusChunks is how many ranges of buckets each worker takes, on
// average, of a radius table: enough to even out their loads.
const radiusChunks = 64

// radiusJoin finds the pairs g < h of the distinct fingerprints u within
// distance k by the radius tables of radii, over the blocks of
// newLayout(len(radii)), with workers goroutines; it adds each pair,
// packed as g<<32 | h, to one of lists, one list a worker, and returns the
// number of pairs it compared.
func radiusJoin(u []uint64, k int, radii []int, lists []pairList) int64 {
	n := len(u)
	lay := newLayout(len(radii))
	workers := len(lists)
	// sorted are the fingerprints in increasing block, at their indices
	// into u.
	sorted := make([]uint64, n)
	at := make([]int32, n)
	var start, next []int32
	var compared atomic.Int64
	type earlier struct {
		mask uint64
		t    int
	}
	var before []earlier
	for i, t := range radii {
		if t < 0 {
			continue
		}
		lo, w := lay.lo[i], lay.lo[i+1]-lay.lo[i]
		bm := uint64(1)<<w - 1
		nb := 1 << w
		if len(start) < nb+1 {
			start, next = make([]int32, nb+1), make([]int32, nb)
		}
		start, next := start[:nb+1], next[:nb]
		clear(start)
		for _, x := range u {
			start[x>>lo&bm+1]++
		}
		for v := range nb {
			start[v+1] += start[v]
		}
		copy(next, start)
		for g, x := range u {
			v := x >> lo & bm
			sorted[next[v]], at[next[v]] = x, int32(g)
			next[v]++
		}
		// byTop[h] are the masks of 1 to t bits whose highest bit is h:
		// from bucket v, those with v's bit h clear lead to a larger
		// bucket, so that every two buckets are compared once.
		byTop := make([][]uint32, w)
		for h := range w {
			if t > 0 {
				byTop[h] = appendMasks(nil, uint32(1)<<h, int(h), t-1)
			}
		}
		prior := before

		chunk := max(1, nb/(workers*radiusChunks))
		var nextChunk atomic.Int64
		var wg sync.WaitGroup
		for wk := range workers {
			wg.Go(func() {
				list := &lists[wk]
				var cmp int64
				// near are the fingerprints of the buckets a bucket is
				// compared with, and nearAt their indices into u.
				var near []uint64
				var nearAt []int32
				// pair keeps the fingerprints g and h, diff apart and
				// within k, unless an earlier block has them within
				// its radius.
				pair := func(g, h int32, diff uint64) {
					for _, e := range prior {
						if bits.OnesCount64(diff&e.mask) <= e.t {
							return
						}
					}
					if g > h {
						g, h = h, g
					}
					list.add(uint64(g)<<32 | uint64(h))
				}
				for {
					v0 := int(nextChunk.Add(int64(chunk))) - chunk
					if v0 >= nb {
						break
					}
					for v := v0; v < min(v0+chunk, nb); v++ {
						a0, a1 := int(start[v]), int(start[v+1])
						if a0 == a1 {
							continue
						}
						bucket := sorted[a0:a1]
						cmp += int64(a1-a0) * int64(a1-a0-1) / 2
						for a, x := range bucket {
							for b := a + 1; b < len(bucket); b++ {
								if diff := x ^ bucket[b]; bits.OnesCount64(diff) <= k {
									pair(at[a0+a], at[a0+b], diff)
								}
							}
						}
						if t == 0 {
							continue
						}
						// The larger buckets within t: through the bits h
						// clear in v.
						if a1-a0 < gatherMin {
							for z := ^uint(v) & uint(nb-1); z != 0; z &= z - 1 {
								for _, e := range byTop[bits.TrailingZeros(z)] {
									v2 := v ^ int(e)
									b0, b1 := int(start[v2]), int(start[v2+1])
									cmp += int64(a1-a0) * int64(b1-b0)
									for a := a0; a < a1; a++ {
										x := sorted[a]
										for b := b0; b < b1; b++ {
											if diff := x ^ sorted[b]; bits.OnesCount64(diff) <= k {
												pair(at[a], at[b], diff)
											}
										}
									}
								}
							}
							continue
						}
						// A large bucket: the fingerprints of the others
						// are gathered, so that each of the bucket's is
						// compared with them in one scan.
						near, nearAt = near[:0], nearAt[:0]
						for z := ^uint(v) & uint(nb-1); z != 0; z &= z - 1 {
							for _, e := range byTop[bits.TrailingZeros(z)] {
								v2 := v ^ int(e)
								if b0, b1 := start[v2], start[v2+1]; b0 < b1 {
									near = append(near, sorted[b0:b1]...)
									nearAt = append(nearAt, at[b0:b1]...)
								}
							}
						}
						cmp += int64(a1-a0) * int64(len(near))
						for a, x := range bucket {
							for j := nextNear(near, 0, x, k); j < len(near); j = nextNear(near, j+1, x, k) {
								pair(at[a0+a], nearAt[j], x^near[j])
							}
						}
					}
				}
				compared.Add(cmp)
			})
		}
		wg.Wait()
		before = append(before, earlier{lay.mask(i, i+1), t})
	}
	return compared.Load()
}

// appendMasks appends to dst top | s for every s of at most r bits set
// among the low h bits, and returns the extended slice.
func appendMasks(dst []uint32, top uint32, h, r int) []uint32 {
	dst = append(dst, top)
	if r <= 0 {
		return dst
	}
	for b := h - 1; b >= 0; b-- {
		dst = appendMasks(dst, top|1<<b, b, r-1)
	}
	return dst
}

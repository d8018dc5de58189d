package lsh

import (
	"math/bits"
	"slices"
	"sync"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/radix"
)

// bandKey hashes the r rows of one band of a signature to one 64-bit key.
func bandKey(rows []uint64) uint64 {
	h := uint64(0x243f6a8885a308d3)
	for _, v := range rows {
		h = (h ^ v) * 0x9e3779b97f4a7c15
		h ^= h >> 29
	}
	return h
}

var (
	_ algo.Indexer       = (*Banding)(nil)
	_ algo.PairEstimator = (*Banding)(nil)
	_ algo.SelfJoiner    = (*Banding)(nil)
	_ algo.Explainer     = (*Banding)(nil)
	_ algo.Index         = (*Index)(nil)
)

// An Index proposes as candidates the documents that share a band with a
// query: one map per band from band key to documents.
//
// Each band maps a band key to the one document that has it, or to a list
// when several do: most keys of a corpus are a single document's, so Add
// allocates nothing for them beyond the maps' growth, and Candidates
// allocates nothing once dst has room.
type Index struct {
	l *Banding
	// buckets[i] maps band i's key to the id of the only document with
	// that key, or to ^j when lists[j] holds the ids of two or more.
	buckets []map[uint64]int32
	lists   [][]int32
}

// NewIndex returns an empty Index for about sizeHint signatures.
func (l *Banding) NewIndex(sizeHint int) algo.Index {
	ix := &Index{l: l, buckets: make([]map[uint64]int32, l.Bands)}
	for i := range ix.buckets {
		ix.buckets[i] = make(map[uint64]int32, sizeHint)
	}
	return ix
}

// Add adds the signature of document id, which must be below 2^31. An
// empty signature is nobody's candidate.
func (ix *Index) Add(id int, sig []uint64) {
	if len(sig) != ix.l.K() {
		return
	}
	r := ix.l.Rows
	for i, m := range ix.buckets {
		k := bandKey(sig[i*r : (i+1)*r])
		switch v, ok := m[k]; {
		case !ok:
			m[k] = int32(id)
		case v >= 0:
			m[k] = ^int32(len(ix.lists))
			ix.lists = append(ix.lists, []int32{v, int32(id)})
		default:
			ix.lists[^v] = append(ix.lists[^v], int32(id))
		}
	}
}

// Finish ends the adding phase; the Index needs no work to end it.
func (ix *Index) Finish() {}

// Candidates appends to dst, in increasing order and without repeats, the
// documents that share at least one band with sig.
func (ix *Index) Candidates(dst []int, sig []uint64) []int {
	if len(sig) != ix.l.K() {
		return dst
	}
	n := len(dst)
	r := ix.l.Rows
	for i, m := range ix.buckets {
		v, ok := m[bandKey(sig[i*r:(i+1)*r])]
		switch {
		case !ok:
		case v >= 0:
			dst = append(dst, int(v))
		default:
			for _, id := range ix.lists[^v] {
				dst = append(dst, int(id))
			}
		}
	}
	slices.Sort(dst[n:])
	return append(dst[:n], slices.Compact(dst[n:])...)
}

// SelfJoin returns the pairs of documents of sigs that agree in every row
// of at least one band: the pairs NewIndex's Candidates propose, as
// algo.PairKey keys, sorted and distinct; floor is not used.
//
// It computes every document's band keys once. Band by band, it sorts the
// documents' band keys, each with the document's index packed into its low
// bits (a radix sort), and pairs the documents of each run of equal keys,
// comparing the full keys so that the packing changes nothing. A pair is
// emitted only by the first band in which it collides (its keys in the
// earlier bands are compared), so no pair is ever held twice, however many
// bands it shares. A first pass counts each band's pairs and a second
// writes them into the one output slice, which is then sorted in place.
// Besides the output's 8 bytes per pair it holds 8 bytes per document per
// band and 16 bytes per document per worker; workers take the bands in
// turn.
func (l *Banding) SelfJoin(sigs [][]uint64, _ float64, workers int) []uint64 {
	n := len(sigs)
	if n < 2 {
		return nil
	}
	nb, r := l.Bands, l.Rows
	workers = max(1, min(workers, nb))
	mask := uint64(1)<<bits.Len(uint(n)) - 1

	// keys[d*nb+i] is band i's key of document d, for the documents with a
	// signature.
	keys := make([]uint64, n*nb)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for d := w; d < n; d += workers {
				if s := sigs[d]; len(s) == l.K() {
					for i := range nb {
						keys[d*nb+i] = bandKey(s[i*r : (i+1)*r])
					}
				}
			}
		})
	}
	wg.Wait()

	// pass calls emit(band, key) for each pair first found in band, in
	// band order per worker.
	pass := func(emit func(band int, key uint64)) {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				packed := make([]uint64, 0, n)
				tmp := make([]uint64, n)
				for band := w; band < nb; band += workers {
					packed = packed[:0]
					for d, s := range sigs {
						if len(s) == l.K() {
							packed = append(packed, keys[d*nb+band]&^mask|uint64(d))
						}
					}
					radix.Sort(packed, tmp)
					for i := 0; i < len(packed); {
						j := i + 1
						for j < len(packed) && packed[j]&^mask == packed[i]&^mask {
							j++
						}
						for x := i; x < j; x++ {
							a := int(packed[x] & mask)
							ka := keys[a*nb : a*nb+band+1]
							for y := x + 1; y < j; y++ {
								b := int(packed[y] & mask)
								if kb := keys[b*nb : b*nb+band+1]; ka[band] == kb[band] && firstBand(ka, kb, band) {
									emit(band, algo.PairKey(a, b)) // a < b
								}
							}
						}
						i = j
					}
				}
			})
		}
		wg.Wait()
	}

	counts := make([]int, nb+1) // each band's slots are written by one worker
	pass(func(band int, _ uint64) { counts[band+1]++ })
	for i := range nb {
		counts[i+1] += counts[i]
	}
	if counts[nb] == 0 {
		return nil
	}
	out := make([]uint64, counts[nb])
	pass(func(band int, key uint64) {
		out[counts[band]] = key
		counts[band]++
	})
	radix.SortInPlace(out)
	return out
}

// firstBand reports whether ka and kb, band keys of two documents from
// band 0 to band, agree in no band before band.
func firstBand(ka, kb []uint64, band int) bool {
	for i := range band {
		if ka[i] == kb[i] {
			return false
		}
	}
	return true
}

// estimateBands is the number of bands EstimatePairs looks at.
const estimateBands = 4

// EstimatePairs returns a lower bound of the pairs SelfJoin returns: the
// most pairs one of a few bands makes, Σ over its buckets of C(size, 2),
// where a bucket is the documents with one band key. It looks at
// estimateBands bands spread evenly from the first (band i·Bands/m for i <
// m = min(Bands, estimateBands)), the same whatever the number of workers,
// so that it costs a small share of the join it guards and gives the same
// answer on every machine. Every such pair is in SelfJoin's result, which
// is their union over the bands, so the bound is never above the truth; it
// is exact when one band's buckets hold every collision (as for identical
// documents), and within a factor Bands when every band is looked at. It
// sorts each band's keys once (8 bytes per document per worker) and holds
// no pair; floor is not used.
func (l *Banding) EstimatePairs(sigs [][]uint64, _ float64, workers int) int64 {
	n := len(sigs)
	if n < 2 {
		return 0
	}
	nb, r := l.Bands, l.Rows
	m := min(nb, estimateBands)
	workers = max(1, min(workers, m))
	most := make([]int64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			keys := make([]uint64, 0, n)
			tmp := make([]uint64, n)
			for i := w; i < m; i += workers {
				band := i * nb / m
				keys = keys[:0]
				for _, s := range sigs {
					if len(s) == l.K() {
						keys = append(keys, bandKey(s[band*r:(band+1)*r]))
					}
				}
				most[w] = max(most[w], algo.EqualPairs(radix.Sort(keys, tmp)))
			}
		})
	}
	wg.Wait()
	return slices.Max(most)
}

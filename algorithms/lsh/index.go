package lsh

import (
	"math/bits"
	"slices"
	"sync"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/internal/radix"
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
	_ algo.Indexer    = (*Banding)(nil)
	_ algo.SelfJoiner = (*Banding)(nil)
	_ algo.Explainer  = (*Banding)(nil)
	_ algo.Index      = (*Index)(nil)
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
// algo.PairKey keys, sorted and distinct; floor is not used. Band by band,
// it sorts the documents' band keys, each with the document's index packed
// into its low bits (a radix sort), and pairs the documents of each run of
// equal keys, comparing the full keys so that the packing changes nothing.
// It holds 24 bytes per document per worker instead of an index's maps;
// workers take the bands in turn.
func (l *Banding) SelfJoin(sigs [][]uint64, _ float64, workers int) []uint64 {
	n := len(sigs)
	if n < 2 {
		return nil
	}
	workers = max(1, min(workers, l.Bands))
	mask := uint64(1)<<bits.Len(uint(n)) - 1
	out := make([][]uint64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			full := make([]uint64, n)
			packed := make([]uint64, 0, n)
			tmp := make([]uint64, n)
			var pairs []uint64
			r := l.Rows
			for band := w; band < l.Bands; band += workers {
				packed = packed[:0]
				for d, s := range sigs {
					if len(s) == l.K() {
						k := bandKey(s[band*r : (band+1)*r])
						full[d] = k
						packed = append(packed, k&^mask|uint64(d))
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
						for y := x + 1; y < j; y++ {
							if b := int(packed[y] & mask); full[a] == full[b] {
								pairs = append(pairs, algo.PairKey(a, b)) // a < b: sorted
							}
						}
					}
					i = j
				}
			}
			if len(pairs) > 0 {
				pairs = radix.Sort(pairs, make([]uint64, len(pairs)))
			}
			out[w] = slices.Compact(pairs)
		}()
	}
	wg.Wait()
	all := slices.Concat(out...)
	return slices.Compact(radix.Sort(all, make([]uint64, len(all))))
}

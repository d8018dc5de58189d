package lsh

import (
	"math/bits"
	"slices"
	"sync"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/radix"
)

// refSelfJoin is SelfJoin as it was before it emitted each pair from one
// band only: every band's collisions collected, then sorted and compacted.
// It is the reference the tests compare SelfJoin with.
func refSelfJoin(l *Banding, sigs [][]uint64, workers int) []uint64 {
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

package minhash

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"

	"gonum.org/v1/gonum/integrate/quad"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/internal/radix"
)

// LSHEntry is the registry line of MinHash with LSH banding.
var LSHEntry = algo.Entry{
	Name:             "minhash-lsh",
	Doc:              "MinHash signatures (Broder 1997) with LSH banding (MMDS ch. 3); unproposed pairs score 0",
	DefaultThreshold: 0.5,
	Randomized:       true,
	Why:              "the same cut as exact Jaccard, which MinHash estimates",
	Params: []algo.Param{
		{Name: "perm", Default: "128", Doc: "number of MinHash permutations (signature slots)"},
		{Name: "bands", Doc: "LSH bands b; derived with rows from the threshold when not given"},
		{Name: "rows", Doc: "LSH rows per band r; b·r ≤ perm"},
		{Name: "fp_weight", Default: "0.5", Doc: "weight of the false-positive area when deriving b and r"},
		{Name: "fn_weight", Default: "0.5", Doc: "weight of the false-negative area when deriving b and r"},
	},
	New: newLSHFromParams,
}

func newLSHFromParams(p *algo.Params) (algo.Algorithm, error) {
	l, err := NewLSHFromParams(p, 1<<16, func(k int, seed uint64) Signer { return New(k, seed) })
	if err != nil {
		return nil, err
	}
	return l, nil
}

// NewLSHFromParams returns LSH banding over the signer that newSigner
// builds, from the parameters LSHEntry declares (perm, bands, rows,
// fp_weight, fn_weight), with at most maxPerm slots. It is how an entry for
// another k-slot MinHash-like signer reuses this package's banding: the
// entry declares the same parameters and calls it from its New.
func NewLSHFromParams(p *algo.Params, maxPerm int, newSigner func(k int, seed uint64) Signer) (*LSH, error) {
	k := p.Int("perm")
	wfp, wfn := p.Float("fp_weight"), p.Float("fn_weight")
	var b, r int
	switch {
	case p.Given("bands") && p.Given("rows"):
		b, r = p.Int("bands"), p.Int("rows")
	case p.Given("bands") || p.Given("rows"):
		p.Errorf("give both bands and rows, or neither")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if k < 1 || k > maxPerm {
		return nil, fmt.Errorf("perm=%d: want 1 to %d", k, maxPerm)
	}
	if wfp < 0 || wfn < 0 || wfp+wfn == 0 {
		return nil, fmt.Errorf("fp_weight=%v, fn_weight=%v: want non-negative weights, not both 0", wfp, wfn)
	}
	if b == 0 && r == 0 {
		if k > maxDerivedPerm {
			return nil, fmt.Errorf("perm=%d: give bands and rows; they are derived only up to perm=%d", k, maxDerivedPerm)
		}
		b, r = OptimalParams(p.Threshold, k, wfp, wfn)
		p.Set("bands", strconv.Itoa(b))
		p.Set("rows", strconv.Itoa(r))
	}
	l, err := NewLSH(newSigner(k, p.Seed), b, r)
	if err != nil {
		return nil, err
	}
	if b*r < k {
		p.Notef("LSH uses b·r = %d·%d = %d of the %d signature slots; %d only refine the score", b, r, b*r, k, k-b*r)
	}
	return l, nil
}

// maxDerivedPerm bounds the search of OptimalParams, whose cost grows as
// k² log k: at 1,024 permutations it takes about a third of a second.
const maxDerivedPerm = 1024

// A Signer computes k-slot signatures whose slots agree, for two
// documents, with probability equal to their Jaccard similarity, so that
// banding them makes sense: MinHash, or a one-permutation sketch.
type Signer interface {
	algo.Algorithm
	// K returns the number of slots of a non-empty signature.
	K() int
}

// LSH is a MinHash-like signer whose index proposes candidates by banding.
type LSH struct {
	Signer
	Bands, Rows int
}

// NewLSH returns LSH over s's signatures with bands b and rows r.
func NewLSH(s Signer, b, r int) (*LSH, error) {
	if b < 1 || r < 1 || b*r > s.K() {
		return nil, fmt.Errorf("bands=%d rows=%d: want b ≥ 1, r ≥ 1 and b·r ≤ perm=%d", b, r, s.K())
	}
	return &LSH{Signer: s, Bands: b, Rows: r}, nil
}

// Probability returns P(s) = 1 − (1 − s^r)^b, the probability that a pair of
// Jaccard similarity s shares at least one of b bands of r rows.
func Probability(s float64, b, r int) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(r)), float64(b))
}

// OptimalParams returns the bands b and rows r, b·r ≤ k, that minimise
//
//	wFP·∫₀ᵗ P(s) ds + wFN·∫ₜ¹ (1 − P(s)) ds,
//
// the weighted areas of false positives below the threshold t and of false
// negatives above it under a flat prior on similarity (the scheme of
// datasketch's MinHashLSH). The integrals are computed by Gauss–Legendre
// quadrature with enough nodes to be exact for the polynomial P. Ties go to
// the smaller b.
func OptimalParams(t float64, k int, wFP, wFN float64) (b, r int) {
	best := math.Inf(1)
	// An n-node Gauss–Legendre rule is exact for degree 2n−1; P has degree
	// b·r ≤ k.
	nodes := k/2 + 1
	for bb := 1; bb <= k; bb++ {
		for rr := 1; bb*rr <= k; rr++ {
			fp := quad.Fixed(func(s float64) float64 { return Probability(s, bb, rr) }, 0, t, nodes, nil, 0)
			fn := quad.Fixed(func(s float64) float64 { return 1 - Probability(s, bb, rr) }, t, 1, nodes, nil, 0)
			if e := wFP*fp + wFN*fn; e < best-1e-12 {
				best, b, r = e, bb, rr
			}
		}
	}
	return b, r
}

// bandKey hashes rows r of a signature to one 64-bit key.
func bandKey(rows []uint64) uint64 {
	h := uint64(0x243f6a8885a308d3)
	for _, v := range rows {
		h = (h ^ v) * 0x9e3779b97f4a7c15
		h ^= h >> 29
	}
	return h
}

// Collide reports whether the signatures a and b agree in every row of at
// least one band.
func (l *LSH) Collide(a, b []uint64) bool { return l.BandsCollided(a, b) > 0 }

// NewIndex returns an empty banding index.
//
// Each band maps a band key to the one document that has it, or to a list
// when several do: most keys of a corpus are a single document's, so Add
// allocates nothing for them beyond the maps' growth, and Candidates
// allocates nothing once dst has room.
func (l *LSH) NewIndex(sizeHint int) algo.Index {
	ix := &index{lsh: l, buckets: make([]map[uint64]int32, l.Bands)}
	for i := range ix.buckets {
		ix.buckets[i] = make(map[uint64]int32, sizeHint)
	}
	return ix
}

type index struct {
	lsh *LSH
	// buckets[i] maps band i's key to the id of the only document with
	// that key, or to ^j when lists[j] holds the ids of two or more.
	buckets []map[uint64]int32
	lists   [][]int32
}

func (ix *index) Add(id int, sig []uint64) {
	if len(sig) != ix.lsh.K() {
		return // an empty document is nobody's candidate
	}
	r := ix.lsh.Rows
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

func (ix *index) Finish() {}

func (ix *index) Candidates(dst []int, sig []uint64) []int {
	if len(sig) != ix.lsh.K() {
		return dst
	}
	n := len(dst)
	r := ix.lsh.Rows
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

var _ algo.SelfJoiner = (*LSH)(nil)

// SelfJoin returns the pairs of documents of sigs that agree in every row
// of at least one band: the pairs NewIndex's Candidates propose, as
// algo.PairKey keys, sorted and distinct; floor is not used. Band by band,
// it sorts the documents' band keys, each with the document's index packed
// into its low bits (a radix sort), and pairs the documents of each run of
// equal keys, comparing the full keys so that the packing changes nothing.
// It holds 24 bytes per document per worker instead of an index's maps;
// workers take the bands in turn.
func (l *LSH) SelfJoin(sigs [][]uint64, _ float64, workers int) []uint64 {
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

// BandsCollided returns how many bands of a and b agree in all their rows.
func (l *LSH) BandsCollided(a, b []uint64) int {
	if len(a) != l.K() || len(b) != l.K() {
		return 0
	}
	n := 0
	for i := range l.Bands {
		lo, hi := i*l.Rows, (i+1)*l.Rows
		if slices.Equal(a[lo:hi], b[lo:hi]) {
			n++
		}
	}
	return n
}

// Explain gives the number of slots and of bands in which two signatures
// agree; a pair with no band in common is never proposed and scores 0.
func (l *LSH) Explain(a, b []uint64) string {
	if len(a) != l.K() || len(b) != l.K() {
		return "empty signature: never proposed"
	}
	eq := 0
	for i, x := range a {
		if x == b[i] {
			eq++
		}
	}
	n := l.BandsCollided(a, b)
	s := fmt.Sprintf("%d of %d slots agree; %d of %d bands (r=%d) collide", eq, l.K(), n, l.Bands, l.Rows)
	if n == 0 {
		s += ": never proposed, scores 0"
	}
	return s
}

// EmpiricalParams returns the bands b and rows r, b·r ≤ k, that minimise
//
//	wFP · mean over negatives of P(s) + wFN · mean over positives of (1 − P(s)),
//
// the expected false positive and false negative rates of the banding
// index on pairs whose exact Jaccard similarities are neg and pos: the
// same trade-off as OptimalParams, with a gold set's own similarity
// distribution in place of the flat prior on [0, t] and [t, 1]. An empty
// side contributes nothing. Ties go to the smaller b.
func EmpiricalParams(pos, neg []float64, k int, wFP, wFN float64) (b, r int) {
	best := math.Inf(1)
	mean := func(xs []float64, f func(float64) float64) float64 {
		if len(xs) == 0 {
			return 0
		}
		sum := 0.0
		for _, x := range xs {
			sum += f(x)
		}
		return sum / float64(len(xs))
	}
	for bb := 1; bb <= k; bb++ {
		for rr := 1; bb*rr <= k; rr++ {
			p := func(s float64) float64 { return Probability(s, bb, rr) }
			e := wFP*mean(neg, p) + wFN*mean(pos, func(s float64) float64 { return 1 - p(s) })
			if e < best-1e-12 {
				best, b, r = e, bb, rr
			}
		}
	}
	return b, r
}

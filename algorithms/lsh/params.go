package lsh

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/integrate/quad"

	"github.com/simbench/simbench/algorithms/algo"
)

// OptimalParams returns the bands b and rows r, b·r ≤ k, that minimise
//
//	wFP·∫₀ᵗ P(J) dJ + wFN·∫ₜ¹ (1 − P(J)) dJ,   P(J) = 1 − (1 − p(J)^r)^b,
//
// the weighted areas of false positives below the threshold t and of false
// negatives above it under a flat prior on Jaccard similarity (the scheme
// of datasketch's MinHashLSH), with p the collision model. The integrals are
// computed by Gauss–Legendre quadrature with k/2 + 1 nodes, exact when p is
// affine in J, as Minwise and BBit are, since P is then a polynomial of
// degree b·r ≤ k. Ties go to the smaller b. Its cost grows as k² log k;
// MaxDerivedPerm bounds the k it is used for.
func OptimalParams(p Model, t float64, k int, wFP, wFN float64) (b, r int) {
	best := math.Inf(1)
	// An n-node Gauss–Legendre rule is exact for degree 2n−1.
	nodes := k/2 + 1
	for bb := 1; bb <= k; bb++ {
		for rr := 1; bb*rr <= k; rr++ {
			fp := quad.Fixed(func(j float64) float64 { return Probability(p(j), bb, rr) }, 0, t, nodes, nil, 0)
			fn := quad.Fixed(func(j float64) float64 { return 1 - Probability(p(j), bb, rr) }, t, 1, nodes, nil, 0)
			if e := wFP*fp + wFN*fn; e < best-1e-12 {
				best, b, r = e, bb, rr
			}
		}
	}
	return b, r
}

// EmpiricalParams returns the bands b and rows r, b·r ≤ k, that minimise
//
//	wFP · mean over negatives of P(J) + wFN · mean over positives of (1 − P(J)),
//
// the expected false positive and false negative rates of the banding
// index, under the collision model p, on pairs whose exact Jaccard
// similarities are neg and pos: the same trade-off as OptimalParams, with a
// gold set's own similarity distribution in place of the flat prior on
// [0, t] and [t, 1]. An empty side contributes nothing. Ties go to the
// smaller b.
func EmpiricalParams(p Model, pos, neg []float64, k int, wFP, wFN float64) (b, r int) {
	agree := func(js []float64) []float64 {
		ps := make([]float64, len(js))
		for i, j := range js {
			ps[i] = p(j)
		}
		return ps
	}
	ppos, pneg := agree(pos), agree(neg)
	// cost[rr][bb-1] is the cost of (bb, rr). For each rr, p^rr and
	// (1 − p^rr)^bb are carried from rr − 1 and bb − 1 by one product per
	// pair, instead of two calls of math.Pow per pair and (b, r): the
	// products differ from Pow by a few ulps, far below the 1e-12 that
	// decides a tie. Ties are then broken in the order of OptimalParams,
	// b before r.
	cost := make([][]float64, k+1)
	xpos, xneg := slices.Repeat([]float64{1}, len(ppos)), slices.Repeat([]float64{1}, len(pneg))
	ypos, yneg := make([]float64, len(ppos)), make([]float64, len(pneg))
	for rr := 1; rr <= k; rr++ {
		for i, q := range ppos {
			xpos[i] *= q
			ypos[i] = 1
		}
		for i, q := range pneg {
			xneg[i] *= q
			yneg[i] = 1
		}
		cost[rr] = make([]float64, k/rr)
		for bb := 1; bb*rr <= k; bb++ {
			// fp: mean over negatives of P = 1 − (1 − p^r)^b; fn: mean
			// over positives of 1 − P = (1 − p^r)^b.
			fp, fn := 0.0, 0.0
			for i, x := range xneg {
				yneg[i] *= 1 - x
				fp += 1 - yneg[i]
			}
			for i, x := range xpos {
				ypos[i] *= 1 - x
				fn += ypos[i]
			}
			if len(pneg) > 0 {
				fp /= float64(len(pneg))
			}
			if len(ppos) > 0 {
				fn /= float64(len(ppos))
			}
			cost[rr][bb-1] = wFP*fp + wFN*fn
		}
	}
	best := math.Inf(1)
	for bb := 1; bb <= k; bb++ {
		for rr := 1; bb*rr <= k; rr++ {
			if e := cost[rr][bb-1]; e < best-1e-12 {
				best, b, r = e, bb, rr
			}
		}
	}
	return b, r
}

// MaxDerivedPerm is the largest number of slots for which NewFromParams
// derives bands and rows with OptimalParams: at 1,024 slots the search takes
// about a third of a second.
const MaxDerivedPerm = 1024

// Params returns the declarations of the parameters of an LSH algorithm,
// for its algo.Entry: perm, the number of slots, described by permDoc and
// 128 by default; bands and rows; and fp_weight and fn_weight, the weights
// OptimalParams gives false positives and false negatives when it derives
// bands and rows. NewFromParams reads them.
func Params(permDoc string) []algo.Param {
	return []algo.Param{
		{Name: "perm", Default: "128", Doc: permDoc},
		{Name: "bands", Doc: "LSH bands b; derived with rows from the threshold when not given"},
		{Name: "rows", Doc: "LSH rows per band r; b·r ≤ perm"},
		{Name: "fp_weight", Default: "0.5", Doc: "weight of the false-positive area when deriving b and r"},
		{Name: "fn_weight", Default: "0.5", Doc: "weight of the false-negative area when deriving b and r"},
	}
}

// NewFromParams returns banding of the signatures of the Signer newSigner
// builds with k = perm slots, at most maxPerm, from the parameters Params
// declares. When bands and rows are not given, it derives them with
// OptimalParams at p.Threshold under the Signer's collision model, and
// records them in p.
func NewFromParams(p *algo.Params, maxPerm int, newSigner func(k int, seed uint64) Signer) (*Banding, error) {
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
	s := newSigner(k, p.Seed)
	if b == 0 && r == 0 {
		if k > MaxDerivedPerm {
			return nil, fmt.Errorf("perm=%d: give bands and rows; they are derived only up to perm=%d", k, MaxDerivedPerm)
		}
		b, r = OptimalParams(s.SlotAgreement, p.Threshold, k, wfp, wfn)
		p.Set("bands", strconv.Itoa(b))
		p.Set("rows", strconv.Itoa(r))
	}
	l, err := New(s, b, r)
	if err != nil {
		return nil, err
	}
	if b*r < k {
		p.Notef("LSH uses b·r = %d·%d = %d of the %d signature slots; %d only refine the score", b, r, b*r, k, k-b*r)
	}
	return l, nil
}

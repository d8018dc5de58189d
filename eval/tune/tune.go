// Package tune searches a grid of algorithm parameters and reports quality
// against cost: for every configuration its F1 (at its threshold, and the
// best over all thresholds), its throughput and the size of its signature,
// marking the configurations no other beats on every count (the Pareto
// front). For every algorithm with LSH banding (package lsh: MinHash,
// one-permutation MinHash) it also compares the candidate rate observed per
// similarity bucket with the theoretical curve P(J) = 1 − (1 − p(J)^r)^b,
// p being the collision model the sketch declares, and chooses bands and
// rows from the gold set's own similarity distribution beside the
// flat-prior choice.
package tune

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval"
)

// DefaultGrid is searched when no grid is given: the shingle length and
// unit for every algorithm, and the number of slots for MinHash and
// one-permutation MinHash.
var DefaultGrid = []string{
	"jaccard:shingle=word|char,k=3|5",
	"containment:shingle=word|char,k=3|5",
	"simhash:shingle=word|char,k=3|5",
	"minhash-lsh:k=3|5,perm=64|128|256",
	"oph:k=3|5,perm=64|128|256",
}

// Expand returns the configurations of a grid specification: an -algo
// value NAME[:key=value,...] in which a value may list alternatives
// separated by '|'. The configurations are the Cartesian product of the
// alternatives, in the order written, each labelled by its own -algo value.
func Expand(spec string, seed uint64) ([]algorithms.Config, error) {
	name, rest, _ := strings.Cut(spec, ":")
	specs := []string{name}
	if rest != "" {
		for _, f := range strings.Split(rest, ",") {
			k, v, ok := strings.Cut(f, "=")
			if !ok {
				return nil, fmt.Errorf("-grid %s: %q is not key=value", spec, f)
			}
			var next []string
			for _, s := range specs {
				for _, alt := range strings.Split(v, "|") {
					sep := ","
					if !strings.Contains(s, ":") {
						sep = ":"
					}
					next = append(next, s+sep+k+"="+alt)
				}
			}
			specs = next
		}
	}
	var cs []algorithms.Config
	for _, s := range specs {
		c, err := algorithms.Parse(s, seed)
		if err != nil {
			return nil, fmt.Errorf("-grid %s: %v", spec, err)
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// A Point is one configuration's quality and cost.
type Point struct {
	Run *eval.Run
	// Quality is the F1 the objective counts: at the threshold, or the
	// best over all thresholds.
	Quality float64
	// DocsPerSec is the throughput from text to signature (0 when not
	// timed), and SigBytes the mean signature size.
	DocsPerSec, SigBytes float64
	// Pareto reports whether no other point is at least as good on
	// every count and better on one.
	Pareto bool
}

// Points returns the points of res with the objective "f1" (F1 at each
// configuration's threshold) or "best_f1" (the best F1 over all
// thresholds), with the Pareto front marked.
func Points(res *eval.Result, objective string) ([]Point, error) {
	if objective != "f1" && objective != "best_f1" {
		return nil, fmt.Errorf("unknown objective %q (want f1 or best_f1)", objective)
	}
	ps := make([]Point, len(res.Runs))
	for i := range res.Runs {
		r := &res.Runs[i]
		p := Point{Run: r, Quality: eval.Measure(res, r, objective), SigBytes: eval.Measure(res, r, "sig_bytes")}
		if r.Speed != nil {
			p.DocsPerSec = eval.Measure(res, r, "docs_per_sec")
		}
		ps[i] = p
	}
	MarkPareto(ps)
	return ps, nil
}

// MarkPareto sets Pareto on the points that no other point dominates: q
// dominates p when q's quality and throughput are at least p's and its
// signature no larger, and q is strictly better on one of the three.
func MarkPareto(ps []Point) {
	for i := range ps {
		ps[i].Pareto = !slices.ContainsFunc(ps, func(q Point) bool { return dominates(q, ps[i]) })
	}
}

func dominates(q, p Point) bool {
	return q.Quality >= p.Quality && q.DocsPerSec >= p.DocsPerSec && q.SigBytes <= p.SigBytes &&
		(q.Quality > p.Quality || q.DocsPerSec > p.DocsPerSec || q.SigBytes < p.SigBytes)
}

// A Bucket counts the pairs whose exact Jaccard similarity lies in
// [Lo, Hi) (the last bucket includes 1) and how many of them an index
// proposed.
type Bucket struct {
	Lo, Hi          float64
	Pairs, Proposed int
	// Expected is the mean over the bucket's pairs of the theoretical
	// candidate probability P(J) = 1 − (1 − p(J)^r)^b under the sketch's
	// collision model p.
	Expected float64
}

// Rate returns Proposed/Pairs, or 0 for an empty bucket.
func (b Bucket) Rate() float64 {
	if b.Pairs == 0 {
		return 0
	}
	return float64(b.Proposed) / float64(b.Pairs)
}

// LSHReport compares one LSH configuration's banding with theory.
type LSHReport struct {
	Run   *eval.Run
	Bands int
	Rows  int
	// Model is the sketch's collision model p(J), the probability that
	// one slot of two signatures agrees at Jaccard similarity J.
	Model   lsh.Model
	Buckets []Bucket
	// FlatB, FlatR are the bands and rows minimising the weighted areas
	// under a flat prior (lsh.OptimalParams at the threshold); SetB, SetR
	// those minimising the expected error rates on the gold set's own
	// pairs (lsh.EmpiricalParams), both under Model. They are 0 above
	// lsh.MaxDerivedPerm slots.
	FlatB, FlatR, SetB, SetR int
}

// LSH returns the banding report of every LSH run of res (every run whose
// algorithm is an *lsh.Banding), with
// nbuckets similarity buckets of equal width. It returns nothing for a
// sparse corpus scope, whose unscored pairs, though their rate is known (0),
// have no known Jaccard similarity.
func LSH(res *eval.Result, nbuckets int) []LSHReport {
	if res.Sparse {
		return nil
	}
	var out []LSHReport
	exact := map[text.Options][]float64{}
	for i := range res.Runs {
		r := &res.Runs[i]
		l, ok := r.Config.Algorithm.(*lsh.Banding)
		if !ok || r.Proposed == nil {
			continue
		}
		js, ok := exact[r.Config.Text]
		if !ok {
			js = ExactJaccard(res, r.Config.Text)
			exact[r.Config.Text] = js
		}
		rep := LSHReport{Run: r, Bands: l.Bands, Rows: l.Rows, Model: l.SlotAgreement}
		for b := range nbuckets {
			rep.Buckets = append(rep.Buckets, Bucket{Lo: float64(b) / float64(nbuckets), Hi: float64(b+1) / float64(nbuckets)})
		}
		var pos, neg []float64
		for p, j := range js {
			b := min(int(j*float64(nbuckets)), nbuckets-1)
			rep.Buckets[b].Pairs++
			rep.Buckets[b].Expected += l.Probability(j)
			if r.Proposed[p] {
				rep.Buckets[b].Proposed++
			}
			if res.Pairs[p].Positive {
				pos = append(pos, j)
			} else {
				neg = append(neg, j)
			}
		}
		for b := range rep.Buckets {
			if n := rep.Buckets[b].Pairs; n > 0 {
				rep.Buckets[b].Expected /= float64(n)
			}
		}
		k := l.K()
		wfp, wfn := 0.5, 0.5
		for _, kv := range r.Config.Params {
			switch kv.Key {
			case "fp_weight":
				wfp, _ = strconv.ParseFloat(kv.Value, 64) // validated by the registry
			case "fn_weight":
				wfn, _ = strconv.ParseFloat(kv.Value, 64)
			}
		}
		if k <= lsh.MaxDerivedPerm {
			rep.FlatB, rep.FlatR = lsh.OptimalParams(rep.Model, r.Config.Threshold, k, wfp, wfn)
			rep.SetB, rep.SetR = lsh.EmpiricalParams(rep.Model, pos, neg, k, wfp, wfn)
		}
		out = append(out, rep)
	}
	return out
}

// ExactJaccard returns the exact Jaccard similarity of every pair of res in
// scope, on the shingling o.
func ExactJaccard(res *eval.Result, o text.Options) []float64 {
	sh := make([][]uint64, len(res.Set.Docs))
	for i, d := range res.Set.Docs {
		sh[i] = text.Shingles(d.Text, o)
	}
	js := make([]float64, len(res.Pairs))
	for i, p := range res.Pairs {
		js[i] = jaccard.Jaccard{}.Similarity(sh[p.A], sh[p.B])
	}
	return js
}

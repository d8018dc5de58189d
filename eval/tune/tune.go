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
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
	// Sampled is the number of pairs the buckets count, of InScope pairs in
	// scope: all of them up to MaxLSHPairs, else a uniform sample of
	// MaxLSHPairs (see LSH).
	Sampled, InScope int
}

// MaxLSHPairs is the most pairs whose exact Jaccard similarity LSH computes.
// Above it, the buckets, and the choice of bands and rows from the set's
// pairs, come from a uniform sample of this many pairs. The exact similarity
// costs a merge of two shingle sets per pair, about 2 µs for documents of a
// few kilobytes: 200,000 pairs take well under a second where a labelled
// cluster of 5,000 documents (12.5M pairs) would take minutes, and a bucket
// holding a tenth of the sample (20,000 pairs) still estimates its rate
// within a standard error of at most 0.0036 (√(0.25/20,000)).
const MaxLSHPairs = 200_000

// sampleSeed seeds the hash that draws the sample of pairs (see Sample).
const sampleSeed = 0x9e3779b97f4a7c15

// LSH returns the banding report of every LSH run of res (every run whose
// algorithm is an *lsh.Banding), with
// nbuckets similarity buckets of equal width. It returns nothing for a
// sparse corpus scope, whose unscored pairs, though their rate is known (0),
// have no known Jaccard similarity.
//
// When more than MaxLSHPairs pairs are in scope, the buckets count only the
// pairs of Sample(len(res.Pairs), MaxLSHPairs), the same for every run, and
// the choice of bands and rows from the set's pairs (SetB, SetR) weighs only
// their similarities; Sampled and InScope say so. A bucket's rate,
// Proposed/Pairs, is then an estimate of the rate over all its pairs in
// scope, with the binomial standard error √(q(1−q)/n), q the rate and n the
// bucket's sampled Pairs (sampling without replacement makes it smaller by
// the factor √(1 − n/N), N the bucket's pairs in scope), and so is Expected,
// a mean over the same sample.
func LSH(res *eval.Result, nbuckets int) []LSHReport {
	if res.Sparse {
		return nil
	}
	var out []LSHReport
	idx := Sample(len(res.Pairs), MaxLSHPairs)
	exact := map[text.Options][]float64{}
	for i := range res.Runs {
		r := &res.Runs[i]
		l, ok := r.Config.Algorithm.(*lsh.Banding)
		if !ok || r.Proposed == nil {
			continue
		}
		js, ok := exact[r.Config.Text]
		if !ok {
			js = exactJaccardOf(res, r.Config.Text, idx)
			exact[r.Config.Text] = js
		}
		rep := LSHReport{Run: r, Bands: l.Bands, Rows: l.Rows, Model: l.SlotAgreement, Sampled: len(idx), InScope: len(res.Pairs)}
		pos, neg := fill(&rep, l, nbuckets, idx, js, r.Proposed, func(p int) bool { return res.Pairs[p].Positive })
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

// fill sets the nbuckets buckets of rep from the pairs idx (pair indices of
// the scope, in increasing order), js[n] being the exact similarity of pair
// idx[n], and returns the similarities of the positive and negative ones.
func fill(rep *LSHReport, l *lsh.Banding, nbuckets int, idx []int, js []float64, proposed []bool, positive func(p int) bool) (pos, neg []float64) {
	for b := range nbuckets {
		rep.Buckets = append(rep.Buckets, Bucket{Lo: float64(b) / float64(nbuckets), Hi: float64(b+1) / float64(nbuckets)})
	}
	for n, p := range idx {
		j := js[n]
		b := min(int(j*float64(nbuckets)), nbuckets-1)
		rep.Buckets[b].Pairs++
		rep.Buckets[b].Expected += l.Probability(j)
		if proposed[p] {
			rep.Buckets[b].Proposed++
		}
		if positive(p) {
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
	return pos, neg
}

// Sample returns m of the indices 0, …, n−1, in increasing order, drawn
// uniformly without replacement (every subset of m indices equally likely),
// or all n of them when n <= m. The draw is Knuth's selection sampling
// (TAOCP vol. 2, 3.4.2, algorithm S): index i is taken with probability
// (m − taken)/(n − i), the uniform variate of index i being a hash of i and
// a fixed seed, so the sample depends on n and m alone: the same on every
// call, machine and GOMAXPROCS.
func Sample(n, m int) []int {
	idx := make([]int, 0, min(n, max(m, 0)))
	if n <= m {
		for i := range n {
			idx = append(idx, i)
		}
		return idx
	}
	for i := 0; i < n && len(idx) < m; i++ {
		// 53 random bits as a float in [0, 1).
		u := float64(mix(sampleSeed^uint64(i))>>11) / (1 << 53)
		if u*float64(n-i) < float64(m-len(idx)) {
			idx = append(idx, i)
		}
	}
	return idx
}

// mix is the finaliser of SplitMix64 (Steele, Lea & Flood, OOPSLA 2014), a
// bijection of uint64 whose outputs on consecutive inputs pass as random.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// ExactJaccard returns the exact Jaccard similarity of every pair of res in
// scope, on the shingling o.
func ExactJaccard(res *eval.Result, o text.Options) []float64 {
	idx := make([]int, len(res.Pairs))
	for i := range idx {
		idx[i] = i
	}
	return exactJaccardOf(res, o, idx)
}

// exactJaccardOf returns the exact Jaccard similarity of the pairs idx of
// res, on the shingling o, shingling only the documents they name. The
// work is spread over GOMAXPROCS goroutines, each writing its own slots.
func exactJaccardOf(res *eval.Result, o text.Options, idx []int) []float64 {
	sh := make([][]uint64, len(res.Set.Docs))
	need := make([]bool, len(res.Set.Docs))
	var docs []int
	for _, p := range idx {
		for _, d := range [2]int{res.Pairs[p].A, res.Pairs[p].B} {
			if !need[d] {
				need[d] = true
				docs = append(docs, d)
			}
		}
	}
	parallel(len(docs), func(i int) { sh[docs[i]] = text.Shingles(res.Set.Docs[docs[i]].Text, o) })
	js := make([]float64, len(idx))
	parallel(len(idx), func(i int) {
		p := res.Pairs[idx[i]]
		js[i] = jaccard.Jaccard{}.Similarity(sh[p.A], sh[p.B])
	})
	return js
}

// parallel calls f(i) for every i in [0, n), on up to GOMAXPROCS
// goroutines, each taking chunks of consecutive indices.
func parallel(n int, f func(i int)) {
	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					f(i)
				}
			}
		}()
	}
	wg.Wait()
}

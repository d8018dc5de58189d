package eval

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/eval/budget"
	"github.com/simbench/simbench/eval/metric"
	"github.com/simbench/simbench/gold"
)

// The counted corpus scope is the sparse corpus scope of a set whose pairs
// are too many to hold one by one, such as 20,000 copies of one page,
// whose 199,990,000 pairs are all labelled: every figure is computed from
// counts, and no pair is kept.
//
//   - Each configuration runs on its documents grouped by what it scores
//     them with (their signatures, or their shingles with verify=true):
//     documents that hold the same score alike against every document. It
//     runs on the first document of each group, and on the second of each
//     group of two or more, its twin; the pair of the two says whether the
//     configuration finds two such documents and how it scores them.
//   - A pair it finds between the first documents of two groups stands for
//     every pair across the groups, and the pair of a first document and
//     its twin for every pair inside the group; each is counted by score
//     in a metric.Tally, with the number of those pairs that one cluster
//     of the gold set holds (positives, when its label is), so that the
//     sweep, the average precision and the ROC AUC are those of the pairs
//     one by one. The few pairs of pairs.tsv whose label is not the one
//     their clusters give are moved between the counts.
//   - Every pair it does not find scores 0: the labelled positives among
//     them are counted at 0, the rest are implied negatives, as in the
//     sparse scope.
//   - The gold clusters are those of clusters.tsv joined by the positive
//     pairs of pairs.tsv, and the predicted ones the closure of the pairs
//     found at or above the threshold: a group in such a pair is joined
//     whole.
//
// What needs the pairs one by one is not made: scores.csv, the bootstrap
// intervals, the error analysis and the LSH report.

// groups are the documents of a run grouped by identical content (a
// configuration's signatures or shingles).
type groups struct {
	of      []int32 // each document's group, numbered in order of its first document
	size    []int64 // each group's number of documents
	start   []int32 // the documents of group g are members[start[g]:start[g+1]], ascending
	members []int32
	// local are the documents a configuration runs on, ascending: the
	// first of every group, and the second (the twin) of every group of
	// two or more.
	local []int32
	twin  []bool // whether local[j] is a twin
	// at are the indexes in local of each group's first document and of
	// its twin (-1 for a group of one).
	at [][2]int32
}

// groupsOf groups the documents whose data are equal word for word.
func groupsOf(data [][]uint64) *groups {
	n := len(data)
	g := &groups{of: make([]int32, n)}
	head := make(map[uint64]int32, n) // a hash's first group
	var next []int32                  // the next group of the same hash, or -1
	var first []int32                 // each group's first document
	for d, x := range data {
		h := uint64(len(x)) * 0x9E3779B97F4A7C15
		for _, w := range x {
			h = (h ^ w) * 0x9E3779B97F4A7C15
			h ^= h >> 29
		}
		k, ok := head[h]
		for ok && k >= 0 && !slices.Equal(data[first[k]], x) {
			k = next[k]
		}
		if ok && k >= 0 {
			g.of[d] = k
			g.size[k]++
			continue
		}
		k = int32(len(first))
		was, had := head[h]
		if !had {
			was = -1
		}
		head[h], g.of[d] = k, k
		first, next, g.size = append(first, int32(d)), append(next, was), append(g.size, 1)
	}
	g.start = make([]int32, len(first)+1)
	for k, s := range g.size {
		g.start[k+1] = g.start[k] + int32(s)
	}
	g.members = make([]int32, n)
	fill := slices.Clone(g.start[:len(first)])
	for d, k := range g.of {
		g.members[fill[k]] = int32(d)
		fill[k]++
	}
	for k := range first {
		g.local = append(g.local, first[k])
		if g.size[k] > 1 {
			g.local = append(g.local, g.members[g.start[k]+1])
		}
	}
	slices.Sort(g.local)
	g.twin = make([]bool, len(g.local))
	g.at = make([][2]int32, len(first))
	for k := range g.at {
		g.at[k][1] = -1
	}
	for j, d := range g.local {
		k := g.of[d]
		g.twin[j] = g.members[g.start[k]] != d
		if g.twin[j] {
			g.at[k][1] = int32(j)
		} else {
			g.at[k][0] = int32(j)
		}
	}
	return g
}

// stands returns the groups the found pair of key (an algo.PairKey of
// indexes into g.local) stands for, and whether it stands for any: a pair
// of two first documents for the pairs across their groups, a first
// document and its twin for the pairs inside their group.
func (g *groups) stands(key uint64) (k, l int32, ok bool) {
	a, b := algo.SplitPairKey(key)
	k, l = g.of[g.local[a]], g.of[g.local[b]]
	return k, l, k == l || !g.twin[a] && !g.twin[b]
}

// localPair returns the indexes in g.local of the pair that stands for
// documents a and b, a ≠ b: their groups' first documents, or the first
// and the twin of their one group.
func (g *groups) localPair(a, b int) (int, int) {
	k, l := g.of[a], g.of[b]
	if k == l {
		return int(g.at[k][0]), int(g.at[k][1])
	}
	return int(g.at[k][0]), int(g.at[l][0])
}

// first returns group k's first document.
func (g *groups) first(k int32) int { return int(g.members[g.start[k]]) }

// composition returns, for each group of two or more documents, how many
// of its documents each class holds (class[d] is document d's, -1 for a
// class of its own), as (class, count) sorted by class; nil for the other
// groups.
func (g *groups) composition(class func(d int) int) [][]classCount {
	out := make([][]classCount, len(g.size))
	for k, s := range g.size {
		if s < 2 {
			continue
		}
		var cs []classCount
		for _, d := range g.members[g.start[k]:g.start[k+1]] {
			if c := class(int(d)); c >= 0 {
				cs = append(cs, classCount{class: c, n: 1})
			}
		}
		slices.SortFunc(cs, func(a, b classCount) int { return a.class - b.class })
		merged := cs[:0]
		for _, c := range cs {
			if m := len(merged); m > 0 && merged[m-1].class == c.class {
				merged[m-1].n++
			} else {
				merged = append(merged, c)
			}
		}
		out[k] = merged
	}
	return out
}

type classCount struct {
	class int
	n     int64
}

// classes says which pairs of documents one partition puts together.
type classes struct {
	g    *groups
	comp [][]classCount
	// single is the class of the document of each group of one, -1 for
	// a class of its own, and -2 for a group of more.
	single []int32
}

func newClasses(g *groups, class func(d int) int) *classes {
	c := &classes{g: g, comp: g.composition(class), single: make([]int32, len(g.size))}
	for k, s := range g.size {
		c.single[k] = -2
		if s == 1 {
			c.single[k] = int32(max(-1, class(g.first(int32(k)))))
		}
	}
	return c
}

// of returns group k's classes; one is the room for those of a group
// of one document.
func (c *classes) of(k int32, one *[1]classCount) []classCount {
	x := c.single[k]
	if x == -2 {
		return c.comp[k]
	}
	if x >= 0 {
		one[0] = classCount{class: int(x), n: 1}
		return one[:]
	}
	return nil
}

// within returns the pairs inside group k and how many of them one class
// holds.
func (c *classes) within(k int32) (pairs, same int64) {
	s := c.g.size[k]
	for _, x := range c.comp[k] {
		same += x.n * (x.n - 1) / 2
	}
	return s * (s - 1) / 2, same
}

// across returns the pairs across groups k and l and how many of them one
// class holds.
func (c *classes) across(k, l int32) (pairs, same int64) {
	if x, y := c.single[k], c.single[l]; x != -2 && y != -2 {
		// Two documents: one pair.
		if x == y && x >= 0 {
			return 1, 1
		}
		return 1, 0
	}
	var oneA, oneB [1]classCount
	a, b := c.of(k, &oneA), c.of(l, &oneB)
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].class < b[j].class:
			i++
		case a[i].class > b[j].class:
			j++
		default:
			same += a[i].n * b[j].n
			i++
			j++
		}
	}
	return c.g.size[k] * c.g.size[l], same
}

// checkCounted checks that the set s can be scored by counts.
func checkCounted(s *gold.Set, cs []algorithms.Config) error {
	for _, c := range cs {
		if _, ok := c.Algorithm.(DocSigner); ok {
			return fmt.Errorf("%s: the output of another system, or a program run with -algo exec:, cannot be scored in a run that counts its pairs by score (-counted, or a set whose clusters label more pairs than can be held); leave out -counted, score the labelled pairs only (-scope labelled), or use a set whose clusters label fewer pairs", c.Label)
		}
	}
	if s.Clusters == nil || !s.IsPositive(s.ClusterLabel()) {
		return nil
	}
	for _, p := range s.Pairs {
		if ca := s.Clusters[p.A]; ca >= 0 && ca == s.Clusters[p.B] && !s.IsPositive(p.Label) {
			return fmt.Errorf("gold set %s: pair %s %s, inside a cluster of clusters.tsv, is labelled %q in pairs.tsv, which this run counts as negative (-positive): a run that counts its pairs by score needs every pair inside a cluster to be a duplicate; count %q as positive too, or leave out -counted if the set's pairs can be held",
				s.Manifest.Name, s.Docs[p.A].ID, s.Docs[p.B].ID, p.Label, p.Label)
		}
	}
	return nil
}

// countedClusters returns the gold clusters of a counted run: those of
// clusters.tsv when their label is positive, joined by the positive pairs
// of pairs.tsv, each document labelled by the smallest index of its
// cluster.
func countedClusters(s *gold.Set) []int {
	n := len(s.Docs)
	return metric.LabelsFromSeq(n, func(yield func(a, b int) bool) {
		if s.Clusters != nil && s.IsPositive(s.ClusterLabel()) {
			first := map[int32]int{}
			for d, k := range s.Clusters {
				if k < 0 {
					continue
				}
				if f, ok := first[k]; ok {
					if !yield(f, d) {
						return
					}
				} else {
					first[k] = d
				}
			}
		}
		for _, p := range s.Pairs {
			if s.IsPositive(p.Label) && !yield(p.A, p.B) {
				return
			}
		}
	})
}

// countAll scores every configuration of cs by counts (see above), one
// after the other, each with every worker, letting go of each one's pairs
// before the next.
func (res *Result) countAll(ctx context.Context, cs []algorithms.Config, p *prepared, opt Options) error {
	s := res.Set
	if err := checkCounted(s, cs); err != nil {
		return err
	}
	res.Counted = true
	res.Positives = s.NumPositive()
	res.GoldClusters = countedClusters(s)
	res.Runs = make([]Run, len(cs))
	if opt.keepScorers {
		res.scorers = make([]*Scorer, len(cs))
	}
	raw := func(d int) int {
		if s.Clusters == nil {
			return -1
		}
		return int(s.Clusters[d])
	}
	goldOf := func(d int) int { return res.GoldClusters[d] }
	var sp *sampler
	var recs [][]scoredKey // per configuration, its pairs that may be in the sample
	if opt.Sample > 0 {
		sp, recs = newSampler(opt.Sample), make([][]scoredKey, len(cs))
		sp.labelled(s)
	}
	for i, c := range cs {
		if err := ctx.Err(); err != nil {
			return err
		}
		sigs := p.sigs[i]
		if p.deferred {
			opt.Progress("signing %d documents with %s", len(s.Docs), c.Label)
			var err error
			if sigs, err = signAll(ctx, c.Algorithm, p.shinglesOf(c), opt.Workers); err != nil {
				return err
			}
		}
		data := sigs
		if c.Verify {
			data = p.shinglesOf(c)
		}
		g := groupsOf(data)
		local := make([][]uint64, len(g.local))
		var localShingles [][]uint64
		if c.Verify {
			localShingles = make([][]uint64, len(g.local))
		}
		for j, d := range g.local {
			local[j] = sigs[d]
			if c.Verify {
				localShingles[j] = data[d]
			}
		}
		if err := checkCountedFound(c, local, opt); err != nil {
			return err
		}
		start := time.Now()
		opt.Progress("finding the pairs of %s among %d distinct documents", c.Label, len(g.size))
		keys, scores, err := findPairs(ctx, c, true, local, opt.Workers)
		if err != nil {
			return err
		}
		seconds := time.Since(start).Seconds()
		if scores == nil {
			sc := &Scorer{c: c, sigs: local, shingles: localShingles}
			if scores, err = sc.scoreKeys(ctx, keys, opt.Workers); err != nil {
				return err
			}
		}
		opt.Progress("counting the pairs of %s", c.Label)
		r := countRun(s, c, g, keys, scores, newClasses(g, raw), newClasses(g, goldOf), res.GoldClusters)
		r.IndexSeconds = seconds
		r.SigBytes = sigBytes(sigs)
		res.Runs[i] = r
		if opt.keepScorers {
			res.scorers[i] = &Scorer{c: c, sigs: local, shingles: localShingles, found: keys, scores: scores, sigBytes: r.SigBytes, groups: g}
		}
		if sp != nil {
			recs[i] = sampleFound(sp, g, keys, scores)
		}
		if p.deferred {
			p.sigs[i] = nil
		}
	}
	if sp != nil {
		keys := sp.keys()
		res.SampledAll = !sp.dropped
		res.Sample = make([]Pair, len(keys))
		for j, key := range keys {
			a, b := algo.SplitPairKey(key)
			l, _ := s.Label(a, b)
			res.Sample[j] = Pair{A: a, B: b, Label: l, Positive: l != "" && s.IsPositive(l)}
		}
		for i := range res.Runs {
			res.Runs[i].SampleScores = scoresOf(keys, recs[i])
		}
	}
	return nil
}

// sampleFound offers sp every pair of documents the pairs keys found among
// g.local stand for, and returns those that may be in the sample, with
// their scores.
func sampleFound(sp *sampler, g *groups, keys []uint64, scores []float64) []scoredKey {
	var rec []scoredKey
	for j, key := range keys {
		k, l, ok := g.stands(key)
		if !ok {
			continue
		}
		rec = sp.found(g, k, l, scores[j], rec)
		if len(rec) > 4*sp.k+sampleSlack {
			// Those above the cut now can no longer be in the sample.
			rec = slices.DeleteFunc(rec, func(x scoredKey) bool { return sampleHash(x.key) > sp.cut })
		}
	}
	return rec
}

// checkCountedFound checks, before configuration c finds its pairs among
// the documents it runs on in a counted run, that the fewest it can find
// (its algo.PairEstimator) can be held with their scores within the
// budget opt.Mem.
func checkCountedFound(c algorithms.Config, sigs [][]uint64, opt Options) error {
	if opt.Mem <= 0 {
		return nil
	}
	est, ok := c.Algorithm.(algo.PairEstimator)
	if !ok {
		return nil
	}
	if n := int64(len(sigs)); budget.Mul(n*(n-1)/2, foundBytes) <= opt.Mem {
		return nil
	}
	lo := est.EstimatePairs(sigs, c.Floor, opt.Workers)
	stage := fmt.Sprintf("%s, which finds at least %s pairs among the %s distinct documents it runs on,", c.Label, budget.Count(lo), budget.Count(int64(len(sigs))))
	return budget.Check(opt.Mem, stage, budget.Mul(lo, foundBytes), "raise the threshold, so that fewer pairs are found")
}

// countRun computes the metrics of configuration c from the pairs keys it
// found among the documents g.local (algo.PairKey of indexes into
// g.local) and their scores. raw puts together the pairs of one cluster of
// clusters.tsv, gold those of one gold cluster (goldClusters).
func countRun(s *gold.Set, c algorithms.Config, g *groups, keys []uint64, scores []float64, raw, gold *classes, goldClusters []int) Run {
	t := c.Threshold
	n := int64(len(s.Docs))
	total := n * (n - 1) / 2
	clusterLabel := s.ClusterLabel()
	labels := append(s.Labels(), "")
	at := func(l string) int { return slices.Index(labels, l) }
	found := make([]int64, len(labels)) // the pairs found of each label
	hit := make([]int64, len(labels))   // and of them, those at or above t
	var tally metric.Tally
	var foundPos, candidates int64

	weigh := func(cl *classes, k, l int32) (pairs, same int64) {
		if k == l {
			return cl.within(k)
		}
		return cl.across(k, l)
	}
	positive := make([]bool, len(labels))
	for x, l := range labels {
		positive[x] = l != "" && s.IsPositive(l)
	}
	clusterX, unlabelledX := at(clusterLabel), len(labels)-1
	add := func(x int, score float64, m int64) {
		found[x] += m
		if score >= t {
			hit[x] += m
		}
		tally.Add(score, positive[x], int(m))
		if positive[x] {
			foundPos += m
		}
	}
	for j := range keys {
		k, l, ok := g.stands(keys[j])
		if !ok {
			continue
		}
		pairs, same := weigh(raw, k, l)
		candidates += pairs
		if s.Clusters != nil {
			add(clusterX, scores[j], same)
		}
		add(unlabelledX, scores[j], pairs-same)
	}

	// The pairs of pairs.tsv whose label is not their clusters'.
	for _, p := range s.Pairs {
		dflt := ""
		if s.Clusters != nil && s.Clusters[p.A] >= 0 && s.Clusters[p.A] == s.Clusters[p.B] {
			dflt = clusterLabel
		}
		if p.Label == dflt {
			continue
		}
		k, l := g.of[p.A], g.of[p.B]
		a, b := int(g.at[k][0]), int(g.at[l][0])
		if k == l {
			b = int(g.at[k][1]) // the pair of its first document and its twin
		}
		j, ok := slices.BinarySearch(keys, algo.PairKey(min(a, b), max(a, b)))
		if !ok {
			continue // not found: it scores 0, as its label's count says
		}
		add(at(dflt), scores[j], -1)
		add(at(p.Label), scores[j], 1)
	}

	// Every pair not found scores 0.
	positives := int64(s.NumPositive())
	tally.Add(0, true, int(positives-foundPos))
	implied := total - candidates - (positives - foundPos)
	sorted := tally.Sorted()
	r := Run{Config: c, Candidates: int(candidates), Floor: c.Floor, Groups: len(g.size)}
	r.Sweep = metric.ZeroNegatives(sorted.Sweep(), int(implied))
	r.At = metric.SweepAt(r.Sweep, t)
	r.AP = metric.AveragePrecision(r.Sweep)
	r.ROCAUC = sorted.ROCAUCZeroNegatives(int(implied))
	r.Best = metric.BestF1(r.Sweep)

	// The labels' rates: of each label's pairs in scope, those found at or
	// above t, or every one when t ≤ 0 (the pairs not found score 0).
	inScope := make([]int64, len(labels))
	for _, p := range s.Pairs {
		inScope[at(p.Label)]++
	}
	if s.Clusters != nil {
		inScope[at(clusterLabel)] += s.NumPairs() - int64(len(s.Pairs))
	}
	inScope[len(labels)-1] = total - s.NumPairs()
	for x, l := range labels {
		lr := LabelRate{Label: l, Positive: l != "" && s.IsPositive(l), Pairs: int(inScope[x]), Predicted: int(hit[x])}
		if 0 >= t {
			lr.Predicted = lr.Pairs
		}
		if lr.Pairs > 0 {
			r.PerLabel = append(r.PerLabel, lr)
		}
	}

	// The closure of the pairs found at or above t.
	everything := t <= 0 && candidates < total
	f := &ClusterFigures{}
	r.Clusters = metric.LabelsFromSeq(int(n), func(yield func(a, b int) bool) {
		if everything {
			for d := 1; d < int(n); d++ {
				if !yield(0, d) {
					return
				}
			}
			return
		}
		joined := make([]bool, len(g.size))
		for j := range keys {
			k, l, ok := g.stands(keys[j])
			if !ok || scores[j] < t {
				continue
			}
			pairs, same := weigh(gold, k, l)
			f.Direct += pairs
			f.DirectFalse += pairs - same
			joined[k], joined[l] = true, true
			if k != l && !yield(g.first(k), g.first(l)) {
				return
			}
		}
		for k, ok := range joined {
			if !ok {
				continue
			}
			ms := g.members[g.start[k]:g.start[k+1]]
			for _, d := range ms[1:] {
				if !yield(int(ms[0]), int(d)) {
					return
				}
			}
		}
	})
	figures(f, r.Clusters, goldClusters, everything)
	r.Cluster = f
	return r
}

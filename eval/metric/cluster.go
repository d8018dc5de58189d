package metric

// Cluster agreement: a deduplicator's predicted duplicate pairs, joined by
// transitive closure into clusters, compared with the gold clusters.
//
// Both partitions are of the same n documents, given as one label per
// document: documents with equal labels are in the same cluster, and every
// document is in exactly one cluster (a singleton is a cluster of one).
// Labels are any non-negative ints; only equality matters. Write
//
//	a_i   the size of predicted cluster i        (R clusters, Σ a_i = n)
//	b_j   the size of gold cluster j             (C clusters, Σ b_j = n)
//	n_ij  the documents in predicted cluster i and gold cluster j
//
// [NewContingency] builds the nonzero n_ij, a_i and b_j in O(n) time and
// memory (never an R×C matrix: a gold set of a million documents is mostly
// singletons), and every figure below is read off it.

import (
	"fmt"
	"iter"
	"math"
	"math/big"
	"slices"
)

// Cell is one nonzero entry of a contingency table: Count = n_ij documents
// are in predicted cluster Pred and gold cluster Gold.
type Cell struct {
	Pred, Gold, Count int
}

// Contingency is the sparse contingency table of a predicted and a gold
// partition of N documents. Clusters are numbered 0, 1, … in the order of
// their first document (lowest index), so the numbering does not depend on
// the label values. PredSizes[i] is a_i, GoldSizes[j] is b_j, and Cells
// holds every nonzero n_ij, grouped by Pred in increasing order and, within
// a predicted cluster, in the order of the first document of each cell.
type Contingency struct {
	N         int
	PredSizes []int
	GoldSizes []int
	Cells     []Cell
}

// NewContingency returns the contingency table of pred and gold, the
// predicted and gold cluster label of each document. It takes O(n) time and
// memory (labels up to about 4n are looked up in a slice, larger ones in a
// map).
//
// NewContingency panics if len(pred) != len(gold) or a label is negative.
func NewContingency(pred, gold []int) Contingency {
	if len(pred) != len(gold) {
		panic(fmt.Sprintf("metric: NewContingency: %d predicted labels but %d gold labels", len(pred), len(gold)))
	}
	n := len(pred)
	pi, a := denseLabels("pred", pred)
	gj, b := denseLabels("gold", gold)

	// Counting sort of the documents by predicted cluster, keeping index
	// order within a cluster.
	start := make([]int, len(a)+1)
	for i, s := range a {
		start[i+1] = start[i] + s
	}
	next := slices.Clone(start[:len(a)])
	order := make([]int, n)
	for d, i := range pi {
		order[next[i]] = d
		next[i]++
	}

	// One predicted cluster at a time, count its documents by gold cluster.
	cnt := make([]int, len(b))
	var touched []int
	var cells []Cell
	for i := range a {
		for _, d := range order[start[i]:start[i+1]] {
			j := gj[d]
			if cnt[j] == 0 {
				touched = append(touched, j)
			}
			cnt[j]++
		}
		for _, j := range touched {
			cells = append(cells, Cell{Pred: i, Gold: j, Count: cnt[j]})
			cnt[j] = 0
		}
		touched = touched[:0]
	}
	return Contingency{N: n, PredSizes: a, GoldSizes: b, Cells: cells}
}

// denseLabels numbers the distinct labels 0, 1, … in order of first
// appearance, and returns each document's number and each number's count.
func denseLabels(which string, labels []int) (ids, sizes []int) {
	maxLabel := -1
	for d, l := range labels {
		if l < 0 {
			panic(fmt.Sprintf("metric: NewContingency: %s label of document %d is %d (labels must be non-negative)", which, d, l))
		}
		maxLabel = max(maxLabel, l)
	}
	ids = make([]int, len(labels))
	if maxLabel < 4*len(labels)+64 {
		seen := make([]int, maxLabel+1) // number+1; 0 = not seen yet
		for d, l := range labels {
			if seen[l] == 0 {
				sizes = append(sizes, 0)
				seen[l] = len(sizes)
			}
			ids[d] = seen[l] - 1
			sizes[ids[d]]++
		}
		return ids, sizes
	}
	seen := make(map[int]int)
	for d, l := range labels {
		id, ok := seen[l]
		if !ok {
			id = len(sizes)
			sizes = append(sizes, 0)
			seen[l] = id
		}
		ids[d] = id
		sizes[id]++
	}
	return ids, sizes
}

// choose2 returns C(x, 2) = x(x−1)/2, exact for x up to about 4·10⁹.
func choose2(x int) int64 { return int64(x) * int64(x-1) / 2 }

// ratio64 returns num/den, or NaN (undefined) when den is 0.
func ratio64(num, den int64) float64 {
	if den == 0 {
		return math.NaN()
	}
	return float64(num) / float64(den)
}

// PairCounts are the pair counts of two partitions after transitive
// closure: Pred = P = Σ_i C(a_i,2) pairs in the same predicted cluster,
// Gold = G = Σ_j C(b_j,2) pairs in the same gold cluster and True = T =
// Σ_ij C(n_ij,2) pairs in the same cluster in both. They are exact for n up
// to about 4·10⁹ documents.
type PairCounts struct {
	Pred, Gold, True int64
}

// Precision returns T/P, the fraction of the pairs the closure puts
// together that are gold duplicates; NaN (undefined) when P is 0 (every
// predicted cluster is a singleton).
func (p PairCounts) Precision() float64 { return ratio64(p.True, p.Pred) }

// Recall returns T/G, the fraction of gold duplicate pairs the closure
// puts together; NaN (undefined) when G is 0 (every gold cluster is a
// singleton).
func (p PairCounts) Recall() float64 { return ratio64(p.True, p.Gold) }

// F1 returns 2T/(P+G), the harmonic mean of precision and recall extended
// by its limit as in [Confusion.F1]: 0 when one of P, G is 0 and the other
// is not, NaN (undefined) when both are 0.
func (p PairCounts) F1() float64 { return ratio64(2*p.True, p.Pred+p.Gold) }

// Pairs returns the pair counts P, G and T.
func (c Contingency) Pairs() PairCounts {
	var p PairCounts
	for _, s := range c.PredSizes {
		p.Pred += choose2(s)
	}
	for _, s := range c.GoldSizes {
		p.Gold += choose2(s)
	}
	for _, x := range c.Cells {
		p.True += choose2(x.Count)
	}
	return p
}

// BCubedScores are the B-cubed precision, recall and F1.
type BCubedScores struct {
	Precision, Recall, F1 float64
}

// BCubed returns the B-cubed scores (Bagga and Baldwin, 1998; Amigó,
// Gonzalo, Artiles and Verdejo, Information Retrieval 12, 2009): the mean
// over documents d of the fraction of d's predicted cluster that shares
// d's gold cluster (precision), and of the fraction of d's gold cluster
// that shares d's predicted cluster (recall). Summed per cell:
//
//	precision = (1/n) Σ_ij n_ij² / a_i
//	recall    = (1/n) Σ_ij n_ij² / b_j
//	F1        = 2·precision·recall / (precision + recall)
//
// All three are NaN (undefined) when n is 0; otherwise precision and recall
// are in (0, 1] (every document shares its own clusters), so F1 is defined.
func (c Contingency) BCubed() BCubedScores {
	if c.N == 0 {
		return BCubedScores{math.NaN(), math.NaN(), math.NaN()}
	}
	// Σ_j n_ij² per predicted cluster and Σ_i n_ij² per gold cluster, in
	// exact integers; then one division per cluster.
	rowSq := make([]int64, len(c.PredSizes))
	colSq := make([]int64, len(c.GoldSizes))
	for _, x := range c.Cells {
		sq := int64(x.Count) * int64(x.Count)
		rowSq[x.Pred] += sq
		colSq[x.Gold] += sq
	}
	var p, r float64
	for i, s := range rowSq {
		p += float64(s) / float64(c.PredSizes[i])
	}
	for j, s := range colSq {
		r += float64(s) / float64(c.GoldSizes[j])
	}
	p /= float64(c.N)
	r /= float64(c.N)
	return BCubedScores{Precision: p, Recall: r, F1: 2 * p * r / (p + r)}
}

// ARI returns the adjusted Rand index (Hubert and Arabie, Journal of
// Classification 2, 1985). With P, G and T the pair counts of [Pairs] and
// N = C(n,2) the number of pairs,
//
//	ARI = (T − P·G/N) / ((P+G)/2 − P·G/N) = 2(N·T − P·G) / (N·(P+G) − 2·P·G)
//
// computed from the right-hand form in exact integers (math/big) and
// rounded once to float64. It is 1 for identical partitions, about 0 for
// independent ones, and can be negative (down to −1/2).
//
// Degenerate cases follow scikit-learn's adjusted_rand_score, which returns
// 1.0 when its pair confusion has no false positive and no false negative
// pair ("empty data or full agreement"), that is when P = G = T: the two
// partitions put the same pairs together. That covers n < 2 (no pairs),
// both partitions all singletons (P = G = 0), both one cluster (P = G = N),
// and identical partitions in general (where the formula gives 1 anyway).
// In every other case the denominator is positive, so ARI is never NaN.
func (c Contingency) ARI() float64 {
	p := c.Pairs()
	if p.Pred == p.True && p.Gold == p.True {
		return 1
	}
	nn := big.NewInt(choose2(c.N))
	P, G, T := big.NewInt(p.Pred), big.NewInt(p.Gold), big.NewInt(p.True)
	pg := new(big.Int).Mul(P, G)
	num := new(big.Int).Mul(nn, T)
	num.Sub(num, pg)
	num.Lsh(num, 1)
	den := new(big.Int).Add(P, G)
	den.Mul(den, nn)
	den.Sub(den, pg.Lsh(pg, 1))
	f, _ := new(big.Rat).SetFrac(num, den).Float64()
	return f
}

// AMI returns the adjusted mutual information (Vinh, Epps and Bailey,
// JMLR 11, 2010) with the arithmetic-mean normalisation, the default of
// scikit-learn's adjusted_mutual_info_score, in natural logarithms:
//
//	AMI   = (MI − E[MI]) / ((H(U) + H(V))/2 − E[MI])
//	MI    = Σ_ij (n_ij/n) log(n·n_ij / (a_i·b_j))
//	H(U)  = −Σ_i (a_i/n) log(a_i/n),  H(V) likewise with b_j
//	E[MI] = Σ_i Σ_j Σ_k (k/n) log(n·k / (a_i·b_j)) · h(k; n, a_i, b_j)
//
// where k runs from max(1, a_i+b_j−n) to min(a_i, b_j) and h is the
// hypergeometric probability C(b,k)·C(n−b,a−k)/C(n,a) that a random
// partition with the same cluster sizes puts k documents in the cell.
// E[MI] depends on the cluster sizes only, so it is summed over pairs of
// distinct sizes, weighted by how many clusters have each: a million
// singletons are one size. That costs O(Σ_a Σ_b min(a,b)) over the distinct
// sizes a of U and b of V, and there are at most √(2n) distinct sizes in a
// partition of n. Within a pair of sizes, log h starts from log-binomials
// (sums of logarithms for small arguments, math.Lgamma for large ones) and
// follows the ratio h(k+1)/h(k) = (a−k)(b−k) / ((k+1)(n−a−b+k+1)).
//
// Degenerate cases, following scikit-learn:
//
//   - n = 0, or both partitions one cluster: 1 (scikit-learn's explicit
//     special case, "no clustering since the data is not split").
//   - Identical partitions: exactly 1 (the formula's value; scikit-learn
//     computes it and gets 1 up to rounding). This includes both
//     partitions all singletons, n ≥ 2, where numerator and denominator
//     are both 0: scikit-learn clamps each to the float64 epsilon and
//     returns 1.0 (its test_perfect_matches checks [0,1,2] against
//     [42,7,2]).
//   - Otherwise, one partition one cluster or all singletons: exactly 0.
//     Every partition with those sizes then has the same MI (0, or the
//     other partition's entropy), so MI = E[MI] and the denominator is
//     positive; scikit-learn computes a numerator within rounding of 0,
//     clamps it to ±epsilon and returns a value within about 1e-15 of 0
//     (its documentation shows 0.0 for [0,0,0,0] against [0,1,2,3]).
//
// In every other case the denominator is positive, so AMI is never NaN.
func (c Contingency) AMI() float64 {
	n, R, C := c.N, len(c.PredSizes), len(c.GoldSizes)
	switch {
	case n == 0 || (R == 1 && C == 1):
		return 1
	case len(c.Cells) == R && R == C:
		// Each predicted cluster meets one gold cluster and each gold
		// cluster one predicted cluster: the partitions are identical.
		return 1
	case R == 1 || C == 1 || R == n || C == n:
		return 0
	}
	sa, sb := sizeCounts(c.PredSizes), sizeCounts(c.GoldSizes)
	mi := c.mutualInfo()
	emi := expectedMutualInfo(n, sa, sb)
	mean := (entropy(n, sa) + entropy(n, sb)) / 2
	return (mi - emi) / (mean - emi)
}

// mutualInfo returns MI = Σ_ij (n_ij/n) log(n·n_ij / (a_i·b_j)). The
// cells that are a singleton in both partitions all add (1/n) log n, so
// they are counted and added once.
func (c Contingency) mutualInfo() float64 {
	n := float64(c.N)
	var mi float64
	var ones int
	for _, x := range c.Cells {
		a, b := c.PredSizes[x.Pred], c.GoldSizes[x.Gold]
		if a == 1 && b == 1 {
			ones++
			continue
		}
		k := float64(x.Count)
		mi += k / n * math.Log(n*k/(float64(a)*float64(b)))
	}
	return mi + float64(ones)/n*math.Log(n)
}

// entropy returns −Σ (s/n) log(s/n) over the cluster sizes s, given as
// distinct sizes with multiplicities.
func entropy(n int, sizes []sizeCount) float64 {
	var h float64
	for _, x := range sizes {
		p := float64(x.size) / float64(n)
		h -= float64(x.count) * p * math.Log(p)
	}
	return h
}

// sizeCount is a cluster size and the number of clusters of that size.
type sizeCount struct{ size, count int }

// sizeCounts returns the distinct sizes, increasing, with multiplicities.
func sizeCounts(sizes []int) []sizeCount {
	hist := make([]int, slices.Max(sizes)+1)
	for _, s := range sizes {
		hist[s]++
	}
	var out []sizeCount
	for s, m := range hist {
		if m > 0 {
			out = append(out, sizeCount{s, m})
		}
	}
	return out
}

// expectedMutualInfo returns E[MI] of the partitions of n documents with
// the cluster sizes a and b (distinct sizes with multiplicities) under the
// hypergeometric (permutation) model, summed over pairs of distinct sizes.
func expectedMutualInfo(n int, a, b []sizeCount) float64 {
	var emi float64
	for _, x := range a {
		for _, y := range b {
			emi += float64(x.count) * float64(y.count) * emiCell(n, x.size, y.size)
		}
	}
	return emi
}

// emiCell returns Σ_k (k/n) log(n·k/(a·b)) h(k; n, a, b), the expected
// contribution to MI of one cell between a cluster of size a and one of
// size b, k from max(1, a+b−n) to min(a, b). It is symmetric in a and b.
func emiCell(n, a, b int) float64 {
	if a > b {
		a, b = b, a
	}
	k := max(1, a+b-n)
	// log h(k) = log C(b,k) + log C(n−b, a−k) − log C(n,a).
	logH := logChoose(b, k) + logChoose(n-b, a-k) - logChoose(n, a)
	fn, ab := float64(n), float64(a)*float64(b)
	var sum float64
	for ; k <= a; k++ {
		fk := float64(k)
		sum += fk / fn * math.Log(fn*fk/ab) * math.Exp(logH)
		if k < a {
			logH += math.Log(float64(a-k)*float64(b-k)) - math.Log((fk+1)*float64(n-a-b+k+1))
		}
	}
	return sum
}

// logChooseSum is the largest min(k, n−k) for which logChoose adds
// logarithms instead of calling math.Lgamma. Lgamma(n+1) is about n·log n,
// so a difference of three of them loses about n·log n·2⁻⁵³ in absolute
// terms (3e-9 for n = 10⁶); the sum of k logarithms loses about k·2⁻⁵³·log n.
const logChooseSum = 256

// logChoose returns log C(n, k) for 0 ≤ k ≤ n.
func logChoose(n, k int) float64 {
	k = min(k, n-k)
	if k <= logChooseSum {
		var s float64
		for i := 1; i <= k; i++ {
			s += math.Log(float64(n-k+i) / float64(i))
		}
		return s
	}
	ln, _ := math.Lgamma(float64(n + 1))
	lk, _ := math.Lgamma(float64(k + 1))
	lnk, _ := math.Lgamma(float64(n - k + 1))
	return ln - lk - lnk
}

// RemovedCounts are the document-level figures of a deduplicator that keeps
// the first (lowest-index) document of each predicted cluster and removes
// the others. A removed document d is correct when a document before it in
// its predicted cluster is in d's gold cluster (d duplicates something
// earlier that the cluster kept or removed). Removed = n − R documents are
// removed; Correct of them rightly; a perfect deduplicator removes Needed =
// n − C, one fewer than the size of each gold cluster.
//
// Within one cell (the documents in predicted cluster i and gold cluster j),
// every document but the first has the first before it in both clusters,
// and the first has no earlier document in the cell; so Correct = Σ_ij
// (n_ij − 1) = n − (number of nonzero cells), whatever the document order.
type RemovedCounts struct {
	Removed, Correct, Needed int
}

// Precision returns Correct/Removed; NaN (undefined) when nothing is
// removed.
func (r RemovedCounts) Precision() float64 { return ratio(r.Correct, r.Removed) }

// Recall returns Correct/Needed; NaN (undefined) when the gold partition is
// all singletons (nothing should be removed).
func (r RemovedCounts) Recall() float64 { return ratio(r.Correct, r.Needed) }

// F1 returns 2·Correct/(Removed + Needed), the harmonic mean of precision
// and recall extended by its limit; NaN (undefined) when nothing is removed
// and nothing should be.
func (r RemovedCounts) F1() float64 { return ratio(2*r.Correct, r.Removed+r.Needed) }

// Removed returns the document-level counts of keeping the first document
// of each predicted cluster.
func (c Contingency) Removed() RemovedCounts {
	return RemovedCounts{
		Removed: c.N - len(c.PredSizes),
		Correct: c.N - len(c.Cells),
		Needed:  c.N - len(c.GoldSizes),
	}
}

// ClusterCounts describe the predicted partition: the size of its largest
// cluster (0 when there are no documents) and the number of clusters of at
// least two documents.
type ClusterCounts struct {
	Largest, NonSingleton int
}

// PredClusters returns the cluster counts of the predicted partition.
func (c Contingency) PredClusters() ClusterCounts {
	var cc ClusterCounts
	for _, s := range c.PredSizes {
		cc.Largest = max(cc.Largest, s)
		if s >= 2 {
			cc.NonSingleton++
		}
	}
	return cc
}

// ARI returns NewContingency(pred, gold).ARI().
func ARI(pred, gold []int) float64 { return NewContingency(pred, gold).ARI() }

// AMI returns NewContingency(pred, gold).AMI().
func AMI(pred, gold []int) float64 { return NewContingency(pred, gold).AMI() }

// BCubed returns NewContingency(pred, gold).BCubed().
func BCubed(pred, gold []int) BCubedScores { return NewContingency(pred, gold).BCubed() }

// LabelsFromPairs returns the predicted partition of documents 0..n−1 that
// the transitive closure of pairs gives: the connected components of the
// graph with the pairs as edges, by union–find (union by size, path
// compression; nearly O(n + len(pairs))). Each document's label is the
// smallest document index in its component, so the same pairs give the
// same labels in any order. A document in no pair is a singleton, labelled
// with its own index.
//
// LabelsFromPairs panics if a pair has an index outside [0, n).
func LabelsFromPairs(n int, pairs [][2]int) []int {
	return LabelsFromSeq(n, func(yield func(a, b int) bool) {
		for _, p := range pairs {
			if !yield(p[0], p[1]) {
				return
			}
		}
	})
}

// LabelsFromSeq is LabelsFromPairs with the pairs given one at a time, so
// that a caller need not hold them: the same labels, in O(n) memory.
func LabelsFromSeq(n int, pairs iter.Seq2[int, int]) []int {
	parent := make([]int, n)
	size := make([]int, n)
	for i := range parent {
		parent[i], size[i] = i, 1
	}
	find := func(x int) int {
		root := x
		for parent[root] != root {
			root = parent[root]
		}
		for parent[x] != root {
			parent[x], x = root, parent[x]
		}
		return root
	}
	k := 0
	for a, b := range pairs {
		if a < 0 || a >= n || b < 0 || b >= n {
			panic(fmt.Sprintf("metric: LabelsFromPairs: pair %d is %v, outside [0, %d)", k, [2]int{a, b}, n))
		}
		k++
		x, y := find(a), find(b)
		if x == y {
			continue
		}
		if size[x] < size[y] {
			x, y = y, x
		}
		parent[y] = x
		size[x] += size[y]
	}
	// Documents in increasing order: the first of a component seen is its
	// smallest index.
	labels := make([]int, n)
	first := make([]int, n) // first index + 1 per root; 0 = not seen
	for d := range labels {
		r := find(d)
		if first[r] == 0 {
			first[r] = d + 1
		}
		labels[d] = first[r] - 1
	}
	return labels
}

// RemovedList returns the document-level counts of a deduplicator that
// removed the documents removed, in that order, and kept the others, with
// gold the gold cluster label of each document. A removed document is
// correct when a document of its gold cluster was kept, or removed before
// it: what it duplicates is still there, or was seen first. Needed is n −
// (number of gold clusters), as in Contingency.Removed.
//
// RemovedList panics if a removed index is outside [0, len(gold)) or
// repeated.
func RemovedList(gold []int, removed []int) RemovedCounts {
	n := len(gold)
	isRemoved := make([]bool, n)
	for _, d := range removed {
		if d < 0 || d >= n || isRemoved[d] {
			panic(fmt.Sprintf("metric: RemovedList: removed document %d is outside [0, %d) or repeated", d, n))
		}
		isRemoved[d] = true
	}
	// Gold clusters with a kept document, and the gold clusters seen among
	// the documents removed so far.
	kept := map[int]bool{}
	clusters := map[int]bool{}
	for d, g := range gold {
		clusters[g] = true
		if !isRemoved[d] {
			kept[g] = true
		}
	}
	seen := map[int]bool{}
	r := RemovedCounts{Removed: len(removed), Needed: n - len(clusters)}
	for _, d := range removed {
		g := gold[d]
		if kept[g] || seen[g] {
			r.Correct++
		}
		seen[g] = true
	}
	return r
}

package eval

import (
	"github.com/simbench/simbench/eval/metric"
)

// Clusters are what deduplication pipelines make of predicted pairs: they
// join them by transitive closure (connected components, union–find) and
// keep one document per cluster. A run in the corpus scope is scored on
// that too:
//
//   - the gold clusters are the closure of the positive pairs in scope
//     (for a set given as clusters.tsv, its clusters, since their pairs are
//     its positives); every pair in scope is labelled, so the gold
//     partition is complete;
//   - an algorithm's predicted clusters are the closure of the pairs it
//     scores at or above its threshold.
//
// The labelled scope has none: its pairs are not every pair of the
// documents, so the closure of what was predicted among them says nothing
// of what a pipeline would join.

// ClusterFigures are an algorithm's figures after closure.
type ClusterFigures struct {
	// Pairs counts the pairs in one predicted cluster, in one gold cluster,
	// and in both (metric.PairCounts).
	Pairs metric.PairCounts
	// Direct is the number of pairs scored at or above the threshold, and
	// DirectFalse how many of them are in two gold clusters; the closure
	// adds Pairs.Pred − Direct pairs, Pairs.Pred − Pairs.True − DirectFalse
	// of them false.
	Direct, DirectFalse int64
	BCubed              metric.BCubedScores
	ARI, AMI            float64
	Removed             metric.RemovedCounts
	Counts              metric.ClusterCounts
}

// clusterNote says why a result has no cluster figures, or is "".
func clusterNote(scope Scope) string {
	if scope != Corpus {
		return "no cluster metrics: the labelled scope scores only the labelled pairs, so the closure of the predicted pairs is not what a pipeline would join; use an exhaustive set and the corpus scope"
	}
	return ""
}

// goldClusters sets res.GoldClusters, the closure of the positive pairs in
// scope, when the scope is the corpus.
func (res *Result) goldClusters() {
	if res.ClusterNote = clusterNote(res.Scope); res.ClusterNote != "" {
		return
	}
	res.GoldClusters = metric.LabelsFromSeq(len(res.Set.Docs), func(yield func(a, b int) bool) {
		for _, p := range res.Pairs {
			if p.Positive && !yield(p.A, p.B) {
				return
			}
		}
	})
}

// cluster sets r.Clusters, the closure of the pairs r predicts, and its
// figures against res.GoldClusters; nothing without gold clusters.
func (res *Result) cluster(r *Run) {
	if res.GoldClusters == nil {
		return
	}
	n := len(res.Set.Docs)
	if removed, ok := removedOnly(r); ok {
		// A list of removed documents: its clusters are unknown.
		r.Cluster = &ClusterFigures{Removed: metric.RemovedList(res.GoldClusters, removed)}
		return
	}
	f := &ClusterFigures{}
	r.Clusters = metric.LabelsFromSeq(n, func(yield func(a, b int) bool) {
		for i, p := range res.Pairs {
			if r.Predicted(i) {
				f.Direct++
				if res.GoldClusters[p.A] != res.GoldClusters[p.B] {
					f.DirectFalse++
				}
				if !yield(p.A, p.B) {
					return
				}
			}
		}
		if res.Implied > 0 && r.Config.Threshold <= 0 {
			// Every implied pair scores 0, at least the threshold: all
			// one cluster.
			for d := 1; d < n; d++ {
				if !yield(0, d) {
					return
				}
			}
		}
	})
	figures(f, r.Clusters, res.GoldClusters, res.Implied > 0 && r.Config.Threshold <= 0)
	r.Cluster = f
}

// figures fills in f, whose Direct and DirectFalse are counted, from the
// predicted and the gold clusters. With everything, every pair is
// predicted directly, so the closure adds none.
func figures(f *ClusterFigures, pred, gold []int, everything bool) {
	c := metric.NewContingency(pred, gold)
	f.Pairs, f.BCubed, f.ARI, f.AMI = c.Pairs(), c.BCubed(), c.ARI(), c.AMI()
	if everything {
		f.Direct, f.DirectFalse = f.Pairs.Pred, f.Pairs.Pred-f.Pairs.True
	}
	f.Removed, f.Counts = c.Removed(), c.PredClusters()
}

// removedOnly returns, for the run of another system's list of removed
// documents, that list: no pair, no cluster, only the document-level
// figures.
func removedOnly(r *Run) ([]int, bool) {
	if ro, ok := r.Config.Algorithm.(interface{ Removed() ([]int, bool) }); ok {
		return ro.Removed()
	}
	return nil, false
}

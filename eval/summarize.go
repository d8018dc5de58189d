package eval

import (
	"math"
	"strings"

	"github.com/simbench/simbench/eval/bootstrap"
	"github.com/simbench/simbench/eval/metric"
	"github.com/simbench/simbench/eval/summary"
)

// A figureOf computes the figure of one column of summary.Columns for run r
// of res; NaN when it is undefined or was not measured.
type figureOf func(res *Result, r *Run) float64

// measures binds every column of summary.Columns, by key, to the function
// that computes it. It is the one place a run's figures are computed for
// the summary, from which the table, the report, the benchmark lines and
// compare read them; a test checks that every column has a measure and
// every measure a column.
var measures = map[string]figureOf{
	"threshold":               func(_ *Result, r *Run) float64 { return r.Config.Threshold },
	"precision":               func(_ *Result, r *Run) float64 { return r.At.Precision() },
	"recall":                  func(_ *Result, r *Run) float64 { return r.At.Recall() },
	"f1":                      func(_ *Result, r *Run) float64 { return r.At.F1() },
	"tp":                      func(_ *Result, r *Run) float64 { return float64(r.At.TP) },
	"fp":                      func(_ *Result, r *Run) float64 { return float64(r.At.FP) },
	"fn":                      func(_ *Result, r *Run) float64 { return float64(r.At.FN) },
	"tn":                      func(_ *Result, r *Run) float64 { return float64(r.At.TN) },
	"average_precision":       func(_ *Result, r *Run) float64 { return r.AP },
	"roc_auc":                 func(_ *Result, r *Run) float64 { return r.ROCAUC },
	"best_f1":                 func(_ *Result, r *Run) float64 { return r.Best.F1() },
	"best_threshold":          func(_ *Result, r *Run) float64 { return r.Best.Threshold },
	"best_accuracy":           func(_ *Result, r *Run) float64 { return metric.BestAccuracy(r.Sweep).Accuracy() },
	"best_accuracy_threshold": func(_ *Result, r *Run) float64 { return metric.BestAccuracy(r.Sweep).Threshold },
	"closure_precision":       clustered(func(f *ClusterFigures) float64 { return f.Pairs.Precision() }),
	"closure_recall":          clustered(func(f *ClusterFigures) float64 { return f.Pairs.Recall() }),
	"closure_f1":              clustered(func(f *ClusterFigures) float64 { return f.Pairs.F1() }),
	"closure_only_pairs":      clustered(func(f *ClusterFigures) float64 { return float64(f.Pairs.Pred - f.Direct) }),
	"closure_only_false":      clustered(func(f *ClusterFigures) float64 { return float64(f.Pairs.Pred - f.Pairs.True - f.DirectFalse) }),
	"bcubed_precision":        clustered(func(f *ClusterFigures) float64 { return f.BCubed.Precision }),
	"bcubed_recall":           clustered(func(f *ClusterFigures) float64 { return f.BCubed.Recall }),
	"bcubed_f1":               clustered(func(f *ClusterFigures) float64 { return f.BCubed.F1 }),
	"ari":                     clustered(func(f *ClusterFigures) float64 { return f.ARI }),
	"ami":                     clustered(func(f *ClusterFigures) float64 { return f.AMI }),
	"largest_cluster":         clustered(func(f *ClusterFigures) float64 { return float64(f.Counts.Largest) }),
	"clusters":                clustered(func(f *ClusterFigures) float64 { return float64(f.Counts.NonSingleton) }),
	"docs_removed_precision":  clustered(func(f *ClusterFigures) float64 { return f.Removed.Precision() }),
	"docs_removed_recall":     clustered(func(f *ClusterFigures) float64 { return f.Removed.Recall() }),
	"docs_per_sec":            speed(func(s *Speed) float64 { return s.DocsPerSec }),
	"mb_per_sec":              speed(func(s *Speed) float64 { return s.MBPerSec }),
	"sign_docs_per_sec":       speed(func(s *Speed) float64 { return s.SignDocsPerSec }),
	"pairs_per_sec":           speed(func(s *Speed) float64 { return s.PairsPerSec }),
	"candidates": func(_ *Result, r *Run) float64 {
		if r.Candidates < 0 {
			return math.NaN() // no index: every pair was scored
		}
		return float64(r.Candidates)
	},
	"candidates_per_doc": func(res *Result, r *Run) float64 {
		if r.Candidates < 0 || len(res.Set.Docs) == 0 || res.Scope != Corpus {
			return math.NaN() // in the labelled scope, only labelled pairs are counted
		}
		return 2 * float64(r.Candidates) / float64(len(res.Set.Docs))
	},
	"distinct_docs": func(_ *Result, r *Run) float64 {
		if r.Groups == 0 {
			return math.NaN() // every document ran
		}
		return float64(r.Groups)
	},
	"floor": func(res *Result, r *Run) float64 {
		if res.Sparse && r.Floor > 0 {
			return r.Floor
		}
		return math.NaN()
	},
	"index_seconds": func(res *Result, r *Run) float64 {
		if res.ShowsTimes() && r.Candidates >= 0 {
			return r.IndexSeconds
		}
		return math.NaN() // untimed summaries do not depend on the machine
	},
	"sig_bytes": func(_ *Result, r *Run) float64 {
		if _, ok := r.Config.Algorithm.(DocSigner); ok {
			return math.NaN() // another system's: no signature
		}
		return r.SigBytes
	},
}

// clustered returns the measure of a figure after closure, NaN without
// clusters (the labelled scope).
func clustered(f func(*ClusterFigures) float64) figureOf {
	return func(_ *Result, r *Run) float64 {
		if r.Cluster == nil {
			return math.NaN()
		}
		return f(r.Cluster)
	}
}

// speed returns the measure of a throughput figure, NaN when throughput
// was not measured.
func speed(f func(*Speed) float64) figureOf {
	return func(_ *Result, r *Run) float64 {
		if r.Speed == nil {
			return math.NaN()
		}
		return f(r.Speed)
	}
}

// intervals binds every column of summary.Columns that has an interval to
// the bootstrap interval of its figure and the count of resamples in which
// the figure was undefined.
var intervals = map[string]func(*bootstrap.Metrics) (bootstrap.Interval, int){
	"precision":         func(m *bootstrap.Metrics) (bootstrap.Interval, int) { return m.Precision, m.Undefined.Precision },
	"recall":            func(m *bootstrap.Metrics) (bootstrap.Interval, int) { return m.Recall, m.Undefined.Recall },
	"f1":                func(m *bootstrap.Metrics) (bootstrap.Interval, int) { return m.F1, m.Undefined.F1 },
	"average_precision": func(m *bootstrap.Metrics) (bootstrap.Interval, int) { return m.AP, m.Undefined.AP },
}

// Measure returns the figure of column key for run r of res, computed by
// the column's measure; it panics for a key that is not a column.
func Measure(res *Result, r *Run, key string) float64 {
	m, ok := measures[key]
	if !ok {
		panic("eval: no measure for column " + key)
	}
	return m(res, r)
}

// ShowsTimes reports whether the summary and the report show the times and
// memory of the run: when throughput was measured, or the documents were
// streamed.
func (res *Result) ShowsTimes() bool { return res.Timed || res.Set.Order != nil }

// Summarize returns the summary of res: every figure of every run by its
// column, computed by the column's measure.
func Summarize(res *Result, env summary.Env) summary.Summary {
	s := summary.Summary{
		Gold: summary.Gold{
			Name:          res.Set.Manifest.Name,
			Docs:          len(res.Set.Docs),
			Pairs:         int(res.InScope()),
			Positives:     res.Positives,
			Sparse:        res.Sparse,
			ScoredPairs:   len(res.Pairs),
			Counted:       res.Counted,
			Streamed:      res.Set.Order != nil,
			Scope:         res.Scope.String(),
			LabelledPairs: int(res.Set.NumPairs()),
			Exhaustive:    res.Set.Manifest.Exhaustive,
			Path:          res.Set.Path,
			Hash:          res.GoldHash,
			ClusterNote:   res.ClusterNote,
		},
		Env:           env,
		Warnings:      nonNil(res.Warnings),
		Runs:          []summary.Run{},
		F1Differences: []summary.Diff{},
		SeedSpread:    []summary.Spread{},
		Skipped:       []summary.Skip{},
	}
	for _, sk := range res.Skipped {
		s.Skipped = append(s.Skipped, summary.Skip{Algorithm: sk.Label, Reason: sk.Reason})
	}
	if res.Timed {
		s.ThroughputMethod = SpeedMethod
	}
	if res.GoldClusters != nil {
		c := metric.NewContingency(res.GoldClusters, res.GoldClusters).PredClusters()
		s.Gold.Clusters, s.Gold.LargestCluster = c.NonSingleton, c.Largest
	}
	if o := res.Bootstrap; o != nil {
		s.Bootstrap = &summary.Bootstrap{Resamples: o.Resamples, Level: o.Level, Seed: o.Seed, Unit: "documents"}
	}
	for _, d := range res.Diffs {
		s.F1Differences = append(s.F1Differences, summary.Diff{A: d.A, B: d.B, Observed: summary.Num(d.Observed),
			Interval: [2]summary.Num{summary.Num(d.Interval.Lo), summary.Num(d.Interval.Hi)}, Significant: d.Significant})
	}
	msd := func(m MeanSD) [4]summary.Num {
		return [4]summary.Num{summary.Num(m.Mean), summary.Num(m.SD), summary.Num(m.Min), summary.Num(m.Max)}
	}
	for _, sp := range res.Spreads {
		s.SeedSpread = append(s.SeedSpread, summary.Spread{Algorithm: sp.Label, Seeds: sp.Seeds,
			Precision: msd(sp.Precision), Recall: msd(sp.Recall), F1: msd(sp.F1), AP: msd(sp.AP)})
	}
	for _, t := range res.Text {
		ts := summary.Text{Shingling: t.Options.String(), Shingles: summary.Num(t.Shingles), Empty: nonNil(t.Empty),
			DocsPerSec: summary.NaN, MBPerSec: summary.NaN}
		if res.Timed {
			ts.DocsPerSec, ts.MBPerSec = summary.Num(t.DocsPerSec), summary.Num(t.MBPerSec)
		}
		s.Text = append(s.Text, ts)
	}
	for i := range res.Runs {
		r := &res.Runs[i]
		rs := summary.Run{
			Algorithm: r.Config.Label,
			Name:      r.Config.Entry.Name,
			Params:    make(map[string]string, len(r.Config.Params)),
			Notes:     nonNil(r.Config.Notes),
			PerLabel:  []summary.Label{},
		}
		for _, kv := range r.Config.Params {
			rs.Params[kv.Key] = kv.Value
		}
		_, ro := removedOnly(r)
		for _, c := range summary.Columns {
			if ro && c.Key != "threshold" && !strings.HasPrefix(c.Key, "docs_removed_") {
				// A list of removed documents has no pairs and no clusters.
				rs.Set(c.Key, summary.NaN)
				continue
			}
			rs.Set(c.Key, summary.Num(Measure(res, r, c.Key)))
			if iv, ok := intervals[c.Key]; ok && r.CI != nil {
				if rs.Intervals == nil {
					rs.Intervals, rs.Undefined = make(map[string][2]summary.Num), make(map[string]int)
				}
				x, undefined := iv(r.CI)
				rs.Intervals[c.Key] = [2]summary.Num{summary.Num(x.Lo), summary.Num(x.Hi)}
				rs.Undefined[c.Key] = undefined
			}
		}
		for _, lr := range r.PerLabel {
			if ro {
				break // no pair is predicted or not
			}
			rs.PerLabel = append(rs.PerLabel, summary.Label{Label: lr.Label, Positive: lr.Positive, Pairs: lr.Pairs,
				Predicted: lr.Predicted, Rate: summary.Num(lr.Rate())})
		}
		s.Runs = append(s.Runs, rs)
	}
	if res.ShowsTimes() {
		for _, p := range res.Phases {
			s.Phases = append(s.Phases, summary.Phase{Name: p.Name, Seconds: summary.Num(p.Seconds)})
		}
		s.PeakRSS = res.PeakRSS
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

package summary

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A Kind says what sort of figure a column holds, which decides how it is
// formatted and compared.
type Kind uint8

const (
	// Quality is a ratio in [0, 1] such as precision: formatted with three
	// decimals, compared between runs by the difference new − old.
	Quality Kind = iota
	// Count is a number of pairs or documents: formatted as an integer.
	Count
	// Speed is a throughput: formatted with three significant digits
	// and an SI prefix, compared between runs by the ratio new/old − 1.
	Speed
	// Setting is a setting of the run, such as its threshold: shown with
	// the figures, never compared.
	Setting
	// Cost is a size or a time: formatted with three significant digits
	// and an SI prefix, never compared.
	Cost
)

// A View says where a column is shown.
type View uint8

const (
	// Key columns are shown by default, in the table that fits a
	// terminal of 100 columns.
	Key View = iota
	// Wide columns are shown with -wide, in the Markdown report and in
	// the CSV of runs.
	Wide
	// JSON columns are in summary.json and the CSV of runs only.
	JSON
)

// A Column is one figure of a run.
type Column struct {
	// Key is the summary.json key, and Header the table header.
	Key, Header string
	// Doc says what the figure is, in a few words, for legends and help.
	Doc  string
	Kind Kind
	// Higher reports that a higher figure is better.
	Higher bool
	// Gate reports that simbench compare fails when the figure falls by
	// more than its tolerance; Compared that compare shows it at all.
	Gate, Compared bool
	// View says in which tables the column is shown.
	View View
	// Interval reports that a bootstrap interval of the figure is
	// computed when intervals are asked for, and IntervalView in which
	// tables it is shown beside the figure.
	Interval     bool
	IntervalView View
	// Unit is the unit of the figure in benchmark lines, "" when it has
	// none; Exact reports that measuring again gives the same figure
	// (benchfmt's assume=exact).
	Unit  string
	Exact bool
	// Distinct names a column whose figure this one is shown beside and
	// must not look equal to when it differs (the best threshold beside the
	// threshold): Run.Cell then shows both with more decimals.
	Distinct string
}

// Columns lists every figure of a run, in the order of the tables and of
// summary.json. To add a figure, add its row here and the function that
// computes it to the measures of package eval.
var Columns = []Column{
	{Key: "threshold", Header: "t", Doc: "threshold; a pair scoring at least t is a duplicate", Kind: Setting, View: Key},
	{Key: "precision", Header: "P", Doc: "precision at t, TP/(TP+FP)", Kind: Quality, Higher: true, Gate: true, Compared: true, View: Key, Interval: true, IntervalView: Wide, Unit: "precision", Exact: true},
	{Key: "recall", Header: "R", Doc: "recall at t, TP/(TP+FN)", Kind: Quality, Higher: true, Gate: true, Compared: true, View: Key, Interval: true, IntervalView: Wide, Unit: "recall", Exact: true},
	{Key: "f1", Header: "F1", Doc: "F1 at t", Kind: Quality, Higher: true, Gate: true, Compared: true, View: Key, Interval: true, IntervalView: Key, Unit: "f1", Exact: true},
	{Key: "tp", Header: "TP", Doc: "true positives at t", Kind: Count, View: Wide},
	{Key: "fp", Header: "FP", Doc: "false positives at t", Kind: Count, View: Wide},
	{Key: "fn", Header: "FN", Doc: "false negatives at t", Kind: Count, View: Wide},
	{Key: "tn", Header: "TN", Doc: "true negatives at t", Kind: Count, View: Wide},
	{Key: "average_precision", Header: "AP", Doc: "average precision over all thresholds", Kind: Quality, Higher: true, Gate: true, Compared: true, View: Key, Interval: true, IntervalView: Wide, Unit: "average_precision", Exact: true},
	{Key: "roc_auc", Header: "ROC AUC", Doc: "area under the ROC curve", Kind: Quality, Higher: true, View: Wide},
	{Key: "best_f1", Header: "best F1", Doc: "highest F1 over all thresholds (with hindsight)", Kind: Quality, Higher: true, Compared: true, View: Key, Unit: "best_f1", Exact: true},
	{Key: "best_threshold", Header: "best t", Doc: "its threshold", Kind: Setting, View: Key, Distinct: "threshold"},
	{Key: "best_accuracy", Header: "best accuracy", Doc: "highest accuracy over all thresholds", Kind: Quality, Higher: true, View: JSON},
	{Key: "best_accuracy_threshold", Header: "its t", Doc: "its threshold", Kind: Setting, View: JSON, Distinct: "threshold"},
	{Key: "closure_precision", Header: "closure P", Doc: "precision of the pairs in one cluster after closure", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "closure_recall", Header: "closure R", Doc: "recall of the pairs in one cluster after closure", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "closure_f1", Header: "closure F1", Doc: "F1 of the pairs in one cluster after closure", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "closure_only_pairs", Header: "closure-only", Doc: "pairs predicted only through closure", Kind: Count, View: Wide},
	{Key: "closure_only_false", Header: "of them false", Doc: "pairs predicted only through closure that are not duplicates", Kind: Count, View: Wide},
	{Key: "bcubed_precision", Header: "B³ P", Doc: "B-cubed precision of the clusters", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "bcubed_recall", Header: "B³ R", Doc: "B-cubed recall of the clusters", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "bcubed_f1", Header: "B³ F1", Doc: "B-cubed F1 of the clusters", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "ari", Header: "ARI", Doc: "adjusted Rand index of the clusters", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "ami", Header: "AMI", Doc: "adjusted mutual information of the clusters", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "largest_cluster", Header: "largest", Doc: "documents in the largest predicted cluster", Kind: Count, View: Wide},
	{Key: "clusters", Header: "clusters", Doc: "predicted clusters of two documents or more", Kind: Count, View: Wide},
	{Key: "docs_removed_precision", Header: "removed P", Doc: "share of the documents removed (one kept per cluster) that are duplicates", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "docs_removed_recall", Header: "removed R", Doc: "share of the documents to remove that are removed", Kind: Quality, Higher: true, Compared: true, View: Wide},
	{Key: "docs_per_sec", Header: "docs/s", Doc: "documents per second, text to signature", Kind: Speed, Higher: true, Compared: true, View: Key, Unit: "docs/s"},
	{Key: "mb_per_sec", Header: "MB/s", Doc: "megabytes of text per second", Kind: Speed, Higher: true, Compared: true, View: Wide, Unit: "MB/s"},
	{Key: "sign_docs_per_sec", Header: "sign docs/s", Doc: "documents per second, shingles to signature", Kind: Speed, Higher: true, View: JSON},
	{Key: "pairs_per_sec", Header: "pairs/s", Doc: "pairs scored per second, index included", Kind: Speed, Higher: true, View: Wide},
	{Key: "candidates", Header: "candidates", Doc: "pairs in scope an index proposed; null without an index", Kind: Count, View: JSON},
	{Key: "candidates_per_doc", Header: "cand/doc", Doc: "partners an index or join proposed per document in the corpus scope, 2·candidates/documents; null without an index or in the labelled scope", Kind: Count, View: JSON},
	{Key: "floor", Header: "floor", Doc: "in the sparse scope, the lowest score a join searched for", Kind: Setting, View: JSON},
	{Key: "index_seconds", Header: "index s", Doc: "seconds to build the index or join and find the pairs", Kind: Cost, View: JSON},
	{Key: "sig_bytes", Header: "B/sig", Doc: "mean bytes per signature", Kind: Cost, View: JSON},
	{Key: "distinct_docs", Header: "distinct", Doc: "in a run that counts its pairs, the documents the algorithm ran on: those of distinct signatures (shingles with verify=true), identical ones grouped; null otherwise", Kind: Count, View: JSON},
}

// ColumnOf returns the column with the given key.
func ColumnOf(key string) (Column, bool) {
	for _, c := range Columns {
		if c.Key == key {
			return c, true
		}
	}
	return Column{}, false
}

// Shown returns the columns shown in a table: the Key columns, or with
// wide also the Wide ones.
func Shown(wide bool) []Column {
	var cs []Column
	for _, c := range Columns {
		if c.View == Key || wide && c.View == Wide {
			cs = append(cs, c)
		}
	}
	return cs
}

// MinPositives is the fewest positive pairs in scope with which simbench
// puts an interval on a figure or a verdict on a change in quality: with
// fewer, one pair more or less moves recall by more than a tenth, and a
// bootstrap interval, which cannot be wider than what the resamples show,
// says much less than it seems to (a set with one positive pair gets
// "1.000 ± 0.000").
const MinPositives = 10

// Undefined is how a table shows a figure that is undefined (0/0) or was
// not measured; summary.json spells it null.
const Undefined = "–"

// Format formats the figure v of column c for a table.
func (c Column) Format(v Num) string {
	switch c.Kind {
	case Count:
		if !v.Valid() {
			return Undefined
		}
		return strconv.FormatFloat(float64(v), 'f', 0, 64)
	case Speed, Cost:
		return SI(float64(v))
	}
	return Fixed(float64(v))
}

// FormatInterval formats the figure v of column c with its interval iv:
// "0.910 ± 0.030" when the interval is about symmetric around it (the
// centre within a quarter of the half-width), and "1.000 [0.000, 1.000]"
// when it is not, since a percentile interval need not be symmetric and a
// ± would misstate it. Without an interval it is Format(v).
func (c Column) FormatInterval(v Num, iv *[2]Num) string {
	if iv == nil || c.Kind != Quality {
		return c.Format(v)
	}
	lo, hi := iv[0].Float(), iv[1].Float()
	h := (hi - lo) / 2
	if math.IsNaN(h) {
		return Fixed(float64(v)) + " ± " + Undefined
	}
	if math.Abs((lo+hi)/2-float64(v)) <= h/4 {
		return Fixed(float64(v)) + " ± " + Fixed(h)
	}
	return fmt.Sprintf("%s [%s, %s]", Fixed(float64(v)), Fixed(lo), Fixed(hi))
}

// Fixed formats a figure in [0, 1] with three decimals; NaN and the
// infinities are Undefined.
func Fixed(v float64) string { return FixedN(v, 3) }

// FixedN formats v with d decimals; NaN and the infinities are Undefined.
func FixedN(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Undefined
	}
	return strconv.FormatFloat(v, 'f', d, 64)
}

// Decimals returns the fewest decimals, at least 3, with which the
// different finite values of vs are all written differently, so that two
// thresholds shown side by side never look equal when they are not (0.5
// and 0.49999933 are 0.500000 and 0.499999). It gives up at 17.
func Decimals(vs ...float64) int {
	for d := 3; d < 17; d++ {
		seen := make(map[string]float64, len(vs))
		clash := false
		for _, v := range vs {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			s := strconv.FormatFloat(v, 'f', d, 64)
			if w, ok := seen[s]; ok && w != v {
				clash = true
				break
			}
			seen[s] = v
		}
		if !clash {
			return d
		}
	}
	return 17
}

// Cell formats column c of run r for a table, with its interval iv when
// not nil. A column with a Distinct column is written with the decimals
// that tell the two figures apart (Decimals).
func (r *Run) Cell(c Column, iv *[2]Num) string {
	v := r.Get(c.Key)
	other := c.Distinct
	if other == "" {
		// The column that names this one as Distinct is told apart too.
		for _, d := range Columns {
			if d.Distinct == c.Key && d.View <= c.View {
				other = d.Key
			}
		}
	}
	if other != "" && c.Kind == Setting && iv == nil {
		if d := Decimals(float64(v), float64(r.Get(other))); d > 3 {
			return FixedN(float64(v), d)
		}
	}
	return c.FormatInterval(v, iv)
}

// SI formats v with three significant digits and an SI prefix (k, M, G,
// T), as benchstat does; NaN and the infinities are Undefined.
func SI(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Undefined
	}
	prefix := ""
	for _, p := range []string{"k", "M", "G", "T"} {
		if math.Abs(v) < 999.5 {
			break
		}
		v /= 1000
		prefix = p
	}
	var s string
	switch a := math.Abs(v); {
	case a >= 99.95:
		s = fmt.Sprintf("%.0f", v)
	case a >= 9.995:
		s = fmt.Sprintf("%.1f", v)
	default:
		s = fmt.Sprintf("%.2f", v)
	}
	return strings.TrimSpace(s) + prefix
}

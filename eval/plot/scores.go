package plot

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// scoreBins is the number of bins of a score histogram over [0, 1].
const scoreBins = 20

// headroom is how far above the tallest bar the y axis of a score histogram
// goes, as a multiple of its height: the room the legend takes in the top
// corner, so that it covers no bar.
const headroom = 1.4

// shares returns, for bins of equal width over [0, 1], the fraction of values
// in each: bin k holds the values in [k/n, (k+1)/n), and the last bin holds 1
// too. The fractions sum to 1, or are all 0 if values is empty. Every value
// must be in [0, 1].
func shares(values []float64, n int) []float64 {
	s := make([]float64, n)
	if len(values) == 0 {
		return s
	}
	for _, v := range values {
		k := min(int(math.Floor(v*float64(n))), n-1)
		s[k]++
	}
	for k := range s {
		s[k] /= float64(len(values))
	}
	return s
}

// Scores draws, for one algorithm, the distribution of the scores of positive
// (duplicate) pairs pos and of negative pairs neg as two overlaid histograms
// of 20 bins over [0, 1], and writes it as a PNG to path. Bin k holds the
// scores in [k/20, (k+1)/20), the last bin holds 1 too.
//
// Each histogram is normalised to its own class: a bar's height is the share
// of that class's pairs whose score falls in the bin, so each histogram sums
// to 1 and a class of 19 pairs is as visible as one of 760. The y axis label
// says so, and the legend gives each class's size. A vertical dashed line
// marks threshold; pairs scoring at or above it are predicted duplicates.
//
// One class may be empty; its histogram is then flat at 0. Scores returns an
// error, and writes nothing, if both are empty, a score or threshold is
// outside [0, 1] (or NaN), or the file cannot be written.
func Scores(path, title string, pos, neg []float64, threshold float64) error {
	if len(pos) == 0 && len(neg) == 0 {
		return fmt.Errorf("plot: Scores: no scores")
	}
	for _, class := range []struct {
		name   string
		scores []float64
	}{{"positive", pos}, {"negative", neg}} {
		for i, s := range class.scores {
			if !inUnit(s) {
				return fmt.Errorf("plot: Scores: %s score %d is %v, outside [0, 1]", class.name, i, s)
			}
		}
	}
	if !inUnit(threshold) {
		return fmt.Errorf("plot: Scores: threshold %v is outside [0, 1]", threshold)
	}

	p := newChart(title, "Score", "Share of class in bin (each class sums to 1)")
	l := newLegend(topLeft, topRight)
	var top float64
	for _, class := range []struct {
		name   string
		scores []float64
		col    color.RGBA
	}{
		// Negatives first, so the positives, usually fewer, are drawn on top.
		{"non-duplicates", neg, palette[0].(color.RGBA)},
		{"duplicates", pos, palette[1].(color.RGBA)},
	} {
		// Empty bins are left out: gonum would outline them as a line
		// along the x axis.
		var bins []plotter.HistogramBin
		for k, share := range shares(class.scores, scoreBins) {
			if share == 0 {
				continue
			}
			b := plotter.HistogramBin{Min: float64(k) / scoreBins, Max: float64(k+1) / scoreBins, Weight: share}
			bins = append(bins, b)
			l.avoid(plotter.XYs{{X: b.Min, Y: 0}, {X: b.Min, Y: share}, {X: b.Max, Y: share}, {X: b.Max, Y: 0}})
			top = max(top, share)
		}
		fill := class.col
		fill.A = 0x70
		h := &plotter.Histogram{
			Bins:      bins,
			Width:     1.0 / scoreBins,
			FillColor: color.NRGBA(fill),
			LineStyle: draw.LineStyle{Color: class.col, Width: vg.Points(1)},
		}
		p.Add(h)
		l.Add(fmt.Sprintf("%s (n = %d)", class.name, len(class.scores)), h)
	}
	ymax := headroom * top
	t, err := plotter.NewLine(plotter.XYs{{X: threshold, Y: 0}, {X: threshold, Y: ymax}})
	if err != nil {
		return fmt.Errorf("plot: Scores: %w", err)
	}
	t.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1.25), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	p.Add(t)
	l.avoid(t.XYs)
	l.Add("threshold "+formatNum(threshold), t)
	unitAxis(&p.X)
	p.Y.Min, p.Y.Max = 0, ymax
	return save(path, p, l)
}

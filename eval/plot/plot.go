// Package plot draws the charts of a simbench run as PNG files with
// gonum.org/v1/plot: precision–recall and ROC curves of several algorithms,
// the score distributions of positive and negative pairs, and the candidate
// rate of an LSH index against its theoretical S-curve.
//
// It renders only. The figures it draws come from package metric (a
// threshold sweep) or from the caller (counts per similarity bucket); the only
// arithmetic here is what the drawing itself needs: reading precision, recall
// and rates off confusion counts, binning scores, the theoretical LSH curve,
// the Wilson interval of an observed rate, and where the legend goes.
//
// Every chart is 6×4 inches at 110 dots per inch (660×440 pixels), with
// English titles and axis labels, and axes fixed to [0, 1] where the quantity
// is a rate. The legend goes on a translucent white box in the corner of the
// data area where it covers the least of the lines and glyphs drawn, or, when
// every corner would cover some, under the chart. Each file is written
// atomically: the image is rendered into a temporary file in the destination
// directory, which is then renamed to the destination path, so a reader never
// sees half a PNG and a failed call leaves any existing file in place. The
// same input always gives the same bytes.
//
// The functions return an error, and draw nothing, when their input cannot
// be drawn: no curves, a curve with no points or with counts that no sweep
// gives, values outside the ranges documented on each function, or a
// directory that does not exist.
package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Size and resolution of every chart.
const (
	width  = 6 * vg.Inch
	height = 4 * vg.Inch
	dpi    = 110
)

// Font sizes, in points. At 110 dpi a 10-point label is 15 pixels high.
const (
	titleSize  = 13
	labelSize  = 11
	tickSize   = 10
	legendSize = 9
)

// sans is the typeface of all text: Liberation Sans, which gonum/plot embeds,
// so the output does not depend on the fonts installed on the machine.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// palette is the Okabe–Ito colour-blind-safe palette (Okabe & Ito, Color
// Universal Design, 2008) without its yellow, which is too pale on white.
var palette = []color.Color{
	color.RGBA{R: 0x00, G: 0x72, B: 0xb2, A: 0xff}, // blue
	color.RGBA{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff}, // vermillion
	color.RGBA{R: 0x00, G: 0x9e, B: 0x73, A: 0xff}, // bluish green
	color.RGBA{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff}, // reddish purple
	color.RGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}, // orange
	color.RGBA{R: 0x56, G: 0xb4, B: 0xe9, A: 0xff}, // sky blue
	color.RGBA{R: 0x00, G: 0x00, B: 0x00, A: 0xff}, // black
}

// dashes are the line patterns, paired with the colours so that curves stay
// apart in greyscale too. Their count is prime to len(palette), so the
// (colour, dash) pairs repeat only after len(palette)·len(dashes) curves.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)},
	{vg.Points(12), vg.Points(4)},
}

// lineStyle returns the style of the i-th curve of a chart.
func lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{
		Color:  palette[i%len(palette)],
		Width:  vg.Points(1.75),
		Dashes: dashes[i%len(dashes)],
	}
}

var (
	gridColor  = color.Gray{Y: 0xdd}
	guideColor = color.Gray{Y: 0x80}
)

// newChart returns a plot with the house fonts, a light grid, and the given
// title and axis labels.
func newChart(title, xLabel, yLabel string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Tick.Label.Font = font.From(sans, tickSize)
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
	g.Horizontal = g.Vertical
	p.Add(g)
	return p
}

// unitAxis fixes a to [0, 1] with a labelled tick every 0.2 and a minor tick
// every 0.1.
func unitAxis(a *gplot.Axis) {
	a.Min, a.Max = 0, 1
	ticks := make(gplot.ConstantTicks, 0, 11)
	for i := 0; i <= 10; i++ {
		t := gplot.Tick{Value: float64(i) / 10}
		if i%2 == 0 {
			t.Label = strconv.FormatFloat(t.Value, 'g', -1, 64)
		}
		ticks = append(ticks, t)
	}
	a.Tick.Marker = ticks
}

// corner is a corner of the data area.
type corner struct{ top, left bool }

var (
	bottomLeft  = corner{top: false, left: true}
	bottomRight = corner{top: false, left: false}
	topLeft     = corner{top: true, left: true}
	topRight    = corner{top: true, left: false}
)

// legend is a legend drawn inside the data area on a translucent white box
// with a grey border, in the corner where it covers the least of what the
// chart draws.
type legend struct {
	gplot.Legend

	// corners are the corners the legend may go to, in order of preference.
	corners []corner

	// lines are the polylines the chart draws, and points its glyphs, in data
	// coordinates: what the legend should not cover.
	lines  []plotter.XYs
	points plotter.XYs
}

// newLegend returns an empty legend that goes to the first of corners that
// covers the least of the chart.
func newLegend(corners ...corner) *legend {
	l := &legend{Legend: gplot.NewLegend(), corners: corners}
	l.TextStyle.Font = font.From(sans, legendSize)
	l.ThumbnailWidth = vg.Points(24)
	l.Padding = vg.Points(2)
	return l
}

// avoid records polylines the legend should not cover. A step line is given
// as the corners its segments turn at.
func (l *legend) avoid(lines ...plotter.XYs) { l.lines = append(l.lines, lines...) }

// avoidPoints records glyphs the legend should not cover.
func (l *legend) avoidPoints(xys plotter.XYs) { l.points = append(l.points, xys...) }

// pointCost is what covering one glyph costs, as a length of line in units of
// the data area's width or height: a glyph is a few pixels of ink, but a
// covered mark hides a result.
const pointCost = 0.05

// legendMargin is the distance between the legend box and the data area's
// edges; legendPad is the space between the box and the entries inside it.
var (
	legendMargin = vg.Points(6)
	legendPad    = vg.Points(4)
)

// box returns the box around the legend's entries, padding included, in
// corner c of the data canvas da, and the canvas to draw the entries in.
func (l *legend) box(da draw.Canvas, c corner) (box vg.Rectangle, in draw.Canvas) {
	m := legendMargin + legendPad
	in = draw.Crop(da, m, -m, m, -m)
	size := l.Rectangle(in).Size()
	var r vg.Rectangle
	if c.left {
		r.Min.X = in.Min.X
	} else {
		r.Min.X = in.Max.X - size.X
	}
	if c.top {
		r.Min.Y = in.Max.Y - size.Y
	} else {
		r.Min.Y = in.Min.Y
	}
	r.Max = r.Min.Add(size)
	pad := vg.Point{X: legendPad, Y: legendPad}
	return vg.Rectangle{Min: r.Min.Sub(pad), Max: r.Max.Add(pad)}, in
}

// place returns the corner of the data canvas da of p where the legend
// covers the least, and what it covers there: the length of line under it,
// in units of the data area's width and height, plus pointCost per glyph.
// Ties go to the corner listed first.
func (l *legend) place(da draw.Canvas, p *gplot.Plot) (best corner, bestCost float64) {
	w, h := float64(da.Size().X), float64(da.Size().Y)
	norm := func(xy plotter.XY) [2]float64 { return [2]float64{p.X.Norm(xy.X), p.Y.Norm(xy.Y)} }
	best, bestCost = l.corners[0], math.Inf(1)
	for _, c := range l.corners {
		b, _ := l.box(da, c)
		r := [2][2]float64{
			{float64(b.Min.X-da.Min.X) / w, float64(b.Min.Y-da.Min.Y) / h},
			{float64(b.Max.X-da.Min.X) / w, float64(b.Max.Y-da.Min.Y) / h},
		}
		var cost float64
		for _, line := range l.lines {
			for i := 1; i < len(line); i++ {
				cost += clippedLength(norm(line[i-1]), norm(line[i]), r)
			}
		}
		for _, pt := range l.points {
			if q := norm(pt); q[0] >= r[0][0] && q[0] <= r[1][0] && q[1] >= r[0][1] && q[1] <= r[1][1] {
				cost += pointCost
			}
		}
		if cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best, bestCost
}

// drawIn draws the legend in corner c of the data canvas da.
func (l *legend) drawIn(da draw.Canvas, c corner) {
	l.Top, l.Left = c.top, c.left
	b, in := l.box(da, c)
	da.SetColor(color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xd8})
	da.Fill(b.Path())
	da.SetLineStyle(draw.LineStyle{Color: color.Gray{Y: 0xaa}, Width: vg.Points(0.5)})
	da.Stroke(b.Path())
	l.Legend.Draw(in)
}

// clippedLength returns the length of the part of the segment from a to b
// that lies in the rectangle r = {min, max}, by Liang–Barsky clipping (Liang
// & Barsky, ACM Transactions on Graphics 3(1), 1984).
func clippedLength(a, b [2]float64, r [2][2]float64) float64 {
	t0, t1 := 0.0, 1.0
	for k := range 2 {
		d := b[k] - a[k]
		lo, hi := r[0][k]-a[k], r[1][k]-a[k] // need lo <= t·d <= hi
		if d == 0 {
			if lo > 0 || hi < 0 {
				return 0
			}
			continue
		}
		ta, tb := lo/d, hi/d
		if d < 0 {
			ta, tb = tb, ta
		}
		t0, t1 = max(t0, ta), min(t1, tb)
		if t0 >= t1 {
			return 0
		}
	}
	return (t1 - t0) * math.Hypot(b[0]-a[0], b[1]-a[1])
}

// preSteps returns the polyline that gonum's PreStep draws through xys: from
// each point, vertically to the next point's y, then horizontally to it.
func preSteps(xys plotter.XYs) plotter.XYs {
	if len(xys) == 0 {
		return nil
	}
	out := make(plotter.XYs, 0, 2*len(xys)-1)
	out = append(out, xys[0])
	for i := 1; i < len(xys); i++ {
		out = append(out, plotter.XY{X: xys[i-1].X, Y: xys[i].Y}, xys[i])
	}
	return out
}

// maxInsideCost is the most a legend may cover inside the data area (see
// legend.place): 2% of the area's width of line, some ten pixels, and no
// glyph. A legend that would cover more goes under the chart.
const maxInsideCost = 0.02

// maxBelow is the largest share of the chart's height a legend under the
// chart may take; a taller legend stays inside, covering what it must.
const maxBelow = 0.4

// save renders p, and the legend l if it is not nil, as a PNG and writes it
// atomically to path. The legend goes in the corner of the data area where it
// covers the least, or under the chart, aligned with the data area's left
// edge, if every corner would cover more than maxInsideCost.
func save(path string, p *gplot.Plot, l *legend) error {
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	if l == nil {
		p.Draw(dc)
		return writeAtomic(path, vgimg.PngCanvas{Canvas: c})
	}
	corner, cost := l.place(p.DataCanvas(dc), p)
	below := l.Rectangle(dc).Size().Y + 2*legendPad
	if cost <= maxInsideCost || below > maxBelow*dc.Size().Y {
		p.Draw(dc)
		l.drawIn(p.DataCanvas(dc), corner)
		return writeAtomic(path, vgimg.PngCanvas{Canvas: c})
	}
	dc.SetColor(p.BackgroundColor)
	dc.Fill(dc.Rectangle.Path())
	chart := draw.Crop(dc, 0, 0, below, 0)
	p.Draw(chart)
	da := p.DataCanvas(chart)
	l.Top, l.Left = true, true
	l.Legend.Draw(draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: da.Min.X, Y: dc.Min.Y + legendPad},
		Max: vg.Point{X: dc.Max.X - legendPad, Y: dc.Min.Y + below - legendPad},
	}})
	return writeAtomic(path, vgimg.PngCanvas{Canvas: c})
}

// writeAtomic writes the image w to a temporary file in path's directory and
// renames it to path. On error it removes the temporary file and leaves path
// as it was.
func writeAtomic(path string, w io.WriterTo) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("plot: writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("plot: writing %s: %w", path, err)
		}
	}()
	if _, err = w.WriteTo(f); err != nil {
		return err
	}
	// CreateTemp makes the file readable by its owner only; a chart is for
	// anyone who may read the directory.
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// inUnit reports whether x is in [0, 1] (and so not NaN).
func inUnit(x float64) bool { return x >= 0 && x <= 1 }

// errNoCurves is returned by PR and ROC when given no curves.
var errNoCurves = errors.New("plot: no curves")

// formatNum formats x briefly for a label: at most three significant digits.
func formatNum(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }

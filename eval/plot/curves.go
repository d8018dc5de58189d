package plot

import (
	"fmt"
	"image/color"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/simbench/simbench/eval/metric"
)

// Curve is one algorithm's threshold sweep, as [metric.Sweep] returns it.
type Curve struct {
	// Name names the algorithm in the legend, for example
	// "minhash-lsh:perm=64,threshold=0.7". It must not be empty, and the
	// curves of one chart must have different names.
	Name string

	// Points is the sweep in decreasing order of threshold: TP and FP never
	// decrease from one point to the next, and every point counts the same
	// positives (TP+FN) and negatives (FP+TN). Thresholds are not drawn.
	Points []metric.Point
}

// Mark is an algorithm's chosen operating point on a precision–recall chart,
// for example the point at its configured threshold.
type Mark struct {
	// Name is the Name of the Curve the mark belongs to.
	Name string

	// Recall and Precision place the mark; both must be in [0, 1].
	Recall, Precision float64
}

// checkCurves reports whether curves can be drawn: there is at least one,
// each has a distinct non-empty name and at least one point, and the points
// of each are counts a sweep can give (see Curve).
func checkCurves(curves []Curve) error {
	if len(curves) == 0 {
		return errNoCurves
	}
	seen := make(map[string]bool, len(curves))
	for i, c := range curves {
		if c.Name == "" {
			return fmt.Errorf("plot: curve %d has no name", i)
		}
		if seen[c.Name] {
			return fmt.Errorf("plot: two curves are named %q", c.Name)
		}
		seen[c.Name] = true
		if len(c.Points) == 0 {
			return fmt.Errorf("plot: curve %q has no points", c.Name)
		}
		first := c.Points[0]
		for j, p := range c.Points {
			switch {
			case p.TP < 0 || p.FP < 0 || p.FN < 0 || p.TN < 0:
				return fmt.Errorf("plot: curve %q: point %d has a negative count: %+v", c.Name, j, p.Confusion)
			case p.Positives() != first.Positives() || p.Negatives() != first.Negatives():
				return fmt.Errorf("plot: curve %q: point %d counts %d positives and %d negatives, point 0 %d and %d",
					c.Name, j, p.Positives(), p.Negatives(), first.Positives(), first.Negatives())
			case j > 0 && (p.TP < c.Points[j-1].TP || p.FP < c.Points[j-1].FP):
				return fmt.Errorf("plot: curve %q: point %d predicts fewer pairs positive than point %d (points must be in decreasing order of threshold)",
					c.Name, j, j-1)
			}
		}
	}
	return nil
}

// prSteps returns the corners of the precision–recall step function of a
// sweep, to be joined by gonum's PreStep (vertical, then horizontal).
//
// Average precision is AP = Σ_n (R_n − R_{n−1})·P_n (see
// [metric.AveragePrecision]): over the recall interval (R_{n−1}, R_n] the
// precision is P_n, the precision of the point at which recall reaches R_n.
// Joining the points (R_n, P_n) in sweep order with a vertical segment then a
// horizontal one draws exactly that function, whose area is AP. A point that
// adds only false positives adds a vertical segment and no area.
//
// Points with no true positive (the +Inf point, whose precision is 0 by
// convention, and any point that admits only negatives) have recall 0 and
// bound no area; they are left out, and the curve starts at (0, P_k), k being
// the first point with a true positive. prSteps returns nil if there is none.
func prSteps(points []metric.Point) plotter.XYs {
	var xys plotter.XYs
	for _, p := range points {
		if p.TP == 0 {
			continue
		}
		if len(xys) == 0 {
			xys = append(xys, plotter.XY{X: 0, Y: p.Precision()})
		}
		xys = append(xys, plotter.XY{X: p.Recall(), Y: p.Precision()})
	}
	return xys
}

// bestF1 returns the index of the first point of steps, corners (recall,
// precision) of a precision–recall curve, with the highest F1, the harmonic
// mean of the two, so that thinning keeps it.
func bestF1(steps plotter.XYs) int {
	best, bestF := 0, -1.0
	for i, p := range steps {
		f := 0.0
		if p.X+p.Y > 0 {
			f = 2 * p.X * p.Y / (p.X + p.Y)
		}
		if f > bestF {
			best, bestF = i, f
		}
	}
	return best
}

// markGlyphs returns the two glyph styles of an operating point of colour c:
// a disc of that colour under a black ring.
func markGlyphs(c color.Color) (disc, ring draw.GlyphStyle) {
	r := vg.Points(4.5)
	return draw.GlyphStyle{Color: c, Radius: r, Shape: draw.CircleGlyph{}},
		draw.GlyphStyle{Color: color.Black, Radius: r, Shape: draw.RingGlyph{}}
}

// PR draws the precision–recall curves of curves on one chart, recall on the
// x axis and precision on the y axis, both over [0, 1], and writes it as a PNG
// to path. Each curve has its own colour and line style, named in a legend in
// the bottom-left corner unless something is drawn there (see the package
// doc).
//
// A curve is the step function whose area is the average precision (see
// [metric.AveragePrecision]): from recall R_{n−1} to R_n the precision is P_n,
// the precision of the point at which recall reaches R_n. Points with no true
// positive, among them the +Inf point of a sweep, are not drawn; they have
// recall 0 and bound no area. The last point of a full sweep predicts every
// pair positive, so the curve ends at recall 1 and precision equal to the
// share of positives; an LSH index that never proposes some duplicates scores
// them 0, and its curve falls to that share at the recall where its
// candidates run out.
//
// marks, which may be empty, are operating points drawn as discs of their
// curve's colour ringed in black; each names a curve, and a curve has at most
// one mark.
//
// A curve of more than maxDrawn (4,000) corners is drawn through at most
// that many (see thin): the first and last, the corner of highest F1 and
// the one at its mark, exactly, and the others at least 1/4,000 of the
// unit square apart, so that it strays from the full curve by a fraction
// of a pixel; a sweep of millions of distinct scores draws in milliseconds.
//
// PR returns an error, and writes nothing, if curves is empty, a curve does
// not satisfy the preconditions on Curve, a curve counts no positives or has
// no point with a true positive, a mark names no curve or the curve of
// another mark, a mark is outside [0, 1]², or the file cannot be written.
func PR(path, title string, curves []Curve, marks []Mark) error {
	if err := checkCurves(curves); err != nil {
		return err
	}
	steps := make([]plotter.XYs, len(curves))
	index := make(map[string]int, len(curves))
	for i, c := range curves {
		if c.Points[0].Positives() == 0 {
			return fmt.Errorf("plot: PR: curve %q counts no positive pairs: precision and recall are undefined", c.Name)
		}
		if steps[i] = prSteps(c.Points); steps[i] == nil {
			return fmt.Errorf("plot: PR: curve %q has no point with a true positive", c.Name)
		}
		index[c.Name] = i
	}
	marked := make([]bool, len(curves))
	keep := make([][]int, len(curves))
	for _, m := range marks {
		i, ok := index[m.Name]
		switch {
		case !ok:
			return fmt.Errorf("plot: PR: mark %q names no curve", m.Name)
		case marked[i]:
			return fmt.Errorf("plot: PR: two marks for curve %q", m.Name)
		case !inUnit(m.Recall) || !inUnit(m.Precision):
			return fmt.Errorf("plot: PR: mark %q at recall %v, precision %v is outside [0, 1]", m.Name, m.Recall, m.Precision)
		}
		marked[i] = true
		if j := slices.Index(steps[i], plotter.XY{X: m.Recall, Y: m.Precision}); j >= 0 {
			keep[i] = append(keep[i], j)
		}
	}
	for i := range steps {
		steps[i] = thin(steps[i], append(keep[i], bestF1(steps[i]))...)
	}

	p := newChart(title, "Recall", "Precision")
	l := newLegend(bottomLeft, bottomRight, topRight, topLeft)
	for i, c := range curves {
		line, err := plotter.NewLine(steps[i])
		if err != nil {
			return fmt.Errorf("plot: PR: curve %q: %w", c.Name, err)
		}
		line.StepStyle = plotter.PreStep
		line.LineStyle = lineStyle(i)
		p.Add(line)
		l.Add(c.Name, line)
		l.avoid(preSteps(steps[i]))
	}
	if len(marks) > 0 {
		for _, m := range marks {
			disc, ring := markGlyphs(lineStyle(index[m.Name]).Color)
			xy := plotter.XYs{{X: m.Recall, Y: m.Precision}}
			if err := addGlyphs(p, xy, disc, ring); err != nil {
				return fmt.Errorf("plot: PR: mark %q: %w", m.Name, err)
			}
			l.avoidPoints(xy)
		}
		disc, ring := markGlyphs(color.White)
		l.Add("operating point", glyphThumb{disc, ring})
	}
	unitAxis(&p.X)
	unitAxis(&p.Y)
	return save(path, p, l)
}

// addGlyphs adds one scatter per glyph style at the points xys, in order, so
// that later styles are drawn over earlier ones.
func addGlyphs(p *gplot.Plot, xys plotter.XYs, styles ...draw.GlyphStyle) error {
	for _, sty := range styles {
		s, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		s.GlyphStyle = sty
		p.Add(s)
	}
	return nil
}

// glyphThumb is a legend thumbnail of glyphs drawn over each other at its
// centre.
type glyphThumb []draw.GlyphStyle

// Thumbnail implements gonum's plot.Thumbnailer.
func (g glyphThumb) Thumbnail(c *draw.Canvas) {
	for _, sty := range g {
		c.DrawGlyph(sty, c.Center())
	}
}

// ROC draws the receiver operating characteristic curves of curves on one
// chart, the false positive rate FP/(FP+TN) on the x axis and the true
// positive rate TP/(TP+FN) on the y axis, both over [0, 1], and writes it as
// a PNG to path. Each curve has its own colour and line style, named in a
// legend in the bottom-right corner unless something is drawn there, and a
// dashed grey diagonal shows a detector that guesses at random.
//
// Successive points are joined by straight segments, so a group of tied
// scores, which enters the sweep at once, is a diagonal segment: the
// trapezoid that [metric.ROCAUC] integrates. The +Inf point of a sweep is
// (0, 0) and the last point (1, 1). A curve of more than maxDrawn (4,000)
// points is drawn through at most that many, as PR draws its curves.
//
// ROC returns an error, and writes nothing, if curves is empty, a curve does
// not satisfy the preconditions on Curve, a curve counts no positives or no
// negatives, or the file cannot be written.
func ROC(path, title string, curves []Curve) error {
	if err := checkCurves(curves); err != nil {
		return err
	}
	for _, c := range curves {
		if c.Points[0].Positives() == 0 || c.Points[0].Negatives() == 0 {
			return fmt.Errorf("plot: ROC: curve %q counts %d positive and %d negative pairs: the ROC curve needs both",
				c.Name, c.Points[0].Positives(), c.Points[0].Negatives())
		}
	}

	p := newChart(title, "False positive rate", "True positive rate (recall)")
	l := newLegend(bottomRight, topLeft, bottomLeft, topRight)
	// The diagonal goes under the curves, and last in the legend.
	diag, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		return fmt.Errorf("plot: ROC: %w", err)
	}
	diag.LineStyle = draw.LineStyle{Color: guideColor, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(4)}}
	p.Add(diag)
	l.avoid(diag.XYs)
	for i, c := range curves {
		xys := make(plotter.XYs, len(c.Points))
		for j, pt := range c.Points {
			xys[j] = plotter.XY{X: pt.FPR(), Y: pt.Recall()}
		}
		xys = thin(xys)
		line, err := plotter.NewLine(xys)
		if err != nil {
			return fmt.Errorf("plot: ROC: curve %q: %w", c.Name, err)
		}
		line.LineStyle = lineStyle(i)
		p.Add(line)
		l.Add(c.Name, line)
		l.avoid(xys)
	}
	l.Add("chance", diag)
	unitAxis(&p.X)
	unitAxis(&p.Y)
	return save(path, p, l)
}

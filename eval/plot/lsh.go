package plot

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bucket is the observed candidate rate of an LSH index over the pairs whose
// similarity lies in [Lo, Hi): Pairs such pairs, of which the index proposed
// Proposed as candidates.
type Bucket struct {
	Lo, Hi          float64
	Pairs, Proposed int
}

// z95 is the standard normal quantile Φ⁻¹(0.975), for two-sided 95%
// intervals (Abramowitz & Stegun, table 26.5; checked against gonum's
// distuv.UnitNormal in the tests).
const z95 = 1.959963984540054

// wilson returns the Wilson score interval (Wilson, JASA 22, 1927) for a
// binomial proportion with k successes in n trials at the normal quantile z:
//
//	p̂ = k/n
//	centre = (p̂ + z²/2n) / (1 + z²/n)
//	half   = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²)
//
// and the interval is [centre − half, centre + half], clamped to [0, 1]
// against rounding. Unlike p̂ ± z√(p̂(1−p̂)/n) it stays inside [0, 1] and does
// not shrink to a point when k is 0 or n, which is most buckets of an LSH
// index far from its threshold (Brown, Cai & DasGupta, Statistical Science
// 16, 2001). It requires 0 <= k <= n and n > 0.
func wilson(k, n int, z float64) (lo, hi float64) {
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	d := 1 + z2/nf
	centre := (p + z2/(2*nf)) / d
	half := z / d * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return max(0, centre-half), min(1, centre+half)
}

// sCurve returns 1 − (1 − p^r)^b, the probability that an LSH index of b
// bands of r rows proposes a pair whose rows agree each with probability p.
func sCurve(p float64, b, r int) float64 {
	return 1 - math.Pow(1-math.Pow(p, float64(r)), float64(b))
}

// theory returns the curve P(s) = 1 − (1 − agree(s)^r)^b at curveSamples
// evenly spaced similarities s in [0, 1], and whether agree(s) = s at every
// one of them, so that the legend can write the curve with s.
func theory(agree func(s float64) float64, b, r int) (xys plotter.XYs, identity bool) {
	xys = make(plotter.XYs, curveSamples)
	identity = true
	for i := range xys {
		s := float64(i) / (curveSamples - 1)
		p := agree(s)
		identity = identity && p == s
		xys[i] = plotter.XY{X: s, Y: sCurve(p, b, r)}
	}
	return xys, identity
}

// curveSamples is the number of points at which CandidateRate evaluates the
// theoretical curve, evenly spaced over [0, 1].
const curveSamples = 401

// CandidateRate draws, for an LSH index of b bands of r rows, the theoretical
// probability that a pair of similarity s becomes a candidate,
//
//	P(s) = 1 − (1 − p(s)^r)^b
//
// (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, §3.4.2), where
// p = agree is the sketch's collision model, the probability that one row of
// the pair's signatures agrees (p(s) = s for MinHash), as a curve over s in
// [0, 1], with the observed candidate rate Proposed/Pairs of
// each bucket as a point at the bucket's midpoint, and writes it as a PNG to
// path. Each point has an error bar: the 95% Wilson score interval of a
// binomial proportion of Proposed successes in Pairs trials. Buckets with no
// pairs have no rate and are not drawn.
//
// CandidateRate returns an error, and writes nothing, if b or r is less than
// 1, agree is nil, a bucket has Lo >= Hi or bounds outside [0, 1], a negative count or more
// proposed pairs than pairs, no bucket has a pair, or the file cannot be
// written.
func CandidateRate(path, title string, buckets []Bucket, b, r int, agree func(s float64) float64) error {
	if b < 1 || r < 1 {
		return fmt.Errorf("plot: CandidateRate: %d bands of %d rows (both must be at least 1)", b, r)
	}
	if agree == nil {
		return fmt.Errorf("plot: CandidateRate: no collision model")
	}
	var obs plotter.XYs
	var errs plotter.YErrors
	for i, bk := range buckets {
		switch {
		case !inUnit(bk.Lo) || !inUnit(bk.Hi) || bk.Lo >= bk.Hi:
			return fmt.Errorf("plot: CandidateRate: bucket %d is [%v, %v), not an interval in [0, 1]", i, bk.Lo, bk.Hi)
		case bk.Pairs < 0 || bk.Proposed < 0 || bk.Proposed > bk.Pairs:
			return fmt.Errorf("plot: CandidateRate: bucket %d has %d proposed of %d pairs", i, bk.Proposed, bk.Pairs)
		case bk.Pairs == 0:
			continue
		}
		rate := float64(bk.Proposed) / float64(bk.Pairs)
		lo, hi := wilson(bk.Proposed, bk.Pairs, z95)
		obs = append(obs, plotter.XY{X: (bk.Lo + bk.Hi) / 2, Y: rate})
		// YErrorBars takes the distances below and above the point.
		errs = append(errs, struct{ Low, High float64 }{Low: rate - lo, High: hi - rate})
	}
	if len(obs) == 0 {
		return fmt.Errorf("plot: CandidateRate: no bucket has a pair")
	}

	p := newChart(title, "Similarity s", "Probability of becoming a candidate")
	l := newLegend(topLeft, bottomRight, topRight, bottomLeft)

	curve, identity := theory(agree, b, r)
	line, err := plotter.NewLine(curve)
	if err != nil {
		return fmt.Errorf("plot: CandidateRate: %w", err)
	}
	line.LineStyle = lineStyle(0)
	p.Add(line)
	l.avoid(curve)
	row := "p(s)"
	if identity {
		row = "s"
	}
	l.Add(fmt.Sprintf("theory P(s) = 1 − (1 − %s^%d)^%d", row, r, b), line)

	bars, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{obs, errs})
	if err != nil {
		return fmt.Errorf("plot: CandidateRate: %w", err)
	}
	bars.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1)}
	bars.CapWidth = vg.Points(6)
	p.Add(bars)
	disc, ring := markGlyphs(palette[1])
	disc.Radius, ring.Radius = vg.Points(3.5), vg.Points(3.5)
	if err := addGlyphs(p, obs, disc, ring); err != nil {
		return fmt.Errorf("plot: CandidateRate: %w", err)
	}
	l.avoidPoints(obs)
	for i, xy := range obs {
		l.avoid(plotter.XYs{{X: xy.X, Y: xy.Y - errs[i].Low}, {X: xy.X, Y: xy.Y + errs[i].High}})
	}
	l.Add("observed rate, 95% Wilson interval", errBarThumb{bars.LineStyle, bars.CapWidth}, glyphThumb{disc, ring})
	unitAxis(&p.X)
	unitAxis(&p.Y)
	return save(path, p, l)
}

// errBarThumb is the legend thumbnail of vertical error bars: a bar with caps
// at the centre of the thumbnail, as tall as the legend entry.
type errBarThumb struct {
	line draw.LineStyle
	cap  vg.Length
}

// Thumbnail implements gonum's plot.Thumbnailer.
func (e errBarThumb) Thumbnail(c *draw.Canvas) {
	x := c.Center().X
	c.StrokeLine2(e.line, x, c.Min.Y, x, c.Max.Y)
	c.StrokeLine2(e.line, x-e.cap/2, c.Min.Y, x+e.cap/2, c.Min.Y)
	c.StrokeLine2(e.line, x-e.cap/2, c.Max.Y, x+e.cap/2, c.Max.Y)
}

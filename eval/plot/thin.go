package plot

import (
	"math"

	"gonum.org/v1/plot/plotter"
)

// maxDrawn is the most points of one curve that PR and ROC draw. A sweep has
// a point per distinct score, millions on a large scope, while a chart is
// some 700 pixels wide: drawing them all takes seconds and shows nothing
// more. A sweep of at most maxDrawn points is drawn whole.
const maxDrawn = 4000

// thin returns xys, the points of a curve joined in order, if it has at most
// maxDrawn points, else at most maxDrawn of them, in order: the first and
// the last, those at the indices keep, and every point at least δ from the
// last point kept, the distance being |Δx| + |Δy| in the unit square. δ
// starts at 1/maxDrawn and doubles until the points fit, so a point left out
// lies within δ of the point kept before it, and a curve through the points
// kept, straight or in steps, strays from the full one by at most about δ:
// 1/4000 of the axis, well under a pixel, for a monotone curve such as ROC
// (length at most 2), and rarely more for a precision–recall curve, whose
// precision goes down and up but mostly at the start.
//
// keep must hold at most a few indices of xys; they are kept exactly.
func thin(xys plotter.XYs, keep ...int) plotter.XYs {
	if len(xys) <= maxDrawn {
		return xys
	}
	forced := make(map[int]bool, len(keep))
	for _, i := range keep {
		forced[i] = true
	}
	for delta := 1.0 / maxDrawn; ; delta *= 2 {
		out := plotter.XYs{xys[0]}
		last := xys[0]
		for i := 1; i < len(xys)-1; i++ {
			p := xys[i]
			if forced[i] || math.Abs(p.X-last.X)+math.Abs(p.Y-last.Y) >= delta {
				out = append(out, p)
				last = p
			}
		}
		out = append(out, xys[len(xys)-1])
		// Above δ = 2 only the first, last and forced points are kept.
		if len(out) <= maxDrawn || delta > 2 {
			return out
		}
	}
}

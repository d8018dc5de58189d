package plot

import (
	"fmt"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// sizeCounts returns, for the cluster sizes sizes, each distinct size and
// how many clusters have it, in increasing order of size.
func sizeCounts(sizes []int) plotter.XYs {
	s := slices.Clone(sizes)
	slices.Sort(s)
	var xys plotter.XYs
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		xys = append(xys, plotter.XY{X: float64(s[i]), Y: float64(j - i)})
		i = j
	}
	return xys
}

// ClusterSizes draws, for one algorithm, how many clusters of each size its
// predicted clusters have (the closure of its predicted pairs) beside the
// gold clusters, both axes in log scale, and writes it as a PNG to path. A
// giant cluster that closure chained shows as a lone point far to the
// right. sizes are the sizes of the clusters, singletons included.
//
// ClusterSizes returns an error, and writes nothing, if either list is
// empty or holds a size below 1, or the file cannot be written.
func ClusterSizes(path, title string, gold, pred []int) error {
	for _, c := range []struct {
		name  string
		sizes []int
	}{{"gold", gold}, {"predicted", pred}} {
		if len(c.sizes) == 0 {
			return fmt.Errorf("plot: ClusterSizes: no %s clusters", c.name)
		}
		if slices.Min(c.sizes) < 1 {
			return fmt.Errorf("plot: ClusterSizes: a %s cluster of size %d", c.name, slices.Min(c.sizes))
		}
	}
	p := newChart(title, "Cluster size (documents, log scale)", "Clusters of that size (log scale)")
	p.X.Scale, p.Y.Scale = gplot.LogScale{}, gplot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = gplot.LogTicks{Prec: -1}, gplot.LogTicks{Prec: -1}
	l := newLegend(topRight, bottomLeft)
	var xmax, ymax float64
	for i, c := range []struct {
		name  string
		sizes []int
	}{{"gold", gold}, {"predicted", pred}} {
		xys := sizeCounts(c.sizes)
		for _, xy := range xys {
			xmax, ymax = max(xmax, xy.X), max(ymax, xy.Y)
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return fmt.Errorf("plot: ClusterSizes: %w", err)
		}
		line.LineStyle = lineStyle(i)
		points.Color = palette[i%len(palette)]
		p.Add(line, points)
		l.Add(fmt.Sprintf("%s (%d clusters with singletons, largest %d)", c.name, len(c.sizes), slices.Max(c.sizes)), line, points)
	}
	p.X.Min, p.X.Max = 1, max(2, xmax*1.5)
	p.Y.Min, p.Y.Max = 0.8, max(2, ymax*2)
	return save(path, p, l)
}

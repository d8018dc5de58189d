package plot

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"gonum.org/v1/plot/plotter"

	"github.com/simbench/simbench/eval/metric"
)

// bigSweep returns a sweep of about n distinct scores, a third of them
// duplicates scored higher on average.
func bigSweep(n int) []metric.Point {
	rng := rand.New(rand.NewPCG(5, 6))
	scores := make([]float64, n)
	labels := make([]bool, n)
	for i := range scores {
		labels[i] = rng.IntN(3) == 0
		s := rng.Float64()
		if labels[i] {
			s = math.Sqrt(s)
		}
		scores[i] = s
	}
	return metric.Sweep(scores, labels)
}

// TestThin checks that a curve of at most maxDrawn points is drawn
// unchanged, and that a longer one keeps at most maxDrawn points, in order,
// among them its first, last and forced points, every point left out lying
// within the final δ of the point kept before it.
func TestThin(t *testing.T) {
	line := func(n int) plotter.XYs {
		xys := make(plotter.XYs, n)
		for i := range xys {
			xys[i] = plotter.XY{X: float64(i) / float64(max(n-1, 1)), Y: math.Sqrt(float64(i) / float64(max(n-1, 1)))}
		}
		return xys
	}
	zigzag := func(n int) plotter.XYs {
		xys := make(plotter.XYs, n)
		for i := range xys {
			xys[i] = plotter.XY{X: float64(i) / float64(n-1), Y: float64(i % 2)}
		}
		return xys
	}
	big := prSteps(bigSweep(200_000))
	for _, tc := range []struct {
		name string
		xys  plotter.XYs
		keep []int
	}{
		{"one point", line(1), nil},
		{"small", line(100), []int{50}},
		{"exactly maxDrawn", line(maxDrawn), nil},
		{"maxDrawn+1", line(maxDrawn + 1), []int{17}},
		{"long line", line(1_000_000), []int{123_457, 999_000}},
		{"zigzag", zigzag(100_000), []int{3}},
		{"PR steps", big, []int{bestF1(big)}},
	} {
		got := thin(tc.xys, tc.keep...)
		if len(tc.xys) <= maxDrawn {
			if !slices.Equal(got, tc.xys) {
				t.Errorf("%s: %d points thinned to %d, want them unchanged", tc.name, len(tc.xys), len(got))
			}
			continue
		}
		if len(got) > maxDrawn {
			t.Errorf("%s: %d points kept, want at most %d", tc.name, len(got), maxDrawn)
		}
		if got[0] != tc.xys[0] || got[len(got)-1] != tc.xys[len(tc.xys)-1] {
			t.Errorf("%s: first or last point lost", tc.name)
		}
		// got is a subsequence of xys holding every forced point.
		j := 0
		for i, p := range tc.xys {
			if j < len(got) && got[j] == p {
				j++
			} else if slices.Contains(tc.keep, i) {
				t.Errorf("%s: forced point %d lost", tc.name, i)
			}
		}
		if j != len(got) {
			t.Errorf("%s: the points kept are not a subsequence of the curve", tc.name)
		}
	}
}

// TestThinBestF1 checks that a PR chart of a large sweep keeps its best-F1
// corner exactly.
func TestThinBestF1(t *testing.T) {
	steps := prSteps(bigSweep(100_000))
	b := bestF1(steps)
	got := thin(steps, b)
	if !slices.Contains(got, steps[b]) {
		t.Errorf("best-F1 corner %v lost", steps[b])
	}
	// The area under the thinned steps, AP as drawn, is close to the full
	// one's.
	if a, full := stepArea(got), stepArea(steps); math.Abs(a-full) > 0.01 {
		t.Errorf("area under the thinned steps %v, full %v", a, full)
	}
}

// BenchmarkCurves1M draws the PR and ROC charts of a sweep of 1,000,000
// distinct scores: with thinning, each takes milliseconds, where drawing
// every point took seconds.
func BenchmarkCurves1M(b *testing.B) {
	points := bigSweep(1_000_000)
	curves := []Curve{{Name: "big", Points: points}}
	dir := b.TempDir()
	b.ResetTimer()
	for range b.N {
		if err := PR(filepath.Join(dir, "pr.png"), "PR", curves, nil); err != nil {
			b.Fatal(err)
		}
		if err := ROC(filepath.Join(dir, "roc.png"), "ROC", curves); err != nil {
			b.Fatal(err)
		}
	}
}

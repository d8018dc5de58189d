package plot

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/simbench/simbench/eval/metric"
)

// gallery, when set, is the directory the gallery test writes its charts to,
// to be looked at: go test ./eval/plot -run Gallery -gallery /tmp/plots
var gallery = flag.String("gallery", "", "write the gallery charts to this `dir` instead of a temporary one")

// Chart size in pixels: 6×4 inches at 110 dpi.
const wantW, wantH = 660, 440

// checkPNG fails t unless path holds a PNG of the chart size with more than
// one colour.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() != wantW || b.Dy() != wantH {
		t.Errorf("%s is %d×%d pixels, want %d×%d", path, b.Dx(), b.Dy(), wantW, wantH)
	}
	if single(img) {
		t.Errorf("%s is a single colour", path)
	}
	// No temporary file is left beside it.
	ents, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if filepath.Ext(e.Name()) == ".tmp" {
			t.Errorf("temporary file %s left in %s", e.Name(), filepath.Dir(path))
		}
	}
}

// single reports whether every pixel of img has the colour of the first.
func single(img image.Image) bool {
	b := img.Bounds()
	r0, g0, b0, a0 := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, a := img.At(x, y).RGBA(); r != r0 || g != g0 || bl != b0 || a != a0 {
				return false
			}
		}
	}
	return true
}

// algo is one synthetic algorithm of the gallery: its scores of the gold
// pairs and its configured threshold.
type algo struct {
	name      string
	scores    []float64
	threshold float64
}

// clamp01 returns x limited to [0, 1].
func clamp01(x float64) float64 { return min(1, max(0, x)) }

// goldSet returns labels for nPos positive then nNeg negative pairs, and three
// synthetic algorithms scoring them the way real ones do: exact Jaccard
// separates the classes almost perfectly; SimHash is mediocre, its classes
// overlapping widely; MinHash-LSH proposes only lshFound of the duplicates
// (the rest score 0, as unproposed pairs do), so its recall stops at
// lshFound/nPos.
func goldSet(nPos, nNeg, lshFound int) ([]bool, []algo) {
	rng := rand.New(rand.NewPCG(1, 2))
	labels := make([]bool, nPos+nNeg)
	for i := range nPos {
		labels[i] = true
	}
	jac := make([]float64, len(labels))
	sim := make([]float64, len(labels))
	lsh := make([]float64, len(labels))
	for i, pos := range labels {
		if pos {
			jac[i] = clamp01(0.8 + 0.15*rng.NormFloat64())
			sim[i] = clamp01(0.78 + 0.09*rng.NormFloat64())
			if i < lshFound {
				lsh[i] = clamp01(0.8 + 0.1*rng.NormFloat64())
			}
		} else {
			jac[i] = clamp01(0.22 + 0.16*rng.NormFloat64())
			sim[i] = clamp01(0.66 + 0.09*rng.NormFloat64())
			if rng.IntN(5) == 0 {
				lsh[i] = clamp01(0.5 + 0.12*rng.NormFloat64())
			}
		}
	}
	return labels, []algo{
		{"jaccard:shingle=5,threshold=0.5", jac, 0.5},
		{"simhash:bits=64,threshold=0.75", sim, 0.75},
		{"minhash-lsh:perm=64,threshold=0.7", lsh, 0.7},
	}
}

// galleryBuckets are the candidate counts of an LSH index of 25 bands of 5
// rows per bucket of Jaccard similarity, shaped like its S-curve with the
// scatter of small samples; the bucket [0.8, 0.9) has no pair.
var galleryBuckets = []Bucket{
	{0.0, 0.1, 1200, 0}, {0.1, 0.2, 640, 0}, {0.2, 0.3, 210, 1}, {0.3, 0.4, 64, 6},
	{0.4, 0.5, 23, 10}, {0.5, 0.6, 12, 8}, {0.6, 0.7, 7, 7}, {0.7, 0.8, 5, 5},
	{0.8, 0.9, 0, 0}, {0.9, 1.0, 9, 9},
}

// TestGallery draws one chart of each kind from realistic data and checks
// that each is a PNG of the right size with something on it.
func TestGallery(t *testing.T) {
	dir := *gallery
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	labels, algos := goldSet(19, 76, 11)
	var curves []Curve
	var marks []Mark
	for _, a := range algos {
		curves = append(curves, Curve{Name: a.name, Points: metric.Sweep(a.scores, labels)})
		c := metric.At(a.scores, labels, a.threshold)
		marks = append(marks, Mark{Name: a.name, Recall: c.Recall(), Precision: c.Precision()})
	}
	// The same with an LSH index that finds 6 of the 19 duplicates: its
	// curve falls to the share of positives at recall 0.32 and runs along the
	// bottom, where the legend would go first.
	labels2, algos2 := goldSet(19, 76, 6)
	var curves2 []Curve
	for _, a := range algos2 {
		curves2 = append(curves2, Curve{Name: a.name, Points: metric.Sweep(a.scores, labels2)})
	}
	// Six curves with marks: no corner is free, and the legend goes under
	// the chart.
	crowded := slices.Clone(curves)
	crowdedMarks := slices.Clone(marks)
	for i, name := range []string{"jaccard:shingle=3,threshold=0.5", "simhash:bits=128,threshold=0.8", "minhash-lsh:perm=32,bands=8,rows=4"} {
		crowded = append(crowded, Curve{Name: name, Points: curves2[i].Points})
		c := metric.At(algos2[i].scores, labels2, algos2[i].threshold)
		crowdedMarks = append(crowdedMarks, Mark{Name: name, Recall: c.Recall(), Precision: c.Precision()})
	}
	var pos, neg []float64
	for i, s := range algos[0].scores {
		if labels[i] {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}

	for _, tc := range []struct {
		file string
		draw func(path string) error
	}{
		{"pr.png", func(p string) error {
			return PR(p, "Precision–recall, labelled pairs (19 duplicates of 95)", curves, marks)
		}},
		{"pr-cliff.png", func(p string) error {
			return PR(p, "Precision–recall, an LSH index that finds 6 of 19", curves2, nil)
		}},
		{"pr-crowded.png", func(p string) error { return PR(p, "Precision–recall, six configurations", crowded, crowdedMarks) }},
		{"roc-crowded.png", func(p string) error { return ROC(p, "ROC, six configurations", crowded) }},
		{"roc.png", func(p string) error { return ROC(p, "ROC, labelled pairs (19 duplicates of 95)", curves) }},
		{"scores.png", func(p string) error {
			return Scores(p, "Scores of "+algos[0].name, pos, neg, algos[0].threshold)
		}},
		{"candidates.png", func(p string) error {
			return CandidateRate(p, "LSH candidate rate, 25 bands × 5 rows", galleryBuckets, 25, 5, minwise)
		}},
		{"candidates-1bit.png", func(p string) error {
			return CandidateRate(p, "LSH candidate rate, 1-bit slots, 11 bands × 11 rows", galleryBuckets, 11, 11, oneBit)
		}},
	} {
		path := filepath.Join(dir, tc.file)
		if err := tc.draw(path); err != nil {
			t.Errorf("drawing %s: %v", tc.file, err)
			continue
		}
		checkPNG(t, path)
	}
}

// TestDeterministic checks that drawing the same input twice gives the same
// bytes.
func TestDeterministic(t *testing.T) {
	labels, algos := goldSet(19, 76, 11)
	curves := []Curve{{Name: algos[1].name, Points: metric.Sweep(algos[1].scores, labels)}}
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		draw func(path string) error
	}{
		{"PR", func(p string) error { return PR(p, "PR", curves, []Mark{{algos[1].name, 0.5, 0.5}}) }},
		{"ROC", func(p string) error { return ROC(p, "ROC", curves) }},
		{"Scores", func(p string) error { return Scores(p, "scores", algos[1].scores[:19], algos[1].scores[19:], 0.75) }},
		{"CandidateRate", func(p string) error { return CandidateRate(p, "LSH", galleryBuckets, 25, 5, minwise) }},
	} {
		var out [2][]byte
		for i := range out {
			path := filepath.Join(dir, tc.name+".png")
			if err := tc.draw(path); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			var err error
			if out[i], err = os.ReadFile(path); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(out[0], out[1]) {
			t.Errorf("%s: two drawings of the same input differ", tc.name)
		}
	}
}

// TestErrors checks that input that cannot be drawn gives an error and
// leaves no file behind.
func TestErrors(t *testing.T) {
	labels := []bool{true, false, true, false}
	good := metric.Sweep([]float64{0.9, 0.8, 0.4, 0.1}, labels)
	ok := []Curve{{Name: "a", Points: good}}
	reversed := slices.Clone(good)
	slices.Reverse(reversed)
	inconsistent := slices.Clone(good)
	inconsistent[2].TN++
	negative := slices.Clone(good)
	negative[1].FP, negative[1].TN = -1, 3
	noPos := metric.Sweep([]float64{0.9, 0.8}, []bool{false, false})
	noNeg := metric.Sweep([]float64{0.9, 0.8}, []bool{true, true})

	for _, tc := range []struct {
		name string
		draw func(path string) error
	}{
		{"PR no curves", func(p string) error { return PR(p, "", nil, nil) }},
		{"PR empty curve", func(p string) error { return PR(p, "", []Curve{{Name: "a"}}, nil) }},
		{"PR no name", func(p string) error { return PR(p, "", []Curve{{Points: good}}, nil) }},
		{"PR same names", func(p string) error { return PR(p, "", []Curve{ok[0], ok[0]}, nil) }},
		{"PR reversed sweep", func(p string) error { return PR(p, "", []Curve{{"a", reversed}}, nil) }},
		{"PR inconsistent counts", func(p string) error { return PR(p, "", []Curve{{"a", inconsistent}}, nil) }},
		{"PR negative count", func(p string) error { return PR(p, "", []Curve{{"a", negative}}, nil) }},
		{"PR no positives", func(p string) error { return PR(p, "", []Curve{{"a", noPos}}, nil) }},
		{"PR only the +Inf point", func(p string) error { return PR(p, "", []Curve{{"a", good[:1]}}, nil) }},
		{"PR more marks than curves", func(p string) error { return PR(p, "", ok, []Mark{{"a", 0.5, 0.5}, {"a", 1, 1}}) }},
		{"PR mark of no curve", func(p string) error { return PR(p, "", ok, []Mark{{"b", 0.5, 0.5}}) }},
		{"PR mark outside", func(p string) error { return PR(p, "", ok, []Mark{{"a", 1.5, 0.5}}) }},
		{"PR mark NaN", func(p string) error { return PR(p, "", ok, []Mark{{"a", 0.5, math.NaN()}}) }},
		{"PR missing directory", func(p string) error { return PR(filepath.Join(p, "no", "such.png"), "", ok, nil) }},
		{"ROC no curves", func(p string) error { return ROC(p, "", []Curve{}) }},
		{"ROC empty curve", func(p string) error { return ROC(p, "", []Curve{ok[0], {Name: "b"}}) }},
		{"ROC no positives", func(p string) error { return ROC(p, "", []Curve{{"a", noPos}}) }},
		{"ROC no negatives", func(p string) error { return ROC(p, "", []Curve{{"a", noNeg}}) }},
		{"ROC missing directory", func(p string) error { return ROC(filepath.Join(p, "no", "such.png"), "", ok) }},
		{"Scores no scores", func(p string) error { return Scores(p, "", nil, nil, 0.5) }},
		{"Scores score above 1", func(p string) error { return Scores(p, "", []float64{1.01}, nil, 0.5) }},
		{"Scores negative score", func(p string) error { return Scores(p, "", []float64{0.5}, []float64{-0.1}, 0.5) }},
		{"Scores NaN score", func(p string) error { return Scores(p, "", nil, []float64{math.NaN()}, 0.5) }},
		{"Scores threshold +Inf", func(p string) error { return Scores(p, "", []float64{0.5}, nil, math.Inf(1)) }},
		{"Scores missing directory", func(p string) error {
			return Scores(filepath.Join(p, "no", "such.png"), "", []float64{0.5}, []float64{0.1}, 0.5)
		}},
		{"CandidateRate no buckets", func(p string) error { return CandidateRate(p, "", nil, 25, 5, minwise) }},
		{"CandidateRate empty buckets", func(p string) error { return CandidateRate(p, "", []Bucket{{0, 0.5, 0, 0}}, 25, 5, minwise) }},
		{"CandidateRate no bands", func(p string) error { return CandidateRate(p, "", galleryBuckets, 0, 5, minwise) }},
		{"CandidateRate no rows", func(p string) error { return CandidateRate(p, "", galleryBuckets, 25, 0, minwise) }},
		{"CandidateRate no model", func(p string) error { return CandidateRate(p, "", galleryBuckets, 25, 5, nil) }},
		{"CandidateRate more proposed than pairs", func(p string) error { return CandidateRate(p, "", []Bucket{{0, 0.5, 3, 4}}, 25, 5, minwise) }},
		{"CandidateRate negative pairs", func(p string) error { return CandidateRate(p, "", []Bucket{{0, 0.5, -1, 0}}, 25, 5, minwise) }},
		{"CandidateRate empty interval", func(p string) error { return CandidateRate(p, "", []Bucket{{0.5, 0.5, 3, 1}}, 25, 5, minwise) }},
		{"CandidateRate interval outside", func(p string) error { return CandidateRate(p, "", []Bucket{{0.5, 1.5, 3, 1}}, 25, 5, minwise) }},
		{"CandidateRate missing directory", func(p string) error {
			return CandidateRate(filepath.Join(p, "no", "such.png"), "", galleryBuckets, 25, 5, minwise)
		}},
	} {
		dir := t.TempDir()
		if err := tc.draw(filepath.Join(dir, "out.png")); err == nil {
			t.Errorf("%s: error = nil, want an error", tc.name)
		}
		if ents, err := os.ReadDir(dir); err != nil || len(ents) != 0 {
			t.Errorf("%s: directory holds %d entries (%v), want none", tc.name, len(ents), err)
		}
	}
}

// TestReplace checks that a chart replaces an existing file.
func TestReplace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "chart.png")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CandidateRate(path, "LSH", galleryBuckets, 25, 5, minwise); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, path)
}

// lengthTol is the rounding of a few additions and a square root.
const lengthTol = 1e-12

func TestClippedLength(t *testing.T) {
	unit := [2][2]float64{{0, 0}, {1, 1}}
	inner := [2][2]float64{{0.25, 0.25}, {0.75, 0.5}}
	for _, tc := range []struct {
		a, b [2]float64
		r    [2][2]float64
		want float64
	}{
		{[2]float64{0.2, 0.3}, [2]float64{0.6, 0.6}, unit, 0.5},        // inside: the 3-4-5 triangle, halved
		{[2]float64{-1, 0.5}, [2]float64{2, 0.5}, unit, 1},             // across, horizontally
		{[2]float64{0.5, 2}, [2]float64{0.5, -2}, unit, 1},             // across, vertically, downwards
		{[2]float64{-1, -1}, [2]float64{2, 2}, unit, math.Sqrt2},       // through two corners
		{[2]float64{0, 0}, [2]float64{1, 1}, inner, 0.25 * math.Sqrt2}, // the diagonal between y = 0.25 and 0.5
		{[2]float64{0, 0.9}, [2]float64{1, 0.9}, inner, 0},             // above
		{[2]float64{0.8, 0}, [2]float64{0.8, 1}, inner, 0},             // right of it
		{[2]float64{0, 1}, [2]float64{1, 0.8}, inner, 0},               // crosses its x range above it
		{[2]float64{0.5, 0.3}, [2]float64{0.5, 0.3}, inner, 0},         // a point
	} {
		if got := clippedLength(tc.a, tc.b, tc.r); math.Abs(got-tc.want) > lengthTol {
			t.Errorf("clippedLength(%v, %v, %v) = %v, want %v", tc.a, tc.b, tc.r, got, tc.want)
		}
	}
}

// TestLegendPlace checks that the legend goes to the first corner it may go
// to unless something is drawn there.
func TestLegendPlace(t *testing.T) {
	all := []corner{bottomLeft, bottomRight, topRight, topLeft}
	for _, tc := range []struct {
		name   string
		lines  []plotter.XYs
		points plotter.XYs
		want   corner
	}{
		{"nothing drawn", nil, nil, bottomLeft},
		{"line along the bottom", []plotter.XYs{{{X: 0, Y: 0.05}, {X: 1, Y: 0.05}}}, nil, topRight},
		{"line along the left and the bottom", []plotter.XYs{{{X: 0.02, Y: 1}, {X: 0.02, Y: 0.05}, {X: 1, Y: 0.05}}}, nil, topRight},
		{"falling diagonal", []plotter.XYs{{{X: 0, Y: 1}, {X: 1, Y: 0}}}, nil, bottomLeft},
		{"rising diagonal", []plotter.XYs{{{X: 0, Y: 0}, {X: 1, Y: 1}}}, nil, bottomRight},
		{"point at bottom left", nil, plotter.XYs{{X: 0.05, Y: 0.05}}, bottomRight},
	} {
		p := newChart("title", "x", "y")
		unitAxis(&p.X)
		unitAxis(&p.Y)
		l := newLegend(all...)
		l.Add("an algorithm with a long name:param=1,threshold=0.5")
		l.Add("another")
		l.avoid(tc.lines...)
		l.avoidPoints(tc.points)
		c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
		if got, _ := l.place(p.DataCanvas(draw.New(c)), p); got != tc.want {
			t.Errorf("%s: legend placed at %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// stepTol is the tolerance of comparisons of sums of a few fractions, which
// differ from the exact value by a few ulps.
const stepTol = 1e-12

// TestPRSteps checks the corners of the precision–recall step function
// against a hand-computed sweep.
func TestPRSteps(t *testing.T) {
	// Scores 0.9+, 0.8−, 0.7+, 0.7−, 0.5+, 0.2− (+ a duplicate, − not).
	// Thresholds +Inf, 0.9, 0.8, 0.7, 0.5, 0.2 give (TP, FP) = (0,0),
	// (1,0), (1,1), (2,2), (3,2), (3,3), so (recall, precision) = -, (1/3, 1),
	// (1/3, 1/2), (2/3, 1/2), (1, 3/5), (1, 1/2).
	points := metric.Sweep([]float64{0.9, 0.8, 0.7, 0.7, 0.5, 0.2}, []bool{true, false, true, false, true, false})
	want := plotter.XYs{{X: 0, Y: 1}, {X: 1.0 / 3, Y: 1}, {X: 1.0 / 3, Y: 0.5}, {X: 2.0 / 3, Y: 0.5}, {X: 1, Y: 0.6}, {X: 1, Y: 0.5}}
	got := prSteps(points)
	if len(got) != len(want) {
		t.Fatalf("prSteps = %v, want %v", got, want)
	}
	for i := range want {
		if math.Abs(got[i].X-want[i].X) > stepTol || math.Abs(got[i].Y-want[i].Y) > stepTol {
			t.Errorf("prSteps corner %d = %v, want %v", i, got[i], want[i])
		}
	}
	// The area under the steps is AP = (1 + 1/2 + 3/5)/3 = 0.7, the mean of
	// the precisions at which the three duplicates enter.
	if a := stepArea(got); math.Abs(a-0.7) > stepTol {
		t.Errorf("area under prSteps = %v, want 0.7", a)
	}

	// Negatives above every positive: the curve starts at the precision of
	// the first point with a true positive, not at recall 0, precision 0.
	points = metric.Sweep([]float64{0.9, 0.8, 0.3}, []bool{false, true, false})
	want = plotter.XYs{{X: 0, Y: 0.5}, {X: 1, Y: 0.5}, {X: 1, Y: 1.0 / 3}}
	if got := prSteps(points); !slices.Equal(got, want) {
		t.Errorf("prSteps = %v, want %v", got, want)
	}

	if got := prSteps(metric.Sweep([]float64{0.5}, []bool{false})); got != nil {
		t.Errorf("prSteps with no positive = %v, want nil", got)
	}
}

// stepArea integrates the PreStep function through xys: over [x_{i−1}, x_i]
// its value is y_i.
func stepArea(xys plotter.XYs) float64 {
	var a float64
	for i := 1; i < len(xys); i++ {
		a += (xys[i].X - xys[i-1].X) * xys[i].Y
	}
	return a
}

// apTol allows for the different order of summation of metric's AP and
// stepArea over a few hundred terms.
const apTol = 1e-12

// TestPRStepsArea checks that the area under the drawn curve is the average
// precision metric computes, for random sweeps with ties.
func TestPRStepsArea(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := 1 + rng.IntN(300)
		scores := make([]float64, n)
		labels := make([]bool, n)
		for i := range scores {
			scores[i] = float64(rng.IntN(20)) / 19 // many ties
			labels[i] = rng.IntN(3) == 0
		}
		points := metric.Sweep(scores, labels)
		if points[0].Positives() == 0 {
			continue
		}
		got, want := stepArea(prSteps(points)), metric.AveragePrecision(points)
		if math.Abs(got-want) > apTol {
			t.Errorf("trial %d: area under prSteps = %v, AveragePrecision = %v", trial, got, want)
		}
	}
}

// TestShares checks the per-class histogram against hand-counted bins.
func TestShares(t *testing.T) {
	for _, tc := range []struct {
		values []float64
		n      int
		want   []float64
	}{
		{nil, 4, []float64{0, 0, 0, 0}},
		// [0, .25) [.25, .5) [.5, .75) [.75, 1]: 1 is in the last bin, .25
		// and .5 open theirs.
		{[]float64{0, 0.1, 0.25, 0.5, 0.74, 1}, 4, []float64{2.0 / 6, 1.0 / 6, 2.0 / 6, 1.0 / 6}},
		{[]float64{0.999, 1, 0.95, 0.949}, 20, append(make([]float64, 18), 0.25, 0.75)},
	} {
		if got := shares(tc.values, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("shares(%v, %d) = %v, want %v", tc.values, tc.n, got, tc.want)
		}
	}
}

// wilsonTol is half a unit in the fourth decimal, the precision of the
// published intervals.
const wilsonTol = 0.5e-4

// TestWilson checks the interval against Newcombe, Two-sided confidence
// intervals for the single proportion, Statistics in Medicine 17 (1998),
// table I, method 3 (score method without continuity correction), and
// against the symmetric cases 0/10, 5/10, 10/10.
func TestWilson(t *testing.T) {
	for _, tc := range []struct {
		k, n   int
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
		{0, 10, 0, 0.2775},
		{5, 10, 0.2366, 0.7634},
		{10, 10, 0.7225, 1},
	} {
		lo, hi := wilson(tc.k, tc.n, z95)
		if math.Abs(lo-tc.lo) > wilsonTol || math.Abs(hi-tc.hi) > wilsonTol {
			t.Errorf("wilson(%d, %d) = [%.5f, %.5f], want [%.4f, %.4f]", tc.k, tc.n, lo, hi, tc.lo, tc.hi)
		}
		if lo < 0 || hi > 1 {
			t.Errorf("wilson(%d, %d) = [%v, %v], outside [0, 1]", tc.k, tc.n, lo, hi)
		}
	}
}

// quantileTol allows for gonum's quantile being computed, not tabulated.
const quantileTol = 1e-12

func TestZ95(t *testing.T) {
	if q := distuv.UnitNormal.Quantile(0.975); math.Abs(q-z95) > quantileTol {
		t.Errorf("z95 = %v, distuv.UnitNormal.Quantile(0.975) = %v", z95, q)
	}
}

// curveTol is the rounding of a few multiplications.
const curveTol = 1e-12

// minwise is MinHash's collision model, p(s) = s, and oneBit that of 1-bit
// minwise hashing, p(s) = ½ + s/2 (Li and König 2010).
func minwise(s float64) float64 { return s }
func oneBit(s float64) float64  { return 0.5 + 0.5*s }

// TestTheory checks that the curve drawn is the S-curve of the model given,
// and that the legend writes it with s only for p(s) = s.
func TestTheory(t *testing.T) {
	for _, tc := range []struct {
		name     string
		agree    func(float64) float64
		b, r     int
		identity bool
	}{
		{"minwise", minwise, 25, 5, true},
		{"1-bit", oneBit, 11, 11, false},
	} {
		xys, identity := theory(tc.agree, tc.b, tc.r)
		if identity != tc.identity {
			t.Errorf("%s: identity %v, want %v", tc.name, identity, tc.identity)
		}
		for _, xy := range xys {
			if want := sCurve(tc.agree(xy.X), tc.b, tc.r); math.Abs(xy.Y-want) > curveTol {
				t.Errorf("%s: P(%v) drawn at %v, want %v", tc.name, xy.X, xy.Y, want)
			}
		}
	}
	// Under the 1-bit model unrelated pairs still share a band:
	// 1 − (1 − 2^−11)^11 ≈ 0.0054.
	xys, _ := theory(oneBit, 11, 11)
	if want := 1 - math.Pow(1-math.Pow(2, -11), 11); math.Abs(xys[0].Y-want) > curveTol {
		t.Errorf("1-bit: P(0) drawn at %v, want %v", xys[0].Y, want)
	}
}

func TestSCurve(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		b, r int
		want float64
	}{
		{0, 25, 5, 0},
		{1, 25, 5, 1},
		{0.3, 1, 1, 0.3},                          // one band of one row: the row itself
		{0.5, 1, 2, 0.25},                         // one band: all r rows agree, s^r
		{0.5, 2, 1, 0.75},                         // two bands of one row: 1 − (1/2)²
		{0.5, 25, 5, 0.5478392215509674},          // 1 − (31/32)^25, by hand in float64
		{0.9, 20, 5, 1 - math.Pow(1-0.59049, 20)}, // 0.9^5 = 0.59049
	} {
		if got := sCurve(tc.s, tc.b, tc.r); math.Abs(got-tc.want) > curveTol {
			t.Errorf("sCurve(%v, %d, %d) = %v, want %v", tc.s, tc.b, tc.r, got, tc.want)
		}
	}
}

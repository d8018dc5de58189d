package plot_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"github.com/simbench/simbench/eval/metric"
	"github.com/simbench/simbench/eval/plot"
)

// Example draws the precision–recall curve of one algorithm from its scores
// of six labelled pairs, with its operating point at threshold 0.6.
func Example() {
	scores := []float64{0.95, 0.9, 0.7, 0.65, 0.4, 0.1}
	labels := []bool{true, true, false, true, false, false}
	c := metric.At(scores, labels, 0.6)

	path := filepath.Join(os.TempDir(), "simbench-example-pr.png")
	defer os.Remove(path)
	err := plot.PR(path, "Precision–recall",
		[]plot.Curve{{Name: "jaccard", Points: metric.Sweep(scores, labels)}},
		[]plot.Mark{{Name: "jaccard", Recall: c.Recall(), Precision: c.Precision()}})
	if err != nil {
		fmt.Println(err)
		return
	}

	f, err := os.Open(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("a %d×%d PNG\n", cfg.Width, cfg.Height)
	// Output: a 660×440 PNG
}

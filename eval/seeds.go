package eval

import (
	"context"
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/gold"
)

// A Spread is how a randomised algorithm's quality varies with its seed.
type Spread struct {
	Label string
	// Seeds are the seeds run.
	Seeds []uint64
	// Precision, Recall, F1 (at the threshold) and AP summarise the runs.
	Precision, Recall, F1, AP MeanSD
}

// MeanSD is a sample mean with its standard deviation (n−1 in the
// denominator), and the extremes.
type MeanSD struct{ Mean, SD, Min, Max float64 }

func meanSD(xs []float64) MeanSD {
	m, sd := stat.MeanStdDev(xs, nil)
	if len(xs) < 2 {
		sd = math.NaN()
	}
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		lo, hi = min(lo, x), max(hi, x)
	}
	return MeanSD{Mean: m, SD: sd, Min: lo, Max: hi}
}

// SeedSpread runs every randomised configuration of cs (those whose entry
// is Randomized) with n consecutive seeds from base, and returns the spread
// of their quality; base is the run's seed. A configuration that fixes its
// own seed= runs once per seed all the same, and shows no spread. Throughput
// is not measured.
func SeedSpread(ctx context.Context, s *gold.Set, specs []string, n int, base uint64, opt Options) ([]Spread, error) {
	if len(specs) == 0 {
		specs = algorithms.Names()
	}
	opt.Timing = false
	var out []Spread
	for _, spec := range specs {
		c, err := algorithms.Parse(spec, base)
		if err != nil {
			return nil, err
		}
		if !c.Entry.Randomized {
			continue
		}
		var cs []algorithms.Config
		sp := Spread{Label: spec}
		for i := range uint64(n) {
			c, err := algorithms.Parse(spec, base+i)
			if err != nil {
				return nil, err
			}
			cs = append(cs, c)
			sp.Seeds = append(sp.Seeds, base+i)
		}
		res, err := Evaluate(ctx, s, cs, opt)
		if err != nil {
			return nil, err
		}
		var p, r, f1, ap []float64
		for _, run := range res.Runs {
			p = append(p, run.At.Precision())
			r = append(r, run.At.Recall())
			f1 = append(f1, run.At.F1())
			ap = append(ap, run.AP)
		}
		sp.Precision, sp.Recall, sp.F1, sp.AP = meanSD(p), meanSD(r), meanSD(f1), meanSD(ap)
		out = append(out, sp)
	}
	return out, nil
}

package tune_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/tune"
	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/gen"
)

func TestExpand(t *testing.T) {
	for _, c := range []struct {
		spec string
		want []string
		err  bool
	}{
		{"jaccard", []string{"jaccard"}, false},
		{"minhash-lsh:k=3|5,perm=64|128", []string{"minhash-lsh:k=3,perm=64", "minhash-lsh:k=3,perm=128", "minhash-lsh:k=5,perm=64", "minhash-lsh:k=5,perm=128"}, false},
		{"simhash:hamming=8|16", []string{"simhash:hamming=8", "simhash:hamming=16"}, false},
		{"simhash:hamming", nil, true},
		{"simhash:perm=1|2", nil, true},
		{"nosuch:k=1|2", nil, true},
	} {
		cs, err := tune.Expand(c.spec, 1)
		if (err != nil) != c.err {
			t.Errorf("Expand(%q): error %v, want error %v", c.spec, err, c.err)
			continue
		}
		var got []string
		for _, cfg := range cs {
			got = append(got, cfg.Label)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Expand(%q) = %q, want %q", c.spec, got, c.want)
		}
	}
	for _, g := range tune.DefaultGrid {
		if _, err := tune.Expand(g, 1); err != nil {
			t.Errorf("default grid %q: %v", g, err)
		}
	}
}

func TestMarkPareto(t *testing.T) {
	// By hand: b is dominated by a (same quality and size, slower); c is
	// the fastest; d the smallest; e is worse than a on every count.
	ps := []tune.Point{
		{Quality: 0.9, DocsPerSec: 100, SigBytes: 1000}, // a
		{Quality: 0.9, DocsPerSec: 50, SigBytes: 1000},  // b
		{Quality: 0.7, DocsPerSec: 500, SigBytes: 1000}, // c
		{Quality: 0.6, DocsPerSec: 10, SigBytes: 8},     // d
		{Quality: 0.5, DocsPerSec: 90, SigBytes: 2000},  // e
	}
	tune.MarkPareto(ps)
	want := []bool{true, false, true, true, false}
	for i, p := range ps {
		if p.Pareto != want[i] {
			t.Errorf("point %c: Pareto %v, want %v", 'a'+i, p.Pareto, want[i])
		}
	}
}

// modelled is MinHash declaring another collision model than its own, so
// that a test can tell which model the report used.
type modelled struct {
	*minhash.MinHash
	model lsh.Model
}

func (m modelled) SlotAgreement(j float64) float64 { return m.model(j) }

// TestLSH checks the banding report's bookkeeping on a generated set, for
// every LSH algorithm and for a signer declaring another model: the buckets
// hold every pair once, their proposed pairs add up to the run's
// candidates, each bucket's Expected is the mean of the model's S-curve
// over its pairs, and the flat-prior choice is lsh.OptimalParams under the
// model (for a registered algorithm, the bands and rows the run derived).
func TestLSH(t *testing.T) {
	seeds, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	set, err := gen.Generate(seeds, gen.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	var cs []algorithms.Config
	for _, spec := range []string{"minhash-lsh:perm=64|128", "oph:perm=64"} {
		c, err := tune.Expand(spec, 1)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c...)
	}
	// A configuration whose signer declares the 1-bit model, banded as
	// that model calls for.
	c, err := algorithms.Parse("minhash-lsh:perm=64", 1)
	if err != nil {
		t.Fatal(err)
	}
	c.Label = "modelled"
	oneBit := lsh.BBit(1)
	b1, r1 := lsh.OptimalParams(oneBit, c.Threshold, 64, 0.5, 0.5)
	if c.Algorithm, err = lsh.New(modelled{minhash.New(64, 1), oneBit}, b1, r1); err != nil {
		t.Fatal(err)
	}
	cs = append(cs, c)
	res, err := eval.Evaluate(context.Background(), set, cs, eval.Options{Scope: eval.Labelled})
	if err != nil {
		t.Fatal(err)
	}
	reps := tune.LSH(res, 10)
	if len(reps) != len(cs) {
		t.Fatalf("%d LSH reports, want %d", len(reps), len(cs))
	}
	js := tune.ExactJaccard(res, cs[0].Text)
	for _, rep := range reps {
		l := rep.Run.Config.Algorithm.(*lsh.Banding)
		pairs, proposed := 0, 0
		for i, b := range rep.Buckets {
			pairs += b.Pairs
			proposed += b.Proposed
			want, n := 0.0, 0
			for _, j := range js {
				if min(int(j*10), 9) == i {
					want += lsh.Probability(l.SlotAgreement(j), l.Bands, l.Rows)
					n++
				}
			}
			if n > 0 {
				want /= float64(n)
			}
			// 1e-12: the same sum, in the same order, of terms in [0, 1].
			if math.Abs(b.Expected-want) > 1e-12 {
				t.Errorf("%s: bucket [%.1f, %.1f) expects %v, want %v", rep.Run.Config.Label, b.Lo, b.Hi, b.Expected, want)
			}
		}
		if pairs != len(res.Pairs) || proposed != rep.Run.Candidates {
			t.Errorf("%s: buckets hold %d pairs, %d proposed; want %d and %d", rep.Run.Config.Label, pairs, proposed, len(res.Pairs), rep.Run.Candidates)
		}
		fb, fr := lsh.OptimalParams(l.SlotAgreement, rep.Run.Config.Threshold, l.K(), 0.5, 0.5)
		if rep.FlatB != fb || rep.FlatR != fr || rep.FlatB != rep.Bands || rep.FlatR != rep.Rows {
			t.Errorf("%s (b·r=%d): flat prior (%d, %d), want (%d, %d), the bands and rows the run derived", rep.Run.Config.Label, rep.Bands*rep.Rows, rep.FlatB, rep.FlatR, fb, fr)
		}
		if rep.SetB < 1 || rep.SetR < 1 {
			t.Errorf("%s: no (b, r) from the set's pairs", rep.Run.Config.Label)
		}
	}
	if m := reps[len(reps)-1]; m.FlatB == reps[0].FlatB && m.FlatR == reps[0].FlatR {
		t.Errorf("the 1-bit model's flat-prior choice (%d, %d) is MinHash's at the same perm: the report ignored the model", m.FlatB, m.FlatR)
	}
}

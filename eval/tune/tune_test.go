package tune_test

import (
	"context"
	"slices"
	"testing"

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

// TestLSH checks the banding report's bookkeeping on a generated set: the
// buckets hold every pair once, their proposed pairs add up to the run's
// candidates, and the two (b, r) choices are those of package minhash.
func TestLSH(t *testing.T) {
	seeds, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	set, err := gen.Generate(seeds, gen.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := tune.Expand("minhash-lsh:perm=64|128", 1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := eval.Evaluate(context.Background(), set, cs, eval.Options{Scope: eval.Labelled})
	if err != nil {
		t.Fatal(err)
	}
	reps := tune.LSH(res, 10)
	if len(reps) != 2 {
		t.Fatalf("%d LSH reports, want 2", len(reps))
	}
	for _, rep := range reps {
		pairs, proposed := 0, 0
		for _, b := range rep.Buckets {
			pairs += b.Pairs
			proposed += b.Proposed
		}
		if pairs != len(res.Pairs) || proposed != rep.Run.Candidates {
			t.Errorf("%s: buckets hold %d pairs, %d proposed; want %d and %d", rep.Run.Config.Label, pairs, proposed, len(res.Pairs), rep.Run.Candidates)
		}
		k := rep.Bands * rep.Rows
		fb, fr := minhash.OptimalParams(rep.Run.Config.Threshold, rep.Run.Config.Algorithm.(*minhash.LSH).K(), 0.5, 0.5)
		if rep.FlatB != fb || rep.FlatR != fr || rep.FlatB != rep.Bands || rep.FlatR != rep.Rows {
			t.Errorf("%s (b·r=%d): flat prior (%d, %d), want (%d, %d), the bands and rows the run derived", rep.Run.Config.Label, k, rep.FlatB, rep.FlatR, fb, fr)
		}
		if rep.SetB < 1 || rep.SetR < 1 {
			t.Errorf("%s: no (b, r) from the set's pairs", rep.Run.Config.Label)
		}
	}
}

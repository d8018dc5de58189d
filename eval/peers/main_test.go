package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	mfsimhash "github.com/mfonda/simhash"
)

// The keys every row of -json has.
var requiredKeys = []string{"implementation", "algorithm", "docs_per_sec", "mb_per_sec", "x_xxh3", "allocs_per_doc", "sig_bytes", "rmse"}

func TestRunTiny(t *testing.T) {
	file := filepath.Join(t.TempDir(), "peers.json")
	var out bytes.Buffer
	if err := run([]string{"-docs", "200", "-reps", "1", "-json", file}, &out, io.Discard); err != nil {
		t.Fatalf("run: %v", err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatalf("-json output: %v", err)
	}
	var names []string
	for _, r := range rows {
		for _, k := range requiredKeys {
			if _, ok := r[k]; !ok {
				t.Errorf("row %v: no key %q", r["implementation"], k)
			}
		}
		if d, ok := r["docs_per_sec"].(float64); !ok || !(d > 0) {
			t.Errorf("row %v: docs_per_sec = %v, want a positive number", r["implementation"], r["docs_per_sec"])
		}
		names = append(names, r["implementation"].(string))
	}
	for _, want := range []string{
		"simbench minhash", "simbench oph", "dgryski/go-minhash MinWise+xxh3", "shawnohare/go-minhash", "ekzhu/minhash-lsh Minhash",
		"simbench simhash", "mfonda/simhash", "simbench lsh.Banding", "ekzhu/minhash-lsh MinhashLSH",
	} {
		if !slices.Contains(names, want) {
			t.Errorf("-json rows %q: no %q", names, want)
		}
	}

	// One verdict per target: one for shingling, two for MinHash, two
	// for OPH, two for SimHash, two for LSH.
	verdicts := 0
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "PASS  ") || strings.HasPrefix(l, "FAIL  ") || strings.HasPrefix(l, "SKIP  ") {
			verdicts++
		}
	}
	if verdicts != 9 {
		t.Errorf("%d PASS/FAIL/SKIP lines, want 9:\n%s", verdicts, out.String())
	}
}

// rmseSlack allows for the sampling error of an RMSE over the 74 pairs of
// a 200-document corpus: the bound below is the largest standard deviation
// of one estimate, and the RMSE of unbiased estimates hovers around a value
// at most that; 1.5 times it is far beyond chance.
const rmseSlack = 1.5

// TestEstimates checks every signer's estimates against the standard
// deviation theory gives: sqrt(J(1−J)/k) ≤ sqrt(1/4k) for k-slot MinHash
// (Broder 1997), sqrt(p(1−p)/64) ≤ 1/16 for SimHash (Charikar 2002).
func TestEstimates(t *testing.T) {
	c, err := NewCorpus(200, 3)
	if err != nil {
		t.Fatal(err)
	}
	keys := byteKeys(c)
	for _, s := range []*signer{
		simbenchMinHash(c, 3),
		simbenchOPH(c, 3),
		dgryskiMinWise(c, keys, 3),
		shawnohareMinHash(c, keys),
		ekzhuMinHash(c, keys, 3),
		simbenchSimHash(c, 3),
		mfondaSimHash(c),
	} {
		s.sign()
		var r Row
		errorStats(c, s, &r)
		bound := math.Sqrt(1.0 / (4 * slots))
		if s.truth == simhashAngle {
			bound = 1.0 / 16
		}
		if *r.RMSE > rmseSlack*bound {
			t.Errorf("%s: RMSE %.4f, want ≤ %.4f", s.name, *r.RMSE, rmseSlack*bound)
		}
	}
}

func TestByteKeys(t *testing.T) {
	c := &Corpus{Shingles: [][]uint64{{0x0102030405060708, 0xff}}}
	got := byteKeys(c)[0]
	want := []byte{8, 7, 6, 5, 4, 3, 2, 1, 0xff, 0, 0, 0, 0, 0, 0, 0}
	if !bytes.Equal(got, want) {
		t.Errorf("byteKeys = % x, want % x", got, want)
	}
}

func TestShingleFeatures(t *testing.T) {
	for _, tc := range []struct {
		shingles []uint64
		want     uint64
	}{
		// One feature: each bit counts +1 where it is set, −1 where not,
		// and mfonda sets the bits whose count is ≥ 0.
		{[]uint64{0xdeadbeef}, 0xdeadbeef},
		// Bit 0: +1 +1 −1; bit 1: −1 +1 −1; the rest −3.
		{[]uint64{0, 1, 3}, 1},
		// Two features: bit 3 is +2, bits 1 and 2 tie at 0 (set), the
		// rest are −2.
		{[]uint64{0b1100, 0b1010}, 0b1110},
	} {
		fs := shingleFeatures{shingles: tc.shingles}
		if got := mfsimhash.Simhash(&fs); got != tc.want {
			t.Errorf("Simhash(%x) = %x, want %x", tc.shingles, got, tc.want)
		}
	}
}

func TestShingleFeaturesAllocs(t *testing.T) {
	fs := shingleFeatures{shingles: []uint64{1, 2, 3, 4}}
	fs.GetFeatures()
	if n := testing.AllocsPerRun(100, func() { mfsimhash.Simhash(&fs) }); n != 0 {
		t.Errorf("Simhash(shingleFeatures) allocates %v times, want 0", n)
	}
}

func TestHammingSim(t *testing.T) {
	for _, tc := range []struct {
		a, b uint64
		want float64
	}{
		{0, 0, 1},
		{0, ^uint64(0), 0},
		{0b1011, 0b0001, 1 - 2.0/64},
	} {
		if got := hammingSim(tc.a, tc.b); got != tc.want {
			t.Errorf("hammingSim(%b, %b) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSlotShare(t *testing.T) {
	for _, tc := range []struct {
		a, b []uint64
		want float64
	}{
		{[]uint64{1, 2, 3, 4}, []uint64{1, 2, 3, 4}, 1},
		{[]uint64{1, 2, 3, 4}, []uint64{1, 0, 3, 0}, 0.5},
		{[]uint64{1, 2, 3, 4}, []uint64{0, 0, 0, 0}, 0},
	} {
		if got := slotShare(tc.a, tc.b); got != tc.want {
			t.Errorf("slotShare(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{
		{[]float64{5}, 5},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tc.xs); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}

func TestInterleave(t *testing.T) {
	var order []int
	var tasks []*task
	for i := range 3 {
		tasks = append(tasks, newTask(nil, func() { order = append(order, i) }))
	}
	interleave(tasks, 3, func(int) {})
	want := []int{0, 1, 2, 0, 1, 2, 1, 2, 0, 2, 0, 1} // warm-up, then rotations
	if !slices.Equal(order, want) {
		t.Errorf("interleave ran %v, want %v", order, want)
	}
	for i, tk := range tasks {
		if got := len(tk.secs[0]); got != 3 {
			t.Errorf("task %d: %d timings recorded, want 3 (the warm-up is not)", i, got)
		}
	}
}

func TestParseFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-docs", "15"},
		{"-reps", "0"},
		{"-procs", "0"},
		{"-threshold", "1"},
		{"-threshold", "0"},
		{"-nosuchflag"},
		{"extra"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("parseFlags(%q): no error, want one", args)
		}
	}
	cfg, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.docs != 24000 || cfg.reps != 5 || cfg.procs != 1 {
		t.Errorf("defaults: -docs %d -reps %d -procs %d, want 24000, 5 and 1 (the documented corpus, per core)", cfg.docs, cfg.reps, cfg.procs)
	}
}

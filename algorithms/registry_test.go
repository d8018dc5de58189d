package algorithms_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/text"
)

// TestRegistryEntries checks what a newcomer's registry line must hold.
func TestRegistryEntries(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range algorithms.Registry {
		if e.Name == "" || strings.ContainsAny(e.Name, ":,= ") || seen[e.Name] {
			t.Errorf("entry %q: want a unique name without ':', ',', '=' or spaces", e.Name)
		}
		seen[e.Name] = true
		if e.Doc == "" || e.Why == "" || e.New == nil {
			t.Errorf("%s: want Doc, Why (the default threshold's reason) and New", e.Name)
		}
		if !(e.DefaultThreshold >= 0 && e.DefaultThreshold <= 1) {
			t.Errorf("%s: default threshold %v, want in [0, 1]", e.Name, e.DefaultThreshold)
		}
		for _, p := range e.Params {
			if p.Doc == "" || slices.ContainsFunc(algorithms.Common, func(c algo.Param) bool { return c.Name == p.Name }) {
				t.Errorf("%s: parameter %q needs a doc and a name of its own", e.Name, p.Name)
			}
		}
		c, err := algorithms.Parse(e.Name, 1)
		if err != nil {
			t.Errorf("%s with its defaults: %v", e.Name, err)
			continue
		}
		if c.Threshold != e.DefaultThreshold && e.Name != "simhash" {
			t.Errorf("%s: threshold %v, want the default %v", e.Name, c.Threshold, e.DefaultThreshold)
		}
		if c.Text != text.DefaultOptions() && c.Text != (text.Options{Unit: text.DefaultOptions().Unit, K: text.DefaultOptions().K, Seed: 1}) {
			t.Errorf("%s: shingling %+v, want the default with seed 1", e.Name, c.Text)
		}
	}
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		spec      string
		threshold float64
		text      text.Options
		params    string // a substring of ParamString
		err       string // a substring of the error
	}{
		{spec: "jaccard", threshold: 0.5, text: text.Options{Unit: text.Word, K: 5, Seed: 1}, params: "threshold=0.5,shingle=word,k=5,seed=1"},
		{spec: "jaccard:threshold=0.3,shingle=char,k=4,seed=9", threshold: 0.3, text: text.Options{Unit: text.Char, K: 4, Seed: 9}},
		{spec: "simhash:hamming=3", threshold: 1 - 3.0/64, text: text.Options{Unit: text.Word, K: 5, Seed: 1}, params: "hamming=3"},
		{spec: "simhash", threshold: 0.75, text: text.Options{Unit: text.Word, K: 5, Seed: 1}, params: "hamming=16"},
		{spec: "minhash-lsh:perm=256,threshold=0.7", threshold: 0.7, text: text.Options{Unit: text.Word, K: 5, Seed: 1}, params: "perm=256,bands="},
		{spec: "minhash-lsh:bands=32,rows=4", threshold: 0.5, text: text.Options{Unit: text.Word, K: 5, Seed: 1}, params: "bands=32,rows=4"},
		{spec: "minhash", err: `unknown algorithm "minhash"`},
		{spec: "jaccard:perm=3", err: `takes no parameter "perm"`},
		{spec: "jaccard:k", err: "not key=value"},
		{spec: "jaccard:k=3,k=4", err: "k given twice"},
		{spec: "jaccard:k=0", err: "k"},
		{spec: "jaccard:k=x", err: "not an integer"},
		{spec: "jaccard:shingle=byte", err: "byte"},
		{spec: "jaccard:threshold=-0.1", err: "from 0 to 1"},
		{spec: "jaccard:threshold=NaN", err: "from 0 to 1"},
		{spec: "jaccard:seed=-1", err: "unsigned"},
		{spec: "simhash:hamming=3,threshold=0.9", err: "not both"},
		{spec: "minhash-lsh:rows=4", err: "both bands and rows"},
	} {
		got, err := algorithms.Parse(c.spec, 1)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Parse(%q) error = %v, want one containing %q", c.spec, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", c.spec, err)
			continue
		}
		if got.Threshold != c.threshold || got.Text != c.text || got.Label != c.spec {
			t.Errorf("Parse(%q) = threshold %v, text %+v, label %q; want %v, %+v, %q", c.spec, got.Threshold, got.Text, got.Label, c.threshold, c.text, c.spec)
		}
		if !strings.Contains(got.ParamString(), c.params) {
			t.Errorf("Parse(%q).ParamString() = %q, want it to contain %q", c.spec, got.ParamString(), c.params)
		}
	}
}

func TestParseAll(t *testing.T) {
	cs, err := algorithms.ParseAll(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, c := range cs {
		labels = append(labels, c.Label)
	}
	if !slices.Equal(labels, algorithms.Names()) {
		t.Errorf("ParseAll(none) = %v, want every algorithm %v", labels, algorithms.Names())
	}
	if _, err := algorithms.ParseAll([]string{"jaccard", "jaccard"}, 1); err == nil {
		t.Errorf("ParseAll(jaccard twice): no error")
	}
}

func ExampleParse() {
	c, err := algorithms.Parse("minhash-lsh:perm=64,threshold=0.7", 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Entry.Name, c.Threshold, c.Text)
	fmt.Println(c.ParamString())
	// Output:
	// minhash-lsh 0.7 word5
	// threshold=0.7,shingle=word,k=5,seed=1,perm=64,bands=8,rows=8,fp_weight=0.5,fn_weight=0.5
}

// FuzzParse feeds arbitrary -algo values to Parse: it must never panic, and
// a value it accepts must give a threshold in [0, 1], valid shingling and a
// label equal to the value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"jaccard", "simhash:hamming=3", "minhash-lsh:perm=256,threshold=0.7", "minhash-lsh:bands=32,rows=4",
		"jaccard:shingle=char,k=4,seed=9", "simhash:threshold=0.9", ":", "x:y=z", "jaccard:k=1e9", "minhash-lsh:perm=65536,bands=1,rows=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		c, err := algorithms.Parse(spec, 1)
		if err != nil {
			return
		}
		if !(c.Threshold >= 0 && c.Threshold <= 1) || c.Text.Validate() != nil || c.Label != spec || c.Algorithm == nil {
			t.Errorf("Parse(%q) accepted a bad configuration: %+v", spec, c)
		}
	})
}

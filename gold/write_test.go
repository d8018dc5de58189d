package gold_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/simbench/simbench/gold"
)

// TestWriteRoundTrip writes sets and loads them back unchanged, with ids
// that fit docs/ and ids that need docs.jsonl.
func TestWriteRoundTrip(t *testing.T) {
	seeds, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	odd := &gold.Set{
		Manifest: gold.Manifest{Name: "odd", Description: "d", Source: "s", License: "l",
			Positive: []string{"P"}, Negative: []string{"NP"}},
		Docs:  []gold.Doc{{ID: "a/b", Text: "पहला वाक्य।"}, {ID: "x y", Text: "second\r\nline"}, {ID: "z", Text: "तीसरा"}},
		Pairs: []gold.Pair{{A: 0, B: 1, Label: "P"}, {A: 1, B: 2, Label: "NP"}},
	}
	for _, c := range []struct {
		set   *gold.Set
		jsonl bool
	}{{seeds, false}, {odd, true}} {
		dir := filepath.Join(t.TempDir(), c.set.Manifest.Name)
		if err := gold.Write(dir, c.set); err != nil {
			t.Fatalf("Write(%s): %v", c.set.Manifest.Name, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "docs.jsonl")); (err == nil) != c.jsonl {
			t.Errorf("%s: docs.jsonl written %v, want %v", c.set.Manifest.Name, err == nil, c.jsonl)
		}
		back, err := gold.LoadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back.Manifest, c.set.Manifest) || !reflect.DeepEqual(back.Docs, c.set.Docs) || !reflect.DeepEqual(back.Pairs, c.set.Pairs) {
			t.Errorf("%s: the set loaded back differs from the one written", c.set.Manifest.Name)
		}
		if err := gold.Write(dir, c.set); err == nil {
			t.Errorf("Write over an existing directory: no error")
		}
	}
}

func TestWriteInvalidLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	bad := &gold.Set{
		Manifest: gold.Manifest{Name: "bad", Description: "d", Source: "s", License: "l", Positive: []string{"P"}},
		Docs:     []gold.Doc{{ID: "a", Text: "x"}, {ID: "b", Text: "y"}},
		Pairs:    []gold.Pair{{A: 0, B: 1, Label: "undeclared"}},
	}
	if err := gold.Write(filepath.Join(parent, "bad"), bad); err == nil {
		t.Errorf("Write of a set with an undeclared label: no error")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a failed Write left %d entries behind", len(entries))
	}
}

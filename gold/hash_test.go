package gold_test

import (
	"path/filepath"
	"testing"

	"github.com/simbench/simbench/gold"
)

// TestContentHash checks what the content hash depends on: the text of a
// document, a label, which labels are positive and exhaustiveness change
// it; the name, and the files the set is written in, do not.
func TestContentHash(t *testing.T) {
	base, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	h := base.ContentHash()
	if len(h) != len("sha256:")+64 || h[:7] != "sha256:" {
		t.Fatalf("ContentHash = %q, want sha256: and 64 hex digits", h)
	}
	clone := func() *gold.Set {
		s := *base
		s.Docs = append([]gold.Doc(nil), base.Docs...)
		s.Pairs = append([]gold.Pair(nil), base.Pairs...)
		s.Manifest.Positive = append([]string(nil), base.Manifest.Positive...)
		return &s
	}
	for _, c := range []struct {
		name   string
		edit   func(s *gold.Set)
		change bool
	}{
		{"renamed", func(s *gold.Set) { s.Manifest.Name = "other"; s.Manifest.Description = "x" }, false},
		{"one character of a text", func(s *gold.Set) { s.Docs[1].Text += "." }, true},
		{"a label", func(s *gold.Set) { s.Pairs[0].Label = "unrelated" }, true},
		{"the positive labels", func(s *gold.Set) { s.Manifest.Positive = append(s.Manifest.Positive, "related") }, true},
		{"exhaustiveness", func(s *gold.Set) { s.Manifest.Exhaustive = !s.Manifest.Exhaustive }, true},
	} {
		s := clone()
		c.edit(s)
		if got := s.ContentHash() != h; got != c.change {
			t.Errorf("%s: hash changed %v, want %v", c.name, got, c.change)
		}
	}

	// Written to disk (docs/ or docs.jsonl) and loaded back: the same set.
	dir := filepath.Join(t.TempDir(), "copy")
	if err := gold.Write(dir, base); err != nil {
		t.Fatal(err)
	}
	back, err := gold.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.ContentHash(); got != h {
		t.Errorf("written and loaded back: hash %s, want %s", got, h)
	}
}

package gold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold/internal/sharedtest"
)

// The labels of the seeds set, as the issue that added it states them: 002
// is 000 inside its web page, 001 is another outlet's report of the same
// meeting, and every other pair is unrelated.
var seedLabels = map[[2]string]string{
	{"000", "001"}: "related",
	{"000", "002"}: "duplicate",
	{"000", "003"}: "unrelated",
	{"000", "004"}: "unrelated",
	{"001", "002"}: "related",
	{"001", "003"}: "unrelated",
	{"001", "004"}: "unrelated",
	{"002", "003"}: "unrelated",
	{"002", "004"}: "unrelated",
	{"003", "004"}: "unrelated",
}

func TestEmbeddedSeeds(t *testing.T) {
	t.Chdir(t.TempDir()) // no directory "seeds" here, so Open takes the embedded set
	s, err := Open("seeds")
	if err != nil {
		t.Fatalf("Open(%q): %v", "seeds", err)
	}
	if s.Path != "embedded:seeds" {
		t.Errorf("Path = %q, want %q", s.Path, "embedded:seeds")
	}
	checkSeeds(t, s)
}

func TestSeedsDir(t *testing.T) {
	s, err := LoadDir("seeds")
	if err != nil {
		t.Fatalf("LoadDir(%q): %v", "seeds", err)
	}
	checkSeeds(t, s)
}

func checkSeeds(t *testing.T, s *Set) {
	t.Helper()
	ids := make([]string, len(s.Docs))
	for i, d := range s.Docs {
		ids[i] = d.ID
	}
	if want := []string{"000", "001", "002", "003", "004"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
	if len(s.Pairs) != len(seedLabels) {
		t.Errorf("len(Pairs) = %d, want %d", len(s.Pairs), len(seedLabels))
	}
	for key, want := range seedLabels {
		a, _ := s.Index(key[0])
		b, _ := s.Index(key[1])
		if got, ok := s.Label(a, b); !ok || got != want {
			t.Errorf("Label(%s, %s) = %q, %v, want %q, true", key[0], key[1], got, ok, want)
		}
	}
	if got, _ := s.Label(0, 2); got != "duplicate" {
		t.Errorf("Label(0, 2) = %q, want %q", got, "duplicate")
	}
	if got := s.NumPositive(); got != 1 {
		t.Errorf("NumPositive() = %d, want 1", got)
	}
	if !s.Manifest.Exhaustive {
		t.Errorf("Manifest.Exhaustive = false, want true")
	}
	if s.Manifest.Name != "seeds" {
		t.Errorf("Manifest.Name = %q, want %q", s.Manifest.Name, "seeds")
	}
	if len(s.Warnings) != 0 {
		t.Errorf("Warnings = %q, want none", s.Warnings)
	}
	// The description and source name every original file.
	for _, name := range seedFiles {
		if !strings.Contains(s.Manifest.Description, name) || !strings.Contains(s.Manifest.Source, name) {
			t.Errorf("description or source of seeds does not name %s", name)
		}
	}
}

// seedFiles are the original names of the seeds documents 000 to 004.
var seedFiles = []string{
	"000_fb894c349d1b19bc.txt",
	"001_2157c6cbc3abfb4c.txt",
	"002_bbd468900c1e8001.txt",
	"003_01717255af657d13.txt",
	"004_275b77730b37c06b.txt",
}

// TestSeedsVerbatim checks the embedded documents against the originals in
// the shared folder beside the repository (see package sharedtest for when
// it is not there).
func TestSeedsVerbatim(t *testing.T) {
	orig := sharedtest.Path(t, "seeds")
	s, err := Load(embedded, "seeds")
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range seedFiles {
		want, err := os.ReadFile(filepath.Join(orig, name))
		if err != nil {
			t.Fatal(err)
		}
		if s.Docs[i].Text != string(want) {
			t.Errorf("document %s differs from %s", s.Docs[i].ID, name)
		}
	}
}

func TestOpen(t *testing.T) {
	// A directory of the name takes precedence over the embedded set.
	s, err := Open("seeds")
	if err != nil {
		t.Fatalf("Open(%q) in the package directory: %v", "seeds", err)
	}
	if s.Path != "seeds" {
		t.Errorf("Open(%q) in the package directory: Path = %q, want %q", "seeds", s.Path, "seeds")
	}

	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll(filepath.Join("seeds", "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A directory "seeds" that is not a gold set (no gold.json), such as
	// a results folder, does not hide the embedded set.
	s, err = Open("seeds")
	if err != nil || s.Path != "embedded:seeds" {
		t.Errorf("Open(%q) beside a directory seeds without gold.json: %v, Path %q; want the embedded set", "seeds", err, s.Path)
	}

	// One with gold.json does, and its problems are reported.
	if err := os.WriteFile(filepath.Join("seeds", "gold.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open("seeds")
	if got := errorStrings(err); len(got) == 0 || !strings.HasPrefix(got[0], filepath.Join("seeds", "gold.json")) {
		t.Errorf("Open(%q) with a broken gold set seeds: errors %q, want them to name seeds/gold.json first", "seeds", got)
	}

	// A name that is not embedded is a directory.
	_, err = Open("clough-x")
	want := []string{"clough-x: no such directory"}
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("Open(%q) errors = %q, want %q", "clough-x", got, want)
	}
}

func TestEmbeddedNames(t *testing.T) {
	got := EmbeddedNames()
	if !slices.Contains(got, "seeds") || !slices.IsSorted(got) {
		t.Errorf("EmbeddedNames() = %q, want a sorted list holding %q", got, "seeds")
	}
	for _, name := range got {
		if _, err := Load(embedded, name); err != nil {
			t.Errorf("embedded set %s: %v", name, err)
		}
	}
}

func TestSetMethods(t *testing.T) {
	s := &Set{
		Manifest: Manifest{Positive: []string{"cut", "light"}, Negative: []string{"non"}},
		Docs:     []Doc{{"a", "x"}, {"b", "y"}, {"c", "z"}, {"d", "w"}},
		Pairs:    []Pair{{0, 1, "cut"}, {0, 3, "non"}, {1, 2, "light"}},
	}
	for i, d := range s.Docs {
		if got, ok := s.Index(d.ID); got != i || !ok {
			t.Errorf("Index(%q) = %d, %v, want %d, true", d.ID, got, ok, i)
		}
	}
	for _, id := range []string{"", "0", "aa", "e"} {
		if got, ok := s.Index(id); ok {
			t.Errorf("Index(%q) = %d, true, want false", id, got)
		}
	}
	labels := []struct {
		a, b int
		want string
		ok   bool
	}{
		{0, 1, "cut", true},
		{1, 0, "cut", true},
		{3, 0, "non", true},
		{2, 1, "light", true},
		{0, 2, "", false},
		{2, 3, "", false},
		{1, 1, "", false},
	}
	for _, tt := range labels {
		if got, ok := s.Label(tt.a, tt.b); got != tt.want || ok != tt.ok {
			t.Errorf("Label(%d, %d) = %q, %v, want %q, %v", tt.a, tt.b, got, ok, tt.want, tt.ok)
		}
	}
	for label, want := range map[string]bool{"cut": true, "light": true, "non": false, "Cut": false, "": false} {
		if got := s.IsPositive(label); got != want {
			t.Errorf("IsPositive(%q) = %v, want %v", label, got, want)
		}
	}
	if got := s.NumPositive(); got != 2 {
		t.Errorf("NumPositive() = %d, want 2", got)
	}
}

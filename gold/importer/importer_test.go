package importer

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/internal/sharedtest"
)

var write = flag.Bool("write", false, "write the shipped set ../clough from ../shared/datasets (go test ./gold/importer -run TestShippedClough -write)")

// datasets returns the folder name of ../shared/datasets (the published
// corpora beside the root of the module), or skips the test if it is not
// there (fails it, naming the folder, if SIMBENCH_REQUIRE_SHARED=1; see
// package sharedtest).
func datasets(t testing.TB, name string) string {
	t.Helper()
	return sharedtest.Path(t, "datasets/"+name)
}

// importOK imports source in format or fails the test.
func importOK(t *testing.T, format, source string) (*gold.Set, *Report) {
	t.Helper()
	s, rep, err := Import(format, source)
	if err != nil {
		t.Fatalf("Import(%q, %q): %v", format, source, err)
	}
	if s == nil || rep == nil {
		t.Fatalf("Import(%q, %q) returned a nil set or report", format, source)
	}
	return s, rep
}

// checkRoundTrip writes s with gold.Write and checks that gold.LoadDir
// reads back the same set, without warnings.
func checkRoundTrip(t *testing.T, s *gold.Set) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), s.Manifest.Name)
	if err := gold.Write(dir, s); err != nil {
		t.Fatalf("gold.Write: %v", err)
	}
	back, err := gold.LoadDir(dir)
	if err != nil {
		t.Fatalf("gold.LoadDir of the written set: %v", err)
	}
	if !reflect.DeepEqual(back.Manifest, s.Manifest) {
		t.Errorf("manifest loaded back = %+v, want %+v", back.Manifest, s.Manifest)
	}
	if !reflect.DeepEqual(back.Docs, s.Docs) {
		t.Errorf("the documents loaded back differ from those written")
	}
	if !reflect.DeepEqual(back.Pairs, s.Pairs) {
		t.Errorf("the pairs loaded back differ from those written")
	}
	if len(back.Warnings) > 0 {
		t.Errorf("loading the written set warns: %q", back.Warnings)
	}
}

// labelCounts returns the number of pairs of s with each label.
func labelCounts(s *gold.Set) map[string]int {
	n := make(map[string]int)
	for _, p := range s.Pairs {
		n[p.Label]++
	}
	return n
}

// pairLabel returns the label of the pair of documents a and b of s, by id.
func pairLabel(t *testing.T, s *gold.Set, a, b string) string {
	t.Helper()
	i, okA := s.Index(a)
	j, okB := s.Index(b)
	if !okA || !okB {
		t.Fatalf("no document %q or %q", a, b)
	}
	label, ok := s.Label(i, j)
	if !ok {
		t.Fatalf("pair %s %s is not labelled", a, b)
	}
	return label
}

// text returns the text of the document id of s.
func text(t *testing.T, s *gold.Set, id string) string {
	t.Helper()
	i, ok := s.Index(id)
	if !ok {
		t.Fatalf("no document %q", id)
	}
	return s.Docs[i].Text
}

// wantError checks that err is a gold.ErrorList holding an error at file
// and line whose message holds msg.
func wantError(t *testing.T, err error, file string, line int, msg string) {
	t.Helper()
	var list gold.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v is a %T, want a gold.ErrorList", err, err)
	}
	for _, e := range list {
		if e.File == file && e.Line == line && strings.Contains(e.Msg, msg) {
			return
		}
	}
	t.Errorf("error = %q, want one at %s:%d saying %q", err, file, line, msg)
}

func TestImportUnknownFormat(t *testing.T) {
	s, rep, err := Import("csv", "x")
	if err == nil || s != nil || rep != nil {
		t.Fatalf("Import(%q) = %v, %v, %v, want an error", "csv", s, rep, err)
	}
	for _, f := range Formats {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("the error %q does not list format %q", err, f)
		}
	}
}

// TestImportMissing imports sources that do not exist: each error names
// the path.
func TestImportMissing(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ format, source, file string }{
		{"clough", filepath.Join(dir, "none"), filepath.Join(dir, "none")},
		{"clough", dir, filepath.Join(dir, cloughCorpus)},
		{"dpil", filepath.Join(dir, "none.xml"), filepath.Join(dir, "none.xml")},
		{"dpil", dir, dir},
		{"msrp", filepath.Join(dir, "none.txt"), filepath.Join(dir, "none.txt")},
		{"msrp", dir, filepath.Join(dir, msrpTest)},
	} {
		s, _, err := Import(c.format, c.source)
		if err == nil || s != nil {
			t.Errorf("Import(%q, %q): no error", c.format, c.source)
			continue
		}
		wantError(t, err, c.file, 0, "")
	}
}

// TestShippedClough checks that the embedded set clough is what the
// importer makes of the published corpus. With -write, it writes the set
// anew first.
func TestShippedClough(t *testing.T) {
	src := datasets(t, "clough-stevenson-2011")
	s, _ := importOK(t, "clough", src)
	var shipped *gold.Set
	var err error
	if *write {
		// The test binary embeds the set as it was before; check the
		// files, and the embedded copy on the next run.
		dir := filepath.Join("..", "clough")
		writeShipped(t, dir, s)
		if shipped, err = gold.LoadDir(dir); err != nil {
			t.Fatalf("gold.LoadDir(%q): %v", dir, err)
		}
	} else {
		t.Chdir(t.TempDir()) // no directory "clough" here, so Open takes the embedded set
		if shipped, err = gold.Open("clough"); err != nil {
			t.Fatalf("gold.Open(%q): %v", "clough", err)
		}
		if shipped.Path != "embedded:clough" {
			t.Fatalf("gold.Open(%q) loaded %s, want the embedded set", "clough", shipped.Path)
		}
	}
	if !reflect.DeepEqual(shipped.Manifest, s.Manifest) {
		t.Errorf("the shipped gold.json differs from the import:\n%+v\nwant\n%+v", shipped.Manifest, s.Manifest)
	}
	if !reflect.DeepEqual(shipped.Docs, s.Docs) {
		t.Errorf("the shipped documents differ from the import")
	}
	if !reflect.DeepEqual(shipped.Pairs, s.Pairs) {
		t.Errorf("the shipped pairs differ from the import")
	}
	if len(shipped.Warnings) > 0 {
		t.Errorf("the shipped set warns: %q", shipped.Warnings)
	}
}

// writeShipped replaces the set in dir with s, keeping the other files of
// dir (its README.md).
func writeShipped(t *testing.T, dir string, s *gold.Set) {
	tmp := dir + ".new"
	os.RemoveAll(tmp)
	if err := gold.Write(tmp, s); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"gold.json", "pairs.tsv", "docs", "docs.jsonl", "clusters.tsv"} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Rename(filepath.Join(tmp, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(tmp); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", dir)
}

package gold_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
)

// TestLoadDirStream checks that a streamed load sees every document's text
// once, under the sequence number Set.Order gives it, and otherwise returns
// the set LoadDir returns.
func TestLoadDirStream(t *testing.T) {
	for _, name := range gold.EmbeddedNames() {
		src, err := gold.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, ids := range []string{"as is", "with a slash"} {
			s := *src
			if ids == "with a slash" {
				// An id that is not a file name makes Write use docs.jsonl.
				s.Docs = slices.Clone(s.Docs)
				s.Docs[0].ID = "a/" + s.Docs[0].ID
			}
			dir := filepath.Join(t.TempDir(), "set")
			if err := gold.Write(dir, &s); err != nil {
				t.Fatal(err)
			}
			want, err := gold.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			got, err := gold.LoadDirStream(dir, func(seq int, text string) error {
				if seq != len(texts) {
					t.Errorf("%s (%s): stream got seq %d, want %d", name, ids, seq, len(texts))
				}
				texts = append(texts, text)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Order) != len(want.Docs) || len(texts) != len(want.Docs) {
				t.Fatalf("%s (%s): %d documents, %d in Order, %d streamed; want %d", name, ids, len(got.Docs), len(got.Order), len(texts), len(want.Docs))
			}
			for i, d := range got.Docs {
				if d.ID != want.Docs[i].ID || d.Text != "" {
					t.Errorf("%s (%s): Docs[%d] = {%q, %d bytes}, want {%q, no text}", name, ids, i, d.ID, len(d.Text), want.Docs[i].ID)
				}
				if text := texts[got.Order[i]]; text != want.Docs[i].Text {
					t.Errorf("%s (%s): streamed text of %s differs from LoadDir's", name, ids, d.ID)
				}
			}
			if !slices.Equal(got.Pairs, want.Pairs) {
				t.Errorf("%s (%s): streamed load's pairs differ from LoadDir's", name, ids)
			}
		}
	}
}

// TestLoadDirStreamError checks that the stream's error stops the load and
// is returned as it is.
func TestLoadDirStreamError(t *testing.T) {
	src, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "set")
	if err := gold.Write(dir, src); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	calls := 0
	s, err := gold.LoadDirStream(dir, func(int, string) error {
		calls++
		return stop
	})
	if s != nil || err != stop || calls != 1 {
		t.Errorf("LoadDirStream with a failing stream = %v, %v after %d calls; want nil, %v after 1", s, err, calls, stop)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
}

// TestReadManifest checks that ReadManifest reads a set's manifest alone,
// and reports a bad one with the file's name, as LoadDir does.
func TestReadManifest(t *testing.T) {
	src, err := gold.Open("clough")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "set")
	if err := gold.Write(dir, src); err != nil {
		t.Fatal(err)
	}
	m, err := gold.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != src.Manifest.Name || m.Exhaustive != src.Manifest.Exhaustive || !slices.Equal(m.Positive, src.Manifest.Positive) {
		t.Errorf("ReadManifest = %+v, want %+v", *m, src.Manifest)
	}
	if err := os.WriteFile(filepath.Join(dir, "gold.json"), []byte(`{"name": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = gold.ReadManifest(dir)
	_, loadErr := gold.LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "gold.json")) || !strings.Contains(loadErr.Error(), err.Error()) {
		t.Errorf("ReadManifest of a bad manifest: %v; want an error naming gold.json that LoadDir also gives (%v)", err, loadErr)
	}
}

// TestLoadRead checks that LoadOptions.Read is told the whole of the
// documents' files: the size of docs.jsonl, or the sum of the sizes of the
// files of docs/.
func TestLoadRead(t *testing.T) {
	src, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	for _, ids := range []string{"files", "jsonl"} {
		s := *src
		if ids == "jsonl" {
			// An id that is not a file name makes Write use docs.jsonl.
			s.Docs = slices.Clone(s.Docs)
			s.Docs[0].ID = "a/" + s.Docs[0].ID
		}
		dir := filepath.Join(t.TempDir(), "seeds")
		if err := gold.Write(dir, &s); err != nil {
			t.Fatal(err)
		}
		var want int64
		filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() && (filepath.Base(p) == "docs.jsonl" || filepath.Base(filepath.Dir(p)) == "docs") {
				want += fi.Size()
			}
			return nil
		})
		var got int64
		if _, err := (gold.LoadOptions{Read: func(n int64) { got += n }}).LoadDirStream(dir, func(int, string) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if got != want || want == 0 {
			t.Errorf("%s: Read told %d bytes, want the %d of the documents' files", ids, got, want)
		}
	}
}

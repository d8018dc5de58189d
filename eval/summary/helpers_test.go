package summary_test

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The summaries in testdata, written by real runs of simbench (see the
// tests of package compare, which read the same files).
const (
	seeds   = "testdata/seeds"
	untimed = "testdata/seeds-untimed.json"
	clough  = "testdata/clough.json"
	worse   = "testdata/clough-worse.json"
	withCI  = "testdata/clough-ci.json"
)

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update to rewrite it):\n%s\nwant:\n%s", path, got, want)
	}
}

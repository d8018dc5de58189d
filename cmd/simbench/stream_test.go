package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/gold"
)

// TestStreamRun runs a streamed, sparse corpus-scope run on a small set and
// checks what it reports and writes: the same quality as the run on the
// loaded set, the phases and the peak memory, and errors.md without text.
func TestStreamRun(t *testing.T) {
	fixedEnv(t)
	s, err := gold.Open("clough")
	if err != nil {
		t.Fatal(err)
	}
	s.Manifest.Exhaustive = true
	dir := filepath.Join(t.TempDir(), "set")
	if err := gold.Write(dir, s); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	runJSON := func(args ...string) summary.Summary {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args = append([]string{"run", "-gold", dir, "-algo", "jaccard:floor=0.3", "-algo", "simhash:threshold=0.9", "-algo", "minhash-lsh",
			"-format", "json", "-timing=false", "-bootstrap", "0"}, args...)
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
		var sum summary.Summary
		if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
			t.Fatal(err)
		}
		return sum
	}
	streamed := runJSON("-stream", "on", "-out", out)
	loaded := runJSON("-stream", "off", "-sparse", "-out", "")
	if !streamed.Gold.Streamed || !streamed.Gold.Sparse || loaded.Gold.Streamed || !loaded.Gold.Sparse {
		t.Errorf("streamed run: streamed %v, sparse %v; loaded run: %v, %v; want true, true, false, true",
			streamed.Gold.Streamed, streamed.Gold.Sparse, loaded.Gold.Streamed, loaded.Gold.Sparse)
	}
	if streamed.Gold.Hash == "" || streamed.Gold.Hash != loaded.Gold.Hash {
		t.Errorf("content hash: streamed %q, loaded %q; want the same, not empty", streamed.Gold.Hash, loaded.Gold.Hash)
	}
	if got, want := streamed.Gold.Pairs, 100*99/2; got != want {
		t.Errorf("streamed run: %d pairs in scope, want %d", got, want)
	}
	for i, r := range streamed.Runs {
		l := loaded.Runs[i]
		for _, key := range []string{"f1", "tp", "fp", "tn", "average_precision"} {
			if r.Get(key) != l.Get(key) {
				t.Errorf("%s: streamed %s %v, loaded %v", r.Algorithm, key, r.Get(key), l.Get(key))
			}
		}
	}
	if len(streamed.Phases) == 0 || streamed.PeakRSS <= 0 {
		t.Errorf("streamed run reports %d phases and peak memory %d; want both", len(streamed.Phases), streamed.PeakRSS)
	}
	if len(loaded.Phases) != 0 {
		t.Errorf("untimed loaded run reports phases %v; want none (its summary must not depend on the machine)", loaded.Phases)
	}
	entries, err := os.ReadDir(out)
	if err != nil || len(entries) != 1 {
		t.Fatalf("results folder: %v, %v; want one folder", entries, err)
	}
	errs, err := os.ReadFile(filepath.Join(out, entries[0].Name(), "errors.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(errs), "their text is not shown") {
		t.Errorf("errors.md of a streamed run does not say the text is not shown:\n%s", errs)
	}

	// Containment cannot run in the sparse scope; the error says so.
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"run", "-gold", dir, "-stream", "on", "-algo", "containment", "-out", ""}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "sparse") {
		t.Errorf("streamed containment run: error %v, want one about the sparse scope", err)
	}
}

// TestGenDocs makes a small synthetic set with gen -docs, checks it is a
// valid gold set, and refuses flags of the edit mode beside -docs.
func TestGenDocs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synth")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"gen", "-docs", "300", "-seed", "3", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("gen -docs 300: %v\n%s", err, stderr.String())
	}
	s, err := gold.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Docs), 300; got != want {
		t.Errorf("gen -docs 300 wrote %d documents", got)
	}
	if got, want := s.NumPositive(), 300*3/16; got != want || !s.Manifest.Exhaustive {
		t.Errorf("gen -docs 300: %d positive pairs, exhaustive %v; want %d, true", got, s.Manifest.Exhaustive, want)
	}
	err = run(context.Background(), []string{"gen", "-docs", "300", "-gold", "seeds", filepath.Join(t.TempDir(), "x")}, &stdout, &stderr)
	if code := exitCode(err, &stderr); code != 2 {
		t.Errorf("gen -docs with -gold: exit %d (%v), want 2", code, err)
	}
}

// TestGenDocsClusters makes a small clustered set with gen -docs -clusters:
// clusters.tsv instead of pairs.tsv, the positives it prints; and -clusters
// is refused without -docs or below its minimum.
func TestGenDocsClusters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synth")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"gen", "-docs", "300", "-clusters", "-seed", "3", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("gen -docs 300 -clusters: %v\n%s", err, stderr.String())
	}
	s, err := gold.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "clusters.tsv")); err != nil {
		t.Errorf("gen -docs -clusters: %v", err)
	}
	want := fmt.Sprintf("wrote %s: 300 documents, %d labelled pairs (%d positive)\n", dir, s.NumPositive(), s.NumPositive())
	if got := stdout.String(); got != want || len(s.Docs) != 300 || !s.Manifest.Exhaustive {
		t.Errorf("gen -docs 300 -clusters printed %q, want %q, and %d documents, exhaustive %v", got, want, len(s.Docs), s.Manifest.Exhaustive)
	}
	for _, args := range [][]string{
		{"gen", "-clusters", filepath.Join(t.TempDir(), "x")},
		{"gen", "-docs", "99", "-clusters", filepath.Join(t.TempDir(), "x")},
	} {
		err := run(context.Background(), args, &stdout, &stderr)
		if code := exitCode(err, &stderr); code != 2 {
			t.Errorf("%q: exit %d (%v), want 2", args, code, err)
		}
	}
}

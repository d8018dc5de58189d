package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
)

// TestGoldValidateLarge validates a set whose one cluster gives more pairs
// than gold.DefaultMaxPairs: validate counts them, n(n-1)/2, without listing
// them, and warns that the other commands will not load them; gold stats
// refuses the set.
func TestGoldValidateLarge(t *testing.T) {
	const n = 5800 // 16,817,100 pairs, just above 2^24 = 16,777,216
	dir := t.TempDir()
	var jsonl, clusters strings.Builder
	clusters.WriteString("id\tcluster\n")
	for i := range n {
		fmt.Fprintf(&jsonl, "{\"id\": \"d%04d\", \"text\": \"document %d\"}\n", i, i)
		fmt.Fprintf(&clusters, "d%04d\tall\n", i)
	}
	manifest := `{"name": "large", "description": "one cluster", "source": "this test", "license": "CC0-1.0",
"positive": ["dup"], "negative": ["non"]}`
	for name, data := range map[string]string{"gold.json": manifest, "docs.jsonl": jsonl.String(), "clusters.tsv": clusters.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pairs := n * (n - 1) / 2
	if pairs <= gold.DefaultMaxPairs {
		t.Fatalf("%d documents give %d pairs, not more than gold.DefaultMaxPairs = %d", n, pairs, gold.DefaultMaxPairs)
	}

	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"gold", "validate", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("gold validate: %v", err)
	}
	want := fmt.Sprintf("%s: valid: %d documents, %d labelled pairs (%d positive), exhaustive false\n", dir, n, pairs, pairs)
	if got := stdout.String(); got != want {
		t.Errorf("gold validate printed %q, want %q", got, want)
	}
	wantErr := fmt.Sprintf("simbench: warning: %s: its clusters give %d labelled pairs, more than the %d 'simbench gold stats' lists; 'simbench run' counts them by score in the corpus scope (-counted), and holds them within its memory budget (-mem) in the labelled scope\n", dir, pairs, gold.DefaultMaxPairs)
	if got := stderr.String(); got != wantErr {
		t.Errorf("gold validate warned %q, want %q", got, wantErr)
	}

	stdout.Reset()
	stderr.Reset()
	err := run(context.Background(), []string{"gold", "stats", dir}, &stdout, &stderr)
	wantStats := fmt.Sprintf("%s: the clusters give %d labelled pairs, more than the %d a set may list when loaded whole (a run in the corpus scope counts them instead)",
		filepath.Join(dir, "clusters.tsv"), pairs, gold.DefaultMaxPairs)
	if err == nil || err.Error() != wantStats {
		t.Errorf("gold stats: error %v, want %q", err, wantStats)
	}
}

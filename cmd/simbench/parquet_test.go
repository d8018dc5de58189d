package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestScoreParquet scores a pair list written as Parquet, as datatrove and
// NeMo Curator write their outputs, and checks it gives the figures of the
// same pairs written as CSV.
func TestScoreParquet(t *testing.T) {
	fixedEnv(t)
	type row struct {
		A     string  `parquet:"a"`
		B     string  `parquet:"b"`
		Score float64 `parquet:"score"`
	}
	dir := t.TempDir()
	pq := filepath.Join(dir, "pairs.parquet")
	if err := parquet.WriteFile(pq, []row{{"000", "002", 0.9}, {"001", "003", 0.7}}); err != nil {
		t.Fatal(err)
	}
	score := func(file string) map[string]any {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), []string{"score", "-timing=false", "-bootstrap", "0", "-out", "", "-format", "json", "-name", "x", file}, &stdout, &stderr); err != nil {
			t.Fatalf("score %s: %v\n%s", file, err, stderr.String())
		}
		var s struct{ Runs []map[string]any }
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		return s.Runs[0]
	}
	fromParquet, fromCSV := score(pq), score("testdata/score-pairs.csv")
	for _, k := range []string{"precision", "recall", "f1", "tp", "fp", "average_precision", "best_f1", "ari"} {
		if fromParquet[k] != fromCSV[k] {
			t.Errorf("%s: Parquet %v, CSV %v", k, fromParquet[k], fromCSV[k])
		}
	}
	if _, err := os.Stat(pq); err != nil {
		t.Fatal(err)
	}
}

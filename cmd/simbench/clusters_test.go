package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The cluster figures recomputed from the files a run writes (clusters.csv,
// and the gold set's clusters.tsv and docs.jsonl), with plain O(n²) pair
// and document counting that shares no code with eval/metric: every figure
// is a ratio of integer counts, so the tolerance, 1e-9, only allows for the
// order of float64 operations.
const clusterTol = 1e-9

// readLines returns the lines of a file.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(data), "\n"), "\n")
}

// goldPartition reads the document ids of the set in dir (docs.jsonl) and
// its clusters (clusters.tsv); a document not in a cluster is alone.
func goldPartition(t *testing.T, dir string) (ids []string, gold map[string]string) {
	t.Helper()
	gold = map[string]string{}
	for _, line := range readLines(t, filepath.Join(dir, "docs.jsonl")) {
		var d struct{ ID string }
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
		gold[d.ID] = "alone:" + d.ID
	}
	for _, line := range readLines(t, filepath.Join(dir, "clusters.tsv"))[1:] {
		id, c, _ := strings.Cut(line, "\t")
		gold[id] = c
	}
	return ids, gold
}

// plainFigures computes, by looking at every pair and every document, the
// cluster figures of the partition pred against gold.
func plainFigures(ids []string, pred, gold map[string]string) map[string]float64 {
	n := len(ids)
	var p, g, both int
	for i := range ids {
		for j := i + 1; j < n; j++ {
			sp := pred[ids[i]] == pred[ids[j]]
			sg := gold[ids[i]] == gold[ids[j]]
			if sp {
				p++
			}
			if sg {
				g++
			}
			if sp && sg {
				both++
			}
		}
	}
	// B-cubed, document by document.
	var bp, br float64
	for _, d := range ids {
		var inPred, inGold, inBoth int
		for _, e := range ids {
			sp, sg := pred[e] == pred[d], gold[e] == gold[d]
			if sp {
				inPred++
			}
			if sg {
				inGold++
			}
			if sp && sg {
				inBoth++
			}
		}
		bp += float64(inBoth) / float64(inPred)
		br += float64(inBoth) / float64(inGold)
	}
	bp, br = bp/float64(n), br/float64(n)
	// ARI from the pair counts (Hubert and Arabie 1985).
	total := float64(n) * float64(n-1) / 2
	expected := float64(p) * float64(g) / total
	ari := (float64(both) - expected) / ((float64(p)+float64(g))/2 - expected)
	// Documents removed: in id order, the first document of each predicted
	// cluster is kept; a removed one is correct when an earlier document
	// of its predicted cluster is in its gold cluster.
	var removed, correct int
	goldClusters := map[string]bool{}
	for i, d := range ids {
		goldClusters[gold[d]] = true
		first, dup := true, false
		for _, e := range ids[:i] {
			if pred[e] == pred[d] {
				first = false
				if gold[e] == gold[d] {
					dup = true
				}
			}
		}
		if !first {
			removed++
			if dup {
				correct++
			}
		}
	}
	return map[string]float64{
		"closure_precision": float64(both) / float64(p), "closure_recall": float64(both) / float64(g),
		"closure_f1":       2 * float64(both) / float64(p+g),
		"bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": 2 * bp * br / (bp + br),
		"ari":                    ari,
		"docs_removed_precision": float64(correct) / float64(removed),
		"docs_removed_recall":    float64(correct) / float64(n-len(goldClusters)),
	}
}

// TestClustersRecomputed makes a clustered set with simbench gen, runs on
// it, and checks the cluster figures of summary.json against plainFigures
// of its clusters.csv, and clusters.csv against the closure of scores.csv.
// It then scores the run's own clusters.csv and scores.csv with simbench
// score, which must reproduce the run's figures exactly.
func TestClustersRecomputed(t *testing.T) {
	fixedEnv(t)
	dir := filepath.Join(t.TempDir(), "set")
	out := t.TempDir()
	do := func(args ...string) []byte {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("simbench %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return stdout.Bytes()
	}
	do("gen", "-docs", "200", "-clusters", "-seed", "3", dir)
	algos := []string{"jaccard:threshold=0.2", "simhash", "minhash-lsh"}
	args := []string{"run", "-gold", dir, "-timing=false", "-bootstrap", "0", "-out", out}
	for _, a := range algos {
		args = append(args, "-algo", a)
	}
	do(args...)
	folders, _ := filepath.Glob(filepath.Join(out, "*"))
	if len(folders) != 1 {
		t.Fatalf("%d results folders, want 1", len(folders))
	}
	res := folders[0]
	var sum struct {
		Gold struct{ Clusters int }
		Runs []map[string]any
	}
	data, err := os.ReadFile(filepath.Join(res, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatal(err)
	}

	ids, gold := goldPartition(t, dir)
	f, err := os.Open(filepath.Join(res, "clusters.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	pred := map[string]map[string]string{}
	for _, r := range rows[1:] {
		if pred[r[0]] == nil {
			pred[r[0]] = map[string]string{}
		}
		if _, dup := pred[r[0]][r[2]]; dup {
			t.Errorf("clusters.csv lists %s twice for %s", r[2], r[0])
		}
		pred[r[0]][r[2]] = r[3]
	}
	chained := false
	for i, alg := range algos {
		if got := len(pred[alg]); got != len(ids) {
			t.Errorf("%s: clusters.csv lists %d documents, want every one of %d", alg, got, len(ids))
		}
		want := plainFigures(ids, pred[alg], gold)
		for key, w := range want {
			g, ok := sum.Runs[i][key].(float64)
			if !ok || math.Abs(g-w) > clusterTol {
				t.Errorf("%s: %s = %v, recomputed from clusters.csv %v (±%g)", alg, key, sum.Runs[i][key], w, clusterTol)
			}
		}
		if sum.Runs[i]["closure_only_false"].(float64) > 0 {
			chained = true
		}
	}
	if !chained {
		t.Errorf("no algorithm chains two gold clusters through a near-miss: the set tests less than it should")
	}

	// simbench score on the run's own files reproduces its figures.
	for _, c := range []struct {
		file string
		keys []string
	}{
		{"scores.csv", []string{"precision", "recall", "f1", "average_precision", "best_f1", "tp", "fp", "fn", "tn"}},
		{"clusters.csv", []string{"closure_precision", "closure_recall", "bcubed_f1", "ari", "ami", "largest_cluster", "clusters",
			"docs_removed_precision", "docs_removed_recall"}},
	} {
		for i, alg := range algos {
			var s struct{ Runs []map[string]any }
			js := do("score", "-gold", dir, "-timing=false", "-bootstrap", "0", "-out", "", "-format", "json",
				"-algorithm", alg, "-threshold", thresholdOf(t, sum.Runs[i]), filepath.Join(res, c.file))
			if err := json.Unmarshal(js, &s); err != nil {
				t.Fatal(err)
			}
			for _, k := range c.keys {
				if s.Runs[0][k] != sum.Runs[i][k] {
					t.Errorf("score %s of %s: %s = %v, the run %v", c.file, alg, k, s.Runs[0][k], sum.Runs[i][k])
				}
			}
		}
	}
}

// thresholdOf returns a run's threshold as written in summary.json.
func thresholdOf(t *testing.T, run map[string]any) string {
	t.Helper()
	v, ok := run["threshold"].(float64)
	if !ok {
		t.Fatalf("threshold %v", run["threshold"])
	}
	b, _ := json.Marshal(v)
	return string(b)
}

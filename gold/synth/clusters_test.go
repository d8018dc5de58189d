package synth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/gold"
)

// Similarity bounds of a clustered corpus, from its construction (see the
// package documentation, "The clustered corpus").
const (
	// A near-miss X of A (share f of its words) and B has about f·wA of
	// A's word 5-grams among the wA + (1−f)·wB of their union: with f in
	// [0.42, 0.58] and wA, wB in [200, 280], J(X, A) and J(X, B) lie in
	// [84/362.4, 162.4/364] ≈ [0.232, 0.446]. The four 5-grams across the
	// splice and the four at each end of a part move it by at most
	// 8/360 ≈ 0.02 either way.
	missJaccardMin, missJaccardMax = 0.21, 0.47
	// Two copies of one original each keep a 5-gram with probability at
	// least 0.92^5 ≈ 0.66, both with 0.44: J ≈ 0.44/1.56 ≈ 0.28 at worst on
	// average; 0.12 leaves room for the spread of the rate and of a
	// 240-word document (the smallest measured on 1,000 documents of
	// seeds 1 and 2 is 0.16).
	copyCopyJaccardMin = 0.12
)

// corpus returns the texts of the corpus o and its generator, run to the
// end.
func corpus(t testing.TB, o Options) ([]string, *Generator) {
	t.Helper()
	g, err := NewGenerator(o)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for {
		i, b, ok := g.Next()
		if !ok {
			break
		}
		if i != len(texts) {
			t.Fatalf("Next returned document %d, want %d", i, len(texts))
		}
		texts = append(texts, string(b))
	}
	return texts, g
}

func TestClusterSizeProb(t *testing.T) {
	sum := 0.0
	for s := 0; s <= MaxClusterSize+1; s++ {
		sum += ClusterSizeProb(s)
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("the cluster-size probabilities sum to %v, want 1", sum)
	}
	for _, tc := range []struct {
		s    int
		want float64
	}{
		{0, 0},
		{1, 0.6},
		// 0.4·0.2/(1 − 0.8^19), 0.8^19 = 0.0144115188…
		{2, 0.08 / (1 - 0.0144115188)},
		{3, 0.08 * 0.8 / (1 - 0.0144115188)},
		{20, 0.08 * 0.0180143985 / (1 - 0.0144115188)}, // 0.8^18
		{21, 0},
	} {
		if got := ClusterSizeProb(tc.s); math.Abs(got-tc.want) > 1e-8 {
			t.Errorf("ClusterSizeProb(%d) = %.8f, want %.8f", tc.s, got, tc.want)
		}
	}
}

// TestClusterSizes checks the clusters of a large corpus, drawn without
// making its documents, against the law of ClusterSizeProb: the number of
// clusters of each size is within 4 binomial standard deviations of its
// expectation, plus one for the last cluster, cut to fit. The seed is
// fixed, so the test is deterministic; 4σ would fail by chance about once in
// 16,000 draws of a size.
func TestClusterSizes(t *testing.T) {
	for _, docs := range []int{2000, 200000} {
		t.Run(fmt.Sprint(docs), func(t *testing.T) {
			g, err := NewGenerator(Options{Docs: docs, Seed: 1, Clusters: true})
			if err != nil {
				t.Fatal(err)
			}
			nMiss := NumNearMisses(docs)
			if got := len(g.NearMisses()); got != nMiss {
				t.Errorf("%d near-misses, want %d", got, nMiss)
			}
			count := make([]int, MaxClusterSize+1)
			total := 0
			for c := range g.NumOriginals() {
				s := g.ClusterSize(c)
				if s < 1 || s > MaxClusterSize {
					t.Fatalf("cluster %d has %d documents, want 1 to %d", c, s, MaxClusterSize)
				}
				count[s]++
				total += s
			}
			if total+nMiss != docs {
				t.Errorf("the clusters hold %d documents and there are %d near-misses, want %d in all", total, nMiss, docs)
			}
			n := float64(g.NumOriginals())
			for s := 1; s <= MaxClusterSize; s++ {
				p := ClusterSizeProb(s)
				want := n * p
				tol := 4*math.Sqrt(n*p*(1-p)) + 1
				if math.Abs(float64(count[s])-want) > tol {
					t.Errorf("%d clusters of %d, want %.1f ± %.1f", count[s], s, want, tol)
				}
			}
			t.Logf("%d documents: %d clusters, %d of 2 or more, %d near-misses, %d positive pairs; clusters by size 1…20: %v",
				docs, g.NumOriginals(), g.NumOriginals()-count[1], nMiss, g.NumPositive(), count[1:])
		})
	}
}

// TestClusteredSimilarity makes a clustered corpus and compares every pair
// of its documents by brute force, with the exact Jaccard similarity of
// their word 5-grams: a copy and its original are above nearJaccardMin, two
// copies of one original above copyCopyJaccardMin, a near-miss and each of
// the two originals it splices within [missJaccardMin, missJaccardMax], and
// every pair with no original in common (the unrelated pairs) below
// chanceJaccardMax, so that the set is honestly exhaustive. The pairs of a
// near-miss with the copies of its originals, and of two near-misses
// sharing an original, are negatives too, but moderately similar by design;
// -v prints their range.
func TestClusteredSimilarity(t *testing.T) {
	docs := 1000
	if testing.Short() {
		docs = 300
	}
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			texts, g := corpus(t, Options{Docs: docs, Seed: seed, Clusters: true})
			sh, err := text.NewShingler(text.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			sets := make([][]uint64, len(texts))
			for i, d := range texts {
				sets[i] = sh.Append(nil, d)
			}
			// sources[i] are the originals document i is made of.
			sources := make([][]int, len(texts))
			for i := range texts {
				sources[i] = []int{g.Cluster(i)}
			}
			misses := g.NearMisses()
			for _, m := range misses {
				sources[m.N] = []int{m.A, m.B}
			}
			type kind int
			const (
				copyOrig kind = iota
				copyCopy
				missOrig
				missRelated
				unrelated
				numKinds
			)
			names := [numKinds]string{"copy–original", "copy–copy", "near-miss–its original", "near-miss–other related", "unrelated"}
			lo := [numKinds]float64{nearJaccardMin, copyCopyJaccardMin, missJaccardMin, 0, 0}
			hi := [numKinds]float64{1, 1, missJaccardMax, 1, chanceJaccardMax}
			var minJ, maxJ [numKinds]float64
			var n, shared [numKinds]int
			for k := range minJ {
				minJ[k] = 1
			}
			var jac jaccard.Jaccard
			for a := range sets {
				for b := a + 1; b < len(sets); b++ {
					var k kind
					ca, cb := g.Cluster(a), g.Cluster(b)
					_, aMiss := sourcesOfMiss(sources, a, ca)
					_, bMiss := sourcesOfMiss(sources, b, cb)
					switch {
					case !aMiss && !bMiss && ca == cb && (a == ca || b == cb):
						k = copyOrig
					case !aMiss && !bMiss && ca == cb:
						k = copyCopy
					case aMiss != bMiss && shares(sources[a], sources[b]) && (a < g.NumOriginals() || b < g.NumOriginals()):
						k = missOrig
					case shares(sources[a], sources[b]):
						k = missRelated
					default:
						k = unrelated
					}
					j := jac.Similarity(sets[a], sets[b])
					n[k]++
					if j > 0 {
						shared[k]++
					}
					minJ[k], maxJ[k] = min(minJ[k], j), max(maxJ[k], j)
					if j < lo[k] || j > hi[k] {
						t.Errorf("%s pair (%d, %d): Jaccard %.4f, want %v to %v", names[k], a, b, j, lo[k], hi[k])
					}
				}
			}
			if want := 2 * len(misses); n[missOrig] != want {
				t.Errorf("%d near-miss–original pairs, want %d", n[missOrig], want)
			}
			if n[copyOrig]+n[copyCopy] != g.NumPositive() {
				t.Errorf("%d pairs in one cluster, want NumPositive() = %d", n[copyOrig]+n[copyCopy], g.NumPositive())
			}
			for k := range numKinds {
				t.Logf("%d documents, seed %d: %6d %-23s pairs (%6d sharing a 5-gram), Jaccard %.4f to %.4f",
					docs, seed, n[k], names[k], shared[k], minJ[k], maxJ[k])
			}
		})
	}
}

// sourcesOfMiss reports whether document i, of cluster c, is a near-miss.
func sourcesOfMiss(sources [][]int, i, c int) ([]int, bool) {
	return sources[i], c == i && len(sources[i]) == 2
}

// shares reports whether a and b have an element in common.
func shares(a, b []int) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func TestSplice(t *testing.T) {
	const d, p = codeDanda, codeParagraph
	a := []uint16{1, 2, 3, d, 4, 5, d, p}  // 5 words
	b := []uint16{11, 12, d, 13, 14, d, p} // 4 words
	for _, tc := range []struct {
		f    float64
		want []uint16
	}{
		{0.5, []uint16{1, 2, 3, 13, 14, d, p}},   // 2.5 → 3 words of a; b from word 2
		{0.42, []uint16{1, 2, 13, 14, d, p}},     // 2.1 → 2; 1.68 → b from word 2
		{0.58, []uint16{1, 2, 3, 13, 14, d, p}},  // 2.9 → 3; 2.32 → 2
		{0.8, []uint16{1, 2, 3, d, 4, 14, d, p}}, // 4; 3.2 → 3
	} {
		if got := splice(nil, a, b, tc.f); !slices.Equal(got, tc.want) {
			t.Errorf("splice(f = %v) = %v, want %v", tc.f, got, tc.want)
		}
	}
}

// TestClusteredDeterministic checks that a seed gives one clustered corpus
// whatever GOMAXPROCS, and another seed another.
func TestClusteredDeterministic(t *testing.T) {
	hash := func(seed uint64, procs int) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		texts, g := corpus(t, Options{Docs: 400, Seed: seed, Clusters: true})
		h := sha256.New()
		for _, d := range texts {
			h.Write([]byte(d))
			h.Write([]byte{0})
		}
		fmt.Fprint(h, g.Pairs(), g.NearMisses())
		return hex.EncodeToString(h.Sum(nil))
	}
	a, b, c := hash(7, 1), hash(7, 8), hash(8, 1)
	if a != b {
		t.Errorf("seed 7 with GOMAXPROCS 1 and 8: the corpora differ")
	}
	if a == c {
		t.Errorf("seeds 7 and 8 give the same corpus")
	}
}

// TestUnclusteredUnchanged pins the files of a corpus that is not
// clustered, as written before the clustered corpus was added: the option
// must not change them by a byte.
func TestUnclusteredUnchanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "set")
	writeDir(t, dir, Options{Docs: 1000, Seed: 1})
	for _, tc := range []struct{ name, want string }{
		{"docs.jsonl", "52de202bfc96c07333c2c0f452320c54285f1f399a3f9cbc789e44e997d2bb92"},
		{"gold.json", "a7c3a2add8a28183484a5a043d19301f2224eb2249527ec35219106d76eb7f16"},
		{"pairs.tsv", "942f91fbf33db273e44c8c14f9088f5d637c1d12abede4913c27bb74683396f4"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, tc.name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != tc.want {
			t.Errorf("sha256 of %s = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestClusteredWriteDirLoads writes a clustered set and loads it: the
// documents are the generator's, the labelled pairs are its clusters' pairs,
// all positive, and the set is exhaustive.
func TestClusteredWriteDirLoads(t *testing.T) {
	o := Options{Docs: 500, Seed: 3, Clusters: true}
	dir := filepath.Join(t.TempDir(), "set")
	writeDir(t, dir, o)
	if got, want := entries(t, filepath.Dir(dir)), []string{"set"}; !slices.Equal(got, want) {
		t.Errorf("the parent holds %q, want %q", got, want)
	}
	s := loadSet(t, dir, "clusters.tsv", "docs.jsonl", "gold.json")
	m := s.Manifest
	if m.Name != "synth-clusters-500" || !m.Exhaustive || !slices.Equal(m.Positive, []string{Positive}) ||
		m.Source != "generated by simbench gen -docs 500 -clusters -seed 3" {
		t.Errorf("manifest %+v, want synth-clusters-500, exhaustive, near-duplicate, from simbench gen -docs 500 -clusters -seed 3", m)
	}
	if want := Manifest(o); !slices.Equal([]string{m.Description}, []string{want.Description}) {
		t.Errorf("description %q, want Manifest's %q", m.Description, want.Description)
	}
	texts, g := corpus(t, o)
	if len(s.Docs) != len(texts) {
		t.Fatalf("loaded %d documents, want %d", len(s.Docs), len(texts))
	}
	for i, text := range texts {
		if d := s.Docs[i]; d.ID != g.ID(i) || d.Text != text {
			t.Errorf("document %d loads as %q %.40q…, want %q %.40q…", i, d.ID, d.Text, g.ID(i), text)
		}
	}
	var want []gold.Pair
	for _, p := range g.Pairs() {
		want = append(want, gold.Pair{A: p.A, B: p.B, Label: Positive})
	}
	if !slices.Equal(s.Pairs, want) {
		t.Errorf("loaded %d pairs, want the %d of the clusters", len(s.Pairs), len(want))
	}
	if got := s.NumPositive(); got != g.NumPositive() || got == 0 {
		t.Errorf("NumPositive() = %d, want %d", got, g.NumPositive())
	}
	// A near-miss is in no labelled pair.
	for _, p := range s.Pairs {
		for _, nm := range g.NearMisses() {
			if p.A == nm.N || p.B == nm.N {
				t.Errorf("near-miss %d labelled in pair %v", nm.N, p)
			}
		}
	}
	// Written twice, the set is the same, byte for byte.
	dir2 := filepath.Join(t.TempDir(), "set")
	writeDir(t, dir2, o)
	for _, name := range []string{"gold.json", "docs.jsonl", "clusters.tsv"} {
		a, err1 := os.ReadFile(filepath.Join(dir, name))
		b, err2 := os.ReadFile(filepath.Join(dir2, name))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs (%v, %v)", name, err1, err2)
		}
	}
}

func TestClusteredMinDocs(t *testing.T) {
	for _, tc := range []struct {
		docs int
		ok   bool
	}{
		{MinDocs, false},
		{MinClusterDocs - 1, false},
		{MinClusterDocs, true},
	} {
		_, err := NewGenerator(Options{Docs: tc.docs, Seed: 1, Clusters: true})
		if got := err == nil; got != tc.ok {
			t.Errorf("NewGenerator(%d documents, clustered): error %v, want ok %v", tc.docs, err, tc.ok)
		}
		err = WriteDir(context.Background(), filepath.Join(t.TempDir(), "set"), Options{Docs: tc.docs, Seed: 1, Clusters: true}, nil)
		if got := err == nil; got != tc.ok {
			t.Errorf("WriteDir(%d documents, clustered): error %v, want ok %v", tc.docs, err, tc.ok)
		}
	}
}

package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
)

func TestAlias(t *testing.T) {
	zipf := make([]float64, 1000)
	for k := range zipf {
		zipf[k] = 1 / float64(k+1)
	}
	for _, tc := range []struct {
		name string
		w    []float64
	}{
		{"one", []float64{3}},
		{"uniform", []float64{1, 1, 1, 1}},
		{"skewed", []float64{0.1, 5, 0.2, 2, 1e-9}},
		{"zipf", zipf},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newAlias(tc.w)
			// The probability of k implied by the table: column k kept,
			// plus every column that falls through to k, each column
			// drawn with probability 1/n.
			n := float64(len(tc.w))
			got := make([]float64, len(tc.w))
			for k := range tc.w {
				got[k] += a.prob[k] / n
				got[a.alias[k]] += (1 - a.prob[k]) / n
			}
			sum := 0.0
			for _, x := range tc.w {
				sum += x
			}
			for k, x := range tc.w {
				// 1e-12: the rounding of the n subtractions of Vose's
				// method, each within 1e-16 relative, over n ≤ 1000.
				if want := x / sum; math.Abs(got[k]-want) > 1e-12 {
					t.Errorf("P(%d) = %.15g, want %.15g", k, got[k], want)
				}
			}
		})
	}
}

func TestGeometricSizeProb(t *testing.T) {
	sum := 0.0
	for s := 0; s <= 60; s++ {
		sum += GeometricSizeProb(s)
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("the probabilities sum to %v, want 1", sum)
	}
	for _, tc := range []struct {
		s    int
		want float64
	}{{0, 0}, {1, 0}, {2, 0.5}, {3, 0.25}, {4, 0.125}, {10, 1.0 / 512}} {
		if got := GeometricSizeProb(tc.s); got != tc.want {
			t.Errorf("GeometricSizeProb(%d) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestDefaultBoilerplate(t *testing.T) {
	for _, tc := range []struct{ docs, want int }{
		{100, 2}, {999, 2}, {1000, 2}, {2000, 4}, {1000000, 2000}, {2896500, 5793}, {1 << 30, 5793},
	} {
		if got := DefaultBoilerplate(tc.docs); got != tc.want {
			t.Errorf("DefaultBoilerplate(%d) = %d, want %d", tc.docs, got, tc.want)
		}
	}
	// The cap is the largest cluster within 2^24 pairs.
	pairs := func(m int) int { return m * (m - 1) / 2 }
	if pairs(MaxDefaultBoilerplate) > 1<<24 || pairs(MaxDefaultBoilerplate+1) <= 1<<24 {
		t.Errorf("a cluster of %d has %d pairs and one of %d has %d: want the last within 2^24 = %d",
			MaxDefaultBoilerplate, pairs(MaxDefaultBoilerplate), MaxDefaultBoilerplate+1, pairs(MaxDefaultBoilerplate+1), 1<<24)
	}
}

// TestClusterSizesFill checks that the near-duplicate clusters hold
// exactly the documents they are given, every one of at least 2.
func TestClusterSizesFill(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for docs := range 200 {
		for range 20 {
			sizes := clusterSizes(r, docs)
			sum := 0
			for _, s := range sizes {
				if s < 2 {
					t.Fatalf("clusterSizes(%d) = %v: a cluster of %d", docs, sizes, s)
				}
				sum += int(s)
			}
			want := docs
			if docs == 1 {
				want = 0 // one document makes no cluster
			}
			if sum != want {
				t.Fatalf("clusterSizes(%d) = %v: %d documents, want %d", docs, sizes, sum, want)
			}
		}
	}
}

// members returns the documents of each cluster of g of 2 or more, by
// grouping the documents on Cluster, keyed by the cluster's first document.
func members(g *Generator) map[int][]int {
	m := map[int][]int{}
	for i := range g.Len() {
		m[g.Cluster(i)] = append(m[g.Cluster(i)], i)
	}
	for c, ds := range m {
		if len(ds) < 2 {
			delete(m, c)
		}
	}
	return m
}

// TestRealisticClusterSizes checks the sizes of the near-duplicate clusters
// of a realistic corpus of 300,000 documents against the geometric law
// P(s) = 2^−(s−1) by a chi-square test, and that they hold a tenth of the
// documents and the boilerplate cluster the rest of the clustered ones.
func TestRealisticClusterSizes(t *testing.T) {
	const docs, boiler = 300000, 600
	g, err := NewGenerator(Options{Docs: docs, Seed: 1, Realistic: true, Boilerplate: boiler})
	if err != nil {
		t.Fatal(err)
	}
	const maxBin = 8 // sizes 2…7, and 8 or more pooled
	count := make([]int, maxBin+1)
	clustered, piles, k := 0, 0, 0
	for c, ds := range members(g) {
		if c != ds[0] {
			t.Errorf("cluster %d: its first document is %d", c, ds[0])
		}
		if g.ClusterSize(c) != len(ds) {
			t.Errorf("ClusterSize(%d) = %d, want %d", c, g.ClusterSize(c), len(ds))
		}
		if len(ds) == boiler {
			piles++
			continue
		}
		clustered += len(ds)
		count[min(len(ds), maxBin)]++
		k++
	}
	if piles != 1 {
		t.Errorf("%d clusters of %d documents, want the one boilerplate cluster", piles, boiler)
	}
	if want := docs / 10; clustered != want {
		t.Errorf("%d documents in near-duplicate clusters, want %d", clustered, want)
	}
	// The chi-square statistic over the bins 2…7 and ≥ 8, each expected
	// above 5·… clusters; the last cluster drawn, cut to fit, moves it by
	// less than 1. With 6 degrees of freedom, P(χ² > 22.46) = 0.001.
	chi2 := 0.0
	tail := 1.0
	for s := 2; s <= maxBin; s++ {
		p := math.Pow(0.5, float64(s-1))
		if s == maxBin {
			p = tail
		}
		tail -= p
		want := float64(k) * p
		chi2 += (float64(count[s]) - want) * (float64(count[s]) - want) / want
	}
	if chi2 > 22.46 {
		t.Errorf("chi-square %.2f over %d clusters with counts %v for sizes 2…7, ≥8: not geometric with ratio 1/2 (P < 0.001)", chi2, k, count[2:])
	}
	t.Logf("%d clusters, counts %v for sizes 2…7, ≥8; chi-square %.2f", k, count[2:], chi2)
}

// TestRealisticZipf counts the words of a realistic corpus of 3,000
// documents without boilerplate and fits the slope of log frequency
// against log rank, ranks as the generator's vocabulary orders them.
func TestRealisticZipf(t *testing.T) {
	o := Options{Docs: 3000, Seed: 2, Realistic: true}
	texts, _ := corpus(t, o)
	freq := map[string]float64{}
	for _, d := range texts {
		for _, w := range strings.Fields(d) {
			if w != "।" {
				freq[w]++
			}
		}
	}
	vocab, err := realisticVocabulary(rand.New(rand.NewPCG(seedKey(o.Seed, keyStructure, 0))))
	if err != nil {
		t.Fatal(err)
	}
	// The commonest words are the function words, in order.
	byCount := slices.Collect(func(yield func(string) bool) {
		for w := range freq {
			if !yield(w) {
				return
			}
		}
	})
	slices.SortFunc(byCount, func(a, b string) int { return int(freq[b] - freq[a]) })
	if got, want := byCount[:5], functionWords[:5]; !slices.Equal(got, want[:]) {
		t.Errorf("the five commonest words are %q, want %q", got, want)
	}

	// Weighted least squares of y = log count on x = log rank over the
	// ranks 1…300 (each word seen about 200 times or more), weight the
	// count: a Poisson count c has Var(log c) ≈ 1/c.
	const ranks = 300
	var sw, sx, sy, sxx, sxy float64
	for k := range ranks {
		c := freq[vocab[k]]
		x, y := math.Log(float64(k+1)), math.Log(c)
		sw += c
		sx += c * x
		sy += c * y
		sxx += c * x * x
		sxy += c * x * y
	}
	sxxc := sxx - sx*sx/sw
	slope := (sxy - sx*sy/sw) / sxxc
	// The slope's standard error is 1/√(Σ c·(x − x̄)²) for independent
	// Poisson counts; the copies of the near-duplicate clusters (a tenth
	// of the documents, 3 a cluster on average, E[s²]/E[s] = 11/3) repeat
	// words, which multiplies the variance by about 1 + 0.1·(11/3 − 1) ≈
	// 1.27. Five such errors.
	tol := 5 * math.Sqrt(1.27/sxxc)
	if math.Abs(slope+1) > tol {
		t.Errorf("rank-frequency slope %.4f over ranks 1…%d, want −1 ± %.4f", slope, ranks, tol)
	}
	t.Logf("slope %.4f ± %.4f (5 standard errors); commonest %q", slope, tol, byCount[:12])
}

// TestShapedDeterministic pins the files of a small realistic corpus and
// of an identical-copies corpus, and checks that GOMAXPROCS and the seed
// do, and do not, change them.
func TestShapedDeterministic(t *testing.T) {
	hash := func(o Options, procs int) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		dir := filepath.Join(t.TempDir(), "set")
		writeDir(t, dir, o)
		h := sha256.New()
		for _, name := range []string{"gold.json", "docs.jsonl", "clusters.tsv"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			h.Write(b)
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{Docs: 500, Seed: 7, Realistic: true, Boilerplate: 5}, "ef1f8b09411a9ad2983e0afd202279fa0aa5cfe4597713b1255ffebba5d99279"},
		{Options{Docs: 300, Seed: 7, Copies: 40}, "ea2ec89f4d331342e0045bbbc6ab72edd0846c63e5ac3a5f5ceba89bba23c692"},
	} {
		a, b := hash(tc.o, 1), hash(tc.o, 8)
		o := tc.o
		o.Seed++
		c := hash(o, 1)
		if a != b {
			t.Errorf("%+v with GOMAXPROCS 1 and 8: the sets differ", tc.o)
		}
		if a == c {
			t.Errorf("%+v: seeds 7 and 8 give the same set", tc.o)
		}
		if a != tc.want {
			t.Errorf("%+v: sha256 of the files %s, want %s", tc.o, a, tc.want)
		}
	}
}

// TestShapedWriteDirLoads writes a realistic set and an identical-copies
// set and loads them: the documents are the generator's, the labelled
// pairs its clusters' pairs; the boilerplate copies differ from each other
// only in their date and counter, and the identical copies not at all.
func TestShapedWriteDirLoads(t *testing.T) {
	for _, tc := range []struct {
		o      Options
		name   string
		source string
	}{
		{Options{Docs: 600, Seed: 3, Realistic: true, Boilerplate: 30}, "synth-realistic-600", "generated by simbench gen -docs 600 -realistic -boilerplate 30 -seed 3"},
		{Options{Docs: 400, Seed: 3, Copies: 50}, "synth-copies-400", "generated by simbench gen -docs 400 -copies 50 -seed 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "set")
			writeDir(t, dir, tc.o)
			s := loadSet(t, dir, "clusters.tsv", "docs.jsonl", "gold.json")
			m := s.Manifest
			if m.Name != tc.name || !m.Exhaustive || m.Source != tc.source || m.Description != Manifest(tc.o).Description {
				t.Errorf("manifest %+v, want %s, exhaustive, from %q, Manifest's description", m, tc.name, tc.source)
			}
			texts, g := corpus(t, tc.o)
			for i, text := range texts {
				if d := s.Docs[i]; d.ID != g.ID(i) || d.Text != text {
					t.Errorf("document %d loads as %q %.40q…, want %q %.40q…", i, d.ID, d.Text, g.ID(i), text)
				}
			}
			var want []gold.Pair
			for _, p := range g.Pairs() {
				want = append(want, gold.Pair{A: p.A, B: p.B, Label: Positive})
			}
			if !slices.Equal(s.Pairs, want) || len(want) != g.NumPositive() {
				t.Errorf("loaded %d pairs, want the %d of the clusters (NumPositive %d)", len(s.Pairs), len(want), g.NumPositive())
			}

			// The pile: the one cluster of Boilerplate or Copies documents.
			size := tc.o.Boilerplate + tc.o.Copies
			var pile []int
			for _, ds := range members(g) {
				if len(ds) == size {
					pile = ds
				}
			}
			if pile == nil {
				t.Fatalf("no cluster of %d documents", size)
			}
			ref := strings.Fields(texts[pile[0]])
			for _, d := range pile[1:] {
				ws := strings.Fields(texts[d])
				if len(ws) != len(ref) {
					t.Fatalf("copies %d and %d have %d and %d words", pile[0], d, len(ref), len(ws))
				}
				var diff []int
				for k := range ws {
					if ws[k] != ref[k] {
						diff = append(diff, k)
					}
				}
				if tc.o.Copies > 0 {
					if texts[d] != texts[pile[0]] {
						t.Errorf("copies %d and %d differ", pile[0], d)
					}
					continue
				}
				// Day, month and year are the first three words, the
				// counter the last but the danda.
				for _, k := range diff {
					if k > 2 && k != len(ws)-2 {
						t.Errorf("boilerplate copies %d and %d differ in words %v, want only in 0, 1, 2 and %d", pile[0], d, diff, len(ws)-2)
						break
					}
				}
			}
			// Every other document is distinct from every other.
			seen := map[string]int{}
			for i, text := range texts {
				if slices.Contains(pile, i) {
					continue
				}
				if j, dup := seen[text]; dup && g.Cluster(i) != g.Cluster(j) {
					t.Errorf("documents %d and %d, in different clusters, are the same", j, i)
				}
				seen[text] = i
			}
		})
	}
}

func TestShapedOptions(t *testing.T) {
	for _, tc := range []struct {
		o  Options
		ok bool
	}{
		{Options{Docs: MinRealisticDocs, Realistic: true}, true},
		{Options{Docs: MinRealisticDocs - 1, Realistic: true}, false},
		{Options{Docs: 1000, Realistic: true, Boilerplate: 2}, true},
		{Options{Docs: 1000, Realistic: true, Boilerplate: 1}, false},
		{Options{Docs: 1000, Realistic: true, Boilerplate: -1}, false},
		{Options{Docs: 1000, Realistic: true, Boilerplate: 900}, true},
		{Options{Docs: 1000, Realistic: true, Boilerplate: 901}, false},
		{Options{Docs: 1000, Boilerplate: 2}, false},
		{Options{Docs: 1000, Realistic: true, Clusters: true}, false},
		{Options{Docs: 1000, Copies: 1000}, true},
		{Options{Docs: 1000, Copies: 1001}, false},
		{Options{Docs: 1000, Copies: 1}, false},
		{Options{Docs: 1000, Copies: 2, Realistic: true}, false},
		{Options{Docs: 1000, Copies: 2, Clusters: true}, false},
	} {
		_, err := NewGenerator(tc.o)
		if got := err == nil; got != tc.ok {
			t.Errorf("NewGenerator(%+v): error %v, want ok %v", tc.o, err, tc.ok)
		}
	}
}

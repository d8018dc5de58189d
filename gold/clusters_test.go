package gold

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// randomClusterSet is a gold set of random documents, clusters.tsv and
// pairs.tsv, with what a brute force says Load must make of it.
type randomClusterSet struct {
	fsys fstest.MapFS
	// pairs is every pair of documents (by sorted id) that pairs.tsv or a
	// cluster labels, in the order (i, j) for i < j, as Set.Pairs.
	pairs []Pair
	// clusters is the cluster of each document (by sorted id), numbered in
	// the order of first appearance in clusters.tsv, or -1.
	clusters []int32
	// errs are the conflicts between pairs.tsv and the clusters, in the
	// order a walk over the pairs of each cluster finds them.
	errs []string
}

// newRandomClusterSet makes a set of up to maxDocs documents. With
// conflicts, pairs.tsv may give a negative label to a pair in a cluster.
func newRandomClusterSet(rng *rand.Rand, maxDocs int, conflicts bool) randomClusterSet {
	// Ids of different lengths, so that byte order is not the order of
	// creation: "b" < "ba" < "c".
	seen := map[string]bool{}
	var ids []string
	for n := 1 + rng.IntN(maxDocs); len(ids) < n; {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteByte("abcdefgh"[rng.IntN(8)])
		}
		if id := b.String(); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	var jsonl strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&jsonl, "{\"id\": %q, \"text\": \"text of %s\"}\n", id, id)
	}

	// clusters.tsv, its documents in a random order; about one in four is
	// in no cluster.
	sorted := slices.Sorted(slices.Values(ids))
	pos := map[string]int{} // id -> index in sorted
	for i, id := range sorted {
		pos[id] = i
	}
	names := []string{"x", "y", "zz", "w"}[:1+rng.IntN(4)]
	cluster := make([]string, len(sorted)) // by sorted index; "" for none
	line := make([]int, len(sorted))       // the line of clusters.tsv listing it
	var order []string                     // cluster names by first appearance
	var ctsv strings.Builder
	ctsv.WriteString("id\tcluster\n")
	n := 1
	for _, k := range rng.Perm(len(ids)) {
		if rng.IntN(4) == 0 {
			continue
		}
		if rng.IntN(5) == 0 {
			ctsv.WriteString("# a comment\n\n")
			n += 2
		}
		id, c := ids[k], names[rng.IntN(len(names))]
		n++
		fmt.Fprintf(&ctsv, "%s\t%s\n", id, c)
		cluster[pos[id]], line[pos[id]] = c, n
		if !slices.Contains(order, c) {
			order = append(order, c)
		}
	}

	// pairs.tsv: random pairs with random labels, some repeated with the
	// same label (a warning), in either order.
	type labelled struct {
		label string
		line  int
	}
	explicit := map[[2]int]labelled{}
	var ptsv strings.Builder
	ptsv.WriteString("a\tb\tlabel\n")
	n = 1
	for range rng.IntN(2 * len(ids)) {
		i, j := rng.IntN(len(sorted)), rng.IntN(len(sorted))
		if i == j {
			continue
		}
		key := [2]int{min(i, j), max(i, j)}
		label := []string{"dup", "cut", "non"}[rng.IntN(3)]
		if prev, ok := explicit[key]; ok {
			label = prev.label
		}
		if label == "non" && cluster[i] != "" && cluster[i] == cluster[j] && !conflicts {
			continue
		}
		n++
		fmt.Fprintf(&ptsv, "%s\t%s\t%s\n", sorted[i], sorted[j], label)
		if _, ok := explicit[key]; !ok {
			explicit[key] = labelled{label, n}
		}
	}

	var s randomClusterSet
	for i := range sorted {
		s.clusters = append(s.clusters, int32(slices.Index(order, cluster[i])))
		for j := i + 1; j < len(sorted); j++ {
			if e, ok := explicit[[2]int{i, j}]; ok {
				s.pairs = append(s.pairs, Pair{A: i, B: j, Label: e.label})
			} else if cluster[i] != "" && cluster[i] == cluster[j] {
				s.pairs = append(s.pairs, Pair{A: i, B: j, Label: "dup"})
			}
		}
	}
	for _, c := range order {
		var members []int // by line
		for i := range sorted {
			if cluster[i] == c {
				members = append(members, i)
			}
		}
		slices.SortFunc(members, func(a, b int) int { return line[a] - line[b] })
		for x, m := range members {
			for _, o := range members[x+1:] {
				e, ok := explicit[[2]int{min(m, o), max(m, o)}]
				if ok && e.label == "non" {
					s.errs = append(s.errs, fmt.Sprintf("pairs.tsv:%d: pair %s %s labelled %q, a negative label, but clusters.tsv:%d and clusters.tsv:%d put both in cluster %q",
						e.line, sorted[min(m, o)], sorted[max(m, o)], e.label, line[m], line[o], c))
				}
			}
		}
	}
	s.fsys = fstest.MapFS{
		"gold.json":    {Data: []byte(manifestWithPositive(`"dup", "cut"`))},
		"docs.jsonl":   {Data: []byte(jsonl.String())},
		"clusters.tsv": {Data: []byte(ctsv.String())},
		"pairs.tsv":    {Data: []byte(ptsv.String())},
	}
	if len(s.pairs) == 0 && len(s.errs) == 0 {
		s.errs = []string{"pairs.tsv: no labelled pairs"}
	}
	return s
}

// manifestWithPositive is testManifest with the given positive labels.
func manifestWithPositive(labels string) string {
	return strings.Replace(testManifest, `"positive": ["dup"]`, `"positive": [`+labels+`]`, 1)
}

// TestClusterPairsRandom loads random sets of clusters.tsv and pairs.tsv and
// compares the Set with a brute force over every pair of documents: the
// pairs, the cluster membership, the counts, and the errors of pairs.tsv
// labelling negative a pair inside a cluster, in order.
func TestClusterPairsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	for trial := range 400 {
		maxDocs := 12
		if trial%50 == 0 {
			maxDocs = 300
		}
		want := newRandomClusterSet(rng, maxDocs, trial%2 == 1)
		s, err := Load(want.fsys, ".")
		if len(want.errs) > 0 {
			if got := errorStrings(err); !slices.Equal(got, want.errs) {
				t.Fatalf("trial %d: Load errors:\n%s\nwant:\n%s\nclusters.tsv:\n%s\npairs.tsv:\n%s", trial,
					strings.Join(got, "\n"), strings.Join(want.errs, "\n"), want.fsys["clusters.tsv"].Data, want.fsys["pairs.tsv"].Data)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: Load: %v", trial, err)
		}
		if !slices.Equal(s.Pairs, want.pairs) {
			t.Fatalf("trial %d: Pairs = %v, want %v\nclusters.tsv:\n%s\npairs.tsv:\n%s", trial, s.Pairs, want.pairs,
				want.fsys["clusters.tsv"].Data, want.fsys["pairs.tsv"].Data)
		}
		if !slices.Equal(s.Clusters, want.clusters) {
			t.Errorf("trial %d: Clusters = %v, want %v", trial, s.Clusters, want.clusters)
		}
		if s.ClusterPairsOmitted {
			t.Errorf("trial %d: ClusterPairsOmitted is true", trial)
		}
		checkSet(t, s)

		// Without the cluster pairs: the same membership, the pairs of
		// pairs.tsv only, and the same counts and labels.
		o, err := LoadOptions{NoClusterPairs: true}.Load(want.fsys, ".")
		if err != nil {
			t.Fatalf("trial %d: Load with NoClusterPairs: %v", trial, err)
		}
		if !slices.Equal(o.Clusters, want.clusters) || !o.ClusterPairsOmitted {
			t.Errorf("trial %d: NoClusterPairs: Clusters = %v, ClusterPairsOmitted = %v, want %v, true", trial, o.Clusters, o.ClusterPairsOmitted, want.clusters)
		}
		if got, want := o.NumPairs(), int64(len(want.pairs)); got != want {
			t.Errorf("trial %d: NoClusterPairs: NumPairs() = %d, want %d", trial, got, want)
		}
		if got, want := o.NumPositive(), s.NumPositive(); got != want {
			t.Errorf("trial %d: NoClusterPairs: NumPositive() = %d, want %d", trial, got, want)
		}
		if got, want := o.ContentHash(), s.ContentHash(); got != want {
			t.Errorf("trial %d: NoClusterPairs: ContentHash() = %s, want %s, the hash of the pairs listed", trial, got, want)
		}
		func() { // hashed by the clusters, as a set of many pairs is
			defer func(was int64) { hashPairsLimit = was }(hashPairsLimit)
			hashPairsLimit = 0
			if got, want := o.ContentHash(), s.ContentHash(); got != want && s.Clusters != nil {
				t.Errorf("trial %d: hashed by the clusters: NoClusterPairs: ContentHash() = %s, want %s", trial, got, want)
			}
		}()
		if got, want := s.NumPairs(), int64(len(want.pairs)); got != want {
			t.Errorf("trial %d: NumPairs() = %d, want %d", trial, got, want)
		}
		for a := range s.Docs {
			for b := range s.Docs {
				gl, gok := o.Label(a, b)
				wl, wok := s.Label(a, b)
				if gl != wl || gok != wok {
					t.Fatalf("trial %d: NoClusterPairs: Label(%d, %d) = %q, %v, want %q, %v", trial, a, b, gl, gok, wl, wok)
				}
			}
		}
		// Moving the clusters' label "dup" to the negatives moves their
		// pairs with it.
		sCut, err1 := s.WithPositive([]string{"cut"})
		oCut, err2 := o.WithPositive([]string{"cut"})
		if err1 != nil || err2 != nil {
			t.Fatalf("trial %d: WithPositive: %v, %v", trial, err1, err2)
		}
		if got, want := oCut.NumPositive(), sCut.NumPositive(); got != want {
			t.Errorf("trial %d: NoClusterPairs, WithPositive(cut): NumPositive() = %d, want %d", trial, got, want)
		}
		for _, p := range o.Pairs {
			if !slices.Contains(want.pairs, p) {
				t.Errorf("trial %d: NoClusterPairs: pair %v is not a pair of the set", trial, p)
			}
		}

		// MaxPairs bounds the pairs exactly, and not without them.
		if _, err := (LoadOptions{MaxPairs: int64(len(want.pairs))}).Load(want.fsys, "."); err != nil {
			t.Errorf("trial %d: Load with MaxPairs %d, the number of pairs: %v", trial, len(want.pairs), err)
		}
		var clusterPairs int64
		for _, p := range want.pairs {
			if want.clusters[p.A] >= 0 && want.clusters[p.A] == want.clusters[p.B] {
				clusterPairs++
			}
		}
		if got := s.NumClusterPairs(); got != clusterPairs {
			t.Errorf("trial %d: NumClusterPairs() = %d, want %d", trial, got, clusterPairs)
		}
		// clusters.tsv brings the bound to bear, though its clusters may
		// give no pair; MaxPairs 0 is the default, not 0.
		if len(want.pairs) == 1 {
			continue
		}
		lower := LoadOptions{MaxPairs: int64(len(want.pairs)) - 1}
		_, err = lower.Load(want.fsys, ".")
		msg := fmt.Sprintf("clusters.tsv: the clusters give %d labelled pairs, more than the %d a set may list when loaded whole (a run in the corpus scope counts them instead)", len(want.pairs), lower.MaxPairs)
		if got := errorStrings(err); !slices.Equal(got, []string{msg}) {
			t.Errorf("trial %d: Load with MaxPairs %d: errors %q, want %q", trial, lower.MaxPairs, got, msg)
		}
		lower.NoClusterPairs = true
		if _, err := lower.Load(want.fsys, "."); err != nil {
			t.Errorf("trial %d: Load with %+v: %v", trial, lower, err)
		}
	}
}

// BenchmarkLoadCluster loads a set whose clusters.tsv puts its 2,000
// documents in one cluster, 1,999,000 pairs, with and without listing them;
// pairs/op is the number of labelled pairs, and MB/s counts PairSize bytes
// for each pair listed.
func BenchmarkLoadCluster(b *testing.B) {
	const n = 2000
	var jsonl, ctsv strings.Builder
	ctsv.WriteString("id\tcluster\n")
	for i := range n {
		fmt.Fprintf(&jsonl, "{\"id\": \"d%05d\", \"text\": \"text %d\"}\n", i, i)
		fmt.Fprintf(&ctsv, "d%05d\tbig\n", i)
	}
	fsys := fstest.MapFS{
		"gold.json":    {Data: []byte(testManifest)},
		"docs.jsonl":   {Data: []byte(jsonl.String())},
		"clusters.tsv": {Data: []byte(ctsv.String())},
	}
	for _, o := range []LoadOptions{{}, {NoClusterPairs: true}} {
		b.Run(fmt.Sprintf("NoClusterPairs=%v", o.NoClusterPairs), func(b *testing.B) {
			if !o.NoClusterPairs {
				b.SetBytes(n * (n - 1) / 2 * int64(PairSize))
			}
			b.ReportAllocs()
			for b.Loop() {
				s, err := o.Load(fsys, ".")
				if err != nil {
					b.Fatal(err)
				}
				if s.NumPairs() != n*(n-1)/2 {
					b.Fatalf("NumPairs() = %d", s.NumPairs())
				}
			}
			b.ReportMetric(n*(n-1)/2, "pairs/op")
		})
	}
}

// TestCheckPairsAndCount checks that LoadOptions.CheckPairs is told the
// exact number of labelled pairs before they are made, that its error is
// the load's, and that CountClusterPairs, reading clusters.tsv alone, gives
// the pairs inside the clusters counted from the membership.
func TestCheckPairsAndCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	stop := fmt.Errorf("too many")
	for trial := range 60 {
		want := newRandomClusterSet(rng, 40, false)
		var told int64 = -1
		s, err := LoadOptions{CheckPairs: func(n int64) error { told = n; return nil }}.Load(want.fsys, ".")
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if _, ok := want.fsys["clusters.tsv"]; ok && told != int64(len(want.pairs)) {
			t.Errorf("trial %d: CheckPairs told %d, want %d", trial, told, len(want.pairs))
		}
		if _, err := (LoadOptions{CheckPairs: func(int64) error { return stop }}).Load(want.fsys, "."); want.fsys["clusters.tsv"] != nil && err != stop {
			t.Errorf("trial %d: load with a failing CheckPairs: err = %v, want its error", trial, err)
		}

		dir := t.TempDir()
		for name, f := range want.fsys {
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		size := map[int32]int64{}
		for _, c := range s.Clusters {
			if c >= 0 {
				size[c]++
			}
		}
		var inside int64
		for _, n := range size {
			inside += n * (n - 1) / 2
		}
		if got := CountClusterPairs(dir); got != inside {
			t.Errorf("trial %d: CountClusterPairs = %d, want %d", trial, got, inside)
		}
	}
	if got := CountClusterPairs(t.TempDir()); got != 0 {
		t.Errorf("CountClusterPairs of a folder without clusters.tsv = %d, want 0", got)
	}
}

// TestHashByClusters checks the hash of a set hashed by its clusters: the
// order of clusters.tsv's lines and the clusters' names do not change it;
// moving a document to another cluster, or a pair labelled otherwise than
// its clusters say, does; and it is not the hash of the pairs one by one.
func TestHashByClusters(t *testing.T) {
	defer func(was int64) { hashPairsLimit = was }(hashPairsLimit)
	var docs strings.Builder
	for i := range 6 {
		fmt.Fprintf(&docs, "{\"id\": \"d%d\", \"text\": \"text %d\"}\n", i, i)
	}
	hash := func(clusters, pairs string) string {
		t.Helper()
		fsys := fstest.MapFS{
			"gold.json":    {Data: []byte(testManifest)},
			"docs.jsonl":   {Data: []byte(docs.String())},
			"clusters.tsv": {Data: []byte("id\tcluster\n" + clusters)},
		}
		if pairs != "" {
			fsys["pairs.tsv"] = &fstest.MapFile{Data: []byte("a\tb\tlabel\n" + pairs)}
		}
		s, err := LoadOptions{NoClusterPairs: true}.Load(fsys, ".")
		if err != nil {
			t.Fatal(err)
		}
		return s.ContentHash()
	}
	const base = "d0\tx\nd1\tx\nd2\ty\nd3\ty\nd4\ty\n"
	hashPairsLimit = 1 << 40
	byPairs := hash(base, "")
	hashPairsLimit = 0
	want := hash(base, "")
	if want == byPairs {
		t.Errorf("hashed by the clusters and by the pairs alike: %s", want)
	}
	for _, c := range []struct {
		name, clusters, pairs string
		same                  bool
	}{
		{"lines reordered, clusters renamed", "d4\ta\nd2\ta\nd1\tb\nd3\ta\nd0\tb\n", "", true},
		{"a document moved", "d0\tx\nd1\tx\nd2\tx\nd3\ty\nd4\ty\n", "", false},
		{"a document added", base + "d5\ty\n", "", false},
		{"a pair across clusters", base, "d0\td5\tnon\n", false},
		{"a pair inside a cluster with its label", base, "d0\td1\tdup\n", true},
	} {
		if got := hash(c.clusters, c.pairs); (got == want) != c.same {
			t.Errorf("%s: hash %s, base %s; want them equal %v", c.name, got, want, c.same)
		}
	}
}

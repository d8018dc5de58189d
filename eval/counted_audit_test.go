package eval_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/reported"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/gold"
)

// The audit of the counted corpus scope: many small random exhaustive gold
// sets of hostile shapes, each scored sparsely (every pair one by one) and
// by counts, in memory and streamed, with the labels moved between the
// sides, by every algorithm that can run sparsely with random parameters;
// every figure must agree to the bit (sameCounted), or the counted run must
// refuse the set when a relabel makes a pair inside a cluster negative.
//
// SIMBENCH_AUDIT_TRIALS raises the number of random sets (default
// auditTrials) and SIMBENCH_AUDIT_SEED changes the first one, for longer
// runs by hand:
//
//	SIMBENCH_AUDIT_TRIALS=5000 go test -run CountedAudit ./eval/
//
// SIMBENCH_AUDIT_SCALE makes each set of that many random parts, each of
// the shapes writeAuditSet describes, sharing the clusters' names.

// auditTrials is the number of random sets of a normal go test; a
// quarter of it under the race detector, which makes these tests (on one
// goroutine but for the workers of a run, race-tested elsewhere) some
// seven times slower.
const auditTrials = 120 / raceSlowdown

// auditEnv returns the integer of the environment variable name, or def.
func auditEnv(t testing.TB, name string, def uint64) uint64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatalf("%s=%s: %v", name, v, err)
	}
	return n
}

// The labels of an audit set's manifest: clusters.tsv's pairs take the
// first positive one.
var (
	auditPositive = []string{"near-duplicate", "same-story"}
	auditNegative = []string{"related", "unrelated"}
	auditLabels   = slices.Concat(auditPositive, auditNegative)
	// auditRelabels are the sides a trial may move the labels to; nil
	// keeps the manifest's.
	auditRelabels = [][]string{
		nil,
		{"near-duplicate"}, // same-story pairs become negatives
		{"same-story"},     // the clusters' own label becomes negative
		{"near-duplicate", "same-story", "related"}, // a negative label becomes positive
		{"related", "unrelated"},                    // the sides swapped
		{"near-duplicate", "same-story", "related", "unrelated"},
		{"unrelated"},
	}
)

// auditWords are the words of the documents, with {Z}, {D}, {K} standing
// for a nukta letter (ज़, ड़, ख़) and {X} for the conjunct क्ष, which a
// document writes in one of their equivalent forms (auditRender), so that
// documents that differ byte for byte have the same shingles.
var auditWords = strings.Fields("राम श्याम गया आया घर बा{Z}ार नदी पहा{D} किताब पानी खाना {X}ेत्र वि{X}ा {K}बर " +
	"दिल्ली मुंबई सरकार बैठक नेता विद्यालय पत्नी the of and market river Book water City meeting 2024 १२३")

// auditForms are the equivalent spellings of each placeholder, which word
// shingles do not tell apart: precomposed and decomposed nukta, the
// conjunct with and without a ZWJ after its virama or a ZWNJ before it.
// (A slice, not a map, so that a seed makes the same set every time.)
var auditForms = []struct {
	placeholder string
	forms       []string
}{
	{"{Z}", []string{"\u095B", "\u091C\u093C"}},
	{"{D}", []string{"\u095C", "\u0921\u093C"}},
	{"{K}", []string{"\u0959", "\u0916\u093C"}},
	{"{X}", []string{"\u0915\u094D\u0937", "\u0915\u094D\u200D\u0937", "\u0915\u200C\u094D\u0937"}},
}

// auditNoShingles are texts with no letter, mark or digit: no shingle of
// any kind.
var auditNoShingles = []string{"।।", "। ।", "…", "!!", "\u200D", "\u200C\u200D", "— ? —", "|", "॥ ॥"}

// auditRender writes the words w as a text: canonical forms and single
// spaces when plain, else random equivalent spellings, case and spaces.
func auditRender(rng *rand.Rand, w []string, plain bool) string {
	var b strings.Builder
	for i, x := range w {
		if i > 0 {
			if plain {
				b.WriteByte(' ')
			} else {
				b.WriteString([]string{" ", " ", "  ", "\u00A0", "\t", "\n", " । ", " | ", ", "}[rng.IntN(9)])
			}
		}
		for _, p := range auditForms {
			f := p.forms[0]
			if !plain {
				f = p.forms[rng.IntN(len(p.forms))]
			}
			x = strings.ReplaceAll(x, p.placeholder, f)
		}
		if !plain && rng.IntN(4) == 0 {
			x = strings.ToUpper(x)
		}
		b.WriteString(x)
	}
	return b.String()
}

// auditDoc is a document of an audit set.
type auditDoc struct{ text, cluster string }

// auditSet is a random audit set as written to disk.
type auditSet struct {
	dir      string
	docs     []auditDoc // in the order of their ids d000, d001, ...
	pairs    [][3]string
	clusters bool // whether it has clusters.tsv
}

// writeAuditSet writes a random exhaustive gold set of hostile shapes and
// returns it:
//
//   - one family of 12 to 19 copies of a text, byte for byte or in
//     equivalent spellings (same shingles, other bytes), spread over two
//     clusters and none, and a few smaller families;
//   - near-copies of the families (a few words changed, or a prefix);
//   - texts with no shingle, alone or repeated, in clusters or none;
//   - texts shorter than a word 5-gram, some repeated;
//   - clusters of one document, and distinct documents;
//   - or, in some sets, only copies of one text (and perhaps one text with
//     no shingle, which pairs.tsv may pair with every other, so that every
//     pair no algorithm finds is labelled), only texts with no shingle, or
//     only copies and near-copies of one short text, which some
//     configurations find every pair of;
//   - with clusters.tsv and pairs.tsv, or one of them: pairs.tsv labels
//     pairs inside clusters with a positive label (the loader refuses a
//     negative one there; a relabel makes it negative), pairs across
//     clusters, between copies in no cluster, and at random, with every
//     label.
func writeAuditSet(t testing.TB, rng *rand.Rand) *auditSet {
	t.Helper()
	words := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = auditWords[rng.IntN(len(auditWords))]
		}
		return w
	}
	edit := func(w []string) []string {
		w = slices.Clone(w)
		switch rng.IntN(3) {
		case 0: // a prefix
			return w[:max(1, len(w)-1-rng.IntN(len(w)/2+1))]
		default:
			for range 1 + rng.IntN(3) {
				w[rng.IntN(len(w))] = auditWords[rng.IntN(len(auditWords))]
			}
			return w
		}
	}
	pick := func(options ...string) string { return options[rng.IntN(len(options))] }
	var docs []auditDoc
	add := func(text, cluster string) { docs = append(docs, auditDoc{text, cluster}) }
	// copyText is a copy of w, byte for byte (plain) most of the time.
	copyText := func(w []string) string { return auditRender(rng, w, rng.IntN(3) > 0) }

	// lone is, in the shape of copies and one text with no shingle, that
	// text, which pairs.tsv pairs with every other document.
	lone := ""
	// SIMBENCH_AUDIT_SCALE > 1 makes sets of that many parts, for long runs.
	for range auditEnv(t, "SIMBENCH_AUDIT_SCALE", 1) {
		switch shape := rng.IntN(10); shape {
		case 0, 1: // copies of one text, and perhaps one with no shingle
			w := words(1 + rng.IntN(30))
			for range 12 + rng.IntN(5) {
				add(copyText(w), pick("A", "A", "B", "", fmt.Sprintf("solo%d", len(docs))))
			}
			if shape == 1 {
				lone = auditNoShingles[rng.IntN(len(auditNoShingles))]
				add(lone, pick("A", ""))
			}
		case 2: // texts with no shingle only
			for range 12 + rng.IntN(5) {
				add(auditNoShingles[rng.IntN(len(auditNoShingles))], pick("A", "B", "", ""))
			}
		case 3: // copies and near-copies of one text, every shingle common
			w := words(3 + rng.IntN(12))
			for range 12 + rng.IntN(5) {
				add(copyText(w), pick("A", "B", ""))
			}
			for range 1 + rng.IntN(5) {
				add(copyText(edit(w)), pick("A", "B", ""))
			}
		default:
			big := words(6 + rng.IntN(30))
			for range 12 + rng.IntN(8) {
				add(copyText(big), pick("A", "A", "B", "", ""))
			}
			families := [][]string{big}
			for f := range 1 + rng.IntN(3) {
				w := words(3 + rng.IntN(25))
				families = append(families, w)
				home := pick("A", "C", fmt.Sprintf("F%d", f), "")
				for range 2 + rng.IntN(5) {
					c := home
					if rng.IntN(4) == 0 {
						c = pick("A", "B", "C", "")
					}
					add(copyText(w), c)
				}
			}
			for range rng.IntN(8) {
				f := families[rng.IntN(len(families))]
				add(copyText(edit(f)), pick("A", "B", "C", "F0", ""))
			}
			// A near-copy repeated.
			if rng.IntN(2) == 0 {
				near := edit(big)
				for range 2 + rng.IntN(3) {
					add(copyText(near), pick("A", "B", ""))
				}
			}
			for range rng.IntN(6) {
				add(auditNoShingles[rng.IntN(len(auditNoShingles))], pick("E", "E", "A", "", fmt.Sprintf("solo%d", len(docs))))
			}
			if rng.IntN(2) == 0 {
				short := words(1 + rng.IntN(4))
				for range 1 + rng.IntN(3) {
					add(copyText(short), pick("S", "", "A"))
				}
			}
			for range rng.IntN(4) {
				add(auditRender(rng, words(2+rng.IntN(30)), rng.IntN(2) == 0), fmt.Sprintf("solo%d", len(docs)))
			}
			for range 3 + rng.IntN(12) {
				add(auditRender(rng, words(2+rng.IntN(40)), rng.IntN(2) == 0), pick("", "", "", "C", "D", "D"))
			}
		}
	}
	rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })

	set := &auditSet{dir: filepath.Join(t.TempDir(), "audit"), docs: docs}
	// 0: clusters.tsv and pairs.tsv; 1: clusters.tsv alone; 2: pairs.tsv
	// alone.
	mode := rng.IntN(5) % 3
	set.clusters = mode != 2
	if !set.clusters {
		for i := range docs {
			docs[i].cluster = ""
		}
	}
	seen := map[[2]int]bool{}
	addPair := func(a, b int, label string) {
		if a == b {
			return
		}
		a, b = min(a, b), max(a, b)
		if seen[[2]int{a, b}] {
			return
		}
		inside := docs[a].cluster != "" && docs[a].cluster == docs[b].cluster
		if inside && slices.Contains(auditNegative, label) {
			label = "same-story" // the loader refuses a negative pair inside a cluster
		}
		seen[[2]int{a, b}] = true
		set.pairs = append(set.pairs, [3]string{fmt.Sprintf("d%03d", a), fmt.Sprintf("d%03d", b), label})
	}
	byCluster := map[string][]int{}
	var none []int
	for i, d := range docs {
		if d.cluster == "" {
			none = append(none, i)
		} else {
			byCluster[d.cluster] = append(byCluster[d.cluster], i)
		}
	}
	var names []string
	for c, ds := range byCluster {
		names = append(names, c)
		if len(ds) > 1 && mode == 1 {
			mode = -1 // clusters.tsv alone labels some pair
		}
	}
	slices.Sort(names)
	if mode == 1 {
		mode = 0 // it labels none: pairs.tsv too
	}
	if mode != 1 {
		for range rng.IntN(16) {
			switch rng.IntN(4) {
			case 0: // inside a cluster
				if len(names) == 0 {
					continue
				}
				if c := byCluster[pick(names...)]; len(c) > 1 {
					addPair(c[rng.IntN(len(c))], c[rng.IntN(len(c))], pick("same-story", "same-story", "near-duplicate"))
				}
			case 1: // across clusters
				if len(names) > 1 {
					c, d := byCluster[pick(names...)], byCluster[pick(names...)]
					addPair(c[rng.IntN(len(c))], d[rng.IntN(len(d))], pick(auditLabels...))
				}
			case 2: // in no cluster, such as copies
				if len(none) > 1 {
					addPair(none[rng.IntN(len(none))], none[rng.IntN(len(none))], pick(auditLabels...))
				}
			default:
				addPair(rng.IntN(len(docs)), rng.IntN(len(docs)), pick(auditLabels...))
			}
		}
		if i := slices.IndexFunc(docs, func(d auditDoc) bool { return d.text == lone }); lone != "" && rng.IntN(2) == 0 {
			for j := range docs {
				addPair(i, j, pick(auditLabels...))
			}
		}
		if len(set.pairs) == 0 {
			addPair(0, 1, pick(auditLabels...))
		}
	}

	set.write(t)
	return set
}

// write writes the set's files to set.dir.
func (set *auditSet) write(t testing.TB) {
	t.Helper()
	if err := os.Mkdir(set.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var jl, cl, pl strings.Builder
	cl.WriteString("id\tcluster\n")
	pl.WriteString("a\tb\tlabel\n")
	for i, d := range set.docs {
		fmt.Fprintf(&jl, "{\"id\": \"d%03d\", \"text\": %q}\n", i, d.text)
		if d.cluster != "" {
			fmt.Fprintf(&cl, "d%03d\t%s\n", i, d.cluster)
		}
	}
	for _, p := range set.pairs {
		fmt.Fprintf(&pl, "%s\t%s\t%s\n", p[0], p[1], p[2])
	}
	files := map[string]string{
		"docs.jsonl": jl.String(),
		"gold.json": `{"name": "audit", "description": "a random test set", "source": "generated by a test", "license": "CC0-1.0",
 "positive": ["near-duplicate", "same-story"], "negative": ["related", "unrelated"], "exhaustive": true}`,
	}
	if set.clusters {
		files["clusters.tsv"] = cl.String()
	}
	if set.pairs != nil || !set.clusters {
		files["pairs.tsv"] = pl.String()
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(set.dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// dump logs the files of an audit set, to reproduce a failure.
func (set *auditSet) dump(t testing.TB) {
	t.Helper()
	for _, name := range []string{"docs.jsonl", "clusters.tsv", "pairs.tsv"} {
		if b, err := os.ReadFile(filepath.Join(set.dir, name)); err == nil {
			t.Logf("%s:\n%s", name, b)
		}
	}
}

// auditSpecs returns 3 to 7 random configurations of the algorithms that
// can run sparsely, with random parameters and seeds: jaccard at a floor
// (word shingles of 1 to 5 words, or characters), simhash at a floor or a
// Hamming distance, and minhash-lsh and oph with few or many slots, any
// bands and rows, with and without verify=true, at thresholds 0 to 1.
func auditSpecs(rng *rand.Rand) []string {
	pick := func(options ...string) string { return options[rng.IntN(len(options))] }
	floors := []string{"0.1", "0.2", "0.25", "0.3333333333333333", "0.5", "0.6", "0.75", "0.8", "1"}
	// floorAt returns a floor and a threshold at or above it.
	floorAt := func() (string, string) {
		i := rng.IntN(len(floors))
		j := i + rng.IntN(len(floors)-i)
		if rng.IntN(3) == 0 {
			j = i
		}
		return floors[i], floors[j]
	}
	lshSpec := func(name string) string {
		s := name + ":threshold=" + pick("0", "0.2", "0.3333333333333333", "0.5", "0.5", "0.8", "1")
		switch rng.IntN(3) {
		case 0: // derived bands and rows
			s += ",perm=" + pick("8", "16", "32", "128")
		case 1:
			perm := []int{4, 8, 16, 32}[rng.IntN(4)]
			rows := 1 + rng.IntN(min(4, perm))
			bands := 1 + rng.IntN(perm/rows)
			s += fmt.Sprintf(",perm=%d,bands=%d,rows=%d", perm, bands, rows)
		}
		if rng.IntN(3) == 0 {
			s += ",verify=true"
		}
		switch rng.IntN(5) {
		case 0:
			s += ",k=" + pick("1", "2", "3")
		case 1:
			s += ",shingle=char,k=" + pick("2", "3", "4")
		}
		return s
	}
	makers := []func() string{
		func() string {
			f, th := floorAt()
			return fmt.Sprintf("jaccard:floor=%s,threshold=%s,k=%s", f, th, pick("1", "2", "3", "5"))
		},
		func() string {
			f, th := floorAt()
			return fmt.Sprintf("jaccard:shingle=char,k=%s,floor=%s,threshold=%s", pick("1", "2", "3", "4"), f, th)
		},
		func() string {
			if rng.IntN(3) == 0 {
				return fmt.Sprintf("simhash:hamming=%d,k=%s", rng.IntN(24), pick("1", "3", "5"))
			}
			th := pick("0.7", "0.75", "0.8", "0.85", "0.9", "0.984375", "1")
			f := pick("0.5", "0.6", "0.65", "0.7", "0.75", "0.8", "0.85", "0.9", "1")
			if x, _ := strconv.ParseFloat(f, 64); x > must(strconv.ParseFloat(th, 64)) {
				f = th
			}
			return fmt.Sprintf("simhash:threshold=%s,floor=%s,k=%s", th, f, pick("1", "2", "5"))
		},
		func() string { return lshSpec("minhash-lsh") },
		func() string { return lshSpec("oph") },
	}
	var specs []string
	for _, m := range makers { // every algorithm once
		specs = append(specs, m()+fmt.Sprintf(",seed=%d", rng.IntN(1000)))
	}
	for range rng.IntN(3) {
		specs = append(specs, makers[rng.IntN(len(makers))]()+fmt.Sprintf(",seed=%d", 1000+rng.IntN(1000)))
	}
	rng.Shuffle(len(specs), func(i, j int) { specs[i], specs[j] = specs[j], specs[i] })
	return specs[:3+rng.IntN(len(specs)-2)]
}

// must returns x, and panics on err, which a test's own data never gives.
func must[T any](x T, err error) T {
	if err != nil {
		panic(err)
	}
	return x
}

// refusesCounted reports whether the counted scope should refuse s (loaded
// with its clusters' pairs omitted): its clusters' label is positive and
// pairs.tsv labels a pair inside a cluster negative.
func refusesCounted(s *gold.Set) bool {
	if s.Clusters == nil || !s.IsPositive(s.ClusterLabel()) {
		return false
	}
	for _, p := range s.Pairs {
		if s.Clusters[p.A] >= 0 && s.Clusters[p.A] == s.Clusters[p.B] && !s.IsPositive(p.Label) {
			return true
		}
	}
	return false
}

// auditTrial scores one random set sparsely and by counts and compares
// them; it returns whether the counted run refused the set.
func auditTrial(t *testing.T, rng *rand.Rand) (refused bool) {
	set := writeAuditSet(t, rng)
	specs := auditSpecs(rng)
	positive := auditRelabels[rng.IntN(len(auditRelabels))]
	workers := []int{1, 3}[rng.IntN(2)]
	defer func() {
		if t.Failed() {
			t.Logf("specs %q, positive %v, %d workers", specs, positive, workers)
			set.dump(t)
		}
	}()
	cs, err := algorithms.ParseAll(specs, 1)
	if err != nil {
		t.Fatal(err)
	}
	full, omitted := loadBoth(t, set.dir)
	if positive != nil {
		if full, err = full.WithPositive(positive); err != nil {
			t.Fatal(err)
		}
		if omitted, err = omitted.WithPositive(positive); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	want, err := eval.Evaluate(ctx, full, cs, eval.Options{Scope: eval.Corpus, Sparse: true, Workers: workers})
	if err != nil {
		t.Fatalf("sparse: %v", err)
	}
	got, err := eval.Evaluate(ctx, omitted, cs, eval.Options{Scope: eval.Corpus, Counted: true, Workers: workers})
	refused = refusesCounted(omitted)
	if refused {
		if err == nil || !strings.Contains(err.Error(), "-positive") || !strings.Contains(err.Error(), "inside a cluster") {
			t.Fatalf("a negative pair inside a positive cluster: error %v, want the refusal", err)
		}
	} else {
		if err != nil {
			t.Fatalf("counted: %v", err)
		}
		sameCounted(t, "counted", got, want)
		sameGroups(t, got)
	}
	if !refused && rng.IntN(4) == 0 {
		// Counting the pairs of a set that lists its clusters' pairs gives
		// the same figures.
		listed, err := eval.Evaluate(ctx, full, cs, eval.Options{Scope: eval.Corpus, Counted: true, Workers: workers})
		if err != nil {
			t.Fatalf("counted, the clusters' pairs listed: %v", err)
		}
		sameCounted(t, "counted, the clusters' pairs listed", listed, want)
	}
	if rng.IntN(3) == 0 {
		streamed, err := eval.EvaluateStream(ctx, set.dir, cs, eval.Options{Scope: eval.Corpus, Counted: true, Workers: 4 - workers,
			Load: gold.LoadOptions{NoClusterPairs: true}, Positive: positive})
		if refused {
			if err == nil || !strings.Contains(err.Error(), "-positive") {
				t.Fatalf("streamed, a negative pair inside a positive cluster: error %v, want the refusal", err)
			}
		} else {
			if err != nil {
				t.Fatalf("streamed: %v", err)
			}
			sameCounted(t, "streamed", streamed, want)
		}
	}
	return refused
}

// sameGroups checks the number of groups of every run of the counted
// result res: the distinct signatures of its documents, or with
// verify=true their distinct shingle sets.
func sameGroups(t *testing.T, res *eval.Result) {
	t.Helper()
	for _, r := range res.Runs {
		c := r.Config
		distinct := map[string]bool{}
		for _, d := range res.Set.Docs {
			x := text.Shingles(d.Text, c.Text)
			if !c.Verify {
				x = c.Algorithm.Sign(nil, x)
			}
			distinct[fmt.Sprint(x)] = true
		}
		if r.Groups != len(distinct) {
			t.Errorf("%s: %d groups, want %d", c.Label, r.Groups, len(distinct))
		}
	}
}

// TestCountedAuditRandom is the randomized check of the counted corpus
// scope against the sparse one (see auditTrial).
func TestCountedAuditRandom(t *testing.T) {
	trials := int(auditEnv(t, "SIMBENCH_AUDIT_TRIALS", auditTrials))
	seed := auditEnv(t, "SIMBENCH_AUDIT_SEED", 1)
	refused := 0
	for i := range trials {
		s := seed + uint64(i)
		t.Run(fmt.Sprintf("seed=%d", s), func(t *testing.T) {
			if auditTrial(t, rand.New(rand.NewPCG(s, 0xa0d17))) {
				refused++
			}
		})
	}
	// The trials must try both ways out.
	if trials >= 50 && (refused == 0 || refused > trials/2) {
		t.Errorf("%d of %d sets refused; the audit wants some, and mostly sets it scores", refused, trials)
	}
}

// TestCountedAuditDeterministic checks that a counted run gives the same
// figures, groups and candidates whatever the number of workers and
// GOMAXPROCS.
func TestCountedAuditDeterministic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	ctx := context.Background()
	for i := range 6 {
		rng := rand.New(rand.NewPCG(uint64(i), 0xde7))
		set := writeAuditSet(t, rng)
		specs := auditSpecs(rng)
		cs := configs(t, specs...)
		omitted, err := gold.LoadOptions{NoClusterPairs: true}.LoadDir(set.dir)
		if err != nil {
			t.Fatal(err)
		}
		if refusesCounted(omitted) {
			if omitted, err = omitted.WithPositive(auditLabels); err != nil {
				t.Fatal(err)
			}
		}
		var first *eval.Result
		for _, procs := range []int{1, 2} {
			runtime.GOMAXPROCS(procs)
			for _, workers := range []int{1, 2, 5} {
				res, err := eval.Evaluate(ctx, omitted, cs, eval.Options{Scope: eval.Corpus, Counted: true, Workers: workers})
				if err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first = res
					continue
				}
				name := fmt.Sprintf("set %d, GOMAXPROCS %d, %d workers", i, procs, workers)
				sameCounted(t, name, res, first)
				for r := range res.Runs {
					g, w := res.Runs[r], first.Runs[r]
					if g.Groups != w.Groups || g.SigBytes != w.SigBytes || !reflect.DeepEqual(g.Config.Params, w.Config.Params) {
						t.Errorf("%s, %s: %d groups, %v signature bytes; want %d and %v", name, g.Config.Label, g.Groups, g.SigBytes, w.Groups, w.SigBytes)
					}
				}
				if !slices.Equal(res.Warnings, first.Warnings) {
					t.Errorf("%s: warnings %q, want %q", name, res.Warnings, first.Warnings)
				}
			}
		}
		if t.Failed() {
			t.Logf("specs %q", specs)
			set.dump(t)
			return
		}
	}
}

// TestCountedAuditTiny compares the counted and the sparse corpus scope on
// random sets of 2 to 5 documents, too few to have the copies sameCounted
// wants grouped: two copies, a copy and a text with no shingle, one
// cluster holding every document, every pair labelled, no positive.
func TestCountedAuditTiny(t *testing.T) {
	texts := []string{
		"राम गया बाज़ार आज सुबह जल्दी",
		"राम  गया बा\u091C\u093Cार आज\u00A0सुबह जल्दी", // the same shingles, other bytes
		"राम गया बाज़ार आज शाम जल्दी",
		"the river and the market of the city",
		"।।", "\u200D",
	}
	trials := int(auditEnv(t, "SIMBENCH_AUDIT_TRIALS", 2*auditTrials))
	ctx := context.Background()
	for i := range trials {
		rng := rand.New(rand.NewPCG(uint64(i), 0x7171))
		pick := func(options ...string) string { return options[rng.IntN(len(options))] }
		set := &auditSet{dir: filepath.Join(t.TempDir(), "tiny"), clusters: rng.IntN(4) > 0}
		n := 2 + rng.IntN(4)
		for range n {
			d := auditDoc{text: texts[rng.IntN(len(texts))]}
			if set.clusters {
				d.cluster = pick("A", "A", "B", "")
			}
			set.docs = append(set.docs, d)
		}
		for a := range n {
			for b := a + 1; b < n; b++ {
				inside := set.docs[a].cluster != "" && set.docs[a].cluster == set.docs[b].cluster
				switch {
				case rng.IntN(3) > 0:
				case inside:
					set.pairs = append(set.pairs, [3]string{fmt.Sprintf("d%03d", a), fmt.Sprintf("d%03d", b), pick(auditPositive...)})
				default:
					set.pairs = append(set.pairs, [3]string{fmt.Sprintf("d%03d", a), fmt.Sprintf("d%03d", b), pick(auditLabels...)})
				}
			}
		}
		if len(set.pairs) == 0 { // a set labels some pair
			l := pick(auditLabels...)
			if set.docs[0].cluster != "" && set.docs[0].cluster == set.docs[1].cluster {
				l = pick(auditPositive...)
			}
			set.pairs = append(set.pairs, [3]string{"d000", "d001", l})
		}
		set.write(t)
		specs := auditSpecs(rng)
		positive := auditRelabels[rng.IntN(len(auditRelabels))]
		cs := configs(t, specs...)
		full, omitted := loadBoth(t, set.dir)
		if positive != nil {
			full, omitted = must(full.WithPositive(positive)), must(omitted.WithPositive(positive))
		}
		want, err := eval.Evaluate(ctx, full, cs, eval.Options{Scope: eval.Corpus, Sparse: true, Workers: 1 + i%3})
		if err != nil {
			t.Fatal(err)
		}
		got, err := eval.Evaluate(ctx, omitted, cs, eval.Options{Scope: eval.Corpus, Counted: true, Workers: 1 + i%3})
		name := fmt.Sprintf("tiny set %d", i)
		switch {
		case refusesCounted(omitted):
			if err == nil {
				t.Errorf("%s: a negative pair inside a positive cluster: no error", name)
			}
		case err != nil:
			t.Errorf("%s: %v", name, err)
		default:
			sameFigures(t, name, got, want)
			sameGroups(t, got)
		}
		if t.Failed() {
			t.Logf("specs %q, positive %v", specs, positive)
			set.dump(t)
			return
		}
	}
}

// sameFigures is sameCounted without its wish that some copies be grouped,
// and with the cluster figures compared as printed (NaN equal to NaN).
func sameFigures(t *testing.T, name string, got, want *eval.Result) {
	t.Helper()
	if !got.Counted || got.InScope() != want.InScope() || got.Positives != want.Positives || !slices.Equal(got.GoldClusters, want.GoldClusters) {
		t.Errorf("%s: counted %v, %d pairs in scope, %d positive, gold clusters %v; want %d, %d, %v",
			name, got.Counted, got.InScope(), got.Positives, got.GoldClusters, want.InScope(), want.Positives, want.GoldClusters)
		return
	}
	for i, w := range want.Runs {
		g := got.Runs[i]
		gs := fmt.Sprintf("%d %+v %v %v %v %+v %+v %v %+v", g.Candidates, g.At, g.Sweep, g.AP, g.ROCAUC, g.Best, g.PerLabel, g.Clusters, g.Cluster)
		ws := fmt.Sprintf("%d %+v %v %v %v %+v %+v %v %+v", w.Candidates, w.At, w.Sweep, w.AP, w.ROCAUC, w.Best, w.PerLabel, w.Clusters, w.Cluster)
		if gs != ws || !sameSweep(g.Sweep, w.Sweep) {
			t.Errorf("%s, %s: counted\n%s\nwant\n%s", name, w.Config.Label, gs, ws)
		}
	}
}

// TestCountedAuditRefusesOtherSystems checks that the counted scope refuses
// the output of another system (its signatures are document indexes, which
// group nothing), with an error that says so, and that the sparse scope
// scores it.
func TestCountedAuditRefusesOtherSystems(t *testing.T) {
	set := writeAuditSet(t, rand.New(rand.NewPCG(3, 0x07)))
	full, s := loadBoth(t, set.dir)
	alg, err := reported.New(len(s.Docs), []reported.Pair{{A: 0, B: 1, Score: 0.9}, {A: 2, B: 3, Score: 0.4}})
	if err != nil {
		t.Fatal(err)
	}
	other := algorithms.Config{Label: "other", Entry: reported.Entry("reported", "a test's pairs"), Algorithm: alg,
		Threshold: 0.5, Text: text.DefaultOptions()}
	cs := append(configs(t, "minhash-lsh"), other)
	ctx := context.Background()
	if _, err := eval.Evaluate(ctx, full, cs, eval.Options{Scope: eval.Corpus, Sparse: true}); err != nil {
		t.Fatalf("sparse: %v", err)
	}
	if _, err := eval.Evaluate(ctx, s, cs, eval.Options{Scope: eval.Corpus, Counted: true}); err == nil || !strings.Contains(err.Error(), "other: the output of another system") {
		t.Errorf("counted: error %v, want one naming the other system", err)
	}
}

// TestCountedAuditOmittedSetRefused: a set loaded with
// gold.LoadOptions{NoClusterPairs: true}, as Options.Counted asks, lists
// its clusters' pairs nowhere; every other way of scoring it (the sparse
// and the dense corpus scope, the labelled scope; Evaluate, and
// EvaluateStream with Options.Load) would take them for unlabelled
// negatives, so each must refuse it. (Found by this audit: the one
// duplicate pair of the set below became a false positive.)
func TestCountedAuditOmittedSetRefused(t *testing.T) {
	set := &auditSet{dir: filepath.Join(t.TempDir(), "omitted"), clusters: true, docs: []auditDoc{
		{"one two three four five six", "A"}, {"one two three four five six", "A"}, {"seven eight nine ten eleven", ""}}}
	set.write(t)
	cs := configs(t, "minhash-lsh")
	omitted, err := gold.LoadOptions{NoClusterPairs: true}.LoadDir(set.dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const want = "loaded without its clusters' pairs"
	for _, opt := range []eval.Options{{Scope: eval.Corpus, Sparse: true}, {Scope: eval.Corpus}, {Scope: eval.Labelled}} {
		if _, err := eval.Evaluate(ctx, omitted, cs, opt); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("scope %v, sparse %v: error %v, want one saying the set was %s", opt.Scope, opt.Sparse, err, want)
		}
	}
	_, err = eval.EvaluateStream(ctx, set.dir, cs, eval.Options{Scope: eval.Corpus, Load: gold.LoadOptions{NoClusterPairs: true}})
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("streamed: error %v, want one saying the set was %s", err, want)
	}
}

package gen_test

import (
	"math"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/gen"
)

// sourceOf returns the id of the source of a generated document: the id
// before its ".<kind>-<level>" suffix.
func sourceOf(id string) string {
	if i := strings.Index(id, "."); i >= 0 {
		return id[:i]
	}
	return id
}

func TestSeedsLabels(t *testing.T) {
	src := seeds(t)
	g, err := gen.Generate(src, gen.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}

	// 002 is labelled duplicate with 000, the earlier document, so it is
	// no source; the four others are.
	sources := []string{"000", "001", "003", "004"}
	if len(g.Warnings) != 1 || !strings.Contains(g.Warnings[0], "002") {
		t.Errorf("Warnings = %q, want one naming 002", g.Warnings)
	}
	for _, d := range g.Docs {
		if !slices.Contains(sources, sourceOf(d.ID)) {
			t.Errorf("document %s of source %s, want sources %q", d.ID, sourceOf(d.ID), sources)
		}
	}

	// S sources, C = kinds × levels copies each, P pairs of sources, all
	// labelled negative since seeds is exhaustive:
	// docs = S(1 + C), positives = S·C, negatives = P(1 + C)², under the
	// DefaultNegatives cap.
	S, C := len(sources), len(gen.Kinds)*len(gen.DefaultLevels)
	P := S * (S - 1) / 2
	if want := S * (1 + C); len(g.Docs) != want {
		t.Errorf("%d documents, want S(1+C) = %d", len(g.Docs), want)
	}
	if want := S * C; g.NumPositive() != want {
		t.Errorf("%d positive pairs, want S·C = %d", g.NumPositive(), want)
	}
	if want := S*C + P*(1+C)*(1+C); len(g.Pairs) != want {
		t.Errorf("%d pairs, want S·C + P(1+C)² = %d", len(g.Pairs), want)
	}

	var wantPos []string
	for _, k := range gen.Kinds {
		for _, p := range gen.DefaultLevels {
			wantPos = append(wantPos, gen.Label(k, p))
		}
	}
	m := g.Manifest
	if !slices.Equal(m.Positive, wantPos) {
		t.Errorf("Positive = %q, want %q", m.Positive, wantPos)
	}
	if want := []string{"related", "unrelated"}; !slices.Equal(m.Negative, want) {
		t.Errorf("Negative = %q, want %q", m.Negative, want)
	}
	if m.Exhaustive {
		t.Errorf("Exhaustive = true, want false")
	}
	if m.Name != "seeds-gen" || m.License != src.Manifest.License {
		t.Errorf("Name, License = %q, %q, want %q and the license of seeds", m.Name, m.License, "seeds-gen")
	}
	for _, want := range []string{"simbench gen", `"seeds"`, "seed 1", "substitute", "0.40"} {
		if !strings.Contains(m.Description, want) || !strings.Contains(m.Source, want) {
			t.Errorf("Description or Source does not say %q:\n%s\n%s", want, m.Description, m.Source)
		}
	}

	related := 0
	for _, p := range g.Pairs {
		a, b := g.Docs[p.A].ID, g.Docs[p.B].ID
		sa, sb := sourceOf(a), sourceOf(b)
		var want string
		switch {
		case sa == sb && a == sa:
			want = strings.TrimPrefix(b, sa+".")
		case sa == sb:
			t.Errorf("pair %s %s of two copies of one source is labelled %q", a, b, p.Label)
			continue
		case sa == "000" && sb == "001":
			want = "related"
			related++
		default:
			want = "unrelated"
		}
		if p.Label != want {
			t.Errorf("label of %s %s = %q, want %q", a, b, p.Label, want)
		}
	}
	if want := (1 + C) * (1 + C); related != want {
		t.Errorf("%d pairs of 000 and 001 labelled related, want (1+C)² = %d", related, want)
	}
}

// TestNotExhaustive checks the labels drawn from a set that is not
// exhaustive: pairs of sources it does not label give no pairs.
func TestNotExhaustive(t *testing.T) {
	src := newSet(t, false, []string{"related"}, []string{"a b related", "a d duplicate"},
		"a", tinyA, "b", tinyB, "c", "Rain is likely tomorrow in the hills.", "d", tinyA+" again")
	o := gen.Options{Seed: 2, Kinds: []gen.Kind{gen.Delete, gen.Wrap}, Levels: []float64{0.5}}
	g, err := gen.Generate(src, o)
	if err != nil {
		t.Fatal(err)
	}
	// Sources a, b, c (d duplicates a); C = 2 copies each; one labelled
	// source pair, a-b.
	if len(g.Docs) != 3*3 {
		t.Errorf("%d documents, want 9", len(g.Docs))
	}
	if want := 3*2 + 1*3*3; len(g.Pairs) != want {
		t.Errorf("%d pairs, want %d", len(g.Pairs), want)
	}
	if want := []string{"related"}; !slices.Equal(g.Manifest.Negative, want) {
		t.Errorf("Negative = %q, want %q", g.Manifest.Negative, want)
	}
	for _, p := range g.Pairs {
		a, b := sourceOf(g.Docs[p.A].ID), sourceOf(g.Docs[p.B].ID)
		if a != b && (a != "a" || b != "b" || p.Label != "related") {
			t.Errorf("pair %s %s labelled %q, want only a-b pairs, related", g.Docs[p.A].ID, g.Docs[p.B].ID, p.Label)
		}
	}
}

func TestNegativesCap(t *testing.T) {
	src := seeds(t)
	full, err := gen.Generate(src, gen.Options{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	const max = 100
	g, err := gen.Generate(src, gen.Options{Seed: 5, Negatives: max})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.Docs, full.Docs) {
		t.Fatalf("the cap on negatives changed the documents")
	}
	neg := 0
	sourcePairs := make(map[string]bool)
	for _, p := range g.Pairs {
		want, ok := full.Label(p.A, p.B)
		if !ok || want != p.Label {
			t.Errorf("pair %s %s labelled %q, want %q as without a cap", g.Docs[p.A].ID, g.Docs[p.B].ID, p.Label, want)
		}
		if !g.IsPositive(p.Label) {
			neg++
			sourcePairs[sourceOf(g.Docs[p.A].ID)+"-"+sourceOf(g.Docs[p.B].ID)] = true
		}
	}
	if neg != max {
		t.Errorf("%d negative pairs, want %d", neg, max)
	}
	// A uniform sample of 100 of the 3750 candidates misses one of the 6
	// source pairs (625 candidates each) with probability about
	// 6·(1 - 1/6)^100 < 1e-7; taking the first 100 would cover one.
	if len(sourcePairs) != 6 {
		t.Errorf("the sample covers the source pairs %v, want all 6", sourcePairs)
	}
}

func TestDeterministic(t *testing.T) {
	src := seeds(t)
	o := gen.Options{Seed: 42, Negatives: 500}
	a, err := gen.Generate(src, o)
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b, err := gen.Generate(src, o)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two calls with seed 42 gave different sets")
	}
	o.Seed = 43
	c, err := gen.Generate(src, o)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Docs, c.Docs) || reflect.DeepEqual(a.Pairs, c.Pairs) {
		t.Errorf("seeds 42 and 43 gave the same documents or pairs")
	}
}

// TestCopiesIndependent checks that a copy does not depend on the other
// kinds and levels asked for.
func TestCopiesIndependent(t *testing.T) {
	src := seeds(t)
	full, err := gen.Generate(src, gen.Options{Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range gen.Kinds {
		one, err := gen.Generate(src, gen.Options{Seed: 9, Kinds: []gen.Kind{k}, Levels: []float64{0.2}})
		if err != nil {
			t.Fatal(err)
		}
		id := "003." + gen.Label(k, 0.2)
		if got, want := mustText(t, one, id), mustText(t, full, id); got != want {
			t.Errorf("%s alone differs from %s among all kinds and levels", id, id)
		}
	}
}

func TestWriteLoadsBack(t *testing.T) {
	g, err := gen.Generate(seeds(t), gen.Options{Seed: 1, Negatives: 300})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "seeds-gen")
	if err := gold.Write(dir, g); err != nil {
		t.Fatalf("gold.Write: %v", err)
	}
	back, err := gold.LoadDir(dir)
	if err != nil {
		t.Fatalf("gold.LoadDir: %v", err)
	}
	if !reflect.DeepEqual(back.Manifest, g.Manifest) {
		t.Errorf("manifest loads back as %+v, want %+v", back.Manifest, g.Manifest)
	}
	if !reflect.DeepEqual(back.Docs, g.Docs) {
		t.Errorf("documents do not load back unchanged")
	}
	if !reflect.DeepEqual(back.Pairs, g.Pairs) {
		t.Errorf("pairs do not load back unchanged")
	}
}

// TestMonotone checks the property users rely on, on the seeds: for every
// kind but Wrap, the exact Jaccard similarity of the word 5-gram shingles of
// a source and its copy falls as the level rises (when two levels make the
// same number of changes in a document, it stays the same); for Wrap the
// containment of the source in its copy stays 1 and the similarity does not
// rise.
func TestMonotone(t *testing.T) {
	src := seeds(t)
	sh := func(s string) []uint64 { return text.Shingles(s, text.DefaultOptions()) }
	for seed := range uint64(30) {
		g, err := gen.Generate(src, gen.Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"000", "001", "003", "004"} {
			otext := mustText(t, src, id)
			orig := sh(otext)
			n, m := len(words(otext)), len(sentences(otext))
			for _, k := range gen.Kinds {
				prev, prevChanges := 1.0, 0
				for _, p := range gen.DefaultLevels {
					changes := wantChanges(k, p, n, m)
					cid := id + "." + gen.Label(k, p)
					cp := sh(mustText(t, g, cid))
					j := jaccard.Jaccard{}.Similarity(orig, cp)
					if k == gen.Wrap {
						if c := jaccard.Containment(orig, cp); c != 1 {
							t.Errorf("seed %d: containment of %s in %s = %v, want 1", seed, id, cid, c)
						}
						if j > prev {
							t.Errorf("seed %d: J(%s, %s) = %.4f, up from %.4f at the level below", seed, id, cid, j, prev)
						}
					} else if changes == prevChanges && j != prev {
						t.Errorf("seed %d: J(%s, %s) = %.4f, want %.4f as at the level below, which makes as many changes (%d)", seed, id, cid, j, prev, changes)
					} else if changes > prevChanges && !(j < prev) {
						t.Errorf("seed %d: J(%s, %s) = %.4f, want below %.4f at the level below", seed, id, cid, j, prev)
					}
					prev, prevChanges = j, changes
				}
			}
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		o    gen.Options
		ok   bool
	}{
		{"zero", gen.Options{}, true},
		{"level 1", gen.Options{Levels: []float64{1}}, true},
		{"two kinds", gen.Options{Kinds: []gen.Kind{gen.Wrap, gen.Delete}}, true},
		{"level 0", gen.Options{Levels: []float64{0}}, false},
		{"negative level", gen.Options{Levels: []float64{-0.1}}, false},
		{"level above 1", gen.Options{Levels: []float64{1.5}}, false},
		{"NaN level", gen.Options{Levels: []float64{math.NaN()}}, false},
		{"same two decimals", gen.Options{Levels: []float64{0.1, 0.101}}, false},
		{"unknown kind", gen.Options{Kinds: []gen.Kind{"rotate"}}, false},
		{"kind twice", gen.Options{Kinds: []gen.Kind{gen.Delete, gen.Delete}}, false},
		{"negative Negatives", gen.Options{Negatives: -1}, false},
	}
	src := newSet(t, true, nil, nil, "a", tinyA, "b", tinyB)
	for _, tt := range tests {
		err := tt.o.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok = %v", tt.name, err, tt.ok)
		}
		if _, gerr := gen.Generate(src, tt.o); (gerr == nil) != tt.ok {
			t.Errorf("%s: Generate error = %v, want ok = %v", tt.name, gerr, tt.ok)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	tests := []struct {
		name string
		src  *gold.Set
		o    gen.Options
	}{
		{"nil set", nil, gen.Options{}},
		{"no source", newSet(t, true, nil, nil, "a", " \n "), gen.Options{}},
		{"one-word vocabulary", newSet(t, true, nil, nil, "a", "ok ok", "b", "ok"), gen.Options{Kinds: []gen.Kind{gen.Substitute}}},
		{"id taken", newSet(t, true, nil, nil, "a", tinyA, "a.delete-0.50", tinyB), gen.Options{Kinds: []gen.Kind{gen.Delete}, Levels: []float64{0.5}}},
		{"negative label is generated", newSet(t, true, []string{"delete-0.50"}, nil, "a", tinyA, "b", tinyB),
			gen.Options{Kinds: []gen.Kind{gen.Delete}, Levels: []float64{0.5}}},
	}
	// Sets made in memory that break the promises of gold.Set.
	unsortedDocs := newSet(t, true, nil, nil, "a", tinyA, "b", tinyB)
	unsortedDocs.Docs[0].ID = "c"
	unsortedPairs := newSet(t, true, []string{"related"}, []string{"a b related", "a c related"}, "a", tinyA, "b", tinyB, "c", tinyB+"!")
	unsortedPairs.Pairs[0], unsortedPairs.Pairs[1] = unsortedPairs.Pairs[1], unsortedPairs.Pairs[0]
	undeclared := newSet(t, true, nil, []string{"a b related"}, "a", tinyA, "b", tinyB)
	tests = append(tests, []struct {
		name string
		src  *gold.Set
		o    gen.Options
	}{
		{"documents not sorted", unsortedDocs, gen.Options{}},
		{"pairs not sorted", unsortedPairs, gen.Options{}},
		{"undeclared label", undeclared, gen.Options{}},
	}...)
	for _, tt := range tests {
		if g, err := gen.Generate(tt.src, tt.o); err == nil {
			t.Errorf("%s: Generate gave %d documents and no error, want an error", tt.name, len(g.Docs))
		}
	}
	// A vocabulary of one word is enough for the other kinds.
	if _, err := gen.Generate(newSet(t, true, nil, nil, "a", "ok ok", "b", "ok"), gen.Options{Kinds: []gen.Kind{gen.Insert}}); err != nil {
		t.Errorf("insert with a one-word vocabulary: %v", err)
	}
}

func TestDroppedWithoutWords(t *testing.T) {
	g, err := gen.Generate(newSet(t, true, nil, nil, "a", "\n\t\n", "b", tinyB), gen.Options{Kinds: []gen.Kind{gen.Delete}})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Warnings) != 1 || !strings.HasPrefix(g.Warnings[0], "gen: a dropped") {
		t.Errorf("Warnings = %q, want one saying a is dropped", g.Warnings)
	}
	if _, ok := g.Index("a"); ok {
		t.Errorf("the document without words is in the generated set")
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		k    gen.Kind
		p    float64
		want string
	}{
		{gen.Substitute, 0.2, "substitute-0.20"},
		{gen.Delete, 0.05, "delete-0.05"},
		{gen.Wrap, 1, "wrap-1.00"},
		{gen.Shuffle, 1.0 / 3, "shuffle-0.33"},
	}
	for _, tt := range tests {
		if got := gen.Label(tt.k, tt.p); got != tt.want {
			t.Errorf("Label(%q, %v) = %q, want %q", tt.k, tt.p, got, tt.want)
		}
	}
}

func TestParseKinds(t *testing.T) {
	tests := []struct {
		in   string
		want []gen.Kind // nil: an error
	}{
		{"delete,wrap", []gen.Kind{gen.Delete, gen.Wrap}},
		{"wrap,delete", []gen.Kind{gen.Wrap, gen.Delete}},
		{" insert , shuffle ", []gen.Kind{gen.Insert, gen.Shuffle}},
		{"all", gen.Kinds},
		{"truncate", []gen.Kind{gen.Truncate}},
		{"", nil},
		{"delete,", nil},
		{",", nil},
		{"Delete", nil},
		{"delete,delete", nil},
		{"all,delete", nil},
		{"rotate", nil},
	}
	for _, tt := range tests {
		got, err := gen.ParseKinds(tt.in)
		if tt.want == nil {
			if err == nil {
				t.Errorf("ParseKinds(%q) = %q, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseKinds(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

// TestSources checks which documents are sources: a document labelled
// positive with an earlier source is not, but one labelled positive only
// with documents that are not sources is.
func TestSources(t *testing.T) {
	tests := []struct {
		pairs []string
		want  []string
	}{
		{nil, []string{"a", "b", "c"}},
		{[]string{"a b duplicate"}, []string{"a", "c"}},
		{[]string{"a b duplicate", "a c duplicate"}, []string{"a"}},
		{[]string{"a b duplicate", "b c duplicate"}, []string{"a", "c"}},
		{[]string{"b c duplicate", "a b related"}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		src := newSet(t, false, []string{"related"}, tt.pairs, "a", tinyA, "b", tinyB, "c", "Rain is likely tomorrow in the hills.")
		g, err := gen.Generate(src, gen.Options{Kinds: []gen.Kind{gen.Truncate}, Levels: []float64{0.5}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range g.Docs {
			if sourceOf(d.ID) == d.ID {
				got = append(got, d.ID)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("pairs %q: sources %q, want %q", tt.pairs, got, tt.want)
		}
		if len(g.Warnings) != 3-len(tt.want) {
			t.Errorf("pairs %q: warnings %q, want one for each of the %d dropped", tt.pairs, g.Warnings, 3-len(tt.want))
		}
	}
}

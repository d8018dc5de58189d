package gen_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/gen"
)

// wrapTolerance is how far the number of words Wrap adds may be from
// round(p·n): none, since the package documentation promises that the last
// line of boilerplate is cut to make exactly that many.
const wrapTolerance = 0

// The documents of the small test set. tinyA has n = 20 words (11 on its
// first line, 3 on the second, 6 on the fourth) and m = 4 sentences.
const (
	tinyA = "Ram went to the market today. He bought five red apples!\nSita stayed home।\n\nShe read a book about kings"
	tinyB = "Stock prices fell sharply on Monday. Markets closed lower."
)

// TestTinyCounts checks the number of changes on tinyA against figures
// worked out by hand from the package documentation.
func TestTinyCounts(t *testing.T) {
	src := newSet(t, true, []string{"unrelated"}, []string{"a b unrelated"}, "a", tinyA, "b", tinyB)
	levels := []float64{0.05, 0.1, 0.2, 0.33, 0.4, 0.75, 1}
	g, err := gen.Generate(src, gen.Options{Seed: 7, Levels: levels})
	if err != nil {
		t.Fatal(err)
	}
	// n = 20: round(p·20) words (6.6 -> 7 at 0.33); delete and truncate
	// keep one word at p = 1. m = 4: round(p·4) = 0, 0, 1 -> 2, 1 -> 2, 2,
	// 3, 4 sentences.
	tests := []struct {
		level                float64
		del, ins, sub, trunc int
		wrap, shuffle        int
	}{
		{0.05, 1, 1, 1, 1, 1, 0},
		{0.1, 2, 2, 2, 2, 2, 0},
		{0.2, 4, 4, 4, 4, 4, 2},
		{0.33, 7, 7, 7, 7, 7, 2},
		{0.4, 8, 8, 8, 8, 8, 2},
		{0.75, 15, 15, 15, 15, 15, 3},
		{1, 19, 20, 20, 19, 20, 4},
	}
	vocab := vocabulary(src.Docs)
	for _, tt := range tests {
		for k, want := range map[gen.Kind]int{gen.Delete: tt.del, gen.Insert: tt.ins, gen.Substitute: tt.sub,
			gen.Truncate: tt.trunc, gen.Wrap: tt.wrap, gen.Shuffle: tt.shuffle} {
			id := "a." + gen.Label(k, tt.level)
			if got := changes(t, k, tinyA, mustText(t, g, id), vocab); !near(k, got, want) {
				t.Errorf("%s: %d changes, want %d", id, got, want)
			}
		}
	}
}

// TestSeedsCounts checks that every copy of the seeds makes the number of
// changes its level states.
func TestSeedsCounts(t *testing.T) {
	src := seeds(t)
	levels := []float64{0.05, 0.1, 0.2, 0.4, 1}
	g, err := gen.Generate(src, gen.Options{Seed: 3, Levels: levels})
	if err != nil {
		t.Fatal(err)
	}
	srcDocs := slices.DeleteFunc(slices.Clone(src.Docs), func(d gold.Doc) bool { return d.ID == "002" })
	vocab := vocabulary(srcDocs)
	for _, d := range srcDocs {
		n, m := len(words(d.Text)), len(sentences(d.Text))
		if s := sentences(d.Text); len(slices.Compact(slices.Sorted(slices.Values(s)))) != len(s) {
			t.Fatalf("%s repeats a sentence, so moves cannot all be seen", d.ID)
		}
		for _, k := range gen.Kinds {
			for _, p := range levels {
				id := d.ID + "." + gen.Label(k, p)
				want := wantChanges(k, p, n, m)
				if got := changes(t, k, d.Text, mustText(t, g, id), vocab); !near(k, got, want) {
					t.Errorf("%s (n = %d, m = %d): %d changes, want %d", id, n, m, got, want)
				}
			}
		}
	}
}

// near reports whether got changes are as many as the want that kind k
// should make: exactly, but for Wrap within wrapTolerance words.
func near(k gen.Kind, got, want int) bool {
	if k == gen.Wrap && got >= 0 {
		return got >= want-wrapTolerance && got <= want+wrapTolerance
	}
	return got == want
}

// changes checks that edited is a copy of orig edited by kind k, as the
// package documentation describes it, and returns the number of words (for
// Shuffle, sentences) changed, or -1 after reporting why edited is not such
// a copy.
func changes(t *testing.T, k gen.Kind, orig, edited string, vocab map[string]bool) int {
	t.Helper()
	ow, ew := words(orig), words(edited)
	fail := func(format string, args ...any) int {
		t.Helper()
		t.Errorf("%s copy of %.40q...: %s", k, orig, fmt.Sprintf(format, args...))
		return -1
	}
	inVocab := func(ws []string) bool {
		for _, w := range ws {
			if !vocab[w] {
				return false
			}
		}
		return true
	}
	ol, el := strings.Split(orig, "\n"), strings.Split(edited, "\n")
	switch k {
	case gen.Delete:
		// Within lines: each line of the copy is a subsequence of its own.
		if len(el) != len(ol) {
			return fail("%d lines, want %d", len(el), len(ol))
		}
		for i := range ol {
			if !isSubsequence(words(el[i]), words(ol[i])) {
				return fail("line %d is not a subsequence of the original's", i+1)
			}
		}
		return len(ow) - len(ew)
	case gen.Insert:
		if !isSubsequence(ow, ew) {
			return fail("the original's words are not a subsequence of the copy's")
		}
		if !inVocab(minus(ew, ow)) {
			return fail("inserts words from outside the vocabulary")
		}
		return len(ew) - len(ow)
	case gen.Substitute:
		if len(el) != len(ol) {
			return fail("%d lines, want %d", len(el), len(ol))
		}
		for i := range ol {
			if len(words(el[i])) != len(words(ol[i])) {
				return fail("line %d has %d words, want %d", i+1, len(words(el[i])), len(words(ol[i])))
			}
		}
		diff := 0
		for i := range ow {
			if ew[i] != ow[i] {
				diff++
				if !vocab[ew[i]] {
					return fail("substitutes %q, not a vocabulary word", ew[i])
				}
			}
		}
		return diff
	case gen.Truncate:
		if len(ew) > len(ow) || !slices.Equal(ew, ow[:len(ew)]) {
			return fail("is not a prefix of the original")
		}
		return len(ow) - len(ew)
	case gen.Shuffle:
		want, es := sentences(orig), sentences(edited)
		if !sameMultiset(want, es) {
			return fail("sentences %q, want a permutation of %q", es, want)
		}
		moved := 0
		for i := range want {
			if want[i] != es[i] {
				moved++
			}
		}
		return moved
	case gen.Wrap:
		i := strings.Index(edited, orig)
		if i < 0 {
			return fail("does not hold the original text")
		}
		// The boilerplate is whole lines around the text.
		if i > 0 && edited[i-1] != '\n' {
			return fail("boilerplate on the line of the text's start")
		}
		if j := i + len(orig); j < len(edited) && !strings.HasPrefix(edited[j:], "\n") && !strings.HasSuffix(orig, "\n") {
			return fail("boilerplate on the line of the text's end")
		}
		added := len(ew) - len(ow)
		return added
	}
	return fail("unknown kind")
}

// TestWrapTeasers checks the boilerplate of Wrap on the seeds: a breadcrumb
// first, and after the text only adverts and teasers taken from the first
// sentences of other sources.
func TestWrapTeasers(t *testing.T) {
	src := seeds(t)
	g, err := gen.Generate(src, gen.Options{Seed: 11, Kinds: []gen.Kind{gen.Wrap}, Levels: []float64{0.4}})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"000", "001", "003", "004"}
	first := make(map[string][]string)
	for _, id := range ids {
		first[id] = words(sentences(mustText(t, src, id))[0])
	}
	for _, id := range ids {
		orig, edited := mustText(t, src, id), mustText(t, g, id+".wrap-0.40")
		i := strings.Index(edited, orig)
		if i < 0 {
			t.Fatalf("%s.wrap-0.40 does not hold %s", id, id)
		}
		head := words(strings.SplitN(edited, "\n", 2)[0])
		if len(head) < 3 || (head[0] != "Home" && head[0] != "होम") || head[1] != ">" {
			t.Errorf("%s.wrap-0.40 starts with %q, want a breadcrumb", id, head)
		}
		teasers := 0
		lines := slices.Collect(strings.Lines(strings.TrimSpace(edited[i+len(orig):])))
		for j, line := range lines {
			ws := words(line)
			if len(ws) == 0 || strings.Contains(line, "Advertisement") || strings.Contains(line, "ADVERTISEMENT") || strings.Contains(line, "विज्ञापन") {
				continue
			}
			// A teaser: one to three words of heading ("Also Read:",
			// "यह भी पढ़ें:"), then the start of another source's first
			// sentence, which only the last line, cut to make the count,
			// may lack.
			found := false
			for _, other := range ids {
				for h := 1; h <= 3 && h <= len(ws) && other != id; h++ {
					rest := ws[h:]
					if (len(rest) > 0 || j == len(lines)-1) && len(rest) <= len(first[other]) && slices.Equal(rest, first[other][:len(rest)]) {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("%s.wrap-0.40: line %q after the text is neither an advert nor a teaser of another source", id, line)
			}
			teasers++
		}
		if teasers == 0 {
			t.Errorf("%s.wrap-0.40 has no teaser", id)
		}
	}
}

// TestSmallDocuments checks the edge cases of the levels: a document of one
// word keeps it, and a document of one sentence is not shuffled.
func TestSmallDocuments(t *testing.T) {
	src := newSet(t, true, nil, nil, "a", "Hello", "b", "One sentence without an end")
	g, err := gen.Generate(src, gen.Options{Levels: []float64{1}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ id, want string }{
		{"a.delete-1.00", "Hello"},
		{"a.truncate-1.00", "Hello"},
		{"a.shuffle-1.00", "Hello"},
		{"b.shuffle-1.00", "One sentence without an end"},
		{"b.truncate-1.00", "One"},
	}
	for _, tt := range tests {
		if got := mustText(t, g, tt.id); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.id, got, tt.want)
		}
	}
	if got := mustText(t, g, "a.substitute-1.00"); got == "Hello" || len(words(got)) != 1 {
		t.Errorf("a.substitute-1.00 = %q, want one word other than %q", got, "Hello")
	}
}

// TestShuffleKeepsSentences checks that sentences that end at a line break,
// or at the end of the text without a sentence end, stay sentences of their
// own wherever they are moved.
func TestShuffleKeepsSentences(t *testing.T) {
	text := "Headline without a full stop\nFirst sentence here. Second one here!\nA caption line\n\nLast line, no end"
	src := newSet(t, true, nil, nil, "a", text, "b", tinyB)
	for seed := range uint64(20) {
		g, err := gen.Generate(src, gen.Options{Seed: seed, Kinds: []gen.Kind{gen.Shuffle}, Levels: []float64{1}})
		if err != nil {
			t.Fatal(err)
		}
		got := mustText(t, g, "a.shuffle-1.00")
		want, gs := sentences(text), sentences(got)
		if !sameMultiset(want, gs) {
			t.Fatalf("seed %d: shuffled %q into sentences %q, want a permutation of %q", seed, text, gs, want)
		}
		for i := range want {
			if want[i] == gs[i] {
				t.Errorf("seed %d: sentence %d (%q) not moved at level 1", seed, i, want[i])
			}
		}
	}
}

package synth

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/text"
)

// Bounds on the corpus, from its construction (see the package
// documentation).
const (
	// A copy changes each word with probability at most editMax = 8%, so a
	// word 5-gram survives with probability at least 0.92^5 ≈ 0.66 and the
	// Jaccard similarity of a copy and its original is about 0.49 at worst
	// on average; 0.2 leaves room for the spread of a 240-word document.
	nearJaccardMin = 0.2
	// A document averages 240 words of about 11 bytes and 3 KB; the bounds
	// allow ±15% over a thousand documents.
	meanBytesMin, meanBytesMax = 2550, 3450
)

func TestNewGeneratorDocs(t *testing.T) {
	type testCase struct {
		docs int
		ok   bool
	}
	cases := []testCase{
		{-1, false},
		{0, false},
		{MinDocs - 1, false},
		{MinDocs, true},
		{1000, true},
	}
	// One more than MaxDocs, where an int can hold it (not on 32-bit
	// platforms).
	if over := int64(MaxDocs) + 1; over <= math.MaxInt {
		cases = append(cases, testCase{int(over), false})
	}
	for _, tc := range cases {
		_, err := NewGenerator(Options{Docs: tc.docs, Seed: 1})
		if got := err == nil; got != tc.ok {
			t.Errorf("NewGenerator(Options{Docs: %d}): error %v, want ok %v", tc.docs, err, tc.ok)
		}
	}
}

func TestNumPairs(t *testing.T) {
	for _, tc := range []struct{ docs, want int }{
		{16, 3},
		{17, 3},
		{32, 6},
		{500, 93},
		{1000, 187},
		{24000, 4500},
		{1000000, 187500},
	} {
		if got := NumPairs(tc.docs); got != tc.want {
			t.Errorf("NumPairs(%d) = %d, want %d", tc.docs, got, tc.want)
		}
	}
}

// words returns the words of a document's text: its space-separated fields
// other than dandas.
func words(doc string) []string {
	var ws []string
	for _, f := range strings.Fields(doc) {
		if f != "।" {
			ws = append(ws, f)
		}
	}
	return ws
}

func TestCorpusShape(t *testing.T) {
	for _, docs := range []int{16, 200, 1000} {
		t.Run(fmt.Sprint(docs), func(t *testing.T) {
			g, err := NewGenerator(Options{Docs: docs, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			near := NumPairs(docs)
			nOrig := docs - near
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
			if len(texts) != docs {
				t.Fatalf("Next made %d documents, want %d", len(texts), docs)
			}
			if _, _, ok := g.Next(); ok {
				t.Errorf("Next after the last document: ok, want not ok")
			}
			bytes := 0
			for i, d := range texts {
				bytes += len(d)
				if !utf8.ValidString(d) || d != strings.TrimSpace(d) || strings.Contains(d, "\n\n\n") {
					t.Errorf("document %d is not UTF-8, has space around it or an empty paragraph: %q", i, d)
				}
				if n := len(words(d)); i < nOrig && (n < MinWords || n > MaxWords) {
					t.Errorf("original %d has %d words, want %d to %d", i, n, MinWords, MaxWords)
				}
				if !strings.HasSuffix(d, " ।") {
					t.Errorf("document %d does not end with a danda: %q", i, d[max(0, len(d)-20):])
				}
			}
			if docs >= 1000 {
				if mean := bytes / docs; mean < meanBytesMin || mean > meanBytesMax {
					t.Errorf("documents average %d bytes, want %d to %d", mean, meanBytesMin, meanBytesMax)
				}
			}

			sh, err := text.NewShingler(text.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			var jac jaccard.Jaccard
			pairs := g.Pairs()
			if len(pairs) != near {
				t.Errorf("len(Pairs()) = %d, want %d", len(pairs), near)
			}
			copied := make(map[int]bool)
			for j, p := range pairs {
				if p.A < 0 || p.A >= nOrig || p.B != nOrig+j {
					t.Errorf("Pairs()[%d] = %v, want an original below %d and the copy %d", j, p, nOrig, nOrig+j)
					continue
				}
				if copied[p.A] {
					t.Errorf("original %d copied twice", p.A)
				}
				copied[p.A] = true
				if o, ok := g.Original(p.B); !ok || o != p.A {
					t.Errorf("Original(%d) = %d, %v, want %d, true", p.B, o, ok, p.A)
				}
				a, b := sh.Append(nil, texts[p.A]), sh.Append(nil, texts[p.B])
				if j := jac.Similarity(a, b); j < nearJaccardMin {
					t.Errorf("pair %v: Jaccard %.3f, want at least %v", p, j, nearJaccardMin)
				}
			}
			for _, i := range []int{0, nOrig - 1, docs} {
				if o, ok := g.Original(i); ok {
					t.Errorf("Original(%d) = %d, true, want false", i, o)
				}
			}
		})
	}
}

func TestGeneratorDeterministic(t *testing.T) {
	all := func(docs int, seed uint64) string {
		g, err := NewGenerator(Options{Docs: docs, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for {
			_, d, ok := g.Next()
			if !ok {
				break
			}
			b.Write(d)
			b.WriteByte(0)
		}
		fmt.Fprint(&b, g.Pairs())
		return b.String()
	}
	a, b, c := all(300, 7), all(300, 7), all(300, 8)
	if a != b {
		t.Errorf("NewGenerator(300 documents, seed 7) twice: the corpora differ")
	}
	if a == c {
		t.Errorf("seeds 7 and 8 give the same corpus")
	}
}

func TestRender(t *testing.T) {
	words := []string{"क", "ख", "12"}
	const w0, w1, w2 = 0, 1, 2
	for _, tc := range []struct {
		items []uint16
		want  string
	}{
		{nil, ""},
		{[]uint16{w0, w1, codeDanda}, "क ख ।"},
		{[]uint16{w0, codeDanda, codeParagraph, w1, w2, codeDanda, codeParagraph}, "क ।\n\nख 12 ।"},
		{[]uint16{w0, codeParagraph}, "क"},
	} {
		all := make([]string, numCodes)
		copy(all, words)
		all[codeDanda], all[codeParagraph] = "।", "\n\n"
		if got := string(render(nil, tc.items, all)); got != tc.want {
			t.Errorf("render(%v) = %q, want %q", tc.items, got, tc.want)
		}
	}
}

func TestID(t *testing.T) {
	for _, tc := range []struct {
		docs, i int
		want    string
	}{
		{16, 0, "d0000000"},
		{16, 1, "d0000001"},
		{1000000, 999999, "d0999999"},
		{10000000, 9999999, "d9999999"},
		{10000001, 7, "d00000007"},
		{10000001, 10000000, "d10000000"},
	} {
		g := &Generator{n: tc.docs, idWidth: max(7, len(fmt.Sprint(tc.docs-1)))}
		if got := g.ID(tc.i); got != tc.want {
			t.Errorf("ID(%d) of %d documents = %q, want %q", tc.i, tc.docs, got, tc.want)
		}
	}
	// The width NewGenerator sets.
	g, err := NewGenerator(Options{Docs: 1000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g.ID(42), "d0000042"; got != want {
		t.Errorf("ID(42) = %q, want %q", got, want)
	}
}

func TestStateSize(t *testing.T) {
	g, err := NewGenerator(Options{Docs: MinDocs, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.main.src.MarshalBinary()
	if err != nil || len(b) != stateSize {
		t.Errorf("PCG.MarshalBinary() = %d bytes, %v, want %d bytes", len(b), err, stateSize)
	}
}

// BenchmarkNext measures the generation of the documents alone, in bytes
// of text a second.
func BenchmarkNext(b *testing.B) {
	o := Options{Docs: 1 << 16, Seed: 1}
	g, err := NewGenerator(o)
	if err != nil {
		b.Fatal(err)
	}
	bytes := 0
	b.ReportAllocs()
	for b.Loop() {
		_, d, ok := g.Next()
		if !ok {
			b.StopTimer()
			o.Seed++
			if g, err = NewGenerator(o); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			_, d, _ = g.Next()
		}
		bytes += len(d)
	}
	b.SetBytes(int64(bytes / b.N))
}

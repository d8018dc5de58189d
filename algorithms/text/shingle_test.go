package text

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/simbench/simbench/algorithms/jaccard"
)

// readSeed returns testdata/seed000.txt, the first three paragraphs of seed
// article 000 (Hindi news with English, dandas and nukta letters).
func readSeed(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/seed000.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// replaceEvery replaces each rune r of s for which f(r) is not "" by f(r);
// n counts the replacements.
func replaceEvery(s string, f func(prev, r rune) string) (out string, n int) {
	var b strings.Builder
	prev := rune(-1)
	for _, r := range s {
		if x := f(prev, r); x != "" {
			b.WriteString(x)
			n++
		} else {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String(), n
}

// seedVariants returns the typographic variants of the seed paragraph that
// must give the same shingles, each with the number of changes made.
func seedVariants(tb testing.TB) map[string]string {
	tb.Helper()
	seed := readSeed(tb)
	if !norm.NFC.IsNormalString(seed) {
		tb.Fatal("testdata/seed000.txt is not NFC")
	}
	precomposed := map[rune]rune{ // consonant -> its precomposed nukta letter
		'क': '\u0958', 'ख': '\u0959', 'ग': '\u095a', 'ज': '\u095b',
		'ड': '\u095c', 'ढ': '\u095d', 'फ': '\u095e', 'य': '\u095f',
	}
	type variant struct {
		name string
		f    func(prev, r rune) string
	}
	out := map[string]string{
		"NFC": seed,
		// This paragraph has no ऩ, ऱ, ऴ or accented Latin letter, so its
		// NFD equals its NFC; TestShinglesNFD covers text where they differ.
		"NFD": norm.NFD.String(seed),
	}
	k := 0
	for _, v := range []variant{
		{"NBSP for every space", func(_, r rune) string {
			if r == ' ' {
				return "\u00a0"
			}
			return ""
		}},
		{"mixed white space", func(_, r rune) string {
			if r != ' ' && r != '\n' {
				return ""
			}
			k++
			return [...]string{"\u202f", "\u2007", "\t", "  \n ", "\u3000", "\r\n"}[k%6]
		}},
		{"ZWJ/ZWNJ inside conjuncts", func(prev, r rune) string {
			if prev != '\u094d' { // after a virama
				return ""
			}
			k++
			return [...]string{"\u200d", "\u200c"}[k%2] + string(r)
		}},
		{"pipe for danda", func(_, r rune) string {
			if r == '।' {
				return "|"
			}
			return ""
		}},
	} {
		s, n := replaceEvery(seed, v.f)
		if n == 0 {
			tb.Fatalf("variant %q changed nothing", v.name)
		}
		out[v.name] = s
	}
	// Precomposed nukta letters: consonant + U+093C -> U+0958..U+095F.
	var b strings.Builder
	rs := []rune(seed)
	n := 0
	for i := 0; i < len(rs); i++ {
		if p, ok := precomposed[rs[i]]; ok && i+1 < len(rs) && rs[i+1] == '\u093c' {
			b.WriteRune(p)
			i++
			n++
			continue
		}
		b.WriteRune(rs[i])
	}
	if n == 0 {
		tb.Fatal("seed paragraph has no nukta letter to precompose")
	}
	out["precomposed nukta letters"] = b.String()
	// "NORTH KOREA-RUSSIA RELATIONS:", a BOM before it, a soft hyphen in a word.
	up := "\ufeff" + strings.ToUpper(seed[:30]) + seed[30:]
	up = strings.Replace(up, "मुलाकात", "मुला\u00adकात", 1)
	if !strings.HasPrefix(seed, "North Korea-Russia Relations: ") || !strings.Contains(up, "\u00ad") {
		tb.Fatal("seed paragraph changed: update the upper-case variant")
	}
	out["upper-case English, BOM, soft hyphen"] = up
	return out
}

func TestShinglesSeedVariants(t *testing.T) {
	variants := seedVariants(t)
	for _, o := range []Options{{Word, 5, 0}, {Char, 4, 0}} {
		want := Shingles(variants["NFC"], o)
		if len(want) < 100 {
			t.Fatalf("Shingles(seed, %v) has %d shingles, want a few hundred", o, len(want))
		}
		names := make([]string, 0, len(variants))
		for name := range variants {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			if got := Shingles(variants[name], o); !slices.Equal(got, want) {
				t.Errorf("%v: variant %q: %d shingles, %d shared with the NFC text's %d; want identical sets",
					o, name, len(got), jaccard.Intersection(got, want), len(want))
			}
		}
	}
	// The variants normalise to the same text, which is the reason.
	want := Normalize(variants["NFC"])
	for name, v := range variants {
		if got := Normalize(v); got != want {
			t.Errorf("Normalize(variant %q) differs from Normalize(NFC text)", name)
		}
	}
}

func TestShinglesNFD(t *testing.T) {
	for _, s := range []string{"नई दिल्ली, ऩ ऱ ऴ", "Café crème brûlée à São Paulo", "\u0958\u093e\u0928\u0942\u0928 \u0959\u092c\u0930 \u095e\u093f\u0932\u094d\u092e"} {
		d := norm.NFD.String(s)
		if d == s {
			t.Fatalf("NFD(%q) == NFC: not a test", s)
		}
		for _, o := range []Options{{Word, 2, 0}, {Char, 3, 0}} {
			if a, b := Shingles(s, o), Shingles(d, o); !slices.Equal(a, b) {
				t.Errorf("Shingles(%+q, %v) = %x, Shingles of its NFD = %x, want equal", s, o, a, b)
			}
		}
	}
}

// TestCharGraphemes checks that Char units are UAX #29 extended grapheme
// clusters: a conjunct with its vowel sign (GB9c, GB9a) is one unit, where
// units of runes or bytes would cut it.
func TestCharGraphemes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string // graphemes, by hand from UAX #29 (GB9, GB9a, GB9c)
	}{
		{"क्षि", []string{"क्षि"}},                         // क ् ष ि: a conjunct and a spacing mark
		{"प्र", []string{"प्र"}},                           // प ् र
		{"प्रति", []string{"प्र", "ति"}},                   // two clusters
		{"क्षि प्रति", []string{"क्षि", " ", "प्र", "ति"}}, // the space is a unit
		{"उन्होंने", []string{"उ", "न्हों", "ने"}},         // न ् ह ो ं: conjunct, vowel sign, anusvara
		{"a, b", []string{"a", ",", " ", "b"}},
	} {
		got := texts(ShingleTexts(tt.in, Options{Char, 1, 0}))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Char 1-shingles of %+q = %+q, want %+q", tt.in, got, tt.want)
		}
		// One shingle of all units when K exceeds their number, with the
		// hash of the whole text.
		if got, want := Shingles(tt.in, Options{Char, maxK, 5}), []uint64{HashString(Normalize(tt.in), 5)}; !slices.Equal(got, want) {
			t.Errorf("Shingles(%+q, char64) = %x, want %x", tt.in, got, want)
		}
	}

	// Units of bytes or runes would cut "क्षि" (12 bytes, 4 runes): the first
	// byte 4-gram ends inside a rune, the first rune 2-gram "क्" inside the
	// conjunct. Char 2-grams keep it whole.
	const s = "क्षि प्र"
	if utf8.ValidString(s[:4]) {
		t.Errorf("byte 4-gram %q of %q is valid UTF-8, want a cut rune", s[:4], s)
	}
	if got, want := texts(ShingleTexts(s, Options{Char, 2, 0})), []string{"क्षि ", " प्र"}; !slices.Equal(got, want) {
		t.Errorf("Char 2-shingles of %q = %q, want %q", s, got, want)
	}
}

func texts(ss []Shingle) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Text)
	}
	return out
}

func TestShinglesEmpty(t *testing.T) {
	for _, doc := range []string{"", "   ", "\u00a0\t\n", "।।", "||", "---", "\u200d\ufeff", ", . ! ?"} {
		for _, o := range []Options{{Word, 5, 0}, {Char, 4, 0}, {Word, 1, 0}, {Char, 1, 0}} {
			if got := Shingles(doc, o); len(got) != 0 {
				t.Errorf("Shingles(%+q, %v) = %x, want none", doc, o, got)
			}
			if got := ShingleTexts(doc, o); len(got) != 0 {
				t.Errorf("ShingleTexts(%+q, %v) = %+v, want none", doc, o, got)
			}
		}
	}
}

// TestShinglesShort checks that a document with fewer than K units gives
// one shingle of all of them, whose hash follows from the documented
// definition: Hash64 of the encoded token hashes (Word), Hash64 of the
// normalised text (Char).
func TestShinglesShort(t *testing.T) {
	const seed = 9
	for _, tt := range []struct {
		doc    string
		tokens []string
	}{
		{"किम", []string{"किम"}},
		{"किम जोंग-उन!", []string{"किम", "जोंग", "उन"}},
		{" North  KOREA ", []string{"north", "korea"}},
	} {
		var enc []byte
		for _, tok := range tt.tokens {
			enc = binary.LittleEndian.AppendUint64(enc, HashString(tok, seed))
		}
		want := []uint64{Hash64(enc, seed)}
		if got := Shingles(tt.doc, Options{Word, 5, seed}); !slices.Equal(got, want) {
			t.Errorf("Shingles(%q, word5) = %x, want %x", tt.doc, got, want)
		}
		wantText := []Shingle{{want[0], strings.Join(tt.tokens, " ")}}
		if got := ShingleTexts(tt.doc, Options{Word, 5, seed}); !slices.Equal(got, wantText) {
			t.Errorf("ShingleTexts(%q, word5) = %+v, want %+v", tt.doc, got, wantText)
		}
	}
}

// TestWordShingles checks the k-grams of a sentence against shingles
// written by hand, and each hash against its definition.
func TestWordShingles(t *testing.T) {
	const doc = "किम जोंग-उन ने रूसी विदेश मंत्री से मुलाकात की। किम जोंग-उन ने"
	o := Options{Word, 3, 77}
	want := []string{ // distinct, in document order
		"किम जोंग उन", "जोंग उन ने", "उन ने रूसी", "ने रूसी विदेश", "रूसी विदेश मंत्री",
		"विदेश मंत्री से", "मंत्री से मुलाकात", "से मुलाकात की", "मुलाकात की किम", "की किम जोंग",
		// "किम जोंग उन", "जोंग उन ने" again: duplicates
	}
	got := ShingleTexts(doc, o)
	if !slices.Equal(texts(got), want) {
		t.Fatalf("ShingleTexts(%q, %v) =\n%q\nwant\n%q", doc, o, texts(got), want)
	}
	var hashes []uint64
	for _, s := range got {
		var enc []byte
		for _, tok := range strings.Split(s.Text, " ") {
			enc = binary.LittleEndian.AppendUint64(enc, HashString(tok, o.Seed))
		}
		if h := Hash64(enc, o.Seed); s.Hash != h {
			t.Errorf("ShingleTexts: hash of %q = %#x, want %#x", s.Text, s.Hash, h)
		}
		hashes = append(hashes, s.Hash)
	}
	slices.Sort(hashes)
	if sh := Shingles(doc, o); !slices.Equal(sh, hashes) {
		t.Errorf("Shingles(%q, %v) = %x, want the sorted hashes of ShingleTexts %x", doc, o, sh, hashes)
	}
}

func TestShingleTextsMatchesShingles(t *testing.T) {
	doc := readSeed(t)
	for _, o := range []Options{{Word, 1, 0}, {Word, 5, 3}, {Char, 1, 0}, {Char, 4, 3}, {Char, 9, 0}} {
		st := ShingleTexts(doc, o)
		var hs []uint64
		for _, s := range st {
			hs = append(hs, s.Hash)
			if o.Unit == Char && !strings.Contains(Normalize(doc), s.Text) {
				t.Errorf("%v: shingle text %q is not a substring of the normalised document", o, s.Text)
			}
			if o.Unit == Char && s.Hash != HashString(s.Text, o.Seed) {
				t.Errorf("%v: hash of %q = %#x, want HashString of its text %#x", o, s.Text, s.Hash, HashString(s.Text, o.Seed))
			}
		}
		slices.Sort(hs)
		if got := Shingles(doc, o); !slices.Equal(got, hs) {
			t.Errorf("%v: Shingles has %d hashes, ShingleTexts %d; want the same set", o, len(got), len(hs))
		}
	}
}

func TestAppendProperties(t *testing.T) {
	doc := readSeed(t)
	for _, o := range []Options{{Word, 5, 0}, {Char, 4, 0}, {Word, 1, 1}, {Char, 64, 2}} {
		s, err := NewShingler(o)
		if err != nil {
			t.Fatal(err)
		}
		prefix := []uint64{42, 7, 7, 1}
		dst := s.Append(slices.Clone(prefix), doc)
		if !slices.Equal(dst[:len(prefix)], prefix) {
			t.Errorf("%v: Append changed dst's prefix to %v, want %v", o, dst[:len(prefix)], prefix)
		}
		got := dst[len(prefix):]
		if !isSortedDistinct(got) {
			t.Errorf("%v: Append's shingles are not sorted and distinct", o)
		}
		// The same Shingler gives the same answer again, and so does Shingles.
		if again := s.Append(nil, doc); !slices.Equal(again, got) {
			t.Errorf("%v: second Append differs from first", o)
		}
		if one := Shingles(doc, o); !slices.Equal(one, got) {
			t.Errorf("%v: Shingles differs from Shingler.Append", o)
		}
		// Another seed gives other hashes (here: none in common).
		o2 := o
		o2.Seed++
		if n := jaccard.Intersection(Shingles(doc, o2), got); n != 0 {
			t.Errorf("%v: seeds %d and %d share %d hashes, want 0", o, o.Seed, o2.Seed, n)
		}
	}
}

func isSortedDistinct(s []uint64) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] >= s[i] {
			return false
		}
	}
	return true
}

// TestWordShingleCount checks the count of a document without repeated
// shingles: n tokens give n-K+1 word K-shingles.
func TestWordShingleCount(t *testing.T) {
	doc := "one two three four five six seven eight nine ten"
	for k := 1; k <= 12; k++ {
		want := max(10-k+1, 1)
		if got := len(Shingles(doc, Options{Word, k, 0})); got != want {
			t.Errorf("len(Shingles(10 distinct words, word%d)) = %d, want %d", k, got, want)
		}
	}
}

func TestAppendAllocs(t *testing.T) {
	variants := seedVariants(t)
	for _, o := range []Options{{Word, 5, 0}, {Char, 4, 0}} {
		s, err := NewShingler(o)
		if err != nil {
			t.Fatal(err)
		}
		var dst []uint64
		for _, doc := range variants { // warm up on the largest forms
			dst = s.Append(dst[:0], doc)
		}
		for name, doc := range variants {
			if n := testing.AllocsPerRun(20, func() { dst = s.Append(dst[:0], doc) }); n != 0 {
				t.Errorf("%v: Append(variant %q) on a warm Shingler: %v allocs per call, want 0", o, name, n)
			}
		}
	}
}

func TestOptions(t *testing.T) {
	if got, want := DefaultOptions(), (Options{Word, 5, 0}); got != want {
		t.Errorf("DefaultOptions() = %+v, want %+v", got, want)
	}
	for _, tt := range []struct {
		o     Options
		ok    bool
		str   string
		inErr string
	}{
		{Options{Word, 5, 0}, true, "word5", ""},
		{Options{Char, 3, 1}, true, "char3", ""},
		{Options{Word, 1, 0}, true, "word1", ""},
		{Options{Char, 64, 0}, true, "char64", ""},
		{Options{Word, 0, 0}, false, "word0", "K = 0"},
		{Options{Word, -1, 0}, false, "word-1", "K = -1"},
		{Options{Char, 65, 0}, false, "char65", "K = 65"},
		{Options{Unit(2), 5, 0}, false, "Unit(2)5", "unknown unit Unit(2)"},
	} {
		err := tt.o.Validate()
		if (err == nil) != tt.ok || err != nil && !strings.Contains(err.Error(), tt.inErr) {
			t.Errorf("%+v.Validate() = %v, want ok=%v with %q", tt.o, err, tt.ok, tt.inErr)
		}
		if got := tt.o.String(); got != tt.str {
			t.Errorf("%+v.String() = %q, want %q", tt.o, got, tt.str)
		}
		if _, err := NewShingler(tt.o); (err == nil) != tt.ok {
			t.Errorf("NewShingler(%+v) error = %v, want ok=%v", tt.o, err, tt.ok)
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("Shingles with K = 0 did not panic")
		}
	}()
	Shingles("a", Options{Word, 0, 0})
}

func TestParseUnit(t *testing.T) {
	for _, u := range []Unit{Word, Char} {
		if got, err := ParseUnit(u.String()); got != u || err != nil {
			t.Errorf("ParseUnit(%q) = %v, %v, want %v, nil", u.String(), got, err, u)
		}
	}
	for _, s := range []string{"", "Word", "words", "byte", "grapheme"} {
		if _, err := ParseUnit(s); err == nil {
			t.Errorf("ParseUnit(%q) = nil error, want one", s)
		}
	}
}

func BenchmarkShingler(b *testing.B) {
	doc := readSeed(b)
	for _, o := range []Options{{Word, 5, 0}, {Char, 4, 0}} {
		b.Run(fmt.Sprintf("unit=%v/k=%d", o.Unit, o.K), func(b *testing.B) {
			s, err := NewShingler(o)
			if err != nil {
				b.Fatal(err)
			}
			var dst []uint64
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				dst = s.Append(dst[:0], doc)
			}
		})
	}
}

func BenchmarkNormalize(b *testing.B) {
	variants := seedVariants(b)
	for _, name := range []string{"NFC", "NBSP for every space", "upper-case English, BOM, soft hyphen"} {
		doc := variants[name]
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			var dst []byte
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				dst = AppendNormalized(dst[:0], doc)
			}
		})
	}
}

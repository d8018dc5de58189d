package text

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The expected values are derived by hand from the Unicode Character
// Database (decompositions, CaseFolding.txt, White_Space, General_Category)
// and the rules in Normalize's doc comment.
var normalizeTests = []struct {
	name, in, want string
}{
	{"empty", "", ""},
	{"only spaces", " \t\n\u00a0\u3000 ", ""},
	{"ASCII case and spaces", "  Hello,\u00a0World!\t\n", "hello, world!"},
	{"space runs", "a \t \r\n b", "a b"},
	{"Zs spaces", "a\u2007b\u202fc\u3000d\u1680e\u2002f", "a b c d e f"},
	{"line and paragraph separators, NEL", "a\u2028b\u2029c\u0085d\ve\ff", "a b c d e f"},
	{"sharp s folds to ss", "Straße", "strasse"},
	{"capital sharp s", "\u1e9e", "ss"},
	{"ligature", "\ufb01le", "file"},
	{"fullwidth", "\uff28\uff49", "hi"},
	{"superscript", "x\u00b2", "x2"},
	{"Greek sigma", "ΣΑΣ", "σασ"},
	{"dotted capital I", "\u0130", "i\u0307"},
	{"j caron composes after folding", "J\u030c", "\u01f0"},
	{"j caron precomposed", "\u01f0", "\u01f0"},
	{"h line below composes after folding", "H\u0331", "\u1e96"},
	{"iota diaeresis tonos", "\u0390", "\u0390"},
	{"Cherokee capital stays", "\u13a0", "\u13a0"},
	{"Cherokee small folds to capital", "\uab70\u13f8", "\u13a0\u13f0"},
	{"NFD Latin", "cafe\u0301", "caf\u00e9"},
	{"ZWJ inside a conjunct", "\u0915\u094d\u200d\u0937", "\u0915\u094d\u0937"},
	{"ZWNJ after virama", "\u0915\u094d\u200c\u0937", "\u0915\u094d\u0937"},
	{"ZWJ between base and mark composes", "e\u200d\u0301", "\u00e9"},
	{"soft hyphen", "co\u00adoperate", "cooperate"},
	{"BOM", "\ufeff\u0915\u093f\u092e", "\u0915\u093f\u092e"},
	{"bidi controls", "\u202aabc\u202c\u200e", "abc"},
	{"pipe is danda", "वह गया|", "वह गया\u0964"},
	{"two pipes are a double danda", "अंत||", "अंत\u0965"},
	{"two dandas are a double danda", "अंत\u0964\u0964", "अंत\u0965"},
	{"mixed pair", "|\u0964", "\u0965"},
	{"three pipes", "|||", "\u0965\u0964"},
	{"spaced pipes stay single", "| |", "\u0964 \u0964"},
	{"fullwidth vertical line", "\uff5c", "\u0964"},
	{"double danda kept", "\u0965", "\u0965"},
	{"invalid UTF-8", "a\xffb\xc0", "a\ufffdb\ufffd"},
	{"precomposed nukta decomposes", "\u0958", "\u0915\u093c"},
	{"nnna composes", "\u0928\u093c", "\u0929"},
	{"Devanagari digits stay", "२०२५", "२०२५"},
}

func TestNormalize(t *testing.T) {
	for _, tt := range normalizeTests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("%s: Normalize(%+q) = %+q, want %+q", tt.name, tt.in, got, tt.want)
		}
		if got := string(AppendNormalized([]byte("prefix"), tt.in)); got != "prefix"+tt.want {
			t.Errorf("%s: AppendNormalized(\"prefix\", %+q) = %+q, want %+q", tt.name, tt.in, got, "prefix"+tt.want)
		}
	}
}

// nuktaLetters maps each precomposed nukta letter to its consonant+nukta
// form. U+0958..U+095F are composition exclusions (NFKC decomposes them);
// U+0929, U+0931 and U+0934 are not (NFKC composes them).
var nuktaLetters = []struct {
	precomposed, decomposed string
	canonical               string // the NFKC form
}{
	{"\u0958", "\u0915\u093c", "\u0915\u093c"}, // qa
	{"\u0959", "\u0916\u093c", "\u0916\u093c"}, // khha
	{"\u095a", "\u0917\u093c", "\u0917\u093c"}, // ghha
	{"\u095b", "\u091c\u093c", "\u091c\u093c"}, // za
	{"\u095c", "\u0921\u093c", "\u0921\u093c"}, // dddha
	{"\u095d", "\u0922\u093c", "\u0922\u093c"}, // rha
	{"\u095e", "\u092b\u093c", "\u092b\u093c"}, // fa
	{"\u095f", "\u092f\u093c", "\u092f\u093c"}, // yya
	{"\u0929", "\u0928\u093c", "\u0929"},       // nnna
	{"\u0931", "\u0930\u093c", "\u0931"},       // rra
	{"\u0934", "\u0933\u093c", "\u0934"},       // llla
}

func TestNormalizeNukta(t *testing.T) {
	for _, l := range nuktaLetters {
		// In a word, with a vowel sign after the nukta: क़ानून, ज़ि...
		for _, suffix := range []string{"", "\u093e\u0928\u0942\u0928", "\u093f"} {
			a, b := Normalize(l.precomposed+suffix), Normalize(l.decomposed+suffix)
			if want := l.canonical + suffix; a != want || b != want {
				t.Errorf("Normalize(%+q) = %+q and Normalize(%+q) = %+q, want both %+q",
					l.precomposed+suffix, a, l.decomposed+suffix, b, want)
			}
		}
	}
}

// TestNormalizeIdempotentAllRunes checks Normalize(Normalize(s)) ==
// Normalize(s) for every code point alone and followed by a combining acute,
// which catches case foldings that denormalise (the cases of ǰ and ΐ) and
// foldings that are not stable (Cherokee).
func TestNormalizeIdempotentAllRunes(t *testing.T) {
	if testing.Short() {
		t.Skip("1.1 million code points")
	}
	step := rune(1)
	if raceEnabled {
		step = 7 // a sample: the race detector makes the full sweep slow
	}
	var failures int
	for r := rune(0); r <= unicode.MaxRune && failures < 20; r += step {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, s := range []string{string(r), "A" + string(r) + "\u0301"} {
			n1 := Normalize(s)
			if n2 := Normalize(n1); n2 != n1 {
				t.Errorf("Normalize(%+q) = %+q, but Normalize of that = %+q", s, n1, n2)
				failures++
			}
		}
	}
}

func TestNormalizeOutput(t *testing.T) {
	// Properties of every output: valid UTF-8, NFKC, no format character,
	// no white space but single inner ASCII spaces, no '|'.
	for _, tt := range normalizeTests {
		got := Normalize(tt.in)
		checkNormalized(t, tt.in, got)
	}
}

func checkNormalized(t *testing.T, in, got string) {
	t.Helper()
	if !utf8.ValidString(got) {
		t.Errorf("Normalize(%+q) = %+q: not valid UTF-8", in, got)
	}
	if !norm.NFKC.IsNormalString(got) {
		t.Errorf("Normalize(%+q) = %+q: not NFKC", in, got)
	}
	prevSpace := true
	for i, r := range got {
		switch {
		case unicode.Is(unicode.Cf, r):
			t.Errorf("Normalize(%+q) = %+q: format character %U at %d", in, got, r, i)
		case r == '|':
			t.Errorf("Normalize(%+q) = %+q: '|' at %d", in, got, i)
		case unicode.IsSpace(r) && (r != ' ' || prevSpace):
			t.Errorf("Normalize(%+q) = %+q: space %U at %d not single, or leading", in, got, r, i)
		}
		prevSpace = unicode.IsSpace(r)
	}
	if prevSpace && got != "" {
		t.Errorf("Normalize(%+q) = %+q: trailing space", in, got)
	}
}

func TestNormalizeAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("under the race detector sync.Pool drops a quarter of what is put in it")
	}
	const s = "किम जोंग-उन ने रूसी विदेश मंत्री सर्गेई लावरोव से मुलाकात की।"
	if got := Normalize(s); got != s {
		t.Fatalf("Normalize(%q) = %q, want it unchanged", s, got)
	}
	if n := testing.AllocsPerRun(100, func() { Normalize(s) }); n != 0 {
		t.Errorf("Normalize of normalised text: %v allocs per run, want 0", n)
	}
}

func unicodeIsCf(r rune) bool { return unicode.Is(unicode.Cf, r) }

package text

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// equivOptions are the options the equivalence tests run: both units, K
// from 1 to maxK, and seeds at both ends of the range.
var equivOptions = []Options{
	{Word, 1, 0}, {Word, 2, 7}, {Word, 3, 0}, {Word, 5, 0}, {Word, 5, 1<<64 - 1}, {Word, 8, 3}, {Word, maxK, 0},
	{Char, 1, 0}, {Char, 3, 5}, {Char, 4, 0}, {Char, 9, 1<<64 - 1}, {Char, maxK, 2},
}

// equivDocs returns the documents of the equivalence tests: the seed
// paragraph and its typographic variants, the inputs of the normaliser's
// tests, generated Devanagari documents, and hand-written cases for each
// branch of the one-pass word scan.
func equivDocs(tb testing.TB) []string {
	tb.Helper()
	docs := []string{
		"", " ", "\n\n", "।", "||", "a", "A", "Z9", "क", "\u093c", "\u094d",
		// Nukta letters in both encodings, alone, in words and after the
		// consonants with which the nukta composes (न, र, ळ).
		"\u0958\u093e\u0928\u0942\u0928 \u0915\u093c\u093e\u0928\u0942\u0928",
		"\u095b\u0930\u0942\u0930\u0940 \u091c\u093c\u0930\u0942\u0930\u0940 \u095e\u093f\u0932\u094d\u092e",
		"\u0928\u093c \u0930\u093c \u0933\u093c \u0929 \u0931 \u0934",
		"क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ \u0915\u093c\u094d\u0937 \u0915\u094d\u093c",
		"\u0915\u093c", "x\u093c", "\u093c\u093c\u093c", "A\u093c", "a\u093c", "\u0928\u093c\u094d",
		// ZWJ and ZWNJ, NBSP and other spaces, '|' and dandas.
		"क्\u200dष क्\u200cष \u200d\u200c",
		"नई\u00a0दिल्ली\u202fमें\u2007आज\u3000बैठक\t\r\nहुई",
		"वह गया| वह आया|| फिर |।| । । ॥ |",
		// Case, ASCII and not, and mixed scripts.
		"North KOREA-Russia RELATIONS: किम जोंग-उन ने KIM से कहा",
		"ÉCOLE Straße ΣΟΦΙΑ Ѐ ǰ J\u030c H\u0331 \u0130stanbul ﬁle Ｈｉ x²",
		"Москва Αθήνα القاهرة 北京 東京 서울 ಬೆಂಗಳೂರು தமிழ் ગુજરાતી ਪੰਜਾਬੀ বাংলা ଓଡ଼ିଆ",
		"\u13a0\u13a1 \uab70\uab71 \u13f8\u13fd ᏣᎳᎩ",
		"emoji 👍🏽 and flags 🇮🇳 — “quotes” ‘too’ … ₹100 ©2025",
		"२०२५ 2025 ½ ⅻ ٣ x2y3 don't 2.5",
		// Invalid UTF-8 and U+FFFD.
		"a\xffb \xe0\xa4 \xe0\xa4\x95\xe0 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \ufffd",
		"\xe0\xa4\x95\xe0\xa4",
		// Format characters: BOM, soft hyphen, bidi controls.
		"\ufeffकिम co\u00adoperate \u202aabc\u202c\u200e",
		// Combining marks: ordered, misordered, and runs longer than the
		// 20 isSimple accepts and the 30 of the stream-safe format.
		"e\u0301\u0323 a" + strings.Repeat("\u0301", 20), "e\u0323\u0301", "b" + strings.Repeat("\u0301", 21),
		"c" + strings.Repeat("\u0323", 35), "क" + strings.Repeat("\u094d", 25), "\u0dd9\u0dcf \u0dd9\u0dca",
		// Very long tokens, with and without capitals, and ones ending
		// the text at every length mod 8.
		strings.Repeat("क", 5000), strings.Repeat("Ab", 3000) + " " + strings.Repeat("ज़", 700),
		"ab", "abc", "abcdefg", "abcdefgh", "abcdefghi", "x abcdefghijklmnop", "ABCDEFGHIJ KLMNOPQRST",
		// Mid-range runes: General Punctuation, currency, letters above
		// U+1000 (Georgian, Latin Extended Additional, Greek Extended).
		"ა ბ Ⴀ ḁ Ḁ ẞ ἀ Ἀ ‐ ‑ ‒ – — ― ‖ ‗ ‚ ‛ „ ‟ † ‡ • ‣ ‰ ′ ″ ⁄ ⁰ ₀ ₹ ℃ ℅ Ⅰ ↑ ∀ ⌘ ⑴ ─ ■ ☂ ✓ ⟨ ⠁ ⺀ ⿰",
	}
	for _, v := range seedVariants(tb) {
		docs = append(docs, v)
	}
	for _, tt := range normalizeTests {
		docs = append(docs, tt.in)
	}
	for _, s := range interesting {
		docs = append(docs, s, "क"+s, s+"\u093c", "A"+s+"b")
	}
	docs = append(docs, devanagariDocs(tb, 20, 2)...)
	return docs
}

// checkMatchesReference checks that Shingler.Append of doc equals the
// reference's, appending to an empty and to a non-empty dst.
func checkMatchesReference(t *testing.T, s *Shingler, ref *refShingler, o Options, doc string) {
	t.Helper()
	if o.Unit == Word {
		// The one-pass scan takes the normaliser's fast path exactly
		// where the normaliser does.
		if got, want := s.scanWords(doc, o.Seed), isSimple(new(normalizer), doc); got != want {
			t.Errorf("scanWords(%+.200q) = %v, isSimple = %v", doc, got, want)
		}
	}
	want := ref.Append(nil, doc)
	if got := s.Append(nil, doc); !slices.Equal(got, want) {
		t.Errorf("Shingler(%v).Append(nil, %+.200q) = %d hashes %x, reference %d hashes %x",
			o, doc, len(got), got[:min(len(got), 8)], len(want), want[:min(len(want), 8)])
		return
	}
	prefix := []uint64{9, 3, 3}
	want = ref.Append(slices.Clone(prefix), doc)
	if got := s.Append(slices.Clone(prefix), doc); !slices.Equal(got, want) {
		t.Errorf("Shingler(%v).Append(%v, %+.200q) differs from the reference", o, prefix, doc)
	}
}

// TestShinglerMatchesReference checks that Shingler.Append gives exactly
// what the reference implementation of reference_test.go gives, for every
// document of equivDocs and every option of equivOptions. One Shingler per
// option runs all documents, so buffers left from one document to the next
// are exercised too.
func TestShinglerMatchesReference(t *testing.T) {
	docs := equivDocs(t)
	for _, o := range equivOptions {
		s, ref := mustShingler(o), newRefShingler(o)
		for _, doc := range docs {
			checkMatchesReference(t, s, ref, o, doc)
		}
	}
}

// TestShinglerMatchesReferenceRandom checks Shingler.Append against the
// reference on random strings over the alphabet of TestNormalizeFastSlow,
// which reach every branch of the normaliser and of the word scan.
func TestShinglerMatchesReferenceRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	n := 20000
	if testing.Short() || raceEnabled {
		n = 2000
	}
	opts := []Options{{Word, 1, 0}, {Word, 2, 1}, {Word, 5, 0}, {Char, 2, 0}}
	var ss []*Shingler
	var refs []*refShingler
	for _, o := range opts {
		ss, refs = append(ss, mustShingler(o)), append(refs, newRefShingler(o))
	}
	alphabet := append(slices.Clone(interesting), "\u0915\u093c", "\u0928\u093c", "\u095b", "ab", "Xy", "—", "₹")
	var b strings.Builder
	for i := range n {
		b.Reset()
		for range 1 + rng.IntN(16) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		j := i % len(opts)
		checkMatchesReference(t, ss[j], refs[j], opts[j], b.String())
	}
}

// TestShinglerAppendAllocs checks that Append allocates nothing on a warm
// Shingler for documents of the target workload, with the default options.
func TestShinglerAppendAllocs(t *testing.T) {
	docs := devanagariDocs(t, 50, 3)
	s := mustShingler(DefaultOptions())
	var dst []uint64
	for _, doc := range docs {
		dst = s.Append(dst[:0], doc)
	}
	if n := testing.AllocsPerRun(5, func() {
		for _, doc := range docs {
			dst = s.Append(dst[:0], doc)
		}
	}); n != 0 {
		t.Errorf("Append of %d generated documents on a warm Shingler: %v allocs per run, want 0", len(docs), n)
	}
}

// FuzzShinglerMatchesReference checks that Shingler.Append gives exactly
// what the reference implementation gives, for any bytes and options.
func FuzzShinglerMatchesReference(f *testing.F) {
	for _, doc := range equivDocs(f) {
		if len(doc) > 400 {
			// Short seeds keep each execution and the minimisation fast.
			for _, part := range strings.SplitAfter(doc, "।") {
				f.Add([]byte(part), uint8(4), false, uint64(0))
			}
			continue
		}
		f.Add([]byte(doc), uint8(4), false, uint64(0))
		f.Add([]byte(doc), uint8(0), false, uint64(1))
		f.Add([]byte(doc), uint8(2), true, uint64(0))
	}
	f.Fuzz(func(t *testing.T, doc []byte, k uint8, char bool, seed uint64) {
		o := Options{Unit: Word, K: int(k)%maxK + 1, Seed: seed}
		if char {
			o.Unit = Char
		}
		checkMatchesReference(t, mustShingler(o), newRefShingler(o), o, string(doc))
	})
}

// TestSortHashes checks sortHashes against slices.Sort on uniform hashes,
// on hashes sharing their top bits (which exhaust the insertion sort's
// budget), and with duplicates, for lengths around minRadixSort.
func TestSortHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var tmp []uint64
	for _, n := range []int{0, 1, 2, minRadixSort - 1, minRadixSort, 234, 1000, 5000} {
		for _, kind := range []string{"uniform", "shared top bits", "duplicates"} {
			src := make([]uint64, n)
			for i := range src {
				switch kind {
				case "uniform":
					src[i] = rng.Uint64()
				case "shared top bits":
					src[i] = 0xABCD<<48 | rng.Uint64()>>16
				case "duplicates":
					src[i] = rng.Uint64N(8) << 61
				}
			}
			want := slices.Sorted(slices.Values(src))
			got := make([]uint64, n)
			tmp = sortHashes(got, src, tmp)
			if !slices.Equal(got, want) {
				t.Errorf("sortHashes of %d %s hashes: not the sorted input", n, kind)
			}
		}
	}
}

// TestHashSubstring checks hashSubstring against HashString for every
// substring of a 42-byte string, which covers every length mod 8 both near
// the start (no word can be read ending at end) and further in.
func TestHashSubstring(t *testing.T) {
	const s = "0123456789abcdefghijklmnopqrstuvwxyzकि"
	for start := 0; start <= len(s); start++ {
		for end := start; end <= len(s); end++ {
			if got, want := hashSubstring(s, start, end, 11), HashString(s[start:end], 11); got != want {
				t.Errorf("hashSubstring(%q, %d, %d) = %#x, want HashString %#x", s, start, end, got, want)
			}
		}
	}
}

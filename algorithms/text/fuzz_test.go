package text

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzShingles checks properties of the whole pipeline on arbitrary bytes:
// no panic, sorted and distinct output, idempotent Normalize whose output is
// valid NFKC, the fast path agreeing with the slow one, and shingles that
// depend only on the normalised text.
func FuzzShingles(f *testing.F) {
	// Short seeds (sentences, not paragraphs) keep each execution and the
	// minimisation of new inputs fast.
	for _, sentence := range strings.SplitAfter(readSeed(f), "।") {
		f.Add([]byte(sentence), uint8(4), false)
		f.Add([]byte(sentence), uint8(3), true)
	}
	for _, v := range seedVariants(f) {
		f.Add([]byte(v[:min(len(v), 200)]), uint8(4), true)
	}
	for _, tt := range normalizeTests {
		f.Add([]byte(tt.in), uint8(0), false)
		f.Add([]byte(tt.in), uint8(1), true)
	}
	f.Add([]byte("\xe0\xa4"), uint8(63), true) // a cut Devanagari rune
	f.Fuzz(func(t *testing.T, doc []byte, k uint8, char bool) {
		s := string(doc)
		o := Options{Unit: Word, K: int(k)%maxK + 1, Seed: uint64(k)}
		if char {
			o.Unit = Char
		}
		n1 := Normalize(s)
		checkNormalized(t, s, n1)
		if n2 := Normalize(n1); n2 != n1 {
			t.Fatalf("Normalize(%+q) = %+q, but Normalize of that = %+q", s, n1, n2)
		}
		slow := &normalizer{slow: true}
		if got := string(slow.append(nil, s)); got != n1 {
			t.Fatalf("Normalize(%+q): fast path %+q, slow path %+q", s, n1, got)
		}

		got := Shingles(s, o)
		if !isSortedDistinct(got) {
			t.Fatalf("Shingles(%+q, %v) = %x: not sorted and distinct", s, o, got)
		}
		if again := Shingles(n1, o); !slices.Equal(again, got) {
			t.Fatalf("Shingles(%+q, %v) = %x, but of its normalisation %x", s, o, got, again)
		}
		if (len(got) == 0) != (len(AppendTokens(nil, n1)) == 0) {
			t.Fatalf("Shingles(%+q, %v) = %x, but its tokens are %q", s, o, got, AppendTokens(nil, n1))
		}
		var hs []uint64
		for _, sh := range ShingleTexts(s, o) {
			hs = append(hs, sh.Hash)
		}
		slices.Sort(hs)
		if !slices.Equal(hs, got) {
			t.Fatalf("ShingleTexts(%+q, %v) hashes %x, Shingles %x", s, o, hs, got)
		}
	})
}

// interesting is the alphabet of TestNormalizeFastSlow: runes that take
// every branch of the fast path and of the slow one.
var interesting = []string{
	"a", "z", "A", "J", "H", "Z", "j", "h", "0", " ", "  ", "\t", "\n", "|", "-", ".",
	"\u00a0", "\u202f", "\u2007", "\u3000", "\u1680", "\u2028", "\u0085",
	"क", "न", "र", "ळ", "ष", "म", "\u093c", "\u094d", "\u093f", "\u0940", "\u0902", "\u0901",
	"\u0958", "\u0929", "\u0964", "\u0965", "\u0951", "\u0952",
	"\u200d", "\u200c", "\u00ad", "\ufeff",
	"\u0301", "\u0300", "\u0331", "\u030c", "\u0345", "\u0308", "\u0338", "=", "<",
	"\u0316", "\u0323", "\u0334", "\u05b0", "\u034f", "\u00ea", "\u1eb9", "\u0dda", "\u0dca",
	"é", "É", "ß", "\u1e9e", "\u0130", "\u01f0", "\u0390", "Σ", "ς", "\ufb01", "\u00b2", "\uff21",
	"\u13a0", "\uab70", "\u13f8", "\u0dd9", "\u0dcf", "\u0b47", "\u0b3e", "\u1100", "\u1161", "\u11a8",
	"\u2018", "\u2014", "\u2026", "\u20b9", "\ufffd", "\xff", "\xe0\xa4",
}

// TestNormalizeFastSlow checks on random strings over the interesting
// alphabet that the fast path gives what the slow path gives, and that the
// result is idempotent and well formed.
func TestNormalizeFastSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	fast, slow := &normalizer{}, &normalizer{slow: true}
	n := 20000
	if testing.Short() || raceEnabled {
		n = 2000
	}
	var b strings.Builder
	for range n {
		b.Reset()
		for range 1 + rng.IntN(10) {
			b.WriteString(interesting[rng.IntN(len(interesting))])
		}
		s := b.String()
		got := string(fast.append(nil, s))
		if want := string(slow.append(nil, s)); got != want {
			t.Errorf("normalise %+q: fast path %+q, slow path %+q", s, got, want)
			continue
		}
		if again := string(fast.append(nil, got)); again != got {
			t.Errorf("Normalize(%+q) = %+q, but Normalize of that = %+q", s, got, again)
		}
		checkNormalized(t, s, got)
	}
}

// TestSimpleTable checks the assumptions of the fast path against the
// normalisation and case-folding data, for every code point.
func TestSimpleTable(t *testing.T) {
	if testing.Short() {
		t.Skip("all code points")
	}
	table := simpleTable()
	n := new(normalizer)
	var failures int
	for c := rune(0); c <= utf8.MaxRune && failures < 20; c++ {
		if !utf8.ValidRune(c) {
			continue
		}
		s := string(c)
		// Every rune after the first of a primary composite's canonical
		// decomposition is Maybe.
		if d := norm.NFD.String(s); d != s && norm.NFC.String(d) == s {
			_, size := utf8.DecodeRuneInString(d)
			for _, r := range d[size:] {
				if r < simpleTableSize && !table[r].maybe {
					t.Errorf("%U is in the decomposition of %U but not marked Maybe", r, c)
					failures++
				}
			}
		}
		var ok bool
		if c < simpleTableSize {
			ok = table[c].ok
		} else {
			ok = simpleRuneSlow(n, c)
		}
		if ok != simpleRune(c) && !(c >= simpleTableSize && !ok) {
			// Above the table, simpleRuneSlow may refuse what simpleRune
			// accepts (it is conservative), never the other way round.
			t.Errorf("%U: fast-path ok = %v, simpleRune = %v", c, ok, simpleRune(c))
			failures++
		}
		if c >= simpleTableSize && ok && !isSpace(c) && !norm.NFC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("%U: accepted above the table but may compose with its predecessor", c)
			failures++
		}
	}
}

func TestIsFormat(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if got, want := isFormat(r), unicodeIsCf(r); got != want {
			t.Errorf("isFormat(%U) = %v, want %v", r, got, want)
		}
	}
}

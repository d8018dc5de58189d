package text

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The code points the normaliser treats specially.
const (
	danda       = '\u0964' // DEVANAGARI DANDA, the sentence end
	doubleDanda = '\u0965' // DEVANAGARI DOUBLE DANDA
)

// Normalize returns the canonical form of s that tokens and shingles are
// taken from. In order:
//
//  1. Format characters (Unicode category Cf: ZWJ U+200D, ZWNJ U+200C, soft
//     hyphen U+00AD, BOM U+FEFF, bidi controls, ...) are dropped, and each
//     byte that is not part of valid UTF-8 becomes U+FFFD. Dropping comes
//     first so that a format character inside a word cannot stop the next
//     step from composing it.
//  2. The text is put in Unicode Normalization Form KC (UAX #15). This unifies
//     the nukta letters: U+0958..U+095F are composition exclusions, so NFKC
//     decomposes them to consonant+U+093C, the form typed text already has.
//  3. The text is fully case folded (Unicode CaseFolding.txt, statuses C and
//     F, so "ß" becomes "ss"). Folding can denormalise (it maps "ǰ" to j and a
//     combining caron), so where it changes anything the text is decomposed
//     (NFKD), folded, and composed again (NFKC), the order of Unicode's
//     NFKC_Casefold, which makes the result stable under a second pass.
//     Cherokee small letters fold to the capitals, as CaseFolding.txt says;
//     golang.org/x/text/cases v0.43.0 folds the capitals to the small letters
//     instead, which is corrected here.
//  4. Every white space rune (unicode.IsSpace: the Zs spaces including NBSP
//     U+00A0, U+2007 and U+202F, tab, line and paragraph breaks) becomes one
//     ASCII space; runs of them collapse to one space, and leading and
//     trailing space is trimmed.
//  5. The ASCII '|', which Hindi typists use as a sentence end, becomes the
//     danda U+0964, and two dandas in a row ("||", "।।", "|।") become one
//     double danda U+0965; an odd one out stays a danda.
//
// Normalize is idempotent: Normalize(Normalize(s)) == Normalize(s). It
// returns s itself, without allocating, when s is already normalised.
func Normalize(s string) string {
	n := normalizers.Get().(*normalizer)
	n.out = n.append(n.out[:0], s)
	r := s
	if string(n.out) != s {
		r = string(n.out)
	}
	normalizers.Put(n)
	return r
}

// AppendNormalized appends Normalize(s) to dst and returns the extended
// slice, so a caller can reuse its buffer.
func AppendNormalized(dst []byte, s string) []byte {
	n := normalizers.Get().(*normalizer)
	dst = n.append(dst, s)
	normalizers.Put(n)
	return dst
}

// normalizers holds the scratch buffers of the package-level functions.
var normalizers = sync.Pool{New: func() any { return new(normalizer) }}

// foldCaser does full case folding. cases.Fold documents it as stateless and
// safe for concurrent use.
var foldCaser = cases.Fold()

// A normalizer holds the scratch buffers of Normalize, so that normalising a
// document allocates nothing once the buffers have grown to its size.
type normalizer struct {
	a, b, c []byte    // scratch for the successive forms of the text
	out     []byte    // result buffer of Normalize
	seg     []byte    // scratch for isNFKC
	it      norm.Iter // normalises without allocating, unlike norm.Form.Append
	slow    bool      // for tests: never take the fast path
}

// append appends the normalised form of s to dst.
func (n *normalizer) append(dst []byte, s string) []byte {
	if !n.slow && isSimple(n, s) {
		// Steps 1 to 3 would change nothing but ASCII capitals.
		return appendCleaned(dst, s)
	}

	t := appendSanitized(n.a[:0], s) // step 1
	n.a = t
	if !n.slow && isSimple(n, t) {
		// Only format characters or invalid bytes were in the way.
		return appendCleaned(dst, t)
	}

	if norm.NFKC.QuickSpan(t) < len(t) { // step 2
		n.b = n.appendForm(n.b[:0], norm.NFKC, t)
		n.a, n.b = n.b, n.a
		t = n.a
	}

	// Step 3. Most text needs no folding, or only ASCII capitals lowered; an
	// ASCII capital followed by ASCII (or the end) can be lowered in place
	// without affecting normalisation, since no composition involves it.
	foldASCII(t)
	if sp, _ := foldCaser.Span(t, true); sp < len(t) {
		n.b = n.appendForm(n.b[:0], norm.NFKD, t)
		n.c = appendFolded(n.c[:0], n.b)
		n.a = n.appendForm(n.a[:0], norm.NFKC, n.c)
		t = n.a
	}

	return appendCleaned(dst, t) // steps 4 and 5, and the Cherokee fix
}

// appendForm appends f(src) to dst.
func (n *normalizer) appendForm(dst []byte, f norm.Form, src []byte) []byte {
	n.it.Init(f, src)
	for !n.it.Done() {
		dst = append(dst, n.it.Next()...)
	}
	return dst
}

// appendSanitized appends s to dst without its format characters, with each
// invalid UTF-8 byte replaced by U+FFFD.
func appendSanitized(dst []byte, s string) []byte {
	start := 0 // s[start:i] is clean and not yet copied
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = utf8.AppendRune(dst, utf8.RuneError)
			start = i + size
		case isFormat(r):
			dst = append(dst, s[start:i]...)
			start = i + size
		}
		i += size
	}
	return append(dst, s[start:]...)
}

// isFormat reports whether r is in the Unicode category Cf. No rune in
// U+0001..U+00AC, U+00AE..U+05FF or U+0900..U+180D is, which keeps the check
// off the Cf table for Latin, Devanagari and the other Indic scripts.
func isFormat(r rune) bool {
	switch {
	case r < 0x600:
		return r == 0xAD
	case r >= 0x900 && r < 0x180E:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

// foldASCII lowers, in place, each ASCII capital letter of t that is followed
// by an ASCII byte or ends t.
func foldASCII(t []byte) {
	for i, c := range t {
		if 'A' <= c && c <= 'Z' && (i+1 == len(t) || t[i+1] < utf8.RuneSelf) {
			t[i] = c + ('a' - 'A')
		}
	}
}

// appendFolded appends the full case folding of src to dst.
func appendFolded(dst, src []byte) []byte {
	for len(src) > 0 {
		dst = slices.Grow(dst, 2*len(src)+64)
		nDst, nSrc, err := foldCaser.Transform(dst[len(dst):cap(dst)], src, true)
		dst = dst[:len(dst)+nDst]
		src = src[nSrc:]
		if err == transform.ErrShortDst && nDst+nSrc > 0 {
			continue // folding grew the text; make more room
		}
		if err != nil {
			// Not expected of a case folder with room for a rune's
			// folding; keep the input rather than loop or lose it.
			dst = append(dst, src...)
		}
		break
	}
	return dst
}

// appendCleaned appends t to dst with ASCII capitals lowered, white space
// mapped, collapsed and trimmed, '|' mapped to the danda, pairs of dandas
// mapped to the double danda, and Cherokee small letters mapped to their
// capitals (their case folding). t must be valid UTF-8.
func appendCleaned[T ~string | ~[]byte](dst []byte, t T) []byte {
	start := len(dst)
	space := false  // a space is pending
	lastDanda := -1 // offset in dst of a single danda just written, or -1
	plain := 0      // t[plain:i] is to be copied as it is
	for i := 0; i < len(t); {
		// Skip the runes that are copied as they are. Only ASCII and the
		// lead bytes C2 (U+0085, U+00A0), E0 (the danda), E1 (U+1680,
		// U+13F8..), E2 (U+2000.., U+205F), E3 (U+3000) and EA (U+AB70..)
		// begin one that is not.
		c := t[i]
		if k := cleanClass[c]; k&mayBeSpecial == 0 {
			i += int(k)
			continue
		} else if c == 0xE0 && i+2 < len(t) && (t[i+1] != 0xA5 || t[i+2] != 0xA4) {
			i += 3 // Devanagari, not the danda
			continue
		}
		r, size := decodeRune(t, i)
		special := true
		switch {
		case isSpace(r), r == '|', r == danda, 'A' <= r && r <= 'Z':
		case 0xAB70 <= r && r <= 0xABBF, 0x13F8 <= r && r <= 0x13FD:
		default:
			special = false
		}
		if !special {
			i += size
			continue
		}
		// Flush the plain run before r.
		if plain < i {
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, t[plain:i]...)
			lastDanda = -1
		}
		i += size
		plain = i
		if isSpace(r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
			lastDanda = -1
		}
		switch {
		case r == '|' || r == danda:
			if lastDanda >= 0 {
				dst = utf8.AppendRune(dst[:lastDanda], doubleDanda)
				lastDanda = -1
				continue
			}
			lastDanda = len(dst)
			dst = utf8.AppendRune(dst, danda)
			continue
		case 'A' <= r && r <= 'Z':
			dst = append(dst, byte(r)+'a'-'A')
		case 0xAB70 <= r && r <= 0xABBF: // CHEROKEE SMALL LETTER A..MV
			dst = utf8.AppendRune(dst, r-0xAB70+0x13A0)
		default: // 0x13F8 <= r && r <= 0x13FD: CHEROKEE SMALL LETTER YE..MV
			dst = utf8.AppendRune(dst, r-8)
		}
		lastDanda = -1
	}
	if plain < len(t) {
		if space {
			dst = append(dst, ' ')
		}
		dst = append(dst, t[plain:]...)
	}
	return dst
}

// cleanClass gives, for each byte that can begin a rune, the length of its
// UTF-8 sequence (1 for bytes that cannot begin one), plus mayBeSpecial if
// the rune it begins may be one appendCleaned changes.
var cleanClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c < 0x80:
			t[c] = 1
			if c == '|' || 'A' <= c && c <= 'Z' || isSpace(rune(c)) {
				t[c] |= mayBeSpecial
			}
		case c < 0xC2 || c > 0xF4:
			t[c] = 1
		case c < 0xE0:
			t[c] = 2
		case c < 0xF0:
			t[c] = 3
		default:
			t[c] = 4
		}
		switch c {
		case 0xC2, 0xE0, 0xE1, 0xE2, 0xE3, 0xEA:
			t[c] |= mayBeSpecial
		}
	}
	return t
}()

const mayBeSpecial = 0x80

// isSpace reports whether r is white space (unicode.IsSpace).
func isSpace(r rune) bool {
	if r < 0x1680 {
		return r == ' ' || ('\t' <= r && r <= '\r') || r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r)
}

package text

import (
	"unicode"
	"unicode/utf8"
)

// AppendTokens appends the tokens of normalized to dst and returns the
// extended slice. A token is a maximal run of runes in the Unicode categories
// L (letters), M (marks) and N (digits and other numbers); every other rune,
// and every invalid UTF-8 byte, separates tokens. The tokens are substrings of
// normalized, in document order.
//
// Vowel signs (Mc, Mn), the virama and the nukta are marks, so a Devanagari
// word is never split inside: "उन्होंने" and "क़ानून" are one token each.
// normalized should be the output of Normalize: Normalize drops the ZWJ and
// ZWNJ that would otherwise (being Cf) split "क्‍ष" in two.
func AppendTokens(dst []string, normalized string) []string {
	for i := 0; ; {
		start, end := nextToken(normalized, i)
		if start < 0 {
			return dst
		}
		dst = append(dst, normalized[start:end])
		i = end
	}
}

// nextToken returns the byte offsets of the first token of s at or after i,
// or -1, -1 if there is none.
func nextToken[T ~string | ~[]byte](s T, i int) (start, end int) {
	start = -1
	for i < len(s) {
		r, size := decodeRune(s, i)
		if isTokenRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return start, i
		}
		i += size
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(s)
}

// hasToken reports whether s holds at least one token.
func hasToken[T ~string | ~[]byte](s T) bool {
	start, _ := nextToken(s, 0)
	return start >= 0
}

// decodeRune decodes the rune of s at byte offset i like utf8.DecodeRune:
// an invalid byte gives (utf8.RuneError, 1). Two- and three-byte sequences
// (Devanagari is three) are decoded inline.
func decodeRune[T ~string | ~[]byte](s T, i int) (rune, int) {
	c := s[i]
	switch {
	case c < utf8.RuneSelf:
		return rune(c), 1
	case 0xC2 <= c && c < 0xE0:
		if i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
		}
	case 0xE0 <= c && c < 0xF0:
		if i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) { // not overlong, not a surrogate
				return r, 3
			}
		}
	}
	var b [utf8.UTFMax]byte
	n := copy(b[:], s[i:])
	return utf8.DecodeRune(b[:n])
}

// tokenTableSize covers Latin, Greek, Cyrillic, Arabic and the Indic scripts
// (Devanagari is U+0900..U+097F), the runes of nearly all simbench text.
const tokenTableSize = 0x1000

// tokenTable is the bit set of the runes below tokenTableSize in L, M or N,
// computed from the unicode package so it cannot disagree with it.
var tokenTable = func() (t [tokenTableSize / 64]uint64) {
	for r := rune(0); r < tokenTableSize; r++ {
		if isTokenRuneSlow(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// isTokenRune reports whether r is in the Unicode category L, M or N.
func isTokenRune(r rune) bool {
	if r < tokenTableSize {
		return tokenTable[r/64]&(1<<(r%64)) != 0
	}
	return isTokenRuneSlow(r)
}

func isTokenRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

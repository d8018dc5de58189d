package text

import (
	"testing"
	"unicode/utf8"
)

// TestDecodeRune compares decodeRune with utf8.DecodeRune on every
// sequence of up to three bytes built from interesting byte values.
func TestDecodeRune(t *testing.T) {
	vals := []byte{0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xA4, 0xA5, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
		0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF}
	check := func(b []byte) {
		r, n := decodeRune(b, 0)
		wr, wn := utf8.DecodeRune(b)
		if r != wr || n != wn {
			t.Errorf("decodeRune(%x) = %U, %d, want %U, %d", b, r, n, wr, wn)
		}
		if r2, n2 := decodeRune(string(b), 0); r2 != wr || n2 != wn {
			t.Errorf("decodeRune(%q) = %U, %d, want %U, %d", b, r2, n2, wr, wn)
		}
	}
	for _, a := range vals {
		check([]byte{a})
		for _, b := range vals {
			check([]byte{a, b})
			for _, c := range vals {
				check([]byte{a, b, c})
				check([]byte{a, b, c, 0x80})
			}
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if utf8.ValidRune(r) {
			check(utf8.AppendRune(nil, r))
		}
	}
}

// Package jsonstr holds the two byte-level steps of reading a JSON string
// by hand (RFC 8259, section 7) that simbench's fast line readers share:
// finding where a run of literal contents ends, and decoding the four
// hexadecimal digits of a \u escape. The readers of docs.jsonl (package
// gold) and of other systems' JSON Lines (package eval/output) use them,
// and hand every line they are unsure of to encoding/json.
package jsonstr

import (
	"encoding/binary"
	"encoding/hex"
	"math/bits"
)

// Masks for testing the eight bytes of a uint64 at once.
const (
	ones  = 0x0101010101010101 // 0x01 in every byte
	highs = 0x8080808080808080 // 0x80 in every byte
)

// IndexSpecial returns the index of the first byte of s that ends a run of
// literal string contents — '"', '\\' or a control character below 0x20 —
// or len(s) if there is none. It tests eight bytes at a time: for a byte x,
// (x-1)&^x has its high bit set if and only if x is 0, and (x-0x20)&^x if
// and only if x < 0x20, when no borrow comes from the byte below; a borrow
// comes only from a byte that is itself flagged, so the lowest flagged byte
// is the first special byte ("Bit Twiddling Hacks", S. E. Anderson,
// "Determine if a word has a byte less than n"). Quotes and backslashes
// are found as the zero bytes of x XOR 0x2222…22 and x XOR 0x5c5c…5c.
func IndexSpecial(s []byte) int {
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		x := binary.LittleEndian.Uint64(s[i:])
		q := x ^ (ones * '"')
		bs := x ^ (ones * '\\')
		m := ((q - ones) &^ q) | ((bs - ones) &^ bs) | ((x - ones*0x20) &^ x)
		if m &= highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' || c < 0x20 {
			return i
		}
	}
	return len(s)
}

// Hex4 returns the value of the four hexadecimal digits (either case) that
// start h, and false if h is shorter or they are not all digits.
func Hex4(h []byte) (rune, bool) {
	var d [2]byte
	if len(h) < 4 {
		return 0, false
	}
	if _, err := hex.Decode(d[:], h[:4]); err != nil {
		return 0, false
	}
	return rune(d[0])<<8 | rune(d[1]), true
}

package gold

import (
	"bytes"
	"encoding/binary"
	"github.com/simbench/simbench/gold/jsonstr"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeDocLine is the fast path for a line of docs.jsonl. It decodes line
// if line is exactly one JSON object (RFC 8259) whose two members are "id"
// and "text", in either order, each with a string value, with any JSON
// whitespace between the tokens and around the object. It returns the two
// strings as encoding/json would decode them: every escape is understood,
// including \uXXXX surrogate pairs, and a lone or mismatched surrogate
// becomes U+FFFD, as encoding/json makes it.
//
// ok is false for every other line, valid JSON or not: other or repeated
// keys, a key written with an escape (as "\u0069d"), values that are not
// strings, invalid UTF-8 anywhere (which encoding/json would quietly replace
// by U+FFFD), control characters in a string, a bad escape, bytes after the
// object. The caller then decodes the line the slow way, which explains
// what is wrong with it. Whenever ok is true, json.Unmarshal accepts the
// line as well and gives the same id and text.
//
// id and text share one allocation, of about len(line) bytes.
func decodeDocLine(line []byte) (id, text string, ok bool) {
	valid, ctl := scanLine(line)
	if !valid {
		return "", "", false
	}
	i := skipSpace(line, 0)
	if i == len(line) || line[i] != '{' {
		return "", "", false
	}
	// Decoding never makes a string longer, so the values fit in len(line)
	// bytes and b never grows.
	var b strings.Builder
	b.Grow(len(line))
	var haveID, haveText bool
	var idStart, idEnd, textStart, textEnd int
	for k := range 2 {
		// line[i] is the '{' or the ',' before the member.
		i = skipSpace(line, i+1)
		isID := false
		switch rest := line[i:]; {
		case !haveID && bytes.HasPrefix(rest, keyID):
			isID, haveID = true, true
			i += len(keyID)
		case !haveText && bytes.HasPrefix(rest, keyText):
			haveText = true
			i += len(keyText)
		default:
			return "", "", false
		}
		i = skipSpace(line, i)
		if i == len(line) || line[i] != ':' {
			return "", "", false
		}
		i = skipSpace(line, i+1)
		if i == len(line) || line[i] != '"' {
			return "", "", false
		}
		start := b.Len()
		if i, ok = appendString(&b, line, i+1, !ctl); !ok {
			return "", "", false
		}
		if isID {
			idStart, idEnd = start, b.Len()
		} else {
			textStart, textEnd = start, b.Len()
		}
		i = skipSpace(line, i)
		if i == len(line) || line[i] != ",}"[k] {
			return "", "", false
		}
	}
	if skipSpace(line, i+1) != len(line) {
		return "", "", false
	}
	s := b.String()
	// A line dense with escapes (such as non-ASCII text written as \uXXXX,
	// the default of Python's json.dumps) decodes to as little as half its
	// length: then give back the rest, which the documents would otherwise
	// hold for the whole run.
	if len(line)-len(s) > len(s)/8+64 {
		s = strings.Clone(s)
	}
	return s[idStart:idEnd], s[textStart:textEnd], true
}

// The two keys, as the fast path accepts them: literally, without escapes.
var (
	keyID   = []byte(`"id"`)
	keyText = []byte(`"text"`)
)

// skipSpace returns the index of the first byte of line at or after i that
// is not JSON whitespace, or len(line).
func skipSpace(line []byte, i int) int {
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return i
		}
	}
	return i
}

// appendString decodes the JSON string whose contents start at line[i],
// just after its opening quote, and appends it to b. It returns the index
// just after the closing quote. ok is false if the string is unterminated,
// holds a control character (U+0000 to U+001F, which must be escaped) or a
// bad escape. line must be valid UTF-8, so the bytes copied as they are need
// no check. If plain is true, line must hold no control character either:
// then only '"' and '\\' end a run of literal bytes, and bytes.IndexByte
// finds them faster than jsonstr.IndexSpecial.
func appendString(b *strings.Builder, line []byte, i int, plain bool) (end int, ok bool) {
	q := -1 // if plain: the first '"' at or after i, if q >= i
	for {
		var j int // the first '"', '\\' or control character at or after i
		if plain {
			if q < i {
				k := bytes.IndexByte(line[i:], '"')
				if k < 0 {
					return 0, false
				}
				q = i + k
			}
			if j = bytes.IndexByte(line[i:q], '\\'); j < 0 {
				j = q
			} else {
				j += i
			}
		} else {
			j = i + jsonstr.IndexSpecial(line[i:])
		}
		b.Write(line[i:j])
		if j == len(line) || line[j] != '\\' {
			if j < len(line) && line[j] == '"' {
				return j + 1, true
			}
			return 0, false // unterminated, or a control character
		}
		if j+1 == len(line) {
			return 0, false
		}
		i = j + 2
		switch line[j+1] {
		case '"', '\\', '/':
			b.WriteByte(line[j+1])
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := jsonstr.Hex4(line[i:])
			if !ok {
				return 0, false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// As encoding/json does: a surrogate that does not
				// start a pair with the escape right after it is
				// U+FFFD, and that escape is decoded on its own.
				r2 := rune(-1)
				if i+1 < len(line) && line[i] == '\\' && line[i+1] == 'u' {
					if v, ok := jsonstr.Hex4(line[i+2:]); ok {
						r2 = v
					}
				}
				if r = utf16.DecodeRune(r, r2); r != utf8.RuneError {
					i += 6
				}
			}
			b.WriteRune(r)
		default:
			return 0, false
		}
	}
}

// Masks for testing the eight bytes of a uint64 at once.
const (
	ones  = 0x0101010101010101 // 0x01 in every byte
	highs = 0x8080808080808080 // 0x80 in every byte
)

// scanLine reports whether p is valid UTF-8 (as utf8.Valid) and, if so,
// whether it holds a control character below 0x20, in one pass that costs
// about what utf8.Valid does. A line without one, the usual case, has only
// '"' and '\\' to look for in its strings, which bytes.IndexByte finds many
// times faster than jsonstr.IndexSpecial.
func scanLine(p []byte) (valid, ctl bool) {
	n := len(p)
	for i := 0; i < n; {
		c := p[i]
		if c < utf8.RuneSelf {
			// Eight ASCII bytes at a time: x-0x20 (in every byte) has
			// a high bit set if and only if a byte is below 0x20, as
			// the lowest such byte wraps and only a wrapped byte
			// borrows from the next.
			if n-i >= 8 {
				if x := binary.LittleEndian.Uint64(p[i:]); x&highs == 0 {
					if (x-ones*0x20)&highs != 0 {
						ctl = true
					}
					i += 8
					continue
				}
			}
			if c < 0x20 {
				ctl = true
			}
			i++
			continue
		}
		if c&0xF0 == 0xE0 && n-i >= 3 {
			// 1110xxxx 10xxxxxx 10xxxxxx, not overlong (below U+0800)
			// and not a surrogate (U+D800 to U+DFFF).
			c1, c2 := p[i+1], p[i+2]
			r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			if c1&0xC0 != 0x80 || c2&0xC0 != 0x80 || r < 0x800 || utf16.IsSurrogate(r) {
				return false, false
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			return false, false
		}
		i += size
	}
	return true, ctl
}

package output

import (
	"github.com/simbench/simbench/gold/jsonstr"
	"unicode/utf16"
	"unicode/utf8"
)

// memberFast decodes the line {"id": ..., "cluster": ...} of a cluster
// membership in JSON Lines by hand, for the lines it is sure of, and
// reports ok false for any other line, which decodeMember then decodes
// with encoding/json, so that every line gives the result and the error it
// gives there.
//
// A line it is sure of is one JSON object (RFC 8259), with JSON's white
// space (space, tab, line feed, carriage return) around its tokens, in which the key "id" has a string value and "cluster"
// a string or an integer (no fraction or exponent), each key once. Other
// keys may have any value, objects and arrays nested at most maxSkipDepth
// deep; their strings are checked, not decoded (encoding/json accepts
// invalid UTF-8 in them, replacing it). The id and the cluster must be
// valid UTF-8 (encoding/json replaces what is not with U+FFFD), and their
// escapes and those of keys may not be UTF-16 surrogates (encoding/json
// pairs them, or replaces them). Keys are matched exactly, after their escapes are decoded, as
// decodeMember does: "ID" is another key. An integer cluster is its text,
// as decodeMember has it ("-0" is not "0").
//
// The id and the cluster are slices of line, or of rd's buffers when they
// hold escapes, valid until the next call: a line is copied only for an id
// or a cluster with escapes, and nothing is allocated once the buffers have
// grown.
func (rd *reader) memberFast(line []byte) (id, cluster []byte, ok bool) {
	s := scanner{b: line}
	s.space()
	if !s.at('{') {
		return nil, nil, false
	}
	s.i++
	s.space()
	var haveID, haveCluster bool
	for {
		if !s.at('"') {
			return nil, nil, false // also {}, which has no key "id"
		}
		key, esc, good := s.str()
		if !good {
			return nil, nil, false
		}
		if esc {
			if rd.jsonKey, good = unescape(rd.jsonKey[:0], key); !good {
				return nil, nil, false
			}
			key = rd.jsonKey
		}
		s.space()
		if !s.at(':') {
			return nil, nil, false
		}
		s.i++
		s.space()
		switch string(key) {
		case "id":
			if haveID || !s.at('"') {
				return nil, nil, false
			}
			haveID = true
			if id, good = s.strValue(&rd.jsonID); !good {
				return nil, nil, false
			}
		case "cluster":
			if haveCluster {
				return nil, nil, false
			}
			haveCluster = true
			if s.at('"') {
				if cluster, good = s.strValue(&rd.jsonCluster); !good {
					return nil, nil, false
				}
				break
			}
			start := s.i
			if integer, good := s.number(); !good || !integer {
				return nil, nil, false
			}
			cluster = line[start:s.i]
		default:
			if !s.skip(0) {
				return nil, nil, false
			}
		}
		s.space()
		if s.at(',') {
			s.i++
			s.space()
			continue
		}
		if !s.at('}') {
			return nil, nil, false
		}
		s.i++
		break
	}
	s.space()
	if s.i != len(line) || !haveID || !haveCluster {
		return nil, nil, false
	}
	return id, cluster, true
}

// maxSkipDepth is how deep memberFast follows objects and arrays nested in
// the values it skips; deeper ones are left to encoding/json.
const maxSkipDepth = 32

// A scanner reads the JSON text b from b[i] on.
type scanner struct {
	b []byte
	i int
}

// at reports whether the byte at s.i is c.
func (s *scanner) at(c byte) bool { return s.i < len(s.b) && s.b[s.i] == c }

// space skips white space: space, tab, line feed and carriage return.
func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// str reads the string whose opening quote is at s.i. It returns the bytes
// between its quotes, undecoded, and whether it holds an escape; ok is
// false if the string is not closed, holds a control character or an
// escape that JSON does not have.
func (s *scanner) str() (raw []byte, esc, ok bool) {
	b := s.b
	start := s.i + 1
	for i := start; ; {
		i += jsonstr.IndexSpecial(b[i:])
		switch {
		case i == len(b):
			return nil, false, false
		case b[i] == '"':
			s.i = i + 1
			return b[start:i], esc, true
		case b[i] == '\\' && i+1 < len(b):
			esc = true
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := jsonstr.Hex4(b[i+2:]); !ok {
					return nil, false, false
				}
				i += 6
			default:
				return nil, false, false
			}
		default: // a control character, or a backslash at the end
			return nil, false, false
		}
	}
}

// strValue reads the string whose opening quote is at s.i as the value of
// "id" or "cluster": valid UTF-8, its escapes decoded into *buf if it has
// any.
func (s *scanner) strValue(buf *[]byte) ([]byte, bool) {
	raw, esc, ok := s.str()
	if !ok || !utf8.Valid(raw) {
		return nil, false
	}
	if !esc {
		return raw, true
	}
	*buf, ok = unescape((*buf)[:0], raw)
	return *buf, ok
}

// unescape appends raw, the text of a string that str read, to dst with
// its escapes decoded. It reports false for a \u escape of a UTF-16
// surrogate, which it leaves to encoding/json.
func unescape(dst, raw []byte) ([]byte, bool) {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		switch c = raw[i+1]; c {
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'u':
			r, _ := jsonstr.Hex4(raw[i+2:])
			if utf16.IsSurrogate(r) {
				return dst, false
			}
			dst = utf8.AppendRune(dst, r)
			i += 6
			continue
		}
		dst = append(dst, c) // '"', '\\', '/' and the letters above
		i += 2
	}
	return dst, true
}

// number reads the number at s.i, as JSON spells it:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and reports whether it
// is an integer, with neither fraction nor exponent.
func (s *scanner) number() (integer, ok bool) {
	b, i := s.b, s.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return false, false
	}
	integer = true
	if i < len(b) && b[i] == '.' {
		integer = false
		if j := digits(b, i+1); j > i+1 {
			i = j
		} else {
			return false, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		integer = false
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if j := digits(b, i); j > i {
			i = j
		} else {
			return false, false
		}
	}
	s.i = i
	return integer, true
}

// digits returns the index of the first byte of b at or after i that is
// not a decimal digit.
func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// literal reads the literal word at s.i.
func (s *scanner) literal(word string) bool {
	if len(s.b)-s.i < len(word) || string(s.b[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

// skip reads any JSON value at s.i, objects and arrays nested at most
// maxSkipDepth − depth deep.
func (s *scanner) skip(depth int) bool {
	if s.i >= len(s.b) {
		return false
	}
	switch c := s.b[s.i]; c {
	case '"':
		_, _, ok := s.str()
		return ok
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	case '{', '[':
		if depth >= maxSkipDepth {
			return false
		}
		end := c + 2 // '}' or ']'
		s.i++
		s.space()
		if s.at(end) {
			s.i++
			return true
		}
		for {
			if c == '{' {
				if !s.at('"') {
					return false
				}
				if _, _, ok := s.str(); !ok {
					return false
				}
				s.space()
				if !s.at(':') {
					return false
				}
				s.i++
				s.space()
			}
			if !s.skip(depth + 1) {
				return false
			}
			s.space()
			switch {
			case s.at(','):
				s.i++
				s.space()
			case s.at(end):
				s.i++
				return true
			default:
				return false
			}
		}
	}
	_, ok := s.number()
	return ok
}

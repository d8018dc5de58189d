package text

import (
	"sync"
	"unicode/utf8"
)

// The one-pass word path of Shingler.Append. For a document on which the
// normaliser's fast path applies (isSimple holds, so Normalize(doc) is
// appendCleaned(doc)), the tokens of Normalize(doc) are the tokens of doc
// itself with ASCII capitals lowered: appendCleaned only maps white space
// and dandas, which are not token runes, to other runes that are not token
// runes, never removes the last separator between two tokens, and lowers
// ASCII capitals, which stay letters of the same length. (It also maps the
// Cherokee small letters, but isSimple rejects every text holding one.)
//
// scanWords therefore makes isSimple's decision and cuts and hashes the
// tokens in the same pass over doc, without writing the normalised text. It
// takes exactly isSimple's decisions, rune by rune; where isSimple would
// reject doc it gives up, and Append takes the general path.

// A wordInfo describes a rune below simpleTableSize for scanWords: its
// canonical combining class in the low byte, and the flags below.
type wordInfo uint16

const (
	wiOK    wordInfo = 1 << (8 + iota) // runeInfo.ok
	wiMaybe                            // runeInfo.maybe
	wiToken                            // isTokenRune
	wiPlain                            // ok, a starter (ccc 0), and not Maybe
)

// midStart and midEnd bound the second table of scanWords, which caches
// simpleRuneSlow and isTokenRune for General Punctuation (dashes, quotes),
// the currency signs and the other runes up to the CJK punctuation.
const (
	midStart = simpleTableSize
	midEnd   = 0x3000
)

// devaStart is the start of the Devanagari block U+0900..U+097F.
const devaStart = 0x900

// wordTables holds the tables of scanWords.
type wordTables struct {
	info [simpleTableSize]wordInfo
	// midSimple and midToken are bit sets of the runes r in
	// [midStart, midEnd) with simpleRuneSlow(r) and isTokenRune(r).
	midSimple, midToken [(midEnd - midStart) / 64]uint64
	// devaPair is the bit set, indexed by (c-devaStart)*128 + (m-devaStart),
	// of the Devanagari pairs c, m with m Maybe (the nukta) that isNFKC
	// accepts as a segment of their own: all but ऩ, ऱ and ऴ written as
	// consonant + nukta.
	devaPair [128 * 128 / 64]uint64
}

// getWordTables builds the tables of scanWords on first use.
var getWordTables = sync.OnceValue(func() *wordTables {
	t := new(wordTables)
	simple := simpleTable()
	for r := range rune(simpleTableSize) {
		info := simple[r]
		w := wordInfo(info.ccc)
		if info.ok {
			w |= wiOK
		}
		if info.maybe {
			w |= wiMaybe
		}
		if isTokenRune(r) {
			w |= wiToken
		}
		if info.ok && info.ccc == 0 && !info.maybe {
			w |= wiPlain
		}
		t.info[r] = w
	}
	n := new(normalizer)
	for r := rune(midStart); r < midEnd; r++ {
		k := r - midStart
		if simpleRuneSlow(n, r) {
			t.midSimple[k/64] |= 1 << (k % 64)
		}
		if isTokenRune(r) {
			t.midToken[k/64] |= 1 << (k % 64)
		}
	}
	var seg []byte
	for m := rune(devaStart); m < devaStart+128; m++ {
		if t.info[m]&wiMaybe == 0 {
			continue
		}
		for c := rune(devaStart); c < devaStart+128; c++ {
			seg = utf8.AppendRune(utf8.AppendRune(seg[:0], c), m)
			if isNFKC(n, seg) {
				k := (c-devaStart)*128 + (m - devaStart)
				t.devaPair[k/64] |= 1 << (k % 64)
			}
		}
	}
	return t
})

// scanWords sets s.th to the hashes, HashString(token, seed), of the tokens
// of Normalize(doc), and reports true, if isSimple(doc) holds. Otherwise it
// reports false, leaving s.th in an unspecified state.
//
// Where the CPU has AVX-512, it tries the block path (scanBlocks) first,
// and goes rune by rune (scanRunes) when that declines.
func (s *Shingler) scanWords(doc string, seed uint64) bool {
	if haveBlockAVX512 && s.scanBlocks(doc, seed) {
		return true
	}
	return s.scanRunes(doc, seed)
}

// scanRunes is scanWords rune by rune.
func (s *Shingler) scanRunes(doc string, seed uint64) bool {
	t := getWordTables()
	th := s.th[:0]
	lastStarter := 0    // offset of the last starter, as in isSimple
	lastCCC := uint8(0) // combining class of the previous rune
	marks := 0          // length of the current run of non-starters
	start := -1         // offset of the current token, or -1
	upper := false      // the current token holds an ASCII capital
	for i := 0; i < len(doc); {
		c := doc[i]
		if c < utf8.RuneSelf {
			k := asciiClass[c]
			lastStarter, lastCCC, marks = i, 0, 0
			if k&acToken != 0 {
				if start < 0 {
					start, upper = i, false
				}
				upper = upper || k&acUpper != 0
			} else if start >= 0 {
				th = append(th, s.hashToken(doc, start, i, upper, seed))
				start = -1
			}
			i++
			continue
		}

		var w wordInfo
		size := 3
		if c == 0xE0 && i+2 < len(doc) && doc[i+1]&0xE0 == 0xA0 && doc[i+2]&0xC0 == 0x80 {
			// U+0800..U+0FFF, which holds Devanagari: always in the table.
			w = t.info[rune(doc[i+1]&0x3F)<<6|rune(doc[i+2]&0x3F)]
		} else {
			var r rune
			r, size = decodeRune(doc, i)
			switch {
			case r < simpleTableSize:
				w = t.info[r]
			case r < midEnd:
				k := r - midStart
				if t.midSimple[k/64]&(1<<(k%64)) != 0 {
					w = wiOK | wiPlain
				}
				if t.midToken[k/64]&(1<<(k%64)) != 0 {
					w |= wiToken
				}
			default:
				// simpleRuneSlow rejects utf8.RuneError, and with it
				// every invalid byte.
				if simpleRuneSlow(&s.norm, r) {
					w = wiOK | wiPlain
				}
				if isTokenRuneSlow(r) {
					w |= wiToken
				}
			}
		}

		if w&wiPlain != 0 {
			lastStarter, lastCCC, marks = i, 0, 0
		} else if !s.complexRune(doc, i, size, w, t, &lastStarter, &lastCCC, &marks) {
			return false
		}

		if w&wiToken != 0 {
			if start < 0 {
				start, upper = i, false
			}
		} else if start >= 0 {
			th = append(th, s.hashToken(doc, start, i, upper, seed))
			start = -1
		}
		i += size
	}
	if start >= 0 {
		th = append(th, s.hashToken(doc, start, len(doc), upper, seed))
	}
	s.th = th
	return true
}

// complexRune is isSimple's step for the rune of doc at i, of the given
// size and info, that is not plain: a non-starter, a Maybe rune, or a rune
// that is not ok. It updates isSimple's state and reports whether isSimple
// would go on.
func (s *Shingler) complexRune(doc string, i, size int, w wordInfo, t *wordTables, lastStarter *int, lastCCC *uint8, marks *int) bool {
	ccc := uint8(w)
	if w&wiOK == 0 || ccc != 0 && *lastCCC > ccc {
		return false
	}
	// Being ok and not plain, the rune is a non-starter or Maybe.
	if *marks++; *marks > maxMarks {
		return false
	}
	if w&wiMaybe != 0 {
		ls := *lastStarter
		if c := doc[ls]; 'A' <= c && c <= 'Z' {
			return false
		}
		// The segment: the last starter, up to the next starter after
		// the rune, as isSimple finds it.
		table := simpleTable()
		end := i + size
		for end < len(doc) {
			r2, size2 := decodeRune(doc, end)
			if r2 < utf8.RuneSelf || r2 >= simpleTableSize || table[r2].ccc == 0 {
				break
			}
			end += size2
		}
		if ls+3 == i && end == i+3 && doc[ls] == 0xE0 && doc[i] == 0xE0 &&
			doc[ls+1]&0xFE == 0xA4 && doc[i+1]&0xFE == 0xA4 {
			// Two Devanagari runes, U+0900..U+097F.
			c := rune(doc[ls+1]&0x3F)<<6 | rune(doc[ls+2]&0x3F)
			m := rune(doc[i+1]&0x3F)<<6 | rune(doc[i+2]&0x3F)
			k := (c-devaStart)*128 + (m - devaStart)
			if t.devaPair[k/64]&(1<<(k%64)) == 0 {
				return false
			}
		} else if !isNFKC(&s.norm, doc[ls:end]) {
			return false
		}
	}
	if ccc == 0 {
		*lastStarter = i
	}
	*lastCCC = ccc
	return true
}

// hashToken returns HashString of the token doc[start:end], with its ASCII
// capitals lowered if upper.
func (s *Shingler) hashToken(doc string, start, end int, upper bool, seed uint64) uint64 {
	if !upper {
		return hashSubstring(doc, start, end, seed)
	}
	b := append(s.lower[:0], doc[start:end]...)
	for j, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[j] = c + ('a' - 'A')
		}
	}
	s.lower = b
	return Hash64(b, seed)
}

// The classes of ASCII bytes for scanWords.
const (
	acToken = 1 << iota // a letter or digit
	acUpper             // a capital letter
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range rune(utf8.RuneSelf) {
		if isTokenRune(c) {
			t[c] |= acToken
		}
		if 'A' <= c && c <= 'Z' {
			t[c] |= acUpper
		}
	}
	return t
}()

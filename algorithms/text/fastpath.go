package text

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fast path of Normalize. Most documents are already NFKC, contain no
// format character, and fold to themselves but for ASCII capitals; for them
// steps 1 to 3 of Normalize change nothing but ASCII capitals, which
// appendCleaned lowers. isSimple recognises such documents in one pass with
// a table, instead of the several passes of the x/text trie lookups.
//
// The test is the NFKC quick check of UAX #15 (section 9): a text is in
// NFKC if every rune has NFKC_Quick_Check = Yes and the canonical combining
// classes of adjacent non-starters never decrease. A rune whose quick check
// is Maybe (it can compose with a preceding starter, as the nukta does with
// न, र and ळ) is settled by normalising its segment alone.

// runeInfo describes one rune for isSimple.
type runeInfo struct {
	ok    bool  // see simpleRune
	maybe bool  // may compose with the preceding starter (NFKC_QC = Maybe)
	ccc   uint8 // canonical combining class
}

// simpleTableSize covers the scripts of nearly all simbench text; runes above
// it are classified by simpleRuneSlow.
const simpleTableSize = 0x1000

// simpleTable is built on first use, in a few milliseconds.
var simpleTable = sync.OnceValue(func() *[simpleTableSize]runeInfo {
	t := new([simpleTableSize]runeInfo)
	for r := rune(0); r < simpleTableSize; r++ {
		s := string(r)
		t[r] = runeInfo{
			ok:    simpleRune(r),
			maybe: !norm.NFC.PropertiesString(s).BoundaryBefore() && norm.NFC.PropertiesString(s).CCC() == 0,
			ccc:   norm.NFC.PropertiesString(s).CCC(),
		}
	}
	// A non-starter's quick check is Maybe if it is the second or later
	// rune of the canonical decomposition of a composite that NFC composes
	// again (a primary composite). Every composite with such a rune below
	// simpleTableSize is below compositeScanEnd (TestSimpleTable checks all
	// code points). Marking a rune Maybe when it is not would only cost
	// speed.
	for c := rune(0); c < compositeScanEnd; c++ {
		s := string(c)
		d := norm.NFD.String(s)
		if d == s || norm.NFC.String(d) != s {
			continue
		}
		_, size := utf8.DecodeRuneInString(d)
		for _, r := range d[size:] {
			if r < simpleTableSize {
				t[r].maybe = true
			}
		}
	}
	return t
})

// compositeScanEnd bounds the composites simpleTable looks at; Latin, Greek
// and Cyrillic, the Indic scripts, and the composites of U+0338 (≠, ≮, ...)
// lie below it.
const compositeScanEnd = 0x3100

// simpleRune reports whether r, wherever it occurs, is left unchanged by
// steps 1 to 3 of Normalize except for what appendCleaned does anyway: r is
// white space (mapped by step 4), or r is not a format character, is its own
// NFKC, and is its own case folding or an ASCII capital.
func simpleRune(r rune) bool {
	if isSpace(r) {
		return true
	}
	if isFormat(r) || r == utf8.RuneError {
		return false
	}
	s := string(r)
	return norm.NFKC.String(s) == s && ('A' <= r && r <= 'Z' || foldCaser.String(s) == s)
}

// simpleRuneSlow reports whether r is a simple starter that cannot compose
// with the rune before it. It is conservative: false sends the document down
// the slow path, which is always right.
func simpleRuneSlow(n *normalizer, r rune) bool {
	if isSpace(r) {
		return true
	}
	if isFormat(r) || r == utf8.RuneError {
		return false
	}
	n.seg = utf8.AppendRune(n.seg[:0], r)
	p := norm.NFKC.Properties(n.seg)
	// No decomposition: NFKC leaves it alone. BoundaryBefore: a starter
	// that does not compose with what precedes. No simple case folding
	// orbit: nothing folds to or from it; every rune with a full folding
	// (status F) and no simple one has a decomposition.
	return p.Decomposition() == nil && p.BoundaryBefore() && unicode.SimpleFold(r) == r
}

// maxMarks is the longest run of non-starters isSimple accepts, well below
// the 30 of the stream-safe text format at which norm inserts U+034F.
const maxMarks = 20

// isSimple reports whether s is valid UTF-8 whose normalisation is
// appendCleaned(s): it has no format character, is in NFKC, and folds to
// itself except for ASCII capitals.
func isSimple[T ~string | ~[]byte](n *normalizer, s T) bool {
	table := simpleTable()
	lastStarter := 0    // offset of the last starter
	lastCCC := uint8(0) // combining class of the previous rune
	marks := 0          // length of the current run of non-starters
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			// Every ASCII rune is a simple starter, and none is Maybe.
			lastStarter, lastCCC, marks = i, 0, 0
			i++
			continue
		}
		r, size := decodeRune(s, i)
		var info runeInfo
		if r < simpleTableSize {
			info = table[r]
		} else {
			info = runeInfo{ok: simpleRuneSlow(n, r)}
		}
		if !info.ok || info.ccc != 0 && lastCCC > info.ccc {
			return false
		}
		if info.ccc != 0 || info.maybe {
			// Beyond 30 non-starters in a row, norm inserts U+034F
			// (UAX #15 stream-safe format); leave such text to it.
			if marks++; marks > maxMarks {
				return false
			}
		} else {
			marks = 0
		}
		if info.maybe {
			// appendCleaned will lower an ASCII capital, which could then
			// compose with r (as j with U+030C does, and J does not).
			if c := s[lastStarter]; 'A' <= c && c <= 'Z' {
				return false
			}
			// The segment: the last starter, up to the next starter after r.
			end := i + size
			for end < len(s) {
				r2, size2 := decodeRune(s, end)
				if r2 < utf8.RuneSelf || r2 >= simpleTableSize || table[r2].ccc == 0 {
					break
				}
				end += size2
			}
			if !isNFKC(n, s[lastStarter:end]) {
				return false
			}
		}
		if info.ccc == 0 {
			lastStarter = i
		}
		lastCCC = info.ccc
		i += size
	}
	return true
}

// isNFKC reports whether seg, a short segment, is in NFKC, using n's
// buffers. (norm.Form.IsNormal allocates, and norm.Form.QuickSpan stops at
// every rune whose quick check is Maybe, such as the nukta.)
func isNFKC[T ~string | ~[]byte](n *normalizer, seg T) bool {
	n.seg = append(n.seg[:0], seg...)
	n.it.Init(norm.NFKC, n.seg)
	j := 0
	for !n.it.Done() {
		b := n.it.Next()
		if len(b) > len(seg)-j || string(b) != string(n.seg[j:j+len(b)]) {
			return false
		}
		j += len(b)
	}
	return j == len(seg)
}

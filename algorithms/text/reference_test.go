package text

// This file holds a frozen copy of the text pipeline as it was before the
// single-pass rewrite of Shingler.Append (normalisation fast path, tokeniser,
// hashing, sort), with every name prefixed by "old". It is the reference the
// equivalence tests and FuzzShinglerMatchesReference compare the new code
// against, and the baseline of BenchmarkShinglerDevanagari. It shares
// nothing with the code under test but the Options type and the Word and
// Char constants, so a change to the package cannot change the reference.

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"golang.org/x/text/cases"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// newOldShingler returns the reference Shingler for o, which must be valid.
func newOldShingler(o Options) *oldShingler {
	if err := o.Validate(); err != nil {
		panic(err)
	}
	return &oldShingler{opts: o, iter: graphemes.FromBytes([]byte(nil))}
}

const (
	oldDanda       = '\u0964' // DEVANAGARI DANDA, the sentence end
	oldDoubleDanda = '\u0965' // DEVANAGARI DOUBLE DANDA
)

var oldFoldCaser = cases.Fold()

type oldNormalizer struct {
	a, b, c []byte    // scratch for the successive forms of the text
	out     []byte    // result buffer of Normalize
	seg     []byte    // scratch for isNFKC
	it      norm.Iter // normalises without allocating, unlike norm.Form.Append
	slow    bool      // for tests: never take the fast path
}

func (n *oldNormalizer) append(dst []byte, s string) []byte {
	if !n.slow && oldIsSimple(n, s) {
		return oldAppendCleaned(dst, s)
	}

	t := oldAppendSanitized(n.a[:0], s)
	n.a = t
	if !n.slow && oldIsSimple(n, t) {
		return oldAppendCleaned(dst, t)
	}

	if norm.NFKC.QuickSpan(t) < len(t) {
		n.b = n.appendForm(n.b[:0], norm.NFKC, t)
		n.a, n.b = n.b, n.a
		t = n.a
	}

	oldFoldASCII(t)
	if sp, _ := oldFoldCaser.Span(t, true); sp < len(t) {
		n.b = n.appendForm(n.b[:0], norm.NFKD, t)
		n.c = oldAppendFolded(n.c[:0], n.b)
		n.a = n.appendForm(n.a[:0], norm.NFKC, n.c)
		t = n.a
	}

	return oldAppendCleaned(dst, t)
}

func (n *oldNormalizer) appendForm(dst []byte, f norm.Form, src []byte) []byte {
	n.it.Init(f, src)
	for !n.it.Done() {
		dst = append(dst, n.it.Next()...)
	}
	return dst
}

func oldAppendSanitized(dst []byte, s string) []byte {
	start := 0
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
		case oldIsFormat(r):
			dst = append(dst, s[start:i]...)
			start = i + size
		}
		i += size
	}
	return append(dst, s[start:]...)
}

func oldIsFormat(r rune) bool {
	switch {
	case r < 0x600:
		return r == 0xAD
	case r >= 0x900 && r < 0x180E:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

func oldFoldASCII(t []byte) {
	for i, c := range t {
		if 'A' <= c && c <= 'Z' && (i+1 == len(t) || t[i+1] < utf8.RuneSelf) {
			t[i] = c + ('a' - 'A')
		}
	}
}

func oldAppendFolded(dst, src []byte) []byte {
	for len(src) > 0 {
		dst = slices.Grow(dst, 2*len(src)+64)
		nDst, nSrc, err := oldFoldCaser.Transform(dst[len(dst):cap(dst)], src, true)
		dst = dst[:len(dst)+nDst]
		src = src[nSrc:]
		if err == transform.ErrShortDst && nDst+nSrc > 0 {
			continue
		}
		if err != nil {
			dst = append(dst, src...)
		}
		break
	}
	return dst
}

func oldAppendCleaned[T ~string | ~[]byte](dst []byte, t T) []byte {
	start := len(dst)
	space := false
	lastDanda := -1
	plain := 0
	for i := 0; i < len(t); {
		c := t[i]
		if k := oldCleanClass[c]; k&oldMayBeSpecial == 0 {
			i += int(k)
			continue
		} else if c == 0xE0 && i+2 < len(t) && (t[i+1] != 0xA5 || t[i+2] != 0xA4) {
			i += 3
			continue
		}
		r, size := oldDecodeRune(t, i)
		special := true
		switch {
		case oldIsSpace(r), r == '|', r == oldDanda, 'A' <= r && r <= 'Z':
		case 0xAB70 <= r && r <= 0xABBF, 0x13F8 <= r && r <= 0x13FD:
		default:
			special = false
		}
		if !special {
			i += size
			continue
		}

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
		if oldIsSpace(r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
			lastDanda = -1
		}
		switch {
		case r == '|' || r == oldDanda:
			if lastDanda >= 0 {
				dst = utf8.AppendRune(dst[:lastDanda], oldDoubleDanda)
				lastDanda = -1
				continue
			}
			lastDanda = len(dst)
			dst = utf8.AppendRune(dst, oldDanda)
			continue
		case 'A' <= r && r <= 'Z':
			dst = append(dst, byte(r)+'a'-'A')
		case 0xAB70 <= r && r <= 0xABBF:
			dst = utf8.AppendRune(dst, r-0xAB70+0x13A0)
		default:
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

var oldCleanClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c < 0x80:
			t[c] = 1
			if c == '|' || 'A' <= c && c <= 'Z' || oldIsSpace(rune(c)) {
				t[c] |= oldMayBeSpecial
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
			t[c] |= oldMayBeSpecial
		}
	}
	return t
}()

const oldMayBeSpecial = 0x80

func oldIsSpace(r rune) bool {
	if r < 0x1680 {
		return r == ' ' || ('\t' <= r && r <= '\r') || r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r)
}

type oldRuneInfo struct {
	ok    bool  // see simpleRune
	maybe bool  // may compose with the preceding starter (NFKC_QC = Maybe)
	ccc   uint8 // canonical combining class
}

const oldSimpleTableSize = 0x1000

var oldSimpleTable = sync.OnceValue(func() *[oldSimpleTableSize]oldRuneInfo {
	t := new([oldSimpleTableSize]oldRuneInfo)
	for r := rune(0); r < oldSimpleTableSize; r++ {
		s := string(r)
		t[r] = oldRuneInfo{
			ok:    oldSimpleRune(r),
			maybe: !norm.NFC.PropertiesString(s).BoundaryBefore() && norm.NFC.PropertiesString(s).CCC() == 0,
			ccc:   norm.NFC.PropertiesString(s).CCC(),
		}
	}

	for c := rune(0); c < oldCompositeScanEnd; c++ {
		s := string(c)
		d := norm.NFD.String(s)
		if d == s || norm.NFC.String(d) != s {
			continue
		}
		_, size := utf8.DecodeRuneInString(d)
		for _, r := range d[size:] {
			if r < oldSimpleTableSize {
				t[r].maybe = true
			}
		}
	}
	return t
})

const oldCompositeScanEnd = 0x3100

func oldSimpleRune(r rune) bool {
	if oldIsSpace(r) {
		return true
	}
	if oldIsFormat(r) || r == utf8.RuneError {
		return false
	}
	s := string(r)
	return norm.NFKC.String(s) == s && ('A' <= r && r <= 'Z' || oldFoldCaser.String(s) == s)
}

func oldSimpleRuneSlow(n *oldNormalizer, r rune) bool {
	if oldIsSpace(r) {
		return true
	}
	if oldIsFormat(r) || r == utf8.RuneError {
		return false
	}
	n.seg = utf8.AppendRune(n.seg[:0], r)
	p := norm.NFKC.Properties(n.seg)

	return p.Decomposition() == nil && p.BoundaryBefore() && unicode.SimpleFold(r) == r
}

const oldMaxMarks = 20

func oldIsSimple[T ~string | ~[]byte](n *oldNormalizer, s T) bool {
	table := oldSimpleTable()
	lastStarter := 0
	lastCCC := uint8(0)
	marks := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			lastStarter, lastCCC, marks = i, 0, 0
			i++
			continue
		}
		r, size := oldDecodeRune(s, i)
		var info oldRuneInfo
		if r < oldSimpleTableSize {
			info = table[r]
		} else {
			info = oldRuneInfo{ok: oldSimpleRuneSlow(n, r)}
		}
		if !info.ok || info.ccc != 0 && lastCCC > info.ccc {
			return false
		}
		if info.ccc != 0 || info.maybe {
			if marks++; marks > oldMaxMarks {
				return false
			}
		} else {
			marks = 0
		}
		if info.maybe {
			if c := s[lastStarter]; 'A' <= c && c <= 'Z' {
				return false
			}

			end := i + size
			for end < len(s) {
				r2, size2 := oldDecodeRune(s, end)
				if r2 < utf8.RuneSelf || r2 >= oldSimpleTableSize || table[r2].ccc == 0 {
					break
				}
				end += size2
			}
			if !oldIsNFKC(n, s[lastStarter:end]) {
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

func oldIsNFKC[T ~string | ~[]byte](n *oldNormalizer, seg T) bool {
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

func oldNextToken[T ~string | ~[]byte](s T, i int) (start, end int) {
	start = -1
	for i < len(s) {
		r, size := oldDecodeRune(s, i)
		if oldIsTokenRune(r) {
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

func oldHasToken[T ~string | ~[]byte](s T) bool {
	start, _ := oldNextToken(s, 0)
	return start >= 0
}

func oldDecodeRune[T ~string | ~[]byte](s T, i int) (rune, int) {
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
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				return r, 3
			}
		}
	}
	var b [utf8.UTFMax]byte
	n := copy(b[:], s[i:])
	return utf8.DecodeRune(b[:n])
}

const oldTokenTableSize = 0x1000

var oldTokenTable = func() (t [oldTokenTableSize / 64]uint64) {
	for r := rune(0); r < oldTokenTableSize; r++ {
		if oldIsTokenRuneSlow(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

func oldIsTokenRune(r rune) bool {
	if r < oldTokenTableSize {
		return oldTokenTable[r/64]&(1<<(r%64)) != 0
	}
	return oldIsTokenRuneSlow(r)
}

func oldIsTokenRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

type oldShingler struct {
	opts  Options
	norm  oldNormalizer
	text  []byte    // the normalised document
	spans []oldSpan // its units
	th    []uint64  // the hashes of its tokens (Word)
	iter  *graphemes.Iterator[[]byte]
}

type oldSpan struct{ start, end int }

func (s *oldShingler) Append(dst []uint64, doc string) []uint64 {
	n := s.split(doc)
	if n == 0 {
		return dst
	}
	k := min(s.opts.K, n)
	seed := s.opts.Seed
	start := len(dst)
	dst = slices.Grow(dst, n-k+1)
	switch s.opts.Unit {
	case Word:
		s.th = s.th[:0]
		for _, u := range s.spans {
			s.th = append(s.th, oldHash64(s.text[u.start:u.end], seed))
		}
		for i := 0; i+k <= n; i++ {
			dst = append(dst, oldHashWords(s.th[i:i+k], seed))
		}
	case Char:
		for i := 0; i+k <= n; i++ {
			dst = append(dst, oldHash64(s.text[s.spans[i].start:s.spans[i+k-1].end], seed))
		}
	}
	added := dst[start:]
	slices.Sort(added)
	return dst[:start+len(slices.Compact(added))]
}

func (s *oldShingler) split(doc string) int {
	s.text = s.norm.append(s.text[:0], doc)
	s.spans = s.spans[:0]
	switch s.opts.Unit {
	case Word:
		for i := 0; ; {
			start, end := oldNextToken(s.text, i)
			if start < 0 {
				break
			}
			s.spans = append(s.spans, oldSpan{start, end})
			i = end
		}
	case Char:
		if !oldHasToken(s.text) {
			return 0
		}
		s.iter.SetText(s.text)
		for s.iter.Next() {
			s.spans = append(s.spans, oldSpan{s.iter.Start(), s.iter.End()})
		}
		s.iter.SetText(nil)
	}
	return len(s.spans)
}

const (
	oldPrime1  = 0x9E3779B185EBCA87
	oldPrime2  = 0xC2B2AE3D27D4EB4F
	oldPrime3  = 0x165667B19E3779F9
	oldMixMul1 = 0xBF58476D1CE4E5B9
	oldMixMul2 = 0x94D049BB133111EB
)

func oldHash64(b []byte, seed uint64) uint64 {
	h := seed + oldPrime3 + uint64(len(b))*oldPrime1
	for ; len(b) >= 8; b = b[8:] {
		h = oldRound(h, binary.LittleEndian.Uint64(b))
	}
	if len(b) > 0 {
		var w [8]byte
		copy(w[:], b)
		h = oldRound(h, binary.LittleEndian.Uint64(w[:]))
	}
	return oldMix64(h)
}

func oldHashWords(ws []uint64, seed uint64) uint64 {
	h := seed + oldPrime3 + uint64(8*len(ws))*oldPrime1
	for _, w := range ws {
		h = oldRound(h, w)
	}
	return oldMix64(h)
}

func oldRound(h, w uint64) uint64 {
	return bits.RotateLeft64(h^(w*oldPrime2), 31) * oldPrime1
}

func oldMix64(z uint64) uint64 {
	z = (z ^ z>>30) * oldMixMul1
	z = (z ^ z>>27) * oldMixMul2
	return z ^ z>>31
}

// oldNormalize is Normalize of the reference.
func oldNormalize(s string) string {
	var n oldNormalizer
	return string(n.append(nil, s))
}

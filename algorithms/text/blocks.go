package text

import (
	"math"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// The block path of scanWords, for documents of ASCII and Devanagari only,
// the great majority of simbench's text. It takes scanWords' decisions 64
// bytes at a time: blockMasks describes each block of the document by bit
// masks (computed with AVX-512 where the CPU has it, see blockMasksAVX512),
// and scanBlocks checks from the masks that every rune is one scanWords
// accepts without a second look, and reads the tokens off them.
//
// The block path is deliberately narrower than scanWords. It accepts a
// document only if every byte is ASCII or part of a Devanagari rune
// (U+0900..U+097F, three bytes E0 A4|A5 xx), every Devanagari rune is a
// plain starter, the virama or the nukta, and the marks stand where
// ordinary Hindi puts them:
//
//   - a virama or nukta never follows a virama or nukta, except a virama
//     after a nukta (ज़्), so no run of non-starters is longer than two and
//     the combining classes never decrease (nukta 7, virama 9);
//   - a nukta follows a plain Devanagari rune with which it does not
//     compose (not न, र or ळ): isNFKC of the pair holds, and so does
//     isNFKC of the pair and a virama, the segment when a virama follows.
//
// Under these conditions isSimple holds, and the tokens are the maximal
// runs of token runes. Any other document, and any document the masks do
// not settle, goes to scanWords' rune-by-rune loop, which is always right.

// A blockMasks describes the 64 bytes of one block of a document, bit i for
// byte i.
type blockMasks struct {
	high       uint64 // the byte is 0x80 or above
	lead       uint64 // the byte starts a Devanagari rune: E0, then A4 or A5, then 80..BF
	asciiTok   uint64 // an ASCII letter or digit
	asciiUpper uint64 // an ASCII capital letter
	// The classes (dcToken and the others below) of the Devanagari rune
	// starting at a lead byte; zero at every other byte.
	tok, plain, virama, nukta, nuktaPred uint64
}

// The classes of a Devanagari rune for the block path.
const (
	dcToken     = 1 << iota // isTokenRune
	dcPlain                 // ok, a starter, and not Maybe (wiPlain)
	dcVirama                // U+094D, ok, combining class 9, not Maybe
	dcNukta                 // U+093C, ok, combining class 7, Maybe
	dcNuktaPred             // plain, isNFKC(r + nukta) and isNFKC(r + nukta + virama)
)

// blockTables holds the two 128-entry tables of the block path: the classes
// of the ASCII bytes (asciiClass), then those of the Devanagari runes
// U+0900..U+097F (dcToken and the others), in the layout blockMasksAVX512
// reads.
type blockTables [256]byte

// getBlockTables builds the tables on first use.
var getBlockTables = sync.OnceValue(func() *blockTables {
	t := new(blockTables)
	copy(t[:128], asciiClass[:])
	w := getWordTables()
	n := new(normalizer)
	const nukta, virama = 0x93C, 0x94D
	if w.info[nukta]&^wiToken != wiOK|wiMaybe|7 || w.info[virama]&^wiToken != wiOK|9 {
		panic("text: the nukta or the virama changed class")
	}
	var seg []byte
	for r := rune(devaStart); r < devaStart+128; r++ {
		info := w.info[r] &^ wiToken
		var c byte
		if w.info[r]&wiToken != 0 {
			c |= dcToken
		}
		switch {
		case r == virama:
			c |= dcVirama
		case r == nukta:
			c |= dcNukta
		case info&wiPlain != 0:
			c |= dcPlain
			seg = utf8.AppendRune(utf8.AppendRune(seg[:0], r), nukta)
			if isNFKC(n, seg) && isNFKC(n, utf8.AppendRune(seg, virama)) {
				c |= dcNuktaPred
			}
		}
		t[128+r-devaStart] = c
	}
	return t
})

// blockMasksGo computes the masks of the blocks of buf, which holds
// len(out) blocks of 64 bytes and two more bytes after them. It is the
// definition blockMasksAVX512 is tested against; scanWords takes the block
// path only with AVX-512, so it runs only when a test turns that off.
func blockMasksGo(buf []byte, t *blockTables, out []blockMasks) {
	for b := range out {
		var m blockMasks
		for i := range 64 {
			p := 64*b + i
			c := buf[p]
			bit := uint64(1) << i
			if c < utf8.RuneSelf {
				k := t[c]
				if k&acToken != 0 {
					m.asciiTok |= bit
				}
				if k&acUpper != 0 {
					m.asciiUpper |= bit
				}
				continue
			}
			m.high |= bit
			if c != 0xE0 || buf[p+1]&0xFE != 0xA4 || buf[p+2]&0xC0 != 0x80 {
				continue
			}
			m.lead |= bit
			k := t[128+int(buf[p+1]&1)<<6|int(buf[p+2]&0x3F)]
			for _, f := range []struct {
				mask *uint64
				flag byte
			}{
				{&m.tok, dcToken}, {&m.plain, dcPlain}, {&m.virama, dcVirama},
				{&m.nukta, dcNukta}, {&m.nuktaPred, dcNuktaPred},
			} {
				if k&f.flag != 0 {
					*f.mask |= bit
				}
			}
		}
		out[b] = m
	}
}

// scanBlocks is scanWords on the block path: it reports false, leaving
// s.th in an unspecified state, if the document is not one the block path
// accepts; otherwise it sets s.th to the hashes of the tokens of
// Normalize(doc) and reports true.
func (s *Shingler) scanBlocks(doc string, seed uint64) bool {
	n := len(doc)
	s.th = s.th[:0]
	if n == 0 {
		return true
	}
	if n > math.MaxInt32 {
		return false // the token offsets are int32
	}
	nb := (n + 63) / 64
	if cap(s.masks) < nb {
		s.masks = make([]blockMasks, nb)
	}
	masks := s.masks[:nb]
	// The masks of a block look at the two bytes after it. The first
	// blocks, full whose two bytes are in doc, are read in place; the
	// others from a copy of the rest of doc followed by zero bytes, ASCII
	// that is no token.
	full := 0
	if n >= 66 {
		full = (n - 2) / 64
	}
	rest := doc[64*full:]
	size := 64*(nb-full) + 2
	if cap(s.pad) < size {
		s.pad = make([]byte, size)
	}
	pad := s.pad[:size]
	copy(pad, rest)
	clear(pad[len(rest):])
	t := getBlockTables()
	text := unsafe.Slice(unsafe.StringData(doc), n) // only read
	if haveBlockAVX512 {
		if full > 0 {
			blockMasksAVX512(&text[0], full, t, &masks[0])
		}
		blockMasksAVX512(&pad[0], nb-full, t, &masks[full])
	} else {
		blockMasksGo(text[:64*full+2*min(full, 1)], t, masks[:full])
		blockMasksGo(pad, t, masks[full:])
	}

	// The starts and ends of the tokens; there are at most (n+1)/2.
	// positions and positionsAVX512 write up to 32 past the last, and
	// hashSpans completes the last group of 16.
	maxTok := (n + 1) / 2
	if cap(s.starts) < maxTok+64 {
		s.starts = make([]int32, maxTok+64)
		s.ends = make([]int32, maxTok+64)
	}
	if cap(s.startMask) < nb {
		s.startMask, s.endMask = make([]uint64, nb), make([]uint64, nb)
	}
	startMask, endMask := s.startMask[:nb], s.endMask[:nb]
	starts, ends := s.starts[:maxTok+64], s.ends[:maxTok+64]
	ns, ne := 0, 0
	var prev blockMasks // the previous block's masks
	var upper uint64    // any ASCII capital in the document
	var carry uint64    // the last byte of the previous block is a token byte
	for b := range masks {
		m := &masks[b]
		// Every byte at or above 0x80 is one of the three of a
		// Devanagari rune.
		lead1 := m.lead<<1 | prev.lead>>63
		lead2 := m.lead<<2 | prev.lead>>62
		bad := m.high ^ (m.lead | lead1 | lead2)
		// Every Devanagari rune is plain, a virama or a nukta.
		bad |= m.lead &^ (m.plain | m.virama | m.nukta)
		// No mark follows a mark, but a virama a nukta.
		marks := m.virama | m.nukta
		nukta3 := m.nukta<<3 | prev.nukta>>61
		bad |= marks & (marks<<3 | (prev.virama|prev.nukta)>>61) &^ (m.virama & nukta3)
		// A nukta follows a plain rune it does not compose with.
		bad |= m.nukta &^ (m.nuktaPred<<3 | prev.nuktaPred>>61)
		if bad != 0 {
			return false
		}
		tok := m.asciiTok | m.tok | m.tok<<1 | prev.tok>>63 | m.tok<<2 | prev.tok>>62
		upper |= m.asciiUpper
		// A token starts at a token byte after a byte that is none, and
		// ends before a byte that is none after one that is.
		shifted := tok<<1 | carry
		carry = tok >> 63
		startMask[b], endMask[b] = tok&^shifted, shifted&^tok
		prev = *m
	}
	if haveBlockAVX512 {
		ns = positionsAVX512(&startMask[0], nb, &starts[0], &byteIndex)
		ne = positionsAVX512(&endMask[0], nb, &ends[0], &byteIndex)
	} else {
		for b := range nb {
			ns = positions(starts, ns, startMask[b], int32(64*b))
			ne = positions(ends, ne, endMask[b], int32(64*b))
		}
	}
	if ne < ns {
		// The last token runs to the end of the last block.
		ends[ne] = int32(n)
		ne++
	}
	if haveBlockAVX512 {
		s.hashSpans(doc, text, starts[:ns], ends[:ns], upper != 0, masks, seed)
		return true
	}
	th := s.th[:0]
	for j := range ns {
		start, end := int(starts[j]), int(ends[j])
		th = append(th, s.hashToken(doc, start, end, upper != 0 && anyUpper(masks, start, end), seed))
	}
	s.th = th
	return true
}

// spanBytes is the longest token that hashSpans hashes sixteen at a time
// (ten Devanagari letters); it hands longer ones to hashToken.
const spanBytes = 32

// hashSpans sets s.th to the hashes of the tokens doc[starts[j]:ends[j]],
// with their ASCII capitals lowered, using hashSpansAVX512, which lowers
// them in every token (a token without one is unchanged). lower, whether
// the document has a capital, only matters to the tokens longer than
// spanBytes, which hashToken hashes. text
// is doc as bytes; starts and ends have room for 15 more tokens.
func (s *Shingler) hashSpans(doc string, text []byte, starts, ends []int32, lower bool, masks []blockMasks, seed uint64) {
	n := len(starts)
	m := (n + 15) &^ 15
	th := slices.Grow(s.th[:0], m)[:m]
	if m > 0 {
		// The last group of 16 is completed with tokens of one byte,
		// whose hashes are dropped.
		starts, ends = starts[:m], ends[:m]
		for j := n; j < m; j++ {
			starts[j], ends[j] = 0, 1
		}
		if hashSpansAVX512(&text[0], &starts[0], &ends[0], m/16, seed, &th[0], &spanPerm) {
			for j := range n {
				if start, end := int(starts[j]), int(ends[j]); end-start > spanBytes {
					th[j] = s.hashToken(doc, start, end, lower && anyUpper(masks, start, end), seed)
				}
			}
		}
	}
	s.th = th[:n]
}

// positions writes base + the offset of each bit set in x, in increasing
// order, to dst[i:], and returns i plus their number. It writes eight at a
// time, whether or not x has that many bits: dst must have room for 15
// more than there are bits. A loop that stops at the last bit would miss
// its exit once a block; this one only does when x has more than 8 bits.
func positions(dst []int32, i int, x uint64, base int32) int {
	count := bits.OnesCount64(x)
	for {
		d := (*[8]int32)(dst[i : i+8])
		d[0] = base + int32(bits.TrailingZeros64(x))
		x &= x - 1
		d[1] = base + int32(bits.TrailingZeros64(x))
		x &= x - 1
		d[2] = base + int32(bits.TrailingZeros64(x))
		x &= x - 1
		d[3] = base + int32(bits.TrailingZeros64(x))
		x &= x - 1
		d[4] = base + int32(bits.TrailingZeros64(x))
		x &= x - 1
		d[5] = base + int32(bits.TrailingZeros64(x))
		x &= x - 1
		d[6] = base + int32(bits.TrailingZeros64(x))
		x &= x - 1
		d[7] = base + int32(bits.TrailingZeros64(x))
		x &= x - 1
		if count <= 8 {
			return i + count
		}
		i, count = i+8, count-8
	}
}

// byteIndex holds 0 to 63, the offsets of a block, for positionsAVX512.
var byteIndex = func() (b [64]byte) {
	for i := range b {
		b[i] = byte(i)
	}
	return b
}()

// anyUpper reports whether a byte in [start, end) is an ASCII capital.
func anyUpper(masks []blockMasks, start, end int) bool {
	for p := start; p < end; {
		b, i := p/64, uint(p%64)
		w := masks[b].asciiUpper >> i
		if k := end - p; k < 64-int(i) {
			w &= 1<<uint(k) - 1
		}
		if w != 0 {
			return true
		}
		p += 64 - int(i)
	}
	return false
}

package text

import (
	"slices"
	"strings"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// A Shingler turns documents into shingle sets with the Options it was made
// with. It reuses its buffers from one document to the next, so it is not
// safe for concurrent use: use one Shingler per goroutine.
type Shingler struct {
	opts   Options
	norm   normalizer
	text   []byte   // the normalised document
	spans  []span   // its units
	th     []uint64 // the hashes of its tokens (Word)
	sh     []uint64 // the hashes of its shingles, unsorted
	lower  []byte   // scratch for a token with ASCII capitals (Word)
	sorted []uint64 // scratch of sortHashes
	// The block path of scanWords (scanBlocks): the padded document, its
	// masks, and the starts and ends of its tokens.
	pad          []byte
	masks        []blockMasks
	starts, ends []int32
	// The bytes at which tokens start and end, a mask a block.
	startMask, endMask []uint64
	scratch            []uint64 // of hashShinglesAVX512
	iter               *graphemes.Iterator[[]byte]
}

// A span is the byte range text[start:end] of one unit.
type span struct{ start, end int }

// NewShingler returns a Shingler for o, or the error of o.Validate.
func NewShingler(o Options) (*Shingler, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return &Shingler{opts: o, iter: graphemes.FromBytes([]byte(nil))}, nil
}

// Append normalises doc (see Normalize), cuts it into units (tokens for Word,
// extended grapheme clusters of UAX #29 for Char), hashes every run of K
// consecutive units, and appends the hashes to dst sorted ascending with
// duplicates removed. Only the appended part is sorted and deduplicated; the
// first len(dst) elements are left as they were.
//
// A Word shingle's hash is Hash64, with the seed, of the little-endian
// encoding of its K token hashes, each HashString(token, seed): every token is
// hashed once and a shingle costs K rounds. A Char shingle's hash is Hash64 of
// the bytes of its K graphemes.
//
// A document with fewer than K units (but at least one) gives one shingle of
// all its units. A document without any token (letter, mark or digit), such
// as "", "   " or "।।", gives no shingle for either unit, and the caller
// should report it.
//
// Append allocates only to grow dst and, on first use or for a document
// larger than any before it, the Shingler's buffers.
func (s *Shingler) Append(dst []uint64, doc string) []uint64 {
	seed := s.opts.Seed
	sh := s.sh[:0]
	switch s.opts.Unit {
	case Word:
		// Most documents are on the normaliser's fast path, and
		// scanWords hashes their tokens in one pass over doc. For the
		// others, normalise and tokenise the normalised text.
		if !s.scanWords(doc, seed) {
			s.split(doc)
			s.th = s.th[:0]
			for _, u := range s.spans {
				s.th = append(s.th, Hash64(s.text[u.start:u.end], seed))
			}
		}
		n := len(s.th)
		if n == 0 {
			return dst
		}
		k := min(s.opts.K, n)
		sh = s.hashShingles(sh, k, seed)
	case Char:
		n := s.split(doc)
		if n == 0 {
			return dst
		}
		k := min(s.opts.K, n)
		for i := 0; i+k <= n; i++ {
			sh = append(sh, Hash64(s.text[s.spans[i].start:s.spans[i+k-1].end], seed))
		}
	}
	s.sh = sh
	start := len(dst)
	dst = slices.Grow(dst, len(sh))[:start+len(sh)]
	s.sorted = sortHashes(dst[start:], sh, s.sorted)
	return dst[:start+len(slices.Compact(dst[start:]))]
}

// hashShingles appends to sh the hashes of the word shingles of s.th, each
// hashWords of k consecutive token hashes, eight at a time where the CPU
// has AVX-512.
func (s *Shingler) hashShingles(sh []uint64, k int, seed uint64) []uint64 {
	n := len(s.th)
	count := n - k + 1
	if !haveBlockAVX512 || count < 8 {
		for i := range count {
			sh = append(sh, hashWords(s.th[i:i+k], seed))
		}
		return sh
	}
	groups := (count + 15) / 16 * 2 // an even number of groups of 8
	// The last group reads past the last token hash; what it computes
	// from there is not kept.
	words := 8 * (groups + k)
	th := slices.Grow(s.th, words-n)[:words]
	if cap(s.scratch) < words {
		s.scratch = make([]uint64, words)
	}
	start := len(sh)
	sh = slices.Grow(sh, 8*groups)[:start+8*groups]
	hashShinglesAVX512(&th[0], groups, k, seed, &sh[start], &s.scratch[0])
	s.th = th[:n]
	return sh[:start+count]
}

// split normalises doc into s.text, finds its units in s.spans, and returns
// their number: 0 if doc has no token.
func (s *Shingler) split(doc string) int {
	s.text = s.norm.append(s.text[:0], doc)
	s.spans = s.spans[:0]
	switch s.opts.Unit {
	case Word:
		for i := 0; ; {
			start, end := nextToken(s.text, i)
			if start < 0 {
				break
			}
			s.spans = append(s.spans, span{start, end})
			i = end
		}
	case Char:
		if !hasToken(s.text) {
			return 0
		}
		s.iter.SetText(s.text)
		for s.iter.Next() {
			s.spans = append(s.spans, span{s.iter.Start(), s.iter.End()})
		}
		s.iter.SetText(nil) // do not keep a reference to the text
	}
	return len(s.spans)
}

// Shingles returns the sorted, distinct shingle hashes of doc: it is
// NewShingler(o) followed by Append(nil, doc). It panics if o is invalid.
func Shingles(doc string, o Options) []uint64 {
	return mustShingler(o).Append(nil, doc)
}

// A Shingle is one shingle of a document, as normalised text, with its hash.
type Shingle struct {
	Hash uint64
	Text string
}

// ShingleTexts returns the shingles of doc as text, for error analysis (which
// shingles do two documents share?). Their hashes are exactly
// Shingles(doc, o), but in document order: each distinct hash appears once,
// at its first occurrence. The text of a Word shingle is its tokens joined by
// one space; the text of a Char shingle is its graphemes, a substring of
// Normalize(doc). It panics if o is invalid.
func ShingleTexts(doc string, o Options) []Shingle {
	s := mustShingler(o)
	n := s.split(doc)
	if n == 0 {
		return nil
	}
	k := min(o.K, n)
	out := make([]Shingle, 0, n-k+1)
	seen := make(map[uint64]bool, n-k+1)
	for i := 0; i+k <= n; i++ {
		var h uint64
		var t string
		if o.Unit == Word {
			ws := make([]uint64, k)
			var b strings.Builder
			for j, u := range s.spans[i : i+k] {
				ws[j] = Hash64(s.text[u.start:u.end], o.Seed)
				if j > 0 {
					b.WriteByte(' ')
				}
				b.Write(s.text[u.start:u.end])
			}
			h, t = hashWords(ws, o.Seed), b.String()
		} else {
			b := s.text[s.spans[i].start:s.spans[i+k-1].end]
			h, t = Hash64(b, o.Seed), string(b)
		}
		if !seen[h] {
			seen[h] = true
			out = append(out, Shingle{Hash: h, Text: t})
		}
	}
	return out
}

func mustShingler(o Options) *Shingler {
	s, err := NewShingler(o)
	if err != nil {
		panic(err)
	}
	return s
}

package text

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// blockAlphabet is the alphabet of the block path's random documents: what
// it accepts (ASCII letters, digits, capitals and separators, plain
// Devanagari runes, the virama, the nukta, the danda) and what it must
// decline or hand on (the nukta after the runes it composes with, marks in
// every order, the stress signs, क़ precomposed, other scripts, truncated
// and invalid sequences).
var blockAlphabet = []string{
	"a", "Z", "7", " ", ".", "\n", "\x00", "ab", "Xy",
	"क", "न", "र", "ळ", "ा", "ि", "ं", "ँ", "।", "॥", "०", "ॐ", "ऽ",
	"\u094d", "\u093c", "\u0951", "\u0952", "\u0958", "\u0929",
	"\u0915\u093c", "\u0928\u093c", "\u0915\u093c\u094d", "\u0915\u094d\u093c", "\u094d\u094d",
	"é", "ß", "\u200d", "\u00a0", "—", "ক", "\xe0", "\xe0\xa4", "\xa4\x95", "\xe0\xa6\x95", "\xff",
}

// TestScanBlocks checks the block path against the rune-by-rune scan on
// random documents of blockAlphabet, with the masks computed both ways:
// where the block path accepts a document, the rune scan must accept it
// too and give the same token hashes. It also checks that the block path
// accepts the documents of the benchmarks, all of which it should.
func TestScanBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 30000
	if testing.Short() || raceEnabled {
		n = 3000
	}
	s, r := mustShingler(DefaultOptions()), mustShingler(DefaultOptions())
	var b strings.Builder
	check := func(doc string) bool {
		t.Helper()
		ok := s.scanBlocks(doc, 5)
		if !ok {
			return false
		}
		got := slices.Clone(s.th)
		if !r.scanRunes(doc, 5) {
			t.Fatalf("scanBlocks(%+q) accepts what scanRunes declines", doc)
		}
		if !slices.Equal(got, r.th) {
			t.Fatalf("scanBlocks(%+q) = %x, scanRunes %x", doc, got, r.th)
		}
		return true
	}
	for _, avx := range []bool{false, true} {
		if avx && !haveBlockAVX512 {
			continue
		}
		func() {
			defer func(old bool) { haveBlockAVX512 = old }(haveBlockAVX512)
			haveBlockAVX512 = avx
			accepted := 0
			for i := range n {
				b.Reset()
				// Lengths around the block size and its multiples.
				for b.Len() < rng.IntN(200) {
					b.WriteString(blockAlphabet[rng.IntN(len(blockAlphabet))])
					if i%2 == 0 {
						// Mostly what the block path accepts.
						b.WriteString(blockAlphabet[9+rng.IntN(13)])
					}
				}
				if check(b.String()) {
					accepted++
				}
			}
			// About one in thirteen of them, with this seed.
			if accepted < n/20 {
				t.Errorf("AVX-512 %v: the block path accepted %d of %d random documents; the test checks too little", avx, accepted, n)
			}
			for _, doc := range equivDocs(t) {
				check(doc)
			}
			// Blocks with more than 16 tokens, up to 32, starting and
			// ending at every offset.
			for _, unit := range []string{"a ", "Z ", "a  ", "aZ ", "क ", "क़ "} {
				for k := range 200 {
					if !check(strings.Repeat(unit, k)) {
						t.Errorf("scanBlocks declines %d times %+q", k, unit)
					}
				}
			}
			for _, doc := range devanagariDocs(t, 200, 9) {
				if !check(doc) {
					t.Errorf("scanBlocks declines a generated Devanagari document: %+.100q", doc)
				}
			}
		}()
	}
}

// TestBlockMasksAVX512 compares the assembly's masks with blockMasksGo's,
// bit for bit, on random bytes drawn to hit every comparison it makes.
func TestBlockMasksAVX512(t *testing.T) {
	if !haveBlockAVX512 {
		t.Skip("this CPU lacks what the block path's assembly needs (AVX-512F, BW, DQ, VBMI, VBMI2, BMI2)")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	tables := getBlockTables()
	bytesOf := []byte{0, 'a', 'Z', '5', ' ', 0x7f, 0x80, 0x95, 0xa4, 0xa5, 0xa6, 0xbc, 0xbf, 0xc0, 0xe0, 0xe1, 0xff}
	for range 2000 {
		nb := 1 + rng.IntN(4)
		buf := make([]byte, 64*nb+2)
		for i := range buf {
			if rng.IntN(2) == 0 {
				buf[i] = bytesOf[rng.IntN(len(bytesOf))]
			} else {
				buf[i] = byte(rng.Uint32())
			}
		}
		got, want := make([]blockMasks, nb), make([]blockMasks, nb)
		blockMasksAVX512(&buf[0], nb, tables, &got[0])
		blockMasksGo(buf, tables, want)
		if !slices.Equal(got, want) {
			t.Fatalf("blockMasksAVX512(%x) = %+v, blockMasksGo %+v", buf, got, want)
		}
	}
}

// The runes of the block path's edge cases: a plain consonant, one the
// nukta composes with, the nukta, the virama, a stress sign the block path
// declines, and a vowel sign.
const (
	edgeKa     = "\u0915" // क, E0 A4 95
	edgeNa     = "\u0928" // न, composes with the nukta
	edgeNukta  = "\u093c" // E0 A4 BC
	edgeVirama = "\u094d" // E0 A5 8D
	edgeStress = "\u0951" // a non-starter the block path declines
	edgeVowelI = "\u093f" // ि, a plain vowel sign
)

// A blockEdge is one document of TestBlockPathEdges. block says that the
// block path must accept it, so that the case checks the block path's
// tokens and hashes rather than only its refusal.
type blockEdge struct {
	name  string
	doc   string
	block bool
}

// fill returns doc padded with c to exactly n bytes.
func fill(doc string, c byte, n int) string {
	return doc + strings.Repeat(string(c), n-len(doc))
}

// cycleRunes returns the longest concatenation of units, in turn, of at
// most n bytes, padded with ASCII 'q' to exactly n bytes.
func cycleRunes(units []string, n int) string {
	var b strings.Builder
	for i := 0; b.Len()+len(units[i%len(units)]) <= n; i++ {
		b.WriteString(units[i%len(units)])
	}
	return fill(b.String(), 'q', n)
}

// blockEdges returns the cases of TestBlockPathEdges: documents around
// the block size of 64 bytes and its multiples, tokens and runes straddling
// block ends, marks right after them, tokens around the 32 bytes that
// hashSpansAVX512 hashes, ASCII capitals at its edges and next to
// Devanagari, invalid UTF-8 at block ends and at the end of the document
// (where the masks read the zero padding), NUL bytes (which the padding
// looks like), blocks of more than 16 and 32 tokens, every Devanagari code
// point with the nukta and the virama, and long documents.
func blockEdges() []blockEdge {
	var cs []blockEdge
	add := func(block bool, name string, args ...any) func(doc string) {
		return func(doc string) {
			cs = append(cs, blockEdge{fmt.Sprintf(name, args...), doc, block})
		}
	}
	ends := []int{64, 128, 192}

	// Every length up to 200, and around the multiples of 64 above it.
	lengths := []int{}
	for n := range 201 {
		lengths = append(lengths, n)
	}
	lengths = append(lengths, 254, 255, 256, 257, 258, 319, 320, 321, 322)
	for _, n := range lengths {
		add(true, "len %d ascii words", n)(cycleRunes([]string{"ab", " ", "c", "  ", "Def", "\n", "7"}, n))
		add(true, "len %d one token", n)(strings.Repeat("x", n))
		add(true, "len %d one capital token", n)(strings.Repeat("Q", n))
		add(true, "len %d devanagari", n)(cycleRunes([]string{edgeKa, edgeVowelI, " ", "ज", edgeNukta, edgeVirama, "य", "।"}, n))
		add(true, "len %d devanagari token", n)(cycleRunes([]string{edgeKa}, n))
		add(true, "len %d separators", n)(cycleRunes([]string{" ", "।", "\x00", "."}, n))
	}

	// Tokens ending exactly at a block end, followed by nothing, a
	// separator, ASCII or Devanagari (which continues the token).
	for _, e := range ends {
		for _, k := range []int{1, 2, 3, 8, 31, 32, 33, 63, 64, 65, 100} {
			if k > e {
				continue
			}
			for _, suffix := range []string{"", " ", " z", "z", edgeKa, "।", "\x00"} {
				add(true, "ascii token of %d ending at %d, then %+q", k, e, suffix)(fill("", ' ', e-k) + strings.Repeat("t", k) + suffix)
			}
			if k%3 == 0 {
				for _, suffix := range []string{"", " ", "z", edgeKa + edgeNukta, edgeVirama} {
					add(true, "devanagari token of %d ending at %d, then %+q", k, e, suffix)(fill("", ' ', e-k) + strings.Repeat(edgeKa, k/3) + suffix)
				}
			}
		}
	}

	// A Devanagari rune (with its marks) whose lead byte is at each
	// offset around a block end, straddling it by one or two bytes, after
	// a separator or inside an ASCII token, followed by nothing, a
	// separator or ASCII.
	runes := []struct {
		r     string
		block bool
	}{
		{edgeKa, true}, {edgeKa + edgeNukta, true}, {edgeKa + edgeVirama, true},
		{"ज" + edgeNukta + edgeVirama, true}, {edgeVirama, true}, {edgeKa + edgeVowelI, true}, {"।", true},
		{edgeNa + edgeNukta, false}, {edgeStress, false}, {edgeKa + edgeVirama + edgeNukta, false},
		{edgeKa + edgeNukta + edgeNukta, false}, {edgeKa + edgeVirama + edgeVirama, false}, {edgeNukta, false},
	}
	for _, e := range ends {
		for o := e - 9; o <= e+1; o++ {
			for _, r := range runes {
				for _, before := range []byte{' ', 'a', 'B'} {
					for _, suffix := range []string{"", " ", "b", "C"} {
						block := r.block && !(before == 'B' && r.r == edgeVirama)
						add(block, "%+q at %d after %q, then %+q", r.r, o, before, suffix)(fill("", before, o) + r.r + suffix)
					}
				}
			}
		}
	}

	// Tokens around the 32 bytes of hashSpansAVX512, with and without
	// capitals, which it lowers in place, at bytes 0, 31, 32 and 33, and
	// at every offset in the block.
	for _, k := range []int{1, 7, 8, 9, 16, 17, 24, 25, 31, 32, 33, 34, 64, 65, 1000} {
		for _, capAt := range []int{-1, 0, 1, 7, 8, 31, 32, 33, k - 1} {
			if capAt >= k {
				continue
			}
			tok := []byte(strings.Repeat("m", k))
			if capAt >= 0 {
				tok[capAt] = 'M'
			}
			for _, o := range []int{0, 1, 31, 33, 40, 63} {
				add(true, "token of %d, capital at %d, at %d", k, capAt, o)(fill("", ' ', o) + string(tok) + " end")
				add(true, "token of %d, capital at %d, at %d, ending the text", k, capAt, o)(fill("", ' ', o) + string(tok))
			}
		}
		add(true, "token of %d, all capitals", k)(strings.Repeat("Z", k) + " a " + strings.Repeat("A", k))
	}
	// Every ASCII letter and digit, in tokens of 8, 32 and 33 bytes.
	for _, tok := range []string{"ABCDEFGH", "IJKLMNOP", "QRSTUVWX", "YZabcxyz", "01234567", "89AaZz09",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "abcdefghijklmnopqrstuvwxyz@[`{AZ",
	} {
		add(true, "letters %q", tok)(tok + " " + tok[1:] + "\n" + tok[2:] + "." + tok)
	}
	// Devanagari tokens of 30 to 36 bytes, and ASCII with Devanagari
	// making up 32 and 33 bytes, capitals on either side.
	for _, tok := range []string{
		strings.Repeat(edgeKa, 10), strings.Repeat(edgeKa, 11), strings.Repeat(edgeKa, 12),
		strings.Repeat(edgeKa, 10) + "ab", strings.Repeat(edgeKa, 10) + "aB", strings.Repeat(edgeKa, 10) + "Ab",
		strings.Repeat(edgeKa, 10) + "abC", "A" + strings.Repeat(edgeKa, 10) + "b", "AB" + strings.Repeat(edgeKa, 10),
		"ABC" + strings.Repeat(edgeKa, 10), strings.Repeat("Xक", 8), strings.Repeat("कX", 8) + "Y",
		strings.Repeat("क"+edgeNukta+edgeVirama, 3) + "Ab", "A" + edgeKa + edgeNukta, edgeKa + "A" + edgeVirama,
	} {
		for _, o := range []int{0, 30, 31, 32, 62, 63} {
			add(true, "token %+q at %d", tok, o)(fill("", ' ', o) + tok + " " + tok)
		}
	}

	// Capitals next to Devanagari, and before a mark (the nukta after a
	// capital must not pass).
	for _, doc := range []string{
		"A" + edgeKa, edgeKa + "A", "A" + edgeKa + edgeNukta, edgeKa + edgeNukta + "A", "A" + edgeVirama,
		edgeKa + "A" + edgeKa, "Aक्B", "z" + edgeVirama + "Z",
	} {
		for _, o := range []int{0, 61, 62, 63, 64} {
			add(true, "%+q at %d", doc, o)(fill("", 'x', o) + doc)
		}
	}
	for _, doc := range []string{"A" + edgeNukta, "a" + edgeNukta, "1" + edgeNukta, " " + edgeNukta} {
		for _, o := range []int{0, 62, 63, 64} {
			add(false, "%+q at %d", doc, o)(fill("", 'x', o) + doc)
		}
	}

	// Invalid UTF-8, cut Devanagari and other scripts at block ends and
	// at the end of the document, where the padding follows.
	for _, bad := range []string{
		"\xe0", "\xe0\xa4", "\xe0\xa5", "\xa4\x95", "\x95", "\xff", "\xe0\xa4\xff", "\xe0\xa4\x15",
		"\xe0\xa4\xc0", "\xe0\xa6\x95", "\xe1\xa4\x95", "\xe0\xa4\x95\x95", "\xc0\xaf", "é",
	} {
		for _, e := range append([]int{0, 1, 2, 3}, ends...) {
			for o := max(e-4, 0); o <= e+1; o++ {
				add(false, "%+q at %d", bad, o)(fill("", 'a', o) + bad)
				add(false, "%+q at %d, then more", bad, o)(fill("", 'a', o) + bad + " ok")
			}
		}
	}

	// NUL bytes, which look like the padding after the document.
	for _, doc := range []string{
		"\x00", "a\x00", "\x00a", "a\x00b", strings.Repeat("\x00", 64), strings.Repeat("\x00", 66),
		strings.Repeat("a", 63) + "\x00" + "b", strings.Repeat("a", 64) + "\x00", strings.Repeat("a", 65) + "\x00\x00",
		edgeKa + "\x00", edgeKa + "\x00\x00", strings.Repeat("\x00a", 100),
	} {
		add(true, "NUL %+.20q (%d bytes)", doc, len(doc))(doc)
	}

	// Blocks of 16, 17, 32 tokens and more, starting at every parity.
	for _, unit := range []string{"a ", " a", "a\x00", "ab ", "Ab ", "a.", "1 ", edgeKa + " ", "aक "} {
		for _, k := range []int{15, 16, 17, 21, 22, 31, 32, 33, 64, 65, 100} {
			add(true, "%d times %+q", k, unit)(strings.Repeat(unit, k))
			add(true, "%d times %+q after one byte", k, unit)("z" + strings.Repeat(unit, k))
		}
	}

	// Every Devanagari code point alone, after a plain consonant and after
	// each mark, with the nukta, the virama and both after it, at the
	// start and straddling the first block end.
	for r := rune(devaStart); r < devaStart+128; r++ {
		c := string(r)
		for _, doc := range []string{
			c, c + edgeNukta, c + edgeVirama, c + edgeNukta + edgeVirama, c + edgeVirama + edgeNukta,
			edgeKa + c, edgeKa + edgeNukta + c, edgeKa + edgeVirama + c, "A" + c, "a" + c + "B",
		} {
			for _, o := range []int{0, 62, 63} {
				add(false, "%U: %+q at %d", r, doc, o)(fill("", 'a', o) + doc + " a")
			}
		}
	}
	return cs
}

// blockEdgeLong returns the long documents of TestBlockPathEdges: about
// n bytes of generated Devanagari text, of one ASCII token, of one-letter
// tokens, and of text with an ASCII capital or an invalid byte at the
// very end.
func blockEdgeLong(tb testing.TB, n int) []blockEdge {
	var b strings.Builder
	docs := devanagariDocs(tb, 20, 11)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(docs[i%len(docs)])
		b.WriteString("\n\n")
	}
	deva := b.String()
	return []blockEdge{
		{"long devanagari", deva, true},
		{"long devanagari, capital at the end", deva + "X", true},
		{"long devanagari, cut rune at the end", deva + "\xe0\xa4", false},
		{"long devanagari, nukta after न at the end", deva + edgeNa + edgeNukta, false},
		{"long token", strings.Repeat("w", n), true},
		{"long capital token", strings.Repeat("W", n), true},
		{"long one-letter tokens", strings.Repeat("a ", n/2), true},
	}
}

// TestBlockPathEdges checks the block path on its edge cases
// (blockEdges): where it accepts a document, with the masks computed with
// AVX-512 and in Go, scanRunes must accept it too and give the same token
// hashes; and Shingler.Append, with and without the assembly, must give
// what the reference gives.
func TestBlockPathEdges(t *testing.T) {
	cases := blockEdges()
	long := 1 << 20
	if testing.Short() || raceEnabled {
		long = 1 << 16
	}
	cases = append(cases, blockEdgeLong(t, long)...)
	opts := []Options{{Word, 1, 0}, {Word, 5, 1<<64 - 1}}
	have := haveBlockAVX512
	defer func() { haveBlockAVX512 = have }()
	for _, avx := range []bool{false, true} {
		if avx && !have {
			t.Log("haveBlockAVX512 is false: the Go block path only")
			continue
		}
		haveBlockAVX512 = avx
		s, r := mustShingler(DefaultOptions()), mustShingler(DefaultOptions())
		var ss []*Shingler
		var refs []*refShingler
		for _, o := range opts {
			ss, refs = append(ss, mustShingler(o)), append(refs, newRefShingler(o))
		}
		failures := 0
		for i, tc := range cases {
			for _, seed := range []uint64{0, 1<<64 - 1} {
				ok := s.scanBlocks(tc.doc, seed)
				if tc.block && !ok {
					t.Errorf("AVX-512 %v, %s: scanBlocks(%+.200q) declines", avx, tc.name, tc.doc)
					failures++
				}
				if !ok {
					continue
				}
				got := slices.Clone(s.th)
				if !r.scanRunes(tc.doc, seed) {
					t.Errorf("AVX-512 %v, %s: scanBlocks(%+.200q) accepts what scanRunes declines", avx, tc.name, tc.doc)
					failures++
				} else if !slices.Equal(got, r.th) {
					t.Errorf("AVX-512 %v, %s: scanBlocks(%+.200q, %#x) = %d hashes %x, scanRunes %d hashes %x",
						avx, tc.name, tc.doc, seed, len(got), got[:min(len(got), 8)], len(r.th), r.th[:min(len(r.th), 8)])
					failures++
				}
			}
			if len(tc.doc) > 1<<16 {
				// Long documents: one option, to keep the test fast.
				o := opts[1]
				if got, want := ss[1].Append(nil, tc.doc), refs[1].Append(nil, tc.doc); !slices.Equal(got, want) {
					t.Errorf("AVX-512 %v, %s: Shingler(%v).Append = %d hashes, reference %d", avx, tc.name, o, len(got), len(want))
				}
				continue
			}
			if (testing.Short() || raceEnabled) && i%4 != 0 {
				continue // the block path only
			}
			for j, o := range opts {
				checkMatchesReference(t, ss[j], refs[j], o, tc.doc)
			}
			if failures > 20 {
				t.Fatal("too many failures")
			}
		}
	}
}

// TestSortHashesEdges checks sortHashes against slices.Sort on inputs
// adversarial to its radix passes and to the budget of its insertion sort,
// for sizes around minRadixSort and a scratch slice reused, too short or
// holding garbage.
func TestSortHashesEdges(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	kinds := []struct {
		name string
		f    func(i, n int) uint64
	}{
		{"equal top 16 bits", func(i, n int) uint64 { return 0x8001<<48 | rng.Uint64()>>16 }},
		{"equal top 16, descending", func(i, n int) uint64 { return 0xFFFF<<48 | uint64(n-i) }},
		{"two top 16, descending", func(i, n int) uint64 { return uint64(i%2)<<63 | uint64(n-i) }},
		{"equal top 8 bits", func(i, n int) uint64 { return 0x7F<<56 | rng.Uint64()>>8 }},
		{"equal bits 48-55", func(i, n int) uint64 { return rng.Uint64()&^(0xFF<<48) | 0x5A<<48 }},
		{"all equal", func(i, n int) uint64 { return 0xDEADBEEF }},
		{"three values", func(i, n int) uint64 { return []uint64{0, 1<<64 - 1, 1 << 48}[rng.IntN(3)] }},
		{"many duplicates", func(i, n int) uint64 { return rng.Uint64N(5) * 0x0101010101010101 }},
		{"descending", func(i, n int) uint64 { return uint64(n-i) << 40 }},
		{"ascending", func(i, n int) uint64 { return uint64(i) << 40 }},
		{"smallest last", func(i, n int) uint64 { return uint64(n - i - 1) }},
		{"uniform", func(i, n int) uint64 { return rng.Uint64() }},
	}
	tmp := []uint64{7, 7, 7}
	for _, n := range []int{0, 1, 2, 3, 63, 64, 65, 66, 127, 128, 129, 255, 256, 257, 1000} {
		for _, k := range kinds {
			name, f := k.name, k.f
			src := make([]uint64, n)
			for i := range src {
				src[i] = f(i, n)
			}
			orig := slices.Clone(src)
			want := slices.Sorted(slices.Values(src))
			got := make([]uint64, n)
			for i := range got {
				got[i] = 0x5555
			}
			tmp = sortHashes(got, src, tmp)
			if !slices.Equal(got, want) {
				t.Errorf("sortHashes of %d hashes, %s: got %x..., want %x...", n, name, got[:min(n, 4)], want[:min(n, 4)])
			}
			if !slices.Equal(src, orig) {
				t.Errorf("sortHashes of %d hashes, %s: changed src", n, name)
			}
			for i := range tmp {
				tmp[i] = 0xBAD // garbage for the next call
			}
		}
	}
}

// FuzzScanBlocks checks the block path against the rune-by-rune scan on
// any bytes, with the masks and hashes computed with AVX-512 and in Go:
// where it accepts a document, scanRunes must accept it too and give the
// same token hashes.
func FuzzScanBlocks(f *testing.F) {
	for i, tc := range blockEdges() {
		if i%16 == 0 && len(tc.doc) <= 200 {
			f.Add([]byte(tc.doc), uint64(0))
		}
	}
	have := haveBlockAVX512
	f.Fuzz(func(t *testing.T, doc []byte, seed uint64) {
		s, r := mustShingler(DefaultOptions()), mustShingler(DefaultOptions())
		defer func() { haveBlockAVX512 = have }()
		for _, avx := range []bool{false, true} {
			if avx && !have {
				continue
			}
			haveBlockAVX512 = avx
			if !s.scanBlocks(string(doc), seed) {
				continue
			}
			if !r.scanRunes(string(doc), seed) {
				t.Fatalf("AVX-512 %v: scanBlocks(%+q) accepts what scanRunes declines", avx, doc)
			}
			if !slices.Equal(s.th, r.th) {
				t.Fatalf("AVX-512 %v: scanBlocks(%+q, %#x) = %x, scanRunes %x", avx, doc, seed, s.th, r.th)
			}
		}
	})
}

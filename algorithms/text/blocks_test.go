package text

import (
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
		t.Skip("no AVX-512 VBMI on this CPU")
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

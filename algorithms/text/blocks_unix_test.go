//go:build unix

package text

import (
	"slices"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TestBlockPathGuardPages runs the block path, with and without AVX-512,
// and Append on documents that end at the last byte before an unmapped
// page, or start at the first byte after one, so that a read outside the
// document faults: the masks of the blocks read in place (each looks at
// the two bytes after it), the masked loads of hashSpansAVX512, and the
// partial words of hashSubstring.
func TestBlockPathGuardPages(t *testing.T) {
	page := unix.Getpagesize()
	mem, err := unix.Mmap(-1, 0, 3*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Skip("mmap:", err)
	}
	defer unix.Munmap(mem)
	if err := unix.Mprotect(mem[:page], unix.PROT_NONE); err != nil {
		t.Skip("mprotect:", err)
	}
	if err := unix.Mprotect(mem[2*page:], unix.PROT_NONE); err != nil {
		t.Skip("mprotect:", err)
	}
	usable := mem[page : 2*page]
	var docs []string
	for n := 1; n <= 260; n++ {
		docs = append(docs,
			strings.Repeat("x", n), strings.Repeat("X", n),
			cycleRunes([]string{"ab", " ", "Cd", edgeKa, edgeVowelI}, n),
			fill(strings.Repeat(" ", n/2), 'w', n), fill(strings.Repeat(edgeKa, n/6), ' ', n))
	}
	have := haveBlockAVX512
	defer func() { haveBlockAVX512 = have }()
	o := Options{Word, 2, 0}
	s, ref := mustShingler(o), newRefShingler(o)
	for _, doc := range docs {
		if len(doc) > page {
			continue
		}
		// The document at the end of the usable page, then at its start.
		for _, at := range []int{page - len(doc), 0} {
			b := usable[at : at+len(doc)]
			copy(b, doc)
			guarded := unsafe.String(&b[0], len(b))
			for _, avx := range []bool{false, true} {
				if avx && !have {
					continue
				}
				haveBlockAVX512 = avx
				if !s.scanBlocks(guarded, 3) {
					t.Errorf("AVX-512 %v: scanBlocks(%+q) declines", avx, doc)
				}
				if got, want := s.Append(nil, guarded), ref.Append(nil, doc); !slices.Equal(got, want) {
					t.Errorf("AVX-512 %v: Append(%+q) at the page's %d = %x, reference %x", avx, doc, at, got, want)
				}
			}
		}
	}
}

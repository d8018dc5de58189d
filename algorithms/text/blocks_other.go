//go:build !amd64

package text

// haveBlockAVX512 is false where there is no assembly of the block masks.
var haveBlockAVX512 = false

func blockMasksAVX512(buf *byte, n int, t *blockTables, out *blockMasks) {
	panic("text: no AVX-512 here")
}

func hashSpansAVX512(buf *byte, starts, ends *int32, n int, seed uint64, out *uint64, perm *[4][8]uint64) bool {
	panic("text: no AVX-512 here")
}

var spanPerm [4][8]uint64

func hashShinglesAVX512(th *uint64, n, k int, seed uint64, out, scratch *uint64) {
	panic("text: no AVX-512 here")
}

func positionsAVX512(masks *uint64, n int, out *int32, idx *[64]byte) int {
	panic("text: no AVX-512 here")
}

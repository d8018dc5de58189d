//go:build !amd64

package minhash

// haveMinAVX512 is false where there is no assembly of Sign.
var haveMinAVX512 = false

func min32AVX512(a, b *uint64, xs []uint64, sig *uint64) {
	panic("minhash: no AVX-512 here")
}

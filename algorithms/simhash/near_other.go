//go:build !amd64

package simhash

// haveNearAVX512 is false where there is no assembly of nextNear.
var haveNearAVX512 = false

func nextNearAVX512(keys []uint64, i int, q uint64, k int) int {
	panic("simhash: no AVX-512 here")
}

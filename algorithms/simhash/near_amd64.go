package simhash

import "golang.org/x/sys/cpu"

// haveNearAVX512 reports that nextNear may use nextNearAVX512; tests turn
// it off to compare the two.
var haveNearAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512VPOPCNTDQ

// nextNearAVX512 is nextNear with AVX-512: it XORs eight keys with q,
// counts their bits (VPOPCNTQ) and compares the counts with k (VPCMPUQ) an
// instruction each, two such blocks a step, and ends on the keys left one
// at a time. It needs AVX-512F and AVX-512 VPOPCNTDQ.
//
//go:noescape
func nextNearAVX512(keys []uint64, i int, q uint64, k int) int

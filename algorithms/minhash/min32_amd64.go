package minhash

import "golang.org/x/sys/cpu"

// haveMinAVX512 reports that Sign may use min32AVX512; tests turn it off
// to compare the two ways.
var haveMinAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// min32AVX512 sets sig[j], for j < 32, to the minimum of a[j]·x + b[j]
// mod 2^64 over the xs, which must not be empty: four registers of eight
// running minima, updated from each shingle by a multiply (VPMULLQ), an
// add and a minimum each. a, b and sig point at 32 words. It needs
// AVX-512F and AVX-512DQ.
//
//go:noescape
func min32AVX512(a, b *uint64, xs []uint64, sig *uint64)

package text

import "golang.org/x/sys/cpu"

// haveBlockAVX512 reports that the CPU runs the block path's assembly
// (these five functions); scanWords takes the block path only then. Tests
// turn it off to compare the two ways.
var haveBlockAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512BW && cpu.X86.HasAVX512DQ && cpu.X86.HasAVX512VBMI && cpu.X86.HasAVX512VBMI2 && cpu.X86.HasBMI2

// blockMasksAVX512 computes the masks of the n ≥ 1 blocks of 64 bytes at
// buf, which must be followed by two readable bytes, into out[0:n], as
// blockMasksGo does: three loads a block (at 0, 1 and 2, so that a lead
// byte sees the two after it), byte comparisons into mask registers
// (VPCMPEQB, VPMOVB2M), and the two 128-entry class tables looked up 64
// bytes at once (VPERMI2B). It needs AVX-512F, AVX-512BW and AVX-512 VBMI.
// haveBlockAVX512 also covers what the two hash functions need.
//
//go:noescape
func blockMasksAVX512(buf *byte, n int, t *blockTables, out *blockMasks)

// hashSpansAVX512 sets out[j], for j < 16n, to the hash Hash64(b, seed) of
// the token b = buf[starts[j]:ends[j]] with its ASCII capitals lowered,
// sixteen tokens at a time, in two groups of eight whose hashes are
// computed interleaved: each token is loaded with a mask of its length
// (BZHI, VMOVDQU8), each eight are transposed into four registers of one
// 8-byte word each (VPERMI2Q, with the indices spanPerm), and hashed in
// the lanes (VPMULLQ, VPROLQ). Tokens must be at least one byte long; it
// reports whether one is longer than 32 bytes, whose hash it then gets
// wrong. It reads no byte outside the tokens. It needs AVX-512F,
// AVX-512BW, AVX-512DQ and BMI2.
//
//go:noescape
func hashSpansAVX512(buf *byte, starts, ends *int32, n int, seed uint64, out *uint64, perm *[4][8]uint64) (long bool)

// spanPerm holds the indices of the transposition of hashSpansAVX512.
var spanPerm = [4][8]uint64{
	{0, 4, 8, 12, 1, 5, 9, 13},
	{2, 6, 10, 14, 3, 7, 11, 15},
	{0, 1, 2, 3, 8, 9, 10, 11},
	{4, 5, 6, 7, 12, 13, 14, 15},
}

// hashShinglesAVX512 sets out[i], for i < 8n, n even, to
// hashWords(th[i:i+k], seed), k ≥ 1: sixteen shingles at a time, two
// groups of eight interleaved. It first multiplies each token hash by
// prime2 into scratch, once rather than in each of the k shingles that
// hold it. th and scratch must hold 8(n+k) words. It needs AVX-512F
// and AVX-512DQ.
//
//go:noescape
func hashShinglesAVX512(th *uint64, n, k int, seed uint64, out, scratch *uint64)

// positionsAVX512 writes the offset of every bit set in masks[0:n], bit i
// of masks[b] being offset 64b+i, in increasing order to out, and returns
// their number. Each mask selects its offsets from idx, the bytes 0 to 63,
// with VPCOMPRESSB, and they are widened to 32 bits (VPMOVZXBD) and
// stored 16 at a time: out must have room for 32 more than there are
// bits, and no mask may have more than 32 bits set (the starts or the ends
// of tokens, at least one byte apart). It needs AVX-512F, AVX-512BW and
// AVX-512 VBMI2.
//
//go:noescape
func positionsAVX512(masks *uint64, n int, out *int32, idx *[64]byte) int

#include "textflag.h"

// func blockMasksAVX512(buf *byte, n int, t *blockTables, out *blockMasks)
TEXT ·blockMasksAVX512(SB), NOSPLIT, $0-32
	MOVQ buf+0(FP), DI
	MOVQ n+8(FP), CX
	MOVQ t+16(FP), SI
	MOVQ out+24(FP), R8

	// Z20, Z21: the ASCII classes; Z22, Z23: the Devanagari classes.
	VMOVDQU8 (SI), Z20
	VMOVDQU8 64(SI), Z21
	VMOVDQU8 128(SI), Z22
	VMOVDQU8 192(SI), Z23

	// Byte constants in every lane.
	MOVL         $0xE0, AX
	VPBROADCASTB AX, Z24
	MOVL         $0xFE, AX
	VPBROADCASTB AX, Z25
	MOVL         $0xA4, AX
	VPBROADCASTB AX, Z26
	MOVL         $0xC0, AX
	VPBROADCASTB AX, Z27
	MOVL         $0x80, AX
	VPBROADCASTB AX, Z28
	MOVL         $0x3F, AX
	VPBROADCASTB AX, Z30

	// The class flags: 1, 2, 4, 8, 16.
	MOVL         $0x01, AX
	VPBROADCASTB AX, Z29
	MOVL         $0x02, AX
	VPBROADCASTB AX, Z10
	MOVL         $0x04, AX
	VPBROADCASTB AX, Z11
	MOVL         $0x08, AX
	VPBROADCASTB AX, Z12
	MOVL         $0x10, AX
	VPBROADCASTB AX, Z13

loop:
	VMOVDQU8 (DI), Z0
	VMOVDQU8 1(DI), Z1
	VMOVDQU8 2(DI), Z2

	// K1: bytes 0x80 and above; K2: lead bytes, E0 then A4|A5 then 80..BF.
	VPMOVB2M Z0, K1
	VPCMPEQB Z24, Z0, K2
	VPANDD   Z25, Z1, Z3
	VPCMPEQB Z26, Z3, K3
	VPANDD   Z27, Z2, Z4
	VPCMPEQB Z28, Z4, K4
	KANDQ    K2, K3, K2
	KANDQ    K2, K4, K2
	KMOVQ    K1, 0(R8)
	KMOVQ    K2, 8(R8)

	// The ASCII classes, at the bytes below 0x80 (K5).
	VMOVDQU8 Z0, Z5
	VPERMI2B Z21, Z20, Z5
	KNOTQ    K1, K5
	VPTESTMB Z29, Z5, K5, K6
	KMOVQ    K6, 16(R8)
	VPTESTMB Z10, Z5, K5, K6
	KMOVQ    K6, 24(R8)

	// The Devanagari classes, at the lead bytes: the index is the low bit
	// of the second byte and the low six bits of the third.
	VPANDD   Z29, Z1, Z6
	VPSLLW   $6, Z6, Z6
	VPANDD   Z30, Z2, Z7
	VPORD    Z7, Z6, Z6
	VPERMI2B Z23, Z22, Z6
	VPTESTMB Z29, Z6, K2, K6
	KMOVQ    K6, 32(R8)
	VPTESTMB Z10, Z6, K2, K6
	KMOVQ    K6, 40(R8)
	VPTESTMB Z11, Z6, K2, K6
	KMOVQ    K6, 48(R8)
	VPTESTMB Z12, Z6, K2, K6
	KMOVQ    K6, 56(R8)
	VPTESTMB Z13, Z6, K2, K6
	KMOVQ    K6, 64(R8)

	ADDQ $64, DI
	ADDQ $72, R8
	DECQ CX
	JNZ  loop

	VZEROUPPER
	RET

// The constants of Hash64 (hash.go).
#define PRIME1 $0x9E3779B185EBCA87
#define PRIME2 $0xC2B2AE3D27D4EB4F
#define PRIME3 $0x165667B19E3779F9
#define MIXMUL1 $0xBF58476D1CE4E5B9
#define MIXMUL2 $0x94D049BB133111EB

// HROUND(w, h) absorbs the words w into the states h, lane by lane, as
// Hash64's round does: h = rotl64(h XOR w·prime2, 31)·prime1, with Z1 =
// prime1 and Z2 = prime2 in every lane; it clobbers w. HROUNDK(w, h, t, k)
// does so in the lanes of the mask k only, with the temporary t.
#define HROUND(w, h) \
	VPMULLQ Z2, w, w \
	VPXORQ  w, h, h \
	VPROLQ  $31, h, h \
	VPMULLQ Z1, h, h

#define HROUNDK(w, h, t, k) \
	VPMULLQ Z2, w, w \
	VPXORQ  w, h, t \
	VPROLQ  $31, t, t \
	VPMULLQ Z1, t, k, h

// HMIX(h, t) sets h = mix64(h), lane by lane, with Z3 = mixMul1 and Z4 =
// mixMul2, and the temporary t.
#define HMIX(h, t) \
	VPSRLQ  $30, h, t \
	VPXORQ  t, h, h \
	VPMULLQ Z3, h, h \
	VPSRLQ  $27, h, t \
	VPXORQ  t, h, h \
	VPMULLQ Z4, h, h \
	VPSRLQ  $31, h, t \
	VPXORQ  t, h, h

#define CONSTANTS \
	MOVQ         PRIME1, AX \
	VPBROADCASTQ AX, Z1 \
	MOVQ         PRIME2, AX \
	VPBROADCASTQ AX, Z2 \
	MOVQ         MIXMUL1, AX \
	VPBROADCASTQ AX, Z3 \
	MOVQ         MIXMUL2, AX \
	VPBROADCASTQ AX, Z4

// TOKEN(t, Y) loads token t of the group, starts[t] and ends[t] at R8
// and R9, into Y, zero-padded to 32 bytes: a load masked (K2) by the
// token's length (BZHI clears the bits above it).
#define TOKEN(t, Y) \
	MOVLQSX    (4*t)(R8), AX \
	MOVL       (4*t)(R9), R10 \
	SUBL       AX, R10 \
	MOVL       $-1, R11 \
	BZHIL      R10, R11, R11 \
	KMOVD      R11, K2 \
	VMOVDQU8.Z (SI)(AX*1), K2, Y

// LOWER(W) adds 0x20 to every byte of W that is an ASCII capital (Z18:
// 'A', Z19: 26, Z20: 0x20 in every byte).
#define LOWER(W) \
	VPSUBB  Z18, W, Z5 \
	VPCMPUB $1, Z19, Z5, K3 \
	VPADDB  Z20, W, K3, W

// TRANSPOSE(r0, r1, r2, r3, t0, t1, t2, t3) turns the four registers
// r0..r3 of two tokens each (four words a token) into four registers of
// one word of each of the eight tokens, word 0 in r0, with the indices
// Z21–Z24 and the temporaries t0..t3.
#define TRANSPOSE(r0, r1, r2, r3, t0, t1, t2, t3) \
	VMOVDQA64 Z21, t0 \
	VPERMI2Q  r1, r0, t0 \
	VMOVDQA64 Z22, t1 \
	VPERMI2Q  r1, r0, t1 \
	VMOVDQA64 Z21, t2 \
	VPERMI2Q  r3, r2, t2 \
	VMOVDQA64 Z22, t3 \
	VPERMI2Q  r3, r2, t3 \
	VMOVDQA64 Z23, r0 \
	VPERMI2Q  t2, t0, r0 \
	VMOVDQA64 Z24, r1 \
	VPERMI2Q  t2, t0, r1 \
	VMOVDQA64 Z23, r2 \
	VPERMI2Q  t3, t1, r2 \
	VMOVDQA64 Z24, r3 \
	VPERMI2Q  t3, t1, r3

// LENGTHS(off, L) sets L to the lengths of the eight tokens whose starts
// and ends are at off(R8) and off(R9), and adds those longer than 32 bytes
// to K5.
#define LENGTHS(off, L) \
	VMOVDQU32 off(R8), Y13 \
	VMOVDQU32 off(R9), Y14 \
	VPSUBD    Y13, Y14, Y14 \
	VPMOVZXDQ Y14, L \
	VPCMPUQ   $6, Z17, L, K4 \
	KORQ      K4, K5, K5

// func hashSpansAVX512(buf *byte, starts, ends *int32, n int, seed uint64, out *uint64, perm *[4][8]uint64) (long bool)
TEXT ·hashSpansAVX512(SB), NOSPLIT, $0-57
	MOVQ buf+0(FP), SI
	MOVQ starts+8(FP), R8
	MOVQ ends+16(FP), R9
	MOVQ n+24(FP), CX
	MOVQ seed+32(FP), BX
	MOVQ out+40(FP), DX
	MOVQ perm+48(FP), DI
	CONSTANTS

	// Z6: seed + prime3; Z7, Z15, Z16, Z17: 8, 16, 24, 32, in every lane.
	MOVQ         PRIME3, AX
	ADDQ         BX, AX
	VPBROADCASTQ AX, Z6
	MOVQ         $8, AX
	VPBROADCASTQ AX, Z7
	MOVQ         $16, AX
	VPBROADCASTQ AX, Z15
	MOVQ         $24, AX
	VPBROADCASTQ AX, Z16
	MOVQ         $32, AX
	VPBROADCASTQ AX, Z17

	// Z18, Z19, Z20: 'A', 26, 0x20 in every byte.
	MOVL         $0x41, AX
	VPBROADCASTB AX, Z18
	MOVL         $26, AX
	VPBROADCASTB AX, Z19
	MOVL         $0x20, AX
	VPBROADCASTB AX, Z20

	// Z21–Z24: the indices of the transposition.
	VMOVDQU64 (DI), Z21
	VMOVDQU64 64(DI), Z22
	VMOVDQU64 128(DI), Z23
	VMOVDQU64 192(DI), Z24

	// K5 gathers the tokens longer than 32 bytes.
	KXORQ K5, K5, K5

group:
	// Two groups of eight tokens: A in Z9–Z12, B in Z26–Z29, two by
	// two, 32 bytes each, then transposed into one word a register.
	TOKEN(0, Y9)
	TOKEN(1, Y25)
	VINSERTI64X4 $1, Y25, Z9, Z9
	TOKEN(2, Y10)
	TOKEN(3, Y25)
	VINSERTI64X4 $1, Y25, Z10, Z10
	TOKEN(4, Y11)
	TOKEN(5, Y25)
	VINSERTI64X4 $1, Y25, Z11, Z11
	TOKEN(6, Y12)
	TOKEN(7, Y25)
	VINSERTI64X4 $1, Y25, Z12, Z12
	TRANSPOSE(Z9, Z10, Z11, Z12, Z13, Z14, Z26, Z27)

	TOKEN(8, Y26)
	TOKEN(9, Y25)
	VINSERTI64X4 $1, Y25, Z26, Z26
	TOKEN(10, Y27)
	TOKEN(11, Y25)
	VINSERTI64X4 $1, Y25, Z27, Z27
	TOKEN(12, Y28)
	TOKEN(13, Y25)
	VINSERTI64X4 $1, Y25, Z28, Z28
	TOKEN(14, Y29)
	TOKEN(15, Y25)
	VINSERTI64X4 $1, Y25, Z29, Z29
	TRANSPOSE(Z26, Z27, Z28, Z29, Z13, Z14, Z30, Z31)

	LOWER(Z9)
	LOWER(Z10)
	LOWER(Z11)
	LOWER(Z12)
	LOWER(Z26)
	LOWER(Z27)
	LOWER(Z28)
	LOWER(Z29)

	// Z8, Z30: the lengths of the tokens of A and B.
	LENGTHS(0, Z8)
	LENGTHS(32, Z30)

	// Hash64 of A in Z0 and of B in Z31, interleaved so that their
	// chains of multiplications overlap: the length, then word r of the
	// tokens longer than 8r.
	VPMULLQ Z1, Z8, Z0
	VPMULLQ Z1, Z30, Z31
	VPADDQ  Z6, Z0, Z0
	VPADDQ  Z6, Z31, Z31
	HROUND(Z9, Z0)
	HROUND(Z26, Z31)
	VPCMPUQ $6, Z7, Z8, K1
	VPCMPUQ $6, Z7, Z30, K6
	HROUNDK(Z10, Z0, Z5, K1)
	HROUNDK(Z27, Z31, Z13, K6)
	VPCMPUQ $6, Z15, Z8, K1
	VPCMPUQ $6, Z15, Z30, K6
	HROUNDK(Z11, Z0, Z5, K1)
	HROUNDK(Z28, Z31, Z13, K6)
	VPCMPUQ $6, Z16, Z8, K1
	VPCMPUQ $6, Z16, Z30, K6
	HROUNDK(Z12, Z0, Z5, K1)
	HROUNDK(Z29, Z31, Z13, K6)
	HMIX(Z0, Z5)
	HMIX(Z31, Z13)
	VMOVDQU64 Z0, (DX)
	VMOVDQU64 Z31, 64(DX)

	ADDQ $64, R8
	ADDQ $64, R9
	ADDQ $128, DX
	DECQ CX
	JNZ  group

	KMOVQ K5, AX
	TESTQ AX, AX
	SETNE long+56(FP)
	VZEROUPPER
	RET

// func hashShinglesAVX512(th *uint64, n, k int, seed uint64, out, scratch *uint64)
TEXT ·hashShinglesAVX512(SB), NOSPLIT, $0-48
	MOVQ th+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ k+16(FP), R9
	MOVQ seed+24(FP), BX
	MOVQ out+32(FP), DX
	MOVQ scratch+40(FP), DI
	CONSTANTS

	// The token hashes times prime2, once each, into scratch: the
	// n groups read 8n+k−1 of them, so 8(n+k) are computed.
	MOVQ SI, R10
	MOVQ DI, R11
	LEAQ (CX)(R9*1), R12

premultiply:
	VMOVDQU64 (R10), Z9
	VPMULLQ   Z2, Z9, Z9
	VMOVDQU64 Z9, (R11)
	ADDQ      $64, R10
	ADDQ      $64, R11
	DECQ      R12
	JNZ       premultiply

	// Z6: seed + prime3 + 8k·prime1 in every lane.
	MOVQ         R9, AX
	SHLQ         $3, AX
	MOVQ         PRIME1, R10
	IMULQ        R10, AX
	ADDQ         BX, AX
	MOVQ         PRIME3, R10
	ADDQ         R10, AX
	VPBROADCASTQ AX, Z6

	// Two groups at a time, Z0 and Z10, so that their chains of
	// multiplications overlap.
	SHRQ $1, CX

shingles:
	VMOVDQU64 Z6, Z0
	VMOVDQU64 Z6, Z10
	MOVQ      DI, R10
	MOVQ      R9, R11

words:
	// HROUND, with the product w·prime2 read from scratch.
	VPXORQ  (R10), Z0, Z0
	VPXORQ  64(R10), Z10, Z10
	VPROLQ  $31, Z0, Z0
	VPROLQ  $31, Z10, Z10
	VPMULLQ Z1, Z0, Z0
	VPMULLQ Z1, Z10, Z10
	ADDQ    $8, R10
	DECQ    R11
	JNZ     words

	HMIX(Z0, Z5)
	HMIX(Z10, Z5)
	VMOVDQU64 Z0, (DX)
	VMOVDQU64 Z10, 64(DX)
	ADDQ      $128, DI
	ADDQ      $128, DX
	DECQ      CX
	JNZ       shingles

	VZEROUPPER
	RET

// func positionsAVX512(masks *uint64, n int, out *int32, idx *[64]byte) int
TEXT ·positionsAVX512(SB), NOSPLIT, $0-40
	MOVQ masks+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ out+16(FP), DI
	MOVQ idx+24(FP), AX
	VMOVDQU8 (AX), Z31

	// Z30: the offset of the block in every lane; Z29: 64 in every lane.
	VPXORD       Z30, Z30, Z30
	MOVL         $64, AX
	VPBROADCASTD AX, Z29
	XORQ         DX, DX

block:
	KMOVQ       (SI), K1
	POPCNTQ     (SI), AX
	VPCOMPRESSB Z31, K1, Z2
	VPMOVZXBD   X2, Z3
	VPADDD      Z30, Z3, Z3
	VMOVDQU32   Z3, (DI)(DX*4)
	CMPQ        AX, $16
	JHI         more

next:
	ADDQ   AX, DX
	VPADDD Z29, Z30, Z30
	ADDQ   $8, SI
	DECQ   CX
	JNZ    block

	MOVQ DX, ret+32(FP)
	VZEROUPPER
	RET

more:
	// Offsets 16 to 31: a block has at most 32 starts or ends of tokens,
	// which are at least one byte long with a byte between two of them.
	VEXTRACTI32X4 $1, Z2, X4
	VPMOVZXBD     X4, Z4
	VPADDD        Z30, Z4, Z4
	VMOVDQU32     Z4, 64(DI)(DX*4)
	JMP           next

#include "textflag.h"

// func nextNearAVX512(keys []uint64, i int, q uint64, k int) int
TEXT ·nextNearAVX512(SB), NOSPLIT, $0-56
	MOVQ keys_base+0(FP), SI
	MOVQ keys_len+8(FP), DX
	MOVQ i+24(FP), AX
	MOVQ q+32(FP), BX
	MOVQ k+40(FP), CX
	VPBROADCASTQ BX, Z1
	VPBROADCASTQ CX, Z2

loop16:
	// Sixteen keys a step while sixteen are left.
	LEAQ 16(AX), R8
	CMPQ R8, DX
	JHI  loop8
	VPXORQ   (SI)(AX*8), Z1, Z3
	VPXORQ   64(SI)(AX*8), Z1, Z4
	VPOPCNTQ Z3, Z3
	VPOPCNTQ Z4, Z4
	VPCMPUQ  $2, Z2, Z3, K1 // K1: lanes of Z3 ≤ k
	VPCMPUQ  $2, Z2, Z4, K2
	KORTESTW K1, K2
	JNZ      found16
	MOVQ     R8, AX
	JMP      loop16

found16:
	KMOVW K1, R9
	KMOVW K2, R10
	SHLQ  $8, R10
	ORQ   R10, R9
	BSFQ  R9, R9
	ADDQ  R9, AX
	JMP   done

loop8:
	// Eight keys, once, when eight are left.
	LEAQ     8(AX), R8
	CMPQ     R8, DX
	JHI      tail
	VPXORQ   (SI)(AX*8), Z1, Z3
	VPOPCNTQ Z3, Z3
	VPCMPUQ  $2, Z2, Z3, K1
	KORTESTW K1, K1
	JZ       next8
	KMOVW    K1, R9
	BSFQ     R9, R9
	ADDQ     R9, AX
	JMP      done

next8:
	MOVQ R8, AX

tail:
	// One key at a time.
	CMPQ    AX, DX
	JGE     done
	MOVQ    (SI)(AX*8), R9
	XORQ    BX, R9
	POPCNTQ R9, R9
	CMPQ    R9, CX
	JLE     done
	INCQ    AX
	JMP     tail

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

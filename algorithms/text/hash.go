package text

import (
	"encoding/binary"
	"math/bits"
)

// The constants of Hash64. prime1..prime3 are the 64-bit primes of xxHash
// (PRIME64_1..3); mixMul1 and mixMul2 are the multipliers of the SplitMix64
// finaliser (Stafford's "Mix13", as used by java.util.SplittableRandom).
const (
	prime1  = 0x9E3779B185EBCA87
	prime2  = 0xC2B2AE3D27D4EB4F
	prime3  = 0x165667B19E3779F9
	mixMul1 = 0xBF58476D1CE4E5B9
	mixMul2 = 0x94D049BB133111EB
)

// Hash64 returns the seeded 64-bit hash of b. It is the hash of every token
// and shingle, and it is frozen: the same bytes and seed give the same value
// in every release and on every platform.
//
// The definition, with all arithmetic modulo 2^64 and n = len(b):
//
//	h = seed + prime3 + n*prime1
//	for each 8-byte word w of b, read little-endian, the last one zero-padded:
//		h = rotl64(h XOR w*prime2, 31) * prime1
//	return mix64(h)
//
// where mix64 is the SplitMix64 finaliser
//
//	z = (z XOR z>>30) * 0xBF58476D1CE4E5B9
//	z = (z XOR z>>27) * 0x94D049BB133111EB
//	z = z XOR z>>31
//
// Every step is a bijection of h, so for a fixed input distinct seeds always
// give distinct hashes. Hash64 is not a cryptographic hash.
func Hash64(b []byte, seed uint64) uint64 {
	h := seed + prime3 + uint64(len(b))*prime1
	for ; len(b) >= 8; b = b[8:] {
		h = round(h, binary.LittleEndian.Uint64(b))
	}
	if len(b) > 0 {
		var w [8]byte
		copy(w[:], b)
		h = round(h, binary.LittleEndian.Uint64(w[:]))
	}
	return mix64(h)
}

// HashString returns Hash64([]byte(s), seed) without converting s.
func HashString(s string, seed uint64) uint64 {
	h := seed + prime3 + uint64(len(s))*prime1
	var w [8]byte
	for ; len(s) >= 8; s = s[8:] {
		copy(w[:], s[:8])
		h = round(h, binary.LittleEndian.Uint64(w[:]))
	}
	if len(s) > 0 {
		w = [8]byte{}
		copy(w[:], s)
		h = round(h, binary.LittleEndian.Uint64(w[:]))
	}
	return mix64(h)
}

// hashWords returns Hash64 of the little-endian encoding of ws (8 bytes per
// word), without encoding it. It combines the token hashes of a word shingle:
// the combination is order-sensitive and costs one round per token.
func hashWords(ws []uint64, seed uint64) uint64 {
	h := seed + prime3 + uint64(8*len(ws))*prime1
	for _, w := range ws {
		h = round(h, w)
	}
	return mix64(h)
}

// round absorbs the word w into the state h.
func round(h, w uint64) uint64 {
	return bits.RotateLeft64(h^(w*prime2), 31) * prime1
}

// mix64 is the SplitMix64 finaliser, a bijection with full avalanche.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * mixMul1
	z = (z ^ z>>27) * mixMul2
	return z ^ z>>31
}

// hashSubstring returns HashString(s[start:end], seed). It reads s eight
// bytes at a time, including the last, partial word when it can: the word
// ending at end, shifted right, holds the same bytes as the zero-padded one.
func hashSubstring(s string, start, end int, seed uint64) uint64 {
	n := end - start
	h := seed + prime3 + uint64(n)*prime1
	i := start
	for ; end-i >= 8; i += 8 {
		h = round(h, le64(s[i:i+8]))
	}
	if rem := end - i; rem > 0 {
		var w uint64
		if end >= 8 {
			w = le64(s[end-8:end]) >> (64 - 8*uint(rem))
		} else {
			for j := end - 1; j >= i; j-- {
				w = w<<8 | uint64(s[j])
			}
		}
		h = round(h, w)
	}
	return mix64(h)
}

// le64 returns the little-endian value of the first eight bytes of s.
func le64(s string) uint64 {
	_ = s[7] // one bounds check
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

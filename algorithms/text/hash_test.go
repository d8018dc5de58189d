package text

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"
)

// The golden values were computed by testdata/hash64_ref.py, an independent
// implementation of the formula in Hash64's doc comment (Python integers,
// bytes assembled with int.from_bytes), not by running Hash64. If this test
// fails, Hash64 changed and every stored shingle set is invalid.
var hashGolden = []struct {
	in   string
	seed uint64
	want uint64
}{
	{"", 0x0, 0xb39362cb946013e3},
	{"", 0x1, 0xf75b6314e3558dc8},
	{"a", 0x0, 0x90fb88de575b0c10},
	{"abcdefgh", 0x0, 0x33e86e1b0659eda6},
	{"abcdefghi", 0x0, 0xceb7d78b88d331a3},
	{"\u0915\u093f\u092e", 0x0, 0x83291527d0384312},
	{"\u0915\u093c\u093e\u0928\u0942\u0928", 0x2a, 0x8f012cce6765e60e},
	{"The quick brown fox jumps over the lazy dog", 0xffffffffffffffff, 0x03738a28fda91289},
}

func TestHash64Golden(t *testing.T) {
	for _, tt := range hashGolden {
		if got := Hash64([]byte(tt.in), tt.seed); got != tt.want {
			t.Errorf("Hash64(%q, %#x) = %#016x, want %#016x", tt.in, tt.seed, got, tt.want)
		}
		if got := HashString(tt.in, tt.seed); got != tt.want {
			t.Errorf("HashString(%q, %#x) = %#016x, want %#016x", tt.in, tt.seed, got, tt.want)
		}
	}
}

// TestMix64 checks the finaliser against the published SplitMix64 sequence
// (Steele, Lea and Flood 2014; Vigna's splitmix64.c): from state 0 the first
// two outputs are mix64(γ) and mix64(2γ), γ = 0x9E3779B97F4A7C15.
func TestMix64(t *testing.T) {
	const gamma = 0x9E3779B97F4A7C15
	for _, tt := range []struct{ in, want uint64 }{
		{gamma, 0xE220A8397B1DCDAF},
		{2 * gamma & (1<<64 - 1), 0x6E789E6AA1B965F4}, // 2γ mod 2^64
		{0, 0}, // by hand: every step maps 0 to 0
	} {
		if got := mix64(tt.in); got != tt.want {
			t.Errorf("mix64(%#x) = %#x, want %#x", tt.in, got, tt.want)
		}
	}
}

// refHash64 is Hash64 written differently: bytes shifted in one at a time,
// the rotation spelled out, the tail padded explicitly.
func refHash64(b []byte, seed uint64) uint64 {
	h := seed + prime3 + uint64(len(b))*prime1
	for len(b)%8 != 0 {
		b = append(b[:len(b):len(b)], 0)
	}
	for i := 0; i < len(b); i += 8 {
		var w uint64
		for j := 7; j >= 0; j-- {
			w = w<<8 | uint64(b[i+j])
		}
		x := h ^ w*prime2
		h = (x<<31 | x>>33) * prime1
	}
	return mix64(h)
}

func TestHash64Reference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 100; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		seed := rng.Uint64()
		want := refHash64(b, seed)
		if got := Hash64(b, seed); got != want {
			t.Errorf("Hash64(%x, %#x) = %#x, want %#x", b, seed, got, want)
		}
		if got := HashString(string(b), seed); got != want {
			t.Errorf("HashString(%x, %#x) = %#x, want %#x", b, seed, got, want)
		}
	}
}

// TestHashWords checks that the token-hash combiner is Hash64 of the
// little-endian encoding of the token hashes, as Shingler.Append documents.
func TestHashWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= maxK; n++ {
		ws := make([]uint64, n)
		var enc []byte
		for i := range ws {
			ws[i] = rng.Uint64()
			enc = binary.LittleEndian.AppendUint64(enc, ws[i])
		}
		seed := rng.Uint64()
		if got, want := hashWords(ws, seed), Hash64(enc, seed); got != want {
			t.Errorf("hashWords(%d words, %#x) = %#x, want Hash64 of their encoding %#x", n, seed, got, want)
		}
	}
}

func TestHashOrderAndSeedSensitive(t *testing.T) {
	a, b := HashString("किम", 0), HashString("जोंग", 0)
	if hashWords([]uint64{a, b}, 0) == hashWords([]uint64{b, a}, 0) {
		t.Errorf("hashWords is not order-sensitive: [a b] and [b a] collide")
	}
	for _, s := range []string{"", "a", "किम जोंग-उन"} {
		if HashString(s, 1) == HashString(s, 2) {
			t.Errorf("HashString(%q, 1) == HashString(%q, 2)", s, s)
		}
	}
}

func TestHashAllocs(t *testing.T) {
	b := []byte("उन्होंने रणनीतिक और सामरिक सहयोग")
	s := string(b)
	var sink uint64
	if n := testing.AllocsPerRun(100, func() { sink += Hash64(b, 1) + HashString(s, 2) }); n != 0 {
		t.Errorf("Hash64 and HashString: %v allocs per run, want 0", n)
	}
}

// TestHashAvalanche checks that flipping any one bit of a 16-byte input
// flips each output bit with probability 1/2. With avalancheTrials random
// inputs the observed frequency has standard deviation
// σ = 0.5/sqrt(5000) ≈ 0.0071; avalancheTol is 7σ, so over the 128×64
// (input bit, output bit) pairs a false failure has probability below
// 8192 × 2.6e-12 ≈ 2e-8 (normal approximation), while a weak mix (such as
// the rounds without the finaliser) fails.
func TestHashAvalanche(t *testing.T) {
	const (
		avalancheTrials = 5000
		avalancheTol    = 0.05
	)
	rng := rand.New(rand.NewPCG(7, 8))
	var flips [128][64]int
	b := make([]byte, 16)
	for range avalancheTrials {
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		seed := rng.Uint64()
		h := Hash64(b, seed)
		for in := range 128 {
			b[in/8] ^= 1 << (in % 8)
			d := h ^ Hash64(b, seed)
			b[in/8] ^= 1 << (in % 8)
			for out := range 64 {
				flips[in][out] += int(d >> out & 1)
			}
		}
	}
	for in := range 128 {
		for out := range 64 {
			if p := float64(flips[in][out]) / avalancheTrials; p < 0.5-avalancheTol || p > 0.5+avalancheTol {
				t.Errorf("input bit %d flips output bit %d with frequency %.3f, want 0.5 ± %v", in, out, p, avalancheTol)
			}
		}
	}
}

// TestHashNoCollisions hashes 10^5 distinct short strings; with a good 64-bit
// hash the chance of any collision is about n²/2^65 ≈ 3e-10.
func TestHashNoCollisions(t *testing.T) {
	seen := make(map[uint64]string, 100000)
	for i := range 100000 {
		s := fmt.Sprintf("w%d", i)
		h := HashString(s, 0)
		if prev, ok := seen[h]; ok {
			t.Fatalf("HashString(%q) == HashString(%q) == %#x", s, prev, h)
		}
		seen[h] = s
	}
}

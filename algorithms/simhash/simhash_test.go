package simhash_test

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/simhash"
)

func TestConformance(t *testing.T) {
	algotest.Run(t, algotest.Suite{
		New: func(seed uint64) algo.Algorithm { return simhash.New(seed) },
		// SimHash estimates the angle, not Jaccard: the expectation comes
		// from the exact cosine of the two sets (Charikar 2002, §3).
		Expect: func(a, b []uint64) (float64, float64) {
			if len(a) == 0 || len(b) == 0 {
				return 0, 0
			}
			cos := float64(jaccard.Intersection(a, b)) / math.Sqrt(float64(len(a))*float64(len(b)))
			return simhash.Expected(cos)
		},
	})
}

// naiveFingerprint counts each bit with a plain loop: the textbook
// definition the byte-lane counter must agree with.
func naiveFingerprint(hashes []uint64) uint64 {
	var fp uint64
	for i := range 64 {
		c := 0
		for _, h := range hashes {
			c += int(h >> i & 1)
		}
		if 2*c > len(hashes) {
			fp |= 1 << i
		}
	}
	return fp
}

func TestFingerprintMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	// Sizes around the 255-shingle flush of the byte lanes.
	for _, n := range []int{1, 2, 3, 254, 255, 256, 511, 1000} {
		shingles := make([]uint64, n)
		for i := range shingles {
			shingles[i] = rng.Uint64()
		}
		s := simhash.New(42)
		// The identity seed cannot be reached from outside, so compare on
		// the mixed hashes: fingerprint them with a seed and check against
		// the naive count over the same mixed values, recovered through
		// the single-shingle fingerprint (which is the mixed hash itself).
		mixed := make([]uint64, n)
		for i, x := range shingles {
			mixed[i] = s.Fingerprint([]uint64{x})
		}
		if got, want := s.Fingerprint(shingles), naiveFingerprint(mixed); got != want {
			t.Errorf("n=%d: Fingerprint = %016x, naive count = %016x (%d bits differ)", n, got, want, bits.OnesCount64(got^want))
		}
	}
}

func TestHammingThreshold(t *testing.T) {
	for _, c := range []struct {
		t    float64
		want int
	}{{1, 0}, {0.75, 16}, {1 - 3.0/64, 3}, {0.953, 3}, {0, 64}, {0.5, 32}} {
		if got := simhash.Hamming(c.t); got != c.want {
			t.Errorf("Hamming(%v) = %d, want %d", c.t, got, c.want)
		}
	}
}

func TestParams(t *testing.T) {
	p := algo.NewParams(simhash.Entry.Params, map[string]string{"hamming": "3"})
	p.Threshold = simhash.Entry.DefaultThreshold
	if _, err := simhash.Entry.New(p); err != nil {
		t.Fatal(err)
	}
	if want := 1 - 3.0/64; p.Threshold != want {
		t.Errorf("hamming=3: threshold = %v, want %v", p.Threshold, want)
	}
	p = algo.NewParams(simhash.Entry.Params, map[string]string{"hamming": "3"})
	p.ThresholdGiven = true
	if _, err := simhash.Entry.New(p); err == nil {
		t.Errorf("threshold and hamming both given: no error")
	}
	for _, bad := range []string{"-1", "65", "x"} {
		p = algo.NewParams(simhash.Entry.Params, map[string]string{"hamming": bad})
		if _, err := simhash.Entry.New(p); err == nil {
			t.Errorf("hamming=%s: no error", bad)
		}
	}
}

func ExampleSimHash_Similarity() {
	s := simhash.New(1)
	a := s.Sign(nil, []uint64{1, 2, 3, 4, 5, 6, 7, 8})
	b := s.Sign(nil, []uint64{1, 2, 3, 4, 5, 6, 7, 8})
	fmt.Println(s.Similarity(a, b), "hamming", simhash.Hamming(s.Similarity(a, b)))
	// Output: 1 hamming 0
}

func TestExplain(t *testing.T) {
	s := simhash.New(1)
	if got, want := s.Explain([]uint64{0b1011}, []uint64{0b0001}), "Hamming distance 2 of 64"; got != want {
		t.Errorf("Explain = %q, want %q", got, want)
	}
	if got := s.Explain(nil, []uint64{1}); got != "empty fingerprint" {
		t.Errorf("Explain(empty) = %q", got)
	}
}

// fingerprintOld is Fingerprint as it was before it was tuned, kept as the
// reference the tuned loop must agree with and the baseline its speed is
// reported against: the byte lanes in an array, flushed by a closure when a
// per-shingle counter reaches 255. It hashes as the SimHash doc comment
// says, h(x) = fmix(x ⊕ fmix(seed + 0x9e3779b97f4a7c15)).
func fingerprintOld(seed uint64, shingles []uint64) uint64 {
	fmix := func(z uint64) uint64 {
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	key := fmix(seed + 0x9e3779b97f4a7c15)
	var counts [64]int
	var lanes [8]uint64 // lanes[j] byte i counts bit 8i+j
	const low = 0x0101010101010101
	pending := 0
	flush := func() {
		for j, l := range lanes {
			for i := range 8 {
				counts[8*i+j] += int(l >> (8 * i) & 0xff)
			}
			lanes[j] = 0
		}
		pending = 0
	}
	for _, x := range shingles {
		h := fmix(x ^ key)
		for j := range lanes {
			lanes[j] += (h >> j) & low
		}
		pending++
		if pending == 255 {
			flush()
		}
	}
	flush()
	var fp uint64
	n := len(shingles)
	for i, c := range counts {
		if 2*c > n {
			fp |= 1 << i
		}
	}
	return fp
}

// TestFingerprintMatchesOld checks the tuned Fingerprint against
// fingerprintOld on sizes around the blocks of 255 shingles and several
// seeds: the tuning changed the speed, not one fingerprint.
func TestFingerprintMatchesOld(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, n := range []int{1, 2, 7, 234, 254, 255, 256, 509, 510, 511, 765, 1000} {
		shingles, _ := algotest.Overlap(rng, n, 0, 0)
		for _, seed := range []uint64{0, 1, 42, math.MaxUint64} {
			if got, want := simhash.New(seed).Fingerprint(shingles), fingerprintOld(seed, shingles); got != want {
				t.Errorf("n=%d seed %d: Fingerprint = %016x, want %016x", n, seed, got, want)
			}
		}
	}
}

// TestSignAllocs checks that signing allocates nothing once dst has room.
func TestSignAllocs(t *testing.T) {
	s := simhash.New(1)
	doc := algotest.BenchCorpus(1)[0]
	sig := make([]uint64, 0, 1)
	if n := testing.AllocsPerRun(100, func() { sig = s.Sign(sig[:0], doc) }); n != 0 {
		t.Errorf("Sign allocates %v times per document, want 0", n)
	}
}

// BenchmarkSign fingerprints the corpus once per iteration and reports
// docs/s. After each timed pass it times a pass of fingerprintOld with the
// timer stopped, so that x_naive, the speed-up over the old loop, is a
// ratio of interleaved passes of one run.
func BenchmarkSign(b *testing.B) {
	docs := algotest.BenchCorpus(algotest.BenchDocs)
	b.Run("bits=64", func(b *testing.B) {
		s := simhash.New(1)
		sig := make([]uint64, 0, 1)
		total := 0
		for _, d := range docs {
			total += len(d)
		}
		var old time.Duration
		var sink uint64
		b.SetBytes(int64(8 * total))
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				sig = s.Sign(sig[:0], d)
			}
			b.StopTimer()
			start := time.Now()
			for _, d := range docs {
				sink += fingerprintOld(1, d)
			}
			old += time.Since(start)
			b.StartTimer()
		}
		b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
		b.ReportMetric(old.Seconds()/b.Elapsed().Seconds(), "x_naive")
		_ = sink
	})
}

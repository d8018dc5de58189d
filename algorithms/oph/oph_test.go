package oph_test

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
	"github.com/simbench/simbench/algorithms/oph"
)

func TestConformance(t *testing.T) {
	for _, k := range []int{1, 16, 100, 128} {
		t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) {
			algotest.Run(t, algotest.Suite{
				New:    func(seed uint64) algo.Algorithm { return oph.New(k, seed) },
				Expect: algotest.MinHashError(k),
			})
		})
	}
	t.Run("lsh", func(t *testing.T) {
		algotest.Run(t, algotest.Suite{
			New: func(seed uint64) algo.Algorithm {
				l, err := lsh.New(oph.New(128, seed), 25, 5)
				if err != nil {
					t.Fatal(err)
				}
				return l
			},
			Expect: algotest.MinHashError(128),
		})
	})
}

// TestCollisionModel checks the sketch's model, p(J) = J, by simulation,
// on short documents as well as long ones; see algotest.CollisionModel for
// the draws and the tolerances.
func TestCollisionModel(t *testing.T) {
	algotest.CollisionModel(t, func(k int, seed uint64) lsh.Signer { return oph.New(k, seed) })
}

// signDefinition computes the signature straight from the definition in
// the package comment, bin by bin, with no early stop: slot j is the
// smallest (round, offset) reached in bin j over all k rounds, else the
// tagged minimum of c_j·x + d_j. The hash functions are passed in, drawn
// the way New documents.
func signDefinition(k int, a, b, c, d []uint64, shingles []uint64) []uint64 {
	sig := make([]uint64, k)
	for j := range k {
		best := uint64(math.MaxUint64)
		for t := 0; t < k && best == math.MaxUint64; t++ {
			for _, x := range shingles {
				bin, f := bits.Mul64(a[t]*x+b[t], uint64(k))
				if int(bin) == j {
					best = min(best, uint64(t)<<48|f>>16)
				}
			}
		}
		if best == math.MaxUint64 {
			m := uint64(math.MaxUint64)
			for _, x := range shingles {
				m = min(m, c[j]*x+d[j])
			}
			best = uint64(k+j)<<48 | m>>16
		}
		sig[j] = best
	}
	return sig
}

// TestSignMatchesDefinition checks Sign, with its early stop and its list of
// empty bins, against signDefinition, on sizes from one shingle (where
// about a third of the bins reach the last resort) to more than k.
func TestSignMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	lastResort := 0
	for _, k := range []int{1, 2, 5, 16, 100, 128} {
		for _, n := range []int{1, 2, 3, 10, 50, 300} {
			seed := uint64(k*1000 + n)
			a, b, c, d := oph.Coefficients(oph.New(k, seed))
			shingles, _ := algotest.Overlap(rng, n, 0, 0)
			want := signDefinition(k, a, b, c, d, shingles)
			if got := oph.New(k, seed).Sign(nil, shingles); !slices.Equal(got, want) {
				t.Errorf("k=%d, %d shingles: Sign = %x, want %x", k, n, got, want)
			}
			for _, v := range want {
				if v>>48 >= uint64(k) {
					lastResort++
				}
			}
		}
	}
	if lastResort == 0 {
		t.Errorf("no bin took the last resort: the test does not cover it")
	}
}

// TestAccuracy checks the sketch against classic MinHash with the same
// number of slots, on seeded pairs of known overlap from 2 to 1,000
// shingles: the sketch's bias must be indistinguishable from 0 and its mean
// squared error no greater than MinHash's.
//
// Each of the trials of a cell draws a fresh pair and a fresh seed, and
// signs the pair with both algorithms. The paired differences of squared
// errors d = e_oph² − e_minhash² have a mean whose standard error is
// sd(d)/sqrt(trials); the check fails when that mean exceeds sigmas
// standard errors (a one-sided test: a sketch as accurate as MinHash fails
// it with probability 3e-5 per cell). The bias check is two-sided, at
// sigmas standard errors of the mean error. The sketch's error is in fact
// well below MinHash's. The test has the power to tell: optimal
// densification (Shrivastava 2017), put through it with the same trials,
// fails on the cells of 10 and 30 shingles by 5 to 7 standard errors.
func TestAccuracy(t *testing.T) {
	const (
		k      = 128
		trials = 1500
		sigmas = 4
	)
	rng := rand.New(rand.NewPCG(43, 44))
	t.Logf("%6s %6s  %9s %9s  %9s %9s", "|A∪B|", "J", "bias oph", "rmse oph", "bias mh", "rmse mh")
	for _, c := range []struct{ union, inter int }{
		{2, 1},
		{10, 1}, {10, 5}, {10, 9},
		{30, 3}, {30, 15}, {30, 27},
		{100, 10}, {100, 50}, {100, 90},
		{234, 23}, {234, 117}, {234, 211},
		{1000, 500},
	} {
		if testing.Short() && c.union > 300 {
			continue
		}
		rest := c.union - c.inter
		var sumO, sumM, sumD, sumD2, sumO2, sumM2 float64
		for seed := range uint64(trials) {
			a, b := algotest.Overlap(rng, c.inter, rest/2, rest-rest/2)
			exact := float64(c.inter) / float64(c.union)
			o, m := oph.New(k, seed), minhash.New(k, seed)
			eo := o.Similarity(o.Sign(nil, a), o.Sign(nil, b)) - exact
			em := m.Similarity(m.Sign(nil, a), m.Sign(nil, b)) - exact
			d := eo*eo - em*em
			sumO += eo
			sumM += em
			sumO2 += eo * eo
			sumM2 += em * em
			sumD += d
			sumD2 += d * d
		}
		n := float64(trials)
		j := float64(c.inter) / float64(c.union)
		t.Logf("%6d %6.3f  %+9.4f %9.4f  %+9.4f %9.4f", c.union, j, sumO/n, math.Sqrt(sumO2/n), sumM/n, math.Sqrt(sumM2/n))
		meanD := sumD / n
		seD := math.Sqrt((sumD2/n - meanD*meanD) / n)
		if meanD > sigmas*seD {
			t.Errorf("|A∪B|=%d J=%.3f: mean squared error %.3g, MinHash's %.3g: worse by %.1f standard errors",
				c.union, j, sumO2/n, sumM2/n, meanD/seD)
		}
		bias := sumO / n
		if se := math.Sqrt((sumO2/n - bias*bias) / n); math.Abs(bias) > sigmas*se {
			t.Errorf("|A∪B|=%d J=%.3f: bias %+.4f, more than %d standard errors (%.4f) from 0", c.union, j, bias, sigmas, se)
		}
	}
}

// TestSignAllocs checks that signing allocates nothing once dst has room,
// for a document of the benchmark corpus and for a short one that needs
// many rounds.
func TestSignAllocs(t *testing.T) {
	s := oph.New(128, 1)
	sig := make([]uint64, 0, 128)
	short, _ := algotest.Overlap(rand.New(rand.NewPCG(45, 46)), 10, 0, 0)
	for _, doc := range [][]uint64{algotest.BenchCorpus(1)[0], short} {
		if n := testing.AllocsPerRun(100, func() { sig = s.Sign(sig[:0], doc) }); n != 0 {
			t.Errorf("Sign(%d shingles) allocates %v times, want 0", len(doc), n)
		}
	}
}

func TestParams(t *testing.T) {
	for _, c := range []struct {
		values  map[string]string
		wantErr bool
	}{
		{map[string]string{}, false},
		{map[string]string{"perm": "64", "bands": "16", "rows": "4"}, false},
		{map[string]string{"perm": "16384", "bands": "64", "rows": "4"}, false},
		{map[string]string{"perm": "16385", "bands": "64", "rows": "4"}, true},
		{map[string]string{"perm": "0"}, true},
		{map[string]string{"bands": "8"}, true},
	} {
		p := algo.NewParams(oph.Entry.Params, c.values)
		p.Threshold = oph.Entry.DefaultThreshold
		a, err := oph.Entry.New(p)
		if (err != nil) != c.wantErr {
			t.Errorf("%v: error %v, want error %v", c.values, err, c.wantErr)
		}
		if err == nil {
			if _, ok := a.(algo.Indexer); !ok {
				t.Errorf("%v: %T is not an algo.Indexer", c.values, a)
			}
		}
	}
}

func ExampleSketch_Similarity() {
	rng := rand.New(rand.NewPCG(1, 2))
	// Two documents of 300 shingles sharing 200: Jaccard 200/400 = 0.5.
	a, b := algotest.Overlap(rng, 200, 100, 100)
	s := oph.New(128, 1)
	est := s.Similarity(s.Sign(nil, a), s.Sign(nil, b))
	// MinHash's standard deviation at J = 0.5 and k = 128 is 0.044.
	fmt.Println("within 0.13 of 0.5:", math.Abs(est-0.5) <= 3*minhash.StdDev(0.5, 128))
	// Output: within 0.13 of 0.5: true
}

// TestSignConcurrent signs the same documents with one Sketch from several
// goroutines; each must get the signatures a lone caller gets (and the race
// detector must see no shared write).
func TestSignConcurrent(t *testing.T) {
	docs := algotest.BenchCorpus(50)
	s := oph.New(128, 7)
	var want [][]uint64
	for _, d := range docs {
		want = append(want, s.Sign(nil, d))
	}
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			var sig []uint64
			for i, d := range docs {
				if sig = s.Sign(sig[:0], d); !slices.Equal(sig, want[i]) {
					errs <- fmt.Sprintf("doc %d: concurrent Sign differs from a lone Sign", i)
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

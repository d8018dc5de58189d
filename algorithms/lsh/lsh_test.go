package lsh_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/algotest"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
)

func TestModels(t *testing.T) {
	const tol = 1e-15 // one rounding of an affine function of j
	for _, c := range []struct {
		name  string
		model lsh.Model
		j     float64
		want  float64
	}{
		{"Minwise", lsh.Minwise, 0, 0},
		{"Minwise", lsh.Minwise, 0.3, 0.3},
		{"Minwise", lsh.Minwise, 1, 1},
		{"BBit(1)", lsh.BBit(1), 0, 0.5}, // unrelated documents agree in a coin toss
		{"BBit(1)", lsh.BBit(1), 0.5, 0.75},
		{"BBit(1)", lsh.BBit(1), 1, 1},
		{"BBit(2)", lsh.BBit(2), 0.5, 0.625}, // ¼ + ¾·½
		{"BBit(8)", lsh.BBit(8), 0, 1.0 / 256},
		{"BBit(64)", lsh.BBit(64), 0.4, 0.4}, // 2^−64 is lost in rounding
	} {
		if got := c.model(c.j); math.Abs(got-c.want) > tol {
			t.Errorf("%s(%v) = %v, want %v", c.name, c.j, got, c.want)
		}
	}
}

func TestProbability(t *testing.T) {
	const tol = 1e-12 // a few roundings of pow
	for _, c := range []struct {
		p    float64
		b, r int
		want float64
	}{
		{0.5, 1, 1, 0.5},
		{0.5, 2, 1, 0.75},                         // 1 − (1−½)²
		{0.5, 1, 2, 0.25},                         // ½²
		{0.8, 20, 5, 1 - math.Pow(1-0.32768, 20)}, // MMDS Example 3.11: 0.99965
		{0, 10, 3, 0},
		{1, 10, 3, 1},
	} {
		if got := lsh.Probability(c.p, c.b, c.r); math.Abs(got-c.want) > tol {
			t.Errorf("Probability(%v, b=%d, r=%d) = %v, want %v", c.p, c.b, c.r, got, c.want)
		}
	}
	// MMDS Example 3.11 quotes 0.99965 for p=s=0.8, b=20, r=5, having rounded
	// 0.67232^20 = 0.000356 to 0.00035: hence the tolerance of 1e-5.
	if got := lsh.Probability(0.8, 20, 5); math.Abs(got-0.99965) > 1e-5 {
		t.Errorf("Probability(0.8, 20, 5) = %.6f, MMDS quotes 0.99965", got)
	}
}

// TestCandidateRate checks that the banding index proposes a pair of
// Jaccard similarity s with probability 1 − (1 − s^r)^b: over n pairs, each
// with its own seed, the observed rate must lie within 4 binomial standard
// deviations sqrt(P(1−P)/n) of P, plus 0.01 for the hash family's
// departure from truly min-wise independent permutations.
func TestCandidateRate(t *testing.T) {
	const n, sigmas, slack = 400, 4, 0.01
	rng := rand.New(rand.NewPCG(13, 14))
	for _, br := range [][2]int{{32, 4}, {16, 8}, {20, 5}, {64, 2}} {
		b, r := br[0], br[1]
		for _, s := range []float64{0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9} {
			const size = 200
			inter := int(math.Round(s * size))
			rest := size - inter
			hits := 0
			for seed := range uint64(n) {
				a, bb := algotest.Overlap(rng, inter, rest/2, rest-rest/2)
				l, err := lsh.New(minhash.New(b*r, seed), b, r)
				if err != nil {
					t.Fatal(err)
				}
				ix := l.NewIndex(2)
				ix.Add(0, l.Sign(nil, a))
				ix.Finish()
				if slices.Contains(ix.Candidates(nil, l.Sign(nil, bb)), 0) {
					hits++
				}
			}
			exact := float64(inter) / size
			p := lsh.Probability(lsh.Minwise(exact), b, r)
			got := float64(hits) / n
			if tol := sigmas*math.Sqrt(p*(1-p)/n) + slack; math.Abs(got-p) > tol {
				t.Errorf("b=%d r=%d s=%.2f: candidate rate %.3f, want %.3f ± %.3f", b, r, exact, got, p, tol)
			}
		}
	}
}

// TestIndexMatchesCollide checks the index against the definition: the
// candidates of a document are exactly the documents with which it shares
// a band.
func TestIndexMatchesCollide(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	l, err := lsh.New(minhash.New(64, 1), 16, 4)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := algotest.Overlap(rng, 60, 0, 0)
	var sigs [][]uint64
	for i := range 40 {
		// Documents that keep a varying share of base, so that some
		// collide and some do not.
		keep := base[:len(base)*i/40]
		extra, _ := algotest.Overlap(rng, 60-len(keep), 0, 0)
		doc := slices.Sorted(slices.Values(append(slices.Clone(keep), extra...)))
		sigs = append(sigs, l.Sign(nil, doc))
	}
	ix := l.NewIndex(len(sigs))
	for i, s := range sigs {
		ix.Add(i, s)
	}
	ix.Finish()
	pairs := 0
	for i, s := range sigs {
		var want []int
		for j, o := range sigs {
			if l.Collide(s, o) {
				want = append(want, j)
			}
		}
		pairs += len(want)
		if got := ix.Candidates(nil, s); !slices.Equal(got, want) {
			t.Errorf("Candidates(doc %d) = %v, want %v", i, got, want)
		}
	}
	if pairs == len(sigs) || pairs == len(sigs)*len(sigs) {
		t.Fatalf("test corpus is degenerate: %d colliding ordered pairs", pairs)
	}
}

// TestOptimalParams checks the quadrature search against a brute-force
// search whose areas come from composite Simpson's rule with 2,000 steps
// instead of Gauss–Legendre nodes, under the MinHash model and the b-bit
// one.
func TestOptimalParams(t *testing.T) {
	area := func(f func(float64) float64, lo, hi float64) float64 {
		const steps = 2000 // even
		h := (hi - lo) / steps
		sum := f(lo) + f(hi)
		for i := 1; i < steps; i++ {
			w := 2.0
			if i%2 == 1 {
				w = 4
			}
			sum += w * f(lo+float64(i)*h)
		}
		return sum * h / 3
	}
	for _, c := range []struct {
		model    string
		t        float64
		k        int
		wfp, wfn float64
	}{
		{"Minwise", 0.5, 128, 0.5, 0.5},
		{"Minwise", 0.8, 128, 0.5, 0.5},
		{"Minwise", 0.3, 64, 0.5, 0.5},
		{"Minwise", 0.7, 96, 0.9, 0.1},
		{"BBit(1)", 0.5, 128, 0.5, 0.5},
		{"BBit(2)", 0.8, 64, 0.5, 0.5},
	} {
		m := map[string]lsh.Model{"Minwise": lsh.Minwise, "BBit(1)": lsh.BBit(1), "BBit(2)": lsh.BBit(2)}[c.model]
		b, r := lsh.OptimalParams(m, c.t, c.k, c.wfp, c.wfn)
		errAt := func(b, r int) float64 {
			p := func(j float64) float64 { return lsh.Probability(m(j), b, r) }
			return c.wfp*area(p, 0, c.t) + c.wfn*area(func(s float64) float64 { return 1 - p(s) }, c.t, 1)
		}
		got := errAt(b, r)
		for bb := 1; bb <= c.k; bb++ {
			for rr := 1; bb*rr <= c.k; rr++ {
				// 1e-9: Simpson's rule at 2,000 steps differs from 8,000 steps
				// by at most 3e-10 over these (b, r), checked once by hand.
				if e := errAt(bb, rr); e < got-1e-9 {
					t.Errorf("OptimalParams(%s, %v, %d) = (b=%d, r=%d) with error %.6g, but (b=%d, r=%d) has %.6g", c.model, c.t, c.k, b, r, got, bb, rr, e)
				}
			}
		}
	}
}

// TestOptimalParamsFollowModel checks that the bands follow the collision
// model: under 1-bit minwise hashing, whose slots agree half the time for
// unrelated documents, the choice at threshold 0.5 has more rows per band
// than under p(J) = J, and the MinHash choice would propose most unrelated
// pairs.
func TestOptimalParamsFollowModel(t *testing.T) {
	const th, k = 0.5, 128
	bm, rm := lsh.OptimalParams(lsh.Minwise, th, k, 0.5, 0.5)
	bb, rb := lsh.OptimalParams(lsh.BBit(1), th, k, 0.5, 0.5)
	if bm == bb && rm == rb {
		t.Fatalf("OptimalParams gives b=%d r=%d under both p(J) = J and the 1-bit model", bm, rm)
	}
	if rb <= rm {
		t.Errorf("1-bit model: r=%d, want more rows than MinHash's %d, to offset the chance agreements", rb, rm)
	}
	// At J = 0 a 1-bit slot agrees with probability ½; with MinHash's
	// bands a pair of unrelated documents would be proposed with
	// probability 1 − (1 − 2^−r)^b.
	if got := lsh.Probability(lsh.BBit(1)(0), bm, rm); got < 0.5 {
		t.Errorf("MinHash's b=%d r=%d under the 1-bit model: P(0) = %.3f, want above 0.5 (most unrelated pairs proposed)", bm, rm, got)
	}
	if got := lsh.Probability(lsh.BBit(1)(0), bb, rb); got > 0.05 {
		t.Errorf("1-bit model's own b=%d r=%d: P(0) = %.3f, want below 0.05", bb, rb, got)
	}
}

// TestEmpiricalParamsFollowModel checks that EmpiricalParams, like
// OptimalParams, chooses by the model: the same pairs call for longer bands
// under the 1-bit model than under p(J) = J.
func TestEmpiricalParamsFollowModel(t *testing.T) {
	pos, neg := []float64{0.7, 0.8, 0.9, 1}, []float64{0, 0.1, 0.2, 0.3}
	bm, rm := lsh.EmpiricalParams(lsh.Minwise, pos, neg, 64, 0.5, 0.5)
	bb, rb := lsh.EmpiricalParams(lsh.BBit(1), pos, neg, 64, 0.5, 0.5)
	if rb <= rm {
		t.Errorf("EmpiricalParams: 1-bit model b=%d r=%d, MinHash b=%d r=%d; want more rows under the 1-bit model", bb, rb, bm, rm)
	}
}

func TestNewFromParams(t *testing.T) {
	for _, c := range []struct {
		values  map[string]string
		wantErr bool
		notes   int
	}{
		{map[string]string{}, false, -1},
		{map[string]string{"bands": "32", "rows": "4"}, false, 0},
		{map[string]string{"bands": "30", "rows": "4"}, false, 1}, // 8 permutations unused
		{map[string]string{"bands": "32"}, true, 0},
		{map[string]string{"bands": "64", "rows": "4"}, true, 0},
		{map[string]string{"perm": "0"}, true, 0},
		{map[string]string{"perm": "x"}, true, 0},
		{map[string]string{"perm": "2048"}, true, 0}, // too many to derive bands and rows
		{map[string]string{"perm": "2048", "bands": "256", "rows": "8"}, false, 0},
		{map[string]string{"perm": "8192", "bands": "256", "rows": "8"}, true, 0}, // above maxPerm
		{map[string]string{"fp_weight": "0", "fn_weight": "0"}, true, 0},
	} {
		p := algo.NewParams(lsh.Params("slots"), c.values)
		p.Threshold = 0.5
		_, err := lsh.NewFromParams(p, 1<<12, func(k int, seed uint64) lsh.Signer { return minhash.New(k, seed) })
		if (err != nil) != c.wantErr {
			t.Errorf("%v: error %v, want error %v", c.values, err, c.wantErr)
		}
		if c.notes >= 0 && err == nil && len(p.Notes()) != c.notes {
			t.Errorf("%v: notes %q, want %d", c.values, p.Notes(), c.notes)
		}
	}
}

func TestExplain(t *testing.T) {
	l, err := lsh.New(minhash.New(8, 1), 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Hand-made signatures: slots 0-1 (band 0) and 6-7 (band 3) agree,
	// slot 2 agrees alone.
	a := []uint64{1, 2, 3, 4, 5, 6, 7, 8}
	b := []uint64{1, 2, 3, 0, 0, 0, 7, 8}
	if got := l.BandsCollided(a, b); got != 2 {
		t.Errorf("BandsCollided = %d, want 2", got)
	}
	if got, want := l.Explain(a, b), "5 of 8 slots agree; 2 of 4 bands (r=2) collide"; got != want {
		t.Errorf("Explain = %q, want %q", got, want)
	}
	c := []uint64{1, 0, 3, 0, 5, 0, 7, 0}
	if got, want := l.Explain(a, c), "4 of 8 slots agree; 0 of 4 bands (r=2) collide: never proposed, scores 0"; got != want {
		t.Errorf("Explain = %q, want %q", got, want)
	}
}

// TestEmpiricalParams checks the choice on distributions whose answer is
// clear by hand, and against an exhaustive search written out here.
func TestEmpiricalParams(t *testing.T) {
	// Positives all at 1 and negatives all at 0: every (b, r) separates
	// them perfectly (P(1) = 1, P(0) = 0), so the tie goes to b = 1, r = 1.
	if b, r := lsh.EmpiricalParams(lsh.Minwise, []float64{1, 1}, []float64{0, 0}, 16, 0.5, 0.5); b != 1 || r != 1 {
		t.Errorf("separable: b=%d r=%d, want 1, 1", b, r)
	}
	// Positives at 0.9 and negatives at 0.6: the curve must be steep
	// between them; the exhaustive search below is the reference.
	rng := rand.New(rand.NewPCG(21, 22))
	var pos, neg []float64
	for range 50 {
		pos = append(pos, 0.8+0.2*rng.Float64())
		neg = append(neg, 0.5+0.2*rng.Float64())
	}
	const k = 64
	b, r := lsh.EmpiricalParams(lsh.Minwise, pos, neg, k, 0.5, 0.5)
	cost := func(b, r int) float64 {
		fp, fn := 0.0, 0.0
		for _, s := range neg {
			fp += lsh.Probability(s, b, r)
		}
		for _, s := range pos {
			fn += 1 - lsh.Probability(s, b, r)
		}
		return 0.5*fp/float64(len(neg)) + 0.5*fn/float64(len(pos))
	}
	got := cost(b, r)
	for bb := 1; bb <= k; bb++ {
		for rr := 1; bb*rr <= k; rr++ {
			if c := cost(bb, rr); c < got-1e-12 {
				t.Errorf("EmpiricalParams = (b=%d, r=%d) with cost %.6g, but (b=%d, r=%d) costs %.6g", b, r, got, bb, rr, c)
			}
		}
	}
	if got > 0.2 {
		t.Errorf("cost %.3f at (b=%d, r=%d): the positives and negatives are 0.1 apart and should mostly separate", got, b, r)
	}
}

// TestIndexAllocs checks the banding index's allocations: Add allocates
// nothing for a document whose band keys are all new to an index sized for
// it, and Candidates allocates nothing once dst has room.
func TestIndexAllocs(t *testing.T) {
	const runs = 200
	docs := algotest.BenchCorpus(2 * runs)
	l, err := lsh.New(minhash.New(128, 1), 25, 5)
	if err != nil {
		t.Fatal(err)
	}
	var sigs [][]uint64
	for _, d := range docs {
		sigs = append(sigs, l.Sign(nil, d))
	}
	// Distinct random documents share no band key (a key repeats by
	// chance with probability about 2^-64 per pair and band).
	fresh, _ := algotest.Overlap(rand.New(rand.NewPCG(33, 34)), 100*(runs+1), 0, 0)
	var freshSigs [][]uint64
	for i := range runs + 1 {
		freshSigs = append(freshSigs, l.Sign(nil, fresh[i*100:(i+1)*100]))
	}
	ix := l.NewIndex(runs + 1)
	next := 0
	if n := testing.AllocsPerRun(runs, func() {
		ix.Add(next, freshSigs[next])
		next++
	}); n != 0 {
		t.Errorf("Add of a document with new band keys allocates %v times, want 0", n)
	}
	ix = l.NewIndex(len(sigs))
	for id, s := range sigs {
		ix.Add(id, s)
	}
	ix.Finish()
	dst := make([]int, 0, len(sigs))
	i := 0
	if n := testing.AllocsPerRun(runs, func() {
		dst = ix.Candidates(dst[:0], sigs[i%len(sigs)])
		i++
	}); n != 0 {
		t.Errorf("Candidates allocates %v times per query, want 0", n)
	}
}

// TestSelfJoinMatchesCollide checks that SelfJoin returns exactly the pairs
// that agree in a band (Collide, checked pair by pair), with identical and
// empty documents among them, for several worker counts; and that the
// corpus is large enough (more than 256 documents) for the radix sort.
func TestSelfJoinMatchesCollide(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	l, err := lsh.New(minhash.New(32, 1), 8, 4)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := algotest.Overlap(rng, 60, 0, 0)
	var sigs [][]uint64
	for i := range 600 {
		keep := base[:len(base)*(i%40)/40]
		extra, _ := algotest.Overlap(rng, 60-len(keep), 0, 0)
		doc := slices.Sorted(slices.Values(append(slices.Clone(keep), extra...)))
		switch i % 50 {
		case 7:
			doc = nil // an empty document is in no pair
		case 8:
			sigs = append(sigs, slices.Clone(sigs[i-1])) // a copy of the previous one
			continue
		}
		sigs = append(sigs, l.Sign(nil, doc))
	}
	var want []uint64
	for a := range sigs {
		for b := a + 1; b < len(sigs); b++ {
			if l.Collide(sigs[a], sigs[b]) {
				want = append(want, algo.PairKey(a, b))
			}
		}
	}
	if len(want) == 0 || len(want) > len(sigs)*len(sigs)/4 {
		t.Fatalf("test corpus is degenerate: %d colliding pairs", len(want))
	}
	for _, workers := range []int{1, 2, 3, 100} {
		if got := l.SelfJoin(sigs, 0, workers); !slices.Equal(got, want) {
			t.Errorf("SelfJoin(workers=%d): %d pairs, want the %d colliding ones", workers, len(got), len(want))
		}
	}
}

// TestEstimatePairs checks that EstimatePairs is a lower bound of SelfJoin's
// pairs, equal to a plain count of the most pairs one of the bands it
// looks at makes (agreement of every row of the band, compared row by
// row), within a factor of the bands when it looks at all of them, and
// exact on identical documents.
func TestEstimatePairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	l, err := lsh.New(minhash.New(32, 1), 8, 4)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := algotest.Overlap(rng, 60, 0, 0)
	var sigs [][]uint64
	for i := range 400 {
		keep := base[:len(base)*(i%40)/40]
		extra, _ := algotest.Overlap(rng, 60-len(keep), 0, 0)
		doc := slices.Sorted(slices.Values(append(slices.Clone(keep), extra...)))
		if i%50 == 7 {
			doc = nil
		}
		sigs = append(sigs, l.Sign(nil, doc))
	}
	// The pairs each band makes, counted pair by pair.
	perBand := make([]int64, l.Bands)
	for band := range l.Bands {
		for a := range sigs {
			for b := a + 1; b < len(sigs); b++ {
				sa, sb := sigs[a], sigs[b]
				if len(sa) == l.K() && len(sb) == l.K() &&
					slices.Equal(sa[band*l.Rows:(band+1)*l.Rows], sb[band*l.Rows:(band+1)*l.Rows]) {
					perBand[band]++
				}
			}
		}
	}
	found := int64(len(l.SelfJoin(sigs, 0, 2)))
	// The bands looked at, i·8/4 for i < 4, whatever the workers.
	bands := []int{0, 2, 4, 6}
	var most int64
	for _, band := range bands {
		most = max(most, perBand[band])
	}
	for _, workers := range []int{1, 3, 100} {
		got := l.EstimatePairs(sigs, 0, workers)
		if got != most {
			t.Errorf("EstimatePairs(workers=%d) = %d, want %d, the most pairs of bands %v", workers, got, most, bands)
		}
		if got > found {
			t.Errorf("EstimatePairs(workers=%d) = %d, more than the %d pairs found", workers, got, found)
		}
	}

	// Identical documents: every pair collides in every band.
	same := make([][]uint64, 300)
	for i := range same {
		same[i] = sigs[0]
	}
	if got, want := l.EstimatePairs(same, 0, 2), int64(300*299/2); got != want {
		t.Errorf("EstimatePairs(300 identical) = %d, want %d", got, want)
	}
}

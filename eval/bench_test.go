package eval_test

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval"
	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/gold"
)

// benchUnits are the Unit lines of the benchmark format for the metrics
// that BenchmarkRun and BenchmarkSign report: which way each is better,
// and that the quality figures are exact, the same on every iteration and
// every repetition, as in simbench run -format bench.
const benchUnits = `Unit precision better=higher assume=exact
Unit recall better=higher assume=exact
Unit f1 better=higher assume=exact
Unit average_precision better=higher assume=exact
Unit docs/s better=higher
`

// TestMain prints benchUnits before the benchmarks run (go test -bench),
// so that benchstat knows a fall in F1 from a rise.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		fmt.Print(benchUnits)
	}
	os.Exit(m.Run())
}

// goldFlag is the gold set of BenchmarkRun: go test -bench Run ./eval/
// -args -gold=DIR.
var goldFlag = flag.String("gold", "", "gold set of BenchmarkRun: an embedded set's name or a `dir`, absolute or relative to eval/ (default $SIMBENCH_GOLD, else clough)")

// benchGold returns the gold set of BenchmarkRun: the -gold flag, else
// the environment variable SIMBENCH_GOLD, else the embedded Clough set,
// on which the algorithms differ, unlike on the seeds, where each scores
// 1.
func benchGold(b *testing.B) *gold.Set {
	b.Helper()
	name := *goldFlag
	if name == "" {
		name = os.Getenv("SIMBENCH_GOLD")
	}
	if name == "" {
		name = "clough"
	}
	s, err := gold.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkRun runs each algorithm alone over a gold set (see benchGold),
// from text to metrics, in the set's default scope, and reports its
// quality there beside its speed, so that benchstat compares both between
// two commits. The names, BenchmarkRun/set=SET/algo=NAME, are those of
// simbench run -format bench under another base name, and hold nothing
// that changes between commits, so that two runs pair up.
func BenchmarkRun(b *testing.B) {
	s := benchGold(b)
	scope := eval.DefaultScope(s)
	bytes := 0
	for _, d := range s.Docs {
		bytes += len(d.Text)
	}
	for _, name := range algorithms.Names() {
		b.Run(strings.TrimPrefix(summary.BenchName(s.Manifest.Name, name), "BenchmarkQuality/"), func(b *testing.B) {
			cs := configs(b, name)
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			var res *eval.Result
			for b.Loop() {
				var err error
				res, err = eval.Evaluate(context.Background(), s, cs, eval.Options{Scope: scope, Workers: 1})
				if err != nil {
					b.Fatal(err)
				}
			}
			reportQuality(b, res.Runs[0])
			b.ReportMetric(float64(len(s.Docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// reportQuality reports the quality of r at its threshold, and its
// average precision unless that is undefined (a set without positives).
func reportQuality(b *testing.B, r eval.Run) {
	b.ReportMetric(r.At.Precision(), "precision")
	b.ReportMetric(r.At.Recall(), "recall")
	b.ReportMetric(r.At.F1(), "f1")
	if !math.IsNaN(r.AP) {
		b.ReportMetric(r.AP, "average_precision")
	}
}

// BenchmarkSign times shingling and signing a synthetic corpus of 2,000
// documents of about 3 KB of Devanagari words on one goroutine, and
// reports the algorithm's quality on the corpus's labelled pairs.
func BenchmarkSign(b *testing.B) {
	s := synthetic(b, 2000, 500, 1)
	bytes := 0
	for _, d := range s.Docs {
		bytes += len(d.Text)
	}
	for _, name := range algorithms.Names() {
		b.Run("algo="+name, func(b *testing.B) {
			c := configs(b, name)[0]
			res, err := eval.Evaluate(context.Background(), s, []algorithms.Config{c}, eval.Options{Scope: eval.Labelled})
			if err != nil {
				b.Fatal(err)
			}
			sh, err := text.NewShingler(c.Text)
			if err != nil {
				b.Fatal(err)
			}
			var shingles, sig []uint64
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, d := range s.Docs {
					shingles = sh.Append(shingles[:0], d.Text)
					sig = c.Algorithm.Sign(sig[:0], shingles)
				}
			}
			reportQuality(b, res.Runs[0])
			b.ReportMetric(float64(len(s.Docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// synthetic returns a gold set of n documents of about words words each,
// drawn from the vocabulary of the seed articles with Zipf frequencies;
// every fourth document is followed by a copy with 5% of its words replaced
// (labelled duplicate), and as many random pairs are labelled unrelated.
func synthetic(b *testing.B, n, words int, seed uint64) *gold.Set {
	b.Helper()
	vocab := map[string]bool{}
	for _, d := range seeds(b).Docs {
		for _, w := range text.AppendTokens(nil, text.Normalize(d.Text)) {
			vocab[w] = true
		}
	}
	var vs []string
	for w := range vocab {
		vs = append(vs, w)
	}
	// Sorting makes the vocabulary, hence the corpus, independent of map
	// order.
	slices.Sort(vs)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vs)-1))
	s := &gold.Set{Manifest: gold.Manifest{
		Name: "synthetic", Positive: []string{"duplicate"}, Negative: []string{"unrelated"},
	}}
	var doc []string
	for i := 0; len(s.Docs) < n; i++ {
		doc = doc[:0]
		for j := range words {
			doc = append(doc, vs[zipf.Uint64()])
			if j%15 == 14 {
				doc = append(doc, "।")
			}
		}
		s.Docs = append(s.Docs, gold.Doc{ID: fmt.Sprintf("%06d", len(s.Docs)), Text: strings.Join(doc, " ")})
		if i%4 == 0 && len(s.Docs) < n {
			for j := range doc {
				if rng.Float64() < 0.05 {
					doc[j] = vs[rng.IntN(len(vs))]
				}
			}
			s.Docs = append(s.Docs, gold.Doc{ID: fmt.Sprintf("%06d", len(s.Docs)), Text: strings.Join(doc, " ")})
			s.Pairs = append(s.Pairs, gold.Pair{A: len(s.Docs) - 2, B: len(s.Docs) - 1, Label: "duplicate"})
		}
	}
	positives := len(s.Pairs)
	for range positives {
		a, c := rng.IntN(n), rng.IntN(n)
		if a == c || a+1 == c || c+1 == a {
			continue
		}
		s.Pairs = append(s.Pairs, gold.Pair{A: min(a, c), B: max(a, c), Label: "unrelated"})
	}
	return s
}

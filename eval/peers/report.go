package main

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"

	"github.com/klauspost/cpuid/v2"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// A Row is one implementation's line of the comparison, as written by
// -json. A key that does not apply to the implementation is null (the
// first eight keys) or left out (the others).
type Row struct {
	Implementation string   `json:"implementation"`
	Algorithm      string   `json:"algorithm"`
	DocsPerSec     *float64 `json:"docs_per_sec"`   // an LSH index: documents over build + query time
	MBPerSec       *float64 `json:"mb_per_sec"`     // of the documents' UTF-8 text
	XXXH3          *float64 `json:"x_xxh3"`         // time over xxh3's time on the text
	AllocsPerDoc   *float64 `json:"allocs_per_doc"` // heap allocations per document
	SigBytes       *int     `json:"sig_bytes"`
	RMSE           *float64 `json:"rmse"` // over the near-duplicate and random pairs

	AllocBytesPerDoc *float64 `json:"alloc_bytes_per_doc,omitempty"` // bytes allocated per document

	Bias       *float64 `json:"bias,omitempty"`        // mean of estimate − truth
	Truth      string   `json:"truth,omitempty"`       // "Jaccard" or "1−θ/π"
	RMSENear   *float64 `json:"rmse_near,omitempty"`   // over the near-duplicate pairs
	RMSERandom *float64 `json:"rmse_random,omitempty"` // over the random pairs

	Bands              int      `json:"bands,omitempty"`
	Rows               int      `json:"rows,omitempty"`
	BuildUsPerDoc      *float64 `json:"build_us_per_doc,omitempty"`
	QueryUsPerDoc      *float64 `json:"query_us_per_doc,omitempty"`
	AllocsPerAdd       *float64 `json:"allocs_per_add,omitempty"`
	AllocsPerQuery     *float64 `json:"allocs_per_query,omitempty"`
	CandidatesPerQuery *float64 `json:"candidates_per_query,omitempty"`
	Recall             *float64 `json:"recall,omitempty"` // near-duplicate pairs sharing a band
}

// results is one run of the comparison.
type results struct {
	cfg               *config
	corpus            *Corpus
	lshBands, lshRows int
	rows              []Row
}

// steadyAllocs is the most allocations per document (or per query) that
// count as none: under one per hundred documents is the amortised growth of
// a reused buffer over a pass, not an allocation per document.
const steadyAllocs = 0.01

// biasSE is how many standard errors of the mean error a bias may exceed
// another's by and still count as no worse: the mean of n errors of
// standard deviation σ ≤ RMSE has standard error σ/√n, so two bias figures
// both near 0 differ by about that much by chance alone.
const biasSE = 2

// The target ratios simbench holds itself to against the peers.
const (
	minhashOverPeer = 1.3  // classic MinHash ≥ 1.3× the best MinHash peer
	ophOverPeer     = 4    // one-permutation MinHash ≥ 4× the best MinHash peer
	simhashOverPeer = 5    // SimHash ≥ 5× mfonda/simhash
	lshOfPeer       = 0.25 // LSH build + query ≤ 1/4 of ekzhu/minhash-lsh's
	shinglingXXH3   = 10   // shingling ≤ 10× xxh3 over the same text
)

func (res *results) print(w io.Writer) error {
	c, cfg := res.corpus, res.cfg
	fmt.Fprintf(w, "Corpus: %d synthetic documents of mostly Devanagari words, %.1f MB, %.1f word 5-gram shingles per document; "+
		"%d near-duplicate and %d random pairs; seed %d, digest %016x.\n",
		len(c.Docs), float64(c.Bytes)/1e6, float64(c.ShingleCount())/float64(len(c.Docs)),
		len(c.Near), len(c.Random), cfg.seed, c.Digest())
	fmt.Fprintf(w, "Timing: GOMAXPROCS=%d, %d interleaved repetitions, medians; %d MinHash slots; %s %s/%s, %s.\n\n",
		cfg.procs, cfg.reps, slots, runtime.Version(), runtime.GOOS, runtime.GOARCH, strings.TrimSpace(cpuid.CPU.BrandName))

	t := newTable(w, []string{"implementation", "algorithm", "docs/s", "MB/s", "×xxh3", "allocs/doc", "B/sig", "truth", "bias", "RMSE"}, 2, cfg.md)
	for _, r := range res.rows {
		if r.BuildUsPerDoc != nil {
			continue
		}
		row := []string{r.Implementation, r.Algorithm, rate(*r.DocsPerSec), fmt.Sprintf("%.1f", *r.MBPerSec),
			fmt.Sprintf("%.1f", *r.XXXH3), allocs(*r.AllocsPerDoc), "", "", "", ""}
		if r.SigBytes != nil {
			row[6] = fmt.Sprint(*r.SigBytes)
			row[7] = r.Truth
			row[8] = fmt.Sprintf("%+.4f", *r.Bias)
			row[9] = fmt.Sprintf("%.4f", *r.RMSE)
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\ndocs/s and MB/s sign the prepared shingles (shingling is its own row); ×xxh3: time over xxh3's on the text.\n"+
		"bias and RMSE of the estimate over the %d pairs, against exact Jaccard (MinHash) or 1 − θ/π of the exact cosine (SimHash).\n\n",
		len(c.Near)+len(c.Random))

	fmt.Fprintf(w, "LSH banding, %d bands × %d rows (ekzhu/minhash-lsh's choice for threshold %v), per document:\n\n", res.lshBands, res.lshRows, cfg.threshold)
	t = newTable(w, []string{"index", "build µs", "query µs", "total µs", "docs/s", "allocs/add", "allocs/query", "candidates/query", "near-dup recall"}, 1, cfg.md)
	for _, r := range res.rows {
		if r.BuildUsPerDoc == nil {
			continue
		}
		if err := t.Append([]string{r.Implementation,
			fmt.Sprintf("%.2f", *r.BuildUsPerDoc), fmt.Sprintf("%.2f", *r.QueryUsPerDoc),
			fmt.Sprintf("%.2f", *r.BuildUsPerDoc+*r.QueryUsPerDoc), rate(*r.DocsPerSec),
			allocs(*r.AllocsPerAdd), allocs(*r.AllocsPerQuery),
			fmt.Sprintf("%.2f", *r.CandidatesPerQuery), fmt.Sprintf("%.4f", *r.Recall)}); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nConstructors are not timed (ekzhu's searches for its bands and rows); build = Add every signature, then Finish/Index.\n\n")

	fmt.Fprintln(w, "Targets (from this run):")
	for _, l := range res.targets() {
		fmt.Fprintln(w, l)
	}
	return nil
}

// targets returns the PASS, FAIL or SKIP line of every target.
func (res *results) targets() []string {
	find := func(name string) *Row {
		for i := range res.rows {
			if res.rows[i].Implementation == name {
				return &res.rows[i]
			}
		}
		return nil
	}
	var best, oph *Row
	for i := range res.rows {
		r := &res.rows[i]
		switch {
		case r.Algorithm == "oph" && strings.HasPrefix(r.Implementation, "simbench"):
			oph = r
		case r.Algorithm == "minhash" && !strings.HasPrefix(r.Implementation, "simbench"):
			if best == nil || *r.DocsPerSec > *best.DocsPerSec {
				best = r
			}
		}
	}
	var lines []string
	check := func(ok bool, format string, args ...any) {
		verdict := "FAIL"
		if ok {
			verdict = "PASS"
		}
		lines = append(lines, verdict+"  "+fmt.Sprintf(format, args...))
	}
	ratio := func(name string, a, b *Row, peer string, want float64) {
		x := *a.DocsPerSec / *b.DocsPerSec
		check(x >= want, "%s ≥ %g× %s: %.2f× (%s vs %s docs/s of %s)",
			name, want, peer, x, rate(*a.DocsPerSec), rate(*b.DocsPerSec), b.Implementation)
	}
	noAllocs := func(name string, a *Row) {
		check(*a.AllocsPerDoc < steadyAllocs, "%s allocates nothing per document: %s", name, allocs(*a.AllocsPerDoc))
	}

	shingling, xxh3 := find(shinglerName), find(xxh3Name)
	x := *shingling.XXXH3 // the ×xxh3 of the table
	check(x <= shinglingXXH3, "shingling ≤ %d× xxh3 over the same text: %.1f× (%.1f vs %.1f MB/s)",
		shinglingXXH3, x, *shingling.MBPerSec, *xxh3.MBPerSec)
	mh := find("simbench minhash")
	ratio("classic MinHash", mh, best, "the best MinHash peer", minhashOverPeer)
	noAllocs("classic MinHash", mh)
	if oph == nil {
		lines = append(lines, "SKIP  one-permutation MinHash ≥ 4× the best MinHash peer: no simbench oph package in this tree")
	} else {
		ratio("one-permutation MinHash", oph, best, "the best MinHash peer", ophOverPeer)
		pairs := float64(len(res.corpus.Near) + len(res.corpus.Random))
		slack := biasSE * *oph.RMSE / math.Sqrt(pairs)
		check(abs(*oph.Bias) <= abs(*mh.Bias)+slack && *oph.RMSE <= *mh.RMSE,
			"one-permutation MinHash bias and RMSE no worse than classic MinHash: %+.4f, %.4f vs %+.4f, %.4f (bias within %.4f)",
			*oph.Bias, *oph.RMSE, *mh.Bias, *mh.RMSE, slack)
	}
	sh := find("simbench simhash")
	ratio("SimHash", sh, find("mfonda/simhash"), "mfonda/simhash", simhashOverPeer)
	noAllocs("SimHash", sh)
	ours, theirs := find("simbench lsh.Banding"), find("ekzhu/minhash-lsh MinhashLSH")
	a, b := *ours.BuildUsPerDoc+*ours.QueryUsPerDoc, *theirs.BuildUsPerDoc+*theirs.QueryUsPerDoc
	check(a/b <= lshOfPeer, "LSH build + query ≤ 1/4 of ekzhu/minhash-lsh's per document: %.3f (%.2f vs %.2f µs)", a/b, a, b)
	check(*ours.AllocsPerQuery < steadyAllocs, "LSH allocates nothing per query: %s", allocs(*ours.AllocsPerQuery))
	return lines
}

func abs(x float64) float64 { return max(x, -x) }

// rate formats a rate per second with a k or M suffix.
func rate(x float64) string {
	switch {
	case x >= 1e6:
		return fmt.Sprintf("%.2fM", x/1e6)
	case x >= 1e3:
		return fmt.Sprintf("%.1fk", x/1e3)
	}
	return fmt.Sprintf("%.0f", x)
}

// allocs formats allocations per document: "0" when there are none.
func allocs(x float64) string {
	if x == 0 {
		return "0"
	}
	return fmt.Sprintf("%.2f", x)
}

// newTable returns a table with the given header whose first left columns
// are aligned left and the rest right, in Markdown when md is set.
func newTable(w io.Writer, header []string, left int, md bool) *tablewriter.Table {
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignRight
		if i < left {
			align[i] = tw.AlignLeft
		}
	}
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	}
	if md {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(header)
	return t
}

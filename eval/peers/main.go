// Command peers compares simbench's similarity sketches with the Go
// libraries that compute the same ones, in one process on one deterministic
// corpus, and prints their speed, allocations, signature size and estimate
// error side by side, reproducibly.
//
// Usage (from the repository root, make compare-peers ARGS="..."):
//
//	cd eval/peers && go run . [-docs 24000] [-reps 5] [-seed 1] [-procs 1] [-json FILE] [-md]
//
// The corpus (see NewCorpus) is built and shingled once, with simbench's
// word 5-gram shingler, before anything is timed, so every implementation
// signs the same shingle hashes. Peers that take a []byte per set element
// get the 8-byte little-endian encoding of each shingle hash, prepared
// beforehand, and hash it with their own hash functions; mfonda/simhash
// takes the shingle hashes as its Features.
//
// Every task (xxh3 over the raw text, shingling, each signer, each LSH
// index) runs once to warm up, then once per repetition, the repetitions
// interleaved (repetition r starts at task r and goes round), each phase
// after a garbage collection; the table
// shows the median over repetitions of its time and of its heap allocations
// (runtime.MemStats.Mallocs). "×xxh3" is a task's time over the time xxh3
// takes to hash the documents' text once. The estimate error is measured
// on the near-duplicate and the random pairs: against exact Jaccard for
// MinHash, and for SimHash against 1 − θ/π of the exact cosine of the
// shingle sets, the quantity 1 − hamming/64 estimates.
//
// The LSH indexes are timed per document: build (Add every signature, then
// Finish or Index) and query (the candidates of every signature), with the
// bands and rows ekzhu/minhash-lsh derives for the threshold, since it takes
// no others. The target ratios follow the tables as PASS or FAIL.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/simbench/simbench/algorithms/text"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "compare-peers:", err)
		}
		os.Exit(2)
	}
}

// config holds the command's flags.
type config struct {
	docs, reps, procs int
	seed              uint64
	threshold         float64
	jsonFile          string
	md                bool
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	var c config
	fs := flag.NewFlagSet("compare-peers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.docs, "docs", 24000, "documents in the corpus (3/16 of them near-duplicate copies)")
	fs.IntVar(&c.reps, "reps", 5, "interleaved repetitions; the table shows medians")
	fs.IntVar(&c.procs, "procs", 1, "GOMAXPROCS while timing (1: per core)")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the corpus and of the hash functions")
	fs.Float64Var(&c.threshold, "threshold", 0.5, "Jaccard threshold from which ekzhu/minhash-lsh derives the LSH bands and rows")
	fs.StringVar(&c.jsonFile, "json", "", "also write the rows as a JSON array to `FILE`")
	fs.BoolVar(&c.md, "md", false, "print the tables in Markdown")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.docs < minDocs:
		return nil, fmt.Errorf("-docs %d: want at least %d", c.docs, minDocs)
	case c.reps < 1:
		return nil, fmt.Errorf("-reps %d: want at least 1", c.reps)
	case c.procs < 1:
		return nil, fmt.Errorf("-procs %d: want at least 1", c.procs)
	case !(c.threshold > 0 && c.threshold < 1):
		return nil, fmt.Errorf("-threshold %v: want a value in (0, 1)", c.threshold)
	}
	return &c, nil
}

// A task is one thing timed: setup, not timed, then its phases, each timed
// on its own.
type task struct {
	setup   func()
	phases  []func()
	secs    [][]float64 // [phase][repetition]
	mallocs [][]float64 // heap allocations
	bytes   [][]float64 // bytes allocated on the heap
}

func newTask(setup func(), phases ...func()) *task {
	n := len(phases)
	return &task{setup: setup, phases: phases, secs: make([][]float64, n), mallocs: make([][]float64, n), bytes: make([][]float64, n)}
}

// runOnce runs t's setup and times each of its phases, keeping the times
// and allocations when record is set.
func (t *task) runOnce(record bool) {
	var m0, m1 runtime.MemStats
	if t.setup != nil {
		t.setup()
	}
	for i, f := range t.phases {
		runtime.GC()
		runtime.ReadMemStats(&m0)
		start := time.Now()
		f()
		d := time.Since(start)
		runtime.ReadMemStats(&m1)
		if !record {
			continue
		}
		t.secs[i] = append(t.secs[i], d.Seconds())
		t.mallocs[i] = append(t.mallocs[i], float64(m1.Mallocs-m0.Mallocs))
		t.bytes[i] = append(t.bytes[i], float64(m1.TotalAlloc-m0.TotalAlloc))
	}
}

// median returns the median of xs, the mean of the middle two when their
// number is even.
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// interleave runs every task once to warm up (growing the buffers it
// reuses, faulting in its memory), then reps times, recorded, repetition r
// running the tasks in the order r, r+1, …, wrapping round, so that no task
// always follows the same one or always runs first.
func interleave(tasks []*task, reps int, progress func(rep int)) {
	progress(-1)
	for _, t := range tasks {
		t.runOnce(false)
	}
	for r := range reps {
		progress(r)
		for j := range tasks {
			tasks[(r+j)%len(tasks)].runOnce(true)
		}
	}
}

// The rows of the reference and of simbench's shingler.
const (
	xxh3Name     = "zeebo/xxh3 over the text (reference)"
	shinglerName = "simbench text.Shingler, word 5-grams"
)

func run(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cfg.procs))

	fmt.Fprintf(stderr, "compare-peers: building and shingling %d documents\n", cfg.docs)
	c, err := NewCorpus(cfg.docs, cfg.seed)
	if err != nil {
		return err
	}
	keys := byteKeys(c)

	// The reference and the shingler.
	xxh3Task := newTask(nil, func() {
		for _, d := range c.Docs {
			sink ^= xxh3.HashString(d)
		}
	})
	sh, err := text.NewShingler(c.Options)
	if err != nil {
		return err
	}
	var buf []uint64
	shingleTask := newTask(nil, func() {
		for _, d := range c.Docs {
			buf = sh.Append(buf[:0], d)
		}
	})

	signers := []*signer{
		simbenchMinHash(c, cfg.seed),
		simbenchOPH(c, cfg.seed),
		dgryskiMinWise(c, keys, cfg.seed),
		shawnohareMinHash(c, keys),
		ekzhuMinHash(c, keys, cfg.seed),
		simbenchSimHash(c, cfg.seed),
		mfondaSimHash(c),
	}

	bands, rows := lshParams(cfg.threshold)
	ours, err := simbenchLSH(c, cfg.seed, bands, rows)
	if err != nil {
		return err
	}
	theirs, err := ekzhuLSH(c, keys, cfg.seed, cfg.threshold)
	if err != nil {
		return err
	}
	indexers := []*indexer{ours, theirs}

	tasks := []*task{xxh3Task, shingleTask}
	for _, s := range signers {
		tasks = append(tasks, newTask(nil, s.sign))
	}
	for _, ix := range indexers {
		tasks = append(tasks, newTask(ix.setup, ix.build, ix.query))
	}
	interleave(tasks, cfg.reps, func(r int) {
		if r < 0 {
			fmt.Fprintln(stderr, "compare-peers: warming up")
		} else {
			fmt.Fprintf(stderr, "compare-peers: repetition %d of %d\n", r+1, cfg.reps)
		}
	})

	res := &results{cfg: cfg, corpus: c, lshBands: bands, lshRows: rows}
	n := float64(len(c.Docs))
	mb := float64(c.Bytes) / 1e6
	xxh3Secs := median(xxh3Task.secs[0])
	passRow := func(name, alg string, t *task) Row {
		secs := median(t.secs[0])
		return Row{
			Implementation: name, Algorithm: alg,
			DocsPerSec: ptr(n / secs), MBPerSec: ptr(mb / secs), XXXH3: ptr(secs / xxh3Secs),
			AllocsPerDoc: ptr(median(t.mallocs[0]) / n), AllocBytesPerDoc: ptr(median(t.bytes[0]) / n),
		}
	}
	res.rows = append(res.rows,
		passRow(xxh3Name, "hash", xxh3Task),
		passRow(shinglerName, "shingling", shingleTask))
	for i, s := range signers {
		r := passRow(s.name, s.algorithm, tasks[2+i])
		r.SigBytes = ptr(s.sigBytes)
		r.Truth = s.truth.String()
		errorStats(c, s, &r)
		res.rows = append(res.rows, r)
	}
	for i, ix := range indexers {
		t := tasks[2+len(signers)+i]
		build, query := median(t.secs[0]), median(t.secs[1])
		res.rows = append(res.rows, Row{
			Implementation: ix.name, Algorithm: "minhash-lsh index",
			DocsPerSec:         ptr(n / (build + query)),
			AllocsPerDoc:       ptr((median(t.mallocs[0]) + median(t.mallocs[1])) / n),
			AllocBytesPerDoc:   ptr((median(t.bytes[0]) + median(t.bytes[1])) / n),
			Bands:              ix.bands,
			Rows:               ix.rows,
			BuildUsPerDoc:      ptr(build / n * 1e6),
			QueryUsPerDoc:      ptr(query / n * 1e6),
			AllocsPerAdd:       ptr(median(t.mallocs[0]) / n),
			AllocsPerQuery:     ptr(median(t.mallocs[1]) / n),
			CandidatesPerQuery: ptr(float64(ix.candidates()) / n),
			Recall:             ptr(ix.recall),
		})
	}

	if err := res.print(stdout); err != nil {
		return err
	}
	if cfg.jsonFile != "" {
		b, err := json.MarshalIndent(res.rows, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(cfg.jsonFile, append(b, '\n'), 0o666); err != nil {
			return err
		}
	}
	return nil
}

// errorStats fills in r's estimate errors of signer s: bias (mean of
// estimate − truth) and root mean square error over the near-duplicate and
// the random pairs together, and the RMSE over each alone.
func errorStats(c *Corpus, s *signer, r *Row) {
	var sum, sq [2]float64
	for k, ps := range [][]Pair{c.Near, c.Random} {
		for _, p := range ps {
			jac, angle := truths(c, p)
			want := jac
			if s.truth == simhashAngle {
				want = angle
			}
			e := s.estimate(p.A, p.B) - want
			sum[k] += e
			sq[k] += e * e
		}
	}
	nn, nr := float64(len(c.Near)), float64(len(c.Random))
	r.Bias = ptr((sum[0] + sum[1]) / (nn + nr))
	r.RMSE = ptr(math.Sqrt((sq[0] + sq[1]) / (nn + nr)))
	r.RMSENear = ptr(math.Sqrt(sq[0] / nn))
	r.RMSERandom = ptr(math.Sqrt(sq[1] / nr))
}

// sink keeps the reference's hashes from being optimised away.
var sink uint64

func ptr[T any](x T) *T { return &x }

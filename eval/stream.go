package eval

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/simbench/simbench/algorithms"
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/eval/budget"
	"github.com/simbench/simbench/gold"
)

// streamBatch is the number of documents a worker of EvaluateStream takes
// at a time: about 0.75 MiB of text at 3 KB a document.
const streamBatch = 256

// EvaluateStream evaluates the configurations cs on the gold set in the
// directory path without holding its text: every document is shingled and
// signed by every configuration as it is read (gold.LoadDirStream), by
// opt.Workers goroutines, and only the signatures are kept (and the
// shingles of a configuration with verify=true). The result is that of
// Evaluate on the same set, but that throughput is not measured
// (opt.Timing is refused): the phases of the run are timed instead.
//
// The corpus scope of a streamed set is always sparse.
func EvaluateStream(ctx context.Context, path string, cs []algorithms.Config, opt Options) (*Result, error) {
	if opt.Timing {
		return nil, fmt.Errorf("a streamed run cannot time the algorithms alone, having no text to run them on again; its phases are timed instead")
	}
	for _, c := range cs {
		if _, ok := c.Algorithm.(DocSigner); ok {
			return nil, fmt.Errorf("%s: the output of another system cannot be scored on a streamed set; use -stream off", c.Label)
		}
	}
	m, err := gold.ReadManifest(path)
	if err != nil {
		return nil, err
	}
	if opt.AutoScope {
		opt.Scope = Labelled
		if m.Exhaustive {
			opt.Scope = Corpus
		}
	}
	if opt.Scope == Corpus && !m.Exhaustive {
		return nil, notExhaustive(m.Name)
	}
	opt.Sparse = opt.Scope == Corpus
	opt, err = opt.init(0, cs)
	if err != nil {
		return nil, err
	}
	res := &Result{Scope: opt.Scope, Sparse: opt.sparse}
	phase := res.phaseTimer()

	st := newStreamer(cs, opt.sparse)
	total := textBytes(path)
	var done int64
	opt.Progress("reading, shingling and signing %s", path)
	g, gctx := errgroup.WithContext(ctx)
	work := make(chan *streamIn, opt.Workers)
	for range opt.Workers {
		g.Go(func() error { return st.work(gctx, work) })
	}
	var in *streamIn
	// fileBytes is what the loader has read of the files for the texts
	// not yet batched, escapes included, which checkHeld extrapolates
	// from; the loader tells it before it streams the text.
	var fileBytes, read int64
	load := opt.Load
	load.Read = func(n int64) { fileBytes += n }
	set, loadErr := load.LoadDirStream(path, func(seq int, text string) error {
		if err := gctx.Err(); err != nil {
			return err
		}
		if seq%streamBatch == 0 {
			if err := st.checkHeld(total, len(cs), opt.Mem); err != nil {
				return err
			}
		}
		if in == nil {
			in = &streamIn{seq0: seq}
		}
		in.texts = append(in.texts, text)
		in.fileBytes += fileBytes
		read += fileBytes
		fileBytes = 0
		if len(in.texts) == streamBatch {
			select {
			case work <- in:
			case <-gctx.Done():
				return gctx.Err()
			}
			in = nil
		}
		done += int64(len(text))
		if opt.Bar != nil {
			opt.Bar(read, total)
		}
		return nil
	})
	if in != nil && loadErr == nil {
		select {
		case work <- in:
		case <-gctx.Done():
		}
	}
	close(work)
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if loadErr != nil {
		return nil, loadErr
	}
	if opt.Positive != nil {
		if set, err = set.WithPositive(opt.Positive); err != nil {
			return nil, err
		}
	}
	res.Set = set
	res.Bytes = done
	bySeq := make([][sha256.Size]byte, len(set.Docs))
	for i, seq := range set.Order {
		bySeq[i] = st.out[seq/streamBatch].sums[seq%streamBatch]
	}
	res.GoldHash = set.ContentHashOf(bySeq)
	phase("read, shingle, sign")

	p, err := st.assemble(set)
	if err != nil {
		return nil, err
	}
	p.deferred = st.deferSign
	res.Text = st.textStats(set)
	st.out = nil // p holds what is kept of it
	phase("assemble")
	if err := res.quality(ctx, cs, p, opt, phase); err != nil {
		return nil, err
	}
	return res, nil
}

// textBytes returns the size of the documents of the set in path, for the
// progress bar: the size of docs.jsonl, or of the files of docs/; 0 when
// neither can be read.
func textBytes(path string) int64 {
	if fi, err := os.Stat(filepath.Join(path, "docs.jsonl")); err == nil {
		return fi.Size()
	}
	entries, err := os.ReadDir(filepath.Join(path, "docs"))
	if err != nil {
		return 0
	}
	var n int64
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// A streamIn is a batch of consecutive documents, from sequence number
// seq0.
type streamIn struct {
	seq0  int
	texts []string
	// fileBytes is what the loader read of the set's files for texts:
	// their lines of docs.jsonl, or their files of docs/ (and of any bad
	// document read before them).
	fileBytes int64
}

// A streamOut is what a batch became: the hashes of its texts; per
// configuration, the signatures
// of its documents one after another in sigs, document i's ending at
// ends[i]; per text option, the same for the shingles when they are kept,
// and the number of shingles of each document.
type streamOut struct {
	sums           [][sha256.Size]byte // of the texts, for the content hash
	sigs, shingles [][]uint64
	sigEnds        [][]int32
	shingleEnds    [][]int32
	counts         [][]int32
}

// A streamer shingles and signs the batches of a streamed load.
//
// In the sparse corpus scope it defers the signing (deferSign): it keeps
// every document's shingles instead, and the run signs them one
// configuration at a time when it finds that configuration's pairs, then
// lets the signatures go (prepared.signed). What is held at once is then
// the shingles and one configuration's signatures, not every
// configuration's. It signs the documents of its first minSample bytes
// all the same, to measure the signatures for checkHeld.
type streamer struct {
	cs        []algorithms.Config
	textOpts  []text.Options
	textOf    []int  // the text option of each configuration
	keep      []bool // whether a text option's shingles are kept
	deferSign bool

	mu  sync.Mutex
	out []*streamOut // by batch number
	// held is the bytes of signatures and kept shingles made so far, and
	// signed the bytes of the files they were read from, docs the number
	// of documents: what checkHeld extrapolates from.
	held, signed, docs int64
	live               []metrics.Sample // the live heap, for checkHeld
	// sampleSig is, when the signing is deferred, the words of each
	// configuration's signatures of the documents signed to measure them,
	// and sampleBytes the bytes of the files they were read from.
	sampleSig   []int64
	sampleBytes int64
}

// minSample is the text the streamer signs before checkHeld extrapolates
// from it; tests lower it.
var minSample int64 = 16 << 20

// perDocHeld is what a streamed run holds per document and configuration
// besides the signature's words: its slice in the assembled signatures
// and its end in the batch (24 + 4 bytes).
const perDocHeld = 28

// heldHint is the hint of checkHeld's error for configs configurations,
// whose signatures are held together unless the signing is deferred.
func heldHint(configs int, deferred bool) string {
	if configs > 1 && !deferred {
		return FewerHint + ": each one's signatures are held until every pair is scored"
	}
	return ""
}

// checkHeld checks, once minSample bytes of the documents' files are
// signed, that the signatures of the whole set fit the budget limit,
// extrapolating from those made so far to total, the size of the files,
// by the bytes read of the files (so that JSON escapes, which may double a
// Devanagari text, count on both sides): held·total/signed, plus perDocHeld per document and configuration, plus
// what else is live now (the documents' ids, the texts in flight), plus
// the twentieth of the signatures the garbage collector lets grow beyond
// them (budget.MinGrowth). The estimate is made again at every batch, so
// that a set whose first documents are unlike the rest is caught once the
// sample shows it. It stops a run whose signatures alone do not fit within
// a second of reading, where the watchdog would stop it only when its
// resident set reached the budget; the pairs, estimated later, come on
// top.
func (st *streamer) checkHeld(total int64, configs int, limit int64) error {
	if limit <= 0 || total <= 0 {
		return nil
	}
	st.mu.Lock()
	held, signed, docs := st.held, st.signed, st.docs
	sampleBytes := st.sampleBytes
	most := int64(0) // the words of the largest configuration's signatures signed to measure them
	for _, w := range st.sampleSig {
		most = max(most, w)
	}
	st.mu.Unlock()
	if signed < minSample || docs == 0 {
		return nil
	}
	scale := float64(total) / float64(signed)
	n := int64(float64(docs) * scale)
	sigs := budget.Add(int64(float64(held)*scale), budget.Mul(n, int64(configs)*perDocHeld))
	stage := fmt.Sprintf("holding the signatures of about %s documents (%s of text) to the end of the run", budget.Count(n), budget.Format(total))
	if st.deferSign {
		// One configuration's signatures at a time, beside the shingles.
		if sampleBytes > 0 {
			sigs = budget.Add(sigs, int64(8*float64(most)*float64(total)/float64(sampleBytes)))
		}
		stage = fmt.Sprintf("holding the shingles of about %s documents (%s of text), and the signatures of one algorithm at a time, until the pairs are found", budget.Count(n), budget.Format(total))
	}
	// What else is live (the documents' ids, the texts in flight) stays;
	// the garbage collector's headroom comes on top.
	metrics.Read(st.live)
	other := max(0, int64(st.live[0].Value.Uint64())-held)
	need := budget.Add(budget.Add(sigs, other), sigs/100*budget.MinGrowth)
	return budget.Check(limit, stage, need, heldHint(configs, st.deferSign))
}

// newStreamer returns a streamer of the configurations cs that defers
// their signing when deferSign is set.
func newStreamer(cs []algorithms.Config, deferSign bool) *streamer {
	st := &streamer{cs: cs, textOpts: textOptions(cs), live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}, deferSign: deferSign}
	st.keep = make([]bool, len(st.textOpts))
	st.sampleSig = make([]int64, len(cs))
	for _, c := range cs {
		ti := slices.Index(st.textOpts, c.Text)
		st.textOf = append(st.textOf, ti)
		if c.Verify || deferSign {
			st.keep[ti] = true
		}
	}
	return st
}

// work shingles and signs the batches of in until it is closed.
func (st *streamer) work(ctx context.Context, in <-chan *streamIn) error {
	shinglers := make([]*text.Shingler, len(st.textOpts))
	for i, o := range st.textOpts {
		var err error
		if shinglers[i], err = text.NewShingler(o); err != nil {
			return err
		}
	}
	// Each batch is built in buffers the worker keeps, then copied to
	// slices of the exact size, which the run keeps: no garbage from
	// growing them by doubling.
	var scratch, sigScratch []uint64
	var text []byte // a text's bytes, to hash them without allocating
	sigBuf := make([][]uint64, len(st.cs))
	shBuf := make([][]uint64, len(st.textOpts))
	for b := range in {
		if err := ctx.Err(); err != nil {
			return err
		}
		o := &streamOut{
			sigs:        make([][]uint64, len(st.cs)),
			sigEnds:     make([][]int32, len(st.cs)),
			shingles:    make([][]uint64, len(st.textOpts)),
			shingleEnds: make([][]int32, len(st.textOpts)),
			counts:      make([][]int32, len(st.textOpts)),
		}
		// A deferred signing signs the documents of the first batches
		// only to measure them.
		st.mu.Lock()
		sample := st.deferSign && st.sampleBytes < minSample
		st.mu.Unlock()
		var sampleSig []int64
		if sample {
			sampleSig = make([]int64, len(st.cs))
		}
		for ci := range st.cs {
			sigBuf[ci] = sigBuf[ci][:0]
			if !st.deferSign {
				o.sigEnds[ci] = make([]int32, 0, len(b.texts))
			}
		}
		for ti := range st.textOpts {
			shBuf[ti] = shBuf[ti][:0]
			o.counts[ti] = make([]int32, 0, len(b.texts))
			if st.keep[ti] {
				o.shingleEnds[ti] = make([]int32, 0, len(b.texts))
			}
		}
		o.sums = make([][sha256.Size]byte, len(b.texts))
		for d, t := range b.texts {
			text = append(text[:0], t...)
			o.sums[d] = sha256.Sum256(text)
			for ti, sh := range shinglers {
				scratch = sh.Append(scratch[:0], t)
				o.counts[ti] = append(o.counts[ti], int32(len(scratch)))
				if st.keep[ti] {
					shBuf[ti] = append(shBuf[ti], scratch...)
					o.shingleEnds[ti] = append(o.shingleEnds[ti], int32(len(shBuf[ti])))
				}
				for ci, c := range st.cs {
					switch {
					case st.textOf[ci] != ti:
					case st.deferSign:
						if _, same := c.Algorithm.(algo.ShinglesSigner); sample && !same {
							sigScratch = c.Algorithm.Sign(sigScratch[:0], scratch)
							sampleSig[ci] += int64(len(sigScratch))
						}
					default:
						sigBuf[ci] = c.Algorithm.Sign(sigBuf[ci], scratch)
						o.sigEnds[ci] = append(o.sigEnds[ci], int32(len(sigBuf[ci])))
					}
				}
			}
		}
		for ci := range o.sigs {
			if !st.deferSign {
				o.sigs[ci] = slices.Clone(sigBuf[ci])
			}
		}
		for ti := range o.shingles {
			if st.keep[ti] {
				o.shingles[ti] = slices.Clone(shBuf[ti])
			}
		}
		n := b.seq0 / streamBatch
		var held, signed int64
		for _, sig := range o.sigs {
			held += 8 * int64(len(sig))
		}
		for _, sh := range o.shingles {
			held += 8 * int64(len(sh))
		}
		signed = b.fileBytes
		st.mu.Lock()
		st.held += held
		st.signed += signed
		st.docs += int64(len(b.texts))
		if sample {
			st.sampleBytes += b.fileBytes
			for ci, w := range sampleSig {
				st.sampleSig[ci] += w
			}
		}
		if n >= len(st.out) {
			st.out = append(st.out, make([]*streamOut, n+1-len(st.out))...)
		}
		st.out[n] = o
		st.mu.Unlock()
	}
	return nil
}

// assemble returns every document's signatures, and kept shingles, in the
// order of set.Docs.
func (st *streamer) assemble(set *gold.Set) (*prepared, error) {
	p := &prepared{textOpts: st.textOpts}
	p.sigs = make([][][]uint64, len(st.cs))
	for ci := range st.cs {
		if !st.deferSign {
			p.sigs[ci] = make([][]uint64, len(set.Docs))
		}
	}
	p.shingles = make([][][]uint64, len(st.textOpts))
	for ti, keep := range st.keep {
		if keep {
			p.shingles[ti] = make([][]uint64, len(set.Docs))
		}
	}
	slice := func(buf []uint64, ends []int32, j int) []uint64 {
		start := int32(0)
		if j > 0 {
			start = ends[j-1]
		}
		return buf[start:ends[j]:ends[j]]
	}
	for i, seq := range set.Order {
		b, j := seq/streamBatch, seq%streamBatch
		if b >= len(st.out) || st.out[b] == nil {
			return nil, fmt.Errorf("internal error: document %d of the stream was not signed", seq)
		}
		o := st.out[b]
		for ci := range st.cs {
			if !st.deferSign {
				p.sigs[ci][i] = slice(o.sigs[ci], o.sigEnds[ci], j)
			}
		}
		for ti, keep := range st.keep {
			if keep {
				p.shingles[ti][i] = slice(o.shingles[ti], o.shingleEnds[ti], j)
			}
		}
	}
	return p, nil
}

// textStats returns the shingle statistics of each text option.
func (st *streamer) textStats(set *gold.Set) []TextStats {
	stats := make([]TextStats, len(st.textOpts))
	for ti, o := range st.textOpts {
		stats[ti].Options = o
		total := 0
		for i, seq := range set.Order {
			n := int(st.out[seq/streamBatch].counts[ti][seq%streamBatch])
			total += n
			if n == 0 {
				stats[ti].Empty = append(stats[ti].Empty, set.Docs[i].ID)
			}
		}
		stats[ti].Shingles = float64(total) / float64(max(1, len(set.Docs)))
	}
	return stats
}

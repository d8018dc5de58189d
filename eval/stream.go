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
// directory path without holding its text: every document is shingled as
// it is read (gold.LoadDirStream), by opt.Workers goroutines. In the
// sparse corpus scope only the shingles are kept, and each configuration
// signs them in turn when its pairs are found (see streamer); otherwise
// every configuration signs each document as it is read, and only the
// signatures are kept (and the shingles of a configuration with
// verify=true). The result is that of
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
	if opt.Load.NoClusterPairs && !opt.Counted {
		return nil, omitted(path)
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

	st := newStreamer(cs, opt.sparse, opt.Mem)
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
	res.hashing(func() string { return set.ContentHashOf(bySeq) })
	st.mu.Lock()
	st.decide()
	deferred := st.mode == deferring
	st.mu.Unlock()
	if deferred {
		phase("read, shingle") // each algorithm signs when it finds its pairs
	} else {
		phase("read, shingle, sign")
	}

	p, err := st.assemble(set)
	if err != nil {
		return nil, err
	}
	res.Text = st.textStats(set)
	st.out = nil // p holds what is kept of it
	phase("assemble")
	if err := res.quality(ctx, cs, p, opt, phase); err != nil {
		return nil, err
	}
	res.GoldHash = <-res.hashed
	phase("gold hash") // what is left of it once the run is done
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
// configuration, when the batch was signed, the signatures of its
// documents one after another in sigs, document i's ending at ends[i]; per
// text option, the same for the shingles when they are kept, and the
// number of shingles of each document.
type streamOut struct {
	sums           [][sha256.Size]byte // of the texts, for the content hash
	sigs, shingles [][]uint64
	sigEnds        [][]int32
	shingleEnds    [][]int32
	counts         [][]int32
}

// The ways a streamer keeps what it makes of the documents.
const (
	// undecided: both every text option's shingles and every
	// configuration's signatures, until the first minSample bytes of the
	// files say which way holds less.
	undecided = iota
	// deferring: every text option's shingles, and no signatures: the
	// run signs them one configuration at a time (prepared.deferred).
	deferring
	// signing: every configuration's signatures, and the shingles of a
	// configuration with verify=true only.
	signing
)

// A streamer shingles and signs the batches of a streamed load.
//
// In the sparse corpus scope it may defer the signing: keep every
// document's shingles instead, which the run signs one configuration at a
// time when it finds that configuration's pairs, letting the signatures go
// once it has scored them (prepared.deferred). What is held at once is
// then the shingles and one configuration's signatures, not every
// configuration's: less when exact Jaccard, whose signatures are the
// shingles, runs beside sketches, more for one sketch alone. The streamer
// keeps both for the documents of the first minSample bytes, and then
// takes the way that holds less for them (decide).
type streamer struct {
	cs       []algorithms.Config
	textOpts []text.Options
	textOf   []int  // the text option of each configuration
	keep     []bool // whether a text option's shingles are kept in any way (verify=true)

	mu   sync.Mutex
	out  []*streamOut // by batch number
	mode int          // undecided, deferring or signing
	// shingleWords and sigWords are the words of each text option's
	// shingles and each configuration's signatures made so far, the
	// shingles of every batch, kept or not, and the signatures of the
	// batches signed; read and signed are the bytes of the files of every
	// batch and of those signed, and docs the number of documents: what
	// checkHeld extrapolates from.
	shingleWords, sigWords []int64
	read, signed, docs     int64
	kept                   int64            // the bytes of the batches' signatures and shingles
	live                   []metrics.Sample // the live heap, for checkHeld
	sample                 int64            // the bytes signed before checkHeld and decide
}

// minSample is the text the streamer signs before checkHeld extrapolates
// from it and decide chooses its way; tests lower it.
var minSample int64 = 16 << 20

// perDocHeld is what a streamed run holds per document and configuration
// besides the signature's words: its slice in the assembled signatures
// and its end in the batch (24 + 4 bytes).
const perDocHeld = 28

// heldHint is the hint of checkHeld's error for configs configurations,
// whose signatures are held together unless the signing is deferred;
// largest names the configuration whose signatures take the most, and
// bytes what they take.
func heldHint(configs int, deferred bool, largest string, bytes int64) string {
	if configs > 1 && !deferred {
		return fmt.Sprintf("%s: each one's signatures are held until every pair is scored, %s's the largest (about %s)", FewerHint, largest, budget.Format(bytes))
	}
	return ""
}

// costs returns the words per byte of the files that the streamer would
// hold if it deferred the signing (every text option's shingles and the
// largest signatures of a configuration that signs) and if it signed (every
// configuration's signatures and the shingles kept for verify=true), from
// what it made so far. It needs st.mu.
func (st *streamer) costs() (deferCost, signCost float64) {
	if st.read == 0 || st.signed == 0 {
		return 0, 0
	}
	var most float64
	for ci, c := range st.cs {
		per := float64(st.sigWords[ci]) / float64(st.signed)
		signCost += per
		if _, same := c.Algorithm.(algo.ShinglesSigner); !same {
			most = max(most, per)
		}
	}
	for ti, w := range st.shingleWords {
		per := float64(w) / float64(st.read)
		deferCost += per
		if st.keep[ti] {
			signCost += per
		}
	}
	return deferCost + most, signCost
}

// decide chooses, once the streamer is undecided, the way that holds less
// for the documents made so far; deferring on a tie, since a deferred run
// lets the shingles and signatures go before it scores the pairs, where
// the other holds them to the end. It needs st.mu.
func (st *streamer) decide() {
	if st.mode != undecided {
		return
	}
	st.mode = signing
	if d, s := st.costs(); d <= s {
		st.mode = deferring
	}
}

// checkHeld checks, once minSample bytes of the documents' files are
// signed, that what the streamer keeps of the whole set fits the budget
// limit: the words per byte it keeps (costs, by the way it took or, while
// it is undecided, the lesser way) times total, the size of the files (by
// the bytes read of the files, so that JSON escapes, which may double a
// Devanagari text, count on both sides), plus perDocHeld per document and
// configuration, plus what else is live now (the documents' ids, the texts
// in flight), plus the twentieth of it the garbage collector lets grow
// (budget.MinGrowth). The estimate is made again at every batch, so that a
// set whose first documents are unlike the rest is caught once the sample
// shows it. It stops a run that does not fit within a second of reading,
// where the watchdog would stop it only when its resident set reached the
// budget; the pairs, estimated later, come on top.
func (st *streamer) checkHeld(total int64, configs int, limit int64) error {
	if limit <= 0 || total <= 0 {
		return nil
	}
	st.mu.Lock()
	signed, docs, read := st.signed, st.docs, st.read
	deferCost, signCost := st.costs()
	largest, largestWords := "", int64(-1)
	for ci, w := range st.sigWords {
		if w > largestWords {
			largest, largestWords = st.cs[ci].Label, w
		}
	}
	mode := st.mode
	made := st.kept
	st.mu.Unlock()
	if signed < st.sample || docs == 0 {
		return nil
	}
	deferred := mode == deferring || mode == undecided && deferCost <= signCost
	perByte := signCost
	if deferred {
		perByte = deferCost
	}
	n := int64(float64(docs) * float64(total) / float64(read))
	held := budget.Add(int64(8*perByte*float64(total)), budget.Mul(n, int64(configs)*perDocHeld))
	stage := fmt.Sprintf("holding the signatures of about %s documents (%s of text) to the end of the run", budget.Count(n), budget.Format(total))
	if deferred {
		stage = fmt.Sprintf("holding the shingles of about %s documents (%s of text), and the signatures of one algorithm at a time, until the pairs are found,", budget.Count(n), budget.Format(total))
	}
	// What else is live (the documents' ids, the texts in flight) stays;
	// the garbage collector's headroom comes on top.
	metrics.Read(st.live)
	other := max(0, int64(st.live[0].Value.Uint64())-made)
	need := budget.Add(budget.Add(held, other), held/100*budget.MinGrowth)
	largestBytes := int64(8 * float64(largestWords) * float64(total) / float64(max(1, signed)))
	return budget.Check(limit, stage, need, heldHint(configs, deferred, largest, largestBytes))
}

// newStreamer returns a streamer of the configurations cs, which may defer
// their signing when canDefer is set, under the memory budget limit (0 for
// none): its sample is minSample bytes, or a sixteenth of a small budget
// (at least 1 MiB), so that the budget's estimate comes before the budget
// is reached.
func newStreamer(cs []algorithms.Config, canDefer bool, limit int64) *streamer {
	st := &streamer{cs: cs, textOpts: textOptions(cs), live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}, mode: signing, sample: minSample}
	if limit > 0 {
		st.sample = min(minSample, max(1<<20, limit/16))
	}
	if canDefer {
		st.mode = undecided
	}
	st.keep = make([]bool, len(st.textOpts))
	st.shingleWords = make([]int64, len(st.textOpts))
	st.sigWords = make([]int64, len(cs))
	for _, c := range cs {
		ti := slices.Index(st.textOpts, c.Text)
		st.textOf = append(st.textOf, ti)
		if c.Verify {
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
	var scratch []uint64
	var text []byte // a text's bytes, to hash them without allocating
	sigBuf := make([][]uint64, len(st.cs))
	shBuf := make([][]uint64, len(st.textOpts))
	for b := range in {
		if err := ctx.Err(); err != nil {
			return err
		}
		st.mu.Lock()
		mode := st.mode
		st.mu.Unlock()
		sign := mode != deferring
		keep := func(ti int) bool { return st.keep[ti] || mode != signing }
		o := &streamOut{
			sigs:        make([][]uint64, len(st.cs)),
			sigEnds:     make([][]int32, len(st.cs)),
			shingles:    make([][]uint64, len(st.textOpts)),
			shingleEnds: make([][]int32, len(st.textOpts)),
			counts:      make([][]int32, len(st.textOpts)),
		}
		for ci := range st.cs {
			sigBuf[ci] = sigBuf[ci][:0]
			if sign {
				o.sigEnds[ci] = make([]int32, 0, len(b.texts))
			}
		}
		for ti := range st.textOpts {
			shBuf[ti] = shBuf[ti][:0]
			o.counts[ti] = make([]int32, 0, len(b.texts))
			if keep(ti) {
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
				if keep(ti) {
					shBuf[ti] = append(shBuf[ti], scratch...)
					o.shingleEnds[ti] = append(o.shingleEnds[ti], int32(len(shBuf[ti])))
				}
				if !sign {
					continue
				}
				for ci, c := range st.cs {
					if st.textOf[ci] == ti {
						sigBuf[ci] = c.Algorithm.Sign(sigBuf[ci], scratch)
						o.sigEnds[ci] = append(o.sigEnds[ci], int32(len(sigBuf[ci])))
					}
				}
			}
		}
		if sign {
			for ci := range o.sigs {
				o.sigs[ci] = slices.Clone(sigBuf[ci])
			}
		}
		for ti := range o.shingles {
			if keep(ti) {
				o.shingles[ti] = slices.Clone(shBuf[ti])
			}
		}
		n := b.seq0 / streamBatch
		st.mu.Lock()
		for ti, counts := range o.counts {
			for _, c := range counts {
				st.shingleWords[ti] += int64(c)
			}
		}
		if sign {
			for ci, sig := range o.sigs {
				st.sigWords[ci] += int64(len(sig))
				st.kept += 8 * int64(len(sig))
			}
			st.signed += b.fileBytes
		}
		for _, sh := range o.shingles {
			st.kept += 8 * int64(len(sh))
		}
		st.read += b.fileBytes
		st.docs += int64(len(b.texts))
		if st.signed >= st.sample {
			st.decide()
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
// order of set.Docs; or, when the streamer deferred the signing, every
// document's shingles and no signatures. A streamer still undecided
// decides first.
func (st *streamer) assemble(set *gold.Set) (*prepared, error) {
	st.mu.Lock()
	st.decide()
	st.mu.Unlock()
	deferred := st.mode == deferring
	p := &prepared{textOpts: st.textOpts, deferred: deferred}
	p.sigs = make([][][]uint64, len(st.cs))
	for ci := range st.cs {
		if !deferred {
			p.sigs[ci] = make([][]uint64, len(set.Docs))
		}
	}
	p.shingles = make([][][]uint64, len(st.textOpts))
	for ti, keep := range st.keep {
		if keep || deferred {
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
			if !deferred {
				p.sigs[ci][i] = slice(o.sigs[ci], o.sigEnds[ci], j)
			}
		}
		for ti := range st.textOpts {
			if p.shingles[ti] != nil {
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

package output_test

import (
	"compress/gzip"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/simbench/simbench/eval/output"
)

// rowReader generates an output file of n rows lazily, holding no more
// than a line: every every-th row names two documents of the gold set
// g0, g1, ..., the others two documents outside it, x0, x1, ....
type rowReader struct {
	kind      string // "pairs", "members", "jsonl" or "jsonl-text"
	n, every  int
	i         int
	buf, line []byte
}

func (r *rowReader) Read(p []byte) (int, error) {
	for len(r.buf) < len(p) && r.i <= r.n {
		r.buf = append(r.buf, r.next()...)
		r.i++
	}
	if len(r.buf) == 0 {
		return 0, io.EOF
	}
	k := copy(p, r.buf)
	r.buf = r.buf[:copy(r.buf, r.buf[k:])]
	return k, nil
}

// next returns line r.i: the header, then rows 1 to n.
func (r *rowReader) next() []byte {
	l := r.line[:0]
	prefix := byte('x')
	id := r.i
	if r.i%r.every == 0 {
		prefix, id = 'g', r.i/r.every
	}
	switch {
	case r.i == 0 && r.kind == "pairs":
		l = append(l, "a,b,score\n"...)
	case r.i == 0 && r.kind == "members":
		l = append(l, "doc\tcluster\n"...)
	case r.i == 0:
	case r.kind == "pairs":
		l = append(append(l, prefix), "doc"...)
		l = strconv.AppendInt(l, int64(2*id), 10)
		l = append(append(append(l, ','), prefix), "doc"...)
		l = strconv.AppendInt(l, int64(2*id+1), 10)
		l = append(l, ",0.87\n"...)
	case r.kind == "members":
		l = append(append(l, prefix), "doc"...)
		l = strconv.AppendInt(l, int64(id), 10)
		l = append(l, "\tc"...)
		l = strconv.AppendInt(l, int64(id/3), 10)
		l = append(l, '\n')
	default:
		l = append(append(l, `{"id": "`...), prefix)
		l = append(l, "doc"...)
		l = strconv.AppendInt(l, int64(id), 10)
		l = append(l, `", "cluster": `...)
		l = strconv.AppendInt(l, int64(id/3), 10)
		if r.kind == "jsonl-text" {
			l = append(l, `, "text": "`...)
			l = append(l, benchText...)
			l = append(l, '"')
		}
		l = append(l, "}\n"...)
	}
	r.line = l
	return l
}

// benchText is the value of the key "text" of the rows of "jsonl-text": 3
// KB of prose as a JSON string, with an escaped quote and line end, as the
// text of a document in the outputs of NeMo Curator or datatrove.
var benchText = func() string {
	const para = `The committee met on Tuesday to discuss the \"draft\" report.\n` +
		`Members raised questions about the budget, the schedule and the staff. `
	s := strings.Repeat(para, 3000/len(para))
	return s + strings.Repeat("x", 3000-len(s))
}()

// gzipReader compresses r as it is read.
func gzipReader(r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		zw, _ := gzip.NewWriterLevel(pw, gzip.BestSpeed)
		_, err := io.Copy(zw, r)
		if err == nil {
			err = zw.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr
}

// peakHeap samples the heap in use every millisecond until stop is called,
// which returns the highest sample above the heap in use at the start.
func peakHeap() (stop func() uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak - base
	}
}

// BenchmarkSkipOutside reads a million generated rows of which 1,000 name
// documents of the gold set, with SkipOutside (a hundred thousand rows of
// which 100 are kept for jsonl-text, whose lines are 3 KB long). It reports the rows read a
// second, the peak heap above the start (sampled every millisecond, so a
// lower bound), the allocations of the whole read, and the rows kept: the
// heap must stay that of the rows kept, not grow with the rows read. IDs
// and IDBytes compare the gold set's two predicates: IDs makes a string of
// every id it checks.
//
//	go test ./eval/output -run NONE -bench SkipOutside -benchtime 1x
func BenchmarkSkipOutside(b *testing.B) {
	const every = 1000
	gold := map[string]bool{}
	for i := range 2*1_000_000/every + 2 {
		gold["gdoc"+strconv.Itoa(i)] = true
	}
	idBytes := func(id []byte) bool { return gold[string(id)] }
	ids := func(id string) bool { return gold[id] }
	for _, c := range []struct {
		name string
		kind string
		n    int // rows
		gz   bool
		opt  output.Options
	}{
		{"pairs/IDBytes", "pairs", 1_000_000, false, output.Options{IDBytes: idBytes, SkipOutside: true}},
		{"pairs/IDs", "pairs", 1_000_000, false, output.Options{IDs: ids, SkipOutside: true}},
		{"pairs-gzip/IDBytes", "pairs", 1_000_000, true, output.Options{IDBytes: idBytes, SkipOutside: true}},
		{"members/IDBytes", "members", 1_000_000, false, output.Options{IDBytes: idBytes, SkipOutside: true}},
		{"jsonl/IDBytes", "jsonl", 1_000_000, false, output.Options{IDBytes: idBytes, SkipOutside: true}},
		{"jsonl-text/IDBytes", "jsonl-text", 100_000, false, output.Options{IDBytes: idBytes, SkipOutside: true}},
	} {
		n := int64(c.n)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var peak uint64
			var kept int64
			start := time.Now()
			for range b.N {
				var r io.Reader = &rowReader{kind: c.kind, n: c.n, every: every}
				if c.gz {
					r = gzipReader(r)
				}
				stop := peakHeap()
				o, err := output.Read("gen", r, c.opt)
				peak = max(peak, stop())
				if err != nil {
					b.Fatal(err)
				}
				if o.Rows.Read != n || o.Rows.Kept != n/every {
					b.Fatalf("Rows = %+v, want %d read and %d kept", o.Rows, n, n/every)
				}
				kept = o.Rows.Kept
			}
			b.ReportMetric(float64(n)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
			b.ReportMetric(float64(peak), "peak-heap-B")
			b.ReportMetric(float64(kept), "kept")
		})
	}
}

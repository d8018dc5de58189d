package report

import (
	"bytes"
	"compress/gzip"
	"io"
	"sync"
)

// gzipChunk is the number of bytes parallelGzip compresses as one member.
const gzipChunk = 4 << 20

// parallelGzip is an io.WriteCloser that compresses what is written to it
// in members of gzipChunk bytes, on up to workers goroutines, and writes
// the members to w in order: a multi-member gzip file (RFC 1952, §2.2),
// which gzip readers, compress/gzip's included, read as one stream. The
// members are cut at fixed offsets, so the bytes written do not depend on
// the number of workers.
type parallelGzip struct {
	w       io.Writer
	level   int
	cur     []byte
	pending chan chan result // members in order, each filled by a worker
	slots   chan struct{}    // bounds the members being compressed
	done    chan error       // the writer goroutine's error
	once    sync.Once
}

type result struct {
	data []byte
	err  error
}

func newParallelGzip(w io.Writer, level, workers int) *parallelGzip {
	z := &parallelGzip{w: w, level: level, pending: make(chan chan result, workers+1),
		slots: make(chan struct{}, max(1, workers)), done: make(chan error, 1)}
	go func() {
		var err error
		for ch := range z.pending {
			r := <-ch
			if err == nil {
				err = r.err
			}
			if err == nil {
				_, err = z.w.Write(r.data)
			}
		}
		z.done <- err
	}()
	return z
}

func (z *parallelGzip) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		take := min(len(p), gzipChunk-len(z.cur))
		z.cur = append(z.cur, p[:take]...)
		p = p[take:]
		if len(z.cur) == gzipChunk {
			z.flush()
		}
	}
	return n, nil
}

// flush compresses the current chunk as one member, on a worker.
func (z *parallelGzip) flush() {
	chunk := z.cur
	z.cur = make([]byte, 0, gzipChunk)
	ch := make(chan result, 1)
	z.slots <- struct{}{}
	z.pending <- ch
	go func() {
		defer func() { <-z.slots }()
		var b bytes.Buffer
		zw, err := gzip.NewWriterLevel(&b, z.level)
		if err == nil {
			if _, err = zw.Write(chunk); err == nil {
				err = zw.Close()
			}
		}
		ch <- result{b.Bytes(), err}
	}()
}

// Close compresses what is left, waits for every member to be written and
// returns the first error. An empty stream is one empty member, a valid
// gzip file.
func (z *parallelGzip) Close() error {
	var err error
	z.once.Do(func() {
		if len(z.cur) > 0 || cap(z.cur) == 0 {
			z.flush()
		}
		close(z.pending)
		err = <-z.done
	})
	return err
}

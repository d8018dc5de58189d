package report

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"testing"
)

// TestParallelGzip checks that the members parallelGzip writes read back,
// through compress/gzip, as what was written, in writes of every size
// across the members' boundaries, and that the bytes are the same for any
// number of workers.
func TestParallelGzip(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	block := make([]byte, 997)
	for i := range block {
		block[i] = "abcdefgh,0.123\n"[rng.IntN(15)]
	}
	for _, size := range []int{0, 1, gzipChunk, 2*gzipChunk + 12345} {
		in := bytes.Repeat(block, size/len(block)+1)[:size]
		var first []byte
		for _, workers := range []int{1, 2, 5} {
			var out bytes.Buffer
			z := newParallelGzip(&out, gzip.BestSpeed, workers)
			for p := in; len(p) > 0; {
				n := min(len(p), 1+rng.IntN(1<<20))
				z.Write(p[:n])
				p = p[n:]
			}
			if err := z.Close(); err != nil {
				t.Fatal(err)
			}
			zr, err := gzip.NewReader(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatalf("size %d, %d workers: %v", size, workers, err)
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, in) {
				t.Fatalf("size %d, %d workers: read back %d bytes (%v), want the %d written", size, workers, len(got), err, size)
			}
			if first == nil {
				first = out.Bytes()
			} else if !bytes.Equal(out.Bytes(), first) {
				t.Errorf("size %d: %d workers write other bytes than 1", size, workers)
			}
		}
	}
}

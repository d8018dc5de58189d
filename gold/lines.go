package gold

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// bom is the UTF-8 encoding of U+FEFF, which some editors put at the start
// of a text file. The loader drops it from the start of every file it reads.
var bom = []byte{0xEF, 0xBB, 0xBF}

// lineReader reads a file a line at a time, numbering the lines from 1. Unlike
// bufio.Scanner it does not stop at a long line: it consumes it and reports
// it, so that the caller can name the line and go on to the next one.
type lineReader struct {
	r    *bufio.Reader
	max  int // longest line accepted, in bytes, without its line ending
	n    int // number of the line last returned
	buf  []byte
	done bool
	err  error // first read error other than io.EOF
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its "\n" or "\r\n", and without a
// leading byte order mark on line 1. The line is valid until the next call.
// long reports a line of more than lr.max bytes, whose bytes are not
// returned. ok is false at the end of the input or after a read error (then
// lr.err is set).
func (lr *lineReader) next() (line []byte, long, ok bool) {
	if lr.done {
		return nil, false, false
	}
	lr.buf = lr.buf[:0]
	limit := lr.max + len("\r\n") // bytes worth keeping
	if lr.n == 0 {
		limit += len(bom)
	}
	n := 0 // bytes read for this line, line ending included
	for {
		chunk, err := lr.r.ReadSlice('\n')
		n += len(chunk)
		if n <= limit {
			lr.buf = append(lr.buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			lr.done = true
			if err != io.EOF {
				lr.err = err
			}
			if n == 0 {
				return nil, false, false
			}
		}
		break
	}
	lr.n++
	if n > limit {
		return nil, true, true
	}
	line = bytes.TrimSuffix(lr.buf, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if lr.n == 1 {
		line = bytes.TrimPrefix(line, bom)
	}
	if len(line) > lr.max {
		return nil, true, true
	}
	return line, false, true
}

// lineAt returns the 1-based number of the line holding data[off].
func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// invalidUTF8 returns the offset of the first byte of data that is not part
// of a valid UTF-8 sequence, or -1 if data is valid UTF-8.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) { // the usual case, several times faster
		return -1
	}
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// utf8Problem describes the first invalid byte of data, which must not be
// valid UTF-8, and returns the line it is on.
func utf8Problem(data []byte) (line int, msg string) {
	off := invalidUTF8(data)
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return lineAt(data, off), invalidUTF8Msg(data[off], off-start+1)
}

func invalidUTF8Msg(b byte, col int) string {
	return fmt.Sprintf("invalid UTF-8: byte %#02x at column %d", b, col)
}

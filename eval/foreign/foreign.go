// Package foreign runs a program of another system as a deduplication
// algorithm: it gives the program the documents of a gold set and reads back
// the pairs it found, timing it.
//
// # Protocol
//
// The command is a line of the shell, run as /bin/sh -c COMMAND with the
// rights of the user running simbench, in the current directory and with its
// environment: it can do anything the user can, so run only commands you
// trust. It reads the documents on its standard input as JSON Lines, one
// object {"id": ..., "text": ...} a line with exactly these two keys in this
// order, in the order the caller gives them, and standard input is closed
// after the last one. It writes on its standard output the pairs of
// documents it finds near-duplicate as CSV lines "a,b,score", with or
// without the header "a,b,score", each pair once (see output.ReadPairs): a
// score is a number from 0 to 1, and the caller applies its threshold. What
// it writes on its standard error is not read but for the last lines, quoted
// when it fails. A program may write before it has read all its input, and
// may exit without reading it all.
//
// # Failures
//
// Run returns an *Error if the program exits with a status other than 0 or
// is killed by a signal, runs past its timeout, is cancelled by the context,
// or writes a line that is not a pair of known documents with a score. The
// error quotes the last ten lines of the program's standard error and, for
// bad output, the line at fault. The program runs in a process group of its
// own, which is killed as a whole (SIGKILL) on a timeout, on cancellation,
// on bad output, and once the program has exited, so that no process it
// started is left behind, unless it left the group (setsid, setpgid). Since
// the group is not the terminal's foreground group, an interrupt typed at
// the terminal does not reach the program: a caller should cancel the
// context on SIGINT (signal.NotifyContext), or the program outlives it.
//
// # Measures
//
// The wall time is from the start of the program to its exit. The CPU time
// (user plus system) and the peak resident set size are those wait4(2)
// reports for /bin/sh: its own and those of its descendants it waited for,
// which include the command itself.
//
// docs/exec-example.sh is an example program: exact duplicates after
// lower-casing and collapsing white space, in POSIX sh and awk.
package foreign

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/simbench/simbench/eval/output"
	"github.com/simbench/simbench/gold"
)

// Options says how to run a program.
type Options struct {
	// Timeout, if positive, is the longest the program may run.
	Timeout time.Duration
	// IDs, if not nil, reports whether an id is one of the documents given
	// to the program; a pair naming another id is an error.
	IDs func(id string) bool
	// Stderr, if not nil, receives a copy of the program's standard error
	// as it is written, such as os.Stderr to show its progress.
	// Write errors are ignored.
	Stderr io.Writer
}

// Result is what a program found and what it cost.
type Result struct {
	// Pairs lists the pairs the program wrote, in its order.
	Pairs []output.Pair
	// Wall is the time from the start of the program to its exit.
	Wall time.Duration
	// CPU is the user and system CPU time of the program.
	CPU time.Duration
	// PeakRSS is the peak resident set size of the program in bytes, or 0
	// if the system does not tell.
	PeakRSS int64
}

// An Error is a failure of a program.
type Error struct {
	Command string // the command line
	// Msg says what went wrong: "exit status 3", "timeout after 2s",
	// "stdout:4: want 3 fields (a, b, score), got 2".
	Msg string
	// Line is the line of standard output at fault, shortened; "" if the
	// failure is not one line's.
	Line string
	// Stderr holds the last lines of the program's standard error, each
	// shortened to at most 512 bytes.
	Stderr []string
	Err    error // the underlying error: an *output.Error, an *exec.ExitError, context.DeadlineExceeded...
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q: %s", e.Command, e.Msg)
	if e.Line != "" {
		fmt.Fprintf(&b, "\nthe line: %q", e.Line)
	}
	switch len(e.Stderr) {
	case 0:
		b.WriteString("\nstderr: (empty)")
	case 1:
		b.WriteString("\nstderr, last line:")
	default:
		fmt.Fprintf(&b, "\nstderr, last %d lines:", len(e.Stderr))
	}
	for _, l := range e.Stderr {
		b.WriteString("\n\t" + l)
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Docs returns the ids and texts of docs, in their order, for RunSeq.
func Docs(docs []gold.Doc) iter.Seq2[string, string] {
	return func(yield func(id, text string) bool) {
		for _, d := range docs {
			if !yield(d.ID, d.Text) {
				return
			}
		}
	}
}

// tail keeps the last lines written to it, each at most lineMax bytes.
type tail struct {
	lines   []string // a ring of at most n lines
	next    int      // where the next line goes once the ring is full
	n       int
	cur     []byte // the line being written, up to lineMax bytes
	cut     bool   // cur was cut
	partial bool   // bytes were written since the last line end
}

const lineMax = 512

func (t *tail) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		seg := p
		if i >= 0 {
			seg = p[:i]
		}
		t.partial = true
		if room := lineMax - len(t.cur); len(seg) > room {
			t.cur = append(t.cur, seg[:room]...)
			t.cut = true
		} else {
			t.cur = append(t.cur, seg...)
		}
		if i < 0 {
			break
		}
		t.flush()
		p = p[i+1:]
	}
	return n, nil
}

// flush ends the line being written.
func (t *tail) flush() {
	if !t.partial {
		return
	}
	cur := t.cur
	if t.cut {
		// Cut at a rune boundary.
		i := len(cur)
		for i > 0 && len(cur)-i < utf8.UTFMax && !utf8.RuneStart(cur[i-1]) {
			i--
		}
		if i > 0 && !utf8.Valid(cur[i-1:]) {
			cur = cur[:i-1]
		}
	}
	l := strings.TrimSuffix(string(cur), "\r")
	if t.cut {
		l += "..."
	}
	if len(t.lines) < t.n {
		t.lines = append(t.lines, l)
	} else {
		t.lines[t.next] = l
		t.next = (t.next + 1) % t.n
	}
	t.cur, t.cut, t.partial = t.cur[:0], false, false
}

// Lines returns the lines kept, oldest first, with the last line even if
// it has no line end.
func (t *tail) Lines() []string {
	t.flush()
	return append(append([]string(nil), t.lines[t.next:]...), t.lines[:t.next]...)
}

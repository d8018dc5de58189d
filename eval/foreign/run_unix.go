//go:build unix

package foreign

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/simbench/simbench/eval/output"
	"github.com/simbench/simbench/gold"
)

// waitDelay is how long Run waits, once the program has exited and its
// process group is killed, for its output to end before it gives up on it.
const waitDelay = 5 * time.Second

// errTimeout is the cause of the context of a program past its timeout.
var errTimeout = errors.New("timeout")

// Run runs command on docs, writing them in their order: it is
// RunSeq(ctx, command, Docs(docs), opt).
func Run(ctx context.Context, command string, docs []gold.Doc, opt Options) (*Result, error) {
	return RunSeq(ctx, command, Docs(docs), opt)
}

// RunSeq runs command, writes the documents of docs (id, text) to its
// standard input in their order, and returns the pairs it writes and what
// it cost, as the package doc says. docs is iterated, and opt.IDs called, on
// goroutines of their own. Any error is an *Error, and then the Result is
// nil.
func RunSeq(ctx context.Context, command string, docs iter.Seq2[string, string], opt Options) (*Result, error) {
	stderr := &tail{n: 10}
	var stderrMu sync.Mutex
	fail := func(msg, line string, err error) (*Result, error) {
		stderrMu.Lock()
		defer stderrMu.Unlock()
		return nil, &Error{Command: command, Msg: msg, Line: line, Stderr: stderr.Lines(), Err: err}
	}

	var files []*os.File // every end of the pipes, closed on return
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	pipe := func() (r, w *os.File, err error) {
		r, w, err = os.Pipe()
		if err == nil {
			files = append(files, r, w)
		}
		return r, w, err
	}
	inR, inW, err := pipe()
	if err != nil {
		return fail("cannot start: "+err.Error(), "", err)
	}
	outR, outW, err := pipe()
	if err != nil {
		return fail("cannot start: "+err.Error(), "", err)
	}
	errR, errW, err := pipe()
	if err != nil {
		return fail("cannot start: "+err.Error(), "", err)
	}

	cmd := exec.Command("/bin/sh", "-c", command)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, errW
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return fail("cannot start: "+err.Error(), "", err)
	}
	// The child holds its ends now; closing ours lets EOF and EPIPE through.
	inR.Close()
	outW.Close()
	errW.Close()
	pgid := cmd.Process.Pid // Setpgid: the group's id is the child's pid
	kill := func() { syscall.Kill(-pgid, syscall.SIGKILL) }

	// Write the documents. A program that exits without reading them all
	// closes the pipe: EPIPE is not an error.
	written := make(chan error, 1)
	go func() {
		bw := bufio.NewWriterSize(inW, 64<<10)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		var err error
		for id, text := range docs {
			if err = enc.Encode(jsonDoc{id, text}); err != nil {
				break
			}
		}
		if err == nil {
			err = bw.Flush()
		}
		inW.Close()
		if errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed) {
			err = nil
		}
		written <- err
	}()

	// Keep the last lines of standard error.
	stderrDone := make(chan struct{})
	go func() {
		defer close(stderrDone)
		buf := make([]byte, 32<<10)
		for {
			n, err := errR.Read(buf)
			if n > 0 {
				stderrMu.Lock()
				stderr.Write(buf[:n])
				stderrMu.Unlock()
				if opt.Stderr != nil {
					opt.Stderr.Write(buf[:n])
				}
			}
			if err != nil {
				return
			}
		}
	}()

	// Read the pairs; stop the program at the first bad line.
	type pairs struct {
		pairs []output.Pair
		err   error
	}
	read := make(chan pairs, 1)
	go func() {
		p, err := output.ReadPairs("stdout", outR, output.Options{IDs: opt.IDs})
		if err != nil {
			kill()
		}
		read <- pairs{p, err}
	}()

	// Kill the program on a timeout or a cancellation.
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, opt.Timeout, errTimeout)
		defer cancel()
	}
	var stopped atomic.Bool
	exited := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			stopped.Store(true)
			kill()
		case <-exited:
		}
	}()
	waitErr := cmd.Wait()
	wall := time.Since(start)
	close(exited)
	kill() // whatever the program left running in its group

	// The output ends once every process holding the pipes is gone; one
	// that left the group may hold them open, so wait only so long.
	deadline := time.NewTimer(waitDelay)
	defer deadline.Stop()
	held := false
	var out pairs
	var writeErr error
	for done := 0; done < 3; {
		select {
		case out = <-read:
			read = nil
		case writeErr = <-written:
			written = nil
		case <-stderrDone:
			stderrDone = nil
		case <-deadline.C:
			held = true
			outR.Close()
			errR.Close()
			inW.Close()
			continue
		}
		done++
	}

	st := cmd.ProcessState
	ws, _ := st.Sys().(syscall.WaitStatus)
	switch {
	case stopped.Load() && ws.Signaled():
		if cause := context.Cause(ctx); errors.Is(cause, errTimeout) {
			return fail(fmt.Sprintf("timeout after %v", opt.Timeout), "", context.DeadlineExceeded)
		} else {
			return fail("cancelled: "+cause.Error(), "", ctx.Err())
		}
	case out.err != nil:
		line := ""
		var oe *output.Error
		if errors.As(out.err, &oe) {
			line = oe.Text
		}
		return fail(out.err.Error(), line, out.err)
	case waitErr != nil:
		return fail(waitErr.Error(), "", waitErr)
	case writeErr != nil:
		return fail("writing standard input: "+writeErr.Error(), "", writeErr)
	case held:
		return fail(fmt.Sprintf("standard output or error still open %v after exit, held by a process outside the program's process group", waitDelay), "", nil)
	}
	res := &Result{Pairs: out.pairs, Wall: wall, CPU: st.UserTime() + st.SystemTime()}
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		res.PeakRSS = int64(ru.Maxrss) * rusageUnit
	}
	return res, nil
}

// jsonDoc is a line of the program's standard input.
type jsonDoc struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

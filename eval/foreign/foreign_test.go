//go:build unix

package foreign_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/simbench/simbench/eval/foreign"
	"github.com/simbench/simbench/eval/output"
	"github.com/simbench/simbench/gold"
)

// firstWord pairs the documents whose texts have the same first word, with
// score 1. It expects the ids and texts to hold no quote.
const firstWord = `awk -F'"' '
BEGIN { print "a,b,score" }
{ split($8, w, " "); k = w[1]; for (i = 0; i < n[k]; i++) print m[k, i] "," $4 ",1"; m[k, n[k]++] = $4 }'`

var docs = []gold.Doc{
	{ID: "d1", Text: "apple pie"},
	{ID: "d2", Text: "banana split"},
	{ID: "d3", Text: "apple crumble"},
	{ID: "d4", Text: "banana bread"},
	{ID: "d5", Text: "apple tart"},
	{ID: "d6", Text: "cherry <&> \"quoted\" and\nmore"},
}

func known(id string) bool {
	for _, d := range docs {
		if d.ID == id {
			return true
		}
	}
	return false
}

func TestRun(t *testing.T) {
	res, err := foreign.Run(context.Background(), firstWord, docs, foreign.Options{IDs: known, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	want := []output.Pair{pair("d1", "d3", 1), pair("d2", "d4", 1), pair("d1", "d5", 1), pair("d3", "d5", 1)}
	if !reflect.DeepEqual(res.Pairs, want) {
		t.Errorf("Pairs = %v, want %v", res.Pairs, want)
	}
	if res.Wall <= 0 || res.CPU < 0 || res.PeakRSS <= 0 {
		t.Errorf("Wall %v, CPU %v, PeakRSS %d: want a positive wall time and peak", res.Wall, res.CPU, res.PeakRSS)
	}
}

// The program reads what encoding/json writes: the documents in the order
// given, one a line, with only control characters, quotes and backslashes
// escaped.
func TestStdin(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	_, err := foreign.Run(context.Background(), "cat > "+in, docs[3:], foreign.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"d4","text":"banana bread"}
{"id":"d5","text":"apple tart"}
{"id":"d6","text":"cherry <&> \"quoted\" and\nmore"}
`
	if string(got) != want {
		t.Errorf("stdin =\n%s\nwant\n%s", got, want)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name, cmd string
		msg       string   // Error.Msg
		line      string   // Error.Line
		stderr    []string // Error.Stderr
		full      string   // the whole message, if not ""
	}{
		{"exit status", "cat >/dev/null; echo 'reading the model' >&2; echo 'no model here' >&2; exit 3", "exit status 3", "",
			[]string{"reading the model", "no model here"},
			"\"cat >/dev/null; echo 'reading the model' >&2; echo 'no model here' >&2; exit 3\": exit status 3\nstderr, last 2 lines:\n\treading the model\n\tno model here"},
		{"signal", "kill -TERM $$", "signal: terminated", "", nil,
			"\"kill -TERM $$\": signal: terminated\nstderr: (empty)"},
		{"not found", "no-such-program-here", "exit status 127", "",
			[]string{"/bin/sh: 1: no-such-program-here: not found"}, ""},
		{"malformed line", "cat >/dev/null; echo oops >&2; echo d1,d2,1; echo 'd1;d3;1'", "stdout:2: want 3 fields (a, b, score), got 1", "d1;d3;1",
			[]string{"oops"}, "\"cat >/dev/null; echo oops >&2; echo d1,d2,1; echo 'd1;d3;1'\": stdout:2: want 3 fields (a, b, score), got 1\nthe line: \"d1;d3;1\"\nstderr, last line:\n\toops"},
		{"bad score", "echo a,b,score; echo d1,d2,2", `stdout:2: score "2" is not a number from 0 to 1`, "d1,d2,2", nil, ""},
		{"unknown id", "echo d1,d9,1", `stdout:1: document "d9" is not in the gold set`, "d1,d9,1", nil, ""},
		{"pair twice", "echo d1,d2,1; echo d2,d1,0.5", `stdout:2: pair d2–d1 listed again (first on line 1)`, "", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := foreign.Run(context.Background(), c.cmd, docs, foreign.Options{IDs: known, Timeout: time.Minute})
			var e *foreign.Error
			if !errors.As(err, &e) || res != nil {
				t.Fatalf("Run = %v, %v; want an *Error", res, err)
			}
			if e.Msg != c.msg || e.Line != c.line || e.Command != c.cmd {
				t.Errorf("Error = %+v, want Msg %q, Line %q", e, c.msg, c.line)
			}
			// The shell's wording of "not found" varies; the message is in the last line.
			if c.name == "not found" {
				if len(e.Stderr) != 1 || !strings.Contains(e.Stderr[0], "not found") {
					t.Errorf("Stderr = %q, want %q", e.Stderr, c.stderr)
				}
			} else if !reflect.DeepEqual(e.Stderr, c.stderr) {
				t.Errorf("Stderr = %q, want %q", e.Stderr, c.stderr)
			}
			if c.full != "" && err.Error() != c.full {
				t.Errorf("error\n%s\nwant\n%s", err, c.full)
			}
		})
	}
}

// A program that prints a lot on stderr has its last ten lines quoted, each
// cut to 512 bytes.
func TestStderrTail(t *testing.T) {
	var all bytes.Buffer
	_, err := foreign.Run(context.Background(),
		`i=0; while [ $i -lt 100 ]; do echo "line $i" >&2; i=$((i+1)); done; awk 'BEGIN { for (i = 0; i < 1000; i++) printf "é" > "/dev/stderr"; exit 1 }'`,
		nil, foreign.Options{Stderr: &all})
	var e *foreign.Error
	if !errors.As(err, &e) {
		t.Fatalf("Run: %v, want an *Error", err)
	}
	var want []string
	for i := 91; i < 100; i++ {
		want = append(want, "line "+strconv.Itoa(i))
	}
	want = append(want, strings.Repeat("é", 256)+"...")
	if !reflect.DeepEqual(e.Stderr, want) {
		t.Errorf("Stderr = %q\nwant %q", e.Stderr, want)
	}
	if n := strings.Count(all.String(), "\n"); n != 100 || !strings.HasSuffix(all.String(), strings.Repeat("é", 1000)) {
		t.Errorf("Options.Stderr got %d lines, %d bytes; want all of it", n, all.Len())
	}
}

// pidsOf reads the process ids a test program wrote to file, one a line.
func pidsOf(t *testing.T, file string) []int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, f := range strings.Fields(string(data)) {
		pid, err := strconv.Atoi(f)
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
	}
	return pids
}

// alive reports whether the process pid runs: it exists and, on Linux, is
// not a zombie waiting for a parent (which in a container may never reap it).
func alive(pid int) bool {
	if runtime.GOOS == "linux" {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return false
		}
		s := string(stat)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
	}
	return syscall.Kill(pid, 0) == nil
}

// waitGone fails the test unless every process of pids is gone within a
// few seconds.
func waitGone(t *testing.T, pids []int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for _, pid := range pids {
		for alive(pid) {
			if time.Now().After(deadline) {
				syscall.Kill(pid, syscall.SIGKILL)
				t.Fatalf("process %d still runs", pid)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// A program past its timeout is killed with its whole process group, the
// processes it started too.
func TestTimeout(t *testing.T) {
	pidfile := filepath.Join(t.TempDir(), "pids")
	cmd := fmt.Sprintf(`sleep 60 & echo $! >> %s; (sleep 60; echo never) & echo $! >> %s; echo $$ >> %s; echo 'loading' >&2; echo d1,d2,1; sleep 60`, pidfile, pidfile, pidfile)
	start := time.Now()
	_, err := foreign.Run(context.Background(), cmd, docs, foreign.Options{Timeout: 300 * time.Millisecond})
	var e *foreign.Error
	if !errors.As(err, &e) || e.Msg != "timeout after 300ms" || !errors.Is(err, context.DeadlineExceeded) ||
		!reflect.DeepEqual(e.Stderr, []string{"loading"}) {
		t.Fatalf("Run: %v; want a timeout after 300ms, quoting stderr", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Run took %v", d)
	}
	pids := pidsOf(t, pidfile)
	if len(pids) != 3 {
		t.Fatalf("pids %v, want 3", pids)
	}
	waitGone(t, pids)
}

// A program cancelled by the context is killed likewise.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := foreign.Run(ctx, "sleep 60", docs, foreign.Options{Timeout: time.Minute})
	var e *foreign.Error
	if !errors.As(err, &e) || e.Msg != "cancelled: context canceled" || !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v; want cancelled", err)
	}
}

// What a program leaves running in the background when it exits is killed.
func TestLeftBehind(t *testing.T) {
	pidfile := filepath.Join(t.TempDir(), "pids")
	// The background sleep holds no pipe, else Run would wait for it.
	cmd := fmt.Sprintf(`sleep 60 </dev/null >/dev/null 2>&1 & echo $! > %s; echo d1,d2,0.5`, pidfile)
	res, err := foreign.Run(context.Background(), cmd, docs, foreign.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []output.Pair{pair("d1", "d2", 0.5)}; !reflect.DeepEqual(res.Pairs, want) {
		t.Errorf("Pairs = %v, want %v", res.Pairs, want)
	}
	waitGone(t, pidsOf(t, pidfile))

	// A background process holding standard output is killed too, and its
	// output is not waited for.
	cmd = fmt.Sprintf(`(sleep 60; echo d3,d4,1) & echo $! > %s; echo d1,d2,0.5`, pidfile)
	start := time.Now()
	res, err = foreign.Run(context.Background(), cmd, docs, foreign.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []output.Pair{pair("d1", "d2", 0.5)}; !reflect.DeepEqual(res.Pairs, want) {
		t.Errorf("Pairs = %v, want %v", res.Pairs, want)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("Run took %v", d)
	}
	waitGone(t, pidsOf(t, pidfile))
}

// manyDocs returns n documents of about 1 KiB each.
func manyDocs(n int) []gold.Doc {
	docs := make([]gold.Doc, n)
	pad := strings.Repeat("lorem ipsum ", 85)
	for i := range docs {
		docs[i] = gold.Doc{ID: fmt.Sprintf("doc%05d", i), Text: fmt.Sprintf("word%d %s", i%100, pad)}
	}
	return docs
}

// A program that writes as it reads, more than a pipe holds either way,
// does not deadlock.
func TestLarge(t *testing.T) {
	docs := manyDocs(10000)
	// A pair of each document with the one before it, written at once.
	cmd := `awk -F'"' 'NR > 1 { print prev "," $4 ",0.5"; fflush() } { prev = $4 }'`
	res, err := foreign.Run(context.Background(), cmd, docs, foreign.Options{Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pairs) != len(docs)-1 {
		t.Fatalf("%d pairs, want %d", len(res.Pairs), len(docs)-1)
	}
	for i, p := range res.Pairs {
		if p.A != docs[i].ID || p.B != docs[i+1].ID || p.Score != 0.5 {
			t.Fatalf("pair %d = %v", i, p)
		}
	}

	// The same documents, through the first-word program.
	res, err = foreign.Run(context.Background(), firstWord, docs[:2000], foreign.Options{Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if want := 100 * (20 * 19 / 2); len(res.Pairs) != want {
		t.Errorf("%d pairs, want %d", len(res.Pairs), want)
	}
}

// A program may exit without reading its input.
func TestUnread(t *testing.T) {
	for _, cmd := range []string{"echo d1,d2,1", "head -n 1 >/dev/null; echo d1,d2,1", "exec <&-; sleep 0.1; echo d1,d2,1"} {
		res, err := foreign.Run(context.Background(), cmd, manyDocs(10000), foreign.Options{Timeout: time.Minute})
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		if want := []output.Pair{pair("d1", "d2", 1)}; !reflect.DeepEqual(res.Pairs, want) {
			t.Errorf("%s: Pairs = %v, want %v", cmd, res.Pairs, want)
		}
	}
}

// The example program of docs/ finds exact duplicates after lower-casing and
// collapsing white space.
func TestExample(t *testing.T) {
	docs := []gold.Doc{
		{ID: "a", Text: "Hello  World"},
		{ID: "b", Text: "hello world\n"},
		{ID: "c,1", Text: "\tHELLO\r\nworld"},
		{ID: `d"q`, Text: "other"},
		{ID: `e\f`, Text: "OTHER"},
		{ID: "g", Text: `hello\nworld`}, // a backslash and an n, not a line end
		{ID: "h", Text: `Hello\nWorld`},
		{ID: "i", Text: "héllo wörld"},
	}
	res, err := foreign.Run(context.Background(), "sh ../../docs/exec-example.sh", docs, foreign.Options{Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	want := []output.Pair{pair("a", "b", 1), pair("a", "c,1", 1), pair("b", "c,1", 1), pair(`d"q`, `e\f`, 1), pair("g", "h", 1)}
	if !reflect.DeepEqual(res.Pairs, want) {
		t.Errorf("Pairs = %v, want %v", res.Pairs, want)
	}
	if _, err := exec.LookPath("gawk"); err == nil {
		res, err := foreign.Run(context.Background(), "sed 's/^exec awk/exec gawk/' ../../docs/exec-example.sh | sh -s", docs, foreign.Options{Timeout: time.Minute})
		if err != nil || !reflect.DeepEqual(res.Pairs, want) {
			t.Errorf("with gawk: %v, %v", res, err)
		}
	}
}

func pair(a, b string, score float64) output.Pair { return output.Pair{A: a, B: b, Score: score} }

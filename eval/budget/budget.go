// Package budget bounds the memory of a run. It parses sizes such as
// "4GiB", finds the default budget from the machine (half of its memory,
// or half of the memory limit of its control group when that is lower),
// checks the estimate of a stage against the budget before the stage
// allocates, and watches the resident set size while stages run, so that a
// run over its budget stops with an error that says what needed the memory
// and which knob to turn, instead of being killed by the kernel.
//
// An estimate is only as good as the model behind it: each caller states
// the bytes it will hold per item (a pair, a document) from the sizes of
// its own data structures, and the watchdog catches what the models miss.
package budget

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Exceeded is the error of a stage whose estimate, or a run whose resident
// set, is over the budget.
type Exceeded struct {
	Stage string // what needs the memory, for example "scoring 12,497,500 pairs"
	Need  int64  // bytes needed (estimated), or the resident set seen
	Limit int64  // the budget in bytes
	Hint  string // what else the user can do, besides raising -mem; may be empty
	// Watched reports an error of the watchdog, which saw the resident set
	// over the budget, rather than of an estimate made beforehand.
	Watched bool
}

func (e *Exceeded) Error() string {
	var b strings.Builder
	if e.Watched {
		fmt.Fprintf(&b, "memory budget exceeded while %s: the process holds %s, more than the budget of %s", e.Stage, Format(e.Need), Format(e.Limit))
	} else {
		fmt.Fprintf(&b, "memory budget: %s needs about %s, more than the budget of %s", e.Stage, Format(e.Need), Format(e.Limit))
	}
	b.WriteString("; raise it with -mem")
	if e.Hint != "" {
		b.WriteString(", or ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Check returns an *Exceeded error when need is more than limit, and nil
// otherwise or when limit is 0 or less (no budget).
func Check(limit int64, stage string, need int64, hint string) error {
	if limit <= 0 || need <= limit {
		return nil
	}
	return &Exceeded{Stage: stage, Need: need, Limit: limit, Hint: hint}
}

// Count formats n with thousands separators, as the messages of estimates
// give counts: 199,990,000.
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	var out []byte
	for i := range len(s) {
		if i > 0 && s[i-1] != '-' && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// Mul returns n·per, saturating at math.MaxInt64 instead of overflowing,
// for estimates of huge counts.
func Mul(n, per int64) int64 {
	if n <= 0 || per <= 0 {
		return 0
	}
	if n > math.MaxInt64/per {
		return math.MaxInt64
	}
	return n * per
}

// Add returns the sum of xs, saturating at math.MaxInt64.
func Add(xs ...int64) int64 {
	var s int64
	for _, x := range xs {
		if x > 0 && s > math.MaxInt64-x {
			return math.MaxInt64
		}
		s += x
	}
	return s
}

var units = []struct {
	suffix string
	mult   int64
}{
	// Longest suffixes first, so that "GiB" is not read as "B".
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1},
}

// Parse parses a size: a number, possibly with a fraction, followed by an
// optional unit: B, the binary KiB, MiB, GiB, TiB (and K, M, G, T, which
// mean the same, as in sort -S and GOMEMLIMIT), or the decimal kB, MB, GB,
// TB; case is ignored. A bare number is bytes. The size must be positive.
func Parse(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if t == "" || strings.Trim(t, "0123456789.") != "" || err != nil {
		return 0, fmt.Errorf("size %q: want a positive number with an optional unit, such as 4GiB or 512MiB (KiB, MiB, GiB, TiB or K, M, G, T: powers of 1024; kB, MB, GB, TB: of 1000; B or none: bytes)", s)
	}
	v := f * float64(mult)
	if v < 1 {
		return 0, fmt.Errorf("size %q: must be at least 1 byte", s)
	}
	if v >= math.MaxInt64 {
		return 0, fmt.Errorf("size %q: too large", s)
	}
	return int64(v), nil
}

// Format formats a number of bytes with a binary unit and three
// significant digits, such as "4.00 GiB" or "512 MiB".
func Format(n int64) string {
	if n == math.MaxInt64 {
		return "more than 8 EiB"
	}
	if n < 1<<10 {
		return fmt.Sprintf("%d B", n)
	}
	v := float64(n)
	for _, u := range []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"} {
		v /= 1 << 10
		if v < 1<<10 || u == "EiB" {
			switch {
			case v < 10:
				return fmt.Sprintf("%.2f %s", v, u)
			case v < 100:
				return fmt.Sprintf("%.1f %s", v, u)
			}
			return fmt.Sprintf("%.0f %s", v, u)
		}
	}
	panic("unreachable")
}

// Machine returns the memory the process may use: the smaller of the
// machine's memory (MemTotal of /proc/meminfo) and the limit of its
// control group (cgroup v2 memory.max or v1 memory.limit_in_bytes), and a
// phrase naming where the figure comes from. It returns 0 where neither
// can be read (not Linux).
func Machine() (int64, string) {
	return machine("/")
}

// machine is Machine with the file system rooted at root, for tests.
func machine(root string) (int64, string) {
	total := memTotal(filepath.Join(root, "proc/meminfo"))
	limit := cgroupLimit(root)
	switch {
	case limit > 0 && (total == 0 || limit < total):
		return limit, "the control group's memory limit"
	case total > 0:
		return total, "the machine's memory"
	}
	return 0, ""
}

// Default returns the default budget, half of what Machine returns, and a
// phrase saying where it comes from; 0 where Machine does not know. The
// other half is left to the operating system, the page cache and the
// garbage collector's headroom.
func Default() (int64, string) {
	m, src := Machine()
	if m == 0 {
		return 0, ""
	}
	return m / 2, "half of " + src
}

func memTotal(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil || kb <= 0 {
				return 0
			}
			return Mul(kb, 1024)
		}
	}
	return 0
}

// cgroupLimit returns the memory limit of the control group of the
// process, the smallest of those it finds in /proc/self/cgroup's groups
// and at the mount points' roots; 0 when there is none.
func cgroupLimit(root string) int64 {
	var files []string
	if data, err := os.ReadFile(filepath.Join(root, "proc/self/cgroup")); err == nil {
		for line := range strings.Lines(string(data)) {
			// hierarchy-ID:controllers:path
			f := strings.SplitN(strings.TrimSpace(line), ":", 3)
			if len(f) != 3 {
				continue
			}
			// The kernel enforces the least limit of the group and of
			// every group above it, so each is read.
			var dir, file string
			switch {
			case f[0] == "0" && f[1] == "":
				dir, file = "sys/fs/cgroup", "memory.max"
			case hasController(f[1], "memory"):
				dir, file = "sys/fs/cgroup/memory", "memory.limit_in_bytes"
			default:
				continue
			}
			for p := path.Clean("/" + f[2]); p != "/"; p = path.Dir(p) {
				files = append(files, filepath.Join(root, dir, filepath.FromSlash(p), file))
			}
		}
	}
	files = append(files, filepath.Join(root, "sys/fs/cgroup/memory.max"),
		filepath.Join(root, "sys/fs/cgroup/memory/memory.limit_in_bytes"))
	var least int64
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		s := strings.TrimSpace(string(data))
		if s == "max" {
			continue
		}
		v, err := strconv.ParseInt(s, 10, 64)
		// cgroup v1 writes "no limit" as the largest page-aligned int64.
		if err != nil || v <= 0 || v >= 1<<62 {
			continue
		}
		if least == 0 || v < least {
			least = v
		}
	}
	return least
}

// hasController reports whether the comma-separated list holds name.
func hasController(list, name string) bool {
	for c := range strings.SplitSeq(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}

// Watchdog stops a run whose resident set grows over its budget.
type Watchdog struct {
	limit  int64
	gcWas  int64 // the soft memory limit before Watch, which Stop restores
	pace   bool  // whether the watchdog sets the GC percent (Headroom)
	pcWas  int   // the GC percent before Watch, which Stop restores
	cancel context.CancelCauseFunc
	stop   chan struct{}
	done   sync.WaitGroup
	mu     sync.Mutex
	stage  string
}

// Watch returns a context that is cancelled, with an *Exceeded cause, when
// the resident set size of the process is seen over limit, checking every
// interval; and the watchdog, whose Stop must be called when the run ends.
// It also lowers the garbage collector's soft memory limit to limit
// (runtime/debug.SetMemoryLimit; a lower one, such as GOMEMLIMIT's, is
// kept), so that the heap is collected harder before the budget is
// reached. With limit 0 or less, or where the resident set cannot be read,
// it watches nothing, but still paces the collector (below).
//
// Unless the environment sets GOGC, the watchdog also paces the garbage
// collector by what is live: it lets the heap grow by Headroom bytes, or by
// MinGrowth of the live heap when that is more, before the next
// collection, instead of doubling it (GOGC=100). A large run, whose
// signatures are most of its heap and live to its end, then peaks near
// what it holds, while a small one is not collected more often than with
// the default.
func Watch(ctx context.Context, limit int64, interval time.Duration) (context.Context, *Watchdog) {
	ctx, cancel := context.WithCancelCause(ctx)
	w := &Watchdog{limit: limit, cancel: cancel, stop: make(chan struct{}), stage: "running"}
	if limit <= 0 || RSS() == 0 {
		limit = 0
	}
	w.limit = limit
	w.pace = os.Getenv("GOGC") == ""
	if limit == 0 && !w.pace {
		return ctx, w
	}
	if limit > 0 {
		w.gcWas = debug.SetMemoryLimit(-1) // -1 reads it
		debug.SetMemoryLimit(min(limit, w.gcWas))
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	if w.pace {
		w.pcWas = debug.SetGCPercent(100)
	}
	percent := 100
	w.done.Add(1)
	go func() {
		defer w.done.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-w.stop:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if w.pace {
					metrics.Read(live)
					if p := gcPercent(int64(live[0].Value.Uint64()), headroom); p != percent {
						percent = p
						debug.SetGCPercent(p)
					}
				}
				if limit == 0 {
					continue
				}
				if rss := RSS(); rss > limit {
					w.mu.Lock()
					stage := w.stage
					w.mu.Unlock()
					cancel(&Exceeded{Stage: stage, Need: rss, Limit: limit, Watched: true})
					return
				}
			}
		}
	}()
	return ctx, w
}

// Headroom and MinGrowth pace the garbage collector during a watched run
// (see Watch): the heap may grow by Headroom bytes, or by MinGrowth
// percent of the live heap when that is more, before it is collected.
const (
	Headroom  = 256 << 20
	MinGrowth = 5
)

// GCPercent returns the GOGC percent that lets a heap of live bytes grow by
// Headroom bytes, or by MinGrowth percent when that is more, and by at
// most 100 percent, Go's default: 100·Headroom/live clamped to
// [MinGrowth, 100].
func GCPercent(live int64) int { return gcPercent(live, Headroom) }

// headroom is the Headroom of Watch; tests lower it.
var headroom int64 = Headroom

func gcPercent(live, headroom int64) int {
	if live <= headroom {
		return 100
	}
	return int(max(MinGrowth, 100*headroom/live))
}

// Stage names what the run is doing, for the watchdog's error.
func (w *Watchdog) Stage(s string) {
	w.mu.Lock()
	w.stage = s
	w.mu.Unlock()
}

// Stop stops the watchdog and restores the soft memory limit it found.
func (w *Watchdog) Stop() {
	select {
	case <-w.stop:
		return
	default:
	}
	close(w.stop)
	w.done.Wait()
	if w.gcWas > 0 {
		debug.SetMemoryLimit(w.gcWas)
	}
	if w.pace {
		debug.SetGCPercent(w.pcWas)
	}
	w.cancel(nil)
}

// Cause returns the *Exceeded error that stopped ctx, if the watchdog
// stopped it, and err otherwise.
func Cause(ctx context.Context, err error) error {
	var e *Exceeded
	if c := context.Cause(ctx); errors.As(c, &e) {
		return e
	}
	return err
}

// RSS returns the resident set size of the process in bytes, from
// /proc/self/statm; 0 where it cannot be read.
func RSS() int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return Mul(pages, int64(os.Getpagesize()))
}

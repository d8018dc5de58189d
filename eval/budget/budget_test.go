package budget

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"1", 1},
		{"4096", 4096},
		{"4GiB", 4 << 30},
		{"4gib", 4 << 30},
		{"4G", 4 << 30},
		{" 4 GiB ", 4 << 30},
		{"1.5GiB", 3 << 29},
		{"512MiB", 512 << 20},
		{"512M", 512 << 20},
		{"2KiB", 2048},
		{"2k", 2048},
		{"1TiB", 1 << 40},
		{"3GB", 3_000_000_000},
		{"3MB", 3_000_000},
		{"1kB", 1000},
		{"10B", 10},
	} {
		got, err := Parse(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "GiB", "-1G", "+1G", "0", "0.1", "1e9", "inf", "NaN", "0x10", "1,5G", "1.2.3G", "4 PiB", "10000000TiB", "4GiBs", "1_000"} {
		if got, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %d, want an error", bad, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"4GiB", "1.5g", "12", "x", "", "9999999999TiB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			return
		}
		if n < 1 {
			t.Fatalf("Parse(%q) = %d without an error", s, n)
		}
		// What Format prints parses back to within its three digits.
		back, err := Parse(strings.ReplaceAll(Format(n), " ", ""))
		if err != nil {
			t.Fatalf("Parse(Format(%d) = %q): %v", n, Format(n), err)
		}
		if d := math.Abs(float64(back-n)) / float64(n); d > 0.005 {
			t.Fatalf("Parse(Format(%d)) = %d, %.3f%% off; want within 0.5%% (three significant digits)", n, back, 100*d)
		}
	})
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		in   int64
		want string
	}{
		{0, "0 B"},
		{1023, "1023 B"},
		{1024, "1.00 KiB"},
		{1536, "1.50 KiB"},
		{4 << 30, "4.00 GiB"},
		{12 << 30, "12.0 GiB"},
		{512 << 20, "512 MiB"},
		{math.MaxInt64, "more than 8 EiB"},
	} {
		if got := Format(tc.in); got != tc.want {
			t.Errorf("Format(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMulAdd(t *testing.T) {
	if got := Mul(math.MaxInt64/2, 3); got != math.MaxInt64 {
		t.Errorf("Mul overflow = %d, want MaxInt64", got)
	}
	if got := Mul(1<<20, 40); got != 40<<20 {
		t.Errorf("Mul(1<<20, 40) = %d, want %d", got, 40<<20)
	}
	if got := Add(math.MaxInt64-1, 2); got != math.MaxInt64 {
		t.Errorf("Add overflow = %d, want MaxInt64", got)
	}
	if got := Add(1, 2, 3); got != 6 {
		t.Errorf("Add(1, 2, 3) = %d, want 6", got)
	}
}

func TestCheck(t *testing.T) {
	if err := Check(0, "x", 1<<50, ""); err != nil {
		t.Errorf("no budget: %v, want nil", err)
	}
	if err := Check(100, "x", 100, ""); err != nil {
		t.Errorf("need = limit: %v, want nil", err)
	}
	err := Check(4<<30, "scoring 199,990,000 pairs", 50<<30, "score the labelled pairs only with -scope labelled")
	var e *Exceeded
	if !errors.As(err, &e) || e.Need != 50<<30 || e.Limit != 4<<30 {
		t.Fatalf("Check = %v, want *Exceeded with the figures", err)
	}
	want := "memory budget: scoring 199,990,000 pairs needs about 50.0 GiB, more than the budget of 4.00 GiB; raise it with -mem, or score the labelled pairs only with -scope labelled"
	if err.Error() != want {
		t.Errorf("message:\n got %s\nwant %s", err, want)
	}
}

// writeFiles writes files (path relative to root → content) under root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMachine(t *testing.T) {
	const meminfo = "MemTotal:       24683664 kB\nMemFree:         1000 kB\n"
	for _, tc := range []struct {
		name    string
		files   map[string]string
		want    int64
		wantSrc string
	}{
		{"no cgroup", map[string]string{"proc/meminfo": meminfo}, 24683664 * 1024, "the machine's memory"},
		{"v1 unlimited", map[string]string{
			"proc/meminfo":     meminfo,
			"proc/self/cgroup": "4:memory:/a/b\n0::/\n",
			"sys/fs/cgroup/memory/a/b/memory.limit_in_bytes": "9223372036854771712\n",
		}, 24683664 * 1024, "the machine's memory"},
		{"v1 limited", map[string]string{
			"proc/meminfo":     meminfo,
			"proc/self/cgroup": "4:cpu,memory:/a/b\n",
			"sys/fs/cgroup/memory/a/b/memory.limit_in_bytes": "4294967296\n",
		}, 4 << 30, "the control group's memory limit"},
		{"v2 limited", map[string]string{
			"proc/meminfo":                          meminfo,
			"proc/self/cgroup":                      "0::/user.slice/x\n",
			"sys/fs/cgroup/user.slice/x/memory.max": "2147483648\n",
		}, 2 << 30, "the control group's memory limit"},
		{"v2 limit above the group", map[string]string{
			"proc/meminfo":     meminfo,
			"proc/self/cgroup": "0::/user-1000.slice/session-1.scope\n",
			"sys/fs/cgroup/user-1000.slice/session-1.scope/memory.max": "max\n",
			"sys/fs/cgroup/user-1000.slice/memory.max":                 "4294967296\n",
		}, 4 << 30, "the control group's memory limit"},
		{"v1 limit above the group", map[string]string{
			"proc/meminfo":     meminfo,
			"proc/self/cgroup": "4:memory:/a/b\n",
			"sys/fs/cgroup/memory/a/b/memory.limit_in_bytes": "9223372036854771712\n",
			"sys/fs/cgroup/memory/a/memory.limit_in_bytes":   "3221225472\n",
		}, 3 << 30, "the control group's memory limit"},
		{"v2 max", map[string]string{
			"proc/meminfo":               meminfo,
			"proc/self/cgroup":           "0::/x\n",
			"sys/fs/cgroup/x/memory.max": "max\n",
		}, 24683664 * 1024, "the machine's memory"},
		{"limit above memory", map[string]string{
			"proc/meminfo":             meminfo,
			"sys/fs/cgroup/memory.max": "107374182400\n",
		}, 24683664 * 1024, "the machine's memory"},
		{"nothing", map[string]string{}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tc.files)
			got, src := machine(root)
			if got != tc.want || src != tc.wantSrc {
				t.Errorf("machine = %d, %q; want %d, %q", got, src, tc.want, tc.wantSrc)
			}
		})
	}
}

func TestWatchStopsOverBudget(t *testing.T) {
	if RSS() == 0 {
		t.Skip("no /proc/self/statm here")
	}
	// A budget of one byte is exceeded by any process.
	ctx, w := Watch(context.Background(), 1, time.Millisecond)
	defer w.Stop()
	w.Stage("scoring")
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the watchdog did not stop a run over its budget in 10 s")
	}
	err := Cause(ctx, ctx.Err())
	var e *Exceeded
	if !errors.As(err, &e) || !e.Watched || e.Limit != 1 {
		t.Fatalf("Cause = %v, want a watched *Exceeded", err)
	}
	if !strings.Contains(err.Error(), "exceeded while scoring") {
		t.Errorf("message %q does not name the stage", err)
	}
}

func TestWatchWithinBudget(t *testing.T) {
	ctx, w := Watch(context.Background(), math.MaxInt64/2, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	if ctx.Err() != nil {
		t.Fatalf("stopped within budget: %v", context.Cause(ctx))
	}
	w.Stop()
	w.Stop() // twice is harmless
	if err := Cause(ctx, nil); err != nil {
		t.Errorf("Cause after Stop = %v, want nil", err)
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		in   int64
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {44850, "44,850"},
		{199990000, "199,990,000"}, {-1234567, "-1,234,567"}, {-100, "-100"},
	} {
		if got := Count(tc.in); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestWatchKeepsLowerGCLimit checks that the watchdog keeps a lower soft
// memory limit (as GOMEMLIMIT sets) and restores the one it found.
func TestWatchKeepsLowerGCLimit(t *testing.T) {
	if RSS() == 0 {
		t.Skip("no /proc/self/statm here")
	}
	was := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(was)
	debug.SetMemoryLimit(1 << 40)
	_, w := Watch(context.Background(), 1<<50, time.Hour)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("soft limit while watching %d, want the lower 1<<40 kept", got)
	}
	w.Stop()
	_, w = Watch(context.Background(), 1<<30, time.Hour)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("soft limit while watching %d, want the budget 1<<30", got)
	}
	w.Stop()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("soft limit after Stop %d, want 1<<40 restored", got)
	}
}

// TestGCPercent checks the pacing against hand-computed percents: 100
// until the live heap reaches Headroom (256 MiB), then 100·256 MiB/live,
// and MinGrowth from 20 × 256 MiB = 5 GiB on.
func TestGCPercent(t *testing.T) {
	for _, tc := range []struct {
		live int64
		want int
	}{
		{0, 100}, {1 << 20, 100}, {256 << 20, 100}, {256<<20 + 1, 99},
		{512 << 20, 50}, {1 << 30, 25}, {4 << 30, 6}, {5 << 30, 5},
		{6 << 30, 5}, {1 << 40, 5},
	} {
		if got := GCPercent(tc.live); got != tc.want {
			t.Errorf("GCPercent(%d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}

// TestWatchPacesGC checks that a watched run whose live heap is three
// times the headroom gets a GC percent near 33, and that Stop restores the
// one it found.
func TestWatchPacesGC(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: the watchdog leaves the collector alone")
	}
	was := debug.SetGCPercent(77)
	defer debug.SetGCPercent(was)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	// The headroom is a third of the heap to be live: the test binary's
	// own heap plus a slice of 64 MiB.
	defer func(h int64) { headroom = h }(headroom)
	live := make([]byte, 64<<20)
	for i := range live {
		live[i] = byte(i)
	}
	headroom = (int64(ms.HeapAlloc) + int64(len(live))) / 3
	runtime.GC() // the live heap is known after a collection
	gogc := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	_, w := Watch(context.Background(), 0, time.Millisecond)
	got := 77
	for range 2000 {
		time.Sleep(time.Millisecond)
		metrics.Read(gogc)
		// Watch starts from Go's default, 100, and paces on its next tick.
		if got = int(gogc[0].Value.Uint64()); got != 77 && got != 100 {
			break
		}
	}
	w.Stop()
	runtime.KeepAlive(live)
	// 100/3 = 33, give or take what the test binary allocates meanwhile.
	if got > 35 || got < 30 {
		t.Errorf("GC percent while watching %d, want about 33 for a live heap three times the headroom", got)
	}
	if after := debug.SetGCPercent(was); after != 77 {
		t.Errorf("GC percent after Stop %d, want 77 restored", after)
	}
}

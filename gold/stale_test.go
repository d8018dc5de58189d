//go:build unix

package gold

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// deadPID returns the id of a process that has exited and been waited for.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatalf("cannot run true for a dead process id: %v", err)
	}
	return cmd.Process.Pid
}

func TestTempDirPID(t *testing.T) {
	parent := t.TempDir()
	tmp, err := TempDir(filepath.Join(parent, "set-1"))
	if err != nil {
		t.Fatal(err)
	}
	if pid, ok := TempDirPID(tmp); pid != os.Getpid() || !ok {
		t.Errorf("TempDirPID(%q) = %d, %v, want %d, true", tmp, pid, ok, os.Getpid())
	}
	tests := []struct {
		name string
		pid  int
		ok   bool
	}{
		{".tmp-set-pid123-456", 123, true},
		{".tmp-a-pid7-pid8-9", 8, true},
		{"/x/y/.tmp-set-pid123-456", 123, true},
		{".tmp-set-123-456", 0, false},         // the older name, with no process id
		{".tmp-set-pid0-456", 0, false},        // no process 0
		{".tmp-set-pid012-4", 0, false},        // not how a pid is written
		{".tmp--pid12-4", 0, false},            // no base name
		{".tmp-set-pid12-", 0, false},          // no random part
		{".tmp-set-pid12-4x", 0, false},        // not digits
		{"tmp-set-pid12-4", 0, false},          // no dot
		{".tmp-set-pid4294967296-1", 0, false}, // above a 32-bit pid
	}
	for _, tt := range tests {
		if pid, ok := TempDirPID(tt.name); pid != tt.pid || ok != tt.ok {
			t.Errorf("TempDirPID(%q) = %d, %v, want %d, %v", tt.name, pid, ok, tt.pid, tt.ok)
		}
	}
}

func TestRemoveStale(t *testing.T) {
	dead := deadPID(t)
	live := exec.Command("sleep", "60")
	if err := live.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		live.Process.Kill()
		live.Wait()
	}()
	me := os.Getpid()
	tests := []struct {
		name    string
		dir     bool // a directory, else a file
		removed bool
	}{
		{fmt.Sprintf(".tmp-set-pid%d-1", dead), true, true},
		{fmt.Sprintf(".tmp-other-set-pid%d-22", dead), true, true},
		{fmt.Sprintf(".tmp-set-pid%d-3", me), true, false},
		{fmt.Sprintf(".tmp-set-pid%d-4", live.Process.Pid), true, false},
		{fmt.Sprintf(".tmp-set-pid%d-5", dead), false, false}, // a file
		{fmt.Sprintf(".tmp-set-%d-6", dead), true, false},     // no "pid"
		{".tmp-set-77", true, false},                          // the older name
		{"set", true, false},
		{fmt.Sprintf("set-pid%d-1", dead), true, false},
	}
	parent := t.TempDir()
	var want []string
	for _, tt := range tests {
		p := filepath.Join(parent, tt.name)
		var err error
		if tt.dir {
			err = os.MkdirAll(filepath.Join(p, "docs"), 0o755)
			if err == nil {
				err = os.WriteFile(filepath.Join(p, "docs", "a.txt"), []byte("a"), 0o644)
			}
		} else {
			err = os.WriteFile(p, []byte("x"), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		if tt.removed {
			want = append(want, p)
		}
	}
	got, err := RemoveStale(parent)
	if err != nil {
		t.Fatalf("RemoveStale: %v", err)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("RemoveStale removed %q, want %q", got, want)
	}
	for _, tt := range tests {
		_, err := os.Lstat(filepath.Join(parent, tt.name))
		if exists := err == nil; exists == tt.removed {
			t.Errorf("after RemoveStale, %s exists: %v, want %v", tt.name, exists, !tt.removed)
		}
	}

	got, err = RemoveStale(filepath.Join(parent, "no such folder"))
	if got != nil || err != nil {
		t.Errorf("RemoveStale of a missing folder = %q, %v, want nil, nil", got, err)
	}
}

//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRemoveStaleOnStart checks that gen and import remove, beside their
// destination, the temporary folder of a process that no longer exists,
// and say so, and leave that of a live one (this test's).
func TestRemoveStaleOnStart(t *testing.T) {
	fixedEnv(t)
	tests := []struct {
		name string
		args func(dest string) []string
	}{
		{"gen", func(dest string) []string { return []string{"gen", "-kinds", "delete", "-levels", "0.1", dest} }},
		{"gen -docs", func(dest string) []string { return []string{"gen", "-docs", "1000", dest} }},
		{"import", func(dest string) []string {
			return []string{"import", "msrp", "../../gold/importer/testdata/msrp/msr_paraphrase_test.txt", dest}
		}},
	}
	for _, tt := range tests {
		child := exec.Command("true")
		if err := child.Run(); err != nil {
			t.Fatal(err)
		}
		dead := child.Process.Pid
		parent := filepath.Join(t.TempDir(), "sets")
		stale := filepath.Join(parent, fmt.Sprintf(".tmp-set-pid%d-123", dead))
		mine := filepath.Join(parent, fmt.Sprintf(".tmp-set-pid%d-456", os.Getpid()))
		for _, d := range []string{stale, mine} {
			if err := os.MkdirAll(filepath.Join(d, "docs"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), tt.args(filepath.Join(parent, "set")), &stdout, &stderr); err != nil {
			t.Fatalf("%s: %v\n%s", tt.name, err, stderr.String())
		}
		want := fmt.Sprintf("simbench: removed %s, left by process %d that no longer exists\n", stale, dead)
		if got, _, _ := strings.Cut(stderr.String(), "\n"); got+"\n" != want {
			t.Errorf("%s: stderr starts %q, want %q", tt.name, got, want)
		}
		if _, err := os.Stat(stale); err == nil {
			t.Errorf("%s: %s is still there", tt.name, stale)
		}
		if _, err := os.Stat(mine); err != nil {
			t.Errorf("%s: the folder of a live process: %v", tt.name, err)
		}
	}
}

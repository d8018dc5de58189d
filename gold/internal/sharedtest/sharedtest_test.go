package sharedtest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records Fatalf and Skipf, and stops the
// goroutine as they do.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Skipf(format string, args ...any) {
	r.skip = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// call runs f(r) in a goroutine of its own, since Fatalf and Skipf end it.
func call(r *recorder, f func(testing.TB)) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
}

func TestPath(t *testing.T) {
	t.Setenv(DirEnv, "") // ../shared beside the module, as CI may set it otherwise
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(root, "no-such-file-for-sharedtest")
	tests := []struct {
		env         string
		fatal, skip string // what they must hold; "" for not called
	}{
		{"", "", missing + " is missing"},
		{"0", "", missing + " is missing"},
		{"1", "SIMBENCH_REQUIRE_SHARED=1, but " + missing + " is missing", ""},
	}
	for _, tt := range tests {
		t.Setenv(Env, tt.env)
		r := &recorder{TB: t}
		call(r, func(tb testing.TB) { Path(tb, "no-such-file-for-sharedtest") })
		if (tt.fatal == "") != (r.fatal == "") || !strings.Contains(r.fatal, tt.fatal) {
			t.Errorf("%s=%q: Fatalf(%q), want one holding %q", Env, tt.env, r.fatal, tt.fatal)
		}
		if (tt.skip == "") != (r.skip == "") || !strings.Contains(r.skip, tt.skip) {
			t.Errorf("%s=%q: Skipf(%q), want one holding %q", Env, tt.env, r.skip, tt.skip)
		}
	}

	// A file that is there: Path returns it, whatever the variable says.
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("go.mod", []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join("..", "shared", "seeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, env := range []string{"", "1"} {
		t.Setenv(Env, env)
		r := &recorder{TB: t}
		var got string
		call(r, func(tb testing.TB) { got = Path(tb, "seeds") })
		if want := filepath.Join(filepath.Dir(dir), "shared", "seeds"); got != want || r.fatal != "" || r.skip != "" {
			t.Errorf("%s=%q: Path = %q (Fatalf %q, Skipf %q), want %q", Env, env, got, r.fatal, r.skip, want)
		}
	}
}

// TestDirEnv checks that SIMBENCH_SHARED names the shared folder: a file
// in it is found, and one missing from it is reported under it.
func TestDirEnv(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "here.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(DirEnv, dir)
	t.Setenv(Env, "1")
	r := &recorder{TB: t}
	var got string
	call(r, func(tb testing.TB) { got = Path(tb, "here.txt") })
	if want := filepath.Join(dir, "here.txt"); got != want || r.fatal != "" || r.skip != "" {
		t.Errorf("Path(here.txt) with %s=%s = %q (Fatalf %q, Skipf %q), want %q", DirEnv, dir, got, r.fatal, r.skip, want)
	}
	r = &recorder{TB: t}
	call(r, func(tb testing.TB) { Path(tb, "gone.txt") })
	if want := filepath.Join(dir, "gone.txt") + " is missing"; !strings.Contains(r.fatal, want) {
		t.Errorf("Path(gone.txt) with %s=%s: Fatalf(%q), want one holding %q", DirEnv, dir, r.fatal, want)
	}
}

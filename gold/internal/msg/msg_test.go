package msg

import (
	"io/fs"
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"short", "short"},
		{strings.Repeat("a", 64), strings.Repeat("a", 64)},
		{strings.Repeat("a", 65), strings.Repeat("a", 64) + "..."},
		// 21 three-byte runes are 63 bytes; the 22nd would cross 64.
		{strings.Repeat("क", 30), strings.Repeat("क", 21) + "..."},
	} {
		if got := Clip(c.in); got != c.want {
			t.Errorf("Clip(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIO(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "/x", Err: fs.ErrNotExist}, "no such file or directory"},
		{fs.ErrPermission, "permission denied"},
	} {
		if got := IO(c.err); got != c.want {
			t.Errorf("IO(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

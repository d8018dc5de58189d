// Package msg holds the wording shared by the error messages of package
// gold and its importers: how a file-system error is described, and how a
// long value is shortened for quoting.
package msg

import (
	"errors"
	"io/fs"
	"unicode/utf8"
)

// IO describes an error from the file system without repeating the path
// it holds, which the caller names in the form the user knows.
func IO(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return "cannot read: " + err.Error()
}

// Clip shortens s for quoting in a message to at most 64 bytes and "...",
// cutting at a rune boundary.
func Clip(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

//go:build !unix

package gold

// processGone reports false: without kill(pid, 0) there is no cheap,
// certain way to tell, and a directory still being written must not be
// removed.
func processGone(pid int) bool { return false }

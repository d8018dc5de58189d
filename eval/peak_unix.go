//go:build unix

package eval

import "syscall"

// peakRSS returns the peak resident set size of the process in bytes, from
// getrusage(2): ru_maxrss is in kilobytes on Linux and the BSDs, in bytes
// on Darwin.
func peakRSS() int64 {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return int64(u.Maxrss) * rusageUnit
}

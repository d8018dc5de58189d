//go:build unix

package main

import (
	"os"
	"syscall"
)

// peakRSS returns the peak resident set size in bytes of the process that
// ps describes, from the rusage wait4(2) returned for it, or 0.
func peakRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return int64(ru.Maxrss) * rusageUnit
}

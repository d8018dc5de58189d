//go:build !unix

package join_test

import "time"

// cpuTime reports false: the processor time is not measured here.
func cpuTime() (time.Duration, bool) { return 0, false }

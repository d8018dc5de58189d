package algo_test

import (
	"testing"

	"github.com/simbench/simbench/algorithms/algo"
)

// TestSplitMix checks the first outputs from state 0 against those of the
// reference C implementation, splitmix64.c (Vigna, prng.di.unimi.it).
func TestSplitMix(t *testing.T) {
	want := []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f}
	var state uint64
	for i, w := range want {
		if got := algo.SplitMix(&state); got != w {
			t.Errorf("output %d = %#016x, want %#016x", i, got, w)
		}
	}
}

package eval

import "testing"

func TestTimedPairs(t *testing.T) {
	for _, n := range []int{0, 1, MaxTimedPairs, MaxTimedPairs + 1, 3*MaxTimedPairs + 7} {
		pairs := make([]Pair, n)
		for i := range pairs {
			pairs[i] = Pair{A: i, B: i + 1}
		}
		got := timedPairs(pairs)
		if want := min(n, MaxTimedPairs); len(got) != want {
			t.Fatalf("n=%d: %d timed pairs, want %d", n, len(got), want)
		}
		// Evenly spaced: pair i of the sample is pair ⌊i·n/MaxTimedPairs⌋,
		// so the gaps differ by at most one.
		lo, hi := n, 0
		for i := 1; i < len(got); i++ {
			gap := got[i].A - got[i-1].A
			lo, hi = min(lo, gap), max(hi, gap)
		}
		if len(got) > 1 && hi-lo > 1 {
			t.Errorf("n=%d: gaps from %d to %d, want evenly spaced", n, lo, hi)
		}
		if len(got) > 0 && got[0].A != 0 {
			t.Errorf("n=%d: sample starts at pair %d, want 0", n, got[0].A)
		}
	}
}

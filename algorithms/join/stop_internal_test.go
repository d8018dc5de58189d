package join

import (
	"context"
	"errors"
	"testing"
)

// TestSelfJoinStops checks that a join whose context is done stops: its
// workers probe at most 256 sets each before they look, so that on 1,200
// sets that all pair with each other a stopped join finds far fewer pairs
// than the whole join, and SelfJoinScoresContext returns the context's
// error and no pairs.
func TestSelfJoinStops(t *testing.T) {
	const n = 1200
	sets := make([][]uint64, n)
	for i := range sets {
		// 40 shared tokens and one of its own: J = 40/42 for every pair.
		for k := range uint64(40) {
			sets[i] = append(sets[i], k<<20)
		}
		sets[i] = append(sets[i], 1<<40+uint64(i))
	}
	th := newThreshold(0.5)
	pt := newPartition(sets, 1)
	count := func(ctx context.Context) int {
		c, lists := newSelfCorpus(pt.reps(sets), th, 1)
		total := 0
		for _, b := range c.joinReps(ctx, newPostings(c, th.indexPrefix, lists), th, 1, false) {
			total += b.n
		}
		return total
	}
	if got, want := count(context.Background()), n*(n-1)/2; got != want {
		t.Fatalf("whole join: %d pairs, want %d", got, want)
	}
	stopped, cancel := context.WithCancel(context.Background())
	cancel()
	// At most the pairs of the first 255 sets probed, each with the sets
	// before it.
	if got, most := count(stopped), 255*254/2; got > most {
		t.Errorf("stopped join: %d pairs, want at most %d", got, most)
	}
	keys, scores, err := SelfJoinScoresContext(stopped, sets, 0.5, 2)
	if !errors.Is(err, context.Canceled) || keys != nil || scores != nil {
		t.Errorf("SelfJoinScoresContext when stopped: %d keys, %d scores, error %v; want none and context.Canceled", len(keys), len(scores), err)
	}
}

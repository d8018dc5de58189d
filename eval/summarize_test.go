package eval

import (
	"testing"

	"github.com/simbench/simbench/eval/summary"
)

// TestMeasures checks that every column of the summary has the function
// that computes it, every such function a column, and every column with
// an interval its bootstrap interval.
func TestMeasures(t *testing.T) {
	keys := map[string]bool{}
	for _, c := range summary.Columns {
		keys[c.Key] = true
		if _, ok := measures[c.Key]; !ok {
			t.Errorf("column %q has no measure", c.Key)
		}
		if _, ok := intervals[c.Key]; ok != c.Interval {
			t.Errorf("column %q: Interval %v, but an interval function: %v", c.Key, c.Interval, ok)
		}
	}
	for k := range measures {
		if !keys[k] {
			t.Errorf("measure %q has no column", k)
		}
	}
}

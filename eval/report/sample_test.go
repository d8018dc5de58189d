package report

import (
	"testing"

	"github.com/simbench/simbench/eval/tune"
)

// TestSampleNote checks the note that the tune report and the LSH chart's
// caption give when the buckets count a sample, and that none is given
// when they count every pair in scope.
func TestSampleNote(t *testing.T) {
	for _, tc := range []struct {
		sampled, inScope int
		want             string
	}{
		{95, 95, ""},
		{0, 0, ""},
		{tune.MaxLSHPairs, tune.MaxLSHPairs, ""},
		{tune.MaxLSHPairs, 12_497_500, "from a uniform sample of 200,000 of the 12,497,500 pairs in scope"},
		{200_000, 200_001, "from a uniform sample of 200,000 of the 200,001 pairs in scope"},
		{999, 1000, "from a uniform sample of 999 of the 1,000 pairs in scope"},
	} {
		if got := sampleNote(tune.LSHReport{Sampled: tc.sampled, InScope: tc.inScope}); got != tc.want {
			t.Errorf("sampleNote(%d of %d) = %q, want %q", tc.sampled, tc.inScope, got, tc.want)
		}
	}
}

func TestGrouped(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {12497500, "12,497,500"},
		{100000, "100,000"}, {-1234, "-1,234"},
	} {
		if got := grouped(tc.n); got != tc.want {
			t.Errorf("grouped(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

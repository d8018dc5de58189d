package gold_test

import (
	"slices"
	"testing"

	"github.com/simbench/simbench/gold"
)

func TestWithPositive(t *testing.T) {
	s, err := gold.Open("seeds")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		positive []string
		wantPos  []string
		wantNeg  []string
		wantN    int // positive labelled pairs
		err      bool
	}{
		{[]string{"duplicate"}, []string{"duplicate"}, []string{"related", "unrelated"}, 1, false},
		{[]string{"related", "duplicate"}, []string{"duplicate", "related"}, []string{"unrelated"}, 3, false},
		{[]string{"cut"}, nil, nil, 0, true},
		{nil, nil, nil, 0, true},
	} {
		got, err := s.WithPositive(c.positive)
		if (err != nil) != c.err {
			t.Errorf("WithPositive(%q): error %v, want error %v", c.positive, err, c.err)
			continue
		}
		if err != nil {
			continue
		}
		if !slices.Equal(got.Manifest.Positive, c.wantPos) || !slices.Equal(got.Manifest.Negative, c.wantNeg) {
			t.Errorf("WithPositive(%q): positive %q negative %q, want %q and %q", c.positive, got.Manifest.Positive, got.Manifest.Negative, c.wantPos, c.wantNeg)
		}
		if n := got.NumPositive(); n != c.wantN {
			t.Errorf("WithPositive(%q): %d positive pairs, want %d", c.positive, n, c.wantN)
		}
	}
	if !slices.Equal(s.Manifest.Positive, []string{"duplicate"}) {
		t.Errorf("WithPositive changed the original set: positive %q", s.Manifest.Positive)
	}
}

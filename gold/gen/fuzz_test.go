package gen

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// FuzzParseKinds checks that ParseKinds never panics, fails only with its
// own error, and returns a non-empty list of distinct known kinds that
// parses back to itself.
func FuzzParseKinds(f *testing.F) {
	for _, s := range []string{"delete,wrap", "all", " all ", "insert, shuffle ,truncate", "substitute",
		"", ",", "delete,", "delete,delete", "all,delete", "Delete", "rotate", "delete\x00", "wrap,\u00a0insert"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ks, err := ParseKinds(s)
		if err != nil {
			if !errors.Is(err, errKinds) {
				t.Errorf("ParseKinds(%q) error %v, want one wrapping %v", s, err, errKinds)
			}
			if ks != nil {
				t.Errorf("ParseKinds(%q) = %q with an error", s, ks)
			}
			return
		}
		if len(ks) == 0 {
			t.Fatalf("ParseKinds(%q) = no kinds and no error", s)
		}
		names := make([]string, len(ks))
		for i, k := range ks {
			if !slices.Contains(Kinds, k) || slices.Contains(ks[:i], k) {
				t.Errorf("ParseKinds(%q) = %q: unknown or repeated kind %q", s, ks, k)
			}
			names[i] = string(k)
		}
		back, err := ParseKinds(strings.Join(names, ","))
		if err != nil || !slices.Equal(back, ks) {
			t.Errorf("ParseKinds(%q) = %q, which parses back as %q, %v", s, ks, back, err)
		}
		if strings.TrimSpace(s) == "all" && !slices.Equal(ks, Kinds) {
			t.Errorf("ParseKinds(%q) = %q, want %q", s, ks, Kinds)
		}
	})
}

package summary_test

import (
	"math"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/summary"
)

func TestParseScores(t *testing.T) {
	in := "a,b,label,algorithm,score\n" +
		"000,002,duplicate,jaccard,0.84\n" +
		"000,001,,jaccard,0\n" +
		"000,002,duplicate,simhash,0.81\n"
	s, err := summary.ParseScores("scores.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Pairs) != 2 || s.Pairs[0] != (summary.ScoredPair{A: "000", B: "002", Label: "duplicate"}) || s.Pairs[1].Label != "" {
		t.Errorf("Pairs = %v, want 000–002 duplicate, 000–001 unlabelled", s.Pairs)
	}
	if got := s.Algorithms; len(got) != 2 || got[0] != "jaccard" || got[1] != "simhash" {
		t.Errorf("Algorithms = %v, want jaccard, simhash", got)
	}
	if j := s.ByAlgorithm["jaccard"]; len(j) != 2 || j[0] != 0.84 || j[1] != 0 {
		t.Errorf("jaccard = %v, want [0.84 0]", j)
	}
	if sh := s.ByAlgorithm["simhash"]; len(sh) != 2 || sh[0] != 0.81 || !math.IsNaN(sh[1]) {
		t.Errorf("simhash = %v, want [0.81 NaN]: no row for 000–001", sh)
	}
}

func TestParseScoresErrors(t *testing.T) {
	const head = "a,b,label,algorithm,score\n"
	for _, c := range []struct {
		in, want string
	}{
		{"", "scores.csv: empty"},
		{"x,y\n", "scores.csv:1: "},
		{"a,b,label,algo,score\n", "scores.csv:1: header"},
		{head + "1,2,,j,0.5\n1,2,,j,0.4\n", "scores.csv:3: pair 1–2 scored twice by j"},
		{head + "1,2,,j,0.5\n1,2,dup,k,0.4\n", "scores.csv:3: pair 1–2 labelled \"dup\" here and \"\" before"},
		{head + "1,2,,j,x\n", "scores.csv:2: score \"x\" is not a number from 0 to 1"},
		{head + "1,2,,j,1.5\n", "scores.csv:2: score \"1.5\""},
		{head + "1,2,,j,NaN\n", "scores.csv:2: score \"NaN\""},
		{head + "1,1,,j,0.5\n", "scores.csv:2: a pair of document \"1\" with itself"},
		{head + "1,2,,j\n", "scores.csv:2: "},
	} {
		_, err := summary.ParseScores("scores.csv", strings.NewReader(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("ParseScores(%q) = %v, want an error starting %q", c.in, err, c.want)
		}
	}
}

// FuzzParseScores feeds ParseScores arbitrary bytes: it must not panic, must
// name the file in every error, and what it accepts has a score in [0, 1]
// or NaN for every pair of every algorithm.
func FuzzParseScores(f *testing.F) {
	f.Add([]byte("a,b,label,algorithm,score\n000,002,duplicate,jaccard,0.84\n"))
	f.Add([]byte("a,b,label,algorithm,score\n\"x,y\",b,,j,1\nb,c,l,k,0\n"))
	f.Add([]byte("a,b,label,algorithm,score\n1,2,,j,1e-300\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := summary.ParseScores("fuzz.csv", strings.NewReader(string(data)))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for alg, sc := range s.ByAlgorithm {
			if len(sc) != len(s.Pairs) {
				t.Fatalf("%s: %d scores for %d pairs", alg, len(sc), len(s.Pairs))
			}
			for _, v := range sc {
				if !math.IsNaN(v) && !(v >= 0 && v <= 1) {
					t.Fatalf("%s: score %v", alg, v)
				}
			}
		}
	})
}

package summary_test

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/summary"
)

func TestPlanScores(t *testing.T) {
	const lim = summary.MaxPlainScoreRows
	for _, tc := range []struct {
		mode  string
		pairs int64
		runs  int
		want  summary.ScoresFile
	}{
		{"auto", lim / 5, 5, summary.ScoresFile{File: "scores.csv", Pairs: lim / 5, Of: lim / 5}},
		{"", lim/5 + 1, 5, summary.ScoresFile{File: "scores.csv.gz", Pairs: lim/5 + 1, Of: lim/5 + 1}},
		{"csv", 3 * lim, 5, summary.ScoresFile{File: "scores.csv", Pairs: 3 * lim, Of: 3 * lim}},
		{"gzip", 10, 1, summary.ScoresFile{File: "scores.csv.gz", Pairs: 10, Of: 10}},
		{"sample", 10, 3, summary.ScoresFile{File: "scores.csv", Pairs: 10, Of: 10}},
		{"sample", 12_500_000, 3, summary.ScoresFile{File: "scores.csv", Pairs: summary.ScoreSamplePairs, Of: 12_500_000}},
	} {
		got, err := summary.PlanScores(tc.mode, tc.pairs, tc.runs)
		if err != nil || got != tc.want {
			t.Errorf("PlanScores(%q, %d, %d) = %+v, %v; want %+v", tc.mode, tc.pairs, tc.runs, got, err, tc.want)
		}
		if sampled := tc.want.Pairs < tc.want.Of; got.Sampled() != sampled {
			t.Errorf("PlanScores(%q, %d, %d).Sampled() = %v, want %v", tc.mode, tc.pairs, tc.runs, got.Sampled(), sampled)
		}
	}
	if _, err := summary.PlanScores("zip", 1, 1); err == nil {
		t.Error(`PlanScores("zip") gave no error`)
	}
	var none *summary.ScoresFile
	if none.Sampled() {
		t.Error("a nil ScoresFile (no folder) says it is sampled")
	}
}

// TestSampledPair checks the sample is evenly spaced: pair ⌊i·Of/Pairs⌋,
// computed here in plain integers, with no overflow for a huge Of.
func TestSampledPair(t *testing.T) {
	f := summary.ScoresFile{Pairs: 3, Of: 10}
	var got []int64
	for i := range f.Pairs {
		got = append(got, f.SampledPair(i))
	}
	if want := []int64{0, 3, 6}; !reflect.DeepEqual(got, want) {
		t.Errorf("sample of 3 of 10 = %v, want %v", got, want)
	}
	huge := summary.ScoresFile{Pairs: 1_000_000, Of: 1 << 40}
	if got, want := huge.SampledPair(999_999), int64(999_999)*(1<<40)/1_000_000; got != want {
		t.Errorf("SampledPair(999999) of 2^40 = %d, want %d", got, want)
	}
	all := summary.ScoresFile{Pairs: 7, Of: 7}
	if got := all.SampledPair(5); got != 5 {
		t.Errorf("SampledPair(5) of every pair = %d, want 5", got)
	}
}

// TestLoadScoresGzip checks that scores.csv.gz reads as scores.csv does,
// given as the file or as the folder holding it alone.
func TestLoadScoresGzip(t *testing.T) {
	in := "a,b,label,algorithm,score\n000,002,duplicate,jaccard,0.84\n000,001,,jaccard,0\n"
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "scores.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(in))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	want, err := summary.ParseScores("scores.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "scores.csv.gz"), dir} {
		got, err := summary.LoadScores(path)
		if err != nil {
			t.Fatalf("LoadScores(%s): %v", path, err)
		}
		if !reflect.DeepEqual(got.Pairs, want.Pairs) || !reflect.DeepEqual(got.Algorithms, want.Algorithms) {
			t.Errorf("LoadScores(%s) = %+v, want %+v", path, got, want)
		}
	}
}

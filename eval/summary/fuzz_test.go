package summary_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/simbench/simbench/eval/summary"
	"github.com/simbench/simbench/eval/summary/benchcheck"
)

// FuzzParse feeds Load's JSON reading arbitrary bytes. It must not panic,
// fail only with a JSON error or one of its own naming the file, and a
// summary it accepts must survive a round trip through summary.json and
// write valid benchmark lines.
func FuzzParse(f *testing.F) {
	for _, path := range []string{seeds + "/summary.json", untimed, clough, worse, withCI} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	for _, s := range []string{"", "null", "{}", "[]", `{"gold": {}, "runs": []}`, `{"gold": {}, "runs": [null]}`,
		`{"gold": {}, "runs": [{"f1": 1, "F1": 2}]}`, `{"gold": {}, "runs": [{"f1_ci": [null, 1, 2]}]}`,
		`{"gold": {"name": "a b/c"}, "runs": [{"algorithm": "x-1", "precision": -0, "recall": 1e308}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := summary.Parse("fuzz.json", data)
		if err != nil {
			var syn *json.SyntaxError
			var typ *json.UnmarshalTypeError
			if !strings.HasPrefix(err.Error(), "fuzz.json:") ||
				!errors.As(err, &syn) && !errors.As(err, &typ) && !errors.Is(err, summary.ErrNotSummary) && !errors.Is(err, summary.ErrDuplicate) {
				t.Fatalf("Parse: unexpected error %v", err)
			}
			return
		}

		var once, twice bytes.Buffer
		if err := summary.Write(&once, s); err != nil {
			t.Fatalf("Write: %v", err)
		}
		s2, err := summary.Parse("once.json", once.Bytes())
		if err != nil {
			t.Fatalf("Parse(Write(Parse(data))): %v\n%s", err, once.Bytes())
		}
		if err := summary.Write(&twice, s2); err != nil {
			t.Fatalf("Write: %v", err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("round trip changed the summary:\n%s\nthen\n%s", once.Bytes(), twice.Bytes())
		}

		var bench bytes.Buffer
		if err := summary.WriteBench(&bench, s); err != nil {
			t.Fatalf("WriteBench: %v", err)
		}
		if _, err := benchcheck.Read(bench.String()); err != nil {
			t.Fatalf("WriteBench: %v\n%s", err, bench.Bytes())
		}
	})
}

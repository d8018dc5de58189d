package summary_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/simbench/simbench/eval/summary"
)

func TestNumJSON(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{0.5, "0.5"}, {1, "1"}, {0, "0"}, {1e10, "10000000000"}, {math.NaN(), "null"}, {math.Inf(1), "null"}, {math.Inf(-1), "null"}} {
		got, err := json.Marshal(summary.Num(c.in))
		if err != nil || string(got) != c.want {
			t.Errorf("json.Marshal(Num(%v)) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
}

func TestSI(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{0, "0.00"}, {1.234, "1.23"}, {12.34, "12.3"}, {123.4, "123"}, {999.4, "999"}, {999.6, "1.00k"}, {3273.3, "3.27k"}, {278073, "278k"}, {46.6e6, "46.6M"}, {math.NaN(), "–"}} {
		if got := summary.SI(c.in); got != c.want {
			t.Errorf("SI(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestColumns checks the column table's own rules: keys, headers and units
// are unique; a gated figure is compared; intervals and gates are for
// quality figures; a key figure's interval view is a view it is shown in.
func TestColumns(t *testing.T) {
	keys, headers, units := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range summary.Columns {
		if keys[c.Key] || keys[summary.CIKey(c.Key)] {
			t.Errorf("column %q: key used twice", c.Key)
		}
		keys[c.Key] = true
		if c.View != summary.JSON && headers[c.Header] {
			t.Errorf("column %q: header %q used twice in the tables", c.Key, c.Header)
		}
		headers[c.Header] = true
		if c.Unit != "" && units[c.Unit] {
			t.Errorf("column %q: unit %q used twice", c.Key, c.Unit)
		}
		units[c.Unit] = true
		if c.Gate && !c.Compared {
			t.Errorf("column %q gates but is not compared", c.Key)
		}
		if (c.Gate || c.Interval) && c.Kind != summary.Quality {
			t.Errorf("column %q: a gate or an interval on a figure that is not a quality ratio", c.Key)
		}
		if c.Interval && c.IntervalView < c.View {
			t.Errorf("column %q: interval shown in view %d, the figure only from view %d", c.Key, c.IntervalView, c.View)
		}
		if c.Doc == "" || c.Header == "" {
			t.Errorf("column %q: no header or doc", c.Key)
		}
	}
	// The keys summary.json has always had stay.
	for _, k := range []string{"threshold", "precision", "recall", "f1", "tp", "fp", "fn", "tn", "average_precision",
		"best_f1", "best_threshold", "docs_per_sec", "mb_per_sec"} {
		if !keys[k] {
			t.Errorf("no column %q: results keys may be added, never removed", k)
		}
	}
}

// TestRunJSON checks that a run survives a round trip through JSON: its
// figures, nulls and intervals (with a null end) included.
func TestRunJSON(t *testing.T) {
	in := summary.Run{Algorithm: "a:k=1", Name: "a", Params: map[string]string{"k": "1"}, Notes: []string{},
		Values:    map[string]summary.Num{"precision": 0.5, "f1": summary.NaN, "tp": 3},
		Intervals: map[string][2]summary.Num{"precision": {0.25, summary.NaN}}}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out summary.Run
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if out.Algorithm != in.Algorithm || out.Name != in.Name || out.Params["k"] != "1" {
		t.Errorf("round trip: %+v, want %+v", out, in)
	}
	if got := out.Get("precision"); got != 0.5 {
		t.Errorf("precision = %v, want 0.5", got)
	}
	if got := out.Get("tp"); got != 3 {
		t.Errorf("tp = %v, want 3", got)
	}
	if got := out.Get("f1"); !math.IsNaN(float64(got)) {
		t.Errorf("f1 = %v, want NaN (null)", got)
	}
	if got := out.Get("recall"); !math.IsNaN(float64(got)) {
		t.Errorf("recall (absent) = %v, want NaN", got)
	}
	iv := out.Interval("precision")
	if iv == nil || iv[0] != 0.25 || !math.IsNaN(float64(iv[1])) {
		t.Errorf("precision_ci = %v, want [0.25, NaN]", iv)
	}
	if out.Interval("f1") != nil {
		t.Errorf("f1_ci = %v, want none", out.Interval("f1"))
	}
}

func TestDecimals(t *testing.T) {
	for _, c := range []struct {
		vs   []float64
		want int
	}{
		{nil, 3},
		{[]float64{0.5, 0.5}, 3},
		{[]float64{0.5, 0.845}, 3},
		{[]float64{0.5, 0.49999933}, 6}, // 0.500000 and 0.499999
		{[]float64{0.5, 0.4996}, 4},     // 0.500 and 0.500 at 3; 0.5000 and 0.4996
		{[]float64{0.5, math.NaN(), math.Inf(1)}, 3},
		{[]float64{0.1, 0.1 + 1e-17}, 3}, // the same float64
	} {
		if got := summary.Decimals(c.vs...); got != c.want {
			t.Errorf("Decimals(%v) = %d, want %d", c.vs, got, c.want)
		}
	}
}

// TestCellDistinct checks that the best threshold is never shown equal to
// the threshold beside it when they differ.
func TestCellDistinct(t *testing.T) {
	best, _ := summary.ColumnOf("best_threshold")
	thr, _ := summary.ColumnOf("threshold")
	for _, c := range []struct {
		t, best       float64
		wantT, wantBT string
	}{
		{0.5, 0.49999933, "0.500000", "0.499999"},
		{0.5, 0.845, "0.500", "0.845"},
		{0.5, 0.5, "0.500", "0.500"},
		{0.5, math.Inf(1), "0.500", "–"},
	} {
		r := &summary.Run{Values: map[string]summary.Num{"threshold": summary.Num(c.t), "best_threshold": summary.Num(c.best)}}
		if got := r.Cell(thr, nil); got != c.wantT {
			t.Errorf("t %v beside best t %v: t shown %q, want %q", c.t, c.best, got, c.wantT)
		}
		if got := r.Cell(best, nil); got != c.wantBT {
			t.Errorf("t %v beside best t %v: best t shown %q, want %q", c.t, c.best, got, c.wantBT)
		}
	}
}

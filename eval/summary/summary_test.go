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
	}{{0, "0.00"}, {1.234, "1.23"}, {12.34, "12.3"}, {123.4, "123"}, {999.4, "999"}, {999.6, "1.00k"}, {3273.3, "3.27k"}, {278073, "278k"}, {46.6e6, "46.6M"}, {math.NaN(), "-"}} {
		if got := summary.SI(c.in); got != c.want {
			t.Errorf("SI(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

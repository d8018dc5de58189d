package summary

import (
	"bytes"
	"encoding/json"
	"math"
)

// Run holds one algorithm's figures.
//
// In summary.json a run is one flat object: algorithm, name and params,
// then the figure of every column of Columns under its key, then notes
// and per_label, then the interval of every column that has one under its
// key followed by "_ci".
type Run struct {
	// Algorithm is the algorithm's label, the -algo value it was run
	// with, and Name the algorithm's registry name.
	Algorithm string
	Name      string
	// Params holds the effective value of every parameter.
	Params map[string]string
	// Notes are remarks on the configuration that are not warnings.
	Notes []string
	// PerLabel holds the recall of every positive label and the false
	// positive rate of every negative one at the threshold.
	PerLabel []Label `json:"per_label"`
	// Values holds the figure of each column by its key; a column
	// missing from it is null.
	Values map[string]Num `json:"-"`
	// Intervals holds the bootstrap confidence interval [low, high] of
	// the columns that have one, at Summary.Bootstrap.Level; none when
	// the bootstrap was not run.
	Intervals map[string][2]Num `json:"-"`
	// Undefined counts, for each interval, the resamples in which the
	// figure was undefined (0/0, precision when nothing is predicted) and
	// which the interval leaves out.
	Undefined map[string]int `json:"-"`
}

// UndefinedKey is the summary.json key of the count of resamples in which
// column key was undefined.
func UndefinedKey(key string) string { return key + "_ci_undefined" }

// Get returns the figure of column key, NaN when it is null or absent.
func (r *Run) Get(key string) Num {
	if v, ok := r.Values[key]; ok {
		return v
	}
	return NaN
}

// Set sets the figure of column key.
func (r *Run) Set(key string, v Num) {
	if r.Values == nil {
		r.Values = make(map[string]Num)
	}
	r.Values[key] = v
}

// Interval returns the interval of column key, or nil when there is none.
func (r *Run) Interval(key string) *[2]Num {
	if iv, ok := r.Intervals[key]; ok {
		return &iv
	}
	return nil
}

// CIKey is the summary.json key of the interval of column key.
func CIKey(key string) string { return key + "_ci" }

// MarshalJSON writes the run as one flat object in the order the type
// documents.
func (r Run) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	field := func(key string, v any) error {
		if !first {
			b.WriteByte(',')
		}
		first = false
		k, _ := json.Marshal(key)
		b.Write(k)
		b.WriteByte(':')
		data, err := marshal(v)
		if err != nil {
			return err
		}
		b.Write(data)
		return nil
	}
	params := r.Params
	if params == nil {
		params = map[string]string{}
	}
	notes := r.Notes
	if notes == nil {
		notes = []string{}
	}
	for _, f := range []struct {
		key string
		v   any
	}{{"algorithm", r.Algorithm}, {"name", r.Name}, {"params", params}} {
		if err := field(f.key, f.v); err != nil {
			return nil, err
		}
	}
	for _, c := range Columns {
		if err := field(c.Key, r.Get(c.Key)); err != nil {
			return nil, err
		}
	}
	if err := field("notes", notes); err != nil {
		return nil, err
	}
	if err := field("per_label", r.PerLabel); err != nil {
		return nil, err
	}
	for _, c := range Columns {
		if !c.Interval {
			continue
		}
		var v, u any // null
		if iv := r.Interval(c.Key); iv != nil {
			v, u = iv, r.Undefined[c.Key]
		}
		if err := field(CIKey(c.Key), v); err != nil {
			return nil, err
		}
		if err := field(UndefinedKey(c.Key), u); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes v as encoding/json does, without escaping HTML.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON reads a run. Keys are matched ignoring case, as
// encoding/json matches struct fields; a column that is null or absent
// (a summary written before the key existed) is NaN, and an interval that
// is null or absent is left out, an end of it that is null being NaN. Keys
// that are not known are ignored, since keys may be added.
func (r *Run) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	folded := make(map[string]json.RawMessage, len(raw))
	for k, v := range raw {
		folded[fold(k)] = v
	}
	get := func(key string) (json.RawMessage, bool) {
		v, ok := folded[fold(key)]
		if ok && bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			return nil, false
		}
		return v, ok
	}
	*r = Run{}
	for _, f := range []struct {
		key string
		dst any
	}{{"algorithm", &r.Algorithm}, {"name", &r.Name}, {"params", &r.Params}, {"notes", &r.Notes}, {"per_label", &r.PerLabel}} {
		if v, ok := get(f.key); ok {
			if err := json.Unmarshal(v, f.dst); err != nil {
				return err
			}
		}
	}
	for _, c := range Columns {
		v, ok := get(c.Key)
		if !ok {
			continue
		}
		var f float64
		if err := json.Unmarshal(v, &f); err != nil {
			return err
		}
		r.Set(c.Key, Num(f))
		if !c.Interval {
			continue
		}
		if v, ok = get(CIKey(c.Key)); !ok {
			continue
		}
		var ends [2]*float64
		if err := json.Unmarshal(v, &ends); err != nil {
			return err
		}
		var iv [2]Num
		for i, e := range ends {
			iv[i] = NaN
			if e != nil {
				iv[i] = Num(*e)
			}
		}
		if r.Intervals == nil {
			r.Intervals = make(map[string][2]Num)
		}
		r.Intervals[c.Key] = iv
		if v, ok = get(UndefinedKey(c.Key)); ok {
			var n int
			if err := json.Unmarshal(v, &n); err != nil {
				return err
			}
			if r.Undefined == nil {
				r.Undefined = make(map[string]int)
			}
			r.Undefined[c.Key] = n
		}
	}
	// Per-label rates that are null are NaN.
	if v, ok := get("per_label"); ok {
		var rates []struct {
			Rate *float64 `json:"rate"`
		}
		if json.Unmarshal(v, &rates) == nil {
			for i := range min(len(rates), len(r.PerLabel)) {
				if rates[i].Rate == nil {
					r.PerLabel[i].Rate = Num(math.NaN())
				}
			}
		}
	}
	return nil
}

package summary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"unicode"
)

var (
	// errNotSummary is returned for valid JSON that is not a summary.
	errNotSummary = errors.New("not a simbench summary")
	// errDuplicate is returned for an object with two keys equal under
	// case folding, which encoding/json would both decode into one field.
	errDuplicate = errors.New("duplicate key")
)

// Load reads a summary written by simbench run. path is a summary.json
// file, or a results folder holding one.
//
// A figure spelled null, or left out (a summary written before the key
// existed), is NaN. Keys Load does not know are ignored, since keys may be
// added to summary.json; keys are matched ignoring case, as encoding/json
// does, and an object with two keys that differ only in case is an error.
// Errors name the file; JSON errors give the line and column as
// file:line:col.
func Load(path string) (*Summary, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		path = filepath.Join(path, "summary.json")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse decodes summary.json data read from the file name.
func Parse(name string, data []byte) (*Summary, error) {
	s := new(Summary)
	// The runs are checked first through a plain struct of their keys,
	// so that a figure of the wrong type is reported where it is in the
	// file: Run's own UnmarshalJSON sees only its object.
	err := json.Unmarshal(data, reflect.New(runsShadow).Interface())
	if err == nil {
		err = json.Unmarshal(data, s)
	}
	if err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, fmt.Errorf("%s:%s: %w", name, position(data, syn.Offset), err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("%s:%s: %w", name, position(data, typ.Offset), err)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// Decode again, keeping every value, to tell null and absent figures
	// (which Unmarshal leaves 0) from figures that are 0.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tree, err := readValue(dec)
	if err != nil {
		if errors.Is(err, errDuplicate) {
			return nil, fmt.Errorf("%s:%s: %w", name, position(data, dec.InputOffset()), err)
		}
		// Unreachable: Unmarshal accepted data.
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	top, ok := tree.(object)
	if !ok {
		return nil, fmt.Errorf("%s: %w: not a JSON object", name, errNotSummary)
	}
	for _, key := range []string{"gold", "runs"} {
		if v, ok := top.get(key); !ok || v == nil {
			return nil, fmt.Errorf("%s: %w: no %q", name, errNotSummary, key)
		}
	}
	fillNaN(reflect.ValueOf(s).Elem(), tree)
	return s, nil
}

// position returns "line:col", counted from 1, of the byte before offset
// in data: JSON errors give the offset just after the token at fault, so
// this is the last byte of that token (of the input, at its end).
func position(data []byte, offset int64) string {
	off := int(min(max(offset, 0), int64(len(data))))
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := off - bytes.LastIndexByte(before, '\n') - 1
	return fmt.Sprintf("%d:%d", line, max(col, 1))
}

// An object is a JSON object, keyed by the case-folded member names.
type object map[string]any // values: object, []any, json.Number, string, bool, or nil for null

// get returns the value encoding/json decodes into a struct field named
// key: that of the member whose name equals key under case folding.
func (o object) get(key string) (any, bool) {
	v, ok := o[fold(key)]
	return v, ok
}

// fold returns s with every rune replaced by the smallest rune of its case
// folding orbit, so that fold(a) == fold(b) exactly when
// strings.EqualFold(a, b), the matching encoding/json uses for field names.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		for {
			next := unicode.SimpleFold(r)
			if next <= r {
				return next
			}
			r = next
		}
	}, s)
}

// readValue reads one JSON value from dec, which must use numbers. An
// object with two keys equal under case folding is an errDuplicate error
// with dec just after the second.
func readValue(dec *json.Decoder) (any, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := t.(json.Delim)
	if !ok {
		return t, nil
	}
	switch d {
	case '{':
		o := object{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("object key %v is not a string", k)
			}
			f := fold(key)
			if _, dup := o[f]; dup {
				return nil, fmt.Errorf("%w %q", errDuplicate, key)
			}
			v, err := readValue(dec)
			if err != nil {
				return nil, err
			}
			o[f] = v
		}
		_, err = dec.Token() // '}'
		return o, err
	case '[':
		a := []any{}
		for dec.More() {
			v, err := readValue(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err = dec.Token() // ']'
		return a, err
	}
	return nil, fmt.Errorf("unexpected %v", d)
}

// runsShadow is a struct type {Runs []R `json:"runs"`} where R has a field
// for every key of a run: the column figures (*float64), their intervals
// ([2]*float64), and the other keys with the types Run gives them.
var runsShadow = func() reflect.Type {
	var fs []reflect.StructField
	add := func(key string, t reflect.Type) {
		fs = append(fs, reflect.StructField{Name: fmt.Sprintf("F%d", len(fs)), Type: t, Tag: reflect.StructTag(`json:"` + key + `"`)})
	}
	add("algorithm", reflect.TypeFor[string]())
	add("name", reflect.TypeFor[string]())
	add("params", reflect.TypeFor[map[string]string]())
	add("notes", reflect.TypeFor[[]string]())
	add("per_label", reflect.TypeFor[[]Label]())
	for _, c := range Columns {
		add(c.Key, reflect.TypeFor[*float64]())
		if c.Interval {
			add(CIKey(c.Key), reflect.TypeFor[[2]*float64]())
			add(UndefinedKey(c.Key), reflect.TypeFor[*int]())
		}
	}
	run := reflect.StructOf(fs)
	return reflect.StructOf([]reflect.StructField{{Name: "Runs", Type: reflect.SliceOf(run), Tag: `json:"runs"`}})
}()

var (
	numType = reflect.TypeFor[Num]()
	runType = reflect.TypeFor[Run]()
)

// fillNaN sets to NaN every Num in v whose JSON value j is null or
// absent (nil). v was decoded from j by encoding/json.
func fillNaN(v reflect.Value, j any) {
	switch v.Type() {
	case numType:
		if j == nil {
			v.SetFloat(math.NaN())
		}
		return
	case runType:
		return // Run.UnmarshalJSON reads null figures as NaN
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fillNaN(v.Elem(), j)
		}
	case reflect.Struct:
		o, _ := j.(object)
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			jv, _ := o.get(name)
			fillNaN(v.Field(i), jv)
		}
	case reflect.Slice, reflect.Array:
		a, _ := j.([]any)
		for i := range v.Len() {
			var jv any
			if i < len(a) {
				jv = a[i]
			}
			fillNaN(v.Index(i), jv)
		}
	}
}

// Write writes s as indented JSON, the content of summary.json.
func Write(w io.Writer, s *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

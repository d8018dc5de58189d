package gold

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// maxManifestBytes bounds gold.json; a real manifest is a few hundred bytes.
const maxManifestBytes = 1 << 20

// manifestKeys are the keys of gold.json, in the order they are documented.
var manifestKeys = []string{"name", "description", "source", "license", "positive", "negative", "exhaustive"}

// readManifest reads gold.json into l.m.
func (l *loader) readManifest() {
	const rel = "gold.json"
	file := l.name(rel)
	fi, found := l.stat(rel)
	if !found {
		l.errs.add(file, 0, "no such file (every gold set needs a manifest)")
		return
	}
	if fi == nil {
		return
	}
	data, ok := l.readFile(rel, fi, maxManifestBytes)
	if !ok {
		return
	}
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		l.errs.add(file, 0, "empty file")
		return
	}
	if invalidUTF8(data) >= 0 {
		line, msg := utf8Problem(data)
		l.errs.add(file, line, "%s", msg)
		return
	}
	// Check the syntax of the whole file first: json.Unmarshal reports the
	// offset of a syntax error from the start of data, which gives its line.
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			l.errs.add(file, lineAt(data, int(se.Offset)-1), "invalid JSON: %s", se.Error())
		} else {
			l.errs.add(file, 1, "invalid JSON: %s", err.Error())
		}
		return
	}
	if _, ok := v.(map[string]any); !ok {
		start := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
		l.errs.add(file, lineAt(data, start), "want a JSON object {\"name\": ..., ...}, not %s", jsonKind(v))
		return
	}

	// Walk the keys of the object with a Decoder, to know the line of each.
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // the opening '{'
		l.errs.add(file, 1, "invalid JSON: %s", err.Error())
		return
	}
	braceLine := lineAt(data, int(dec.InputOffset())-1)
	seen := make(map[string]int) // key -> its line
	posOK, negOK := false, false
	posLine, negLine := 0, 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			l.errs.add(file, lineAt(data, int(dec.InputOffset())), "invalid JSON: %s", err.Error())
			return
		}
		key, _ := tok.(string)
		line := lineAt(data, int(dec.InputOffset())-1)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			l.errs.add(file, line, "invalid JSON: %s", err.Error())
			return
		}
		f := field{l: l, file: file, data: data, key: key, line: line,
			start: int(dec.InputOffset()) - len(raw), raw: raw}
		if first, dup := seen[key]; dup {
			l.errs.add(file, line, "key %q repeated (first on line %d)", key, first)
			continue
		}
		seen[key] = line
		switch key {
		case "name":
			f.text(&l.m.Name)
		case "description":
			f.text(&l.m.Description)
		case "source":
			f.text(&l.m.Source)
		case "license":
			f.text(&l.m.License)
		case "positive":
			posOK, posLine = f.labels(&l.m.Positive), line
			if posOK && len(l.m.Positive) == 0 {
				l.errs.add(file, line, "\"positive\" is empty; want at least one label")
				posOK = false
			}
		case "negative":
			negOK, negLine = f.labels(&l.m.Negative), line
		case "exhaustive":
			f.decode(&l.m.Exhaustive, "true or false")
		default:
			l.errs.add(file, line, "unknown key %q (the keys are %s)", key, strings.Join(manifestKeys, ", "))
		}
	}
	for _, key := range manifestKeys {
		if _, ok := seen[key]; !ok && key != "exhaustive" {
			l.errs.add(file, braceLine, "missing field %q", key)
		}
	}
	if posOK && negOK {
		l.labelsOK = true
		for _, label := range l.m.Negative {
			if slices.Contains(l.m.Positive, label) {
				l.errs.add(file, max(posLine, negLine), "label %q is both positive and negative", label)
			}
		}
	}
}

// field is one key of gold.json and its raw value.
type field struct {
	l     *loader
	file  string
	data  []byte // the whole of gold.json
	key   string
	line  int // line of the key
	start int // offset of the value in data
	raw   json.RawMessage
}

// decode decodes the value into dst, reporting a value that is not what
// want describes, null included.
func (f *field) decode(dst any, want string) bool {
	if string(f.raw) == "null" {
		f.l.errs.add(f.file, f.line, "%q must be %s, not null", f.key, want)
		return false
	}
	if err := json.Unmarshal(f.raw, dst); err != nil {
		off := f.start
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			off += int(te.Offset) - 1
		}
		f.l.errs.add(f.file, lineAt(f.data, off), "%q must be %s", f.key, want)
		return false
	}
	return true
}

// text decodes a required, non-empty string.
func (f *field) text(dst *string) {
	if f.decode(dst, "a string") && strings.TrimSpace(*dst) == "" {
		f.l.errs.add(f.file, f.line, "%q is empty", f.key)
	}
}

// labels decodes a list of labels, reporting bad ones. It returns whether
// the value was a list of strings.
func (f *field) labels(dst *[]string) bool {
	if !f.decode(dst, "a list of strings") {
		return false
	}
	for i, label := range *dst {
		switch {
		case label == "":
			f.l.errs.add(f.file, f.line, "empty label in %q", f.key)
		case strings.ContainsAny(label, "\t\r\n"):
			f.l.errs.add(f.file, f.line, "label %q in %q holds a tab or a line break", label, f.key)
		case slices.Contains((*dst)[:i], label):
			f.l.warn(f.file, f.line, "label %q repeated in %q", label, f.key)
		}
	}
	return true
}

// jsonKind names the kind of a value decoded by encoding/json.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	}
	return "an object"
}

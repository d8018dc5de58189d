package gold

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// testManifest is a valid gold.json with one key a line, so that a test can
// name the line of each: "{" is line 1, "name" line 2, ... "exhaustive"
// line 8 and "}" line 9.
const testManifest = `{
  "name": "t",
  "description": "a set for the tests",
  "source": "written for the tests",
  "license": "CC0-1.0",
  "positive": ["dup"],
  "negative": ["non"],
  "exhaustive": false
}
`

// testFiles are the files of a valid gold set of three documents a, b and c.
var testFiles = map[string]string{
	"gold.json":  testManifest,
	"docs/a.txt": "alpha one\n",
	"docs/b.txt": "beta two\n",
	"docs/c.txt": "gamma three\n",
	"pairs.tsv":  "a\tb\tlabel\na\tb\tdup\na\tc\tnon\n",
}

// testFS returns testFiles with the given files replaced or added, and the
// files named in drop removed.
func testFS(files map[string]string, drop ...string) fstest.MapFS {
	fsys := make(fstest.MapFS)
	for name, data := range testFiles {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for _, name := range drop {
		delete(fsys, name)
	}
	return fsys
}

// manifestWith returns testManifest with the line holding old replaced by
// the lines of new ("" deletes the line).
func manifestWith(t *testing.T, old, new string) string {
	t.Helper()
	lines := strings.Split(testManifest, "\n")
	for i, line := range lines {
		if strings.Contains(line, old) {
			if new == "" {
				return strings.Join(slices.Delete(lines, i, i+1), "\n")
			}
			lines[i] = new
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("testManifest has no line holding %q", old)
	return ""
}

var allDocs = []string{"docs/a.txt", "docs/b.txt", "docs/c.txt"}

const jsonlABC = `{"id": "a", "text": "alpha one"}
{"id": "b", "text": "beta two"}
{"id": "c", "text": "gamma three"}
`

func TestLoadErrors(t *testing.T) {
	long := strings.Repeat("x", maxTSVLine+1)
	tests := []struct {
		name   string
		files  map[string]string
		drop   []string
		prefix string // the error's exact "file:line: " or "file: "
		msg    string // a distinctive part of its message
		n      int    // number of errors, if not 1
	}{
		// pairs.tsv
		{name: "unknown id",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\tb\tdup\na\tz\tnon\n"},
			prefix: "pairs.tsv:3: ", msg: `unknown document id "z"`},
		{name: "self pair",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\ta\tdup\na\tc\tnon\n"},
			prefix: "pairs.tsv:2: ", msg: `pair of document "a" with itself`},
		{name: "conflicting labels",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\tb\tdup\na\tc\tnon\nb\ta\tnon\n"},
			prefix: "pairs.tsv:4: ", msg: `pair a b labelled "non" here but "dup" on line 2`},
		{name: "undeclared label",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\tb\tdupe\n"},
			prefix: "pairs.tsv:2: ", msg: `label "dupe" is not declared in gold.json (positive: dup; negative: non)`},
		{name: "empty label",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\tb\t\na\tc\tnon\n"},
			prefix: "pairs.tsv:2: ", msg: "empty label"},
		{name: "empty pairs.tsv",
			files:  map[string]string{"pairs.tsv": ""},
			prefix: "pairs.tsv: ", msg: "empty file"},
		{name: "bad header",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabels\na\tb\tdup\n"},
			prefix: "pairs.tsv:1: ", msg: `header is "a\tb\tlabels", want "a\tb\tlabel"`},
		{name: "missing header",
			files:  map[string]string{"pairs.tsv": "a\tb\tdup\n"},
			prefix: "pairs.tsv:1: ", msg: `header is "a\tb\tdup"`},
		{name: "long bad header",
			files:  map[string]string{"pairs.tsv": strings.Repeat("x", 100) + "\na\tb\tdup\n"},
			prefix: "pairs.tsv:1: ", msg: `header is "` + strings.Repeat("x", 64) + `...", want`},
		{name: "header too long",
			files:  map[string]string{"pairs.tsv": long + "\na\tb\tdup\n"},
			prefix: "pairs.tsv:1: ", msg: "header line too long"},
		{name: "wrong field count",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\tb\na\tc\tnon\n"},
			prefix: "pairs.tsv:2: ", msg: "want 3 tab-separated fields (a, b, label), got 2"},
		{name: "trailing tab",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\tb\tdup\t\n"},
			prefix: "pairs.tsv:2: ", msg: "got 4"},
		{name: "line too long",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\tb\tdup\n" + long + "\na\tc\tnon\n"},
			prefix: "pairs.tsv:3: ", msg: "line too long"},
		{name: "invalid UTF-8 in pairs.tsv",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\na\t\xffb\tdup\n"},
			prefix: "pairs.tsv:2: ", msg: "invalid UTF-8: byte 0xff at column 3"},
		{name: "no labelled pairs",
			files:  map[string]string{"pairs.tsv": "a\tb\tlabel\n# none yet\n\n"},
			prefix: "pairs.tsv: ", msg: "no labelled pairs"},
		{name: "no labels",
			drop:   []string{"pairs.tsv"},
			prefix: "pairs.tsv: ", msg: "no labels: neither pairs.tsv nor clusters.tsv"},

		// gold.json
		{name: "missing manifest",
			drop:   []string{"gold.json"},
			prefix: "gold.json: ", msg: "no such file"},
		{name: "empty manifest",
			files:  map[string]string{"gold.json": " \n"},
			prefix: "gold.json: ", msg: "empty file"},
		{name: "missing field",
			files:  map[string]string{"gold.json": manifestWith(t, `"license"`, "")},
			prefix: "gold.json:1: ", msg: `missing field "license"`},
		{name: "missing field, brace on line 2",
			files:  map[string]string{"gold.json": "\n" + manifestWith(t, `"source"`, "")},
			prefix: "gold.json:2: ", msg: `missing field "source"`},
		{name: "unknown key",
			files:  map[string]string{"gold.json": manifestWith(t, `"exhaustive"`, `  "exhaustiv": true`)},
			prefix: "gold.json:8: ", msg: `unknown key "exhaustiv"`},
		{name: "repeated key",
			files:  map[string]string{"gold.json": manifestWith(t, `"exhaustive"`, `  "exhaustive": false, "name": "u"`)},
			prefix: "gold.json:8: ", msg: `key "name" repeated (first on line 2)`},
		{name: "wrong type",
			files:  map[string]string{"gold.json": manifestWith(t, `"positive"`, `  "positive": "dup",`)},
			prefix: "gold.json:6: ", msg: `"positive" must be a list of strings`},
		{name: "wrong element type, on its own line",
			files:  map[string]string{"gold.json": manifestWith(t, `"negative"`, "  \"negative\": [\n    \"non\",\n    7\n  ],")},
			prefix: "gold.json:9: ", msg: `"negative" must be a list of strings`},
		{name: "null",
			files:  map[string]string{"gold.json": manifestWith(t, `"negative"`, `  "negative": null,`)},
			prefix: "gold.json:7: ", msg: `"negative" must be a list of strings, not null`},
		{name: "not a boolean",
			files:  map[string]string{"gold.json": manifestWith(t, `"exhaustive"`, `  "exhaustive": "yes"`)},
			prefix: "gold.json:8: ", msg: `"exhaustive" must be true or false`},
		{name: "empty string",
			files:  map[string]string{"gold.json": manifestWith(t, `"name"`, `  "name": " ",`)},
			prefix: "gold.json:2: ", msg: `"name" is empty`},
		{name: "no positive label",
			files:  map[string]string{"gold.json": manifestWith(t, `"positive"`, `  "positive": [],`)},
			prefix: "gold.json:6: ", msg: `"positive" is empty`},
		{name: "label both positive and negative",
			files:  map[string]string{"gold.json": manifestWith(t, `"negative"`, `  "negative": ["non", "dup"],`)},
			prefix: "gold.json:7: ", msg: `label "dup" is both positive and negative`},
		{name: "label with a tab",
			files:  map[string]string{"gold.json": manifestWith(t, `"negative"`, `  "negative": ["non", "a\tb"],`)},
			prefix: "gold.json:7: ", msg: `label "a\tb" in "negative" holds a tab`},
		{name: "syntax error",
			files:  map[string]string{"gold.json": manifestWith(t, `"license"`, `  "license": "CC0-1.0"`)},
			prefix: "gold.json:6: ", msg: "invalid JSON: invalid character '\"' after object key:value pair"},
		{name: "unterminated",
			files:  map[string]string{"gold.json": strings.TrimSuffix(testManifest, "}\n")},
			prefix: "gold.json:8: ", msg: "invalid JSON: unexpected end of JSON input"}, // the last line
		{name: "not an object",
			files:  map[string]string{"gold.json": "\n[\"dup\"]\n"},
			prefix: "gold.json:2: ", msg: "want a JSON object"},
		{name: "invalid UTF-8 in gold.json",
			files:  map[string]string{"gold.json": manifestWith(t, `"source"`, "  \"source\": \"caf\xe9\",")},
			prefix: "gold.json:4: ", msg: "invalid UTF-8: byte 0xe9 at column 17"},

		// docs/
		{name: "invalid UTF-8 in a document",
			files:  map[string]string{"docs/b.txt": "beta\ntwo \xff three\n"},
			prefix: "docs/b.txt:2: ", msg: "invalid UTF-8: byte 0xff at column 5"},
		{name: "truncated UTF-8 sequence",
			files:  map[string]string{"docs/b.txt": "beta\n\n\xe0\xa4"},
			prefix: "docs/b.txt:3: ", msg: "invalid UTF-8: byte 0xe0 at column 1"},
		{name: "empty document file",
			files:  map[string]string{"docs/c.txt": ""},
			prefix: "docs/c.txt: ", msg: "empty document"},
		{name: "document of only a byte order mark",
			files:  map[string]string{"docs/c.txt": "\ufeff"},
			prefix: "docs/c.txt: ", msg: "empty document"},
		{name: "duplicate id in docs/",
			files:  map[string]string{"docs/a.md": "alpha again"},
			prefix: "docs/a.txt: ", msg: `document id "a" is also given by docs/a.md`},
		{name: "docs is a file",
			files:  map[string]string{"docs": "a b c"},
			drop:   allDocs,
			prefix: "docs: ", msg: "not a directory"},
		{name: "both docs/ and docs.jsonl",
			files:  map[string]string{"docs.jsonl": jsonlABC},
			prefix: "docs.jsonl: ", msg: "both docs/ and docs.jsonl are present"},
		{name: "no documents",
			drop:   allDocs,
			prefix: "docs: ", msg: "no documents: neither a docs/ directory nor a docs.jsonl file"},

		// docs.jsonl
		{name: "invalid UTF-8 in docs.jsonl",
			files:  map[string]string{"docs.jsonl": strings.Replace(jsonlABC, "beta", "be\xffta", 1)},
			drop:   allDocs,
			prefix: "docs.jsonl:2: ", msg: "invalid UTF-8: byte 0xff at column 24"}, // after `{"id": "b", "text": "be`
		{name: "duplicate id in docs.jsonl",
			files:  map[string]string{"docs.jsonl": jsonlABC + `{"id": "a", "text": "alpha again"}` + "\n"},
			drop:   allDocs,
			prefix: "docs.jsonl:4: ", msg: `duplicate id "a" (first on line 1)`},
		{name: "empty id",
			files:  map[string]string{"docs.jsonl": jsonlABC + `{"id": "", "text": "nobody"}` + "\n"},
			drop:   allDocs,
			prefix: "docs.jsonl:4: ", msg: "empty id"},
		{name: "id with a tab",
			files:  map[string]string{"docs.jsonl": jsonlABC + `{"id": "d\te", "text": "delta"}` + "\n"},
			drop:   allDocs,
			prefix: "docs.jsonl:4: ", msg: `id "d\te" holds a tab or a line break`},
		{name: "empty text",
			files:  map[string]string{"docs.jsonl": jsonlABC + "\n" + `{"id": "d", "text": ""}` + "\n"},
			drop:   allDocs,
			prefix: "docs.jsonl:5: ", msg: "empty document"},
		{name: "unknown key in docs.jsonl",
			files:  map[string]string{"docs.jsonl": jsonlABC + `{"id": "d", "txt": "delta"}` + "\n"},
			drop:   allDocs,
			prefix: "docs.jsonl:4: ", msg: `unknown key "txt" (the keys are id and text)`, n: 2},
		{name: "text not a string",
			files:  map[string]string{"docs.jsonl": jsonlABC + `{"id": "d", "text": ["delta"]}` + "\n"},
			drop:   allDocs,
			prefix: "docs.jsonl:4: ", msg: `"text" must be a string`},
		{name: "line not an object",
			files:  map[string]string{"docs.jsonl": jsonlABC + "null\n"},
			drop:   allDocs,
			prefix: "docs.jsonl:4: ", msg: "want a JSON object"},
		{name: "bad JSON line",
			files:  map[string]string{"docs.jsonl": `{"id": "d", "text": "delta"` + "\n" + jsonlABC},
			drop:   allDocs,
			prefix: "docs.jsonl:1: ", msg: "invalid JSON: unexpected end of JSON input"},
		{name: "two objects on a line",
			files:  map[string]string{"docs.jsonl": strings.Replace(jsonlABC, "\n", " ", 1)},
			drop:   allDocs,
			prefix: "docs.jsonl:1: ", msg: "invalid JSON: invalid character '{' after top-level value"},
		{name: "no documents in docs.jsonl",
			files:  map[string]string{"docs.jsonl": "\n\n"},
			drop:   allDocs,
			prefix: "docs.jsonl: ", msg: "no documents in the file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(testFS(tt.files, tt.drop...), ".")
			if err == nil {
				t.Fatalf("Load = %d docs, %d pairs, want an error %q", len(s.Docs), len(s.Pairs), tt.prefix+tt.msg)
			}
			if s != nil {
				t.Errorf("Load returned a Set with its error")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load error is a %T, want an ErrorList", err)
			}
			want := max(tt.n, 1)
			if len(list) != want {
				t.Errorf("Load gave %d errors, want %d:\n%v", len(list), want, err)
			}
			got := list[0].Error()
			if !strings.HasPrefix(got, tt.prefix) || !strings.Contains(got, tt.msg) {
				t.Errorf("Load error = %q, want %q...%q", got, tt.prefix, tt.msg)
			}
		})
	}
}

func TestLoadAllErrors(t *testing.T) {
	// Three bad lines among good ones: all three are reported, in order.
	fsys := testFS(map[string]string{"pairs.tsv": "a\tb\tlabel\n" +
		"a\tz\tdup\n" + // 2: unknown id
		"a\tb\tdup\n" +
		"b\tb\tnon\n" + // 4: self pair
		"a\tc\tnope\n" + // 5: undeclared label
		"b\tc\tnon\n"})
	want := []string{
		`pairs.tsv:2: unknown document id "z"`,
		`pairs.tsv:4: pair of document "b" with itself`,
		`pairs.tsv:5: label "nope" is not declared in gold.json (positive: dup; negative: non)`,
	}
	_, err := Load(fsys, ".")
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("Load errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Problems in every file are reported together: manifest, documents,
	// then labels.
	fsys = testFS(map[string]string{
		"gold.json":  manifestWith(t, `"license"`, ""),
		"docs/b.txt": "",
		"pairs.tsv":  "a\tb\tlabel\na\tb\tdup\nc\tq\tnon\n",
	})
	want = []string{
		`gold.json:1: missing field "license"`,
		`docs/b.txt: empty document`,
		`pairs.tsv:3: unknown document id "q"`,
	}
	_, err = Load(fsys, ".")
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("Load errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadTooManyErrors(t *testing.T) {
	const bad = maxErrors + 10
	var b strings.Builder
	b.WriteString("a\tb\tlabel\n")
	for range bad {
		b.WriteString("a\tz\tdup\n")
	}
	_, err := Load(testFS(map[string]string{"pairs.tsv": b.String()}), ".")
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load error = %v, want an ErrorList", err)
	}
	if len(list) != maxErrors+1 {
		t.Fatalf("Load gave %d errors for %d bad lines, want %d", len(list), bad, maxErrors+1)
	}
	if got, want := list[maxErrors-1].Error(), `pairs.tsv:51: unknown document id "z"`; got != want {
		t.Errorf("last error = %q, want %q", got, want)
	}
	if got, want := list[maxErrors].Error(), "pairs.tsv: too many errors"; got != want {
		t.Errorf("final entry = %q, want %q", got, want)
	}
}

// errorStrings returns the messages of the ErrorList err.
func errorStrings(err error) []string {
	var list ErrorList
	if !errors.As(err, &list) {
		return []string{"not an ErrorList: " + err.Error()}
	}
	s := make([]string, len(list))
	for i, e := range list {
		s[i] = e.Error()
	}
	return s
}

func TestLoadAccepts(t *testing.T) {
	// Windows line endings, byte order marks, comments and blank lines, files
	// that are not documents in docs/, and no "exhaustive" key.
	fsys := testFS(map[string]string{
		"gold.json":      "\ufeff" + strings.Replace(manifestWith(t, `"exhaustive"`, ""), `["non"],`, `["non"]`, 1),
		"docs/a.txt":     "\ufeffalpha\r\none\r\n",
		"docs/.DS_Store": "\x00\xff",
		"docs/sub/d.txt": "not a document",
		"docs/b":         "beta two",
		"pairs.tsv":      "\ufeffa\tb\tlabel\r\n# a comment\r\n\r\na\tb\tdup\r\n   \r\nc\ta\tnon",
	}, "docs/b.txt")
	s, err := Load(fsys, ".")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	wantDocs := []Doc{{"a", "alpha\r\none\r\n"}, {"b", "beta two"}, {"c", "gamma three\n"}}
	if !slices.Equal(s.Docs, wantDocs) {
		t.Errorf("Docs = %q, want %q", s.Docs, wantDocs)
	}
	wantPairs := []Pair{{0, 1, "dup"}, {0, 2, "non"}}
	if !slices.Equal(s.Pairs, wantPairs) {
		t.Errorf("Pairs = %v, want %v", s.Pairs, wantPairs)
	}
	if s.Manifest.Exhaustive {
		t.Errorf("Exhaustive = true without the key, want false")
	}
	if len(s.Warnings) != 0 {
		t.Errorf("Warnings = %q, want none", s.Warnings)
	}

	// docs.jsonl with a byte order mark, blank lines and CRLF.
	fsys = testFS(map[string]string{
		"docs.jsonl": "\ufeff\r\n" + strings.ReplaceAll(jsonlABC, "\n", "\r\n\r\n") + `{"text": "line\r\nbreak", "id": "d"}`,
	}, allDocs...)
	s, err = Load(fsys, ".")
	if err != nil {
		t.Fatalf("Load with docs.jsonl: %v", err)
	}
	wantDocs = []Doc{{"a", "alpha one"}, {"b", "beta two"}, {"c", "gamma three"}, {"d", "line\r\nbreak"}}
	if !slices.Equal(s.Docs, wantDocs) {
		t.Errorf("Docs = %q, want %q", s.Docs, wantDocs)
	}
}

func TestLoadWarnings(t *testing.T) {
	fsys := testFS(map[string]string{
		"pairs.tsv": "a\tb\tlabel\na\tb\tdup\na\tc\tnon\nb\ta\tdup\n",
		"gold.json": manifestWith(t, `"negative"`, `  "negative": ["non", "non"],`),
	})
	s, err := Load(fsys, ".")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []string{
		`gold.json:7: label "non" repeated in "negative"`,
		"pairs.tsv:4: pair a b repeated with the same label (first on line 2)",
	}
	if !slices.Equal(s.Warnings, want) {
		t.Errorf("Warnings = %q, want %q", s.Warnings, want)
	}
	if len(s.Pairs) != 2 {
		t.Errorf("len(Pairs) = %d, want 2", len(s.Pairs))
	}
}

func TestLoadSubdirectory(t *testing.T) {
	fsys := make(fstest.MapFS)
	for name, f := range testFS(map[string]string{"pairs.tsv": "a\tb\tlabel\na\tb\tdup\nz\tc\tnon\n"}) {
		fsys["sets/t/"+name] = f
	}
	_, err := Load(fsys, "sets/t")
	want := []string{`sets/t/pairs.tsv:3: unknown document id "z"`}
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("Load(fsys, %q) errors = %q, want %q", "sets/t", got, want)
	}
	_, err = Load(fsys, "sets/u")
	want = []string{"sets/u: no such directory"}
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("Load(fsys, %q) errors = %q, want %q", "sets/u", got, want)
	}
	_, err = Load(fsys, "sets/t/gold.json")
	want = []string{"sets/t/gold.json: not a directory"}
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("Load(fsys, %q) errors = %q, want %q", "sets/t/gold.json", got, want)
	}
	_, err = Load(fsys, "../t")
	want = []string{"../t: not a valid path in the file system"}
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("Load(fsys, %q) errors = %q, want %q", "../t", got, want)
	}
}

// writeSet writes a gold set's files under dir.
func writeSet(t *testing.T, dir string, files map[string]*fstest.MapFile) {
	t.Helper()
	for name, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	writeSet(t, dir, testFS(nil))
	s, err := LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir(%q): %v", dir, err)
	}
	if s.Path != dir || len(s.Docs) != 3 || len(s.Pairs) != 2 {
		t.Errorf("LoadDir(%q) = Path %q, %d docs, %d pairs; want %q, 3, 2", dir, s.Path, len(s.Docs), len(s.Pairs), dir)
	}

	bad := t.TempDir()
	writeSet(t, bad, testFS(map[string]string{
		"docs/b.txt": "b\xffeta",
		"pairs.tsv":  "a\tb\tlabel\na\tb\tdup\na\tq\tnon\n",
	}))
	_, err = LoadDir(bad)
	want := []string{
		filepath.Join(bad, "docs", "b.txt") + ":1: invalid UTF-8: byte 0xff at column 2",
		filepath.Join(bad, "pairs.tsv") + `:3: unknown document id "q"`,
	}
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("LoadDir(%q) errors:\n%s\nwant:\n%s", bad, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	missing := filepath.Join(bad, "nothing")
	_, err = LoadDir(missing)
	want = []string{missing + ": no such directory"}
	if got := errorStrings(err); !slices.Equal(got, want) {
		t.Errorf("LoadDir(%q) errors = %q, want %q", missing, got, want)
	}
}

func TestClusters(t *testing.T) {
	docs := map[string]string{"docs/d.txt": "delta", "docs/e.txt": "epsilon"}
	with := func(files map[string]string) map[string]string {
		m := maps.Clone(docs)
		for k, v := range files {
			m[k] = v
		}
		return m
	}
	const clusters = "id\tcluster\na\tx\nb\tx\nc\tx\nd\ty\n" // e is in no cluster

	// clusters.tsv alone: the three pairs of cluster x, none from y.
	s, err := Load(testFS(with(map[string]string{"clusters.tsv": clusters}), "pairs.tsv"), ".")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []Pair{{0, 1, "dup"}, {0, 2, "dup"}, {1, 2, "dup"}}
	if !slices.Equal(s.Pairs, want) {
		t.Errorf("Pairs from clusters.tsv = %v, want %v", s.Pairs, want)
	}

	// With pairs.tsv: its positive label is kept for a pair in a cluster,
	// and its other pairs are added.
	s, err = Load(testFS(with(map[string]string{
		"clusters.tsv": clusters,
		"pairs.tsv":    "a\tb\tlabel\nd\te\tnon\nb\ta\tcut\n",
		"gold.json":    manifestWith(t, `"positive"`, `  "positive": ["dup", "cut"],`),
	})), ".")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want = []Pair{{0, 1, "cut"}, {0, 2, "dup"}, {1, 2, "dup"}, {3, 4, "non"}}
	if !slices.Equal(s.Pairs, want) {
		t.Errorf("Pairs from clusters.tsv and pairs.tsv = %v, want %v", s.Pairs, want)
	}
	if got := s.NumPositive(); got != 3 {
		t.Errorf("NumPositive() = %d, want 3", got)
	}

	tests := []struct {
		name  string
		files map[string]string
		drop  []string
		want  []string
	}{
		{name: "negative label for a pair in a cluster",
			files: map[string]string{"clusters.tsv": clusters, "pairs.tsv": "a\tb\tlabel\nd\te\tnon\nc\tb\tnon\n"},
			want:  []string{`pairs.tsv:3: pair b c labelled "non", a negative label, but clusters.tsv:3 and clusters.tsv:4 put both in cluster "x"`}},
		{name: "unknown id",
			files: map[string]string{"clusters.tsv": clusters + "q\ty\n"},
			drop:  []string{"pairs.tsv"},
			want:  []string{`clusters.tsv:6: unknown document id "q"`}},
		{name: "id listed twice",
			files: map[string]string{"clusters.tsv": clusters + "\n# again\na\ty\n"},
			drop:  []string{"pairs.tsv"},
			want:  []string{`clusters.tsv:8: document "a" listed twice (first on line 2)`}},
		{name: "wrong field count",
			files: map[string]string{"clusters.tsv": clusters + "e\ty\tz\n"},
			drop:  []string{"pairs.tsv"},
			want:  []string{"clusters.tsv:6: want 2 tab-separated fields (id, cluster), got 3"}},
		{name: "empty cluster",
			files: map[string]string{"clusters.tsv": clusters + "e\t\n"},
			drop:  []string{"pairs.tsv"},
			want:  []string{"clusters.tsv:6: empty cluster name"}},
		{name: "bad header",
			files: map[string]string{"clusters.tsv": "doc\tcluster\na\tx\nb\tx\n"},
			drop:  []string{"pairs.tsv"},
			want:  []string{`clusters.tsv:1: header is "doc\tcluster", want "id\tcluster"`}},
		{name: "only clusters of one",
			files: map[string]string{"clusters.tsv": "id\tcluster\na\tx\nb\ty\n"},
			drop:  []string{"pairs.tsv"},
			want:  []string{"clusters.tsv: no labelled pairs"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(testFS(with(tt.files), tt.drop...), ".")
			if err == nil {
				t.Fatalf("Load succeeded, want %q", tt.want)
			}
			if got := errorStrings(err); !slices.Equal(got, tt.want) {
				t.Errorf("Load errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{File: "p/pairs.tsv", Line: 3, Msg: "bad"}, "p/pairs.tsv:3: bad"},
		{&Error{File: "p/pairs.tsv", Msg: "empty file"}, "p/pairs.tsv: empty file"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q, want %q", tt.err, got, tt.want)
		}
	}
	list := ErrorList{tests[0].err, tests[1].err}
	if got, want := list.Error(), "p/pairs.tsv:3: bad\np/pairs.tsv: empty file"; got != want {
		t.Errorf("ErrorList.Error() = %q, want %q", got, want)
	}
	var e *Error
	if !errors.As(error(list), &e) || e != tests[0].err {
		t.Errorf("errors.As(ErrorList, *Error) = %v, want the first error", e)
	}
}

func TestLineReader(t *testing.T) {
	type line struct {
		text string
		long bool
	}
	tests := []struct {
		in   string
		want []line
	}{
		{"", nil},
		{"\n", []line{{"", false}}},
		{"\ufeffabcd\r\ncdefgh\n\nij", []line{{"abcd", false}, {"", true}, {"", false}, {"ij", false}}},
		{"abcd\r\nabcde\r\n", []line{{"abcd", false}, {"", true}}},
		{"abcde", []line{{"", true}}},
		{"x\ufeff\n\ufeffy", []line{{"x\ufeff", false}, {"\ufeffy", false}}}, // only a leading BOM goes
		{"a\rb\n", []line{{"a\rb", false}}},
	}
	const max = 4
	for _, tt := range tests {
		lr := newLineReader(strings.NewReader(tt.in), max)
		var got []line
		for {
			text, long, ok := lr.next()
			if !ok {
				break
			}
			got = append(got, line{string(text), long})
			if lr.n != len(got) {
				t.Errorf("%q: line %d numbered %d", tt.in, len(got), lr.n)
			}
		}
		if !slices.Equal(got, tt.want) || lr.err != nil {
			t.Errorf("lines of %q = %+v, %v, want %+v, nil", tt.in, got, lr.err, tt.want)
		}
	}
}

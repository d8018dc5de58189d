package gold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadBadDocuments checks that a repeated id and an empty or blank text
// are errors naming the file and line (docs.jsonl) or the files (docs/),
// reported all at once, the same by Load, LoadDir and LoadDirStream, and by
// the fast path of docs.jsonl as by the slow one.
func TestLoadBadDocuments(t *testing.T) {
	// slow is a line the fast path (decodeDocLine) declines, for the
	// "\u0069" in its key, but that means the same as the line
	// {"id": id, "text": text}.
	slow := func(id, text string) string { return `{"\u0069d": "` + id + `", "text": "` + text + `"}` }
	fast := func(id, text string) string { return `{"id": "` + id + `", "text": "` + text + `"}` }
	jsonl := func(lines ...string) map[string]string {
		return map[string]string{"docs.jsonl": strings.Join(lines, "\n") + "\n"}
	}
	tests := []struct {
		name  string
		files map[string]string // replacing or added to testFiles
		jsonl bool              // drop docs/ for docs.jsonl
		want  []string          // the errors, with "{set}/" before each file
	}{
		{name: "docs.jsonl: repeated id, fast path",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), fast("c", "gamma"), fast("a", "alpha again")),
			jsonl: true,
			want:  []string{`{set}/docs.jsonl:4: duplicate id "a" (first on line 1)`}},
		{name: "docs.jsonl: repeated id, slow path",
			files: jsonl(slow("a", "alpha"), slow("b", "beta"), slow("c", "gamma"), slow("a", "alpha again")),
			jsonl: true,
			want:  []string{`{set}/docs.jsonl:4: duplicate id "a" (first on line 1)`}},
		{name: "docs.jsonl: repeated id, fast then slow path, the id escaped",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), fast("c", "gamma"), slow(`\u0061`, "alpha again")),
			jsonl: true,
			want:  []string{`{set}/docs.jsonl:4: duplicate id "a" (first on line 1)`}},
		{name: "docs.jsonl: every problem at once",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), fast("b", "beta again"), fast("c", "gamma"),
				fast("a", "alpha again"), fast("d", " "), slow("e", ""), fast("c", `\t`)),
			jsonl: true,
			want: []string{
				`{set}/docs.jsonl:3: duplicate id "b" (first on line 2)`,
				`{set}/docs.jsonl:5: duplicate id "a" (first on line 1)`,
				`{set}/docs.jsonl:6: blank document: only white space`,
				`{set}/docs.jsonl:7: empty document`,
				`{set}/docs.jsonl:8: blank document: only white space`,
				`{set}/docs.jsonl:8: duplicate id "c" (first on line 4)`,
			}},
		{name: "docs.jsonl: empty text",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), fast("c", "")),
			jsonl: true,
			want:  []string{`{set}/docs.jsonl:3: empty document`}},
		{name: "docs.jsonl: spaces, fast path",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), fast("c", "   ")),
			jsonl: true,
			want:  []string{`{set}/docs.jsonl:3: blank document: only white space`}},
		{name: "docs.jsonl: escaped line breaks and tabs, slow path",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), slow("c", `\r\n\t \n`)),
			jsonl: true,
			want:  []string{`{set}/docs.jsonl:3: blank document: only white space`}},
		{name: "docs.jsonl: NBSP, ideographic space, line separator",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), fast("c", "\u00a0\u3000\u2028\u0085")),
			jsonl: true,
			want:  []string{`{set}/docs.jsonl:3: blank document: only white space`}},
		{name: "docs.jsonl: a zero width space is not white space",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), fast("c", " \u200b ")),
			jsonl: true},
		{name: "docs.jsonl: a byte order mark inside the text is not white space",
			files: jsonl(fast("a", "alpha"), fast("b", "beta"), fast("c", `\ufeff`)),
			jsonl: true},

		{name: "docs/: two files give one id",
			files: map[string]string{"docs/a.md": "alpha again"},
			want:  []string{`{set}/docs/a.txt: document id "a" is also given by {set}/docs/a.md`}},
		{name: "docs/: a file without an extension and one with",
			files: map[string]string{"docs/b": "beta again"},
			want:  []string{`{set}/docs/b.txt: document id "b" is also given by {set}/docs/b`}},
		{name: "docs/: empty file",
			files: map[string]string{"docs/c.txt": ""},
			want:  []string{`{set}/docs/c.txt: empty document`}},
		{name: "docs/: spaces and line breaks",
			files: map[string]string{"docs/c.txt": " \r\n\t\n"},
			want:  []string{`{set}/docs/c.txt: blank document: only white space`}},
		{name: "docs/: a byte order mark and NBSP",
			files: map[string]string{"docs/c.txt": "\ufeff\u00a0\n"},
			want:  []string{`{set}/docs/c.txt: blank document: only white space`}},
		{name: "docs/: every problem at once",
			files: map[string]string{"docs/a.md": "alpha again", "docs/b.txt": "\u2003", "docs/c.txt": ""},
			want: []string{
				`{set}/docs/a.txt: document id "a" is also given by {set}/docs/a.md`,
				`{set}/docs/b.txt: blank document: only white space`,
				`{set}/docs/c.txt: empty document`,
			}},
		{name: "docs/: a zero width joiner is not white space",
			files: map[string]string{"docs/c.txt": "\u200d\n"}},
	}
	for _, tt := range tests {
		var drop []string
		if tt.jsonl {
			drop = allDocs
		}
		fsys := testFS(tt.files, drop...)
		dir := filepath.Join(t.TempDir(), "set")
		for name, f := range fsys {
			file := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		loads := []struct {
			how  string
			set  string // what stands for {set} in LoadDir's names
			load func() (*Set, error)
		}{
			{"Load", "", func() (*Set, error) {
				sub := make(fstest.MapFS)
				for name, f := range fsys {
					sub["x/"+name] = f
				}
				return Load(sub, "x")
			}},
			{"LoadDir", dir, func() (*Set, error) { return LoadDir(dir) }},
			{"LoadDirStream", dir, func() (*Set, error) {
				return LoadDirStream(dir, func(int, string) error { return nil })
			}},
		}
		for _, l := range loads {
			var want []string
			for _, w := range tt.want {
				if l.how == "Load" {
					want = append(want, strings.ReplaceAll(w, "{set}/", "x/"))
				} else {
					want = append(want, filepath.FromSlash(strings.ReplaceAll(w, "{set}", l.set)))
				}
			}
			s, err := l.load()
			switch {
			case err == nil && want != nil:
				t.Errorf("%s: %s = %d documents, want errors:\n%s", tt.name, l.how, len(s.Docs), strings.Join(want, "\n"))
			case err != nil && want == nil:
				t.Errorf("%s: %s: %v, want no error", tt.name, l.how, err)
			case err != nil:
				if got := errorStrings(err); !slices.Equal(got, want) {
					t.Errorf("%s: %s errors:\n%s\nwant:\n%s", tt.name, l.how, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
		}
	}
}

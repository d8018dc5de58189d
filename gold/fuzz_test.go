package gold

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// seedsJSONL returns the documents of the embedded seeds set as docs.jsonl,
// each cut to its first n bytes (rounded down to whole characters) if n > 0.
func seedsJSONL(t testing.TB, n int) []byte {
	var b bytes.Buffer
	for i := range 5 {
		id := "00" + string(rune('0'+i))
		text, err := fs.ReadFile(embedded, "seeds/docs/"+id+".txt")
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 && len(text) > n {
			text = text[:n]
			for !utf8.Valid(text) {
				text = text[:len(text)-1]
			}
		}
		line, err := json.Marshal(map[string]string{"id": id, "text": string(text)})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func seedFile(t testing.TB, name string) []byte {
	data, err := fs.ReadFile(embedded, "seeds/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// FuzzLoad loads sets made of a fuzzed gold.json, docs.jsonl, pairs.tsv and
// clusters.tsv (absent when empty). Load must not panic, and must return
// either a Set that keeps the promises of its type or an ErrorList whose
// every entry names a file.
func FuzzLoad(f *testing.F) {
	// The whole seeds documents make each run slow enough that minimizing
	// an input takes the fuzzer minutes, so most seeds cut them short.
	manifest, jsonl, pairs := seedFile(f, "gold.json"), seedsJSONL(f, 200), seedFile(f, "pairs.tsv")
	f.Add(manifest, seedsJSONL(f, 0), pairs, []byte(nil))
	f.Add(manifest, jsonl, pairs, []byte(nil))
	f.Add(manifest, jsonl, pairs, []byte("id\tcluster\n000\tx\n002\tx\n001\ty\n"))
	f.Add(manifest, jsonl, []byte("a\tb\tlabel\n000\t002\tunrelated\n"), []byte("id\tcluster\n000\tx\n002\tx\n"))
	f.Add(manifest, jsonl, bytes.ReplaceAll(pairs, []byte("\n"), []byte("\r\n")), []byte(nil))
	f.Add(manifest, jsonl, []byte("a\tb\tlabel\n000\t001\tdupe\n000\t000\tduplicate\n000\t009\trelated\n001\t000\tunrelated\n"), []byte(nil))
	f.Add(bytes.Replace(manifest, []byte(`"license"`), []byte(`"licence"`), 1), jsonl, pairs, []byte(nil))
	f.Add([]byte(`{"positive": ["1"], "negative": null, "exhaustive": 1}`), []byte("{\"id\": \"\xff\"}\n\n[]\n"), []byte(""), []byte("id\tcluster\n"))
	f.Add([]byte("\ufeff{\n}"), []byte("\ufeff{\"id\":\"000\",\"text\":\"\"}\r\n"), []byte("a\tb\tlabel"), []byte("x"))
	f.Add(manifest, append(slices.Clone(jsonl), "{\"id\":\"000\",\"text\":\" \\n\"}\n{\"id\":\"005\",\"text\":\"\u00a0\"}\n"...), pairs, []byte(nil))
	f.Fuzz(func(t *testing.T, manifest, jsonl, pairs, clusters []byte) {
		fsys := fstest.MapFS{
			"gold.json":  {Data: manifest},
			"docs.jsonl": {Data: jsonl},
			"pairs.tsv":  {Data: pairs},
		}
		if len(clusters) > 0 {
			fsys["clusters.tsv"] = &fstest.MapFile{Data: clusters}
		}
		s, err := Load(fsys, ".")
		if err != nil {
			if s != nil {
				t.Errorf("Load returned a Set with its error %v", err)
			}
			checkErrors(t, err)
			return
		}
		checkSet(t, s)
	})
}

// FuzzDocFile loads a set whose document a.txt is fuzzed: it must load
// exactly when the file, less a leading byte order mark, is UTF-8 and not
// blank (IsBlank), and then its text must be those bytes.
func FuzzDocFile(f *testing.F) {
	first, _, _ := bytes.Cut(seedFile(f, "docs/000.txt"), []byte("\n")) // short, so the fuzzer can minimize fast
	f.Add(first)
	f.Add([]byte("\ufeffline\r\n"))
	f.Add([]byte("\ufeff"))
	f.Add([]byte("ok\n\xe0\xa4"))
	f.Add([]byte("\xed\xa0\x80"))      // an encoded surrogate, which is not UTF-8
	f.Add([]byte("\ufeff \u00a0\r\n")) // blank
	f.Add([]byte("\u200b"))            // not blank
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"gold.json":  {Data: []byte(testManifest)},
			"docs/a.txt": {Data: data},
			"docs/b.txt": {Data: []byte("beta")},
			"pairs.tsv":  {Data: []byte("a\tb\tlabel\na\tb\tdup\n")},
		}
		text := bytes.TrimPrefix(data, []byte("\ufeff"))
		valid := utf8.Valid(text) && !IsBlank(string(text))
		s, err := Load(fsys, ".")
		if !valid {
			if err == nil {
				t.Fatalf("Load accepted document %q", data)
			}
			checkErrors(t, err)
			var list ErrorList
			errors.As(err, &list)
			if len(list) != 1 || list[0].File != "docs/a.txt" {
				t.Errorf("Load(document %q) errors = %v, want one error in docs/a.txt", data, err)
			}
			if n := bytes.Count(data, []byte("\n")) + 1; list[0].Line > n {
				t.Errorf("error on line %d of a document of %d lines", list[0].Line, n)
			}
			return
		}
		if err != nil {
			t.Fatalf("Load(document %q): %v", data, err)
		}
		checkSet(t, s)
		if s.Docs[0].Text != string(text) {
			t.Errorf("Text = %q, want %q", s.Docs[0].Text, text)
		}
	})
}

// checkErrors checks that err is a non-empty ErrorList whose every entry
// names a file and says something.
func checkErrors(t *testing.T, err error) {
	t.Helper()
	list, ok := err.(ErrorList)
	if !ok {
		t.Fatalf("Load error is a %T, want an ErrorList: %v", err, err)
	}
	if len(list) == 0 || len(list) > maxErrors+1 {
		t.Errorf("Load gave %d errors, want 1 to %d", len(list), maxErrors+1)
	}
	for _, e := range list {
		if e == nil || e.File == "" || e.Msg == "" || e.Line < 0 {
			t.Errorf("bad entry %#v in ErrorList", e)
		}
	}
}

// checkSet checks the promises of the Set type.
func checkSet(t *testing.T, s *Set) {
	t.Helper()
	m := s.Manifest
	if len(m.Positive) == 0 {
		t.Errorf("no positive label")
	}
	for _, field := range []string{m.Name, m.Description, m.Source, m.License} {
		if strings.TrimSpace(field) == "" {
			t.Errorf("empty manifest field in %+v", m)
		}
	}
	for _, label := range m.Negative {
		if slices.Contains(m.Positive, label) {
			t.Errorf("label %q both positive and negative", label)
		}
	}
	if len(s.Docs) == 0 {
		t.Errorf("no documents")
	}
	for i, d := range s.Docs {
		if i > 0 && s.Docs[i-1].ID >= d.ID {
			t.Errorf("Docs not sorted by ID or ID repeated: %q then %q", s.Docs[i-1].ID, d.ID)
		}
		if d.ID == "" || IsBlank(d.Text) || !utf8.ValidString(d.Text) || !utf8.ValidString(d.ID) {
			t.Errorf("bad document %q: %q", d.ID, d.Text)
		}
		if j, ok := s.Index(d.ID); j != i || !ok {
			t.Errorf("Index(%q) = %d, %v, want %d, true", d.ID, j, ok, i)
		}
	}
	if len(s.Pairs) == 0 {
		t.Errorf("no labelled pairs")
	}
	for i, p := range s.Pairs {
		if p.A < 0 || p.A >= p.B || p.B >= len(s.Docs) {
			t.Fatalf("bad pair %v of %d documents", p, len(s.Docs))
		}
		if i > 0 && comparePairs(s.Pairs[i-1], p) >= 0 {
			t.Errorf("Pairs not sorted or pair repeated: %v then %v", s.Pairs[i-1], p)
		}
		if !slices.Contains(m.Positive, p.Label) && !slices.Contains(m.Negative, p.Label) {
			t.Errorf("pair %v has undeclared label %q", p, p.Label)
		}
		if got, ok := s.Label(p.B, p.A); got != p.Label || !ok {
			t.Errorf("Label(%d, %d) = %q, %v, want %q, true", p.B, p.A, got, ok, p.Label)
		}
	}
	if s.Clusters == nil {
		return
	}
	if len(s.Clusters) != len(s.Docs) {
		t.Fatalf("%d documents but %d cluster memberships", len(s.Docs), len(s.Clusters))
	}
	// Pairs lists every pair inside a cluster, with a positive label.
	var inside int64
	for _, p := range s.Pairs {
		if k := s.Clusters[p.A]; k >= 0 && k == s.Clusters[p.B] {
			inside++
			if !slices.Contains(m.Positive, p.Label) {
				t.Errorf("pair %v inside cluster %d has a negative label", p, k)
			}
		}
	}
	if want := s.NumClusterPairs(); inside != want {
		t.Errorf("Pairs lists %d pairs inside a cluster, want NumClusterPairs() = %d", inside, want)
	}
}

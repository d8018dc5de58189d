package importer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The counts SOURCE.md of the corpus gives, checked there by reading the
// files: categories, and per task (cut, light, heavy, non).
var (
	cloughCounts  = map[string]int{"cut": 19, "light": 19, "heavy": 19, "non": 38}
	cloughPerTask = map[string][4]int{
		"a": {4, 3, 3, 9},
		"b": {3, 3, 4, 9},
		"c": {3, 4, 5, 7},
		"d": {4, 5, 4, 6},
		"e": {5, 4, 3, 7},
	}
)

const (
	cloughDocs      = 100 // 95 answers and 5 source texts
	cloughPairs     = 95  // one for each answer
	cloughRedecoded = 17  // files that are not UTF-8
)

func TestClough(t *testing.T) {
	dir := datasets(t, "clough-stevenson-2011")
	s, rep := importOK(t, "clough", dir)

	if rep.Format != "clough" || rep.Source != dir {
		t.Errorf("Report Format, Source = %q, %q, want %q, %q", rep.Format, rep.Source, "clough", dir)
	}
	if len(s.Docs) != cloughDocs || rep.Docs != cloughDocs {
		t.Errorf("%d documents (report: %d), want %d", len(s.Docs), rep.Docs, cloughDocs)
	}
	if len(s.Pairs) != cloughPairs || rep.Pairs != cloughPairs || rep.Rows != cloughPairs {
		t.Errorf("%d pairs (report: %d pairs of %d rows), want %d", len(s.Pairs), rep.Pairs, rep.Rows, cloughPairs)
	}
	wantCounts := []LabelCount{{"cut", cloughCounts["cut"]}, {"light", cloughCounts["light"]}, {"heavy", cloughCounts["heavy"]}, {"non", cloughCounts["non"]}}
	if !slices.Equal(rep.Counts, wantCounts) {
		t.Errorf("Report.Counts = %v, want %v", rep.Counts, wantCounts)
	}
	for label, n := range labelCounts(s) {
		if n != cloughCounts[label] {
			t.Errorf("%d pairs labelled %q, want %d", n, label, cloughCounts[label])
		}
	}
	perTask := make(map[string][4]int)
	for _, p := range s.Pairs {
		a, b := s.Docs[p.A].ID, s.Docs[p.B].ID
		if !strings.HasPrefix(b, "orig_task") || strings.HasPrefix(a, "orig_task") {
			t.Errorf("pair %s %s is not of an answer and a source text", a, b)
			continue
		}
		task := strings.TrimPrefix(b, "orig_task")
		if !strings.HasSuffix(a, "_task"+task) {
			t.Errorf("answer %s is paired with the source of task %s", a, task)
		}
		n := perTask[task]
		n[slices.Index(cloughCategories, p.Label)]++
		perTask[task] = n
	}
	for task, want := range cloughPerTask {
		if perTask[task] != want {
			t.Errorf("task %s: cut, light, heavy, non = %v, want %v", task, perTask[task], want)
		}
	}
	if len(rep.Redecoded) != cloughRedecoded {
		t.Errorf("%d files re-decoded, want %d: %q", len(rep.Redecoded), cloughRedecoded, rep.Redecoded)
	}
	if len(rep.Duplicates)+len(rep.Conflicts)+len(rep.Skipped) > 0 {
		t.Errorf("dropped rows: %q %q %q, want none", rep.Duplicates, rep.Conflicts, rep.Skipped)
	}
	for _, id := range []string{"g2pE_taskc", "g4pD_taskb"} {
		if !slices.ContainsFunc(rep.Notes, func(n string) bool { return strings.HasPrefix(n, id+" (cut)") }) {
			t.Errorf("Report.Notes does not name the known miss %s: %q", id, rep.Notes)
		}
		if !strings.Contains(s.Manifest.Description, id) {
			t.Errorf("the description does not name the known miss %s", id)
		}
	}
	if s.Manifest.Exhaustive || !slices.Equal(s.Manifest.Positive, []string{"cut", "light", "heavy"}) || !slices.Equal(s.Manifest.Negative, []string{"non"}) {
		t.Errorf("manifest labels %v %v, exhaustive %v, want [cut light heavy] [non], false", s.Manifest.Positive, s.Manifest.Negative, s.Manifest.Exhaustive)
	}

	// Rows read by hand from file_information.csv: the first, the last,
	// and the two known misses.
	for _, c := range []struct{ answer, source, label string }{
		{"g0pA_taska", "orig_taska", "non"},
		{"g0pA_taskb", "orig_taskb", "cut"},
		{"g4pE_taskc", "orig_taskc", "cut"},
		{"g4pE_taske", "orig_taske", "non"},
		{"g2pE_taskc", "orig_taskc", "cut"},
		{"g4pD_taskb", "orig_taskb", "cut"},
	} {
		if got := pairLabel(t, s, c.answer, c.source); got != c.label {
			t.Errorf("pair %s %s labelled %q, want %q", c.answer, c.source, got, c.label)
		}
	}

	// A UTF-8 file is kept byte for byte, mixed line endings and all.
	raw, err := os.ReadFile(filepath.Join(dir, cloughCorpus, "orig_taska.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, s, "orig_taska"); got != string(raw) {
		t.Errorf("orig_taska is not the bytes of its file")
	}
	// g1pB_taska.txt is not UTF-8: byte 0x92 in "It\x92s objective" is a
	// right single quotation mark in Windows-1252.
	if !slices.Contains(rep.Redecoded, cloughCorpus+"/g1pB_taska.txt") {
		t.Errorf("Report.Redecoded does not list g1pB_taska.txt: %q", rep.Redecoded)
	}
	if got := text(t, s, "g1pB_taska"); !strings.Contains(got, "It\u2019s objective") {
		t.Errorf("g1pB_taska does not hold %q", "It\u2019s objective")
	}
	checkRoundTrip(t, s)
}

// cloughFiles are a small corpus in the layout of the real one.
var cloughFiles = map[string]string{
	"corpus-20090418/orig_taska.txt": "the source text\r\n",
	"corpus-20090418/orig_taskb.txt": "another source text",
	"corpus-20090418/g0pA_taska.txt": "an answer",
	"corpus-20090418/g0pA_taskb.txt": "caf\xe9 \x93quoted\x94", // Windows-1252
	"corpus-20090418/g0pB_taska.txt": "\ufeffa third answer",
	"file_information.csv": "File,Group,Person,Task,Category,Native English\r\n" +
		"g0pA_taska.txt,0,A,a,heavy,native\r\n" +
		"g0pA_taskb.txt,0,A,b,cut,native\r\n",
}

// cloughFS returns cloughFiles with the given files replaced or added, and
// those set to "-" removed.
func cloughFS(change map[string]string) fstest.MapFS {
	fsys := make(fstest.MapFS)
	for name, data := range cloughFiles {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, data := range change {
		if data == "-" {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	return fsys
}

func TestCloughSmall(t *testing.T) {
	csv := "File,Task,Category\n" +
		"g0pA_taska.txt,a,heavy\n" +
		"g0pA_taskb.txt,b,cut\n" +
		"g0pA_taska.txt,a,heavy\n" + // repeats line 2
		"g0pB_taska.txt,a,light\n" +
		"g0pB_taska.txt,a,non\n" + // conflicts with line 5
		"orig_taska.txt,a,cut\n" // a self pair
	s, rep, err := importClough(cloughFS(map[string]string{"file_information.csv": csv}), "corp")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Docs), 5; got != want {
		t.Errorf("%d documents, want %d", got, want)
	}
	if got, want := len(s.Pairs), 2; got != want {
		t.Errorf("%d pairs, want %d", got, want)
	}
	for _, c := range []struct{ a, b, label string }{{"g0pA_taska", "orig_taska", "heavy"}, {"orig_taskb", "g0pA_taskb", "cut"}} {
		if got := pairLabel(t, s, c.a, c.b); got != c.label {
			t.Errorf("pair %s %s labelled %q, want %q", c.a, c.b, got, c.label)
		}
	}
	csvName := filepath.Join("corp", "file_information.csv")
	want := &Report{
		Format: "clough", Source: "corp", Rows: 6,
		Counts:     []LabelCount{{"cut", 2}, {"light", 1}, {"heavy", 2}, {"non", 1}},
		Docs:       5,
		Pairs:      2,
		Redecoded:  []string{"corpus-20090418/g0pA_taskb.txt"},
		Duplicates: []string{csvName + ":4: pair g0pA_taska orig_taska repeats line 2 with the same label heavy; dropped"},
		Conflicts:  []string{csvName + ":6: pair g0pB_taska orig_taska labelled non here and light at line 5; the pair is dropped"},
		Skipped:    []string{csvName + ":7: pair of document orig_taska with itself (File is the source text of its own task); skipped"},
	}
	if rep.String() != want.String() {
		t.Errorf("report:\n%s\nwant:\n%s", rep, want)
	}
	if got, want := text(t, s, "g0pA_taskb"), "café “quoted”"; got != want {
		t.Errorf("the Windows-1252 text = %q, want %q", got, want)
	}
	if got, want := text(t, s, "g0pB_taska"), "a third answer"; got != want {
		t.Errorf("the text with a byte order mark = %q, want %q", got, want)
	}
	if got, want := text(t, s, "orig_taska"), "the source text\r\n"; got != want {
		t.Errorf("the text with CRLF = %q, want %q", got, want)
	}
	checkRoundTrip(t, s)
}

// TestCloughErrors imports broken corpora: each error names the file and
// the line.
func TestCloughErrors(t *testing.T) {
	csvName := filepath.Join("corp", "file_information.csv")
	for _, c := range []struct {
		name   string
		change map[string]string
		file   string
		line   int
		msg    string
	}{
		{"unknown category", map[string]string{"file_information.csv": "File,Task,Category\ng0pA_taska.txt,a,heavy\ng0pA_taskb.txt,b,copied\n"},
			csvName, 3, `unknown category "copied"`},
		{"missing answer", map[string]string{"corpus-20090418/g0pA_taskb.txt": "-"},
			csvName, 3, "no file corpus-20090418/g0pA_taskb.txt"},
		{"missing source", map[string]string{"corpus-20090418/orig_taskb.txt": "-"},
			csvName, 3, "no source text corpus-20090418/orig_taskb.txt"},
		{"task of another file", map[string]string{"file_information.csv": "File,Task,Category\ng0pA_taska.txt,b,heavy\n"},
			csvName, 2, `the file g0pA_taska.txt is of task "a"`},
		{"short row", map[string]string{"file_information.csv": "File,Task,Category\ng0pA_taska.txt,a\n"},
			csvName, 2, "wrong number of fields"},
		{"bad quote", map[string]string{"file_information.csv": "File,Task,Category\ng0pA_taska.txt,a,heavy\n\"g0pA\"x,b,cut\n"},
			csvName, 3, `extraneous or missing " in quoted-field`},
		{"no Category", map[string]string{"file_information.csv": "File,Task,Label\ng0pA_taska.txt,a,heavy\n"},
			csvName, 1, `no column "Category"`},
		{"path in File", map[string]string{"file_information.csv": "File,Task,Category\n../x/g0pA_taska.txt,a,heavy\n"},
			csvName, 2, "want the name of a text of the corpus"},
		{"no rows", map[string]string{"file_information.csv": "File,Task,Category\n"},
			csvName, 0, "no rows"},
		{"empty CSV", map[string]string{"file_information.csv": ""},
			csvName, 0, "empty file"},
		{"no CSV", map[string]string{"file_information.csv": "-"},
			csvName, 0, "no such file"},
		{"empty text", map[string]string{"corpus-20090418/g0pA_taska.txt": ""},
			filepath.Join("corp", "corpus-20090418", "g0pA_taska.txt"), 0, "empty document"},
		{"blank text", map[string]string{"corpus-20090418/g0pA_taska.txt": " \r\n\t\u3000\r\n"},
			filepath.Join("corp", "corpus-20090418", "g0pA_taska.txt"), 0, "blank document: only white space"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _, err := importClough(cloughFS(c.change), "corp")
			if err == nil || s != nil {
				t.Fatalf("no error")
			}
			wantError(t, err, c.file, c.line, c.msg)
		})
	}
}

// TestCloughUnlisted imports a corpus with an answer that the CSV does not
// list: it is a document in no pair, and a note says so.
func TestCloughUnlisted(t *testing.T) {
	s, rep, err := importClough(cloughFS(nil), "corp")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Index("g0pB_taska"); !ok {
		t.Errorf("no document g0pB_taska")
	}
	want := []string{"1 answer not in file_information.csv, so in no labelled pair: g0pB_taska"}
	if !slices.Equal(rep.Notes, want) {
		t.Errorf("Report.Notes = %q, want %q", rep.Notes, want)
	}
}

package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/internal/sharedtest"
)

// realStart returns the start of the file rel of ../shared/datasets, cut
// after the n-th occurrence of sep and followed by end, or nil if the file
// is not there, so that the fuzz targets are seeded with real input where
// it is at hand. With SIMBENCH_REQUIRE_SHARED=1, a missing file fails the
// test (package sharedtest).
func realStart(tb testing.TB, rel, sep string, n int, end string) []byte {
	tb.Helper()
	file, ok := sharedtest.Find(tb, "datasets/"+rel)
	if !ok {
		return nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	cut := 0
	for range n {
		i := bytes.Index(data[cut:], []byte(sep))
		if i < 0 {
			return data
		}
		cut += i + len(sep)
	}
	return append(data[:cut:cut], end...)
}

// checkErrors checks that err is an ErrorList of one to maxErrors+1
// problems, each naming file.
func checkErrors(t *testing.T, err error, file string) {
	t.Helper()
	var list gold.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v is a %T, want a gold.ErrorList", err, err)
	}
	if len(list) == 0 || len(list) > maxErrors+1 {
		t.Errorf("%d errors, want 1 to %d", len(list), maxErrors+1)
	}
	for _, e := range list {
		if e == nil || e.File != file || e.Line < 0 || e.Msg == "" {
			t.Errorf("bad entry %#v in the ErrorList, want one naming %s", e, file)
		}
	}
}

// checkImport checks the promises of an import's result: a valid set, which
// gold.Write would accept, and a report that agrees with it.
func checkImport(t *testing.T, s *gold.Set, rep *Report) {
	t.Helper()
	m := s.Manifest
	for _, field := range []string{m.Name, m.Description, m.Source, m.License} {
		if strings.TrimSpace(field) == "" || !utf8.ValidString(field) {
			t.Errorf("bad manifest field in %+v", m)
		}
	}
	all := labels(m)
	if len(m.Positive) == 0 {
		t.Errorf("no positive label")
	}
	for i, label := range all {
		if label == "" || strings.ContainsAny(label, "\t\r\n") || slices.Contains(all[:i], label) {
			t.Errorf("bad or repeated label %q", label)
		}
	}
	for i, d := range s.Docs {
		if i > 0 && s.Docs[i-1].ID >= d.ID {
			t.Errorf("documents not sorted by id, or an id repeated: %q then %q", s.Docs[i-1].ID, d.ID)
		}
		if d.ID == "" || strings.ContainsAny(d.ID, "\t\r\n") || !utf8.ValidString(d.ID) {
			t.Errorf("bad id %q", d.ID)
		}
		if gold.IsBlank(d.Text) || !utf8.ValidString(d.Text) || strings.HasPrefix(d.Text, "\ufeff") {
			t.Errorf("bad text of %s: %q", d.ID, d.Text)
		}
	}
	if len(s.Pairs) == 0 {
		t.Errorf("no labelled pairs")
	}
	for i, p := range s.Pairs {
		if p.A < 0 || p.A >= p.B || p.B >= len(s.Docs) {
			t.Fatalf("bad pair %v of %d documents", p, len(s.Docs))
		}
		if i > 0 && (s.Pairs[i-1].A > p.A || s.Pairs[i-1].A == p.A && s.Pairs[i-1].B >= p.B) {
			t.Errorf("pairs not sorted, or a pair repeated: %v then %v", s.Pairs[i-1], p)
		}
		if !slices.Contains(all, p.Label) {
			t.Errorf("pair %v has an undeclared label", p)
		}
	}
	n := 0
	for i, c := range rep.Counts {
		if c.Label != all[i] {
			t.Errorf("Report.Counts %v not in the order of the labels %v", rep.Counts, all)
		}
		n += c.N
	}
	if n != rep.Rows || rep.Docs != len(s.Docs) || rep.Pairs != len(s.Pairs) {
		t.Errorf("report: %d rows, %v, %d documents, %d pairs; the set has %d documents and %d pairs",
			rep.Rows, rep.Counts, rep.Docs, rep.Pairs, len(s.Docs), len(s.Pairs))
	}
	// Each pair needs a row of its own, and each repeated or skipped row
	// is one row. (A conflict may be about a sentence rather than a row.)
	if used := rep.Pairs + len(rep.Duplicates) + len(rep.Skipped); used > rep.Rows {
		t.Errorf("%d pairs, %d repeated and %d skipped rows: more than the %d rows", rep.Pairs,
			len(rep.Duplicates), len(rep.Skipped), rep.Rows)
	}
}

// FuzzDPIL imports fuzzed DPIL files: no panic, and either a valid set or
// errors naming the file.
func FuzzDPIL(f *testing.F) {
	if real := realStart(f, "dpil-2016-hindi/dpil-Hindi-train-Task2.xml", "</Paraphrase>", 3, "</Corpus></Data>"); real != nil {
		f.Add(real)
	}
	f.Add([]byte(dpilXML("AmritaCEN_DPIL.HIN.TASK2",
		[4]string{"H1", "एक वाक्य।", "एक वाक्य। ", "P"},
		[4]string{"H2", "दो &amp; तीन", "एक वाक्य।", "NP"},
		[4]string{"H3", "एक वाक्य। ", "एक वाक्य।", "P"},
		[4]string{"H4", "<![CDATA[दो & तीन]]>", "चार", "SP"},
		[4]string{"H5", "चार", "दो &amp; तीन", "NP"},
		[4]string{"H6", "चार", "चार", "P"},
		[4]string{"H7", "", "चार", "NP"})))
	f.Add([]byte("<Data><Paraphrase><Sentence1>a\r\nb</Sentence1><Sentence2>a\nb</Sentence2><Class> P </Class></Paraphrase></Data>"))
	f.Add([]byte("<Data><Paraphrase pID='x'><Sentence1>a<b/></Sentence1><Paraphrase/></Paraphrase></Data>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, rep, err := importDPIL("f.xml", bytes.NewReader(data))
		if err != nil {
			if s != nil || rep != nil {
				t.Errorf("a set or a report returned with the error %v", err)
			}
			checkErrors(t, err, "f.xml")
			return
		}
		checkImport(t, s, rep)
		width := len(s.Docs[0].ID) - 1
		for i, d := range s.Docs {
			if want := fmt.Sprintf("s%0*d", width, i+1); d.ID != want {
				t.Errorf("document %d has id %q, want %q", i, d.ID, want)
			}
		}
	})
}

// FuzzMSRP imports fuzzed MSRP files: no panic, and either a valid set,
// with numeric ids, or errors naming the file.
func FuzzMSRP(f *testing.F) {
	if real := realStart(f, "msrp/msr_paraphrase_test.txt", "\n", 5, ""); real != nil {
		f.Add(real)
	}
	f.Add([]byte("\ufeff" + msrpHeader + "\r\n" +
		"1\t10\t20\tOne \"quoted\" sentence.\tThe same, said again.\r\n" +
		"0\t20\t30\tThe same, said again.\tSomething else.\r\n" +
		"\r\n" +
		"1\t20\t10\tThe same, said again.\tOne \"quoted\" sentence.\r\n" +
		"1\t30\t20\tSomething else.\tThe same, said again.\r\n" +
		"1\t40\t40\tAlone.\tAlone.\r\n" +
		"0\t60\t70\tSixty, but not the same.\tSeventy.\r\n" +
		"1\t80\t90\t\tNinety.\r\n"))
	f.Add([]byte(msrpHeader + "\n1\t3\t4\tC\xff.\n2\tx\t4\tC.\tD.\tE.\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, rep, err := importMSRP("f.txt", bytes.NewReader(data))
		if err != nil {
			if s != nil || rep != nil {
				t.Errorf("a set or a report returned with the error %v", err)
			}
			checkErrors(t, err, "f.txt")
			return
		}
		checkImport(t, s, rep)
		for _, d := range s.Docs {
			if !numeric.MatchString(d.ID) {
				t.Errorf("id %q is not a number", d.ID)
			}
		}
	})
}

// FuzzCloughCSV reads fuzzed file_information.csv files: no panic, and
// either good rows or errors naming the file. A corpus holding every text
// the rows name then imports to a valid set, or to the error that no pair
// is left.
func FuzzCloughCSV(f *testing.F) {
	if real := realStart(f, "clough-stevenson-2011/file_information.csv", "\n", 6, ""); real != nil {
		f.Add(real)
	}
	f.Add([]byte(cloughFiles["file_information.csv"]))
	f.Add([]byte("\ufeffFile,Task,Category\n" +
		"g0pA_taska.txt,a,heavy\n" +
		"g0pA_taska.txt,a,heavy\n" +
		"g0pB_taska.txt, a ,light\n" +
		"g0pB_taska.txt,a,non\n" +
		"orig_taska.txt,a,cut\n"))
	f.Add([]byte("File,Task,Category\n\"g0\"\"pA\",b,cut\nx.txt,a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := parseCloughCSV("f.csv", bytes.NewReader(data))
		if err != nil {
			if rows != nil {
				t.Errorf("rows returned with the error %v", err)
			}
			checkErrors(t, err, "f.csv")
			return
		}
		fsys := fstest.MapFS{cloughCSV: {Data: data}}
		for i, r := range rows {
			if i > 0 && r.line <= rows[i-1].line || r.line < 2 {
				t.Errorf("row on line %d after line %d", r.line, rows[i-1].line)
			}
			if !slices.Contains(cloughCategories, r.category) || !cloughFileName.MatchString(r.file) || !cloughTask.MatchString(r.task) {
				t.Errorf("bad row %+v", r)
			}
			fsys[cloughCorpus+"/"+r.file] = &fstest.MapFile{Data: []byte("text of " + r.file)}
			fsys[cloughCorpus+"/orig_task"+r.task+".txt"] = &fstest.MapFile{Data: []byte("source of task " + r.task)}
		}
		s, rep, err := importClough(fsys, "c")
		if err != nil {
			if !strings.Contains(err.Error(), "no labelled pairs") {
				t.Fatalf("importing a corpus with every file the rows name: %v", err)
			}
			return
		}
		checkImport(t, s, rep)
		if rep.Rows != len(rows) {
			t.Errorf("Report.Rows = %d, want the %d rows read", rep.Rows, len(rows))
		}
	})
}

// cloughFileName matches the File of a good row.
var cloughFileName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}\.txt$`)

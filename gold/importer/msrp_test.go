package importer

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
)

// The counts SOURCE.md of MSRP gives, checked there by reading the files.
var msrpCases = []struct {
	file     string
	name     string
	pos, neg int
	docs     int // distinct sentence ids
}{
	{"msr_paraphrase_train.txt", "msrp-train", 2753, 1323, 7817},
	{"msr_paraphrase_test.txt", "msrp-test", 1147, 578, 3395},
}

func TestMSRP(t *testing.T) {
	dir := datasets(t, "msrp")
	for _, c := range msrpCases {
		t.Run(c.file, func(t *testing.T) {
			s, rep := importOK(t, "msrp", filepath.Join(dir, c.file))
			rows := c.pos + c.neg
			if rep.Rows != rows || !slices.Equal(rep.Counts, []LabelCount{{"1", c.pos}, {"0", c.neg}}) {
				t.Errorf("Report.Rows, Counts = %d, %v, want %d, [{1 %d} {0 %d}]", rep.Rows, rep.Counts, rows, c.pos, c.neg)
			}
			if n := labelCounts(s); n["1"] != c.pos || n["0"] != c.neg || len(s.Pairs) != rows || rep.Pairs != rows {
				t.Errorf("pairs: %d (report: %d), %v, want %d: 1 %d, 0 %d", len(s.Pairs), rep.Pairs, n, rows, c.pos, c.neg)
			}
			if len(s.Docs) != c.docs || rep.Docs != c.docs {
				t.Errorf("%d documents (report: %d), want %d", len(s.Docs), rep.Docs, c.docs)
			}
			if len(rep.Duplicates)+len(rep.Conflicts)+len(rep.Skipped) > 0 {
				t.Errorf("dropped rows: %q %q %q, want none", rep.Duplicates, rep.Conflicts, rep.Skipped)
			}
			if s.Manifest.Name != c.name || !strings.Contains(s.Manifest.License, "NON-COMMERCIAL") {
				t.Errorf("manifest name %q, licence %q; want %q and a licence saying NON-COMMERCIAL", s.Manifest.Name, s.Manifest.License, c.name)
			}
			checkRoundTrip(t, s)
		})
	}
}

// TestMSRPRows checks rows of msr_paraphrase_test.txt read by hand: the
// first, the first negative (line 5), and the last, whose sentences hold
// quotation marks.
func TestMSRPRows(t *testing.T) {
	s, rep := importOK(t, "msrp", datasets(t, "msrp")) // the directory stands for the test file
	if want := filepath.Join(datasets(t, "msrp"), "msr_paraphrase_test.txt"); rep.Source != want {
		t.Errorf("Report.Source = %q, want %q", rep.Source, want)
	}
	for _, c := range []struct{ a, b, label, textA, textB string }{
		{"1089874", "1089925", "1",
			"PCCW's chief operating officer, Mike Butcher, and Alex Arena, the chief financial officer, will report directly to Mr So.",
			"Current Chief Operating Officer Mike Butcher and Group Chief Financial Officer Alex Arena will report to So."},
		{"1430402", "1430329", "0",
			"A tropical storm rapidly developed in the Gulf of Mexico Sunday and was expected to hit somewhere along the Texas or Louisiana coasts by Monday night.",
			"A tropical storm rapidly developed in the Gulf of Mexico on Sunday and could have hurricane-force winds when it hits land somewhere along the Louisiana coast Monday night."},
		{"2136244", "2136052", "1",
			`Sobig.F spreads when unsuspecting computer users open file attachments in emails that contain such familiar headings as "Thank You!," "Re: Details" or "Re: That Movie."`,
			`The virus spreads when unsuspecting computer users open file attachments in emails that contain familiar headings like "Thank You!" and "Re: Details".`},
	} {
		if got := pairLabel(t, s, c.a, c.b); got != c.label {
			t.Errorf("pair %s %s labelled %q, want %q", c.a, c.b, got, c.label)
		}
		if text(t, s, c.a) != c.textA || text(t, s, c.b) != c.textB {
			t.Errorf("texts of %s, %s = %q, %q, want %q, %q", c.a, c.b, text(t, s, c.a), text(t, s, c.b), c.textA, c.textB)
		}
	}
}

func TestMSRPSmall(t *testing.T) {
	data := "\ufeff" + msrpHeader + "\r\n" +
		"1\t10\t20\tOne \"quoted\" sentence.\tThe same, said again.\r\n" + // line 2
		"0\t20\t30\tThe same, said again.\tSomething else.\r\n" + // line 3
		"\r\n" + // line 4, blank
		"1\t20\t10\tThe same, said again.\tOne \"quoted\" sentence.\r\n" + // line 5: repeats line 2
		"1\t30\t20\tSomething else.\tThe same, said again.\r\n" + // line 6: conflicts with line 3
		"1\t40\t40\tAlone.\tAlone.\r\n" + // line 7: a self pair
		"0\t50\t60\tFifty.\tSixty.\r\n" + // line 8
		"0\t60\t70\tSixty, but not the same.\tSeventy.\r\n" + // line 9: 60 has two texts
		"1\t80\t90\t\tNinety.\r\n" + // line 10: an empty sentence
		"0\t90\t91\tNinety.\tNinety.\r\n" // line 11: two ids, one text
	s, rep, err := importMSRP("m.txt", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	wantDocs := []gold.Doc{{ID: "10", Text: `One "quoted" sentence.`}, {ID: "20", Text: "The same, said again."},
		{ID: "30", Text: "Something else."}, {ID: "40", Text: "Alone."}, {ID: "50", Text: "Fifty."},
		{ID: "70", Text: "Seventy."}, {ID: "90", Text: "Ninety."}, {ID: "91", Text: "Ninety."}}
	if !slices.Equal(s.Docs, wantDocs) {
		t.Errorf("Docs = %q, want %q", s.Docs, wantDocs)
	}
	wantPairs := []gold.Pair{{A: 0, B: 1, Label: "1"}, {A: 6, B: 7, Label: "0"}}
	if !slices.Equal(s.Pairs, wantPairs) {
		t.Errorf("Pairs = %v, want %v", s.Pairs, wantPairs)
	}
	want := &Report{
		Format: "msrp", Source: "m.txt", Rows: 9,
		Counts:     []LabelCount{{"1", 5}, {"0", 4}},
		Docs:       8,
		Pairs:      2,
		Duplicates: []string{"m.txt:5: pair 10 20 repeats line 2 with the same label 1; dropped"},
		Conflicts: []string{
			"m.txt:6: pair 20 30 labelled 1 here and 0 at line 3; the pair is dropped",
			"m.txt:9: sentence 60 has another text here than at line 8; the document and the 2 rows naming it (lines 8 and 9) are dropped",
		},
		Skipped: []string{
			"m.txt:7: pair of document 40 with itself (#1 ID and #2 ID are the same); skipped",
			"m.txt:8: sentence 60 has two texts (see the conflicts); skipped",
			"m.txt:9: sentence 60 has two texts (see the conflicts); skipped",
			"m.txt:10: a sentence is empty; skipped",
		},
		Notes: []string{"sentences 90 (line 10) and 91 (line 11) have the same text; they stay separate documents"},
	}
	if rep.String() != want.String() {
		t.Errorf("report:\n%s\nwant:\n%s", rep, want)
	}
	if s.Manifest.Name != "msrp" {
		t.Errorf("Manifest.Name = %q, want %q", s.Manifest.Name, "msrp")
	}
	checkRoundTrip(t, s)
}

// TestMSRPErrors imports broken files: each error names the file and the
// line.
func TestMSRPErrors(t *testing.T) {
	const good = "1\t1\t2\tA.\tB.\n"
	for _, c := range []struct {
		name string
		data string
		line int
		msg  string
	}{
		{"4 fields", msrpHeader + "\n" + good + "1\t3\t4\tC.\n", 3, "want 5 tab-separated fields (Quality, #1 ID, #2 ID, #1 String, #2 String), got 4"},
		{"6 fields", msrpHeader + "\n" + "1\t3\t4\tC.\tD.\tE.\n", 2, "got 6"},
		{"bad quality", msrpHeader + "\n" + good + "2\t3\t4\tC.\tD.\n", 3, `Quality is "2", want 1 (a paraphrase) or 0 (not one)`},
		{"bad id", msrpHeader + "\n" + good + "1\t3\tx4\tC.\tD.\n", 3, `#2 ID is "x4", want a sentence id, a number`},
		{"not UTF-8", msrpHeader + "\n" + good + "1\t3\t4\tC\xff.\tD.\n", 3, "invalid UTF-8 at column 8"},
		{"wrong header", "Quality,#1 ID,#2 ID,#1 String,#2 String\n" + good, 1, "header is"},
		{"no header", good, 1, "header is"},
		{"empty", "", 0, "empty file"},
		{"no rows", msrpHeader + "\n\n", 0, "no rows after the header"},
		{"all dropped", msrpHeader + "\n1\t1\t1\tA.\tA.\n", 0, "no labelled pairs: all 1 rows are dropped"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _, err := importMSRP("m.txt", strings.NewReader(c.data))
			if err == nil || s != nil {
				t.Fatalf("no error")
			}
			wantError(t, err, "m.txt", c.line, c.msg)
		})
	}
}

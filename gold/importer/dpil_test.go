package importer

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
)

// dpilCase is what SOURCE.md of the DPIL data says of one of its files,
// checked there by reading it, and what was counted with Python's
// xml.etree.ElementTree, comparing sentences exactly as parsed: the rows
// that repeat an earlier row of the same pair (by pID, with the row they
// repeat), those that label a pair otherwise than an earlier row, and those
// whose two sentences are one text.
type dpilCase struct {
	file      string
	name      string
	counts    []LabelCount
	docs      int
	dups      [][2]string // pID, pID of the row it repeats
	conflicts [][2]string
	self      []string
}

var dpilCases = []dpilCase{
	{
		file:   "dpil-Hindi-train-Task1.xml",
		name:   "dpil-hindi-task1",
		counts: []LabelCount{{"P", 1000}, {"NP", 1500}},
		docs:   2822,
		dups:   [][2]string{{"HIN1186", "HIN1082"}},
		self:   []string{"HIN0215"},
	},
	{
		file:      "dpil-Hindi-train-Task2.xml",
		name:      "dpil-hindi-task2",
		counts:    []LabelCount{{"P", 1000}, {"SP", 1000}, {"NP", 1500}},
		docs:      4759,
		dups:      [][2]string{{"HIN1702", "HIN1646"}, {"HIN2186", "HIN2082"}},
		conflicts: [][2]string{{"HIN1037", "HIN0169"}},
		self:      []string{"HIN0215"},
	},
}

func TestDPIL(t *testing.T) {
	dir := datasets(t, "dpil-2016-hindi")
	for _, c := range dpilCases {
		t.Run(c.file, func(t *testing.T) {
			file := filepath.Join(dir, c.file)
			s, rep := importOK(t, "dpil", file)
			rows := 0
			for _, lc := range c.counts {
				rows += lc.N
			}
			// A conflict drops the row it names and the first row of its
			// pair.
			pairs := rows - len(c.dups) - 2*len(c.conflicts) - len(c.self)
			if rep.Rows != rows || !slices.Equal(rep.Counts, c.counts) {
				t.Errorf("Report.Rows, Counts = %d, %v, want %d, %v", rep.Rows, rep.Counts, rows, c.counts)
			}
			if len(s.Docs) != c.docs || rep.Docs != c.docs {
				t.Errorf("%d documents (report: %d), want %d", len(s.Docs), rep.Docs, c.docs)
			}
			if len(s.Pairs) != pairs || rep.Pairs != pairs {
				t.Errorf("%d pairs (report: %d), want %d", len(s.Pairs), rep.Pairs, pairs)
			}
			if s.Manifest.Name != c.name {
				t.Errorf("Manifest.Name = %q, want %q", s.Manifest.Name, c.name)
			}
			var labels []string
			for _, lc := range c.counts {
				labels = append(labels, lc.Label)
			}
			if !slices.Equal(s.Manifest.Positive, labels[:1]) || !slices.Equal(s.Manifest.Negative, labels[1:]) || s.Manifest.Exhaustive {
				t.Errorf("manifest labels %v %v, exhaustive %v, want %v %v, false",
					s.Manifest.Positive, s.Manifest.Negative, s.Manifest.Exhaustive, labels[:1], labels[1:])
			}
			checkDropped(t, "Duplicates", rep.Duplicates, c.dups, "%s: pair s[0-9]+ s[0-9]+ repeats line [0-9]+ \\(%s\\)")
			checkDropped(t, "Conflicts", rep.Conflicts, c.conflicts, "%s: pair s[0-9]+ s[0-9]+ labelled [A-Z]+ here and [A-Z]+ at line [0-9]+ \\(%s\\)")
			var self [][2]string
			for _, id := range c.self {
				self = append(self, [2]string{id, ""})
			}
			checkDropped(t, "Skipped", rep.Skipped, self, "%s: pair of document s[0-9]+ with itself%s")

			// The first and the last rows, read by hand from the file.
			// The last Sentence1 ends in a no-break space, kept.
			first1 := "भारतीय मुस्लिमों की वजह से नहीं पनप सकता आईएस|"
			first2 := "भारत में कभी वर्चस्व कायम नहीं कर सकता आईएस|"
			last1 := "सुप्रीम कोर्ट के इस आदेश का असर यूपी के 6 पूर्व मुख्यमंत्रियों पर पड़ेगा।\u00a0"
			last2 := "कोर्ट के ऑर्डर के बाद इस सभी को 2 महीने में सरकारी बंगला खाली करना होगा।"
			if text(t, s, "s0001") != first1 || text(t, s, "s0002") != first2 {
				t.Errorf("s0001, s0002 = %q, %q, want the sentences of HIN0001 %q, %q", text(t, s, "s0001"), text(t, s, "s0002"), first1, first2)
			}
			if got := pairLabel(t, s, "s0001", "s0002"); got != "P" {
				t.Errorf("HIN0001 labelled %q, want P", got)
			}
			a, b := docWithText(t, s, last1), docWithText(t, s, last2)
			if got := pairLabel(t, s, a, b); got != "NP" {
				t.Errorf("the last row labelled %q, want NP", got)
			}
			// HIN0182 ends in "\r\n\r\n", which XML reads as "\n\n".
			if !slices.ContainsFunc(s.Docs, func(d gold.Doc) bool { return strings.HasSuffix(d.Text, "रहे थे।\n\n") }) {
				t.Errorf("no sentence ends in %q (HIN0182)", "रहे थे।\n\n")
			}
			for _, d := range s.Docs {
				if strings.Contains(d.Text, "\r") {
					t.Errorf("%s holds a CR: %q", d.ID, d.Text)
				}
			}
			checkRoundTrip(t, s)
		})
	}
}

// checkDropped checks that the list of dropped rows what has one entry for
// each of want, matching pattern filled in with its two strings.
func checkDropped(t *testing.T, what string, got []string, want [][2]string, pattern string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("Report.%s = %q, want %d entries", what, got, len(want))
	}
	for _, w := range want {
		re := regexp.MustCompile(fmt.Sprintf(pattern, w[0], w[1]))
		if !slices.ContainsFunc(got, re.MatchString) {
			t.Errorf("Report.%s = %q, want one matching %q", what, got, re)
		}
	}
}

// docWithText returns the id of the one document of s whose text is text.
func docWithText(t *testing.T, s *gold.Set, text string) string {
	t.Helper()
	var ids []string
	for _, d := range s.Docs {
		if d.Text == text {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("%d documents with the text %q, want 1", len(ids), text)
	}
	return ids[0]
}

// dpilXML returns a DPIL file of the given <Paraphrase> elements, each
// given as pID, sentence 1, sentence 2 and class, one a line from line 2.
func dpilXML(name string, rows ...[4]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Data name=%q><Corpus domain=\"NEWS\"><Language>Hindi</Language>", name)
	for _, r := range rows {
		fmt.Fprintf(&b, "\n<Paraphrase pID=%q><Sentence1>%s</Sentence1><Sentence2>%s</Sentence2><Class>%s</Class></Paraphrase>", r[0], r[1], r[2], r[3])
	}
	b.WriteString("\n</Corpus></Data>\n")
	return b.String()
}

func TestDPILSmall(t *testing.T) {
	data := dpilXML("AmritaCEN_DPIL.HIN.TASK2",
		[4]string{"H1", "एक वाक्य।", "एक वाक्य। ", "P"},      // line 3: s0001 s0002, differ by a trailing space
		[4]string{"H2", "दो &amp; तीन", "एक वाक्य।", "NP"},   // line 4: s0003 s0001
		[4]string{"H3", "एक वाक्य। ", "एक वाक्य।", "P"},      // line 5: repeats H1
		[4]string{"H4", "<![CDATA[दो & तीन]]>", "चार", "SP"}, // line 6: s0003 s0004
		[4]string{"H5", "चार", "दो &amp; तीन", "NP"},         // line 7: conflicts with H4
		[4]string{"H6", "चार", "चार", "P"},                   // line 8: a self pair
		[4]string{"H7", "", "चार", "NP"},                     // line 9: empty
	)
	s, rep, err := importDPIL("t.xml", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	wantDocs := []gold.Doc{{ID: "s0001", Text: "एक वाक्य।"}, {ID: "s0002", Text: "एक वाक्य। "}, {ID: "s0003", Text: "दो & तीन"}, {ID: "s0004", Text: "चार"}}
	if !slices.Equal(s.Docs, wantDocs) {
		t.Errorf("Docs = %q, want %q", s.Docs, wantDocs)
	}
	wantPairs := []gold.Pair{{A: 0, B: 1, Label: "P"}, {A: 0, B: 2, Label: "NP"}}
	if !slices.Equal(s.Pairs, wantPairs) {
		t.Errorf("Pairs = %v, want %v", s.Pairs, wantPairs)
	}
	want := &Report{
		Format: "dpil", Source: "t.xml", Rows: 7,
		Counts:     []LabelCount{{"P", 3}, {"SP", 1}, {"NP", 3}},
		Docs:       4,
		Pairs:      2,
		Duplicates: []string{"t.xml:5: H3: pair s0001 s0002 repeats line 3 (H1) with the same label P; dropped"},
		Conflicts:  []string{"t.xml:7: H5: pair s0003 s0004 labelled NP here and SP at line 6 (H4); the pair is dropped"},
		Skipped: []string{
			"t.xml:8: H6: pair of document s0004 with itself (<Sentence1> and <Sentence2> are the same text); skipped",
			"t.xml:9: H7: <Sentence1> is empty; skipped",
		},
		Notes: []string{"1 sentence differs from another only in space at the start or the end; kept as separate documents, as the file gives them"},
	}
	if rep.String() != want.String() {
		t.Errorf("report:\n%s\nwant:\n%s", rep, want)
	}
	if s.Manifest.Name != "dpil-hindi-task2" {
		t.Errorf("Manifest.Name = %q, want %q", s.Manifest.Name, "dpil-hindi-task2")
	}
	checkRoundTrip(t, s)
}

// TestDPILErrors imports broken files: each error names the file and the
// line.
func TestDPILErrors(t *testing.T) {
	ok := [4]string{"H1", "a", "b", "P"}
	for _, c := range []struct {
		name string
		data string
		line int
		msg  string
	}{
		{"unclosed element", strings.Replace(dpilXML("x", ok, ok), "</Sentence2>", "", 1), 3, "invalid XML: element <Sentence2> closed by </Paraphrase>"},
		{"unknown class", dpilXML("x", ok, [4]string{"H2", "a", "c", "Q"}), 4, `H2: <Class> is "Q", want P, SP or NP`},
		{"no Sentence2", strings.Replace(dpilXML("x", ok, ok), "<Sentence2>b</Sentence2>", "", 1), 3, "H1: <Paraphrase> has no <Sentence2>"},
		{"two Class", strings.Replace(dpilXML("x", ok), "</Class>", "</Class><Class>P</Class>", 1), 3, "H1: <Paraphrase> holds two <Class>"},
		{"nested element", strings.Replace(dpilXML("x", ok), "<Sentence1>a", "<Sentence1><b>a</b>", 1), 3, "H1: unexpected <b> inside <Sentence1>"},
		{"wrong root", "<?xml version=\"1.0\"?>\n<Corpus></Corpus>", 2, "the root element is <Corpus>, want <Data>"},
		{"no pairs", "<Data>\n</Data>", 0, "no <Paraphrase> elements"},
		{"two roots", dpilXML("x", ok) + "<Data>\n</Data>", 5, "a second root element <Data>"},
		{"empty", "", 0, "no <Paraphrase> elements"},
		{"not UTF-8", dpilXML("x", [4]string{"H1", "\xff", "b", "P"}), 3, "invalid XML: invalid UTF-8"},
		{"unknown entity", dpilXML("x", [4]string{"H1", "&nbsp;", "b", "P"}), 3, "invalid XML: invalid character entity &nbsp;"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _, err := importDPIL("t.xml", strings.NewReader(c.data))
			if err == nil || s != nil {
				t.Fatalf("no error")
			}
			wantError(t, err, "t.xml", c.line, c.msg)
		})
	}
}

// TestDPILDirectory imports a directory, which stands for its Task 2 file.
func TestDPILDirectory(t *testing.T) {
	dir := datasets(t, "dpil-2016-hindi")
	_, rep := importOK(t, "dpil", dir)
	if want := filepath.Join(dir, "dpil-Hindi-train-Task2.xml"); rep.Source != want {
		t.Errorf("Report.Source = %q, want %q", rep.Source, want)
	}
}

package importer

import (
	"slices"
	"strings"
	"testing"

	"github.com/simbench/simbench/gold"
)

// TestBlankSentences imports DPIL and MSRP files with a sentence of white
// space only: its row is skipped, with the reason, and it is no document,
// since gold.Load would reject the set.
func TestBlankSentences(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		imp      func(string, *strings.Reader) (*gold.Set, *Report, error)
		wantDocs int
		skipped  []string
	}{
		{name: "DPIL, NBSP and a space",
			data: dpilXML("AmritaCEN_DPIL.HIN.TASK2",
				[4]string{"H1", "एक वाक्य।", "दो वाक्य।", "P"},
				[4]string{"H2", "\u00a0 ", "एक वाक्य।", "NP"},
				[4]string{"H3", "तीन", "\n\t", "NP"}),
			imp:      func(f string, r *strings.Reader) (*gold.Set, *Report, error) { return importDPIL(f, r) },
			wantDocs: 3,
			skipped: []string{
				"t:4: H2: <Sentence1> is blank (only white space); skipped",
				"t:5: H3: <Sentence2> is blank (only white space); skipped",
			}},
		{name: "MSRP, spaces and an ideographic space",
			data: msrpHeader + "\n" +
				"1\t10\t20\tTen.\tTwenty.\n" +
				"0\t30\t10\t  \tTen.\n" +
				"0\t10\t40\tTen.\t\u3000\n",
			imp:      func(f string, r *strings.Reader) (*gold.Set, *Report, error) { return importMSRP(f, r) },
			wantDocs: 2,
			skipped: []string{
				"t:3: a sentence is blank (only white space); skipped",
				"t:4: a sentence is blank (only white space); skipped",
			}},
	}
	for _, tt := range tests {
		s, rep, err := tt.imp("t", strings.NewReader(tt.data))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(s.Docs) != tt.wantDocs {
			t.Errorf("%s: %d documents %q, want %d", tt.name, len(s.Docs), s.Docs, tt.wantDocs)
		}
		for _, d := range s.Docs {
			if gold.IsBlank(d.Text) {
				t.Errorf("%s: document %s is blank: %q", tt.name, d.ID, d.Text)
			}
		}
		if !slices.Equal(rep.Skipped, tt.skipped) {
			t.Errorf("%s: Report.Skipped = %q, want %q", tt.name, rep.Skipped, tt.skipped)
		}
		checkRoundTrip(t, s)
	}
}

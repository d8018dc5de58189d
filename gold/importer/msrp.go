package importer

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/simbench/simbench/gold/internal/msg"

	"github.com/simbench/simbench/gold"
)

// msrpHeader is the first line of an MSRP file, after its byte order mark.
const msrpHeader = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"

// msrpTest is the file a directory stands for: the test split, on which
// results on the corpus are reported.
const msrpTest = "msr_paraphrase_test.txt"

// MSRP imports the Microsoft Research Paraphrase Corpus from path, the file
// msr_paraphrase_train.txt or msr_paraphrase_test.txt, or a directory
// holding msr_paraphrase_test.txt, which it then reads. The package doc
// describes the format and how it maps onto a gold set.
func MSRP(path string) (*gold.Set, *Report, error) {
	if isDir(path) {
		path = filepath.Join(path, msrpTest)
	}
	f, err := openFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return importMSRP(path, f)
}

// msrpRow is a row of an MSRP file.
type msrpRow struct {
	line         int
	quality      string // "1" or "0"
	id1, id2     string // strings of ASCII digits
	text1, text2 string
}

// parseMSRP reads the rows of an MSRP file, which the caller knows as file.
// It checks the header, the number of fields, the Quality and the ids; a
// sentence may be empty.
func parseMSRP(file string, r io.Reader) ([]msrpRow, error) {
	var errs collector
	var rows []msrpRow
	br := bufio.NewReader(r)
	n := 0
	for !errs.full {
		s, err := br.ReadString('\n')
		if s != "" {
			n++
			s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
			if n == 1 {
				s = strings.TrimPrefix(s, "\ufeff")
				if s != msrpHeader {
					errs.add(file, 1, "header is %q, want %q", msg.Clip(s), msrpHeader)
					return nil, errs.err()
				}
			} else if row, ok := msrpLine(&errs, file, n, s); ok {
				rows = append(rows, row)
			}
		}
		if err != nil {
			if err != io.EOF {
				errs.add(file, n+1, "cannot read: %v", err)
			}
			break
		}
	}
	switch {
	case n == 0:
		errs.add(file, 0, "empty file")
	case len(rows) == 0 && len(errs.list) == 0:
		errs.add(file, 0, "no rows after the header")
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return rows, nil
}

// msrpLine parses the line s, line n of file after the header, reporting
// its problems. ok is false if it is blank or bad.
func msrpLine(errs *collector, file string, n int, s string) (row msrpRow, ok bool) {
	if !utf8.ValidString(s) {
		errs.add(file, n, "invalid UTF-8 at column %d", invalidAt(s)+1)
		return row, false
	}
	if strings.TrimSpace(s) == "" {
		return row, false
	}
	f := strings.Split(s, "\t")
	if len(f) != 5 {
		errs.add(file, n, "want 5 tab-separated fields (Quality, #1 ID, #2 ID, #1 String, #2 String), got %d", len(f))
		return row, false
	}
	row = msrpRow{line: n, quality: f[0], id1: f[1], id2: f[2], text1: f[3], text2: f[4]}
	ok = true
	if row.quality != "0" && row.quality != "1" {
		errs.add(file, n, "Quality is %q, want 1 (a paraphrase) or 0 (not one)", msg.Clip(row.quality))
		ok = false
	}
	for i, id := range []string{row.id1, row.id2} {
		if !numeric.MatchString(id) {
			errs.add(file, n, "#%d ID is %q, want a sentence id, a number", i+1, msg.Clip(id))
			ok = false
		}
	}
	return row, ok
}

// numeric matches an MSRP sentence id. Its length is bounded so that an id
// is a short file name.
var numeric = regexp.MustCompile(`^[0-9]{1,100}$`)

// importMSRP imports the MSRP file that the caller knows as file from r.
func importMSRP(file string, r io.Reader) (*gold.Set, *Report, error) {
	parsed, err := parseMSRP(file, r)
	if err != nil {
		return nil, nil, err
	}
	rep := &Report{Format: "msrp", Source: file}

	// The text of each id, as its first row gives it, and the ids given
	// another text later.
	type given struct {
		text string
		line int
	}
	first := make(map[string]given)
	var ids []string                  // in order of first appearance
	other := make(map[string][]int)   // id -> lines giving another text
	mention := make(map[string][]int) // id -> lines naming it
	for _, p := range parsed {
		for _, side := range [2][2]string{{p.id1, p.text1}, {p.id2, p.text2}} {
			id, text := side[0], side[1]
			if m := mention[id]; len(m) == 0 || m[len(m)-1] != p.line {
				mention[id] = append(mention[id], p.line)
			}
			if gold.IsBlank(text) {
				continue
			}
			g, seen := first[id]
			switch {
			case !seen:
				first[id] = given{text, p.line}
				ids = append(ids, id)
			case g.text != text && (len(other[id]) == 0 || other[id][len(other[id])-1] != p.line):
				other[id] = append(other[id], p.line)
			}
		}
	}
	docs := make(map[string]string)
	var conflicts []conflict
	for _, id := range ids {
		lines := other[id]
		if len(lines) == 0 {
			docs[id] = first[id].text
			continue
		}
		conflicts = append(conflicts, conflict{lines[0], fmt.Sprintf("%s:%d: sentence %s has another text here than at line %d; the document and the %s naming it (%s) are dropped",
			file, lines[0], id, first[id].line, count(len(mention[id]), "row"), lineList(mention[id]))})
	}

	rows := make([]row, len(parsed))
	for i, p := range parsed {
		rows[i] = row{line: p.line, a: p.id1, b: p.id2, label: p.quality}
		switch {
		case len(other[p.id1]) > 0 || len(other[p.id2]) > 0:
			id := p.id1
			if len(other[id]) == 0 {
				id = p.id2
			}
			rows[i].skip = fmt.Sprintf("sentence %s has two texts (see the conflicts)", id)
		case p.text1 == "" || p.text2 == "":
			rows[i].skip = "a sentence is empty"
		case gold.IsBlank(p.text1) || gold.IsBlank(p.text2):
			rows[i].skip = "a sentence is blank (only white space)"
		}
		if rows[i].skip != "" {
			rows[i].a, rows[i].b = "", ""
		}
	}

	name, split := "msrp", "a"
	if m := msrpName.FindStringSubmatch(filepath.Base(file)); m != nil {
		name, split = "msrp-"+m[1], "the "+m[1]
	}
	m := gold.Manifest{
		Name: name,
		Source: "Dolan, W. B. and Brockett, C. (2005). Automatically Constructing a Corpus of Sentential Paraphrases. " +
			"Proceedings of the Third International Workshop on Paraphrasing (IWP 2005). " +
			"Download: https://www.microsoft.com/en-us/download/details.aspx?id=52398. " +
			"Imported from the file " + filepath.Base(file) + " of the original distribution, as mirrored in the GitHub repository " +
			"wasiahmad/paraphrase_identification at commit 88b208d0d094ab945d2401d9393531be1fec0076 (dataset/msr-paraphrase-corpus/).",
		License: "Microsoft Research Shared Source License Agreement (MSR-SSLA): NON-COMMERCIAL USE ONLY. " +
			"The data may be used, copied and distributed for non-commercial purposes only; " +
			"whoever redistributes it must pass on the same terms, keep the notices and mark the files they changed. " +
			"Do not ship it in a commercial product.",
		Positive: []string{"1"},
		Negative: []string{"0"},
	}
	set, d, err := build(m, file, docs, rows, "#1 ID and #2 ID are the same", rep)
	if err != nil {
		return nil, nil, err
	}
	// List the conflicts of both kinds in the order of their lines.
	for k, i := range d.conflict {
		conflicts = append(conflicts, conflict{rows[i].line, rep.Conflicts[k]})
	}
	slices.SortStableFunc(conflicts, func(a, b conflict) int { return cmp.Compare(a.line, b.line) })
	rep.Conflicts = nil
	for _, c := range conflicts {
		rep.Conflicts = append(rep.Conflicts, c.msg)
	}

	// Sentences with different ids and the same text are separate
	// documents; say so, since they are exact duplicates nobody labelled.
	byText := make(map[string][]string)
	for _, id := range ids {
		if text, ok := docs[id]; ok {
			byText[text] = append(byText[text], id)
		}
	}
	for _, id := range ids {
		same := byText[docs[id]]
		if _, ok := docs[id]; !ok || len(same) < 2 || same[0] != id {
			continue
		}
		var at []string
		for _, s := range same {
			at = append(at, fmt.Sprintf("%s (line %d)", s, first[s].line))
		}
		rep.Notes = append(rep.Notes, fmt.Sprintf("sentences %s have the same text; they stay separate documents", listed(at, 10)))
	}

	set.Manifest.Description = fmt.Sprintf("The Microsoft Research Paraphrase Corpus (MSRP), %s split (the file %s): "+
		"pairs of English news sentences, from clusters of articles on the same story, that human judges labelled 1 if the two "+
		"mean the same (paraphrases) and 0 if not. %d rows give %d labelled pairs of %d documents, the sentences, whose ids are "+
		"the corpus's sentence ids. 1 is positive and 0 negative; only the labelled pairs are labelled. It is a paraphrase set, "+
		"not one of document near-duplicates: many negatives share most of their words. Results on MSRP are reported on the test split.",
		split, filepath.Base(file), rep.Rows, rep.Pairs, rep.Docs)
	if s := d.describe(rows, "sentence"); s != "" {
		set.Manifest.Description += " " + s
	}
	return set, rep, nil
}

// conflict is a message of Report.Conflicts and the line it is about.
type conflict struct {
	line int
	msg  string
}

// msrpName matches the name of an MSRP file and gives its split.
var msrpName = regexp.MustCompile(`^msr_paraphrase_([a-z]+)\.txt$`)

// lineList returns "lines 3, 5 and 9", or "line 3".
func lineList(lines []int) string {
	s := make([]string, len(lines))
	for i, n := range lines {
		s[i] = fmt.Sprint(n)
	}
	if len(s) == 1 {
		return "line " + s[0]
	}
	return "lines " + listed(s, 10)
}

// invalidAt returns the byte offset of the first invalid UTF-8 in s, or -1.
func invalidAt(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

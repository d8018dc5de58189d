package importer

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/simbench/simbench/gold/internal/msg"

	"github.com/simbench/simbench/gold"
)

// DPIL imports the training data of the DPIL shared task from path, one XML
// file such as dpil-Hindi-train-Task1.xml, or a directory holding one file
// whose name ends in "Task2.xml", which it then reads. The package doc
// describes the format and how it maps onto a gold set.
func DPIL(path string) (*gold.Set, *Report, error) {
	if isDir(path) {
		p, err := findFile(path, "Task2.xml")
		if err != nil {
			return nil, nil, err
		}
		path = p
	}
	f, err := openFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return importDPIL(path, f)
}

// dpilClasses are the classes of a DPIL pair: the positive one, then the
// negative ones from the nearest to a paraphrase.
var dpilClasses = []string{"P", "SP", "NP"}

// dpilFile is what parseDPIL reads from a DPIL file.
type dpilFile struct {
	name     string // the name attribute of <Data>, such as "AmritaCEN_DPIL.HIN.TASK1"
	language string // the text of the first <Language>, such as "Hindi"
	rows     []dpilRow
}

// dpilRow is a <Paraphrase> element.
type dpilRow struct {
	line   int    // the line of its start tag
	pid    string // its pID attribute
	s1, s2 string // the texts of <Sentence1> and <Sentence2>
	class  string // the text of <Class>, less space around it
}

// parseDPIL reads a DPIL file, which the caller knows as file, from r with
// a streaming xml.Decoder. It reports XML that is not well formed, a root
// element other than <Data>, and a <Paraphrase> that does not hold exactly
// one <Sentence1>, <Sentence2> and <Class>, or whose class is not one of
// dpilClasses; the lines are those the decoder reached.
func parseDPIL(file string, r io.Reader) (*dpilFile, error) {
	var errs collector
	out := new(dpilFile)
	dec := xml.NewDecoder(r)
	var (
		stack    []string         // the names of the open elements
		cur      *dpilRow         // the <Paraphrase> being read
		depth    int              // len(stack) inside it
		seen     map[string]bool  // its children so far
		text     *strings.Builder // where character data goes, or nil
		language bool             // reading the first <Language>
		rooted   bool             // <Data> was seen
	)
	for !errs.full {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		line, _ := dec.InputPos()
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				errs.add(file, se.Line, "invalid XML: %s", se.Msg)
			} else {
				errs.add(file, line, "invalid XML: %v", err)
			}
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			switch {
			case len(stack) == 0 && name != "Data":
				errs.add(file, line, "the root element is <%s>, want <Data>", msg.Clip(name))
				return nil, errs.err()
			case len(stack) == 0 && rooted:
				errs.add(file, line, "a second root element <Data>")
				return nil, errs.err()
			case len(stack) == 0:
				out.name = attr(t, "name")
				rooted = true
			case cur != nil && len(stack) == depth && (name == "Sentence1" || name == "Sentence2" || name == "Class"):
				if seen[name] {
					errs.add(file, line, "%s<Paraphrase> holds two <%s>", pidPrefix(cur), name)
				}
				seen[name] = true
				text = new(strings.Builder)
			case cur != nil:
				errs.add(file, line, "%sunexpected <%s> inside <%s>", pidPrefix(cur), msg.Clip(name), stack[len(stack)-1])
			case name == "Paraphrase":
				cur = &dpilRow{line: line, pid: attr(t, "pID")}
				seen = make(map[string]bool)
				depth = len(stack) + 1
			case name == "Language" && out.language == "" && !language:
				language = true
				text = new(strings.Builder)
			}
			stack = append(stack, name)
		case xml.EndElement:
			if len(stack) == 0 {
				continue // cannot happen: the decoder matches end tags with start tags
			}
			stack = stack[:len(stack)-1]
			name := t.Name.Local
			switch {
			case cur != nil && len(stack) == depth-1:
				if row, ok := checkParaphrase(&errs, file, cur, seen); ok {
					out.rows = append(out.rows, row)
				}
				cur = nil
			case cur != nil && text != nil && len(stack) == depth:
				switch name {
				case "Sentence1":
					cur.s1 = text.String()
				case "Sentence2":
					cur.s2 = text.String()
				case "Class":
					cur.class = strings.TrimSpace(text.String())
				}
				text = nil
			case language && name == "Language":
				out.language = strings.TrimSpace(text.String())
				language, text = false, nil
			}
		case xml.CharData:
			if text != nil {
				text.Write(t)
			}
		}
	}
	if len(errs.list) == 0 && len(out.rows) == 0 {
		errs.add(file, 0, "no <Paraphrase> elements")
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// checkParaphrase checks the <Paraphrase> element cur, whose children seen
// lists, and returns it as a row if it is good.
func checkParaphrase(errs *collector, file string, cur *dpilRow, seen map[string]bool) (dpilRow, bool) {
	ok := true
	for _, child := range []string{"Sentence1", "Sentence2", "Class"} {
		if !seen[child] {
			errs.add(file, cur.line, "%s<Paraphrase> has no <%s>", pidPrefix(cur), child)
			ok = false
		}
	}
	if ok && !slices.Contains(dpilClasses, cur.class) {
		errs.add(file, cur.line, "%s<Class> is %q, want P, SP or NP", pidPrefix(cur), msg.Clip(cur.class))
		ok = false
	}
	return *cur, ok
}

// pidPrefix returns the pID of r and ": " for the start of a message, or ""
// if it has none.
func pidPrefix(r *dpilRow) string {
	if r.pid == "" {
		return ""
	}
	return msg.Clip(r.pid) + ": "
}

// attr returns the value of the attribute name of the element t, or "".
func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// dpilTask matches the name of a <Data> element and gives its task number.
var dpilTask = regexp.MustCompile(`(?i)\.TASK([0-9]+)$`)

// importDPIL imports the DPIL file that the caller knows as file from r.
func importDPIL(file string, r io.Reader) (*gold.Set, *Report, error) {
	parsed, err := parseDPIL(file, r)
	if err != nil {
		return nil, nil, err
	}
	rep := &Report{Format: "dpil", Source: file}

	// The documents are the distinct sentences, numbered in order of
	// first appearance.
	index := make(map[string]int)
	var texts []string
	for _, p := range parsed.rows {
		for _, s := range []string{p.s1, p.s2} {
			if _, seen := index[s]; !seen && !gold.IsBlank(s) {
				index[s] = len(texts)
				texts = append(texts, s)
			}
		}
	}
	width := max(4, len(fmt.Sprint(len(texts))))
	id := func(s string) string { return fmt.Sprintf("s%0*d", width, index[s]+1) }
	docs := make(map[string]string, len(texts))
	for _, s := range texts {
		docs[id(s)] = s
	}

	used := make(map[string]bool)
	rows := make([]row, len(parsed.rows))
	for i, p := range parsed.rows {
		used[p.class] = true
		rows[i] = row{line: p.line, ref: p.pid, label: p.class}
		switch {
		case p.s1 == "":
			rows[i].skip = "<Sentence1> is empty"
		case p.s2 == "":
			rows[i].skip = "<Sentence2> is empty"
		case gold.IsBlank(p.s1):
			rows[i].skip = "<Sentence1> is blank (only white space)"
		case gold.IsBlank(p.s2):
			rows[i].skip = "<Sentence2> is blank (only white space)"
		default:
			rows[i].a, rows[i].b = id(p.s1), id(p.s2)
		}
	}

	// Name the set after the language and the task, when the file says
	// them.
	name, what := "dpil", "the training data"
	if lang := strings.ToLower(parsed.language); safeWord.MatchString(lang) {
		name += "-" + lang
		what = "the " + parsed.language + " training data"
	}
	if m := dpilTask.FindStringSubmatch(parsed.name); m != nil {
		name += "-task" + m[1]
		what += " of subtask " + m[1]
	}
	m := gold.Manifest{
		Name: name,
		Source: "Anand Kumar M., Shivkaran Singh, Kavirajan B. and Soman K. P. (2016). DPIL@FIRE 2016: Overview of Shared Task on " +
			"Detecting Paraphrases in Indian Languages (DPIL). FIRE 2016 Working Notes, CEUR-WS Vol-1737, T6-1. " +
			"Home page: http://nlp.amrita.edu/dpil_cen/ (Amrita CEN). Imported from the file " + filepath.Base(file) +
			"; the Hindi training files are in the GitHub repository pasmod/paradox at commit " +
			"3721209e3f8435aacfd0b5644eefd33d7f572ff6 (corpora/Hindi/).",
		License: "No licence found: the organisers call the DPIL data open-source corpora but publish no terms, and the MIT " +
			"licence of the repository it was taken from covers only that repository's code. Use it for research, citing the " +
			"overview paper, and ask the organisers (Amrita CEN) before redistributing it.",
		Positive: []string{"P"},
	}
	for _, c := range dpilClasses[1:] {
		if used[c] {
			m.Negative = append(m.Negative, c)
		}
	}
	set, d, err := build(m, file, docs, rows, "<Sentence1> and <Sentence2> are the same text", rep)
	if err != nil {
		return nil, nil, err
	}

	trimmed := make(map[string]bool)
	for _, s := range texts {
		trimmed[strings.TrimSpace(s)] = true
	}
	if n := len(texts) - len(trimmed); n > 0 {
		verb := "differ"
		if n == 1 {
			verb = "differs"
		}
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s %s from another only in space at the start or the end; "+
			"kept as separate documents, as the file gives them", count(n, "sentence"), verb))
	}

	labelsSaid := "P (paraphrase) is positive; NP (not a paraphrase) is negative"
	if used["SP"] {
		labelsSaid = "P (paraphrase) is positive; SP (semi-paraphrase: partly the same meaning) and NP (not a paraphrase) " +
			"are negative, SP the nearer, and a run can count SP as positive"
	}
	set.Manifest.Description = fmt.Sprintf("DPIL@FIRE 2016 (Detecting Paraphrases in Indian Languages), %s (the file %s): "+
		"pairs of news sentences and headlines labelled by hand. %d rows give %d labelled pairs of %d documents, "+
		"the distinct sentences exactly as the XML gives them (not trimmed), numbered from s%0*d in order of first appearance. "+
		"%s; only the labelled pairs are labelled. "+
		"It is a paraphrase set, not one of document near-duplicates: many positives say the same in other words.",
		what, filepath.Base(file), rep.Rows, rep.Pairs, rep.Docs, width, 1, labelsSaid)
	if s := d.describe(rows, "sentence"); s != "" {
		set.Manifest.Description += " " + s
	}
	return set, rep, nil
}

// safeWord matches a language name fit for a set's name.
var safeWord = regexp.MustCompile(`^[a-z]{1,30}$`)

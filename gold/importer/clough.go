package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/simbench/simbench/gold/internal/msg"

	"golang.org/x/text/encoding/charmap"

	"github.com/simbench/simbench/gold"
)

const (
	// cloughCorpus is the folder of the texts in the original distribution.
	cloughCorpus = "corpus-20090418"
	// cloughCSV is the sheet "File list" of corpus-final09.xls as CSV.
	cloughCSV = "file_information.csv"
)

// cloughCategories are the categories of the corpus, from the most copied
// to the least: the positive labels, then the negative one.
var cloughCategories = []string{"cut", "light", "heavy", "non"}

// cloughMisses are the answers labelled cut whose copied text is not in
// the excerpt supplied as their source, and where it comes from instead;
// Clough and Stevenson's labels are right, but no method can find the copy.
var cloughMisses = []struct{ answer, source, note string }{
	{"g2pE_taskc", "orig_taskc", "copies the Wikipedia article \"Information retrieval\", not the \"Vector space model\" excerpt that orig_taskc is"},
	{"g4pD_taskb", "orig_taskb", "copies text on PageRank that is not in the excerpt orig_taskb"},
}

// Clough imports the corpus of plagiarised short answers of Clough and
// Stevenson (2011) from dir, the directory holding corpus-20090418/ and
// file_information.csv. The package doc describes the format and how it
// maps onto a gold set.
func Clough(dir string) (*gold.Set, *Report, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, nil, ioError(dir, err)
	}
	if !fi.IsDir() {
		return nil, nil, gold.ErrorList{{File: dir, Msg: "not a directory; want the folder holding " + cloughCorpus + "/ and " + cloughCSV}}
	}
	return importClough(os.DirFS(dir), dir)
}

// importClough imports the corpus in the root of fsys, which the caller
// knows as dir.
func importClough(fsys fs.FS, dir string) (*gold.Set, *Report, error) {
	name := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	rep := &Report{Format: "clough", Source: dir}
	var errs collector

	entries, err := fs.ReadDir(fsys, cloughCorpus)
	if err != nil {
		return nil, nil, ioError(name(cloughCorpus), err)
	}
	docs := make(map[string]string)
	var ids []string // sorted, as fs.ReadDir sorts
	for _, e := range entries {
		file := e.Name()
		if e.IsDir() || strings.HasPrefix(file, ".") || !strings.HasSuffix(file, ".txt") {
			continue
		}
		rel := path.Join(cloughCorpus, file)
		id := strings.TrimSuffix(file, ".txt")
		if !cloughID.MatchString(id) {
			errs.add(name(rel), 0, "the file name is not fit for a document id (letters, digits, '_' and '-')")
			continue
		}
		data, err := fs.ReadFile(fsys, rel)
		if err != nil {
			errs.add(name(rel), 0, "%s", msg.IO(err))
			continue
		}
		text, redecoded := decodeText(data)
		switch {
		case text == "":
			errs.add(name(rel), 0, "empty document")
			continue
		case gold.IsBlank(text):
			errs.add(name(rel), 0, "blank document: only white space")
			continue
		}
		if redecoded {
			rep.Redecoded = append(rep.Redecoded, rel)
		}
		docs[id] = text
		ids = append(ids, id)
	}
	if len(docs) == 0 && len(errs.list) == 0 {
		errs.add(name(cloughCorpus), 0, "no .txt files")
	}

	csvFile := name(cloughCSV)
	f, err := fsys.Open(cloughCSV)
	if err != nil {
		errs.add(csvFile, 0, "%s", msg.IO(err))
		return nil, nil, errs.err()
	}
	parsed, err := parseCloughCSV(csvFile, f)
	f.Close()
	if err != nil {
		var list gold.ErrorList
		errors.As(err, &list) // parseCloughCSV returns an ErrorList
		for _, e := range list {
			errs.add(e.File, e.Line, "%s", e.Msg)
		}
		return nil, nil, errs.err()
	}
	if err := errs.err(); err != nil {
		return nil, nil, err
	}

	rows := make([]row, len(parsed))
	named := make(map[string]bool)
	for i, p := range parsed {
		answer := strings.TrimSuffix(p.file, ".txt")
		source := "orig_task" + p.task
		if _, ok := docs[answer]; !ok {
			errs.add(csvFile, p.line, "no file %s", path.Join(cloughCorpus, p.file))
		}
		if _, ok := docs[source]; !ok {
			errs.add(csvFile, p.line, "no source text %s.txt for task %s", path.Join(cloughCorpus, source), p.task)
		}
		rows[i] = row{line: p.line, a: answer, b: source, label: p.category}
		named[answer] = true
	}
	if err := errs.err(); err != nil {
		return nil, nil, err
	}

	m := gold.Manifest{
		Name: "clough",
		Source: "Clough, P. and Stevenson, M. (2011). Developing a corpus of plagiarised short answers. Language Resources and " +
			"Evaluation 45(1):5-24. doi:10.1007/s10579-009-9112-1. Home page: https://ir.shef.ac.uk/cloughie/resources/plagiarism_corpus.html. " +
			"The texts are the folder " + cloughCorpus + "/ of the original distribution corpus-final09.zip, and the labels the sheet " +
			"\"File list\" of corpus-final09.xls (exported unchanged as " + cloughCSV + "), both from the GitHub repository " +
			"nsurampu/Plagiarism-Checker at commit ae34ea84525b79a7557bbf95e9b41b1c03b8ca13.",
		License: "Free for research, with attribution: the corpus's home page says that it is freely available and that consent " +
			"was obtained from the participants. The terms of the License section of that page were not verified, and no licence " +
			"file comes with the copies; read them before publishing the set outside simbench. The five orig_task texts are excerpts " +
			"of Wikipedia articles, under CC BY-SA. Cite Clough and Stevenson (2011).",
		Positive: cloughCategories[:3],
		Negative: cloughCategories[3:],
	}
	set, d, err := build(m, csvFile, docs, rows, "File is the source text of its own task", rep)
	if err != nil {
		return nil, nil, err
	}

	var unlisted []string
	for _, id := range ids {
		if !named[id] && !strings.HasPrefix(id, "orig_task") {
			unlisted = append(unlisted, id)
		}
	}
	if len(unlisted) > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s not in %s, so in no labelled pair: %s",
			count(len(unlisted), "answer"), cloughCSV, listed(unlisted, len(unlisted))))
	}
	var misses []string
	for _, miss := range cloughMisses {
		a, okA := set.Index(miss.answer)
		b, okB := set.Index(miss.source)
		if label, ok := set.Label(a, b); okA && okB && ok && label == "cut" {
			misses = append(misses, miss.answer+" "+miss.note)
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s (cut) %s: the label is right, since it was copied from Wikipedia, "+
				"but no method can find the copy in the source supplied; kept as a known miss", miss.answer, miss.note))
		}
	}

	var redecoded []string
	for _, rel := range rep.Redecoded {
		redecoded = append(redecoded, strings.TrimSuffix(path.Base(rel), ".txt"))
	}
	desc := fmt.Sprintf("The corpus of plagiarised short answers of Clough and Stevenson (2011): short answers that students wrote "+
		"to five questions on computer science (tasks a to e: inheritance in object-oriented programming, PageRank, the vector "+
		"space model, Bayes' theorem, dynamic programming), and the five Wikipedia excerpts orig_taska to orig_taske the questions "+
		"are about. Each answer is paired with the excerpt of its task and labelled by how it was written: cut (copied and pasted "+
		"from the excerpt), light (the excerpt lightly revised), heavy (the excerpt heavily rewritten) or non (written from "+
		"course material without seeing the excerpt). The labels are graded, from cut (the most reuse) through light and heavy to "+
		"non: cut, light and heavy are positive (text reuse) and non negative; for strict near-duplicates a run can count only cut "+
		"as positive. %d rows give "+
		"%d labelled pairs of %d documents, whose ids are the file names without .txt. Pairs of two answers are not labelled, "+
		"so the set is not exhaustive.", rep.Rows, rep.Pairs, rep.Docs)
	if len(redecoded) > 0 {
		desc += fmt.Sprintf(" The %s that are not UTF-8 (%s) were decoded as Windows-1252; line endings are kept as they are.",
			count(len(redecoded), "file"), listed(redecoded, len(redecoded)))
	}
	if len(misses) > 0 {
		desc += fmt.Sprintf(" Known misses, kept as labelled: %s. Their cut labels are right, since the answers were copied from "+
			"Wikipedia, but the copied text is not in the excerpt the corpus supplies, so no method comparing them with it can find the copy.",
			strings.Join(misses, "; "))
	}
	if s := d.describe(rows, "text"); s != "" {
		desc += " " + s
	}
	set.Manifest.Description = desc
	return set, rep, nil
}

// cloughID matches a file name of the corpus without ".txt".
var cloughID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)

// decodeText returns data as text: as it is if it is UTF-8, and decoded
// from Windows-1252 otherwise, which redecoded reports. A leading byte
// order mark is dropped, as gold.Load drops it.
func decodeText(data []byte) (text string, redecoded bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if utf8.Valid(data) {
		return string(data), false
	}
	// Every byte decodes to a character in Windows-1252 (the five bytes it
	// leaves undefined decode to the C1 controls of the same value), so
	// the decoder does not fail.
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", true
	}
	return string(out), true
}

// cloughRow is a row of file_information.csv.
type cloughRow struct {
	line     int
	file     string // such as "g0pA_taska.txt"
	task     string // such as "a"
	category string // one of cloughCategories
}

// cloughTaskOf matches the name of an answer file and gives its task.
var cloughTaskOf = regexp.MustCompile(`_task([A-Za-z0-9]+)\.txt$`)

// cloughTask matches a task.
var cloughTask = regexp.MustCompile(`^[A-Za-z0-9]{1,20}$`)

// parseCloughCSV reads file_information.csv, which the caller knows as file.
// The header must name the columns File, Task and Category; space around a
// value is ignored. It reports a File that is not the name of a text file,
// a Task that is not a word or differs from the task in the file's name,
// and a Category not in cloughCategories.
func parseCloughCSV(file string, r io.Reader) ([]cloughRow, error) {
	var errs collector
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		addCSVError(&errs, file, err)
		return nil, errs.err()
	}
	col := make(map[string]int)
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for _, want := range []string{"File", "Task", "Category"} {
		if _, ok := col[want]; !ok {
			line, _ := cr.FieldPos(0)
			errs.add(file, line, "the header has no column %q (it needs File, Task and Category)", want)
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	var rows []cloughRow
	for !errs.full {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			addCSVError(&errs, file, err)
			if errors.Is(err, csv.ErrFieldCount) {
				continue
			}
			break
		}
		line, _ := cr.FieldPos(0)
		p := cloughRow{
			line:     line,
			file:     strings.TrimSpace(rec[col["File"]]),
			task:     strings.TrimSpace(rec[col["Task"]]),
			category: strings.TrimSpace(rec[col["Category"]]),
		}
		ok := true
		if !cloughID.MatchString(strings.TrimSuffix(p.file, ".txt")) || !strings.HasSuffix(p.file, ".txt") {
			errs.add(file, line, "File is %q, want the name of a text of the corpus, such as g0pA_taska.txt", msg.Clip(p.file))
			ok = false
		}
		switch m := cloughTaskOf.FindStringSubmatch(p.file); {
		case !cloughTask.MatchString(p.task):
			errs.add(file, line, "Task is %q, want a letter such as a", msg.Clip(p.task))
			ok = false
		case m != nil && m[1] != p.task:
			errs.add(file, line, "Task is %q, but the file %s is of task %q", p.task, p.file, m[1])
			ok = false
		}
		if !slices.Contains(cloughCategories, p.category) {
			errs.add(file, line, "unknown category %q (want cut, light, heavy or non)", msg.Clip(p.category))
			ok = false
		}
		if ok {
			rows = append(rows, p)
		}
	}
	if len(rows) == 0 && len(errs.list) == 0 {
		errs.add(file, 0, "no rows after the header")
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return rows, nil
}

// addCSVError reports an error of encoding/csv at its line.
func addCSVError(errs *collector, file string, err error) {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		errs.add(file, pe.Line, "%v", pe.Err)
	case err == io.EOF:
		errs.add(file, 0, "empty file")
	default:
		errs.add(file, 0, "cannot read: %v", err)
	}
}

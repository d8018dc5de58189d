// Package importer converts published paraphrase and plagiarism corpora into
// simbench gold sets (see package gold), so that simbench can score its
// algorithms against labels that other people made. It reads three formats.
//
// # clough
//
// The corpus of plagiarised short answers of Clough and Stevenson:
//
//	Clough, P. and Stevenson, M. (2011). Developing a corpus of plagiarised
//	short answers. Language Resources and Evaluation 45(1):5-24.
//	doi:10.1007/s10579-009-9112-1
//
// The source is a directory holding the folder corpus-20090418/ of the
// original distribution (the answers g<group>p<person>_task<t>.txt and the
// source texts orig_task<t>.txt, one for each task t) and
// file_information.csv, the sheet "File list" of corpus-final09.xls as CSV,
// whose header names the columns File, Task and Category (others may
// follow and are ignored). Every .txt file of corpus-20090418/ is a
// document, its id the file name without ".txt". A file that is not UTF-8
// is decoded as Windows-1252, the encoding of the 17 such files of the
// corpus, and listed in Report.Redecoded; a leading byte order mark is
// dropped, and line endings are kept as they are (normalising text is the
// job of simbench's text pipeline). Each row of the CSV labels the pair of
// its answer File and orig_task<Task> with its Category: cut (copied and
// pasted from the source), light (the source lightly revised), heavy (the
// source heavily rewritten) or non (written without the source). The labels
// are graded: cut, light and heavy are positive (text reuse) and non is
// negative; a run can count only cut as a duplicate. Pairs of two answers
// are not labelled, so the set, named "clough", is not exhaustive; an
// answer the CSV does not list is a document in no pair, and a note says
// so. The set shipped as gold/clough is this import of the published
// corpus. Two answers labelled cut,
// g2pE_taskc and g4pD_taskb, copy Wikipedia text that is not in the excerpt
// the corpus supplies as their source; they are kept, and Report.Notes
// names them.
//
// # dpil
//
// The Hindi (or other) training data of the DPIL shared task:
//
//	Anand Kumar M., Shivkaran Singh, Kavirajan B. and Soman K. P. (2016).
//	DPIL@FIRE 2016: Overview of Shared Task on Detecting Paraphrases in
//	Indian Languages (DPIL). FIRE 2016 Working Notes, CEUR-WS Vol-1737, T6-1.
//
// The source is one XML file, such as dpil-Hindi-train-Task1.xml, or a
// directory, which stands for its one file whose name ends in "Task2.xml"
// (Task 2 holds nearly all of Task 1 and more). The root element is <Data>;
// each <Paraphrase pID="..."> element anywhere below it holds one
// <Sentence1>, one <Sentence2> and one <Class>: P (paraphrase), NP (not a
// paraphrase) or SP (semi-paraphrase, Task 2 only). The documents are the
// distinct sentences, compared and kept exactly as the XML gives them
// after decoding (entities resolved, "\r\n" read as "\n" as XML requires),
// not trimmed: trimming would merge a few sentences that differ only in
// leading or trailing space, and would not reproduce the 2,822 and 4,759
// distinct sentences of the Hindi Task 1 and Task 2 files. The ids are s0001, s0002, ...
// in the order the sentences first appear (more digits if there are more
// than 9,999). P is positive; SP and NP are negative, SP the nearer, and
// the manifest declares only those of the two that the file uses. A pair
// whose two sentences are the same text is a pair of a document with
// itself, and is skipped, as is a pair with an empty sentence. The set is
// named after the <Language> and the task in the name of <Data>, as in
// "dpil-hindi-task2".
//
// # msrp
//
// The Microsoft Research Paraphrase Corpus:
//
//	Dolan, W. B. and Brockett, C. (2005). Automatically Constructing a
//	Corpus of Sentential Paraphrases. Proceedings of the Third
//	International Workshop on Paraphrasing (IWP 2005).
//
// The source is msr_paraphrase_train.txt or msr_paraphrase_test.txt, or a
// directory, which stands for its msr_paraphrase_test.txt: results are
// reported on the test split. The file is UTF-8, with a byte order mark, and
// lines of fields separated by tabs, with no quoting (the sentences hold
// quotation marks, so the fields are split on tabs only), under the header
// "Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String". The documents
// are the sentences, with the corpus's numeric sentence ids as their ids.
// Quality 1 (a paraphrase) is the positive label and 0 the negative one;
// the set is named after the split, as in "msrp-test". A sentence id given
// two different texts is a conflict: every row naming it is dropped, and so
// is the document. A row with an empty sentence is skipped. Two ids with
// the same text stay two documents, and a note names them.
//
// # Repeated and conflicting rows
//
// In every format, a row that labels the same unordered pair of documents
// as an earlier row, with the same label, is dropped and listed in
// Report.Duplicates. When the rows of a pair disagree, the pair is dropped
// altogether, since neither label can be trusted, and each row that
// disagrees with the first one is listed in Report.Conflicts, naming both.
// Rows dropped for any other reason are listed in Report.Skipped. The
// resulting set is valid: gold.Write writes it and gold.Load reads it back
// unchanged. Errors in the source are *gold.Error values, naming the file
// and the line, gathered in a gold.ErrorList; no input makes the importers
// panic.
package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/simbench/simbench/gold/internal/msg"

	"github.com/simbench/simbench/gold"
)

// Formats lists the formats Import reads.
var Formats = []string{"clough", "dpil", "msrp"}

// Report says what an import found besides the set itself. Its lists name
// places as "file:line: ..." with the file as the caller named it.
type Report struct {
	Format string
	Source string // the path read: the file (the one a directory stands for), or the directory for clough

	Rows   int          // labelled rows read from the source
	Counts []LabelCount // rows per label, in the order of the manifest's labels (positive, then negative)
	Docs   int          // documents in the set
	Pairs  int          // labelled pairs in the set

	Redecoded  []string // files decoded as Windows-1252 because they are not UTF-8, relative to Source (clough)
	Duplicates []string // rows dropped because they repeat an earlier row of the same pair with the same label
	Conflicts  []string // rows that label a pair otherwise than an earlier row (the pair is dropped), and sentence ids given two texts (msrp)
	Skipped    []string // rows dropped for another reason, and why
	Notes      []string // anything else a user of the set should know
}

// LabelCount is the number of rows with one label.
type LabelCount struct {
	Label string
	N     int
}

// String returns a summary of r, several lines long, for a person to read.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", r.Format, r.Source)
	counts := make([]string, len(r.Counts))
	for i, c := range r.Counts {
		counts[i] = fmt.Sprintf("%s %d", c.Label, c.N)
	}
	fmt.Fprintf(&b, "%d labelled rows (%s)\n", r.Rows, strings.Join(counts, ", "))
	fmt.Fprintf(&b, "%d documents, %d labelled pairs\n", r.Docs, r.Pairs)
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s: %d\n", title, len(items))
		for _, s := range items {
			fmt.Fprintf(&b, "  %s\n", s)
		}
	}
	list("decoded as Windows-1252 (not UTF-8)", r.Redecoded)
	list("repeated rows (dropped)", r.Duplicates)
	list("conflicting rows (pair dropped)", r.Conflicts)
	list("skipped rows", r.Skipped)
	list("notes", r.Notes)
	return b.String()
}

// Import reads source in the given format, one of Formats, and returns the
// gold set and what the import found. What source may be, a file or a
// directory, depends on the format: see Clough, DPIL and MSRP.
func Import(format, source string) (*gold.Set, *Report, error) {
	switch format {
	case "clough":
		return Clough(source)
	case "dpil":
		return DPIL(source)
	case "msrp":
		return MSRP(source)
	}
	return nil, nil, fmt.Errorf("unknown format %q (the formats are %s)", format, strings.Join(Formats, ", "))
}

// maxErrors is the number of problems an import reports before it gives up,
// as gold.Load does: past fifty they are nearly always one mistake repeated.
const maxErrors = 50

// collector gathers problems up to maxErrors.
type collector struct {
	list gold.ErrorList
	full bool // the cap was reached; further problems are dropped
}

func (c *collector) add(file string, line int, format string, args ...any) {
	if c.full {
		return
	}
	if len(c.list) == maxErrors {
		c.list = append(c.list, &gold.Error{File: file, Msg: "too many errors"})
		c.full = true
		return
	}
	c.list = append(c.list, &gold.Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// err returns the problems as an error, or nil if there are none.
func (c *collector) err() error {
	if len(c.list) == 0 {
		return nil
	}
	return c.list
}

// ioError returns an error from the file system as one at the file the
// caller knows as name.
func ioError(name string, err error) error {
	return gold.ErrorList{{File: name, Msg: msg.IO(err)}}
}

// openFile opens the regular file path, reporting a directory or a missing
// file as an error naming path.
func openFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, ioError(path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, ioError(path, err)
	}
	if fi.IsDir() {
		f.Close()
		return nil, gold.ErrorList{{File: path, Msg: "is a directory, want a file"}}
	}
	return f, nil
}

// isDir reports whether path is a directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// findFile returns the one file of the directory dir whose name ends in
// suffix, ignoring case.
func findFile(dir, suffix string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", ioError(dir, err)
	}
	var found []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(strings.ToLower(e.Name()), strings.ToLower(suffix)) {
			found = append(found, e.Name())
		}
	}
	switch len(found) {
	case 0:
		return "", gold.ErrorList{{File: dir, Msg: fmt.Sprintf("no file whose name ends in %q", suffix)}}
	case 1:
		return filepath.Join(dir, found[0]), nil
	}
	return "", gold.ErrorList{{File: dir, Msg: fmt.Sprintf("%d files whose names end in %q (%s); name one", len(found), suffix, strings.Join(found, ", "))}}
}

// listed returns items joined as "a, b and c", at most max of them, followed
// by how many more there are.
func listed(items []string, max int) string {
	if len(items) > max {
		return strings.Join(items[:max], ", ") + fmt.Sprintf(" and %d more", len(items)-max)
	}
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// labels returns the positive and then the negative labels of m.
func labels(m gold.Manifest) []string {
	return slices.Concat(m.Positive, m.Negative)
}

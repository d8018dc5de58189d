// Package gold loads and validates gold sets: documents plus hand labels
// saying which pairs of them are near-duplicates, the ground truth simbench
// scores its algorithms against.
//
// # Format
//
// A gold set is a directory holding a manifest, the documents, and the labels:
//
//	gold.json     the manifest (required)
//	docs/         the documents, one file each; or instead
//	docs.jsonl    the documents, one JSON object a line
//	pairs.tsv     labelled pairs; and, or instead,
//	clusters.tsv  clusters of documents that are duplicates of each other
//
// The manifest gold.json is one JSON object with exactly these keys: "name",
// "description", "source" (where the documents and the labels come from) and
// "license" (the terms the data is under), all non-empty strings; "positive",
// a non-empty list of the labels that mean "duplicate"; "negative", a list,
// possibly empty, of the labels that mean "not a duplicate"; and, optionally,
// "exhaustive", a boolean that defaults to false. A key not in that list is an
// error, so that a misspelt key is caught rather than ignored. No label may be
// both positive and negative, and a label may not be empty or hold a tab or a
// line break. An exhaustive set is one whose every pair of documents not
// labelled positive is a negative, so that all pairs of its corpus can be
// scored, not only the labelled ones.
//
// The documents are either the files of the docs/ directory or the lines of
// docs.jsonl, not both. In docs/, the id of a document is its file name
// without the final extension ("000.txt" is "000"); subdirectories and files
// whose names start with "." are ignored, and two files with the same id are
// an error. Each line of docs.jsonl is blank or a JSON object
// {"id": "...", "text": "..."} with no other keys; ids are unique and
// non-empty. A repeated id is an error naming the file and line of both
// (docs.jsonl) or both files (docs/: "a.txt" and "a.md" are both "a"). The
// text of every document is UTF-8, and neither empty nor blank: a text of
// white space only (see IsBlank: unicode.IsSpace, so NBSP U+00A0 and the
// other spaces of category Z are white space, the format characters such
// as ZERO WIDTH SPACE U+200B are not) is an error naming the file and line.
// A byte order mark at the start of a file is dropped, and the text is
// otherwise kept byte for byte (line endings included), since normalising it
// is the text pipeline's job. Ids are compared byte by byte and may not hold
// a tab or a line break.
//
// The labels are in pairs.tsv, clusters.tsv, or both. The first line of
// pairs.tsv is the header "a<TAB>b<TAB>label"; each further line is a pair
// of document ids and its label, which must be declared in the manifest.
// Blank lines and lines starting with "#" are ignored. The pair (a, b) is the
// pair (b, a). Labelling a pair twice with the same label draws a warning;
// labelling it twice with different labels is an error, and so is a pair of
// a document with itself.
// The first line of clusters.tsv is the header "id<TAB>cluster"; each further
// line puts a document in a cluster (a free word), and a document may be in
// one cluster only. Every two documents of one cluster are a pair labelled
// with the first positive label of the manifest. When pairs.tsv labels such a
// pair too, its label is kept if it is positive and is an error if it is
// negative. A set must end up with at least one labelled pair.
//
// All text files may have "\r\n" line endings and a leading byte order mark.
// A line of pairs.tsv or clusters.tsv may be at most 1 MiB long, a document
// (a file in docs/ or a line of docs.jsonl) at most 64 MiB, and a manifest at
// most 1 MiB. Every problem is reported as an Error naming the file and,
// where it has one, the line; Load reports all the problems it finds, not
// only the first.
//
// # Shipped sets
//
// The sets in the directories seeds/ and clough/ of this package are
// embedded in the program. seeds holds five Hindi news articles about Russia
// and North Korea, two of them the same article, with every pair labelled.
// clough is the corpus of plagiarised short answers of Clough and Stevenson
// (2011), made by package importer: 95 answers paired with their source,
// graded cut, light, heavy or non. Open("seeds") loads the first, unless
// there is a directory seeds/ in the current directory; EmbeddedNames lists
// the sets shipped this way.
package gold

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/simbench/simbench/gold/internal/msg"
)

// Manifest is the content of gold.json.
type Manifest struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Source      string   `json:"source"`
	License     string   `json:"license"`
	Positive    []string `json:"positive"`
	Negative    []string `json:"negative"`
	Exhaustive  bool     `json:"exhaustive"`
}

// Doc is a document of a gold set.
type Doc struct {
	ID   string
	Text string
}

// Pair is a labelled pair; A < B are indexes into Set.Docs.
type Pair struct {
	A, B  int
	Label string
}

// Set is a gold set that passed validation.
type Set struct {
	Manifest Manifest
	Docs     []Doc    // sorted by ID (byte order)
	Pairs    []Pair   // sorted by (A, B); one entry per unordered pair
	Warnings []string // problems that are not errors, as "file:line: msg"
	Path     string   // where it was loaded from: a directory, or "embedded:NAME"
	// Order is nil but for a set loaded by LoadDirStream, whose documents
	// carry no text: then Order[i] is the sequence number under which the
	// text of Docs[i] was given to the stream.
	Order []int
}

// Index returns the index in s.Docs of the document with the given id, and
// whether there is one.
func (s *Set) Index(id string) (int, bool) {
	i, ok := slices.BinarySearchFunc(s.Docs, id, func(d Doc, id string) int {
		return strings.Compare(d.ID, id)
	})
	if !ok {
		return -1, false
	}
	return i, true
}

// IsPositive reports whether label is one of s.Manifest.Positive.
func (s *Set) IsPositive(label string) bool {
	return slices.Contains(s.Manifest.Positive, label)
}

// Label returns the label of the pair of documents a and b (indexes into
// s.Docs, in either order), and whether the pair is labelled.
func (s *Set) Label(a, b int) (string, bool) {
	if a > b {
		a, b = b, a
	}
	i, ok := slices.BinarySearchFunc(s.Pairs, Pair{A: a, B: b}, comparePairs)
	if !ok {
		return "", false
	}
	return s.Pairs[i].Label, true
}

// NumPositive returns the number of labelled pairs whose label is positive.
func (s *Set) NumPositive() int {
	n := 0
	for _, p := range s.Pairs {
		if s.IsPositive(p.Label) {
			n++
		}
	}
	return n
}

func comparePairs(p, q Pair) int {
	if c := cmp.Compare(p.A, q.A); c != 0 {
		return c
	}
	return cmp.Compare(p.B, q.B)
}

// Load loads the gold set in the directory dir of fsys ("." or "" for its
// root). The names in its errors are the files' paths in fsys, such as
// "sets/x/pairs.tsv", and Set.Path is dir. If the set is not valid, Load
// returns a nil Set and an ErrorList holding every problem it found, up to
// fifty.
func Load(fsys fs.FS, dir string) (*Set, error) {
	if dir == "" {
		dir = "."
	}
	return load(fsys, dir, dir, func(rel string) string { return path.Join(dir, rel) }, nil)
}

// LoadDir loads the gold set in the directory path of the operating system.
// The names in its errors are path joined with the files' names, such as
// filepath.Join(path, "pairs.tsv"). Set.Path is path.
func LoadDir(path string) (*Set, error) {
	if path == "" {
		path = "."
	}
	return load(os.DirFS(path), ".", path, func(rel string) string {
		return filepath.Join(path, filepath.FromSlash(rel))
	}, nil)
}

// ReadManifest reads and checks the manifest gold.json of the gold set in
// the directory path, without the documents or the labels: what a caller
// needs to know before it streams the set, such as whether it is
// exhaustive. Its errors are those LoadDir gives for the manifest.
func ReadManifest(path string) (*Manifest, error) {
	if path == "" {
		path = "."
	}
	l := &loader{fsys: os.DirFS(path), dir: ".", display: path, name: func(rel string) string {
		return filepath.Join(path, filepath.FromSlash(rel))
	}, ids: make(map[string]struct{}), pairs: make(map[[2]string]*labelled)}
	l.readManifest()
	if len(l.errs.list) > 0 {
		return nil, l.errs.list
	}
	return &l.m, nil
}

// A Stream receives the text of each good document of a set as LoadDirStream
// reads it. seq counts the documents from 0 in the order they are read (the
// lines of docs.jsonl, the files of docs/ by name). The stream is called from
// one goroutine; an error it returns stops the load and is returned by
// LoadDirStream.
type Stream func(seq int, text string) error

// LoadDirStream is LoadDir for sets too large to hold in memory: it gives
// the text of each document to stream as soon as it is read and keeps only
// the id. The returned set's documents have no Text; Set.Order maps each of
// them, sorted by id as always, to its sequence number. The stream sees
// every good document before the labels are checked, so a set that turns out
// invalid has been streamed in part or in whole: the caller must discard
// what it made of the texts when LoadDirStream returns an error.
func LoadDirStream(path string, stream Stream) (*Set, error) {
	if path == "" {
		path = "."
	}
	return load(os.DirFS(path), ".", path, func(rel string) string {
		return filepath.Join(path, filepath.FromSlash(rel))
	}, stream)
}

// Open loads the gold set called name. If name is the name of a set embedded
// in the program (see EmbeddedNames) and there is no gold set directory of
// that name in the current directory (a directory holding gold.json), Open
// loads the embedded set, with Set.Path "embedded:NAME" and errors naming
// files as "NAME/pairs.tsv"; otherwise it is LoadDir(name). A gold set
// directory thus takes precedence over an embedded set, so that an edited
// copy of a shipped set can be evaluated under its own name, but another
// directory of that name, such as a results folder "seeds", does not.
func Open(name string) (*Set, error) {
	if slices.Contains(EmbeddedNames(), name) {
		if _, err := os.Stat(filepath.Join(name, "gold.json")); err != nil {
			return OpenEmbedded(name)
		}
	}
	return LoadDir(name)
}

// A loader holds the state of one call of Load.
type loader struct {
	fsys    fs.FS
	dir     string                  // the set's directory in fsys
	display string                  // the set's directory as the user knows it
	name    func(rel string) string // a file's name as the user knows it
	errs    collector

	warnings []string
	nwarn    int // warnings dropped beyond maxErrors

	m        Manifest
	labelsOK bool // m.Positive and m.Negative were read, so labels can be checked

	docs   []Doc
	docsOK bool                // the documents were found, so ids can be checked
	ids    map[string]struct{} // ids of the documents, good or bad

	pairs map[[2]string]*labelled // (lower id, higher id) -> its label

	stream    Stream // nil unless the load streams
	streamErr error  // the first error of stream
}

// labelled is a label and the place that gave it.
type labelled struct {
	label string
	file  string
	line  int
}

func load(fsys fs.FS, dir, display string, name func(string) string, stream Stream) (*Set, error) {
	l := &loader{fsys: fsys, dir: dir, display: display, name: name,
		ids: make(map[string]struct{}), pairs: make(map[[2]string]*labelled), stream: stream}
	if !fs.ValidPath(dir) {
		l.errs.add(display, 0, "not a valid path in the file system")
		return nil, l.errs.list
	}
	fi, err := fs.Stat(fsys, dir)
	if err != nil {
		msg := msg.IO(err)
		if errors.Is(err, fs.ErrNotExist) {
			msg = "no such directory"
		}
		l.errs.add(display, 0, "%s", msg)
		return nil, l.errs.list
	}
	if !fi.IsDir() {
		l.errs.add(display, 0, "not a directory")
		return nil, l.errs.list
	}

	l.readManifest()
	l.readDocs()
	if l.streamErr != nil {
		return nil, l.streamErr
	}
	l.readLabels()
	if len(l.errs.list) > 0 {
		return nil, l.errs.list
	}

	var order []int
	if stream != nil {
		// Sort the sequence numbers along with the documents.
		order = make([]int, len(l.docs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(l.docs[a].ID, l.docs[b].ID) })
		sorted := make([]Doc, len(l.docs))
		for i, seq := range order {
			sorted[i] = l.docs[seq]
		}
		l.docs = sorted
	}
	slices.SortFunc(l.docs, func(a, b Doc) int { return strings.Compare(a.ID, b.ID) })
	index := make(map[string]int, len(l.docs))
	for i, d := range l.docs {
		index[d.ID] = i
	}
	pairs := make([]Pair, 0, len(l.pairs))
	for key, lab := range l.pairs {
		// key[0] < key[1] in byte order, as are the ids of l.docs, so A < B.
		pairs = append(pairs, Pair{A: index[key[0]], B: index[key[1]], Label: lab.label})
	}
	slices.SortFunc(pairs, comparePairs) // a total order: no two pairs are equal
	if l.nwarn > 0 {
		l.warnings = append(l.warnings, fmt.Sprintf("%s: %d more warnings", display, l.nwarn))
	}
	return &Set{
		Manifest: l.m,
		Docs:     l.docs,
		Pairs:    pairs,
		Warnings: l.warnings,
		Path:     display,
		Order:    order,
	}, nil
}

// path returns the path in l.fsys of the set's file rel.
func (l *loader) path(rel string) string { return path.Join(l.dir, rel) }

func (l *loader) warn(file string, line int, format string, args ...any) {
	if len(l.warnings) == maxErrors {
		l.nwarn++
		return
	}
	e := &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	l.warnings = append(l.warnings, e.Error())
}

// stat returns information about the set's file rel. found is false if there
// is no such file; fi is nil if there is none or if stat failed, which is
// reported.
func (l *loader) stat(rel string) (fi fs.FileInfo, found bool) {
	fi, err := fs.Stat(l.fsys, l.path(rel))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
		l.errs.add(l.name(rel), 0, "%s", msg.IO(err))
		return nil, true
	}
	return fi, true
}

// readFile returns the content of the set's file rel, which stat found as fi,
// or reports why it cannot and returns false. A file of more than max bytes
// is reported as too large.
func (l *loader) readFile(rel string, fi fs.FileInfo, max int64) ([]byte, bool) {
	f, ok := l.openText(rel, fi)
	if !ok {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		l.errs.add(l.name(rel), 0, "%s", msg.IO(err))
		return nil, false
	}
	if int64(len(data)) > max {
		l.errs.add(l.name(rel), 0, "larger than %d MiB", max>>20)
		return nil, false
	}
	return data, true
}

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
// most 1 MiB. A set with clusters.tsv may label at most DefaultMaxPairs
// pairs in all, unless LoadOptions say otherwise. Every problem is reported
// as an Error naming the file and, where it has one, the line; Load reports
// all the problems it finds, not only the first.
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
	"unsafe"

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

// PairSize is the size in bytes of a Pair (32 on a 64-bit platform): the
// memory Set.Pairs takes for each labelled pair, which a caller can weigh
// against a memory budget when it sets LoadOptions.MaxPairs. The labels
// take nothing more: every pair's Label shares the bytes of a label of the
// manifest.
const PairSize = int(unsafe.Sizeof(Pair{}))

// DefaultMaxPairs is the number of labelled pairs a set may have when it is
// loaded with LoadOptions.MaxPairs zero, as Load, LoadDir, LoadDirStream and
// Open do: 2^24, which Set.Pairs holds in 2^24 × PairSize bytes (512 MiB on
// a 64-bit platform). Only clusters.tsv can come near it, since a cluster of
// n documents labels n(n-1)/2 pairs: a cluster of 6,000 documents gives 18
// million. Past it a set is better evaluated in the corpus scope than pair
// by pair.
const DefaultMaxPairs = 1 << 24

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
	// Clusters is nil for a set without clusters.tsv. Otherwise it has an
	// entry for each document: Clusters[i] is the cluster clusters.tsv puts
	// Docs[i] in, the clusters numbered from 0 in the order they first
	// appear in the file, or -1 if it puts Docs[i] in none. Every two
	// documents of one cluster are a labelled pair, with the label pairs.tsv
	// gives it or else the first positive label of gold.json, so clusters
	// of n_1, n_2, ... documents label NumClusterPairs() = Σ n_k(n_k-1)/2
	// pairs, which can be counted this way without being listed.
	Clusters []int32
	// ClusterPairsOmitted is true for a set loaded with
	// LoadOptions.NoClusterPairs: then Pairs holds the pairs of pairs.tsv
	// only, and the other pairs inside Clusters are in no list. Label,
	// NumPairs and NumPositive take them into account.
	ClusterPairsOmitted bool

	clusterLabel string // the label of the pairs of Clusters not in pairs.tsv
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
		if s.ClusterPairsOmitted && a != b && s.sameCluster(a, b) {
			return s.clusterLabel, true
		}
		return "", false
	}
	return s.Pairs[i].Label, true
}

// ClusterLabel returns the label of the pairs inside Clusters that
// pairs.tsv does not label: the first positive label of gold.json; "" for a
// set without clusters.tsv.
func (s *Set) ClusterLabel() string { return s.clusterLabel }

// sameCluster reports whether Clusters puts the documents a and b in one
// cluster.
func (s *Set) sameCluster(a, b int) bool {
	return s.Clusters != nil && s.Clusters[a] >= 0 && s.Clusters[a] == s.Clusters[b]
}

// NumClusterPairs returns the number of pairs inside the clusters of
// s.Clusters, Σ n_k(n_k-1)/2 over the clusters of n_k documents, in time
// linear in the number of documents. Some of them may be labelled in
// pairs.tsv too, with a positive label of their own.
func (s *Set) NumClusterPairs() int64 {
	var size []int64 // size[k] is the number of documents of cluster k
	for _, k := range s.Clusters {
		if k < 0 {
			continue
		}
		if int(k) >= len(size) {
			size = append(size, make([]int64, int(k)+1-len(size))...)
		}
		size[k]++
	}
	var n int64
	for _, m := range size {
		n += m * (m - 1) / 2
	}
	return n
}

// unlisted returns the number of pairs inside s.Clusters that s.Pairs does
// not list: 0 unless s.ClusterPairsOmitted.
func (s *Set) unlisted() int64 {
	if !s.ClusterPairsOmitted {
		return 0
	}
	n := s.NumClusterPairs()
	for _, p := range s.Pairs {
		if s.sameCluster(p.A, p.B) {
			n--
		}
	}
	return n
}

// NumPairs returns the number of labelled pairs of s: len(s.Pairs), and the
// pairs inside s.Clusters it does not list if s.ClusterPairsOmitted.
func (s *Set) NumPairs() int64 {
	return int64(len(s.Pairs)) + s.unlisted()
}

// NumPositive returns the number of labelled pairs whose label is positive,
// counting the pairs inside s.Clusters that s.Pairs does not list if
// s.ClusterPairsOmitted.
func (s *Set) NumPositive() int {
	n := 0
	if s.IsPositive(s.clusterLabel) {
		n = int(s.unlisted())
	}
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

// LoadOptions change how a gold set is loaded. The zero value loads as
// Load, LoadDir, LoadDirStream and Open do, which are its methods of the
// same names with the zero LoadOptions.
type LoadOptions struct {
	// MaxPairs bounds the labelled pairs of a loaded set with clusters.tsv,
	// len(Set.Pairs), each of which costs PairSize bytes: a set whose
	// pairs.tsv and clusters.tsv label more is refused with an error giving
	// the count, before any pair is made. (A set without clusters.tsv is not
	// bounded: pairs.tsv lists every pair, which Load holds while it reads
	// them anyway.) Zero means DefaultMaxPairs.
	MaxPairs int64
	// NoClusterPairs leaves the pairs inside the clusters of clusters.tsv
	// out of Set.Pairs, and sets Set.ClusterPairsOmitted. The set is
	// checked as fully as otherwise, MaxPairs does not apply, and it takes
	// memory for its documents only: this is for checking a set and
	// counting its pairs (Set.NumPairs), not for scoring it.
	NoClusterPairs bool
	// CheckPairs, when not nil, is told the number of labelled pairs of a
	// set with clusters.tsv once they are counted and before any pair of
	// a cluster is made, MaxPairs applying after it; an error it returns
	// is the load's error, as it is. A caller bounds the memory of what it
	// will do with the pairs this way.
	CheckPairs func(pairs int64) error
	// Read, when not nil, is told the size in bytes of each line of
	// docs.jsonl (its newline included) or file of docs/ as it is read,
	// before its document, if good, goes to a stream: what a streamed
	// load has read of the set's files, escapes included.
	Read func(bytes int64)
}

// Load loads the gold set in the directory dir of fsys ("." or "" for its
// root). The names in its errors are the files' paths in fsys, such as
// "sets/x/pairs.tsv", and Set.Path is dir. If the set is not valid, Load
// returns a nil Set and an ErrorList holding every problem it found, up to
// fifty.
func Load(fsys fs.FS, dir string) (*Set, error) { return LoadOptions{}.Load(fsys, dir) }

// Load is the function Load with the options o.
func (o LoadOptions) Load(fsys fs.FS, dir string) (*Set, error) {
	if dir == "" {
		dir = "."
	}
	return load(fsys, dir, dir, func(rel string) string { return path.Join(dir, rel) }, nil, o)
}

// LoadDir loads the gold set in the directory path of the operating system.
// The names in its errors are path joined with the files' names, such as
// filepath.Join(path, "pairs.tsv"). Set.Path is path.
func LoadDir(path string) (*Set, error) { return LoadOptions{}.LoadDir(path) }

// LoadDir is the function LoadDir with the options o.
func (o LoadOptions) LoadDir(path string) (*Set, error) {
	if path == "" {
		path = "."
	}
	return load(os.DirFS(path), ".", path, func(rel string) string {
		return filepath.Join(path, filepath.FromSlash(rel))
	}, nil, o)
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
	}, ids: make(map[string]struct{})}
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
	return LoadOptions{}.LoadDirStream(path, stream)
}

// LoadDirStream is the function LoadDirStream with the options o.
func (o LoadOptions) LoadDirStream(path string, stream Stream) (*Set, error) {
	if path == "" {
		path = "."
	}
	return load(os.DirFS(path), ".", path, func(rel string) string {
		return filepath.Join(path, filepath.FromSlash(rel))
	}, stream, o)
}

// Open loads the gold set called name. If name is the name of a set embedded
// in the program (see EmbeddedNames) and there is no gold set directory of
// that name in the current directory (a directory holding gold.json), Open
// loads the embedded set, with Set.Path "embedded:NAME" and errors naming
// files as "NAME/pairs.tsv"; otherwise it is LoadDir(name). A gold set
// directory thus takes precedence over an embedded set, so that an edited
// copy of a shipped set can be evaluated under its own name, but another
// directory of that name, such as a results folder "seeds", does not.
func Open(name string) (*Set, error) { return LoadOptions{}.Open(name) }

// Open is the function Open with the options o.
func (o LoadOptions) Open(name string) (*Set, error) {
	if slices.Contains(EmbeddedNames(), name) {
		if _, err := os.Stat(filepath.Join(name, "gold.json")); err != nil {
			return o.openEmbedded(name)
		}
	}
	return o.LoadDir(name)
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

	pairs    map[[2]string]*labelled // pairs.tsv: (lower id, higher id) -> its label
	clusters *clusterList            // clusters.tsv, or nil without one
	overlap  int64                   // pairs of pairs.tsv inside a cluster

	opt      LoadOptions
	maxPairs int64 // opt.MaxPairs, or its default

	stream    Stream // nil unless the load streams
	streamErr error  // the first error of stream
	checkErr  error  // the error of opt.CheckPairs
}

// labelled is a label and the place that gave it.
type labelled struct {
	label string
	file  string
	line  int
}

func load(fsys fs.FS, dir, display string, name func(string) string, stream Stream, opt LoadOptions) (*Set, error) {
	l := &loader{fsys: fsys, dir: dir, display: display, name: name,
		ids: make(map[string]struct{}), pairs: make(map[[2]string]*labelled), stream: stream,
		opt: opt, maxPairs: opt.MaxPairs}
	if l.maxPairs == 0 {
		l.maxPairs = DefaultMaxPairs
	}
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
	if l.checkErr != nil {
		return nil, l.checkErr
	}
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
	var clusters []int32
	var clusterLabel string
	if c := l.clusters; c != nil {
		clusters, clusterLabel = c.membership(l.docs), l.m.Positive[0]
		if !opt.NoClusterPairs && c.pairs > 0 {
			total := int64(len(pairs)) + c.pairs - l.overlap
			pairs = mergeClusterPairs(pairs, clusters, len(c.names), clusterLabel, total)
		}
	}
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
		Clusters: clusters,

		ClusterPairsOmitted: opt.NoClusterPairs && clusters != nil,
		clusterLabel:        clusterLabel,
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

// Package output reads what other deduplication systems write (datatrove,
// text-dedup, NeMo Curator, a script of one's own) so that simbench can score
// it against a gold set. It reads one file into an Output and checks it; it
// does not score.
//
// # Formats
//
// Three kinds of output are understood, told apart by the first line of the
// file that is not empty (see Detection):
//
// A pair list names pairs of documents found to be near-duplicates, with or
// without a score. It is CSV or TSV with the header "a,b" or "a,b,score"; a
// pair without a score has score 1. simbench's own scores.csv, with the
// header "a,b,label,algorithm,score", is a pair list too: the label is
// ignored, and only the rows of one algorithm are kept (see Options).
//
//	a,b,score
//	doc1,doc7,0.93
//	doc2,doc3,0.41
//
// A cluster membership puts each document in a cluster; every two documents
// of one cluster are duplicates. It is CSV or TSV with the header
// "doc,cluster" or "id,cluster", or simbench's own clusters.csv with the
// header "algorithm,name,doc,cluster" (the name column is ignored, and only
// the rows of one algorithm are kept, as for scores.csv):
//
//	doc	cluster
//	doc1	c1
//	doc7	c1
//	doc2	c2
//
// or JSON Lines, one object a line with the keys "id", a string, and
// "cluster", a string or an integer; other keys are ignored. The integer 7
// and the string "7" name the same cluster.
//
//	{"id": "doc1", "cluster": 0}
//	{"id": "doc7", "cluster": 0, "text": "ignored"}
//
// A list of removed ids, as datatrove writes, names the documents a system
// dropped as duplicates of documents it kept, one id a line, with or without
// the header "id". Each line is an id byte for byte (no quoting, no
// delimiter). Only document-level figures can be computed from it, since it
// does not say which document each removed one duplicates.
//
//	id
//	doc7
//	doc3
//
// Each of the three may also be a Parquet file, as datatrove and NeMo
// Curator write; see Parquet.
//
// # Detection
//
// A file that starts with the Parquet magic bytes "PAR1" is Parquet (see
// Parquet). Otherwise the first line that is not empty decides the format. If it starts with "{"
// the file is JSON Lines. Otherwise its delimiter is a tab if it holds a tab
// and a comma if not, and it is split into fields as a CSV or TSV line; the
// fields must then be one of the headers above, exactly (names are case
// sensitive, and no other column may be present). A first line with neither
// a tab nor a comma that is not the header "id" is taken for the first id of
// a list of removed ids without a header; so a list whose first id is "id",
// or holds a comma or a tab, must have the header. Anything else is an
// unknown header, and the error lists the headers accepted.
//
// # Lines
//
// The input may be compressed with gzip (RFC 1952), which is recognised by
// its first two bytes, 0x1f 0x8b, whatever the file is called. A UTF-8 byte
// order mark at the start is dropped, lines may end in "\n" or "\r\n", and
// empty lines are skipped. A CSV or TSV field may be quoted as in RFC 4180
// ("a ""quoted"" id"), but it may not span lines. A line may be at most 64
// MiB long. The input is read line by line, so that only the Output is held
// in memory, not the file.
//
// # Parquet
//
// In a Parquet file the names of the columns tell the format, by the rules
// of the CSV headers, except that the columns may be in any order: "a", "b"
// and optionally "score" for a pair list (or simbench's "a", "b", "label",
// "algorithm", "score"); "doc" or "id", and "cluster", for a cluster
// membership (or simbench's "algorithm", "name", "doc", "cluster"); and
// "id" alone for a list of removed ids. No other column may be present, and
// columns may not be nested or repeated. Ids, "algorithm" and "name" are
// strings (BYTE_ARRAY) or integers (INT32, INT64, signed or not); "cluster"
// is a string or an integer, the integer 7 naming the same cluster as the
// string "7"; "score" is a FLOAT or a DOUBLE; "label" is ignored. A column
// may be optional, but a null in it is an error (except in "label").
//
// The rows are read a row group at a time, a few hundred rows at a time,
// so that, as for text, only the Output is held in memory. Errors name a row
// rather than a line: "out.parquet: row 12: ...", the rows numbered from 1
// across row groups. Parquet's footer is at the end of the file, so
// ReadFile reads it in place, while Read copies its input to a temporary
// file first. A Parquet file may not be compressed with gzip as a whole
// (its pages may be compressed, as Parquet allows).
//
// # Errors
//
// Read checks what it reads and returns an *Error naming the file and the
// line at fault, and no Output, for: an empty file; an unknown header; a
// line with the wrong number of fields, bad quoting or bad JSON; an empty id
// or cluster; an id not in the gold set (when Options.IDs is set, unless
// Options.SkipOutside skips its row); a pair of
// a document with itself; a score that is not a number from 0 to 1; a pair
// listed twice (in either order), a document put in a cluster twice, an id
// removed twice; and, in simbench's own files, rows of several algorithms
// when Options.Algorithm does not choose one, or none of the one chosen.
// Read stops at the first problem, except that rows listed twice in a pair
// list or a list of removed ids are found once the whole file is read, so
// they are reported only when no line is otherwise wrong.
//
// # A subset of a large corpus
//
// A system's output over a large corpus names mostly documents outside a
// gold set of a few thousand labelled ones. With Options.SkipOutside, Read
// keeps only the rows whose documents are all in the gold set, and counts
// the others (Output.Rows), so that a file of a hundred million rows is
// read in the memory of the rows kept: a skipped row makes no string, when
// Options.IDBytes is set.
package output

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the kind of an output: what it says about the documents.
type Kind int

const (
	// PairList is a list of pairs of documents, each with a score.
	PairList Kind = iota + 1
	// Membership puts each document it names in one cluster.
	Membership
	// RemovedIDs lists the documents removed as duplicates.
	RemovedIDs
)

// String returns the name of the kind, as the package doc has it.
func (k Kind) String() string {
	switch k {
	case PairList:
		return "pair list"
	case Membership:
		return "cluster membership"
	case RemovedIDs:
		return "removed ids"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// A Pair is a pair of documents of a pair list, by id, as the file gives
// them (A is not necessarily before B), and its score, from 0 to 1.
type Pair struct {
	A, B  string
	Score float64
}

// Output is the content of one output file. Only the fields of its Kind are
// set.
type Output struct {
	Name string // the name given to Read
	Kind Kind
	// Algorithm is the algorithm whose rows were kept, for simbench's own
	// scores.csv and clusters.csv; "" for other files.
	Algorithm string

	// Pairs lists the pairs of a pair list in the order of the file, each
	// unordered pair once.
	Pairs []Pair
	// Scored is false if the pair list had no score column, so that every
	// score is 1.
	Scored bool

	// Clusters maps each document of a cluster membership to its cluster.
	Clusters map[string]string

	// Removed lists the ids of a list of removed ids in the order of the
	// file, each once.
	Removed []string

	// Rows counts the rows read, kept and skipped.
	Rows Rows
}

// Rows counts the rows of an output file. Every row read is kept, skipped
// as naming a document outside the gold set (Options.SkipOutside), or, in
// simbench's own files, skipped as the row of another algorithm:
// Read − Kept − Outside rows.
type Rows struct {
	// Read is the number of rows read: the lines that are not empty, but
	// the header, or the rows of a Parquet file.
	Read int64
	// Kept is the number of rows kept: the pairs, the documents of the
	// clusters, or the removed ids of the Output.
	Kept int64
	// Outside is the number of rows skipped because they name a document
	// outside the gold set; always 0 unless Options.SkipOutside.
	Outside int64
	// OneInside is the number of the pairs among Outside with one
	// document in the gold set and the other outside it. They matter for
	// the clusters: two gold documents that the system linked only through
	// an outside one (a–x, x–b) are not in one cluster of what is kept.
	OneInside int64
	// FirstOutside is the first id outside the gold set, in the order of
	// the file, or "" when there is none: when no row names a document of
	// the gold set, it shows what the ids of the file look like.
	FirstOutside string
}

// Options says how to read an output.
type Options struct {
	// Algorithm chooses the algorithm whose rows are kept from simbench's
	// own scores.csv and clusters.csv, which may hold the rows of several.
	// If it is "", all rows must be of the same algorithm. Other formats
	// have no algorithm column and ignore it.
	Algorithm string
	// IDs, if not nil, reports whether an id is one of the documents of the
	// gold set; an id for which it is false is an error, unless
	// SkipOutside.
	IDs func(id string) bool
	// IDBytes, if not nil, is IDs for an id given as bytes, which it must
	// not keep, and is used instead of IDs: a lookup m[string(id)] in a map
	// makes no string, so that a row skipped costs no allocation.
	IDBytes func(id []byte) bool
	// SkipOutside, when IDs or IDBytes is set, skips a row that names a
	// document outside the gold set instead of failing on it, and counts
	// it in Output.Rows: a pair is kept when both its documents are in the
	// gold set, a document of a cluster membership or a removed id when it
	// is. A skipped row is not held, so the memory of Read is that of the
	// rows kept, whatever the length of the file.
	//
	// A skipped row is still checked for what can be checked from the row
	// alone (its fields, quoting, an empty id or cluster, a pair of a
	// document with itself, its score), but not against the other rows: a
	// pair listed twice, a document in two clusters and an id removed twice
	// are errors among the rows kept only. Two gold documents linked only
	// through an outside document are not linked in what is kept, since the
	// pairs that link them are not (Rows.OneInside counts such pairs).
	SkipOutside bool
}

// An Error is a problem with an output file.
type Error struct {
	File string // the name given to Read
	Line int    // the line at fault, from 1; 0 if the problem is the whole file
	// Row is the row at fault in a Parquet file, from 1, in the order of
	// the file across row groups; 0 in other files, or if the problem is
	// the whole file. At most one of Line and Row is set.
	Row int
	// Text is the line at fault, shortened to at most 200 bytes, or "" if
	// the problem is not one line's (as a pair listed twice). For a row of
	// a Parquet file it is its values, separated by commas (a null as
	// "null").
	Text string
	Msg  string // what is wrong, without the file and line
	Err  error  // the underlying error, or nil
}

func (e *Error) Error() string {
	if e.Row > 0 {
		return e.File + ": row " + strconv.Itoa(e.Row) + ": " + e.Msg
	}
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
}

// Unwrap returns the underlying error: the error of reading the input, of
// gzip, encoding/csv's ErrBareQuote or ErrQuote, or nil.
func (e *Error) Unwrap() error { return e.Err }

// Headers lists the CSV and TSV headers Read accepts, in the words of its
// error for an unknown header.
var Headers = []string{"a,b", "a,b,score", "a,b,label,algorithm,score", "doc,cluster", "id,cluster", "algorithm,name,doc,cluster", "id"}

// headers describes the accepted formats for the error of an unknown header.
var headers = func() string {
	q := make([]string, len(Headers))
	for i, h := range Headers {
		q[i] = strconv.Quote(h)
	}
	return "want the CSV or TSV header " + strings.Join(q, ", ") +
		`, JSON Lines {"id": ..., "cluster": ...}, or one removed id a line`
}()

// maxLine is the longest line Read accepts, in bytes.
const maxLine = 64 << 20

// ReadFile reads the output in the file path, naming it path in errors. A
// Parquet file is read in place, without a copy.
func ReadFile(path string, opt Options) (*Output, error) {
	return ReadFileContext(context.Background(), path, opt)
}

// ReadFileContext is ReadFile, stopping with an error that wraps ctx's once
// ctx is done (checked before each read from the file, every 64 KiB or so).
func ReadFileContext(ctx context.Context, path string, opt Options) (*Output, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: path, Msg: err.Error(), Err: err}
	}
	defer f.Close()
	var magic [len(parquetMagic)]byte
	if n, _ := f.ReadAt(magic[:], 0); isParquet(magic[:n]) {
		st, err := f.Stat()
		if err != nil {
			return nil, &Error{File: path, Msg: err.Error(), Err: err}
		}
		return readParquet(path, ctxReaderAt{ctx, f}, st.Size(), opt)
	}
	return Read(path, ctxReader{ctx, f}, opt)
}

// ctxReader and ctxReaderAt read from r until ctx is done, and then fail
// with its error.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

type ctxReaderAt struct {
	ctx context.Context
	r   io.ReaderAt
}

func (c ctxReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.ReadAt(p, off)
}

// Read reads an output of any kind from r, naming it name in errors, which
// are all *Error. It detects the format from the first line that is not
// empty, as the package doc says, or reads a Parquet file, which it copies
// to a temporary file first.
func Read(name string, r io.Reader, opt Options) (*Output, error) {
	rd, err := newReader(name, r, opt)
	if err != nil {
		return nil, err
	}
	if b, _ := rd.br.Peek(len(parquetMagic)); isParquet(b) {
		return readParquetStream(name, rd.br, opt)
	}
	first, err := rd.nextLine()
	if err == io.EOF {
		return nil, rd.errorf(0, nil, "empty; %s", headers)
	}
	if err != nil {
		return nil, err
	}
	if t := bytes.TrimLeft(first, " \t"); len(t) > 0 && t[0] == '{' {
		return rd.readJSONL(first)
	}
	if bytes.IndexByte(first, ',') < 0 && bytes.IndexByte(first, '\t') < 0 {
		if string(first) == "id" {
			return rd.readRemoved(nil)
		}
		return rd.readRemoved(first)
	}
	delim := byte(',')
	if bytes.IndexByte(first, '\t') >= 0 {
		delim = '\t'
	}
	head, err := rd.header(first, delim)
	if err != nil {
		return nil, err
	}
	switch {
	case isPairHeader(head):
		return rd.readPairs(delim, head, nil)
	case slices.Equal(head, []string{"doc", "cluster"}) || slices.Equal(head, []string{"id", "cluster"}) ||
		slices.Equal(head, []string{"algorithm", "name", "doc", "cluster"}):
		return rd.readClusters(delim, head)
	}
	return nil, rd.errorf(rd.line, first, "unknown header %q; %s", head, headers)
}

// isPairHeader reports whether head is the header of a pair list.
func isPairHeader(head []string) bool {
	return slices.Equal(head, []string{"a", "b"}) || slices.Equal(head, []string{"a", "b", "score"}) ||
		slices.Equal(head, []string{"a", "b", "label", "algorithm", "score"})
}

// header splits the header line into its fields.
func (rd *reader) header(line []byte, delim byte) ([]string, error) {
	f, err := rd.split(line, delim)
	if err != nil {
		return nil, err
	}
	head := make([]string, len(f))
	for i, b := range f {
		head[i] = string(b)
	}
	return head, nil
}

// ReadPairs reads a pair list from r, naming it name in errors: what a
// program run as an algorithm writes. It is Read for pair lists only, except
// that the header may be missing: if the first line that is not empty is
// not one of the pair lists' headers, every line is "a,b,score" (or its TSV
// form, if the first line holds a tab). An empty input is no pair rather
// than an error, since a program may find none.
func ReadPairs(name string, r io.Reader, opt Options) ([]Pair, error) {
	rd, err := newReader(name, r, opt)
	if err != nil {
		return nil, err
	}
	first, err := rd.nextLine()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	delim := byte(',')
	if bytes.IndexByte(first, '\t') >= 0 {
		delim = '\t'
	}
	head, err := rd.header(first, delim)
	if err != nil {
		return nil, err
	}
	var o *Output
	if isPairHeader(head) {
		o, err = rd.readPairs(delim, head, nil)
	} else {
		o, err = rd.readPairs(delim, []string{"a", "b", "score"}, first)
	}
	if err != nil {
		return nil, err
	}
	return o.Pairs, nil
}

// A reader reads the lines of one output.
type reader struct {
	name   string
	opt    Options
	br     *bufio.Reader
	line   int    // the number of the last line read
	buf    []byte // a line longer than br's buffer
	fields [][]byte
	quoted []byte            // the unquoted text of the fields of a line
	intern map[string]string // ids and clusters, stored once
	rows   bool              // a Parquet file: line counts rows
	pq     *pqRows           // the rows of a Parquet file, or nil
	counts Rows              // the rows read, skipped and kept so far

	// The key, id and cluster of a line of JSON Lines with escapes, decoded
	// (see memberFast).
	jsonKey, jsonID, jsonCluster []byte
}

// unit is what a file is made of: "line", or "row" for Parquet.
func (rd *reader) unit() string {
	if rd.rows {
		return "row"
	}
	return "line"
}

// record returns the fields of the next record, as split with delim, and
// its text; io.EOF at the end. If first is not nil it is the line to split.
func (rd *reader) record(first []byte, delim byte) ([][]byte, []byte, error) {
	if rd.pq != nil {
		return rd.pq.next(rd)
	}
	line := first
	if line == nil {
		var err error
		if line, err = rd.nextLine(); err != nil {
			return nil, nil, err
		}
	}
	f, err := rd.split(line, delim)
	return f, line, err
}

func newReader(name string, r io.Reader, opt Options) (*reader, error) {
	rd := &reader{name: name, opt: opt, intern: make(map[string]string)}
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, rd.errorf(0, nil, "gzip: %v", err)
		}
		br = bufio.NewReaderSize(gz, 64<<10)
	}
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	rd.br = br
	return rd, nil
}

// errorf returns an *Error at line (0 for the whole file) whose text is
// text; the last of args, if an error, is its underlying error.
func (rd *reader) errorf(line int, text []byte, format string, args ...any) error {
	e := &Error{File: rd.name, Line: line, Text: clip(text, 200), Msg: fmt.Sprintf(format, args...)}
	if rd.rows {
		e.Line, e.Row = 0, line
	}
	if len(args) > 0 {
		if err, ok := args[len(args)-1].(error); ok {
			e.Err = err
		}
	}
	return e
}

// clip returns b as a string of at most n bytes, cut at a rune boundary,
// with "..." after it if it was cut.
func clip(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + "..."
}

// nextLine returns the next line that is not empty, without its line end,
// valid until the next call; io.EOF at the end of the input. Other errors
// are *Error.
func (rd *reader) nextLine() ([]byte, error) {
	for {
		b, err := rd.readLine()
		if err != nil {
			return nil, err
		}
		if len(b) > 0 {
			return b, nil
		}
	}
}

func (rd *reader) readLine() ([]byte, error) {
	frag, err := rd.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		rd.buf = append(rd.buf[:0], frag...)
		for err == bufio.ErrBufferFull {
			if len(rd.buf) > maxLine {
				return nil, rd.errorf(rd.line+1, rd.buf, "line longer than %d MiB", maxLine>>20)
			}
			frag, err = rd.br.ReadSlice('\n')
			rd.buf = append(rd.buf, frag...)
		}
		frag = rd.buf
	}
	if err != nil && err != io.EOF {
		return nil, rd.errorf(rd.line+1, nil, "%v", err)
	}
	if err == io.EOF && len(frag) == 0 {
		return nil, io.EOF
	}
	if len(frag) > maxLine+1 {
		return nil, rd.errorf(rd.line+1, frag, "line longer than %d MiB", maxLine>>20)
	}
	rd.line++
	frag = bytes.TrimSuffix(frag, []byte("\n"))
	frag = bytes.TrimSuffix(frag, []byte("\r"))
	return frag, nil
}

// split splits line into fields separated by delim, unquoting quoted
// fields as RFC 4180 has it. The fields are valid until the next call.
func (rd *reader) split(line []byte, delim byte) ([][]byte, error) {
	rd.fields = rd.fields[:0]
	rd.quoted = rd.quoted[:0]
	for i := 0; ; {
		if i < len(line) && line[i] == '"' {
			// A quoted field: up to the quote not doubled, then delim or the end.
			start := len(rd.quoted)
			i++
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 {
					return nil, rd.errorf(rd.line, line, "quoted field not closed on its line")
				}
				rd.quoted = append(rd.quoted, line[i:i+j]...)
				i += j + 1
				if i < len(line) && line[i] == '"' {
					rd.quoted = append(rd.quoted, '"')
					i++
					continue
				}
				break
			}
			if i < len(line) && line[i] != delim {
				return nil, rd.errorf(rd.line, line, "field %d: %v", len(rd.fields)+1, csv.ErrQuote)
			}
			rd.fields = append(rd.fields, rd.quoted[start:len(rd.quoted):len(rd.quoted)])
		} else {
			j := bytes.IndexByte(line[i:], delim)
			if j < 0 {
				j = len(line) - i
			}
			f := line[i : i+j]
			if bytes.IndexByte(f, '"') >= 0 {
				return nil, rd.errorf(rd.line, line, "field %d: %v", len(rd.fields)+1, csv.ErrBareQuote)
			}
			rd.fields = append(rd.fields, f)
			i += j
		}
		if i == len(line) {
			return rd.fields, nil
		}
		i++ // the delimiter
	}
}

// str returns b as a string stored once for the whole output.
func (rd *reader) str(b []byte) string {
	if s, ok := rd.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	rd.intern[s] = s
	return s
}

// inGold checks the id of the line text and reports whether it is a
// document of the gold set (true when Options say no set). An empty id is
// an error, and so is one outside the set unless Options.SkipOutside.
func (rd *reader) inGold(id []byte, text []byte) (bool, error) {
	if len(id) == 0 {
		return false, rd.errorf(rd.line, text, "empty document id")
	}
	var in bool
	switch {
	case rd.opt.IDBytes != nil:
		in = rd.opt.IDBytes(id)
	case rd.opt.IDs != nil:
		in = rd.opt.IDs(string(id))
	default:
		return true, nil
	}
	if in {
		return true, nil
	}
	if !rd.opt.SkipOutside {
		return false, rd.errorf(rd.line, text, "document %q is not in the gold set", id)
	}
	if rd.counts.FirstOutside == "" {
		rd.counts.FirstOutside = string(id)
	}
	return false, nil
}

// algorithms keeps the rows of one algorithm of simbench's own files.
type algorithms struct {
	want  string   // Options.Algorithm
	found []string // the algorithms of the file, in the order of their first row
	first int      // the line of the first row of found[0]
}

// keep reports whether the row of algorithm alg is kept, or an error if
// the file holds the rows of two algorithms and none was chosen.
func (a *algorithms) keep(rd *reader, b []byte, text []byte) (bool, error) {
	if !slices.Contains(a.found, string(b)) {
		alg := string(b)
		if len(a.found) == 0 {
			a.first = rd.line
		}
		a.found = append(a.found, alg)
		if a.want == "" && len(a.found) > 1 {
			return false, rd.errorf(rd.line, text, "algorithm %q here and %q on %s %d; choose one", alg, a.found[0], rd.unit(), a.first)
		}
	}
	return a.want == "" || string(b) == a.want, nil
}

// result returns the algorithm kept, or an error if none of its rows was
// found.
func (a *algorithms) result(rd *reader) (string, error) {
	if a.want == "" {
		if len(a.found) == 0 {
			return "", nil
		}
		return a.found[0], nil
	}
	if !slices.Contains(a.found, a.want) {
		return "", rd.errorf(0, nil, "no row of algorithm %q (the file has %s)", a.want, quoteList(a.found))
	}
	return a.want, nil
}

func quoteList(s []string) string {
	if len(s) == 0 {
		return "no rows"
	}
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

// want describes the fields of a header for an error.
func want(head []string) string {
	return fmt.Sprintf("want %d fields (%s)", len(head), strings.Join(head, ", "))
}

// readPairs reads the rows of a pair list whose header is head. If first is
// not nil it is the first row, the list having no header.
func (rd *reader) readPairs(delim byte, head []string, first []byte) (*Output, error) {
	o := &Output{Name: rd.name, Kind: PairList}
	scoreCol, algCol := -1, -1
	switch len(head) {
	case 3:
		scoreCol = 2
	case 5:
		scoreCol, algCol = 4, 3
	}
	o.Scored = scoreCol >= 0
	alg := algorithms{want: rd.opt.Algorithm}
	var lines []int32 // the line of each pair, to report a pair listed twice
	for {
		f, line, err := rd.record(first, delim)
		first = nil
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		rd.counts.Read++
		if len(f) != len(head) {
			return nil, rd.errorf(rd.line, line, "%s, got %d", want(head), len(f))
		}
		if algCol >= 0 {
			keep, err := alg.keep(rd, f[algCol], line)
			if err != nil {
				return nil, err
			}
			if !keep {
				continue
			}
		}
		inA, err := rd.inGold(f[0], line)
		if err != nil {
			return nil, err
		}
		inB, err := rd.inGold(f[1], line)
		if err != nil {
			return nil, err
		}
		if bytes.Equal(f[0], f[1]) {
			return nil, rd.errorf(rd.line, line, "a pair of document %q with itself", f[0])
		}
		score := 1.0
		if scoreCol >= 0 {
			score, err = strconv.ParseFloat(string(f[scoreCol]), 64)
			if err != nil || !(score >= 0 && score <= 1) {
				return nil, rd.errorf(rd.line, line, "score %q is not a number from 0 to 1", clip(f[scoreCol], 64))
			}
		}
		if !inA || !inB {
			rd.counts.Outside++
			if inA || inB {
				rd.counts.OneInside++
			}
			continue
		}
		o.Pairs = append(o.Pairs, Pair{A: rd.str(f[0]), B: rd.str(f[1]), Score: score})
		lines = append(lines, int32(min(rd.line, 1<<31-1)))
	}
	if algCol >= 0 {
		var err error
		if o.Algorithm, err = alg.result(rd); err != nil {
			return nil, err
		}
	}
	key := func(p Pair) (string, string) {
		if p.B < p.A {
			return p.B, p.A
		}
		return p.A, p.B
	}
	dup, orig := repeated(lines, func(i, j int) int {
		ai, bi := key(o.Pairs[i])
		aj, bj := key(o.Pairs[j])
		if c := strings.Compare(ai, aj); c != 0 {
			return c
		}
		return strings.Compare(bi, bj)
	})
	if dup >= 0 {
		p := o.Pairs[dup]
		return nil, rd.errorf(int(lines[dup]), nil, "pair %s–%s listed again (first on %s %d)", p.A, p.B, rd.unit(), lines[orig])
	}
	rd.done(o, len(o.Pairs))
	return o, nil
}

// done sets the counts of the rows of o, of which kept were kept.
func (rd *reader) done(o *Output, kept int) {
	o.Rows = rd.counts
	o.Rows.Kept = int64(kept)
}

// repeated finds the rows listed twice among len(lines) rows, where
// lines[i] is the line of row i and cmp compares two rows. It returns the
// repetition on the earliest line and the first row equal to it, or -1, -1.
func repeated(lines []int32, cmp func(i, j int) int) (dup, first int) {
	idx := make([]int32, len(lines))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		if c := cmp(int(i), int(j)); c != 0 {
			return c
		}
		return int(i - j)
	})
	dup, first = -1, -1
	for k := 0; k < len(idx); {
		// idx[k:e] is a run of equal rows, in the order of the file.
		e := k + 1
		for e < len(idx) && cmp(int(idx[k]), int(idx[e])) == 0 {
			e++
		}
		if e-k > 1 && (dup < 0 || lines[idx[k+1]] < lines[dup]) {
			dup, first = int(idx[k+1]), int(idx[k])
		}
		k = e
	}
	return dup, first
}

// readClusters reads the rows of a cluster membership whose header is head.
func (rd *reader) readClusters(delim byte, head []string) (*Output, error) {
	o := &Output{Name: rd.name, Kind: Membership, Clusters: make(map[string]string)}
	docCol, algCol := 0, -1
	if len(head) == 4 {
		docCol, algCol = 2, 0
	}
	alg := algorithms{want: rd.opt.Algorithm}
	for {
		f, line, err := rd.record(nil, delim)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		rd.counts.Read++
		if len(f) != len(head) {
			return nil, rd.errorf(rd.line, line, "%s, got %d", want(head), len(f))
		}
		if algCol >= 0 {
			keep, err := alg.keep(rd, f[algCol], line)
			if err != nil {
				return nil, err
			}
			if !keep {
				continue
			}
		}
		if err := rd.member(o, f[docCol], f[docCol+1], line); err != nil {
			return nil, err
		}
	}
	if algCol >= 0 {
		var err error
		if o.Algorithm, err = alg.result(rd); err != nil {
			return nil, err
		}
	}
	rd.done(o, len(o.Clusters))
	return o, nil
}

// member puts document id in cluster c, or skips the row when the document
// is outside the gold set.
func (rd *reader) member(o *Output, id, c []byte, line []byte) error {
	in, err := rd.inGold(id, line)
	if err != nil {
		return err
	}
	if len(c) == 0 {
		return rd.errorf(rd.line, line, "empty cluster")
	}
	if !in {
		rd.counts.Outside++
		return nil
	}
	doc := rd.str(id)
	if prev, ok := o.Clusters[doc]; ok {
		if prev == string(c) {
			return rd.errorf(rd.line, line, "document %q listed twice in cluster %q", doc, c)
		}
		return rd.errorf(rd.line, line, "document %q in cluster %q here and in cluster %q before", doc, c, prev)
	}
	o.Clusters[doc] = rd.str(c)
	return nil
}

// readJSONL reads a cluster membership in JSON Lines, whose first line is
// first.
func (rd *reader) readJSONL(first []byte) (*Output, error) {
	o := &Output{Name: rd.name, Kind: Membership, Clusters: make(map[string]string)}
	line := first
	for {
		if line == nil {
			var err error
			line, err = rd.nextLine()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
		}
		rd.counts.Read++
		id, c, err := rd.decodeLine(line)
		if err != nil {
			return nil, err
		}
		if err := rd.member(o, id, c, line); err != nil {
			return nil, err
		}
		line = nil
	}
	rd.done(o, len(o.Clusters))
	return o, nil
}

// decodeLine decodes a line {"id": ..., "cluster": ...} by memberFast,
// without encoding/json and without allocating, or if memberFast is not
// sure of the line, by decodeMember. The id and the cluster are valid until
// the next call.
func (rd *reader) decodeLine(line []byte) (id, cluster []byte, err error) {
	if id, cluster, ok := rd.memberFast(line); ok {
		return id, cluster, nil
	}
	sid, sc, err := rd.decodeMember(line)
	if err != nil {
		return nil, nil, err
	}
	return []byte(sid), []byte(sc), nil
}

// decodeMember decodes a line {"id": ..., "cluster": ...} with
// encoding/json.
func (rd *reader) decodeMember(line []byte) (id, cluster string, err error) {
	bad := func(format string, args ...any) (string, string, error) {
		if len(args) > 0 && args[len(args)-1] == io.EOF {
			args[len(args)-1] = io.ErrUnexpectedEOF
		}
		return "", "", rd.errorf(rd.line, line, format, args...)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil {
		return bad("bad JSON: %v", err)
	} else if t != json.Delim('{') {
		return bad(`want a JSON object {"id": ..., "cluster": ...}`)
	}
	var haveID, haveCluster bool
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return bad("bad JSON: %v", err)
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return bad("bad JSON: %v", err)
		}
		switch key {
		case "id":
			if haveID {
				return bad(`key "id" twice`)
			}
			haveID = true
			if err := json.Unmarshal(raw, &id); err != nil || raw[0] != '"' {
				return bad(`"id" is not a string: %s`, clip(raw, 64))
			}
		case "cluster":
			if haveCluster {
				return bad(`key "cluster" twice`)
			}
			haveCluster = true
			switch {
			case raw[0] == '"':
				if err := json.Unmarshal(raw, &cluster); err != nil {
					return bad("bad JSON: %v", err)
				}
			case bytes.IndexAny(raw, ".eEn") < 0 && raw[0] != 't' && raw[0] != 'f' && raw[0] != '[' && raw[0] != '{':
				cluster = string(raw) // an integer, as JSON spells it: no leading zero or +
			default:
				return bad(`"cluster" is neither a string nor an integer: %s`, clip(raw, 64))
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return bad("bad JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return bad("bad JSON: more than one value on the line")
		}
		return bad("bad JSON: %v", err)
	}
	if !haveID {
		return bad(`no key "id"`)
	}
	if !haveCluster {
		return bad(`no key "cluster"`)
	}
	return id, cluster, nil
}

// readRemoved reads a list of removed ids. If first is not nil it is the
// first id, the list having no header.
func (rd *reader) readRemoved(first []byte) (*Output, error) {
	o := &Output{Name: rd.name, Kind: RemovedIDs}
	var lines []int32
	line := first
	for {
		var id []byte
		if rd.pq != nil {
			f, text, err := rd.pq.next(rd)
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			id, line = f[0], text
		} else {
			if line == nil {
				var err error
				line, err = rd.nextLine()
				if err == io.EOF {
					break
				}
				if err != nil {
					return nil, err
				}
			}
			id = line
		}
		rd.counts.Read++
		in, err := rd.inGold(id, line)
		if err != nil {
			return nil, err
		}
		line = nil
		if !in {
			rd.counts.Outside++
			continue
		}
		o.Removed = append(o.Removed, string(id))
		lines = append(lines, int32(min(rd.line, 1<<31-1)))
	}
	dup, orig := repeated(lines, func(i, j int) int { return strings.Compare(o.Removed[i], o.Removed[j]) })
	if dup >= 0 {
		return nil, rd.errorf(int(lines[dup]), []byte(o.Removed[dup]), "id %q removed again (first on %s %d)", o.Removed[dup], rd.unit(), lines[orig])
	}
	rd.done(o, len(o.Removed))
	return o, nil
}

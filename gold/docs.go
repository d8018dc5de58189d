package gold

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/simbench/simbench/gold/internal/msg"
)

// maxDocBytes bounds one document: a file in docs/ or a line of docs.jsonl.
// It is far above any text a near-duplicate benchmark compares (a novel is a
// few MiB), and is there to stop a stray binary from being read whole.
const maxDocBytes = 64 << 20

// readDocs reads the documents from docs/ or docs.jsonl into l.docs.
func (l *loader) readDocs() {
	dirInfo, dirFound := l.stat("docs")
	jsonlInfo, jsonlFound := l.stat("docs.jsonl")
	switch {
	case dirFound && jsonlFound:
		l.errs.add(l.name("docs.jsonl"), 0, "both docs/ and docs.jsonl are present; a gold set has one or the other")
	case !dirFound && !jsonlFound:
		l.errs.add(l.name("docs"), 0, "no documents: neither a docs/ directory nor a docs.jsonl file")
	case dirInfo != nil:
		if !dirInfo.IsDir() {
			l.errs.add(l.name("docs"), 0, "not a directory")
			return
		}
		l.readDocsDir()
	case jsonlInfo != nil:
		l.readDocsJSONL(jsonlInfo)
	}
}

// addDoc adds a good document to l.docs, or, when the load streams, gives
// its text to the stream and keeps its id only.
func (l *loader) addDoc(id, text string) {
	if l.stream == nil {
		l.docs = append(l.docs, Doc{ID: id, Text: text})
		return
	}
	if l.streamErr != nil {
		return
	}
	l.streamErr = l.stream(len(l.docs), text)
	l.docs = append(l.docs, Doc{ID: id})
	if l.streamErr != nil {
		l.errs.full = true // stop reading
	}
}

// blankMsg is the problem of a document that is not empty but holds only
// white space.
const blankMsg = "blank document: only white space"

// IsBlank reports whether text is empty or holds only white space, as
// unicode.IsSpace defines it (the ASCII spaces and line breaks, U+0085,
// NBSP U+00A0 and the other characters of category Z), which the text of a
// document may not. Format characters such as ZERO WIDTH SPACE U+200B,
// ZWJ, ZWNJ and U+FEFF are not white space: a text of them alone is not
// blank.
func IsBlank(text string) bool {
	for _, r := range text {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// validID reports whether id is a valid document id, and reports it at
// file:line if it is not.
func (l *loader) validID(file string, line int, id string) bool {
	switch {
	case id == "":
		l.errs.add(file, line, "empty id")
		return false
	case !utf8.ValidString(id):
		l.errs.add(file, line, "id %q is not valid UTF-8", id)
		return false
	case strings.ContainsAny(id, "\t\r\n"):
		l.errs.add(file, line, "id %q holds a tab or a line break", id)
		return false
	}
	return true
}

func (l *loader) readDocsDir() {
	dir := l.path("docs")
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil && len(entries) == 0 {
		l.errs.add(l.name("docs"), 0, "%s", msg.IO(err))
		return
	}
	l.docsOK = true
	from := make(map[string]string) // id -> name of the file that gave it
	for _, e := range entries {
		if l.errs.full {
			return
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") || e.IsDir() {
			continue
		}
		rel := path.Join("docs", name)
		file := l.name(rel)
		fi, err := fs.Stat(l.fsys, l.path(rel)) // follows a symbolic link
		if err != nil {
			l.errs.add(file, 0, "%s", msg.IO(err))
			continue
		}
		if fi.IsDir() {
			continue
		}
		id := strings.TrimSuffix(name, path.Ext(name))
		if !l.validID(file, 0, id) {
			continue
		}
		if prev, dup := from[id]; dup {
			l.errs.add(file, 0, "document id %q is also given by %s", id, prev)
			continue
		}
		// Record the id even if the text turns out bad, so that the pairs
		// naming it are not reported as naming an unknown document.
		from[id] = file
		l.ids[id] = struct{}{}
		data, ok := l.readFile(rel, fi, maxDocBytes)
		if l.opt.Read != nil {
			l.opt.Read(fi.Size())
		}
		if !ok {
			continue
		}
		data = bytes.TrimPrefix(data, bom)
		if len(data) == 0 {
			l.errs.add(file, 0, "empty document")
			continue
		}
		if invalidUTF8(data) >= 0 {
			line, msg := utf8Problem(data)
			l.errs.add(file, line, "%s", msg)
			continue
		}
		if len(bytes.TrimLeftFunc(data, unicode.IsSpace)) == 0 { // IsBlank, without a copy
			l.errs.add(file, 0, "%s", blankMsg)
			continue
		}
		l.addDoc(id, string(data))
	}
	switch {
	case err != nil:
		l.errs.add(l.name("docs"), 0, "%s", msg.IO(err))
		l.docsOK = false
	case len(from) == 0:
		l.errs.add(l.name("docs"), 0, "no documents in the directory")
		l.docsOK = false
	}
}

func (l *loader) readDocsJSONL(fi fs.FileInfo) {
	const rel = "docs.jsonl"
	file := l.name(rel)
	f, ok := l.openText(rel, fi)
	if !ok {
		return
	}
	defer f.Close()
	before := len(l.errs.list)
	lr := newLineReader(f, maxDocBytes)
	first := make(map[string]int) // id -> line
	lost := false                 // a line's id could not be read
	for !l.errs.full {
		line, long, ok := lr.next()
		if !ok {
			break
		}
		if l.opt.Read != nil {
			l.opt.Read(int64(len(line)) + 1)
		}
		n := lr.n
		if long {
			l.errs.add(file, n, "line too long (a document is at most %d MiB)", maxDocBytes>>20)
			lost = true
			continue
		}
		// The fast path (jsonl.go) takes the well-formed lines, checking
		// their UTF-8 as it goes; the code below decodes the rest, and
		// explains what is wrong with them.
		valid := true
		id, text, fast := decodeDocLine(line)
		// An empty or blank text leaves the fast path too, for the slow
		// path to report.
		good := fast && !IsBlank(text)
		idOK, textOK := good, good
		if idOK {
			// id shares text's memory: a copy of its own lets a streamed
			// load, which keeps the ids, drop the texts.
			id = strings.Clone(id)
		} else {
			if off := invalidUTF8(line); off >= 0 {
				l.errs.add(file, n, "%s", invalidUTF8Msg(line[off], off+1))
				valid = false
			}
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			// A line that is not UTF-8 is reported already; decode it
			// anyway, quietly, to learn its id.
			id, text, idOK, textOK = l.jsonlDoc(file, n, line, valid)
		}
		if !idOK {
			lost = true
			continue
		}
		if !l.validID(file, n, id) {
			continue
		}
		if prev, dup := first[id]; dup {
			l.errs.add(file, n, "duplicate id %q (first on line %d)", id, prev)
			continue
		}
		first[id] = n
		l.ids[id] = struct{}{}
		if valid && textOK {
			l.addDoc(id, text)
		}
	}
	if lr.err != nil {
		l.errs.add(file, lr.n+1, "%s", msg.IO(lr.err))
		lost = true
	}
	if len(first) == 0 && len(l.errs.list) == before {
		l.errs.add(file, 0, "no documents in the file")
	}
	// Check the ids of pairs.tsv and clusters.tsv only against a complete
	// list, lest one bad line here be reported again for every pair of its
	// document.
	l.docsOK = !lost && len(first) > 0
}

// jsonlDoc decodes a line of docs.jsonl, which is not blank, reporting its
// problems if report is true. idOK reports whether the line gives an id,
// textOK whether it is a valid document.
func (l *loader) jsonlDoc(file string, n int, line []byte, report bool) (id, text string, idOK, textOK bool) {
	// readDocsJSONL tried the fast path (jsonl.go) already.
	bad := func(format string, args ...any) {
		if report {
			l.errs.add(file, n, format, args...)
		}
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil || obj == nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			bad("invalid JSON: %s", se.Error())
		} else {
			bad("want a JSON object {\"id\": ..., \"text\": ...}")
		}
		return "", "", false, false
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		if k != "id" && k != "text" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		bad("unknown key %q (the keys are id and text)", k)
	}
	str := func(key string) (string, bool) {
		raw, ok := obj[key]
		if !ok {
			bad("missing %q", key)
			return "", false
		}
		var s string
		if string(raw) == "null" || json.Unmarshal(raw, &s) != nil {
			bad("%q must be a string", key)
			return "", false
		}
		return s, true
	}
	id, idOK = str("id")
	text, textOK = str("text")
	switch {
	case textOK && text == "":
		bad("empty document")
		textOK = false
	case textOK && IsBlank(text):
		bad("%s", blankMsg)
		textOK = false
	}
	return id, text, idOK, textOK && len(keys) == 0
}

// openText opens the set's text file rel, which stat found as fi, for
// reading a line at a time.
func (l *loader) openText(rel string, fi fs.FileInfo) (fs.File, bool) {
	file := l.name(rel)
	if fi.IsDir() {
		l.errs.add(file, 0, "is a directory, want a file")
		return nil, false
	}
	if !fi.Mode().IsRegular() {
		l.errs.add(file, 0, "not a regular file")
		return nil, false
	}
	f, err := l.fsys.Open(l.path(rel))
	if err != nil {
		l.errs.add(file, 0, "%s", msg.IO(err))
		return nil, false
	}
	return f, true
}

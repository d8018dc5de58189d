package importer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/simbench/simbench/gold"
)

// row is one labelled row of a source: a pair of documents and its label.
type row struct {
	line  int
	ref   string // the row's own id in the source, such as "HIN0001", or ""
	a, b  string // ids of documents; "" if skip is set
	label string
	skip  string // if not "", the row is dropped, for this reason
}

// at returns the place of r for the start of a message: "file:line: ", and
// the row's ref if it has one.
func (r *row) at(file string) string {
	s := fmt.Sprintf("%s:%d: ", file, r.line)
	if r.ref != "" {
		s += r.ref + ": "
	}
	return s
}

// name names r in a message about another row of the same file: its ref if
// it has one, else "line N".
func (r *row) name() string {
	if r.ref != "" {
		return r.ref
	}
	return fmt.Sprintf("line %d", r.line)
}

// where names r in a message about another row of the same file: "line N",
// and its ref if it has one.
func (r *row) where() string {
	if r.ref != "" {
		return fmt.Sprintf("line %d (%s)", r.line, r.ref)
	}
	return fmt.Sprintf("line %d", r.line)
}

// drops are the rows build dropped, by index, for each reason.
type drops struct {
	dup, conflict, self, skip []int
}

// build returns the set of the documents docs (id to text) labelled by rows,
// which come from file, and fills in rep's counts and its lists of dropped
// rows. Every id the rows name must be in docs, every text be non-empty
// UTF-8, and every label be declared in m. A row with a skip reason is
// dropped, and so is a row whose two ids are the same; self says why its
// two sides are one document. If no pair is left, build returns an error,
// since a gold set needs one.
func build(m gold.Manifest, file string, docs map[string]string, rows []row, self string, rep *Report) (*gold.Set, *drops, error) {
	rep.Rows = len(rows)
	for _, label := range labels(m) {
		n := 0
		for i := range rows {
			if rows[i].label == label {
				n++
			}
		}
		rep.Counts = append(rep.Counts, LabelCount{label, n})
	}

	// The rows of each unordered pair, by index, in the order they come.
	d := new(drops)
	groups := make(map[[2]string][]int)
	var order [][2]string
	for i := range rows {
		r := &rows[i]
		switch {
		case r.skip != "":
			d.skip = append(d.skip, i)
			rep.Skipped = append(rep.Skipped, r.at(file)+r.skip+"; skipped")
			continue
		case r.a == r.b:
			d.self = append(d.self, i)
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("%spair of document %s with itself (%s); skipped", r.at(file), r.a, self))
			continue
		}
		key := [2]string{min(r.a, r.b), max(r.a, r.b)}
		if _, seen := groups[key]; !seen {
			order = append(order, key)
		}
		groups[key] = append(groups[key], i)
	}

	set := &gold.Set{Manifest: m, Path: rep.Source}
	for id, text := range docs {
		set.Docs = append(set.Docs, gold.Doc{ID: id, Text: text})
	}
	slices.SortFunc(set.Docs, func(a, b gold.Doc) int { return strings.Compare(a.ID, b.ID) })

	dupMsg := make(map[int]string)
	conflictMsg := make(map[int]string)
	for _, key := range order {
		g := groups[key]
		first := &rows[g[0]]
		agree := true
		for _, i := range g[1:] {
			r := &rows[i]
			if r.label == first.label {
				d.dup = append(d.dup, i)
				dupMsg[i] = fmt.Sprintf("%spair %s %s repeats %s with the same label %s; dropped",
					r.at(file), key[0], key[1], first.where(), r.label)
			} else {
				agree = false
				d.conflict = append(d.conflict, i)
				conflictMsg[i] = fmt.Sprintf("%spair %s %s labelled %s here and %s at %s; the pair is dropped",
					r.at(file), key[0], key[1], r.label, first.label, first.where())
			}
		}
		if agree {
			a, okA := set.Index(key[0])
			b, okB := set.Index(key[1])
			if !okA || !okB {
				return nil, nil, gold.ErrorList{{File: file, Line: first.line, Msg: "internal error: a row names a document that is not there"}}
			}
			set.Pairs = append(set.Pairs, gold.Pair{A: a, B: b, Label: first.label})
		}
	}
	slices.Sort(d.dup)
	slices.Sort(d.conflict)
	for _, i := range d.dup {
		rep.Duplicates = append(rep.Duplicates, dupMsg[i])
	}
	for _, i := range d.conflict {
		rep.Conflicts = append(rep.Conflicts, conflictMsg[i])
	}
	slices.SortFunc(set.Pairs, func(p, q gold.Pair) int {
		return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B))
	})
	rep.Docs, rep.Pairs = len(set.Docs), len(set.Pairs)
	if len(set.Pairs) == 0 {
		msg := "no labelled rows"
		if len(rows) > 0 {
			msg = fmt.Sprintf("no labelled pairs: all %d rows are dropped", len(rows))
		}
		return nil, nil, gold.ErrorList{{File: file, Msg: msg}}
	}
	return set, d, nil
}

// describe says in a sentence or two, for a manifest's description, which
// rows build dropped, naming at most ten of each kind; sentence is what a
// document is ("sentence", "text"). It returns "" if no row was dropped.
func (d *drops) describe(rows []row, sentence string) string {
	names := func(idx []int) string {
		var ns []string
		for _, i := range idx {
			ns = append(ns, rows[i].name())
		}
		return listed(ns, 10)
	}
	var parts []string
	if n := len(d.dup); n > 0 {
		parts = append(parts, fmt.Sprintf("%s repeating an earlier row of the same pair with the same label (%s)", count(n, "row"), names(d.dup)))
	}
	if n := len(d.conflict); n > 0 {
		parts = append(parts, fmt.Sprintf("%s labelling a pair otherwise than an earlier row, which drops the pair (%s)", count(n, "row"), names(d.conflict)))
	}
	if n := len(d.self); n > 0 {
		parts = append(parts, fmt.Sprintf("%s pairing a %s with itself (%s)", count(n, "row"), sentence, names(d.self)))
	}
	if n := len(d.skip); n > 0 {
		parts = append(parts, fmt.Sprintf("%s that cannot be used (%s)", count(n, "row"), names(d.skip)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Dropped: " + strings.Join(parts, "; ") + "."
}

// count returns "1 row" or "n rows".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

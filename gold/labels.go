package gold

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"

	"github.com/simbench/simbench/gold/internal/msg"
)

const (
	// maxTSVLine bounds a line of pairs.tsv or clusters.tsv; a real line is
	// two ids and a word.
	maxTSVLine = 1 << 20

	// maxPairs bounds the labelled pairs of a set. Only clusters.tsv can
	// come near it, since a cluster of n documents labels n(n-1)/2 pairs: a
	// cluster of 6,000 documents gives 18 million. Past it a set should be
	// evaluated in the corpus scope, not pair by pair.
	maxPairs = 1 << 24

	pairsHeader    = "a\tb\tlabel"
	clustersHeader = "id\tcluster"
)

// readLabels reads pairs.tsv and clusters.tsv into l.pairs.
func (l *loader) readLabels() {
	pairsInfo, pairsFound := l.stat("pairs.tsv")
	clustersInfo, clustersFound := l.stat("clusters.tsv")
	if !pairsFound && !clustersFound {
		l.errs.add(l.name("pairs.tsv"), 0, "no labels: neither pairs.tsv nor clusters.tsv")
		return
	}
	before := len(l.errs.list)
	if pairsInfo != nil {
		l.readPairs(pairsInfo)
	}
	if clustersInfo != nil {
		l.readClusters(clustersInfo)
	}
	derivable := clustersInfo == nil || l.labelsOK
	if len(l.pairs) == 0 && len(l.errs.list) == before && derivable {
		file := l.name("pairs.tsv")
		if pairsInfo == nil {
			file = l.name("clusters.tsv")
		}
		l.errs.add(file, 0, "no labelled pairs")
	}
}

// tsvLines calls fn for each line of the set's TSV file rel, which stat
// found as fi, after its header line. It skips blank lines and comments,
// and reports lines that are too long or not UTF-8. It reports a missing or
// wrong header and then stops: the lines after it are of an unknown format.
func (l *loader) tsvLines(rel string, fi fs.FileInfo, header string, fn func(line int, fields []string)) {
	file := l.name(rel)
	f, ok := l.openText(rel, fi)
	if !ok {
		return
	}
	defer f.Close()
	lr := newLineReader(f, maxTSVLine)
	line, long, ok := lr.next()
	switch {
	case !ok && lr.err == nil:
		l.errs.add(file, 0, "empty file")
		return
	case !ok:
	case long:
		l.errs.add(file, 1, "header line too long, want %q", header)
		return
	case string(line) != header:
		l.errs.add(file, 1, "header is %q, want %q", msg.Clip(string(line)), header)
		return
	}
	for ok && !l.errs.full {
		line, long, ok = lr.next()
		switch {
		case !ok:
		case long:
			l.errs.add(file, lr.n, "line too long (more than %d bytes)", maxTSVLine)
		case invalidUTF8(line) >= 0:
			off := invalidUTF8(line)
			l.errs.add(file, lr.n, "%s", invalidUTF8Msg(line[off], off+1))
		case len(bytes.TrimSpace(line)) == 0 || line[0] == '#':
		default:
			fn(lr.n, strings.Split(string(line), "\t"))
		}
	}
	if lr.err != nil {
		l.errs.add(file, lr.n+1, "%s", msg.IO(lr.err))
	}
}

// checkID reports whether id names a document, reporting it at file:line if
// not. Without documents to check against, every non-empty id passes.
func (l *loader) checkID(file string, line int, id string) bool {
	if id == "" {
		l.errs.add(file, line, "empty document id")
		return false
	}
	if _, ok := l.ids[id]; !ok && l.docsOK {
		l.errs.add(file, line, "unknown document id %q", msg.Clip(id))
		return false
	}
	return true
}

// pairKey returns the key in l.pairs of the unordered pair {a, b}.
func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func (l *loader) readPairs(fi fs.FileInfo) {
	file := l.name("pairs.tsv")
	l.tsvLines("pairs.tsv", fi, pairsHeader, func(n int, fields []string) {
		if len(fields) != 3 {
			l.errs.add(file, n, "want 3 tab-separated fields (a, b, label), got %d", len(fields))
			return
		}
		a, b, label := fields[0], fields[1], fields[2]
		ok := l.checkID(file, n, a)
		ok = l.checkID(file, n, b) && ok
		if ok && a == b {
			l.errs.add(file, n, "pair of document %q with itself", a)
			ok = false
		}
		switch {
		case label == "":
			l.errs.add(file, n, "empty label")
			ok = false
		case l.labelsOK && !slices.Contains(l.m.Positive, label) && !slices.Contains(l.m.Negative, label):
			l.errs.add(file, n, "label %q is not declared in gold.json (positive: %s; negative: %s)",
				msg.Clip(label), labelList(l.m.Positive), labelList(l.m.Negative))
			ok = false
		}
		if !ok {
			return
		}
		key := pairKey(a, b)
		prev, seen := l.pairs[key]
		switch {
		case !seen:
			l.pairs[key] = &labelled{label: label, file: file, line: n}
		case prev.label == label:
			l.warn(file, n, "pair %s %s repeated with the same label (first on line %d)", key[0], key[1], prev.line)
		default:
			l.errs.add(file, n, "pair %s %s labelled %q here but %q on line %d", key[0], key[1], label, prev.label, prev.line)
		}
	})
}

func labelList(labels []string) string {
	if len(labels) == 0 {
		return "none"
	}
	return strings.Join(labels, ", ")
}

// member is a document listed in clusters.tsv, and the line listing it.
type member struct {
	id   string
	line int
}

func (l *loader) readClusters(fi fs.FileInfo) {
	file := l.name("clusters.tsv")
	clusters := make(map[string][]member) // cluster -> its documents
	var order []string                    // clusters in the order first seen
	where := make(map[string]int)         // id -> line listing it
	l.tsvLines("clusters.tsv", fi, clustersHeader, func(n int, fields []string) {
		if len(fields) != 2 {
			l.errs.add(file, n, "want 2 tab-separated fields (id, cluster), got %d", len(fields))
			return
		}
		id, c := fields[0], fields[1]
		ok := l.checkID(file, n, id)
		if c == "" {
			l.errs.add(file, n, "empty cluster name")
			ok = false
		}
		if !ok {
			return
		}
		if prev, dup := where[id]; dup {
			l.errs.add(file, n, "document %q listed twice (first on line %d)", id, prev)
			return
		}
		where[id] = n
		if _, seen := clusters[c]; !seen {
			order = append(order, c)
		}
		clusters[c] = append(clusters[c], member{id, n})
	})
	if !l.labelsOK || len(l.m.Positive) == 0 {
		return // no label to give the pairs; gold.json's problem is reported
	}
	total := int64(len(l.pairs))
	for _, ms := range clusters {
		total += int64(len(ms)) * int64(len(ms)-1) / 2
	}
	if total > maxPairs {
		l.errs.add(file, 0, "the clusters give %d labelled pairs, more than the %d a gold set may have", total, maxPairs)
		return
	}
	label := l.m.Positive[0]
	for _, c := range order {
		ms := clusters[c]
		for i, m := range ms {
			for _, o := range ms[i+1:] {
				key := pairKey(m.id, o.id)
				prev, seen := l.pairs[key]
				switch {
				case !seen:
					l.pairs[key] = &labelled{label: label, file: file, line: o.line}
				case !slices.Contains(l.m.Positive, prev.label):
					l.errs.add(prev.file, prev.line, "pair %s %s labelled %q, a negative label, but %s:%d and %s:%d put both in cluster %q",
						key[0], key[1], prev.label, file, m.line, file, o.line, c)
				}
			}
		}
	}
}

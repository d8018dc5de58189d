package gold

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/simbench/simbench/gold/internal/msg"
)

const (
	// maxTSVLine bounds a line of pairs.tsv or clusters.tsv; a real line is
	// two ids and a word.
	maxTSVLine = 1 << 20

	pairsHeader    = "a\tb\tlabel"
	clustersHeader = "id\tcluster"
)

// readLabels reads pairs.tsv into l.pairs and clusters.tsv into l.clusters,
// and checks them against each other.
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
	// Without the manifest's labels the clusters' pairs have no label, and
	// whether a pair of pairs.tsv contradicts them is unknown; gold.json's
	// problem is reported.
	derivable := clustersInfo == nil || l.labelsOK
	if l.clusters != nil && l.labelsOK {
		l.checkClusters()
	}
	if len(l.pairs) == 0 && (l.clusters == nil || l.clusters.pairs == 0) && len(l.errs.list) == before && derivable {
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
		if i := slices.Index(l.m.Positive, label); i >= 0 {
			label = l.m.Positive[i] // shared, rather than a slice of this line
		} else if i := slices.Index(l.m.Negative, label); i >= 0 {
			label = l.m.Negative[i]
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

// clusterList is what clusters.tsv says, by document id.
type clusterList struct {
	names []string          // the clusters, in the order first seen
	sizes []int             // the number of documents of each
	of    map[string]member // a document's cluster, and the line saying so
	pairs int64             // Σ n(n-1)/2 over the clusters of n documents
}

// member is the cluster of a document listed in clusters.tsv (an index into
// clusterList.names), and the line listing it.
type member struct {
	cluster int32
	line    int
}

// readClusters reads clusters.tsv into l.clusters, reporting the problems of
// its lines. It makes no pair: checkClusters compares the clusters with
// pairs.tsv, and load lists their pairs.
func (l *loader) readClusters(fi fs.FileInfo) {
	file := l.name("clusters.tsv")
	c := &clusterList{of: make(map[string]member)}
	l.clusters = c
	index := make(map[string]int32) // cluster name -> its index
	l.tsvLines("clusters.tsv", fi, clustersHeader, func(n int, fields []string) {
		if len(fields) != 2 {
			l.errs.add(file, n, "want 2 tab-separated fields (id, cluster), got %d", len(fields))
			return
		}
		id, name := fields[0], fields[1]
		ok := l.checkID(file, n, id)
		if name == "" {
			l.errs.add(file, n, "empty cluster name")
			ok = false
		}
		if !ok {
			return
		}
		if prev, dup := c.of[id]; dup {
			l.errs.add(file, n, "document %q listed twice (first on line %d)", id, prev.line)
			return
		}
		k, seen := index[name]
		if !seen {
			if len(c.names) == math.MaxInt32 {
				l.errs.add(file, n, "more than %d clusters", math.MaxInt32)
				return
			}
			k = int32(len(c.names))
			index[name] = k
			c.names = append(c.names, name)
			c.sizes = append(c.sizes, 0)
		}
		c.of[id] = member{cluster: k, line: n}
		c.pairs += int64(c.sizes[k]) // the new document pairs with each already there
		c.sizes[k]++
	})
}

// conflict is a pair of pairs.tsv labelled negative whose documents
// clusters.tsv puts in one cluster.
type conflict struct {
	key        [2]string
	lab        *labelled
	cluster    int32
	pos1, pos2 int // the lines of clusters.tsv listing the two, pos1 < pos2
}

// checkClusters reports the pairs of pairs.tsv labelled negative whose
// documents are in one cluster, and counts into l.overlap the pairs of
// pairs.tsv inside a cluster, which the cluster's pairs do not add to.
// Unless the cluster pairs are left out, it reports a set that would have
// more than l.maxPairs pairs, and then nothing else.
//
// The conflicts come in the order of the clusters' first appearance in
// clusters.tsv, then of the lines listing the first and the second
// document of each pair: the order in which a walk over every pair of every
// cluster would find them.
func (l *loader) checkClusters() {
	c := l.clusters
	var conflicts []conflict
	for key, lab := range l.pairs {
		ma, okA := c.of[key[0]]
		mb, okB := c.of[key[1]]
		if !okA || !okB || ma.cluster != mb.cluster {
			continue
		}
		if slices.Contains(l.m.Positive, lab.label) {
			l.overlap++
			continue
		}
		conflicts = append(conflicts, conflict{key: key, lab: lab, cluster: ma.cluster,
			pos1: min(ma.line, mb.line), pos2: max(ma.line, mb.line)})
	}
	total := int64(len(l.pairs)) + c.pairs - l.overlap
	if check := l.opt.CheckPairs; check != nil && !l.opt.NoClusterPairs && len(l.errs.list) == 0 {
		if l.checkErr = check(total); l.checkErr != nil {
			return
		}
	}
	if !l.opt.NoClusterPairs && total > l.maxPairs {
		l.errs.add(l.name("clusters.tsv"), 0, "the clusters give %d labelled pairs, more than the %d a set may list when loaded whole (a run in the corpus scope counts them instead)", total, l.maxPairs)
		return
	}
	slices.SortFunc(conflicts, func(x, y conflict) int {
		if d := cmp.Compare(x.cluster, y.cluster); d != 0 {
			return d
		}
		if d := cmp.Compare(x.pos1, y.pos1); d != 0 {
			return d
		}
		return cmp.Compare(x.pos2, y.pos2)
	})
	file := l.name("clusters.tsv")
	for _, x := range conflicts {
		l.errs.add(x.lab.file, x.lab.line, "pair %s %s labelled %q, a negative label, but %s:%d and %s:%d put both in cluster %q",
			x.key[0], x.key[1], x.lab.label, file, x.pos1, file, x.pos2, c.names[x.cluster])
	}
}

// membership returns the cluster of each of docs (sorted by id), or -1 for
// a document in no cluster.
func (c *clusterList) membership(docs []Doc) []int32 {
	of := make([]int32, len(docs))
	for i, d := range docs {
		if m, ok := c.of[d.ID]; ok {
			of[i] = m.cluster
		} else {
			of[i] = -1
		}
	}
	return of
}

// mergeClusterPairs returns the pairs of explicit, sorted by (A, B), and the
// pairs inside the clusters of the n documents whose cluster is of[i] (-1
// for none; nclusters clusters), labelled label, as one list sorted by
// (A, B) holding each pair once: a pair in both keeps the label of explicit.
// total is the length of that list, which it allocates once.
//
// For each document a in turn it merges two lists sorted by B: the pairs of
// explicit with A = a, and the documents after a in a's cluster, which a
// counting sort of the documents by cluster lists in order of index.
func mergeClusterPairs(explicit []Pair, of []int32, nclusters int, label string, total int64) []Pair {
	start := make([]int, nclusters+1) // cluster k's documents are members[start[k]:start[k+1]]
	for _, k := range of {
		if k >= 0 {
			start[k+1]++
		}
	}
	for k := range nclusters {
		start[k+1] += start[k]
	}
	members := make([]int, start[nclusters])
	next := slices.Clone(start[:nclusters])
	for i, k := range of {
		if k >= 0 {
			members[next[k]] = i
			next[k]++
		}
	}
	copy(next, start) // next[k] is now the position in members of the next document of k
	pairs := make([]Pair, 0, total)
	j := 0 // the next pair of explicit
	for a, k := range of {
		var after []int
		if k >= 0 {
			after = members[next[k]+1 : start[k+1]]
			next[k]++
		}
		for j < len(explicit) && explicit[j].A == a || len(after) > 0 {
			switch {
			case len(after) == 0 || j < len(explicit) && explicit[j].A == a && explicit[j].B < after[0]:
				pairs = append(pairs, explicit[j])
				j++
			case j < len(explicit) && explicit[j].A == a && explicit[j].B == after[0]:
				pairs = append(pairs, explicit[j])
				j++
				after = after[1:]
			default:
				pairs = append(pairs, Pair{A: a, B: after[0], Label: label})
				after = after[1:]
			}
		}
	}
	if int64(len(pairs)) != total || j != len(explicit) {
		panic(fmt.Sprintf("gold: made %d pairs, counted %d", len(pairs), total))
	}
	return pairs
}

// CountClusterPairs returns the pairs inside the clusters of the
// clusters.tsv of the gold set in the directory path, Σ C(|C|, 2) over its
// clusters C, reading that file alone: a lower bound of the labelled pairs
// of the set (pairs.tsv may add more), known before its documents are read,
// so that a caller can refuse a set too large for it at once. It is 0 when
// there is no clusters.tsv; a problem in the file is left for the load to
// report, and the lines before it are counted.
func CountClusterPairs(path string) int64 {
	l := &loader{fsys: os.DirFS(path), dir: ".", display: path, name: func(rel string) string {
		return filepath.Join(path, filepath.FromSlash(rel))
	}, ids: make(map[string]struct{})}
	fi, found := l.stat("clusters.tsv")
	if !found || fi == nil {
		return 0
	}
	size := make(map[string]int64)
	seen := make(map[string]bool)
	l.tsvLines("clusters.tsv", fi, clustersHeader, func(_ int, fields []string) {
		if len(fields) != 2 || fields[1] == "" || seen[fields[0]] {
			return
		}
		seen[fields[0]] = true
		size[fields[1]]++
	})
	var pairs int64
	for _, n := range size {
		pairs += n * (n - 1) / 2
	}
	return pairs
}

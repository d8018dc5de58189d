// Package gen generates gold sets of near-duplicates with controlled edits:
// from the documents of a gold set it makes edited copies whose distance from
// their original is known, and labels every (original, copy) pair with the
// edit that made it, so that an algorithm's score can be read against the
// amount of change.
//
// # Sources
//
// The sources are the documents of the source set, in its (id) order, except
// that a document labelled positive with an earlier source is dropped, since
// it already is a duplicate of that source; so is a document without a word.
// Each dropped document is named in the Warnings of the generated set.
//
// # Words, lines and sentences
//
// A word is a maximal run of non-space characters (strings.Fields), with its
// punctuation attached, and n is the number of words of a document. The
// edits keep the line structure: they work within lines, and an edited copy
// is its lines, each made of its words joined by single spaces, joined by
// "\n" (blank lines kept). A sentence ends at a word whose last character,
// after any closing quotes and brackets (" ' ” ’ ) ] » ›), is a danda ।, a
// double danda ॥, '|', '.', '?' or '!', and at a line break; m is the number
// of sentences of a document.
//
// # Edits
//
// Every edit has a level p in (0, 1] and makes an exact number of changes,
// chosen by a seeded permutation, never by independent coin flips:
//
//   - Delete: k = round(p·n) of the n words are removed, at most n-1 of them,
//     so that a copy keeps at least one word.
//   - Insert: k = round(p·n) words are inserted, each drawn uniformly from the
//     vocabulary and put before a word drawn uniformly from the n words, or
//     after the last one (n+1 gaps; a gap may get several words).
//   - Substitute: k = round(p·n) of the n words are each replaced by a word
//     drawn uniformly from the vocabulary words other than it, so that exactly
//     k positions differ.
//   - Shuffle: k = round(p·m) of the m sentences are moved: exactly k
//     sentences end up in a position other than their own. A sentence cannot
//     move alone, so k = 1 becomes k = 2; a document of one sentence is not
//     shuffled. The moves are made one at a time: the first swaps two
//     sentences, each further one swaps a sentence still in place with one
//     already moved, each drawn at random among those that lower the Jaccard
//     similarity of the sets of word 5-grams of the copy and the original
//     (up to 64 draws), since a blind move may put a sentence back beside the
//     one it followed. A sentence keeps the line breaks that followed it, so
//     that the copy splits into the same sentences (the last sentence of a
//     text that ends without a sentence end gets a line break when it moves
//     off the end). When a document repeats a sentence, a move between two
//     copies of it cannot be seen.
//   - Truncate: the last k = round(p·n) words are cut, at most n-1 of them,
//     and so are the line breaks after the last word kept.
//   - Wrap: k = round(p·n) words of boilerplate are put around the text, which
//     is kept byte for byte as one contiguous piece: before it a breadcrumb
//     ("Home > विदेश > <headline>"), the headline (the document's first
//     sentence, at most 16 words) and a byline ("Written by <name> |
//     Updated: <date>", "लेखक: <name> | ..."), with invented names and dates;
//     after it teaser lines ("यह भी पढ़ें: <teaser>", "Also Read: ...") whose
//     teasers are the first sentences (at most 20 words) of other source
//     documents drawn uniformly, alternating with advert lines
//     ("Advertisement", "विज्ञापन"), in the way of a news web page, with a
//     blank line after each line. The boilerplate is added line by line in
//     that order (breadcrumb, headline, byline, teaser, advert, teaser, ...)
//     and the last line is cut so that exactly k words are added.
//
// round is math.Round (halves away from zero). When k = 0, the copy has the
// words of its original. The vocabulary is the sorted list of the distinct
// words of all the sources.
//
// The copies of one document are nested: for each kind, the changes made at
// a level are made at every higher level too (the same deleted, substituted
// or truncated words, the same insertions, the same first lines of
// boilerplate, the same moves of sentences), so that similarity to the
// original falls as the level rises: the copy at a level is the copy at the
// level below with more changes made. Two levels that make the same number
// of changes in a document (round(p·n) or round(p·m) equal) give the same
// copy.
//
// # The generated set
//
// Its documents are every source, with its id and text, and for each kind
// and level one copy with id "<source id>.<kind>-<level>", such as
// "000.substitute-0.20", the level printed with two decimals. The pair of a
// source and its copy is labelled Label(kind, level), such as
// "substitute-0.20", and these labels are the positive labels, kinds in the
// order of Kinds and levels ascending. Two copies of one source are not
// labelled: how near they are is not controlled.
//
// The negative pairs are pairs of two documents, originals or copies, of two
// different sources. Such a pair takes the label of the two sources in the
// source set when they are labelled (negative, since neither source was
// dropped), such as "related"; when they are not labelled it takes
// "unrelated" if the source set is exhaustive, and is not labelled
// otherwise. When there are more than Options.Negatives candidates, that many
// are drawn uniformly without replacement. The negative labels declared are
// those used, in the order of the source set, then "unrelated". The set is
// not exhaustive.
//
// # Determinism
//
// Generate is a pure function of the source set and the Options: every
// random choice comes from a math/rand/v2 PCG generator seeded with
// Options.Seed and a hash of what it is for (a document's id and the kind,
// or the negative sample), and no output depends on map order or on
// GOMAXPROCS. A copy does not depend on which other kinds and levels were
// asked for, only on its document, kind and level, the seed, and (for
// insert, substitute and wrap) the other sources.
//
// Generate holds the whole generated set in memory: about 1 + kinds × levels
// times the text of the sources.
package gen

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/simbench/simbench/gold"
)

// A Kind is a kind of edit.
type Kind string

// The kinds of edit; see the package documentation for what their level
// means exactly.
const (
	Delete     Kind = "delete"     // level p: round(p·n) of the n words removed
	Insert     Kind = "insert"     // round(p·n) words from the corpus vocabulary inserted at random positions
	Substitute Kind = "substitute" // round(p·n) words replaced by other vocabulary words
	Shuffle    Kind = "shuffle"    // round(p·m) of the m sentences moved to other positions (sentences end at ।, ॥, |, . ? ! or a line break)
	Truncate   Kind = "truncate"   // the last round(p·n) words cut
	Wrap       Kind = "wrap"       // round(p·n) words of boilerplate put around the text: breadcrumb, headline, byline, teasers, adverts
)

// Kinds lists every kind, in the order of the labels of a generated set.
var Kinds = []Kind{Delete, Insert, Substitute, Shuffle, Truncate, Wrap}

// errKinds is wrapped by every error of ParseKinds.
var errKinds = errors.New("gen: bad list of edit kinds")

// ParseKinds parses a comma-separated list of kinds, such as "delete,wrap",
// or "all" for every kind (Kinds). Spaces around a name are ignored; the
// list must not be empty or name a kind twice. The kinds are returned in the
// order given.
func ParseKinds(s string) ([]Kind, error) {
	if strings.TrimSpace(s) == "all" {
		return slices.Clone(Kinds), nil
	}
	var ks []Kind
	for f := range strings.SplitSeq(s, ",") {
		name := strings.TrimSpace(f)
		switch {
		case name == "":
			return nil, fmt.Errorf("%w: empty name in %q (want names such as \"delete,wrap\", or \"all\")", errKinds, s)
		case name == "all":
			return nil, fmt.Errorf("%w: \"all\" with other names in %q", errKinds, s)
		case !slices.Contains(Kinds, Kind(name)):
			return nil, fmt.Errorf("%w: unknown kind %q (want %s, or all)", errKinds, name, kindList(Kinds))
		case slices.Contains(ks, Kind(name)):
			return nil, fmt.Errorf("%w: %q named twice", errKinds, name)
		}
		ks = append(ks, Kind(name))
	}
	return ks, nil
}

func kindList(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// DefaultLevels are the levels used when Options.Levels is empty.
var DefaultLevels = []float64{0.05, 0.1, 0.2, 0.4}

// DefaultNegatives is the largest number of negative pairs when
// Options.Negatives is 0.
const DefaultNegatives = 20000

// Options configures Generate.
type Options struct {
	Seed      uint64    // seed of every random choice
	Kinds     []Kind    // the kinds of edit; empty means Kinds
	Levels    []float64 // each in (0, 1], distinct with two decimals; empty means DefaultLevels
	Negatives int       // at most this many negative pairs, >= 0; 0 means DefaultNegatives
	Name      string    // the generated set's name; "" means the source's name + "-gen"
}

// Validate reports whether o is usable: known kinds, none twice; levels in
// (0, 1] that differ when printed with two decimals; Negatives >= 0.
func (o Options) Validate() error {
	var errs []error
	for i, k := range o.Kinds {
		if !slices.Contains(Kinds, k) {
			errs = append(errs, fmt.Errorf("gen: unknown kind %q (want %s)", k, kindList(Kinds)))
		} else if slices.Contains(o.Kinds[:i], k) {
			errs = append(errs, fmt.Errorf("gen: kind %q given twice", k))
		}
	}
	seen := make([]string, 0, len(o.Levels))
	for _, p := range o.Levels {
		if !(p > 0 && p <= 1) { // also catches NaN
			errs = append(errs, fmt.Errorf("gen: level %v, want 0 < level <= 1", p))
			continue
		}
		s := levelString(p)
		if slices.Contains(seen, s) {
			errs = append(errs, fmt.Errorf("gen: level %v given twice (levels are told apart with two decimals: %s)", p, s))
		}
		seen = append(seen, s)
	}
	if o.Negatives < 0 {
		errs = append(errs, fmt.Errorf("gen: Negatives = %d, want >= 0", o.Negatives))
	}
	return errors.Join(errs...)
}

// kinds returns the kinds of o in the order of Kinds.
func (o Options) kinds() []Kind {
	if len(o.Kinds) == 0 {
		return slices.Clone(Kinds)
	}
	var ks []Kind
	for _, k := range Kinds {
		if slices.Contains(o.Kinds, k) {
			ks = append(ks, k)
		}
	}
	return ks
}

// levels returns the levels of o, ascending.
func (o Options) levels() []float64 {
	if len(o.Levels) == 0 {
		return slices.Clone(DefaultLevels)
	}
	ls := slices.Clone(o.Levels)
	slices.Sort(ls)
	return ls
}

func levelString(p float64) string { return strconv.FormatFloat(p, 'f', 2, 64) }

// Label returns the label of the pair of a document and its copy edited by
// k at level p: the kind, a hyphen and the level with two decimals, such as
// "substitute-0.20".
func Label(k Kind, p float64) string { return string(k) + "-" + levelString(p) }

// unrelated is the label of a pair of sources that the exhaustive source set
// leaves unlabelled.
const unrelated = "unrelated"

// A source is a document of the source set that copies are made of.
type source struct {
	id   string
	text string
	idx  int // index in the source set's Docs
	d    *doc
}

// Generate returns a gold set made of the sources of src and their edited
// copies, labelled as the package documentation says; its Warnings name the
// documents of src that are not sources, and why. It fails if o is not
// valid, if src breaks the promises of gold.Set (as a set made in memory
// may), if src has no source document, if Substitute is asked for and the
// vocabulary has fewer than two words, if a copy's id is already a
// document's id, or if a negative label of src is also one of the positive
// labels.
func Generate(src *gold.Set, o Options) (*gold.Set, error) {
	if src == nil {
		return nil, errors.New("gen: no source set")
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if err := check(src); err != nil {
		return nil, err
	}
	kinds, levels := o.kinds(), o.levels()
	maxNeg := o.Negatives
	if maxNeg == 0 {
		maxNeg = DefaultNegatives
	}

	// The sources. earlier[i] lists the pairs labelled positive of document
	// i with an earlier one, by ascending index of the earlier one.
	earlier := make([][]gold.Pair, len(src.Docs))
	for _, p := range src.Pairs { // sorted by (A, B), A < B
		if src.IsPositive(p.Label) {
			earlier[p.B] = append(earlier[p.B], p)
		}
	}
	var srcs []source
	var warnings []string
	isSource := make([]bool, len(src.Docs))
	for i, d := range src.Docs {
		dd := parse(d.Text)
		if dd.n == 0 {
			warnings = append(warnings, fmt.Sprintf("gen: %s dropped as a source: it has no words", d.ID))
			continue
		}
		if j := slices.IndexFunc(earlier[i], func(p gold.Pair) bool { return isSource[p.A] }); j >= 0 {
			p := earlier[i][j]
			warnings = append(warnings, fmt.Sprintf("gen: %s dropped as a source: labelled %s with %s", d.ID, p.Label, src.Docs[p.A].ID))
			continue
		}
		isSource[i] = true
		srcs = append(srcs, source{id: d.ID, text: d.Text, idx: i, d: dd})
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf("gen: %s has no source document", src.Manifest.Name)
	}

	// The labels.
	var positive []string
	for _, k := range kinds {
		for _, p := range levels {
			positive = append(positive, Label(k, p))
		}
	}
	for _, l := range src.Manifest.Negative {
		if slices.Contains(positive, l) {
			return nil, fmt.Errorf("gen: the negative label %q of %s is one of the generated positive labels", l, src.Manifest.Name)
		}
	}

	// The vocabulary.
	var vocab []string
	for _, s := range srcs {
		vocab = append(vocab, s.d.words...)
	}
	slices.Sort(vocab)
	vocab = slices.Compact(vocab)
	if slices.Contains(kinds, Substitute) && len(vocab) < 2 {
		return nil, fmt.Errorf("gen: cannot substitute words: the sources have %d distinct word", len(vocab))
	}
	e := &editor{seed: o.Seed, vocab: vocab, srcs: srcs}

	// The documents: sources and copies, numbered in generation order, then
	// sorted by id. pos[s*per+c] is the index in docs of copy c of source s,
	// c = 0 being the source itself.
	per := 1 + len(kinds)*len(levels)
	docs := make([]gold.Doc, 0, len(srcs)*per)
	for si, s := range srcs {
		docs = append(docs, gold.Doc{ID: s.id, Text: s.text})
		for _, k := range kinds {
			for li, text := range e.copies(si, k, levels) {
				docs = append(docs, gold.Doc{ID: s.id + "." + Label(k, levels[li]), Text: text})
			}
		}
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(docs[a].ID, docs[b].ID) })
	pos := make([]int, len(docs))
	sorted := make([]gold.Doc, len(docs))
	for i, g := range order {
		pos[g] = i
		sorted[i] = docs[g]
		if i > 0 && sorted[i-1].ID == sorted[i].ID {
			return nil, fmt.Errorf("gen: two documents would have the id %q", sorted[i].ID)
		}
	}

	// The pairs.
	pair := func(a, b int, label string) gold.Pair {
		if a > b {
			a, b = b, a
		}
		return gold.Pair{A: a, B: b, Label: label}
	}
	pairs := make([]gold.Pair, 0, len(srcs)*(per-1))
	for si := range srcs {
		for c := 1; c < per; c++ {
			pairs = append(pairs, pair(pos[si*per], pos[si*per+c], positive[c-1]))
		}
	}
	cand, ok := newCandidates(src, srcs, per)
	if !ok {
		return nil, errors.New("gen: too many candidate negative pairs to number in 64 bits")
	}
	usedNeg := make([]bool, len(cand.labels))
	for _, x := range cand.sample(maxNeg, rand.New(rand.NewPCG(o.Seed, streamKey("negatives")))) {
		sa, sb, ca, cb, l := cand.at(x)
		usedNeg[l] = true
		pairs = append(pairs, pair(pos[sa*per+ca], pos[sb*per+cb], cand.labels[l]))
	}
	slices.SortFunc(pairs, func(p, q gold.Pair) int {
		if c := cmp.Compare(p.A, q.A); c != 0 {
			return c
		}
		return cmp.Compare(p.B, q.B)
	})
	negative := []string{}
	for l, used := range usedNeg {
		if used {
			negative = append(negative, cand.labels[l])
		}
	}

	name := o.Name
	if name == "" {
		name = src.Manifest.Name + "-gen"
	}
	ls := make([]string, len(levels))
	for i, p := range levels {
		ls[i] = levelString(p)
	}
	what := fmt.Sprintf("from the gold set %q with seed %d, kinds %s and levels %s", src.Manifest.Name, o.Seed, kindList(kinds), strings.Join(ls, ", "))
	return &gold.Set{
		Manifest: gold.Manifest{
			Name: name,
			Description: fmt.Sprintf("Near-duplicates generated by simbench gen %s: the %d source documents, each with one edited copy per kind and level, "+
				"labelled <kind>-<level> with its original; pairs of documents of two different sources take the label of the two sources "+
				"(\"unrelated\" when the source set is exhaustive and leaves them unlabelled), at most %d of them; "+
				"pairs of two copies of one source are not labelled.", what, len(srcs), maxNeg),
			Source:     fmt.Sprintf("Generated by simbench gen (github.com/simbench/simbench/gold/gen) %s. The source set's documents: %s", what, src.Manifest.Source),
			License:    src.Manifest.License,
			Positive:   positive,
			Negative:   negative,
			Exhaustive: false,
		},
		Docs:     sorted,
		Pairs:    pairs,
		Warnings: warnings,
	}, nil
}

// check reports whether src keeps the promises of gold.Set that Generate
// relies on, as a set made in memory rather than loaded may not: documents
// sorted by distinct ids, pairs sorted by (A, B) with A < B, and every label
// declared.
func check(src *gold.Set) error {
	for i := 1; i < len(src.Docs); i++ {
		if src.Docs[i-1].ID >= src.Docs[i].ID {
			return fmt.Errorf("gen: the documents of %s are not sorted by distinct ids (%q, %q)", src.Manifest.Name, src.Docs[i-1].ID, src.Docs[i].ID)
		}
	}
	for i, p := range src.Pairs {
		switch {
		case p.A < 0 || p.A >= p.B || p.B >= len(src.Docs):
			return fmt.Errorf("gen: pair %d of %s is (%d, %d), want 0 <= A < B < %d", i, src.Manifest.Name, p.A, p.B, len(src.Docs))
		case i > 0 && (src.Pairs[i-1].A > p.A || src.Pairs[i-1].A == p.A && src.Pairs[i-1].B >= p.B):
			return fmt.Errorf("gen: the pairs of %s are not sorted by distinct (A, B)", src.Manifest.Name)
		case !src.IsPositive(p.Label) && !slices.Contains(src.Manifest.Negative, p.Label):
			return fmt.Errorf("gen: the label %q of %s is not declared", p.Label, src.Manifest.Name)
		}
	}
	return nil
}

// streamKey returns the second seed of the PCG generator of the stream of
// random choices named by parts.
func streamKey(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// count returns round(p·n).
func count(p float64, n int) int { return int(math.Round(p * float64(n))) }

// Package text turns a document into the sorted, distinct, seeded 64-bit
// hashes of its shingles, the input every similarity algorithm of simbench
// works on.
//
// The pipeline has four steps.
//
// First, [Normalize] maps the document to a canonical form, so that two
// documents that differ only in encoding or typography give the same text.
// Format characters (Unicode category Cf: ZWJ, ZWNJ, soft hyphen, BOM, bidi
// controls) are dropped and invalid UTF-8 bytes become U+FFFD; the text is
// put in Unicode Normalization Form KC, fully case folded and put in NFKC
// again; every white space character (NBSP, U+202F, tab, line breaks, ...)
// becomes one ASCII space, runs of spaces collapse and the ends are trimmed;
// the ASCII '|' used as a sentence end becomes the danda U+0964, and two
// dandas in a row become the double danda U+0965. NFKC also unifies the two
// encodings of the Devanagari nukta letters: U+0958..U+095F are composition
// exclusions, so both they and consonant+U+093C end as consonant+U+093C.
//
// Second, the normalised text is cut into units. For [Word] a unit is a token
// (see [AppendTokens]): a maximal run of letters, marks and digits, so a
// Devanagari word is never split at a vowel sign, virama or nukta. For [Char]
// a unit is an extended grapheme cluster of Unicode Standard Annex #29, spaces
// and punctuation included, so a conjunct such as "क्षि" is one unit.
//
// Third, every run of K consecutive units (a K-shingle, or w-shingle in
// Broder's terms: A. Broder, "On the resemblance and containment of
// documents", 1997) is hashed with [Hash64] and the seed. A document with
// fewer than K units gives one shingle of all its units. A document without a
// single token gives no shingle at all, for either unit: the caller must
// report it rather than give it a fingerprint.
//
// Fourth, the hashes are sorted ascending and duplicates removed, so the
// Jaccard similarity of two documents is a merge of two sorted slices.
//
// A [Shingler] runs the pipeline with reusable buffers and allocates nothing
// per document in steady state; [Shingles] is the one-shot form.
package text

import (
	"errors"
	"fmt"
	"strconv"
)

// A Unit is what a shingle is made of.
type Unit uint8

const (
	// Word shingles are runs of K consecutive tokens.
	Word Unit = iota
	// Char shingles are runs of K consecutive grapheme clusters.
	Char
)

// String returns "word" or "char", the names ParseUnit accepts.
func (u Unit) String() string {
	switch u {
	case Word:
		return "word"
	case Char:
		return "char"
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

// ParseUnit returns the Unit named s, which is "word" or "char".
func ParseUnit(s string) (Unit, error) {
	switch s {
	case "word":
		return Word, nil
	case "char":
		return Char, nil
	}
	return 0, fmt.Errorf("text: unknown unit %q (want \"word\" or \"char\")", s)
}

// maxK is the largest shingle length Options.Validate accepts.
const maxK = 64

// Options configures a Shingler.
type Options struct {
	Unit Unit   // Word or Char
	K    int    // shingle length in units, in [1, 64]
	Seed uint64 // seed of Hash64; different seeds give independent hashes
}

// DefaultOptions returns word 5-grams with seed 0, the usual choice for
// document-level near-duplicate detection of news-length text: five words are
// rarely shared by chance between unrelated articles, and a one-word edit
// changes at most five shingles.
func DefaultOptions() Options {
	return Options{Unit: Word, K: 5, Seed: 0}
}

// Validate reports whether o is usable: K in [1, 64] and Unit Word or Char.
func (o Options) Validate() error {
	var errs []error
	if o.Unit != Word && o.Unit != Char {
		errs = append(errs, fmt.Errorf("text: unknown unit %v", o.Unit))
	}
	if o.K < 1 || o.K > maxK {
		errs = append(errs, fmt.Errorf("text: shingle length K = %d, want 1 <= K <= %d", o.K, maxK))
	}
	return errors.Join(errs...)
}

// String returns the unit followed by K, such as "word5" or "char3".
// The seed is not included.
func (o Options) String() string {
	return o.Unit.String() + strconv.Itoa(o.K)
}

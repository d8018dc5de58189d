package main

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/zeebo/xxh3"

	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/gold"
)

// The shape of the synthetic corpus. With the default 24,000 documents it
// holds 19,500 originals and 4,500 edited copies of them, the sizes issue 5
// quotes for the field.
const (
	// nearNum/nearDen of the documents are edited copies of others.
	nearNum, nearDen = 3, 16
	// minDocs is the smallest corpus: enough for one near-duplicate pair.
	minDocs = nearDen
	// A document's length is drawn uniformly from [docWordsMin, docWordsMax]
	// words, 240 on average, so about 236 word 5-gram shingles and 3 KB.
	docWordsMin, docWordsMax = 200, 280
	// vocabSize is the number of distinct words: the seed articles' tokens
	// and generated Devanagari words.
	vocabSize = 30000
	// Word ranks follow a Zipf law P(k) ∝ (zipfV + k)^−zipfS, as the words
	// of natural text roughly do (Zipf 1935); the flat head (zipfV) keeps
	// the commonest word near 7% of the running words, about Hindi's "के".
	zipfS, zipfV = 1.07, 2.0
	// An edited copy changes each word with a probability drawn uniformly
	// from [editMin, editMax]: "a few % word edits".
	editMin, editMax = 0.01, 0.08
	// A sentence holds sentMin to sentMax words and ends with a danda; a
	// paragraph holds paraMin to paraMax sentences.
	sentMin, sentMax = 6, 18
	paraMin, paraMax = 3, 7
	// lengthNoise blurs the ranking of words by length (see vocabulary).
	// It is several times the spread of the lengths (1 to about 14 runes),
	// so the ranking only leans towards short words; it was chosen so that
	// the running text averages about 11 bytes a word, and a document of
	// 240 words about 3 KB.
	lengthNoise = 64.0
	// digitShare of the words are numbers written in ASCII digits.
	digitShare = 0.02
)

// A Pair is two documents by index, A < B.
type Pair struct{ A, B int }

// A Corpus is the deterministic synthetic corpus every implementation signs.
type Corpus struct {
	Docs     []string   // the documents' UTF-8 text
	Shingles [][]uint64 // their word 5-gram shingles (text.DefaultOptions), sorted and distinct
	Near     []Pair     // original and edited copy
	Random   []Pair     // pairs of documents drawn at random, none of them in Near
	Bytes    int        // the total length of Docs in bytes
	Options  text.Options
}

// NewCorpus returns the corpus of n documents drawn from seed: n − n·3/16
// originals of mostly Devanagari words, then n·3/16 copies of distinct
// originals with a few percent of their words substituted, deleted or
// inserted, and as many random pairs as near-duplicate pairs. The words come
// from the tokens of the embedded seed articles (gold set "seeds") and from
// generated Devanagari syllable words. Every document is shingled once with
// simbench's text.Shingler (word 5-grams, seed 0). The same n and seed give
// the same corpus on every machine.
func NewCorpus(n int, seed uint64) (*Corpus, error) {
	if n < minDocs {
		return nil, fmt.Errorf("corpus of %d documents: want at least %d", n, minDocs)
	}
	r := rand.New(rand.NewPCG(seed, 0x7065657273)) // "peers"
	vocab, err := vocabulary(r)
	if err != nil {
		return nil, err
	}
	g := &generator{r: r, vocab: vocab, zipf: rand.NewZipf(r, zipfS, zipfV, uint64(len(vocab)-1))}

	nNear := n * nearNum / nearDen
	nOrig := n - nNear
	copied := r.Perm(nOrig)[:nNear] // the originals that get a copy
	isCopied := make([]int, nOrig)  // 1 + index of its copy in copied, or 0
	for j, o := range copied {
		isCopied[o] = j + 1
	}

	c := &Corpus{Docs: make([]string, n), Options: text.DefaultOptions()}
	kept := make([][]string, nNear) // the words of the copied originals
	for i := range nOrig {
		words := g.document()
		c.Docs[i] = render(words)
		if j := isCopied[i]; j > 0 {
			kept[j-1] = words
		}
	}
	for j, o := range copied {
		c.Docs[nOrig+j] = render(g.edit(kept[j]))
		c.Near = append(c.Near, Pair{o, nOrig + j})
	}

	near := make(map[Pair]bool, nNear)
	for _, p := range c.Near {
		near[p] = true
	}
	for len(c.Random) < nNear {
		a, b := r.IntN(n), r.IntN(n)
		if a == b {
			continue
		}
		p := Pair{min(a, b), max(a, b)}
		if !near[p] {
			c.Random = append(c.Random, p)
		}
	}

	sh, err := text.NewShingler(c.Options)
	if err != nil {
		return nil, err
	}
	c.Shingles = make([][]uint64, n)
	for i, d := range c.Docs {
		c.Bytes += len(d)
		c.Shingles[i] = sh.Append(nil, d)
		if len(c.Shingles[i]) == 0 {
			return nil, fmt.Errorf("document %d has no shingle", i)
		}
	}
	return c, nil
}

// Digest returns a 64-bit hash of the corpus: its shingles and its pairs.
// Equal corpora have equal digests.
func (c *Corpus) Digest() uint64 {
	h := xxh3.New()
	var b [8]byte
	put := func(x uint64) {
		binary.LittleEndian.PutUint64(b[:], x)
		h.Write(b[:])
	}
	put(uint64(len(c.Shingles)))
	for _, s := range c.Shingles {
		put(uint64(len(s)))
		for _, x := range s {
			put(x)
		}
	}
	for _, ps := range [][]Pair{c.Near, c.Random} {
		put(uint64(len(ps)))
		for _, p := range ps {
			put(uint64(p.A))
			put(uint64(p.B))
		}
	}
	return h.Sum64()
}

// ShingleCount returns the total number of shingles.
func (c *Corpus) ShingleCount() int {
	n := 0
	for _, s := range c.Shingles {
		n += len(s)
	}
	return n
}

// vocabulary returns vocabSize distinct words, the distinct tokens of the
// seed articles and generated Devanagari words, in order of rank: by length
// in runes plus a uniform noise in [0, lengthNoise).
func vocabulary(r *rand.Rand) ([]string, error) {
	set, err := gold.Open("seeds")
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, vocabSize)
	var words []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	var toks []string
	for _, d := range set.Docs { // sorted by ID, so the order is fixed
		toks = text.AppendTokens(toks[:0], text.Normalize(d.Text))
		for _, t := range toks {
			add(t)
		}
	}
	for len(words) < vocabSize {
		add(syllableWord(r))
	}
	// Rank the words by length plus noise: common words are short, as in
	// natural language (Zipf's law of abbreviation), but only loosely.
	type ranked struct {
		w   string
		key float64
	}
	rs := make([]ranked, len(words))
	for i, w := range words {
		rs[i] = ranked{w, float64(utf8.RuneCountInString(w)) + lengthNoise*r.Float64()}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return cmp.Compare(a.key, b.key) })
	for i, x := range rs {
		words[i] = x.w
	}
	return words, nil
}

// Devanagari letters the generated words are made of.
var (
	consonants  = runeRange(0x0915, 0x0939) // क … ह
	vowels      = []rune("अआइईउऊएऐओऔ")      // independent vowels, to start a word
	vowelSigns  = []string{"", "", "", "ा", "ा", "ि", "ी", "ु", "ू", "े", "े", "ै", "ो", "ौ"}
	syllableLen = []int{1, 2, 2, 2, 3, 3, 3, 4} // syllables per word, uniform over this list
)

func runeRange(lo, hi rune) []rune {
	var rs []rune
	for c := lo; c <= hi; c++ {
		rs = append(rs, c)
	}
	return rs
}

// syllableWord returns a random word of consonant–vowel-sign syllables, with
// an occasional leading vowel, conjunct (consonant + virama + consonant),
// anusvara or chandrabindu.
func syllableWord(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(8) == 0 {
		b.WriteRune(vowels[r.IntN(len(vowels))])
	}
	for range syllableLen[r.IntN(len(syllableLen))] {
		b.WriteRune(consonants[r.IntN(len(consonants))])
		if r.IntN(10) == 0 {
			b.WriteRune('\u094d') // virama
			b.WriteRune(consonants[r.IntN(len(consonants))])
		}
		b.WriteString(vowelSigns[r.IntN(len(vowelSigns))])
		switch r.IntN(12) {
		case 0:
			b.WriteRune('\u0902') // anusvara
		case 1:
			b.WriteRune('\u0901') // chandrabindu
		}
	}
	return b.String()
}

// A generator draws documents and their edited copies.
type generator struct {
	r     *rand.Rand
	vocab []string
	zipf  *rand.Zipf
}

// Punctuation items of a document; every other item is a word.
const (
	danda     = "।"
	paragraph = "\n\n"
)

// word returns a random word: a number or a vocabulary word by rank.
func (g *generator) word() string {
	if g.r.Float64() < digitShare {
		return fmt.Sprint(1 + g.r.IntN(2025))
	}
	return g.vocab[g.zipf.Uint64()]
}

// document returns the items of a new document: a number of words drawn
// from [docWordsMin, docWordsMax] in sentences and paragraphs, with dandas
// and paragraph breaks.
func (g *generator) document() []string {
	left := docWordsMin + g.r.IntN(docWordsMax-docWordsMin+1)
	var items []string
	for left > 0 {
		for range paraMin + g.r.IntN(paraMax-paraMin+1) {
			for range min(left, sentMin+g.r.IntN(sentMax-sentMin+1)) {
				items = append(items, g.word())
				left--
			}
			items = append(items, danda)
			if left == 0 {
				break
			}
		}
		items = append(items, paragraph)
	}
	return items
}

// edit returns a copy of the items of a document in which every word, with
// a probability drawn once per copy from [editMin, editMax], is replaced by
// a random word (half the edits), deleted (a quarter) or followed by an
// inserted random word (a quarter).
func (g *generator) edit(items []string) []string {
	p := editMin + (editMax-editMin)*g.r.Float64()
	out := make([]string, 0, len(items)+len(items)/8)
	for _, it := range items {
		if it == danda || it == paragraph || g.r.Float64() >= p {
			out = append(out, it)
			continue
		}
		switch g.r.IntN(4) {
		case 0, 1:
			out = append(out, g.word())
		case 2: // deleted
		case 3:
			out = append(out, it, g.word())
		}
	}
	return out
}

// render joins items with single spaces, a paragraph break taking the place
// of the space before it.
func render(items []string) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 && it != paragraph && items[i-1] != paragraph {
			b.WriteByte(' ')
		}
		b.WriteString(it)
	}
	return strings.TrimSuffix(b.String(), paragraph)
}

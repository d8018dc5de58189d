// Package synth generates a synthetic corpus of near-duplicates: documents of
// mostly Devanagari words, some of them lightly edited copies of others, and
// writes it as a gold set (package gold) of any size, streamed.
//
// # The corpus
//
// A corpus of n documents (n ≥ MinDocs) holds n − n·3/16 originals, numbered
// from 0, followed by n·3/16 (rounded down) edited copies of distinct
// originals: copy j is document n − n·3/16 + j. Each copy is a near-duplicate
// of its original and of nothing else; every other pair is unrelated.
//
//   - Vocabulary. 30,000 distinct words: the distinct tokens of the embedded
//     seed articles (gold set "seeds", as text.AppendTokens cuts them) and
//     random Devanagari words of 1 to 4 consonant–vowel-sign syllables
//     (uniform over {1, 2, 2, 2, 3, 3, 3, 4}), each starting with an
//     independent vowel with probability 1/8, each consonant followed by a
//     conjunct with probability 1/10, each syllable carrying an anusvara or a
//     chandrabindu with probability 1/12 each. The words are ranked by their
//     length in runes plus a noise uniform in [0, 64), so that frequent words
//     lean towards short ones (Zipf's law of abbreviation) but only loosely.
//   - Words. A running word is, with probability 2%, a number uniform in
//     1…2025 written in ASCII digits; otherwise the vocabulary word of rank k,
//     drawn from the Zipf law P(k) ∝ (2 + k)^−1.07, k = 0…29,999 (Zipf 1935;
//     the flat head keeps the commonest word near 7% of the running words,
//     about the share of Hindi's "के").
//   - Documents. An original has a number of words uniform in [MinWords,
//     MaxWords] = [200, 280], 240 on average, in sentences of 6 to 18 words
//     (uniform), each ended by a danda "।" after a space, in paragraphs of 3
//     to 7 sentences (uniform) separated by a blank line. Words are separated
//     by single spaces. A document averages about 2.95 KB of UTF-8 and
//     about 236 word 5-grams.
//   - Edits. A copy draws a rate p uniform in [0.01, 0.08] and then changes
//     each word of its original with probability p: half of the changes
//     replace the word by a new random word, a quarter delete it, and a
//     quarter insert a new random word after it. Sentence and paragraph
//     breaks are kept. A word 5-gram survives when none of its five words
//     changed, so the Jaccard similarity of the word 5-gram shingles of a
//     copy and its original is about (1−p)^5 / (2 − (1−p)^5): 0.90 at p = 1%,
//     0.49 at p = 8%. A copy can come out unchanged, with probability
//     (1−p)^words, about 0.5% of the copies over the range of p.
//
// # The clustered corpus
//
// With Options.Clusters, the corpus (n ≥ MinClusterDocs = 100) is made of
// clusters of near-duplicates and of near-misses, and written with
// clusters.tsv instead of pairs.tsv (see WriteDir). It shows what a
// transitive closure of predicted pairs does to clusters.
//
//   - Near-misses. n·3/100 documents (rounded down) are near-misses; the
//     other n − n·3/100 are in clusters.
//   - Clusters. Cluster sizes are drawn one after the other until they fill
//     the n − n·3/100 documents, the last cut to fit, from a geometric law
//     truncated at 20 with an excess of singletons (ClusterSizeProb): P(1) =
//     0.6, P(s) = 0.4 · 0.2·0.8^(s−2) / (1 − 0.8^19) for s = 2…20, that is
//     0.081, 0.065, 0.052, … 0.0015 for s = 2, 3, 4, … 20. A cluster averages
//     2.89 documents and 8.3 pairs; 40% of the clusters have 2 or more
//     documents, and they hold 79% of the clustered documents. Cluster c is
//     headed by original c, an original as in the corpus above, and holds
//     s − 1 edited copies of it, each edited independently as above, so that
//     every two documents of a cluster are near-duplicates of each other: a
//     copy and its original at Jaccard 0.49 to 0.90 on average, as above,
//     two copies of one original at about (1−p)^5(1−q)^5 / (2 − (1−p)^5(1−q)^5),
//     0.28 to 0.82 on average, and at least 0.16 over the 4,587 such pairs of
//     two corpora of 1,000 documents (seeds 1 and 2).
//   - Near-miss. A near-miss splices two distinct originals A and B drawn
//     uniformly from the heads of the clusters of 2 or more documents (an
//     original may be spliced by several near-misses, which chains clusters
//     further): it is the first round(f·wA) words of A, with A's breaks among
//     them, followed by B from its word round(f·wB) to its end, where wA and
//     wB are their numbers of words and f is uniform in [0.42, 0.58]. It
//     holds about f·wA of A's word 5-grams among the wA + (1−f)·wB of their
//     union, so its Jaccard similarity to A and to B is between 84/362 ≈
//     0.23 and 162/364 ≈ 0.45 (0.25 to 0.41 measured on the two corpora
//     above): below a strict threshold, above a lax one. It is a
//     near-duplicate of nothing, alone in its cluster, and a closure at a
//     lax threshold joins A's cluster and B's through it. Its similarity to
//     the copies of A and B, and to another near-miss splicing A or B, is as
//     moderate (up to 0.40 on those corpora); these pairs are negatives too.
//   - Order. The originals come first, one per cluster (see
//     Generator.Cluster); then the copies and the near-misses, shuffled
//     together. A clustered Generator also keeps 1 byte per original and
//     4 per other document, and replays an original for each copy and two
//     for each near-miss.
//
// A corpus of 2,000 documents (seed 1) has 708 clusters, 270 of them of 2
// or more documents (41 of 10 or more, 2 of 20), 60 near-misses and 5,343
// near-duplicate pairs. The loader of package gold expands clusters.tsv into pairs and
// refuses more than 2^24 of them, so a clustered set loads up to about 6
// million documents (2.8 pairs a document).
//
// # The realistic corpus
//
// With Options.Realistic, the corpus (n ≥ MinRealisticDocs = 100) is shaped
// like a web crawl or a news feed, to measure the speed and memory of the
// algorithms where the corpus above is too kind: frequent words, many
// clusters, and one page copied thousands of times. It is written with
// clusters.tsv.
//
//   - Vocabulary. 60,000 words: the 50 commonest Hindi function words (के,
//     में, की, है, और, को, से, का, ने, पर, भी, एक, …), ranks 1 to 50, then
//     the words of the vocabulary above, built to 60,000 words and ranked
//     the same way, less the function words.
//   - Words. A running word is, with probability 2%, a number as above;
//     otherwise the word of rank r with probability proportional to 1/r,
//     r = 1…60,000: Zipf's law with exponent 1 (Zipf 1935), drawn in O(1)
//     from Walker's alias table. The commonest word, के, is 1/H ≈ 8.6% of
//     the vocabulary words drawn (H = 1 + 1/2 + … + 1/60,000 ≈ 11.58), the
//     50 function words 39%, and a word 5-gram of function words is common
//     enough that two unrelated documents share one by chance far more
//     often than above.
//     Documents are made as above: 200 to 280 words in sentences and
//     paragraphs.
//   - Near-duplicate clusters. n/10 documents (rounded down) are in
//     clusters whose sizes are drawn one after the other from the geometric
//     law P(s) = (1 − 1/2)·(1/2)^(s−2), s = 2, 3, 4, … (GeometricSizeProb),
//     the last cut to fit, or grown by one so that no document is left
//     alone: 3 documents and 4 pairs a cluster on average. A cluster is an
//     original, its first document, and copies of it, each edited as above.
//   - Boilerplate. Options.Boilerplate documents (the command's default is
//     DefaultBoilerplate: n/500, at least 2 and at most 5,793, the largest
//     cluster whose 16,776,528 pairs fit in the 2^24 labelled pairs package
//     gold accepts) are copies of one page, in one cluster: a first
//     sentence "DAY MONTH YEAR ।" and a paragraph break, then a document as
//     above whose last sentence ends with a counter. Each copy draws its day
//     (1 to 28), month (its Hindi name), year (2000 to 2025) and counter (1
//     to 2,025) uniformly, so two copies differ in at most four words.
//   - The other n − n/10 − Boilerplate documents are in no cluster. The
//     documents are in random order; the cluster of a document is named by
//     its first document (Generator.Cluster).
//
// # Identical copies
//
// With Options.Copies = m, the corpus is m byte-identical documents, in one
// cluster, and n − m distinct ones, made as the originals above, in random
// order: the worst case of an index whose buckets hold every copy, written
// with clusters.tsv.
//
// Every document of these two corpora, every original of a cluster, every
// edit and the page draw from a random source of their own, seeded from
// Options.Seed, the kind of draw and its index, so that a document depends
// on nothing drawn before it. The generator keeps 4 bytes per document (its
// cluster) and draws the original of a cluster again for each copy. A
// realistic corpus of 200,000 documents, 613 MB, takes about 3.7 s and 34 MB
// to write (simbench gen -docs 200000 -realistic).
//
// # Chance similarity
//
// Two unrelated documents share a word 5-gram only by chance, which the Zipf
// head makes possible but rare. Over all 5·10^11 pairs of the corpus of
// 1,000,000 documents of seed 1, shingled with text.DefaultOptions (word
// 5-grams) and joined exactly with package join, 3.7 million unrelated pairs
// (one in 130,000) share a 5-gram, and the largest Jaccard similarity of two
// unrelated documents is 0.0078, three shared 5-grams; the smallest of a
// near-duplicate pair is 0.26. (On 100,000 documents: 0.0071; on 20,000:
// 0.0046.) So the gold sets WriteDir writes are honestly exhaustive in the
// sense of package gold: every pair not labelled "near-duplicate" is
// unrelated. In the clustered corpus, so are the pairs of documents that no
// original links (none of the 992,391 of two corpora of 1,000 documents
// shares a 5-gram), but not those of a near-miss with a document of A's or
// B's cluster, which are its point.
//
// # Determinism and cost
//
// The same Options.Docs, Options.Seed and Options.Clusters give the same documents, byte for
// byte, on every machine and in every run of the same version of simbench
// (the vocabulary depends on how package text tokenizes the seed articles).
// Generation is streamed: a Generator holds the vocabulary, the choice of the
// originals that are copied (4 bytes per original), and 20 bytes of random
// state per copy, from which it draws its original again when the copy's
// turn comes, never the documents themselves. It makes about 290 MB of text a second on one core,
// without allocating; WriteDir writes 1,000,000 documents, 3.0 GB, in about
// 19 s (see BenchmarkWriteDir).
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
)

// The shape of the corpus; the package documentation explains each figure.
const (
	// nearNum/nearDen of the documents are edited copies of others.
	nearNum, nearDen = 3, 16

	// MinDocs is the smallest corpus: the smallest n with n·3/16 ≥ 1, one
	// near-duplicate pair.
	MinDocs = nearDen
	// MaxDocs is the largest corpus.
	MaxDocs = math.MaxInt32

	// MinWords and MaxWords bound the number of words of an original, drawn
	// uniformly from [MinWords, MaxWords].
	MinWords, MaxWords = 200, 280

	// vocabSize is the number of distinct words.
	vocabSize = 30000
	// Word ranks follow the Zipf law P(k) ∝ (zipfV + k)^−zipfS.
	zipfS, zipfV = 1.07, 2.0
	// numberMax is the largest number a word can be; numberShare of the words
	// are numbers.
	numberMax   = 2025
	numberShare = 0.02
	// An edited copy changes each word with a probability drawn uniformly
	// from [editMin, editMax].
	editMin, editMax = 0.01, 0.08
	// A sentence holds sentMin to sentMax words; a paragraph holds paraMin to
	// paraMax sentences.
	sentMin, sentMax = 6, 18
	paraMin, paraMax = 3, 7
	// lengthNoise blurs the ranking of the words by length. It is several
	// times the spread of their lengths (1 to about 14 runes), so the ranking
	// only leans towards short words; it was chosen so that the running text
	// averages about 11 bytes a word, and a document of 240 words about 3 KB.
	lengthNoise = 64.0

	// stream is the PCG stream of every generator ("peers": the generator
	// began as the corpus of eval/peers, whose documents it still makes).
	stream = 0x7065657273
)

// Codes of the items of a document: codes below vocabSize are vocabulary
// words by rank; then come the numbers 1…numberMax, then the two breaks.
const (
	numberBase    = vocabSize
	codeDanda     = numberBase + numberMax // "।" ends a sentence
	codeParagraph = codeDanda + 1          // "\n\n" ends a paragraph
	numCodes      = codeParagraph + 1
)

// Options say which corpus to generate.
type Options struct {
	// Docs is the number of documents, in [MinDocs, MaxDocs].
	Docs int
	// Seed is the seed of every random choice.
	Seed uint64
	// Force lets WriteDir replace an existing gold set (see WriteDir).
	Force bool
	// Clusters makes a clustered corpus, with near-misses (see "The
	// clustered corpus"), of at least MinClusterDocs documents.
	Clusters bool
	// Realistic makes a realistic corpus (see "The realistic corpus"), of
	// at least MinRealisticDocs documents, with a boilerplate cluster of
	// Boilerplate copies of one page: 0 for none, or 2 up to the documents
	// not in near-duplicate clusters (DefaultBoilerplate is the usual
	// number).
	Realistic   bool
	Boilerplate int
	// Copies, if not 0, makes an identical-copies corpus (see "Identical
	// copies"): Copies byte-identical documents, 2 to Docs, and Docs −
	// Copies distinct ones.
	Copies int
}

// NumPairs returns the number of near-duplicate pairs of a corpus of docs
// documents: docs·3/16, rounded down.
func NumPairs(docs int) int { return docs * nearNum / nearDen }

func (o Options) validate() error {
	if o.Docs < MinDocs || o.Docs > MaxDocs {
		return fmt.Errorf("synth: %d documents: want %d to %d", o.Docs, MinDocs, MaxDocs)
	}
	if o.Clusters && o.Docs < MinClusterDocs {
		return fmt.Errorf("synth: a clustered corpus of %d documents: want %d to %d", o.Docs, MinClusterDocs, MaxDocs)
	}
	if o.Realistic && o.Docs < MinRealisticDocs {
		return fmt.Errorf("synth: a realistic corpus of %d documents: want %d to %d", o.Docs, MinRealisticDocs, MaxDocs)
	}
	if o.Boilerplate != 0 && !o.Realistic {
		return fmt.Errorf("synth: a boilerplate cluster needs a realistic corpus")
	}
	if hi := o.Docs - NumClustered(o.Docs); o.Realistic && (o.Boilerplate < 0 || o.Boilerplate == 1 || o.Boilerplate > hi) {
		return fmt.Errorf("synth: a boilerplate cluster of %d documents: want 0 (none) or 2 to %d, the documents of %d not in near-duplicate clusters", o.Boilerplate, hi, o.Docs)
	}
	if o.Copies != 0 && (o.Copies < 2 || o.Copies > o.Docs) {
		return fmt.Errorf("synth: %d identical copies: want 2 to %d, the number of documents", o.Copies, o.Docs)
	}
	if n := btoi(o.Clusters) + btoi(o.Realistic) + btoi(o.Copies != 0); n > 1 {
		return fmt.Errorf("synth: a corpus is clustered, realistic or of identical copies, not more than one of these")
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A Pair is a near-duplicate pair of documents by index: the original A and
// its edited copy B, A < B.
type Pair struct{ A, B int }

// A drawer draws words and documents from one random source.
type drawer struct {
	src  *rand.PCG
	r    *rand.Rand
	zipf *rand.Zipf
	// law, if not nil, draws the rank of a word instead of zipf, and
	// codes[rank] is its code (the realistic corpus).
	law   *alias
	codes []uint16
}

func newDrawer(src *rand.PCG) *drawer {
	r := rand.New(src)
	return &drawer{src: src, r: r, zipf: rand.NewZipf(r, zipfS, zipfV, vocabSize-1)}
}

// word returns the code of a random word: a number or a vocabulary word by
// rank.
func (d *drawer) word() uint16 {
	if d.r.Float64() < numberShare {
		return uint16(numberBase + d.r.IntN(numberMax))
	}
	if d.law != nil {
		return d.codes[d.law.draw(d.r)]
	}
	return uint16(d.zipf.Uint64())
}

// isBreak reports whether item it is a sentence or paragraph break, not a
// word.
func isBreak(it uint16) bool { return it == codeDanda || it == codeParagraph }

// document appends to dst the items of a new original: MinWords to MaxWords
// words in sentences and paragraphs, each sentence ended by a danda and each
// paragraph by a paragraph break.
func (d *drawer) document(dst []uint16) []uint16 {
	left := MinWords + d.r.IntN(MaxWords-MinWords+1)
	for left > 0 {
		for range paraMin + d.r.IntN(paraMax-paraMin+1) {
			for range min(left, sentMin+d.r.IntN(sentMax-sentMin+1)) {
				dst = append(dst, d.word())
				left--
			}
			dst = append(dst, codeDanda)
			if left == 0 {
				break
			}
		}
		dst = append(dst, codeParagraph)
	}
	return dst
}

// edit appends to dst a copy of the items of a document in which every word,
// with a probability drawn once per copy from [editMin, editMax], is replaced
// by a random word (half the edits), deleted (a quarter) or followed by an
// inserted random word (a quarter).
func (d *drawer) edit(dst, items []uint16) []uint16 {
	p := editMin + (editMax-editMin)*d.r.Float64()
	for _, it := range items {
		if isBreak(it) || d.r.Float64() >= p {
			dst = append(dst, it)
			continue
		}
		switch d.r.IntN(4) {
		case 0, 1:
			dst = append(dst, d.word())
		case 2: // deleted
		case 3:
			dst = append(dst, it, d.word())
		}
	}
	return dst
}

// render appends to dst the text of items: the words and dandas separated by
// single spaces, a paragraph break "\n\n" taking the place of the space
// around it, and no break at the end.
func render(dst []byte, items []uint16, words []string) []byte {
	for i, it := range items {
		if i > 0 && it != codeParagraph && items[i-1] != codeParagraph {
			dst = append(dst, ' ')
		}
		if it == codeParagraph && i == len(items)-1 {
			break
		}
		dst = append(dst, words[it]...)
	}
	return dst
}

// A Generator makes the documents of a corpus one at a time, in order.
type Generator struct {
	n, nOrig int
	words    []string // the text of every code
	idWidth  int      // digits of an id

	main   *drawer // draws the originals, then the edits
	replay *drawer // draws an original again for its copy

	copied []int32 // copied[j] is the original of copy j
	copyOf []int32 // copyOf[i] is 1 + the copy of original i (clustered: its state slot), or 0
	states []byte  // the state of main before each copied original, stateSize bytes a copy

	clus  *clustered // the structure of a clustered corpus, or nil
	shape *shaped    // the structure of a realistic or identical-copies corpus, or nil

	next  int
	items []uint16
	orig  []uint16
	text  []byte
}

// stateSize is the length of the binary form of a rand.PCG.
const stateSize = 20

// NewGenerator returns a generator of the corpus o describes. It builds the
// vocabulary, which takes a few milliseconds, and returns an error when
// o.Docs is out of range or the embedded seed articles cannot be read.
func NewGenerator(o Options) (*Generator, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	if o.Realistic || o.Copies != 0 {
		g := &Generator{n: o.Docs, idWidth: idWidth(o.Docs)}
		if err := g.newShaped(o); err != nil {
			return nil, err
		}
		return g, nil
	}
	src := rand.NewPCG(o.Seed, stream)
	g := &Generator{n: o.Docs, main: newDrawer(src), replay: newDrawer(rand.NewPCG(0, 0))}
	vocab, err := vocabulary(g.main.r, vocabSize)
	if err != nil {
		return nil, err
	}
	if len(vocab) != vocabSize {
		return nil, fmt.Errorf("synth: a vocabulary of %d words, want %d", len(vocab), vocabSize)
	}
	g.words = make([]string, numCodes)
	copy(g.words, vocab)
	for k := 1; k <= numberMax; k++ {
		g.words[numberBase+k-1] = strconv.Itoa(k)
	}
	g.words[codeDanda] = "।"
	g.words[codeParagraph] = "\n\n"
	g.idWidth = idWidth(o.Docs)
	if o.Clusters {
		g.newClustered()
		return g, nil
	}

	nNear := NumPairs(o.Docs)
	g.nOrig = o.Docs - nNear
	perm := g.main.r.Perm(g.nOrig)
	g.copied = make([]int32, nNear)
	g.copyOf = make([]int32, g.nOrig)
	for j, i := range perm[:nNear] {
		g.copied[j] = int32(i)
		g.copyOf[i] = int32(j + 1)
	}
	g.states = make([]byte, nNear*stateSize)
	return g, nil
}

// idWidth returns the digits of the ids of a corpus of docs documents.
func idWidth(docs int) int { return max(7, len(strconv.Itoa(docs-1))) }

// Len returns the number of documents.
func (g *Generator) Len() int { return g.n }

// Pairs returns the near-duplicate pairs, in increasing order of the copy;
// of a clustered corpus, every pair of documents in one cluster, in
// increasing order of A and then B.
func (g *Generator) Pairs() []Pair {
	if g.shape != nil {
		return g.shape.pairs()
	}
	if g.clus != nil {
		return g.clusterPairs()
	}
	ps := make([]Pair, len(g.copied))
	for j, o := range g.copied {
		ps[j] = Pair{int(o), g.nOrig + j}
	}
	return ps
}

// Original returns the original of which document i is an edited copy, and
// whether it is one.
func (g *Generator) Original(i int) (int, bool) {
	if g.shape != nil {
		if i < 0 || i >= g.n {
			return 0, false
		}
		c := g.shape.cluster(i)
		return c, c != i
	}
	if i < g.nOrig || i >= g.n {
		return 0, false
	}
	if g.clus != nil {
		o := g.clus.derived[i-g.nOrig]
		return max(0, int(o)), o >= 0
	}
	return int(g.copied[i-g.nOrig]), true
}

// ID returns the id of document i: "d" and i in decimal, zero-padded to at
// least seven digits and to the digits of Len() − 1, so that the order of the
// ids is the order of the documents.
func (g *Generator) ID(i int) string { return string(g.AppendID(nil, i)) }

// AppendID appends the id of document i to dst.
func (g *Generator) AppendID(dst []byte, i int) []byte {
	dst = append(dst, 'd')
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(i), 10)
	for range g.idWidth - len(d) {
		dst = append(dst, '0')
	}
	return append(dst, d...)
}

// Next makes the next document and returns its index and its UTF-8 text, or
// ok false when every document has been made. The text is valid until the
// following call of Next, which overwrites it.
func (g *Generator) Next() (i int, text []byte, ok bool) {
	i, items, ok := g.nextItems()
	if !ok {
		return 0, nil, false
	}
	g.text = render(g.text[:0], items, g.words)
	return i, g.text, true
}

// nextItems makes the next document and returns its index and its items,
// which are valid until the following call.
func (g *Generator) nextItems() (i int, items []uint16, ok bool) {
	if g.next >= g.n {
		return 0, nil, false
	}
	i = g.next
	g.next++
	if g.shape != nil {
		g.items, g.orig = g.shape.items(g.items[:0], g.orig, i)
	} else if i < g.nOrig {
		if j := int(g.copyOf[i]) - 1; j >= 0 {
			// The state is written in place: AppendBinary appends stateSize
			// bytes to an empty slice with room for them.
			b, err := g.main.src.AppendBinary(g.states[j*stateSize : j*stateSize : (j+1)*stateSize])
			if err != nil || len(b) != stateSize {
				panic(fmt.Sprintf("synth: PCG state of %d bytes (%v), want %d", len(b), err, stateSize))
			}
		}
		g.items = g.main.document(g.items[:0])
	} else if g.clus != nil {
		g.nextDerived(i - g.nOrig)
	} else {
		j := i - g.nOrig
		if err := g.replay.src.UnmarshalBinary(g.states[j*stateSize : (j+1)*stateSize]); err != nil {
			panic(err) // unreachable: the state was marshalled by a PCG
		}
		g.orig = g.replay.document(g.orig[:0])
		g.items = g.main.edit(g.items[:0], g.orig)
	}
	return i, g.items, true
}

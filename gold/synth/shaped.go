package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
)

// The shape of a realistic corpus (Options.Realistic); the package
// documentation explains each figure.
const (
	// MinRealisticDocs is the smallest realistic corpus.
	MinRealisticDocs = 100
	// realVocabSize is the number of distinct words of a realistic corpus.
	realVocabSize = 60000
	// clusterShareDen: n/clusterShareDen of the documents (rounded down)
	// are in near-duplicate clusters.
	clusterShareDen = 10
	// A near-duplicate cluster has s ≥ 2 documents with probability
	// (1 − geomRatio)·geomRatio^(s−2).
	geomRatio = 0.5
	// boilerplateDen: the default boilerplate cluster holds
	// n/boilerplateDen copies (see DefaultBoilerplate).
	boilerplateDen = 500
	// MaxDefaultBoilerplate caps the default boilerplate cluster: 5,793
	// documents give 5,793·5,792/2 = 16,776,528 pairs, the most within the
	// 2^24 labelled pairs package gold lets a set hold (5,794 give
	// 16,782,321).
	MaxDefaultBoilerplate = 5793
	// dayMax, yearMin and yearMax bound the date of a boilerplate page.
	dayMax, yearMin, yearMax = 28, 2000, 2025
)

// Codes of a realistic corpus, beyond those of the other corpora: the words
// of rank vocabSize and above, then the twelve months.
const (
	extraBase    = numCodes
	monthBase    = extraBase + realVocabSize - vocabSize
	realNumCodes = monthBase + len(months)
	// An item is a uint16: this fails to compile if the codes do not fit.
	_ = uint16(realNumCodes - 1)
)

// functionWords are the commonest words of Hindi text, roughly in order of
// frequency: the head of the realistic vocabulary, ranks 1 to 50.
var functionWords = [...]string{
	"के", "में", "की", "है", "और", "को", "से", "का", "ने", "पर",
	"भी", "एक", "यह", "कि", "हैं", "लिए", "था", "नहीं", "तो", "इस",
	"कर", "हो", "गया", "ही", "जो", "साथ", "वह", "किया", "थी", "करने",
	"या", "अपने", "रहे", "बाद", "उन्होंने", "कहा", "साल", "लेकिन", "तक", "अब",
	"वे", "कुछ", "दिया", "सकते", "होता", "रहा", "करते", "बहुत", "उनके", "द्वारा",
}

// months are the names of the months of a boilerplate page's date.
var months = [...]string{
	"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून",
	"जुलाई", "अगस्त", "सितंबर", "अक्तूबर", "नवंबर", "दिसंबर",
}

// DefaultBoilerplate returns the default size of the boilerplate cluster of
// a realistic corpus of docs documents: docs/500 rounded down, at least 2
// and at most MaxDefaultBoilerplate.
func DefaultBoilerplate(docs int) int {
	return min(max(2, docs/boilerplateDen), MaxDefaultBoilerplate)
}

// NumClustered returns the number of documents of a realistic corpus of
// docs documents that are in near-duplicate clusters: docs/10 rounded down.
func NumClustered(docs int) int { return docs / clusterShareDen }

// GeometricSizeProb returns the probability that a near-duplicate cluster
// of a realistic corpus has s documents: (1 − 1/2)·(1/2)^(s−2) = 2^−(s−1)
// for s ≥ 2, 0 otherwise.
func GeometricSizeProb(s int) float64 {
	if s < 2 {
		return 0
	}
	p := 1 - geomRatio
	for range s - 2 {
		p *= geomRatio
	}
	return p
}

// Keys of the random sources of a shaped corpus: each document, cluster
// original, edit and page draws from a source of its own, seeded from the
// corpus seed, the kind and the index, so that a document's text depends
// on nothing drawn before it.
const (
	keyStructure = iota + 1
	keyDoc
	keyCluster
	keyEdit
	keyPage
)

// shaped is the structure of a realistic or identical-copies corpus.
type shaped struct {
	realistic bool
	// kind[i] is the cluster of document i, or −1 if it is in none.
	kind []int32
	// sizes[c] and first[c] are the number of documents of cluster c and
	// the first of them.
	sizes, first []int32
	// pile is the cluster of the copies of one page, or −1; page is that
	// page, and slots the places of its day, month, year and counter
	// (realistic only: the copies of an identical-copies corpus are not
	// edited).
	pile  int32
	page  []uint16
	slots [4]int

	seed uint64
	d    *drawer // reseeded for each item it draws
}

// seedKey returns the two words of the PCG seed of the item of kind key and
// index i of the corpus of seed seed, mixed by SplitMix64's finaliser
// (Steele, Lea and Flood 2014) so that nearby indices give unrelated
// states.
func seedKey(seed uint64, key, i int) (uint64, uint64) {
	mix := func(z uint64) uint64 {
		z += 0x9e3779b97f4a7c15
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		return z ^ z>>31
	}
	k := uint64(key)<<40 ^ uint64(i)
	return mix(seed ^ mix(k)), mix(k ^ stream)
}

// reseed makes s.d draw from the source of item (key, i).
func (s *shaped) reseed(key, i int) {
	s.d.src.Seed(seedKey(s.seed, key, i))
}

// realisticVocabulary returns the realistic vocabulary in order of rank:
// the function words, then the words of vocabulary(r, realVocabSize) that
// are not function words, to realVocabSize words in all.
func realisticVocabulary(r *rand.Rand) ([]string, error) {
	base, err := vocabulary(r, realVocabSize)
	if err != nil {
		return nil, err
	}
	words := make([]string, 0, realVocabSize)
	fw := make(map[string]bool, len(functionWords))
	for _, w := range functionWords {
		fw[w] = true
		words = append(words, w)
	}
	for _, w := range base {
		if len(words) == realVocabSize {
			break
		}
		if !fw[w] {
			words = append(words, w)
		}
	}
	return words, nil
}

// newShaped sets up g for the realistic corpus or the identical-copies
// corpus of o: the words, the drawer, and the structure.
func (g *Generator) newShaped(o Options) error {
	s := &shaped{realistic: o.Realistic, seed: o.Seed, pile: -1}
	st := rand.New(rand.NewPCG(seedKey(o.Seed, keyStructure, 0)))
	src := rand.NewPCG(0, 0)
	s.d = newDrawer(src)
	if o.Realistic {
		vocab, err := realisticVocabulary(st)
		if err != nil {
			return err
		}
		if len(vocab) != realVocabSize {
			return fmt.Errorf("synth: a vocabulary of %d words, want %d", len(vocab), realVocabSize)
		}
		g.words = make([]string, realNumCodes)
		s.d.codes = make([]uint16, realVocabSize)
		w := make([]float64, realVocabSize)
		for k, word := range vocab {
			code := k
			if k >= vocabSize {
				code = extraBase + k - vocabSize
			}
			g.words[code] = word
			s.d.codes[k] = uint16(code)
			w[k] = 1 / float64(k+1) // Zipf's law with exponent 1
		}
		s.d.law = newAlias(w)
		for m, name := range months {
			g.words[monthBase+m] = name
		}
	} else {
		vocab, err := vocabulary(st, vocabSize)
		if err != nil {
			return err
		}
		g.words = make([]string, numCodes)
		copy(g.words, vocab)
	}
	for k := 1; k <= numberMax; k++ {
		g.words[numberBase+k-1] = strconv.Itoa(k)
	}
	g.words[codeDanda] = "।"
	g.words[codeParagraph] = "\n\n"

	// The clusters: geometric sizes filling NumClustered(n) documents,
	// then the pile of one page.
	n := o.Docs
	pile := o.Copies
	if o.Realistic {
		pile = o.Boilerplate
		s.sizes = clusterSizes(st, NumClustered(n))
	}
	if pile > 0 {
		s.pile = int32(len(s.sizes))
		s.sizes = append(s.sizes, int32(pile))
	}
	s.kind = make([]int32, 0, n)
	for c, size := range s.sizes {
		for range size {
			s.kind = append(s.kind, int32(c))
		}
	}
	for len(s.kind) < n {
		s.kind = append(s.kind, -1)
	}
	st.Shuffle(n, func(i, j int) { s.kind[i], s.kind[j] = s.kind[j], s.kind[i] })
	s.first = make([]int32, len(s.sizes))
	for i := range s.first {
		s.first[i] = -1
	}
	for i, c := range s.kind {
		if c >= 0 && s.first[c] < 0 {
			s.first[c] = int32(i)
		}
	}

	if s.pile >= 0 {
		s.reseed(keyPage, 0)
		if o.Realistic {
			// A dated page with a counter: "DAY MONTH YEAR ।", a blank
			// line, and a document whose last sentence ends with the
			// counter.
			s.page = append(s.page, 0, 0, 0, codeDanda, codeParagraph)
			s.page = s.d.document(s.page)
			last := len(s.page) - 2 // the final danda
			s.page = slices.Insert(s.page, last, 0)
			s.slots = [4]int{0, 1, 2, last}
		} else {
			s.page = s.d.document(nil)
		}
	}
	g.shape = s
	return nil
}

// clusterSizes draws the sizes of near-duplicate clusters that hold docs
// documents from the geometric law GeometricSizeProb, one after the other;
// the last is cut to fit, or grown by one so that no document is left
// alone.
func clusterSizes(r *rand.Rand, docs int) []int32 {
	var sizes []int32
	for left := docs; left >= 2; {
		size := 2
		for r.Float64() < geomRatio {
			size++
		}
		size = min(size, left)
		if left-size == 1 {
			size++
		}
		sizes = append(sizes, int32(size))
		left -= size
	}
	return sizes
}

// number returns the code of the number k, 1 ≤ k ≤ numberMax.
func number(k int) uint16 { return uint16(numberBase + k - 1) }

// items appends to dst the items of document i.
func (s *shaped) items(dst, orig []uint16, i int) (items, original []uint16) {
	c := s.kind[i]
	switch {
	case c < 0:
		s.reseed(keyDoc, i)
		return s.d.document(dst), orig
	case c == s.pile:
		dst = append(dst, s.page...)
		if s.realistic {
			s.reseed(keyEdit, i)
			dst[s.slots[0]] = number(1 + s.d.r.IntN(dayMax))
			dst[s.slots[1]] = uint16(monthBase + s.d.r.IntN(len(months)))
			dst[s.slots[2]] = number(yearMin + s.d.r.IntN(yearMax-yearMin+1))
			dst[s.slots[3]] = number(1 + s.d.r.IntN(numberMax))
		}
		return dst, orig
	}
	s.reseed(keyCluster, int(c))
	if s.first[c] == int32(i) {
		return s.d.document(dst), orig
	}
	orig = s.d.document(orig[:0])
	s.reseed(keyEdit, i)
	return s.d.edit(dst, orig), orig
}

// cluster returns the first document of the cluster of document i, or i if
// it is in none.
func (s *shaped) cluster(i int) int {
	if c := s.kind[i]; c >= 0 {
		return int(s.first[c])
	}
	return i
}

// clusterSize returns the number of documents of the cluster whose first
// document is d: 1 for a document in no cluster, 0 for a document that is
// not the first of its cluster.
func (s *shaped) clusterSize(d int) int {
	c := s.kind[d]
	switch {
	case c < 0:
		return 1
	case s.first[c] == int32(d):
		return int(s.sizes[c])
	}
	return 0
}

// numPositive returns the number of pairs of documents in one cluster.
func (s *shaped) numPositive() int {
	n := 0
	for _, size := range s.sizes {
		n += int(size) * int(size-1) / 2
	}
	return n
}

// pairs returns every pair of documents in one cluster, sorted.
func (s *shaped) pairs() []Pair {
	members := make([][]int, len(s.sizes))
	for i, c := range s.kind {
		if c >= 0 {
			members[c] = append(members[c], i)
		}
	}
	ps := make([]Pair, 0, s.numPositive())
	for _, ms := range members {
		for x, a := range ms {
			for _, b := range ms[x+1:] {
				ps = append(ps, Pair{a, b})
			}
		}
	}
	slices.SortFunc(ps, func(p, q Pair) int {
		return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B))
	})
	return ps
}

// An alias is Walker's alias table of a discrete law over 0…n−1 (Walker
// 1977), built by Vose's method (Vose 1991): a draw picks a column k
// uniformly and keeps it with probability prob[k], else takes alias[k], in
// O(1).
type alias struct {
	prob  []float64
	alias []int32
}

// newAlias returns the alias table of the law P(k) = w[k]/Σw; every w[k]
// must be positive.
func newAlias(w []float64) *alias {
	n := len(w)
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	a := &alias{prob: make([]float64, n), alias: make([]int32, n)}
	scaled := make([]float64, n)
	var small, large []int32
	for k, x := range w {
		scaled[k] = x * float64(n) / sum
		if scaled[k] < 1 {
			small = append(small, int32(k))
		} else {
			large = append(large, int32(k))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		l := small[len(small)-1]
		small = small[:len(small)-1]
		h := large[len(large)-1]
		a.prob[l], a.alias[l] = scaled[l], h
		scaled[h] -= 1 - scaled[l]
		if scaled[h] < 1 {
			large = large[:len(large)-1]
			small = append(small, h)
		}
	}
	// What is left is 1 but for rounding.
	for _, k := range slices.Concat(small, large) {
		a.prob[k], a.alias[k] = 1, k
	}
	return a
}

// draw returns a random k drawn from the law of a.
func (a *alias) draw(r *rand.Rand) int {
	k := r.IntN(len(a.prob))
	if r.Float64() < a.prob[k] {
		return k
	}
	return int(a.alias[k])
}

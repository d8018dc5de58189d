package text

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The shape of the synthetic documents of devanagariDocs, those of the
// simbench peers corpus (eval/peers/corpus.go): about 240 Zipf-distributed
// words a document, in sentences ended by a danda and paragraphs separated
// by "\n\n", 2% of them numbers, about 3 KB in all.
const (
	docWordsMin, docWordsMax = 200, 280 // words per document, uniform
	sentMin, sentMax         = 6, 18    // words per sentence, uniform
	paraMin, paraMax         = 3, 7     // sentences per paragraph, uniform
	vocabSize                = 30000    // distinct words
	zipfS, zipfV             = 1.07, 2.0
	lengthNoise              = 64.0 // blurs the ranking of words by length
	digitShare               = 0.02
)

// devanagariDocs returns n documents drawn from seed like those of the
// peers corpus. The vocabulary is the tokens of testdata/seed000.txt (Hindi
// with English words and nukta letters) and random Devanagari syllable
// words with conjuncts, anusvara, chandrabindu and now and then a nukta
// letter. The text is in NFKC and lower case, as in the peers corpus, whose
// words are normalised tokens.
func devanagariDocs(tb testing.TB, n int, seed uint64) []string {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, 0x6465766e)) // "devn"
	seen := make(map[string]bool, vocabSize)
	var words []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	// The tokens of the seed paragraph, normalised as the peers corpus
	// has them.
	for _, w := range AppendTokens(nil, Normalize(readSeed(tb))) {
		add(w)
	}
	for len(words) < vocabSize {
		add(syllableWord(r))
	}
	type ranked struct {
		w   string
		key float64
	}
	rs := make([]ranked, len(words))
	for i, w := range words {
		rs[i] = ranked{w, float64(utf8.RuneCountInString(w)) + lengthNoise*r.Float64()}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return cmp.Compare(a.key, b.key) })
	zipf := rand.NewZipf(r, zipfS, zipfV, uint64(len(rs)-1))
	word := func() string {
		if r.Float64() < digitShare {
			return strconv.Itoa(1 + r.IntN(2025))
		}
		return rs[zipf.Uint64()].w
	}

	docs := make([]string, n)
	var b strings.Builder
	for i := range docs {
		b.Reset()
		left := docWordsMin + r.IntN(docWordsMax-docWordsMin+1)
		for left > 0 {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			for s := range paraMin + r.IntN(paraMax-paraMin+1) {
				for j := range min(left, sentMin+r.IntN(sentMax-sentMin+1)) {
					if s > 0 || j > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(word())
					left--
				}
				b.WriteString(" ।")
				if left == 0 {
					break
				}
			}
		}
		docs[i] = b.String()
	}
	return docs
}

// Devanagari letters the syllable words are made of.
var (
	consonants = []rune("कखगघङचछजझञटठडढणतथदधनपफबभमयरलळवशषसह")
	vowels     = []rune("अआइईउऊएऐओऔ")
	vowelSigns = []string{"", "", "", "ा", "ा", "ि", "ी", "ु", "ू", "े", "े", "ै", "ो", "ौ"}
	// Nukta letters in NFKC: consonant + U+093C (the nukta's quick check
	// is Maybe, so the normaliser must look at each).
	nuktas = []string{"\u0915\u093c", "\u0916\u093c", "\u091c\u093c", "\u0921\u093c", "\u092b\u093c"}
)

// syllableWord returns a random word of consonant–vowel-sign syllables, with
// an occasional leading vowel, conjunct, nukta letter, anusvara or
// chandrabindu.
func syllableWord(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(8) == 0 {
		b.WriteRune(vowels[r.IntN(len(vowels))])
	}
	for range []int{1, 2, 2, 2, 3, 3, 3, 4}[r.IntN(8)] {
		if r.IntN(100) == 0 {
			b.WriteString(nuktas[r.IntN(len(nuktas))])
		} else {
			b.WriteRune(consonants[r.IntN(len(consonants))])
		}
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

// benchDocs is the input of BenchmarkShinglerDevanagari: enough documents
// (about 1.5 MB) that the benchmark does not run out of the CPU caches on
// one document.
func benchDocs(b *testing.B) (docs []string, size int64) {
	docs = devanagariDocs(b, 500, 1)
	for _, d := range docs {
		size += int64(len(d))
	}
	return docs, size
}

// BenchmarkShinglerDevanagari reports the throughput of Shingler.Append with
// the default options on documents like those of the peers corpus, and of
// the reference implementation (reference_test.go: normalise, tokenise,
// hash, sort, one step after the other) on the same documents, so that the
// speed-up of the one-pass path is a ratio within one run:
//
//	go test -run '^$' -bench ShinglerDevanagari -count 6 ./algorithms/text/ | benchstat -col /impl -
func BenchmarkShinglerDevanagari(b *testing.B) {
	docs, size := benchDocs(b)
	o := DefaultOptions()
	b.Run("impl=new", func(b *testing.B) {
		benchAppend(b, docs, size, mustShingler(o).Append)
	})
	b.Run("impl=ref", func(b *testing.B) {
		benchAppend(b, docs, size, newRefShingler(o).Append)
	})
}

// benchAppend times appendShingles over docs, whose total length is size,
// after one untimed pass that grows its buffers.
func benchAppend(b *testing.B, docs []string, size int64, appendShingles func(dst []uint64, doc string) []uint64) {
	var dst []uint64
	for _, d := range docs {
		dst = appendShingles(dst[:0], d)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			dst = appendShingles(dst[:0], d)
		}
	}
}

// BenchmarkShinglerStages splits Shingler.Append with the default options
// into its stages, each row timing the stages before it too, on the
// documents of BenchmarkShinglerDevanagari, so that the cost of each is the
// difference of two rows of one run (MB/s is of the text):
//
//   - stage=1-bytes: one pass over the bytes, adding them: the floor of any
//     pass;
//   - stage=2-hash-text: Hash64 over each whole document, the one-hash
//     reference of this package (eval/peers times xxh3 likewise);
//   - stage=3-tokens: the one-pass scan, cutting and hashing the tokens
//     (scanWords);
//   - stage=4-shingles: and hashing every run of K token hashes;
//   - stage=5-sorted: and sorting and deduplicating them (Append).
func BenchmarkShinglerStages(b *testing.B) {
	docs, size := benchDocs(b)
	o := DefaultOptions()
	s := mustShingler(o)
	var sink uint64
	var sh []uint64
	stages := []struct {
		name string
		run  func(doc string)
	}{
		{"1-bytes", func(doc string) {
			var sum uint64
			for i := 0; i < len(doc); i++ {
				sum += uint64(doc[i])
			}
			sink += sum
		}},
		{"2-hash-text", func(doc string) { sink += HashString(doc, o.Seed) }},
		{"3-tokens", func(doc string) {
			if !s.scanWords(doc, o.Seed) {
				b.Fatal("a document is off the fast path")
			}
		}},
		{"4-shingles", func(doc string) {
			s.scanWords(doc, o.Seed)
			sh = s.hashShingles(sh[:0], min(o.K, len(s.th)), o.Seed)
		}},
		{"5-sorted", func(doc string) { sh = s.Append(sh[:0], doc) }},
	}
	for _, st := range stages {
		b.Run("stage="+st.name, func(b *testing.B) {
			for _, d := range docs {
				st.run(d)
			}
			b.SetBytes(size)
			for b.Loop() {
				for _, d := range docs {
					st.run(d)
				}
			}
		})
	}
	_ = sink
}

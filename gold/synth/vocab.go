package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/simbench/simbench/algorithms/text"
	"github.com/simbench/simbench/gold"
)

// vocabulary returns size distinct words, the distinct tokens of the seed
// articles and generated Devanagari words, in order of rank: by length in
// runes plus a uniform noise in [0, lengthNoise).
func vocabulary(r *rand.Rand, size int) ([]string, error) {
	// The embedded set, never a directory seeds/ of the current
	// directory: the corpus must not depend on where it is made.
	set, err := gold.OpenEmbedded("seeds")
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, size)
	words := make([]string, 0, size)
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
	for len(words) < size {
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

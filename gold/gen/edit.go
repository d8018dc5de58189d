package gen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"
)

// A doc is a source document cut into lines, words and sentences.
type doc struct {
	lines [][]string // the words of each line; a blank line has none
	words []string   // the words of all lines, in order
	n     int        // len(words)
	sents []sentence // the sentences, in order
	lead  int        // the number of line breaks before the first sentence
}

// A sentence is a run of words ending at a sentence end or a line break, and
// the number of line breaks that follow it.
type sentence struct {
	words []string
	nl    int
}

func parse(text string) *doc {
	d := new(doc)
	raw := strings.Split(text, "\n")
	var cur []string
	for i, line := range raw {
		ws := strings.Fields(line)
		d.lines = append(d.lines, ws)
		d.words = append(d.words, ws...)
		for _, w := range ws {
			cur = append(cur, w)
			if endsSentence(w) {
				d.sents = append(d.sents, sentence{words: cur})
				cur = nil
			}
		}
		if len(cur) > 0 {
			d.sents = append(d.sents, sentence{words: cur})
			cur = nil
		}
		if i < len(raw)-1 { // a line break follows this line
			if len(d.sents) == 0 {
				d.lead++
			} else {
				d.sents[len(d.sents)-1].nl++
			}
		}
	}
	d.n = len(d.words)
	return d
}

// endsSentence reports whether the word w ends a sentence: whether its last
// character, after any closing quotes and brackets, is a danda, a double
// danda, '|', '.', '?' or '!'.
func endsSentence(w string) bool {
	for w != "" {
		r, size := utf8.DecodeLastRuneInString(w)
		switch r {
		case '"', '\'', '”', '’', ')', ']', '»', '›':
			w = w[:len(w)-size]
		case '।', '॥', '|', '.', '?', '!':
			return true
		default:
			return false
		}
	}
	return false
}

// render returns lines as text: the words of each line joined by spaces, the
// lines joined by line breaks.
func render(lines [][]string) string {
	size := 0
	for _, ws := range lines {
		for _, w := range ws {
			size += len(w) + 1
		}
		size++
	}
	var b strings.Builder
	b.Grow(size)
	for i, ws := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, w := range ws {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	return b.String()
}

// mapWords returns the lines of d with each word replaced by f of it and its
// index in d.words: f returns the words to put in its place.
func (d *doc) mapWords(f func(i int, w string) []string) [][]string {
	out := make([][]string, len(d.lines))
	i := 0
	for l, ws := range d.lines {
		line := make([]string, 0, len(ws))
		for _, w := range ws {
			line = append(line, f(i, w)...)
			i++
		}
		out[l] = line
	}
	return out
}

// An editor makes the copies of the sources.
type editor struct {
	seed  uint64
	vocab []string // sorted, distinct
	srcs  []source
}

// rng returns the generator of the random choices named by parts.
func (e *editor) rng(parts ...string) *rand.Rand {
	return rand.New(rand.NewPCG(e.seed, streamKey(parts...)))
}

// copies returns the copies of source si edited by k at each of the levels,
// which are ascending.
func (e *editor) copies(si int, k Kind, levels []float64) []string {
	s := e.srcs[si]
	d := s.d
	rng := e.rng(s.id, string(k))
	out := make([]string, len(levels))
	kmax := count(levels[len(levels)-1], d.n)
	switch k {
	case Delete:
		perm := rng.Perm(d.n)
		for li, p := range levels {
			gone := make([]bool, d.n)
			for _, i := range perm[:min(count(p, d.n), d.n-1)] {
				gone[i] = true
			}
			out[li] = render(d.mapWords(func(i int, w string) []string {
				if gone[i] {
					return nil
				}
				return []string{w}
			}))
		}
	case Insert:
		gaps, words := make([]int, kmax), make([]string, kmax)
		for j := range kmax {
			gaps[j] = rng.IntN(d.n + 1)
			words[j] = e.vocab[rng.IntN(len(e.vocab))]
		}
		for li, p := range levels {
			before := make([][]string, d.n+1) // before[i]: the words inserted before word i
			for j := range count(p, d.n) {
				before[gaps[j]] = append(before[gaps[j]], words[j])
			}
			out[li] = render(d.mapWords(func(i int, w string) []string {
				ws := append(slices.Clone(before[i]), w)
				if i == d.n-1 {
					ws = append(ws, before[d.n]...)
				}
				return ws
			}))
		}
	case Substitute:
		perm := rng.Perm(d.n)
		repl := make([]string, kmax)
		for j, i := range perm[:kmax] {
			self, _ := slices.BinarySearch(e.vocab, d.words[i])
			r := rng.IntN(len(e.vocab) - 1)
			if r >= self {
				r++
			}
			repl[j] = e.vocab[r]
		}
		for li, p := range levels {
			with := make([]string, d.n) // with[i]: the word replacing word i, or ""
			for j, i := range perm[:count(p, d.n)] {
				with[i] = repl[j]
			}
			out[li] = render(d.mapWords(func(i int, w string) []string {
				if with[i] != "" {
					return []string{with[i]}
				}
				return []string{w}
			}))
		}
	case Shuffle:
		m := len(d.sents)
		sh := newShuffler(d, rng)
		for li, p := range levels {
			for len(sh.moved) < moves(p, m) {
				sh.step()
			}
			out[li] = d.inOrder(sh.order)
		}
	case Truncate:
		for li, p := range levels {
			keep := d.n - min(count(p, d.n), d.n-1)
			var lines [][]string
			i := 0
			for _, ws := range d.lines {
				if i+len(ws) >= keep {
					lines = append(lines, ws[:keep-i])
					break
				}
				lines = append(lines, ws)
				i += len(ws)
			}
			out[li] = render(lines)
		}
	case Wrap:
		items := e.boilerplate(si, rng, kmax)
		for li, p := range levels {
			out[li] = wrap(s.text, items, count(p, d.n))
		}
	default:
		panic("gen: unknown kind " + string(k)) // Options.Validate rules this out
	}
	return out
}

// moves returns the number of sentences of m that level p moves: round(p·m),
// but 2 for 1, since a sentence cannot move alone, and 0 when m < 2.
func moves(p float64, m int) int {
	if m < 2 {
		return 0
	}
	k := count(p, m)
	if k == 1 {
		k = 2
	}
	return k
}

// inOrder returns the text of d with its sentences in the given order.
func (d *doc) inOrder(order []int) string {
	var b strings.Builder
	b.WriteString(strings.Repeat("\n", d.lead))
	for i, si := range order {
		s := d.sents[si]
		b.WriteString(strings.Join(s.words, " "))
		switch {
		case s.nl > 0:
			b.WriteString(strings.Repeat("\n", s.nl))
		case i == len(order)-1:
		case endsSentence(s.words[len(s.words)-1]):
			b.WriteByte(' ')
		default:
			// The last sentence of a text that ends without a sentence end
			// or a line break: a line break keeps it a sentence of its own.
			b.WriteByte('\n')
		}
	}
	return b.String()
}

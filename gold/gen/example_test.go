package gen_test

import (
	"fmt"
	"strings"

	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/gen"
)

func ExampleGenerate() {
	src := &gold.Set{
		Manifest: gold.Manifest{
			Name: "tiny", Description: "Two short sentences.", Source: "Written for this example.", License: "CC0-1.0",
			Positive: []string{"duplicate"}, Negative: []string{"unrelated"}, Exhaustive: true,
		},
		Docs: []gold.Doc{
			{ID: "a", Text: "The cat sat on the mat."},
			{ID: "b", Text: "Stock prices fell sharply on Monday."},
		},
		Pairs: []gold.Pair{{A: 0, B: 1, Label: "unrelated"}},
	}
	g, err := gen.Generate(src, gen.Options{Seed: 1, Kinds: []gen.Kind{gen.Delete, gen.Truncate}, Levels: []float64{0.5}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range g.Docs {
		fmt.Printf("%-15s %d words\n", d.ID, len(strings.Fields(d.Text)))
	}
	i, _ := g.Index("a.truncate-0.50")
	fmt.Printf("a.truncate-0.50: %q\n", g.Docs[i].Text)

	// Each copy is labelled with its original; every document of a with
	// every document of b is labelled as a and b are.
	n := make(map[string]int)
	for _, p := range g.Pairs {
		n[p.Label]++
	}
	for _, l := range append(g.Manifest.Positive, g.Manifest.Negative...) {
		fmt.Printf("%s: %d pairs\n", l, n[l])
	}
	// Output:
	// a               6 words
	// a.delete-0.50   3 words
	// a.truncate-0.50 3 words
	// b               6 words
	// b.delete-0.50   3 words
	// b.truncate-0.50 3 words
	// a.truncate-0.50: "The cat sat"
	// delete-0.50: 2 pairs
	// truncate-0.50: 2 pairs
	// unrelated: 9 pairs
}

func ExampleParseKinds() {
	ks, err := gen.ParseKinds("delete,wrap")
	fmt.Println(ks, err)
	_, err = gen.ParseKinds("delete,rotate")
	fmt.Println(err)
	// Output:
	// [delete wrap] <nil>
	// gen: bad list of edit kinds: unknown kind "rotate" (want delete, insert, substitute, shuffle, truncate, wrap, or all)
}

func ExampleLabel() {
	fmt.Println(gen.Label(gen.Substitute, 0.2))
	// Output: substitute-0.20
}

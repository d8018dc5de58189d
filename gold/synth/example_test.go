package synth_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/simbench/simbench/gold"
	"github.com/simbench/simbench/gold/synth"
)

func ExampleGenerator() {
	g, err := synth.NewGenerator(synth.Options{Docs: 32, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	n := 0
	for {
		_, text, ok := g.Next() // text is valid until the next call
		if !ok {
			break
		}
		_ = text
		n++
	}
	first := g.Pairs()[0]
	fmt.Println(n, "documents,", len(g.Pairs()), "near-duplicate pairs; the first copy is", g.ID(first.B))
	// Output: 32 documents, 6 near-duplicate pairs; the first copy is d0000026
}

func ExampleWriteDir() {
	tmp, err := os.MkdirTemp("", "synth")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "synth-500")
	if err := synth.WriteDir(context.Background(), dir, synth.Options{Docs: 500, Seed: 1}, nil); err != nil {
		fmt.Println(err)
		return
	}
	s, err := gold.LoadDir(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d documents, %d pairs labelled %s, exhaustive %v\n",
		s.Manifest.Name, len(s.Docs), s.NumPositive(), s.Manifest.Positive[0], s.Manifest.Exhaustive)
	// Output: synth-500: 500 documents, 93 pairs labelled near-duplicate, exhaustive true
}

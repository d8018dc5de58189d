package gold_test

import (
	"fmt"
	"testing/fstest"

	"github.com/simbench/simbench/gold"
)

func ExampleLoad() {
	fsys := fstest.MapFS{
		"gold.json": {Data: []byte(`{
  "name": "tiny",
  "description": "Three short sentences.",
  "source": "Written for this example.",
  "license": "CC0-1.0",
  "positive": ["duplicate"],
  "negative": ["unrelated"],
  "exhaustive": true
}`)},
		"docs.jsonl": {Data: []byte(`{"id": "a", "text": "The cat sat on the mat."}
{"id": "b", "text": "The cat sat on a mat."}
{"id": "c", "text": "Stock prices fell."}
`)},
		"pairs.tsv": {Data: []byte("a\tb\tlabel\n" +
			"a\tb\tduplicate\n" +
			"c\ta\tunrelated\n")},
	}
	s, err := gold.Load(fsys, ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d documents, %d labelled pairs, %d positive\n", s.Manifest.Name, len(s.Docs), len(s.Pairs), s.NumPositive())
	for _, p := range s.Pairs {
		fmt.Println(s.Docs[p.A].ID, s.Docs[p.B].ID, p.Label)
	}
	// Output:
	// tiny: 3 documents, 2 labelled pairs, 1 positive
	// a b duplicate
	// a c unrelated
}

// Load reports every problem it finds, each with its file and line.
func ExampleLoad_errors() {
	fsys := fstest.MapFS{
		"gold.json": {Data: []byte(`{
  "name": "tiny",
  "description": "Three short sentences.",
  "source": "Written for this example.",
  "positive": ["duplicate"],
  "negative": ["unrelated"]
}`)},
		"docs/a.txt": {Data: []byte("The cat sat on the mat.")},
		"docs/b.txt": {Data: []byte("The cat sat on a mat.")},
		"pairs.tsv": {Data: []byte("a\tb\tlabel\n" +
			"a\tb\tduplicated\n" +
			"a\tc\tunrelated\n")},
	}
	_, err := gold.Load(fsys, ".")
	fmt.Println(err)
	// Output:
	// gold.json:1: missing field "license"
	// pairs.tsv:2: label "duplicated" is not declared in gold.json (positive: duplicate; negative: unrelated)
	// pairs.tsv:3: unknown document id "c"
}

func ExampleOpen() {
	s, err := gold.Open("seeds")
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := s.Index("000")
	b, _ := s.Index("002")
	label, _ := s.Label(b, a)
	fmt.Printf("%d documents, %d labelled pairs, %d positive; 000-002 is %s\n", len(s.Docs), len(s.Pairs), s.NumPositive(), label)
	// Output:
	// 5 documents, 10 labelled pairs, 1 positive; 000-002 is duplicate
}

// A cluster of n documents labels n(n-1)/2 pairs. With NoClusterPairs the
// set is checked and its pairs counted without listing them; by default
// they are listed, up to MaxPairs of them.
func ExampleLoadOptions() {
	fsys := fstest.MapFS{
		"gold.json": {Data: []byte(`{
  "name": "cluster",
  "description": "Four copies of one sentence.",
  "source": "Written for this example.",
  "license": "CC0-1.0",
  "positive": ["duplicate"],
  "negative": ["unrelated"]
}`)},
		"docs.jsonl": {Data: []byte(`{"id": "a", "text": "The cat sat on the mat."}
{"id": "b", "text": "The cat sat on a mat."}
{"id": "c", "text": "A cat sat on the mat."}
{"id": "d", "text": "The cat sat on the mat!"}
`)},
		"clusters.tsv": {Data: []byte("id\tcluster\na\tcat\nb\tcat\nc\tcat\nd\tcat\n")},
	}
	s, err := gold.LoadOptions{NoClusterPairs: true}.Load(fsys, ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d labelled pairs, %d listed, clusters %v\n", s.NumPairs(), len(s.Pairs), s.Clusters)

	_, err = gold.LoadOptions{MaxPairs: 5}.Load(fsys, ".")
	fmt.Println(err)
	// Output:
	// 6 labelled pairs, 0 listed, clusters [0 0 0 0]
	// clusters.tsv: the clusters give 6 labelled pairs, more than the 5 a set may list when loaded whole (a run in the corpus scope counts them instead)
}

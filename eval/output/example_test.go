package output_test

import (
	"fmt"
	"slices"
	"strings"

	"github.com/simbench/simbench/eval/output"
)

// A pair list with scores, as CSV.
func ExampleRead_pairList() {
	in := "a,b,score\ndoc1,doc7,0.93\ndoc2,doc3,0.41\n"
	o, err := output.Read("pairs.csv", strings.NewReader(in), output.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Kind, o.Scored)
	for _, p := range o.Pairs {
		fmt.Println(p.A, p.B, p.Score)
	}
	// Output:
	// pair list true
	// doc1 doc7 0.93
	// doc2 doc3 0.41
}

// simbench's own scores.csv holds the rows of several algorithms; one is
// chosen.
func ExampleRead_scoresCSV() {
	in := "a,b,label,algorithm,score\ndoc1,doc7,dup,jaccard,0.8\ndoc1,doc7,dup,minhash,0.75\n"
	o, err := output.Read("scores.csv", strings.NewReader(in), output.Options{Algorithm: "minhash"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Algorithm, o.Pairs)
	// Output:
	// minhash [{doc1 doc7 0.75}]
}

// A cluster membership, as TSV.
func ExampleRead_membership() {
	in := "doc\tcluster\ndoc1\tc1\ndoc7\tc1\ndoc2\tc2\n"
	o, err := output.Read("clusters.tsv", strings.NewReader(in), output.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Kind)
	for _, d := range slices.Sorted(maps(o.Clusters)) {
		fmt.Println(d, o.Clusters[d])
	}
	// Output:
	// cluster membership
	// doc1 c1
	// doc2 c2
	// doc7 c1
}

// A cluster membership, as JSON Lines.
func ExampleRead_jsonLines() {
	in := `{"id": "doc1", "cluster": 0}
{"id": "doc7", "cluster": 0, "text": "ignored"}
`
	o, err := output.Read("clusters.jsonl", strings.NewReader(in), output.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Kind, o.Clusters["doc1"], o.Clusters["doc7"])
	// Output:
	// cluster membership 0 0
}

// The ids datatrove removed, with the header "id"; an id not in the gold set
// is an error naming the file and line.
func ExampleRead_removedIDs() {
	ids := func(id string) bool { return id == "doc3" || id == "doc7" }
	o, err := output.Read("removed.txt", strings.NewReader("id\ndoc7\ndoc3\n"), output.Options{IDs: ids})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Kind, o.Removed)

	_, err = output.Read("removed.txt", strings.NewReader("doc7\ndoc9\n"), output.Options{IDs: ids})
	fmt.Println(err)
	// Output:
	// removed ids [doc7 doc3]
	// removed.txt:2: document "doc9" is not in the gold set
}

// The output of a system run on a whole corpus, of which the gold set
// holds doc1, doc2 and doc3: the rows naming other documents are skipped
// and counted.
func ExampleRead_skipOutside() {
	gold := map[string]bool{"doc1": true, "doc2": true, "doc3": true}
	in := "a,b\ncc-17,cc-18\ndoc1,doc2\ndoc3,cc-17\ncc-20,cc-21\n"
	o, err := output.Read("pairs.csv", strings.NewReader(in), output.Options{
		IDBytes:     func(id []byte) bool { return gold[string(id)] },
		SkipOutside: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Pairs)
	fmt.Printf("%+v\n", o.Rows)
	// Output:
	// [{doc1 doc2 1}]
	// {Read:4 Kept:1 Outside:3 OneInside:1 FirstOutside:cc-17}
}

func maps(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

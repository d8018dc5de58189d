package importer_test

import (
	"fmt"

	"github.com/simbench/simbench/gold/importer"
)

// A directory stands for the MSRP test file it holds. testdata/msrp holds a
// small file in the format of the corpus, whose last row repeats the first.
func ExampleImport() {
	s, rep, err := importer.Import("msrp", "testdata/msrp")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(rep)
	fmt.Println(s.Manifest.Name, s.Manifest.Positive, s.Manifest.Negative)
	for _, p := range s.Pairs {
		fmt.Println(s.Docs[p.A].ID, s.Docs[p.B].ID, p.Label)
	}
	// Output:
	// msrp: testdata/msrp/msr_paraphrase_test.txt
	// 3 labelled rows (1 2, 0 1)
	// 4 documents, 2 labelled pairs
	// repeated rows (dropped): 1
	//   testdata/msrp/msr_paraphrase_test.txt:4: pair 101 102 repeats line 2 with the same label 1; dropped
	// msrp-test [1] [0]
	// 101 102 1
	// 103 104 0
}

// Errors name the file and the line.
func ExampleImport_error() {
	_, _, err := importer.Import("msrp", "testdata/msrp/missing.txt")
	fmt.Println(err)
	// Output:
	// testdata/msrp/missing.txt: no such file or directory
}

//go:build unix

package foreign_test

import (
	"context"
	"fmt"
	"time"

	"github.com/simbench/simbench/eval/foreign"
	"github.com/simbench/simbench/gold"
)

// The example program of docs/ finds the exact duplicates of a small set.
func ExampleRun() {
	docs := []gold.Doc{
		{ID: "a", Text: "The  cat sat."},
		{ID: "b", Text: "the cat sat."},
		{ID: "c", Text: "A dog barked."},
	}
	res, err := foreign.Run(context.Background(), "sh ../../docs/exec-example.sh", docs, foreign.Options{Timeout: time.Minute})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Pairs {
		fmt.Println(p.A, p.B, p.Score)
	}

	_, err = foreign.Run(context.Background(), "echo 'not found' >&2; exit 3", docs, foreign.Options{})
	fmt.Println(err)
	// Output:
	// a b 1
	// "echo 'not found' >&2; exit 3": exit status 3
	// stderr, last line:
	// 	not found
}

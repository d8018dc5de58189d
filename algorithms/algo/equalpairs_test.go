package algo_test

import (
	"fmt"

	"github.com/simbench/simbench/algorithms/algo"
)

func ExampleEqualPairs() {
	// Three 2s and two 7s: C(3, 2) + C(2, 2) pairs of equal values.
	fmt.Println(algo.EqualPairs([]uint64{1, 2, 2, 2, 5, 7, 7}))
	fmt.Println(algo.EqualPairs(nil))
	// Output:
	// 4
	// 0
}

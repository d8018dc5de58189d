package lsh_test

import (
	"fmt"
	"slices"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/lsh"
	"github.com/simbench/simbench/algorithms/minhash"
)

// This example bands 128-slot MinHash signatures for a Jaccard threshold
// of 0.5, indexes three documents and asks for the candidates of the first.
// MinHash declares the collision model p(J) = J, so the bands are chosen,
// and the S-curve drawn, from P(J) = 1 − (1 − J^r)^b. A sketch with another
// model, 1-bit minwise hashing here, gets other bands.
func Example() {
	m := minhash.New(128, 1)
	b, r := lsh.OptimalParams(m.SlotAgreement, 0.5, m.K(), 0.5, 0.5)
	l, err := lsh.New(m, b, r)
	if err != nil {
		panic(err)
	}
	fmt.Printf("MinHash: b=%d r=%d, P(0.3)=%.2f P(0.5)=%.2f P(0.7)=%.2f\n",
		l.Bands, l.Rows, l.Probability(0.3), l.Probability(0.5), l.Probability(0.7))

	// Shingle hashes: doc 1 shares 95 of doc 0's 100 (J = 95/105), doc 2
	// none.
	state := uint64(7)
	draw := func(n int) []uint64 {
		s := make([]uint64, n)
		for i := range s {
			s[i] = algo.SplitMix(&state)
		}
		return s
	}
	base := draw(100)
	docs := [][]uint64{base, append(slices.Clone(base[:95]), draw(5)...), draw(100)}
	ix := l.NewIndex(len(docs))
	for id, d := range docs {
		slices.Sort(d)
		ix.Add(id, l.Sign(nil, d))
	}
	ix.Finish()
	fmt.Println("candidates of doc 0:", ix.Candidates(nil, l.Sign(nil, docs[0])))

	b1, r1 := lsh.OptimalParams(lsh.BBit(1), 0.5, 128, 0.5, 0.5)
	fmt.Printf("1-bit MinHash: b=%d r=%d, P(0)=%.2f P(0.5)=%.2f\n",
		b1, r1, lsh.Probability(lsh.BBit(1)(0), b1, r1), lsh.Probability(lsh.BBit(1)(0.5), b1, r1))
	// Output:
	// MinHash: b=25 r=5, P(0.3)=0.06 P(0.5)=0.55 P(0.7)=0.99
	// candidates of doc 0: [0 1]
	// 1-bit MinHash: b=11 r=11, P(0)=0.01 P(0.5)=0.38
}

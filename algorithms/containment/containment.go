// Package containment implements the containment of shingle sets,
//
//	C(A, B) = |A ∩ B| / min(|A|, |B|),
//
// the share of the smaller document's shingles found in the larger (Broder
// 1997, who defines the directed c(A, B) = |A ∩ B| / |A|; taking the smaller
// set makes it symmetric). It stays near 1 when one document is wrapped in
// another — an article inside its web page with headline, byline, teasers
// and adverts — where Jaccard falls with the size of the wrapping. Since
// C ≥ J for every pair, its threshold sits higher than Jaccard's.
package containment

import (
	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/jaccard"
)

// Entry is the registry line of containment.
var Entry = algo.Entry{
	Name:             "containment",
	Doc:              "containment |A∩B|/min(|A|,|B|) of the shingle sets (Broder 1997): high when one text is wrapped in another",
	DefaultThreshold: 0.8,
	Why:              "four fifths of the smaller document inside the larger; containment is never below Jaccard, so it sits above Jaccard's 0.5",
	New:              func(p *algo.Params) (algo.Algorithm, error) { return Containment{}, p.Err() },
}

// Containment scores pairs by containment; its signature is the shingle set
// itself.
type Containment struct{}

// Sign appends the shingles, which must be sorted and distinct, to dst.
func (Containment) Sign(dst, shingles []uint64) []uint64 { return append(dst, shingles...) }

// SignsShingles marks the signature as the shingles themselves
// (algo.ShinglesSigner).
func (Containment) SignsShingles() {}

// Similarity returns C(a, b) for sorted, distinct a and b, and 0 when either
// is empty.
func (Containment) Similarity(a, b []uint64) float64 { return jaccard.Containment(a, b) }

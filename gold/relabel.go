package gold

import (
	"fmt"
	"slices"
	"strings"
)

// Labels returns the declared labels, positive ones first, each side in
// manifest order.
func (s *Set) Labels() []string {
	return slices.Concat(s.Manifest.Positive, s.Manifest.Negative)
}

// WithPositive returns a copy of s in which the labels positive are the
// positive ones and every other declared label is negative: the way one run
// moves labels between the sides, such as counting only "cut" as a
// duplicate of the graded cut/light/heavy/non. Labels keep their manifest
// order. It is an error to name no label, or one the manifest does not
// declare.
func (s *Set) WithPositive(positive []string) (*Set, error) {
	all := s.Labels()
	for _, l := range positive {
		if !slices.Contains(all, l) {
			return nil, fmt.Errorf("label %q is not declared in %s's gold.json (it declares %s)", l, s.Manifest.Name, strings.Join(all, ", "))
		}
	}
	if len(positive) == 0 {
		return nil, fmt.Errorf("no positive label given")
	}
	c := *s
	c.Manifest.Positive, c.Manifest.Negative = nil, nil
	for _, l := range all {
		if slices.Contains(positive, l) {
			c.Manifest.Positive = append(c.Manifest.Positive, l)
		} else {
			c.Manifest.Negative = append(c.Manifest.Negative, l)
		}
	}
	return &c, nil
}

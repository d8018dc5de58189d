//go:build race

package simhash

// raceEnabled reports whether the race detector is on: it makes the joins
// of the tests about ten times slower.
const raceEnabled = true

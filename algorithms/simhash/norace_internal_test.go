//go:build !race

package simhash

// raceEnabled reports whether the race detector is on.
const raceEnabled = false

//go:build !race

package eval_test

// raceSlowdown divides the trials of the slowest randomised tests under
// the race detector.
const raceSlowdown = 1

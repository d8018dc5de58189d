package eval

// SetMinSample sets the text a streamed run signs before it extrapolates
// its signatures' memory, and returns the function that restores it.
func SetMinSample(n int64) (restore func()) {
	was := minSample
	minSample = n
	return func() { minSample = was }
}

// SweepPoints is sweepPoints, for the tests.
var SweepPoints = sweepPoints

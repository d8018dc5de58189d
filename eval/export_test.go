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

// SetSampleSlack sets the candidates beyond twice its size a sample
// gathers before it shrinks, and the records beyond four times its size a
// configuration gathers before they are pruned, and returns the function
// that restores them.
func SetSampleSlack(n int) (restore func()) {
	was := sampleSlack
	sampleSlack = n
	return func() { sampleSlack = was }
}

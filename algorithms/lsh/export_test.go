package lsh

// RefSelfJoin is refSelfJoin for the tests of package lsh_test.
func RefSelfJoin(l *Banding, sigs [][]uint64, workers int) []uint64 {
	return refSelfJoin(l, sigs, workers)
}

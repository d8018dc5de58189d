package minhash

// Coefficients returns the a_i and b_i of m's hash functions, for the
// reference implementation in the tests.
func (m *MinHash) Coefficients() (a, b []uint64) { return m.a, m.b }

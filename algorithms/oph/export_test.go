package oph

// Coefficients returns the hash functions of s: round t's a_t, b_t and the
// last resorts' c_j, d_j.
func Coefficients(s *Sketch) (a, b, c, d []uint64) { return s.a, s.b, s.c, s.d }

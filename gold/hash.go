package gold

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
)

// ContentHash returns a digest of what a run's figures depend on in s: the
// id and text of every document, the labels of every labelled pair, which
// labels count as positive and which as negative, and whether the set is
// exhaustive. The name, description, source and licence are left out, and
// so are the order of the files and of the lines that hold the documents
// and labels. Two runs whose sets have the same hash were scored on the
// same data; simbench compare refuses to compare runs whose hashes differ.
//
// The digest is SHA-256, written as "sha256:" and 64 hexadecimal digits,
// over, in order: every document sorted by id, as its id, a zero byte and
// the SHA-256 of its text; a zero byte; the positive labels sorted, each
// followed by a zero byte; a one byte; the negative labels sorted, each
// followed by a zero byte; the exhaustive flag as one byte; and every pair
// (in the set's order, sorted by document) as the two ids and the label,
// each followed by a zero byte.
//
// ContentHash needs the documents' text; for a set loaded by
// LoadDirStream, whose text is gone, use ContentHashOf with the digests of
// the texts taken as they streamed by.
func (s *Set) ContentHash() string {
	sums := make([][sha256.Size]byte, len(s.Docs))
	for i, d := range s.Docs {
		sums[i] = sha256.Sum256([]byte(d.Text))
	}
	return s.ContentHashOf(sums)
}

// ContentHashOf is ContentHash given textSums[i], the SHA-256 of the text
// of document s.Docs[i].
func (s *Set) ContentHashOf(textSums [][sha256.Size]byte) string {
	h := sha256.New()
	zero := []byte{0}
	for i, d := range s.Docs {
		h.Write([]byte(d.ID))
		h.Write(zero)
		h.Write(textSums[i][:])
	}
	h.Write(zero)
	for j, labels := range [][]string{s.Manifest.Positive, s.Manifest.Negative} {
		for _, l := range slices.Sorted(slices.Values(labels)) {
			h.Write([]byte(l))
			h.Write(zero)
		}
		if j == 0 {
			h.Write([]byte{1})
		}
	}
	if s.Manifest.Exhaustive {
		h.Write([]byte{1})
	} else {
		h.Write(zero)
	}
	for _, p := range s.Pairs {
		for _, f := range []string{s.Docs[p.A].ID, s.Docs[p.B].ID, p.Label} {
			h.Write([]byte(f))
			h.Write(zero)
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

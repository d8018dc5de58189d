package gold

import (
	"crypto/sha256"
	"encoding/binary"
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
// each followed by a zero byte. A set loaded without its clusters' pairs
// (LoadOptions.NoClusterPairs) has the hash of the same set loaded with
// them: the pairs are made one by one as they are hashed.
//
// A set with clusters.tsv that labels more than DefaultMaxPairs pairs,
// whose pairs would take minutes to hash (1.25 billion for 50,000 copies
// of one page), is hashed by its clusters instead, in time linear in its
// documents: after the exhaustive flag, the bytes "clusters" and a zero
// byte; each document's cluster as 4 bytes, big-endian, the clusters
// numbered from 0 in the order of their first document (sorted by id),
// 0xFFFFFFFF for none; then every pair whose label is not the one its
// clusters give (the first positive label inside a cluster, none across),
// as above.
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
	buf := make([]byte, 0, 1<<16)
	if s.Clusters != nil && s.NumPairs() > hashPairsLimit {
		buf = append(buf, "clusters\x00"...)
		number := make(map[int32]uint32)
		for _, k := range s.Clusters {
			c := uint32(0xFFFFFFFF)
			if k >= 0 {
				n, ok := number[k]
				if !ok {
					n = uint32(len(number))
					number[k] = n
				}
				c = n
			}
			buf = binary.BigEndian.AppendUint32(buf, c)
			if len(buf) > 1<<16-1<<10 {
				h.Write(buf)
				buf = buf[:0]
			}
		}
		for _, p := range s.Pairs {
			if dflt, _ := s.clusterDefault(p.A, p.B); p.Label == dflt {
				continue // one of the clusters' pairs
			}
			for _, f := range []string{s.Docs[p.A].ID, s.Docs[p.B].ID, p.Label} {
				buf = append(append(buf, f...), 0)
			}
			if len(buf) > 1<<16-1<<10 {
				h.Write(buf)
				buf = buf[:0]
			}
		}
		h.Write(buf)
		return "sha256:" + hex.EncodeToString(h.Sum(nil))
	}
	s.allPairs(func(a, b int, label string) {
		for _, f := range []string{s.Docs[a].ID, s.Docs[b].ID, label} {
			buf = append(append(buf, f...), 0)
		}
		if len(buf) > 1<<16-1<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
	})
	h.Write(buf)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// hashPairsLimit is the most labelled pairs ContentHash hashes one by one;
// a set with clusters and more is hashed by its clusters.
var hashPairsLimit int64 = DefaultMaxPairs

// clusterDefault returns the label its clusters give the pair of
// documents a and b: s.clusterLabel when one cluster holds both, "" and
// false otherwise.
func (s *Set) clusterDefault(a, b int) (string, bool) {
	if s.sameCluster(a, b) {
		return s.clusterLabel, true
	}
	return "", false
}

// allPairs calls yield with every labelled pair of s sorted by (A, B), as
// Pairs lists them when the clusters' pairs are not left out: for a set
// loaded with LoadOptions.NoClusterPairs, those of Pairs merged with every
// two documents of a cluster not in Pairs, labelled s.ClusterLabel(), made
// as they are needed.
func (s *Set) allPairs(yield func(a, b int, label string)) {
	if !s.ClusterPairsOmitted {
		for _, p := range s.Pairs {
			yield(p.A, p.B, p.Label)
		}
		return
	}
	// The documents of each cluster, ascending, and each document's place
	// among them.
	var members [][]int32
	at := make([]int32, len(s.Docs))
	for d, k := range s.Clusters {
		if k < 0 {
			continue
		}
		for int(k) >= len(members) {
			members = append(members, nil)
		}
		at[d] = int32(len(members[k]))
		members[k] = append(members[k], int32(d))
	}
	j := 0
	for a := range s.Docs {
		var partners []int32
		if k := s.Clusters[a]; k >= 0 {
			partners = members[k][at[a]+1:]
		}
		for len(partners) > 0 || j < len(s.Pairs) && s.Pairs[j].A == a {
			switch {
			case j < len(s.Pairs) && s.Pairs[j].A == a && (len(partners) == 0 || s.Pairs[j].B <= int(partners[0])):
				if len(partners) > 0 && s.Pairs[j].B == int(partners[0]) {
					partners = partners[1:] // labelled in pairs.tsv too, with its own label
				}
				yield(a, s.Pairs[j].B, s.Pairs[j].Label)
				j++
			default:
				yield(a, int(partners[0]), s.clusterLabel)
				partners = partners[1:]
			}
		}
	}
}

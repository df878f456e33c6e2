package audit

import (
	"crypto/sha256"
	"encoding/hex"
)

// The Merkle tree over the whole log follows RFC 6962 §2.1 (kept by RFC
// 9162): leaves and interior nodes are hashed with different prefixes, so
// a leaf can never be passed off as a node, and the tree of n leaves
// splits at the largest power of two below n.

// LeafHash is the tree leaf of an entry: SHA-256(0x00 || entry hash).
// The entry hash is hex; a value that is not (a damaged row) is hashed
// as its raw bytes, so it still yields a leaf, just not the signed one.
func LeafHash(entryHash string) [32]byte {
	raw, err := hex.DecodeString(entryHash)
	if err != nil || len(raw) != sha256.Size {
		raw = []byte(entryHash)
	}
	h := sha256.New()
	h.Write([]byte{0x00})
	h.Write(raw)
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// NodeHash is an interior node: SHA-256(0x01 || left || right).
func NodeHash(left, right [32]byte) [32]byte {
	h := sha256.New()
	h.Write([]byte{0x01})
	h.Write(left[:])
	h.Write(right[:])
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// EmptyRoot is the root of a tree with no leaves: SHA-256 of nothing.
var EmptyRoot = sha256.Sum256(nil)

// Tree is an append-only Merkle tree that keeps only the roots of its
// perfect subtrees (one per set bit of its size), so appending is O(1)
// amortised and memory is O(log n) however large the log grows.
type Tree struct {
	size  int64
	peaks [][32]byte // largest subtree first
}

// Size is the number of leaves appended.
func (t *Tree) Size() int64 { return t.size }

// Append adds a leaf hash (see LeafHash).
func (t *Tree) Append(leaf [32]byte) {
	h := leaf
	for s := t.size; s&1 == 1; s >>= 1 {
		last := len(t.peaks) - 1
		h = NodeHash(t.peaks[last], h)
		t.peaks = t.peaks[:last]
	}
	t.peaks = append(t.peaks, h)
	t.size++
}

// Root is the RFC 6962 Merkle tree hash of the leaves appended so far.
func (t *Tree) Root() [32]byte {
	if t.size == 0 {
		return EmptyRoot
	}
	r := t.peaks[len(t.peaks)-1]
	for i := len(t.peaks) - 2; i >= 0; i-- {
		r = NodeHash(t.peaks[i], r)
	}
	return r
}

// Clone returns an independent copy, so a caller can try appends and
// throw them away.
func (t *Tree) Clone() *Tree {
	return &Tree{size: t.size, peaks: append([][32]byte(nil), t.peaks...)}
}

package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
)

// referenceRoot is RFC 6962's recursive definition, written literally.
func referenceRoot(leaves [][32]byte) [32]byte {
	switch len(leaves) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return leaves[0]
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	return NodeHash(referenceRoot(leaves[:k]), referenceRoot(leaves[k:]))
}

func TestTreeMatchesRFC6962Definition(t *testing.T) {
	var tree Tree
	var leaves [][32]byte
	if tree.Root() != referenceRoot(nil) {
		t.Fatal("empty root differs")
	}
	for i := 0; i < 300; i++ {
		l := LeafHash(fmt.Sprintf("%064x", i))
		leaves = append(leaves, l)
		tree.Append(l)
		if got, want := tree.Root(), referenceRoot(leaves); got != want {
			t.Fatalf("size %d: root %x, want %x", i+1, got, want)
		}
	}
}

func TestLeafHashDomainSeparated(t *testing.T) {
	// Known answer: RFC 6962 leaf of the 32 zero bytes.
	h := sha256.New()
	h.Write(make([]byte, 33))
	want := hex.EncodeToString(h.Sum(nil))
	got := LeafHash(GenesisHash)
	if hex.EncodeToString(got[:]) != want {
		t.Fatalf("leaf hash %x, want %s", got, want)
	}
	if LeafHash(GenesisHash) == sha256.Sum256(make([]byte, 32)) {
		t.Fatal("a leaf hash equals the plain hash of its content")
	}
}

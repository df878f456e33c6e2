package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

func TestNewSessionToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok, h := NewSessionToken()
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(raw) != 32 {
			t.Fatalf("token %q: %d bytes, %v; want 32 bytes of base64url", tok, len(raw), err)
		}
		sum := sha256.Sum256([]byte(tok))
		if !bytes.Equal(h, sum[:]) || !bytes.Equal(HashToken(tok), h) {
			t.Fatal("the stored hash is not SHA-256 of the token")
		}
		if seen[tok] {
			t.Fatal("token repeated")
		}
		seen[tok] = true
	}
	if bytes.Equal(HashToken("a"), HashToken("b")) {
		t.Fatal("different tokens hash alike")
	}
}

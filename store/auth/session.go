package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// sessionTokenBytes is 256 bits: no one guesses a live session.
const sessionTokenBytes = 32

// NewSessionToken returns a fresh bearer token for a signed-in user and
// the SHA-256 hash the server stores in its place. A copy of the sessions
// table then holds nothing anyone can sign in with; a random 256-bit token
// needs no salt or slow hash, because there is nothing to guess.
func NewSessionToken() (token string, tokenHash []byte) {
	b := make([]byte, sessionTokenBytes)
	// crypto/rand.Read never fails (it crashes the program rather than
	// return predictable bytes), so there is no error to hand back.
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the SHA-256 of a presented token, the key to look its
// session up by. Looking up by hash also means no byte-by-byte comparison
// of the secret happens at all.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

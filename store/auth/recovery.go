package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"strings"
)

// Recovery codes are 16 characters of Crockford's base32 (digits and
// lower-case letters without i, l, o and u), shown in groups of four:
// xxxx-xxxx-xxxx-xxxx. When checked, o reads as 0 and i or l as 1, so a
// code copied by hand from paper still works.
// That is 80 random bits each, so a plain SHA-256 of the code is enough to
// store: unlike a password there is nothing to guess, and a slow hash
// would make checking a list of ten cost seconds.
const (
	recoveryAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"
	recoveryLen      = 16
	recoveryGroup    = 4
	recoveryPrefix   = "sha256:"
	// MaxRecoveryCodes bounds one batch.
	MaxRecoveryCodes = 32
)

// NewRecoveryCodes makes n single-use recovery codes for when a phone is
// lost. plain is shown to the user once and never stored; hashed is what
// the server keeps (one "sha256:<hex>" string per code, same order).
func NewRecoveryCodes(n int) (plain []string, hashed []string, err error) {
	if n < 1 || n > MaxRecoveryCodes {
		return nil, nil, errors.New("auth: number of recovery codes must be 1 to 32")
	}
	buf := make([]byte, recoveryLen)
	for range n {
		if _, err := rand.Read(buf); err != nil {
			return nil, nil, err
		}
		var b strings.Builder
		for i, v := range buf {
			if i > 0 && i%recoveryGroup == 0 {
				b.WriteByte('-')
			}
			// 256 is a multiple of 32, so v%32 is uniform.
			b.WriteByte(recoveryAlphabet[int(v)%len(recoveryAlphabet)])
		}
		code := b.String()
		plain = append(plain, code)
		hashed = append(hashed, hashRecoveryCode(code))
	}
	return plain, hashed, nil
}

// UseRecoveryCode checks code against the stored hashes. On a match it
// returns the list without that code (the caller stores it: each code
// works once) and true; otherwise the list unchanged and false. Case,
// spaces and dashes in what the user typed do not matter.
func UseRecoveryCode(hashed []string, code string) (remaining []string, ok bool) {
	match, ok := MatchRecoveryCode(hashed, code)
	if !ok {
		return hashed, false
	}
	remaining = make([]string, 0, len(hashed)-1)
	for i, h := range hashed {
		if h == match {
			remaining = append(remaining, hashed[i+1:]...)
			break
		}
		remaining = append(remaining, h)
	}
	return remaining, true
}

// MatchRecoveryCode returns the stored hash that code matches, for a
// store that removes exactly that entry with one conditional delete (so
// that of two sign-ins racing with one code, only one uses it). Every
// stored hash is compared in constant time, with no early exit, so timing
// says nothing about which code matched or how much of it did.
func MatchRecoveryCode(hashed []string, code string) (match string, ok bool) {
	h := []byte(hashRecoveryCode(code))
	at := -1
	for i, stored := range hashed {
		if subtle.ConstantTimeCompare([]byte(stored), h) == 1 && at < 0 {
			at = i
		}
	}
	if at < 0 || normalizeRecoveryCode(code) == "" {
		return "", false
	}
	return hashed[at], true
}

func normalizeRecoveryCode(code string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(code) {
		switch c {
		case '-', ' ', '\t':
			continue
		case 'o':
			c = '0'
		case 'i', 'l':
			c = '1'
		}
		b.WriteRune(c)
	}
	return b.String()
}

func hashRecoveryCode(code string) string {
	sum := sha256.Sum256([]byte(normalizeRecoveryCode(code)))
	return recoveryPrefix + hex.EncodeToString(sum[:])
}

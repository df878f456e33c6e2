package auth

import (
	"errors"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Username length limits, in characters.
const (
	MinUsernameLength = 3
	MaxUsernameLength = 64
)

// ErrInvalidUsername says a username does not meet the naming rule.
var ErrInvalidUsername = errors.New("username must be 3 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit")

// NormalizeUsername returns the canonical form of a username: NFKC,
// trimmed, lower-cased, restricted to a-z, 0-9, '.', '_' and '-'. Each
// person has exactly one canonical name (HIPAA §164.312(a)(2)(i), unique
// user identification), so "Alice", "alice" and a full-width "ａｌｉｃｅ"
// cannot become three accounts that the audit trail tells apart only by
// case, and lockout counts attach to the person however they type it.
func NormalizeUsername(s string) (string, error) {
	u := strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
	if len(u) < MinUsernameLength || len(u) > MaxUsernameLength {
		return "", ErrInvalidUsername
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '.' || c == '_' || c == '-') && i > 0:
		default:
			return "", ErrInvalidUsername
		}
	}
	return u, nil
}

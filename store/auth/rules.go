package auth

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clinicwa/triage/assets"
	"golang.org/x/text/unicode/norm"
)

// Password length limits, counted in Unicode code points after NFKC.
//
// NIST SP 800-63B Rev. 4 asks for at least 8 characters when the password
// is one factor of several and 15 when it stands alone. Every console
// account must enrol TOTP, so the floor that applies is 8; the clinic
// requires 12 because a user table can leak and an offline guesser then
// faces only the password, because the password alone protects the short
// window before TOTP is enrolled, and because 12 is still short enough
// that front-desk staff on a shared workstation choose a phrase rather
// than a sticky note. A deployment that lets anyone sign in without TOTP
// must use MinSingleFactorPasswordLength instead (see PasswordRules).
// The maximum bounds request sizes; 800-63B asks that at least 64 be
// allowed.
const (
	MinPasswordLength             = 12
	MinSingleFactorPasswordLength = 15
	MaxPasswordLength             = 256
)

// Password rule violations. Each message is shown to the user as is; none
// repeats the password.
var (
	ErrPasswordTooShort    = fmt.Errorf("password is too short: use at least %d characters (a phrase of a few unrelated words works well)", MinPasswordLength)
	ErrPasswordTooLong     = fmt.Errorf("password is too long: use at most %d characters", MaxPasswordLength)
	ErrPasswordInvalidText = errors.New("password contains characters that cannot be typed reliably (control characters or invalid text)")
	ErrPasswordCommon      = errors.New("password is too easy to guess: it is a common or breached password, or a common word with digits or symbols added")
	ErrPasswordRepetitive  = errors.New("password is too repetitive or sequential (like aaaa, abab or 1234): choose something less predictable")
	ErrPasswordHasUsername = errors.New("password must not contain your username")
	ErrBlocklistMissing    = errors.New("the password blocklist is missing from this build, so no new password can be accepted")
)

// PasswordRules are the rules a new password must meet. There are no
// composition rules (a digit, a capital, a symbol) and no expiry: NIST SP
// 800-63B forbids both because they push people to predictable patterns.
type PasswordRules struct {
	MinLength int
	MaxLength int
}

// DefaultPasswordRules apply when every account has a second factor.
var DefaultPasswordRules = PasswordRules{MinLength: MinPasswordLength, MaxLength: MaxPasswordLength}

// SingleFactorPasswordRules apply when a password is the only factor.
var SingleFactorPasswordRules = PasswordRules{MinLength: MinSingleFactorPasswordLength, MaxLength: MaxPasswordLength}

// CheckPassword checks a new password for the user against
// DefaultPasswordRules: length, typeable text, the blocklist of common
// and breached-style passwords, repetition, and the username. All Unicode
// is allowed; the password is NFKC-normalised first, as Hash does.
func CheckPassword(username, password string) error {
	return DefaultPasswordRules.Check(username, password)
}

// Check applies the rules. It returns one of the ErrPassword errors, the
// first that applies, or nil.
func (r PasswordRules) Check(username, password string) error {
	if !utf8.ValidString(password) {
		return ErrPasswordInvalidText
	}
	pw := normalizePassword(password)
	for _, c := range pw {
		if unicode.IsControl(c) || c == utf8.RuneError {
			return ErrPasswordInvalidText
		}
	}
	n := runeLen(pw)
	if n < r.MinLength {
		if r.MinLength != MinPasswordLength {
			return fmt.Errorf("password is too short: use at least %d characters (a phrase of a few unrelated words works well)", r.MinLength)
		}
		return ErrPasswordTooShort
	}
	if n > r.MaxLength {
		if r.MaxLength != MaxPasswordLength {
			return fmt.Errorf("password is too long: use at most %d characters", r.MaxLength)
		}
		return ErrPasswordTooLong
	}
	lower := strings.ToLower(pw)
	if u := strings.ToLower(norm.NFKC.String(strings.TrimSpace(username))); runeLen(u) >= 3 {
		if strings.Contains(lower, u) || strings.Contains(lower, reverse(u)) ||
			strings.Contains(unleet(lower), u) {
			return ErrPasswordHasUsername
		}
	}
	if repetitive(lower) {
		return ErrPasswordRepetitive
	}
	bl := assets.PasswordBlocklist()
	if len(bl) == 0 {
		return ErrBlocklistMissing
	}
	if blocklisted(lower, bl) {
		return ErrPasswordCommon
	}
	return nil
}

// blocklisted reports whether the lower-cased password, or its core once
// digits and symbols around it and look-alike substitutions are taken
// away, is on the list. "Welcome2024!!", "P@ssw0rd12345" and
// "!!summer2025!!" all reduce to a listed word.
func blocklisted(lower string, bl map[string]struct{}) bool {
	stripped := stripAffixes(lower)
	candidates := []string{
		lower,
		unleet(lower),
		stripped,
		unleet(stripped),
		stripAffixes(unleet(lower)),
		strings.Join(strings.Fields(lower), ""), // "pass word 123" spelled with spaces
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if _, ok := bl[c]; ok {
			return true
		}
		if _, ok := bl[stripAffixes(c)]; ok && stripAffixes(c) != "" {
			return true
		}
	}
	// A listed word repeated ("dragondragondragon") is no stronger.
	if u := repeatedUnit(stripped); u != "" {
		if _, ok := bl[u]; ok {
			return true
		}
		if _, ok := bl[unleet(u)]; ok {
			return true
		}
	}
	return false
}

// stripAffixes removes everything that is not a letter from both ends.
func stripAffixes(s string) string {
	return strings.TrimFunc(s, func(c rune) bool { return !unicode.IsLetter(c) })
}

// unleet undoes the look-alike substitutions people use to satisfy
// composition rules: p@ssw0rd is password.
func unleet(s string) string {
	return leet.Replace(s)
}

var leet = strings.NewReplacer(
	"@", "a", "4", "a", "0", "o", "1", "i", "!", "i", "3", "e", "$", "s", "5", "s", "7", "t", "+", "t", "|", "l", "8", "b", "9", "g",
)

// repetitive catches passwords with almost no variety: three or fewer
// distinct characters, a short unit repeated, or one run up or down the
// alphabet or the digits.
func repetitive(s string) bool {
	rs := []rune(s)
	distinct := map[rune]struct{}{}
	for _, c := range rs {
		distinct[c] = struct{}{}
	}
	if len(distinct) <= 3 {
		return true
	}
	if u := repeatedUnit(s); u != "" && runeLen(u) <= 6 {
		return true
	}
	return sequential(rs)
}

// repeatedUnit returns u when s is u repeated two or more times, else "".
func repeatedUnit(s string) string {
	rs := []rune(s)
	for p := 1; p <= len(rs)/2; p++ {
		if len(rs)%p != 0 {
			continue
		}
		ok := true
		for i := p; i < len(rs); i++ {
			if rs[i] != rs[i-p] {
				ok = false
				break
			}
		}
		if ok {
			return string(rs[:p])
		}
	}
	return ""
}

// sequential reports whether every character follows the previous one by
// +1, or every one by -1 (digits wrap 9→0, so 567890123456 counts).
func sequential(rs []rune) bool {
	if len(rs) < 2 {
		return false
	}
	step := func(a, b rune) int {
		d := int(b - a)
		if unicode.IsDigit(a) && unicode.IsDigit(b) {
			switch d {
			case -9:
				return 1
			case 9:
				return -1
			}
		}
		return d
	}
	first := step(rs[0], rs[1])
	if first != 1 && first != -1 {
		return false
	}
	for i := 2; i < len(rs); i++ {
		if step(rs[i-1], rs[i]) != first {
			return false
		}
	}
	return true
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

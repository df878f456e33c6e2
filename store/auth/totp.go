package auth

import (
	"errors"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP settings. SHA-1, 6 digits and 30 s are RFC 6238's defaults and the
// only combination every authenticator app computes correctly; some apps
// accept SHA-256 in the enrolment URI and silently use SHA-1 anyway.
const (
	TOTPPeriod     = 30 * time.Second
	TOTPDigits     = 6
	totpSecretSize = 20 // bytes, 160 bits: RFC 4226 §4's recommended length
	totpSkew       = 1  // steps either side, for phone clocks that drift
)

var totpOpts = hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// NewTOTPSecret creates a TOTP secret for an account and its otpauth://
// enrolment URI (for TerminalQR). The secret is base32 and must be stored
// encrypted; the URI carries it too and must not be logged.
func NewTOTPSecret(issuer, account string) (secret string, uri string, err error) {
	if strings.TrimSpace(issuer) == "" || strings.TrimSpace(account) == "" {
		return "", "", errors.New("auth: a TOTP enrolment needs an issuer and an account name")
	}
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      issuer,
		AccountName: account,
		Period:      uint(TOTPPeriod / time.Second),
		SecretSize:  totpSecretSize,
		Digits:      otp.DigitsSix,
		Algorithm:   otp.AlgorithmSHA1,
	})
	if err != nil {
		return "", "", err
	}
	return key.Secret(), key.URL(), nil
}

// TOTPStep is the RFC 6238 time step that contains t.
func TOTPStep(t time.Time) int64 {
	s := t.Unix()
	p := int64(TOTPPeriod / time.Second)
	if s < 0 {
		return (s - p + 1) / p // floor for instants before 1970
	}
	return s / p
}

// VerifyTOTP checks a 6-digit code against the secret at time now,
// accepting the step before and after now's for clock drift. A code whose
// step is at or before lastUsedStep is refused even if it is correct: a
// code seen once (shoulder-surfed, or replayed from a captured request)
// cannot sign in again. On success the caller stores the returned step as
// the user's new lastUsedStep; on failure step is 0 and the stored value
// must stay as it was. Spaces in the code are ignored.
func VerifyTOTP(secret, code string, now time.Time, lastUsedStep int64) (step int64, ok bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != TOTPDigits {
		return 0, false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return 0, false
		}
	}
	cur := TOTPStep(now)
	// Check every candidate without stopping early, then take the newest
	// step that matched and is not spent.
	var matched int64
	found := false
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s < 0 {
			continue
		}
		good, err := hotp.ValidateCustom(code, uint64(s), secret, totpOpts)
		if err != nil {
			return 0, false // a secret that is not base32
		}
		if good && s > lastUsedStep {
			matched, found = s, true
		}
	}
	if !found {
		return 0, false
	}
	return matched, true
}

// TOTPCode returns the code an authenticator app shows for the secret at
// time t, for tests and for checking an enrolment end to end.
func TOTPCode(secret string, t time.Time) (string, error) {
	return hotp.GenerateCodeCustom(secret, uint64(TOTPStep(t)), totpOpts)
}

package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name     string
		username string
		password string
		want     error
	}{
		// Accepted: long, unpredictable, any script, no composition rules.
		{"four random words", "alice", "correct horse battery staple", nil},
		{"exactly twelve", "alice", "zebra-kettle", nil},
		{"lower case only is fine", "alice", "mauvelighthousegravel", nil},
		{"spanish with accents", "alice", "mañana-lluvia-pájaro", nil},
		{"japanese phrase", "alice", "月が綺麗ですね夏目さんこんにちは", nil},
		{"emoji are characters", "alice", "🦒 giraffe 🌵 cactus", nil},
		{"dictionary word inside a phrase", "alice", "my dragon eats kale", nil},

		// Length, counted in code points after NFKC.
		{"too short", "alice", "tiny pass", ErrPasswordTooShort},
		{"eleven characters", "alice", "elevenchars", ErrPasswordTooShort},
		{"decomposed accent counts once", "alice", "cafe\u0301 au lai", ErrPasswordTooShort},
		{"too long", "alice", strings.Repeat("abcdefgh ", 29), ErrPasswordTooLong},

		// Typeable text only.
		{"NUL byte", "alice", "river stone\x00lantern", ErrPasswordInvalidText},
		{"escape sequence", "alice", "river stone \x1b[2J lantern", ErrPasswordInvalidText},
		{"tab", "alice", "river stone\tlantern", ErrPasswordInvalidText},
		{"invalid UTF-8", "alice", "river stone \xff\xfe lantern", ErrPasswordInvalidText},

		// Blocklist: breached, common, with digits and symbols bolted on.
		{"listed as is", "alice", "qwertyuiop123", ErrPasswordCommon},
		{"password plus digits", "alice", "password1234", ErrPasswordCommon},
		{"capitalised and punctuated", "alice", "Password1234!", ErrPasswordCommon},
		{"look-alike substitutions", "alice", "P@ssw0rd2024!", ErrPasswordCommon},
		{"welcome plus digits", "alice", "welcome12345", ErrPasswordCommon},
		{"season and year", "alice", "Summer2024!!", ErrPasswordCommon},
		{"month at year", "alice", "October@2025", ErrPasswordCommon},
		{"keyboard walk", "alice", "1q2w3e4r5t6y", ErrPasswordCommon},
		{"keyboard walk rows", "alice", "qazwsxedcrfv", ErrPasswordCommon},
		{"clinic context word", "alice", "Triage2025!!", ErrPasswordCommon},
		{"hipaa", "alice", "hipaa-2026-!!", ErrPasswordCommon},
		{"repeated listed word", "alice", "sunshinesunshine", ErrPasswordCommon},
		{"spaced out", "alice", "pass word 1234", ErrPasswordCommon},
		{"full-width breached password", "alice", "ｐａｓｓｗｏｒｄ１２３４", ErrPasswordCommon},
		{"common name plus digits", "alice", "jennifer19851", ErrPasswordCommon},

		// Repetition and sequences.
		{"one character", "alice", "aaaaaaaaaaaaaa", ErrPasswordRepetitive},
		{"two characters alternating", "alice", "abababababab", ErrPasswordRepetitive},
		{"short unit repeated", "alice", "xk3!xk3!xk3!", ErrPasswordRepetitive},
		{"digits ascending with wrap", "alice", "567890123456", ErrPasswordRepetitive},
		{"alphabet run", "alice", "abcdefghijklm", ErrPasswordRepetitive},
		{"alphabet backwards", "alice", "zyxwvutsrqpo", ErrPasswordRepetitive},

		// The username, however it is dressed up.
		{"contains username", "alice.nguyen", "alice.nguyen-2025", ErrPasswordHasUsername},
		{"username in capitals", "alice.nguyen", "ALICE.NGUYEN rocks", ErrPasswordHasUsername},
		{"username reversed", "bobsmith", "htimsbob is my name", ErrPasswordHasUsername},
		{"username in leet", "bobsmith", "b0bsm1th forever!", ErrPasswordHasUsername},
		{"short usernames are not matched", "al", "always calm seas", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassword(tt.username, tt.password)
			if !errors.Is(err, tt.want) {
				t.Fatalf("CheckPassword(%q) = %v, want %v", tt.password, err, tt.want)
			}
			if err != nil && tt.password != "" && strings.Contains(err.Error(), tt.password) {
				t.Fatal("the error message repeats the password")
			}
		})
	}
}

func TestSingleFactorRulesNeedFifteen(t *testing.T) {
	if err := SingleFactorPasswordRules.Check("alice", "zebra-kettle"); err == nil || !strings.Contains(err.Error(), "15") {
		t.Fatalf("single-factor check of a 12-character password = %v, want a too-short error naming 15", err)
	}
	if err := SingleFactorPasswordRules.Check("alice", "zebra-kettle-ox"); err != nil {
		t.Fatalf("single-factor check of a 15-character password = %v", err)
	}
}

func TestErrorMessagesAreClear(t *testing.T) {
	for _, err := range []error{ErrPasswordTooShort, ErrPasswordTooLong, ErrPasswordInvalidText, ErrPasswordCommon,
		ErrPasswordRepetitive, ErrPasswordHasUsername, ErrBlocklistMissing} {
		msg := err.Error()
		if strings.HasPrefix(msg, "auth:") || len(msg) < 30 {
			t.Errorf("error %q is not a sentence a user can act on", msg)
		}
	}
	if !strings.Contains(ErrPasswordTooShort.Error(), "12") || !strings.Contains(ErrPasswordTooLong.Error(), "256") {
		t.Error("length errors do not name the limits")
	}
}

func TestNormalizeUsername(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"alice", "alice", true},
		{"  Alice.Nguyen ", "alice.nguyen", true},
		{"ａｌｉｃｅ", "alice", true}, // full-width letters are the same person
		{"nurse_02", "nurse_02", true},
		{"al", "", false},
		{".alice", "", false},
		{"alice smith", "", false},
		{"alice@example.org", "", false},
		{"álice", "", false},
		{"alice\x1b", "", false},
		{strings.Repeat("a", 65), "", false},
	}
	for _, tt := range tests {
		got, err := NormalizeUsername(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("NormalizeUsername(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

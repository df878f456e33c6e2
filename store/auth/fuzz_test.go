package auth

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCheckPassword: any input gets a verdict without panicking, and an
// accepted password always meets the length and text rules.
func FuzzCheckPassword(f *testing.F) {
	for _, s := range []string{"correct horse battery staple", "P@ssw0rd2024!", "ｐａｓｓｗｏｒｄ１２３４", "cafe\u0301 au lait", "\xff\xfe", "aaaaaaaaaaaa"} {
		f.Add("alice", s)
	}
	f.Fuzz(func(t *testing.T, user, pw string) {
		if CheckPassword(user, pw) != nil {
			return
		}
		n := normalizePassword(pw)
		if c := utf8.RuneCountInString(n); c < MinPasswordLength || c > MaxPasswordLength {
			t.Fatalf("accepted a password of %d characters", c)
		}
		if strings.ContainsAny(n, "\x00\x1b\t\n\r") {
			t.Fatal("accepted a control character")
		}
	})
}

// FuzzVerifyStoredHash: a corrupted or hostile stored hash is refused
// with ErrMalformedHash or verifies false; it never panics.
func FuzzVerifyStoredHash(f *testing.F) {
	f.Add("$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$c2hvcnRrZXlzaG9ydGtleXNob3J0a2V5c2hvcnQ")
	f.Add("$argon2id$v=19$m=65536,t=3,p=4$$")
	f.Fuzz(func(t *testing.T, enc string) {
		p, _, _, err := decodeHash(enc)
		if err != nil {
			return
		}
		// Keep the fuzzer fast: only run Argon2id for cheap parameters.
		if p.Memory <= 1024 && p.Time <= 2 {
			if ok, err := Verify(enc, "river stone lantern"); ok && err != nil {
				t.Fatal("ok with an error")
			}
		}
	})
}

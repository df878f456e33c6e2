package auth

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var recoveryShape = regexp.MustCompile(`^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$`)

func TestRecoveryAlphabet(t *testing.T) {
	if len(recoveryAlphabet) != 32 {
		t.Fatalf("alphabet has %d letters; it must have 32 so each byte maps uniformly", len(recoveryAlphabet))
	}
	for _, c := range "ilou" {
		if strings.ContainsRune(recoveryAlphabet, c) {
			t.Errorf("alphabet contains the look-alike %q", c)
		}
	}
}

func TestNewRecoveryCodes(t *testing.T) {
	plain, hashed, err := NewRecoveryCodes(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(plain) != 10 || len(hashed) != 10 {
		t.Fatalf("got %d codes and %d hashes, want 10 each", len(plain), len(hashed))
	}
	seen := map[string]bool{}
	for i, p := range plain {
		if !recoveryShape.MatchString(p) {
			t.Errorf("code %q is not four groups of four", p)
		}
		if seen[p] {
			t.Errorf("code %q issued twice", p)
		}
		seen[p] = true
		if strings.Contains(hashed[i], strings.ReplaceAll(p, "-", "")) || !strings.HasPrefix(hashed[i], "sha256:") {
			t.Errorf("stored form %q is not a hash of the code", hashed[i])
		}
	}
	for _, n := range []int{0, -1, MaxRecoveryCodes + 1} {
		if _, _, err := NewRecoveryCodes(n); err == nil {
			t.Errorf("NewRecoveryCodes(%d) succeeded", n)
		}
	}
}

func TestUseRecoveryCode(t *testing.T) {
	plain, hashed, err := NewRecoveryCodes(5)
	if err != nil {
		t.Fatal(err)
	}
	typed := func(s string) string { // as copied by hand from paper
		s = strings.ToUpper(strings.ReplaceAll(s, "-", " "))
		return strings.NewReplacer("0", "O", "1", "l").Replace(s)
	}
	tests := []struct {
		name   string
		code   string
		wantOK bool
	}{
		{"as printed", plain[2], true},
		{"upper case, spaces, O for 0, l for 1", typed(plain[3]), true},
		{"no separators", strings.ReplaceAll(plain[4], "-", ""), true},
		{"one character wrong", flipLast(plain[0]), false},
		{"empty", "", false},
		{"dashes only", "----", false},
		{"a stored hash is not a code", hashed[1], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(hashed)
			rest, ok := UseRecoveryCode(hashed, tt.code)
			if ok != tt.wantOK {
				t.Fatalf("UseRecoveryCode = %v, want %v", ok, tt.wantOK)
			}
			if !slices.Equal(hashed, before) {
				t.Fatal("the caller's slice was modified")
			}
			if ok && len(rest) != len(hashed)-1 {
				t.Fatalf("%d codes remain, want %d", len(rest), len(hashed)-1)
			}
			if !ok && !slices.Equal(rest, hashed) {
				t.Fatal("a failed attempt changed the list")
			}
		})
	}
}

func TestRecoveryCodeIsSingleUse(t *testing.T) {
	plain, hashed, err := NewRecoveryCodes(3)
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := UseRecoveryCode(hashed, plain[1])
	if !ok || len(rest) != 2 {
		t.Fatalf("first use = %v with %d left", ok, len(rest))
	}
	if _, ok := UseRecoveryCode(rest, plain[1]); ok {
		t.Fatal("a used code worked a second time")
	}
	for _, p := range []string{plain[0], plain[2]} {
		var ok bool
		rest, ok = UseRecoveryCode(rest, p)
		if !ok {
			t.Fatalf("unused code %q refused", p)
		}
	}
	if len(rest) != 0 {
		t.Fatalf("%d codes left after using all three", len(rest))
	}
}

func flipLast(code string) string {
	b := []byte(code)
	if b[len(b)-1] == 'a' {
		b[len(b)-1] = 'b'
	} else {
		b[len(b)-1] = 'a'
	}
	return string(b)
}

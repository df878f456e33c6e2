package policy

import (
	"math/rand"
	"testing"
)

// foldASCII must fold as the byte-at-a-time loop does, at every length
// and with every byte in every position of an eight-byte word.
func TestFoldASCIIMatchesBytewise(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	check := func(text string) {
		t.Helper()
		b := make([]byte, len(text))
		or, upper := foldASCII(b, text)
		var wantOr byte
		wantUpper := false
		for i := 0; i < len(text); i++ {
			c := text[i]
			wantOr |= c
			if c-'A' < 26 {
				c += 'a' - 'A'
				wantUpper = true
			}
			if wantOr < 0x80 && b[i] != c {
				t.Fatalf("foldASCII(%q)[%d] = %q, want %q", text, i, b[i], c)
			}
		}
		if (or >= 0x80) != (wantOr >= 0x80) || wantOr < 0x80 && upper != wantUpper {
			t.Fatalf("foldASCII(%q) = %#x, %v; want top bit of %#x, %v", text, or, upper, wantOr, wantUpper)
		}
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 9; pos++ {
			b := []byte("abcdefghijkl")
			b[pos] = byte(c)
			check(string(b))
		}
	}
	for range 20000 {
		b := make([]byte, r.Intn(40))
		for i := range b {
			b[i] = byte(r.Intn(128))
			if r.Intn(50) == 0 {
				b[i] = byte(r.Intn(256))
			}
		}
		check(string(b))
	}
}

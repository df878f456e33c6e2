package policy

import (
	"math/rand"
	"slices"
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

// foldRune answers runes below U+0250 from latinFold, which was filled
// without the digit step: no such rune may be a decimal digit.
func TestLatinFoldNeedsNoDigitStep(t *testing.T) {
	for r := rune(0x80); r < rune(len(latinFold)); r++ {
		if _, ok := digitValue(r); ok {
			t.Fatalf("U+%04X is a decimal digit; latinFold would fold it as a letter", r)
		}
	}
}

// reset emits a run of ASCII in non-ASCII text at once; it must give the
// folded bytes and offsets of emitting it rune by rune.
func TestResetASCIIRunsMatchRuneByRune(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	pieces := []string{"a", "B", " ", ".", "7", "é", "Ñ", "¿", "😊", "ﬁ", "\u200b", "а", "Z", "-"}
	var n, ref normText
	for range 20000 {
		text := ""
		for k := r.Intn(12); k > 0; k-- {
			text += pieces[r.Intn(len(pieces))]
		}
		n.reset(text)
		ref.b, ref.start, ref.end = ref.b[:0], ref.start[:0], ref.end[:0]
		for i, c := range text {
			sz := len(string(c))
			if c < 0x80 {
				b := byte(c)
				if b-'A' < 26 {
					b += 'a' - 'A'
				}
				ref.emit(b, i, i+sz)
			} else {
				ref.foldRune(c, text[i:i+sz], i, i+sz)
			}
		}
		ref.ident = false
		ref.joinSpelled()
		if n.ident {
			continue // pure ASCII: no offsets kept
		}
		if string(n.b) != string(ref.b) || !slices.Equal(n.start, ref.start) || !slices.Equal(n.end, ref.end) {
			t.Fatalf("reset(%q) = %q %v %v, want %q %v %v", text, n.b, n.start, n.end, ref.b, ref.start, ref.end)
		}
	}
}

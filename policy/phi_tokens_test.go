package policy

import (
	"encoding/binary"
	"strings"
	"testing"
)

// TestNotLettersAgreesWithIsWordByte: the eight-byte letter test marks a
// byte exactly when isWordByte says it is no letter, for every byte value
// in every position, among letters and among bytes that are not.
func TestNotLettersAgreesWithIsWordByte(t *testing.T) {
	for _, fill := range []byte{'a', 'z', 0x80, 0xff, ' ', '0', '`', '{', 0x7f} {
		for c := range 256 {
			for p := range 8 {
				var w [8]byte
				for k := range w {
					w[k] = fill
				}
				w[p] = byte(c)
				m := notLetters(binary.LittleEndian.Uint64(w[:]))
				for k, b := range w {
					if got, want := m>>(8*k+7)&1 == 1, !isWordByte(b); got != want {
						t.Fatalf("%x: byte %d marked %v, want %v", w, k, got, want)
					}
				}
				if m&^0x8080808080808080 != 0 {
					t.Fatalf("%x: marks outside the top bits: %x", w, m)
				}
			}
		}
	}
}

// TestTokenizeAgreesWithBytewise holds tokenize to a plain byte-by-byte
// reading of the same rules, on words long and short, with digits,
// apostrophes and bytes past ASCII at every place around the eighth byte.
func TestTokenizeAgreesWithBytewise(t *testing.T) {
	pieces := []string{"a", "abcdefgh", "abcdefghijklmnop", "ab3", "o'brien", "crohn's", "x'", "'y",
		"12345678", "caf\xc3\xa9", "\xc3\xa9t\xc3\xa9", " ", "  ", ",", "-", "'", "z9z9z9z9z", "{", "`", "\x7f", "\t"}
	var b strings.Builder
	for i := range 4000 {
		b.WriteString(pieces[(i*7+i/5)%len(pieces)])
		if i%3 == 0 {
			b.WriteString(pieces[(i/3)%len(pieces)])
		}
	}
	text := []byte(b.String())
	for start := range 9 {
		in := text[start:]
		got := tokenize(in, nil)
		want := tokenizeBytewise(in)
		if len(got) != len(want) {
			t.Fatalf("start %d: %d tokens, want %d", start, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("start %d token %d: %+v, want %+v", start, i, got[i], want[i])
			}
		}
	}
}

// tokenizeBytewise is tokenize's rules read a byte at a time.
func tokenizeBytewise(b []byte) []token {
	var toks []token
	space := true
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c <= ' ' || c == 0x7f:
			space = true
			i++
		case isDigit(c) || isWordByte(c):
			j := i
			digits, letters := false, false
			for j < len(b) {
				if isDigit(b[j]) {
					digits = true
				} else if isWordByte(b[j]) {
					letters = true
				} else if !(b[j] == '\'' && j > i && j+1 < len(b) && isWordByte(b[j-1]) && !isDigit(b[j-1]) && isWordByte(b[j+1]) && !isDigit(b[j+1])) {
					break
				}
				j++
			}
			k := tkWord
			if digits && letters {
				k = tkAlnum
			} else if digits {
				k = tkNum
			}
			toks = append(toks, token{s: int32(i), e: int32(j), kind: k, space: space})
			space = false
			i = j
		default:
			toks = append(toks, token{s: int32(i), e: int32(i + 1), kind: tkPunct, space: space, punct: c})
			space = false
			i++
		}
	}
	return toks
}

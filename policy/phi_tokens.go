package policy

import (
	"encoding/binary"
	"math/bits"
)

// Token kinds of the folded view.
const (
	tkWord  uint8 = iota + 1 // letters only
	tkNum                    // ASCII digits only
	tkAlnum                  // letters and digits ("4th", "ab12345")
	tkPunct                  // one punctuation byte
)

// token is one word, number or punctuation mark of the folded view.
type token struct {
	s, e     int32 // folded byte offsets
	kind     uint8
	space    bool      // whitespace (or the start of text) before the token
	claimed  bool      // inside a span an earlier detector found
	addrEnd  bool      // last token of a street address (a ZIP may follow)
	fuzzy    bool      // looked up through a misspelling, an inflection or digits for letters
	inClin   bool      // inside a clinical phrase ("colon cancer"): never part of a name
	spelled  bool      // typed a letter at a time ("c.h.e.s.t"), joined by the fold
	leet     bool      // typed with digits for letters ("thr3w"), restored in the folded view
	stmt     stmtClass // statement word classes (sVital, sHealthVerb…)
	flags    uint64
	ent      lexEntry    // lexicon entry of the single word (zero if none)
	role     uint16      // what the name-position rules look for (rJoin…), set by lookup
	capital  bool        // the word's first letter is a capital as written (scanner.upper)
	punct    byte        // a punctuation token's byte (scanner.isP), 0 for the other kinds
	trig     ruleTrigger // the readers the word can start (phi_triggers.go), set by lookup
	wordRole uint16      // roleWords of the word as written, set by lookup; noteRole makes role of it
	second   bool        // the word is some phrase's second word (phraseBound), set by lookup
	val      int         // a number's value, -1 past nine digits (scanner.num), set by readNumbers
}

func isWordByte(c byte) bool { return (c >= 'a' && c <= 'z') || c >= 0x80 }

// Byte classes for tokenize: a digit (isDigit), a letter (isWordByte) or
// a space (at most ' ', or DEL); anything else is punctuation.
const (
	bcDigit uint8 = 1 << iota
	bcLetter
	bcSpace
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch b := byte(c); {
		case isDigit(b):
			t[c] = bcDigit
		case isWordByte(b):
			t[c] = bcLetter
		case b <= ' ' || b == 0x7f:
			t[c] = bcSpace
		}
	}
	return t
}()

// tokenize splits the folded bytes into tokens, reusing toks.
func tokenize(b []byte, toks []token) []token {
	toks = toks[:0]
	space := true
	for i := 0; i < len(b); {
		c := b[i]
		cl := byteClass[c]
		if cl == bcSpace {
			space = true
			i++
			continue
		}
		if cl != 0 {
			j := i
			var has uint8 // the classes the word holds
			if cl == bcLetter {
				// Letters are most of a message: step over them eight
				// at a time (notLetters) while eight bytes remain; the
				// loop below takes the rest of the word from the first
				// byte that is no letter.
				has, j = bcLetter, i+1
				for j+8 <= len(b) {
					if m := notLetters(binary.LittleEndian.Uint64(b[j:])); m != 0 {
						j += bits.TrailingZeros64(m) >> 3
						break
					}
					j += 8
				}
			}
			for j < len(b) {
				d := byteClass[b[j]]
				if d&(bcDigit|bcLetter) != 0 {
					has |= d
					j++
					continue
				}
				// An apostrophe inside a word ("o'brien", "crohn's").
				if b[j] == '\'' && j > i && j+1 < len(b) && byteClass[b[j-1]] == bcLetter && byteClass[b[j+1]] == bcLetter {
					j++
					continue
				}
				break
			}
			k := tkWord
			switch has {
			case bcDigit | bcLetter:
				k = tkAlnum
			case bcDigit:
				k = tkNum
			}
			toks = growToken(toks)
			t := &toks[len(toks)-1]
			*t = token{}
			t.s, t.e, t.kind, t.space = int32(i), int32(j), k, space
			space = false
			i = j
			continue
		}
		toks = growToken(toks)
		t := &toks[len(toks)-1]
		*t = token{}
		t.s, t.e, t.kind, t.space, t.punct = int32(i), int32(i+1), tkPunct, space, c
		space = false
		i++
	}
	return toks
}

// growToken lengthens toks by one token, left as it was: the caller clears
// it and sets the few fields a new token has, in place. Appending a token
// literal instead builds it on the stack and copies it over, twice the
// stores, for every token of every message.
func growToken(toks []token) []token {
	if len(toks) < cap(toks) {
		return toks[:len(toks)+1]
	}
	return append(toks, token{})
}

// notLetters marks, by its top bit, each of eight bytes (little-endian)
// that is no letter to isWordByte: outside 'a'..'z' and below 0x80. Each
// byte is judged on its own: with the top bits cleared first, adding 5
// (which carries into the top bit above 'z') or 0x1f (which does not
// below 'a') never carries into the next byte.
func notLetters(x uint64) uint64 {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	y := x &^ msb
	return ((y + lsb*5) | ^(y + lsb*0x1f)) &^ x & msb
}

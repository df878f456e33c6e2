package policy

// Codes typed one character at a time to dodge a filter, or read out
// aloud: "zip is 9-0-2-1-0", "postcode s w one a one a a", "member id A B
// C one two three four five", "k one a zero b one". Each character is a
// token of its own (a single digit, a single letter or a number word),
// set apart by spaces or by one separator. The characters are joined and
// the code is judged whole, by the cue before it or by its shape.

// apartSep reports a separator typed between the characters of a code.
func apartSep(c byte) bool {
	switch c {
	case '-', '.', '_', '/', '*', '|', ',':
		return true
	}
	return false
}

// apartChar returns the character token i stands for in a code typed a
// character at a time: a single digit or letter, or a number word.
func (sc *scanner) apartChar(i int) (byte, bool) {
	t := &sc.toks[i]
	if t.claimed {
		return 0, false
	}
	switch t.kind {
	case tkNum:
		if t.e-t.s == 1 {
			return sc.n.b[t.s], true
		}
	case tkWord:
		if t.e-t.s == 1 {
			return sc.n.b[t.s], true
		}
		if d := digitWord(sc.txt(i)); d >= 0 {
			return byte('0' + d), true
		}
		if c := letterName(sc.txt(i)); c != 0 {
			return c, true
		}
	}
	return 0, false
}

// letterName returns the letter a Spanish or Portuguese speaker says when
// spelling a code aloud ("ene ge dos siete … hache", "jota dois um"), for
// the names no common word shares; 0 for any other word.
func letterName(w []byte) byte {
	switch string(w) {
	case "efe":
		return 'f'
	case "ge", "gê":
		return 'g'
	case "hache", "aga", "agá":
		return 'h'
	case "jota":
		return 'j'
	case "ka":
		return 'k'
	case "ele":
		return 'l'
	case "eme":
		return 'm'
	case "ene":
		return 'n'
	case "ere", "erre":
		return 'r'
	case "ese", "esse":
		return 's'
	case "uve":
		return 'v'
	case "equis", "xis":
		return 'x'
	case "zeta", "zê":
		return 'z'
	}
	return 0
}

// opensCodeApart reports a single letter at token i that starts a code
// read out a character at a time ("serial N G 1 9 9 …"): the letter is
// the code's, not the "n" of "n°" that idFiller would skip.
func (sc *scanner) opensCodeApart(i int) bool {
	if i+1 >= len(sc.toks) || sc.kind(i) != tkWord || sc.toks[i].e-sc.toks[i].s != 1 {
		return false
	}
	_, next := sc.apartChar(i + 1)
	return next && sc.toks[i+1].space && (sc.kind(i+1) == tkNum || sc.toks[i+1].e-sc.toks[i+1].s == 1)
}

// apartCode is a code typed a character at a time: its characters, the
// token each came from, and how many were single letters.
type apartCode struct {
	chars   [12]byte
	at      [12]int
	n       int
	letters int
}

// code returns the first n characters.
func (a *apartCode) code(n int) []byte { return a.chars[:n] }

// charsApart reads a code typed a character at a time from token i, up
// to 12 characters. Reading stops at the first token that is neither a
// character nor one separator between two characters.
func (sc *scanner) charsApart(i int) apartCode {
	T := sc.toks
	var a apartCode
	for k := i; k < len(T) && a.n < len(a.chars); {
		c, ok := sc.apartChar(k)
		if !ok {
			break
		}
		if T[k].kind == tkWord && T[k].e-T[k].s == 1 {
			a.letters++
		}
		a.chars[a.n], a.at[a.n] = c, k
		a.n++
		nx := k + 1
		if nx < len(T) && T[nx].kind == tkPunct && apartSep(T[nx].punct) {
			// One separator, spaced on both sides or on neither: "9-0-2",
			// "9 - 0 - 2", "s , w". It may be typed twice or three
			// times ("X..9..9", "7--7"), and a comma is typed as in a
			// list, glued before and spaced after ("W, 8, 8, 3").
			p, last := T[nx].punct, nx
			for last+1 < len(T) && last < nx+2 && T[last+1].kind == tkPunct && T[last+1].punct == p && !T[last+1].space {
				last++
			}
			if after := last + 1; after < len(T) {
				switch {
				case p == ',' && !T[after].space && !T[nx].space:
					// "1,2": a number, not two characters
				case T[nx].space == T[after].space, p == ',' && !T[nx].space:
					nx = after
				}
			}
		}
		if nx >= len(T) || nx == k+1 && !T[nx].space {
			break // a glued word ends the code
		}
		k = nx
	}
	return a
}

// canadianPostcode reports the A9A9A9 shape of a Canadian postal code.
func canadianPostcode(w []byte) bool {
	return len(w) == 6 && shapeIs(w[:3], "a9a") && shapeIs(w[3:], "9a9")
}

// apartPostcode reports a joined code shaped like a British or Canadian
// postcode: letters and digits in their places, which a word spelled out
// or a count ("one two three") never has.
func apartPostcode(w []byte) bool {
	return ukPostcode(w) || canadianPostcode(w)
}

// cuedCodeApart reads the postcode or identifier after a cue typed a
// character at a time ("9-0-2-1-0", "A B C one two three four five") and
// returns the last token of the longest reading that is a code: four or
// more digits, or a postcode's shape, or (for an identifier) five or more
// characters with at least two digits.
func (sc *scanner) cuedCodeApart(j int, id bool) (int, bool) {
	a := sc.charsApart(j)
	for n := a.n; n >= 4; n-- {
		w := a.code(n)
		digits := 0
		for _, c := range w {
			if isDigit(c) {
				digits++
			}
		}
		switch {
		case digits == n && n <= 10, apartPostcode(w), id && n >= 5 && digits >= 2:
			return a.at[n-1], true
		}
	}
	return 0, false
}

// postcodesApart finds postcodes typed or read out a character at a
// time with no cue before them ("we're at s w one a one a a"): five to
// seven characters in a postcode's shape, opening with a letter.
func (sc *scanner) postcodesApart() {
	if sc.placeAny&shLetters == 0 || !sc.numbersAny && sc.trigAny&trigDigitWord == 0 {
		return // a postcode read out holds three letters and two digits at least
	}
	T := sc.toks
	for i := 0; i+4 < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || T[i].e-T[i].s != 1 {
			continue
		}
		a := sc.charsApart(i)
		if a.n < 5 || a.letters < 2 || a.at[a.n-1]-i < 4 {
			continue
		}
		for n := min(a.n, 7); n >= 5; n-- {
			if apartPostcode(a.code(n)) {
				sc.addTok(i, a.at[n-1], SpanZIP, 0.75, prioZIP)
				i = a.at[n-1]
				break
			}
		}
	}
}

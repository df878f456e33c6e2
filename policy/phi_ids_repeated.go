package policy

// A code written twice in one message is one identifier twice: "pump
// serial is N G 1 9 9 3 0 2 1 H, I'll spell that again N G 1 9 9 3 0 2 1
// H", "transmitter 8KTR6W … yes 8KTR6W". The reader that found the first
// copy needed its cue; the second has none, and is masked because it is
// the same characters.

// repeatedCodes masks each later or earlier copy of a code found by
// another reader: the same letters and digits, typed joined, apart, or
// said a character at a time.
func (sc *scanner) repeatedCodes() {
	T := sc.toks
	n := len(sc.cands)
	for c := 0; c < n; c++ {
		x := sc.cands[c]
		switch x.t {
		case SpanDevice, SpanID, SpanMRN, SpanAccount, SpanMemberID, SpanLicense, SpanVehicle, SpanCard, SpanSSN:
		default:
			continue
		}
		from, to := sc.tokenStartingAt(x.s), sc.tokenEndingAt(x.e)
		if from < 0 || to < from {
			continue
		}
		var buf [32]byte
		code, digits := buf[:0], 0
		for k := from; k <= to && len(code) < len(buf); k++ {
			piece := sc.codePiece(k)
			code = append(code, piece...)
			for _, ch := range piece {
				if isDigit(ch) {
					digits++
				}
			}
		}
		if len(code) < 5 || len(code) >= len(buf) || digits < 2 {
			continue
		}
		for i := 0; i < len(T); i++ {
			if i >= from && i <= to || T[i].kind == tkPunct {
				continue
			}
			// Most tokens cannot open the copy: their first character
			// differs, or they are a word that stands for no character.
			if T[i].kind == tkWord && T[i].e-T[i].s > 1 {
				if T[i].trig&trigDigitWord == 0 && letterName(sc.txt(i)) == 0 {
					continue
				}
			} else if sc.n.b[T[i].s] != code[0] {
				continue
			}
			if T[i].claimed && !sc.idSpanAt(i) {
				continue
			}
			if end, ok := sc.codeAt(i, code); ok {
				sc.addTok(i, end, x.t, x.conf*0.9, x.prio)
				i = end
			}
		}
	}
}

// codePiece returns the characters token k adds to a code: a number word
// or a letter's name stands for its character, punctuation for none.
func (sc *scanner) codePiece(k int) []byte {
	switch sc.kind(k) {
	case tkPunct:
		return nil
	case tkWord:
		if c, ok := sc.apartChar(k); ok && sc.toks[k].e-sc.toks[k].s > 1 {
			return []byte{c}
		}
	}
	return sc.txt(k)
}

// codeAt reports whether the tokens from i spell code exactly, ending on
// a token's end, with at most one separator between two tokens; it
// returns the last token. A part of the copy another reader took for a
// shorter code ("1 9 9 3 0 2 1" as a telephone number) is read over:
// the longer span wins when the spans are resolved.
func (sc *scanner) codeAt(i int, code []byte) (int, bool) {
	T := sc.toks
	p := 0
	for k := i; k < len(T); k++ {
		if T[k].claimed && !sc.idSpanAt(k) {
			return 0, false // a name or a statement holds it; another code may be read over
		}
		if T[k].kind == tkPunct {
			if k == i || !apartSep(T[k].punct) || sc.kind(k-1) == tkPunct {
				return 0, false
			}
			continue
		}
		piece := sc.codePiece(k)
		if len(piece) == 0 || len(piece) > len(code)-p || string(code[p:p+len(piece)]) != string(piece) {
			return 0, false
		}
		p += len(piece)
		if p == len(code) {
			if k+1 < len(T) && sc.attached(k+1) && sc.kind(k+1) != tkPunct {
				return 0, false // the copy runs on into a longer code
			}
			return k, true
		}
	}
	return 0, false
}

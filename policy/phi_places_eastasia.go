package policy

// Japanese and Korean addresses written in Latin letters name their
// divisions with a suffix joined by a dash: "shibuya-ku", "kita-ku",
// "gangnam-gu", "hapjeong-dong", "teheran-ro", "2-chome". Few English
// words end that way, so a word joined to one of these suffixes names a
// district; the house numbers ("2-11-3", "411-2", "123-45") and the
// place words beside it are the rest of the address.

// divisionSuffix reports the romanised suffix of a Japanese or Korean
// division: ward (ku, gu), city (shi, si), town (cho, machi), district
// (chome), neighbourhood (dong), road (ro, gil), county (gun), town
// (eup, myeon).
func divisionSuffix(w []byte) bool {
	switch string(w) {
	case "ku", "gu", "shi", "si", "cho", "machi", "chome", "dong", "ro", "gil", "gun", "eup", "myeon":
		return true
	}
	return false
}

// divisionAt returns the last token of "name-suffix" at token i, or -1.
func (sc *scanner) divisionAt(i int) int {
	T := sc.toks
	if i > 0 && i < len(T) && sc.is(i, "chome") && sc.kind(i-1) == tkNum {
		return i // "3 chome-8-1"
	}
	if i+2 >= len(T) || T[i].kind != tkWord && T[i].kind != tkNum || !sc.isP(i+1, '-') || !sc.attached(i+1) ||
		!sc.attached(i+2) || T[i+2].kind != tkWord || !divisionSuffix(sc.word(i+2)) {
		return -1
	}
	if T[i].kind == tkWord && (T[i].e-T[i].s < 2 && !sc.is(i+2, "dong") || T[i].flags&(fStop|fPersonal|fClin|fQuestion) != 0) {
		return -1
	}
	return i + 2
}

// houseNumbersBefore returns the first token of a run of numbers joined by
// dashes ending at token e ("2-11-3", "123-45", "3"), or e+1.
func (sc *scanner) houseNumbersBefore(e int) int {
	T := sc.toks
	a := e + 1
	for k := e; k >= 0; k-- {
		if T[k].kind == tkNum || T[k].kind == tkAlnum {
			a = k
			if sc.isP(k-1, '-') && sc.attached(k) && sc.attached(k-1) {
				k--
				continue
			}
		}
		break
	}
	return a
}

// eastAsianDivisions masks each address read around a division word.
func (sc *scanner) eastAsianDivisions() {
	if !sc.hasPunct('-') {
		return
	}
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		d := sc.divisionAt(i)
		if d < 0 {
			continue
		}
		// Back over a place word, a comma and the house numbers:
		// "2-11-3 shibuya, shibuya-ku", "1-chome 4-5 nishi-shinjuku".
		a := i
		if T[i].kind == tkNum {
			a = sc.houseNumbersBefore(i)
		}
		for steps := 0; steps < 3 && a > 0; steps++ {
			p := a - 1
			if sc.isP(p, ',') && p > 0 {
				p--
			}
			if b := sc.houseNumbersBefore(p); b <= p {
				a = b
				continue
			}
			if T[p].kind == tkWord && (sc.placeWord(p) || T[p].claimed && sc.lineSpan(p)) && !dictionaryWord(sc.word(p)) {
				a = p
				if sc.isP(p-1, '-') && sc.attached(p) && sc.attached(p-1) && p > 1 && T[p-2].kind == tkWord {
					a = p - 2 // "nishi-shinjuku"
				}
				continue
			}
			break
		}
		// On over the numbers, further divisions and place words after it.
		e := d
		for steps := 0; steps < 4 && e+1 < len(T); steps++ {
			q := e + 1
			if sc.isP(q, '-') && sc.attached(q) && sc.attached(q+1) && sc.kind(q+1) == tkNum {
				e = q + 1 // "chome-8-1"
				continue
			}
			if d2 := sc.divisionAt(q); d2 > 0 {
				e = d2
				continue
			}
			if T[q].kind == tkNum || T[q].kind == tkAlnum {
				e = q
				for sc.isP(e+1, '-') && sc.attached(e+1) && sc.attached(e+2) && (sc.kind(e+2) == tkNum || sc.divisionAt(e) > 0) {
					e += 2
				}
				continue
			}
			if T[q].kind == tkWord && (sc.placeWord(q) || T[q].claimed && sc.lineSpan(q)) && !dictionaryWord(sc.word(q)) {
				e = q
				if sc.isP(q+1, '-') && sc.attached(q+1) && sc.attached(q+2) && sc.kind(q+2) == tkWord {
					e = q + 2 // "nishi-shinjuku"
				}
				continue
			}
			break
		}
		if a == i && e == d && T[i].kind == tkWord {
			// A division alone needs a number or another part beside it.
			if !(sc.isP(e+1, ',') || sc.kind(e+1) == tkNum) {
				continue
			}
		}
		for k := a; k <= e; k++ {
			if T[k].claimed {
				sc.unclaimDate(k, k)
			}
		}
		if !sc.absorbLine(a, e) {
			continue
		}
		e = sc.addressTail(e) // ", tokyo 150-0002", ", seoul"
		sc.addTok(a, e, SpanAddress, 0.75, prioAddress)
		T[e].addrEnd = true
		i = e
	}
}

package policy

// Clinical words typed to dodge a filter: spelled out with dots or
// dashes ("h.i.v.", "c-o-p-d", "p.t.s.d") or with digits for letters
// ("d1ab3t3s", "h1v", "d3pr3ss10n", "ch0l3st3r0l"). The letters are
// joined, the digits read back as the letters they stand for, and the
// result looked up in the clinical lists and the sensitive families; a
// word the lists do not hold ("a.m.", "e.g.", "b2b", "4x4") stays as
// typed.

// typedToDodge finds both disguises.
func (sc *scanner) typedToDodge() {
	if sc.placeAny&shLetter == 0 && sc.kinds&(1<<tkAlnum) == 0 && !sc.gluedSymbol {
		return // neither single letters, a code nor a symbol typed for a letter (a number alone starts nothing here)
	}
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].claimed {
			continue
		}
		switch T[i].kind {
		case tkWord:
			e, typ, ok := 0, SpanType(""), false
			if T[i].e-T[i].s == 1 {
				e, typ, ok = sc.dottedTerm(i)
			}
			if !ok && sc.gluedSymbol && i+1 < len(T) && T[i+1].kind == tkPunct && leetSymbol(T[i+1].punct) && sc.attached(i+1) &&
				(i == 0 || !sc.attached(i) || T[i-1].kind == tkPunct) {
				e, typ, ok = sc.symbolTerm(i)
			}
			if !ok {
				continue
			}
			sc.addTok(i, e, typ, 0.7, prioClinical)
			i = e
		case tkPunct:
			if !sc.gluedSymbol || !leetSymbol(T[i].punct) || i > 0 && sc.attached(i) && T[i-1].kind != tkPunct {
				continue // a run is read from its first token
			}
			fallthrough
		case tkAlnum:
			typ, ok := sc.leetTerm(i)
			if !ok {
				if !sc.gluedSymbol {
					continue
				}
				e, typ, ok := sc.symbolTerm(i)
				if !ok {
					continue
				}
				sc.addTok(i, e, typ, 0.7, prioClinical)
				i = e
				continue
			}
			e := i
			if typ == SpanMedication || typ == SpanLab {
				if ce, _ := sc.clinRight(i); ce > e {
					e = ce
				}
			}
			sc.addTok(i, e, typ, 0.7, prioClinical)
		}
	}
}

// dottedTerm reads single letters joined by dots or dashes from token i
// ("h.i.v.", "s-t-d"), returning the last token and the type of the
// clinical word they spell.
func (sc *scanner) dottedTerm(i int) (int, SpanType, bool) {
	T := sc.toks
	var buf [24]byte
	word := buf[:0]
	last := i
	for k := i; k < len(T) && len(word) < len(buf); {
		if T[k].kind != tkWord || T[k].e-T[k].s != 1 || T[k].claimed {
			break
		}
		word = append(word, sc.n.b[T[k].s])
		last = k
		sep := k + 1
		if !(sc.isP(sep, '.') || sc.isP(sep, '-')) || !sc.attached(sep) {
			break
		}
		if sep+1 >= len(T) || !sc.attached(sep+1) || T[sep+1].kind != tkWord || T[sep+1].e-T[sep+1].s != 1 {
			if sc.isP(sep, '.') {
				last = sep // "h.i.v." keeps its closing dot
			}
			break
		}
		k = sep + 1
	}
	if len(word) < 2 {
		return 0, "", false
	}
	typ, ok := sc.clinicalWord(word)
	return last, typ, ok
}

// leetTerm reads an alphanumeric token with digits for letters as the
// clinical word it spells: "d1ab3t3s", "h1v", "c4nc3r".
func (sc *scanner) leetTerm(i int) (SpanType, bool) {
	w := sc.txt(i)
	if len(w) < 3 || len(w) > 20 {
		return "", false
	}
	letters, digits := 0, 0
	for _, c := range w {
		switch {
		case c >= 'a' && c <= 'z':
			letters++
		case c >= '0' && c <= '9':
			digits++
		default:
			return "", false
		}
	}
	if letters < 3 || digits == 0 || digits > letters+1 {
		return "", false // "3rd", "10am", "b12" are not disguised words
	}
	if _, known := sc.lx.get(w); known {
		return "", false // "a1c", "b12", "covid-19" are words already
	}
	var buf [20]byte
	for _, one := range []byte{'i', 'l'} {
		word := buf[:len(w)]
		for p, c := range w {
			l, ok := leetLetter(c, one)
			if !ok {
				return "", false
			}
			word[p] = l
		}
		if typ, ok := sc.clinicalWord(word); ok {
			return typ, true
		}
	}
	return "", false
}

// clinicalWord looks a restored word up: a clinical term of the lists,
// or a term or a substance of the sensitive families.
func (sc *scanner) clinicalWord(w []byte) (SpanType, bool) {
	if e, ok := sc.lx.get(w); ok && e.flags&fClin != 0 && e.flags&fNeedsFinding == 0 {
		return e.clin, true
	}
	if k := sensitiveKinds[string(w)]; k&(snTerm|snSubstance) != 0 {
		return SpanCondition, true
	}
	return "", false
}

// leetSymbol reports a symbol typed for a letter: "chl@mydia",
// "$yphilis", "d!abetes", "a|cohol", "c*ncer".
func leetSymbol(c byte) bool {
	switch c {
	case '@', '$', '!', '|', '*':
		return true
	}
	return false
}

// symbolTerm reads the glued run of letters, digits and symbols from token
// i as the clinical word it spells with symbols for letters ("chl@mydia",
// "$yphilis", "n@usea", "h*v"), returning the run's last token and the
// word's type. "@" reads as a, "$" as s, "!" as i, "|" as l and "*" as any
// vowel; digits as in leetTerm. The run must hold a symbol and two
// letters, and the word must be one the clinical lists know, so a price
// ("$40"), a handle ("@maria") or an e-mail stays as typed.
func (sc *scanner) symbolTerm(i int) (int, SpanType, bool) {
	T := sc.toks
	var buf [24]byte
	w := buf[:0]
	letters, symbols, stars, end := 0, 0, 0, -1
	for k := i; k < len(T); k++ {
		if k > i && !sc.attached(k) || T[k].claimed {
			break
		}
		switch T[k].kind {
		case tkPunct:
			if !leetSymbol(T[k].punct) {
				goto done
			}
			symbols++
			if T[k].punct == '*' {
				stars++
			}
			w = append(w, T[k].punct)
		default:
			for _, c := range sc.txt(k) {
				if c >= 'a' && c <= 'z' {
					letters++
				}
				w = append(w, c)
				if len(w) == cap(w) {
					return 0, "", false
				}
			}
		}
		end = k
		if len(w) >= cap(w)-1 {
			return 0, "", false
		}
	}
done:
	for end > i && T[end].kind == tkPunct && T[end].punct == '!' {
		end-- // "hiv!": the exclamation closes the word
		w = w[:len(w)-1]
		symbols--
	}
	if symbols == 0 || letters < 2 || len(w) < 3 || stars > 2 || end < 0 {
		return 0, "", false
	}
	var out [24]byte
	var try func(p int) (SpanType, bool)
	try = func(p int) (SpanType, bool) {
		for ; p < len(w); p++ {
			if w[p] == '*' {
				for _, v := range []byte("aeiou") {
					out[p] = v
					if typ, ok := try(p + 1); ok {
						return typ, true
					}
				}
				return "", false
			}
			c, ok := leetLetter(w[p], 'i')
			if !ok {
				return "", false
			}
			out[p] = c
		}
		return sc.clinicalWord(out[:len(w)])
	}
	typ, ok := try(0)
	return end, typ, ok
}

// leetLetter is the letter a digit or symbol typed for one stands for:
// 0 o, 1 one (i or l: "h1v", "ch1amydia"), 3 e, 4 and @ a, 5 and $ s, 7 t,
// 8 b, 9 g, ! i, | l. A 2 or a 6 stands for no letter (false); any
// other byte is itself.
func leetLetter(c, one byte) (byte, bool) {
	switch c {
	case '0':
		return 'o', true
	case '1':
		return one, true
	case '3':
		return 'e', true
	case '4', '@':
		return 'a', true
	case '5', '$':
		return 's', true
	case '7':
		return 't', true
	case '8':
		return 'b', true
	case '9':
		return 'g', true
	case '!':
		return 'i', true
	case '|':
		return 'l', true
	case '2', '6':
		return 0, false
	}
	return c, true
}

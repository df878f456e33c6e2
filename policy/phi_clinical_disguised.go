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
	if sc.placeAny&shLetter == 0 && !sc.numbersAny {
		return // neither single letters nor a code
	}
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].claimed {
			continue
		}
		switch T[i].kind {
		case tkWord:
			if T[i].e-T[i].s != 1 {
				continue
			}
			e, typ, ok := sc.dottedTerm(i)
			if !ok {
				continue
			}
			sc.addTok(i, e, typ, 0.7, prioClinical)
			i = e
		case tkAlnum:
			typ, ok := sc.leetTerm(i)
			if !ok {
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
			switch c {
			case '0':
				c = 'o'
			case '1':
				c = one
			case '3':
				c = 'e'
			case '4':
				c = 'a'
			case '5':
				c = 's'
			case '7':
				c = 't'
			case '8':
				c = 'b'
			case '9':
				c = 'g'
			case '2', '6':
				return "", false
			}
			word[p] = c
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

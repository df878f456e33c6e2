package policy

// lumpStatements finds a lump told in Spanish with an everyday word:
// "tengo una bolita en el pecho", "le salió un bulto en el cuello". The
// words are ordinary on their own ("un bulto" is also a parcel), so the
// lump must be placed on a body part: "en" and at most one article or
// possessive, then the body part. The statement rules grow the span to
// its clause.
func (sc *scanner) lumpStatements() {
	if sc.flagsAny&fBodyPart == 0 {
		return
	}
	T := sc.toks
	for i := range T {
		if T[i].kind != tkWord || T[i].claimed || T[i].e-T[i].s < 4 || T[i].e-T[i].s > 8 {
			continue
		}
		switch c := sc.n.b[T[i].s]; c {
		case 'b', 'g', 'c', 'p':
		default:
			continue
		}
		if !lumpWord(sc.txt(i)) || !sc.is(i+1, "en") {
			continue
		}
		b := i + 2
		if determiner(sc.word(b)) || possessive(sc.word(b)) {
			b++
		}
		for n := 0; n < 2 && sc.flags(b)&fSide != 0 && sc.flags(b)&fBodyPart == 0; n++ {
			b++
		}
		if b >= len(T) || T[b].flags&fBodyPart == 0 || T[b].claimed {
			continue
		}
		s := i
		if sc.is(s-1, "un") || sc.is(s-1, "una") || sc.is(s-1, "unas") || sc.is(s-1, "unos") {
			s--
		}
		e := b
		for n := 0; n < 2 && sc.flags(e+1)&fSide != 0; n++ {
			e++
		}
		sc.addTok(s, e, SpanSymptom, 0.7, prioClinical)
	}
}

// lumpWord reports an everyday Spanish word for a lump or a bump.
func lumpWord(w []byte) bool {
	switch string(w) {
	case "bolita", "bolitas", "bulto", "bultos", "bultito", "bultitos", "granito", "granitos", "chichon", "pelotita", "bolas", "bola":
		return true
	}
	return false
}

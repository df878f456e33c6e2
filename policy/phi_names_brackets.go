package policy

// Names set apart by brackets or standing as the whole message: the
// writer's name added in brackets ("quick one (Siosaia) can I…", "hi
// it's me again (Ngaire)"), a name before a bracketed kinship phrase
// ("Princess (my granddaughter) has a cough"), and a message that is only
// a name, as a reply to "who is this?" or a signature sent on its own
// ("Hadiza Musa 🙂").

// bracketAsides finds the first two forms (bracketedNames, in
// phi_names_paren.go, reads the name in brackets after a kinship word).
func (sc *scanner) bracketAsides() {
	if !sc.hasPunct('(') || !sc.hasPunct(')') {
		return
	}
	T := sc.toks
	for k := 1; k+1 < len(T); k++ {
		if !sc.isP(k-1, '(') {
			continue
		}
		// "(Siosaia)": one capitalised word alone in brackets that no
		// dictionary holds, or a listed given name; "(MRI)", "(Monday)",
		// "(Cardiology)" stay.
		if sc.isP(k+1, ')') && T[k].kind == tkWord && !T[k].claimed && sc.upper(k) && !sc.allUpper(k) && !sc.allUpperText() &&
			sc.canBeName(k) && T[k].e-T[k].s >= 3 && (sc.isLex(k) && T[k].flags&fNameWord == 0 || !dictionaryWord(sc.word(k))) &&
			sc.flags(k-2)&(fNotName|fOrgNoun|fVisit|fStreetSuffix|fLabelNoun) == 0 { // "the new clinic (Northside)" names the clinic
			sc.addName(k, k, 0.6)
			continue
		}
		// "Princess (my granddaughter)", "Tamati (mi hijo)": the word
		// before a bracketed kinship phrase is the person's name.
		p := k
		if sc.toks[p].flags&fPersonal == 0 && !possessiveWord(sc.word(p)) {
			continue
		}
		r := p + 1
		if r >= len(T) || T[r].ent.cue != cueRelation && !relationWord(sc.word(r)) || !sc.isP(r+1, ')') {
			continue
		}
		n := k - 2
		if n < 0 || T[n].kind != tkWord || T[n].claimed || !(sc.canBeName(n) || sc.wordName(n)) || !(sc.upper(n) || sc.nameEvidence(n, true)) ||
			T[n].flags&(fStop|fNotName|fClin) != 0 && T[n].flags&(fNameWord|fFirst) == 0 {
			continue
		}
		sc.addName(n, n, 0.6)
	}
}

// possessiveWord reports a possessive that opens a kinship phrase in
// English, Spanish, Portuguese or French.
func possessiveWord(w []byte) bool {
	switch string(w) {
	case "my", "our", "his", "her", "mi", "su", "nuestra", "nuestro", "meu", "minha", "nosso", "nossa", "ma", "mon", "notre":
		return true
	}
	return false
}

// loneNameMessage finds a message that is two or three capitalised words
// and nothing else but punctuation or emoji, at least one of them no
// dictionary's or a listed name: "Hadiza Musa 🙂", "Siosaia Tupou.".
// "Good Morning", "Thank You", "Buenos Aires" hold a function word or are
// dictionary words throughout, and stay.
func (sc *scanner) loneNameMessage() {
	T := sc.toks
	if len(T) > 8 || len(T) < 2 || sc.hasPunct('?') || !sc.n.hasUpper {
		return // a question names a thing: "Aceitam Unimed?"
	}
	first, last, words, unknown := -1, -1, 0, false
	for k := range T {
		switch T[k].kind {
		case tkPunct:
			continue
		case tkWord:
		default:
			return
		}
		// Each word bears a name's flags or none: a cue ("Obrigada"), a
		// title, a visit or an organisation's word says what it is.
		if T[k].claimed || !sc.upper(k) || T[k].e-T[k].s < 2 || T[k].flags&^(fFirst|fSurname|fNameWord|fPopName|fParticle) != 0 ||
			T[k].ent.cue != cueNone || !sc.canBeName(k) || sc.allUpper(k) {
			return
		}
		if first >= 0 && k != last+1 {
			return // words apart: not one name
		}
		if first < 0 {
			first = k
		}
		last = k
		words++
		unknown = unknown || !dictionaryWord(sc.word(k)) || sc.isLex(k) && T[k].flags&fNameWord == 0
	}
	if words < 2 || words > 3 || !unknown || sc.allUpperText() {
		return
	}
	sc.addName(first, last, 0.6)
}

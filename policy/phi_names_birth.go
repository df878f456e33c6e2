package policy

// namesBeforeBirthDate finds the name a patient writes just before a date
// of birth, the way a chart or a form is filled in: "keplinski zorvath dob
// 1/2/1980", "zorvath keplinski, dob 1/2/1980", "Young Mark dob 1/2/1980",
// "YOUNG MARK 01/02/1980", "young, mark (dob 1/2/1980)". One to three
// words open the phrase (the message, a line, a field, punctuation or a
// name cue before them), each a listed name, a word-name, a word no
// dictionary holds or an initial, a comma allowed between family and given
// name; "dob" or another birth word and a date follow, or, for two words
// or more at the start of a line, the date itself written with slashes or
// dashes. Ordinary words before the date ("lab results dob …", "new
// patient dob …", "my son dob …", "FOLLOW UP 1/2/2025") are no name.
func (sc *scanner) namesBeforeBirthDate() {
	if sc.flagsAny&fDOBCue == 0 && !sc.hasPunct('/') && !sc.hasPunct('-') {
		return
	}
	T := sc.toks
	for d := 1; d < len(T); d++ {
		b := d - 1
		cue := false
		switch {
		case T[d].kind == tkWord && T[d].flags&fDOBCue != 0 && sc.dateFollows(d+1):
			cue = true
		case T[d].kind == tkNum && (sc.isP(d+1, '/') || sc.isP(d+1, '-')) && sc.attached(d+1) && sc.kind(d+2) == tkNum && sc.attached(d+2):
		default:
			continue
		}
		if sc.isP(b, ',') || sc.isP(b, '-') || sc.isP(b, '(') || sc.isP(b, '.') || sc.isP(b, ':') {
			b--
		}
		end := b
		s, n, strong := -1, 0, false
		for k := b; k >= 0 && n < 3; k-- {
			if sc.isP(k, ',') && sc.attached(k) && n > 0 && k > 0 {
				continue // "keplinski, zorvath"
			}
			if sc.isP(k, '.') && sc.attached(k) && k > 0 && sc.kind(k-1) == tkWord && T[k-1].e-T[k-1].s == 1 {
				continue // "mark t. young"
			}
			ok, st := sc.birthNameWord(k)
			if !ok {
				break
			}
			s, n, strong = k, n+1, strong || st
		}
		if s < 0 || !strong || !cue && (n < 2 || !sc.lineOpens(s)) {
			continue
		}
		if p := s - 1; p >= 0 && T[p].kind != tkPunct && T[p].ent.cue == cueNone && !sc.lineOpens(s) {
			continue
		}
		if T[s].e-T[s].s == 1 || T[end].e-T[end].s == 1 && end > s && !sc.isP(end+1, '.') {
			continue // a name starts and ends on a word, not on an initial
		}
		claimed := false
		for k := s; k <= end; k++ {
			if T[k].claimed && !sc.nameAt(k) {
				claimed = true
			}
		}
		if claimed || sc.allNamed(s, end) {
			continue
		}
		sc.addName(s, end, 0.75)
	}
}

// birthNameWord reports a word that may be part of a name written before a
// date of birth, and whether it is strong evidence on its own (a listed
// name no dictionary holds, a word no dictionary holds, a capitalised
// word in a message not typed in capitals).
func (sc *scanner) birthNameWord(k int) (ok, strong bool) {
	t := &sc.toks[k]
	if t.kind != tkWord || t.inClin || sc.otherScriptWord(k) {
		return false, false
	}
	if t.claimed {
		return sc.nameAt(k), true
	}
	if t.e-t.s == 1 {
		return t.space, false // an initial
	}
	f := t.flags
	if t.ent.cue != cueNone || greetingWord(sc.word(k)) ||
		f&(fClin|fNotName|fWeekday|fState|fStreetPrefix|fOrgNoun|fPersonal|fQuestion|fDOBCue|fAgeCue|fAgeUnit|fClinHint|fUnit|fDuration|fMonth) != 0 && f&(fFirst|fSurname|fNameWord) == 0 {
		return false, false
	}
	if f&(fFirst|fSurname|fNameWord) != 0 && f&(fClin|fNotName) == 0 {
		if f&fStop != 0 && f&fSurname == 0 {
			return false, false
		}
		return true, f&fNameWord == 0 && f&fStop == 0 || sc.upper(k) && !sc.allUpperText()
	}
	if f&fStop != 0 || !sc.nameWord(k) {
		return false, false
	}
	if !dictionaryWord(sc.word(k)) {
		return true, true
	}
	return sc.upper(k) && !sc.allUpperText(), sc.upper(k) && !sc.allUpperText()
}

// lineOpens reports that token s opens the message or a line, or follows
// a colon.
func (sc *scanner) lineOpens(s int) bool {
	return s == 0 || sc.newlineBefore(s) || sc.isP(s-1, ':')
}

// dateFollows reports a date at token k, after a colon, a dash or "is": a
// number or a month.
func (sc *scanner) dateFollows(k int) bool {
	for n := 0; n < 2 && (sc.isP(k, ':') || sc.isP(k, '-') || sc.is(k, "is")); n++ {
		k++
	}
	return sc.kind(k) == tkNum || sc.flags(k)&fMonth != 0
}

// allNamed reports tokens [s, end] whose words all lie in one name
// candidate already.
func (sc *scanner) allNamed(s, end int) bool {
	o := sc.nameCandCovering(sc.toks[s].s)
	if o < 0 {
		return false
	}
	return sc.cands[o].e >= sc.toks[end].e
}

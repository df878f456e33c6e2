package policy

// bracketedNames finds a name a patient puts in brackets after the word
// that says who the person is: "my son (mark) is due for shots", "my
// daughter (Grace) has a fever", "patient (Kwabena Mensah)", "mi hija
// (lupita)". The brackets hold one to three words, each a listed given
// or family name (a word-name or a month too: the kinship word says a
// person is named), a capitalised word, or a word no dictionary lists;
// an age, a note or a sentence in brackets ("my son (5)", "my mom (again)",
// "my son (the older one)") stays.
func (sc *scanner) bracketedNames() {
	T := sc.toks
	for _, m := range sc.marks {
		c := m.e.cue
		if c != cueRelation && c != cueNameStrong && c != cueNameWeak {
			continue
		}
		o := m.te
		if !sc.isP(o, '(') || o+2 >= len(T) {
			continue
		}
		if c == cueRelation && bytesHasPossessive(sc.txt(m.te-1)) {
			continue // "my son's (…)"
		}
		i := o + 1
		end := i - 1
		for k := i; k < len(T) && k < i+3; k++ {
			if !sc.bracketNameWord(k) {
				break
			}
			end = k
		}
		if end < i || !sc.isP(end+1, ')') {
			continue
		}
		if sc.notPerson(i, end) {
			continue
		}
		sc.addName(i, end, 0.75)
	}
}

// bracketNameWord reports a word that may be part of a name in brackets
// after a kinship or name word.
func (sc *scanner) bracketNameWord(k int) bool {
	t := &sc.toks[k]
	if t.kind != tkWord || t.claimed || t.inClin || t.flags&(fStop|fNotName|fClin|fPersonal|fQuestion|fWeekday|fAgeUnit|fDuration) != 0 && t.flags&(fFirst|fSurname|fNameWord|fMonth) == 0 {
		return false
	}
	if t.flags&(fFirst|fSurname|fNameWord|fMonth) != 0 && t.flags&fClin == 0 {
		return !greetingWord(sc.word(k))
	}
	if sc.upper(k) && !sc.allUpperText() && sc.nameWord(k) {
		return true
	}
	w := sc.word(k)
	return sc.nameWord(k) && len(w) >= 3 && !dictionaryWord(w)
}

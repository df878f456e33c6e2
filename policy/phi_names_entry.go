package policy

// lastFirstBeforeDate finds a "Family, Given" entry that opens the
// message, a line or a field and ends at the person's date of birth, when
// its words are also ordinary words: "young, mark dob 1/2/1980", "DOE,
// JANE 01/01/1970", "king, hope 3/4/1990", "Re: hill, grace dob …". The
// rules for "Family, Given" take a family name that is a word only beside
// a given name no dictionary holds; a date straight after the entry says
// it is a person's. The given name must be a listed one (also a word or a
// month: "april", "hope"); the family name a listed name, a word-name or
// any word that can be a name when the given name is no word ("doe,
// jane"). Only a date of birth, a month or a number that is no time of
// day may follow: "yes, grace is fine", "cool, john 5 pm", "awesome, jane
// 3:15" and a bare "Smith, Hope" stay with the other rules.
func (sc *scanner) lastFirstBeforeDate() {
	T := sc.toks
	for c := 1; c+1 < len(T); c++ {
		if !sc.isP(c, ',') || !sc.attached(c) {
			continue
		}
		f, g := c-1, c+1
		if !sc.entryStart(f) || T[f].kind != tkWord || T[g].kind != tkWord || !T[g].space ||
			sc.upper(f) != sc.upper(g) || T[f].e-T[f].s < 2 || T[g].e-T[g].s < 2 {
			continue
		}
		if !sc.entryGiven(g) {
			continue
		}
		ge := g
		if h := g + 1; h < len(T) && T[h].kind == tkWord && T[h].space && sc.upper(h) == sc.upper(g) && sc.entryGiven(h) {
			ge = h // "doe, mary ann 1/2/1980"
		}
		n := ge + 1
		if ie, ok := sc.initialAt(n); ok {
			n = ie + 1 // "young, mark t. dob …"
		}
		if sc.isP(n, ',') || sc.isP(n, '-') || sc.isP(n, ':') {
			n++
		}
		if !sc.birthDateAt(n) {
			continue
		}
		if !sc.entryFamily(f, g) {
			continue
		}
		if T[f].claimed && T[g].claimed && sc.nameAt(f) && sc.nameAt(g) && sc.nameCandCovering(T[f].s) == sc.nameCandCovering(T[g].s) {
			continue // found whole already
		}
		if T[f].claimed && !sc.nameAt(f) || T[ge].claimed && !sc.nameAt(ge) {
			continue
		}
		sc.addName(f, ge, 0.75)
		c = ge
	}
}

// entryGiven reports a listed given name, also one that is a word or a
// month, after the comma of "Family, Given".
func (sc *scanner) entryGiven(g int) bool {
	t := &sc.toks[g]
	if t.claimed {
		return sc.nameAt(g)
	}
	return !t.inClin && t.flags&fFirst != 0 && t.flags&(fStop|fClin|fNotName|fWeekday|fPersonal|fQuestion|fDOBCue) == 0 &&
		!greetingWord(sc.word(g))
}

// entryFamily reports the family name before the comma: a listed name or
// word-name, a word no dictionary holds, or, before a given name that is
// no word, any word that can be a name and says nothing else ("doe").
func (sc *scanner) entryFamily(f, g int) bool {
	t := &sc.toks[f]
	if t.claimed {
		return sc.nameAt(f)
	}
	if t.inClin || t.ent.cue != cueNone || sc.otherScriptWord(f) || greetingWord(sc.word(f)) ||
		t.flags&(fClin|fNotName|fMonth|fWeekday|fState|fStreetSuffix|fStreetPrefix|fOrgNoun|fPersonal|fQuestion|fDOBCue|fAgeCue|fClinHint|fResultWord|fUnit) != 0 {
		return false
	}
	if t.flags&(fSurname|fFirst|fNameWord) != 0 {
		return t.flags&fStop == 0 || t.flags&fSurname != 0
	}
	if t.flags&fStop != 0 {
		return false
	}
	if !dictionaryWord(sc.word(f)) {
		return sc.nameWord(f)
	}
	gf := sc.toks[g].flags
	return sc.canBeName(f) && sc.nameWord(f) && gf&fNameWord == 0 && gf&fMonth == 0
}

// nameCandCovering returns the name candidate covering folded offset s,
// or -1.
func (sc *scanner) nameCandCovering(s int32) int {
	for o := range sc.cands {
		if y := &sc.cands[o]; y.t == SpanName && y.s <= s && s < y.e {
			return o
		}
	}
	return -1
}

// nameAt reports token k taken by a name candidate.
func (sc *scanner) nameAt(k int) bool {
	return k >= 0 && k < len(sc.toks) && sc.toks[k].claimed && sc.nameCovers(k, k)
}

// birthDateAt reports what may follow a "Family, Given" entry: "dob", a
// month, or a number ("1/2/1980", "03 04 1990", an age or a chart number)
// that is not a time of day ("3:15", "5 pm", "10 min").
func (sc *scanner) birthDateAt(n int) bool {
	if sc.flags(n)&(fDOBCue|fMonth) != 0 {
		return true
	}
	if sc.kind(n) != tkNum || sc.isP(n+1, ':') {
		return false
	}
	switch string(sc.word(n + 1)) {
	case "am", "pm", "a", "p", "oclock", "o'clock", "min", "mins", "minutes", "hr", "hrs", "hours", "h":
		return false
	}
	return true
}

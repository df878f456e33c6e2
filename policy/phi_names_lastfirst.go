package policy

// lastFirstStarts grows a given name found after a comma back over the
// family name written before it, the way a patient fills in "name, date
// of birth": "Okonkwo, Maria 03/04/1990", "Van Okonkwo, Maria - dob …",
// "Re: Thistlewood-Achebe, Rigoberta 3/4/1990". The family name is a
// capitalised word no list holds (or a listed one) in the given name's
// case, opening the message, a line or a field (after ':'), and the given
// name ends at a number, a date of birth, a month, a dash or the end of
// the line. Particles before the family name ("van", "de", "dela") and a
// hyphenated family name come with it.
func (sc *scanner) lastFirstStarts() {
	T := sc.toks
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanName || x.e <= x.s {
			continue
		}
		ts, te := sc.tokenStartingAt(x.s), sc.tokenEndingAt(x.e)
		if ts >= 1 && te > ts && sc.isP(ts+1, ',') && sc.lastFirstEnds(te) {
			// "dela cruz, maria": the particles that open the family name
			// of a "Family, Given" entry.
			s := ts
			for s >= 1 && T[s-1].kind == tkWord && T[s-1].flags&fParticle != 0 && !T[s-1].claimed && T[s].space && sc.upper(s-1) == sc.upper(ts) {
				s--
			}
			if s < ts && sc.entryStart(s) {
				for k := s; k < ts; k++ {
					T[k].claimed = true
				}
				x.s = T[s].s
				continue
			}
		}
		if ts >= 0 && te >= 0 && sc.entryStart(ts) && sc.isP(te+1, ',') && sc.attached(te+1) {
			// The family name found, the given name after the comma not:
			// "Re: Okonkwo, Grace march 3 1990", "Patient: Lopez, Rigoberta".
			g := te + 2
			if g < len(T) && T[g].kind == tkWord && !T[g].claimed && T[g].space && sc.upper(g) == sc.upper(te) && !sc.allUpperText() &&
				T[g].flags&(fStop|fNotName|fClin|fWeekday|fState|fPersonal|fQuestion) == 0 && !T[g].inClin &&
				(T[g].flags&(fFirst|fMonth) != 0 || sc.nameWord(g) && !dictionaryWord(sc.word(g))) && !greetingWord(sc.word(g)) {
				ge := g
				if h := g + 1; h < len(T) && T[h].kind == tkWord && !T[h].claimed && T[h].space && sc.upper(h) == sc.upper(g) &&
					T[h].flags&fFirst != 0 && T[h].flags&(fStop|fMonth|fClin) == 0 {
					ge = h // "Lopez, Maria Elena"
				}
				if sc.lastFirstEnds(ge) {
					for k := te + 1; k <= ge; k++ {
						T[k].claimed = true
					}
					x.e = T[ge].e
					continue
				}
			}
		}
		if ts < 2 || te < 0 || !sc.isP(ts-1, ',') || !sc.attached(ts-1) || T[ts].kind != tkWord || sc.upper(ts) && sc.allUpperText() {
			continue
		}
		if o := sc.nameEndingAt(T[ts-2].e, c); o >= 0 && sc.lastFirstEnds(te) {
			// "dela cruz, ana m. march 3": both halves found apart.
			y := &sc.cands[o]
			T[ts-1].claimed = true
			x.s, y.e = y.s, y.s
			continue
		}
		f := ts - 2 // the family name's last word
		if !sc.familyBeforeComma(f, ts) {
			continue
		}
		s := f
		if sc.isP(s-1, '-') && sc.attached(s-1) && sc.attached(s) && s >= 2 && sc.familyBeforeComma(s-2, ts) {
			s -= 2 // "Mbeki-Okafor, Grace"
		}
		for s >= 1 && T[s-1].kind == tkWord && T[s-1].flags&fParticle != 0 && !T[s-1].claimed && T[s].space {
			s-- // "Van Okonkwo, Maria", "dela Cruz, Ana"
		}
		if !sc.entryStart(s) {
			continue
		}
		if !sc.lastFirstEnds(te) {
			continue
		}
		for k := s; k < ts; k++ {
			T[k].claimed = true
		}
		x.s = T[s].s
	}
}

// familyBeforeComma reports a word that can be the family name before
// "Family, Given": a word in the given name's case that lists, or no
// dictionary holds, and is no function, place or clinical word.
func (sc *scanner) familyBeforeComma(f, given int) bool {
	T := sc.toks
	if f < 0 || T[f].kind != tkWord || T[f].claimed || T[f].inClin || sc.upper(f) != sc.upper(given) ||
		T[f].flags&(fStop|fNotName|fClin|fMonth|fWeekday|fState|fStreetSuffix|fStreetPrefix|fOrgNoun|fPersonal|fQuestion) != 0 ||
		T[f].ent.cue != cueNone || sc.otherScriptWord(f) {
		return false
	}
	if greetingWord(sc.word(f)) {
		return false
	}
	if T[f].flags&(fSurname|fFirst) != 0 {
		return true // "Lopez, Maria", "maria, garcia 03/04/1990"
	}
	w := sc.word(f)
	if f >= 1 && T[f-1].kind == tkWord && T[f-1].flags&fParticle != 0 && T[f].space && sc.nameWord(f) {
		return true // "Van der Berg, Maria": the particles say a family name
	}
	return sc.nameWord(f) && len(w) >= 2 && !dictionaryWord(w)
}

// lastFirstEnds reports that a given name ending at token te closes a
// "Family, Given" entry: a middle initial may follow, then a number, a
// date of birth, a month, a dash, a bracket or the end of the line.
func (sc *scanner) lastFirstEnds(te int) bool {
	T := sc.toks
	n := te + 1
	if ie, ok := sc.initialAt(n); ok {
		n = ie + 1 // "Okonkwo, Maria J. 03/04/1990"
	}
	for k := 0; k < 2 && (sc.isP(n, ',') || sc.isP(n, '.')); k++ {
		n++
	}
	return n >= len(T) || sc.newlineBefore(n) || sc.kind(n) == tkNum || sc.isP(n, '-') || sc.isP(n, '(') ||
		sc.flags(n)&(fDOBCue|fMonth) != 0
}

// nameEndingAt returns the name candidate other than skip that ends at
// folded offset e, or -1.
func (sc *scanner) nameEndingAt(e int32, skip int) int {
	for o := range sc.cands {
		if y := &sc.cands[o]; o != skip && y.t == SpanName && y.e == e && y.s < y.e {
			return o
		}
	}
	return -1
}

// entryStart reports that token s opens the message, a line or a field
// (after a colon): where "Family, Given" is written as an entry.
func (sc *scanner) entryStart(s int) bool {
	return s == 0 || sc.newlineBefore(s) || sc.isP(s-1, ':') || sc.isP(s-1, '-') && s == 1
}

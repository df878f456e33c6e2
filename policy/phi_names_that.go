package policy

// thatClauseNames finds the person a message asks someone to be told
// about: "tell Dr. Kim that Grace won't be there", "let the nurse know
// that hope can't come today", "please tell mrs. garcia that mark will be
// late". After a verb of telling, "that" opens what is told; a given name
// there, even one that is also a word, is the subject when a modal or a
// verb a person takes follows it. A month is left out ("tell her that
// June is booked").
func (sc *scanner) thatClauseNames(r *nameRoles) {
	T := sc.toks
	for k := 1; k+2 < len(T); k++ {
		if T[k].e-T[k].s != 4 || !sc.is(k, "that") {
			continue
		}
		told := false
		for p := k - 1; p >= 0 && p >= k-6 && !told; p-- {
			told = r.has(sc, p, rAddress)
		}
		if !told {
			continue
		}
		j := k + 1
		t := &T[j]
		if t.kind != tkWord || t.claimed || t.flags&fFirst == 0 || t.flags&(fMonth|fClin|fPersonal|fQuestion) != 0 || seasonWord(sc.word(j)) {
			continue
		}
		if t.flags&fStop != 0 && !sc.upper(j) {
			continue // "tell him that will be fine"
		}
		end := sc.nameRun(j)
		v := sc.word(end + 1)
		if !(modalWord(v) || personVerb(v) || sc.finiteVerb(end+1) || negatedAux(v) && sc.isP(end+2, '\'')) {
			continue
		}
		// notPerson reads "that" as a determiner ("that Grace Hall");
		// here it opens a clause, so only the noun after the name can
		// make it a place.
		if sc.flags(end+1)&(fOrgNoun|fStreetSuffix) != 0 {
			continue
		}
		sc.addName(j, end, 0.7)
		k = end
	}
}

// negatedAux reports the first part of a contracted negative the
// tokenizer splits at its apostrophe ("won't", "didn't", "isn't").
func negatedAux(w []byte) bool {
	switch string(w) {
	case "won", "don", "didn", "doesn", "isn", "wasn", "hasn", "couldn", "wouldn", "shouldn", "aren", "can":
		return true
	}
	return false
}

package policy

// insuranceMessage reports 1 when a word of the message puts it about
// health plans ("insurance", "copay", "network", "medicaid") or asks
// which plans the clinic takes ("do you take BCBS or Oscar", "do you
// accept Ambetter"), else 0.
func (sc *scanner) insuranceMessage() int {
	for k := range sc.toks {
		if sc.toks[k].kind != tkWord {
			continue
		}
		if insuranceWord(sc.word(k)) {
			return 1
		}
		switch string(sc.word(k)) {
		case "accept", "accepts", "accepted", "aceptan", "acepta":
			return 1
		case "take", "takes":
			if sc.is(k-1, "you") || sc.is(k-1, "u") || sc.is(k-1, "guys") || sc.is(k-1, "clinic") || sc.is(k-1, "office") {
				return 1
			}
		}
	}
	return 0
}

// planSlot reports that the words ts..te, found as a name with no cue,
// stand where a message about insurance puts a plan: at the end of a
// list of plans ("Medicaid or Oscar", "Aetna, Cigna, or Oscar"), after
// the words that take a plan ("copay with Oscar", "covered in Oscar",
// "if I have Oscar", "plans like Oscar"), or as
// the one asked whether it covers ("does Oscar cover the MRI?"). The name
// must close its clause, so "with Oscar's mom" or "or Oscar needs" stay
// a person. A patient names a family member in an insurance question
// after a kinship word or "for" ("is it covered for Oscar?"), which no
// slot here takes.
func (sc *scanner) planSlot(ts, te int) bool {
	T := sc.toks
	n := te + 1
	if n < len(T) && sc.kind(n) == tkWord {
		// "does Oscar cover the visit?"
		switch string(sc.word(n)) {
		case "cover", "covers", "approve", "approves":
			p := ts - 1
			return p >= 0 && (sc.is(p, "does") || sc.is(p, "do") || sc.is(p, "will") || sc.is(p, "would") || sc.is(p, "can")) && sc.clauseStart(p)
		}
		return false
	}
	if n < len(T) && (sc.isP(n, '\'') || sc.isP(n, '-')) {
		return false
	}
	p := ts - 1
	if p < 0 {
		return false
	}
	switch string(sc.word(p)) {
	case "or", "and":
		// "or"/"and" ends a list of plans; the word before the list
		// shows it: a capitalised word no list holds as a name, or a
		// plan word ("medicaid or oscar").
		q := p - 1
		if sc.isP(q, ',') {
			q--
		}
		// "for Mia or Oscar", "my kids are Mia and Oscar": a list after
		// "for", a kinship word or a verb of being is of people.
		switch string(sc.word(q - 1)) {
		case "for", "are", "is", "para", "me", "and", "y":
			return false
		}
		return q >= 0 && sc.planWord(q) && sc.toks[q].ent.cue != cueRelation && !relationWord(sc.word(q-1))
	case "with", "in", "under", "through", "thru", "via", "like":
		// "copay with Oscar", "in network with Oscar", "covered in
		// Oscar", "plans like Oscar".
		return insuranceWord(sc.word(p-1)) || sc.is(p-1, "enrolled") || sc.is(p-1, "insured") ||
			sc.isP(p-1, '-') && sc.is(p-2, "in") && sc.is(p-1, "network")
	case "have", "has":
		// "if I have Oscar", "we have Oscar now".
		return sc.is(p-1, "i") || sc.is(p-1, "we") || sc.is(p-1, "still")
	}
	return sc.isP(p, ',') && sc.planWord(p-1)
}

// planWord reports a word that names a plan in a list of them: a plan
// word ("medicaid", "medicare", "insurance") or a capitalised word that
// no list holds as a person's name and that no name span took ("Cigna",
// "BCBS").
func (sc *scanner) planWord(q int) bool {
	if q < 0 || sc.kind(q) != tkWord {
		return false
	}
	t := &sc.toks[q]
	if insuranceWord(sc.word(q)) {
		return true
	}
	return (sc.upper(q) || sc.allUpper(q)) && !t.claimed && t.flags&(fFirst|fSurname|fPersonal|fStop|fNameWord) == 0 && !nameCue(t.ent.cue)
}

// nameCue reports a cue that puts a person's name after it.
func nameCue(c cueKind) bool {
	return c == cueNameStrong || c == cueNameWeak || c == cueTitle || c == cueRelation || c == cueIntro
}

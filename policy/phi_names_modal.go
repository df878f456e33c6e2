package policy

// A given name beside a modal verb, where the person is the one who would
// do the thing: "ruby will come at 3", "can dawn pick up the rx",
// "should grace take it with food", "is sunny ok to come in late". Typed
// in lower case, and often a name that is also a word, such a name has no
// cue before it; the modal and the verb after it say a person acts.

// modalNames finds such names. The name must be a given name the lists
// hold (not a month or a season), and the verb after the modal one of
// the things patients and families do, so that "can grace periods apply"
// and "will summer camp forms" stay.
func (sc *scanner) modalNames() {
	if sc.flagsAny&fFirst == 0 {
		return // modalGiven needs a listed given name
	}
	T := sc.toks
	for i := 0; i+1 < len(T); i++ {
		if !sc.modalGiven(i) {
			continue
		}
		end := i
		if s := i + 1; sc.kind(s) == tkWord && !T[s].claimed && T[s].space && T[s].flags&fSurname != 0 &&
			T[s].flags&(fNameWord|fStop|fClin|fNotName|fMonth) == 0 && !dictionaryWord(sc.word(s)) {
			end = s // "can dawn baker pick up"
		}
		switch {
		case sc.clauseStart(i) && modalWord(sc.word(end+1)) && personAction(sc.word(end+2)):
			// "ruby will come at 3"
		case i > 0 && sc.clauseStart(i-1) && sc.questionAuxAt(i-1) && personAction(sc.word(end+1)):
			// "can dawn pick up the rx", "does hope need a note"
		case i > 0 && sc.clauseStart(i-1) && (sc.is(i-1, "is") || sc.is(i-1, "was")) && personState(sc.word(end+1)):
			// "is sunny ok to come in late"
		default:
			continue
		}
		sc.addName(i, end, 0.7)
		i = end
	}
}

// modalGiven reports an unclaimed word the lists hold as a given name,
// other than a month, a season or a word that opens questions itself.
func (sc *scanner) modalGiven(i int) bool {
	t := &sc.toks[i]
	if t.kind != tkWord || t.claimed || t.flags&fFirst == 0 || t.flags&(fMonth|fClin) != 0 {
		return false
	}
	switch string(sc.txt(i)) {
	case "summer", "winter", "spring", "autumn", "fall", "will", "may", "can", "mark", "bill", "pat", "sue", "art":
		// Seasons, and names that are also the modals and verbs this rule
		// reads around ("will", "may", "can") or nouns a sentence starts
		// with ("mark", "bill": "bill will come in the mail").
		return false
	}
	return true
}

func modalWord(w []byte) bool {
	switch string(w) {
	case "will", "would", "should", "can", "could", "might", "must", "won't", "can't", "cannot", "wont", "cant", "couldn't", "shouldn't":
		return true
	}
	return false
}

// personAction reports a verb of what a patient or a family member does
// about a visit, a prescription or a form.
func personAction(w []byte) bool {
	switch string(w) {
	case "come", "go", "pick", "get", "take", "call", "see", "bring", "drop", "stop", "start", "make", "eat", "drink",
		"use", "sign", "fill", "send", "text", "reschedule", "book", "cancel", "move", "miss", "skip", "wait", "stay",
		"leave", "drive", "walk", "sleep", "shower", "swim", "return", "need", "keep", "try", "talk", "speak", "schedule",
		"check", "refill", "pay", "visit", "join", "attend", "arrive", "bathe", "fly", "travel", "play", "receive",
		"like", "prefer", "rather":
		// Not "be" or "have": "can hope be restored", "will faith have a
		// place" speak of the word, not of a person.
		return true
	}
	return false
}

// personState reports a word that says how a person is, after "is NAME":
// "is sunny ok", "is hope able", "is grace still".
func personState(w []byte) bool {
	switch string(w) {
	case "ok", "okay", "able", "allowed", "supposed", "going", "coming", "ready", "still", "feeling", "doing", "due",
		"scheduled", "booked", "cleared", "covered", "eligible", "fasting", "contagious":
		return true
	}
	return false
}

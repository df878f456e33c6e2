package policy

// againIntros finds the writer's name opening a message that follows up
// an earlier one: "ngozi again, still no call back", "tendai again i
// still have the cough", "hi, kwame again". The word before "again" at
// the start of a message is a name when a list holds it as one or no
// dictionary lists it; "me again", "hi again", "sorry again" stay.
func (sc *scanner) againIntros() {
	if sc.trigAny&trigAgain == 0 {
		return // no "again" in the message
	}
	T := sc.toks
	for a := 1; a < len(T) && a < 5; a++ {
		if !sc.is(a, "again") {
			continue
		}
		i := a - 1
		t := &T[i]
		// "this nhung again", "its tendai again": the "is" left out.
		intro := sc.is(i-1, "this") || sc.is(i-1, "its") || sc.is(i-1, "it's")
		if t.kind != tkWord || t.claimed || !sc.clauseStart(i) && !intro || t.inClin ||
			t.flags&(fStop|fNotName|fClin|fPersonal|fQuestion|fMonth|fNameWord) != 0 {
			continue
		}
		w := sc.word(i)
		if t.flags&fFirst == 0 && (!sc.nameWord(i) || len(w) < 3 || dictionaryWord(w)) {
			continue
		}
		if intro && !sc.clauseStart(i) && t.flags&(fFirst|fPopName) == 0 {
			continue // "this bluetooth again": after "this", only a name the lists or tables hold
		}
		if sc.otherScriptWord(i) || greetingWord(w) || !intro && sc.notPerson(i, i) {
			continue
		}
		n := a + 1
		if n < len(T) && sc.kind(n) == tkWord && T[n].flags&(fStop|fPersonal) == 0 && !sc.is(n, "here") && !sc.is(n, "still") &&
			!interjectionWord(sc.word(n)) {
			continue // "tendai again" then a verb or a noun: not an introduction
		}
		sc.addName(i, i, 0.7)
	}
}

// fromEarlier reports "from yesterday", "from this morning", "from
// earlier" or "again" at token k: after "it's NAME" the writer says when
// they wrote before ("hey its zorvath from yesterday"), and the name ends
// there.
func (sc *scanner) fromEarlier(k int) bool {
	if sc.is(k, "again") {
		return k+1 >= len(sc.toks) || sc.kind(k+1) == tkPunct
	}
	if !sc.is(k, "from") {
		return false
	}
	n := k + 1
	if sc.is(n, "this") || sc.is(n, "last") || sc.is(n, "the") && sc.is(n+1, "other") {
		n++
		if sc.is(n, "other") {
			n++
		}
	}
	switch string(sc.word(n)) {
	case "yesterday", "today", "tonight", "earlier", "before", "morning", "afternoon", "evening", "night", "week", "day",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ayer", "hoy":
		return n+1 >= len(sc.toks) || sc.kind(n+1) == tkPunct
	}
	return false
}

// interjectionWord reports a word a writer puts after their name on
// following up, which says nothing of what the name is: "nhung again
// sorry", "tendai again lol".
func interjectionWord(w []byte) bool {
	switch string(w) {
	case "sorry", "lol", "pls", "plz", "please", "thanks", "thank", "hi", "hello", "haha", "ok", "okay", "sry", "desculpa",
		"perdon", "pardon", "disculpa":
		return true
	}
	return false
}

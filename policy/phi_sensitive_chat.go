package policy

// Chat words for the most protected care that read as everyday words
// out of their shape: "my meds for my nerves", "sees someone for his
// anger", "not doing great mentally", "slipped up with the drinking",
// "the morning after pill", "get my coil out", "my tubes tied", "I had
// a termination", "narcotics anonymous". Each counts only in the shape
// checked here, and sensAnchor still needs the person it is about.

// addChatSensitiveWords files the words; add is sensitiveWords' adder.
func addChatSensitiveWords(add func(k uint16, ws ...string)) {
	add(snTerm, "nerves", "anger", "mentally", "privates", "narcotics", "narcotic", "narcoticos", "coil", "implant",
		"tied", "termination", "pill", "despues", "slipped")
	// "mon psy", "ma psy": the French word for one's therapist.
	add(snCare, "psy")
}

// chatTermNegated reports whether a chat word stands outside the shape
// that makes it clinical; known is false for words not filed here.
func (sc *scanner) chatTermNegated(k int) (negated, known bool) {
	switch string(sc.word(k)) {
	case "nerves", "anger":
		// "my meds for my nerves", "sees someone for his anger", "help
		// with my anger"; not "sorry for my anger at reception".
		return !sc.sensTreatedFor(k), true
	case "mentally":
		return !sc.mentallyUnwell(k), true
	case "privates":
		return !possessive(sc.word(k - 1)), true
	case "narcotics", "narcotic", "narcoticos":
		// The mutual-help group, not a question about a prescription.
		return !(sc.is(k+1, "anonymous") || sc.is(k+1, "anonimos")), true
	case "coil":
		// "my coil", "get the coil fitted"; not "the coil of tubing".
		return !(possessive(sc.word(k-1)) && !sc.is(k-1, "your") ||
			sc.is(k-1, "the") && coilDone(sc.word(k+1))), true
	case "implant":
		// "the implant in my arm", "my implant"; "do you do implant
		// removals" asks about a service and "dental implant" is read
		// by the clinical rules.
		return !(possessive(sc.word(k-1)) && !sc.is(k-1, "your") || sc.is(k-1, "the") || sc.is(k-1, "contraceptive") ||
			sc.is(k-1, "hormonal")), true
	case "tied":
		return !(sc.is(k-1, "tubes") && possessive(sc.word(k-2))), true
	case "termination":
		// "had a termination", "a medical termination", "termination of
		// pregnancy"; not "termination of my contract".
		if sc.is(k+1, "of") {
			return !sc.is(k+2, "pregnancy"), true
		}
		return !(sc.is(k-1, "a") && (sc.is(k-2, "had") || sc.is(k-2, "have") || sc.is(k-2, "need") || sc.is(k-2, "needed") ||
			sc.is(k-2, "want") || sc.is(k-2, "getting") || sc.is(k-2, "booked")) ||
			sc.is(k-1, "medical") || sc.is(k-1, "surgical")), true
	case "pill":
		// "the morning after pill", "on the pill".
		return !(sc.is(k-1, "after") && (sc.is(k-2, "morning") || sc.is(k-2, "mornin")) ||
			sc.is(k-1, "the") && sc.is(k-2, "on")), true
	case "despues":
		// "la pastilla del día después", not "el día después".
		return !(sc.is(k-1, "dia") && sc.is(k-2, "del") && (sc.is(k-3, "pastilla") || sc.is(k-3, "pildora"))), true
	case "depo":
		// "my depo shot is due": the injection names itself; otherwise
		// "depo" needs company (sensNegatedTerm).
		if sc.is(k+1, "shot") || sc.is(k+1, "injection") || sc.is(k+1, "jab") || sc.is(k+1, "provera") {
			return false, true
		}
		return false, false
	case "slipped":
		// "slipped up last weekend with the drinking"; not "I slipped
		// up with the booking".
		return !(sc.is(k+1, "up") && sc.slipUse(k) > 0), true
	}
	return false, false
}

// chatTermReach widens a chat word's statement over the words of its
// shape: "morning after" before "pill", "not doing great" before
// "mentally", the substance after "slipped up".
func (sc *scanner) chatTermReach(k int, s, e *int) {
	switch string(sc.word(k)) {
	case "pill":
		if sc.is(k-1, "after") {
			*s = min(*s, k-2)
		}
	case "mentally":
		j := k - 1
		if !mentallyAfter(sc.word(k + 1)) {
			for j > 0 && (sc.is(j-1, "doing") || sc.is(j-1, "feeling") || sc.is(j-1, "not") || sc.is(j-1, "so") ||
				sc.is(j-1, "very") || sc.is(j-1, "really") || sc.is(j-1, "been")) {
				j--
			}
			*s = min(*s, j)
		} else {
			*e = max(*e, k+1)
		}
	case "slipped":
		*e = max(*e, sc.slipUse(k))
	}
}

// sensTreatedFor reports a condition word owned and treated: "meds for
// my nerves", "sees someone for his anger", "the counselor I see for my
// drinking", "help with her anger".
func (sc *scanner) sensTreatedFor(k int) bool {
	if !possessive(sc.word(k-1)) || sc.is(k-1, "your") || !(sc.is(k-2, "for") || sc.is(k-2, "with")) {
		return false
	}
	for j := k - 3; j >= 0 && j >= k-8; j-- {
		if sc.statementBreak(j) {
			return false
		}
		switch string(sc.word(j)) {
		case "see", "sees", "seeing", "saw", "someone", "somebody", "meds", "medication", "medications", "medicine", "pills",
			"tablets", "help", "therapy", "counselling", "counseling", "counselor", "counsellor", "classes", "course",
			"group", "program", "programme", "treatment", "treated", "script", "prescription":
			return true
		}
	}
	return false
}

// mentallyUnwell reports "mentally" told of a person's state: "not
// doing great mentally", "struggling mentally", "mentally exhausted".
func (sc *scanner) mentallyUnwell(k int) bool {
	if mentallyAfter(sc.word(k + 1)) {
		return true
	}
	switch string(sc.word(k - 1)) {
	case "great", "good", "well", "ok", "okay", "fine", "struggling", "unwell", "bad", "badly", "worse", "suffering":
		// "doing well mentally" is only a state when it is denied or
		// worsening: "not doing great mentally", "struggling mentally".
		for j := k - 2; j >= 0 && j >= k-5; j-- {
			if sc.statementBreak(j) {
				break
			}
			if sc.is(j, "not") || sc.is(j, "isn't") || sc.is(j, "isnt") || sc.is(j, "aren't") || sc.is(j, "arent") ||
				sc.is(j, "wasn't") || sc.is(j, "wasnt") || sc.is(j, "never") {
				return true
			}
		}
		return sc.is(k-1, "struggling") || sc.is(k-1, "unwell") || sc.is(k-1, "worse") || sc.is(k-1, "suffering") ||
			sc.is(k-1, "bad") && !sc.is(k-2, "not")
	}
	return false
}

// mentallyAfter lists the states "mentally" qualifies: "mentally
// exhausted", "mentally unwell".
func mentallyAfter(w []byte) bool {
	switch string(w) {
	case "exhausted", "drained", "unwell", "ill", "struggling", "unstable", "broken", "checked", "done", "fried":
		return true
	}
	return false
}

// coilDone lists what is done to a contraceptive coil.
func coilDone(w []byte) bool {
	switch string(w) {
	case "fitted", "removed", "out", "in", "changed", "replaced", "checked", "taken", "put", "inserted":
		return true
	}
	return false
}

// slipUse returns the use word or substance that makes "slipped up" a
// relapse, up to eight words on in the clause ("slipped up last weekend
// with the drinking"), or 0.
func (sc *scanner) slipUse(k int) int {
	for j := k + 2; j < len(sc.toks) && j <= k+8; j++ {
		if sc.statementBreak(j) {
			return 0
		}
		if jk := sc.sensKind(j); jk&(snUse|snSubstance|snStreet) != 0 || jk&snTerm != 0 && sc.is(j, "relapse") {
			return j
		}
	}
	return 0
}

// goneTo lists the verbs that take a person to a mutual-help group: "I
// go to AA", "voy a NA", "he went to AA".
func goneTo(w []byte) bool {
	switch string(w) {
	case "go", "goes", "going", "went", "gone", "attend", "attends", "voy", "va", "fui", "fue", "vamos":
		return true
	}
	return false
}

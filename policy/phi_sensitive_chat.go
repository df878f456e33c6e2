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
	// "mon psy", "ma psy": the French word for one's therapist; therapy
	// by its short names.
	add(snCare, "psy", "cbt", "dbt", "emdr")
	// Mental health in the family's words: a life taken ("tried to take
	// her own life"), things heard that are not there, grief, coping
	// that fails, burnout, withdrawing, gambling, no point any more.
	add(snTerm, "life", "things", "grieving", "grief", "coping", "cope", "burnout", "isolating", "gambling", "point",
		"antipsychotic", "antipsychotics", "antipsicotico", "antipsicoticos", "stabiliser", "stabilisers",
		// "off her meds", "spiralling again", "one of his episodes", "the
		// baby blues", "self medicating", "on a bender".
		"meds", "medication", "spiralling", "spiraling", "episode", "episodes", "blues", "medicating", "bender")
	// Self-harm told by its verb alone ("I've been cutting again"), an
	// infection caught from a partner, trying to conceive and the steps
	// of IVF ("my egg retrieval", "the embryo transfer").
	add(snTerm, "cutting", "caught", "conceive", "conceiving", "ttc", "embryo", "embryos", "retrieval", "freezing", "transfer")
	// "don't want to wake up", "doesn't want to be here anymore".
	add(snLife, "wake", "here")
	// Who cares for a person with a long mental illness or a drug
	// problem: "my cpn", "my care coordinator", "her key worker".
	add(snCare, "cpn", "coordinator", "worker")
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
	case "life":
		// "tried to take her own life", "ended his own life".
		return !(sc.is(k-1, "own") && possessive(sc.word(k-2)) && !sc.is(k-2, "your") && lifeTaken(sc.word(k-3))), true
	case "things":
		// "thinking about ending things", "want to end things"; not "end
		// things with my boyfriend".
		if sc.is(k-1, "ending") || sc.is(k-1, "end") {
			return !(sc.is(k-2, "about") || sc.is(k-2, "to") || sc.is(k-2, "of")) || !sc.thingsEndClause(k+1), true
		}
		// "hearing things that aren't there", "seeing things that are
		// not there"; not "am I seeing things or is it closed".
		if !(sc.is(k-1, "hearing") || sc.is(k-1, "seeing") || sc.is(k-1, "hears") || sc.is(k-1, "sees") || sc.is(k-1, "hear") || sc.is(k-1, "see")) {
			return true, true
		}
		return !(sc.is(k+1, "that") && (sc.is(k+2, "aren't") || sc.is(k+2, "arent") || sc.is(k+2, "isn't") ||
			sc.is(k+2, "weren't") || sc.is(k+2, "werent") || sc.is(k+3, "not")) && sc.is(k+3, "there") ||
			sc.is(k+4, "there")), true
	case "grieving", "burnout":
		return false, true
	case "grief":
		// "my grief counselling", "her grief"; not "the grief support
		// group meets on mondays", which names no one.
		return !(possessive(sc.word(k-1)) && !sc.is(k-1, "your")), true
	case "coping", "cope":
		// "not coping", "can't cope", "struggling to cope", "a hard time
		// coping"; not "coping with the new portal".
		switch string(sc.word(k - 1)) {
		case "not", "barely", "hardly", "cant", "can't", "cannot", "couldn't", "couldnt":
			return false, true
		case "to":
			return !(sc.is(k-2, "struggling") || sc.is(k-2, "struggle") || sc.is(k-2, "unable") || sc.is(k-2, "trying")), true
		case "time":
			return !(sc.is(k-2, "hard") || sc.is(k-2, "tough") || sc.is(k-2, "difficult")), true
		}
		return true, true
	case "isolating":
		// "isolating herself", "has been isolating in his room".
		return !(sc.sensKind(k+1)&snSelf != 0 || sc.is(k-1, "been") && (sc.is(k+1, "in") || sc.is(k+1, "from"))), true
	case "gambling":
		// "my gambling", "he's been gambling again", "gambling away the
		// rent"; not "the gambling ad on tv".
		return !(possessive(sc.word(k-1)) && !sc.is(k-1, "your") || sc.is(k-1, "been") || sc.is(k+1, "away") ||
			sc.is(k+1, "again") || sc.is(k+1, "problem") || sc.is(k+1, "addiction") || sc.is(k+1, "debts") || sc.is(k+1, "habit")), true
	case "point":
		// "I don't see the point anymore", "no point in living".
		if !(sc.is(k-1, "the") && (sc.is(k-2, "see") || sc.is(k-2, "seeing"))) && !sc.is(k-1, "no") {
			return true, true
		}
		return !(sc.is(k+1, "anymore") || sc.is(k+1, "any") && sc.is(k+2, "more") || sc.is(k+2, "living") ||
			sc.is(k+1, "living") || sc.is(k+2, "anything") || sc.is(k+2, "life") || sc.is(k+2, "going")), true
	case "antipsychotic", "antipsychotics", "antipsicotico", "antipsicoticos":
		return false, true
	case "stabiliser", "stabilisers":
		return !sc.is(k-1, "mood"), true
	case "meds", "medication":
		// Off or back on one's medication: "she's been off her meds",
		// "he stopped taking his medication"; a refill is read by the
		// clinical rules.
		return !(possessive(sc.word(k-1)) && !sc.is(k-1, "your") && (sc.is(k-2, "off") ||
			sc.is(k-2, "taking") && (sc.is(k-3, "stopped") || sc.is(k-3, "stop") || sc.is(k-3, "quit") || sc.is(k-3, "refuses") ||
				sc.is(k-3, "refusing") || sc.is(k-3, "not")))), true
	case "spiralling", "spiraling":
		// "I'm spiralling", "been spiralling again"; not "costs are
		// spiralling".
		switch string(sc.word(k - 1)) {
		case "i'm", "im", "been", "he's", "she's", "hes", "shes", "keep", "started", "am":
			return false, true
		}
		return true, true
	case "episode", "episodes":
		// "one of her episodes", "had another episode"; not "watched an
		// episode".
		return !(possessive(sc.word(k-1)) && !sc.is(k-1, "your") ||
			(sc.is(k-1, "an") || sc.is(k-1, "another")) && (sc.is(k-2, "had") || sc.is(k-2, "having") || sc.is(k-2, "has"))), true
	case "blues":
		return !sc.is(k-1, "baby"), true
	case "medicating":
		return !sc.is(k-1, "self") && !sc.is(k-1, "self-"), true
	case "bender":
		return !(sc.is(k-1, "a") && (sc.is(k-2, "on") || sc.is(k-2, "went") || sc.is(k-2, "been"))), true
	case "cutting":
		// "been cutting again", "cutting her arms"; not "cutting carbs".
		return !(sc.is(k+1, "again") || possessive(sc.word(k+1)) && !sc.is(k+1, "your") && cutPart(sc.word(k+2))), true
	case "caught":
		// "caught something from my ex", "caught something off a guy";
		// a cold caught from the kids is read by the clinical rules.
		if !sc.is(k+1, "something") || !(sc.is(k+2, "from") || sc.is(k+2, "off")) {
			return true, true
		}
		for j := k + 3; j <= k+5 && j < len(sc.toks); j++ {
			if sexPartner(sc.word(j)) {
				return false, true
			}
		}
		return true, true
	case "conceive", "conceiving":
		// "trying to conceive", "can't conceive".
		return !(sc.is(k-1, "to") && (sc.is(k-2, "trying") || sc.is(k-2, "try") || sc.is(k-2, "struggling") || sc.is(k-2, "unable")) ||
			sc.is(k-1, "trying") || sc.sensNegatedBefore(k)), true
	case "ttc", "embryo", "embryos":
		return false, true
	case "retrieval", "freezing":
		return !(sc.is(k-1, "egg") || sc.is(k-1, "eggs")), true
	case "transfer":
		return !(sc.is(k-1, "embryo") || sc.is(k-1, "embryos")), true
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
		// "the morning after pill", "on the pill", "come off the pill",
		// "my pill ran out"; not "my pill organiser".
		return !(sc.is(k-1, "after") && (sc.is(k-2, "morning") || sc.is(k-2, "mornin")) ||
			sc.is(k-1, "the") && (sc.is(k-2, "on") || sc.is(k-2, "off")) ||
			possessive(sc.word(k-1)) && !sc.is(k-1, "your") && !pillThing(sc.word(k+1))), true
	case "condom", "condon":
		if sc.condomFailed(k - 1) {
			return false, true
		}
		return false, false
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
	defer func() { *s, *e = max(*s, 0), min(*e, len(sc.toks)-1) }()
	switch string(sc.word(k)) {
	case "condom", "condon":
		if sc.condomFailed(k - 1) {
			*s = min(*s, k-1)
		}
		*e = max(*e, k+1)
		if sc.is(k+1, "came") || sc.is(k+1, "se") {
			*e = max(*e, k+2)
		}
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
	case "meds", "medication":
		*s = min(*s, k-2)
		if sc.is(k-2, "taking") {
			*s = min(*s, k-3)
		}
	case "medicating", "blues", "retrieval", "freezing", "transfer":
		*s = min(*s, k-1)
	case "caught":
		for j := k + 3; j <= k+5 && j < len(sc.toks); j++ {
			if sexPartner(sc.word(j)) {
				*e = max(*e, j)
				break
			}
		}
	case "life", "point":
		*s = min(*s, k-3)
	case "things":
		*s = min(*s, k-1)
		for j := k + 1; j <= k+4 && j < len(sc.toks); j++ {
			if sc.is(j, "there") {
				*e = max(*e, j)
				break
			}
		}
	case "coping", "cope":
		*s = min(*s, k-2)
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
	case "patch", "spot", "place":
		// "going through a rough patch mentally", "in a bad place
		// mentally".
		return true
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

// thingsEndClause reports that "ending things" closes its clause, as a
// wish to die does ("thinking about ending things lately"); "end things
// early today" or "end things with him" goes on.
func (sc *scanner) thingsEndClause(j int) bool {
	if j >= len(sc.toks) || sc.statementBreak(j) || sc.kind(j) != tkWord {
		return true
	}
	switch string(sc.word(j)) {
	case "and", "but", "sometimes", "lately", "again", "anymore", "tbh", "honestly", "because", "cause", "cos":
		return true
	}
	return false
}

// cutPart lists where self-harm cuts: "cutting her arms".
func cutPart(w []byte) bool {
	switch string(w) {
	case "arm", "arms", "wrist", "wrists", "leg", "legs", "thigh", "thighs", "skin", "stomach":
		return true
	}
	return false
}

// sexPartner lists whom an infection is caught from: "from my ex",
// "off a guy", "from someone new".
func sexPartner(w []byte) bool {
	switch string(w) {
	case "ex", "partner", "boyfriend", "girlfriend", "bf", "gf", "hookup", "someone", "guy", "girl", "date", "tinder":
		return true
	}
	return false
}

// pillThing lists what "my pill" names when it is not a medicine: "my
// pill organiser", "my pill box".
func pillThing(w []byte) bool {
	switch string(w) {
	case "box", "boxes", "organiser", "organizer", "case", "dispenser", "reminder", "reminders", "bottle", "cutter",
		"splitter", "app", "alarm":
		return true
	}
	return false
}

// condomFailed reports "the condom broke", "the condom came off": a
// statement about the writer and a partner though it names neither.
func (sc *scanner) condomFailed(s int) bool {
	if !sc.is(s, "the") || !(sc.is(s+1, "condom") || sc.is(s+1, "condon")) {
		return false
	}
	switch string(sc.word(s + 2)) {
	case "broke", "split", "slipped", "came", "tore", "ripped", "failed", "rompio", "se":
		return true
	}
	return false
}

// careRole lists who "coordinator" and "worker" name in long-term mental
// health and drug services.
func careRole(w []byte) bool {
	switch string(w) {
	case "care", "key", "support", "case", "crisis", "outreach", "drug", "recovery":
		return true
	}
	return false
}

// lifeTaken lists the verbs of a life ended: "take my own life".
func lifeTaken(w []byte) bool {
	switch string(w) {
	case "take", "took", "taking", "takes", "end", "ended", "ending", "ends", "taken":
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

// nerviosState lists how one is "de los nervios": "mal", "enferma",
// "bien" (denied), "sufro".
func nerviosState(w []byte) bool {
	switch string(w) {
	case "mal", "bien", "enferma", "enfermo", "malo", "mala", "sufro", "sufre", "padezco", "padece", "tratamiento", "tratando":
		return true
	}
	return false
}

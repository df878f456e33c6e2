package policy

// pickUpNames finds who a question asks may collect or bring something:
// "can sunshine pick up the meds", "could precious drop off the forms",
// "Can Hope Pick Up The Prescription". Between "can"/"could" at the start
// of a question and a verb of fetching with its particle ("pick up",
// "drop off", "come by", "stop by"), only a person stands; a name there
// may be any word, even one no list holds as a name. The words for
// anyone ("someone", "anybody"), for a plan ("can insurance pick up the
// cost") and for a place or a clinic word stay out.
func (sc *scanner) pickUpNames() {
	if sc.trigAny&trigQuestionAux == 0 || sc.trigAny&trigFetchVerb == 0 {
		return // "can" or "could", then a verb of fetching
	}
	T := sc.toks
	for a := 0; a+3 < len(T); a++ {
		if n := T[a].e - T[a].s; n != 3 && n != 5 || T[a].kind != tkWord || !sc.is(a, "can") && !sc.is(a, "could") {
			continue
		}
		if !sc.clauseStart(a) {
			continue
		}
		j := a + 1
		t := &T[j]
		if t.kind != tkWord || t.claimed || t.inClin || t.flags&(fStop|fNotName|fClin|fPersonal|fQuestion|fMonth|fVisit|fOrgNoun|fNeedsFinding) != 0 ||
			t.ent.cue != cueNone || insuranceWord(sc.word(j)) || anyoneWord(sc.word(j)) || sc.otherScriptWord(j) {
			continue
		}
		if sc.upper(j) && sc.allUpperText() {
			continue
		}
		v := j + 1
		if !fetchVerb(sc.word(v), sc.word(v+1)) {
			continue
		}
		sc.addName(j, j, 0.65)
		a = v
	}
}

// fetchVerbWords are the verbs fetchVerb knows, whose trigger lets
// pickUpNames skip a message without one.
var fetchVerbWords = []string{"pick", "drop", "bring", "come", "stop", "swing"}

// fetchVerb reports a verb of fetching or bringing with its particle.
// Its verbs are fetchVerbWords.
func fetchVerb(v, p []byte) bool {
	switch string(v) {
	case "pick", "drop", "bring":
		switch string(p) {
		case "up", "off", "in", "by", "over":
			return true
		}
	case "come", "stop", "swing":
		return string(p) == "by"
	}
	return false
}

// anyoneWord reports a word for an unnamed person or thing that may
// stand where a name would.
func anyoneWord(w []byte) bool {
	switch string(w) {
	case "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody", "one", "they", "he", "she", "we", "u",
		"pharmacy", "walgreens", "cvs", "ups", "fedex", "uber", "lyft", "driver", "courier", "staff", "family", "friend", "neighbor",
		"mom", "dad", "caregiver", "somebody's", "medicaid", "medicare", "it", "this", "that":
		return true
	}
	return false
}

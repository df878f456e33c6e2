package policy

// givenBeforeFamily reports, after a self-introduction, an ordinary word
// followed by a listed name that is no word: the word is the given
// name ("this is blessing adeyemi", "im learned mensah", "it's precious
// okafor"). The listed name must end the name; a word that says what the
// message is about or how it is sent ("this is regarding okafor", "its
// urgently okafor") is not a given name.
func (sc *scanner) givenBeforeFamily(j int) bool {
	T := sc.toks
	f := j + 1
	if f >= len(T) || T[j].kind != tkWord || T[j].claimed || T[j].inClin || T[j].e-T[j].s < 3 ||
		T[j].flags&(fStop|fClin|fPersonal|fQuestion|fClinHint|fAgeUnit|fUnit|fDuration|fMonth|fDOBCue) != 0 ||
		!sc.strongLex(f) || !T[f].space || sc.upper(f) != sc.upper(j) {
		return false
	}
	w := sc.word(j)
	// A title or kinship word names the person's role: "this is nurse
	// kim", "this is doctor patel" are the clinic's staff, as the title
	// rules read them.
	if T[j].ent.cue != cueNone || T[j].flags&fPhraseStart != 0 || relationWord(w) || greetingWord(w) || bytesHasPossessive(w) || len(w) > 4 && string(w[len(w)-2:]) == "ly" {
		return false
	}
	switch string(w) {
	case "regarding", "concerning", "following", "including", "calling", "writing", "texting", "messaging",
		"checking", "asking", "reaching", "contacting", "replying", "responding", "about", "for", "from":
		return false
	}
	n := f + 1
	return sc.nameEnds(n) || sc.finiteVerb(n) || personVerb(sc.word(n)) || sc.is(n, "here") || sc.is(n, "from")
}

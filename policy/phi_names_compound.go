package policy

// Names whose shape the word lists cannot see. A Korean or Chinese given
// name romanised in two hyphenated syllables ("seo-yeon", "ji-hoon",
// "min-jun", "xiao-ming") is typed in lower case as often as not, and
// its pieces are too short for the lists or are English words and
// abbreviations ("min", "jun", "seo"). Two syllables of that shape
// joined by a hyphen, one of them no dictionary word, stand for a name
// wherever the position rules look for one; the family name written
// beside them ("park", "lee", "kim") goes with them though it is also a
// word.

// romanSyllable reports a word shaped as one romanised Korean or Chinese
// syllable: an optional initial consonant (and a glide), a vowel group,
// an optional final ("ji", "seo", "yeon", "hoon", "xiao", "ming",
// "hyun", "kyung"). English words of that shape are common ("set",
// "pick" is not one); the callers ask for more than the shape.
func romanSyllable(w []byte) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	i := 0
	for _, in := range [...]string{"kk", "tt", "pp", "ss", "jj", "ch", "sh", "zh", "th"} {
		if len(w) > 2 && string(w[:2]) == in {
			i = 2
			break
		}
	}
	if i == 0 {
		switch w[0] {
		case 'g', 'k', 'n', 'd', 't', 'r', 'l', 'm', 'b', 'p', 's', 'j', 'h', 'x', 'q', 'c', 'z', 'f', 'w', 'y':
			i = 1
		}
	}
	// A glide after a consonant: "hyun", "kyung", "hwan".
	if i > 0 && i < len(w) && w[0] != 'y' && w[0] != 'w' && (w[i] == 'y' || w[i] == 'w') {
		i++
	}
	v := i
	for i < len(w) && bytesIndex("aeiou", w[i]) >= 0 && i-v < 3 {
		i++
	}
	switch vowels := string(w[v:i]); vowels {
	case "a", "e", "i", "o", "u", "ai", "ao", "ae", "ee", "ei", "eo", "eu", "oe", "oo", "ou", "ia", "ie", "io", "iu",
		"ua", "ue", "ui", "uo", "iao", "eui", "uai":
	default:
		return false
	}
	switch string(w[i:]) {
	case "", "n", "ng", "m", "l", "k", "p", "r":
		return true
	case "h":
		return v == 0 // "ah" (아) as in "soo-ah"
	}
	return false
}

// romanisedPair reports that word k opens a two-syllable romanised given
// name, k, an attached hyphen and the word after it: both pieces are
// syllables, neither is a function word, and one of them is a word no
// dictionary lists ("yeon", "hoon", "jun") or one the population tables
// hold as a name ("eun", "kim"). "set-up", "hip-hop" and "wi-fi" are
// dictionary words or too short; a third piece ("ha-ha-ha") is no name.
func (sc *scanner) romanisedPair(k int) bool {
	T := sc.toks
	n := k + 2
	if k < 0 || n >= len(T) || T[k].kind != tkWord || T[n].kind != tkWord || !sc.isP(k+1, '-') ||
		!sc.attached(k+1) || !sc.attached(n) || T[k].inClin || T[n].inClin {
		return false
	}
	if sc.isP(k-1, '-') && sc.attached(k) || sc.isP(n+1, '-') && sc.attached(n+1) {
		return false
	}
	const not = fStop | fClin | fNotName | fClinHint
	if T[k].flags&not != 0 || T[n].flags&not != 0 || sc.upper(k) != sc.upper(n) && sc.upper(n) {
		return false
	}
	a, b := sc.word(k), sc.word(n)
	if !romanSyllable(a) || !romanSyllable(b) {
		return false
	}
	evidence := func(w []byte) bool {
		return len(w) >= 3 && !dictionaryWord(w) || sc.lx.people.lookup(w) != 0
	}
	return evidence(a) || evidence(b)
}

// romanisedFamily reports that word k, after a romanised given name
// ending at token k-1, is the family name written after it in the same
// case ("seo-yeon park", "ji-hoon lee"): a listed family name, though
// also a word, that the name may end on.
func (sc *scanner) romanisedFamily(k int) bool {
	T := sc.toks
	if k < 3 || k >= len(T) || T[k].kind != tkWord || T[k].claimed || !T[k].space || T[k].inClin ||
		T[k].flags&fSurname == 0 || T[k].flags&(fStop|fClin|fMonth|fWeekday) != 0 || sc.upper(k) != sc.upper(k-1) {
		return false
	}
	if !sc.isP(k-2, '-') || !sc.romanisedPair(k-3) {
		return false
	}
	return sc.nameEnds(k+1) || sc.finiteVerb(k+1) || personVerb(sc.word(k+1)) || sc.is(k+1, "here")
}

// romanisedNames finds a romanised given name that no position rule took
// (with its family name after it), where the sentence still puts a
// person: opening a clause ("seo-yeon park was seen last week", "ji-hoon,
// dob 3/4/19") or after a word that points at one ("calling about
// ji-hoon", "an appointment from seo-yeon", "it is min-jun"), the name
// ending there. "tai-chi class" does not end there.
func (sc *scanner) romanisedNames() {
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if T[i+1].role&rJoin == 0 || !sc.isP(i+1, '-') || T[i].claimed || T[i+2].claimed || !sc.romanisedPair(i) {
			continue
		}
		end := sc.nameRun(i)
		if end < i+2 {
			continue
		}
		before := sc.clauseStart(i)
		switch string(sc.word(i - 1)) {
		case "about", "regarding", "for", "from", "with", "see", "saw", "seeing", "is", "was", "re", "per", "to":
			before = true
		}
		n := end + 1
		if sc.isP(n, ',') || sc.isP(n, '.') {
			n++
		}
		after := sc.nameEnds(end+1) || sc.finiteVerb(end+1) || personVerb(sc.word(end+1)) || sc.flags(n)&fDOBCue != 0
		if !before || !after || sc.notPerson(i, end) {
			i = end
			continue
		}
		sc.addName(i, end, 0.65)
		i = end
	}
}

// particleTail reports that word p, after the particle at token k that
// follows a name, is the family name the particle opens: "von stein",
// "del rio", "bin rashid", "le blanc". The particle alone would not do
// ("maria de nuevo", "patel le llamará"), so the word must be able to be
// a name and the name must end after it (the end, punctuation, a function
// word, a date of birth, a verb its bearer is the subject of, "here").
func (sc *scanner) particleTail(k, p int) bool {
	T := sc.toks
	if p >= len(T) || T[p].kind != tkWord || T[p].claimed || !T[p].space || T[p].inClin || T[p].ent.cue != cueNone ||
		!sc.canBeName(p) || T[p].flags&(fParticle|fNameWord|fStreetSuffix|fOrgNoun) != 0 && T[p].flags&fSurname == 0 {
		return false
	}
	w := sc.word(p)
	switch string(sc.word(k)) {
	case "von", "bin", "ibn", "bint", "abu", "ter", "zu":
		// No preposition or noun in English or Spanish: any word that
		// can be a name ("von stein", "bin laden").
	case "del":
		// "del rio", "del valle", "del toro": family names that are
		// short words; the places staff speak from are longer nouns
		// ("maria del consultorio", "del laboratorio").
		if len(w) > 6 && T[p].flags&fSurname == 0 && dictionaryWord(w) && !(sc.upper(p) && !sc.allUpperText()) {
			return false
		}
	default:
		// "de", "da", "van", "le": also "of", "from", "the", a vehicle
		// ("maria de recepcion", "omar van pool"): the word must be a
		// listed family name, no dictionary word, or capitalised.
		if T[p].flags&fSurname == 0 && (len(w) < 4 || dictionaryWord(w)) && !(sc.upper(p) && !sc.allUpperText()) {
			return false
		}
	}
	n := p + 1
	if sc.isP(n, ',') || sc.isP(n, '.') {
		n++
	}
	return sc.nameEnds(p+1) || sc.finiteVerb(p+1) || personVerb(sc.word(p+1)) || sc.is(p+1, "here") || sc.flags(n)&fDOBCue != 0
}

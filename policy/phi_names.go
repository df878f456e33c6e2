package policy

import (
	"unicode"
	"unicode/utf8"
)

// upper reports whether token i starts with a capital letter in the text
// the patient typed (the folded view is lower case); past either end of
// the message there is no capital ("ABA lA" asks after its last word).
func (sc *scanner) upper(i int) bool { return uint(i) < uint(len(sc.toks)) && sc.toks[i].capital }

// capitalAt reports that token i's first letter is written as a capital,
// for token.capital.
func (sc *scanner) capitalAt(i int) bool {
	p := sc.n.origStart(int(sc.toks[i].s))
	if c := sc.n.orig[p]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(sc.n.orig[p:])
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// allUpper reports whether token i is written in capitals ("IL", "MARIA").
func (sc *scanner) allUpper(i int) bool {
	s := sc.n.origStart(int(sc.toks[i].s))
	e := sc.n.origEnd(int(sc.toks[i].e))
	for _, r := range sc.n.orig[s:e] {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

const notNameFlags = fStop | fClin | fMonth | fWeekday | fNotName | fUnit | fStreetSuffix | fClinHint | fAgeUnit

// canBeName reports a word that may be part of a name after a cue.
func (sc *scanner) canBeName(i int) bool {
	if i < 0 || i >= len(sc.toks) {
		return false
	}
	t := &sc.toks[i]
	if t.kind != tkWord || t.claimed || t.e-t.s < 2 || t.inClin {
		return false
	}
	if t.flags&(fFirst|fSurname) != 0 && t.flags&(fStop|fClin|fNotName) == 0 {
		return true
	}
	if t.flags&notNameFlags != 0 || t.flags&fTitleCaseOnly != 0 {
		return false
	}
	// A word of three or more letters with no vowel ("JKL", "brb") is a
	// code or an abbreviation, not a name.
	if t.e-t.s >= 3 {
		for _, c := range sc.txt(i) {
			switch c {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				return true
			}
			if c >= 0x80 {
				return true
			}
		}
		return false
	}
	return true
}

// isLex reports a word in the name lists that is not also a stop word.
func (sc *scanner) isLex(i int) bool {
	return sc.canBeName(i) && sc.toks[i].flags&(fFirst|fSurname) != 0
}

// strongLex reports a listed name that is not also an ordinary word.
func (sc *scanner) strongLex(i int) bool {
	return sc.isLex(i) && sc.toks[i].flags&fNameWord == 0
}

// Which following words extendName accepts.
const (
	acceptAny      = iota // any word that can be a name (after a strong cue)
	acceptLexOrCap        // a listed name or a capitalised word
	acceptLex             // a listed name only
	acceptRun             // a listed name, or a capitalised word after a capitalised listed name
)

// acceptName reports whether token k may continue a name under mode.
func (sc *scanner) acceptName(k, mode, start int, strong bool) bool {
	switch mode {
	case acceptAny:
		return sc.canBeName(k)
	case acceptLexOrCap:
		return sc.canBeName(k) && (sc.isLex(k) || sc.upper(k))
	case acceptLex:
		return sc.isLex(k)
	}
	if sc.isLex(k) {
		return true
	}
	return strong && sc.upper(k) && sc.upper(start) && sc.canBeName(k) && !sc.allUpperText()
}

// extendName grows a name from token end: more name words, hyphenated
// parts ("García-López") and particles ("María de la Cruz"). mode says
// which following words count.
func (sc *scanner) extendName(end int, max int, mode int, strong bool) int {
	start := end
	accept := func(k int) bool { return sc.acceptName(k, mode, start, strong) }
	for cnt := 1; cnt < max; cnt++ {
		k := end + 1
		if k >= len(sc.toks) {
			break
		}
		if sc.isP(k, '-') && sc.attached(k) && sc.attached(k+1) && sc.canBeName(k+1) {
			end = k + 1
			continue
		}
		// A middle initial: "Robert J. Anderson", "mariana j. condori":
		// after an initial any name-like word of the same case follows.
		if sc.kind(k) == tkWord && sc.toks[k].e-sc.toks[k].s == 1 && sc.toks[k].space &&
			(sc.upper(k) || bytesIndex("aeiouy", sc.txt(k)[0]) < 0) &&
			sc.isP(k+1, '.') && sc.attached(k+1) && k+2 < len(sc.toks) &&
			(accept(k+2) || (sc.canBeName(k+2) && sc.upper(k+2) == sc.upper(end))) {
			end = k + 2
			continue
		}
		// Without the dot: "Robert J Anderson", "robert j anderson".
		if sc.kind(k) == tkWord && sc.toks[k].e-sc.toks[k].s == 1 && sc.toks[k].space && k+1 < len(sc.toks) &&
			sc.toks[k+1].space && (sc.upper(k) || sc.txt(k)[0] != 'i' && sc.nameBoundary(k+2)) &&
			(accept(k+1) || (sc.canBeName(k+1) && sc.upper(k+1) == sc.upper(end) && sc.upper(k) == sc.upper(end))) {
			end = k + 1
			continue
		}
		if sc.toks[k].flags&fParticle != 0 && sc.kind(k) == tkWord {
			p := k + 1
			if sc.flags(p)&fParticle != 0 && sc.kind(p) == tkWord {
				p++
			}
			if p < len(sc.toks) && accept(p) && sc.upper(p) == sc.upper(end) {
				end = p
				continue
			}
			break
		}
		if sc.toks[k].space && accept(k) {
			end = k
			continue
		}
		break
	}
	return end
}

// joinedInitials reads initials typed together before a name, "j.k." or
// "T.J.": two or three single letters each with its dot, no space between
// them, a space and a word after the last dot. It returns the last dot.
func (sc *scanner) joinedInitials(j int) (int, bool) {
	T := sc.toks
	if sc.kind(j) != tkWord || T[j].e-T[j].s != 1 || !T[j].space || T[j].claimed || sc.otherScriptWord(j) {
		return 0, false
	}
	k, n := j, 0
	for n < 3 && sc.kind(k) == tkWord && T[k].e-T[k].s == 1 && !T[k].claimed && (k == j || sc.attached(k)) &&
		sc.isP(k+1, '.') && sc.attached(k+1) {
		n++
		k += 2
	}
	if n < 2 || sc.kind(k) != tkWord || !T[k].space {
		return 0, false
	}
	return k - 1, true
}

// names finds person names: after cue phrases (strong cues take any word,
// weak cues and kinship words take listed or capitalised words, titles take
// the next word), then runs of listed first and last names with no cue,
// including "Lastname, Firstname" and all-caps or all-lower-case writing.
func (sc *scanner) names() {
	sc.spelledOutNames()
	for _, m := range sc.marks {
		c := m.e.cue
		if c != cueNameStrong && c != cueNameWeak && c != cueTitle && c != cueRelation && c != cueIntro {
			continue
		}
		if sc.possessiveIts(m) || sc.haberParticiple(m) {
			continue
		}
		if c == cueIntro && determiner(sc.word(m.ts-1)) {
			continue // "the signed Consent Form", "your best Friend": the word describes a thing
		}
		j := m.te
		dot := false
		for f := 0; f < 2 && j < len(sc.toks); f++ {
			if sc.isP(j, ':') || sc.isP(j, '-') || sc.isP(j, ',') || (c != cueTitle && (sc.is(j, "is") || sc.is(j, "es") || sc.is(j, "was") || sc.is(j, "era") || sc.is(j, "fue"))) ||
				c == cueRelation && (sc.is(j, "e") || sc.is(j, "da") || sc.is(j, "do")) && sc.romanceKin(m.te) { // "meu pai é Vasco Almeida", "pai da Ritinha"
				j++
			} else if sc.isP(j, '.') {
				dot = true
				j++
			} else {
				break
			}
		}
		if j >= len(sc.toks) || sc.toks[j].claimed {
			continue
		}
		// Dotted initials before the name ("results for p. k. sharma",
		// "my husband j. okafor"): the name is read after them and
		// masked from the first.
		lead := j
		for n := 0; n < 3; n++ {
			if ie, ok := sc.initialAt(j); ok && ie > j && !sc.is(j, "i") && sc.kind(ie+1) == tkWord && sc.toks[ie+1].space && sc.upper(ie+1) == sc.upper(j) {
				j = ie + 1
				continue
			}
			if ie, ok := sc.joinedInitials(j); ok && sc.upper(ie+1) == sc.upper(j) {
				j = ie + 1 // "patient j.k. mensah", "my son t.j. mahlangu"
				continue
			}
			break
		}
		if c == cueRelation && bytesHasPossessive(sc.txt(m.te-1)) {
			continue // "my son's throat": what follows is his, not his name
		}
		if c == cueNameWeak && sc.toks[j].ent.cue == cueRelation && !sc.upper(j) {
			continue // "sou a mãe da paciente": a kinship word, read by its own mark, not "Mae"
		}
		if c == cueRelation && haberAux(sc.word(j)) {
			continue // "mi hija ha tenido fiebre": the verb, not her name
		}
		if sc.bareNameCue(m) && !sc.upper(j) && sc.toks[j].flags&fFirst == 0 && dictionaryWord(sc.word(j)) {
			continue // "name change", "name brand": a thing named, no name
		}
		if c == cueNameWeak && capsAbbreviations[string(sc.word(j))] && sc.allUpper(j) && !sc.allUpperText() {
			continue // "a letter for PE", "forms for ICU": an abbreviation in capitals, no name
		}
		// "appointment for nakamura, hiroshi", "patient: kowalski, anna
		// m.": after any name cue, family name, comma, given name is a
		// name whether or not the lists know either part.
		if end, ok := sc.lastFirstAfterCue(j); ok {
			sc.addName(lead, end, 0.8)
			continue
		}
		var first bool
		switch c {
		case cueNameStrong:
			first = sc.canBeName(j) || sc.wordName(j)
		case cueTitle:
			first = sc.canBeName(j) && (sc.isLex(j) || sc.upper(j) || dot)
		default:
			first = sc.isLex(j) || (sc.upper(j) && sc.canBeName(j) && !sc.allUpperText()) ||
				(sc.upper(j) && !sc.allUpperText() && sc.wordName(j))
			if !first && c == cueRelation && sc.nicknameAfterKin(j) {
				first = true // "my husband Al", "my dad Mo": a nickname the lists hold as a word or a state
			}
			if first && c == cueRelation && !sc.upper(j) && sc.toks[j].flags&fFirst == 0 && sc.romanceKin(m.te) {
				// "ma fille voit le psychiatre": after a Portuguese or
				// French kin word comes a given name; a verb of the
				// language may be listed as a family name.
				first = false
			}
		}
		if !first && c == cueIntro && sc.givenBeforeFamily(j) {
			// "this is blessing adeyemi", "im learned mensah": a given
			// name that is also a word, before a listed family name no
			// dictionary holds.
			sc.addName(lead, j+1, 0.75)
			continue
		}
		if !first && c == cueIntro {
			// "this is rigoberto thistlewood", "atentamente, efraín mamani":
			// one or two unlisted words that end the clause.
			e := j
			if sc.nameWord(e+1) && sc.toks[e+1].space && sc.upper(e+1) == sc.upper(j) {
				e++
			}
			end := e+1 >= len(sc.toks) || sc.kind(e+1) == tkPunct || sc.fromEarlier(e+1) && sc.toks[j].ent.cue == cueNone && !relationWord(sc.word(j)) ||
				callingWord(sc.word(e+1))
			// One word no dictionary holds after a greeting's "it's", with
			// a function word after it, is the writer's name: "hi its
			// dorottya my results came", "helo its nkechinyere pls call".
			lone := e == j && sc.nameBoundary(j+1) && !dictionaryWord(sc.word(j)) && sc.openingIntro(m, j)
			if sc.nameWord(j) && (end || lone || (e > j && sc.nameBoundary(e+1))) && (e > j || sc.isP(m.te, ',') || sc.openingIntro(m, j)) &&
				(e == j || !sc.plainWordsOnly(j, e)) {
				// Not two lower-case dictionary words no list holds:
				// "thanks consent form" thanks for a thing (one such word
				// may be a nickname: "thanks, sunny").
				sc.addName(lead, e, 0.7)
			}
			continue
		}
		// "my son will is sick", "my wife may needs a refill": a given
		// name that is also a modal or a month, after a kinship word, and
		// followed by a verb no modal can precede ("will is", "may needs")
		// is the person's name. "my son will be late" stays.
		if !first && c == cueRelation && sc.kind(j) == tkWord && !sc.toks[j].claimed && sc.toks[j].flags&(fNameWord|fMonth) != 0 && sc.finiteVerb(j+1) {
			sc.addName(lead, j, 0.75)
			continue
		}
		if !first {
			if c == cueRelation || c == cueNameWeak && !sc.resultCue(m) && !sc.bareNameCue(m) && !sc.articleCue(m) {
				sc.unlistedAfterCue(m, j)
			}
			continue
		}
		mode := acceptLexOrCap
		if c == cueNameStrong {
			mode = acceptAny
		}
		end := sc.extendName(j, 4, mode, false)
		// "Lopez, Maria": family name first, a comma, then the given name.
		if end == j && sc.isP(end+1, ',') && !sc.toks[end+1].space {
			g := end + 2
			if sc.canBeName(g) && ((sc.isLex(g) && sc.toks[g].flags&fFirst != 0) || (sc.upper(g) && sc.upper(j))) {
				ge := sc.extendName(g, 2, acceptLexOrCap, false)
				if nx := ge + 1; nx >= len(sc.toks) || sc.kind(nx) == tkPunct || sc.toks[nx].flags&(fStop|fNotName|fDOBCue) != 0 {
					end = ge
				}
			}
		}
		if c != cueTitle {
			end = sc.growRight(j, end)
		}
		conf := float32(0.9)
		if c == cueNameWeak || c == cueRelation {
			conf = 0.8
		}
		sc.addName(lead, end, conf)
	}
	if !sc.placeholder {
		sc.initialNames()
		sc.hyphenNames()
		sc.commaNames()
		sc.namesBeforeHere()
		sc.wordGivenNames()
		// The readers below are tested here first for the signs they
		// need (a bracket, a short message, a colon, a possessive, a word
		// drawn out): most messages have none, and the calls cost more
		// than the tests.
		if sc.hasPunct('(') {
			sc.bracketAsides()
		}
		if len(sc.toks) <= 8 {
			sc.loneNameMessage()
		}
		if sc.hasPunct(':') {
			sc.chatExportSenders()
			sc.emailHeaderNames()
		}
		if sc.trigAny&trigPossessive != 0 {
			sc.misspeltKinNames()
		}
		if sc.drawnAny {
			sc.drawnNames()
		}
	}
	T := sc.toks
	for i := 0; i < len(T) && sc.flagsAny&(fFirst|fSurname) != 0; i++ {
		// isLex needs a listed name's flag: tested first, it turns most
		// words away without canBeName.
		if T[i].flags&(fFirst|fSurname) == 0 || T[i].claimed || !sc.isLex(i) {
			continue
		}
		if !sc.upper(i) && romanceKinLast[string(sc.word(i))] && romancePossessive(sc.word(i-1)) {
			continue // "minha irmã faz …": the sister, though "Irma" is a given name
		}
		// "Lopez, Maria": surname, comma, given name.
		if T[i].flags&fSurname != 0 && sc.isP(i+1, ',') && sc.isLex(i+2) && T[i+2].flags&fFirst != 0 &&
			(sc.strongLex(i) || sc.strongLex(i+2)) {
			end := sc.extendName(i+2, 2, acceptLex, false)
			sc.addName(i, end, 0.85)
			i = end
			continue
		}
		// "Williams, Nayeli": a listed family name, a comma and a
		// capitalised given name that ends the clause.
		if T[i].flags&fSurname != 0 && sc.isP(i+1, ',') && sc.nameWord(i+2) && sc.upper(i+2) == sc.upper(i) &&
			(sc.upper(i) && !sc.allUpperText() || sc.strongLex(i)) && (sc.nameBoundary(i+3) || sc.kind(i+3) == tkNum) {
			sc.addName(i, i+2, 0.75)
			i += 2
			continue
		}
		hasStrong := sc.strongLex(i)
		end := sc.extendName(i, 4, acceptRun, hasStrong)
		if sc.notPerson(i, end) || (end == i && T[i].flags&fPopName != 0 && !sc.upper(i) && !sc.popPersonContext(i) && !sc.popFullName(i) && !sc.popGivenBefore(i)) {
			i = end
			continue
		}
		if end == i && !sc.upper(i) && sc.kind(i-1) == tkNum && T[i].space {
			continue // "I live 120 miles away": a count of things, not a person
		}
		for k := i; k <= end && !hasStrong; k++ {
			hasStrong = sc.strongLex(k)
		}
		start := i
		if hasStrong {
			start, end = sc.unlistedNeighbours(i, end)
		}
		if start == end && !sc.upper(i) && T[i].flags&fFirst == 0 && i > 0 && T[i-1].kind == tkWord && !sc.isP(i+1, ',') &&
			dictionaryWord(sc.word(i)) {
			// "it made me so moody", "a long wait": a family name alone,
			// in lower case, inside a clause, that the dictionary holds is
			// the word ("smith, j appt moved?" opens with a name).
			i = end
			continue
		}
		switch {
		case hasStrong && end > start:
			sc.addName(start, end, 0.85)
		case hasStrong:
			sc.addName(start, end, 0.7)
		case end > i && sc.upper(i) && sc.upper(end):
			sc.addName(i, end, 0.6)
		}
		i = end
	}
	if !sc.placeholder {
		sc.capitalisedPairs()
	}
}

// productName reports capitalised words [i, end] that name a product or
// a feature rather than a person: followed by a model number ("Apple
// Watch Series 9", "Fitbit Charge 6", "Galaxy Tab S9"), or made only of
// ordinary words of four letters or more, one of five or more, that no
// list holds as a name ("Signal Loss", "Dream Sock").
func (sc *scanner) productName(i, end int) bool {
	n := end + 1
	if n < len(sc.toks) && sc.toks[n].space {
		model := sc.kind(n) == tkNum && sc.toks[n].e-sc.toks[n].s <= 3 ||
			sc.kind(n) == tkAlnum && sc.toks[n].e-sc.toks[n].s <= 4 && sc.upper(n)
		// The number stands alone: "14/02", "3:30" and "3 pm" are a date
		// or a time after a person's name, "9 years" an age.
		alone := n+1 >= len(sc.toks) || sc.toks[n+1].space ||
			sc.isP(n+1, ',') || sc.isP(n+1, '?') || sc.isP(n+1, '!') || sc.isP(n+1, '.') && !sc.attached(n+2)
		if model && alone && !sc.ageUnitAt(n+1) && !sc.is(n+1, "pm") && !sc.is(n+1, "am") && !sc.is(n+1, "o'clock") {
			return true
		}
	}
	// Short words are kept as names: "Nana Ama" are words of English
	// and Spanish, and a Ghanaian name.
	long := false
	for k := i; k <= end; k++ {
		n := sc.toks[k].e - sc.toks[k].s
		if n < 4 || sc.toks[k].flags&(fFirst|fSurname|fNameWord) != 0 || !dictionaryWord(sc.txt(k)) {
			return false
		}
		long = long || n >= 5
	}
	return long
}

// ageUnitAt reports token k as a word that makes the number before it an
// age or a span of time ("years", "yo", "meses", "weeks").
func (sc *scanner) ageUnitAt(k int) bool {
	return sc.flags(k)&(fAgeUnit|fDuration) != 0 || sc.is(k, "mois")
}

// capitalisedPairs finds two or three adjacent capitalised words that no
// list explains ("Xiomara Quispe needs a refill"): in chat, people write
// capitals for people and places. Skipped when the whole message is in
// capitals or in Title Case, where capitals say nothing.
func (sc *scanner) capitalisedPairs() {
	if !sc.n.hasUpper {
		return
	}
	T := sc.toks
	ok := func(k int) bool {
		return k < len(T) && T[k].kind == tkWord && !T[k].claimed && T[k].e-T[k].s >= 2 &&
			sc.upper(k) && !sc.allUpper(k) && sc.canBeName(k) && T[k].flags&(fState|fFirst|fSurname) == 0
	}
	checked := false
	for i := 0; i+1 < len(T); i++ {
		// ok needs a capital: the two fields first turn most pairs away,
		// in a loop of their own that keeps nothing else in registers.
		for i+1 < len(T) && !(T[i].capital && T[i+1].capital) {
			if !T[i+1].capital {
				i++ // the next pair fails on the same token
			}
			i++
		}
		if i+1 >= len(T) {
			break
		}
		if !ok(i) || !ok(i+1) || !T[i+1].space {
			continue
		}
		// "the Riverside Annex", "la Clínica Santa Fe": a determiner
		// makes the capitalised words a place or a thing, not a person.
		if sc.is(i-1, "the") || sc.is(i-1, "a") || sc.is(i-1, "an") || sc.is(i-1, "this") || sc.is(i-1, "la") || sc.is(i-1, "el") || sc.is(i-1, "los") || sc.is(i-1, "las") || sc.is(i-1, "del") || sc.is(i-1, "al") {
			i++
			continue
		}
		if !checked {
			// Only now, with a candidate in hand, look at the whole
			// message's casing.
			checked = true
			words, caps := 0, 0
			for k := range T {
				if T[k].kind == tkWord {
					words++
					if sc.upper(k) {
						caps++
					}
				}
			}
			if caps*10 > words*6 || sc.allUpperText() {
				return
			}
		}
		end := i + 1
		if ok(end+1) && T[end+1].space {
			end++
		}
		// Four or more capitalised words in a row are a title, a heading
		// or an organisation ("Northside Family Medicine Walk In"), not
		// one person.
		if sc.capitalRun(i, end) >= 4 || sc.notPerson(i, end) || sc.productName(i, end) {
			i = end
			continue
		}
		sc.addName(i, end, 0.5)
		i = end
	}
}

// namesBeforeHere finds a self-introduction that ends in "here" or "aquí"
// at the start of a message or clause: "Xiomara Quispe here, ...".
func (sc *scanner) namesBeforeHere() {
	if sc.trigAny&trigHere == 0 {
		return
	}
	T := sc.toks
	for h := 1; h < len(T); h++ {
		if T[h].trig&trigHere == 0 || T[h].kind != tkWord || T[h].claimed { // "here", "aqui"
			continue
		}
		s := h - 1
		for s > 0 && h-s < 3 && sc.canBeName(s-1) {
			s--
		}
		if !sc.canBeName(s) || (s > 0 && !(T[s-1].kind == tkPunct && !sc.isP(s-1, '-') && !sc.isP(s-1, '\'') && !sc.isP(s-1, '/') ||
			T[s-1].flags&fNotName != 0 && greetingWord(sc.word(s-1)))) {
			// A hyphen or an apostrophe joins a word ("a pre-op check
			// here?"): what follows it opens no clause.
			continue // "Is Priority Health accepted here?": a plan, then its verb
		}
		ok := true
		for k := s; k < h; k++ {
			ok = ok && sc.canBeName(k)
		}
		if ok {
			sc.addName(s, h-1, 0.8)
		}
	}
}

// addName records a name over tokens [i, end], leaving a possessive "'s"
// outside ("Luis's mom" masks as "[NAME]'s mom").
func (sc *scanner) addName(i, end int, conf float32) {
	for k := i; k <= end; k++ {
		if sc.toks[k].inClin && sc.toks[k].e-sc.toks[k].s == 1 {
			return // letters that spell a clinical word ("d.e.p.r.e.s.s.i.o.n"), not initials
		}
	}
	// A hyphenated family name continues past what the lists know:
	// "hinojosa-ybarra", "Smith-Okonkwo".
	for sc.isP(end+1, '-') && sc.attached(end+1) && sc.attached(end+2) && sc.kind(end+2) == tkWord &&
		!sc.toks[end+2].claimed && sc.canBeName(end+2) && sc.upper(end+2) == sc.upper(end) && sc.kind(end) == tkWord {
		end += 2
	}
	// Particles that open a family name belong to it: "de la Cruz,
	// María", "VAN DER BERG, ANNA", "this is van Dijk". Only where the
	// particles begin the phrase (message start, punctuation, a cue or a
	// function word before them), so "la hija de María" keeps "de".
	if p := i - 1; p >= 0 && sc.kind(p) == tkWord && sc.toks[p].flags&fParticle != 0 && !sc.toks[p].claimed {
		q := p
		if sc.kind(q-1) == tkWord && sc.toks[q-1].flags&fParticle != 0 && !sc.toks[q-1].claimed {
			q--
		}
		// After a kinship word the particle says whose: "pai da Ritinha",
		// "mãe do Enzo" are the child's parent, not a "da Ritinha".
		if b := q - 1; b < 0 || sc.kind(b) == tkPunct || sc.toks[b].ent.cue != cueNone && sc.toks[b].ent.cue != cueRelation ||
			sc.toks[b].flags&(fStop|fNotName) != 0 && sc.toks[b].flags&fParticle == 0 {
			i = q
		}
	}
	e := int(sc.toks[end].e)
	if w := sc.txt(end); len(w) > 3 && w[len(w)-2] == '\'' && w[len(w)-1] == 's' {
		e -= 2
	}
	sc.cands = append(sc.cands, cand{s: sc.toks[i].s, e: int32(e), t: SpanName, conf: conf, prio: prioName})
	for k := i; k <= end; k++ {
		sc.toks[k].claimed = true
	}
}

// allUpperText reports a message typed entirely in capitals, where
// capitalisation says nothing about names.
func (sc *scanner) allUpperText() bool {
	if sc.upperText != 0 {
		return sc.upperText == 2
	}
	sc.upperText = 1
	if sc.computeAllUpper() {
		sc.upperText = 2
	}
	return sc.upperText == 2
}

func (sc *scanner) computeAllUpper() bool {
	if !sc.n.hasUpper {
		return false
	}
	letters, upper := 0, 0
	// Past this many small letters the text is surely not in capitals,
	// having at most as many letters as bytes.
	tooManySmall := len(sc.n.orig) / 10
	for _, r := range sc.n.orig {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			} else if letters-upper > tooManySmall {
				return false
			}
		}
	}
	return letters > 3 && upper*10 >= letters*9
}

func bytesIndex(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// givenBeforeSurname reports token i written as a given name before a
// family name: both capitalised (neither in capitals throughout), apart,
// the second a family name the lists hold and no clinical or function
// word. lookup asks it of the one given name that is also a clinical
// word, before the clinical reading claims it.
func (sc *scanner) givenBeforeSurname(i int) bool {
	T := sc.toks
	j := i + 1
	return j < len(T) && T[i].capital && T[j].capital && T[j].space && T[j].kind == tkWord &&
		T[j].flags&fSurname != 0 && T[j].flags&(fClin|fStop|fNotName) == 0 &&
		!sc.allUpper(i) && !sc.allUpper(j)
}

// nameWord reports a word outside the name lists that can still be part
// of a name: not a function word, a number, a clinical or grammar word, or
// a word shaped like a verb or adverb ("-ing", "-ed", "-ly").
func (sc *scanner) nameWord(k int) bool {
	T := sc.toks
	if k < 0 || k >= len(T) || T[k].claimed || !sc.canBeName(k) ||
		T[k].flags&(fClinMod|fResultWord|fResultValue|fFreq|fDuration|fVisit|fDoseUnit|fState|fAgeCue|fDateCue|fCityVerb|fAddrCue|fQuestion|fPersonal|fClinLead|fZipCue) != 0 && T[k].flags&(fFirst|fSurname) == 0 {
		return false
	}
	w := sc.word(k)
	if numberWord(w) {
		return false
	}
	// A verb or adverb ending ("-ing", "-ed", "-ly") after three letters
	// or more, compared in place.
	n := len(w)
	if n > 5 && string(w[n-3:]) == "ing" && !sc.pinyinIng(k) || n > 4 && (string(w[n-2:]) == "ed" || string(w[n-2:]) == "ly") {
		return false
	}
	return true
}

// pinyinIng reports a capitalised word no dictionary holds that ends in a
// Mandarin syllable in "-ing" ("Xiaoming", "Zhiqing", "Meiling"): a given
// name, not a verb.
func (sc *scanner) pinyinIng(k int) bool {
	w := sc.word(k)
	if !sc.upper(k) || sc.allUpperText() || dictionaryWord(w) {
		return false
	}
	n := len(w)
	switch string(w[n-4:]) {
	case "ming", "jing", "qing", "xing", "ying", "ping", "ning", "ling", "ting", "bing", "hing", "zing":
		return true
	}
	return false
}

// nicknameAfterKin reports a two-letter word after a kinship word,
// written as a name is, a capital then a small letter ("my husband Al",
// "my dad Mo", "our Di"), in a message that is not in capitals or title
// case: a state's code is in capitals, and the function words that could
// stand there are not capitalised mid-sentence.
func (sc *scanner) nicknameAfterKin(j int) bool {
	t := &sc.toks[j]
	if t.kind != tkWord || t.claimed || t.e-t.s != 2 || !sc.upper(j) || sc.allUpper(j) || sc.allUpperText() || !sc.n.ident {
		return false
	}
	if shortFunctionWord(sc.word(j)) {
		return false
	}
	return sc.nameBoundary(j+1) || sc.kind(j+1) == tkWord && sc.toks[j+1].space
}

// shortFunctionWord reports a word of two or three letters that chat
// capitalises at the start of a clause and that is no nickname: a
// pronoun, a preposition, a title, an abbreviation.
func shortFunctionWord(w []byte) bool {
	switch string(w) {
	case "is", "in", "on", "at", "so", "to", "of", "or", "an", "as", "by", "do", "go", "if", "it", "up", "us", "we", "he",
		"me", "my", "no", "ok", "hi", "oh", "be", "am", "la", "el", "de", "da", "es", "se", "su", "tu", "mi", "ya", "yo",
		"dr", "mr", "ms", "st", "pt", "rx", "er", "ty", "np", "kk", "pls", "plz", "thx", "tks", "btw", "fyi", "idk", "omg",
		"lol", "imo", "brb", "asap", "pcp", "doc", "mrs", "ela", "ele", "eu", "ils", "il", "je", "nos", "vos", "uds",
		"eh", "ah", "uh", "um", "hm", "ha", "ye", "aw", "ow", "oi", "ay", "oy", "ew":
		return true
	}
	// "Fb", "Bc", "Mm": letters with no vowel are an abbreviation.
	for _, c := range w {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return false
		}
	}
	return true
}

// initialsBeforeName finds two dotted capital initials or more before a
// capitalised word no dictionary holds: "E. J. Fonoti", "A.K. Menon",
// "M. T. Okonkwo-Eze". Listed family names are read elsewhere; this is
// the shape alone, which titles ("U. S. Army") and sign-offs ("P. S.
// Thanks") do not have, their word being a dictionary's.
func (sc *scanner) initialsBeforeName() {
	T := sc.toks
	for i := 0; i+4 < len(T); i++ {
		if T[i].claimed || !T[i].capital || sc.kind(i) != tkWord || T[i].e-T[i].s != 1 {
			continue
		}
		k, n := i, 0
		for k+1 < len(T) && sc.kind(k) == tkWord && T[k].e-T[k].s == 1 && T[k].capital && !T[k].claimed &&
			sc.isP(k+1, '.') && sc.attached(k+1) {
			n++
			k += 2
		}
		if n < 2 || k >= len(T) || T[k].claimed || sc.kind(k) != tkWord || !T[k].capital || sc.allUpper(k) ||
			sc.allUpperText() || T[k].e-T[k].s < 3 || dictionaryWord(sc.word(k)) || T[k].flags&(fStop|fNotName|fClin) != 0 ||
			bytesHasApostrophe(sc.word(k)) || sc.dottedAbbreviation(i, k-1) {
			i = k
			continue
		}
		sc.addName(i, k, 0.7)
		i = k
	}
}

// dottedAbbreviations are abbreviations written with a dot after each
// letter, read by their letters: "N.B. I'm allergic", "P.S. Dr Okafor".
var dottedAbbreviations = wordSetOf([]string{"nb", "ps", "bp", "eta", "asap", "rsvp", "id", "us", "uk", "dob", "md", "rn",
	"am", "pm", "eg", "ie", "aka", "fyi", "tbc", "tba", "np", "pa", "er", "ed", "ot", "pt", "gp", "uti", "std", "sti", "cc"})

// dottedAbbreviation reports the dotted letters from token a to token b
// ("N.B.") spelling one of dottedAbbreviations.
func (sc *scanner) dottedAbbreviation(a, b int) bool {
	var buf [16]byte
	w := buf[:0]
	for k := a; k <= b && len(w) < len(buf); k++ {
		if sc.kind(k) == tkWord {
			w = append(w, sc.txt(k)...)
		}
	}
	return dottedAbbreviations[string(w)]
}

// capsAbbreviations are abbreviations written in capitals after "for"
// or "results for" that name a service, a test or a form, not a person
// ("a letter for PE", "forms for FMLA"); initials such as "JJ" stay
// names.
var capsAbbreviations = wordSetOf([]string{"pe", "icu", "er", "ed", "gp", "mri", "ct", "ot", "pt", "std", "sti", "hiv",
	"ivf", "ent", "obgyn", "ob", "gyn", "ekg", "ecg", "eeg", "iep", "sat", "act", "gcse", "dmv", "fmla", "ada", "ssi",
	"snap", "wic", "hr", "pcr", "cbc", "tb", "uti", "covid", "rsv", "flu", "dot", "cdl", "ncaa", "ymca", "pta"})

// bytesHasApostrophe reports a contraction or possessive ("I'm", "it's").
func bytesHasApostrophe(w []byte) bool {
	for _, c := range w {
		if c == '\'' {
			return true
		}
	}
	return false
}

// shortNamesOpening finds a short given name opening a clause before its
// verb, written as a name is: "Ed went to the ED last night", "Tui will
// bring the forms", "Ola wants to change her appointment". Two letters,
// or three no dictionary holds; not a pronoun, title or abbreviation.
func (sc *scanner) shortNamesOpening() {
	T := sc.toks
	for j := 0; j+1 < len(T); j++ {
		t := &T[j]
		if T[j+1].trig&(trigFiniteVerb|trigWillWould) == 0 || !t.capital || t.kind != tkWord || t.claimed || t.e-t.s < 2 || t.e-t.s > 3 {
			continue
		}
		if !T[j+1].space || !sc.clauseStart(j) ||
			sc.allUpper(j) || sc.allUpperText() || t.inClin ||
			t.flags&(fStop|fNotName|fClin|fPersonal|fQuestion|fMonth|fWeekday|fState) != 0 && t.flags&fFirst == 0 {
			continue
		}
		w := sc.word(j)
		if shortFunctionWord(w) || len(w) == 3 && dictionaryWord(w) && t.flags&fFirst == 0 {
			continue
		}
		sc.addName(j, j, 0.6)
	}
}

// nameBoundary reports what may follow a name: the end, punctuation, or a
// function word ("… needs a refill", "…, can I").
func (sc *scanner) nameBoundary(k int) bool {
	T := sc.toks
	return k >= len(T) || T[k].kind == tkPunct || T[k].flags&(fStop|fNotName|fDOBCue|fWeekday|fClinLead) != 0 ||
		T[k].ent.cue != cueNone
}

// unlistedNeighbours grows a listed name [i, end] over the unlisted part
// of the same name: a given name before a listed family name ("efraín
// Murphy", "Yuridia F. Robinson") or a family name after a listed given
// name ("ryan mamani"). The neighbour must be written in the same case
// and the name must end the clause or meet a function word, so "tell
// Maria" or "Maria needs" stay as they are.
func (sc *scanner) unlistedNeighbours(i, end int) (int, int) {
	T := sc.toks
	start := i
	if T[i].flags&fSurname != 0 {
		// An initial between: "Yuridia F Robinson", "mariana j. condori".
		p := i - 1
		if sc.isP(p, '.') && sc.attached(p) {
			p--
		}
		if p > 0 && sc.kind(p) == tkWord && T[p].e-T[p].s == 1 && T[p].space && (sc.upper(p) || bytesIndex("aeiouy", sc.word(p)[0]) < 0) {
			if sc.canBeName(p-1) && !T[p-1].claimed && sc.upper(p-1) == sc.upper(i) {
				start = p - 1
			}
		} else if sc.nameWord(i-1) && sc.upper(i-1) == sc.upper(i) && (i-1 == 0 || T[i-2].kind == tkPunct || T[i-2].flags&(fStop|fNotName) != 0 || T[i-2].ent.cue != cueNone) {
			start = i - 1
		}
	}
	if T[i].flags&fFirst != 0 {
		end = sc.growRight(i, end)
	}
	return start, end
}

// growRight adds one unlisted word after the name [i, end] when it is
// written in the same case and the clause ends or a function word follows:
// "ryan mamani, can I", "my husband susan oyelaran needs".
func (sc *scanner) growRight(i, end int) int {
	k := end + 1
	// After a listed given name a number or a date word also closes the
	// name: "maria okafor 555 123 4567", "… okafor date of birth".
	after := sc.nameBoundary(k+1) || sc.kind(k+1) == tkNum || sc.flags(k+1)&(fDateCue|fZipCue) != 0
	if k < len(sc.toks) && sc.toks[k].space && sc.nameWord(k) && sc.upper(k) == sc.upper(i) && after &&
		sc.toks[k].flags&(fFirst|fSurname) == 0 && !pastDeed(sc.word(k)) {
		return k
	}
	return end
}

// unlistedAfterCue finds one or two unlisted words after "my son",
// "results for", "resultados de" that end the clause or meet a function
// word: "my husband dwayne needs a refill", "results for ezequiel please".
// Kinship words need a possessive before them ("my", "mi").
func (sc *scanner) unlistedAfterCue(m mark, j int) {
	if m.e.cue == cueRelation {
		p := m.ts - 1
		if !(sc.is(p, "my") || sc.is(p, "mi") || sc.is(p, "our") || sc.is(p, "his") || sc.is(p, "her") || sc.is(p, "su") || sc.is(p, "nuestra") || sc.is(p, "nuestro")) {
			return
		}
	}
	if !sc.nameWord(j) || m.e.cue == cueRelation && (haberAux(sc.word(j)) || sc.numberLabel(j) || fetchVerb(sc.word(j), sc.word(j+1)) ||
		sc.frenchPossessive(m.ts) || sc.kinVerbPreposition(j)) {
		return
	}
	if m.e.cue == cueRelation && !sc.upper(j) && sc.toks[j].flags&(fFirst|fSurname) == 0 && verbObject(sc.word(j+1)) && dictionaryWord(sc.word(j)) {
		// "my boyfriend gave me…", "my mom took the pills": a lower-case
		// word the dictionary lists, after a kinship word and before an
		// object, is the sentence's verb. A nickname there ("my son
		// bubba is sick") meets a verb or the end instead.
		return
	}
	if m.e.cue == cueRelation && (sc.is(j-1, "is") || sc.is(j-1, "was") || sc.is(j-1, "es")) && (!sc.upper(j) || sc.allUpperText()) {
		// "my daughter is autistic": after "is" a lower-case word says
		// what the person is, not who.
		return
	}
	e := j
	if sc.nameWord(j+1) && sc.toks[j+1].space && sc.upper(j+1) == sc.upper(j) {
		e = j + 1
	}
	if m.e.cue == cueNameWeak && e == j && (!sc.upper(j) || sc.allUpperText()) {
		// "appointment for physical", "forms for work": one lower-case
		// word after a weak cue is a thing far more often than a name.
		return
	}
	if !sc.nameBoundary(e + 1) {
		if e == j {
			return
		}
		e = j
		if !sc.nameBoundary(e + 1) {
			return
		}
	}
	// "okafor, chidi": family name first.
	if e == j && sc.isP(e+1, ',') && sc.attached(e+1) && sc.nameWord(e+2) && sc.upper(e+2) == sc.upper(j) && sc.nameBoundary(e+3) {
		e += 2
	}
	sc.addName(j, e, 0.6)
}

// initialNames finds "Wilfredo F Okafor", "Jhonatan S. Mamani": two
// capitalised words around a capital initial are a name whether or not
// the lists know them. In lower case the initial needs its dot and the
// name must end the clause ("osvaldo t. tzul, …").
func (sc *scanner) initialNames() {
	if sc.placeAny&shLetter == 0 {
		return // no initial
	}
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		k := i + 1
		if sc.kind(k) != tkWord || T[k].e-T[k].s != 1 || !T[k].space || T[k].claimed {
			continue
		}
		if T[i].claimed || T[i].kind != tkWord || !sc.nameWord(i) && !sc.isLex(i) || T[i].flags&fLabelNoun != 0 || sc.allUpperText() {
			continue // "Building A Parking" is a label, not a name
		}
		dot := sc.isP(k+1, '.') && sc.attached(k+1)
		l := k + 1
		if dot {
			l++
		}
		if l >= len(T) || !T[l].space || !(sc.nameWord(l) || sc.isLex(l)) {
			continue
		}
		up := sc.upper(i) && sc.upper(k) && sc.upper(l)
		// A lower-case vowel initial reads as a word ("a.", "i.") unless
		// a listed given name and a listed family name hold it between
		// them: "maria e. gonzalez".
		vowelOK := bytesIndex("aeiouy", sc.word(k)[0]) < 0 ||
			sc.isLex(i) && T[i].flags&fFirst != 0 && sc.isLex(l) && T[l].flags&fSurname != 0
		low := !sc.upper(i) && !sc.upper(k) && !sc.upper(l) && dot && vowelOK && sc.nameBoundary(l+1)
		if !up && !low {
			continue
		}
		if low && !sc.isLex(i) && !sc.isLex(l) && !(i == 0 || sc.nameBoundary(i-1) || T[i-1].ent.cue != cueNone) {
			continue
		}
		sc.addName(i, l, 0.75)
		i = l
	}
}

// hyphenNames finds hyphenated given names ("Mary-Kate", "Sun-Hee",
// "jean-pierre") when either part is a listed given name, even one that is
// also a weekday or a word, and takes the family name after them.
func (sc *scanner) hyphenNames() {
	if sc.placeAny&shDash == 0 {
		return // no dash to join the two names
	}
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || !sc.isP(i+1, '-') || !sc.attached(i+1) || !sc.attached(i+2) ||
			sc.kind(i+2) != tkWord || T[i+2].claimed || T[i].e-T[i].s < 2 || T[i+2].e-T[i+2].s < 2 {
			continue
		}
		if T[i].flags&fFirst == 0 && T[i+2].flags&fFirst == 0 {
			continue
		}
		if T[i].flags&(fClin|fStop) != 0 || T[i+2].flags&(fClin|fStop) != 0 || sc.upper(i) != sc.upper(i+2) {
			continue
		}
		if !sc.upper(i) && !(T[i].flags&fFirst != 0 && T[i+2].flags&fFirst != 0) {
			continue // lower case: both parts must be given names ("jean-pierre")
		}
		end := sc.extendName(i+2, 3, acceptLexOrCap, false)
		end = sc.growRight(i, end)
		sc.addName(i, end, 0.75)
		i = end
	}
}

// commaNames finds "Ajanel, Brian" and "Brown, Jessica": a capitalised
// word, a comma, then a listed given name that ends the clause. Family
// names are the open class; the given name carries the evidence.
func (sc *scanner) commaNames() {
	if sc.placeAny&shComma == 0 || sc.flagsAny&fFirst == 0 {
		return // a comma, then a listed given name
	}
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if !sc.isP(i+1, ',') || !sc.attached(i+1) || T[i].claimed || T[i].kind != tkWord {
			continue
		}
		// Capitalised, or in lower case (or capitals) when the given name
		// after the comma is a listed one that is not also a word.
		if !(sc.upper(i) && !sc.allUpperText() || sc.strongLex(i+2) && sc.upper(i) == sc.upper(i+2)) {
			continue
		}
		if !(sc.nameWord(i) || T[i].flags&(fSurname|fNameWord) != 0 && T[i].flags&(fStop|fClin|fNotName) == 0) {
			continue
		}
		g := i + 2
		if T[g].claimed || sc.upper(g) != sc.upper(i) || T[g].flags&fFirst == 0 || !sc.isLex(g) {
			continue
		}
		end := sc.extendName(g, 2, acceptLex, false)
		if !sc.nameBoundary(end + 1) {
			continue
		}
		// A greeting or a word of thanks before the comma is not a name:
		// canBeName already refuses those listed as such.
		sc.addName(i, end, 0.75)
		i = end
	}
}

// lastFirstAfterCue reads "Family, Given" starting at token j, just after
// a name cue: a family name (with particles "van der", hyphenated parts),
// an attached comma, then one or two given names in the same case and an
// optional initial, ending the clause. It returns the last token.
func (sc *scanner) lastFirstAfterCue(j int) (int, bool) {
	T := sc.toks
	k := j
	for n := 0; n < 2 && sc.flags(k)&fParticle != 0 && sc.kind(k) == tkWord; n++ {
		switch {
		case sc.kind(k+1) == tkWord:
			k++ // "van der Berg", "bin Rashid"
		case sc.isP(k+1, '-') && sc.attached(k+1) && sc.attached(k+2) && sc.kind(k+2) == tkWord:
			k += 2 // "al-Amin"
		}
	}
	part := func(k int) bool { return sc.nameWord(k) || sc.isLex(k) }
	if !part(k) {
		return 0, false
	}
	for sc.isP(k+1, '-') && sc.attached(k+1) && sc.attached(k+2) && part(k+2) {
		k += 2
	}
	if !sc.isP(k+1, ',') || !sc.attached(k+1) {
		return 0, false
	}
	g := k + 2
	if g >= len(T) || !T[g].space || !part(g) || sc.upper(g) != sc.upper(k) || T[g].e-T[g].s < 2 {
		return 0, false
	}
	end := g
	for sc.isP(end+1, '-') && sc.attached(end+1) && sc.attached(end+2) && part(end+2) {
		end += 2
	}
	if part(end+1) && T[end+1].space && sc.upper(end+1) == sc.upper(g) && sc.nameBoundary(end+2) {
		end++
	}
	// A trailing initial: "anna m.", "Anna M".
	if i := end + 1; sc.kind(i) == tkWord && T[i].e-T[i].s == 1 && T[i].space && (sc.isP(i+1, '.') || sc.nameBoundary(i+1)) {
		end = i
		if sc.isP(i+1, '.') && sc.attached(i+1) {
			end = i + 1
		}
	}
	if !sc.nameBoundary(end+1) && sc.kind(end+1) != tkNum {
		return 0, false
	}
	return end, true
}

// wordName reports a given name that is also a month or a word ("June",
// "Hope", "Will") standing where a cue puts a name: not followed by a day
// number, so "this is May 5th" stays a date.
func (sc *scanner) wordName(j int) bool {
	if j >= len(sc.toks) || sc.toks[j].claimed || sc.toks[j].flags&(fMonth|fNameWord) == 0 || sc.toks[j].flags&fClin != 0 {
		return false
	}
	k := sc.kind(j + 1)
	return k != tkNum && k != tkAlnum
}

// openingIntro reports a self-introduction that opens the message: "this
// is dolores", "hi, it's tobiah", "hola soy itziar". The one unlisted word
// after it is a name when it ends the clause and does not look like an
// adjective ("this is urgent", "it's important" stay).
func (sc *scanner) openingIntro(m mark, j int) bool {
	switch string(sc.word(m.ts)) {
	case "this", "it's", "its", "soy", "habla", "le":
	default:
		return false
	}
	for k := m.ts - 1; k >= 0; k-- {
		if sc.toks[k].kind == tkPunct {
			continue
		}
		switch string(trimDrawl(sc.word(k))) {
		case "hi", "hello", "hey", "hola", "buenos", "buenas", "dias", "tardes", "noches", "good", "morning",
			"afternoon", "evening", "yes", "si", "ok", "okay",
			"yo", "hiya", "heya", "howdy", "hallo", "helo", "bonjour", "salut", "oi", "ola", "ciao", "um", "uh", "erm":
			continue
		}
		return false
	}
	w := sc.word(j)
	if len(w) < 3 || adjectiveShape(w) {
		return false
	}
	for _, suf := range []string{"ent", "ant", "ful", "ble", "ish", "less", "ness", "ty", "ry"} {
		if len(w) > len(suf)+2 && string(w[len(w)-len(suf):]) == suf {
			return false
		}
	}
	return true
}

// trimDrawl undoes a greeting typed with its last letter drawn out, the
// way chat stretches it ("hiii", "heyyy", "hellooo", "ummm"): a run of
// the same final letter shrinks to one. Only greetings are read through
// it, so a word whose double letter is its own ("hell", "too") is never
// asked about.
func trimDrawl(w []byte) []byte {
	n := len(w)
	for n > 2 && w[n-1] == w[n-2] && w[n-1] >= 'a' && w[n-1] <= 'z' {
		n--
	}
	return w[:n]
}

// possessiveIts reports "its" written as the possessive ("lost its
// strength", "its side effects"): only at the start of a clause ("hi its
// tendai", "ok its me again") does it stand for "it's".
func (sc *scanner) possessiveIts(m mark) bool {
	return m.te == m.ts+1 && sc.is(m.ts, "its") && !sc.clauseStart(m.ts)
}

// bytesHasPossessive reports a word ending in "'s" ("son's").
func bytesHasPossessive(w []byte) bool {
	return len(w) > 2 && w[len(w)-2] == '\'' && w[len(w)-1] == 's'
}

// capitalRun counts the capitalised words in a row around tokens [i, end]
// (those included).
func (sc *scanner) capitalRun(i, end int) int {
	T := sc.toks
	capWord := func(k int) bool { return k >= 0 && k < len(T) && T[k].kind == tkWord && sc.upper(k) }
	// A capitalised particle between a given and a family name ("Pieter
	// Van Der Berg", "Maria De Los Santos", "Jean Le Roux") is part of one
	// name, not a word of a title: it continues the run without counting.
	particle := func(k int) bool { return T[k].flags&fParticle != 0 }
	run := end - i + 1
	for k := i; k <= end; k++ {
		if particle(k) && k > i && k < end {
			run--
		}
	}
	// A listed given or family name is a name's word, not a title's: "Ana
	// Paula Rocha Lima", "María José García López" are one person.
	for k := i; k <= end; k++ {
		if f := T[k].flags; f&(fFirst|fSurname) != 0 && f&(fNameWord|fStop) == 0 && k > i {
			run--
		}
	}
	for k := i - 1; capWord(k) && T[k+1].space; k-- {
		if !particle(k) {
			run++
		}
	}
	for k := end + 1; capWord(k) && T[k].space; k++ {
		if !particle(k) {
			run++
		}
	}
	return run
}

// notPerson reports name-shaped words [i, end] that the words around them
// make a place, an organisation or a thing: after a determiner (not "a",
// which in Spanish is "to": "llamen a Zoltan") or a
// saint ("the Holter", "Saint Brigid", "San Marcos"), before a noun that
// heads such a name ("Westbrook Imaging", "Kaiser Permanente Medical"),
// or inside a run of four or more capitalised words (a title).
func (sc *scanner) notPerson(i, end int) bool {
	if !sc.upper(i) && laughter(sc.word(i)) {
		return true // "jaja vale", "haha sure": a laugh opens the run
	}
	if !sc.upper(i) && sc.kind(i+1) == tkWord && !sc.upper(i+1) && (sc.is(i, "uma") || sc.is(i, "um")) {
		// "tem uma vaga?", "uma vacina": the Portuguese article before a
		// lower-case noun, though "Uma" is a given name.
		return true
	}
	if sc.tagalogLower(i) || sc.languageRun(i, end) {
		// "yung bill po ay…", "kayo ngayon": Tagalog function words;
		// "someone who speaks Tagalog", "Haitian Creole": a language.
		return true
	}
	if sc.namedPlace(i, end) {
		return true // "colegio Benito Juárez", "Chase bank", "pay with Mercado Pago"
	}
	p := i - 1
	if sc.kind(p) == tkWord && !sc.upper(p) && brandNoun(sc.word(p)) {
		return true // "banco Santander", "carte Vitale", "farmácia Pague Menos"
	}
	if end > i && sc.upper(end) && sc.flags(end)&fOrgNoun != 0 && sc.flags(end)&(fSurname|fFirst) == 0 {
		// "Union Station", "Westfield Mall": capitalised words that end in
		// a noun of a place no name list holds are that place ("Jisoo
		// Park", "Grace Hall" end in family names).
		return true
	}
	if sc.isP(p, '.') && (sc.is(p-1, "st") || sc.is(p-1, "mt") || sc.is(p-1, "ft")) {
		return true
	}
	switch string(sc.word(p)) {
	case "the", "an", "this", "that", "our", "your", "la", "el", "los", "las", "al",
		"saint", "santa", "sainte", "mount", "mt", "fort", "lake", "port", "st":
		return true
	}
	n := end + 1
	if sc.isP(n, '\'') || sc.isP(n, '-') {
		n++
	}
	// "Rosenthal Family Clinic": up to two more capitalised words may
	// stand between the name and the noun that heads it.
	for hop := 0; hop < 3 && sc.kind(n) == tkWord && sc.upper(n) == sc.upper(end); hop++ {
		if sc.flags(n)&(fOrgNoun|fStreetSuffix) != 0 {
			return true
		}
		if !sc.upper(n) {
			break
		}
		n++
	}
	if !sc.upper(i) || sc.allUpperText() {
		return false
	}
	// Particles inside a name ("María de la Cruz") are not title words:
	// count only the capitalised ones.
	run := sc.capitalRun(i, end)
	for k := i; k <= end; k++ {
		if sc.kind(k) != tkWord || !sc.upper(k) {
			run--
		}
	}
	return run >= 4
}

// languageRun reports name-shaped words [i, end] that are all names of
// languages.
func (sc *scanner) languageRun(i, end int) bool {
	for k := i; k <= end; k++ {
		if sc.kind(k) != tkWord || !languageWord(sc.txt(k)) {
			return false
		}
	}
	return end-i < 2
}

// brandNoun reports a lower-case Spanish, Portuguese or French noun of a
// business, a card or a plan: those languages put the brand after it
// ("banco Santander", "tarjeta Visa", "carte Vitale", "plano Amil",
// "farmácia Drogasil"), where a capitalised word is no person.
func brandNoun(w []byte) bool {
	switch string(w) {
	case "banco", "banque", "carte", "cartao", "tarjeta", "farmacia", "pharmacie", "drogaria", "supermercado",
		"supermarche", "loja", "tienda", "magasin", "plano", "mutuelle", "seguradora", "aseguradora",
		"hotel", "clinique", "laboratorio", "laboratoire", "metro", "estacion", "estacao", "gare":
		return true
	}
	return false
}

// laughter reports a typed laugh: a syllable said again ("jaja",
// "hahaha", "jejeje", "rsrs") or a run of k ("kkkk"). The population
// tables hold "Jaja" as a given name; typed lower case and repeated it is
// a laugh.
func laughter(w []byte) bool {
	if len(w) < 4 {
		return false
	}
	if w[0] == 'k' {
		for _, c := range w {
			if c != 'k' {
				return false
			}
		}
		return true
	}
	switch string(w[:2]) {
	case "ja", "ha", "je", "he", "ji", "hi", "rs", "ks":
	default:
		return false
	}
	for k := 2; k+1 < len(w); k += 2 {
		if w[k] != w[0] || w[k+1] != w[1] {
			return false
		}
	}
	return len(w)%2 == 0 || w[len(w)-1] == w[0]
}

// popPersonContext reports words around a lone lower-case name that only
// the population tables know which say it is a person: a verb that takes a
// person ("tell okafor", "ask for brennan"), a greeting ("hi mbeki"), a
// possessive ("okafor's form") or a verb people do ("okafor called").
func (sc *scanner) popPersonContext(i int) bool {
	if bytesHasPossessive(sc.txt(i)) {
		return true
	}
	p := i - 1
	if sc.is(p, "for") || sc.is(p, "to") || sc.is(p, "with") {
		p--
	}
	switch string(sc.word(p)) {
	case "tell", "ask", "call", "text", "thank", "thanks", "let", "dear", "hi", "hello", "hey", "hola",
		"attn", "cc", "per", "told", "asked", "called", "texted", "page", "paged", "see", "saw", "message", "email":
		return true
	}
	switch string(sc.word(i + 1)) {
	case "said", "says", "told", "called", "asked", "texted", "wants", "needs":
		return true
	case "will", "would", "can", "could", "should", "might", "must", "has", "had", "is", "was", "did", "does":
		// The subject of a clause: "tendai will be late", "wanjiru has
		// an appointment at 3".
		return sc.clauseStart(i)
	}
	return pastDeed(sc.word(i+1)) && sc.clauseStart(i) // "oluwaseun sent me to ask"
}

// pastDeed reports the past of what people do with things and places:
// "sent", "brought", "went". After a given name it is the verb, never
// the family name ("tendai brought the forms").
func pastDeed(w []byte) bool {
	switch string(w) {
	case "sent", "brought", "took", "came", "went", "left", "forgot", "got", "lost", "dropped", "picked":
		return true
	}
	return false
}

// verbObject reports a word that follows a verb rather than a name: an
// object pronoun, a determiner, a particle ("gave me", "took the", "went
// to", "picked up").
func verbObject(w []byte) bool {
	switch string(w) {
	case "me", "him", "her", "us", "them", "it", "a", "an", "the", "my", "his", "our", "your", "their", "to", "up",
		"out", "back", "that", "this", "some", "home", "over", "off", "down", "away", "all", "me,", "lo", "la", "le", "me.":
		return true
	}
	return false
}

// popFullName reports a lower-case given name of the population tables
// with a family name no dictionary lists after it, the pair ending the
// clause or meeting a date of birth or a number: "kwabena oyelaran dob
// 3/4/81", "ngozi adebayo-smith, 555…". Two such words together are a
// person's full name, as one alone is not.
func (sc *scanner) popFullName(i int) bool {
	if sc.toks[i].flags&fFirst == 0 {
		return false
	}
	k := i + 1
	if k >= len(sc.toks) || !sc.toks[k].space || sc.upper(k) || !sc.nameWord(k) || sc.toks[k].flags&(fFirst|fSurname) != 0 ||
		sc.toks[k].e-sc.toks[k].s < 3 || dictionaryWord(sc.word(k)) && !sc.familyWordAfter(i) {
		return false
	}
	return sc.nameBoundary(k+1) || sc.kind(k+1) == tkNum || sc.flags(k+1)&(fDateCue|fZipCue) != 0
}

// popGivenBefore reports a lower-case family name of the population
// tables that no dictionary lists, standing behind a given name written
// the same way at the head of a clause or after a verb or preposition
// that takes a person ("check", "see", "for"), the pair then ending or meeting
// the verb: "magdalena nowak asking about her smear", "blessing okoro
// appointment", "rodelio macaraeg needs". The given name may be a word
// ("blessing") or in no list; a family name no dictionary holds says the
// pair is a person's full name, as popFullName does the other way round.
// A verb of telling or seeing, a greeting, a kinship or place word before
// it ("ask okafor", "hi okoro") is no given name.
func (sc *scanner) popGivenBefore(i int) bool {
	T := sc.toks
	p := i - 1
	if p < 0 || T[i].flags&fSurname == 0 || !T[i].space || T[i].e-T[i].s < 4 || dictionaryWord(sc.word(i)) {
		return false
	}
	if T[p].kind != tkWord || T[p].claimed || T[p].e-T[p].s < 3 || sc.upper(p) != sc.upper(i) || !sc.nameWord(p) ||
		T[p].flags&(fOrgNoun|fLabelNoun|fBodyPart|fMonth|fWeekday|fState|fDistrict|fStreetWord|fCityVerb) != 0 || T[p].ent.cue != cueNone ||
		!sc.clauseStart(p) && wordRoles(sc.word(p-1))&rObject == 0 { // "pls check rodelio macaraeg lab"
		return false
	}
	if w := sc.word(p); wordRoles(w) != 0 || greetingWord(w) || relationWord(w) || contactWord(w) {
		return false
	}
	n := i + 1
	if w := sc.word(n); sc.nameEnds(n) || personVerb(w) || sc.finiteVerb(n) {
		return true
	} else {
		return len(w) > 5 && string(w[len(w)-3:]) == "ing" // "… asking about", "… calling"
	}
}

// resultCue reports a name cue that is a result word alone ("results",
// "test results"): the words after it say what the result was as often
// as whose it is ("results look fine", "results normal").
func (sc *scanner) resultCue(m mark) bool {
	switch string(sc.word(m.te - 1)) {
	case "results", "result":
		return true
	}
	return false
}

// articleCue reports a Portuguese cue that ends on "da" or "do" ("exame
// do", "pai da"): no dictionary of the language is held, so after it only
// a listed or capitalised name is read ("o resultado do exame saiu?"
// stays).
func (sc *scanner) articleCue(m mark) bool {
	switch string(sc.word(m.te - 1)) {
	case "da", "do":
		return true
	}
	return false
}

// bareNameCue reports the label "name" typed alone, with no colon or
// "is" ("name rosa mamani dob …").
func (sc *scanner) bareNameCue(m mark) bool {
	return m.te == m.ts+1 && sc.is(m.ts, "name")
}

// callingWord reports the participle a writer puts after their own name
// to say why they write: "hi its wideline calling about my son", "this
// is rodelio macaraeg writing for my mom".
func callingWord(w []byte) bool {
	switch string(w) {
	case "calling", "writing", "texting", "messaging", "reaching", "following", "checking", "contacting",
		"llamando", "escribiendo", "ligando", "escrevendo":
		return true
	}
	return false
}

// finiteVerb reports a verb already carrying person and tense ("is",
// "needs", "can't", "tiene"): no modal or auxiliary can stand before it,
// so a modal-looking word before it is a name.
func (sc *scanner) finiteVerb(i int) bool {
	return uint(i) < uint(len(sc.toks)) && sc.toks[i].trig&trigFiniteVerb != 0
}

// finiteVerbWords are the verbs finiteVerb knows (trigFiniteVerb), and
// the modals "will" and "would" (trigFiniteVerb too, for
// shortNamesOpening, which finiteVerb's callers never see before them).
var finiteVerbWords = []string{"is", "was", "has", "had", "needs", "wants", "gets", "got", "takes", "took", "called", "calls",
	"came", "comes", "can't", "cannot", "can", "could", "couldn't", "won't", "doesn't", "didn't", "isn't", "wasn't", "hasn't",
	"does", "did", "missed", "said", "says", "asked", "feels", "felt", "goes", "went", "keeps", "started", "fell", "woke",
	"esta", "estaba", "tiene", "tenia", "necesita", "quiere", "puede", "viene", "vino", "llamo", "fue",
	// As chat types them, with no apostrophe.
	"cant", "couldnt", "wont", "doesnt", "didnt", "isnt", "wasnt", "hasnt"}

// haberAux reports a form of the Spanish auxiliary "haber" ("ha", "he",
// "han", "hemos", "había"): after a kinship word it opens the verb of
// the sentence ("mi hija ha tenido fiebre", "my husband ha estado
// enfermo"), never a name, though "Ha" and "Han" are family names
// elsewhere.
func haberAux(w []byte) bool {
	switch string(w) {
	case "ha", "he", "han", "has", "hemos", "habia", "habian", "habiamos", "hubo", "haya", "hayan":
		return true
	}
	return false
}

// haberParticiple reports the cue "llamado"/"llamada" used as the verb
// after a form of "haber": "ha llamado dos veces" says she called, not
// what she is called.
func (sc *scanner) haberParticiple(m mark) bool {
	return (sc.is(m.ts, "llamado") || sc.is(m.ts, "llamada")) && haberAux(sc.word(m.ts-1))
}

// greetingWord reports a greeting or an answer that may open a message
// before the writer names themself: "hi, Xiomara here", "ok Tendai here".
func greetingWord(w []byte) bool {
	switch string(w) {
	case "hi", "hello", "hey", "hola", "ok", "okay", "yes", "si", "thanks", "thank", "you", "gracias", "morning",
		"afternoon", "evening", "dias", "tardes", "noches", "good", "dear", "welcome":
		return true
	}
	return false
}

// contactWord reports a word that says which of a person's numbers or
// addresses follows: "my daughter cell (555) …", "my son in law mobile
// 555…". After a kinship word it names the line, not the person.
func contactWord(w []byte) bool {
	switch string(w) {
	case "cell", "cellphone", "mobile", "phone", "number", "num", "landline", "whatsapp", "wa", "email", "e-mail", "mail",
		"celular", "cel", "telefono", "numero", "correo", "tel", "ph", "fax", "pager", "contact", "info", "viber", "wechat", "imo", "movil", "contacto":
		return true
	}
	return false
}

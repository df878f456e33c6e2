package policy

import (
	"bytes"
	"strings"
	"sync"
)

// Names by position. The list and cue rules (phi_names.go) find a name
// when a list knows it or a capital marks it. A patient who types in lower
// case a name no list holds ("thanks zorvath", "tell ifeoma keplinski her
// forms are ready") leaves neither. What is left is the place the words
// stand in: the object of a verb of telling or asking, the owner of an
// appointment or of results, the words after a kinship word or a form
// label, a sign-off at the end of the message, a self-introduction. In
// those places a word that no dictionary lists (phi_names_words.go), a
// listed name, a capitalised unknown word or a word in another script is
// read as a name; an ordinary word ("thanks again", "tell everyone", "my
// mom is diabetic") is not.

// positionalNames runs after the list, cue and script rules, over the
// tokens they left unclaimed.
func (sc *scanner) positionalNames() {
	if sc.placeholder || len(sc.toks) == 0 {
		return
	}
	// lookup noted every token's role (noteRole): the rules with nothing
	// to read are skipped; most messages hold no verb of telling, no
	// possessive, no label.
	r := nameRoles{any: sc.roleAny}
	if r.any&rJoin != 0 {
		sc.joinedNames(&r)
	}
	if r.any&(rShort|rLetters) != 0 {
		sc.splitNames(&r)
	}
	sc.cuedUnknownNames()
	sc.bracketedNames()
	if r.any&(rAddress|rObject) != 0 {
		sc.addressedNames(&r)
	}
	if r.any&rAddress != 0 {
		sc.thatClauseNames(&r)
	}
	if r.any&rPossessive != 0 {
		sc.possessiveNames(&r)
	}
	if r.any&rColon != 0 {
		sc.fieldNames(&r)
	}
	if r.any&rComma != 0 {
		sc.lineLastFirst(&r)
	}
	if r.any&rCue != 0 {
		sc.impliedCues(&r)
	}
	lines := bytes.IndexByte(sc.n.b, '\n') >= 0
	if r.any&(rSign|rComma) != 0 || lines {
		sc.signOffName(&r, lines)
	}
	if r.any&rHigh != 0 {
		sc.scriptSubjects(&r)
		sc.scriptLabelNames(&r)
	}
	if r.any&rPersonVerb != 0 {
		sc.subjectNames(&r)
	}
	sc.ownerSubjects()
	sc.addresseeNames()
	if r.any&rComma != 0 {
		sc.appositionNames(&r)
	}
	if r.any&rNameWord != 0 {
		sc.wordNameSlots(&r)
	}
	sc.questionSubjects()
	sc.pickUpNames()
	sc.againIntros()
	if r.any&rJoin != 0 {
		sc.romanisedNames()
	}
	if r.any&rComma != 0 {
		sc.lastFirstStarts()
		sc.lastFirstBeforeDate()
	}
	sc.namesBeforeBirthDate()
	sc.extendNameSpans()
	if r.any&rAnd != 0 {
		sc.pairedPeople()
		sc.coordinatedNames()
	}
	if r.any&rPlan != 0 {
		sc.dropInsurers()
	}
}

// Token roles the position rules look for.
const (
	rJoin       uint16 = 1 << iota // '-', '.' or '_' between two words it touches
	rShort                         // a word of one or two letters
	rAddress                       // a verb of telling or asking
	rObject                        // a preposition or verb whose object may be a person
	rPossessive                    // a word ending in "'s"
	rColon                         // ':'
	rComma                         // ','
	rPersonVerb                    // a verb only people take, or "is"/"was"
	rHigh                          // a word that starts outside ASCII
	rSign                          // a word that closes a message before a signature, or a dash
	rLetters                       // the first of five or more single letters in a row
	rOne                           // a word of one letter
	rAnd                           // "and", "y", "&": names are joined by it
	rPlan                          // "accept", "take", "insurance", "network": health plans are spoken of
	rNameWord                      // a given name that is also a word or a month ("Will", "June")
	rCue                           // "me" ("it's me, …"), "of"/"de" ("mom of …"), "name's"
)

// nameRoles is the union of the message's token roles; each token's own
// roles are in token.role.
type nameRoles struct {
	any uint16
}

func (r *nameRoles) has(sc *scanner, i int, b uint16) bool {
	return uint(i) < uint(len(sc.toks)) && sc.toks[i].role&b != 0
}

// noteRole sets token i's roles during lookup's pass over the tokens,
// once its flags are final, and adds them to sc.roleAny. It runs on every
// token of every message, so roleOf's common case is written out here: an
// ASCII word of three letters or more.
func (sc *scanner) noteRole(i int) {
	t := &sc.toks[i]
	var b uint16
	if t.kind == tkWord && sc.n.ident && t.e-t.s >= 3 && t.flags&fNameWord == 0 {
		w := sc.n.b[t.s:t.e]
		n := len(w)
		if w[n-1] == 's' && w[n-2] == '\'' {
			b = rPossessive
		}
		// roleWords[string(w)], found by lookup's probe of the index:
		// every role word is a letter-bounded word of at most fifteen
		// letters, the words roleOf's filter lets through.
		b |= t.wordRole
	} else if t.kind != tkNum && t.kind != tkAlnum { // roleOf gives numbers and codes none
		b = sc.roleOf(i)
	}
	t.role = b
	sc.roleAny |= b
	// The fifth single letter in a row marks the first of them: a name
	// spelt out letter by letter.
	if b&rOne != 0 && i >= 4 {
		T := sc.toks
		if T[i-1].role&rOne != 0 && T[i-2].role&rOne != 0 && T[i-3].role&rOne != 0 && T[i-4].role&rOne != 0 &&
			(i == 4 || T[i-5].role&rOne == 0) {
			T[i-4].role |= rLetters
			sc.roleAny |= rLetters
		}
	}
}

// roleOf gives token i's roles. It runs on every token of every message:
// the common case, an ASCII word of three letters or more that no role
// word resembles, is settled by one bit of roleFilter.
func (sc *scanner) roleOf(i int) uint16 {
	t := &sc.toks[i]
	if t.kind != tkWord {
		if t.kind == tkPunct {
			return sc.punctRole(i)
		}
		return 0
	}
	var b uint16
	if t.flags&fNameWord != 0 {
		b = rNameWord
	}
	n := int(t.e - t.s)
	if n <= 2 {
		return b | sc.shortRole(i)
	}
	w := sc.n.b[t.s:t.e]
	if !sc.n.ident {
		// Not pure ASCII: drop "¿" and look for letters outside ASCII.
		if w = bareWord(w); len(w) < 3 {
			return b
		}
		for _, c := range w {
			if c >= 0x80 {
				// Another script, or Latin letters folded from lookalikes
				// ("Ελένη" folds to "eλevη"): the script rules decide.
				return b | rHigh
			}
		}
		n = len(w)
	}
	if w[n-1] == 's' && w[n-2] == '\'' {
		b |= rPossessive
	}
	if n > 15 {
		return b
	}
	if n == int(t.e-t.s) {
		return b | t.wordRole // the whole word: lookup found its roles (noteRole)
	}
	if a, z := w[0]-'a', w[n-1]-'a'; a < 26 && z < 26 && roleFilter[int(a)*26+int(z)]&(1<<n) != 0 {
		b |= roleWords[string(w)]
	}
	return b
}

// punctRole gives punctuation token i's roles.
func (sc *scanner) punctRole(i int) uint16 {
	switch sc.n.b[sc.toks[i].s] {
	case '-', '.', '_':
		if sc.attached(i) && sc.attached(i+1) {
			return rJoin
		}
		if sc.n.b[sc.toks[i].s] == '-' {
			return rSign // "… see you then - zorvath"
		}
	case '~':
		return rSign
	case '&':
		return rAnd
	case ':':
		return rColon
	case ',':
		return rComma
	}
	return 0
}

// shortRole gives the roles of word token i of one or two letters.
func (sc *scanner) shortRole(i int) uint16 {
	t := &sc.toks[i]
	var b uint16
	if t.e-t.s == 1 {
		b = rOne
	}
	if !sc.n.ident && (sc.n.b[t.s] >= 0x80 || sc.n.b[t.e-1] >= 0x80) {
		b |= rHigh
	}
	switch string(sc.n.b[t.s:t.e]) {
	case "me", "of", "de":
		b |= rCue
	case "is":
		return b | rPersonVerb
	case "cc":
		return b | rShort | rAddress
	case "ty":
		return b | rShort | rSign
	case "y", "et":
		return b | rAnd
	case "e":
		if !sc.upper(i) {
			return b | rAnd // Portuguese "and"; a capital "E" is an initial
		}
	}
	if t.flags&(fStop|fNotName|fTitleCaseOnly|fState) != 0 {
		// A function word is a split name's piece only after a word
		// of three letters or more ("Thomps on"): "need to" and
		// "come in" need no look-up.
		if p := i - 1; p < 0 || sc.toks[p].kind != tkWord || sc.toks[p].e-sc.toks[p].s < 3 || sc.toks[p].flags&(fStop|fClin|fNotName) != 0 {
			return b
		}
	}
	return b | rShort
}

// roleWords maps the words the position rules look for to their roles:
// the words addressVerb, objectVerb, personVerb and signOffWord report
// one by one (TestWordRolesAgree), and those that put a health plan or a
// coordination in the message.
var roleWords = func() map[string]uint16 {
	m := map[string]uint16{}
	for _, g := range []struct {
		role  uint16
		words string
	}{
		{rAddress, "tell ask remind let call text email message notify inform page told reminded emailed messaged thanked paged informed notified dile digale diganle avisale avisele avisenle preguntale preguntele llamen llame"},
		{rAddress | rPersonVerb, "texted asked"},
		{rAddress | rSign, "thank"},
		{rObject, "see seeing saw seen move book schedule reschedule bring squeeze fit add check pick drop meet visit help treat examine vaccinate for about with para from"},
		{rObject | rPlan, "take"},
		{rAnd, "and"},
		{rCue | rPossessive, "name's"},
		{rPlan, "accept accepts accepting aceptan acepta reciben recibe takes taking toman accepted aceptado aceptada insurance insurer insurances coverage cover covers covered claim claims payer network copay co-pay deductible premium plan plans hmo ppo epo medicaid medicare seguro aseguranza cobertura cubre insured asegurado asegurada"},
		{rPersonVerb, "needs wants missed called calls said says feels felt woke fell can't cant cannot couldn't won't didn't doesn't hasn't needed wanted necesita quiere llamo falto siente puede vomited fainted collapsed coughed cried refused refuses complained complains swallowed picks stays drives pays brings drops comes lives sleeps eats walks cries coughs vomits wakes speaks understands knows thinks works was couldnt didnt doesnt hasnt wont shouldnt wouldnt"},
		{rSign, "thanks thx thnx thnks tks cheers regards best love sincerely respectfully cordially warmly xoxo gracias saludos atte att atentamente cordialmente bendiciones abrazos besos salamat obrigado obrigada merci shukran tnx tq"},
	} {
		for _, w := range strings.Fields(g.words) {
			m[w] |= g.role
		}
	}
	return m
}()

// roleFilter has, for each first and last letter, a bit per word length
// that some role word has: most words are ruled out without a map
// look-up ("the", "appointment").
var roleFilter = func() (f [26 * 26]uint16) {
	for w := range roleWords {
		if k, ok := roleKey(w); ok {
			f[k] |= 1 << len(w)
		}
	}
	return f
}()

func roleKey[T string | []byte](w T) (int, bool) {
	if len(w) < 2 || len(w) > 15 {
		return 0, false
	}
	a, z := w[0]-'a', w[len(w)-1]-'a'
	if a >= 26 || z >= 26 {
		return 0, false
	}
	return int(a)*26 + int(z), true
}

// bareWord drops the Spanish opening marks the tokenizer leaves on a
// word: "¿aceptan" reads as "aceptan".
func bareWord(w []byte) []byte {
	for len(w) >= 2 && w[0] == 0xc2 && (w[1] == 0xbf || w[1] == 0xa1) {
		w = w[2:]
	}
	return w
}

// wordRoles gives a word's roles in one look-up.
func wordRoles(w []byte) uint16 {
	k, ok := roleKey(w)
	if !ok || roleFilter[k]&(1<<len(w)) == 0 {
		return 0
	}
	return roleWords[string(w)]
}

// nameEvidence reports that word k, standing in a name position, reads as
// a name: a word in another script inside a Latin-script message, a
// listed name (a name that is also a word, "hope", "june", only when
// wordOK or capitalised), a capitalised word no dictionary lists, or a
// lower-case word no dictionary lists.
func (sc *scanner) nameEvidence(k int, wordOK bool) bool {
	T := sc.toks
	if k < 0 || k >= len(T) || T[k].claimed || T[k].kind != tkWord || T[k].inClin {
		return false
	}
	if sc.isP(k+1, '-') && k+2 < len(T) && !T[k+2].claimed && sc.romanisedPair(k) {
		return true // "seo-yeon", "min-jun" (phi_names_compound.go)
	}
	if f := T[k].flags; f&(fStop|fNotName) != 0 && f&(fNameWord|fMonth) == 0 {
		return false // "me", "back", "tomorrow": the checks below say no, slower
	}
	if !sc.n.ident && sc.otherScriptWord(k) {
		return sc.latinDominant() == 1
	}
	capital := sc.upper(k) && !sc.allUpperText()
	if T[k].flags&fMonth != 0 {
		// "June", "April": a month even with its capital ("Re: June
		// appointment", "slots for May"), unless the position is a
		// strong one ("tell april that…"); never before a day number.
		return wordOK && sc.wordName(k)
	}
	if T[k].flags&fNameWord != 0 && T[k].flags&fClin == 0 {
		// "will", "hope", "summer": a name where the position is a
		// strong one or a capital says so.
		return (wordOK || capital || sc.listedPair(k) || sc.listedPair(k-1)) && sc.wordName(k)
	}
	if sc.isLex(k) || apostropheName(sc.txt(k)) {
		return true
	}
	if !sc.nameWord(k) || T[k].e-T[k].s < 3 {
		return false
	}
	return !dictionaryWord(sc.word(k))
}

// listedPair reports a listed given name at k and a listed family name
// after it, in the same case: "grace baker", "rosa flores", "luz rivera".
// Each alone is also a word ("grace", "flores"); the two together are a
// person's name wherever a position puts one.
func (sc *scanner) listedPair(k int) bool {
	T := sc.toks
	n := k + 1
	if k < 0 || n >= len(T) || T[k].kind != tkWord || T[n].kind != tkWord || !T[n].space || T[n].claimed || T[n].inClin || T[k].inClin {
		return false
	}
	const not = fStop | fNotName | fMonth | fWeekday | fClin
	return T[k].flags&fFirst != 0 && T[n].flags&fSurname != 0 && (T[k].flags|T[n].flags)&not == 0 && sc.upper(n) == sc.upper(k)
}

// apostropheName reports the shape of an Irish, Italian or French family
// or given name: "o'neil", "d'angelo", "d'souza".
func apostropheName(w []byte) bool {
	if bytesHasPossessive(w) {
		w = w[:len(w)-2]
	}
	return len(w) >= 5 && w[1] == '\'' && (w[0] == 'o' || w[0] == 'd') && !bytesIndexAny(w[2:], "'") && string(w) != "o'clock"
}

// initialAt reports a single-letter initial at k ("j", "J.") and the last
// token it takes (its dot when attached).
func (sc *scanner) initialAt(k int) (int, bool) {
	T := sc.toks
	if sc.kind(k) != tkWord || T[k].e-T[k].s != 1 || !T[k].space || T[k].claimed || sc.otherScriptWord(k) {
		return 0, false
	}
	if sc.isP(k+1, '.') && sc.attached(k+1) {
		return k + 1, true
	}
	return k, true
}

// nameRun grows a name from token j, which has evidence, over the words
// of the same name: more words with evidence in the same case, initials
// between or at the end ("zorvath k"), particles ("de los", "bin", "al-"),
// hyphenated parts. It returns the last token.
func (sc *scanner) nameRun(j int) int { return sc.nameRunCase(j, j) }

// nameRunCase is nameRun where the words that follow must share token
// ref's case: for a joined name ("Sus-an Taylor") the first piece's.
func (sc *scanner) nameRunCase(j, ref int) int {
	T := sc.toks
	end := j
	same := func(k int) bool { return sc.upper(k) == sc.upper(ref) }
	for n := 0; n < 4; n++ {
		k := end + 1
		if k >= len(T) {
			break
		}
		if sc.isP(k, '-') && sc.attached(k) && sc.attached(k+1) && sc.kind(k+1) == tkWord && !T[k+1].claimed && (sc.canBeName(k+1) || sc.romanisedPair(end)) {
			end = k + 1
			continue
		}
		if !T[k].space {
			break
		}
		if sc.romanisedFamily(k) {
			end = k // "seo-yeon park"
			continue
		}
		if ie, ok := sc.initialAt(k); ok && (sc.upper(k) || ie > k || !sc.is(k, "i") && !sc.is(k, "a")) {
			if sc.nameEvidence(ie+1, false) && same(ie+1) && T[ie+1].space {
				end = ie + 1
				continue
			}
			if sc.nameBoundary(ie+1) && !sc.isP(ie+1, '\'') {
				end = ie
				break
			}
			break
		}
		if T[k].kind == tkWord && T[k].flags&fParticle != 0 && !T[k].claimed {
			p := k + 1
			if sc.kind(p) == tkWord && T[p].flags&fParticle != 0 && !T[p].claimed && T[p].space {
				p++
			} else if articleParticle(sc.word(k)) {
				break // "patel le llamará": "le", "la", "el" alone are no particles
			}
			if sc.isP(p, '-') && sc.attached(p) {
				p++ // "al-Maktoum"
			}
			if sc.nameEvidence(p, true) && same(p) {
				end = p
				continue
			}
			break
		}
		if sc.nameEvidence(k, false) && same(k) {
			end = k
			continue
		}
		if end == j && sc.familyWordAfter(j) {
			end = k // "can tendai moyo come in": the family name is also a word
		}
		break
	}
	return end
}

// familyWordAfter reports that the word after token g, a lower-case given
// name that is no word itself ("tendai", "ngozi"), is the person's family
// name though a dictionary lists it ("tendai moyo", "ngozi banda",
// "kwabena mesa"): a lower-case word of three letters or more that is no
// function word, role word or verb of the sentence, after which the name
// may end (the end, punctuation, a function word, a number or date of
// birth, or the verb a person's name comes before).
func (sc *scanner) familyWordAfter(g int) bool {
	T := sc.toks
	k := g + 1
	if g < 0 || k >= len(T) || T[g].kind != tkWord || T[g].flags&fFirst == 0 || T[g].flags&(fNameWord|fMonth|fStop|fNotName) != 0 || sc.upper(g) {
		return false
	}
	if T[k].kind != tkWord || T[k].claimed || !T[k].space || sc.upper(k) || T[k].e-T[k].s < 3 || T[k].inClin ||
		T[k].flags&(fStop|fNotName|fFirst|fSurname|fNameWord|fMonth|fWeekday|fClin) != 0 || !sc.nameWord(k) {
		return false
	}
	w := sc.word(k)
	if !dictionaryWord(w) || wordRoles(w) != 0 || sc.questionVerbAt(k) || personVerb(w) || sc.finiteVerb(k) || bytesHasPossessive(w) {
		return false
	}
	if pastDeed(w) || ownVerb(w) && (sc.is(k+1, "his") || sc.is(k+1, "her")) {
		return false // "kwabena cut his hand", "tendai brought the forms": the verb
	}
	n := k + 1
	switch string(sc.word(n)) {
	case "up", "out", "over", "off", "down", "away", "back", "around", "through", "me", "us", "it", "them", "him":
		return false // "can maria sleep over", "did ngozi call me": the word is a verb
	}
	return sc.nameEnds(n) || sc.flags(n)&fDOBCue != 0 || sc.questionVerbAt(n) || personVerb(sc.word(n)) || sc.finiteVerb(n)
}

// nameEnds reports what may follow a name found by position: the end of
// the message, punctuation, a function word, a pronoun ("tell zorvath his
// forms…"), a number or a date word.
func (sc *scanner) nameEnds(k int) bool {
	return sc.nameBoundary(k) || sc.flags(k)&(fPersonal|fDateCue) != 0 || sc.kind(k) == tkNum
}

// cuedUnknownNames reads the words after a name cue ("appointment for",
// "my son", "this is", "attn") when the cue rules left them: a lower-case
// word no dictionary lists is a name there ("results for zorvath",
// "my mom is zorvath keplinski", "im zorvath, …").
func (sc *scanner) cuedUnknownNames() {
	for _, m := range sc.marks {
		c := m.e.cue
		if c != cueNameStrong && c != cueNameWeak && c != cueRelation && c != cueIntro && c != cueTitle {
			continue
		}
		if c == cueRelation && (bytesHasPossessive(sc.txt(m.te-1)) || haberAux(sc.word(m.te))) || sc.possessiveIts(m) || sc.haberParticiple(m) {
			continue
		}
		if c == cueTitle {
			// "Oakmont Dr", "42 Kessler Dr. Westfield": "dr" after a
			// name or a number is a street's "Drive", not a title.
			if p := m.ts - 1; sc.kind(p) == tkNum || sc.kind(p) == tkWord && (sc.upper(p) || sc.isLex(p)) {
				continue
			}
		}
		if sc.is(m.ts, "called") || sc.is(m.ts, "named") {
			// "an app called zocdoc" names a thing; "a patient named",
			// "my son called" a person.
			if p := sc.word(m.ts - 1); !relationWord(p) && sc.flags(m.ts-1)&fPersonal == 0 && !personNoun(p) {
				continue
			}
		}
		j := m.te
		for f := 0; f < 2 && c != cueTitle; f++ {
			if sc.isP(j, ':') || sc.isP(j, ',') || sc.isP(j, '-') || sc.is(j, "is") || sc.is(j, "was") || sc.is(j, "es") || sc.is(j, "named") || sc.is(j, "called") {
				j++
			}
		}
		if !sc.nameEvidence(j, c == cueNameStrong || c == cueTitle) {
			continue
		}
		if c == cueRelation && !sc.upper(j) && sc.flags(j)&fFirst == 0 && sc.romanceKin(m.te) {
			continue // "minha avó completou 98 anos": a verb no dictionary here holds
		}
		if c == cueRelation && (sc.frenchPossessive(m.ts) || sc.kinVerbPreposition(j)) {
			continue // "depuis son licenciement", "mi madre empieza en"
		}
		if c == cueNameWeak && sc.articleCue(m) && !sc.upper(j) && !sc.isLex(j) {
			continue // "o resultado do exame saiu?": a Portuguese word no dictionary here holds
		}
		if c == cueTitle && !sc.upper(j) && dictionaryWord(sc.word(j)) {
			// "the nurse will call you", "the doctor may see you now": a
			// role, then the sentence's verb; a name after a title is
			// written with its capital ("nurse Will called").
			continue
		}
		if sc.otherScriptWord(j) && c == cueIntro {
			continue // "thanks 谢谢", "regards, с уважением"
		}
		end := sc.nameRun(j)
		if !sc.nameEnds(end+1) && !bytesHasPossessive(sc.word(end)) {
			continue
		}
		if c == cueRelation && end == j && sc.numberLabel(j) {
			continue // "call my wife work (555) …"
		}
		if sc.notPerson(j, end) || sc.flags(end+1)&(fStreetSuffix|fOrgNoun|fUnitDesignator) != 0 {
			continue // "it's Parkview Ave", "this is Bellhaven Imaging"
		}
		if end == j && !sc.isLex(j) && !sc.upper(j) && !sc.otherScriptWord(j) {
			// One lower-case word no list holds: after "forms for" or
			// "pt" it is as often an acronym typed small ("fmla") as a
			// name; after "this is" or "i'm" it must end the clause.
			if c == cueNameWeak && !sc.personOnlyCue(m, j) || c == cueIntro && end+1 < len(sc.toks) && sc.kind(end+1) != tkPunct {
				continue
			}
		}
		sc.addName(j, end, 0.7)
	}
}

// personOnlyCue reports a weak cue whose object is a person far more often
// than a thing ("results for", "pt", "attn", "resultados de"), followed by a single lower-case word j no list or dictionary holds
// that is shaped like a spoken name, not an abbreviation typed small: four
// letters or more with two vowels or more ("results for wideline", "pt
// mbali"; "forms for fmla", "labs for cmp" stay). A refill, a form or an
// appointment is for a thing as often as for a person ("appointment for
// telehealth"), and those cues stay out.
func (sc *scanner) personOnlyCue(m mark, j int) bool {
	switch string(sc.word(m.te - 1)) {
	case "for":
		switch string(sc.word(m.te - 2)) {
		case "results", "result", "records", "labs":
		default:
			return false
		}
	case "pt", "patient", "attn", "paciente", "de", "para":
		if sc.is(m.te-1, "de") && !sc.is(m.te-2, "resultados") || sc.is(m.te-1, "para") && !sc.is(m.te-2, "cita") && !sc.is(m.te-2, "resultados") {
			return false
		}
	default:
		return false
	}
	w := sc.word(j)
	vowels := 0
	for _, c := range w {
		if c >= 0x80 {
			return false
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			vowels++
		}
	}
	return len(w) >= 4 && vowels >= 2 && sc.nameEnds(j+1)
}

// plainWordsOnly reports that tokens i..j are all lower-case words of the
// dictionary that no name list holds.
func (sc *scanner) plainWordsOnly(i, j int) bool {
	for k := i; k <= j; k++ {
		if sc.kind(k) != tkWord || sc.upper(k) || sc.flags(k)&(fFirst|fSurname|fNameWord|fPopName) != 0 || !dictionaryWord(sc.word(k)) {
			return false
		}
	}
	return true
}

// personNoun reports a noun for a person that "named" or "called" may
// follow: "a patient named …", "a lady called …".
func personNoun(w []byte) bool {
	switch string(w) {
	case "patient", "person", "someone", "somebody", "man", "woman", "lady", "guy", "girl", "boy", "gentleman",
		"nurse", "doctor", "caller", "kid", "child", "baby", "student", "resident", "client", "friend":
		return true
	}
	return false
}

// addressVerb reports a verb whose object is a person: "tell", "ask",
// "remind", "let … know", "avísale a".
func addressVerb(w []byte) bool {
	switch string(w) {
	case "tell", "ask", "remind", "let", "call", "text", "email", "message", "thank", "notify", "inform", "page", "cc",
		"told", "asked", "reminded", "texted", "emailed", "messaged", "thanked", "paged", "informed", "notified",
		"dile", "digale", "diganle", "avisale", "avisele", "avisenle", "preguntale", "preguntele", "llamen", "llame":
		return true
	}
	return false
}

// objectVerb reports a verb of the front desk whose object is a patient:
// "see", "move", "book", "bring". Only a capitalised listed name counts
// after it ("move Hope to 3pm"); "book summer camp forms" stays.
func objectVerb(w []byte) bool {
	switch string(w) {
	case "see", "seeing", "saw", "seen", "move", "book", "schedule", "reschedule", "bring", "squeeze", "fit", "add",
		"check", "pick", "drop", "take", "meet", "visit", "help", "treat", "examine", "vaccinate":
		return true
	}
	return false
}

// seasonWord reports a season, a time of year like a month.
func seasonWord(w []byte) bool {
	switch string(w) {
	case "summer", "autumn", "winter", "spring", "fall", "verano", "otono", "invierno", "primavera":
		return true
	}
	return false
}

// addressedNames finds the person a verb of telling or asking is about
// ("please tell zorvath keplinski his forms are ready", "can you ask april
// to call me", "dile a itzel que…"), and the two-word name after "for",
// "from" or "with" that no dictionary knows ("an update for zorvath
// keplinski").
func (sc *scanner) addressedNames(r *nameRoles) {
	T := sc.toks
	for i := 0; i+1 < len(T); i++ {
		if !r.has(sc, i, rAddress|rObject) {
			continue
		}
		w := sc.word(i)
		j := i + 1
		if r.has(sc, i, rAddress) {
			if sc.is(j, "a") && w[len(w)-1] != 'k' {
				j++ // "dile a Itzel"
			}
			if !sc.nameEvidence(j, true) {
				continue
			}
			end := sc.nameRun(j)
			if !sc.nameEnds(end+1) && !sc.is(end+1, "know") && !sc.is(end+1, "que") && !sc.is(end+1, "back") {
				continue
			}
			sc.addName(j, end, 0.65)
			i = end
			continue
		}
		prep := string(w) == "for" || string(w) == "about" || string(w) == "with" || string(w) == "para" || string(w) == "from"
		if !prep && !objectVerb(w) {
			continue
		}
		// "can you move Hope to 3pm", "who is seeing Grace", "it's for
		// Will": a capitalised listed given name, even one that is also
		// a word, as the object. Months and seasons are times ("for
		// May", "for Summer").
		if sc.upper(j) && !sc.allUpperText() && !sc.clauseStart(j) && sc.isLex(j) && T[j].flags&fMonth == 0 && !seasonWord(sc.word(j)) && string(w) != "from" {
			end := sc.nameRun(j)
			if sc.nameEnds(end+1) && !sc.notPerson(j, end) {
				sc.addName(j, end, 0.6)
				i = end
				continue
			}
		}
		if !prep || string(w) == "about" {
			continue
		}
		single := sc.isLex(j) && T[j].flags&fNameWord == 0 || sc.otherScriptWord(j) && string(w) != "from"
		if !single && (sc.kind(j+1) != tkWord || !T[j+1].space || T[j+1].claimed) {
			continue // one word no list holds is no name here (below)
		}
		if !sc.nameEvidence(j, false) {
			continue
		}
		// Two words no dictionary holds after "for", "from", "with": "an
		// update for zorvath keplinski".
		end := sc.nameRun(j)
		if end == j && !(sc.isLex(j) && T[j].flags&fNameWord == 0) && !(sc.otherScriptWord(j) && string(w) != "from") {
			// One word no list holds: "for telehealth", "patients from
			// Bellhaven", "from 東京" are things and places. A word in
			// another script after "for" or "with" is a person's name
			// as that person writes it ("a slot for 王秀英").
			continue
		}
		if !sc.nameEnds(end+1) || sc.notPerson(j, end) {
			continue
		}
		sc.addName(j, end, 0.6)
		i = end
	}
}

// possessiveNames finds the owner of an appointment, results or forms
// written with "'s": "zorvath's results came in?", "ifeoma keplinski's
// appointment". The owner takes no determiner ("the doctor's"), is no
// place or business ("at Wendy's", "Kaiser's pharmacy") and carries name
// evidence.
func (sc *scanner) possessiveNames(r *nameRoles) {
	T := sc.toks
	for k := 0; k < len(T); k++ {
		if !r.has(sc, k, rPossessive) || T[k].claimed || !bytesHasPossessive(sc.txt(k)) {
			continue
		}
		if T[k].ent.cue == cueRelation {
			continue // "my wifey's appointment": a family word owns it, not a name
		}
		// A capitalised owner of a family member is a person even where a
		// dictionary holds the word: "Dele's mom called", "Rocky's dad".
		kinOwned := sc.upper(k) && !sc.allUpperText() && sc.canBeName(k) &&
			(sc.toks[min(k+1, len(T)-1)].ent.cue == cueRelation || relationWord(sc.word(k+1)))
		if !sc.nameEvidence(k, false) && !kinOwned {
			continue
		}
		start := k
		for n := 0; n < 2; n++ {
			p := start - 1
			if ie, ok := sc.initialAt(p); ok && ie == p && sc.nameEvidence(p-1, false) {
				start = p - 1
				continue
			}
			if sc.isP(p, '.') && sc.attached(p) {
				if _, ok := sc.initialAt(p - 1); ok && sc.nameEvidence(p-2, false) {
					start = p - 2
					continue
				}
			}
			if T[start].space && sc.nameEvidence(p, false) && sc.upper(p) == sc.upper(k) {
				start = p
				continue
			}
			break
		}
		switch string(sc.word(start - 1)) {
		case "at", "to", "from", "near", "into", "inside", "behind", "across", "past", "a", "an",
			"the", "this", "that", "our", "your", "la", "el", "los", "las", "al", "saint", "santa", "st", "mount", "mt", "fort", "lake", "port":
			continue
		}
		if sc.isP(start-1, '.') && (sc.is(start-2, "st") || sc.is(start-2, "mt") || sc.is(start-2, "ft")) {
			continue // "St. Mary's"
		}
		// A person's possessive owns something ("zorvath's results");
		// one that owns nothing named is a shop ("past Wendy's and …").
		if nk := sc.kind(k + 1); nk != tkNum && (nk != tkWord || linkWord(sc.word(k+1))) {
			continue
		}
		// "Kaiser's pharmacy", "St. Mary's Hospital" name a place; "zorvath's
		// school note" is hers.
		if sc.flags(k+1)&fStreetSuffix != 0 ||
			sc.flags(k+1)&fOrgNoun != 0 && (sc.upper(k+1) || k+2 >= len(T) || sc.kind(k+2) == tkPunct) {
			continue
		}
		sc.addName(start, k, 0.6)
	}
}

// linkWord reports a conjunction or preposition: what follows a shop's
// name ("past Wendy's and", "at Denny's on Main"), never a thing owned.
func linkWord(w []byte) bool {
	switch string(w) {
	case "and", "or", "but", "on", "in", "at", "to", "for", "from", "near", "by", "with", "then", "y", "o", "en", "is", "was":
		return true
	}
	return false
}

// fieldLabel reports a form label that a person's name follows:
// "guardian:", "parent:", "re:", "to:", "paciente:".
func fieldLabel(w []byte) bool {
	switch string(w) {
	case "guardian", "parent", "caregiver", "child", "dependent", "spouse", "contact", "insured", "policyholder",
		"resident", "client", "re", "to", "cc", "attn", "attention", "pt", "patient", "requester", "requestor",
		"recipient", "sender", "emergency", "tutor", "madre", "padre", "paciente", "asegurado", "asegurada",
		"titular", "beneficiario", "beneficiaria", "responsable", "para", "de", "from", "nombre", "name":
		return true
	}
	return false
}

// fieldNames reads the value of a form-like line, "guardian: kowalczyk",
// "Re: Oyelaran appointment", in any case.
func (sc *scanner) fieldNames(r *nameRoles) {
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if !r.has(sc, i+1, rColon) || T[i].kind != tkWord || !fieldLabel(sc.word(i)) {
			continue
		}
		j := i + 2
		if !sc.nameEvidence(j, false) {
			continue
		}
		end := sc.nameRun(j)
		if sc.isP(end+1, ',') && sc.attached(end+1) && sc.nameEvidence(end+2, true) && sc.upper(end+2) == sc.upper(j) {
			end = sc.nameRun(end + 2) // "guardian: kowalczyk, anna"
		}
		if !sc.nameEnds(end+1) && sc.flags(end+1)&fNotName == 0 {
			continue
		}
		sc.addName(j, end, 0.65)
		i = end
	}
}

// signOffWord reports a word that closes a message before the writer's
// name: "thanks", "regards", "atte".
func signOffWord(w []byte) bool {
	switch string(w) {
	case "thanks", "thank", "thx", "thnx", "thnks", "ty", "tks", "cheers", "regards", "best", "love", "sincerely",
		"respectfully", "cordially", "warmly", "xoxo", "gracias", "saludos", "atte", "att", "atentamente",
		"cordialmente", "bendiciones", "abrazos", "besos",
		// Thanks in the other languages families write in: "salamat po,
		// jennelyn", "merci, oumou", "shukran, yousef".
		"salamat", "obrigado", "obrigada", "merci", "shukran", "tnx", "tq":
		return true
	}
	return false
}

// thanksOfUnheldLanguage reports a word of thanks of a language whose
// dictionary is not held: Tagalog, Portuguese, French, Arabic.
func thanksOfUnheldLanguage(w []byte) bool {
	switch string(w) {
	case "salamat", "obrigado", "obrigada", "merci", "shukran":
		return true
	}
	return false
}

// signOffName finds the writer's name that ends the message: after a word
// of thanks or greeting ("thanks - zorvath", "gracias, itzel mamani"),
// after a dash ("… see you then - zorvath k"), or alone on the last line.
func (sc *scanner) signOffName(r *nameRoles, lines bool) {
	T := sc.toks
	last := len(T) - 1
	for last >= 0 && T[last].kind == tkPunct {
		last--
	}
	if last < 0 {
		return
	}
	// The words after the signature's mark (a word of thanks, a dash
	// or comma, a line break), read backwards from the end: at most four,
	// a trailing initial and its dot among them.
	start := last + 1
	for k := last; k >= 0 && last-k < 4; k-- {
		if sc.isP(k, '.') && k == last && k > 0 || T[k].kind == tkWord && !T[k].claimed && !r.has(sc, k, rSign) {
			start = k
			if lines && sc.newlineBefore(k) {
				break
			}
			continue
		}
		break
	}
	// "thank you! kwabena oyelaran", "gracias. itzel": the thanks ends
	// its own sentence and the name follows.
	thanksAt := sc.thanksSentence(start - 1)
	bang := thanksAt >= 0
	if start > last || !(r.has(sc, start-1, rSign|rComma) || bang || lines && sc.newlineBefore(start)) {
		return // most messages: no signature mark before the last words
	}
	p := start - 1
	dash := sc.isP(p, '-') || sc.isP(p, '~')
	comma := sc.isP(p, ',')
	// After a comma or a dash, a capitalised word that closes the message
	// is signed there even when a dictionary holds it ("running late -
	// Rafe", "yes that time works, Berenice"); the message must not be in
	// capitals throughout, and days, titles, places and brands stay.
	capSigned := func(k int) bool {
		return (dash || comma) && sc.upper(k) && !sc.allUpperText() && sc.canBeName(k) &&
			T[k].flags&(fOrgNoun|fStreetSuffix|fState|fLabelNoun|fVisit|fQuestion|fPersonal) == 0 && T[k].ent.cue == cueNone
	}
	for k := start; k <= last; k++ {
		if _, ok := sc.initialAt(k); ok && k == last && k > start || sc.isP(k, '.') && k == last {
			continue // a trailing initial: "zorvath k"
		}
		// A word in another script after "thanks" is the thanks said
		// again ("thanks 谢谢"): the script rules take names after cues.
		if sc.otherScriptWord(k) {
			return
		}
		if !sc.nameEvidence(k, false) && !capSigned(k) {
			return
		}
	}
	lineStart := sc.newlineBefore(start)
	if dash || comma {
		p--
	}
	if bang {
		p = thanksAt
	}
	if bang && start == last && !sc.isLex(start) {
		return // "thanks! lol", "Thanks. Bye": one word no list holds
	}
	// One lower-case word no list holds, straight after "thanks" or on a
	// line of its own, is as often chat shorthand as a name: it needs the
	// comma or dash of a signature.
	if start == last && !dash && !comma && !sc.isLex(start) && !sc.upper(start) {
		return
	}
	if comma && p >= 0 && !signOffWord(sc.word(p)) {
		// "thank you so much, Faixtrex", "best regards, X": the word of
		// thanks a few words before the comma.
		for q := p - 1; q >= 0 && q >= p-3 && T[q].kind == tkWord; q-- {
			if signOffWord(sc.word(q)) {
				p = q
				break
			}
		}
	}
	if p >= 0 && thanksOfUnheldLanguage(sc.word(p)) {
		// After "salamat" or "merci" the words of that language are in no
		// dictionary: only a listed or capitalised name is the writer's
		// ("salamat po, Jennelyn"; "salamat, ingat" stays).
		for k := start; k <= last; k++ {
			if T[k].kind == tkWord && !sc.isLex(k) && !sc.upper(k) {
				return
			}
		}
	}
	switch {
	case p >= 0 && signOffWord(sc.word(p)):
	case p >= 1 && sc.is(p, "you") && sc.is(p-1, "thank"):
	case dash && (p < 0 || T[p+1].space):
	case lineStart:
	case comma && capSigned(start) && p >= 0 && T[p].kind == tkWord && !sc.upper(p):
		// "yes that time works, Berenice", "ok perfect, Amara x": a
		// capitalised name after the comma that closes the message. A
		// capitalised word before the comma makes a place of the pair
		// ("Paris, France", "in Lagos, Nigeria").
	default:
		return
	}
	end := last
	if T[end].kind == tkPunct {
		end--
	}
	for s := start; s <= end; s++ {
		if T[s].claimed {
			return
		}
	}
	sc.addName(start, end, 0.6)
}

// thanksSentence reports a sentence of thanks that ends at token k with
// "!" or "." (repeated or not): "thanks!", "thank you so much!!", "muchas
// gracias." The word of thanks stands within the sentence's last four
// words, "so much", "very much", "again" or "a lot" after it. It returns
// the token of the thanks word, or -1.
func (sc *scanner) thanksSentence(k int) int {
	if !sc.isP(k, '!') && !sc.isP(k, '.') {
		return -1
	}
	for k > 0 && (sc.isP(k-1, '!') || sc.isP(k-1, '.')) {
		k--
	}
	for q := k - 1; q >= 0 && q >= k-4 && sc.kind(q) == tkWord; q-- {
		switch string(sc.word(q)) {
		case "thanks", "thank", "thx", "thnx", "thnks", "ty", "tks", "gracias", "cheers":
			return q
		}
	}
	return -1
}

// lineEnds reports that token k and what follows it up to the end of the
// message or of its line are only punctuation (or that nothing follows).
func (sc *scanner) lineEnds(k int) bool {
	for ; k < len(sc.toks); k++ {
		if sc.newlineBefore(k) {
			return true
		}
		if sc.kind(k) != tkPunct {
			return false
		}
	}
	return true
}

// newlineBefore reports a line break between token k and the one before.
func (sc *scanner) newlineBefore(k int) bool {
	if k <= 0 {
		return false
	}
	for p := sc.toks[k-1].e; p < sc.toks[k].s; p++ {
		if sc.n.b[p] == '\n' {
			return true
		}
	}
	return false
}

// scriptSubjects finds a name in another script that opens a clause of a
// Latin-script message and is its subject: "Σοφία called about her
// appointment", "王秀英 needs a refill". The verb after it must carry
// person and tense; a greeting in another script is followed by a
// question or a request, not by such a verb.
func (sc *scanner) scriptSubjects(r *nameRoles) {
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if !r.has(sc, i, rHigh) || i > 0 && T[i-1].kind != tkPunct {
			continue
		}
		if !sc.otherScriptWord(i) {
			continue
		}
		end := i
		for end+1 < len(T) && sc.otherScriptWord(end+1) {
			end++
		}
		// Not "is", "will" or "can": "你好 is the clinic open?" asks.
		switch string(sc.word(end + 1)) {
		case "called", "calls", "needs", "has", "had", "wants", "missed", "said", "says", "came", "took", "got",
			"won't", "can't", "didn't", "doesn't", "isn't", "wasn't", "feels",
			"necesita", "tiene", "quiere", "llamo", "vino", "esta", "estaba", "fue":
		default:
			i = end
			continue
		}
		if sc.latinDominant() != 1 {
			return
		}
		sc.addName(i, end, 0.6)
		i = end
	}
}

// joinedNames finds a name split by a hyphen, dot or underscore so no
// list would match it ("Jo-hn", "mar.ia", "Ro_berto"): the pieces joined
// make a listed name that is not a dictionary word, and one piece is too
// short to be a word of its own.
func (sc *scanner) joinedNames(r *nameRoles) {
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if !r.has(sc, i+1, rJoin) || T[i].kind != tkWord || sc.kind(i+2) != tkWord || !sc.attached(i+1) || !sc.attached(i+2) {
			continue
		}
		if !(sc.isP(i+1, '-') || sc.isP(i+1, '.') || sc.isP(i+1, '_')) {
			continue
		}
		end := i + 2
		sc.key = append(append(sc.key[:0], sc.txt(i)...), sc.txt(end)...)
		short := T[i].e-T[i].s <= 2 || T[end].e-T[end].s <= 2
		for (sc.isP(end+1, '-') || sc.isP(end+1, '.')) && sc.attached(end+1) && sc.attached(end+2) && sc.kind(end+2) == tkWord {
			end += 2
			sc.key = append(sc.key, sc.txt(end)...)
			short = short || T[end].e-T[end].s <= 2
		}
		if !short || len(sc.key) < 3 {
			continue
		}
		if sc.anyClaimed(i, end) && !sc.nameCovers(i, end) {
			continue
		}
		e, ok := sc.lx.get(sc.key)
		named := ok && e.flags&(fFirst|fSurname) != 0 && e.flags&(fStop|fClin|fNotName|fMonth) == 0
		if !named && !ok {
			named = sc.lx.people.lookup(sc.key) != 0
		}
		if !named {
			continue
		}
		// The name goes on past the joined word: "Sus-an Taylor".
		i, end = sc.absorbNames(i, sc.nameRunCase(end, i))
		sc.addName(i, end, 0.6)
		i = end
	}
}

// articleParticle reports a particle that is also an article or a
// pronoun ("la", "le", "el", "los"): inside a name only after "de" or
// "van" ("de la Cruz", "van der Berg").
func articleParticle(w []byte) bool {
	switch string(w) {
	case "la", "las", "le", "el", "los", "san", "des", "du", "della", "ben":
		return true
	}
	return false
}

// absorbNames widens tokens [i, end] over every name span that overlaps
// them and drops those spans: "Joshua Ro" found by the lists and "Ro.binson"
// joined become one name, not two that resolve would keep one of.
func (sc *scanner) absorbNames(i, end int) (int, int) {
	s, e := sc.toks[i].s, sc.toks[end].e
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanName || x.e <= x.s || x.e <= s || x.s >= e {
			continue
		}
		if ts := sc.tokenStartingAt(x.s); ts >= 0 && ts < i {
			i = ts
		}
		if te := sc.tokenEndingAt(x.e); te > end {
			end = te
		}
		x.e = x.s
	}
	return i, end
}

// nameCovers reports that every claimed token in [i, end] lies under a
// name span: a longer name over the same words then wins in resolve.
func (sc *scanner) nameCovers(i, end int) bool {
	for k := i; k <= end; k++ {
		if !sc.toks[k].claimed {
			continue
		}
		in := false
		for _, x := range sc.cands {
			if x.t == SpanName && x.s <= sc.toks[k].s && x.e >= sc.toks[k].e {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// listedJoin reports that sc.key, pieces joined, is a listed given or
// family name (or one the population tables hold). Most joins are no
// name at all ("needto", "comein"): a bit per hash of the hand-listed
// names and the population table's own filter answer those from cache.
func (sc *scanner) listedJoin() bool {
	handNamesOnce.Do(func() { buildHandNames(sc.lx) })
	h := hashWord(sc.key)
	if handNames[h>>(64-handNameBits)/64]&(1<<(h>>(64-handNameBits)%64)) != 0 {
		if e, ok := sc.lx.get(sc.key); ok {
			return e.flags&(fFirst|fSurname) != 0 && e.flags&(fStop|fClin|fNotName|fMonth) == 0
		}
	}
	if sc.lx.people.lookupHash(h) == 0 {
		return false
	}
	// A word the lists know as something else is not a name.
	e, ok := sc.lx.get(sc.key)
	return !ok || e.flags&(fStop|fClin|fNotName|fMonth) == 0
}

const handNameBits = 15

var (
	handNamesOnce sync.Once
	handNames     [1 << handNameBits / 64]uint64
)

// buildHandNames sets a bit for each word of the hand name lists.
func buildHandNames(lx *lexicon) {
	for w, e := range lx.words {
		if e.flags&(fFirst|fSurname) != 0 {
			h := hashWord([]byte(w))
			handNames[h>>(64-handNameBits)/64] |= 1 << (h >> (64 - handNameBits) % 64)
		}
	}
}

// splitNames finds a name typed in pieces with spaces so no list would
// match it ("Jo hn Smi th"): two neighbouring pieces, one of them a
// fragment of one or two letters that is no word ("hn", "th"), that
// joined make a listed name. And a name spelled out letter by letter that
// no dictionary holds ("Z o r v a t h"), which only disguise explains.
func (sc *scanner) splitNames(r *nameRoles) {
	T := sc.toks
	frag := func(k int) bool {
		return sc.kind(k) == tkWord && T[k].e-T[k].s <= 2 && T[k].flags&(fStop|fNotName|fTitleCaseOnly|fState) == 0 && !r.has(sc, k, rHigh)
	}
	piece := func(k int) bool {
		return sc.kind(k) == tkWord && T[k].flags&(fStop|fClin|fNotName) == 0 && !r.has(sc, k, rHigh)
	}
	for i := 0; i+1 < len(T); i++ {
		if !r.has(sc, i, rShort) && !r.has(sc, i+1, rShort) || T[i].e-T[i].s == 1 && T[i+1].e-T[i+1].s == 1 {
			continue
		}
		if !T[i+1].space || T[i].kind != tkWord || T[i+1].kind != tkWord || len(sc.txt(i))+len(sc.txt(i+1)) < 4 {
			continue
		}
		if T[i].ent.cue == cueRelation && T[i+1].flags&fParticle != 0 {
			continue // "mãe da paciente": the kin word and "da", not "Maeda" typed apart
		}
		if T[i].e-T[i].s == 1 && bytesIndex("aeiouy", sc.txt(i)[0]) >= 0 {
			continue // "é Vasco", "a Lívia", "y Rosa": a Romance verb or article, not a name's first letters
		}
		// A fragment that is a function word ("Thomps on", "Jas on")
		// counts after a piece that is no word at all (checked last, it
		// costs a dictionary look-up); before one it is the article it
		// looks like ("el vin").
		strict := piece(i) && piece(i+1) && (frag(i) || frag(i+1))
		if !strict && !(T[i+1].e-T[i+1].s == 2 && T[i].e-T[i].s >= 3 && !r.has(sc, i+1, rHigh) && !r.has(sc, i, rHigh) &&
			T[i].flags&(fStop|fClin|fNotName) == 0) {
			continue
		}
		if !strict && !sc.nameWord(i) {
			continue
		}
		// The joined pieces must make a listed name.
		sc.key = append(append(sc.key[:0], sc.txt(i)...), sc.txt(i+1)...)
		if !sc.listedJoin() {
			continue
		}
		if (T[i].claimed || T[i+1].claimed) && !sc.nameCovers(i, i+1) {
			continue
		}
		if !strict && (dictionaryWord(sc.txt(i)) || dictionaryWord(sc.key)) {
			continue
		}
		if sc.tagalogLower(i) || sc.tagalogLower(i+1) || sc.namedPlace(i, i+1) {
			continue // "sa San Agustin": the Tagalog "at"; "estação da Luz": a place
		}
		s, e := sc.absorbNames(i, i+1)
		sc.addName(s, e, 0.6)
		i = e
	}
	// Letter by letter: five or more single letters, a word no
	// dictionary and no list holds.
	for i := 0; i < len(T) && r.any&rLetters != 0; i++ {
		if !r.has(sc, i, rLetters) || sc.kind(i) != tkWord || T[i].claimed || T[i].e-T[i].s != 1 || sc.otherScriptWord(i) {
			continue
		}
		j := i
		sc.key = append(sc.key[:0], sc.txt(i)...)
		for j+1 < len(T) && sc.kind(j+1) == tkWord && !T[j+1].claimed && T[j+1].e-T[j+1].s == 1 && T[j+1].space && !sc.newlineBefore(j+1) {
			j++
			sc.key = append(sc.key, sc.txt(j)...)
		}
		if j-i+1 >= 5 && !dictionaryWord(sc.key) && bytesIndexAny(sc.key, "aeiouy") && !sc.wordsTypedApart(i, j) {
			sc.addName(i, j, 0.6)
		}
		i = j
	}
}

// wordsTypedApart reports letters i to j typed apart for emphasis that
// spell words, not a name: each group the writer set apart with a wider
// gap ("t h a n k   y o u   s o   m u c h") is a dictionary word or a
// word the lists hold as no name ("m e r c i", "o b r i g a d a").
func (sc *scanner) wordsTypedApart(i, j int) bool {
	T := sc.toks
	var buf [64]byte
	for a := i; a <= j; {
		b := a
		for b < j && T[b+1].s == T[b].e+1 {
			b++ // one space: the same word
		}
		w := buf[:0]
		for k := a; k <= b; k++ {
			w = append(w, sc.txt(k)...)
		}
		e, ok := sc.lx.get(w)
		if ok && e.flags&(fFirst|fSurname|fPopName) != 0 || sc.lx.people.lookup(w) != 0 {
			return false // "j o h n   s m i t h": a name, though also words
		}
		if !(ok && e.flags&(fStop|fNotName) != 0) && !(len(w) >= 2 && dictionaryWord(w)) {
			return false
		}
		a = b + 1
	}
	return true
}

func bytesIndexAny(w []byte, chars string) bool {
	for _, c := range w {
		if bytesIndex(chars, c) >= 0 {
			return true
		}
	}
	return false
}

// nameSuffix reports a generational suffix: "Jr", "Sr", "III".
func nameSuffix(w []byte) bool {
	switch string(w) {
	case "jr", "sr", "ii", "iii", "iv", "2nd", "3rd":
		return true
	}
	return false
}

// extendNameSpans grows every name span over the rest of the same name
// that the rule which found it stopped short of: a generational suffix
// ("Sean O'Connor Jr."), an initial after "Family, Given" ("Anderson,
// Robert J."), particles and the family name after them ("María de los
// Ángeles", "bin Rashid al-Maktoum"), two name spans that only particles
// separate becoming one.
func (sc *scanner) extendNameSpans() {
	T := sc.toks
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanName || x.e <= x.s {
			continue
		}
		te := sc.tokenEndingAt(x.e)
		if te < 0 {
			continue
		}
		comma := false
		for k := te; k >= 0 && T[k].s >= x.s; k-- {
			if sc.isP(k, ',') {
				comma = true
			}
		}
		for n := 0; n < 3; n++ {
			k := te + 1
			if k >= len(T) {
				break
			}
			if sc.isP(k, ',') && sc.attached(k) && sc.kind(k+1) == tkWord && nameSuffix(sc.word(k+1)) && !T[k+1].claimed {
				k++ // "Smith, Jr."
			}
			if sc.kind(k) == tkWord && nameSuffix(sc.word(k)) && !T[k].claimed && T[k].space && sc.kind(te) == tkWord && sc.upper(k) == sc.upper(te) &&
				!sc.notPerson(k, k) && sc.flags(k+1)&(fStreetSuffix|fOrgNoun) == 0 && !(sc.isP(k+1, '.') && sc.flags(k+2)&(fStreetSuffix|fOrgNoun) != 0) {
				te = k
				if sc.isP(k+1, '.') && sc.attached(k+1) {
					te = k + 1
				}
				continue
			}
			if ie, ok := sc.initialAt(k); ok && comma && sc.upper(k) == sc.upper(te) && (ie > k || sc.nameBoundary(k+1)) {
				te = ie
				continue
			}
			// A capital initial that closes the message or its line, as a
			// signature does: "atte. Rosa M.", "thanks, Kwabena O".
			if ie, ok := sc.initialAt(k); ok && sc.upper(k) && sc.upper(te) && sc.kind(te) == tkWord && !sc.is(k, "i") && sc.lineEnds(ie+1) {
				te = ie
				continue
			}
			// A name read up to a capitalised particle ("Anna M. Van"):
			// the family name after it as after any particle.
			if sc.kind(te) == tkWord && T[te].flags&fParticle != 0 && sc.upper(te) && te > sc.tokenStartingAt(x.s) && sc.particleTail(te, k) {
				te = k
				continue
			}
			// A capital middle initial, then a family name opened by one or
			// two particles: "Lucia M. de la Cruz", "Anna M. Van Dyke",
			// "Carlos A. de Souza". The family name is read as after a
			// name without the initial (particleTail), or after two
			// particles as any word that can be a name.
			ie, ok := sc.initialAt(k)
			ok = ok && sc.upper(k) && sc.kind(te) == tkWord
			if !ok && sc.kind(te) == tkWord && T[te].e-T[te].s == 1 && sc.upper(te) && te > sc.tokenStartingAt(x.s) && sc.isP(k, '.') && sc.attached(k) {
				ie, ok = k, true // the span took the initial and left its period
			}
			if ok && sc.flags(ie+1)&fParticle != 0 && T[ie+1].space && T[ie+1].claimed {
				// The family name was found on its own ("delos Reyes"):
				// one span from the given name to its end.
				if other := sc.nameCandAt(T[ie+1].s); other >= 0 && other != c {
					o := &sc.cands[other]
					if ot := sc.tokenEndingAt(o.e); ot > ie {
						T[k].claimed, T[ie].claimed = true, true
						te = ot
						o.e = o.s // dropped: resolve skips empty spans
						continue
					}
				}
			}
			if ok && sc.flags(ie+1)&fParticle != 0 && T[ie+1].space && !T[ie+1].claimed {
				p := ie + 2
				if sc.kind(p) == tkWord && T[p].flags&fParticle != 0 && T[p].space && !T[p].claimed {
					p++
				}
				if sc.kind(p) == tkWord && T[p].space && !T[p].claimed && (sc.particleTail(ie+1, p) ||
					p == ie+3 && sc.upper(p) && sc.canBeName(p) && T[p].flags&(fStop|fClin|fNotName) == 0 && sc.nameEnds(p+1)) {
					te = p
					continue
				}
			}
			// A middle initial the first rule stopped at, the family name
			// after it: "kwabena a. mensah", "Tamsin E Okonjo".
			if ie, ok := sc.initialAt(k); ok && sc.upper(k) == sc.upper(te) && (ie > k || sc.upper(k)) &&
				sc.nameEvidence(ie+1, false) && sc.upper(ie+1) == sc.upper(te) && sc.toks[ie+1].space {
				te = sc.nameRun(ie + 1)
				continue
			}
			if sc.romanisedFamily(k) {
				te = k // "ji-hoon lee"
				continue
			}
			if sc.kind(te) == tkWord && sc.tokenStartingAt(x.s) == te && sc.familyWordAfter(te) {
				te = k // "tendai moyo has an appointment"
				continue
			}
			// A further word no dictionary holds, in the name's case:
			// "results for wang xiu ying", "Ngozi Adaeze Okafor".
			if sc.kind(k) == tkWord && T[k].space && T[k].flags&fParticle == 0 && sc.kind(te) == tkWord &&
				sc.upper(k) == sc.upper(te) && !bytesHasPossessive(sc.txt(te)) && !sc.otherScriptWord(k) &&
				(sc.nameEvidence(k, false) || sc.capitalFamilyAfter(k)) {
				te = k
				continue
			}
			if sc.kind(k) == tkWord && T[k].flags&fParticle != 0 && !T[k].claimed && T[k].space {
				p := k + 1
				if sc.kind(p) == tkWord && T[p].flags&fParticle != 0 && !T[p].claimed && T[p].space {
					p++
				} else if sc.upper(p) == sc.upper(te) && sc.particleTail(k, p) {
					te = p // "von stein", "del rio" (phi_names_compound.go)
					continue
				} else if articleParticle(sc.word(k)) {
					break
				}
				hy := false
				if sc.isP(p, '-') && sc.attached(p) {
					p++
					hy = true
				}
				if p >= len(T) || sc.kind(p) != tkWord || sc.upper(p) != sc.upper(te) && !hy {
					break
				}
				if T[p].claimed {
					// Another name span starts there: join the two.
					if other := sc.nameCandAt(T[p].s); other >= 0 && other != c {
						o := &sc.cands[other]
						ot := sc.tokenEndingAt(o.e)
						if ot < 0 {
							// It ends inside a word, before a possessive's
							// "'s" ("al-farsi's"): one span to its end.
							for q := te + 1; q < len(T) && T[q].s < o.e; q++ {
								T[q].claimed = true
							}
							x.e, o.e = o.e, o.s
							break
						}
						te = ot
						o.e = o.s // dropped: resolve skips empty spans
						continue
					}
					break
				}
				// After two particles ("de los", "van der") any word that
				// can be a name goes on with it: "María de los Ángeles".
				if sc.nameEvidence(p, true) || (hy || p == k+2) && sc.canBeName(p) {
					te = p
					continue
				}
			}
			break
		}
		// Initials before the name: "J. Robert Anderson", "R.J. Anderson",
		// "A. J. Smith", "J.R.R. Tolkien" (three at most).
		// In lower case too, the initials dotted ("p. k. sharma"), unless
		// they are a time's "a.m."/"p.m.".
		if ts := sc.tokenStartingAt(x.s); ts > 0 && T[ts].space {
			p := ts - 1
			for n := 0; n < 3 && p >= 1 && sc.isP(p, '.') && sc.attached(p) && sc.kind(p-1) == tkWord && T[p-1].e-T[p-1].s == 1 &&
				!T[p-1].claimed && sc.upper(p-1) == sc.upper(ts) && (sc.upper(ts) || sc.lowerInitial(p-1)) && !sc.otherScriptWord(p-1); n++ {
				x.s = T[p-1].s
				T[p-1].claimed, T[p].claimed = true, true
				p -= 2
			}
		}
		if ts := sc.tokenStartingAt(x.s); ts >= 2 && sc.isP(ts-1, '-') && sc.attached(ts-1) && sc.attached(ts) &&
			sc.kind(ts-2) == tkWord && !T[ts-2].claimed && !sc.otherScriptWord(ts-2) && T[ts-2].flags&fClin == 0 && !T[ts-2].inClin &&
			((sc.canBeName(ts-2) || sc.romanisedPair(ts-2)) && (sc.upper(ts-2) || !sc.upper(ts)) && T[ts-2].flags&(fStop|fNotName) == 0 ||
				// A capitalised particle glued to a capitalised family
				// name is the name's, though it is a word ("Ter-Petrosyan",
				// "Abu-Bakr", "El-Sayed").
				sc.upper(ts-2) && sc.upper(ts) && !sc.allUpperText() && T[ts-2].e-T[ts-2].s <= 4) {
			// The first part of a hyphenated name the lists began after:
			// "Dong-hyun Kim", "hyun-woo here".
			x.s = T[ts-2].s
			T[ts-2].claimed, T[ts-1].claimed = true, true
		} else if ts >= 2 && sc.isP(ts-1, '-') && sc.attached(ts-1) && sc.attached(ts) && sc.romanisedPair(ts-2) {
			// Both syllables found apart ("dong" listed, "hyun choi" by
			// position): one name.
			if o := sc.nameCandEndingAt(T[ts-2].e); o >= 0 && o != c {
				y := &sc.cands[o]
				x.s, y.e = y.s, y.s
				T[ts-1].claimed = true
			}
		}
		for n := 0; n < 2; n++ {
			ts := sc.tokenStartingAt(x.s)
			if ts >= 3 && T[ts].space && sc.isP(ts-2, '-') && sc.attached(ts-2) && sc.attached(ts-1) && sc.kind(ts-1) == tkWord &&
				sc.kind(ts-3) == tkWord && !T[ts-1].claimed && !T[ts-2].claimed && !T[ts-3].claimed && sc.upper(ts-3) == sc.upper(ts) &&
				sc.romanisedPair(ts-3) {
				// A hyphenated given name before the family name: "Hae-won
				// Lee-Kim", "seo-yeon park".
				x.s = T[ts-3].s
				T[ts-3].claimed, T[ts-2].claimed, T[ts-1].claimed = true, true, true
				break
			}
			if ts >= 1 && T[ts].space && !sc.upper(ts) && !sc.upper(ts-1) && sc.kind(ts-1) == tkWord && !T[ts-1].claimed &&
				T[ts-1].flags&fFirst != 0 && T[ts-1].flags&(fStop|fNotName|fClin|fPersonal|fQuestion) == 0 && !T[ts-1].inClin &&
				!dictionaryWord(sc.word(ts-1)) {
				// In lower case, a listed given name no dictionary holds
				// before the family name found: "ngozi eze-obi".
				x.s = T[ts-1].s
				T[ts-1].claimed = true
				continue
			}
			if ts >= 1 && T[ts].space && T[ts-1].claimed && sc.kind(ts-1) == tkWord && sc.upper(ts-1) == sc.upper(ts) {
				// A name found on its own just before ("Raimunda" by
				// position, "Nonata Sousa" from the list): one name.
				if o := sc.nameCandEndingAt(T[ts-1].e); o >= 0 && o != c {
					x.s, sc.cands[o].e = sc.cands[o].s, sc.cands[o].s
				}
				break
			}
			if !(ts >= 1 && T[ts].space && sc.upper(ts) && !sc.allUpperText() && sc.kind(ts-1) == tkWord &&
				!T[ts-1].claimed && sc.upper(ts-1) && T[ts-1].e-T[ts-1].s >= 2 && sc.canBeName(ts-1) && !sc.otherScriptWord(ts-1) &&
				T[ts-1].flags&(fStop|fNotName|fClin|fMonth|fWeekday|fState|fParticle|fPersonal|fQuestion) == 0 && !T[ts-1].inClin &&
				(sc.isLex(ts-1) || !dictionaryWord(sc.word(ts-1)) || !sc.clauseStart(ts-1) && T[ts-1].flags&(fOrgNoun|fLabelNoun) == 0) &&
				(bytes.IndexByte(sc.txt(ts-1), '\'') < 0 || apostropheName(sc.txt(ts-1)))) {
				break
			}
			// A capitalised given name no list took before a capitalised
			// family name: "Ama Boateng-Mensah", "Yaw Owusu-Ansah"; one
			// that is also a word, listed as a given name ("Destiny
			// Okoro") or capitalised inside a clause where only a name's
			// capital stands ("nome Helena Barros", "c'est pour Maxime
			// Leroy"). Two such words at most ("Raimunda Nonata Sousa").
			x.s = T[ts-1].s
			T[ts-1].claimed = true
		}
		if e := T[te].e; e > x.e {
			for k := sc.tokenEndingAt(x.e) + 1; k <= te; k++ {
				T[k].claimed = true
			}
			x.e = e
		}
	}
}

// capitalFamilyAfter reports a capitalised word after a capitalised name
// that continues it though a dictionary holds it: "Helena Cristina
// Barros" ("barros": Spanish "mud"), "Nonata Sousa". Days, titles,
// places of care and organisations' words stay outside.
func (sc *scanner) capitalFamilyAfter(k int) bool {
	T := sc.toks
	return sc.upper(k) && !sc.allUpperText() && !sc.allUpper(k) && !T[k].claimed && sc.canBeName(k) && T[k].ent.cue == cueNone &&
		T[k].flags&(fOrgNoun|fStreetSuffix|fLabelNoun|fState|fDistrict|fVisit|fQuestion|fPersonal) == 0 && !sc.clauseStart(k)
}

// lowerInitial reports that the lower-case letter k, its period after it,
// is an initial: not the pronoun "i", not the "m" of "a.m."/"p.m.".
func (sc *scanner) lowerInitial(k int) bool {
	if sc.is(k, "i") {
		return false
	}
	return !(sc.is(k, "m") && k >= 2 && sc.isP(k-1, '.') && (sc.is(k-2, "a") || sc.is(k-2, "p")))
}

// tokenEndingAt returns the token that ends at folded offset e, or -1.
func (sc *scanner) tokenEndingAt(e int32) int {
	lo, hi := 0, len(sc.toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if sc.toks[m].e < e {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(sc.toks) && sc.toks[lo].e == e {
		return lo
	}
	return -1
}

// tokenStartingAt returns the token that starts at folded offset s, or -1.
func (sc *scanner) tokenStartingAt(s int32) int {
	lo, hi := 0, len(sc.toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if sc.toks[m].s < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(sc.toks) && sc.toks[lo].s == s {
		return lo
	}
	return -1
}

// nameCandEndingAt returns the name candidate ending at folded offset e,
// or -1.
func (sc *scanner) nameCandEndingAt(e int32) int {
	for c := range sc.cands {
		if sc.cands[c].t == SpanName && sc.cands[c].e == e && sc.cands[c].s < e {
			return c
		}
	}
	return -1
}

// nameCandAt returns the name candidate starting at folded offset s, or -1.
func (sc *scanner) nameCandAt(s int32) int {
	for c := range sc.cands {
		if sc.cands[c].t == SpanName && sc.cands[c].s == s && sc.cands[c].e > s {
			return c
		}
	}
	return -1
}

// personVerb reports a verb whose subject is a person: "needs", "missed",
// "called", "can't". "is" and "has" say too little on their own ("Summer
// is here", "June has 30 days"); subjectNames asks more of them.
func personVerb(w []byte) bool {
	switch string(w) {
	case "needs", "wants", "missed", "called", "calls", "texted", "said", "says", "asked", "feels", "felt", "woke",
		"fell", "can't", "cant", "cannot", "couldn't", "won't", "didn't", "doesn't", "hasn't", "needed", "wanted",
		"necesita", "quiere", "llamo", "falto", "siente", "puede",
		// What a body does that only a person (or a pet) is said to do:
		// "tumelo vomited twice", "dumi fainted at school".
		"vomited", "fainted", "collapsed", "coughed", "cried", "refused", "refuses", "complained", "complains",
		"swallowed",
		// What a person does for the family's plans: "Esi picks her up",
		// "Tolu stays home with the baby", "Kunle pays the copay".
		"picks", "stays", "drives", "pays", "brings", "drops", "comes", "lives", "sleeps", "eats", "walks", "cries",
		"coughs", "vomits", "wakes", "speaks", "understands", "knows", "thinks", "works",
		// The same contractions as chat types them, with no apostrophe:
		// "ekaterina ivanova hasnt had her period".
		"couldnt", "didnt", "doesnt", "hasnt", "wont", "shouldnt", "wouldnt":
		return true
	}
	return false
}

// clauseStart reports that token i opens a clause: the message start,
// punctuation, or a greeting or conjunction before it.
func (sc *scanner) clauseStart(i int) bool {
	if i == 0 {
		return true
	}
	if sc.kind(i-1) == tkPunct {
		return !sc.isP(i-1, '\'') && !sc.isP(i-1, '-') && !sc.isP(i-1, '/')
	}
	// A greeting drawn out ("hiii", "heyyy") opens a clause as the plain
	// one does, and so do the chattier greetings and a voice note's "um".
	switch string(trimDrawl(sc.word(i - 1))) {
	case "hi", "hello", "hey", "ok", "okay", "yes", "so", "and", "but", "also", "hola", "si", "pero", "y",
		"yo", "hiya", "heya", "howdy", "hallo", "helo", "bonjour", "salut", "oi", "ola", "ciao", "um", "uh", "erm",
		// A clause opened inside the sentence: "… said Tobias needs a
		// note", "tell the nurse that Felicity is still bleeding", "now
		// Rusty says he can't", "so uh anyway Grace said…".
		"that", "if", "now", "then", "when", "because", "anyway", "said", "says", "whether", "until", "while":
		return true
	}
	return false
}

// subjectNames finds a name that opens a clause as the subject of a verb
// only people take: "june needs her refill", "Will missed his
// appointment", "Sunny is my daughter", "zorvath keplinski called". A
// given name that is also a word or a month counts here; one lower-case
// word no list holds needs a second one beside it.
func (sc *scanner) subjectNames(r *nameRoles) {
	T := sc.toks
	v := -1 // the first verb of this kind after token i
	for i := 0; i+1 < len(T); i++ {
		// Most clauses have no verb of this kind within reach: look for
		// one before weighing the words as a name.
		if v <= i {
			for v = i + 1; v < len(T) && !r.has(sc, v, rPersonVerb); v++ {
			}
			if v >= len(T) {
				return
			}
		}
		if v > i+5 {
			continue
		}
		if T[i].kind != tkWord || T[i].claimed || !sc.clauseStart(i) {
			continue
		}
		// "R.J. is allergic to amoxicillin", "C.J. missed his shots":
		// initials typed together as the name a family uses.
		if ie, ok := sc.joinedInitials(i); ok && sc.upper(i) {
			if v := ie + 1; personVerb(sc.word(v)) || (sc.is(v, "is") || sc.is(v, "was")) && personDoing(sc.word(v+1)) {
				sc.addName(i, ie, 0.6)
				i = ie
			}
			continue
		}
		if !sc.nameEvidence(i, true) {
			continue
		}
		end := sc.nameRun(i)
		v := end + 1
		if sc.is(v, "from") {
			// "Carmelita from the pharmacy said…": who the person is
			// stands between the name and the verb.
			for q := v + 1; q <= v+4 && q < len(T) && T[q].kind == tkWord; q++ {
				if personVerb(sc.word(q)) {
					v = q
					break
				}
			}
		}
		w := sc.word(v)
		ok := personVerb(w) && !(sc.is(v+1, "to") && sc.is(v+2, "be")) // "bill needs to be paid"
		if !ok && (sc.is(v, "is") || sc.is(v, "was")) {
			// "Sunny is my daughter", "hope is sick".
			nx := sc.word(v + 1)
			ok = (sc.is(v+1, "my") || sc.is(v+1, "our")) && (relationWord(sc.word(v+2)) || sc.toks[min(v+2, len(T)-1)].ent.cue == cueRelation) ||
				string(nx) == "sick" || string(nx) == "ill" || string(nx) == "unwell" || string(nx) == "feeling"
		}
		if !ok || v >= len(T) {
			continue
		}
		if end == i && !sc.isLex(i) && !sc.upper(i) && !sc.otherScriptWord(i) && T[i].flags&(fNameWord|fMonth) == 0 {
			continue // "mychart needs an update"
		}
		if T[i].flags&fMonth != 0 && end == i && !personVerb(w) {
			continue
		}
		if sc.notPerson(i, end) {
			continue
		}
		sc.addName(i, end, 0.6)
		i = end
	}
}

// ownerSubjects finds a name opening a clause that the rest of the clause
// makes a person: a verb, then "his" or "her" within three words ("nonoy
// hurt his foot", "tunde is on his way", "chiqui lost her voice"),
// "is"/"was" and what a person does ("joy is vomiting", "kai was
// crying"), or "has" and an ailment ("tamati has gout"). A nickname no list holds stands there as often as a name, and
// only a word that reads as a name (nameEvidence: listed, or no
// dictionary's) is taken: "work hurt his back" and "this is her first
// visit" stay.
func (sc *scanner) ownerSubjects() {
	if sc.trigAny&trigOwnVerb == 0 {
		return
	}
	T := sc.toks
	for v := 1; v+1 < len(T); v++ {
		// The verb is found first (its trigger bit): most tokens are
		// none of these, and the name checks cost more.
		if T[v].trig&trigOwnVerb == 0 || T[v].kind != tkWord || T[v].claimed {
			continue
		}
		i := v - 1
		for i > 0 && (sc.is(i, "still") || sc.is(i, "just") || sc.is(i, "also") || sc.is(i, "po")) {
			i-- // "analyn po still coughing", "kai just cut his lip"
		}
		// Most words before these verbs are function words ("it is",
		// "he has"): their flags turn them away first.
		if T[i].kind != tkWord || T[i].claimed || T[i].flags&(fStop|fNotName) != 0 && T[i].flags&(fNameWord|fMonth) == 0 ||
			!sc.clauseStart(i) {
			continue
		}
		ok := false
		for k := v + 1; k <= v+3 && k < len(T) && T[k].kind == tkWord; k++ {
			if sc.is(k, "his") || sc.is(k, "her") {
				ok = true
				break
			}
		}
		if !ok && (sc.is(v, "is") || sc.is(v, "was")) {
			d := v + 1
			if sc.is(d, "still") || sc.is(d, "now") || sc.is(d, "always") {
				d++ // "tunde is still coughing"
			}
			ok = personDoing(sc.word(d))
		}
		if !ok && (sc.is(v, "has") || sc.is(v, "had")) {
			// "tamati has gout"; "sunny has been vomiting", "paris has
			// been complaining of headaches".
			ok = sc.ailmentAfter(v+1) || sc.is(v+1, "been") && personDoing(sc.word(v+2))
		}
		if !ok {
			continue
		}
		if i > 1 && sc.kind(i-1) == tkWord && sc.isP(i-2, '-') && sc.attached(i-1) {
			continue // "chul-soo choi has…": "soo" reads as a drawn-out "so", but ends a hyphenated name
		}
		if !sc.nameEvidence(i, true) || sc.notPerson(i, i) {
			continue
		}
		sc.addName(i, i, 0.6)
	}
}

// addresseeNames finds the person a forwarded or quoted text speaks to:
// a listed given name opening a line or the message, straight before
// "your", "you", "dont" ("> esperanza dont forget your pills",
// "[forwarded] rukhsana your test is normal"). A word no list holds
// there is as often a service's name ("mychart your results…"), and a
// capital there only opens the sentence ("Bring your card"): both stay.
func (sc *scanner) addresseeNames() {
	if sc.trigAny&trigAddressee == 0 {
		return
	}
	T := sc.toks
	for k := 1; k < len(T); k++ {
		i := k - 1
		if T[k].trig&trigAddressee == 0 || T[i].kind != tkWord || T[i].claimed || T[i].flags&fFirst == 0 || !sc.clauseStart(i) {
			continue
		}
		if !sc.isLex(i) || T[i].flags&fFirst == 0 || greetingWord(sc.word(i)) || sc.notPerson(i, i) {
			continue
		}
		if sc.toks[i].flags&(fNameWord|fMonth) != 0 {
			continue // "Hope you…", "may you…", "will you…": the word, not the name
		}
		sc.addName(i, i, 0.6)
	}
}

// ailmentAfter reports a symptom or condition the subject has, from token
// k on: "has gout", "has a rash", "had the flu since monday". The term
// must end the clause or meet a function word: "walmart has flu shots",
// "costco has covid tests" sell a thing named after it.
func (sc *scanner) ailmentAfter(k int) bool {
	for n := 0; n < 2 && (sc.is(k, "a") || sc.is(k, "an") || sc.is(k, "the") || sc.is(k, "bad") || sc.is(k, "high")); n++ {
		k++ // "has a high fever"
	}
	T := sc.toks
	if k >= len(T) || T[k].kind != tkWord || T[k].flags&fClin == 0 || T[k].ent.clin != SpanSymptom && T[k].ent.clin != SpanCondition {
		return false
	}
	n := k + 1
	return n >= len(T) || T[n].kind == tkPunct || T[n].flags&(fStop|fDateCue|fDuration) != 0 || sc.is(n, "symptoms")
}

// ownVerbWords are the verbs whose subject, with "his" or "her" after
// them, is the person the pronoun points back to: "hurt his foot", "has
// her appointment", "is on his way" (ownerSubjects, trigOwnVerb).
var ownVerbWords = []string{"is", "was", "has", "had", "hurt", "cut", "broke", "sprained", "twisted", "burned", "burnt",
	"bumped", "banged", "injured", "scraped", "lost", "missed", "took", "takes", "forgot", "left", "finished", "hit",
	"needs", "wants", "got", "gets", "fell", "skipped", "stopped", "started", "ran", "wet", "bit"}

var ownVerbSet = wordSetOf(ownVerbWords)

// ownVerb reports one of ownVerbWords.
func ownVerb(w []byte) bool { return ownVerbSet[string(w)] }

// personDoing reports what a person does, after "is" or "was": "joy is
// vomiting", "bubba was crying".
func personDoing(w []byte) bool {
	switch string(w) {
	case "vomiting", "coughing", "crying", "bleeding", "wheezing", "sneezing", "teething", "limping", "shaking",
		"shivering", "throwing", "refusing", "complaining", "fainting", "sweating", "itching", "scratching",
		"pregnant", "asleep", "awake", "unconscious", "breastfeeding", "fasting", "allergic", "diabetic", "asthmatic",
		"sleeping", "eating", "feverish", "teary", "constipated", "dehydrated", "asking", "wondering", "hoping":
		return true
	}
	return false
}

// appositionNames finds a name set beside a kinship word: "Frank, my
// husband, called", "hope, our daughter, has". The apposition says a
// person is named, so a given name that is also a word counts.
func (sc *scanner) appositionNames(r *nameRoles) {
	T := sc.toks
	for k := 3; k < len(T); k++ {
		if !r.has(sc, k-2, rComma) || !(relationWord(sc.word(k)) || T[k].ent.cue == cueRelation) {
			continue
		}
		if !(sc.is(k-1, "my") || sc.is(k-1, "our") || sc.is(k-1, "mi") || sc.is(k-1, "his") || sc.is(k-1, "her")) || !sc.isP(k-2, ',') || !sc.attached(k-2) {
			continue
		}
		end := k - 3
		if !sc.nameEvidence(end, true) && !(sc.upper(end) && !sc.allUpperText() && sc.nameWord(end)) {
			continue // "Destiny, my husband, …": the apposition makes it a name
		}
		start := end
		for n := 0; n < 3; n++ {
			p := start - 1
			if p >= 0 && T[start].space && sc.nameEvidence(p, true) && sc.upper(p) == sc.upper(end) {
				start = p
				continue
			}
			if ie, ok := sc.initialAt(p); ok && ie == p && sc.nameEvidence(p-1, true) {
				start = p - 1
				continue
			}
			break
		}
		if !sc.clauseStart(start) && sc.flags(start-1)&(fStop|fNotName) == 0 || sc.notPerson(start, end) {
			continue
		}
		sc.addName(start, end, 0.65)
	}
}

// besideName reports a word joined to a name that reads as a name too: a
// listed name in any case, a word no dictionary holds, or a capitalised
// word inside the sentence ("Carlos and Destiny are coming").
func (sc *scanner) besideName(k int) bool {
	if sc.nameEvidence(k, true) {
		return true
	}
	return k > 0 && sc.kind(k) == tkWord && sc.upper(k) && !sc.allUpperText() && !sc.clauseStart(k) && sc.nameWord(k)
}

// pairedPeople finds names joined by "and" that open a clause with no
// name found yet: one beside the writer ("zainab and i will come", "me
// and kwame went"), or two before a verb that takes the pair ("kofi and
// yaw both need the flu shot"). Each word must read as a name
// (nameEvidence: listed, or no dictionary's): "work and i", "salt and
// pepper are" stay.
func (sc *scanner) pairedPeople() {
	T := sc.toks
	for a := 1; a+1 < len(T); a++ {
		if T[a].role&rAnd == 0 { // "and", "y", "&"
			continue
		}
		l, r := a-1, a+1
		if T[l].kind != tkWord || T[r].kind != tkWord || T[l].claimed || T[r].claimed {
			continue
		}
		switch {
		case (sc.is(r, "i") || sc.is(r, "me") || sc.is(r, "yo")) && sc.clauseStart(l):
			if sc.nameEvidence(l, false) && !sc.notPerson(l, l) {
				sc.addName(l, l, 0.6)
			}
		case (sc.is(l, "me") || sc.is(l, "yo")) && sc.clauseStart(l):
			if sc.nameEvidence(r, false) && !sc.notPerson(r, r) && sc.nameEnds(r+1) {
				sc.addName(r, r, 0.6)
			}
		case sc.clauseStart(l) && pairVerb(sc.word(r+1)):
			if sc.nameEvidence(l, false) && sc.nameEvidence(r, false) && T[l].flags&T[r].flags&fSurname == 0 &&
				!sc.notPerson(l, l) && !sc.notPerson(r, r) {
				sc.addName(l, l, 0.6)
				sc.addName(r, r, 0.6)
			}
		}
	}
}

// pairVerb reports a word that takes two people as its subject: "kofi
// and yaw both need…", "… are sick", "… have fever".
func pairVerb(w []byte) bool {
	switch string(w) {
	case "both", "need", "are", "have", "were", "will", "can", "had", "got", "came", "went", "missed", "tienen", "estan",
		"necesitan", "vienen":
		return true
	}
	return false
}

// coordinatedNames finds a name joined by "and" to a name already found:
// "Jack and Jill", "maria y june". Beside a name, a given name that is
// also a word is a name.
func (sc *scanner) coordinatedNames() {
	T := sc.toks
	// The names found here are read in turn (each claims its tokens, so
	// the list ends): "Kofi, Ama and Yaw" grows one name at a time.
	for c := 0; c < len(sc.cands); c++ {
		x := sc.cands[c]
		if x.t != SpanName || x.e <= x.s {
			continue
		}
		ts, te := sc.tokenStartingAt(x.s), sc.tokenEndingAt(x.e)
		if ts < 0 {
			continue
		}
		// Beside a capitalised name, a capitalised word is a name even
		// where the dictionary holds it or it opens the message: "Léa et
		// Mathis", "Bring Kofi, Ama and Yaw".
		capName := func(k int) bool {
			return sc.besideName(k) || sc.upper(ts) && sc.kind(k) == tkWord && !T[k].claimed && sc.upper(k) && !sc.allUpperText() &&
				sc.canBeName(k) && T[k].flags&(fMonth|fWeekday|fOrgNoun|fStreetSuffix|fState|fLabelNoun) == 0
		}
		if p := ts - 1; sc.nameConjunction(p) && capName(p-1) {
			s := p - 1
			if sc.besideName(s-1) && T[s].space && sc.upper(s-1) == sc.upper(s) {
				s--
			}
			if !sc.notPerson(s, p-1) {
				sc.addName(s, p-1, 0.6)
			}
		}
		if te < 0 {
			continue
		}
		if p := te + 1; sc.nameConjunction(p) && capName(p+1) {
			end := sc.nameRun(p + 1)
			if !sc.notPerson(p+1, end) {
				sc.addName(p+1, end, 0.6)
			}
		}
		// "Kofi, Ama and Yaw": the next name of a list, after a comma,
		// when a conjunction follows it.
		if p := te + 1; sc.isP(p, ',') && sc.kind(p+1) == tkWord && sc.nameConjunction(p+2) && capName(p+1) && !sc.notPerson(p+1, p+1) {
			sc.addName(p+1, p+1, 0.6)
		}
		// "Femke, Sjoerd and Jildou": the list's first name, before a
		// comma, when a conjunction joins the names after it.
		if p := ts - 1; sc.isP(p, ',') && sc.nameConjunction(te+1) && sc.kind(p-1) == tkWord && !T[p-1].claimed &&
			capName(p-1) &&
			!sc.notPerson(p-1, p-1) {
			sc.addName(p-1, p-1, 0.6)
		}
	}
}

// nameConjunction reports a word that joins two names: "and", "&", and
// Spanish, Portuguese and French "y", "e", "et" (a capital "E" is an
// initial).
func (sc *scanner) nameConjunction(p int) bool {
	return sc.is(p, "and") || sc.is(p, "y") || sc.isP(p, '&') || sc.is(p, "et") || sc.is(p, "e") && !sc.upper(p)
}

// dropInsurers removes name spans that name a health plan: the object of
// "do you take / accept" ("do you accept Oscar or Ambetter?") or words
// before "in network", "accepted", "insurance" ("is Geisinger in
// network"). A clinic is asked which plans it takes far more often than
// whether it takes a person, and a plan is no identifier.
func (sc *scanner) dropInsurers() {
	T := sc.toks
	insured := -1 // whether the message speaks of insurance: found on first need
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanName || x.e <= x.s {
			continue
		}
		ts, te := sc.tokenStartingAt(x.s), sc.tokenEndingAt(x.e)
		if ts < 0 || te < 0 {
			continue
		}
		p := ts - 1
		for k := 0; k < 6 && p >= 0 && (sc.is(p, "or") || sc.is(p, "and") || sc.isP(p, ',') || sc.isP(p, '/') || T[p].kind == tkWord && T[p].claimed); k++ {
			p-- // "accept Oscar or Ambetter": the whole list
		}
		plan := false
		switch string(bareWord(sc.word(p))) {
		case "accept", "accepts", "accepting", "aceptan", "acepta", "reciben", "recibe":
			plan = true
		case "take", "takes", "taking", "toman":
			plan = sc.is(p-1, "you") || sc.is(p-1, "u") || sc.is(p-1, "guys") || sc.is(p-1, "still") || sc.is(p-1, "clinic") || sc.is(p-1, "office") || sc.is(p-1, "ustedes")
			for q := p - 1; q >= 0 && q >= p-4 && !plan; q-- {
				// "does Dr. Lee take Oscar?": a question whether someone
				// takes a plan.
				plan = (sc.is(q, "does") || sc.is(q, "do")) && sc.clauseStart(q)
			}
		case "is", "es":
			// "my insurance is Oscar", "mi seguro es Ambetter".
			plan = insuranceWord(sc.word(p - 1))
		case "through", "thru", "via", "por":
			// "coverage through Cigna", "insured through Anthem".
			plan = insuranceWord(sc.word(p-1)) || sc.is(p-1, "insured") || sc.is(p-1, "asegurado") || sc.is(p-1, "asegurada")
		}
		n := te + 1
		switch string(sc.word(n)) {
		case "accepted", "insurance", "coverage", "plan", "plans", "hmo", "ppo", "epo", "aceptado", "aceptada":
			plan = true
		case "in":
			plan = plan || sc.is(n+1, "network") || sc.isP(n+1, '-') && sc.is(n+2, "network")
		}
		if !plan && x.conf < 0.8 && te-ts <= 2 {
			// "do you take Medicaid or Oscar?", "what's my copay with
			// Oscar", "does Oscar cover it?": a name no cue put there,
			// in a list of plans or where a plan stands, in a message
			// about insurance (phi_names_plans.go).
			if insured < 0 {
				insured = sc.insuranceMessage()
			}
			plan = insured == 1 && sc.planSlot(ts, te)
		}
		if !plan && x.conf <= 0.6 {
			// A guess from capitals alone ("my insurance is Harvard
			// Pilgrim", "covered by Geisinger") in a message about
			// insurance names the plan unless a given name is in it.
			if insured < 0 {
				insured = sc.insuranceMessage()
			}
			plan = insured == 1
			for k := ts; k <= te && plan; k++ {
				if T[k].flags&fFirst != 0 {
					plan = false
				}
			}
		}
		if plan {
			x.e = x.s
		}
	}
}

// insuranceWord reports a word that puts a message about health plans.
func insuranceWord(w []byte) bool {
	switch string(w) {
	case "insurance", "insurer", "insurances", "coverage", "cover", "covers", "covered", "claim", "claims", "payer", "network", "copay", "co-pay", "deductible",
		"premium", "plan", "plans", "hmo", "ppo", "epo", "medicaid", "medicare", "seguro", "aseguranza", "cobertura", "cubre":
		return true
	}
	return false
}

// wordNameSlots finds a given name that is also a word or a month ("Will",
// "May", "Hope", "June") where the sentence leaves it no other reading:
// greeted ("Hi June,"), introducing itself ("Will here, …"), or written
// with its capital inside the sentence after a preposition or an
// auxiliary ("send it to Will", "can Will pick up the forms"), where a
// modal or a noun would be in lower case.
func (sc *scanner) wordNameSlots(r *nameRoles) {
	T := sc.toks
	titleCase := -1
	for k := 0; k < len(T); k++ {
		if !r.has(sc, k, rNameWord) || T[k].claimed || T[k].kind != tkWord || !sc.wordName(k) || T[k].flags&fClin != 0 {
			continue
		}
		month := T[k].flags&fMonth != 0
		prev := string(sc.word(k - 1))
		ok := false
		switch {
		case (prev == "hi" || prev == "hello" || prev == "hey" || prev == "hola" || prev == "dear" || prev == "morning" ||
			prev == "afternoon" || prev == "evening") && (k+1 >= len(T) || sc.kind(k+1) == tkPunct):
			ok = true // "Hi June,", "thanks, and good morning Hope!"
		case sc.clauseStart(k) && sc.is(k+1, "here") && (k+2 >= len(T) || sc.kind(k+2) == tkPunct || sc.is(k+2, "again") || sc.is(k+2, "calling")):
			ok = !month // "Will here, calling about my mom"
		case sc.upper(k) && !sc.allUpperText() && !sc.clauseStart(k) && !month && !seasonWord(sc.word(k)):
			switch prev {
			case "to", "for", "with", "about", "from", "and", "can", "could", "will", "would", "should", "does", "did", "has":
				if titleCase < 0 {
					titleCase = 0
					words, caps := 0, 0
					for q := range T {
						if T[q].kind == tkWord {
							words++
							if sc.upper(q) {
								caps++
							}
						}
					}
					if caps*10 > words*6 {
						titleCase = 1 // "Send It To Will": capitals say nothing
					}
				}
				ok = titleCase == 0
			}
		}
		if !ok {
			continue
		}
		end := sc.nameRunCase(k, k)
		if sc.notPerson(k, end) {
			continue
		}
		sc.addName(k, end, 0.6)
		k = end
	}
}

// lineLastFirst reads a message or a line that is only "Family, Given"
// ("Ng, Wei Ling", "Quartermaine, Bo" after "Name -"), the way a patient
// answers "what is the patient's name?": the line starts with the family
// name, the given name after the comma is a listed given name, and the line
// ends there or with a number or date of birth.
func (sc *scanner) lineLastFirst(r *nameRoles) {
	T := sc.toks
	// Without a line break only the message's first words open a line.
	lines := bytes.IndexByte(sc.n.b, '\n') >= 0
	for j := 0; j+2 < len(T) && (lines || j <= 2); j++ {
		start := j == 0 || sc.newlineBefore(j)
		if !start && sc.isP(j-1, '-') && sc.kind(j-2) == tkWord && (sc.is(j-2, "name") || sc.is(j-2, "nombre") || sc.is(j-2, "patient") || sc.is(j-2, "paciente")) && (j-2 == 0 || sc.newlineBefore(j-2)) {
			start = true // "Name - Quartermaine, Bo"
		}
		if !start || T[j].claimed || T[j].kind != tkWord {
			continue
		}
		end, ok := sc.lastFirstAfterCue(j)
		if !ok {
			continue
		}
		g := j
		for g <= end && !sc.isP(g, ',') {
			g++
		}
		g++
		if g > end || T[g].flags&fFirst == 0 || T[g].flags&(fStop|fClin|fNotName|fMonth) != 0 || sc.anyClaimed(j, end) {
			continue
		}
		if T[j].flags&(fState|fWeekday|fMonth|fNotName) != 0 || !sc.isLex(j) && dictionaryWord(sc.word(j)) {
			continue // "Dallas, Texas", "Monday, March 3", "Sure, Michael"
		}
		sc.addName(j, end, 0.6)
		j = end
	}
}

// impliedCues reads three more ways of saying who: "it's me, zorvath",
// "my name's zorvath", and a kinship word with "of" ("the mom of
// zorvath", "la mamá de zorvath"). The name after them may be any word
// that reads as one, a given name that is also a word included.
func (sc *scanner) impliedCues(r *nameRoles) {
	T := sc.toks
	for k := 0; k+1 < len(T); k++ {
		if !r.has(sc, k, rCue) || T[k].kind != tkWord {
			continue
		}
		ok := false
		switch {
		case sc.is(k, "me"):
			p := sc.word(k - 1)
			ok = string(p) == "it's" || string(p) == "its" || string(p) == "is"
		case sc.is(k, "name's"):
			ok = true
		default: // "of", "de"
			ok = k > 0 && (relationWord(sc.word(k-1)) || T[k-1].ent.cue == cueRelation)
		}
		if !ok {
			continue
		}
		j := k + 1
		if sc.isP(j, ',') || sc.isP(j, '-') {
			j++
		}
		if !sc.nameEvidence(j, true) {
			continue
		}
		end := sc.nameRun(j)
		if !sc.nameEnds(end+1) && !bytesHasPossessive(sc.word(end)) || sc.notPerson(j, end) {
			continue
		}
		sc.addName(j, end, 0.7)
		k = end
	}
}

// questionAuxWords are the auxiliaries that open a question about
// someone: "can", "did", "is" ("can tendai come in at 3?", "did okafor
// pick up the forms?", "is wanjiru ok to come?").
var questionAuxWords = []string{"can", "could", "will", "would", "should", "did", "does", "is", "has", "may", "might", "was"}

// questionVerbWords follow the subject of such a question: a verb in its
// bare form ("come", "pick", "need") or, after "is", a state ("ok",
// "ready", "still", "due").
var questionVerbWords = []string{"come", "get", "pick", "bring", "see", "have", "be", "go", "take", "call", "make", "start",
	"stop", "use", "do", "eat", "drink", "switch", "reschedule", "move", "change", "sign", "stay", "return", "need", "still",
	"also", "just", "ok", "okay", "ready", "able", "allowed", "done", "due", "scheduled", "supposed", "booked", "coming",
	"going", "cleared", "getting", "having", "seeing", "drop", "wait", "leave", "join", "attend", "skip", "keep", "try",
	"send", "fill", "finish", "continue", "receive", "register", "check", "speak", "talk", "visit", "already"}

// questionAuxAt reports token i as one of questionAuxWords.
func (sc *scanner) questionAuxAt(i int) bool {
	return uint(i) < uint(len(sc.toks)) && sc.toks[i].trig&trigQuestionAux != 0
}

// questionVerbAt reports token i as one of questionVerbWords.
func (sc *scanner) questionVerbAt(i int) bool {
	return uint(i) < uint(len(sc.toks)) && sc.toks[i].trig&trigQuestionVerb != 0
}

// questionSubjects finds the person a question opens with, between an
// auxiliary and the verb: "can tendai come in at 3", "when can Minjun
// come", "did kwabena oyelaran pick up the meds", "is wanjiru ok to
// come". Only a pronoun, a determiner or a noun may stand there
// otherwise ("can you", "is the office", "can mychart be…"): a listed
// name, a capitalised word no dictionary lists, or two words no
// dictionary lists in a row, before a bare verb or a state, is the
// person.
func (sc *scanner) questionSubjects() {
	if sc.trigAny&trigQuestionAux == 0 || sc.trigAny&trigQuestionVerb == 0 {
		return // an auxiliary, the person, then the verb
	}
	T := sc.toks
	for a := 0; a+2 < len(T); a++ {
		if T[a].kind != tkWord || !sc.questionAuxAt(a) {
			continue
		}
		if !sc.clauseStart(a) {
			switch string(sc.word(a - 1)) {
			case "when", "what", "where", "how", "why", "who", "cuando":
			default:
				continue
			}
		}
		j := a + 1
		if !sc.nameEvidence(j, false) || T[j].flags&(fPersonal|fStop) != 0 && T[j].flags&(fFirst|fSurname) == 0 {
			continue
		}
		end := sc.nameRun(j)
		if !sc.questionVerbAt(end + 1) {
			continue
		}
		if end == j && !sc.isLex(j) && !(sc.upper(j) && !sc.allUpperText()) && !sc.otherScriptWord(j) {
			continue // one lower-case word no list holds: "can mychart be…"
		}
		if sc.notPerson(j, end) {
			continue
		}
		sc.addName(j, end, 0.6)
		a = end
	}
}

package policy

// What a person can no longer do, and what they need to get about: the
// way families describe an old or sick relative ("ya no camina", "can't
// walk anymore", "usa silla de ruedas", "he uses a wheelchair", "se le
// olvida todo"). A lost ability is
// told by a negation before a verb of the body; an aid by a verb of
// using before its name. "I can't see the portal" and "can't hear you"
// have an object and stay; "wheelchair accessible?" has no one using it.

// lostFunctions finds both.
func (sc *scanner) lostFunctions() {
	// Both need a lead ("can't", "no", "uses") and what it leads to
	// ("walk", "camina", "wheelchair").
	if sc.trigAny&trigLostLead == 0 || sc.trigAny&trigLostWhat == 0 {
		return
	}
	T := sc.toks
	for k := range T {
		if T[k].claimed || T[k].kind != tkWord {
			continue
		}
		// The opening words start with one of these letters; most
		// words are passed over on one byte.
		switch n := T[k].e - T[k].s; sc.n.b[T[k].s] {
		case 'n', 'c', 'o', 'u':
			if n < 2 || n == 3 && sc.n.b[T[k].s] != 'u' {
				continue // "can", "our", "not", "one": no opening word has their shape
			}
		case 'l', 'a':
			if n != 6 && n != 4 {
				continue // "longer", "anda"
			}
		default:
			continue
		}
		if v, ok := sc.lostAbility(k); ok {
			e := v
			if sc.is(e+1, "anymore") || sc.is(e+1, "bien") || sc.is(e+1, "well") || sc.is(e+1, "nada") || sc.is(e+1, "solo") || sc.is(e+1, "sola") ||
				sc.is(e+1, "alone") || sc.is(e+1, "straight") {
				e++
			}
			if !sc.anyClaimed(k, e) {
				sc.addTok(k, e, SpanSymptom, 0.6, prioClinical)
			}
			continue
		}
		if s, e, ok := sc.mobilityAid(k); ok && !sc.anyClaimed(s, e) {
			sc.addTok(s, e, SpanCondition, 0.6, prioClinical)
		}
	}
}

// lostLeadWords are the words lostAbility opens at, its cases below
// (trigLostLead).
var lostLeadWords = []string{"no", "can't", "cant", "cannot", "couldn't", "couldnt", "longer", "olvida", "olvidan"}

// lostWhatWords are the words a lost ability or an aid needs after its
// lead (trigLostWhat): the verbs of the body, English ones also with the
// "s" of "no longer walks" (stripS), "olvida" which is lead and verb at
// once, and the aids.
func lostWhatWords() []string {
	ws := append([]string{"olvida", "olvidan", "silla"}, spanishAbilityWords...)
	for _, w := range englishAbilityWords {
		ws = append(ws, w, w+"s")
	}
	return append(ws, aidWords...)
}

// lostAbility reads a negation at k before a verb of the body: "ya no
// camina", "ya no se levanta", "can't walk anymore", "no longer eats",
// "se le olvida". It returns the verb.
func (sc *scanner) lostAbility(k int) (int, bool) {
	switch string(sc.word(k)) {
	case "no":
		// Spanish: "ya no camina", "ya no se levanta": an ability that
		// is gone. "No puede caminar" is as often today's plan ("no
		// puede venir") and is left to healthPredicates; the bare "no
		// camina" needs its "ya", since "el carro no camina" is a car.
		if !sc.is(k-1, "ya") {
			return 0, false
		}
		v := k + 1
		if sc.is(v, "se") || sc.is(v, "le") {
			v++
		}
		if spanishAbility(sc.word(v)) && sc.abilityAlone(v) {
			return v, true
		}
	case "can't", "cant", "cannot", "couldn't", "couldnt":
		// English: "can't walk anymore", "can't stand up by herself".
		v := k + 1
		if englishAbility(sc.word(v)) && sc.abilityAlone(v) && (sc.is(v+1, "anymore") || sc.is(v+1, "alone") || sc.is(v+1, "well") ||
			sc.is(v+1, "without") || sc.is(v+1, "by") || sc.is(v+1, "up") || sc.is(v+1, "straight")) {
			return v, true
		}
	case "longer":
		// "no longer walks", "can no longer feed himself".
		if !sc.is(k-1, "no") {
			return 0, false
		}
		v := k + 1
		if englishAbility(sc.word(v)) || englishAbility(stripS(sc.word(v))) {
			return v, true
		}
	case "olvida", "olvidan":
		// "se le olvida todo", "se le olvidan las cosas".
		if sc.is(k-1, "le") && sc.is(k-2, "se") {
			return k, true
		}
	}
	return 0, false
}

// abilityAlone reports a verb of the body with nothing it acts on: "ya
// no ve", "can't walk anymore"; not "can't see the portal", "no puede
// ver el correo".
func (sc *scanner) abilityAlone(v int) bool {
	n := v + 1
	if n >= len(sc.toks) || sc.kind(n) == tkPunct || sc.lineBreakBefore(n) || sc.statementBreak(n) {
		return true
	}
	switch string(sc.word(n)) {
	case "the", "you", "it", "that", "this", "my", "your", "el", "la", "los", "las", "su", "mi", "tu", "a", "an", "un", "una", "te", "lo":
		return false
	}
	return true
}

// spanishAbilityWords are, in the third person, the Spanish verbs of
// the body a relative loses ("ya no camina").
var spanishAbilityWords = []string{"camina", "levanta", "mueve", "come", "traga", "habla", "ve", "oye", "escucha",
	"respira", "duerme", "orina", "reconoce", "recuerda", "acuerda", "controla", "para", "sienta", "bana", "viste"}

// englishAbilityWords are the English verbs of the body a relative loses.
var englishAbilityWords = []string{"walk", "stand", "move", "eat", "swallow", "talk", "speak", "see", "hear", "breathe",
	"sleep", "remember", "recognize", "dress", "bathe", "feed", "sit", "pee", "get", "climb", "drive", "hold", "grip"}

var (
	spanishAbilities = wordSetOf(spanishAbilityWords)
	englishAbilities = wordSetOf(englishAbilityWords)
	aids             = wordSetOf(aidWords)
)

func spanishAbility(w []byte) bool { return spanishAbilities[string(w)] }

func englishAbility(w []byte) bool { return englishAbilities[string(w)] }

// stripS drops an English third-person "s": "walks" → "walk".
func stripS(w []byte) []byte {
	if len(w) > 3 && w[len(w)-1] == 's' {
		return w[:len(w)-1]
	}
	return w
}

// mobilityAid reads an aid a person uses at k: "usa silla de ruedas",
// "anda en andadera", "uses a walker", "is on oxygen", "needs a
// wheelchair". It returns the statement's first and last token.
func (sc *scanner) mobilityAid(k int) (int, int, bool) {
	if !aidVerbs[string(sc.word(k))] {
		return 0, 0, false
	}
	j := k + 1
	if sc.is(j, "a") || sc.is(j, "an") || sc.is(j, "his") || sc.is(j, "her") || sc.is(j, "en") || sc.is(j, "con") || sc.is(j, "su") ||
		sc.is(j, "una") || sc.is(j, "un") {
		j++
	}
	switch w := sc.word(j); {
	case aids[string(w)]:
		return k, j, !sc.is(j+1, "accessible") && !sc.is(j+1, "ramp") && !sc.is(j+1, "parking")
	case string(w) == "silla":
		if sc.is(j+1, "de") && sc.is(j+2, "ruedas") {
			return k, j + 2, true
		}
	}
	return 0, 0, false
}

// aidVerbWords say a person uses an aid (trigLostLead).
var aidVerbWords = []string{"usa", "usan", "uso", "necesita", "ocupa", "anda", "camina", "uses", "using", "needs", "used"}

var aidVerbs = wordSetOf(aidVerbWords)

// aidWords name the aids; "silla de ruedas" is read apart.
var aidWords = []string{"wheelchair", "walker", "cane", "rollator", "andadera", "andador", "baston", "panales", "diapers",
	"catheter", "sonda", "oxigeno", "oxygen", "muletas", "crutches"}

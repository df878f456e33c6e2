package policy

// Clinical statements as patients say them rather than as a chart writes
// them. The lexicon knows the names of conditions, drugs and tests; the
// rules here read the sentence shapes around the body and its readings
// that carry the same information without those names:
//
//   - Spanish says whose body hurts with a dative pronoun: "me zumban los
//     oídos", "se me hinchan los pies", "le sangra la nariz";
//   - a state said of a part: "ando mala de la panza", "j'ai mal au dos";
//   - something had on a part: "tengo piquetes en el pecho", "I have a
//     bump on my arm";
//   - a vital sign told by its number: "saturación 91%", "tiene 39 de
//     temperatura", "peso 95 kilos", each checked against the range a
//     body can show, so a room number or a price is no reading;
//   - a condition named by its shape: an unlisted word ending like a
//     disease ("-itis", "-emia", "-osis", "-algia") after "tengo",
//     "diagnosed with" or a possessive;
//   - a specialty visit reached by a referral or a visit verb: "me
//     mandaron a cardiología", "I see a nephrologist", with specialty
//     names read by their shape (cardio-, onco-, nefro- + -logía/-logist).
//
// An operational question that names a department with nobody in it
// ("where is the oncology department?", "¿a qué hora abre cardiología?")
// is a question about a place and stays readable.

import (
	"bytes"
	"strings"
)

// spokenClinical runs the rules above. It runs after the lexicon's own
// clinical terms, so it only adds statements nobody claimed yet.
func (sc *scanner) spokenClinical() {
	if sc.flagsAny&fBodyPart != 0 {
		if sc.stmtAny&sClitic != 0 {
			sc.dativeBody()
		}
		if sc.stmtAny&sHave != 0 {
			sc.thingOnPart()
		}
	}
	if sc.stmtAny&sPartState != 0 {
		sc.partStates() // French "dos" is no listed part: not gated on one
	}
	if sc.stmtAny&sVital != 0 {
		sc.bareReadings()
	}
	if sc.stmtAny&(sHave|sClitic) != 0 || sc.flagsAny&(fClinLead|fPersonal) != 0 {
		sc.shapedConditions()
	}
	if sc.stmtAny&sPregnancy != 0 || sc.flagsAny&fPersonal != 0 {
		sc.pregnancyStages()
	}
}

// pregnant reports a person who can be said to be at a stage of a
// pregnancy: "I'm", "she's", "my wife is", "estoy", "we're".
func (sc *scanner) pregnant(p int) bool {
	if uint(p) >= uint(len(sc.toks)) || sc.toks[p].trig&trigPregnantWho == 0 {
		return false
	}
	if sc.is(p, "is") {
		return p > 0 && (sc.flags(p-1)&fPersonal != 0 || sc.toks[p-1].ent.cue == cueRelation)
	}
	return true
}

// pregnantWhoWords are the words pregnant accepts (trigPregnantWho).
var pregnantWhoWords = []string{"i'm", "im", "she's", "shes", "we're", "estoy", "esta", "voy", "va", "am", "is"}

// pregnancyStageWords open a stage that is no number (trigPregnancyStage):
// the cases of pregnancyStages after a number's.
var pregnancyStageWords = []string{"expecting", "esperando", "due", "measuring", "semana"}

// gestationShape reports a gestational age written as one token: "30w2d",
// "10wks", "32wk", "30w".
func gestationShape(w []byte) bool {
	i := 0
	for i < len(w) && isDigit(w[i]) {
		i++
	}
	if i == 0 || i > 2 {
		return false
	}
	switch rest := string(w[i:]); {
	case rest == "w" || rest == "wk" || rest == "wks":
		return true
	case len(rest) >= 3 && rest[0] == 'w' && isDigit(rest[1]) && rest[len(rest)-1] == 'd':
		return true
	}
	return false
}

// pregnancyStages finds a pregnancy told by its stage in the ways
// pregnancyWeeks leaves: with a hedge ("I'm about 12 weeks", "I am
// currently 28 weeks", "im like 9 weeks"), in months ("I'm 5 months"), as
// one token ("I'm 30w2d", "10wks"), by its expectation ("I'm expecting in
// May", "we're expecting our second baby", "estoy esperando bebé"), its
// due date ("I'm due in 3 weeks") or its size ("I'm measuring small"),
// and Spanish's week ("voy en la semana 30"). "I'm 3 months behind",
// "he's 5 months old", "I'm expecting a call" and "I'm due for a refill"
// are other things.
func (sc *scanner) pregnancyStages() {
	// A person ("I'm", "estoy"), then a number, a code ("30w2d") or one
	// of the stage words.
	if sc.trigAny&trigPregnantWho == 0 || !sc.numbersAny && sc.trigAny&trigPregnancyStage == 0 {
		return
	}
	T := sc.toks
	for p := range T {
		if T[p].claimed || T[p].kind != tkWord || !sc.pregnant(p) {
			continue
		}
		k := p + 1
		for n := 0; n < 2 && k < len(T) && T[k].kind == tkWord; n++ {
			switch string(sc.txt(k)) {
			case "about", "around", "almost", "nearly", "like", "currently", "now", "already", "just", "only", "over",
				"casi", "como", "ya", "apenas", "ahorita", "ahora", "de": // "estoy casi de 30 semanas"
				k++
				continue
			}
			break
		}
		if k >= len(T) || T[k].claimed {
			continue
		}
		e := -1
		switch {
		case T[k].kind == tkNum && (sc.is(k+1, "weeks") || sc.is(k+1, "wks") || sc.is(k+1, "wk") || sc.is(k+1, "semanas") ||
			sc.is(k+1, "months") || sc.is(k+1, "mos") || sc.is(k+1, "meses")):
			switch string(sc.word(k + 2)) {
			case "old", "behind", "out", "away", "ago", "late", "since", "sober", "clean", "into", "of", "de", "postpartum", "sin", "after":
				continue
			}
			e = k + 1
		case T[k].kind == tkAlnum && gestationShape(sc.txt(k)):
			e = k
		case sc.is(k, "expecting") || sc.is(k, "esperando"):
			// "expecting", "expecting in may", "expecting our second baby",
			// "esperando bebé"; not "expecting a call".
			n := k + 1
			switch {
			case n >= len(T) || sc.kind(n) == tkPunct:
				e = k
			case sc.is(n, "twins") || sc.is(n, "bebe") || sc.is(n, "gemelos"):
				e = n
			case sc.is(n, "in") && sc.flags(n+1)&fMonth != 0:
				e = n + 1
			case (sc.is(n, "a") || sc.is(n, "un") || possessive(sc.word(n)) || sc.is(n, "our")) && (sc.is(n+1, "baby") || sc.is(n+1, "bebe")):
				e = n + 1
			case (possessive(sc.word(n)) || sc.is(n, "our")) && (sc.is(n+1, "first") || sc.is(n+1, "second") || sc.is(n+1, "third") ||
				sc.is(n+1, "primer") || sc.is(n+1, "segundo")) && (sc.is(n+2, "baby") || sc.is(n+2, "child") || sc.is(n+2, "bebe") || sc.is(n+2, "hijo")):
				e = n + 2
			}
		case sc.is(k, "due") && !sc.is(k+1, "to") && !sc.is(k+1, "for"):
			switch {
			case (sc.is(k+1, "in") || sc.is(k+1, "next")) && k+2 < len(T):
				e = k + 2
				if (sc.kind(e) == tkNum || numberWord(sc.word(e)) || sc.is(e, "a")) && e+1 < len(T) {
					e++
				}
			case sc.flags(k+1)&fMonth != 0:
				e = k + 1
			}
		case sc.is(k, "measuring") && (sc.is(k+1, "small") || sc.is(k+1, "big") || sc.is(k+1, "large") || sc.is(k+1, "ahead") || sc.is(k+1, "behind")):
			e = k + 1
		case sc.is(k, "en") && sc.is(k+1, "la") && sc.is(k+2, "semana") && sc.kind(k+3) == tkNum:
			e = k + 3
		}
		if e < 0 || e >= len(T) || sc.anyClaimed(p, e) {
			continue
		}
		s := p
		if sc.is(p, "is") {
			s = p - 1
			if s > 0 && possessive(sc.word(s-1)) {
				s--
			}
		}
		sc.addTok(s, e, SpanCondition, 0.7, prioClinical)
	}
}

// The spoken-statement rules' trigger words are statement classes in the
// lexicon, so the look-up every token already makes says which rules a
// message can trigger and each rule's own pass runs only where it can
// find something. They follow the classes of phi_statements.go.
const (
	sSpecialty   stmtClass = sBlood << (1 + iota) // "cardiology", "dialysis": specialty() and serviceWord()
	sPlace                                        // "clinic", "unidad": a clinic named for what it treats
	sClitic                                       // "me", "le": a Spanish dative complaint
	sHave                                         // "tengo", "I have": something on a part
	sPartState                                    // "mal", "mala": a part unwell
	sConditional                                  // "if", "si": advice given to anyone
	sVisitCue                                     // "cita", "referred", "estoy": a visit to a specialty
	sPregnancy                                    // "weeks", "expecting", "due", "waters": a pregnancy's stage or labour
)

// spokenWordLists are the words of those classes.
var spokenWordLists = []struct {
	bit   stmtClass
	words []string
}{
	{sSpecialty, append(append([]string{}, specialtyWords...), serviceWords...)},
	{sPlace, placeNouns},
	{sClitic, []string{"me", "le", "les", "nos"}},
	{sHave, []string{"tengo", "tiene", "tienes", "tenemos", "tienen", "tenia", "tenian", "traigo", "trae", "tenho", "tem",
		"have", "has", "had", "got", "i've", "ive", "she's", "he's"}},
	{sPartState, []string{"mal", "malo", "mala", "malos", "malas", "enfermo", "enferma", "delicado", "delicada"}},
	{sConditional, []string{"if", "si", "unless", "whenever"}},
	{sVisitCue, append(append(append([]string{}, visitCueWords...), staffNouns...), visitNouns...)},
	{sPregnancy, []string{"weeks", "wks", "wk", "months", "mos", "meses", "semanas", "semana", "expecting", "esperando",
		"due", "measuring", "water", "waters", "moving", "movements", "kicking", "kicks"}},
}

// clitic reports a Spanish dative pronoun that makes a body part
// someone's: "me", "le", "les", "nos" ("te" is the clinic asking).
func clitic(w []byte) bool {
	switch string(w) {
	case "me", "le", "les", "nos":
		return true
	}
	return false
}

// bodyFiller reports the degree and frequency words that sit between a
// Spanish verb of the body and the part: "me duele mucho la", "me late
// muy fuerte el".
func bodyFiller(w []byte) bool {
	switch string(w) {
	case "mucho", "mucha", "muy", "bastante", "demasiado", "fuerte", "horrible", "un", "poco", "todo", "toda",
		"todos", "todas", "siempre", "otra", "vez", "tanto", "ya", "bien", "feo", "seguido", "cada",
		"rato", "de", "nuevo", "tambien", "aun", "todavia":
		return true
	}
	return false
}

// thirdPersonVerb reports a Spanish verb form that agrees with the body
// part after it ("duele", "zumban", "hinchó"), the form a dative
// complaint takes; first-person forms ("lavo", "corté") are things a
// person does to the part, not what the part does.
func thirdPersonVerb(w []byte) bool {
	n := len(w)
	if n < 2 {
		return false // "da" ("me da vueltas la cabeza") is the shortest
	}
	switch w[n-1] {
	case 'a', 'e':
		return true
	case 'n':
		return w[n-2] == 'a' || w[n-2] == 'e'
	}
	return false
}

// partArticle reports a word that introduces a body part in Spanish,
// Portuguese or French.
func partArticle(w []byte) bool {
	switch string(w) {
	case "el", "la", "los", "las", "mi", "mis", "su", "sus", "o", "a", "os", "as", "le", "les", "l", "mon", "ma", "mes":
		return true
	}
	return false
}

// partAt reads an optional article and a body part (with its side words)
// at token j and returns the part's last token, or -1.
func (sc *scanner) partAt(j int) int {
	if partArticle(sc.word(j)) {
		j++
	}
	for n := 0; n < 2 && sc.flags(j)&fSide != 0 && sc.flags(j)&fBodyPart == 0; n++ {
		j++
	}
	if j >= len(sc.toks) || sc.toks[j].claimed || sc.flags(j)&fBodyPart == 0 || sc.kind(j) != tkWord {
		return -1
	}
	for sc.flags(j+1)&fSide != 0 && j+1 < len(sc.toks) && !sc.toks[j+1].claimed {
		j++ // "la pierna izquierda"
	}
	return j
}

// dativeBody finds a complaint told with a dative pronoun: "me zumban los
// oídos", "se me duermen las manos en la noche", "le sangra la nariz",
// "me sale sangre de la nariz". Said of a body part, what the verb says
// is the complaint, whichever verb it is.
func (sc *scanner) dativeBody() {
	T := sc.toks
	for c := range T {
		if T[c].kind != tkWord || T[c].claimed || !clitic(sc.txt(c)) {
			continue
		}
		s := c
		involuntary := sc.is(c-1, "se")
		if involuntary && !T[c-1].claimed {
			s = c - 1
		}
		v := c + 1
		if v >= len(T) || T[v].kind != tkWord || T[v].claimed || T[v].flags&fBodyPart != 0 || partArticle(sc.txt(v)) {
			continue
		}
		if !involuntary && !thirdPersonVerb(sc.txt(v)) && !symptomWord(sc.txt(v)) {
			continue
		}
		// Degree words and at most one thing that comes out of the part
		// ("sangre", "pus") before it.
		j, things := v+1, 0
		for j < len(T) && j <= v+4 && T[j].kind == tkWord && !T[j].claimed {
			w := sc.txt(j)
			if partArticle(w) && (sc.is(j+1, "tiempo") || sc.is(j+1, "rato") || timeNoun(sc.word(j+1))) {
				j += 2 // "todo el tiempo", "toda la noche"
				continue
			}
			if partArticle(w) || T[j].flags&fBodyPart != 0 || sc.is(j, "de") && sc.partAt(j+1) > 0 {
				break
			}
			if !bodyFiller(w) {
				if things > 0 || T[j].flags&(fNotName|fVisit) != 0 {
					j = -1
					break
				}
				things++
			}
			j++
		}
		if j < 0 {
			continue
		}
		if sc.is(j, "de") || sc.is(j, "del") || sc.is(j, "en") {
			j++
		}
		e := sc.partAt(j)
		if e < 0 {
			continue
		}
		e = sc.symptomTail(e)
		sc.addTok(s, e, SpanSymptom, 0.65, prioClinical)
	}
}

// partStates finds a part said to be unwell: "ando mala de la panza",
// "estoy malo del estómago", "j'ai mal au dos", "mal à la tête".
func (sc *scanner) partStates() {
	T := sc.toks
	for k := range T {
		if T[k].kind != tkWord || T[k].claimed {
			continue
		}
		switch string(sc.txt(k)) {
		case "mal", "malo", "mala", "malos", "malas", "enfermo", "enferma", "delicado", "delicada":
		default:
			continue
		}
		j := k + 1
		french := false
		switch {
		case sc.is(j, "de") || sc.is(j, "del"):
			j++
		case sc.is(k, "mal") && (sc.is(j, "au") || sc.is(j, "aux")):
			j, french = j+1, true
		case sc.is(k, "mal") && sc.is(j, "a") && (sc.is(j+1, "la") || sc.is(j+1, "l")):
			j, french = j+2, true
		default:
			continue
		}
		e := sc.partAt(j)
		if e < 0 && french && sc.is(j, "dos") {
			e = j // French "dos" is the back; Spanish "dos" is two
		}
		if e < 0 {
			continue
		}
		s := k
		for p := k - 1; p >= 0 && p >= k-2 && T[p].kind == tkWord && !T[p].claimed; p-- {
			switch string(sc.txt(p)) {
			case "ando", "anda", "andaba", "estoy", "esta", "estaba", "sigo", "sigue", "siento", "siente", "me", "se",
				"ai", "j'ai", "a", "tengo", "tiene", "muy", "bien", "bastante", "estou", "esta'":
				s = p
				continue
			}
			break
		}
		sc.addTok(s, sc.symptomTail(e), SpanSymptom, 0.6, prioClinical)
	}
}

// haveWord reports a verb of having that opens "tengo piquetes en el
// pecho", "I have a bump on my arm", "she's got a cut on her hand".
func haveWord(w []byte) bool { return spanishHave(w) || englishHave(w) }

// spanishHave reports a Spanish or Portuguese form of having, which says
// whose body follows without a possessive.
func spanishHave(w []byte) bool {
	switch string(w) {
	case "tengo", "tiene", "tienes", "tenemos", "tienen", "tenia", "tenian", "traigo", "trae", "tenho", "tem":
		return true
	}
	return false
}

func englishHave(w []byte) bool {
	switch string(w) {
	case "have", "has", "had", "got", "i've", "ive", "she's", "he's":
		return true
	}
	return false
}

// thingOnPart finds something a person has on or in a body part: "tengo
// piquetes en el pecho", "tiene unas manchas en la piel", "I have a bump
// on my arm". The part is owned in English ("my", "her"), and in Spanish
// by the verb; the thing had is no form, card or visit.
func (sc *scanner) thingOnPart() {
	T := sc.toks
	for h := range T {
		if T[h].kind != tkWord || T[h].claimed || !haveWord(sc.txt(h)) {
			continue
		}
		english := englishHave(sc.txt(h))
		if english {
			// "I have", "she has", "my son has": the haver is a person.
			if !(healthSubject(sc.word(h-1)) || sc.flags(h-1)&fPersonal != 0 || T[max(h-1, 0)].ent.cue == cueRelation ||
				sc.is(h, "i've") || sc.is(h, "ive") || sc.is(h, "she's") || sc.is(h, "he's")) {
				continue
			}
		}
		// The thing: one to four words, none of them operational.
		j := h + 1
		if sc.is(j, "got") {
			j++
		}
		things := 0
		for j < len(T) && j <= h+5 && T[j].kind == tkWord && !T[j].claimed {
			w := sc.txt(j)
			if sc.is(j, "in") || sc.is(j, "on") || sc.is(j, "en") || sc.is(j, "around") || sc.is(j, "under") || sc.is(j, "behind") {
				break
			}
			if possessive(w) || T[j].flags&(fNotName|fVisit|fDoseUnit|fWeekday|fMonth) != 0 || T[j].ent.cue != cueNone || T[j].stmt&sVital != 0 {
				things = -1
				break
			}
			if T[j].flags&fStop == 0 {
				things++
			}
			j++
		}
		if things <= 0 || j >= len(T) {
			continue
		}
		p := j + 1
		if english {
			if !possessive(sc.word(p)) || sc.is(p, "your") {
				continue
			}
			p++
		}
		e := sc.partAt(p)
		if e < 0 {
			continue
		}
		s := h
		if h > 0 && !T[h-1].claimed && T[h-1].kind == tkWord && (healthSubject(sc.txt(h-1)) || T[h-1].flags&fPersonal != 0) {
			s = h - 1
		}
		sc.addTok(s, sc.symptomTail(e), SpanSymptom, 0.6, prioClinical)
	}
}

// vitalKind sorts the vital-sign words by the reading they take, so a
// number is checked against the range a body can show.
type vitalKind uint8

const (
	vkNone vitalKind = iota
	vkPressure
	vkTemp
	vkSat
	vkSugar
	vkPulse
	vkWeight
)

func vitalKindOf(w []byte) vitalKind {
	w = bytes.TrimSuffix(w, []byte("'s")) // "my sugar's been"
	switch string(w) {
	case "bp", "presion", "pressure", "tension", "pressao", "tensao":
		return vkPressure
	case "temp", "temperature", "temperatura", "fiebre", "fever", "febre", "fievre", "calentura":
		return vkTemp
	case "o2", "sat", "sats", "saturation", "saturacion", "saturacao", "oxygen", "oxigeno", "oxigenacion", "oxigenio", "spo2", "ox":
		return vkSat
	case "glucose", "glucosa", "sugar", "sugars", "azucar", "glicemia", "glucemia", "glicose", "glycemie", "glucometer", "glucometro":
		return vkSugar
	case "pulse", "pulso", "pulsaciones", "heartbeat", "latidos", "frecuencia":
		return vkPulse
	case "weight", "peso", "weigh", "weighs", "weighed", "pesa", "pesaba", "pese", "pesando", "weighing", "pesa'":
		return vkWeight
	}
	return vkNone
}

// extraVitalWords are vital-sign words in the other ways patients write
// them (Spanish nouns of the reading, Portuguese, French, the verbs of
// weighing); they join the lexicon's vital class.
var extraVitalWords = []string{
	"saturacion", "saturacao", "oxigenacion", "oxigenio", "glicemia", "glucemia", "glicose", "glycemie", "pressao",
	"tensao", "fiebre", "fever", "febre", "fievre", "calentura", "pulsaciones", "heartbeat", "latidos", "frecuencia",
	"weigh", "weighs", "weighed", "pesa", "pesaba", "pese", "ox", "glucometer", "glucometro",
}

// symptomStateWords are states of the whole body a person is said to
// be in: "he's been really lethargic", "estoy muy congestionada". Like
// the condition adjectives they count after "I'm", "is", "estoy".
var symptomStateWords = []string{"lethargic", "listless", "fussy", "feverish", "achy", "bloated", "constipated", "congested",
	"dehydrated", "jaundiced", "clammy", "flushed", "wheezy", "sluggish", "shaky", "woozy", "groggy", "queasy",
	"nauseated", "nauseous", "lightheaded", "light-headed", "delirious", "confused", "disoriented", "unresponsive",
	"congestionado", "congestionada", "deshidratado", "deshidratada", "estrenido", "estrenida", "mareado", "mareada",
	"decaido", "decaida", "afiebrado", "afiebrada", "acalenturado", "acalenturada", "desganado", "desganada",
	"palido", "palida", "amarillento", "amarillenta", "aturdido", "aturdida", "desorientado", "desorientada",
	"inconsciente", "hinchado", "hinchada", "confundido", "confundida"}

func init() {
	stmtWordLists = append(stmtWordLists, struct {
		bit   stmtClass
		words []string
	}{sCondAdj, symptomStateWords})
	stmtWordLists = append(stmtWordLists, struct {
		bit   stmtClass
		words []string
	}{sVital, extraVitalWords})
	stmtWordLists = append(stmtWordLists, spokenWordLists...)
}

// readingValue is the whole-number part of the reading at token k.
func (sc *scanner) readingValue(k int) int {
	v := 0
	for _, c := range sc.word(k) {
		if !isDigit(c) {
			break
		}
		v = v*10 + int(c-'0')
		if v > 100000 {
			break
		}
	}
	return v
}

// plausible reports whether the reading [k, e] is one a body shows for
// this kind of vital sign: a pressure is two numbers, a temperature
// 34–43 °C or 93–108 °F, a saturation 50–100, a sugar 20–700, a pulse
// 30–250, a weight any number with a weight unit.
func (sc *scanner) plausible(kind vitalKind, k, e int) bool {
	v := sc.readingValue(k)
	switch kind {
	case vkPressure:
		return e > k && !sc.isP(e, '%') && v >= 60 && v <= 260
	case vkTemp:
		return v >= 34 && v <= 43 || v >= 93 && v <= 108
	case vkSat:
		return v >= 50 && v <= 100 && e == k || v >= 50 && v <= 100 && (sc.isP(e, '%') || sc.is(e, "percent"))
	case vkSugar:
		return v >= 20 && v <= 700 && e == k || v >= 20 && v <= 700 && sc.is(e, "mg/dl")
	case vkPulse:
		return v >= 30 && v <= 250
	case vkWeight:
		switch string(sc.word(e)) {
		case "lbs", "lb", "pounds", "kg", "kilos", "libras", "kilogramos", "quilos":
			return v >= 2 && v <= 700
		}
		return sc.kind(e) == tkAlnum && readingUnitSuffix(sc.word(e)) && !bytes.HasSuffix(sc.word(e), []byte("f")) && !bytes.HasSuffix(sc.word(e), []byte("c"))
	}
	return false
}

// thresholdWord reports a word that makes a reading a target or a rule
// rather than someone's value: "keep it below 140/90", "call if over
// 101", "la meta es menos de 130".
func thresholdWord(w []byte) bool {
	switch string(w) {
	case "target", "goal", "goals", "below", "under", "above", "less", "greater", "than", "keep", "aim", "between",
		"if", "should", "must", "meta", "objetivo", "menor", "mayor", "menos", "debajo", "encima", "arriba", "mantener",
		"entre", "si", "debe", "deberia", "hace", "outside", "afuera", "weather", "clima", "range", "rango", "normal",
		"normally", "usually", "typical", "means", "considered":
		return true
	}
	return false
}

// bareReadings finds a vital sign told only by its number, which the
// owned-or-told rule leaves: "saturación 91%", "temp 38.9 since last
// night", "la saturación le bajó a 88%", "tiene 39 de temperatura",
// "peso 95 kilos". A reading a body can show, said without a target or a
// rule around it, is someone's reading.
func (sc *scanner) bareReadings() {
	T := sc.toks
	for v := range T {
		if T[v].stmt&sVital == 0 || T[v].claimed || T[v].kind != tkWord && T[v].kind != tkAlnum {
			continue
		}
		kind := vitalKindOf(sc.txt(v))
		if kind == vkNone {
			continue
		}
		if kind == vkWeight && !sc.weigher(v) {
			continue
		}
		if kind == vkPressure && !sc.spokenPressure(v) && !partArticle(sc.word(v-1)) && !sc.personalMessage() {
			// A bare pair with nobody in the message ("presión 150/95
			// hoy", "BP 120/80") is how the clinic writes targets too.
			continue
		}
		// The reading after the word: "saturación 91%", "temp is 38.9",
		// "la saturación le bajó a 88%".
		s, e, ok := v, -1, false
		for k := v + 1; k < len(T) && k <= v+5; k++ {
			if T[k].claimed {
				break
			}
			if r, found := sc.readingAt(k); found {
				e, ok = r, sc.plausible(kind, k, r)
				break
			}
			if T[k].kind == tkPunct && !(sc.isP(k, ':') || sc.isP(k, '=') || sc.isP(k, '-')) || T[k].kind != tkPunct && !(readingLink(sc.txt(k)) || spokenLink(sc.txt(k))) {
				break
			}
		}
		// The reading before it: "tiene 39 de temperatura", "38.5 of fever".
		if e < 0 && (sc.is(v-1, "de") || sc.is(v-1, "of")) && kind != vkWeight {
			k := v - 2
			for k > 0 && (sc.isP(k, '%') || sc.kind(k) == tkNum && sc.isP(k-1, '.') || sc.isP(k, '.') || sc.isP(k, '/')) {
				k--
			}
			if k >= 0 && sc.kind(k) == tkNum && !T[k].claimed {
				if r, found := sc.readingAt(k); found && r == v-2 {
					s, e, ok = k, v, sc.plausible(kind, k, r)
				}
			}
		}
		if e < 0 && kind == vkTemp && (spanishHave(sc.word(v-1)) || sc.is(v-1, "con")) && !T[v-1].claimed {
			// "tengo temperatura", "amaneció con temperatura": Spanish
			// calls a fever by the word for the reading.
			s, e, ok = v-1, v, true
		}
		if !ok || e < 0 || sc.anyClaimed(s, e) {
			continue
		}
		threshold := false
		for k := max(s-5, 0); k < len(T) && k <= e+3; k++ {
			if thresholdWord(sc.word(k)) {
				threshold = true
				break
			}
		}
		if threshold {
			continue
		}
		// Whose it is, when said: "mi", "la", "tengo", "my".
		for p := s - 1; p >= 0 && p >= s-2 && T[p].kind == tkWord && !T[p].claimed; p-- {
			if possessive(sc.txt(p)) || partArticle(sc.txt(p)) || haveWord(sc.txt(p)) || healthSubject(sc.txt(p)) || sc.is(p, "con") {
				s = p
				continue
			}
			break
		}
		typ := SpanLab
		if e == v && kind == vkTemp && sc.kind(v-1) == tkWord {
			typ = SpanSymptom // a fever, not its reading
		}
		sc.addTok(s, e, typ, 0.7, prioClinical)
	}
}

// spokenLink reports the Spanish and Portuguese words patients put
// between a vital sign and its number beyond readingLink's: "le bajó a
// 88", "marcó 170", "tenía 170/110", "deu 160 por 100".
func spokenLink(w []byte) bool {
	switch string(w) {
	case "bajo", "subio", "a", "marca", "marco", "marcaba", "llego", "tenia", "tiene", "tengo", "anda", "andaba",
		"sigue", "amanecio", "amaneci", "estuvo", "deu", "esta'", "hit", "says", "said", "reads", "showed", "shows",
		"dropped", "rose", "spiked", "got", "y", "and", "then", "sat", "ox", "tomé", "tome", "tomaron", "in", "the":
		return true
	}
	return false
}

// spokenPressure reports a pressure told with a verb vitalReadings does
// not know: "me tomé la presión y tenía 170/110", "la presión le subió a
// 180/100".
func (sc *scanner) spokenPressure(v int) bool {
	for k := v + 1; k < len(sc.toks) && k <= v+4; k++ {
		switch string(sc.word(k)) {
		case "tenia", "subio", "bajo", "marco", "marca", "marcaba", "llego", "amanecio", "deu", "hit", "reads", "says":
			return true
		}
	}
	return false
}

// weigher reports that a weighing word at v is a person's weight: "I
// weigh", "she weighs", "mi hijo pesa", "peso 95 kilos" (the
// first-person verb opening its clause), "my weight".
func (sc *scanner) weigher(v int) bool {
	if sc.is(v, "peso") {
		return v == 0 || sc.kind(v-1) == tkPunct || sc.is(v-1, "yo") || sc.is(v-1, "ya") || sc.is(v-1, "ahora") || possessive(sc.word(v-1)) || partArticle(sc.word(v-1)) && sc.is(v-2, "y")
	}
	if sc.is(v, "weight") {
		return possessive(sc.word(v - 1))
	}
	return sc.personBefore(v)
}

// conditionSuffixes are the endings of disease names in English,
// Spanish and Portuguese: inflammation, blood, growth, degeneration,
// pain, deficit, disease of an organ.
// "-oma" only in the growths' own endings (carcinoma, glioma, lipoma,
// sarcoma, linfoma, hematoma): "diploma", "idioma" and "síntoma" end in
// it too.
var conditionSuffixes = []string{"itis", "emia", "aemia", "osis", "algia", "algias", "noma", "nomas", "ioma", "iomas",
	"ipoma", "rcoma", "nfoma", "phoma", "atoma", "atomas", "pathy", "patia",
	"penia", "plasia", "trofia", "trophy", "uria", "rrea", "rrhea", "rrhoea", "ectasia", "esclerosis", "sclerosis",
	"itis", "plejia", "plegia", "cele", "lithiasis", "litiasis"}

// conditionShape reports an unlisted word shaped like a disease name:
// "esofagitis", "hipoglucemia", "fibroadenoma", "neuropathy".
func conditionShape(w []byte) bool {
	if len(w) < 7 {
		return false
	}
	switch w[len(w)-1] {
	case 's', 'a', 'y', 'e':
	default:
		return false
	}
	for _, s := range conditionSuffixes {
		if len(w) > len(s)+3 && string(w[len(w)-len(s):]) == s {
			return true
		}
	}
	return false
}

// caughtVerb reports the Spanish verbs of catching an illness, said with
// a dative pronoun: "le dio", "me agarró", "le pegó".
func caughtVerb(w []byte) bool {
	switch string(w) {
	case "dio", "dieron", "agarro", "pego", "cayo", "salio":
		return true
	}
	return false
}

// shapedConditions marks an unlisted, disease-shaped word that is said of
// a person: after "tengo", "has", "diagnosed with", "sufre de", a
// possessive or "for" of a treatment. Dictionary words ("diploma",
// "aroma", "idioma") are in the ordinary list and never qualify.
func (sc *scanner) shapedConditions() {
	T := sc.toks
	for k := range T {
		if T[k].kind != tkWord || T[k].claimed || T[k].flags != 0 || T[k].ent.cue != cueNone || T[k].e-T[k].s < 7 {
			continue
		}
		if !conditionShape(sc.txt(k)) {
			continue
		}
		p := k - 1
		for n := 0; n < 2 && p >= 0 && (T[p].flags&fClinMod != 0 || adjectiveShape(sc.txt(p)) || sc.is(p, "una") || sc.is(p, "un") || sc.is(p, "a") || sc.is(p, "an")); n++ {
			p--
		}
		if p < 0 || T[p].kind != tkWord {
			continue
		}
		if !(haveWord(sc.txt(p)) || T[p].flags&fClinLead != 0 || caughtVerb(sc.txt(p)) && clitic(sc.word(p-1)) || possessive(sc.txt(p)) || sc.is(p, "de") && (sc.is(p-1, "sufre") || sc.is(p-1, "sufro") || sc.is(p-1, "padece") || sc.is(p-1, "padezco") || sc.is(p-1, "tratamiento")) ||
			sc.is(p, "with") || sc.is(p, "con") || sc.is(p, "for") || sc.is(p, "por")) {
			continue
		}
		if !sc.personBefore(k) && T[p].flags&fClinLead == 0 {
			continue
		}
		s := p + 1
		if T[p].flags&fClinLead != 0 || haveWord(sc.txt(p)) {
			s = p
		}
		e, _ := sc.clinRight(k)
		if sc.anyClaimed(s, e) {
			continue
		}
		sc.addTok(s, e, SpanCondition, 0.6, prioClinical)
	}
}

// addSpokenClinicalTerms files the words of the body and of its
// complaints in Portuguese and French, which Spanish-speaking clinics
// also hear, and the Spanish colloquial fever ("tengo temperatura").
// Sources: MedlinePlus health-topic titles (public domain) and the
// everyday anatomy every phrasebook lists.
func addSpokenClinicalTerms(lx *lexicon) {
	lx.flag(fBodyPart, "cabeca", "costas", "peito", "perna", "pernas", "joelho", "joelhos", "olho", "olhos", "braco",
		"bracos", "barriga", "dente", "dentes", "ouvidos", "tete", "ventre", "gorge", "jambe", "jambes", "genou",
		"genoux", "poitrine", "oreille", "oreilles", "yeux", "bras", "dent", "dents", "coeur", "nuque", "epaule",
		"cheville", "estomac", "coracao", "pescoco", "tornozelo", "ombro", "coxa", "gengivas", "pele", "peau",
		"pee", "poop", "poo", "caca", "popo", "pipi", "piss", "mucus", "phlegm", "flema", "moco", "mocos")
	// The smaller parts patients name when one of them changes: "her
	// eyelid keeps twitching", "my nails turned yellow", "se le cae el
	// pelo".
	lx.flag(fBodyPart, "eyelid", "eyelids", "nails", "fingernails", "toenails", "toenail", "hair", "scalp", "lips",
		"lip", "tongue", "gums", "forehead", "thigh", "thighs", "calf", "calves", "heel", "heels", "armpit",
		"armpits", "breast", "breasts", "nipple", "nipples", "testicle", "testicles", "bowels", "thumb", "cheek",
		"cheeks", "chin", "eyebrow", "temples", "labios", "lengua", "encias", "unas", "cabello", "pelo", "parpado",
		"talon", "muslo", "seno", "senos", "pezon")
	// "my stomach's been upset", "her sugar's been high": the part or
	// the reading with "is" or "has" run into it.
	var contracted []string
	for w, e := range lx.words {
		if e.flags&fBodyPart != 0 && e.nTok == 1 && !strings.ContainsRune(w, ' ') {
			contracted = append(contracted, w+"'s")
		}
	}
	lx.flag(fBodyPart, contracted...)
	for _, w := range append(append([]string{}, vitalWordWords...), extraVitalWords...) {
		lx.add(w+"'s", func(e *lexEntry) { e.stmt |= sVital })
	}
	symptom := func(e *lexEntry) { e.flags |= fClin; e.clin = SpanSymptom }
	for _, t := range []string{"dor", "dores", "febre", "tosse", "tontura", "tonturas", "enjoo", "enjoos", "falta de ar",
		"coceira", "inchaco", "cansaco", "diarreia", "vomitos", "nausea", "nauseas", "fievre", "toux", "nausee", "nausees",
		"vertige", "vertiges", "douleur", "douleurs", "diarrhee", "essoufflement", "vomissements", "demangeaisons"} {
		lx.addTerm(t, symptom)
	}
	condition := func(e *lexEntry) { e.flags |= fClin; e.clin = SpanCondition }
	for _, t := range []string{"pressao alta", "pressao baixa", "diabete", "hypertension arterielle", "tension haute",
		"acucar alto", "asme", "depressao", "ansiedade",
		// Treatments that are services, named the way patients book them.
		"hemodialisis", "hemodialysis", "peritoneal dialysis", "dialisis peritoneal", "quimios", "cardiac rehab",
		"pulmonary rehab", "rehabilitacion cardiaca", "rehabilitacion pulmonar",
		// The Spanish names of the services the English lexicon lists
		// ("detox", "palliative care", "STD clinic", "infusion center").
		"desintoxicacion", "desintoxicarse", "cuidados paliativos", "clinica de ets", "clinica de its",
		"clinica de fertilidad", "clinica de trasplantes", "clinica de trasplante", "clinica de la memoria",
		"clinica del dolor", "clinica de heridas", "clinica de adicciones", "centro de infusion", "centro de infusiones",
		"tratamiento de adicciones", "intercambio de jeringas", "salud conductual", "hematologia", "hematologo",
		"hematologa", "clinica de vih", "clinica del vih", "clinica de sida", "trasplante"} {
		lx.addTerm(t, condition)
	}
	addFrenchPortugueseClinicalTerms(lx)
}

// genericAdvice drops the clinical statements of a message that gives
// advice to anyone rather than telling about someone: "call us if your
// temperature is over 100.4", "si tiene fiebre de más de 38.5, llame a
// la clínica", "if you have chest pain, call 911 now". The statement
// sits in a conditional clause, nobody in the message is the writer or
// a relative, and nothing is asked: a patient describing themselves says
// "I", "my", "tengo" or asks what to do.
func (sc *scanner) genericAdvice() {
	if len(sc.cands) == 0 {
		return
	}
	T := sc.toks
	cond, act := false, false
	for k := range T {
		switch {
		case sc.isP(k, '?') || sc.isP(k, '¿'):
			return
		case T[k].kind != tkWord:
			continue
		case T[k].ent.cue == cueRelation && !(sc.is(k-1, "your") || sc.is(k-1, "a") || sc.is(k-1, "su")):
			return // "my son", not "your child" or "a child"
		case T[k].ent.cue == cueNameStrong || writerWord(sc.txt(k)):
			return
		case sc.is(k, "if") || sc.is(k, "si") && !sc.isP(k+1, ',') || sc.is(k, "unless") || sc.is(k, "whenever"):
			cond = true
		case contactAction(sc.txt(k)):
			act = true
		case careWord(string(sc.txt(k))) || sc.is(k, "still") || sc.is(k, "again") || sc.is(k, "another") ||
			sc.is(k, "todavia") || sc.is(k, "aun") || sc.is(k, "sigue") || sc.is(k, "otra"):
			// "if you still have a fever after the new medicine": this
			// patient's care, not advice to anyone.
			return
		}
	}
	// Only advice whose action is to seek care ("call 911", "llame a la
	// clínica", "go to the ER"): "if your potassium is still high we'll
	// change the dose" is this patient's plan, not advice to anyone.
	if !cond || !act {
		return
	}
	out := sc.cands[:0]
	for _, c := range sc.cands {
		if c.prio == prioClinical && sc.conditionalClause(sc.tokenAt(c.s), sc.tokenAt(c.e-1)) {
			continue
		}
		out = append(out, c)
	}
	sc.cands = out
}

// contactAction reports a verb of seeking care or help: "call",
// "llame", "go", "acuda", "seek", "dial".
func contactAction(w []byte) bool {
	switch string(w) {
	case "call", "llame", "llamar", "llamenos", "go", "vaya", "acuda", "acudir", "seek", "busque", "buscar", "dial",
		"marque", "contact", "contacte", "text", "avise", "avisenos", "visit", "get", "tell", "digale", "informe":
		return true
	}
	return false
}

// conditionalClause reports an "if" or "si" inside the statement [s, e]
// or opening the clause it starts in.
func (sc *scanner) conditionalClause(s, e int) bool {
	for p := e; p >= 0 && p >= s-8; p-- {
		if sc.is(p, "if") || sc.is(p, "si") || sc.is(p, "unless") || sc.is(p, "whenever") {
			return true
		}
		if p < s && (sc.isP(p, '!') || sc.isP(p, ';') || sc.isP(p, '.') && !(sc.attached(p) && sc.attached(p+1))) {
			return false
		}
	}
	return false
}

// writerWord reports a word by which the writer or someone they speak
// for enters a message: "I", "my", "tengo", "mi", "she".
func writerWord(w []byte) bool {
	switch string(w) {
	case "i", "i'm", "im", "i've", "ive", "i'd", "my", "me", "mine", "myself", "we", "our", "he", "she", "his", "her",
		"him", "he's", "she's", "mi", "mis", "yo", "tengo", "estoy", "voy", "tuve", "estuve", "ando", "siento",
		"nuestro", "nuestra", "nos", "eu", "minha", "meu", "tenho", "estou":
		return true
	}
	return false
}

package policy

import "bytes"

// clinical marks medications, conditions, symptoms and lab tests, each
// grown into the whole statement it heads: a drug with its dose and how
// often ("metformin 500 mg twice daily"), a test with its value ("A1C was
// 9.2", "biopsy came back positive"), a condition with its modifiers
// ("type 2 diabetes, uncontrolled") and a pregnancy with its stage ("8
// weeks along"). Masking only the keyword would leave the rest readable.
func (sc *scanner) clinical() {
	if sc.stmtAny&sSpecialty != 0 {
		sc.patientVisits()
	}
	if (sc.stmtAny&(sClitic|sHave|sVisitCue) != 0 || sc.flagsAny&fPersonal != 0) && sc.anySpecialty() {
		sc.specialtyReferrals()
		sc.specialistActs()
		sc.specialtyVisits()
	}
	if sc.stmtAny&(sHave|sVisitCue) != 0 || sc.flagsAny&fVisit != 0 {
		// A visit, a referral or having: "my physical therapy
		// appointment", "referred to wound care", "I have speech therapy".
		sc.qualifiedCare()
	}
	if sc.flagsAny&fPersonal != 0 || sc.stmtAny&(sHave|sVisitCue) != 0 {
		sc.procedures() // "after her mastectomy", "dad has radiation"
	}
	sc.pregnancyWeeks()
	if sc.stmtAny&sPregnancy != 0 {
		sc.labourStatements() // "my water broke", "due in March"
	}
	sc.typedToDodge()
	lorem := -1
	for _, m := range sc.marks {
		if m.e.flags&fClin == 0 || sc.anyClaimed(m.ts, m.te-1) {
			continue
		}
		if sc.placeholder && (sc.toks[m.ts].fuzzy || sc.toks[m.ts].flags&fLatin != 0) {
			continue
		}
		if sc.idiom(m) || sc.genericMention(m) || sc.departmentMention(m) || sc.serviceMention(m) || sc.specialistAsked(m) || sc.labServiceQuestion(m) ||
			sc.goodsAsked(m) || sc.nutrientOfFood(m) {
			continue
		}
		if m.te-m.ts == 1 && sc.is(m.ts, "dolor") && !sc.isP(m.te, ',') && !sc.is(m.te, "de") && !sc.is(m.te, "en") {
			// Placeholder Latin ("lorem ipsum dolor sit amet") is layout
			// text, not a patient in pain.
			if lorem < 0 {
				lorem = 0
				for i := range sc.toks {
					if sc.is(i, "lorem") || sc.is(i, "ipsum") || sc.is(i, "amet") {
						lorem = 1
						break
					}
				}
			}
			if lorem == 1 {
				continue
			}
		}
		s := sc.clinLeft(m.ts)
		e, grown := sc.clinRight(m.te - 1)
		if m.te-m.ts == 1 && m.e.flags&fHeadNoun != 0 {
			// "Lyme disease", "irritable bowel syndrome", "enfermedad de
			// Chagas": the head noun takes the words that name it.
			hs, he := sc.headNounSpan(m.ts)
			s, e = min(s, hs), max(e, he)
			grown = grown || hs < m.ts || he > m.ts
		}
		if m.e.flags&fNeedsFinding != 0 && m.e.clin == SpanSymptom {
			// "sore", "hurt", "painful" are symptoms when they are about a
			// body or a person: "my back is sore", not "it won't hurt".
			if !sc.aboutBody(s, e) {
				continue
			}
		} else if m.e.flags&fNeedsFinding != 0 && !grown && (m.e.flags&fHeadNoun != 0 || !sc.imagingFinding(m)) && !sc.levelHad(m.ts) {
			// "Where do I park for my MRI?" names a visit, "no sugar,
			// thanks" a thing: neither is a finding.
			continue
		}
		if m.e.clin == SpanSymptom || m.e.clin == SpanMedication {
			e = sc.symptomTail(e)
		}
		sc.addTok(s, e, m.e.clin, 0.8, prioClinical)
	}
	sc.bodyComplaints()
	sc.spanishLayComplaints()
	sc.lostFunctions()
	sc.breathingDevices()
	sc.vitalReadings()
	sc.weightStatements()
	sc.healthPredicates()
	sc.organProblems()
	sc.conditionStates()
	sc.feverReadings()
	sc.seenBlood()
	sc.menstrualStatements()
	sc.lumpStatements()
	sc.spokenClinical()
	if sc.stmtAny&sPlace != 0 {
		sc.namedClinics()
	}
	sc.sensitiveStatements()
	sc.substanceChartTerms()
	sc.statements()
	if sc.stmtAny&sConditional != 0 {
		sc.genericAdvice()
	}
}

// levelHad reports a test's word that a person has at a level: "I have
// low iron", "he has high sugar", "mi hija tiene baja la hemoglobina" is
// the Spanish reader's. The level and the having are the finding.
func (sc *scanner) levelHad(k int) bool {
	switch string(sc.word(k - 1)) {
	case "high", "low", "raised", "elevated", "very":
	default:
		return false
	}
	h := k - 2
	if sc.is(h, "very") || sc.is(h, "really") {
		h--
	}
	if !haveWord(sc.word(h)) {
		return false
	}
	if w := sc.word(h); string(w) == "i've" || string(w) == "ive" || string(w) == "she's" || string(w) == "he's" {
		return true
	}
	p := sc.toks[max(h-1, 0)]
	return h > 0 && (p.flags&fPersonal != 0 && !addressee(sc.word(h-1)) || p.ent.cue == cueRelation)
}

// clinContent reports a token that carries part of a clinical statement
// on its own: a number, a dose unit, a frequency, a result value or a
// modifier.
func (sc *scanner) clinContent(k int) bool {
	switch sc.kind(k) {
	case tkNum, tkAlnum:
		return true
	case tkWord:
		return sc.flags(k)&(fDoseUnit|fFreq|fResultValue|fClinMod|fVisit|fDuration|fBodyPart) != 0 || numberWord(sc.word(k))
	case tkPunct:
		return sc.isP(k, '%')
	}
	return false
}

// clinRight extends a clinical span from token end over its dose,
// frequency, value and modifiers, and reports whether it took a value
// (anything beyond a visit word). Linking
// words ("was", "came back", "count", "of") are taken only when content
// follows them.
func (sc *scanner) clinRight(end int) (int, bool) {
	imaging := imagingWord(sc.word(end))
	last, value := end, false
	for k := end + 1; k < len(sc.toks) && k <= end+12; k++ {
		t := &sc.toks[k]
		if t.claimed {
			break
		}
		if t.kind == tkPunct {
			c := sc.n.b[t.s]
			switch {
			case (c == '.' || c == '/' || c == '-' || c == ':') && !t.space && k+1 < len(sc.toks) && !sc.toks[k+1].space:
				continue
			case c == '%':
				last = k
				continue
			case c == ',' && sc.flags(k+1)&(fClinMod|fResultValue) != 0:
				continue
			case c == ',' && !t.space && sc.kind(k-1) == tkNum && sc.kind(k+1) == tkNum && k+1 < len(sc.toks) && !sc.toks[k+1].space:
				continue // "15,000"
			case (c == ',' || c == ':' || c == '=' || c == '(' || c == ')' || c == '-' || c == '~' || c == '@') &&
				k+1 < len(sc.toks) && !sc.toks[k+1].claimed && (sc.clinContent(k+1) || sc.flags(k+1)&fClin != 0):
				continue // "metformin, 500 mg, twice a day", "A1C: 9.2", "TSH = 6.8", "(9.2%)"
			}
			break
		}
		if t.kind == tkNum && (sc.clockTime(k) || sc.flags(k+1)&fDuration != 0 || sc.is(k+1, "hours") || sc.is(k+1, "minutes") || sc.is(k+1, "mins") || sc.is(k+1, "horas") || sc.is(k+1, "minutos")) && imaging {
			break // "the MRI takes 45 minutes": how long a visit lasts
		}
		if t.kind == tkNum && sc.clockTime(k) {
			break
		}
		// "my MRI at 10am", "ultrasound at 11": an imaging visit's time,
		// not its finding.
		if t.kind == tkAlnum && clockWord(sc.word(k)) || imaging && t.kind == tkNum && sc.is(k-1, "at") {
			break
		}
		if t.flags&fClin != 0 && t.flags&fNeedsFinding == 0 {
			// "biopsy showed cancer": one statement.
			last, value = k, true
			continue
		}
		if t.kind == tkWord && findingVerb(sc.word(k)) {
			// "MRI showed a small tear", "the biopsy found cancer
			// cells": what follows the verb is the finding, to the end
			// of the clause.
			e := k
			for n := k + 1; n < len(sc.toks) && n <= k+8 && !sc.toks[n].claimed && !sc.clauseEnd(n); n++ {
				e = n
			}
			if e > k {
				last, value, k = e, true, e
				continue
			}
		}
		if e := sc.bodyPartPhrase(k); e > 0 {
			last, k = e, e // "pain in my lower back"
			continue
		}
		// "el nivel de colesterol de mi mamá salió alto", "the biopsy of
		// my son came back": whose measure it is sits inside the statement.
		if (sc.is(k, "de") || sc.is(k, "of") || sc.is(k, "del")) && possessive(sc.word(k+1)) && k+2 < len(sc.toks) &&
			!sc.toks[k+2].claimed && sc.toks[k+2].ent.cue == cueRelation {
			k += 2
			continue
		}
		if e := sc.durationPhrase(k); e > 0 {
			last, k = e, e // "for three days", "since last night", "desde ayer"
			continue
		}
		if sc.clinContent(k) {
			last = k
			value = value || sc.flags(k)&fVisit == 0
			continue
		}
		if t.kind == tkWord && t.flags&fResultWord != 0 {
			continue
		}
		break
	}
	return last, value
}

// clinLeft extends a clinical span from token start over the modifiers,
// numbers and durations before it ("type 2", "severe", "20 weeks").
func (sc *scanner) clinLeft(start int) int {
	for k := start - 1; k >= 0 && k >= start-4; k-- {
		t := &sc.toks[k]
		if t.claimed {
			break
		}
		if t.kind == tkNum || t.kind == tkAlnum && isDigit(sc.n.b[t.s]) ||
			(t.kind == tkWord && (t.flags&(fClinMod|fDuration|fDoseUnit|fBodyPart|fSide|fClinLead|fResultValue) != 0 || numberWord(sc.word(k)))) {
			start = k
			continue
		}
		// "moderate to severe eczema", "mild or moderate": a range of
		// modifiers.
		if (sc.is(k, "to") || sc.is(k, "or") || sc.is(k, "a")) && sc.flags(k+1)&fClinMod != 0 && sc.flags(k-1)&fClinMod != 0 && !sc.toks[k-1].claimed {
			start = k - 1
			k--
			continue
		}
		// "treatment-resistant depression", "congestive", "rheumatic":
		// a hyphenated or adjective-shaped word no list knows.
		if t.kind == tkWord && t.flags == 0 && t.ent.cue == cueNone && t.e-t.s >= 6 && sc.kind(start) == tkWord && adjectiveShape(sc.word(k)) {
			start = k
			continue
		}
		// "my throat is really sore": a linking verb after a body part.
		if t.kind == tkWord && linkingVerb(sc.word(k)) && (sc.flags(k-1)&fBodyPart != 0 || linkingVerb(sc.word(k-1)) && sc.flags(k-2)&fBodyPart != 0) {
			continue
		}
		// "20 units of Lantus", "2 tabletas de ibuprofeno".
		if (sc.is(k, "of") || sc.is(k, "de")) && sc.flags(k-1)&fDoseUnit != 0 && (sc.kind(k-2) == tkNum || numberWord(sc.word(k-2))) {
			start = k - 2
			k -= 2
			continue
		}
		if sc.isP(k, '-') && !t.space {
			continue
		}
		// "0.5mg clonazepam", "2.5 mg": the decimal point of a dose.
		if (sc.isP(k, '.') || sc.isP(k, ',')) && !t.space && k+1 == start && sc.attached(k+1) && sc.kind(k-1) == tkNum && !sc.toks[k-1].claimed {
			start = k - 1
			k--
			continue
		}
		// "the results of my blood test", "the level of sugar", "los
		// resultados de mi examen", "mi nivel de azúcar": the measure's
		// own words before it.
		if sc.is(k, "of") || sc.is(k, "de") || sc.is(k, "del") || sc.is(k, "for") || possessive(sc.word(k)) {
			p := k
			if possessive(sc.word(p)) {
				p--
			}
			if sc.is(p, "of") || sc.is(p, "de") || sc.is(p, "del") || sc.is(p, "for") {
				p--
			}
			if p < k && p >= 0 && !sc.toks[p].claimed && measureWord(sc.word(p)) {
				start = p
				break
			}
		}
		// "prueba de VIH", "test for HIV": the test names the condition.
		if (sc.is(k, "de") || sc.is(k, "for") || sc.is(k, "of") || sc.is(k, "del")) && testWord(sc.word(k-1)) && !sc.toks[k-1].claimed {
			start = k - 1
			break
		}
		break
	}
	return start
}

// clockTime reports a number that is the time of day of a visit, not a
// test's value: "at 3 on Tuesday", "at 10:30", "3pm".
func (sc *scanner) clockTime(k int) bool {
	if sc.isP(k+1, ':') && sc.attached(k+1) {
		return true
	}
	nx := sc.word(k + 1)
	switch string(nx) {
	case "on":
		// "at 3 on Tuesday"; "92 on the home monitor" is a reading.
		return !sc.takenWhen(k + 1)
	case "am", "pm", "oclock", "o'clock", "today", "tomorrow", "tonight", "hoy", "manana":
		return true
	}
	if sc.flags(k+1)&fWeekday != 0 {
		return true
	}
	return sc.is(k-1, "at") && (sc.is(k-2, "still") || sc.is(k-2, "is") || sc.is(k-2, "appointment"))
}

// imagingFinding reports whether a message that names an imaging test
// also says something clinical: a result value after it, a result word,
// or another clinical term.
func (sc *scanner) imagingFinding(m mark) bool {
	for k := m.te; k < len(sc.toks) && k < m.te+5; k++ {
		if sc.flags(k)&fResultValue != 0 {
			return true
		}
	}
	for _, o := range sc.marks {
		if o.ts != m.ts && o.e.flags&fClin != 0 && o.e.flags&fNeedsFinding == 0 {
			return true
		}
	}
	for i := range sc.toks {
		switch string(sc.word(i)) {
		case "results", "result", "resultados", "resultado", "showed", "shows", "found", "report", "mostro", "salio":
			return true
		}
	}
	return false
}

// numberWord reports a number written as a word, one to ninety-nine
// (EN/ES), the way stages, doses and weeks are spelled in chat.
func numberWord(w []byte) bool {
	if unitWord(w) {
		return true
	}
	switch string(w) {
	case "hundred", "thousand", "point", "half", "cien", "ciento", "doscientos", "trescientos", "cuatrocientos",
		"quinientos", "seiscientos", "setecientos", "ochocientos", "novecientos", "mil", "punto", "medio", "media",
		"veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco", "veintiseis", "veintisiete",
		"veintiocho", "veintinueve":
		return true
	case "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
		"diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho",
		"diecinueve", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa":
		return true
	case "dois", "duas", "tres", "quatro", "sete", "oito", "nove", "dez", "doze", "treze", "catorze", "quinze", "vinte",
		"trinta", "deux", "trois", "cinq", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "vingt", "trente":
		// The Portuguese and French numbers the dictionary does not hold:
		// "tenho dois filhos" counts children, names none.
		return true
	}
	return false
}

// clinicalSignal decides Detection.Clinical. A symptom, condition or lab
// result is health information about the sender or someone they speak for,
// so it goes to a nurse. A medication name alone ("do you stock Tylenol")
// counts when paired with an identifier, a question or a person ("my",
// "tengo"). A question about doses or side effects counts without a drug
// name.
func (sc *scanner) clinicalSignal() bool {
	hasMed, hasOther, hasID := false, false, false
	for _, k := range sc.kept {
		switch {
		case k.t == SpanMedication:
			hasMed = true
		case k.t.IsClinical():
			hasOther = true
		default:
			hasID = true
		}
	}
	if hasOther {
		return true
	}
	// The tokens' flags, as their union: flagsAny holds every flag a
	// token was given, and none of these three is ever taken back. A '?'
	// in the folded text is always a punctuation token of its own.
	question := sc.flagsAny&fQuestion != 0 || bytes.IndexByte(sc.n.b, '?') >= 0
	personal := sc.flagsAny&fPersonal != 0
	hint := sc.flagsAny&fClinHint != 0
	if hasMed {
		return hasID || question || personal
	}
	return hint && question
}

// testWord reports a word that names a test of whatever follows it.
func testWord(w []byte) bool {
	switch string(w) {
	case "test", "tests", "testing", "screening", "screen", "prueba", "pruebas", "examen", "analisis", "panel":
		return true
	}
	return false
}

// bodyPartPhrase reads "in my lower back", "on the left side", "en el
// pecho" at token k and returns its last token, or 0.
func (sc *scanner) bodyPartPhrase(k int) int {
	switch string(sc.word(k)) {
	case "in", "on", "around", "near", "behind", "under", "at", "to", "down", "into", "up", "en", "de", "del", "al", "hacia":
	default:
		return 0
	}
	j := k + 1
	switch string(sc.word(j)) {
	case "my", "his", "her", "the", "their", "your", "el", "la", "los", "las", "mi", "mis", "su", "sus", "both":
		j++
	}
	for n := 0; n < 2 && sc.flags(j)&fSide != 0 && sc.flags(j)&fBodyPart == 0; n++ {
		j++
	}
	if j < len(sc.toks) && !sc.toks[j].claimed && sc.flags(j)&fBodyPart != 0 {
		for sc.flags(j+1)&fSide != 0 && !sc.toks[j+1].claimed && sc.toks[j+1].space {
			j++ // "la pierna izquierda"
		}
		return j
	}
	return 0
}

// durationPhrase reads how long a complaint has lasted at token k: "for
// three days", "for a week", "since yesterday", "since last night", "all
// night", "desde ayer", "hace dos días", "por una semana".
func (sc *scanner) durationPhrase(k int) int {
	var quantity func(j int) int
	quantity = func(j int) int { // "3", "three", "a", "a couple of", "a few", "about a"
		switch {
		case sc.kind(j) == tkNum || numberWord(sc.word(j)):
			return j
		case sc.is(j, "about") || sc.is(j, "around") || sc.is(j, "almost") || sc.is(j, "over") || sc.is(j, "nearly") || sc.is(j, "like") || sc.is(j, "casi") || sc.is(j, "como") || sc.is(j, "unos") && numberWord(sc.word(j+1)):
			return quantity(j + 1)
		case sc.is(j, "a") || sc.is(j, "an") || sc.is(j, "una") || sc.is(j, "un") || sc.is(j, "few") || sc.is(j, "several") || sc.is(j, "unos") || sc.is(j, "unas"):
			if sc.is(j+1, "couple") || sc.is(j+1, "few") {
				j++
				if sc.is(j+1, "of") {
					j++
				}
			}
			return j
		case sc.is(j, "the") && (sc.is(j+1, "past") || sc.is(j+1, "last")):
			if sc.kind(j+2) == tkNum || numberWord(sc.word(j+2)) || sc.is(j+2, "few") || sc.is(j+2, "couple") {
				return j + 2
			}
			return j + 1
		}
		return -1
	}
	unit := func(j int) bool {
		if sc.flags(j)&fDuration != 0 {
			return true
		}
		switch string(sc.word(j)) {
		case "day", "days", "hour", "hours", "hrs", "year", "years", "night", "nights", "dias", "dia", "horas", "hora", "anos", "noches":
			return true
		}
		return false
	}
	switch string(sc.word(k)) {
	case "for", "por", "x", "durante":
		if q := quantity(k + 1); q > 0 && unit(q+1) && !sc.anyClaimed(k, q+1) {
			return q + 1
		}
	case "hace":
		if q := quantity(k + 1); q > 0 && unit(q+1) && !sc.anyClaimed(k, q+1) {
			return q + 1
		}
	case "all", "toda", "todo":
		if sc.is(k+1, "night") || sc.is(k+1, "day") || sc.is(k+1, "week") || sc.is(k+1, "morning") || sc.is(k+1, "la") && (sc.is(k+2, "noche") || sc.is(k+2, "semana")) || sc.is(k+1, "el") && sc.is(k+2, "dia") {
			if sc.is(k+1, "la") || sc.is(k+1, "el") {
				return k + 2
			}
			return k + 1
		}
	case "since", "desde":
		j := k + 1
		switch {
		case sc.is(j, "yesterday") || sc.is(j, "today") || sc.is(j, "ayer") || sc.is(j, "anoche") || sc.is(j, "hoy") || sc.flags(j)&fWeekday != 0:
			return j
		case sc.is(j, "last") || sc.is(j, "this") || sc.is(j, "the") || sc.is(j, "el") || sc.is(j, "la") || sc.is(j, "esta") || sc.is(j, "este"):
			if j+1 < len(sc.toks) && !sc.toks[j+1].claimed && sc.kind(j+1) == tkWord {
				if sc.is(j+1, "weekend") || sc.flags(j+1)&fWeekday != 0 || unit(j+1) || sc.is(j+1, "morning") || sc.is(j+1, "manana") || sc.is(j+1, "semana") || sc.is(j+1, "week") || sc.is(j+1, "month") || sc.is(j+1, "mes") {
					if sc.is(j+2, "pasada") || sc.is(j+2, "pasado") {
						return j + 2
					}
					return j + 1
				}
			}
		case sc.is(j, "hace"):
			if q := quantity(j + 1); q > 0 && unit(q+1) {
				return q + 1
			}
		}
	}
	return 0
}

// findingVerb reports a verb that introduces a test's finding.
func findingVerb(w []byte) bool {
	switch string(w) {
	case "showed", "shows", "show", "found", "revealed", "reveals", "indicated", "indicates", "confirmed", "grew",
		"detected", "mostro", "encontro", "revelo", "indico", "confirmo", "detecto":
		return true
	}
	return false
}

// clauseEnd reports punctuation that ends a clause, or a conjunction that
// starts a new one ("…, but", "… and I").
func (sc *scanner) clauseEnd(k int) bool {
	if sc.kind(k) == tkPunct {
		c := sc.n.b[sc.toks[k].s]
		return c == '.' && !(sc.attached(k) && sc.attached(k+1)) || c == ',' || c == ';' || c == '!' || c == '?' || c == '(' || c == ')'
	}
	switch string(sc.word(k)) {
	case "but", "so", "pero", "because", "porque", "can", "should", "could", "please", "when", "what", "is", "does":
		return true
	}
	return false
}

// headNounSpan grows a condition head noun over the words that name it:
// up to two words before ("Lyme disease", "celiac disease") or, in
// Spanish, "de" and a word after ("enfermedad de Crohn").
func (sc *scanner) headNounSpan(h int) (int, int) {
	s, e := h, h
	for k := h - 1; k >= 0 && k >= h-2; k-- {
		t := &sc.toks[k]
		if t.claimed || t.kind != tkWord || t.flags&(fStop|fNotName|fPersonal|fClinLead|fResultWord) != 0 && t.flags&fClin == 0 {
			break
		}
		s = k
	}
	if (sc.is(h+1, "de") || sc.is(h+1, "del")) && h+2 < len(sc.toks) && sc.kind(h+2) == tkWord && !sc.toks[h+2].claimed && sc.toks[h+2].flags&fStop == 0 {
		e = h + 2
	} else if w := sc.word(h + 1); len(w) > 3 && w[0] == 'd' && w[1] == '\'' && !sc.toks[h+1].claimed {
		e = h + 1 // "maladie d'Alzheimer"
	}
	return s, e
}

// linkingVerb joins a body part to how it feels ("my throat is sore").
func linkingVerb(w []byte) bool {
	switch string(w) {
	case "is", "are", "was", "were", "feels", "feel", "felt", "has", "been", "gets", "got", "keeps", "still", "es",
		"esta", "estan", "sigue", "siguen":
		return true
	}
	return false
}

// idiom reports a clinical word used in an everyday phrase: "lump sum",
// "traffic congestion", "what a pain", "cabin fever", "a rash decision".
func (sc *scanner) idiom(m mark) bool {
	if m.te-m.ts != 1 {
		return false
	}
	w, next, prev := string(sc.word(m.ts)), string(sc.word(m.te)), string(sc.word(m.ts-1))
	switch w {
	case "lump":
		return next == "sum"
	case "tia":
		// Spanish "tía" (aunt) is the abbreviation's letters: "mi tía",
		// "a mi tia le duele", "la tía de Ana".
		return prev == "mi" || prev == "tu" || prev == "su" || prev == "la" || prev == "mis" || prev == "sus" || prev == "una" || next == "de"
	case "congestion":
		return prev == "traffic" || prev == "network" || prev == "road"
	case "pain":
		return sc.is(m.ts-1, "a") && (sc.is(m.ts-2, "what") || sc.is(m.ts-2, "such") || sc.is(m.ts-2, "be") || sc.is(m.ts-2, "a")) || next == "in" && sc.is(m.te+1, "the") && (sc.is(m.te+2, "neck") || sc.is(m.te+2, "butt"))
	case "fever":
		return prev == "cabin" || next == "pitch"
	case "rash":
		return next == "decision" || next == "decisions"
	case "panic":
		return next == "button"
	case "sick":
		return next == "of" || next == "and"
	case "tired", "exhausted":
		return next == "of" || prev == "and"
	case "confusion", "confused", "confusing", "confundido", "confundida":
		return sc.confusionOverDetails(m.ts)
	}
	return false
}

// confusionOverDetails reports confusion about the visit's details, not a
// patient's state of mind: an apology ("sorry for the confusion"),
// "to avoid any confusion", confusion about a bill, a time or a form
// ("I'm confused about my bill", "some confusion over the hours"), or a
// writer's own "I'm a bit confused," before a question, with no other
// clinical word in the message. "confused about where she is", "new
// confusion since his fall" and "I'm confused and dizzy" stay symptoms.
func (sc *scanner) confusionOverDetails(i int) bool {
	p := i - 1
	for n := 0; n < 2 && (sc.is(p, "the") || sc.is(p, "any") || sc.is(p, "my") || sc.is(p, "some") || sc.is(p, "no") || sc.is(p, "all") ||
		sc.is(p, "la") || sc.is(p, "mi") || sc.is(p, "esta") || sc.is(p, "cualquier")); n++ {
		p-- // "all the confusion", "la confusión"
	}
	if sc.is(p, "avoid") || sc.is(p, "evitar") {
		return true
	}
	if sc.is(p, "for") || sc.is(p, "por") {
		for q := p - 1; q >= 0 && q >= p-3; q-- {
			switch string(sc.word(q)) {
			case "sorry", "apologies", "apologize", "apologise", "apology", "pardon",
				"perdon", "disculpa", "disculpe", "disculpen", "disculpas", "siento":
				return true
			}
		}
	}
	switch string(sc.word(i + 1)) {
	case "about", "over", "with", "regarding", "re", "on", "by", "con", "sobre", "por":
		// What the confusion is about, up to the end of the clause: a
		// detail of the visit, and no clinical word.
		detail := false
		for k := i + 2; k < len(sc.toks) && k <= i+6; k++ {
			if sc.statementBreak(k) {
				break
			}
			if sc.clinicalWordAt(k) {
				return false
			}
			if visitDetail(sc.word(k)) {
				detail = true
			}
		}
		return detail
	}
	// "I'm a bit confused, is it at 3 or 4?": the writer's own confusion,
	// then a question or a full stop, in a message with no clinical word
	// besides.
	q := i - 1
	for q >= 0 && (sc.is(q, "bit") || sc.is(q, "a") || sc.is(q, "little") || sc.is(q, "so") || sc.is(q, "very") || sc.is(q, "kinda") || sc.is(q, "really") || sc.is(q, "totally")) {
		q--
	}
	if !(sc.is(q, "i'm") || sc.is(q, "im") || sc.is(q, "am") && sc.is(q-1, "i")) {
		return false
	}
	if !(sc.isP(i+1, ',') || sc.isP(i+1, '.') || sc.isP(i+1, '?') || sc.isP(i+1, '!')) {
		return false
	}
	for k := range sc.toks {
		if k != i && sc.clinicalWordAt(k) {
			return false
		}
	}
	return true
}

// clinicalWordAt reports a clinical term or a substance at token k; a verb
// of use ("which door do I use?") is none by itself.
func (sc *scanner) clinicalWordAt(k int) bool {
	t := &sc.toks[k]
	if t.flags&fClin != 0 {
		return true
	}
	return t.flags&fSensitive != 0 && sensitiveKinds[string(sc.word(k))]&(snTerm|snSubstance|snStreet) != 0
}

// visitDetail reports a word for a detail of a visit, a bill or the
// clinic's paperwork: what people are confused about when they write in.
// "Day", "date" and "time" are not among them: "confused about what day
// it is" is disorientation.
func visitDetail(w []byte) bool {
	switch string(w) {
	case "bill", "bills", "billing", "charge", "charges", "invoice", "statement", "payment", "payments", "copay", "balance",
		"insurance", "coverage", "appointment", "appointments", "appt", "schedule",
		"hours", "address", "location", "entrance", "parking", "directions", "form", "forms", "paperwork", "portal", "link",
		"website", "app", "account", "login", "password", "message", "messages", "text", "email", "instructions", "policy",
		"price", "prices", "cost", "fee", "fees", "office", "building", "floor", "suite", "room", "booking", "reminder",
		"cita", "factura", "horario", "hora", "fecha", "seguro", "pago", "formulario", "formularios", "cuenta", "cobro":
		return true
	}
	return false
}

// imagingWord reports an imaging test, whose findings are words, never a
// bare number ("MRI 2 hours" is a duration).
func imagingWord(w []byte) bool {
	switch string(w) {
	case "mri", "x-ray", "xray", "ray", "scan", "ultrasound", "ultrasonido", "radiografia", "resonancia", "tomografia",
		"mammogram", "mamografia", "mammo", "echo", "echocardiogram", "sonogram", "dexa", "endoscopy", "colonoscopy",
		"colonoscopia", "test", "study", "density":
		return true
	}
	return false
}

// patientVisits finds a specialty visit tied to the patient by a
// possessive or a referral: "my cardiology appointment", "her neurology
// follow-up", "referral to urology", "mi cita de cardiología". The
// specialty names the condition being treated; "where is the cardiology
// clinic?" names a place and stays.
func (sc *scanner) patientVisits() {
	T := sc.toks
	for i := range T {
		if T[i].claimed || T[i].kind != tkWord || T[i].stmt&sSpecialty == 0 {
			continue
		}
		owned := sc.is(i-1, "my") || sc.is(i-1, "his") || sc.is(i-1, "her") || sc.is(i-1, "their") || sc.is(i-1, "our") ||
			sc.is(i-1, "to") && (sc.is(i-2, "referral") || sc.is(i-2, "referred")) ||
			(sc.is(i-1, "de") && sc.is(i-2, "cita") && (sc.is(i-3, "mi") || sc.is(i-3, "su")))
		if !owned {
			continue
		}
		e := i
		if sc.flags(i+1)&fVisit != 0 && !T[i+1].claimed {
			e = i + 1
		}
		s := i
		if sc.is(i-1, "de") {
			s = i - 2
		}
		sc.addTok(s, e, SpanCondition, 0.7, prioClinical)
	}
}

// specialty reports a medical specialty whose visits reveal a condition,
// or a service that is one ("dialysis", "chemo"): a statement class of
// the lexicon (specialtyWords, serviceWords).
func specialty(w []byte) bool { return lexiconOrPanic().entry(w).stmt&sSpecialty != 0 }

var specialtyWords = []string{"cardiology", "cardiologist", "neurology", "neurologist", "nephrology", "nephrologist", "urology",
	"urologist", "gastroenterology", "gastroenterologist", "gi", "pulmonology", "pulmonologist",
	"rheumatology", "rheumatologist", "endocrinology", "endocrinologist", "obgyn", "ob-gyn", "obstetrics",
	"gynecology", "gynecologist", "psychology", "psychologist", "therapist", "counseling", "podiatry",
	"orthopedics", "orthopedic", "ent", "ophthalmology", "ophthalmologist", "allergist", "cardiologia",
	"neurologia", "urologia", "ginecologia", "ginecologo", "psicologo", "psicologa", "cardiologo", "neurologo",
	"endocrinologo", "reumatologo", "nefrologo", "gastroenterologo", "dermatology", "dermatologist",
	// Care named by what it is for: "cita de fertilidad", "control de
	// natalidad", "clínica de lactancia", "smoking cessation".
	"fertilidad", "fertility", "maternidad", "maternity", "natalidad", "lactancia", "climaterio", "menopausia",
	"menopause", "tabaquismo", "adicciones", "addiction", "addictions", "displasia", "dysplasia", "colposcopia", "colposcopy",
	"prenatal", "anticoncepcion", "contraception", "cessation", "radiacion",
	// The short names patients give a specialty ("my onc appt", "her
	// neuro follow up", "my rheum"), British spellings, the services
	// for children's and adults' long mental illness, and the French and
	// Portuguese names.
	"onc", "rheum", "neuro", "derm", "pulm", "nephro", "gastro", "endo", "uro", "ob", "hepatology", "hepatologist",
	"haematology", "haematologist", "gynaecology", "gynaecologist", "orthopaedics", "orthopaedic", "genitourinary",
	"colorectal", "bariatric", "vascular", "camhs", "cmht", "psychiatrie", "psychiatre", "oncologie", "cardiologie",
	"neurologie", "urologie", "gynecologie", "endocrinologie", "cardiologista", "neurologista", "ginecologista",
	"oncologista", "urologista", "endocrinologista", "dermatologista", "reumatologista", "gastroenterologista"}

// pregnancyWeeks finds a pregnancy stated by its weeks alone: "I'm 34
// weeks", "she's 20 wks", "estoy de 30 semanas".
func (sc *scanner) pregnancyWeeks() {
	if !sc.numbersAny || sc.flagsAny&fDuration == 0 {
		return // a number, then "weeks"
	}
	T := sc.toks
	for i := range T {
		if T[i].claimed || T[i].kind != tkNum || sc.flags(i+1)&fDuration == 0 {
			continue
		}
		w := string(sc.word(i + 1))
		if w != "weeks" && w != "wks" && w != "semanas" {
			continue
		}
		p := i - 1
		if sc.is(p, "de") {
			p--
		}
		if !(sc.is(p, "i'm") || sc.is(p, "im") || sc.is(p, "she's") || sc.is(p, "shes") || sc.is(p, "am") || sc.is(p, "estoy") || sc.is(p, "esta") || sc.is(p, "is") && sc.flags(p-1)&fPersonal != 0) {
			continue
		}
		if nx := i + 2; nx < len(T) && T[nx].kind == tkWord && (T[nx].flags&fStop == 0 || T[nx].flags&fClin != 0 || sc.is(nx, "along")) &&
			!sc.is(nx, "now") && !sc.is(nx, "today") {
			continue // "I'm 2 weeks late" says something else; "9 weeks pregnant" is the lexicon's
		}
		if (sc.is(i+2, "de") || sc.is(i+2, "of")) && sc.flags(i+3)&fClin != 0 {
			continue // "30 semanas de embarazo"
		}
		sc.addTok(i, i+1, SpanCondition, 0.7, prioClinical)
	}
}

// aboutBody reports a body part inside [s, e] or a person just before s.
func (sc *scanner) aboutBody(s, e int) bool {
	for k := s; k <= e; k++ {
		if sc.flags(k)&fBodyPart != 0 {
			return true
		}
	}
	for k := s - 1; k >= 0 && k >= s-3; k-- {
		switch string(sc.word(k)) {
		case "i", "i'm", "im", "i've", "my", "me", "he", "she", "he's", "she's", "his", "her", "estoy", "tengo", "mi", "le":
			return true
		}
	}
	return false
}

// symptomWord reports a word that says how a part of the body feels or
// works, which is a symptom once it is said of the patient's body ("my
// head is pounding", "my knee gives out", "my vision is blurry"). On
// their own most are ordinary words ("tight", "ringing", "killing").
func symptomWord(w []byte) bool {
	switch string(w) {
	case "pounding", "throbbing", "tight", "ringing", "killing", "blurry", "blurred", "numb", "tingly",
		"tingling", "burning", "itchy", "itching", "itches", "swollen", "swelling", "stiff", "sore", "hurts",
		"hurt", "hurting", "aching", "aches", "ache", "bleeding", "bleeds", "bleed", "cramping", "weak",
		"locking", "locks", "clicking", "popping", "tender", "puffy", "red", "spinning", "racing", "fluttering",
		"skipping", "gives", "giving", "gave", "cracking", "peeling", "oozing", "draining", "leaking",
		"stinging", "stings", "shaking", "trembling", "twitching", "spasming", "heavy",
		"bruised", "irritated", "inflamed", "infected", "dry", "cracked", "watery", "crusty", "bloody",
		"painful", "sensitive", "pulsing", "buzzing", "muffled", "foggy", "fuzzy", "dark", "black", "yellow",
		"worse", "worsening", "off", "funny", "weird", "wrong", "acting", "numbness", "pain", "pains",
		"duele", "duelen", "arde", "arden", "hinchado", "hinchada", "hinchados", "entumido", "entumida",
		"adormecido", "adormecida", "borrosa", "borroso", "sangra", "sangran", "pica", "pican", "late", "zumban",
		"zumba", "inflamado", "inflamada", "rigido", "rigida", "molesta", "molestan", "dormido", "dormida",
		"dormidos", "dormidas", "adolorido", "adolorida", "morado", "morada", "caliente", "rojo", "roja",
		"upset", "revuelto", "revuelta", "cerrada", "cerrado", "irritada", "irritado":
		return true
	}
	return false
}

// everydayPart reports a body part whose word is also an everyday one
// ("call me back", "head office"): it needs its owner.
func everydayPart(w []byte) bool {
	switch string(w) {
	case "back", "side", "hand", "hands", "face", "head", "mouth", "voice", "balance", "sleep", "mood", "blood", "heart",
		"arm", "arms", "leg", "legs", "foot", "feet", "eye", "eyes", "ear", "ears", "nose", "skin", "hair", "nails", "body":
		return true
	}
	return false
}

// possessive reports a word that makes a body part the writer's or a
// relative's: "my", "his", "her", "mi", "su".
func possessive(w []byte) bool {
	switch string(w) {
	case "my", "his", "her", "their", "our", "your", "mi", "mis", "su", "sus", "le", "me":
		return true
	}
	return false
}

// bodyComplaints finds a complaint said of an owned body part: "my head
// has been pounding all morning", "my chest feels tight when I climb
// stairs", "me duele la espalda". The body part, the verbs and how it
// feels are one symptom statement, with its circumstances.
func (sc *scanner) bodyComplaints() {
	if sc.flagsAny&fBodyPart == 0 {
		return
	}
	T := sc.toks
	for b := range T {
		// Body parts are rare in a message; test their flag first.
		if T[b].flags&fBodyPart == 0 || T[b].claimed || T[b].kind != tkWord {
			continue
		}
		i := b - 1
		for n := 0; n < 2 && i >= 0 && sc.flags(i)&fSide != 0 && sc.flags(i)&fBodyPart == 0; n++ {
			i--
		}
		// "my back", "mi espalda", "my son's knee", "Luis's ankle", and
		// Spanish's article after having: "tengo el brazo dormido", "tiene
		// la rodilla hinchada".
		// Chat drops the owner at the start of a clause: "chest feels
		// tight when I run", "throat is killing me". Only a part that is
		// no everyday word, and a linking verb after it, count there.
		dropped := i == b-1 && (i < 0 || sc.statementBreak(i) || sc.isP(i, ',') || sc.lineBreakBefore(b)) &&
			b+1 < len(T) && linkingVerb(sc.txt(b+1)) && !everydayPart(sc.txt(b))
		if !dropped && (i < 0 || T[i].kind != tkWord || !possessive(sc.txt(i)) && !sc.hadArticle(i) &&
			!(bytesHasPossessive(sc.txt(i)) && (T[i].ent.cue == cueRelation || T[i].flags&(fFirst|fSurname) != 0))) {
			continue
		}
		// "me duele la espalda": the feeling comes first in Spanish.
		if !dropped && (sc.is(i, "me") || sc.is(i, "le")) {
			continue
		}
		found := false
		for k := b + 1; k < len(T) && k <= b+5; k++ {
			if T[k].claimed || T[k].kind != tkWord {
				break
			}
			w := sc.txt(k)
			if symptomWord(w) {
				e, _ := sc.clinRight(k)
				e = sc.symptomTail(e)
				sc.addTok(i+1, e, SpanSymptom, 0.7, prioClinical)
				found = true
				break
			}
			if !(linkingVerb(w) || T[k].flags&(fResultWord|fClinMod|fSide) != 0 || complaintFiller(w)) {
				break
			}
		}
		if !found {
			if k, ok := sc.bodyVerb(b); ok {
				sc.addTok(i+1, k, SpanSymptom, 0.6, prioClinical)
			}
		}
	}
	// A scored body part needs no owner: "lower back 8/10", "left
	// shoulder 6 out of 10 when I lift".
	for b := range T {
		if T[b].flags&fBodyPart == 0 || T[b].claimed || T[b].kind != tkWord {
			continue
		}
		if e, ok := sc.painScore(b + 1); ok {
			s := b
			for n := 0; n < 2 && sc.flags(s-1)&fSide != 0; n++ {
				s--
			}
			sc.addTok(s, e, SpanSymptom, 0.6, prioClinical)
		}
	}
}

// complaintFiller reports the little words between a body part and how
// it feels: "has been", "keeps", "started", "is so".
func complaintFiller(w []byte) bool {
	switch string(w) {
	case "keep", "keeps", "kept", "started", "starts", "start", "being", "been", "always", "all", "also", "so",
		"very", "really", "kinda", "kind", "sort", "of", "feel", "feels", "felt", "look", "looks", "looked",
		"seems", "seem", "get", "gets", "got", "getting", "become", "became", "turned", "is", "are", "has",
		"have", "had", "constantly", "suddenly", "still", "now", "totally", "completely", "se", "siente",
		"sienten", "ve", "ven", "muy", "tan", "sigue", "siguen", "esta", "estan", "ha", "han", "estado",
		"goes", "went", "going", "gone", "comes", "came", "turns", "turning", "keeps going", "gets going":
		return true
	}
	return false
}

// timeNoun reports a part of the day or a period a complaint happens in.
func timeNoun(w []byte) bool {
	switch string(w) {
	case "night", "nights", "morning", "mornings", "evening", "evenings", "afternoon", "afternoons", "day",
		"days", "week", "weekend", "time", "times", "bedtime", "noche", "noches", "manana", "mananas", "tarde",
		"tardes", "dia", "dias", "semana", "rato":
		return true
	}
	return false
}

// symptomTail grows a symptom over the circumstances people add to it:
// another feeling joined by "and" ("numb and tingly"), when it happens
// ("at night", "every morning", "lately", "on and off") and what sets it
// off ("when I stand up", "after I eat", "cuando camino"). It returns the
// last token.
func (sc *scanner) symptomTail(end int) int {
	T := sc.toks
	for steps := 0; steps < 4; steps++ {
		k := end + 1
		if k >= len(T) || T[k].claimed {
			return end
		}
		w := sc.txt(k)
		switch {
		case sc.is(k, "and") || sc.is(k, "y") || sc.is(k, "or") || sc.is(k, "o"):
			n := k + 1
			for n < len(T) && n <= k+3 && T[n].kind == tkWord && !T[n].claimed && (complaintFiller(sc.txt(n)) || T[n].flags&fClinMod != 0) {
				n++
			}
			if n < len(T) && !T[n].claimed && (symptomWord(sc.word(n)) || T[n].flags&fClin != 0 && T[n].ent.clin == SpanSymptom) {
				e, _ := sc.clinRight(n)
				end = e
				continue
			}
			return end
		case (sc.is(k, "me") || sc.is(k, "out") || sc.is(k, "up") || sc.is(k, "beats")) && symptomWord(sc.word(end)):
			end = k // "killing me", "gives out", "skipping beats"
			continue
		case sc.is(k, "to") && sc.kind(k+1) == tkWord && !T[k+1].claimed && T[k+1].flags&(fStop|fClinLead) == 0 &&
			(k+2 >= len(T) || sc.clauseEnd(k+2) || sc.is(k+2, "and")):
			end = k + 1 // "hurts to breathe"
			continue
		case (sc.is(k, "a") && (sc.is(k+1, "las") || sc.is(k+1, "la")) && sc.kind(k+2) == tkNum) ||
			(sc.is(k, "at") && (sc.kind(k+1) == tkNum || sc.kind(k+1) == tkAlnum && clockWord(sc.word(k+1)))):
			// "a las 8 de la mañana", "at 9 pm", "at 10am": when it is taken.
			n := k + 1
			if sc.is(k, "a") {
				n = k + 2
			}
			if sc.isP(n+1, ':') && sc.attached(n+1) && sc.kind(n+2) == tkNum {
				n += 2
			}
			if sc.is(n+1, "am") || sc.is(n+1, "pm") {
				n++
			} else if sc.is(n+1, "de") && sc.is(n+2, "la") && (sc.is(n+3, "manana") || sc.is(n+3, "tarde") || sc.is(n+3, "noche")) {
				n += 3
			}
			if n < len(T) && !sc.anyClaimed(k, n) {
				end = n
				continue
			}
			return end
		case sc.is(k, "lately") || sc.is(k, "recently") || sc.is(k, "constantly") || sc.is(k, "nonstop") ||
			sc.is(k, "again") || sc.is(k, "today") || sc.is(k, "tonight") || sc.is(k, "daily") || sc.is(k, "overnight") ||
			sc.is(k, "sometimes") || sc.is(k, "anymore") || sc.is(k, "ultimamente") || sc.is(k, "siempre") || sc.is(k, "hoy"):
			end = k
			continue
		case (sc.is(k, "on") && sc.is(k+1, "and") && sc.is(k+2, "off")) || (sc.is(k, "off") && sc.is(k+1, "and") && sc.is(k+2, "on")):
			end = k + 2
			continue
		case (sc.is(k, "at") || sc.is(k, "in") || sc.is(k, "during") || sc.is(k, "every") || sc.is(k, "each") ||
			sc.is(k, "all") || sc.is(k, "most") || sc.is(k, "this") || sc.is(k, "last") || sc.is(k, "por") ||
			sc.is(k, "en") || sc.is(k, "toda") || sc.is(k, "todas") || sc.is(k, "cada")):
			n := k + 1
			if sc.is(n, "the") || sc.is(n, "la") || sc.is(n, "las") || sc.is(n, "el") {
				n++
			}
			if n < len(T) && !T[n].claimed && timeNoun(sc.txt(n)) {
				end = n
				continue
			}
			if e := sc.durationPhrase(k); e > 0 {
				end = e
				continue
			}
			return end
		case string(w) == "when" || string(w) == "whenever" || string(w) == "after" || string(w) == "before" ||
			string(w) == "while" || string(w) == "cuando" || string(w) == "despues" || string(w) == "al":
			// A short clause to its end: "when I stand up".
			e := k
			for n := k + 1; n < len(T) && n <= k+6 && !T[n].claimed && !sc.clauseEnd(n) &&
				!sc.is(n, "and") && !sc.is(n, "y") && sc.flags(n)&fQuestion == 0; n++ {
				e = n
			}
			if e == k || !(e+1 >= len(T) || sc.clauseEnd(e+1) || sc.is(e+1, "and") || sc.is(e+1, "y") || sc.flags(e+1)&fQuestion != 0) {
				return end
			}
			end = e
			continue
		default:
			if e := sc.durationPhrase(k); e > 0 {
				end = e
				continue
			}
			return end
		}
	}
	return end
}

// adjectiveShape reports a word ending like an English or Spanish
// adjective of medicine ("congestive", "rheumatic", "neuropathic",
// "pulmonary", "arterial", "cronica").
func adjectiveShape(w []byte) bool {
	for _, suf := range []string{"ive", "ic", "tic", "al", "ous", "oid", "ary", "ular", "atory", "ico", "ica", "oso", "osa"} {
		if len(w) > len(suf)+2 && string(w[len(w)-len(suf):]) == suf {
			return true
		}
	}
	return false
}

// genericMention reports a symptom or condition word that only names a
// kind of thing in an operational message: "pain scale on the intake
// form", "cough medicine aisle", "flu shots are $25", "headache clinic
// hours". The symptom modifies a noun of forms, products or services, and
// nobody in the message is said to have it (no "I", "my", "she", "tengo").
// "my pain level is 8", "pain 7/10 since this morning" stay clinical: the
// first is owned, the second has no such noun after the symptom.
func (sc *scanner) genericMention(m mark) bool {
	if m.e.clin != SpanSymptom && m.e.clin != SpanCondition {
		return false
	}
	if v := sc.shotBefore(m.ts); v >= 0 {
		// "¿Cuánto cuesta la vacuna de la gripe?", "a vacina da gripe já
		// está disponível", "le vaccin contre la grippe": the vaccine
		// comes first in Spanish, Portuguese and French.
		return sc.shotForAll(v)
	}
	if m.te >= len(sc.toks) || sc.kind(m.te) != tkWord {
		return false
	}
	n := m.te
	if serviceKind(sc.word(n)) && n+1 < len(sc.toks) && genericNoun(sc.word(n+1)) {
		n++ // "diabetes education class", "mental health support group"
	}
	if !genericNoun(sc.word(n)) {
		return false
	}
	if sc.is(m.te, "level") || sc.is(m.te, "score") || sc.is(m.te, "scores") {
		// "pain level 3/10", "pain score: 7" report a value.
		for k := m.te + 1; k < len(sc.toks) && k <= m.te+3; k++ {
			if sc.kind(k) == tkNum || numberWord(sc.word(k)) {
				return false
			}
		}
	}
	asking := sc.askingForShot(n)
	for i := range sc.toks {
		// "our office is collecting for the cancer charity run": the
		// clinic or a group speaks as "we"; a relative still counts.
		if sc.is(i, "our") || sc.is(i, "we") || sc.is(i, "us") {
			continue
		}
		if sc.is(i, "you") && !(sc.is(i-1, "do") || sc.is(i-1, "does") || sc.is(i-1, "can") || sc.is(i-1, "could") ||
			sc.is(i-1, "will") || sc.is(i-1, "would") || sc.is(i-1, "are") || sc.is(i-1, "thank")) {
			return false // "the diabetes team wants to see you": said to a patient
		}
		if sc.toks[i].flags&fPersonal != 0 && !asking || sc.toks[i].ent.cue == cueRelation || possessive(sc.txt(i)) && !sc.is(i, "your") {
			return false
		}
	}
	return true
}

// genericNoun reports a noun of forms, products, services or places that
// a symptom or condition only names the kind of: "pain scale", "flu
// shots", "mental health team", "diabetes month", "cancer charity run".
func genericNoun(w []byte) bool {
	switch string(w) {
	case "scale", "scales", "level", "score", "scores", "chart", "form", "forms", "medicine", "medicines", "aisle",
		"shot", "shots", "vaccine", "vaccines", "booster", "boosters", "jab", "jabs", "vaccination", "vaccinations",
		"immunization", "immunizations", "policy", "threshold", "questionnaire", "section",
		"handout", "class", "classes", "pamphlet", "brochure", "kit", "kits", "season", "guidelines", "protocol",
		"escala", "vacuna", "vacunas", "formulario", "temporada", "jarabe",
		"team", "teams", "floor", "ward", "wing", "leaflet", "leaflets", "newsletter", "month", "week", "queue", "line",
		"charity", "fundraiser", "drive", "walk", "run", "campaign", "poster", "posters", "flyer", "flyers", "staff",
		"nurses", "course", "courses", "workshop", "talk", "talks", "event", "events", "fair", "group", "groups":
		return true
	}
	return false
}

// serviceKind reports a noun that names a kind of service between a
// condition and the service's noun: "diabetes education class".
func serviceKind(w []byte) bool {
	switch string(w) {
	case "education", "awareness", "support", "prevention", "screening", "research", "information", "info", "clinic",
		"charity", "care", "nurse", "team":
		return true
	}
	return false
}

// shotBefore reports a vaccine noun just before a condition, joined by
// the prepositions and articles of the Romance languages: "vacuna de la
// gripe", "vacina contra a gripe", "vaccin contre la grippe", "vaccin
// anti-grippe".
// It returns the vaccine noun's index, or -1.
func (sc *scanner) shotBefore(ts int) int {
	for k := ts - 1; k >= 0 && k >= ts-4; k-- {
		w := sc.word(k)
		if len(w) == 0 {
			return -1
		}
		switch string(w) {
		case "de", "del", "da", "do", "contra", "contre", "la", "el", "le", "a", "o", "anti", "antigripal", "l'":
			continue
		case "vacuna", "vacunas", "vacina", "vacinas", "vaccin", "vaccins", "vacunacion", "vacinacao", "vaccination",
			"dose", "dosis", "refuerzo", "reforco", "rappel":
			if k < ts-1 {
				return k
			}
		}
		return -1
	}
	return -1
}

// shotForAll reports a message about a vaccine that names nobody: no
// writer, no possessive, no relative ("my daughter's flu vaccine"). The
// article before the vaccine noun (French "le vaccin") is no possessive.
func (sc *scanner) shotForAll(noun int) bool {
	for i := range sc.toks {
		if i == noun-1 {
			continue
		}
		// The writer or someone else by pronoun, verb or possessive;
		// "está" alone speaks of the vaccine ("ya está disponible").
		if sc.toks[i].ent.cue == cueRelation || possessive(sc.txt(i)) && !sc.is(i, "your") ||
			sc.toks[i].kind == tkWord && (personWord(sc.txt(i)) || romancePersonWord(sc.txt(i))) {
			return false
		}
	}
	return true
}

// labServiceQuestion reports a test asked about as a service of the
// clinic, in a question that names nobody and gives no value: "how much
// is a blood test?", "how long do lab results take?", "¿hacen análisis
// de sangre?", "do you do blood work?". "How much is my blood test?",
// "is a blood sugar of 300 bad?" and "when will his labs be back?" stay
// clinical.
func (sc *scanner) labServiceQuestion(m mark) bool {
	if m.e.clin != SpanLab {
		return false
	}
	question, asks := false, false
	for k := range sc.toks {
		t := &sc.toks[k]
		if sc.isP(k, '?') {
			question = true
		}
		if (t.kind == tkNum || t.kind == tkAlnum) && (k < m.ts || k >= m.te) {
			return false // a value or a date: a result ("A1C" names the test)
		}
		if t.kind != tkWord {
			continue
		}
		w := sc.txt(k)
		if len(w) > 2 && w[0] == 0xc2 && w[1] == 0xbf {
			w = w[2:] // "¿hacen": the mark opens the word
		}
		if k == 0 && questionOpener(w) {
			question = true // asked without its question mark
		}
		if string(w) == "me" && tellVerb(sc.word(k-1)) {
			continue // "can you tell me if you do…": the writer only asks
		}
		if withoutPlan(w, sc.word(k+1)) {
			continue // "without insurance", "sin seguro": the price asked
		}
		if t.ent.cue == cueRelation || t.flags&fPersonal != 0 || personWord(w) || romancePersonWord(w) ||
			possessive(w) && string(w) != "your" || numberWord(w) && !indefiniteArticle(w) {
			return false
		}
		if sc.is(k, "back") && (sc.is(k-1, "come") || sc.is(k-1, "comes") || sc.is(k-1, "came")) {
			continue // results "come back": no body part
		}
		if k >= m.ts && k < m.te && t.ent.clin == SpanCondition ||
			(k < m.ts || k >= m.te) && t.flags&(fClin|fClinMod|fResultValue|fSensitive) != 0 {
			// Another clinical word ("high potassium"), or a test named
			// for a condition ("an HIV test"), read conservatively.
			return false
		}
		switch string(w) {
		case "much", "long", "cost", "costs", "price", "usually", "normally", "typically", "general", "offer", "offers",
			"cuanto", "cuesta", "cuestan", "precio", "hacen", "ofrecen", "normalmente", "quanto", "custa", "custam",
			"fazem", "combien", "coute", "faites", "proposez":
			asks = true
		case "you":
			asks = asks || sc.is(k-1, "do") || sc.is(k-1, "does") || sc.is(k-1, "can")
		}
	}
	return question && asks
}

// withoutPlan reports "without" before a health plan, the way a price is
// asked: "without insurance", "sin seguro", "sem plano", "sans mutuelle".
// "without" alone opens statements of going without food, sleep or a
// drug, and stays a clinical word.
func withoutPlan(w, next []byte) bool {
	switch string(w) {
	case "without", "w/o", "sin", "sem", "sans":
	default:
		return false
	}
	switch string(next) {
	case "insurance", "coverage", "seguro", "aseguranza", "cobertura", "plano", "convenio", "mutuelle", "assurance":
		return true
	}
	return false
}

// tellVerb reports a verb of telling whose object "me" asks for an
// answer: "tell me", "let me know", "send me the price".
func tellVerb(w []byte) bool {
	switch string(w) {
	case "tell", "let", "show", "send", "give", "text", "email", "advise", "inform":
		return true
	}
	return false
}

// indefiniteArticle reports "a", "un", "una", "um", "uma", "une": number
// words that mostly mean "a".
func indefiniteArticle(w []byte) bool {
	switch string(w) {
	case "a", "an", "un", "una", "um", "uma", "une":
		return true
	}
	return false
}

// askingForShot reports a vaccine asked for as a service ("can I get a
// flu shot appointment", "where do I get the flu vaccine?"): the "I" of
// the question books a visit, it tells no illness. "I got my flu shot"
// or "I have the flu" stay the writer's own.
func (sc *scanner) askingForShot(noun int) bool {
	switch string(sc.word(noun)) {
	case "shot", "shots", "vaccine", "vaccines", "booster", "boosters", "jab", "jabs", "vaccination", "vaccinations",
		"immunization", "immunizations", "vacuna", "vacunas",
		// Or for the clinic's papers and classes: "how do I sign up for
		// the newsletter about diabetes month", "where can I find the
		// menopause clinic leaflet".
		"leaflet", "leaflets", "newsletter", "month", "class", "classes", "course", "workshop", "pamphlet", "brochure",
		"handout", "poster", "flyer", "talk", "event":
	default:
		return false
	}
	if len(sc.toks) == 0 {
		return false
	}
	switch string(sc.word(0)) {
	case "can", "could", "may", "where", "when", "how", "do", "does", "is", "are", "puedo", "puede", "donde", "cuando":
	default:
		if !sc.isP(len(sc.toks)-1, '?') {
			return false
		}
	}
	for i := range sc.toks {
		if possessive(sc.txt(i)) && !sc.is(i, "your") || sc.toks[i].ent.cue == cueRelation {
			return false
		}
	}
	return true
}

// measureWord reports a noun that stands for a test's reading: "the
// results of", "the level of", "el nivel de".
func measureWord(w []byte) bool {
	switch string(w) {
	case "results", "result", "level", "levels", "reading", "readings", "numbers", "number", "count",
		"resultados", "resultado", "nivel", "niveles", "conteo", "cifras", "valores", "valor":
		return true
	}
	return false
}

// clockWord reports a time of day written as one word: "10am", "3pm",
// "11hrs" is not one.
func clockWord(w []byte) bool {
	n := len(w)
	if n < 3 || !isDigit(w[0]) {
		return false
	}
	if s := string(w[n-2:]); s != "am" && s != "pm" {
		return false
	}
	for _, c := range w[:n-2] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// bodyVerb reads what an owned body part does when no listed feeling
// follows it: "my knee swelled up", "my eye twitches", "my ankle went
// purple", "my stomach won't settle". Patients describe a complaint in
// their own words; said of their body, any verb of it is the complaint.
// It returns the verb's token.
func (sc *scanner) bodyVerb(b int) (int, bool) {
	switch string(sc.txt(b)) {
	case "voice", "back", "side", "hand", "head", "face", "blood", "sleep", "mood", "balance", "hearing":
		// "my voice mail", "my back door", "my side of", "my head
		// office": these parts name other things too; leave them to
		// the listed feelings.
		return 0, false
	}
	k := b + 1
	if e, ok := sc.painScore(k); ok {
		return e, true // "lower back 8/10"
	}
	if sc.kind(k) != tkWord || sc.toks[k].claimed {
		return 0, false
	}
	w := sc.txt(k)
	switch {
	case sc.is(k, "won't") || sc.is(k, "wont") || sc.is(k, "can't") || sc.is(k, "cant") || sc.is(k, "doesn't") ||
		sc.is(k, "keeps") || sc.is(k, "started") || sc.is(k, "went") || sc.is(k, "got") || sc.is(k, "gets") ||
		sc.is(k, "turned") || sc.is(k, "looks") || sc.is(k, "feels") || sc.is(k, "has") && sc.kind(k+1) == tkWord && !sc.is(k+1, "a") && !sc.is(k+1, "an"):
		if sc.kind(k+1) != tkWord || sc.toks[k+1].claimed || sc.flags(k+1)&(fNotName) != 0 {
			return 0, false
		}
		return k + 1, true
	case len(w) > 4 && (string(w[len(w)-2:]) == "ed" || string(w[len(w)-3:]) == "ing") && sc.toks[k].flags&(fStop|fNotName|fBodyPart) == 0:
		return k, true
	case len(w) > 4 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && sc.toks[k].flags&(fStop|fNotName|fBodyPart|fUnit) == 0 && sc.flags(b)&fBodyPart != 0 && !sc.is(b+1, "is"):
		// "my eye twitches", "my knee clicks".
		return k, true
	}
	return 0, false
}

// painScore reads a pain score at token k: "8/10", "6 out of 10", "7 de
// 10", and returns its last token.
func (sc *scanner) painScore(k int) (int, bool) {
	if sc.is(k, "is") || sc.is(k, "at") || sc.is(k, "about") || sc.is(k, "like") {
		k++
	}
	if sc.kind(k) != tkNum {
		return 0, false
	}
	switch {
	case sc.isP(k+1, '/') && sc.attached(k+1) && sc.is(k+2, "10"):
		return k + 2, true
	case sc.is(k+1, "out") && sc.is(k+2, "of") && sc.is(k+3, "10"):
		return k + 3, true
	case sc.is(k+1, "de") && sc.is(k+2, "10"):
		return k + 2, true
	}
	return 0, false
}

// hadArticle reports a Spanish article that owns a body part because a
// form of "tener" stands before it: "tengo el brazo", "tiene la rodilla",
// "tenía los pies". Spanish says whose body it is with the verb, not a
// possessive.
func (sc *scanner) hadArticle(i int) bool {
	switch string(sc.txt(i)) {
	case "el", "la", "los", "las":
	default:
		return false
	}
	switch string(sc.word(i - 1)) {
	case "tengo", "tiene", "tienes", "tenemos", "tienen", "tenia", "tuve", "tuvo", "traigo", "trae", "siento", "siente":
		return true
	case "con":
		// "ando con el estómago revuelto", "amanecí con la garganta
		// cerrada": being with a part in a state is having it.
		switch string(sc.word(i - 2)) {
		case "ando", "anda", "andaba", "estoy", "esta", "estaba", "sigo", "sigue", "amaneci", "amanecio", "me", "desperte", "desperto":
			return true
		}
	}
	return false
}

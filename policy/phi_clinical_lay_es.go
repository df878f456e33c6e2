package policy

// Spanish complaints told by a thing found on a body part or by a part
// left in a state, with no listed symptom: "tengo una bolita en el seno
// izquierdo", "le salió un grano en la nalga", "tengo adormecido el
// brazo derecho", "trae hinchada la cara". Spanish names parts the
// lexicon does not hold ("seno", "axila", "ingle"), and puts the state
// before the part ("adormecido el brazo") where bodyComplaints reads it
// after. A verb of having or feeling must lead: "un letrero en la
// entrada" names no body.

// spanishLayComplaints finds the two shapes.
func (sc *scanner) spanishLayComplaints() {
	if sc.stmtAny&(sHave|sClitic|sHealthVerb) == 0 && sc.flagsAny&fBodyPart == 0 {
		return
	}
	// Both shapes need an article and a verb of having or feeling.
	if sc.trigAny&trigSpanishArticle == 0 || sc.trigAny&(trigFeltVerb|trigPartStateVerb) == 0 {
		return
	}
	T := sc.toks
	for k := range T {
		if T[k].claimed || T[k].kind != tkWord {
			continue
		}
		switch {
		case (sc.is(k, "un") || sc.is(k, "una") || sc.is(k, "unos") || sc.is(k, "unas")) && (sc.is(k+2, "en") || sc.is(k+2, "de")):
			// "tengo una bolita en el seno izquierdo", "le salió un
			// grano en la nalga".
			x := k + 1
			if x >= len(T) || T[x].claimed || T[x].kind != tkWord || T[x].flags&(fStop|fResultWord|fFirst|fSurname) != 0 {
				continue
			}
			j := k + 3
			if sc.is(j, "la") || sc.is(j, "el") || sc.is(j, "los") || sc.is(j, "las") || ownedWord(sc.word(j)) {
				j++
			}
			if j >= len(T) || T[j].claimed || !sc.spanishBody(j) {
				continue
			}
			e := j
			if sc.flags(e+1)&fSide != 0 {
				e++
			}
			v, ok := sc.feltBefore(k + 1)
			if !ok {
				continue
			}
			if !sc.anyClaimed(v, e) {
				sc.addTok(v, e, SpanSymptom, 0.6, prioClinical)
			}
		case (sc.is(k+1, "el") || sc.is(k+1, "la") || sc.is(k+1, "los") || sc.is(k+1, "las")) && participle(sc.word(k)):
			// "tengo adormecido el brazo derecho", "trae hinchada la
			// cara".
			j := k + 2
			if j >= len(T) || T[j].claimed || !sc.spanishBody(j) {
				continue
			}
			if k == 0 || T[k-1].trig&trigPartStateVerb == 0 {
				continue // "tengo", "trae", "amaneci"…
			}
			e := j
			if sc.flags(e+1)&fSide != 0 {
				e++
			}
			s := k - 1
			if sc.is(s-1, "me") || sc.is(s-1, "le") || sc.is(s-1, "se") {
				s--
			}
			if !sc.anyClaimed(s, e) {
				sc.addTok(s, e, SpanSymptom, 0.6, prioClinical)
			}
		}
	}
}

// feltBefore finds, up to four words before j, the verb of having or
// feeling that makes the words after it a complaint: "tengo", "siento",
// "le salió", "me dio". It returns the statement's first token.
func (sc *scanner) feltBefore(j int) (int, bool) {
	for v := j - 1; v >= 0 && v >= j-4; v-- {
		if sc.statementBreak(v) || sc.kind(v) == tkPunct {
			return 0, false
		}
		if sc.toks[v].trig&trigFeltVerb != 0 {
			s := v
			if sc.is(v-1, "me") || sc.is(v-1, "le") || sc.is(v-1, "se") || sc.is(v-1, "te") {
				s = v - 1
			}
			return s, true
		}
	}
	return 0, false
}

// spanishArticles open the thing found ("un", "una"…) or the part
// ("el", "la"…) of the two shapes (trigSpanishArticle).
var spanishArticles = []string{"un", "una", "unos", "unas", "el", "la", "los", "las"}

// feltVerbWords are the verbs feltBefore looks for (trigFeltVerb).
var feltVerbWords = []string{"tengo", "tiene", "tienes", "tenia", "tuve", "tuvo", "traigo", "trae", "siento", "siente",
	"sentia", "senti", "sintio", "salio", "salieron", "dio", "dan", "da", "dieron", "apareci", "aparecio"}

// partStateVerbWords lead a part left in a state: "tengo adormecido el
// brazo" (trigPartStateVerb).
var partStateVerbWords = []string{"tengo", "tiene", "tienes", "traigo", "trae", "siento", "siente", "tenia", "amaneci", "amanecio"}

// notInjuredSpot reports a body word that names something other than a
// place on the body: "presión de la sangre" is a reading.
func notInjuredSpot(w []byte) bool {
	switch string(w) {
	case "sangre", "blood", "azucar", "sugar", "pressure", "presion", "vista", "sueno", "voz":
		return true
	}
	return false
}

// spanishBody reports token j as a part of the body: one the lexicon
// holds, or one of the parts Spanish speakers name that it does not
// ("el seno izquierdo", "la axila", "la nalga").
func (sc *scanner) spanishBody(j int) bool {
	if sc.toks[j].kind != tkWord {
		return false
	}
	if sc.toks[j].flags&fBodyPart != 0 {
		return !notInjuredSpot(sc.word(j))
	}
	switch string(sc.word(j)) {
	case "seno", "senos", "axila", "axilas", "ingle", "ingles", "nalga", "nalgas", "pantorrilla", "pantorrillas", "nuca",
		"mejilla", "mejillas", "ombligo", "testiculo", "testiculos", "pene", "vagina", "vulva", "ano", "sien", "parpado",
		"parpados", "ceja", "barbilla", "empeine", "pezon", "pezones", "cintura", "coxis", "antebrazo", "muneca", "pantorilla":
		return true
	}
	return false
}

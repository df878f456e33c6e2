package policy

// goodsAsked reports a condition or symptom that only names something the
// clinic sells, runs or keeps, asked about by someone who names nobody: a
// test or kit for it ("do you sell COVID tests?", "¿venden pruebas de
// embarazo?", "vendem teste de covid?", "vous vendez des autotests covid
// ?"), a programme for it ("is there a weight loss program and how much
// is it?"), or a device in the clinic's keeping ("does the clinic have a
// defibrillator?"). Asking what the clinic offers tells nothing about
// anyone's health. "My COVID test was positive", "can I buy a pregnancy
// test?", "do you sell pregnancy tests? I'm late" and "does he need a
// defibrillator?" put a person, a value or another clinical word in the
// message and stay masked.
func (sc *scanner) goodsAsked(m mark) bool {
	if m.e.clin != SpanCondition && m.e.clin != SpanSymptom {
		return false
	}
	thing := -1 // the noun of the test, kit or programme, if one names it
	switch {
	case goodsNoun(sc.word(m.te)):
		thing = m.te // "covid tests", "weight loss program"
	case goodsNoun(sc.word(m.ts - 1)):
		thing = m.ts - 1 // "autotests covid"
	case goodsJoin(sc.word(m.ts-1)) && goodsNoun(sc.word(m.ts-2)):
		thing = m.ts - 2 // "pruebas de embarazo", "teste de covid"
	case goodsJoin(sc.word(m.ts-1)) && goodsJoin(sc.word(m.ts-2)) && goodsNoun(sc.word(m.ts-3)):
		thing = m.ts - 3 // "test de la covid"
	}
	if thing < 0 && (!sc.hasPunct('?') && !questionOpener(sc.word(0)) || !sc.deviceKey(m.ts, m.te)) {
		return false // neither a test, kit or programme nor a device asked about
	}
	question, asks := false, false
	for k := range sc.toks {
		t := &sc.toks[k]
		if sc.isP(k, '?') {
			question = true
		}
		inside := k >= m.ts && k < m.te || k == thing
		if (t.kind == tkNum || t.kind == tkAlnum) && !inside {
			return false // a value, a date or a count of someone's
		}
		if t.kind != tkWord {
			continue
		}
		w := sc.txt(k)
		if len(w) > 2 && w[0] == 0xc2 && w[1] == 0xbf {
			w = w[2:] // "¿venden": the mark opens the word
			question = true
		}
		if k == 0 && questionOpener(w) {
			question = true // asked without its question mark
		}
		if (sc.is(k, "le") || sc.is(k, "la")) && k+1 == thing {
			continue // the French article: "le test de covid"
		}
		if t.ent.cue == cueRelation || possessive(w) && string(w) != "your" && string(w) != "our" ||
			personWord(w) && string(w) != "our" || romancePersonWord(w) && string(w) != "your" {
			return false
		}
		if !inside && t.flags&(fClin|fResultValue) != 0 {
			return false // another clinical word: "a pregnancy test, I'm late"
		}
		asks = asks || goodsVerb(w)
	}
	return question && asks
}

// goodsNoun reports a noun of a thing a clinic or pharmacy sells or
// runs for a condition: a test, a kit, a programme.
func goodsNoun(w []byte) bool {
	switch string(w) {
	case "test", "tests", "testing", "kit", "kits", "program", "programs", "programme", "programmes",
		"prueba", "pruebas", "examen", "examenes", "programa", "programas",
		"teste", "testes", "exame", "exames", "autoteste", "autotestes",
		"autotest", "autotests", "depistage":
		return true
	}
	return false
}

// goodsJoin reports the preposition or article that joins a Spanish,
// Portuguese or French test noun to what it tests for ("prueba de",
// "teste da", "test de la").
func goodsJoin(w []byte) bool {
	switch string(w) {
	case "de", "del", "da", "do", "du", "la", "el", "a", "o", "para", "pour", "contra", "contre":
		return true
	}
	return false
}

// goodsVerb reports a word asking what a clinic sells, offers, keeps or
// charges: "sell", "carry", "is there", "how much", "¿venden?", "¿hay?",
// "tem?", "vous faites ?", "combien".
func goodsVerb(w []byte) bool {
	switch string(w) {
	case "sell", "sells", "selling", "carry", "carries", "stock", "stocks", "have", "has", "offer", "offers", "do", "does",
		"provide", "provides", "run", "runs", "there", "much", "cost", "costs", "price", "prices", "buy", "available",
		"venden", "vende", "venta", "tienen", "hacen", "ofrecen", "hay", "cuanto", "cuesta", "cuestan", "precio", "comprar",
		"vendem", "tem", "fazem", "oferecem", "quanto", "custa", "custam", "preco",
		"vendez", "vendent", "avez", "faites", "proposez", "combien", "coute", "coutent", "prix", "acheter":
		return true
	}
	return false
}

package policy

// Ages over 89 said the way Spanish, Portuguese, French and German
// speakers say them, tied to the person in the same clause: "cumplió los
// 90", "fez 92", "mi bisabuelo con 96 todavía camina", "mi tía, de 97,
// necesita ayuda", "la señora que ya tiene 95 viene mañana", "il a 93
// ans" (the unit words are in placeLexicon). HIPAA Safe Harbor makes any
// age of 90 or more an identifier.

// ageTurnVerb reports a verb that only takes an age: "cumplir" and
// "fazer/completar anos" in their common forms.
func ageTurnVerb(w []byte) bool {
	switch string(w) {
	case "cumplio", "cumple", "cumplira", "cumplir", "cumplia", "cumpliendo", "cumpliria", "cumplido", "fez", "faz",
		"fara", "completou", "completa", "completara", "completar", "feta", "fete", "feter":
		return true
	}
	return false
}

// ageHaveVerb reports a verb that states an age when a person is its
// subject: "tiene 95", "tem 92", "il a 93", "ist 94".
func ageHaveVerb(w []byte) bool {
	switch string(w) {
	case "tiene", "tenia", "tendra", "tem", "tinha", "tera", "a", "avait", "aura", "ist", "war", "wird", "ha", "aveva", "compie":
		return true
	}
	return false
}

// ageClauseGoesOn reports a word that may follow a bare age when the
// clause goes on about the person: a conjunction, an adverb of time, a
// pronoun or one of the verbs people use of an elderly relative.
func ageClauseGoesOn(w []byte) bool {
	switch string(w) {
	case "y", "e", "et", "und", "pero", "mas", "mais", "aber", "ma", "todavia", "aun", "ainda", "encore", "noch", "toujours",
		"ya", "ja", "deja", "schon", "no", "nao", "ne", "nicht", "se", "le", "la", "lo", "sigue", "segue", "continua",
		"viene", "vem", "vino", "vive", "mora", "camina", "anda", "maneja", "dirige", "necesita", "precisa", "esta", "va",
		"vai", "quiere", "quer", "puede", "pode", "tiene", "tem", "el", "hoy", "hoje", "manana", "amanha", "en", "em",
		"este", "this", "next", "ayer", "ontem", "hier", "gestern", "ieri", "and", "but", "still", "lives", "needs", "is":
		return true
	}
	return false
}

// agesIntl runs after the other age readers.
func (sc *scanner) agesIntl() {
	T := sc.toks
	if sc.placeAny&shAge == 0 {
		return
	}
	for i := 1; i < len(T); i++ {
		if T[i].claimed || T[i].kind != tkNum {
			continue
		}
		v, n := sc.num(i)
		if n > 3 || v < 90 || v > 125 || sc.attached(i) && sc.kind(i-1) != tkPunct {
			continue
		}
		if sc.intlAgeAt(i, i) {
			sc.addTok(i, i, SpanAge, 0.8, prioAge)
		}
	}
}

// intlAgeAt reports that the number over tokens [i, e], written in digits
// ("fez 92") or in words ("tem noventa e um e não anda"), is a person's
// age by the verbs and prepositions agesIntl reads.
func (sc *scanner) intlAgeAt(i, e int) bool {
	T := sc.toks
	nx := e + 1
	if !sc.notUnit(nx) || sc.isP(nx, '-') && sc.attached(nx) || sc.isP(nx, '.') && sc.attached(nx) && sc.kind(nx+1) == tkNum {
		return false
	}
	ok := false
	// The word before the age, past an article or an adverb:
	// "cumplió los 90", "ya tiene 95", "fez já 92".
	v0 := sc.skipAgeFillers(i) - 1 // "tiene, eh, 93"
	if sc.is(v0, "como") || sc.is(v0, "unos") || sc.is(v0, "tipo") {
		v0-- // "tiene como 93"
	}
	if sc.is(v0, "los") || sc.is(v0, "os") || sc.is(v0, "les") || sc.is(v0, "ya") || sc.is(v0, "ja") || sc.is(v0, "casi") ||
		sc.is(v0, "quase") || sc.is(v0, "deja") || sc.is(v0, "presque") || sc.is(v0, "schon") || sc.is(v0, "fast") {
		v0--
	}
	end := nx >= len(T) || sc.kind(nx) == tkPunct
	switch {
	case ageTurnVerb(sc.word(v0)):
		// Nothing else is "cumplido": the number is an age unless a
		// noun follows it.
		ok = end || ageClauseGoesOn(sc.word(nx)) || T[nx].flags&(fMonth|fWeekday|fDateCue) != 0
	case ageHaveVerb(sc.word(v0)):
		// French "il a 93": the pronoun is the person.
		frPerson := sc.is(v0, "a") && (sc.is(v0-1, "il") || sc.is(v0-1, "elle") || sc.is(v0-1, "qui"))
		if sc.is(v0, "a") && !frPerson {
			break
		}
		ok = (end || ageClauseGoesOn(sc.word(nx))) && (frPerson || sc.personNear(v0)) && !sc.readingBefore(v0)
	case sc.is(i-1, "con") || sc.is(i-1, "com") || sc.is(i-1, "avec") || sc.is(i-1, "mit"):
		ok = (end || ageClauseGoesOn(sc.word(nx))) && sc.personNear(i-1) && !sc.readingBefore(i-1)
	case sc.is(i-1, "de") && sc.isP(i-2, ',') && sc.isP(nx, ','):
		// "mi tía, de 97, necesita ayuda"
		ok = sc.personNear(i - 2)
	}
	return ok
}

// personNear reports a person within the five tokens before i: what
// personBefore knows, or a kinship word or pronoun of Portuguese,
// French, German or Italian.
func (sc *scanner) personNear(i int) bool {
	if sc.personBefore(i) {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		switch string(sc.word(k)) {
		case "meu", "minha", "avo", "avos", "mae", "pai", "tio", "tia", "ele", "ela", "bisavo", "sogra", "sogro",
			"mon", "ma", "pere", "mere", "grand-mere", "grand-pere", "il", "elle", "oncle", "tante",
			"mein", "meine", "vater", "mutter", "oma", "opa", "er", "sie", "onkel",
			"mio", "mia", "nonna", "nonno", "padre", "madre", "lui", "lei", "zia", "zio":
			return true
		}
	}
	return false
}

// readingBefore reports a measure or a clinical word in the few words
// before i: "su saturación con 95", "tiene la presión en 92" are readings.
// A kinship word that is also an abbreviation ("tía", TIA) is a person.
func (sc *scanner) readingBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if sc.toks[k].ent.cue == cueRelation {
			continue
		}
		if sc.toks[k].flags&(fClin|fBodyPart|fNeedsFinding) != 0 || vitalWord(sc.txt(k)) {
			return true
		}
	}
	return false
}

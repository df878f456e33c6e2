package policy

// Statements patients make with no chart word in them: a low mood told
// by what they cannot do ("I can't get out of bed", "no tengo ganas de
// nada" is read by the sensitive families), dark thoughts, sleep that
// does not come, a drinking problem, results told only by where they
// landed ("my levels were high", "mis análisis salieron mal"), a cold
// someone has, a stroke told as "le dio un derrame". Each word that can
// open one carries snShape in the sensitive families, so a message with
// none of them pays nothing; the shape then decides, and
// sensitiveStatements ties the statement to a person and grows it to
// its clause.

// colloquialShape reads the shape opened at token k. It sets the
// statement's first and last token and its type, and reports a match.
func (sc *scanner) colloquialShape(k int, s, e *int, typ *SpanType) bool {
	if sc.mindShape(k, s, e, typ) || sc.englishMindShape(k, s, e) {
		return true
	}
	w := sc.word(k)
	switch string(w) {
	case "thoughts", "pensamientos":
		// "dark thoughts", "bad thoughts again", "pensamientos feos",
		// "pensamientos de muerte".
		if darkThought(sc.word(k - 1)) {
			*s = k - 1
			return true
		}
		if darkThought(sc.word(k+1)) || sc.is(k+1, "de") && (sc.is(k+2, "muerte") || sc.is(k+2, "morir") || sc.is(k+2, "morirme") || sc.is(k+2, "suicidio")) {
			*e = k + 1
			if sc.is(k+1, "de") {
				*e = k + 2
			}
			return true
		}
	case "ending", "end":
		// "thinking about ending it", "I want to end it all", "end my
		// life"; not "end of the month" or "can we end it early".
		n := k + 1
		switch {
		case sc.is(n, "it") && (sc.is(n+1, "all") || n+1 >= len(sc.toks) || sc.kind(n+1) == tkPunct || timeAfter(sc.word(n+1))):
			*e = n
			if sc.is(n+1, "all") {
				*e = n + 1
			}
		case sc.is(n, "my") && sc.is(n+1, "life"), sc.is(n, "his") && sc.is(n+1, "life"), sc.is(n, "her") && sc.is(n+1, "life"):
			*e = n + 1
		default:
			return false
		}
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			if sc.statementBreak(j) {
				break
			}
			switch string(sc.word(j)) {
			case "want", "wants", "wanted", "wanna", "thinking", "think", "thought", "thoughts", "considering", "considered",
				"going", "gonna", "wish", "about":
				*s = j
				return true
			}
		}
	case "ganas":
		// "no tengo ganas de nada", "no tiene ganas de comer", "sin
		// ganas de levantarme".
		if sc.is(k+1, "de") && (sc.negatedWithin(k, 2) || sc.is(k-1, "sin")) && sc.kind(k+2) == tkWord {
			*s, *e = k, k+2
			if sc.is(k-1, "sin") {
				*s = k - 1
			}
			return true
		}
	case "enjoy", "enjoying", "disfruto", "disfruta":
		// "I don't enjoy anything anymore", "ya no disfruto nada".
		if !sc.negatedWithin(k, 3) {
			return false
		}
		switch string(sc.word(k + 1)) {
		case "anything", "nothing", "life", "nada", "anymore", "la":
			*e = k + 1
			if sc.is(k+1, "la") && sc.is(k+2, "vida") || sc.is(k+2, "anymore") {
				*e = k + 2
			}
			return true
		}
	case "interest", "interes":
		// "lost interest in everything", "perdí el interés en todo".
		if sc.is(k-1, "lost") || sc.is(k-1, "losing") || sc.is(k-1, "el") && (sc.is(k-2, "perdi") || sc.is(k-2, "perdio") || sc.is(k-2, "perdido")) {
			*s = k - 1
			if sc.is(k-1, "el") {
				*s = k - 2
			}
			if (sc.is(k+1, "in") || sc.is(k+1, "en")) && sc.kind(k+2) == tkWord {
				*e = k + 2
			}
			return true
		}
	case "bed", "cama":
		// "I can't get out of bed", "no se quiere levantar de la cama".
		if sc.is(k, "bed") && sc.is(k-1, "of") && sc.is(k-2, "out") {
			g := k - 3
			if sc.is(g, "get") || sc.is(g, "getting") || sc.is(g, "got") {
				if sc.negatedWithin(g, 3) || sc.is(g-1, "barely") || sc.is(g-1, "hardly") || sc.is(g-1, "trouble") || sc.is(g-1, "hard") {
					*s = g
					return true
				}
			}
		}
		if sc.is(k, "cama") && sc.is(k-1, "la") && sc.is(k-2, "de") {
			g := k - 3
			switch string(sc.word(g)) {
			case "levantar", "levantarme", "levantarse", "levanto", "levanta", "salir", "sale", "salgo":
				if sc.negatedWithin(g, 4) {
					*s = g
					return true
				}
			}
		}
	case "sleeping":
		// "I haven't been sleeping", "she's not sleeping".
		if sc.negatedWithin(k, 2) {
			*typ = SpanSymptom
			return true
		}
	case "sleep", "sleeps":
		// "I only sleep 2-3 hours a night", "he barely sleeps".
		if sc.is(k-1, "only") || sc.is(k-1, "barely") || sc.is(k-1, "hardly") || sc.is(k-1, "never") {
			*s = k - 1
			*typ = SpanSymptom
			if sc.kind(k+1) == tkNum || numberWord(sc.word(k+1)) || sc.is(k+1, "like") {
				*e = sc.hoursTail(k + 1)
			}
			return sc.kind(k+1) != tkWord || sc.is(k+1, "at") || sc.is(k+1, "like") || numberWord(sc.word(k+1)) ||
				sc.is(k+1, "anymore") || sc.is(k+1, "a") && sc.is(k+2, "few")
		}
		if sc.kind(k+1) == tkNum && (sc.is(k+2, "hours") || sc.is(k+2, "hrs") || sc.isP(k+2, '-') && sc.is(k+4, "hours")) {
			*typ = SpanSymptom
			*e = sc.hoursTail(k + 1)
			return true
		}
	case "duermo", "duerme", "dormido", "dormida":
		// "no duermo bien", "no ha dormido en tres días"; not "no duerme
		// en casa".
		if sc.negatedWithin(k, 2) && !sc.is(k+1, "en") && !sc.is(k+1, "aqui") && !sc.is(k+1, "con") {
			*typ = SpanSymptom
			if sc.is(k+1, "bien") || sc.is(k+1, "nada") {
				*e = k + 1
			}
			return true
		}
	case "problem", "problems", "problema", "problemas":
		return sc.problemWith(k, s, e, typ)
	case "levels", "numbers", "labs", "counts", "analisis", "laboratorios", "estudios", "examenes",
		"level", "number", "count", "reading", "readings":
		// "my levels were high", "his numbers came back a little off",
		// "mis análisis salieron mal": a result told only by where it
		// landed, owned by someone. The measure may be named by what it
		// is of ("my blood counts were low", "her thyroid number was
		// 6.2"), and then a value is where it landed too. A lone "my
		// number" is a phone number: the singular needs what it is of.
		own := k - 1
		if !ownedWord(sc.word(own)) {
			if sc.kind(own) != tkWord || sc.flags(own)&(fBodyPart|fClin) == 0 || !ownedWord(sc.word(own-1)) {
				return false
			}
			own--
		}
		if own == k-1 && sc.word(k)[len(sc.word(k))-1] != 's' {
			return false
		}
		for j := k + 1; j < len(sc.toks) && j <= k+5; j++ {
			if sc.statementBreak(j) {
				return false
			}
			if sc.kind(j) == tkNum && j > k+1 && own < k-1 {
				// "were 4.5", "was 6.2": the value, with its decimals.
				v := j
				if sc.isP(v+1, '.') && sc.attached(v+1) && sc.kind(v+2) == tkNum && sc.attached(v+2) {
					v += 2
				}
				*s, *e, *typ = own, v, SpanLab
				return true
			}
			if sc.kind(j) != tkWord {
				return false
			}
			if resultLanding(sc.word(j)) {
				*s, *e, *typ = own, j, SpanLab
				return true
			}
			if !resultLink(sc.word(j)) {
				return false
			}
		}
	case "cold":
		return sc.haveCold(k, s, typ)
	case "use", "abuse":
		// "a history of drug use", "my alcohol use has gone up", "IV
		// drug use"; "do you do drug use screening?" has no person.
		switch string(sc.word(k - 1)) {
		case "drug", "drugs", "alcohol", "substance", "opioid", "opioids", "meth", "marijuana", "cannabis", "heroin",
			"cocaine", "tobacco", "nicotine", "polysubstance":
			*s = k - 1
			if sc.is(k-2, "iv") {
				*s = k - 2
			}
			return !sc.sensServiceNoun(k+1) && !sc.is(k+1, "screening") && !sc.is(k+1, "policy") && !sc.is(k+1, "test")
		}
	case "stuffed":
		// "I'm all stuffed up", "she's stuffed up".
		if sc.is(k+1, "up") {
			*e, *typ = k+1, SpanSymptom
			return true
		}
	case "energy", "energia":
		// "I have no energy", "no tengo energía", "zero energy lately".
		switch string(sc.word(k + 1)) {
		case "drink", "drinks", "bar", "bars", "bill", "bills", "company", "star", "efficient", "saving", "electrica":
			return false
		}
		p := k - 1
		if sc.is(p, "de") && sc.is(p-1, "nada") {
			p -= 2
		}
		switch {
		case sc.is(p, "no") || sc.is(p, "zero") || sc.is(p, "low") || sc.is(p, "sin") || sc.is(p, "any") && sc.negatedWithin(p, 3):
			*s, *typ = p, SpanSymptom
			return true
		case sc.is(p, "tengo") || sc.is(p, "tiene") || sc.is(p, "have") || sc.is(p, "has"):
			if sc.is(p-1, "no") || sc.is(p-1, "don't") || sc.is(p-1, "doesn't") || sc.is(p-1, "dont") {
				*s, *typ = p-1, SpanSymptom
				return true
			}
		}
	default:
		return sc.substanceShape(k, s, e, typ)
	case "derrame":
		// "le dio un derrame", "tuvo un derrame hace un año".
		if sc.is(k-1, "un") {
			switch string(sc.word(k - 2)) {
			case "dio", "dieron", "tuvo", "tuve", "tenido", "da", "dan":
				*s = k - 2
				if sc.is(k+1, "cerebral") {
					*e = k + 1
				}
				return true
			}
		}
	}
	return false
}

// hoursTail reads how long someone sleeps from the number at k: "2-3
// hours a night", "4 hrs", and returns its last token.
func (sc *scanner) hoursTail(k int) int {
	e := k
	if sc.isP(e+1, '-') && sc.kind(e+2) == tkNum {
		e += 2
	}
	if sc.is(e+1, "hours") || sc.is(e+1, "hrs") || sc.is(e+1, "hour") {
		e++
		if (sc.is(e+1, "a") || sc.is(e+1, "per") || sc.is(e+1, "each") || sc.is(e+1, "every")) && sc.is(e+2, "night") {
			e += 2
		}
	}
	return e
}

// timeAfter reports a word that opens a time phrase after a statement.
func timeAfter(w []byte) bool {
	switch string(w) {
	case "since", "for", "lately", "again", "and", "tonight", "sometimes", "every", "all", "recently", "these", "this",
		"desde", "ultimamente", "y", "otra":
		return true
	}
	return false
}

// darkThought reports a word that makes thoughts a symptom.
func darkThought(w []byte) bool {
	switch string(w) {
	case "dark", "bad", "negative", "scary", "intrusive", "suicidal", "racing", "horrible", "awful", "evil",
		"feos", "negativos", "oscuros", "malos", "suicidas", "horribles", "raros", "feas":
		return true
	}
	return false
}

// negatedWithin reports a negation in the n words before k, in its clause.
func (sc *scanner) negatedWithin(k, n int) bool {
	for j := k - 1; j >= 0 && j >= k-n; j-- {
		if sc.statementBreak(j) {
			return false
		}
		w := sc.word(j)
		if negation(w) {
			return true
		}
		switch string(w) {
		case "don't", "dont", "doesn't", "doesnt", "can't", "cant", "cannot", "couldn't", "haven't", "havent", "hasn't",
			"hasnt", "isn't", "isnt", "not", "never", "won't", "wont", "no", "nunca", "ya":
			return true
		}
	}
	return false
}

// ownedWord reports a possessive that makes a result someone's.
func ownedWord(w []byte) bool {
	switch string(w) {
	case "my", "his", "her", "their", "mi", "mis", "su", "sus":
		return true
	}
	return false
}

// resultLanding reports a word that says where a result landed.
func resultLanding(w []byte) bool {
	switch string(w) {
	case "high", "low", "off", "elevated", "abnormal", "bad", "worse", "higher", "lower", "borderline", "normal",
		"altos", "altas", "bajos", "bajas", "mal", "malos", "alterados", "alteradas", "elevados", "elevadas", "anormales",
		"normales":
		return true
	}
	return false
}

// resultLink reports a word between an owned result and where it landed:
// "were", "came back", "salieron", "a little".
func resultLink(w []byte) bool {
	switch string(w) {
	case "were", "are", "was", "is", "came", "come", "back", "have", "has", "been", "went", "still", "a", "little", "bit",
		"kinda", "kind", "of", "really", "pretty", "very", "too", "super", "all", "way", "up", "at", "around", "about",
		"only", "now", "down", "to", "over", "under", "salieron", "salio", "estan",
		"estaban", "muy", "un", "poco", "todos", "me", "le", "siguen", "bien", "algo":
		return true
	}
	return false
}

// problemWith reads a problem named by what it is with: "a drinking
// problem", "a problem with alcohol", "problemas con la bebida", and
// "problemas del corazón", an organ's.
func (sc *scanner) problemWith(k int, s, e *int, typ *SpanType) bool {
	switch string(sc.word(k - 1)) {
	case "drinking", "drug", "drugs", "alcohol", "substance", "pill", "opioid", "gambling":
		*s = k - 1
		return true
	}
	j := k + 1
	if !(sc.is(j, "with") || sc.is(j, "con") || sc.is(j, "de") || sc.is(j, "del")) {
		return false
	}
	j++
	for n := 0; n < 2 && (ownedWord(sc.word(j)) || sc.is(j, "el") || sc.is(j, "la") || sc.is(j, "los") || sc.is(j, "las") || sc.is(j, "the")); n++ {
		j++
	}
	if j >= len(sc.toks) || sc.kind(j) != tkWord {
		return false
	}
	switch string(sc.word(j)) {
	case "alcohol", "drinking", "drugs", "drogas", "bebida", "tomar", "beber", "trago", "pills", "pastillas", "booze",
		"opioids", "opiates", "meth", "cocaine", "cocaina", "heroin", "heroina":
		*e = j
		return true
	}
	if sc.flags(j)&fBodyPart != 0 && !sc.is(k+1, "with") && (sc.is(k, "problemas") || sc.is(k, "problema")) {
		// "problemas del corazón", "problemas de la tiroides".
		*e, *typ = j, SpanCondition
		return true
	}
	return false
}

// haveCold reads a cold someone has or caught: "I've got a really bad
// cold", "she caught a cold"; not "a cold drink" or "it's cold".
func (sc *scanner) haveCold(k int, s *int, typ *SpanType) bool {
	switch {
	case k+1 >= len(sc.toks) || sc.kind(k+1) == tkPunct:
	default:
		switch string(sc.word(k + 1)) {
		case "since", "for", "and", "that", "again", "now", "going", "from", "or", "too", "this", "last", "all", "lately", "so",
			"but", "y", "today", "coming", "right", "still":
		default:
			return false
		}
	}
	j := k - 1
	for n := 0; n < 3 && j >= 0; n++ {
		switch string(sc.word(j)) {
		case "really", "bad", "nasty", "terrible", "awful", "head", "chest", "little", "slight", "summer", "horrible", "common":
			j--
			continue
		}
		break
	}
	if !(sc.is(j, "a") || sc.is(j, "the")) {
		return false
	}
	switch string(sc.word(j - 1)) {
	case "have", "has", "had", "got", "caught", "catch", "catching", "with", "having", "getting", "fighting", "get":
		*s, *typ = j-1, SpanSymptom
		return true
	}
	return false
}

// doneOrTaken reports a street drug that a verb of doing or taking
// before it makes a use: "I do coke on weekends", "he's been doing meth",
// "taking edibles every night". It sets the statement's first token.
func (sc *scanner) doneOrTaken(k int, s *int) bool {
	if sc.is(k-1, "the") || sc.is(k+1, "in") || sc.is(k+1, "on") && sc.is(k, "crack") || sc.is(k+1, "of") {
		return false // "the crack in the wall", "a pot of coffee"
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if sc.statementBreak(j) {
			return false
		}
		switch string(sc.word(j)) {
		case "do", "does", "doing", "did", "done", "take", "takes", "taking", "took", "tried", "try", "trying", "snort",
			"snorting", "snorted", "hit", "hitting", "buy", "buying", "bought":
			if sc.is(k, "acid") && !(sc.is(j, "do") || sc.is(j, "did") || sc.is(j, "doing") || sc.is(j, "tried")) {
				return false // "taking folic acid"
			}
			*s = j
			return true
		}
	}
	return false
}

// sensStated reports an everyday mood word said as a person's state:
// "anda muy triste", "I feel so lonely", "estoy muy estresada", "he's
// been very withdrawn"; not "I'm so stressed about the parking".
func (sc *scanner) sensStated(k int) bool {
	switch string(sc.word(k + 1)) {
	case "about", "por", "para", "over", "by", "at", "with":
		return false
	case "for":
		// "stressed for the appointment"; "withdrawn for a few weeks" is
		// how long.
		if sc.kind(k+2) == tkWord && !numberWord(sc.word(k+2)) && !sc.is(k+2, "a") && !sc.is(k+2, "weeks") && !sc.is(k+2, "months") &&
			!sc.is(k+2, "days") && !sc.is(k+2, "years") && !(sc.is(k+2, "the") && (sc.is(k+3, "past") || sc.is(k+3, "last"))) {
			return false
		}
	}
	j := k - 1
	for n := 0; n < 2; n++ {
		switch string(sc.word(j)) {
		case "so", "very", "really", "super", "too", "extremely", "pretty", "always", "muy", "tan", "bien", "siempre",
			"bastante", "demasiado", "more", "mas", "really,":
			j--
		}
	}
	switch string(sc.word(j)) {
	case "estoy", "esta", "estas", "ando", "anda", "andas", "estado", "been", "i'm", "im", "is", "was", "feel", "feels",
		"feeling", "felt", "siento", "siente", "sentia", "sentido", "he's", "she's", "hes", "shes", "seems", "get", "gets",
		"getting", "sigue", "sigo", "vive", "vivo":
		return true
	}
	return false
}

// cryingOften reports crying told as a symptom by how often it comes:
// "I cry every day", "llora todo el tiempo", "cries for no reason"; not
// "cries every time we come in for shots".
func (sc *scanner) cryingOften(k int) bool {
	switch string(sc.word(k + 1)) {
	case "every":
		return !sc.is(k+2, "time")
	case "all":
		return sc.is(k+2, "day") || sc.is(k+2, "night") || sc.is(k+2, "the")
	case "constantly", "nonstop", "daily", "mucho":
		return true
	case "a":
		return sc.is(k+2, "lot")
	case "for":
		return sc.is(k+2, "no") || sc.is(k+2, "hours")
	case "todo", "todos", "todas", "diario", "sin", "cada":
		return !sc.is(k+2, "vez")
	}
	return false
}

// moodLow reports a mood said to be low: "my mood has been really low",
// "his mood is all over the place".
func (sc *scanner) moodLow(k int) bool {
	for j := k + 1; j < len(sc.toks) && j <= k+5; j++ {
		if sc.statementBreak(j) {
			return false
		}
		switch string(sc.word(j)) {
		case "low", "down", "terrible", "awful", "dark", "off", "horrible", "worse", "unstable", "bajo", "fatal":
			return true
		case "all":
			return sc.is(j+1, "over")
		}
	}
	return false
}

// smokeVerb and drinkVerb say what a counted measure is used with: a
// pack is smoked, a fifth or shots are drunk.
func smokeVerb(w []byte) bool {
	switch string(w) {
	case "smoke", "smokes", "smoking", "smoked", "fumo", "fuma", "fuman", "fumas", "fumando", "fumaba", "fumar", "fume":
		return true
	}
	return false
}

func drinkVerb(w []byte) bool {
	switch string(w) {
	case "drink", "drinks", "drinking", "drank", "bebo", "bebe", "beben", "bebiendo", "tomo", "toma", "toman", "tomando":
		return true
	}
	return false
}

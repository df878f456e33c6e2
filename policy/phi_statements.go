package policy

// Clinical statements are masked whole. The grammar in phi_clinical.go
// grows a term over the words it knows belong to it (dose, value,
// modifiers); patients phrase the rest freely ("my knee has been really
// swollen since the fall", "she keeps throwing up after she eats"), so
// the words around a term are read as one statement up to where the
// clause ends. Without this the keyword is masked and the finding, the
// dose or the circumstance stays readable.

const (
	// A statement reaches at most this many tokens either side of its
	// term, so a message typed with no punctuation (a dictated voice
	// note) is not masked from end to end.
	stmtLeft  = 6
	stmtRight = 8
)

// statementBreak reports token k, seen while growing a statement, as
// the start of another clause or sentence. Commas only end a statement
// when the next word opens a question or a request ("…, can I come in").
func (sc *scanner) statementBreak(k int) bool {
	t := &sc.toks[k]
	if t.kind == tkPunct {
		switch sc.n.b[t.s] {
		case '.':
			return !(sc.attached(k) && sc.attached(k+1) && sc.kind(k+1) == tkNum)
		case '!', '?', ';', '(', ')', '[', ']', '"':
			return true
		case ',':
			return stmtOpener(sc.word(k + 1))
		}
		return false
	}
	return stmtConjunction(sc.txt(k)) && !sc.soDegree(k)
}

// soDegree reports a "so" that says how much, not what follows: "I'm so
// stressed", "she's been so tired"; "…, so I called" and "so can I
// come in" open a clause.
func (sc *scanner) soDegree(k int) bool {
	if !sc.is(k, "so") || sc.kind(k+1) != tkWord || sc.attached(k+1) {
		return false
	}
	if sc.is(k+1, "much") || sc.is(k+1, "bad") || sc.is(k+1, "many") {
		return true
	}
	return sc.flags(k+1)&(fStop|fPersonal) == 0 && !stmtOpener(sc.word(k+1)) && !healthSubject(sc.word(k+1)) &&
		!possessive(sc.word(k+1)) && sc.toks[k+1].ent.cue != cueRelation && !sc.lineBreakBefore(k+1)
}

// stmtOpener is a word that opens a question, a request or a new topic.
func stmtOpener(w []byte) bool {
	switch string(w) {
	case "can", "could", "should", "would", "will", "is", "are", "do", "does", "did", "please", "pls", "plz",
		"thanks", "thank", "what", "when", "where", "how", "why", "who", "which", "any", "also", "ok", "okay",
		"puedo", "puede", "pueden", "podria", "podrian", "debo", "donde", "cuando", "que", "como", "gracias",
		"hay", "tienen", "necesito", "quiero", "hi", "hello", "hola", "thx", "ty":
		return true
	}
	return false
}

// stmtConjunction is a word that starts a new clause by itself.
func stmtConjunction(w []byte) bool {
	switch string(w) {
	case "but", "so", "because", "although", "though", "pero", "porque", "aunque", "entonces", "then":
		return true
	}
	return false
}

// lineBreakBefore reports a newline between token k-1 and token k.
func (sc *scanner) lineBreakBefore(k int) bool {
	if k <= 0 || k >= len(sc.toks) {
		return false
	}
	for p := sc.toks[k-1].e; p < sc.toks[k].s; p++ {
		if sc.n.b[p] == '\n' {
			return true
		}
	}
	return false
}

// tokenAt returns the index of the token containing or starting after
// folded offset p.
func (sc *scanner) tokenAt(p int32) int {
	lo, hi := 0, len(sc.toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if sc.toks[m].e <= p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// identifierAt reports token k inside a candidate that is not clinical
// (a name, a date): a statement stops there, the identifier keeps its own
// span and type.
func (sc *scanner) identifierAt(k int) bool {
	if !sc.toks[k].claimed {
		return false
	}
	s, e := sc.toks[k].s, sc.toks[k].e
	for i := range sc.cands {
		c := &sc.cands[i]
		if c.prio != prioClinical && c.s < e && s < c.e {
			return true
		}
	}
	return false
}

// statements grows every clinical candidate to its clause.
func (sc *scanner) statements() {
	n := len(sc.cands)
	for i := 0; i < n; i++ {
		c := &sc.cands[i]
		if c.prio != prioClinical {
			continue
		}
		ts := sc.tokenAt(c.s)
		te := sc.tokenAt(c.e - 1)
		if ts >= len(sc.toks) || te >= len(sc.toks) {
			continue
		}
		s := ts
		for k := ts - 1; k >= 0 && ts-k <= stmtLeft; k-- {
			if (sc.is(k, "so") || sc.is(k, "tan")) && k == ts-1 {
				s = k // "she is so bloated": "so" says how much, it opens no clause
				continue
			}
			if sc.statementBreak(k) || sc.identifierAt(k) || sc.lineBreakBefore(k+1) {
				break
			}
			// A comma going left ends the statement when the words before
			// it are a greeting or a name, which the checks above and
			// below cannot see: keep to the clause.
			if sc.isP(k, ',') {
				break
			}
			if sc.toks[k].kind != tkPunct {
				s = k
			}
		}
		e := te
		for k := te + 1; k < len(sc.toks) && k-te <= stmtRight; k++ {
			if sc.statementBreak(k) || sc.identifierAt(k) || sc.lineBreakBefore(k) {
				break
			}
			if sc.toks[k].kind != tkPunct {
				e = k
			}
		}
		// The reach may end inside a number ("went from 7.1 to 9.5"):
		// a statement never cuts a value in two.
		for e+2 < len(sc.toks) && sc.kind(e) == tkNum && (sc.isP(e+1, '.') || sc.isP(e+1, '/') || sc.isP(e+1, ',')) &&
			sc.attached(e+1) && sc.attached(e+2) && sc.kind(e+2) == tkNum && !sc.identifierAt(e+2) {
			e += 2
		}
		if e+1 < len(sc.toks) && sc.kind(e) == tkNum && sc.isP(e+1, '%') && sc.attached(e+1) {
			e++
		}
		if s < ts || e > te {
			c.cs, c.ce = c.s, c.e
		}
		c.s, c.e = sc.toks[s].s, sc.toks[e].e
	}
}

// vitalWord reports a word that names a vital sign or a body measure
// whose reading is health information: "my blood pressure was 148/90",
// "temp 102.3", "la presión me salió 150/100".
func vitalWord(w []byte) bool { return lexiconOrPanic().entry(w).stmt&sVital != 0 }

var vitalWordWords = []string{
	"pressure", "bp", "presion", "tension", "temp", "temperature", "temperatura", "pulse", "pulso",
	"rate", "oxygen", "o2", "sat", "sats", "saturation", "oxigeno", "spo2", "weight", "peso", "glucose",
	"glucosa", "sugar", "sugars", "azucar", "bmi", "reading", "readings", "numbers", "systolic", "diastolic",
}

// readingLink reports a word allowed between a vital sign and its value:
// "was", "has been running", "came back at", "me salió", "like", "around".
func readingLink(w []byte) bool {
	switch string(w) {
	case "was", "is", "are", "were", "been", "has", "have", "had", "running", "reading", "read", "went", "came",
		"back", "up", "down", "to", "at", "of", "like", "around", "about", "over", "still", "only", "just",
		"high", "low", "higher", "lower", "checked", "check", "today", "this", "morning", "last", "night",
		"me", "le", "salio", "dio", "esta", "estaba", "es", "fue", "de", "en", "como", "alta", "baja",
		"arterial", "heart", "blood", "my", "his", "her", "mi", "su", "it's", "its", "it", "keeps", "staying", "stays",
		// "high again", and the French and Portuguese links: "ma tension
		// est à 16", "pressão tá 15 por 9".
		"again", "a", "est", "ta", "ficou", "deu":
		return true
	}
	return false
}

// readingAt reports a measured value starting at token k and returns its
// last token: "148/90", "160 over 100", "102.3", "89%", "101 f", "130 bpm".
func (sc *scanner) readingAt(k int) (int, bool) {
	if sc.kind(k) != tkNum && !(sc.kind(k) == tkAlnum && (readingUnitSuffix(sc.word(k)) || decadeReading(sc.word(k)))) {
		return 0, false
	}
	if sc.clockTime(k) {
		return 0, false
	}
	e := k
	switch {
	case sc.isP(k+1, '/') && sc.attached(k+1) && sc.kind(k+2) == tkNum && sc.attached(k+2):
		e = k + 2
	case (sc.is(k+1, "over") || sc.is(k+1, "sobre") || sc.is(k+1, "por") || sc.is(k+1, "x")) && (sc.kind(k+2) == tkNum || decadeReading(sc.word(k+2))):
		e = k + 2
	case sc.isP(k+1, '.') && sc.attached(k+1) && (sc.kind(k+2) == tkNum || sc.kind(k+2) == tkAlnum && readingUnitSuffix(sc.word(k+2))) && sc.attached(k+2):
		e = k + 2 // "38.9", "3.2kg"
	}
	switch {
	case sc.isP(e+1, '%') || sc.isP(e+1, '°'):
		e++
	}
	switch string(sc.word(e + 1)) {
	case "f", "c", "degrees", "grados", "bpm", "mmhg", "lbs", "lb", "pounds", "kg", "kilos", "libras", "percent", "mg/dl", "mg":
		e++
	}
	return e, true
}

// decadeReading reports a reading given as its range: "the 300s",
// "160s over 100s".
func decadeReading(w []byte) bool {
	n := len(w)
	if n < 3 || n > 4 || w[n-1] != 's' {
		return false
	}
	for _, c := range w[:n-1] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// readingUnitSuffix reports a number written with its unit: "102f",
// "89%"-less "130bpm", "180lbs".
func readingUnitSuffix(w []byte) bool {
	i := 0
	for i < len(w) && isDigit(w[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	switch string(w[i:]) {
	case "f", "c", "bpm", "lbs", "lb", "kg", "mmhg":
		return true
	}
	return false
}

// vitalReadings finds a vital sign with its reading. A bare "BP 120/80"
// line with nobody's name on it stays readable (the clinic writes such
// targets in its own messages); the reading is health information when
// it is someone's ("my", "his") or is told as a result ("was", "came
// back", "has been running").
func (sc *scanner) vitalReadings() {
	if sc.stmtAny&sVital == 0 {
		return
	}
	T := sc.toks
	for v := range T {
		if T[v].stmt&sVital == 0 || T[v].claimed {
			continue
		}
		owned, told := false, false
		s := v
		for k := v - 1; k >= 0 && k >= v-3; k-- {
			w := sc.txt(k)
			if possessive(w) || bytesHasPossessive(w) || romancePossessive(w) {
				owned, s = true, k
				break
			}
			if !(T[k].flags&fBodyPart != 0 || sc.is(k, "blood") || sc.is(k, "heart") || sc.is(k, "la") || sc.is(k, "el") || sc.is(k, "the")) {
				break
			}
		}
		for k := v + 1; k < len(T) && k <= v+7; k++ {
			if T[k].claimed && T[k].kind != tkNum {
				break
			}
			if sc.isP(k, ',') || sc.isP(k, ':') || sc.isP(k, '-') {
				continue // "running high, like 160 over 100"
			}
			if e, ok := sc.readingAt(k); ok {
				if owned || told || sc.takenWhen(e+1) || sc.readingQuestioned(e+1) {
					sc.addTok(s, e, SpanLab, 0.75, prioClinical)
				}
				break
			}
			w := sc.word(k)
			if T[k].kind == tkWord && T[k].ent.cue == cueRelation {
				owned = true // "la presión de mi mamá está en 150/90"
				continue
			}
			if T[k].kind != tkWord || !readingLink(w) && !vitalWord(w) {
				break
			}
			if T[k].flags&(fResultWord|fPersonal) != 0 || sc.is(k, "running") || sc.is(k, "salio") || sc.is(k, "went") || levelTold(w) {
				told = true
			}
		}
	}
}

// takenWhen reports a reading followed by when it was taken, which makes
// it a measurement of someone rather than a target the clinic writes:
// "bp 150/95 this am", "sugar 320 last night", "temp 101 at home",
// "presión 160/100 en la mañana".
func (sc *scanner) takenWhen(k int) bool {
	switch string(sc.word(k)) {
	case "this":
		switch string(sc.word(k + 1)) {
		case "am", "morning", "evening", "afternoon", "pm":
			return true
		}
	case "last":
		return sc.is(k+1, "night")
	case "tonight", "yesterday", "earlier", "anoche", "ayer", "ontem", "hier":
		// "today" and "hoy" alone stay out: "presión 150/95 hoy" is as
		// often the clinic's note of a target as a patient's reading.
		return true
	case "at":
		return sc.is(k+1, "home") || sc.is(k+1, "the") && sc.is(k+2, "pharmacy")
	case "now", "ahora", "agora", "maintenant", "fasting":
		// "pressão 18 por 10 agora", "sugar 140 fasting".
		return true
	case "just", "right":
		return sc.is(k+1, "now")
	case "on":
		// "sats 92 on the home monitor", "88% on my watch".
		j := k + 1
		if sc.is(j, "the") || sc.is(j, "my") || sc.is(j, "his") || sc.is(j, "her") {
			j++
		}
		if sc.is(j, "home") {
			j++
		}
		return measuringDevice(sc.word(j))
	case "a":
		return sc.is(k+1, "jeun") // "glycémie à 2,5 à jeun"
	case "em":
		return sc.is(k+1, "jejum")
	case "en":
		return sc.is(k+1, "casa") || sc.is(k+1, "la") && (sc.is(k+2, "manana") || sc.is(k+2, "farmacia"))
	}
	return false
}

// levelTold reports a word saying where a reading stands, which only a
// measurement of someone does: "pressure is high again 160/98"; a
// target is "below" or "under" a value.
func levelTold(w []byte) bool {
	switch string(w) {
	case "high", "low", "higher", "lower", "alta", "baja", "again", "still":
		return true
	}
	return false
}

// measuringDevice reports a thing a reading is taken on at home.
func measuringDevice(w []byte) bool {
	switch string(w) {
	case "monitor", "machine", "meter", "cuff", "watch", "app", "oximeter", "thermometer", "scale", "scales", "glucometer":
		return true
	}
	return false
}

// romancePossessive reports a French or Portuguese possessive before a
// vital sign: "ma tension", "minha pressão", "sua glicemia".
func romancePossessive(w []byte) bool {
	switch string(w) {
	case "ma", "mon", "sa", "son", "minha", "meu", "sua", "seu":
		return true
	}
	return false
}

// readingQuestioned reports a reading followed, in its sentence, by a
// question about it or by the person it was taken on: "bp 165/100, is
// that too high?", "bmi 38 - do i qualify", "sats 92 should i go in".
// A target the clinic writes asks nothing of the writer.
func (sc *scanner) readingQuestioned(k int) bool {
	for j := k; j < len(sc.toks) && j <= k+8; j++ {
		if sc.lineBreakBefore(j) || sc.isP(j, '.') || sc.isP(j, '!') || sc.isP(j, ';') {
			return false
		}
		if sc.kind(j) != tkWord {
			continue
		}
		switch string(sc.word(j)) {
		case "i", "i'm", "im", "i've", "me", "my", "should", "normal", "worried", "scared", "dizzy", "okay", "ok":
			return true
		case "is", "does":
			if sc.is(j+1, "that") || sc.is(j+1, "this") || sc.is(j+1, "it") {
				return true
			}
		case "you", "your":
			return false // "bp 130/80 is your target"
		}
	}
	return false
}

// feverReadings finds a temperature told as "running": "he's running
// 101", "she was running 38.5". Like any vital sign it is a reading. Only body temperatures count, so
// "running 10 minutes late" stays readable.
func (sc *scanner) feverReadings() {
	if sc.stmtAny&sRunning == 0 {
		return
	}
	T := sc.toks
	for k := range T {
		if T[k].kind != tkWord || T[k].claimed || !sc.is(k, "running") || sc.kind(k+1) != tkNum {
			continue
		}
		v := 0
		for _, c := range sc.word(k + 1) {
			v = v*10 + int(c-'0')
			if v > 1000 {
				break
			}
		}
		if !(v >= 99 && v <= 106 || v >= 37 && v <= 42) {
			continue
		}
		if sc.flags(k+2)&(fUnit|fDoseUnit) != 0 && !sc.is(k+2, "f") && !sc.is(k+2, "c") {
			continue // "running 40 minutes"
		}
		e, _ := sc.readingAt(k + 1)
		s := k
		for p := k - 1; p >= 0 && p >= k-3 && T[p].kind == tkWord && (healthSubject(sc.txt(p)) || complaintFiller(sc.txt(p)) || sc.is(p, "was") || sc.is(p, "is")); p-- {
			s = p
		}
		sc.addTok(s, e, SpanLab, 0.7, prioClinical)
	}
}

// seenBlood finds blood a patient saw: "there's blood when I wipe",
// "blood in my urine", "I noticed blood on the tissue".
func (sc *scanner) seenBlood() {
	if sc.stmtAny&sBlood == 0 {
		return
	}
	T := sc.toks
	for k := range T {
		if T[k].kind != tkWord || T[k].claimed || !(sc.is(k, "blood") || sc.is(k, "sangre")) {
			continue
		}
		prev := string(sc.word(k - 1))
		next := string(sc.word(k + 1))
		switch {
		case next == "in" || next == "on" || next == "when" || next == "after" || next == "en" || next == "cuando" || next == "al":
		case prev == "there's" || prev == "theres" || prev == "noticed" || prev == "saw" || prev == "seeing" || prev == "some" || prev == "found" || prev == "hay" || prev == "vi":
		default:
			continue
		}
		if sc.is(k+1, "in") && (sc.is(k+2, "the") || sc.is(k+2, "a")) && (sc.is(k+3, "lab") || sc.is(k+3, "morning") || sc.is(k+3, "office")) {
			continue // "blood work in the lab"
		}
		if sc.is(k+1, "work") || sc.is(k+1, "test") || sc.is(k+1, "draw") || sc.is(k+1, "bank") || sc.is(k+1, "drive") {
			continue
		}
		sc.addTok(k, k, SpanSymptom, 0.65, prioClinical)
	}
}

// healthVerb reports a verb whose subject is a person's body: "vomiting",
// "fainted", "wheezing", "peeing". Said of "I", "she" or "my son" it is a
// symptom statement even when no listed symptom is in it.
func healthVerb(w []byte) bool { return lexiconOrPanic().entry(w).stmt&sHealthVerb != 0 }

var healthVerbWords = []string{
	"vomiting", "vomited", "vomit", "puking", "puked", "throwing", "threw", "coughing", "coughed",
	"sneezing", "wheezing", "sweating", "shaking", "shivering", "trembling", "bleeding", "bled",
	"fainted", "fainting", "passed", "passing", "blacked", "peeing", "urinating", "pooping", "spotting",
	"cramping", "limping", "itching", "scratching", "gagging", "choking", "wetting", "hallucinating",
	"seizing", "convulsing", "sprained", "twisted", "broke", "fractured", "dislocated", "burned", "burnt",
	"swallowed", "fell", "collapsed", "woke", "hurting", "aching", "struggling", "losing", "lost", "gained",
	"feel", "feels", "feeling", "felt", "vomite", "vomito", "vomitando", "tosiendo", "sangrando",
	"temblando", "sudando", "desmaye", "desmayo", "cai", "cayo", "siento", "siente", "senti", "sintio",
	"eaten", "slept", "pooped", "peed", "pee", "poop",
}

// bodyAbility reports what a person cannot do when unwell: "can't
// breathe", "can't keep anything down", "no puedo dormir".
func bodyAbility(w []byte) bool { return lexiconOrPanic().entry(w).stmt&sBodyAbility != 0 }

var bodyAbilityWords = []string{
	"breathe", "breath", "sleep", "eat", "swallow", "walk", "stand", "move", "pee", "poop", "focus",
	"concentrate", "remember", "bend", "lift", "keep", "stop", "hold", "bear", "chew", "talk", "speak",
	"respirar", "dormir", "comer", "tragar", "caminar", "moverme", "pararme", "orinar", "hablar", "parar",
}

// healthSubject reports a word that says whose body a statement is
// about: the writer or someone they speak for.
func healthSubject(w []byte) bool {
	switch string(w) {
	case "i", "i'm", "im", "i've", "ive", "i'd", "he", "she", "he's", "she's", "hes", "shes", "we", "they",
		"me", "se", "le", "yo", "el", "ella", "been", "keep", "keeps", "kept":
		return true
	}
	return false
}

// healthPredicates finds symptom statements phrased with no listed
// symptom: a person as subject and a verb of the body ("she keeps
// throwing up after she eats", "I fainted at work", "I can't keep
// anything down", "me siento muy mal"). The statement is then grown to
// its clause by statements().
func (sc *scanner) healthPredicates() {
	if sc.stmtAny&(sHealthVerb|sLead) == 0 {
		return
	}
	T := sc.toks
	for k := range T {
		if T[k].stmt&(sHealthVerb|sLead) == 0 || T[k].kind != tkWord || T[k].claimed {
			continue
		}
		var verb int
		switch {
		case T[k].stmt&sHealthVerb != 0:
			verb = k
		case (sc.is(k, "can't") || sc.is(k, "cant") || sc.is(k, "cannot") || sc.is(k, "couldn't") || (sc.is(k, "puedo") || sc.is(k, "puede") || sc.is(k, "pueden")) && sc.is(k-1, "no")) &&
			sc.kind(k+1) == tkWord && bodyAbility(sc.word(k+1)):
			verb = k + 1
		case (sc.is(k, "trouble") || sc.is(k, "difficulty") || sc.is(k, "hard") || (sc.is(k, "cuesta") || sc.is(k, "cuestan")) && clitic(sc.word(k-1))) && sc.kind(k+1) == tkWord &&
			(bodyAbility(sc.word(k+1)) || healthVerb(sc.word(k+1)) || sc.is(k+1, "breathing") || sc.is(k+1, "sleeping") ||
				sc.is(k+1, "swallowing") || sc.is(k+1, "walking") || sc.is(k+1, "to") && bodyAbility(sc.word(k+2))):
			verb = k + 1
		default:
			continue
		}
		// The subject: up to three words back ("I have been", "she
		// keeps", "my son just"), or a relative with a possessive.
		subj := -1
		for p := k - 1; p >= 0 && p >= k-4; p-- {
			if T[p].kind != tkWord {
				break
			}
			pw := sc.txt(p)
			if healthSubject(pw) || T[p].ent.cue == cueRelation && possessive(sc.word(p-1)) {
				subj = p
				if T[p].ent.cue == cueRelation {
					subj = p - 1
				}
			}
			if !(healthSubject(pw) || complaintFiller(pw) || T[p].flags&(fStop|fPersonal) != 0 || T[p].ent.cue == cueRelation || possessive(pw) || negation(pw)) {
				break
			}
		}
		if subj < 0 && !(k == 0 || sc.kind(k-1) == tkPunct) {
			continue
		}
		if !sc.healthObject(k, verb) {
			continue
		}
		if subj < 0 {
			subj = k
		}
		sc.addTok(subj, verb, SpanSymptom, 0.65, prioClinical)
	}
}

// healthObject rules out the everyday senses of the body verbs: "I feel
// like we should reschedule", "I lost my card", "she fell behind", "I
// passed the form to the desk", "I woke up early for the appointment".
func (sc *scanner) healthObject(k, verb int) bool {
	next := sc.word(verb + 1)
	switch string(sc.word(verb)) {
	case "feel", "feels", "feeling", "felt":
		// "feel sick/awful/dizzy/like I'm going to pass out"; not "feel
		// free", "feel like rescheduling", "feel better about".
		switch string(next) {
		case "free", "bad", "terrible", "comfortable", "good", "like", "that", "ready", "sorry", "confident", "better", "okay", "ok":
			return string(next) == "like" && (sc.is(verb+2, "i'm") || sc.is(verb+2, "im") || sc.is(verb+2, "the") || sc.is(verb+2, "my") || sc.is(verb+2, "i"))
		}
		return len(next) > 0 && sc.kind(verb+1) == tkWord
	case "siento", "siente", "senti", "sintio":
		return sc.is(k-1, "me") || sc.is(k-1, "se") || sc.is(k-1, "lo") && false
	case "lost", "losing", "gained":
		return sc.kind(verb+1) == tkNum || numberWord(next) || string(next) == "weight" || string(next) == "consciousness" ||
			string(next) == "my" && (sc.is(verb+2, "appetite") || sc.is(verb+2, "balance") || sc.is(verb+2, "vision") || sc.is(verb+2, "hearing") || sc.is(verb+2, "voice"))
	case "passed", "passing", "blacked":
		return string(next) == "out"
	case "throwing", "threw":
		// "threw up"; "threw my back out", "threw out her back".
		return string(next) == "up" || possessive(next) && sc.is(verb+2, "back") && sc.is(verb+3, "out") ||
			string(next) == "out" && possessive(sc.word(verb+2)) && sc.is(verb+3, "back")
	case "woke":
		return string(next) == "up" && (sc.is(verb+2, "with") || sc.is(verb+2, "sick") || sc.is(verb+2, "coughing") || sc.is(verb+2, "bleeding") || sc.is(verb+2, "vomiting") || sc.is(verb+2, "dizzy") || sc.is(verb+2, "sweating") || sc.is(verb+2, "shaking")) ||
			string(next) == "with"
	case "fell", "cai", "cayo":
		// "I fell and hit my head", "she fell down the stairs", "me caí
		// de la escalera"; not "fell behind", "fell asleep" or a bare
		// "fell yesterday", which says too little.
		switch string(next) {
		case "and", "down", "off", "out", "on", "in", "from", "over", "de", "en", "y":
			return true
		}
		return false
	case "broke", "twisted", "sprained", "fractured", "dislocated", "burned", "burnt":
		// "broke my wrist", "twisted her ankle", "broke a bone"; not
		// "broke his phone".
		return (possessive(next) || string(next) == "a" || string(next) == "the") &&
			(sc.flags(verb+2)&fBodyPart != 0 || sc.is(verb+2, "bone") || sc.flags(verb+2)&fSide != 0 && sc.flags(verb+3)&fBodyPart != 0)
	case "remember", "focus", "concentrate":
		// "can't remember anything", "can't concentrate on anything",
		// not "can't remember my password".
		if string(next) == "on" {
			next = sc.word(verb + 2)
		}
		return len(next) == 0 || sc.kind(verb+1) == tkPunct || string(next) == "anything" || string(next) == "things" || string(next) == "stuff" || string(next) == "well"
	case "swallowed":
		return true
	case "eaten", "slept", "pooped", "peed", "urinated", "pee", "peeing", "poop":
		// "haven't eaten in 3 days", "peed 10 times today", "up every 2
		// hours to pee"; not "I peed before the test".
		for p := k - 1; p >= 0 && p >= k-3; p-- {
			if negation(sc.word(p)) || sc.is(p, "to") && sc.is(p-1, "hours") {
				return true
			}
		}
		return sc.kind(verb+1) == tkNum || numberWord(next) || string(next) == "blood" || string(next) == "every"
	case "hurting", "aching", "struggling":
		return true
	case "keep", "stop", "hold":
		// "can't keep anything down", "can't stop coughing", "can't hold my pee".
		return healthVerb(next) || string(next) == "anything" || string(next) == "food" || string(next) == "water" || possessive(next)
	case "stand", "move", "walk", "bend", "lift", "bear", "talk", "speak":
		// "can't stand up", not "can't stand the wait"; "can't walk on it".
		return len(next) == 0 || sc.kind(verb+1) == tkPunct || string(next) == "up" || string(next) == "on" || string(next) == "without" || string(next) == "straight" || possessive(next) || string(next) == "anything" || string(next) == "well"
	}
	return true
}

// personAges finds ages over 89 said next to the person without a verb:
// "grandpa 93 needs help", "el señor de 96", "my dad at 93", "she lived
// to 99", "her 93rd birthday", "she turned a hundred" ("she is a hundred"
// stays readable: it is as often "a hundred percent sure").
func (sc *scanner) personAges() {
	T := sc.toks
	digits := sc.placeAny&shAgeNum != 0 || sc.kinds&(1<<tkAlnum) != 0 // "93", "93rd"
	for i := 0; i < len(T) && digits; i++ {                           // ages in digits
		if T[i].claimed || T[i].kind != tkNum && T[i].kind != tkAlnum {
			continue
		}
		w := sc.txt(i)
		v, n := 0, 0
		for n < len(w) && isDigit(w[n]) {
			v = v*10 + int(w[n]-'0')
			n++
		}
		if n < 2 || n > 3 || v < 90 || v > 125 {
			continue
		}
		if n < len(w) {
			// "93rd birthday", "100th cumpleaños".
			suf := string(w[n:])
			if (suf == "th" || suf == "st" || suf == "nd" || suf == "rd") && (sc.is(i+1, "birthday") || sc.is(i+1, "bday") || sc.is(i+1, "cumpleanos")) {
				sc.addTok(i, i, SpanAge, 0.85, prioAge)
			}
			continue
		}
		p := i - 1
		switch {
		case sc.is(p, "to") && (sc.is(p-1, "lived") || sc.is(p-1, "live") || sc.is(p-1, "it")) && sc.personBefore(p-1):
		case sc.is(p, "at") && p > 0 && (T[p-1].ent.cue == cueRelation || relationWord(sc.word(p-1))) && sc.notUnit(i+1):
		case p >= 0 && (T[p].ent.cue == cueRelation || relationWord(sc.word(p)) || sc.is(p, "pt")) && !bytesHasPossessive(sc.word(p)) && sc.notUnit(i+1) && !sc.isP(i+1, '/') && !sc.isP(i+1, ':'):
		case sc.is(p, "de") && p > 0 && (relationWord(sc.word(p-1)) || T[p-1].ent.cue == cueRelation) && sc.notUnit(i+1):
		default:
			continue
		}
		sc.addTok(i, i, SpanAge, 0.8, prioAge)
	}
	for i := 0; i < len(T) && sc.trigAny&trigSpelledAge != 0; i++ { // "hundred" is one of its words
		if !T[i].claimed && sc.is(i, "hundred") && sc.is(i-1, "a") && (sc.is(i-2, "turned") || sc.is(i-2, "turning") || sc.is(i-2, "turns")) && sc.personBefore(i-2) {
			sc.addTok(i-1, i, SpanAge, 0.8, prioAge)
		}
	}
}

// notUnit reports that token k does not make the number before it a
// measure: "grandpa 93 needs help", not "93 lbs", "93%", "93 degrees".
func (sc *scanner) notUnit(k int) bool {
	if k >= len(sc.toks) {
		return true
	}
	if sc.kind(k) == tkPunct {
		return !sc.isP(k, '%') && !sc.isP(k, '/') && !sc.isP(k, ':') && !sc.isP(k, '.') || sc.isP(k, '.') && !sc.attached(k+1)
	}
	if sc.flags(k)&(fUnit|fDoseUnit|fDuration) != 0 {
		return false
	}
	switch string(sc.word(k)) {
	case "lbs", "lb", "pounds", "degrees", "grados", "f", "c", "bpm", "over", "percent", "mmhg", "kg", "kilos", "libras", "mg", "am", "pm":
		return false
	}
	return true
}

// organProblems finds a condition told through the organ it affects
// rather than its name: "she has a bad heart", "problems with my
// thyroid", "my kidneys are failing", "I had my gallbladder removed",
// "they found a mass on my liver", "kidney problems".
func (sc *scanner) organProblems() {
	if sc.flagsAny&fBodyPart == 0 {
		return
	}
	T := sc.toks
	for b := range T {
		if T[b].flags&fBodyPart == 0 || T[b].claimed || T[b].kind != tkWord || T[b].stmt&sVital != 0 {
			continue
		}
		owned := possessive(sc.word(b - 1))
		// "back", "side", "hand", "face" are everyday words too ("call me
		// back"): only someone's counts.
		switch string(sc.txt(b)) {
		case "back", "side", "hand", "hands", "face", "head", "mouth", "voice", "balance", "sleep", "mood", "blood":
			if !owned && !organAdjective(sc.word(b-1)) {
				continue
			}
		}
		s, e := -1, -1
		switch {
		case organAdjective(sc.word(b - 1)):
			s, e = b-1, b
			if possessive(sc.word(b-2)) || sc.is(b-2, "a") {
				s = b - 2
			}
		case organTrouble(sc.word(b + 1)):
			s, e = b, b+1
			if owned {
				s = b - 1
			}
		case owned && (sc.is(b-2, "with") || sc.is(b-2, "con")) && organTrouble(sc.word(b-3)):
			s, e = b-3, b
		case owned && (sc.is(b+1, "removed") || sc.is(b+1, "replaced") || sc.is(b+1, "out") || sc.is(b+1, "taken") && sc.is(b+2, "out")) && (sc.is(b-2, "had") || sc.is(b-2, "got")):
			s, e = b-2, b+1
		case (owned || spanishArticle(sc.word(b-1))) && (sc.is(b-2, "en") || sc.is(b-2, "in") || sc.is(b-2, "on")) && stoneWord(sc.word(b-3)):
			// "piedras en la vesícula", "un quiste en el ovario".
			s, e = b-3, b
			if sc.is(s-1, "a") || sc.is(s-1, "un") || sc.is(s-1, "una") || sc.is(s-1, "unas") || sc.is(s-1, "unos") {
				s--
			}
		case owned && (sc.is(b+1, "is") || sc.is(b+1, "are") || sc.is(b+1, "was")) && organFailing(sc.word(b+2)):
			s, e = b-1, b+2
		case (owned || sc.is(b-1, "the")) && (sc.is(b-2, "on") || sc.is(b-2, "in")) && growthWord(sc.word(b-3)):
			s, e = b-3, b
			if sc.is(s-1, "a") {
				s--
			}
		}
		if s < 0 || sc.anyClaimed(s, e) {
			continue
		}
		sc.addTok(s, e, SpanCondition, 0.65, prioClinical)
	}
}

// spanishArticle reports an article before a Spanish body part.
func spanishArticle(w []byte) bool {
	switch string(w) {
	case "el", "la", "los", "las", "the":
		return true
	}
	return false
}

func organAdjective(w []byte) bool {
	switch string(w) {
	case "bad", "weak", "weakened", "enlarged", "fatty", "failing", "damaged", "leaky", "irregular", "bum",
		"overactive", "underactive", "lazy", "collapsed", "blocked", "clogged", "mala", "malo", "debil":
		return true
	}
	return false
}

func organTrouble(w []byte) bool {
	switch string(w) {
	case "problem", "problems", "issue", "issues", "trouble", "troubles", "condition", "failure", "damage",
		"surgery", "replacement", "transplant", "problemas", "problema", "stones", "disease":
		return true
	}
	return false
}

func organFailing(w []byte) bool {
	switch string(w) {
	case "failing", "enlarged", "damaged", "shutting", "giving", "weak", "weakening", "scarred", "inflamed", "blocked", "fallando":
		return true
	}
	return false
}

// stoneWord reports a finding placed in an organ by its article alone:
// "piedras en la vesícula", "a cyst on the ovary".
func stoneWord(w []byte) bool {
	switch string(w) {
	case "piedras", "piedra", "calculos", "calculo", "quiste", "quistes", "nodulo", "nodulos", "polipos", "stones",
		"polyps", "cyst", "cysts":
		return true
	}
	return false
}

func growthWord(w []byte) bool {
	switch string(w) {
	case "mass", "spot", "nodule", "nodules", "growth", "shadow", "tumor", "tumour", "cyst", "lesion", "masa", "mancha", "bulto",
		"piedras", "piedra", "calculos", "calculo", "quiste", "quistes", "nodulo", "nodulos", "polipos":
		return true
	}
	return false
}

// dateLeads grows a date over the words that introduce it as a day: "el
// día 16 de abril", "the day of March 3", "el martes 4 de junio",
// "Tuesday, June 4". They name the same day and belong to its span.
func (sc *scanner) dateLeads() {
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanDate && x.t != SpanDOB {
			continue
		}
		k := sc.tokenAt(x.s)
		s := k
		p := k - 1
		if sc.isP(p, ',') {
			p--
		}
		switch {
		case sc.is(p, "dia") || sc.flags(p)&fWeekday != 0 && sc.kind(p) == tkWord:
			s = p
			if sc.is(p-1, "el") || sc.is(p-1, "the") {
				s = p - 1
			}
		case sc.is(p, "of") && sc.is(p-1, "day") && sc.is(p-2, "the"):
			s = p - 2
		}
		if s == k || sc.anyClaimed(s, k-1) {
			continue
		}
		for j := s; j < k; j++ {
			sc.toks[j].claimed = true
		}
		x.s = sc.toks[s].s
	}
}

// confusableDigits reads letters typed for digits inside a number: "555-
// I23-4S67", "0I/I4/I962", "l23-45-6789". Where a run of number-shaped
// pieces joined by - / or . holds seven or more characters, most of them
// digits, and up to three of the letters that look like digits (o, i, l,
// s, b, z), those letters are read as the digits, in the folded copy only (the mask still covers what
// the patient typed). "B12", "A1C" and "i5" are too short to qualify.
func (sc *scanner) confusableDigits() {
	T := sc.toks
	b := sc.n.b
	for i := 0; i < len(T); i++ {
		if T[i].kind != tkNum && T[i].kind != tkAlnum {
			continue
		}
		// The run: number-shaped tokens joined by one separator.
		j, digits, letters, alnum := i, 0, 0, false
		for k := i; k < len(T); {
			t := &T[k]
			if t.kind != tkNum && t.kind != tkAlnum {
				break
			}
			d, l, ok := lookalikeCounts(b[t.s:t.e], true)
			if !ok || l > 2 || d == 0 {
				break
			}
			digits += d
			letters += l
			alnum = alnum || l > 0
			j = k
			if n := k + 1; n+1 < len(T) && T[n].kind == tkPunct && sc.attached(n) && sc.attached(n+1) {
				switch b[T[n].s] {
				case '-', '/', '.':
					k = n + 1
					continue
				}
			}
			break
		}
		if !(alnum && digits >= 4 && digits+letters >= 7 && letters <= 3 && letters < digits) {
			// Not a number joined tight: perhaps one set apart by spaces.
			if k := sc.lookalikeRun(i); k > j {
				j = k
			}
			i = j
			continue
		}
		sc.digitsForLetters(i, j, true)
		i = j
	}
}

// lookalikeCounts counts the digits of a token's text w and the letters
// typed for digits in it (o, i, l, s; b and z too where wide), and
// reports false when any other character is in it. Where not wide, an s
// counts only beside a digit and never last ("S67", "4S6", never "10s").
func lookalikeCounts(w []byte, wide bool) (digits, letters int, ok bool) {
	for p, c := range w {
		switch {
		case isDigit(c):
			digits++
		case c == 'o' || c == 'i' || c == 'l' || wide && (c == 's' || c == 'b' || c == 'z'):
			letters++
		case c == 's' && p+1 < len(w) && (isDigit(w[p+1]) || p > 0 && isDigit(w[p-1])):
			letters++
		default:
			return digits, letters, false
		}
	}
	return digits, letters, true
}

// digitsForLetters rewrites the tokens from i to j that hold letters and
// digits as the digits their letters stand for (o 0, i and l 1, s 5; b 8
// and z 2 as well where wide, in a code joined tight) and makes them
// numbers.
func (sc *scanner) digitsForLetters(i, j int, wide bool) {
	T, b := sc.toks, sc.n.b
	for k := i; k <= j; k++ {
		if T[k].kind != tkAlnum {
			continue
		}
		for p := T[k].s; p < T[k].e; p++ {
			switch c := b[p]; {
			case c == 'o':
				b[p] = '0'
			case c == 'i' || c == 'l':
				b[p] = '1'
			case c == 's':
				b[p] = '5'
			case wide && c == 'b':
				b[p] = '8'
			case wide && c == 'z':
				b[p] = '2'
			}
		}
		T[k].kind = tkNum
	}
}

// lookalikeRun reads a number typed with letters for some of its digits
// and its groups set apart by spaces, slashes or bars, as a patient types
// a telephone number, a date of birth or an address he reads off a card:
// "O7911 l23 456", "O2O 7946 OOl8", "l2/O9/l97l", "6l2 O34 S67",
// "2l7.l4.99.l3O", "o4/o7/6o". Only O for 0, l or I for 1, and S for 5
// beside a digit inside a group (never ending it: "1990s"), are read, in groups that each hold a digit and nothing
// but digits and those letters; the groups together must have a
// number's length (seven characters, or a date's three groups of two or
// more) and no more letters than digits. Spine levels ("L4-L5 L5-S1"),
// oxygen ("O2 sats 94", "SpO2") and words are not numbers: groups of
// those make a run only beside two groups of plain digits ("06 l2 34 56
// 78"), and a word holds no digit. It returns the last token it read as digits, or i when it read
// none.
func (sc *scanner) lookalikeRun(i int) int {
	T := sc.toks
	b := sc.n.b
	digits, letters, groups, plain, j := 0, 0, 0, 0, i
	lettered, short := false, true
	var sep byte // the separator of a date's groups; ' ' for spaces
	same := true
	for k := i; k < len(T); {
		t := &T[k]
		if t.kind != tkNum && t.kind != tkAlnum {
			break
		}
		d, l, ok := lookalikeCounts(b[t.s:t.e], false)
		if !ok || d == 0 {
			break
		}
		digits += d
		letters += l
		groups++
		lettered = lettered || l > 0
		// A spine level ("L4", "S1") or oxygen ("O2") is a letter and a
		// digit: a run of those alone is read as typed.
		w := b[t.s:t.e]
		short = short && (l == 0 || len(w) == 2 && (w[0] == 'l' || w[0] == 's' || string(w) == "o2"))
		if l == 0 && d >= 2 {
			plain++
		}
		j = k
		n := k + 1
		if n >= len(T) {
			break
		}
		var s byte
		switch {
		case T[n].space && (T[n].kind == tkNum || T[n].kind == tkAlnum) && T[n].s-t.e == 1:
			s, k = ' ', n
		case T[n].kind == tkPunct && sc.attached(n) && n+1 < len(T) && sc.attached(n+1) &&
			(T[n].punct == '-' || T[n].punct == '/' || T[n].punct == '.' || T[n].punct == '|'):
			s, k = T[n].punct, n+1
		default:
			k = len(T)
			continue
		}
		if sep != 0 && s != sep {
			same = false
		}
		sep = s
	}
	dateShape := groups == 3 && same && sep != ' ' && sep != 0 && digits+letters >= 6
	if !lettered || short && plain < 2 || letters > digits || digits+letters < 7 && !dateShape {
		return i
	}
	sc.digitsForLetters(i, j, false)
	return j
}

// conditionAdjective reports an adjective that names a condition: "I'm
// anemic", "she's epileptic", "he is immunocompromised".
func conditionAdjective(w []byte) bool { return lexiconOrPanic().entry(w).stmt&sCondAdj != 0 }

var conditionAdjectiveWords = []string{
	"anemic", "anaemic", "epileptic", "immunocompromised", "immunosuppressed", "paralyzed", "paralysed",
	"deaf", "blind", "autistic", "hypoglycemic", "hyperglycemic", "hypertensive", "hypotensive", "bedridden",
	"incontinent", "arthritic", "schizophrenic", "psychotic", "suicidal", "anorexic", "bulimic", "obese",
	"infertile", "impotent", "disabled", "housebound", "homebound", "colorblind", "dyslexic",
	"prediabetic", "insulin-dependent", "dialysis-dependent", "oxygen-dependent", "addicted", "hiv-positive",
	"anemica", "anemico", "epileptica", "epileptico", "ciego", "ciega", "sordo", "sorda", "paralizado", "paralizada",
	"autista", "hipertenso", "hipertensa", "obeso", "obesa", "encamado", "encamada",
}

// careSupport reports what a person lives with because of a condition:
// "on oxygen", "uses a wheelchair", "on hospice".
func careSupport(w []byte) bool { return lexiconOrPanic().entry(w).stmt&sCareSupport != 0 }

var careSupportWords = []string{
	"oxygen", "hospice", "wheelchair", "walker", "cane", "cpap", "bipap", "ventilator", "feeding", "catheter",
	"colostomy", "ostomy", "insulin", "oxigeno", "silla",
}

// conditionStates finds a condition said as what a person is or lives
// with: "I'm anemic", "my son is autistic", "she's on oxygen", "he uses a
// wheelchair", "soy epiléptica".
func (sc *scanner) conditionStates() {
	if sc.stmtAny&(sCondAdj|sCareSupport) == 0 {
		return
	}
	T := sc.toks
	for k := range T {
		if T[k].stmt&(sCondAdj|sCareSupport) == 0 || T[k].kind != tkWord || T[k].claimed {
			continue
		}
		var s int
		switch {
		case T[k].stmt&sCondAdj != 0:
			// "I'm anemic", "she is really anemic", "soy autista".
			if (sc.is(k, "confused") || sc.is(k, "confundido") || sc.is(k, "confundida")) && sc.confusionOverDetails(k) {
				continue // "I'm confused about my bill"
			}
			p := k - 1
			if sc.is(p, "very") || sc.is(p, "really") || sc.is(p, "so") || sc.is(p, "severely") || sc.is(p, "legally") || sc.is(p, "completely") || sc.is(p, "muy") ||
				sc.is(p, "super") || sc.is(p, "pretty") || sc.is(p, "bastante") || sc.is(p, "tan") || sc.is(p, "medio") {
				p--
			}
			// "anda", "sigue": Spanish says a state goes on with them.
			if !(sc.is(p, "i'm") || sc.is(p, "im") || sc.is(p, "he's") || sc.is(p, "she's") || sc.is(p, "is") || sc.is(p, "am") ||
				sc.is(p, "was") || sc.is(p, "became") || sc.is(p, "been") || sc.is(p, "soy") || sc.is(p, "es") || sc.is(p, "esta") || sc.is(p, "estoy") ||
				sc.is(p, "anda") || sc.is(p, "ando") || sc.is(p, "andaba") || sc.is(p, "sigue") || sc.is(p, "sigo") || sc.is(p, "estaba")) {
				continue
			}
			s = p
			if !sc.personBefore(p+1) && !sc.is(p-1, "i've") && !sc.is(p-1, "ive") {
				continue
			}
		case T[k].stmt&sCareSupport != 0:
			p := k - 1
			if sc.is(p, "a") || sc.is(p, "an") || sc.is(p, "the") || possessive(sc.word(p)) {
				p--
			}
			if !(sc.is(p, "on") && (sc.is(p-1, "i'm") || sc.is(p-1, "he's") || sc.is(p-1, "she's") || sc.is(p-1, "is") || sc.is(p-1, "been") || sc.is(p-1, "im")) ||
				sc.is(p, "uses") || sc.is(p, "use") || sc.is(p, "using") || sc.is(p, "needs") && !sc.is(k+1, "repair")) {
				continue
			}
			s = p
			if !sc.personBefore(p) {
				continue
			}
		default:
			continue
		}
		if sc.anyClaimed(s, k) {
			continue
		}
		sc.addTok(s, k, SpanCondition, 0.65, prioClinical)
	}
}

// negation reports a word that negates the verb after it.
func negation(w []byte) bool {
	switch string(w) {
	case "haven't", "havent", "hasn't", "hasnt", "didn't", "didnt", "not", "barely", "hardly", "never", "no", "can't", "cant":
		return true
	}
	return false
}

// Statement word classes, kept in the lexicon entry so the per-token
// rules above test a bit instead of comparing strings.
// stmtClass is a set of statement word classes.
type stmtClass uint16

const (
	sVital stmtClass = 1 << iota
	sHealthVerb
	sBodyAbility
	sCondAdj
	sCareSupport
	sLead    // "can't", "trouble", "hard": may open "can't breathe", "trouble swallowing"
	sRunning // "running": "he's running 101"
	sBlood   // "blood", "sangre": "blood in my urine"
)

var stmtWordLists = []struct {
	bit   stmtClass
	words []string
}{
	{sRunning, []string{"running"}},
	{sBlood, []string{"blood", "sangre"}},
	{sLead, []string{"can't", "cant", "cannot", "couldn't", "puedo", "puede", "pueden", "trouble", "difficulty", "hard", "cuesta", "cuestan"}},
	{sVital, vitalWordWords},
	{sHealthVerb, healthVerbWords},
	{sBodyAbility, bodyAbilityWords},
	{sCondAdj, conditionAdjectiveWords},
	{sCareSupport, careSupportWords},
}

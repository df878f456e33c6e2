package policy

import "bytes"

// Specialty visits reveal the condition they treat: "me mandaron a
// cardiología" says the heart, "I see a nephrologist" the kidneys. The
// specialties are read by their shape, a stem of the organ or disease and
// an ending of the discipline or its doctor, so the Spanish, English and
// Portuguese forms and the doctor's title ("cardióloga", "oncologist")
// need no list of their own. General practice, paediatrics and imaging
// reveal nothing and have no stem here.

// specialtyStems are the Greek and Latin stems of the organs and diseases
// a specialty's name carries.
var specialtyStems = []string{"cardio", "onco", "neuro", "nefro", "nephro", "uro", "gastroentero", "gastro", "neumo",
	"pneumo", "pulmono", "reumato", "rheumato", "endocrino", "hemato", "haemato", "infecto", "psiqu", "psych", "psic",
	"gineco", "gyneco", "gynaeco", "obstetr", "dermato", "derma", "oftalmo", "ophthalmo", "otorrinolaringo", "otolaryngo",
	"procto", "hepato", "alergo", "allergo", "immuno", "inmuno", "angio", "colo", "andro", "sexo", "toxico", "addicto",
	"neurocirug", "audio", "traumato", "otorrino", "nutrio", "neurocirujan"}

// specialtyEndings are the endings of a discipline and of its doctor.
var specialtyEndings = []string{"logia", "logy", "logist", "logists", "logo", "loga", "logos", "logas", "iatria", "iatry",
	"iatrist", "iatrists", "iatra", "iatras", "ologia", "cirugia", "surgery", "surgeon", "cirujano", "cirujana",
	// Portuguese and French doctors and disciplines: "dermatologista",
	// "cardiologue", "psychiatre", "cardiologie".
	"logista", "logistas", "logue", "logues", "logie", "iatre", "iatres", "iatrie", "ia"}

// specialtyShape reports a specialty or its doctor by shape:
// "cardiología", "oncólogo", "nephrologist", "psiquiatra".
func specialtyShape(w []byte) bool {
	if len(w) < 7 {
		return false
	}
	// The endings' last letters and the stems' first three first: most
	// words fail one of them at once.
	switch string(w[len(w)-2:]) {
	case "ia", "gy", "st", "ts", "go", "ga", "os", "as", "ry", "ra", "on", "no", "na", "ta", "ue", "es", "ie", "re":
	default:
		return false
	}
	switch string(w[:3]) {
	case "car", "onc", "neu", "nef", "nep", "uro", "gas", "pne", "pul", "reu", "rhe", "end", "hem", "hae", "inf",
		"psi", "psy", "gin", "gyn", "obs", "der", "oft", "oph", "oto", "pro", "hep", "ale", "all", "imm", "inm",
		"ang", "col", "and", "sex", "tox", "add", "aud", "tra", "nut":
	default:
		return false
	}
	for _, stem := range specialtyStems {
		if len(w) <= len(stem)+2 || string(w[:len(stem)]) != stem {
			continue
		}
		rest := w[len(stem):]
		for _, end := range specialtyEndings {
			if end == "ia" {
				continue // too short to stand alone after a stem
			}
			if len(rest) >= len(end) && string(rest[len(rest)-len(end):]) == end && len(rest)-len(end) <= 4 {
				return true
			}
		}
	}
	return false
}

// visitCue reports a word that sends or takes a person to a specialty:
// "referred", "sent", "mandaron", "voy", "see", "cita".
func visitCue(w []byte) bool { return lexiconOrPanic().entry(w).stmt&sVisitCue != 0 }

var visitCueWords = []string{"referred", "referral", "refer", "refers", "sent", "send", "sending", "transferred", "see", "seeing", "sees",
	"saw", "seen", "visit", "visiting", "appointment", "appt", "consult", "going", "go", "went", "goes",
	"mandaron", "mandan", "mando", "mandaran", "refirieron", "refieren", "refiere", "enviaron", "envian", "envio",
	"derivaron", "derivan", "derivo", "canalizaron", "canalizan", "pasaron", "remitieron", "remiten", "voy", "va",
	"vamos", "van", "fui", "fue", "fuimos", "iba", "ir", "cita", "consulta", "atiende", "atienden", "ve", "ven",
	"viendo", "checa", "checan", "revisa", "revisan", "tratando", "trata", "tratan", "encaminharam", "vou",
	// What a visit to a specialty is called: "terapia con la
	// psicóloga", "control en hematología", "pase a urología".
	"terapia", "therapy", "control", "pase", "tratamiento", "treatment", "sesion", "session", "seguimiento",
	"follow-up", "followup", "checkup", "chequeo", "revision", "turno", "ver", "verme", "verla", "verlo",
	"atender", "atenderme", "tratar", "revisar", "llevar", "llevo", "lleva", "take", "taking", "takes", "bring",
	"bringing", "empece", "empezo", "started", "start", "cirugia", "surgery", "operacion", "operation",
	"follow", // "follow-up" is three tokens
}

// sentVerb reports a Spanish verb, by its stem, that books or sends a
// person somewhere: "me citaron", "le agendaron", "me programaron", "me
// pasaron", "la canalizaron", "me atiendo".
func sentVerb(w []byte) bool {
	for _, stem := range []string{"cit", "mand", "envi", "refir", "refier", "deriv", "canaliz", "remit", "agend", "program",
		"transfir", "pas", "atiend", "atend", "toca", "llev", "dej", "hospitaliz", "intern", "ingres"} {
		if len(w) > len(stem)+1 && string(w[:len(stem)]) == stem {
			return true
		}
	}
	return false
}

// participle reports a Spanish past participle: "hospitalizado",
// "referida", "internados".
func participle(w []byte) bool {
	for _, suf := range []string{"ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"} {
		if len(w) > len(suf)+2 && string(w[len(w)-len(suf):]) == suf {
			return true
		}
	}
	return false
}

// staffNoun reports the doctor, patient or specialist of a specialty:
// "el doctor de cardiología", "soy paciente de nefrología".
// (a visit cue of the lexicon too: see visitCue)
func staffNoun(w []byte) bool { return visitCue(w) }

var staffNouns = []string{"doctor", "doctora", "medico", "medica", "dr", "dra", "especialista", "specialist", "paciente", "patient",
	"estoy", "esta", "estamos", "estaba", "ando", "anda", "sigo", "sigue", "toca"}

// anySpecialty reports a specialty in the message, listed or by shape.
func (sc *scanner) anySpecialty() bool {
	if sc.stmtAny&sSpecialty != 0 {
		return true
	}
	T := sc.toks
	for k := 0; k < len(T); k++ {
		// Words of seven letters or more, in a loop of their own that
		// keeps nothing else in registers.
		for k < len(T) && (T[k].e-T[k].s < 7 || T[k].kind != tkWord) {
			k++
		}
		if k < len(T) && specialtyShape(sc.txt(k)) {
			return true
		}
	}
	return false
}

// specialtyReferrals finds a specialty visit tied to a person by a
// referral or a visit verb: "me mandaron a cardiología", "mi mamá va con
// el neurólogo", "I was referred to nephrology", "she sees a
// rheumatologist". patientVisits covers the possessive forms ("my
// cardiology appointment").
func (sc *scanner) specialtyReferrals() {
	T := sc.toks
	personal := -1 // computed once, on the first specialty
	for i := range T {
		if T[i].claimed || T[i].kind != tkWord || T[i].stmt&sSpecialty == 0 && !specialtyShape(sc.txt(i)) {
			continue
		}
		if personal < 0 {
			personal = 0
			if sc.personalMessage() {
				personal = 1
			}
		}
		if personal == 0 {
			continue
		}
		cue := -1
		for p := i - 1; p >= 0 && p >= i-6; p-- {
			if T[p].claimed || T[p].kind != tkWord {
				break
			}
			if visitCue(sc.txt(p)) || haveWord(sc.txt(p)) || sentVerb(sc.txt(p)) && (clitic(sc.word(p-1)) || participle(sc.txt(p))) || staffNoun(sc.txt(p)) {
				cue = p
				break
			}
			switch string(sc.txt(p)) {
			case "a", "al", "to", "the", "a'", "el", "la", "con", "with", "en", "at", "de", "del", "an", "un", "una", "in", "para", "for", "o":
				continue
			}
			// "la cita de mi mamá en cardiología": whose visit it is
			// sits between the visit and the specialty.
			if possessive(sc.txt(p)) || T[p].ent.cue == cueRelation {
				continue
			}
			break
		}
		if cue < 0 {
			continue
		}
		s := cue
		for p := cue - 1; p >= 0 && p >= cue-2 && T[p].kind == tkWord && !T[p].claimed; p-- {
			if clitic(sc.txt(p)) || healthSubject(sc.txt(p)) || sc.is(p, "was") || sc.is(p, "been") || sc.is(p, "got") || sc.is(p, "get") || sc.is(p, "to") {
				s = p
				continue
			}
			break
		}
		e := i
		if sc.flags(i+1)&fVisit != 0 && !T[i+1].claimed {
			e = i + 1
		}
		sc.addTok(s, e, SpanCondition, 0.65, prioClinical)
	}
}

// personalMessage reports a message that speaks of a person: the writer
// ("I", "me", "tengo", "voy"), a possessive or a relative.
func (sc *scanner) personalMessage() bool {
	for k := range sc.toks {
		t := &sc.toks[k]
		if t.kind != tkWord {
			continue
		}
		if t.ent.cue == cueRelation || personWord(sc.txt(k)) {
			return true
		}
	}
	return false
}

// personWord reports a word that puts a person in a message: pronouns of
// the writer and of others, possessives, and Spanish first-person verbs.
func personWord(w []byte) bool {
	switch string(w) {
	case "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "my", "me", "mine", "myself", "he", "she", "him", "his", "her",
		"he's", "she's", "we", "our", "us", "they", "their", "them", "mi", "mis", "yo", "tengo", "estoy", "voy", "fui",
		"le", "les", "nos", "nuestro", "nuestra", "ella", "sus", "su", "tenho", "estou", "eu", "minha", "meu", "soy", "somos",
		// Spanish drops the pronoun: the verb's person says who writes.
		"necesito", "quiero", "puedo", "podria", "llamo", "escribo", "sigo", "ando", "tuve", "estuve", "queria",
		"quisiera", "ocupo", "debo", "confirmo", "cancelo", "necesitamos", "queremos", "tenemos", "vamos":
		return true
	}
	return false
}

// departmentMention reports a specialty or service named as a place in an
// operational message with nobody in it: "where is the oncology
// department?", "is the dialysis unit on the first floor", "¿dónde queda
// oncología?", "what time does the psychiatry clinic open". The message
// asks where or when a department is; no person, relative or possessive
// says anyone is treated there.
func (sc *scanner) departmentMention(m mark) bool {
	if m.e.clin != SpanCondition {
		return false
	}
	named := false
	for k := m.ts; k < m.te; k++ {
		if sc.toks[k].stmt&(sSpecialty|sPlace) != 0 || specialtyShape(sc.txt(k)) {
			named = true
			break
		}
	}
	// "the diabetes clinic", "la clínica de diabetes": a condition that
	// names a place.
	if !named && (m.te >= len(sc.toks) || sc.toks[m.te].stmt&sPlace == 0) && !sc.placeOfBefore(m.ts) {
		return false
	}
	if sc.personalMessage() {
		return false
	}
	// Only a question: "the HIV clinic is on floor 3", sent to one
	// patient, tells them where their care is; asked by a patient, "where
	// is the HIV clinic?" asks the way.
	question, place := false, false
	for k := range sc.toks {
		w := sc.txt(k)
		if sc.isP(k, '?') || sc.isP(k, '¿') || (k == 0 || sc.isP(k-1, ',') || sc.isP(k-1, ':')) && questionOpener(w) {
			question = true
		}
		if sc.toks[k].kind == tkWord && addressee(w) {
			return false // "your oncology appointment": someone's
		}
		place = place || placeQuestion(w)
	}
	return question && place
}

// specialistAsked reports a specialist or specialty filed as a condition
// (French and Portuguese: "dermatologista", "cardiologue", "psiquiatra")
// asked about as a service of the clinic, with nobody in the message:
// "Tem dermatologista?", "Avez-vous un cardiologue ?". "Meu filho vai ao
// psiquiatra?" and "Je dois voir un cardiologue ?" stay masked: they
// speak of a person.
func (sc *scanner) specialistAsked(m mark) bool {
	if m.e.clin != SpanCondition || m.te-m.ts != 1 || !specialtyShape(sc.txt(m.ts)) {
		return false
	}
	// A French specialist ("cardiologue", "psychiatre") makes "le" an
	// article ("le samedi"), not the Spanish pronoun of "le duele".
	sw := sc.txt(m.ts)
	french := bytes.HasSuffix(sw, []byte("logue")) || bytes.HasSuffix(sw, []byte("iatre"))
	question := false
	for k := range sc.toks {
		t := &sc.toks[k]
		if sc.isP(k, '?') {
			question = true
		}
		if t.kind != tkWord {
			continue
		}
		if (k+1 == m.ts || french) && (sc.is(k, "le") || sc.is(k, "la")) {
			continue // the article: "le cardiologue"
		}
		w := sc.txt(k)
		if t.ent.cue == cueRelation || t.flags&fPersonal != 0 || personWord(w) || romancePersonWord(w) || possessive(w) {
			return false
		}
	}
	return question
}

// romancePersonWord reports a French or Portuguese word that puts a
// person in a message, or a possessive of the one addressed: "je",
// "mon", "ele", "preciso", "votre", "seu".
func romancePersonWord(w []byte) bool {
	switch string(w) {
	case "je", "j'ai", "j'", "jai", "mon", "ma", "moi", "ele", "ela", "meus", "minhas", "preciso", "precisamos",
		"vou", "fui", "votre", "vos", "seu", "sua", "te", "tu", "tus", "your":
		return true
	}
	return false
}

// questionOpener reports a word that opens a question typed without its
// question mark: "where is…", "what time does…", "is the unit…".
func questionOpener(w []byte) bool {
	switch string(w) {
	case "where", "what", "when", "which", "how", "is", "are", "does", "do", "can", "donde", "que", "cuando", "cual",
		"a", "hay", "esta", "abre", "abren", "onde", "ou":
		return true
	}
	return false
}

// addressee reports a word for the person addressed: "your", "usted".
func addressee(w []byte) bool {
	switch string(w) {
	case "you", "your", "you're", "usted", "ustedes", "tu", "tus", "te", "voce", "vous", "votre":
		return true
	}
	return false
}

// serviceWord reports a treatment service that is also a department:
// "dialysis", "chemo", "infusion".
func serviceWord(w []byte) bool {
	for _, x := range serviceWords {
		if string(w) == x {
			return true
		}
	}
	return false
}

var serviceWords = []string{"dialysis", "dialisis", "chemo", "chemotherapy", "quimio", "quimioterapia", "infusion", "hospice",
	"rehab", "detox", "radioterapia", "hemodialisis", "hemodialysis"}

// placeQuestion reports a word that asks where, when or how to reach a
// place, or says where it is.
func placeQuestion(w []byte) bool {
	switch string(w) {
	case "where", "donde", "located", "location", "ubicado", "ubicada", "queda", "quedan", "floor", "piso", "building",
		"edificio", "wing", "open", "opens", "abre", "abren", "abierto", "abierta", "close", "closes", "closed", "cierra",
		"cierran", "cerrado", "hours", "horario", "horarios", "extension", "directions", "entrance", "entrada", "parking",
		"estacionamiento", "elevator", "elevador", "moved", "movieron", "cambio", "fax", "telefono", "phone", "onde", "ou",
		// When it runs: "when is the Flu Clinic this year?"
		"when", "cuando", "schedule", "days":
		return true
	}
	return false
}

// placeNoun reports a noun of a place of care a condition or a
// specialty can name: "clinic", "unit", "programa".
func placeNoun(w []byte) bool { return lexiconOrPanic().entry(w).stmt&sPlace != 0 }

var placeNouns = []string{"clinic", "clinics", "center", "centre", "unit", "program", "programme", "department", "dept", "ward",
	"clinica", "centro", "unidad", "programa", "departamento", "servicio", "consultorio", "sala", "area"}

// placeOfBefore reports "clínica de", "unidad de la", "centro del" right
// before token k.
func (sc *scanner) placeOfBefore(k int) bool {
	p := k - 1
	if sc.is(p, "la") || sc.is(p, "los") || sc.is(p, "las") || sc.is(p, "el") {
		p--
	}
	if !(sc.is(p, "de") || sc.is(p, "del") || sc.is(p, "para")) {
		return false
	}
	return placeNoun(sc.word(p - 1))
}

// neutralService reports what a clinic may be named for that reveals no
// condition: "clínica de medicina familiar", "the walk-in clinic",
// "centro de salud", "unidad de imagen".
func neutralService(w []byte) bool {
	switch string(w) {
	case "familia", "familiar", "general", "salud", "imagen", "imagenes", "imagenologia", "radiologia", "laboratorio",
		"urgencias", "atencion", "citas", "cobranza", "recepcion", "especialidades", "consulta", "externa", "referencia",
		"vacunacion", "vacunas", "pediatria", "ninos", "nino", "adultos", "mujer", "walk-in", "walkin", "main", "family",
		"primary", "urgent", "pediatric", "pediatrics", "downtown", "north", "south", "east", "west", "new", "old",
		"community", "comunitario", "comunitaria", "medicina", "medical", "health", "care", "the", "our", "your", "this",
		"that", "same", "nueva", "nuevo", "principal", "estacionamiento", "parking", "imaging", "lab", "laboratory", "x-ray",
		"xray", "rayos", "billing", "dental", "dentista", "optica", "vision", "farmacia", "pharmacy":
		return true
	}
	return false
}

// namedClinics finds a visit to a clinic named for what it treats: "voy a
// la clínica de heridas", "mi esposa está en la unidad de quemados", "I go
// to the sleep clinic", "tengo cita en el programa de adicciones". A
// clinic's name says why a person goes there; the visit makes it theirs.
func (sc *scanner) namedClinics() {
	T := sc.toks
	personal := -1
	for n := range T {
		if T[n].stmt&sPlace == 0 || T[n].claimed || T[n].kind != tkWord {
			continue
		}
		// What the clinic is for: "clínica de X", "X clinic".
		s, e := -1, -1
		switch {
		case sc.is(n+1, "de") || sc.is(n+1, "del") || sc.is(n+1, "para"):
			j := n + 2
			if sc.is(j, "la") || sc.is(j, "los") || sc.is(j, "las") || sc.is(j, "el") {
				j++
			}
			if j < len(T) && T[j].kind == tkWord && !T[j].claimed && sc.clinicFor(j) {
				s, e = n, j
			}
		case n > 0 && T[n-1].kind == tkWord && !T[n-1].claimed && T[n-1].flags&fNotName == 0 && sc.clinicFor(n-1):
			s, e = n-1, n
		}
		if s < 0 {
			continue
		}
		if personal < 0 {
			personal = 0
			if sc.personalMessage() {
				personal = 1
			}
		}
		if personal == 0 {
			continue
		}
		// The visit: "voy a la", "cita en el", "está en la", "goes to the".
		cue := -1
		for p := s - 1; p >= 0 && p >= s-4; p-- {
			if T[p].claimed || T[p].kind != tkWord {
				break
			}
			if visitCue(sc.txt(p)) || sc.is(p, "esta") || sc.is(p, "estoy") || sc.is(p, "sigo") || sc.is(p, "sigue") || sc.is(p, "attend") || sc.is(p, "attends") {
				cue = p
				break
			}
			switch string(sc.txt(p)) {
			case "a", "al", "to", "the", "el", "la", "con", "with", "en", "at", "de", "del", "in", "my", "his", "her", "mi", "su":
				continue
			}
			break
		}
		if cue < 0 {
			continue
		}
		if cs := cue - 1; cs >= 0 && !T[cs].claimed && (clitic(sc.txt(cs)) || healthSubject(sc.txt(cs))) {
			cue = cs
		}
		sc.addTok(cue, e, SpanCondition, 0.6, prioClinical)
	}
}

// clinicFor reports token j as what a clinic is for: a word no list
// gives another role (a street, a saint, a day, a name) and no neutral
// service. Capitalised words are the clinic's proper name ("Clínica de
// Santa Fe"), not what it treats.
func (sc *scanner) clinicFor(j int) bool {
	t := &sc.toks[j]
	if t.flags&(fStop|fWeekday|fMonth|fFirst|fSurname|fStreetPrefix|fStreetSuffix|fState|fParticle|fUnitDesignator|fOrgNoun) != 0 ||
		t.ent.cue != cueNone || neutralService(sc.txt(j)) || t.inClin {
		return false
	}
	return !sc.upper(j) || sc.allUpperText()
}

// specialistActs finds a specialist doing something for the patient:
// "la neumóloga me cambió el inhalador", "el cardiólogo le mandó
// estudios". A specialist who acts on a person says what that person is
// treated for.
func (sc *scanner) specialistActs() {
	T := sc.toks
	for i := range T {
		if i+1 >= len(T) || T[i].claimed || T[i].kind != tkWord || !specialtyShape(sc.txt(i)) {
			continue
		}
		e := -1
		if T[i+1].stmt&sClitic != 0 {
			// "la neumóloga me cambió", "el cardiólogo le mandó".
			e = i + 1
			if sc.kind(i+2) == tkWord && !T[i+2].claimed {
				e = i + 2
			}
		} else if sc.is(i-1, "the") || sc.is(i-1, "el") || sc.is(i-1, "la") {
			// "the cardiologist wants to see me", "el neurólogo quiere
			// verme", "la reumatóloga dijo que mi mamá…": the specialist's
			// verb reaches the person before the clause ends.
			for k := i + 1; k < len(T) && k <= i+5 && !T[k].claimed && !sc.clauseEnd(k); k++ {
				w := sc.txt(k)
				if writerWord(w) || T[k].ent.cue == cueRelation || bytes.HasSuffix(w, []byte("me")) && len(w) > 4 && T[k].flags == 0 {
					e = k // "verme", "atenderme"
					break
				}
			}
		}
		if e < 0 || sc.anyClaimed(i, e) {
			continue
		}
		s := i
		if sc.is(i-1, "el") || sc.is(i-1, "la") || sc.is(i-1, "the") {
			s = i - 1
		}
		sc.addTok(s, e, SpanCondition, 0.6, prioClinical)
	}
}

// visitNoun reports the noun of one patient's visit: "cita", "follow-up".
func visitNoun(w []byte) bool {
	for _, x := range visitNouns {
		if string(w) == x {
			return true
		}
	}
	return false
}

var visitNouns = []string{"cita", "citas", "consulta", "seguimiento", "control", "turno", "appointment", "appt", "follow-up", "followup",
	"visit", "sesion", "session", "referral", "referencia", "pase", "interconsulta", "checkup", "chequeo", "revision"}

// offerWord reports a word that asks what the clinic offers rather than
// about a visit: "do you have", "¿tienen?", "available", "hay".
func offerWord(w []byte) bool {
	switch string(w) {
	case "tienen", "hay", "ofrecen", "offer", "offers", "available", "disponible", "disponibles", "accept", "accepting",
		"aceptan", "reciben", "provide", "cuesta", "cost", "costs", "price", "precio", "cubre", "covers", "cover":
		return true
	}
	return false
}

// specialtyVisits finds a visit to a specialty told without a person, as
// patients write a note to the desk: "cita de cardiología el martes",
// "seguimiento en nefrología confirmado", "neurology follow-up moved to
// 3pm". A visit is one person's; a message that asks where a department
// is, when it opens or whether the clinic offers it is about the place.
func (sc *scanner) specialtyVisits() {
	T := sc.toks
	operational := -1
	for i := range T {
		if T[i].claimed || T[i].kind != tkWord || T[i].stmt&sSpecialty == 0 && !specialtyShape(sc.txt(i)) {
			continue
		}
		s, e := -1, -1
		// "cita de cardiología", "consulta en neurología con".
		for p := i - 1; p >= 0 && p >= i-3; p-- {
			if T[p].claimed || T[p].kind != tkWord {
				break
			}
			if visitNoun(sc.txt(p)) {
				s, e = p, i
				break
			}
			if !(sc.is(p, "de") || sc.is(p, "en") || sc.is(p, "con") || sc.is(p, "el") || sc.is(p, "la") || sc.is(p, "del") || sc.is(p, "al") || sc.is(p, "a") || sc.is(p, "with") || sc.is(p, "at") || sc.is(p, "the") || sc.is(p, "to")) {
				break
			}
		}
		// "cardiology follow-up", "neurology appt".
		if s < 0 && visitNoun(sc.word(i+1)) && !T[i+1].claimed {
			s, e = i, i+1
		}
		if s < 0 && sc.is(i+1, "follow") && sc.isP(i+2, '-') && sc.is(i+3, "up") && !sc.anyClaimed(i+1, i+3) {
			s, e = i, i+3
		}
		if s < 0 {
			continue
		}
		if operational < 0 {
			operational = 0
			for k := range T {
				if placeQuestion(sc.txt(k)) || offerWord(sc.txt(k)) {
					operational = 1
					break
				}
			}
		}
		if operational == 1 && !sc.personalMessage() {
			continue
		}
		sc.addTok(s, e, SpanCondition, 0.6, prioClinical)
	}
}

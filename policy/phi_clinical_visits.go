package policy

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
	"neurocirug", "audio"}

// specialtyEndings are the endings of a discipline and of its doctor.
var specialtyEndings = []string{"logia", "logy", "logist", "logists", "logo", "loga", "logos", "logas", "iatria", "iatry",
	"iatrist", "iatrists", "iatra", "iatras", "ologia", "ia"}

// specialtyShape reports a specialty or its doctor by shape:
// "cardiología", "oncólogo", "nephrologist", "psiquiatra".
func specialtyShape(w []byte) bool {
	if len(w) < 7 {
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
func visitCue(w []byte) bool {
	switch string(w) {
	case "referred", "referral", "refer", "refers", "sent", "send", "sending", "transferred", "see", "seeing", "sees",
		"saw", "seen", "visit", "visiting", "appointment", "appt", "consult", "going", "go", "went", "goes",
		"mandaron", "mandan", "mando", "mandaran", "refirieron", "refieren", "refiere", "enviaron", "envian", "envio",
		"derivaron", "derivan", "derivo", "canalizaron", "canalizan", "pasaron", "remitieron", "remiten", "voy", "va",
		"vamos", "van", "fui", "fue", "fuimos", "iba", "ir", "cita", "consulta", "atiende", "atienden", "ve", "ven",
		"viendo", "checa", "checan", "revisa", "revisan", "tratando", "trata", "tratan", "encaminharam", "vou":
		return true
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
		if T[i].claimed || T[i].kind != tkWord || T[i].e-T[i].s < 7 || !specialtyShape(sc.txt(i)) && !specialty(sc.txt(i)) {
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
		for p := i - 1; p >= 0 && p >= i-4; p-- {
			if T[p].claimed || T[p].kind != tkWord {
				break
			}
			if visitCue(sc.txt(p)) {
				cue = p
				break
			}
			switch string(sc.txt(p)) {
			case "a", "al", "to", "the", "a'", "el", "la", "con", "with", "en", "at", "de", "del", "an", "un", "una", "in", "para", "for", "o":
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
		"le", "les", "nos", "nuestro", "nuestra", "ella", "el'", "sus", "su", "tenho", "estou", "eu", "minha", "meu":
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
		w := sc.txt(k)
		if specialtyShape(w) || specialty(w) || serviceWord(w) {
			named = true
			break
		}
	}
	if !named && !(sc.flags(m.te)&(fVisit|fOrgNoun) != 0 && m.te-m.ts == 1 && serviceWord(sc.txt(m.ts))) {
		return false
	}
	if sc.personalMessage() {
		return false
	}
	for k := range sc.toks {
		if placeQuestion(sc.txt(k)) {
			return true
		}
	}
	return false
}

// serviceWord reports a treatment service that is also a department:
// "dialysis", "chemo", "infusion".
func serviceWord(w []byte) bool {
	switch string(w) {
	case "dialysis", "dialisis", "chemo", "chemotherapy", "quimio", "quimioterapia", "infusion", "hospice",
		"rehab", "detox", "radioterapia", "hemodialisis", "hemodialysis":
		return true
	}
	return false
}

// placeQuestion reports a word that asks where, when or how to reach a
// place, or says where it is.
func placeQuestion(w []byte) bool {
	switch string(w) {
	case "where", "donde", "located", "location", "ubicado", "ubicada", "queda", "quedan", "floor", "piso", "building",
		"edificio", "wing", "open", "opens", "abre", "abren", "abierto", "abierta", "close", "closes", "closed", "cierra",
		"cierran", "cerrado", "hours", "horario", "horarios", "extension", "directions", "entrance", "entrada", "parking",
		"estacionamiento", "elevator", "elevador", "moved", "movieron", "cambio", "fax", "telefono", "phone", "onde", "ou":
		return true
	}
	return false
}

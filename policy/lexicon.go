package policy

import (
	"fmt"
	"strings"

	"github.com/clinicwa/triage/assets"
)

// Word flags. One map lookup per word gives every role the word can play.
const (
	fFirst          uint64 = 1 << iota // a given name
	fSurname                           // a family name
	fNameWord                          // a name that is also an ordinary word
	fStop                              // ends a name after a cue
	fClin                              // clinical term (type in lexEntry.clin)
	fPhraseStart                       // first word of a multi-word entry
	fMonth                             // month name (number in lexEntry.month)
	fStreetSuffix                      // St, Avenue, Road…
	fStreetPrefix                      // Calle, Avenida…
	fUnit                              // dose, count and duration units after a number
	fPain                              // pain-scale words
	fDateCue                           // "on", "since", "cita", "el"…
	fDOBCue                            // "dob", "born", "nacimiento"…
	fAgeUnit                           // "years", "yo", "años"
	fAgeCue                            // "age", "aged", "edad", "turning"
	fClinHint                          // "medication", "pills", "dosis": clinical with a question
	fQuestion                          // "should", "can", "puedo", "normal"
	fPersonal                          // "i", "my", "tengo": the writer speaks of a person
	fState                             // US state code or name
	fParticle                          // "de", "del", "la", "van" inside names
	fFax                               // "fax"
	fWeekday                           // Monday, lunes…
	fNotName                           // never part of a name
	fZipCue                            // "zip", "cp"
	fUnitDesignator                    // apt, unit, suite, piso after a street
	fTitleCaseOnly                     // state codes that are also words: need capitals
	fCityVerb                          // "live", "moved", "vivo": a town may follow
	fAddrCue                           // "address", "live at", "domicilio": a street address follows
	fClinMod                           // "severe", "type", "stage", "uncontrolled": part of a condition
	fDoseUnit                          // "mg", "units", "tablets": a dose after a number
	fFreq                              // "daily", "twice", "bid", "cada": how often a drug is taken
	fResultWord                        // "was", "came back", "count": joins a test to its value
	fResultValue                       // "positive", "normal", "high": the value of a test
	fVisit                             // "clinic", "appointment": a visit a specialty names
	fNeedsFinding                      // "mri", "sugar", "bp": clinical only with a value or a finding
	fDuration                          // "weeks", "months", "semanas": a pregnancy's stage
	fStreetWord                        // "rue", "via", "rua": a street named after a house number
	fOrdinary                          // a dictionary word: never read as a misspelt clinical term
	fBodyPart                          // "chest", "knee", "espalda": where a symptom is
	fSide                              // "left", "lower", "izquierda": which part of the body
	fClinLead                          // "diagnosed with", "history of", "taking": opens a clinical statement
	fLatin                             // placeholder Latin ("lorem", "ipsum"): layout text, not a message
	fLabelNoun                         // "building", "lot", "suite": takes a letter label ("Building A")
	fHeadNoun                          // "disease", "syndrome", "enfermedad": names a condition with the words before or after
	fOrgNoun                           // "clinic", "imaging", "monitor": the capitalised words before it name a place, an organisation or a thing
	fPopName                           // a name only the population tables know (no hand list): weaker on its own
	fSensitive                         // opens a substance, mental or sexual health statement (phi_sensitive.go)
	fDistrict                          // "barangay", "purok", "colonia", "bairro": a named district of a town (phi_places_district.go)
	fCountry                           // "nigeria", "brasil": a country, larger than a state; listed so the population tables' rare people so named do not make it a name
)

// cueKind is what a cue phrase announces about the words after it.
type cueKind uint8

const (
	cueNone       cueKind = iota
	cueNameStrong         // "my name is", "me llamo": the next words are a name
	cueNameWeak           // "this is", "soy": a name only if it looks like one
	cueTitle              // "Dr.", "Sra.": the next word is a name
	cueRelation           // "my son", "mi hija"
	cueIntro              // "this is", "soy", "regards,": a weak cue that also takes two unlisted words ending the clause
	cueID                 // the next token is an identifier of lexEntry.idType
	cueSSN                // "ssn", "social security"
)

// lexEntry is everything known about one word or phrase.
type lexEntry struct {
	flags  uint64
	cue    cueKind
	idType SpanType // for cueID
	clin   SpanType // for fClin
	month  uint8
	nTok   uint8 // tokens in the phrase
	// phraseMax is the longest phrase that starts with this word.
	phraseMax uint8
	// stmt holds the statement word classes (sVital, sHealthVerb…). A
	// word with only these is no lexicon word: look-up treats it as
	// unknown and carries the classes on the token.
	stmt stmtClass
}

// lexicon is the compiled word map shared by every Detect call.
type lexicon struct {
	words map[string]lexEntry
	// drugs indexes one-word medication and condition names of six
	// letters or more by first letter, for the misspelling look-up.
	drugs [128][]fuzzyTerm
	// symptoms holds the one-word symptom and test names of five letters
	// or more, for the misspelling look-up of words no dictionary knows.
	symptoms [128][]fuzzyTerm
	// people holds the population name tables for words no list above
	// knows.
	people *nameTable
	// phrase2 is the longest phrase for each first two words (by
	// pairHash), so the phrase look-up tries no longer keys than exist and
	// none at all after "my" or "on" when no phrase goes on that way.
	phrase2 map[uint64]uint8
	// seconds holds the second word of every phrase, for the index
	// (wordTags.second); built with phrase2.
	seconds map[string]bool
	// pairs answers phrase2 on the hot path, built once it is complete.
	pairs pairIndex
	// index answers look-ups in words on the hot path, built once the
	// map is complete.
	index wordIndex
	// building holds addTerm's scratch buffers while the lexicon is
	// built; emptied once it is.
	building struct {
		n    normText
		toks []token
	}
}

func (lx *lexicon) add(key string, fn func(*lexEntry)) {
	e := lx.words[key]
	fn(&e)
	lx.words[key] = e
}

// addTerm files one entry (one or more words) under its folded token key.
func (lx *lexicon) addTerm(term string, fn func(*lexEntry)) {
	if lowerASCIIWord(term) {
		// Most list entries are one lower-case ASCII word, which folds and
		// tokenizes to itself: filed as it is, without the fold, the
		// tokenizer or a new key string, it costs a third as much at the
		// start of every process.
		e := lx.words[term]
		e.nTok = 1
		fn(&e)
		lx.words[term] = e
		return
	}
	// One folding buffer for the whole build: a normText per term made
	// six of the build's eleven megabytes of garbage, which a fresh
	// process pays for in page faults before its first message.
	n := &lx.building.n
	n.reset(term)
	toks := tokenize(n.b, lx.building.toks)
	lx.building.toks = toks
	if len(toks) == 0 {
		return
	}
	var sb strings.Builder
	for i, t := range toks {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.Write(n.b[t.s:t.e])
	}
	key := sb.String()
	if len(toks) > 1 {
		h := pairHash(n.b[toks[0].s:toks[0].e], n.b[toks[1].s:toks[1].e])
		lx.phrase2[h] = max(lx.phrase2[h], uint8(len(toks)))
		lx.seconds[string(n.b[toks[1].s:toks[1].e])] = true
		first := string(n.b[toks[0].s:toks[0].e])
		e := lx.words[first]
		e.flags |= fPhraseStart
		e.phraseMax = max(e.phraseMax, uint8(len(toks)))
		lx.words[first] = e
	}
	e := lx.words[key]
	e.nTok = uint8(len(toks))
	fn(&e)
	lx.words[key] = e
}

// lowerASCIIWord reports a term of lower-case ASCII letters only.
func lowerASCIIWord(term string) bool {
	if term == "" {
		return false
	}
	for i := 0; i < len(term); i++ {
		if term[i] < 'a' || term[i] > 'z' {
			return false
		}
	}
	return true
}

func (lx *lexicon) flag(f uint64, terms ...string) {
	for _, t := range terms {
		lx.addTerm(t, func(e *lexEntry) { e.flags |= f })
	}
}

func (lx *lexicon) cue(c cueKind, typ SpanType, terms ...string) {
	for _, t := range terms {
		lx.addTerm(t, func(e *lexEntry) { e.cue, e.idType = c, typ })
	}
}

// lexiconWords sizes the word map at the start of the build: a little
// over the entries the lists make today (15,300), so the map is not
// rehashed as it fills.
const lexiconWords = 16_000

// buildLexicon compiles the embedded word lists and the cue tables.
func buildLexicon() (*lexicon, error) {
	lx := &lexicon{words: make(map[string]lexEntry, lexiconWords), phrase2: make(map[uint64]uint8, 1024),
		seconds: make(map[string]bool, 1024)}
	// A drug brand that is also a given name (Mirena, Kyleena, Lyrica)
	// would hide the name the population tables hold: a listed word is
	// never looked up there. It keeps both readings, so "Mirena Castillo
	// called" is the person and "my mirena is due out" the device.
	people := populationNameTable()
	lists := []struct {
		name string
		fn   func(*lexEntry)
	}{
		{assets.LexFirstNames, func(e *lexEntry) { e.flags |= fFirst }},
		{assets.LexSurnames, func(e *lexEntry) { e.flags |= fSurname }},
		{assets.LexNameWords, func(e *lexEntry) { e.flags |= fNameWord | fFirst }},
		{assets.LexStopwords, func(e *lexEntry) { e.flags |= fStop }},
		{assets.LexMedications, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanMedication }},
		{assets.LexMedicationsMore, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanMedication }},
		{assets.LexConditions, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanCondition }},
		{assets.LexSymptoms, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanSymptom }},
		{assets.LexLabs, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanLab }},
		{assets.LexOrdinary, func(e *lexEntry) { e.flags |= fOrdinary }},
	}
	for _, l := range lists {
		terms, err := assets.Lexicon(l.name)
		if err != nil {
			return nil, err
		}
		if len(terms) == 0 {
			return nil, fmt.Errorf("policy: lexicon %s is empty", l.name)
		}
		for _, t := range terms {
			lx.addTerm(t, l.fn)
			drug := l.name == assets.LexMedications || l.name == assets.LexMedicationsMore
			if drug && lowerASCIIWord(t) && people.lookup([]byte(t))&nameGiven != 0 {
				lx.addTerm(t, func(e *lexEntry) {
					if e.flags&fFirst == 0 {
						e.flags |= fFirst | fPopName
					}
				})
			}
			if (drug || l.name == assets.LexConditions) && len(t) >= 6 && !strings.ContainsAny(t, " -") {
				if t[0] < 128 {
					// Only the commonest drugs are read at two slips in
					// outbound staff text: the long tail of brands lies two
					// letters from too many French and Portuguese words.
					lx.drugs[t[0]] = append(lx.drugs[t[0]], fuzzyTerm{t, letterMask(t), l.name == assets.LexMedications})
				}
			}
			if (l.name == assets.LexSymptoms || l.name == assets.LexLabs) && len(t) >= 5 && !strings.ContainsAny(t, " -") && t[0] < 128 {
				lx.symptoms[t[0]] = append(lx.symptoms[t[0]], fuzzyTerm{t, letterMask(t), false})
			}
		}
	}

	// Given names of many origins and the short forms patients use
	// (assets/data/lexicons/given_names_world.txt). One that is also an
	// ordinary word ("bob", "chico") is a name that is also a word: it
	// needs a cue or another name. The others count as the population
	// tables' names do: in any case beside another name or after a cue,
	// alone in lower case only where a person stands.
	world, err := assets.Lexicon(assets.LexWorldGiven)
	if err != nil {
		return nil, err
	}
	for _, t := range world {
		n := &lx.building.n
		n.reset(t)
		if dictionaryWord(n.b) {
			lx.addTerm(t, func(e *lexEntry) { e.flags |= fNameWord | fFirst })
		} else {
			lx.addTerm(t, func(e *lexEntry) { e.flags |= fFirst | fPopName })
		}
	}

	// Family names of many origins the census tables lack
	// (assets/data/lexicons/family_names_world.txt): read as the
	// population tables' family names are. The list holds no dictionary
	// word; one that became one is left to the capital and cue rules.
	family, err := assets.Lexicon(assets.LexWorldFamily)
	if err != nil {
		return nil, err
	}
	for _, t := range family {
		n := &lx.building.n
		n.reset(t)
		if !dictionaryWord(n.b) {
			lx.addTerm(t, func(e *lexEntry) { e.flags |= fSurname | fPopName })
		}
	}

	for _, l := range stmtWordLists {
		for _, w := range l.words {
			bit := l.bit
			lx.add(w, func(e *lexEntry) { e.stmt |= bit })
		}
	}
	addSensitiveWords(lx)

	months := [][]string{
		{"january", "jan", "enero", "ene", "janvier", "janeiro"},
		{"february", "feb", "febrero", "fevrier", "fevereiro"},
		{"march", "mar", "marzo", "mars"},
		{"april", "apr", "abril", "abr", "avril"},
		{"may", "mayo", "maio"},
		{"june", "jun", "junio", "juin", "junho"},
		{"july", "jul", "julio", "juillet", "julho"},
		{"august", "aug", "agosto", "aout"},
		{"september", "sep", "sept", "septiembre", "setiembre", "septembre", "setembro"},
		{"october", "oct", "octubre", "octobre", "outubro"},
		{"november", "nov", "noviembre", "novembre", "novembro"},
		{"december", "dec", "diciembre", "dic", "decembre", "dezembro"},
	}
	// French "mai" and Portuguese "março" (folded "marco") are left out:
	// they are also given names (Mai, Marco), which a month never is.
	for i, names := range months {
		for _, m := range names {
			mo := uint8(i + 1)
			lx.addTerm(m, func(e *lexEntry) { e.flags |= fMonth; e.month = mo })
		}
	}
	lx.flag(fWeekday|fNotName, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
		"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
	lx.flag(fStreetSuffix, "street", "st", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd",
		"drive", "dr", "lane", "ln", "court", "ct", "way", "place", "pl", "highway", "hwy",
		"parkway", "pkwy", "circle", "cir", "terrace", "ter", "trail", "trl", "square", "sq", "loop", "pike",
		"crescent", "cres", "close", "row", "heights", "hts", "run", "path", "crossing", "xing", "ridge",
		"point", "commons", "cove", "grove", "gardens", "mews", "alley", "walk", "bend", "glen", "hollow",
		"landing", "manor", "plaza", "trace", "vista", "expressway", "expy", "freeway", "fwy", "turnpike",
		"causeway", "broadway",
		// British, Irish and Australian street types: "Marine Pde", "9 the
		// parade", "12 the paddocks", "Lakeview Terr".
		"parade", "pde", "paddocks", "vale", "rise", "gdns", "terr", "wynd", "brae", "esplanade", "esp", "quay",
		"wharf", "meadows",
		// Australian abbreviations: "5 Bottlebrush Crt", "12 Ocean Tce",
		// "3 Banksia Cct", "40 Main Bvd".
		"crt", "tce", "cct", "bvd")
	lx.flag(fStreetPrefix, "calle", "avenida", "av", "avda", "calzada", "camino", "paseo", "carretera",
		"privada", "carrera", "circuito", "cerrada", "prolongacion", "callejon", "plaza", "boulevard", "blvd",
		"rua", "rue", "via", "viale", "corso", "piazza", "strada", "carrer", "rambla", "travessa", "largo", "praca",
		"avinguda", "chemin", "avenue")
	lx.flag(fUnitDesignator, "apt", "apartment", "unit", "suite", "ste", "flat", "bloque", "escalera", "piso", "depto", "departamento",
		"apto", "int", "interior", "puerta", "bldg", "floor", "fl", "col", "colonia")
	lx.flag(fUnit, "mg", "mcg", "ml", "g", "gr", "kg", "lb", "lbs", "oz", "cc", "tab", "tabs", "tablet",
		"tablets", "pill", "pills", "cap", "caps", "capsule", "capsules", "cup", "cups", "dose", "doses",
		"unit", "units", "iu", "puff", "puffs", "drop", "drops", "tsp", "tbsp", "teaspoon", "tablespoon",
		"of", "de", "gotas", "pastilla", "pastillas", "tableta", "tabletas", "capsula", "capsulas", "dosis",
		"cucharada", "cucharadita", "day", "days", "week", "weeks", "hour", "hours", "hr", "hrs", "minute",
		"minutes", "min", "mins", "times", "veces", "dia", "dias", "semana", "semanas", "hora", "horas",
		"minutos", "meses", "mmhg", "mmol", "bpm", "people", "personas", "chance", "split", "support",
		"inhaler", "shot", "shots", "injection", "vial", "syringe", "ratio")
	lx.flag(fPain, "pain", "dolor", "scale", "escala", "hurts", "hurt", "duele", "rate", "rated", "rating",
		"score", "level", "nivel", "pain level", "intensity")
	lx.flag(fDateCue, "on", "by", "since", "until", "till", "from", "appt", "appointment", "el", "desde",
		"hasta", "cita", "fecha", "date", "due", "scheduled", "surgery", "cirugia", "visit", "visita",
		"dated", "before", "after", "antes", "despues", "del", "for", "para", "admitted", "discharged",
		"seen", "last", "next", "started", "empezo")
	lx.flag(fDOBCue, "dob", "born", "birth", "birthday", "birthdate", "bday", "b-day", "nacimiento",
		"naci", "nacio", "nac", "fnac", "cumpleanos", "cumple", "date of birth", "fecha de nacimiento",
		// Portuguese and French: "nasci em", "nascida a", "née le",
		// "date de naissance". French "né" folds to "ne", the negation, and
		// "nascimento" alone is a common family name: both
		// are left out.
		"nasci", "nasceu", "nascido", "nascida", "data de nascimento", "nee", "naissance", "date de naissance")
	lx.flag(fAgeUnit, "yo", "years", "year", "yrs", "yr", "anos", "ano", "y/o", "y.o", "yoa", "anitos", "yeras", "yers", "yaers",
		"yesrs", "yeasr", "yeas", "yrars", "yars", "yeats", "yaer", "yeers")
	lx.flag(fAgeCue, "age", "aged", "edad", "idade", "turning", "turns", "turned", "cumple", "cumplio", "cumplira", "ages")
	lx.flag(fClinHint, "dose", "dosis", "dosage", "side effects", "side effect", "efectos secundarios",
		"efecto secundario", "symptoms", "sintomas", "treatment", "tratamiento", "test results",
		"my results", "mis resultados", "resultados", "take my medication", "take my medicine",
		"take my pills", "take my meds", "take these pills", "take it with", "stop taking", "keep taking",
		"tomar mi medicina", "tomar mis pastillas", "tomar la pastilla", "tomar el medicamento",
		"dejar de tomar", "seguir tomando", "mix", "combine", "mezclar", "allergic to", "alergico a",
		"alergica a", "pregnant", "breastfeeding", "lactando")
	lx.flag(fQuestion, "should", "can", "could", "is it", "is this", "normal", "safe", "how much",
		"how many", "how often", "what should", "debo", "puedo", "deberia", "es normal", "cuanto",
		"cuanta", "cuantas", "cuantos", "seguro", "why", "por que", "what", "que")
	lx.flag(fPersonal, "i", "i'm", "im", "my", "me", "mine", "he", "she", "his", "her", "he's", "she's",
		"tengo", "mi", "mis", "estoy", "tiene", "su", "esta", "we", "our", "son", "daughter", "hijo", "hija",
		// The third persons of Spanish, Portuguese and French: never a
		// town after an address ("…, Medellín, ella no tiene celular").
		"ella", "ellas", "ellos", "ela", "elas", "ele", "eles", "elle", "elles")
	lx.flag(fParticle, "de", "del", "la", "las", "los", "van", "von", "da", "di", "le", "mc", "san", "das", "dos",
		"della", "des", "du", "der", "ter", "ten", "bin", "ibn", "bint", "abu", "al", "el", "ben", "zu", "den",
		"dela", "delos", "delas")
	lx.flag(fCityVerb, "live", "lives", "living", "lived", "vivo", "vive", "vivimos", "viven", "moved",
		"mude", "mudamos", "moving", "moro", "mora", "moramos", "moram", "habite", "j'habite", "habitons", "habitent",
		"resido", "reside")
	lx.flag(fAddrCue, "address", "home address", "mailing address", "street address", "live at", "lives at",
		"living at", "staying at", "direccion", "domicilio", "vivo en", "vive en", "ship to", "send it to",
		"endereco", "morada", "adresse", "domicile", "moro na", "moro no", "mora na", "mora no", "habite au", "j'habite au", "adres")
	lx.flag(fFax, "fax", "facsimile", "telefax")
	lx.flag(fZipCue, "zip", "zipcode", "zip code", "postal code", "postcode", "post code", "cp", "c.p", "codigo postal",
		"eircode", "cep", "plz", "pin code", "pincode", "postleitzahl", "code postal")
	// Countries are larger than a state: no identifier on their own, and
	// no person ("we just got back from Nigeria", "my son is in Brazil"),
	// though the population tables hold a few people so named. Listed,
	// they are read as the unknown capitalised words they are, so an
	// address line still runs over them ("…, Lagos, Nigeria").
	lx.flag(fCountry, countryWords()...)
	lx.flag(fNotName, "dr", "doctor", "mr", "mrs", "ms", "sr", "sra", "srta", "dra", "miss", "nurse",
		"doutor", "doutora", "docteur", "docteure", "dottore", "dottoressa",
		"clinic", "clinica", "office", "hospital", "pharmacy", "farmacia", "insurance", "seguro", "dob",
		"ok", "okay", "thanks", "gracias", "hello", "hola", "hi", "yes", "no", "si", "please", "porfa",
		"good", "morning", "buenos", "dias", "tardes", "noches", "regards", "saludos", "team", "equipo",
		"phone", "email", "correo", "number", "numero", "appointment", "cita", "refill", "portal",
		"address", "direccion", "zip", "ssn", "mrn", "id", "the", "front", "desk", "parking", "today",
		"tomorrow", "hoy", "manana", "urgent", "asap", "covid", "english", "spanish", "espanol", "ingles",
		// A clinic's desks and teams sign messages and send exports as a
		// person would: "- Appointments", "Un saludo, Recepción",
		// "[10:42, 3/4/2024] Reception: …".
		"appointments", "reception", "recepcion", "recepcao", "equipe", "administrasyon", "administration",
		"admin", "billing", "scheduling", "staff", "nursing", "accueil", "secretaria", "secretariat", "bot",
		"practitioner", "customer", "finance",
		// Holidays and seasons a clinic's hours turn on: "closed for Yom
		// Kippur?", "Eid Mubarak to the whole team".
		"eid", "mubarak", "yom", "kippur", "diwali", "hanukkah", "chanukah", "ramadan", "kwanzaa", "passover",
		"daylight", "navidad", "pascua", "carnaval",
		// The labels of a forwarded e-mail's header end the name before
		// them: "From: Gideon Prytherch Date: …", "Cc: Ruth Fenwick
		// Subject: …".
		"subject", "date", "sent", "re", "cc", "bcc",
		// Chat shorthand no dictionary holds, where a name may stand ("hi
		// its abt my appt", "hey its fyi only").
		"abt", "fyi", "idk", "tmrw", "tmr", "wrt", "btw", "thx", "tbh", "imo", "lmk", "omw", "nvm", "smh", "ikr",
		"omg", "lol", "lmao", "wtf", "ily", "brb", "rofl",
		// Organisations, brands, holidays and places of care that are written
		// with capitals but are not people.
		"blue", "cross", "shield", "memorial", "day", "health", "care", "medical", "center", "centre",
		"garage", "lobby", "entrance", "laboratory", "imaging", "radiology", "medicine",
		"school", "university", "college", "library", "services", "department",
		"pediatrics", "annex", "campus", "pavilion", "urgente", "estacionamiento",
		"united", "aetna", "cigna", "humana", "kaiser", "anthem", "molina", "ambetter", "medicaid", "medicare",
		"tricare", "walgreens", "cvs", "walmart", "target", "costco", "kroger", "mercadona", "google", "apple", "whatsapp",
		"facebook", "instagram", "zoom", "uber", "lyft", "amazon", "visa", "mastercard", "amex", "paypal",
		"venmo", "zelle", "christmas", "navidad", "thanksgiving", "easter", "new", "year", "labor",
		"independence", "happy", "holidays", "er", "icu", "emergency", "room", "lab", "radiology",
		"pediatrics", "cardiology", "dermatology", "urgent care", "primary", "family", "practice", "group",
		"street", "avenue", "road", "north", "south", "east", "west", "county", "city", "university",
		"school", "church", "iglesia", "senor", "god", "dios", "jesus christ", "lord", "wifi", "ok", "lol",
		"thank", "you", "dear", "team", "staff", "sir", "madam", "hey", "hello", "welcome", "bienvenido",
		"name", "nombre", "names", "nombres",
		// Portuguese and French courtesies, greetings and blessings that the
		// population tables also hold as names ("Bonne journée", "Deus
		// abençoe", "Merci, bonne soirée"): a patient writing them signs
		// off, no one is named.
		"bom", "boa", "obrigado", "obrigada", "obrigadao", "tchau", "abraco", "abracos", "beijo", "beijos",
		"beijinhos", "deus", "abencoe", "abencoa", "saude", "tudo", "bonjour", "bonsoir", "bonne", "journee",
		"soiree", "nuit", "merci", "beaucoup", "salut", "bises", "bisous", "cordialement", "amicalement",
		"bientot", "dieu", "benisse", "heaps", "mate",
		// Forms of address a thank-you ends with ("Thanks, Doc!", "thanks
		// hun", "gracias mami"): the reader, not a name.
		"doc", "sweetie", "fam", "boss", "mami", "papi", "dude", "folks", "guys", "mija", "mijo",
		"jefe", "jefa", "mamita", "papito",
		// Departments a message is addressed to ("Attn: Billing").
		"billing", "department", "dept", "records", "accounts", "manager", "referrals", "scheduling",
		"reception", "facturacion", "administracion", "admin", "hr", "payroll",
		// The clinic's papers, written with capitals ("the New Patient
		// Form", "the Intake Packet").
		"form", "forms", "waiver", "questionnaire", "paperwork", "packet", "formulario")
	states := []string{"al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in",
		"ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj",
		"nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va",
		"wa", "wv", "wi", "wy", "dc", "pr",
		"alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
		"florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
		"louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
		"missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
		"new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
		"rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont",
		"virginia", "washington", "west virginia", "wisconsin", "wyoming", "puerto rico"}
	lx.flag(fState, states...)
	lx.flag(fTitleCaseOnly, "via", "largo", "corso", "rambla", "strada", "chemin", "rue", "rua", "viale", "piazza", "praca", "carrer", "travessa", "avinguda",
		"in", "or", "me", "hi", "ok", "de", "la", "oh", "pa", "co", "ma", "id", "mi",
		"al", "ar", "ga", "mo", "ne", "va", "wa", "ms", "md", "sc", "nd", "ct", "ky", "ut", "mt", "ia", "ca")

	// Clinical grammar: the words that make a drug, test or condition a
	// whole statement ("metformin 500 mg twice daily", "A1C was 9.2",
	// "type 2 diabetes, uncontrolled").
	lx.flag(fClinMod, "severe", "mild", "moderate", "chronic", "acute", "early", "late", "advanced",
		"metastatic", "uncontrolled", "controlled", "poorly", "well", "stage", "grade", "type", "class",
		"recurrent", "persistent", "active", "latent", "borderline", "gestational", "juvenile", "onset",
		"early-onset", "severo", "severa", "leve", "moderado", "moderada", "cronico", "cronica", "agudo",
		"aguda", "tipo", "etapa", "grado", "estadio", "descontrolado", "descontrolada", "avanzado", "avanzada",
		"ii", "iii", "iv", "remission", "remision", "flare", "flare-up", "brote", "worsening")
	lx.flag(fDoseUnit, "mg", "mcg", "ug", "ml", "g", "gr", "cc", "iu", "unit", "units", "tab", "tabs",
		"tablet", "tablets", "pill", "pills", "cap", "caps", "capsule", "capsules", "puff", "puffs", "drop",
		"drops", "patch", "spray", "sprays", "mg/dl", "mmol", "mmol/l", "meq", "pastilla", "pastillas",
		"tableta", "tabletas", "capsula", "capsulas", "gotas", "unidades", "dosis", "%", "percent",
		"mmhg", "cells", "copies", "k", "x", "milligrams", "milligram", "mgs", "micrograms", "mcgs", "milliliters",
		"millilitres", "grams", "gram", "tablespoons", "teaspoons", "teaspoon", "tablespoon", "inhalations",
		"injections", "injection", "shots", "shot", "miligramos", "miligramo", "gramos", "mililitros",
		"inyecciones", "inyeccion", "cucharadas", "cucharaditas",
		// How a drug is given: "his albuterol inhaler", "insulin pen".
		"inhaler", "inhalers", "pen", "pens", "nebulizer", "neb", "vial", "vials", "patches", "inhalador",
		"jeringa", "parche", "parches", "inhalaciones", "inhalacion", "aplicaciones", "aplicacion", "disparos",
		"nebulizaciones")
	lx.flag(fFreq, "daily", "nightly", "weekly", "monthly", "once", "twice", "thrice", "bid", "tid", "qid",
		"qd", "qhs", "prn", "q4h", "q6h", "q8h", "q12h", "every", "each", "other", "morning", "mornings", "evening",
		"evenings", "night", "nights", "bedtime", "day", "days", "week", "hours", "hour", "hrs", "needed",
		"meals", "diario", "diaria", "diarias", "noche", "noches", "cada", "horas", "dia", "dias", "semana",
		"veces", "vez", "times", "ayunas", "comidas", "am", "pm", "a.m", "p.m", "po", "qam", "qpm", "hs", "bed",
		"breakfast", "dinner", "lunch", "food", "desayuno", "comida", "cena", "dormir", "acostarse",
		"yesterday", "today", "tonight", "ayer", "hoy", "anoche", "pasada", "pasado", "past", "month", "year",
		"winter", "summer", "flares", "flare", "mes", "ano", "meal", "snack", "snacks", "nostril", "nostrils",
		"fosa", "fosas", "nasal")
	// Indications after a drug: "lisinopril for blood pressure".
	lx.flag(fBodyPart, "blood", "blood pressure", "pressure", "presion", "presion arterial", "sugar", "azucar", "sleep",
		"thyroid", "nerves", "nervios", "mood", "acid", "bp")
	lx.flag(fResultWord, "was", "is", "are", "were", "came", "back", "come", "comes", "showed", "shows",
		"show", "at", "of", "count", "counts", "level", "levels", "result", "results", "reading", "readings",
		"test", "tested", "by", "mouth", "with", "a", "an", "per", "the", "to", "up", "down", "went", "now",
		"and", "as", "de", "del", "el", "la", "fue", "es", "salio", "salieron", "dio", "en", "al", "por",
		"con", "y", "resultado", "resultados", "nivel", "niveles", "conteo", "of", "around", "about", "over",
		"under", "still", "again", "as-needed", "as needed", "along", "una", "un", "in", "before", "after", "for",
		"antes", "despues", "out", "acting", "flaring", "flared", "numbers", "number", "showing", "mostrando",
		"been", "had", "has", "have", "having", "getting", "gets", "got", "so", "kind", "kinda", "super", "really",
		"last", "this", "radiating", "spreading", "shooting", "going", "that", "which", "que", "dropped", "rose",
		"fell", "jumped", "increased", "decreased", "spiked", "bajo", "subio", "flagged", "marked", "reported",
		"esta", "estan", "estaba", "resulto", "anda",
		// Degree words between a measure and its value: "is only 9.1",
		// "came back a little low", "went way up".
		"only", "just", "little", "bit", "pretty", "quite", "barely", "almost", "nearly", "too", "way",
		"higher", "lower", "than", "usual", "solo", "poco", "un poco", "algo", "mas", "salieron", "salio en",
		"dieron", "grew", "crecio", "then", "luego", "despues de eso")
	lx.flag(fResultValue, "positive", "negative", "high", "low", "normal", "abnormal", "elevated", "benign",
		"malignant", "detectable", "undetectable", "reactive", "nonreactive", "non-reactive", "clear", "fine",
		"borderline", "raised", "positivo", "positiva", "negativo", "negativa", "alto", "alta", "altos", "bajo",
		"baja", "bajos", "elevado", "elevada", "normales", "anormal", "reactivo", "indetectable", "maligno",
		"benigno", "pos", "neg", "off", "range", "limits", "wnl", "bien", "mal", "control", "up", "remission",
		"anormales", "altas", "bajas", "elevados", "elevadas", "positivos", "negativos", "controlada",
		"controlado", "controladas", "controlados")
	lx.flag(fVisit, "appointment", "appt", "clinic", "visit", "consult", "consultation", "department",
		"dept", "doctor", "unit", "ward", "center", "centre", "follow-up", "followup", "session", "sessions",
		"program", "cita", "consulta", "clinica", "servicio", "doctora", "specialist")
	// Imaging visits and everyday words for measures name a visit or a
	// thing ("where do I park for the MRI", "no sugar, thanks") until a
	// value or finding comes with them.
	lx.flag(fNeedsFinding, "mri", "x-ray", "xray", "ct scan", "ct", "ultrasound", "ultrasonido", "radiografia",
		"resonancia", "tomografia", "ecg", "ekg", "electrocardiograma", "mammogram", "mamografia", "scan",
		"echo", "echocardiogram", "sonogram", "dexa", "pet scan", "blood pressure", "presion arterial", "bp",
		"sugar", "sugars", "oxygen", "oxigeno", "saturation", "heart rate", "temperature", "culture", "pap",
		"iron", "calcium", "colonoscopy", "colonoscopia", "alt", "ast", "rapid test", "scan", "scans", "labs",
		"lab work", "labwork", "lab test", "swab", "pathology", "cat scan", "endoscopy", "stress test", "sleep study",
		"mammo", "hurt", "painful", "dexa scan", "bone density", "bone density scan", "mri scan", "sore", "stiff", "numb", "confused", "shaky", "shaking", "discharge", "sweats", "ache", "aches",
		"disease", "disorder", "syndrome", "deficiency", "insufficiency", "enfermedad", "sindrome", "trastorno",
		"maladie", "doenca", "spirometry", "eeg", "emg", "nerve conduction study", "holter monitor", "cardiac cath", "angiogram", "egd",
		"hida scan", "bone scan", "thyroid ultrasound", "renal ultrasound", "pelvic ultrasound", "transvaginal ultrasound",
		"nt scan", "anatomy scan", "nipt", "amniocentesis", "blood culture", "drug screen", "drug test", "tox screen",
		// Scopes and scans in the four languages are places and rooms as
		// much as findings ("is the mammography unit open Saturday?", "do
		// you do cystoscopy here?") until a result or the patient's own
		// visit comes with them.
		"cystoscopy", "cistoscopia", "cystoscopie", "sigmoidoscopy", "sigmoidoscopia", "colonoscopie", "coloscopie",
		"colonoscopias", "gastroscopy", "gastroscopia", "gastroscopie", "fibroscopie", "upper endoscopy", "endoscopia",
		"endoscopie", "bronchoscopy", "broncoscopia", "bronchoscopie", "colposcopy", "colposcopia", "colposcopie",
		"hysteroscopy", "histeroscopia", "hysteroscopie", "laparoscopy", "laparoscopia", "laparoscopie",
		"capsule endoscopy", "ercp", "urodynamics", "mammography", "mammographie", "mamograma", "breast ultrasound",
		"ecografia mamaria", "echographie mammaire", "breast mri", "pet-ct", "pet ct", "petscan", "gammagrafia",
		"scintigraphie", "cintilografia", "ecografia", "echographie", "ecographie", "ultrassom", "ultrassonografia",
		"ecografia transvaginal", "echographie endovaginale", "obstetric ultrasound", "dating scan", "growth scan",
		"ecocardiograma", "echo cardiogram", "echocardiographie", "holter", "irm", "ressonancia",
		"ressonancia magnetica", "tomographie", "tomografia computadorizada", "radiographie", "densitometria",
		"densitometrie", "dxa", "fibroscan", "cardiac mri", "coronary angiogram", "cateterismo", "coronariografia",
		"coronarographie", "stress echo", "nuclear stress test", "tilt table test", "polysomnography",
		"polisomnografia", "polysomnographie", "audiogram", "audiometria", "visual field test", "oct scan", "sleep test",
		"tb skin test", "tb test", "peak flow", "ammonia", "chloride", "phosphorus", "titers")
	lx.flag(fDuration, "weeks", "week", "months", "month", "semanas", "semana", "meses", "mes", "days", "wks",
		"wk", "mos", "mo")
	lx.flag(fStreetWord, "rue", "via", "viale", "rua", "corso", "piazza", "chemin", "allee", "strada",
		"carrer", "rambla", "travessa", "largo", "praca", "avinguda", "calle", "avenida", "boulevard",
		// Quebec: "509 av. Laurier", "3320 boul. Saint-Laurent", "2760
		// rang Saint-Joseph", "12 montée du Moulin", "8 côte des Neiges".
		"av", "boul", "bd", "rang", "montee", "cote", "ch", "impasse", "ruelle")
	lx.flag(fClinMod, "sharp", "bad", "terrible", "horrible", "awful", "constant", "dull", "throbbing",
		"stabbing", "burning", "slight", "intense", "extreme", "really", "very", "high", "low", "low-grade",
		"fuerte", "intenso", "intensa", "leve", "constante", "punzante", "mucho", "mucha", "muy", "worse",
		"worst", "getting", "peor", "major", "minor", "generalized", "bilateral", "unilateral", "partial",
		"complete", "essential", "primary", "secondary", "idiopathic", "congenital", "obstructive", "restrictive",
		"hypertensive", "alcoholic", "viral", "bacterial", "allergic", "seasonal", "postpartum", "atypical",
		"complex", "subacute", "treated", "untreated", "resolved", "managed", "stable", "diet-controlled",
		"insulin-dependent", "twins", "triplets", "gemelos", "oral", "orally", "subcutaneous", "subq", "sq",
		"intramuscular", "im", "iv", "topical", "topically", "inhaled", "sublingual", "nasal", "injected",
		"injectable", "via", "extended-release", "extended", "release", "xr", "xl", "sr", "er", "odt", "cream",
		"ointment", "gel", "solution", "suspension", "syrup", "jarabe", "crema", "pomada", "liquid",
		"cognitive", "depressive", "compulsive", "traumatic",
		// Modifiers people put before a condition or a measure: "congestive
		// heart failure", "fasting blood sugar", "moderate to severe".
		"congestive", "fasting", "random", "resting", "underactive", "overactive", "treatment-resistant",
		"resistant", "refractory", "intermittent", "recurring", "deep", "slightly", "extremely", "mildly",
		"severely", "morbid", "benign", "malignant", "invasive", "terminal", "untreatable", "diabetic",
		"nocturnal", "exercise-induced", "drug-induced", "cronicamente", "persistente", "recurrente",
		"dry", "productive", "wet", "seca", "seco", "humeda", "con flema", "latest", "recent", "ultimo",
		"ultima", "ultimos", "ultimas", "reciente", "recientes")
	lx.flag(fBodyPart, "head", "neck", "back", "chest", "stomach", "belly", "tummy", "abdomen", "side", "arm",
		"arms", "leg", "legs", "knee", "knees", "ankle", "ankles", "foot", "feet", "hip", "hips", "shoulder",
		"shoulders", "elbow", "wrist", "hand", "hands", "finger", "fingers", "toe", "toes", "ear", "ears", "eye",
		"eyes", "throat", "jaw", "tooth", "teeth", "mouth", "nose", "sinuses", "skin", "groin", "pelvis", "ribs",
		"heart", "lungs", "kidney", "kidneys", "bladder", "joints", "muscles", "spine", "tailbone", "face",
		"cabeza", "cuello", "espalda", "pecho", "estomago", "barriga", "panza", "costado", "brazo", "brazos",
		"pierna", "piernas", "rodilla", "rodillas", "tobillo", "tobillos", "pie", "pies", "cadera", "hombro",
		"hombros", "codo", "muneca", "mano", "manos", "dedo", "dedos", "oido", "oidos", "oreja", "ojo", "ojos",
		"garganta", "mandibula", "muela", "muelas", "diente", "dientes", "boca", "nariz", "piel", "vientre",
		"rinon", "rinones", "vejiga", "articulaciones", "huesos", "costillas", "cara", "corazon", "pulmones",
		// Functions and other parts a complaint is about: "my vision is
		// blurry", "my gums bleed", "my heel is killing me".
		"lung", "prostate", "pancreas", "gallbladder", "uterus", "ovary", "ovaries", "cervix", "bowel", "spleen",
		"vision", "eyesight", "hearing", "gums", "stool", "stools", "urine", "bowels", "breathing", "balance",
		"appetite", "voice", "scalp", "thigh", "thighs", "calf", "calves", "heel", "heels", "lip", "lips",
		"tongue", "armpit", "breast", "breasts", "liver", "bones", "brain", "wound", "incision", "stitches",
		"forehead", "temple", "temples", "buttock", "rectum", "colon", "muscle", "tendon", "nerve",
		"vista", "orina", "heces", "encias", "lengua", "labios", "muslo", "talon", "herida", "cicatriz", "huesos",
		"vesicula", "higado", "tiroides", "prostata", "pulmon", "utero", "ovario", "ovarios", "intestino", "intestinos",
		"cerebro", "mamas")
	lx.flag(fSide, "left", "right", "lower", "upper", "both", "whole", "entire", "izquierdo", "izquierda",
		"derecho", "derecha", "baja", "bajo", "alta", "ambos", "ambas", "toda", "todo")
	lx.flag(fClinLead, "diagnosed with", "diagnosed", "history of", "hx of", "hx", "dx", "dx of", "diagnosis of",
		"suffers from", "suffering from", "treated for", "being treated for", "positive for", "negative for",
		"tested positive for", "tested negative for", "taking", "takes", "took", "prescribed", "started on",
		"on", "refill of", "diagnosticado con", "diagnosticada con", "me diagnosticaron", "le diagnosticaron",
		"toma", "tomo", "tomando", "me recetaron", "le recetaron", "padece", "padezco", "padece de",
		"sufre de", "sufro de", "con", "history", "treated", "suffers", "suffering", "started", "refill",
		"diagnosis", "diagnosticado", "diagnosticada", "padece", "sufre", "sufro", "being", "feeling", "feel",
		"felt", "feels", "siento", "sentia", "having")
	// The clinic's nurses in Spanish, Portuguese and French, in every
	// gender and number: two letters from "enfermedad", they are thanked
	// and asked for ("gracias a las enfermeras", "¿están contratando
	// enfermeros?"), never a misspelt illness.
	lx.flag(fOrdinary, "enfermera", "enfermeras", "enfermero", "enfermeros", "enfermeria", "enfermeira", "enfermeiras",
		"enfermeiro", "enfermeiros", "enfermagem", "infirmiere", "infirmieres", "infirmier", "infirmiers", "infirmerie")
	lx.flag(fLatin, "lorem", "ipsum", "dolor", "amet", "consectetur", "adipiscing", "elit", "sed", "eiusmod",
		"tempor", "incididunt", "labore", "dolore", "magna", "aliqua", "enim", "minim", "veniam", "quis",
		"nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip", "commodo", "consequat", "duis",
		"aute", "irure", "reprehenderit", "voluptate", "velit", "esse", "cillum", "fugiat", "nulla",
		"pariatur", "excepteur", "sint", "occaecat", "cupidatat", "proident", "sunt", "culpa", "officia",
		"deserunt", "mollit", "anim", "laborum", "ut", "et", "ad", "ea", "ex", "eu", "vel", "nec")
	lx.flag(fLabelNoun, "building", "bldg", "lot", "suite", "unit", "plan", "vitamin", "hepatitis", "hep",
		"room", "gate", "door", "level", "floor", "wing", "section", "tower", "type", "group", "part",
		"zone", "area", "bay", "exit", "entrance", "terminal", "hall", "parking", "garage", "grade", "class",
		"option", "step", "phase", "form", "tab", "row", "seat", "block", "line", "track", "platform",
		"elevator", "stairs", "clinic", "pod", "desk", "window", "counter", "annex", "edificio", "sala",
		"puerta", "piso", "nivel", "consultorio", "modulo", "ventanilla")

	lx.flag(fOrgNoun, "clinic", "clinics", "clinica", "hospital", "hospitals", "center", "centre", "centro",
		"imaging", "radiology", "medical", "health", "healthcare", "pharmacy", "farmacia", "lab", "labs",
		"laboratory", "laboratorio", "building", "tower", "torre", "campus", "pavilion", "wing", "annex",
		"office", "offices", "plaza", "mall", "county", "city", "park", "university", "college", "school",
		"church", "institute", "group", "associates", "hall", "library", "station", "airport", "bank",
		"insurance", "monitor", "method", "diet", "foundation", "urgent", "outpatient", "surgery", "surgical",
		"care", "pediatrics", "cardiology", "oncology", "orthopedics", "dental", "dentistry", "vision",
		"hospice", "rehab", "rehabilitation", "therapy", "garage", "lot", "entrance", "tower", "heights",
		"memorial", "regional", "community", "general", "valley", "parking", "plan", "hmo", "ppo", "central")
	lx.flag(fHeadNoun, "disease", "disorder", "syndrome", "deficiency", "insufficiency", "palsy", "infection", "maladie", "doenca",
		"enfermedad", "sindrome", "trastorno", "infeccion", "cancer", "tumor", "allergy", "allergies", "alergia",
		"alergias", "intolerance", "intolerancia")

	// The French and Portuguese head nouns of a named disease ("la
	// maladie de Crohn", "doença de Chagas"), and everyday one-word
	// names the misspelling look-up should not grow from.
	for _, t := range []string{"maladie", "doenca", "stye", "verruca", "threadworms", "threadworm", "pinworms"} {
		lx.addTerm(t, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanCondition })
	}

	// A smear is a test only with its result ("smear came back
	// abnormal"); medicines named by what they do ("my blood thinner").
	lx.addTerm("smear", func(e *lexEntry) { e.flags |= fClin | fNeedsFinding; e.clin = SpanLab })
	for _, t := range []string{"blood thinner", "blood thinners", "sleeping pills", "sleeping pill", "sleeping tablets",
		"blood pressure pills", "blood pressure tablets", "blood pressure meds", "thyroid pills", "thyroid tablets"} {
		lx.addTerm(t, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanMedication })
	}

	// Specialty visits that reveal a condition, and pregnancy stages.
	for _, t := range []string{"oncology", "oncologist", "oncologia", "oncologo", "oncologa",
		"hematology-oncology", "cancer center", "cancer clinic", "hiv clinic", "aids clinic", "hiv specialist",
		"methadone clinic", "methadone program", "suboxone clinic", "addiction clinic", "addiction medicine",
		"detox", "rehab", "psychiatry", "psychiatrist", "psiquiatra", "psiquiatria", "mental health clinic",
		"dialysis", "dialisis", "chemo", "chemotherapy", "quimio", "quimioterapia", "radiation therapy",
		"radioterapia", "infectious disease", "infectologo", "infectologia", "fertility clinic", "ivf",
		"std clinic", "sti clinic", "gender clinic", "gender identity clinic", "transplant clinic", "memory clinic", "pain clinic", "wound clinic",
		"behavioral health", "mental health", "salud mental", "psych", "psych appointment", "psych ward",
		"sexual health clinic", "infusion center", "infusion", "hospice", "palliative care", "hematology",
		"hematologist", "radiation oncology", "opioid treatment", "substance use", "substance abuse",
		"alcohol treatment", "needle exchange", "transplant", "wks along", "weeks along", "wks pregnant",
		"prenatal", "prenatal visit", "control prenatal", "months along", "weeks pregnant",
		"months pregnant", "semanas de embarazo", "meses de embarazo", "first trimester", "second trimester",
		"third trimester", "primer trimestre", "segundo trimestre", "tercer trimestre", "embarazada",
		"embarazo"} {
		lx.addTerm(t, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanCondition })
	}

	// Name cues.
	lx.cue(cueNameStrong, SpanName, "my name is", "name is", "name:", "names", "full name", "patient name",
		"patient's name", "his name is", "her name is", "their name is", "me llamo", "mi nombre es",
		"su nombre es", "se llama", "nombre:", "nombre del paciente", "nombre completo", "a nombre de",
		"under the name", "under the name of", "name on the account", "el nombre es", "nombre es",
		"named", "call me", "llamame", "llámame", "goes by", "llamado", "llamada", "i am called", "le escribe", "les escribe", "te escribe", "escribe",
		"atte", "atte.", "att", "firma", "first name", "last name", "surname", "given name", "middle name",
		"maiden name", "family name", "apellido", "apellidos", "segundo nombre", "nombre de pila",
		"first name is", "last name is", "apellido es", "a la atencion de",
		// The same statement in Portuguese and French: what follows is the
		// name whatever word it is ("meu nome é valdirene", "je m'appelle
		// oumou"), though no dictionary of those languages is held.
		"meu nome é", "meu nome e", "me chamo", "chamo-me", "je m'appelle", "mon nom est", "je me nomme",
		// Their labels and third persons: "nome: …", "nome completo …",
		// "o nome dela é …", "elle s'appelle …".
		"nome:", "nome completo", "nome do paciente", "nome da paciente", "nome dela é", "nome dela e",
		"nome dele é", "nome dele e", "se chama", "nom:", "nom complet", "nom du patient", "nom de famille",
		"prenom", "prénom", "prenom:", "prénom:", "son nom est", "elle s'appelle", "il s'appelle")
	lx.cue(cueIntro, SpanName, "this is", "it's", "its", "i am", "i'm", "im", "soy", "habla", "le habla",
		"les habla", "regards", "thanks", "thank you", "gracias", "saludos", "atentamente", "sincerely",
		"signed", "cheers", "best", "kind regards", "best regards", "hello i'm", "hey it's",
		// Thanks drawn out: "thanks so much ifeoma", "many thanks, rui".
		"thanks so much", "thank you so much", "many thanks", "thanks again",
		// Portuguese, French and Spanish sign-offs before the writer's
		// name ("abraço, Claudionor", "cumprimentos Vasco Almeida").
		"abraço", "abraco", "abraços", "abracos", "beijos", "bjs", "cumprimentos", "atenciosamente",
		"cordialement", "bisous", "un abrazo", "abrazos", "besos")
	lx.cue(cueNameWeak, SpanName, "called", "ask for", "speak to", "speak with", "talk to", "hablar con",
		"de parte de", "on behalf of", "patient", "paciente", "pt", "attn", "attn:", "attention:",
		"results for", "result for", "appointment for", "appt for", "refill for", "prescription for",
		"records for", "paperwork for", "forms for", "labs for", "resultados de", "resultados para",
		"cita para", "cita de", "receta para", "a nombre", "rdv pour",
		// A Portuguese or French introduction before a capitalised name
		// ("aqui é o Wellington", "sou a Lu", "c'est Awa"): as a weak cue
		// one lower-case word after it stays ("aqui é a recepção?").
		"aqui é o", "aqui é a", "aqui e o", "aqui e a", "sou o", "sou a", "c'est",
		// Whose result, whose parent: "o resultado da Vitória", "exame do
		// Enzo", "pai da Ritinha", "mãe do Arthur" (a listed or
		// capitalised name; "exame de sangue", "mãe da paciente" stay).
		"resultado da", "resultado do", "resultados da", "resultados do", "exame da", "exame do", "exames da",
		"exames do", "receita da", "receita do", "consulta da", "consulta do", "vacina da", "vacina do",
		"pai da", "pai do", "mãe da", "mãe do", "mae da", "mae do", "rendez vous pour", "consulta para",
		"receita para", "ordonnance pour", "resultats pour", "for patient", "appointment with", "appt with",
		"visit with", "dear", "estimado", "estimada", "querido", "querida", "c/o", "care of", "mother of",
		"father of", "guardian of", "parent of", "mama de", "papa de", "madre de", "padre de", "tutor de",
		"this message is for", "message is from", "sent by", "from:",
		// A test, a scan or a paper the clinic makes is someone's: "covid
		// test for Dumisani", "sick note for thabo", "results of Mehmet".
		"test for", "tests for", "scan for", "xray for", "x-ray for", "swab for", "bloods for", "note for",
		"letter for", "referral for", "report for", "results of", "result of",
		// A result asked after with the name straight after it: "test
		// results rodelio macaraeg", "results Nguyen thanks". Only a
		// listed, capitalised or dictionary-less name is read there
		// (resultCue): "results look fine" stays.
		"results", "result", "test results", "lab results", "blood results", "blood test results",
		// A form's label typed without its colon: "name rosa mamani dob
		// …", "name li, xiaoming". Only a given name, a word no dictionary
		// holds or a capitalised one starts a name there (bareNameCue):
		// "name change", "name brand" stay.
		"name",
		"el paciente", "la paciente")
	lx.cue(cueTitle, SpanName, "dr", "dr.", "doctor", "dra", "dra.", "doctora", "mr", "mr.", "mrs", "mrs.",
		"ms", "ms.", "miss", "sr", "sr.", "sra", "sra.", "srta", "srta.", "don", "dona", "nurse",
		"enfermera", "enfermero", "senor", "senora", "senorita", "prof", "rev",
		// Portuguese and French: "doutora Marta", "merci docteur Benali".
		"doutor", "doutora", "docteur", "docteure", "dottore", "dottoressa",
		// Ranks and offices written before a surname: "Sgt. Mills",
		// "Officer Diaz".
		"sgt", "sgt.", "officer")
	relations := []string{"son", "daughter", "wife", "husband", "mom", "mother", "dad", "father", "brother",
		"sister", "baby", "grandson", "granddaughter", "grandma", "grandmother", "grandpa", "grandfather",
		"partner", "child", "kid", "aunt", "uncle", "cousin", "nephew", "niece", "boyfriend", "girlfriend",
		"fiance", "stepson", "stepdaughter", "caregiver", "neighbor", "roommate", "friend",
		"hijo", "hija", "esposo", "esposa", "mama", "madre", "papa", "padre", "hermano", "hermana",
		"abuela", "abuelo", "bebe", "nieto", "nieta", "tia", "tio", "primo", "prima", "sobrino", "sobrina",
		"novio", "novia", "suegra", "suegro", "pareja", "amigo", "amiga", "vecino", "vecina", "cuidador", "cuidadora"}
	lx.cue(cueRelation, SpanName, append(append(append(relations, kinWords...), romanceKinWords...), tagalogKinWords...)...)
	// Vietnamese introductions and kin, and the Arabic "my name is"/"her
	// name is", as families who write in their own language put them
	// ("em là Nguyễn Thị Hoa", "tên tôi là …", "mẹ em là …", "اسمها سعاد
	// حداد"). Folded: Vietnamese without its marks, so "con là" and "cháu
	// là" (a child speaking) are left out: folded, they are the Spanish
	// "con la" and "chau la".
	lx.cue(cueNameStrong, SpanName, "ten em la", "ten toi la", "ten con la", "ten la", "ho ten", "ho va ten",
		"اسمي", "اسمها", "اسمه", "الاسم")
	lx.cue(cueIntro, SpanName, "em la", "toi la", "me em la", "bo em la", "con em la", "chong em la", "vo em la",
		"me toi la", "bo toi la", "con toi la")
	lx.cue(cueRelation, SpanName, "me em", "bo em", "con em", "chong em", "vo em", "me toi", "bo toi", "con toi")

	// Identifier cues: the token after the cue is the identifier.
	lx.cue(cueID, SpanMRN, "mrn", "mr#", "mr #", "medical record", "medical record number", "record number",
		"record #", "record no", "chart", "chart number", "chart #", "chart no", "patient id", "patient number",
		"patient #", "patient no", "pt id", "expediente", "numero de expediente", "historia clinica",
		"numero de historia", "numero de paciente", "id de paciente", "hc", "registro medico", "file number")
	lx.cue(cueID, SpanMemberID, "member id", "member", "member #", "member number", "member no", "subscriber id",
		"subscriber", "subscriber number", "policy number", "policy #", "policy no", "policy", "insurance id",
		"insurance number", "insurance #", "group number", "group #", "group no", "medicaid", "medicaid id",
		"medicare", "medicare id", "medicare number", "mbi", "beneficiary id", "poliza", "numero de poliza",
		"afiliado", "numero de afiliado", "id de seguro", "numero de seguro", "seguro", "plan id", "health plan id",
		"id de miembro", "numero de miembro", "membresia", "credencial", "nss", "imss", "issste",
		"credencial del imss", "numero de afiliacion", "afiliacion", "seguro popular")
	lx.cue(cueID, SpanAccount, "account", "account number", "account #", "account no", "acct", "acct #",
		"acct no", "acc", "cuenta", "numero de cuenta", "no de cuenta", "invoice", "invoice #", "invoice number",
		"factura", "claim", "claim number", "claim #", "claim no", "reclamo", "reclamacion", "billing id",
		"routing", "routing number", "iban", "clabe", "statement", "estado de cuenta")
	lx.cue(cueID, SpanLicense, "license", "licence", "license number", "license #", "license no", "licence no",
		"driver's license", "drivers license", "driver license", "dl", "dl#", "dl #", "licencia",
		"licencia de conducir", "numero de licencia", "certificate", "certificate number", "cert", "cert #",
		"certificado", "npi", "dea", "dea #", "passport", "passport number", "pasaporte", "state id",
		"cedula", "ine", "curp", "dni", "nie", "rfc", "id card", "identificacion", "green card", "visa")
	lx.cue(cueID, SpanVehicle, "plate", "plates", "license plate", "licence plate", "plate number", "tag",
		"tags", "placa", "placas", "matricula", "vin", "vin #", "vehicle id", "numero de placa",
		"car reg", "reg no", "reg number", "registration number", "vehicle registration", "kennzeichen", "immatriculation",
		"plaque", "plaque d'immatriculation")
	lx.cue(cueID, SpanDevice, "serial", "serial number", "serial #", "serial no", "s/n", "sn", "imei",
		"pump", "insulin pump", "cgm", "transmitter", "sensor", "device id", "device", "pacemaker",
		"hearing aid", "numero de serie", "serie", "marcapasos", "glucometer", "glucometro", "udi",
		"mac address", "model", "lot", "lote", "audifono", "audifonos", "aparelho auditivo", "appareil auditif",
		"implante coclear", "implant cochleaire", "bomba de insulina", "stimulateur", "capteur", "sensor de glucosa")
	lx.cue(cueID, SpanID, "rma", "rma number", "rma #", "return authorization", "return authorisation",
		"tracking number", "tracking #", "tracking no", "numero de rastreio", "codigo de rastreio",
		"numero de seguimiento", "numero de suivi", "share code", "access code", "pairing code")
	lx.cue(cueID, SpanID, "rx #", "rx number", "rx no", "rx", "prescription number", "prescription #",
		"numero de receta", "receta", "confirmation", "confirmation code", "confirmation number",
		"confirmation #", "case", "case number", "case #", "ticket", "ticket #", "reference", "ref",
		"ref #", "reference number", "referral number", "authorization", "auth #", "prior auth",
		"username", "user name", "user id", "usuario", "login", "codigo", "folio", "order number",
		"order #", "tracking", "tracking number", "employee id", "student id", "badge", "badge number")
	lx.cue(cueSSN, SpanSSN, "ssn", "ss#", "ss #", "social", "social security", "social security number",
		"soc sec", "seguro social", "numero de seguro social", "itin", "tax id", "tin")
	placeLexicon(lx)
	districtLexicon(lx)
	addSpokenClinicalTerms(lx)
	lx.index = newWordIndex(lx.words, indexTags(lx.seconds))
	lx.seconds = nil
	lx.pairs = newPairIndex(lx.phrase2)
	lx.people = people
	lx.building.n, lx.building.toks = normText{}, nil
	return lx, nil
}

package policy

// The most protected clinical content: substance use and its treatment
// (42 CFR Part 2), mental health and self-harm, and sexual and
// reproductive health. Patients rarely name these with a chart's word
// ("I relapsed last weekend", "llevo tres meses sobria", "my therapist
// thinks…", "no tengo ganas de vivir", "se rompió el condón"), so the
// rule reads them from word families (every verb form, gender and
// number) said of a person, and statements() then masks the whole
// clause. Words that also have an everyday sense ("crack", "clean",
// "AA", "drinking", "therapist") count only in the shape that makes
// them clinical: a use verb with a substance or an amount, a stretch of
// time kept sober, a meeting, a possessive. A question put to the clinic
// about its services names no person and stays readable.
//
// Self-harm statements masked here still reach the urgent path:
// DetectUrgent reads the patient's own text, never the masked copy.

// Sensitive word kinds.
const (
	snTerm      uint16 = 1 << iota // clinical by itself once a person owns it: "relapsed", "sobria", "chlamydia"
	snUse                          // a verb of use: needs a substance or an amount ("drinking", "fumo", "using")
	snSubstance                    // a drug by class or name: "heroin", "fentanilo", "benzos"
	snStreet                       // a street or drink word with an everyday sense: "crack", "cristal", "alcohol"
	snCare                         // therapy and its people: needs a possessive or a person's verb
	snSelf                         // "myself", "matarme": the object of self-harm
	snLife                         // "die", "morir", "vivir": a wish about living
	snClean                        // "clean", "limpio": kept off a substance for a time
	snGroup                        // "aa", "na": a mutual-help group with its meeting
	snMeeting                      // "meeting", "reunión", "sponsor": what makes "AA" the group
	snAmount                       // "a lot", "mucho", "again": how much or how often one uses
	snHarmVerb                     // "kill", "hurt", "cut": self-harm with "myself"
	snWant                         // "want", "quiero", "ganas": a wish
	snDoObject                     // "coke", "weed", "edibles": a street drug that "do" or "take" makes a use
	snShape                        // a colloquial shape read in phi_colloquial.go: "dark thoughts", "my levels were high"
)

// sensitiveKinds maps each folded word form to its kinds.
var sensitiveKinds = map[string]uint16{}

// sensitiveWords lists the families; forms() spells out their morphology.
func sensitiveWords() map[string]uint16 {
	m := map[string]uint16{}
	add := func(k uint16, ws ...string) {
		for _, w := range ws {
			m[w] |= k
		}
	}
	es4 := func(stem string) []string { return []string{stem + "o", stem + "a", stem + "os", stem + "as"} }
	// Substance use and its treatment.
	add(snTerm, "relapse", "relapsed", "relapsing", "relapses", "recaida", "recaidas", "recai", "recaio", "recayo", "recaer",
		"sober", "sobriety", "sobriedad", "withdrawal", "withdrawals", "detox", "detoxing", "detoxed", "desintoxicacion",
		"desintoxicarme", "rehab", "rehabilitacion", "overdose", "overdosed", "overdosing", "od'd", "od'ed", "sobredosis",
		"addicted", "addiction", "adiccion", "alcoholic", "alcoholism", "alcoholismo", "hungover", "cruda", "crudo",
		"methadone", "metadona", "suboxone", "buprenorphine", "buprenorfina", "subutex", "sublocade", "naltrexone",
		"naltrexona", "vivitrol", "narcan", "naloxone", "naloxona", "antabuse", "disulfiram", "drogadicto", "drogadicta",
		"craving", "cravings", "abstinencia", "recovery", "drogas", "drugs", "drogarme", "drogo", "drogando", "drogandome", "emborracho", "emborrache",
		"borracho", "borracha", "intoxicated", "blackout", "blacked")
	add(snTerm, es4("adict")...)
	// Mental health, more of the family: a breakdown, paranoia, a
	// disorder ("trastorno"), mood swings, crying that will not stop.
	add(snTerm, "breakdown", "paranoid", "paranoia", "paranoica", "paranoico", "delusions", "delusional", "delirios",
		"dissociating", "dissociation", "disociacion", "intrusive", "trastorno", "trastornos", "mood", "humor", "nervios",
		"ansiosa", "ansioso", "sad", "sadness", "lonely")
	// Reproductive care and gender-affirming care.
	add(snTerm, "vasectomy", "vasectomia", "ligadura", "tubal", "ivf", "fiv", "infertility", "infertilidad", "hrt", "transgender",
		"sex", "sexo", "intercourse", "relaciones")
	add(snTerm, es4("alcoholic")...)
	add(snTerm, es4("sobri")...)
	add(snSubstance, "heroin", "heroina", "fentanyl", "fentanilo", "fent", "cocaine", "cocaina", "meth", "methamphetamine",
		"metanfetamina", "metanfetaminas", "opioids", "opiates", "opioides", "opiaceos", "oxycontin", "percs",
		"percocets", "xanax", "xannies", "benzos", "benzodiazepines", "benzodiacepinas", "marijuana", "marihuana", "mota",
		"ketamine", "ketamina", "ecstasy", "extasis", "mdma", "lsd", "shrooms", "fentanil", "bupe")
	add(snStreet, "crack", "cristal", "crystal", "coke", "weed", "pot", "alcohol", "molly", "tusi", "perico", "chiva",
		"piedra", "kush", "dope", "oxy", "oxys",
		"liquor", "booze", "beer", "beers", "cerveza", "cervezas", "vodka", "tequila", "whiskey", "pisto", "trago", "tragos",
		"copas", "pills", "pastillas", "pastas", "hierba", "yerba", "polvo", "blunts", "joints", "vape", "wine", "vino")
	add(snUse, "drinking", "drink", "drinks", "drank", "drunk", "using", "use", "used", "smoking", "smoke", "smoked", "smokes", "snorts", "shoots",
		"snorting", "snorted", "shooting", "injecting", "popping", "bebo", "bebe", "bebi", "bebio", "bebiendo", "tomo",
		"tomando", "tome", "tomaba", "fumo", "fuma", "fume", "fumando", "fumaba", "fumar", "beber", "inhalo", "inhalando",
		"consumo", "consume", "consumiendo", "consumi", "tomar", "consumir", "meto", "metiendo", "uso", "usando", "uses", "binge", "binging",
		"chupo", "chupando", "pisteando", "pisteo")
	add(snAmount, "todos", "todas", "every", "lot", "mucho", "demasiado", "again", "heavily", "heavy", "daily", "nightly", "diario", "nuevo", "vez",
		"much", "everyday", "more")
	add(snClean, "clean", "limpio", "limpia")
	add(snGroup, "aa", "na")
	add(snMeeting, "meeting", "meetings", "reunion", "reuniones", "junta", "juntas", "sponsor", "grupo", "group", "step", "steps")
	// Mental health.
	add(snTerm, "depressed", "depression", "depre", "deprimida", "deprimido", "deprimidas", "deprimidos", "depresion",
		"panic", "panico", "ptsd", "tept", "ocd", "adhd", "tdah", "bipolar", "anorexia", "anorexic", "anorexica", "anorexico",
		"bulimia", "bulimic", "bulimica", "bulimico", "purging", "psychosis", "psicosis", "psychotic", "psicotico", "psicotica",
		"hallucinating", "hallucinations", "alucinaciones", "alucinando", "voices", "voces", "schizophrenia", "schizophrenic",
		"esquizofrenia", "esquizofrenico", "esquizofrenica", "suicidal", "suicide", "suicidio", "suicidarme", "suicida", "suicidas",
		"self-harm", "selfharm", "autolesion", "autolesiones", "antidepressant", "antidepressants", "antidepresivo",
		"antidepresivos", "ansiolitico", "ansioliticos", "ssri", "overwhelmed", "hopeless", "worthless",
		"psych", "psychiatric", "psiquiatrico", "psiquiatrica", "mania", "manic", "trauma", "flashbacks", "nightmares",
		"pesadillas", "insomnio", "insomnia", "ansiedad", "anxiety", "angustia", "triste", "tristeza", "llorar", "lloro", "crying")
	add(snCare, "therapy", "therapist", "terapia", "terapeuta", "psychiatrist", "psiquiatra", "psychologist", "psicologa",
		"psicologo", "counselor", "counsellor", "counseling", "counselling", "consejera", "consejero", "shrink",
		"psicoterapia", "psychotherapy")
	add(snSelf, "myself", "himself", "herself", "themselves", "matarme", "cortarme", "lastimarme", "herirme", "morirme", "suicidarme",
		"dano", "quitarme", "matarse", "cortarse", "lastimarse", "suicidarse", "quitarse", "cortando", "cortandome")
	add(snLife, "die", "dead", "morir", "morirme", "vivir", "alive")
	add(snHarmVerb, "kill", "killing", "hurt", "hurting", "harm", "harming", "cut", "cutting", "starve", "starving",
		"hacerme", "end", "ending")
	add(snWant, "want", "wants", "wanted", "wanna", "wish", "wished", "ganas", "quiero", "quiere", "quieren", "queria", "quisiera", "deseo", "pienso", "pensado", "pensando",
		"thoughts", "pensamientos", "better")
	// Sexual and reproductive health.
	add(snTerm, "chlamydia", "clamidia", "gonorrhea", "gonorrea", "syphilis", "sifilis", "herpes", "hpv", "vph", "hiv",
		"vih", "trich", "trichomoniasis", "tricomoniasis", "std", "stds", "sti", "stis", "ets", "prep", "pep",
		"truvada", "descovy", "apretude", "abortion", "aborto", "abortar", "aborte", "miscarriage", "miscarried",
		"miscarry", "condom", "condon", "condones", "condoms", "unprotected", "protection", "proteccion", "anticonceptivo",
		"anticonceptivos", "anticonceptiva", "anticonceptivas", "contraception", "contraceptive", "iud", "diu", "nexplanon",
		"depo", "erectile", "erectil", "impotence", "impotencia", "viagra", "cialis", "sildenafil", "tadalafil",
		"warts", "verrugas", "discharge", "flujo", "mifepristone", "misoprostol", "siguiente", "baby", "bebes")
	add(snStreet, "drugs", "drogas")
	// Tobacco, vaping and the measures patients count their use in ("a
	// pack a day", "un paquete al día", "a fifth of vodka").
	add(snUse, "vape", "vapes", "vaping", "vaped", "vapeo", "vapea", "vapean", "vapeando", "vapear", "chew", "chews",
		"chewing", "toma", "toman", "tomas", "beben", "fuman", "fumas", "consumen", "bebemos", "fumamos")
	add(snStreet, "pack", "packs", "paquete", "paquetes", "cajetilla", "cajetillas", "cigarettes", "cigarette", "cigs",
		"cigarros", "cigarrillos", "cigarro", "cigarrillo", "tobacco", "tabaco", "nicotine", "nicotina", "edibles", "dabs",
		"shots", "fifth", "juul", "snuff", "cannabis", "thc", "kratom", "lines")
	add(snSubstance, "cannabis", "thc", "kratom", "pcp")
	add(snDoObject, "coke", "crack", "meth", "weed", "molly", "oxy", "oxys", "edibles", "dabs", "dope", "kush", "shrooms",
		"lines", "percs", "xannies", "bars", "acid", "ketamine", "ketamina", "cocaine", "heroin", "mdma", "ecstasy", "lsd")
	add(snTerm, "dui", "dwi", "emborracha", "emborrachan", "emborrachaba", "emborrachando", "droga", "drogan", "drogaba",
		"binge")
	// Mental health in the patient's own words: stress and low moods
	// said of a person ("estoy muy estresada", "he's been very
	// withdrawn"), which count only in that shape.
	add(snTerm, "stressed", "estresada", "estresado", "estresadas", "estresados", "decaida", "decaido", "withdrawn",
		"agobiada", "agobiado", "desesperada", "desesperado", "cry", "cries", "cried", "llora", "lloras", "llorando")
	// Use named by what is used: "a history of drug use", "my alcohol
	// use has gone up", "substance abuse".
	add(snShape, "use", "abuse")
	add(snShape, "ganas", "thoughts", "pensamientos", "ending", "end", "enjoy", "enjoying", "disfruto", "disfruta", "interest",
		"interes", "bed", "cama", "sleeping", "sleep", "sleeps", "duermo", "duerme", "dormido", "dormida", "problem",
		"problems", "problema", "problemas", "levels", "numbers", "labs", "counts", "analisis", "laboratorios", "estudios",
		"examenes", "cold", "stuffed", "energy", "energia", "derrame", "level", "number", "count", "reading", "readings")
	// Substance use in chat words (phi_clinical_substance.go).
	add(snShape, substanceShapeWords...)
	add(snShape, substanceChartWords...)
	// "me meto coca": with a verb of use, not "tomo coca" (a soda).
	add(snStreet, "coca", "painkillers", "joint", "blunt", "bong", "dip", "zyn", "zyns")
	add(snUse, "inject", "injects", "injected", "pops", "huele", "huelo", "huelen", "oliendo", "huffing", "huff", "huffs")
	add(snStreet, "thinner", "activo", "resistol", "solvente", "pegamento", "glue", "whippets", "nitrous", "poppers")
	// Street names with an everyday sense: a verb of use or of doing
	// makes them the drug ("I smoke spice", "doing blow", "sipping
	// lean", "fumo foco"), and the drinks people count.
	add(snStreet|snDoObject, "spice", "k2", "carts", "blow", "speed", "lean", "tabs", "foco", "foils", "uppers", "downers",
		"xans", "addy", "addies", "wax", "shatter", "tar", "tachas", "pingas", "chemo", "mona", "monas")
	add(snStreet, "caguamas", "caguama", "chelas", "chela", "cheves", "pulque", "mezcal", "ron", "aguardiente", "guaro")
	add(snUse, "sipping", "sip", "sips", "dab", "dabbing", "slamming", "fumamos", "pounding")
	// Spanish mental-health states told by their shape
	// (phi_clinical_mind.go).
	add(snShape, mindShapeWords...)
	// English mental-health and recovery shapes (phi_clinical_mind_en.go).
	add(snShape, englishMindWords...)
	// Sexual-health conditions patients name by their short forms.
	add(snTerm, "bpd", "bv", "vaginosis", "trichomonas", "hormones")
	// Chat drops the g: "been drinkin again", "he's usin".
	add(snUse, "drinkin", "usin", "smokin", "vapin", "snortin", "shootin", "poppin")
	add(snUse, "mete", "meten", "metes", "metia", "metio", "mixes", "mixing")
	// Chat words read in their shape only (phi_sensitive_chat.go).
	addChatSensitiveWords(add)
	return m
}

func init() { sensitiveKinds = sensitiveWords() }

// addSensitiveWords files the families in the lexicon and marks the
// verbs of use and the substances as
// never a name, so "mi hijo fuma cristal" or "my brother smokes
// crack" is not read as a relative's name after "mi hijo". Words the
// name lists hold ("Molly", "Crystal") keep their names.
//
// The words that can start a statement carry fSensitive, so a message
// with none of them skips the rule after one bit test; the words that
// complete one ("a lot", "meeting", "myself" after "hurt") are read from
// the map when a trigger is found.
func addSensitiveWords(lx *lexicon) {
	for w, k := range sensitiveKinds {
		if k&snTrigger != 0 {
			lx.add(w, func(e *lexEntry) { e.flags |= fSensitive })
		}
	}
	for w, k := range sensitiveKinds {
		if k&(snTerm|snUse|snSubstance|snStreet) == 0 || lx.words[w].flags&(fFirst|fSurname|fNameWord) != 0 {
			continue
		}
		lx.add(w, func(e *lexEntry) { e.flags |= fNotName })
	}
	// The verbs that carry these statements after a relative ("mi
	// esposo dejó de tomar", "my son quit drinking", "mi pareja lleva
	// once semanas sobrio").
	// "mi esposo ha estado muy decaído": the participles of the Spanish
	// perfect follow a relative as often as these.
	for _, w := range []string{"deje", "dejo", "quit", "quitting", "stopped", "lleva", "sigue", "estado", "sido", "tenido",
		"buys", "bought", "takes", "gets", "sees", "goes", "usa", "usan", "ocupa", "necesita", "camina", "uses"} {
		if lx.words[w].flags&(fFirst|fSurname|fNameWord) == 0 {
			lx.add(w, func(e *lexEntry) { e.flags |= fNotName })
		}
	}
}

// snTrigger are the kinds that open a statement.
const snTrigger = snTerm | snSubstance | snUse | snCare | snSelf | snLife | snClean | snGroup | snDoObject | snShape

// sensKind returns token k's kinds (zero outside the message or for a
// token that is not a word).
func (sc *scanner) sensKind(k int) uint16 {
	if k < 0 || k >= len(sc.toks) || sc.toks[k].kind != tkWord && sc.toks[k].kind != tkAlnum {
		return 0
	}
	return sensitiveKinds[string(sc.txt(k))]
}

// sensitiveStatements finds the statements and hands them to
// statements() as clinical candidates.
func (sc *scanner) sensitiveStatements() {
	if sc.flagsAny&fSensitive == 0 {
		return
	}
	T := sc.toks
	for k := range T {
		if T[k].flags&fSensitive == 0 || T[k].claimed {
			continue
		}
		kind := sc.sensKind(k)
		s, e, ok := k, k, false
		typ := SpanCondition
		switch {
		case kind&snShape != 0 && sc.colloquialShape(k, &s, &e, &typ):
			ok = true
		case kind&snDoObject != 0 && kind&snSubstance == 0 && sc.doneOrTaken(k, &s):
			ok = true // "I do coke on weekends", "taking edibles every night"
		case kind&snTerm != 0:
			ok = !sc.sensNegatedTerm(k) && !sc.sensServiceNoun(k+1)
			if ok {
				sc.chatTermReach(k, &s, &e)
			}
		case kind&snSubstance != 0:
			ok = true
		case kind&snUse != 0 && sc.is(k, "bebe") && sc.sensLoss(k):
			ok = true // "perdí al bebé": a miscarriage
		case kind&snUse != 0 && sc.sensTreatedFor(k):
			ok = true // "the counselor I see for my drinking"
		case kind&snUse != 0 && sc.sensQuitting(k, &s):
			ok = true // "quit drinking", "dejé de tomar", "trying to stop using"
		case kind&snUse != 0 && sc.sensNoObject(k):
			ok = true // "he's been using", "she was drunk", "sigue tomando"
		case kind&snUse != 0:
			// "drinking a lot", "using again", "fumo cristal", "tomo mucho".
			for j := k + 1; j <= k+5 && j < len(T); j++ {
				if sc.statementBreak(j) {
					break
				}
				jk := sc.sensKind(j)
				if jk&(snSubstance|snStreet) != 0 && sc.sensFits(k, j) {
					ok, e = true, j
					break
				}
				// The amount follows the verb: "drinking a lot", "using
				// again"; "can I use the portal again" is not a use.
				if jk&snAmount != 0 && (j == k+1 || j == k+2 && sc.sensDegree(k+1)) && sc.sensAmountEnds(j) {
					ok, e = true, j
					break
				}
			}
		case kind&snCare != 0:
			// "my therapist", "voy con la psicóloga", "I started therapy";
			// not "do you have a counselor?".
			ok = sc.sensOwnedCare(k)
			if sc.is(k, "coordinator") || sc.is(k, "worker") {
				// "my care coordinator", "her key worker"; a worker
				// alone is anyone's job.
				ok = careRole(sc.word(k-1)) && sc.sensOwnedCare(k-1)
				s = k - 1
			}
		case kind&snSelf != 0:
			// "hurt myself", "matarme", "hacerme daño".
			w := sc.word(k)
			switch string(w) {
			case "myself", "himself", "herself", "themselves":
				ok = sc.sensKind(k-1)&snHarmVerb != 0 || sc.sensKind(k-2)&snHarmVerb != 0 && sc.is(k-1, "to")
			case "dano":
				ok = sc.is(k-1, "hacerme")
			case "cortarme", "cortarse", "cortando", "cortandome":
				// "cortarme el pelo" is a haircut, "cortando la cebolla"
				// cooking; "me estoy cortando" is the writer's body.
				ok = !(sc.is(k+1, "el") || sc.is(k+1, "las") || sc.is(k+1, "la") || sc.is(k+1, "los") || sc.is(k+1, "un") || sc.is(k+1, "una"))
				if sc.is(k, "cortando") {
					ok = ok && (sc.is(k-2, "me") || sc.is(k-2, "se") || sc.is(k-1, "sigue") || sc.is(k-1, "sigo"))
				}
			case "quitarme", "quitarse":
				ok = sc.is(k+2, "vida")
				e = k + 2
			default:
				ok = true
			}
		case kind&snLife != 0:
			// "want to die", "wish I was dead", "quiero morirme", "no
			// tengo ganas de vivir", "better off dead".
			for j := k - 1; j >= 0 && j >= k-4; j-- {
				if sc.statementBreak(j) {
					break
				}
				if sc.sensKind(j)&snWant != 0 {
					ok = true
					break
				}
			}
			if ok && (sc.is(k, "vivir") || sc.is(k, "living") || sc.is(k, "live") || sc.is(k, "alive") || sc.is(k, "wake") || sc.is(k, "here")) {
				// A wish to live is only clinical negated: "no quiero vivir",
				// "don't want to be alive"; "I want to live closer" is not.
				ok = sc.sensNegatedBefore(k)
			}
		case kind&snClean != 0:
			// "clean for 30 days", "90 days clean", "llevo tres meses limpio".
			ok = sc.sensTimeAround(k)
		case kind&snGroup != 0:
			// "AA meetings", "mi grupo de AA", "my NA sponsor", "I go to
			// AA"; not "AA battery".
			if (sc.is(k-1, "to") || sc.is(k-1, "a")) && goneTo(sc.word(k-2)) {
				ok, s = true, k-2
			}
			for j := k - 2; j <= k+2; j++ {
				if j != k && sc.sensKind(j)&snMeeting != 0 {
					ok = true
					s, e = min(s, j), max(e, j)
				}
			}
		}
		if !ok {
			continue
		}
		if kind&(snSubstance) != 0 && kind&snTerm == 0 && (sc.is(k, "methadone") || sc.is(k, "metadona")) {
			typ = SpanMedication
		}
		a, anchored := sc.sensAnchor(s, e)
		if !anchored {
			continue
		}
		a = min(a, s)
		if sc.anyClaimed(s, e) {
			continue
		}
		// A name read between the person and the statement ("mi hija
		// Ha estado…", a word the name tables hold) keeps its own span;
		// the statement starts after it.
		for k := s - 1; k >= a; k-- {
			if sc.toks[k].claimed {
				a = k + 1
				break
			}
		}
		sc.addTok(a, e, typ, 0.7, prioClinical)
	}
}

// sensAnchor finds the person a statement is about: a subject or a
// possessive up to six words back in the clause ("I've been", "my son
// has", "mi hija está", "llevo"), a person's verb form carrying its own
// subject ("recaí", "fumo"), or "me", "my" just after ("relapse for me").
// It returns the first token of the statement.
func (sc *scanner) sensAnchor(s, e int) (int, bool) {
	if sc.condomFailed(s) {
		return s, true // "the condom broke": said by whoever it happened to
	}
	if ownedWord(sc.word(s)) {
		return s, true // the shape itself opens on its owner: "my levels were high"
	}
	// A Spanish shape opened by a negation or a reflexive carries its own
	// person: "no quiero seguir", "no tengo hambre", "se corta los
	// brazos", "se me olvida todo".
	if sc.is(s, "no") && sc.sensPersonVerb(s+1) && e > s+1 || sc.is(s, "se") && mindShapeOpens(sc.word(s+1), sc.word(s+2)) {
		return s, true
	}
	if sc.sensPersonVerb(s) || sc.sensKind(s)&snSelf != 0 && (sc.is(s, "matarme") || sc.is(s, "quitarme") || sc.is(s, "cortarme") ||
		sc.is(s, "lastimarme") || sc.is(s, "suicidarme") || sc.is(s, "herirme") || sc.is(s, "morirme")) {
		return s, true
	}
	for j := s - 1; j >= 0 && j >= s-6; j-- {
		if sc.statementBreak(j) || sc.lineBreakBefore(j+1) {
			break
		}
		t := &sc.toks[j]
		if sc.is(j, "you") || sc.is(j, "your") || sc.is(j, "usted") || sc.is(j, "ustedes") {
			// "do you treat depression?", "your counselors": the clinic.
			return 0, false
		}
		switch string(sc.txt(j)) {
		case "we", "our", "us", "nuestro", "nuestra", "nuestros", "nuestras":
			// The clinic speaks as "we" ("our AA meeting room moved");
			// a family does so of a relative ("our son is using again")
			// or of a pregnancy ("we lost the baby").
			if sc.toks[j+1].ent.cue == cueRelation || sc.is(s, "baby") || sc.is(s, "bebes") || sc.is(s, "bebe") {
				return j, true
			}
			continue
		}
		if t.flags&fPersonal != 0 || healthSubject(sc.txt(j)) || t.ent.cue == cueRelation || sc.sensPersonVerb(j) {
			return j, true
		}
		// A person named as the subject ("Marcus relapsed", "Ana ha
		// estado tomando") or the patient a relative or carer writes for.
		if t.claimed && sc.nameTok(j) || sc.is(j, "patient") || sc.is(j, "paciente") || sc.is(j, "pt") || sc.is(j, "him") {
			return j, true
		}
	}
	for j := e + 1; j < len(sc.toks) && j <= e+4; j++ {
		if sc.statementBreak(j) || sc.lineBreakBefore(j) {
			break
		}
		if sc.is(j, "me") || sc.is(j, "my") || sc.is(j, "i") || sc.is(j, "mi") || sc.is(j, "i'm") || sc.is(j, "im") {
			return s, true
		}
	}
	if a, ok := sc.sensClauseOpen(s, e); ok {
		return a, true
	}
	return 0, false
}

// sensClauseOpen reports a statement that opens its clause with no
// subject, as chat drops the "I": "relapsed last weekend", "sober 3
// months now", "drinking again since friday", "hearing voices again".
// Only a few words of time or degree may stand before it ("just",
// "still", "been"); a question ("rehab near here?") asks about a
// service, not the writer.
func (sc *scanner) sensClauseOpen(s, e int) (int, bool) {
	a := s
	for j := s - 1; ; j-- {
		if j < 0 || sc.statementBreak(j) || sc.isP(j, ',') || sc.isP(j, ':') || sc.lineBreakBefore(j+1) {
			break
		}
		switch string(sc.word(j)) {
		case "just", "still", "also", "finally", "now", "recently", "lately", "again", "basically", "honestly", "ya", "otra",
			// The verb the dropped "I" would have led: "had unprotected
			// sex", "got drunk".
			"had", "got",
			"vez", "todavia", "apenas", "and", "y", "heavy", "really", "so", "pretty", "ok", "okay", "well", "anyway", "btw",
			"um", "bueno", "pues":
			a = j
			continue
		}
		// The verb the dropped "I" would have led: "hearing voices
		// again", "feeling hopeless".
		if w := sc.word(j); j == s-1 && len(w) > 5 && string(w[len(w)-3:]) == "ing" && sc.toks[j].flags&fStop == 0 {
			a = j
			continue
		}
		return 0, false
	}
	for j := e + 1; j < len(sc.toks); j++ {
		if sc.isP(j, '?') {
			return 0, false
		}
		if sc.statementBreak(j) || sc.lineBreakBefore(j) {
			break
		}
	}
	return a, true
}

// sensPersonVerb reports a verb form whose ending names its subject, or
// a first-person verb the families use: "llevo tres meses", "voy",
// "fumo", "recaí", "ando".
func (sc *scanner) sensPersonVerb(k int) bool {
	switch string(sc.word(k)) {
	case "llevo", "lleva", "voy", "va", "fui", "ando", "anda", "sigo", "sigue", "empece", "empezo", "estuve", "estuvo",
		"tuve", "tuvo", "he", "ha", "siento", "escucho", "oigo", "pense", "pensado", "necesito", "necesita", "sentia", "been", "tengo", "tiene", "recai", "recayo", "fumo", "bebo", "tomo",
		"consumo", "drogo", "emborracho", "emborrache", "pienso", "quiero", "quisiera", "perdi", "perdio", "sali", "salio",
		"dio", "di", "estoy", "esta", "soy", "es", "hice", "hizo", "started", "stopped", "quit", "was", "got", "tested",
		"see", "sees", "seeing", "went", "go", "goes", "going", "attend", "attending",
		"deje", "dejo", "dejamos", "puedo", "puede", "duermo", "duerme", "vapeo", "vapea", "disfruto", "disfruta",
		"sufro", "sufre", "padezco", "padece":
		return true
	}
	return false
}

// sensOwnedCare reports a therapy word that is someone's: "my
// therapist", "her psychiatrist", "voy con la psicóloga", "estoy en
// terapia", "I started therapy", "I see a counselor".
func (sc *scanner) sensOwnedCare(k int) bool {
	p := k - 1
	if sc.is(p, "the") || sc.is(p, "a") || sc.is(p, "la") || sc.is(p, "el") || sc.is(p, "una") || sc.is(p, "un") || sc.is(p, "new") {
		p--
	}
	if sc.is(p, "my") || sc.is(p, "mi") || sc.is(p, "his") || sc.is(p, "her") || sc.is(p, "our") || sc.is(p, "their") || sc.is(p, "mis") ||
		sc.is(p, "mon") || sc.is(p, "ma") {
		return true
	}
	// "my daughter's therapist", "her son's counsellor".
	if w := sc.word(p); len(w) > 3 && string(w[len(w)-2:]) == "'s" && possessive(sc.word(p-1)) && !sc.is(p-1, "your") {
		return true
	}
	if sc.is(p, "con") || sc.is(p, "en") || sc.is(p, "al") || sc.is(p, "a") || sc.is(p, "in") || sc.is(p, "to") || sc.is(p, "from") || sc.is(p, "for") {
		p--
	}
	w := sc.word(p)
	switch string(w) {
	case "voy", "fui", "estoy", "sigo", "empece", "ando", "llevo", "tengo", "va", "esta", "sigue", "empezo",
		"see", "sees", "seeing", "saw", "started", "start", "been", "began", "attend", "attending", "i'm", "im", "she's", "he's",
		"list", "referral", "referred",
		"need", "needs", "went", "go", "goes", "going", "back":
		// A question asking the clinic for a service ("can I go to
		// counselling here?", "do I need a therapist referral?") is
		// not a statement about the writer.
		for j := p - 1; j >= 0 && j >= p-3; j-- {
			if sc.statementBreak(j) {
				break
			}
			if sc.is(j, "can") || sc.is(j, "could") || sc.is(j, "do") || sc.is(j, "does") || sc.is(j, "puedo") || sc.is(j, "should") {
				return false
			}
		}
		return true
	}
	return false
}

// sensNegatedTerm rules out the terms' everyday senses: "no drugs
// allowed", "the clinic's PrEP program", "its", a depression screening
// flyer. A term with no person anchor is dropped by sensAnchor anyway;
// here only words whose form also has an unrelated reading are checked.
func (sc *scanner) sensNegatedTerm(k int) bool {
	if neg, known := sc.chatTermNegated(k); known {
		return neg
	}
	switch string(sc.word(k)) {
	case "its":
		// English "its" is not the Spanish abbreviation.
		return !(sc.is(k-1, "de") || sc.is(k-1, "las") || sc.is(k-1, "una"))
	case "voices", "voces":
		return !(sc.is(k-1, "hearing") || sc.is(k-1, "hear") || sc.is(k-1, "escucho") || sc.is(k-1, "oigo") || sc.is(k-1, "oye") || sc.is(k-1, "escucha"))
	case "protection", "proteccion":
		return !(sc.is(k-1, "without") || sc.is(k-1, "sin") || sc.is(k-1, "no"))
	case "discharge", "flujo":
		// "discharge papers", "flujo de pacientes".
		return !(sc.is(k+1, "from") || sc.is(k+1, "vaginal") || sc.is(k-1, "vaginal") || sc.is(k-1, "some") || sc.is(k-1, "weird") ||
			sc.is(k-1, "green") || sc.is(k-1, "yellow") || sc.is(k+1, "raro") || sc.is(k+1, "amarillo") || sc.is(k+1, "verde") || sc.is(k-1, "con"))
	case "breakdown":
		// "a nervous breakdown", not "a breakdown of the bill".
		return !(sc.is(k-1, "nervous") || sc.is(k-1, "mental") || sc.is(k-1, "emotional"))
	case "mood":
		return !(sc.is(k+1, "swings") || sc.is(k+1, "stabilizer") || sc.is(k+1, "stabilizers") || sc.is(k+1, "disorder") ||
			possessive(sc.word(k-1)) && sc.moodLow(k))
	case "humor":
		return !(sc.is(k-1, "de") && sc.is(k-2, "cambios") || sc.is(k+1, "depresivo"))
	case "nervios":
		// "un ataque de nervios", "crisis nerviosa"; "no estoy bien de
		// los nervios", "enferma de los nervios", "pastillas para los
		// nervios", "mis nervios".
		return !(sc.is(k-1, "de") && (sc.is(k-2, "ataque") || sc.is(k-2, "ataques") || sc.is(k-2, "crisis")) ||
			sc.is(k-1, "los") && (sc.is(k-2, "de") && nerviosState(sc.word(k-3)) || sc.is(k-2, "para")) ||
			sc.is(k-1, "mis") || sc.is(k-1, "sus") && sc.is(k-2, "con"))
	case "siguiente":
		// "la pastilla del día siguiente", not "el día siguiente".
		return !(sc.is(k-1, "dia") && sc.is(k-2, "del") && (sc.is(k-3, "pastilla") || sc.is(k-3, "pildora")))
	case "baby", "bebes":
		// A pregnancy lost: "we lost the baby", "perdí a mis bebés".
		if !sc.sensLoss(k) {
			return true
		}
		// "the baby monitor", "baby formula" name a thing.
		if sc.kind(k+1) == tkWord {
			switch string(sc.word(k + 1)) {
			case "in", "at", "on", "last", "this", "and", "y", "en", "a", "after", "before", "during", "when", "cuando", "hace", "ago":
			default:
				return true
			}
		}
		return false
	case "recovery":
		// "in recovery", "recovery meetings"; a recovery from surgery is
		// read by the clinical rules.
		return !(sc.is(k-1, "in") || sc.sensKind(k+1)&snMeeting != 0)
	case "panic", "panico":
		// "don't panic", "panic button": an attack is a condition.
		return !(sc.is(k+1, "attack") || sc.is(k+1, "attacks") || sc.is(k-1, "de") && (sc.is(k-2, "ataques") || sc.is(k-2, "ataque") || sc.is(k-2, "crisis")))
	case "crying", "llorar", "lloro", "triste", "tristeza", "angustia", "nightmares", "pesadillas", "trauma", "overwhelmed",
		"insomnia", "insomnio", "drugs", "drogas", "craving", "cravings", "dead", "blackout", "intoxicated", "condom",
		"condon", "condoms", "condones", "cruda", "crudo", "psych", "depo", "paranoid", "ansiosa", "ansioso", "sad", "sadness",
		"lonely", "sex", "sexo", "intercourse", "relaciones", "intrusive":
		// Everyday words ("overwhelmed by the forms", "the kids' drugs
		// cabinet", "condoms in the lobby") count only beside a strong
		// cue of the same family in the clause, or said of a person's
		// state ("anda muy triste", "I feel so lonely").
		return !sc.sensFamilyNear(k) && !sc.sensStated(k)
	case "stressed", "estresada", "estresado", "estresadas", "estresados", "decaida", "decaido", "withdrawn", "agobiada",
		"agobiado", "desesperada", "desesperado":
		return !sc.sensStated(k) && !sc.sensFamilyNear(k)
	case "cry", "cries", "cried", "llora", "lloras", "llorando":
		return !sc.cryingOften(k)
	case "droga", "drogan", "drogaba":
		// "se droga", "me drogaba"; not "la droga".
		return !(sc.is(k-1, "se") || sc.is(k-1, "me") || sc.is(k-1, "te"))
	case "binge":
		return !(sc.is(k+1, "drinking") || sc.is(k+1, "drink") || sc.is(k+1, "drank") || sc.is(k+1, "drinks") ||
			sc.is(k+1, "eating") || sc.is(k+1, "eat") || sc.is(k+1, "ate"))
	case "dui", "dwi":
		return sc.is(k+1, "checkpoint") || sc.is(k+1, "checkpoints") || sc.is(k+1, "lawyer") || sc.is(k+1, "attorney")
	}
	return false
}

// sensFamilyNear reports another sensitive word or a clinical term
// within four words in the same clause.
func (sc *scanner) sensFamilyNear(k int) bool {
	for j := k - 4; j <= k+4; j++ {
		if j == k || j < 0 || j >= len(sc.toks) {
			continue
		}
		lo, hi := min(j, k), max(j, k)
		broken := false
		for x := lo + 1; x <= hi; x++ {
			if sc.statementBreak(x) {
				broken = true
				break
			}
		}
		if broken {
			continue
		}
		if sc.toks[j].flags&fClin != 0 || sc.sensKind(j)&(snTerm|snSubstance|snUse) != 0 && !sc.sensWeakWord(j) {
			return true
		}
		if sc.is(j, "every") || sc.is(j, "all") || sc.is(j, "todas") || sc.is(j, "todos") || sc.is(j, "constant") || sc.is(j, "can't") || sc.is(j, "cant") ||
			sc.is(j, "broke") || sc.is(j, "rompio") || sc.is(j, "without") || sc.is(j, "sin") || sc.is(j, "stop") || sc.is(j, "puedo") || sc.is(j, "puede") ||
			sc.is(j, "todo") || sc.is(j, "siempre") || sc.is(j, "always") || sc.is(j, "constantly") || sc.is(j, "painful") || sc.is(j, "thoughts") ||
			sc.is(j, "pensamientos") || sc.is(j, "dolor") || sc.is(j, "duele") || sc.is(j, "unprotected") || sc.is(j, "everything") {
			return true
		}
	}
	return false
}

// sensWeakWord reports a term that needs company itself, so two weak
// words do not vouch for each other.
func (sc *scanner) sensWeakWord(k int) bool {
	switch string(sc.word(k)) {
	case "crying", "llorar", "lloro", "triste", "tristeza", "angustia", "nightmares", "pesadillas", "trauma", "overwhelmed",
		"insomnia", "insomnio", "dead", "blackout", "psych", "depo", "paranoid", "ansiosa", "ansioso", "sad", "sadness",
		"lonely", "sex", "sexo", "intercourse", "relaciones", "intrusive", "use", "used", "uses", "drink", "drinks", "tome", "tomo",
		"tomando", "tomaba", "uso", "usando", "consume", "consumo", "smoke", "smoked", "ice", "condom", "condon", "condoms", "condones":
		return true
	}
	return false
}

// sensNegatedBefore reports a negation up to five words before k.
func (sc *scanner) sensNegatedBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if sc.statementBreak(j) {
			return false
		}
		if negation(sc.word(j)) || sc.is(j, "don't") || sc.is(j, "dont") || sc.is(j, "nada") || sc.is(j, "ni") ||
			sc.is(j, "doesn't") || sc.is(j, "doesnt") || sc.is(j, "didn't") || sc.is(j, "didnt") {
			return true
		}
	}
	return false
}

// sensAmountEnds reports that an amount word closes the use it follows:
// "drinking a lot", "tomo mucho los fines", "using again"; not "a lot
// of water", "mucho café".
func (sc *scanner) sensAmountEnds(j int) bool {
	switch string(sc.word(j)) {
	case "lot", "much":
		if sc.is(j+1, "of") {
			return false
		}
	case "nuevo":
		return sc.is(j-1, "de")
	case "every", "everyday", "daily", "nightly", "diario":
		return true
	case "more":
		// "drinking more than usual", "using more lately"; not "drinking
		// more water" or "more than 2 liters".
		if sc.is(j+1, "than") {
			return sc.kind(j+2) != tkNum && !numberWord(sc.word(j+2))
		}
	case "vez":
		return sc.is(j-1, "otra")
	case "todos", "todas":
		// "vapea todos los días", "toma todas las noches".
		return sc.is(j+1, "los") || sc.is(j+1, "las")
	}
	if sc.is(j+1, "for") && (sc.kind(j+2) == tkNum || numberWord(sc.word(j+2)) || sc.is(j+2, "a") || sc.is(j+2, "weeks") ||
		sc.is(j+2, "months") || sc.is(j+2, "years") || sc.is(j+2, "the") && (sc.is(j+3, "past") || sc.is(j+3, "last"))) {
		return true // "vaping a lot for a few weeks now"
	}
	n := j + 1
	if n >= len(sc.toks) || sc.toks[n].kind == tkPunct || sc.lineBreakBefore(n) {
		return true
	}
	switch string(sc.word(n)) {
	case "los", "las", "en", "cada", "todos", "todas", "desde", "every", "on", "at", "since", "lately", "recently", "last",
		"this", "and", "y", "de", "when", "cuando", "again", "otra", "diario", "daily", "ultimamente", "ya", "por", "alcohol":
		return true
	}
	return false
}

// sensTimeAround reports a stretch of time beside "clean": "clean for 30
// days", "clean since march", "90 days clean", "tres meses limpia".
func (sc *scanner) sensTimeAround(k int) bool {
	if (sc.kind(k+1) == tkNum || numberWord(sc.word(k+1))) && sc.flags(k+2)&fUnit != 0 {
		return true // "clean 30 days"
	}
	if sc.is(k+1, "for") || sc.is(k+1, "since") || sc.is(k+1, "desde") {
		return sc.kind(k+2) == tkNum || numberWord(sc.word(k+2)) || sc.flags(k+3)&fUnit != 0 || sc.flags(k+2)&fMonth != 0
	}
	if sc.flags(k-1)&fUnit != 0 && (sc.kind(k-2) == tkNum || numberWord(sc.word(k-2))) {
		return true
	}
	return sc.flags(k-1)&fUnit != 0 && sc.is(k-3, "llevo")
}

// sensDegree reports a word between a use verb and its amount: "a lot",
// "way too much", "otra vez".
func (sc *scanner) sensDegree(k int) bool {
	switch string(sc.word(k)) {
	case "a", "so", "too", "way", "muy", "bien", "otra", "de", "very", "pretty":
		return true
	}
	return false
}

// sensFits reports that substance j is one verb k is used with: a soda
// or a pill is drunk or taken every day ("I drink coke", "tomo
// pastillas"), and alcohol wipes are used on skin.
func (sc *scanner) sensFits(k, j int) bool {
	switch string(sc.word(j + 1)) {
	case "wipes", "wipe", "pads", "swab", "swabs", "gel", "rub", "free", "prep", "based":
		return false
	}
	switch string(sc.word(j)) {
	case "pack", "packs", "paquete", "paquetes", "cajetilla", "cajetillas":
		// "a pack a day" is smoked, "a 30 pack" of beer drunk; "using
		// an ice pack" is first aid.
		return smokeVerb(sc.word(k)) || drinkVerb(sc.word(k)) && sc.kind(j-1) == tkNum
	case "fifth", "shots":
		return drinkVerb(sc.word(k))
	case "lines":
		return sc.is(k, "doing") || sc.is(k, "snorting") || sc.is(k, "snorted") || sc.is(k, "did")
	}
	switch string(sc.word(k)) {
	case "huele", "huelo", "huelen", "oliendo":
		// "mi hijo huele thinner"; "huele a thinner" is a smell.
		if sc.is(k+1, "a") || sc.is(k+1, "como") {
			return false
		}
	}
	if sc.is(j, "lean") {
		return sc.is(k, "sipping") || sc.is(k, "sip") || sc.is(k, "sips") || sc.is(k, "drinking") || sc.is(k, "drink") || sc.is(k, "drinks")
	}
	if sc.is(k, "sipping") || sc.is(k, "sip") || sc.is(k, "sips") || sc.is(k, "pounding") {
		return drinkable(sc.word(j))
	}
	if sc.is(j, "wax") || sc.is(j, "shatter") {
		return smokeVerb(sc.word(k)) || sc.is(k, "dab") || sc.is(k, "dabbing")
	}
	if sc.is(j, "speed") || sc.is(j, "blow") || sc.is(j, "tabs") || sc.is(j, "uppers") || sc.is(j, "downers") {
		// "using speed dial", "smoke blows in": only the verbs of taking.
		switch string(sc.word(k)) {
		case "use", "uses", "using", "used", "snort", "snorts", "snorting", "snorted", "popping", "pops":
			return !sc.is(j+1, "dial") && !sc.is(j+1, "bumps") && !sc.is(j+1, "limit")
		}
		return false
	}
	if sc.is(j, "dip") || sc.is(j, "zyn") || sc.is(j, "zyns") {
		return sc.is(k, "chew") || sc.is(k, "chews") || sc.is(k, "chewing") || sc.is(k, "use") || sc.is(k, "uses") || sc.is(k, "using")
	}
	if sc.is(j, "joint") || sc.is(j, "blunt") || sc.is(j, "bong") {
		return smokeVerb(sc.word(k)) // "smoke a joint"; "use a joint supplement" is not
	}
	if sc.is(j, "coke") || sc.is(j, "coca") || sc.is(j, "pills") || sc.is(j, "pastillas") {
		switch string(sc.word(k)) {
		case "drinking", "drink", "drinks", "drank", "drunk", "bebo", "bebe", "bebi", "bebio", "bebiendo", "tomo", "tomando", "tome", "tomaba", "beber", "use", "uses", "used", "using", "uso", "usando":
			return sc.is(j, "pills") && (sc.is(k, "popping") || sc.is(k, "using"))
		}
	}
	return true
}

// serviceMention reports a clinical word that the clinic's own service
// talk uses, with no person in the message: a question put to the clinic
// ("do you do STD testing?", "¿atienden adicciones?"), a department or a
// department named with its hours ("our behavioral health department is
// open 8 to 5", "the counseling group meets on Tuesdays"), and a worry
// about the visit itself ("I'm anxious about parking"). Asking about a
// service tells nothing about the writer's health.
func (sc *scanner) serviceMention(m mark) bool {
	if m.e.clin != SpanCondition && m.e.clin != SpanSymptom {
		return false
	}
	if m.te-m.ts == 1 {
		switch string(sc.word(m.ts)) {
		case "anxious", "nervous", "worried", "stressed", "nerviosa", "nervioso", "preocupada", "preocupado":
			// "anxious about parking", "nervous for the appointment";
			// "anxious about my chest pain" keeps its clinical word.
			if sc.is(m.te, "about") || sc.is(m.te, "for") || sc.is(m.te, "to") || sc.is(m.te, "por") {
				for k := m.te + 1; k < len(sc.toks) && k <= m.te+5; k++ {
					if sc.statementBreak(k) {
						break
					}
					if sc.toks[k].flags&fClin != 0 || sc.toks[k].flags&fSensitive != 0 {
						return false
					}
				}
				return true
			}
		}
	}
	// The clinic's own services ("our … department", "nuestro
	// programa") or a question about them; "the oncology department
	// called", sent to one patient, tells where their care is.
	service, owned := false, false
	for k := range sc.toks {
		t := &sc.toks[k]
		w := sc.txt(k)
		if len(w) > 2 && w[0] == 0xc2 && w[1] == 0xbf {
			w = w[2:] // "¿atienden": the mark opens the word
		}
		if t.ent.cue == cueRelation || t.flags&fPersonal != 0 && !sc.is(k, "our") && !sc.is(k, "we") && !sc.is(k, "su") {
			return false
		}
		if possessive(w) && !sc.is(k, "your") && !sc.is(k, "our") && !sc.is(k, "su") {
			return false
		}
		if sc.sensServiceNoun(k) {
			service = true
		}
		if sc.is(k, "our") || sc.is(k, "nuestro") || sc.is(k, "nuestra") || sc.is(k, "nuestros") || sc.is(k, "nuestras") ||
			sc.isP(k, '?') || sc.txt(k)[0] == 0xc2 {
			owned = true
		}
		if k == 0 && (sc.is(k, "do") || sc.is(k, "does") || sc.is(k, "can") || sc.is(k, "is") || sc.is(k, "are")) {
			owned = true // a question typed without its mark: "do you offer HIV testing on weekends"
		}
		switch string(w) {
		case "department", "departamento", "services", "servicios", "hours", "horario",
			"newsletter", "workshop", "workshops", "taller", "talleres", "awareness", "aceptan", "ofrecen", "atienden":
			service = true
		case "you", "ustedes", "usted":
			// "do you do STD testing?", "do you accept patients for…",
			// "¿ustedes tratan la ansiedad?"; not "do you think it's…",
			// nor "you have strep", which tells a patient a diagnosis.
			if !(sc.is(k-1, "do") || sc.is(k-1, "does") || sc.is(k-1, "can") || sc.is(k-1, "could") || sc.is(k-1, "will") ||
				sc.txt(k)[0] == 0xc2 || string(w) == "ustedes") {
				continue
			}
			for j := k + 1; j <= k+2; j++ {
				switch string(sc.word(j)) {
				case "do", "offer", "accept", "treat", "provide", "take", "see", "have", "hacen", "tratan", "tienen", "dan", "ven":
					service = true
				}
			}
		}
	}
	return service && owned
}

// sensLoss reports a loss verb before a baby: "lost the baby", "perdí al
// bebé", "perdimos a nuestro bebé".
func (sc *scanner) sensLoss(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch string(sc.word(j)) {
		case "lost", "lose", "losing", "perdi", "perdio", "perdimos", "perdiste":
			return true
		}
	}
	return false
}

// sensQuitting reports a use verb after quitting: "quit drinking",
// "stopped using", "trying to stop drinking", "dejé de tomar", "quiero
// dejar de beber".
func (sc *scanner) sensQuitting(k int, s *int) bool {
	switch string(sc.word(k)) {
	case "drinking", "using", "smoking", "tomar", "beber", "fumar", "drogarme", "consumir":
	default:
		return false
	}
	p := k - 1
	if sc.is(p, "de") || sc.is(p, "to") {
		p--
	}
	switch string(sc.word(p)) {
	case "quit", "quitting", "stop", "stopped", "stopping", "deje", "dejar", "dejo", "dejando", "dejamos":
		return true
	case "on":
		// "cut back on drinking", "cutting down on smoking".
		if (sc.is(p-1, "back") || sc.is(p-1, "down")) && (sc.is(p-2, "cut") || sc.is(p-2, "cutting") || sc.is(p-2, "cuts")) {
			*s = p - 2
			return true
		}
	case "sin":
		// "llevo seis meses sin tomar", "lleva un año sin fumar"; not
		// "sin tomar agua".
		switch string(sc.word(k + 1)) {
		case "agua", "nada", "la", "el", "los", "las", "su", "sus", "mi", "mis", "medicina", "medicinas", "medicamento",
			"medicamentos", "pastillas", "cafe", "leche", "jugo":
			return false
		}
		for j := p - 1; j >= 0 && j >= p-4; j-- {
			if sc.is(j, "llevo") || sc.is(j, "lleva") || sc.is(j, "llevamos") || sc.is(j, "llevas") {
				return true
			}
		}
	}
	return false
}

// sensNoObject reports a use verb with nothing used after it, so it can
// only mean the substance: "he's been using", "she was drunk last
// night", "sigue tomando"; "I've been using the portal" has an object.
func (sc *scanner) sensNoObject(k int) bool {
	w := sc.word(k)
	switch string(w) {
	case "drunk":
		switch string(sc.word(k - 1)) {
		case "was", "is", "were", "got", "gets", "getting", "get", "be", "being", "came", "comes", "im", "i'm", "he's", "she's":
		default:
			return false
		}
	case "shooting":
		return sc.is(k+1, "up")
	case "using", "drinking", "tomando", "bebiendo", "drogando", "vaping", "usin", "drinkin", "vapin", "smoking", "smokin":
		switch string(sc.word(k - 1)) {
		case "been", "is", "was", "started", "keeps", "kept", "sigue", "sigo", "anda", "ando", "esta", "estaba", "he's", "she's", "i'm", "im",
			"him", "her", "be", "caught", "found":
		default:
			return false
		}
	default:
		return false
	}
	n := k + 1
	if n >= len(sc.toks) || sc.toks[n].kind == tkPunct || sc.lineBreakBefore(n) || sc.statementBreak(n) {
		return true
	}
	switch string(sc.word(n)) {
	case "again", "since", "for", "every", "all", "lately", "last", "at", "when", "and", "y", "otra", "de", "desde", "todos",
		"todo", "cada", "mucho", "diario", "today", "tonight", "hoy", "anoche", "ayer", "most", "before", "off", "bien", "way", "nite":
		return true
	}
	return false
}

// sensServiceNoun reports a noun that makes the word before it the name
// of a service: "the IVF info session", "PrEP clinic hours", "the
// rehab program flyer".
func (sc *scanner) sensServiceNoun(k int) bool {
	switch string(sc.word(k)) {
	case "info", "information", "session", "sessions", "class", "classes", "orientation", "workshop", "workshop's", "flyer",
		"brochure", "pamphlet", "awareness", "department", "services", "hours", "seminar", "webinar", "informativa", "charla", "platica",
		"hotline", "helpline", "prevention":
		return true
	}
	return false
}

// drinkable reports what one sips or pounds as a drink of alcohol or a
// drug: "sipping lean", "pounding beers".
func drinkable(w []byte) bool {
	switch string(w) {
	case "lean", "beers", "beer", "vodka", "tequila", "whiskey", "wine", "liquor", "booze", "shots", "drank":
		return true
	}
	return false
}

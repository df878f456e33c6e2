package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Per-category sets for clinical statements told in the patient's own
// sentence shapes rather than with a chart's words: Spanish dative
// complaints ("se me hinchan los pies"), a part said to be unwell ("ando
// mala de la panza"), something had on a part, vital signs told by their
// number, disease-shaped words no list holds, and specialty visits read
// from referral verbs, visit nouns and clinics named for what they treat.
// Each value is composed from parts (pronoun × verb × degree × body part;
// stem × ending × cue), so the variants outnumber the templates. The
// precision sets hold what must stay readable: a department asked for by
// name, a clinic named for its place or service, weather and battery
// percentages, and advice given to anyone.
var categoryTemplatesClinical = []tmplSet{
	{cat: "clinical-dative-body", lang: "es", clinical: true, tune: []string{
		"{DATIVE}",
		"hola, {DATIVE}",
		"{DATIVE}, ¿qué hago?",
	}, held: []string{
		"buenas noches, {DATIVE} desde ayer",
		"perdón que escriba tarde, {DATIVE}",
	}},
	{cat: "clinical-part-state", lang: "es", clinical: true, tune: []string{
		"{PARTSTATE}",
		"hola, {PARTSTATE}",
	}, held: []string{
		"{PARTSTATE}, ¿me pueden ver hoy?",
	}},
	{cat: "clinical-part-state", lang: "fr", clinical: true, tune: []string{
		"bonjour, {PARTSTATEFR}",
	}, held: []string{
		"{PARTSTATEFR} depuis hier",
	}},
	{cat: "clinical-thing-on-part", lang: "es", clinical: true, tune: []string{
		"{THINGES}",
		"hola, {THINGES}",
	}, held: []string{
		"{THINGES}, ¿es normal?",
	}},
	{cat: "clinical-thing-on-part", lang: "en", clinical: true, tune: []string{
		"{THINGEN}",
		"hi, {THINGEN}",
	}, held: []string{
		"{THINGEN}, should I come in?",
	}},
	{cat: "clinical-vital-spoken", lang: "es", clinical: true, tune: []string{
		"{VITALSP}",
		"hola, {VITALSP}",
		"{VITALSP}, ¿voy a urgencias?",
	}, held: []string{
		"buenas, {VITALSP} desde la mañana",
		"disculpe, {VITALSP}",
	}},
	{cat: "clinical-vital-spoken", lang: "en", clinical: true, tune: []string{
		"{VITALSPEN}",
		"hi, {VITALSPEN}, is that ok?",
	}, held: []string{
		"quick question, {VITALSPEN}",
	}},
	{cat: "clinical-condition-shape", lang: "es", clinical: true, tune: []string{
		"{SHAPEDES}",
		"hola, {SHAPEDES}",
	}, held: []string{
		"{SHAPEDES}, ¿qué puedo tomar?",
	}},
	{cat: "clinical-condition-shape", lang: "en", clinical: true, tune: []string{
		"{SHAPEDEN}",
	}, held: []string{
		"hi, {SHAPEDEN}, can I get a refill",
	}},
	{cat: "clinical-specialty-referral", lang: "es", clinical: true, tune: []string{
		"{SPECES}",
		"hola, {SPECES}",
		"{SPECES}, ¿qué papeles llevo?",
	}, held: []string{
		"buenos días, {SPECES} el martes",
		"{SPECES}, ¿a qué hora llego?",
	}},
	{cat: "clinical-specialty-referral", lang: "en", clinical: true, tune: []string{
		"{SPECEN}",
		"hi, {SPECEN}",
	}, held: []string{
		"{SPECEN}, what do I bring?",
	}},
	{cat: "clinical-body-state", lang: "en", clinical: true, tune: []string{
		"{STATEEN}",
		"hi, {STATEEN}",
	}, held: []string{
		"{STATEEN}, should I bring him in?",
	}},
	{cat: "clinical-body-state", lang: "es", clinical: true, tune: []string{
		"{STATEES}",
		"hola, {STATEES}",
	}, held: []string{
		"{STATEES}, ¿qué le doy?",
	}},
	{cat: "clinical-lab-change", lang: "en", clinical: true, tune: []string{
		"{LABCHANGE}",
		"hi, {LABCHANGE}",
	}, held: []string{
		"{LABCHANGE}, is that bad?",
	}},
	{cat: "clinical-pregnancy-stage", lang: "en", clinical: true, tune: []string{
		"{PREGEN}",
		"hi, {PREGEN}",
	}, held: []string{
		"{PREGEN}, is that ok?",
	}},
	{cat: "clinical-pregnancy-stage", lang: "es", clinical: true, tune: []string{
		"{PREGES}",
	}, held: []string{
		"hola, {PREGES}",
	}},
	{cat: "precision-not-pregnancy", lang: "en", tune: []string{
		"{NOTPREG}",
		"hi, {NOTPREG}",
	}, held: []string{
		"{NOTPREG}, thanks",
	}},
	{cat: "precision-department-question", lang: "es", tune: []string{
		"{DEPTQES}",
		"hola, {DEPTQES}",
	}, held: []string{
		"disculpe, {DEPTQES}",
	}},
	{cat: "precision-department-question", lang: "en", tune: []string{
		"{DEPTQEN}",
		"hi, {DEPTQEN}",
	}, held: []string{
		"quick question: {DEPTQEN}",
	}},
	{cat: "precision-readings-not-vitals", lang: "en", tune: []string{
		"{NOTVITAL}",
		"{NOTVITAL} thanks",
	}, held: []string{
		"hi, {NOTVITAL}",
	}},
	{cat: "precision-generic-advice", lang: "en", tune: []string{
		"{ADVICE}",
		"{ADVICE}. Thank you, the clinic team",
	}, held: []string{
		"reminder: {ADVICE}",
	}},
}

var (
	dativeSing = []string{"la cabeza", "el pecho", "la espalda", "el ojo", "la rodilla", "el estómago", "la garganta",
		"el oído", "la pierna izquierda", "el brazo derecho", "la mano", "el pie", "la nariz", "la vista", "el corazón", "la panza"}
	dativePlur = []string{"los pies", "las manos", "los oídos", "las rodillas", "los ojos", "las piernas", "los dedos", "los tobillos"}
	// Verb forms that agree with a singular and a plural part.
	dativeVerbs = [][2]string{{"zumba", "zumban"}, {"tiembla", "tiemblan"}, {"punza", "punzan"}, {"quema", "queman"},
		{"arde", "arden"}, {"pica", "pican"}, {"sangra", "sangran"}, {"truena", "truenan"}, {"molesta", "molestan"},
		{"hincha", "hinchan"}, {"duerme", "duermen"}, {"entume", "entumen"}, {"palpita", "palpitan"}, {"nubla", "nublan"},
		{"hormiguea", "hormiguean"}, {"lagrimea", "lagrimean"}}
	dativeWho    = []string{"me", "me", "le", "se me", "se le", "a mi hijo le", "a mi mamá se le"}
	dativeDegree = []string{"", "", "mucho ", "muy fuerte ", "bastante ", "otra vez ", "todo el tiempo "}

	partStateWho  = []string{"ando", "estoy", "sigo", "me siento", "mi hijo anda", "mi esposa está", "ando muy"}
	partStateAdj  = []string{"mal", "malo", "mala", "enfermo", "enferma", "delicada", "delicado"}
	partStatePart = []string{"de la panza", "del estómago", "de la garganta", "de los riñones", "de la espalda", "del oído",
		"de los pulmones", "del corazón", "de la vejiga", "de las rodillas"}
	partStateFR = []string{"j'ai mal au dos", "j'ai mal à la tête", "j'ai mal au ventre", "j'ai mal à la gorge",
		"mon fils a mal au genou", "j'ai mal à la poitrine", "elle a mal aux dents", "j'ai mal au coeur"}

	thingsES = []string{"piquetes", "unas manchas", "granitos", "ronchas", "ampollas", "puntos rojos", "una cortada",
		"un moretón", "comezón", "ardor", "un chichón", "unas bolitas"}
	thingHaveES = []string{"tengo", "tiene", "mi hijo tiene", "traigo", "mi mamá tiene", "tenemos"}
	thingPartES = []string{"en el pecho", "en la espalda", "en la piel", "en las piernas", "en la cara", "en los brazos",
		"en la mano", "en el cuello", "en la rodilla", "en los pies"}
	thingsEN   = []string{"a bump", "a blister", "a red spot", "some bruises", "a scab", "a splinter", "a bite", "a sore", "a welt", "a lump"}
	thingHave  = []string{"I have", "I've got", "she has", "my son has", "he has", "I got"}
	thingOwner = []string{"my", "her", "his", "my", "her"}
	thingPart  = []string{"arm", "leg", "back", "neck", "foot", "hand", "face", "knee", "chest", "finger", "ankle", "shoulder"}

	shapeRoots = []string{"esofag", "duoden", "laring", "faring", "traque", "pleur", "pericard", "miocard", "pielonefr", "uretr",
		"prostat", "epididim", "vagin", "cervic", "tendin", "sinus", "parot", "blefar", "querat", "dacrioaden", "espondil",
		"osteomiel", "colang", "diverticul"}
	shapeCueES = []string{"tengo", "me diagnosticaron", "mi hijo tiene", "sufro de", "mi esposo tiene", "le dio", "estoy en tratamiento por"}
	shapeCueEN = []string{"I have", "she was diagnosed with", "my son has", "I'm being treated for", "my doctor says I have", "he has"}
	shapeEN    = []string{"esophagitis", "pericarditis", "myocarditis", "pyelonephritis", "epididymitis", "keratitis",
		"blepharitis", "spondylosis", "osteomyelitis", "cholangitis", "diverticulosis", "tendinosis"}

	specStems = []string{"cardio", "neuro", "nefro", "gastroentero", "neumo", "reumato", "endocrino", "hemato", "infecto",
		"gineco", "dermato", "oftalmo", "uro", "traumato", "otorrinolaringo", "procto", "hepato", "alergo"}
	specCueES = []string{"me mandaron a {S}ía", "me refirieron a {S}ía", "me citaron en {S}ía", "tengo cita en {S}ía",
		"me toca {S}ía", "mi papá está hospitalizado en {S}ía", "soy paciente de {S}ía", "tengo control en {S}ía",
		"la cita de mi mamá en {S}ía", "me agendaron con el {S}o", "mi hijo va con la {S}a", "estoy con el {S}o",
		"tengo consulta con la {S}a", "cita de {S}ía confirmada", "seguimiento en {S}ía", "el {S}o quiere verme el lunes",
		"la {S}a dijo que mi mamá necesita estudios"}
	specStemsEN = []string{"cardio", "neuro", "nephro", "gastroentero", "pulmono", "rheumato", "endocrino", "hemato",
		"uro", "dermato", "ophthalmo", "allergo"}
	specCueEN = []string{"I was referred to {S}y", "they sent me to {S}y", "I see a {S}ist", "she sees a {S}ist every month",
		"my dad was referred to {S}y", "I'm going to {S}y tomorrow", "{S}y follow-up on friday", "I have {S}y at 3",
		"the {S}ist wants to see me next week", "the {S}ist said I need more tests"}

	stateWho   = []string{"he's been", "she's been", "I'm", "my son is", "the baby is", "I've been", "my husband is", "she is"}
	stateAdjEN = []string{"lethargic", "really fussy", "feverish", "so bloated", "constipated", "congested", "dehydrated",
		"clammy", "woozy", "queasy", "lightheaded", "very confused"}
	stateFixed = []string{"my stomach's been upset since friday", "my knee's been swollen all week", "her throat's really sore",
		"my pee is dark", "my poop is black", "his chest's been tight"}
	stateWhoES = []string{"estoy", "está", "mi hijo está", "la niña está", "estoy muy", "mi esposo anda"}
	stateAdjES = []string{"congestionada", "deshidratado", "estreñida", "mareada", "decaído", "afiebrado", "desganada", "aturdido"}
	stateFixES = []string{"ando con el estómago revuelto", "me cuesta respirar", "me da vueltas la cabeza", "amanecí con la garganta cerrada",
		"a mi mamá le cuesta caminar"}
	labNames = []string{"creatinine", "a1c", "hemoglobin", "potassium", "tsh", "psa", "platelets", "white count", "ferritin", "sodium"}
	labVerbs = []string{"went from", "dropped from", "jumped from", "rose from", "went up from", "fell from"}

	pregWho     = []string{"I'm", "she's", "my wife is", "my daughter is", "im", "we're"}
	pregHedge   = []string{"", "about ", "almost ", "like ", "currently ", "nearly "}
	pregTail    = []string{"expecting in may", "expecting our second baby", "due in 3 weeks", "measuring small", "expecting twins", "due next month"}
	pregStageES = []string{"estoy esperando bebé", "voy en la semana %d", "estoy casi de %d semanas", "mi esposa está esperando un bebé",
		"ya voy en la semana %d"}
	notPreg = []string{"I'm expecting a call from the doctor", "I'm 3 months behind on my bill", "he's 5 months old",
		"I'm due for a refill", "my copay is due", "she is 6 months old today", "I'm expecting your call",
		"the payment is due next week", "we're 10 minutes away", "I'm 20 minutes late"}

	deptES = []string{"oncología", "cardiología", "neurología", "diálisis", "psiquiatría", "nefrología", "la clínica de diabetes",
		"la clínica de heridas", "hematología", "quimioterapia"}
	deptQES = []string{"¿dónde queda {D}?", "¿a qué hora abre {D}?", "¿en qué piso está {D}?", "¿cuál es el horario de {D}?",
		"¿{D} está en el segundo piso?", "¿{D} cierra a las 5?"}
	deptEN = []string{"oncology", "cardiology", "neurology", "dialysis", "psychiatry", "nephrology", "the wound clinic",
		"the fertility clinic", "the sleep clinic", "hematology"}
	deptQEN = []string{"where is {D}?", "what time does {D} open", "which floor is {D} on", "what are the hours for {D}",
		"is {D} open on saturday", "how late is {D} open", "is the cardiologist in today?"}

	notVital = []string{"it's 102 degrees outside, are you open?", "my phone is at 5%, call me back", "hace 38 grados, ¿abren hoy?",
		"la temperatura afuera está en 40", "battery at 15%, text me", "the heat index was 104 today", "we got 91% on the survey",
		"the pressure washer guys are blocking the lot", "son 250 pesos?", "it's 98 degrees in the waiting room"}
	advice = []string{"if you have chest pain, call 911 now", "call us if your temperature is over 100.4",
		"si tiene fiebre de más de 39, llame a la clínica", "if your child has trouble breathing, go to the ER",
		"if you have a fever over 103, go to urgent care", "si le falta el aire, llame al 911",
		"if you feel dizzy after the shot, sit down and tell the nurse", "call 988 if you have thoughts of hurting yourself"}
)

func (g *gen) categoryValueClinical(ph, lang string) (seg, bool) {
	switch ph {
	case "DATIVE":
		v := dativeVerbs[g.r.IntN(len(dativeVerbs))]
		verb, part := v[0], g.pick(dativeSing)
		if g.r.IntN(3) == 0 {
			verb, part = v[1], g.pick(dativePlur)
		}
		return seg{g.pick(dativeWho) + " " + verb + " " + g.pick(dativeDegree) + part, "SYMPTOM"}, true
	case "PARTSTATE":
		return seg{g.pick(partStateWho) + " " + g.pick(partStateAdj) + " " + g.pick(partStatePart), "SYMPTOM"}, true
	case "PARTSTATEFR":
		return seg{g.pick(partStateFR), "SYMPTOM"}, true
	case "THINGES":
		return seg{g.pick(thingHaveES) + " " + g.pick(thingsES) + " " + g.pick(thingPartES), "SYMPTOM"}, true
	case "THINGEN":
		return seg{g.pick(thingHave) + " " + g.pick(thingsEN) + " on " + g.pick(thingOwner) + " " + g.pick(thingPart), "SYMPTOM"}, true
	case "VITALSP":
		switch g.r.IntN(6) {
		case 0:
			return seg{fmt.Sprintf("saturación %d%%", 82+g.r.IntN(15)), "LAB"}, true
		case 1:
			return seg{fmt.Sprintf("la saturación le bajó a %d%%", 80+g.r.IntN(14)), "LAB"}, true
		case 2:
			return seg{fmt.Sprintf("%s %d.%d de %s", g.pick([]string{"tiene", "tengo", "mi niña tiene", "amaneció con"}), 38+g.r.IntN(3), g.r.IntN(10),
				g.pick([]string{"temperatura", "fiebre", "calentura"})), "LAB"}, true
		case 3:
			return seg{fmt.Sprintf("peso %d kilos", 55+g.r.IntN(80)), "LAB"}, true
		case 4:
			return seg{fmt.Sprintf("la oxigenación está en %d", 84+g.r.IntN(12)), "LAB"}, true
		default:
			return seg{fmt.Sprintf("me tomé la presión y tenía %d/%d", 140+g.r.IntN(50), 90+g.r.IntN(20)), "LAB"}, true
		}
	case "VITALSPEN":
		switch g.r.IntN(6) {
		case 4:
			return seg{fmt.Sprintf("my bp's been %d0s over %d0s", 14+g.r.IntN(6), 9+g.r.IntN(2)), "LAB"}, true
		case 5:
			return seg{fmt.Sprintf("my sugar's been running in the %d00s", 2+g.r.IntN(3)), "LAB"}, true
		case 0:
			return seg{fmt.Sprintf("temp 38.%d since last night", g.r.IntN(10)), "LAB"}, true
		case 1:
			return seg{fmt.Sprintf("I weigh %d lbs now", 180+g.r.IntN(150)), "LAB"}, true
		case 2:
			return seg{fmt.Sprintf("o2 %d%%", 84+g.r.IntN(12)), "LAB"}, true
		default:
			return seg{fmt.Sprintf("pulse %d this morning", 110+g.r.IntN(40)), "LAB"}, true
		}
	case "SHAPEDES":
		return seg{g.pick(shapeCueES) + " " + g.pick(shapeRoots) + "itis", "CONDITION"}, true
	case "SHAPEDEN":
		return seg{g.pick(shapeCueEN) + " " + g.pick(shapeEN), "CONDITION"}, true
	case "SPECES":
		stem := g.pick(specStems)
		t := g.pick(specCueES)
		t = strings.ReplaceAll(t, "{S}ía", stem+"logía")
		t = strings.ReplaceAll(t, "{S}o", stem+"logo")
		t = strings.ReplaceAll(t, "{S}a", stem+"loga")
		return seg{t, "CONDITION"}, true
	case "SPECEN":
		stem := g.pick(specStemsEN)
		t := g.pick(specCueEN)
		t = strings.ReplaceAll(t, "{S}y", stem+"logy")
		t = strings.ReplaceAll(t, "{S}ist", stem+"logist")
		return seg{t, "CONDITION"}, true
	case "STATEEN":
		if g.r.IntN(3) == 0 {
			return seg{g.pick(stateFixed), "SYMPTOM"}, true
		}
		return seg{g.pick(stateWho) + " " + g.pick(stateAdjEN), "SYMPTOM"}, true
	case "STATEES":
		if g.r.IntN(3) == 0 {
			return seg{g.pick(stateFixES), "SYMPTOM"}, true
		}
		return seg{g.pick(stateWhoES) + " " + g.pick(stateAdjES), "SYMPTOM"}, true
	case "LABCHANGE":
		a, b := 1+g.r.IntN(15), 1+g.r.IntN(15)
		return seg{fmt.Sprintf("my %s %s %d.%d to %d.%d", g.pick(labNames), g.pick(labVerbs), a, g.r.IntN(10), b, g.r.IntN(10)), "LAB"}, true
	case "PREGEN":
		switch g.r.IntN(3) {
		case 0:
			return seg{g.pick(pregWho) + " " + g.pick(pregTail), "CONDITION"}, true
		case 1:
			return seg{fmt.Sprintf("%s %s%d %s", g.pick(pregWho), g.pick(pregHedge), 6+g.r.IntN(34), g.pick([]string{"weeks", "wks"})), "CONDITION"}, true
		default:
			return seg{fmt.Sprintf("%s %s%d months", g.pick(pregWho), g.pick(pregHedge), 2+g.r.IntN(7)), "CONDITION"}, true
		}
	case "PREGES":
		t := g.pick(pregStageES)
		if strings.Contains(t, "%d") {
			t = fmt.Sprintf(t, 8+g.r.IntN(30))
		}
		return seg{t, "CONDITION"}, true
	case "NOTPREG":
		return lit(g.pick(notPreg)), true
	case "DEPTQES":
		return lit(strings.ReplaceAll(g.pick(deptQES), "{D}", g.pick(deptES))), true
	case "DEPTQEN":
		return lit(strings.ReplaceAll(g.pick(deptQEN), "{D}", g.pick(deptEN))), true
	case "NOTVITAL":
		return lit(g.pick(notVital)), true
	case "ADVICE":
		return lit(g.pick(advice)), true
	}
	return seg{}, false
}

// generateClinical yields the sets above from their own random stream,
// so adding them leaves every earlier message of the corpus as it was.
func generateClinical(seed uint64) []Example {
	g := &gen{r: rand.New(rand.NewPCG(seed^0xc1, seed^0x5eed))}
	return g.generateSets(categoryTemplatesClinical, g.categoryValueClinical)
}

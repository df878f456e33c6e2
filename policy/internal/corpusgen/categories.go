package main

import (
	"fmt"
	"strings"
)

// Per-category sets: each names one way a message can carry PHI that a
// detector built on lists and fixed cues misses (or, for the precision
// sets, one way a clean message can look like PHI). Every set has tune and
// held templates and draws many values, so a category is scored on
// variants, not on one phrase.
var categoryTemplates = []tmplSet{
	{cat: "name-last-first", lang: "en", tune: []string{
		"this is {LASTFIRST} calling about the bill",
		"my name is {LASTFIRST}",
		"appointment for {LASTFIRST} tomorrow at 3",
		"patient: {LASTFIRST}",
	}, held: []string{
		"hi, it's {LASTFIRST}, I need to move my visit",
		"checking in for {LASTFIRST}",
		"name is {LASTFIRST} - can you call me",
	}},
	{cat: "name-last-first", lang: "es", tune: []string{
		"soy {LASTFIRSTES}, quiero cambiar mi cita",
		"me llamo {LASTFIRSTES}",
	}, held: []string{
		"cita para {LASTFIRSTES} el lunes",
		"habla {LASTFIRSTES}, ¿me pueden llamar?",
	}},
	{cat: "name-middle-initial", lang: "en", tune: []string{
		"{MIDDLE} needs a copy of the invoice",
		"this is {MIDDLE}",
		"please tell {MIDDLE} the forms are ready",
	}, held: []string{
		"my name is {MIDDLE} and I have a question about parking",
		"{MIDDLE} here, running late",
		"can {MIDDLE} reschedule to Friday?",
	}},
	{cat: "name-after-cue", lang: "en", tune: []string{
		"attn: {NAMEANY}",
		"attn {NAMEANY} - forms attached",
		"results for {NAMEANY} please",
		"my husband {NAMEANY} needs a refill",
		"my son {NAMEANY} has an appointment today",
		"my mom {NAMEANY} can't make it",
	}, held: []string{
		"Attention: {NAMEANY}",
		"any results for {NAMEANY} yet?",
		"my wife {NAMEANY} will bring the paperwork",
		"my daughter {NAMEANY} is running late",
		"my dad {NAMEANY} wants to switch doctors",
	}},
	{cat: "name-after-cue", lang: "es", tune: []string{
		"mi esposo {NAMEANYES} necesita una cita",
		"resultados de {NAMEANYES} por favor",
	}, held: []string{
		"mi hija {NAMEANYES} llega tarde",
		"mi mamá {NAMEANYES} no puede ir hoy",
	}},
	{cat: "name-lower-case", lang: "en", tune: []string{
		"my name is {LOWER}",
		"this is {LOWER}, can i reschedule",
		"{LOWER} here, running late",
	}, held: []string{
		"hi its {LOWER} i need to cancel",
		"appointment for {LOWER} on friday",
	}},
	{cat: "name-hyphenated", lang: "en", tune: []string{
		"my name is {HYPH}",
		"{HYPH} has an appointment at 2",
		"this is {HYPH}, calling to confirm",
	}, held: []string{
		"please call {HYPH} back",
		"my daughter {HYPH} needs a school form",
	}},
	{cat: "name-word-given", lang: "en", tune: []string{
		"{WGIVEN} called about her bill",
		"my name is {WGIVEN}",
		"please tell {WGIVEN} the forms are ready",
		"this is {WGIVEN}",
	}, held: []string{
		"{WGIVEN} will pick up the paperwork",
		"can {WGIVEN} move to Tuesday?",
		"hi, {WGIVEN} here",
	}},
	{cat: "age-over-89", lang: "en", tune: []string{
		"my grandmother is {AGEB}",
		"he is {AGEB} years old",
		"she's {AGEB} and lives alone",
		"my father just turned {AGEB}",
	}, held: []string{
		"the patient is {AGEB}.",
		"mom is {AGEB} years old now",
		"he's a {AGEB}-year-old man",
		"my aunt, who is {AGEB}, needs a ride",
		"my grandpa, {AGEB}, fell yesterday",
		"my mom is in her {DECADE}",
	}},
	{cat: "age-over-89", lang: "es", tune: []string{
		"mi abuela tiene {AGEBES} años",
		"mi papá tiene {AGEBES}",
	}, held: []string{
		"mi abuelo cumplió {AGEBES} años",
		"la paciente tiene {AGEBES} años de edad",
	}},
	{cat: "clinical-drug-dose", lang: "en", clinical: true, tune: []string{
		"I take {DOSEFIRST}",
		"I take {DRUGDOSE}",
		"she is on {DRUGDOSE}",
		"can I keep taking {DRUGDOSE}?",
	}, held: []string{
		"the doctor put me on {DRUGDOSE}",
		"he was switched to {DRUGDOSE} last week",
		"she's on {DOSEFIRST}",
	}},
	{cat: "clinical-drug-dose", lang: "es", clinical: true, tune: []string{
		"tomo {DRUGDOSEES}",
	}, held: []string{
		"me recetaron {DRUGDOSEES}",
	}},
	{cat: "clinical-test-value", lang: "en", clinical: true, tune: []string{
		"my {TESTVAL}",
		"her {TESTVAL}, is that bad?",
		"the doctor said my {TESTVAL}",
	}, held: []string{
		"just saw that my {TESTVAL}",
		"his {TESTVAL} last time",
	}},
	{cat: "clinical-test-value", lang: "es", clinical: true, tune: []string{
		"mi {TESTVALES}",
	}, held: []string{
		"el doctor dijo que mi {TESTVALES}",
	}},
	{cat: "clinical-condition-modifiers", lang: "en", clinical: true, tune: []string{
		"I have {CONDMOD}",
		"she was diagnosed with {CONDMOD}",
		"he has {CONDMOD} and needs a refill",
	}, held: []string{
		"my mom's {CONDMOD} is getting worse",
		"dealing with {CONDMOD} since spring",
	}},
	{cat: "clinical-pregnancy", lang: "en", clinical: true, tune: []string{
		"I'm {PREG}",
		"my wife is {PREG} and has questions",
	}, held: []string{
		"she's {PREG} now",
		"currently {PREG}, can I still come in?",
	}},
	{cat: "clinical-pregnancy", lang: "es", clinical: true, tune: []string{
		"estoy {PREGES}",
	}, held: []string{
		"mi esposa está {PREGES}",
	}},
	{cat: "clinical-specialty-visit", lang: "en", clinical: true, tune: []string{
		"I have my {SPECIALTY} on Monday",
		"can you send my records to the {SPECIALTY}?",
		"running late for the {SPECIALTY}",
	}, held: []string{
		"need a ride to the {SPECIALTY} tomorrow",
		"does the {SPECIALTY} take my insurance?",
	}},
	{cat: "date-ordinal", lang: "en", tune: []string{
		"born on {ORDDATE}",
		"my appointment is on {ORDDATE}",
		"I was admitted {ORDDATE}",
	}, held: []string{
		"surgery is set for {ORDDATE}",
		"my birthday is {ORDDATE}",
	}},
	{cat: "date-spelled", lang: "en", tune: []string{
		"I was born {SPELLDATE}",
		"date of birth {SPELLDATE}",
	}, held: []string{
		"my dob is {SPELLDATE}",
		"she was born on {SPELLDATE}",
	}},
	{cat: "date-spelled", lang: "es", tune: []string{
		"nací el {SPELLDATEES}",
	}, held: []string{
		"fecha de nacimiento: {SPELLDATEES}",
	}},
	{cat: "evasion-clinical", lang: "en", clinical: true, tune: []string{
		"your {EVCLIN} refill is ready",
		"ok so the {EVCLIN} thing, can we talk",
		"I need more {EVCLIN}",
	}, held: []string{
		"picking up {EVCLIN} today",
		"is {EVCLIN} covered?",
	}},
	{cat: "place-international", lang: "en", tune: []string{
		"my address is {INTLADDR}",
		"please mail it to {INTLADDR}",
		"I moved to {INTLADDR}",
	}, held: []string{
		"send the letter to {INTLADDR} thanks",
		"new address: {INTLADDR}",
	}},
	{cat: "place-international", lang: "en", tune: []string{
		"postcode {POSTCODE}",
		"my postal code is {POSTCODE}",
	}, held: []string{
		"it's {POSTCODE} for the delivery",
		"my eircode is {EIRCODE}",
		"CEP {CEP}",
	}},
	{cat: "precision-imaging", lang: "en", tune: []string{
		"where do I park for the {IMAGING} appointment?",
		"is the {IMAGING} still at 3 on Tuesday?",
		"how early should I arrive for my {IMAGING}?",
	}, held: []string{
		"which entrance is the {IMAGING} at?",
		"can I bring my kid to the {IMAGING} appointment?",
	}},
	{cat: "precision-lorem", lang: "en", tune: []string{
		"{LOREM}",
		"new template draft: {LOREM}",
	}, held: []string{
		"test message: {LOREM}",
	}},
}

var (
	wordGiven   = []string{"June", "Will", "Hope", "Summer", "April", "May", "Grace", "Faith", "Joy", "Rose", "Dawn", "Ivy", "Autumn", "August", "Mark", "Bill", "Pat", "Sunny", "Amber", "Crystal", "Destiny", "Charity", "Holly", "Robin", "Mercedes", "Dolores", "Rocío", "Luz", "Paz"}
	hyphenFirst = []string{"Mary-Kate", "Jean-Luc", "Anne-Marie", "José-Luis", "María-José", "Ana-Lucía", "Jean-Pierre", "Mary-Ann", "Lee-Ann", "Juan-Carlos", "Marie-Claire", "Sun-Hee"}
	initials    = "ABCDEFGHJKLMNPRSTW"
	drugsDose   = []string{"metformin", "lisinopril", "atorvastatin", "sertraline", "gabapentin", "levothyroxine", "amlodipine", "losartan", "prednisone", "insulin glargine", "quetiapine", "buprenorphine", "methadone", "Eliquis", "Xarelto"}
	doses       = []string{"500 mg", "10mg", "25 mg", "0.5 mg", "100 mcg", "20 units", "2 tablets", "1 tab", "40 mg", "1000 mg", "5mg"}
	freqs       = []string{"twice daily", "once a day", "every 8 hours", "at bedtime", "bid", "three times a day", "every morning", "daily", "as needed", "every 12 hours", "at night"}
	freqsES     = []string{"cada 8 horas", "dos veces al día", "diario", "en la noche", "una vez al día", "cada 12 horas"}
	testValEN   = []string{"A1C was {N1}", "A1C came back at {N1}", "biopsy came back positive", "biopsy came back benign", "CD4 count {N3}", "viral load is undetectable", "cholesterol was {N3}", "TSH is {N1}", "pregnancy test came back positive", "HIV test was negative", "PSA was {N1}", "potassium level was {N1}", "hemoglobin was {N1}", "blood sugar was {N3}", "strep test came back positive", "INR is {N1}", "biopsy showed cancer", "potassium is low", "WBC {N1}", "sugar was {N3}", "viral load 200 copies"}
	testValES   = []string{"glucosa salió en {N3}", "prueba de embarazo salió positiva", "colesterol fue de {N3}", "hemoglobina salió baja", "prueba de VIH salió negativa", "A1C salió en {N1}"}
	condMod     = []string{"type 2 diabetes, uncontrolled", "stage 3 breast cancer", "severe persistent asthma", "mild depression", "chronic kidney disease stage 4", "early onset dementia", "moderate sleep apnea", "type 1 diabetes", "stage IV lung cancer", "acute pancreatitis", "chronic migraine", "severe anxiety", "uncontrolled hypertension", "metastatic prostate cancer"}
	pregEN      = []string{"{N2} weeks along", "{N2} weeks pregnant", "{N0} months pregnant", "third trimester", "second trimester", "{W} weeks along", "{W} weeks pregnant"}
	pregES      = []string{"embarazada de {N2} semanas", "de {N2} semanas de embarazo", "embarazada de {N0} meses", "tercer trimestre"}
	specialties = []string{"oncology appointment", "HIV clinic", "methadone clinic", "chemo session", "dialysis appointment", "psychiatry appointment", "oncology clinic", "fertility clinic", "cancer center", "rehab program"}
	ordDates    = []string{"the {D}{ORD} of {MONTH}", "{MONTH} the {D}{ORD}", "the {D}{ORD} of {MONTH}, {Y}", "{D}{ORD} of {MONTH} {Y}", "the {D}{ORD} of {MONTHAB}"}
	ordWords    = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty third", "twenty-fifth", "thirtieth"}
	esDays      = []string{"uno", "dos", "tres", "cinco", "siete", "diez", "doce", "quince", "dieciséis", "veinte", "veintiuno", "veintitrés", "treinta"}
	tensEN      = []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty"}
	unitsEN     = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	tensES      = []string{"veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta"}
	evClinBase  = []string{"truvada", "descovy", "biktarvy", "suboxone", "metformin", "lisinopril", "atorvastatin", "gabapentin", "sertraline", "ozempic", "hiv", "copd", "uti", "diabetes", "hepatitis"}
	intlAddrs   = []string{"{HN} Rue de la Paix, 750{D2} Paris", "{HN}B Baker Street, London NW1 6XE", "Hauptstraße {HN}, 10115 Berlin", "Via Roma {HN}, 00184 Roma", "Rua das Flores {HN}, Lisboa", "{HN} Rue Sainte-Catherine, Montréal H3B 1A7", "Calle Mayor {HN}, 28013 Madrid", "Kerkstraat {HN}, 1017 GA Amsterdam", "{HN} High Street, Oxford OX1 4AG", "{HN} Queen St W, Toronto M5H 2N2"}
	postcodes   = []string{"SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "K1A 0B1", "V6B 4Y8", "T2P 1J9", "1012 AB", "3511 LX"}
	imaging     = []string{"MRI", "ultrasound", "x-ray", "CT scan", "mammogram", "echo", "DEXA scan"}
	loremTexts  = []string{"lorem ipsum dolor sit amet", "Lorem ipsum dolor sit amet, consectetur adipiscing elit", "lorem ipsum dolor sit amet consectetur", "Lorem ipsum dolor sit amet, sed do eiusmod tempor", "Lorem ipsum dolor sit amet, ut labore et dolore magna aliqua", "dolor sit amet, lorem ipsum"}
)

// misspell makes a one- or two-letter slip in a drug name the way people
// type it: a swap, a dropped or doubled letter, a wrong vowel.
func (g *gen) misspell(w string) string {
	b := []byte(w)
	edits := 1
	if len(b) >= 8 && g.r.IntN(2) == 0 {
		edits = 2
	}
	for e := 0; e < edits; e++ {
		p := 1 + g.r.IntN(len(b)-2)
		switch g.r.IntN(4) {
		case 0:
			b[p], b[p+1] = b[p+1], b[p]
		case 1:
			b = append(b[:p:p], b[p+1:]...)
		case 2:
			b = append(b[:p+1:p+1], b[p:]...)
		default:
			vowels := "aeiou"
			b[p] = vowels[g.r.IntN(len(vowels))]
		}
	}
	return string(b)
}

// evasive writes a clinical word the way staff dodge a filter.
func (g *gen) evasive(w string) string {
	switch {
	case len(w) <= 5 && g.r.IntN(2) == 0:
		var parts []string
		for _, c := range w {
			parts = append(parts, string(c))
		}
		return strings.Join(parts, ".") + "."
	case g.r.IntN(3) == 0:
		r := strings.NewReplacer("o", "0", "i", "1", "e", "3")
		if x := r.Replace(w); x != w {
			return x
		}
	case len(w) >= 6 && g.r.IntN(2) == 0:
		return g.misspell(w)
	}
	return w
}

func (g *gen) sub(t string, lang string) string {
	r := strings.NewReplacer(
		"{N0}", fmt.Sprint(2+g.r.IntN(7)),
		"{N1}", fmt.Sprintf("%d.%d", 4+g.r.IntN(8), g.r.IntN(10)),
		"{N2}", fmt.Sprint(6+g.r.IntN(34)),
		"{N3}", fmt.Sprint(90+g.r.IntN(400)),
		"{W}", g.pick([]string{"eight", "twelve", "twenty", "ten", "six"}),
		"{HN}", fmt.Sprint(1+g.r.IntN(240)),
		"{D2}", fmt.Sprintf("%02d", 1+g.r.IntN(20)),
	)
	return r.Replace(t)
}

func (g *gen) categoryValue(ph, lang string) (seg, bool) {
	if s, ok := g.categoryValue2(ph, lang); ok {
		return s, true
	}
	if s, ok := g.categoryValue3(ph, lang); ok {
		return s, true
	}
	if s, ok := g.categoryValue4(ph, lang); ok {
		return s, true
	}
	if s, ok := g.categoryValue5(ph, lang); ok {
		return s, true
	}
	if s, ok := g.categoryValue6(ph, lang); ok {
		return s, true
	}
	if s, ok := g.categoryValuePositions(ph, lang); ok {
		return s, true
	}
	nameFrom := func(f, l string) string { return f + " " + l }
	anyLast := func() string {
		if g.r.IntN(3) == 0 {
			return g.pick(rareLast)
		}
		return g.last(lang)
	}
	anyFirst := func() string {
		if g.r.IntN(3) == 0 {
			return g.pick(rareFirst)
		}
		return g.first(lang)
	}
	switch ph {
	case "LASTFIRST", "LASTFIRSTES":
		return seg{anyLast() + ", " + anyFirst(), "NAME"}, true
	case "MIDDLE":
		mi := string(initials[g.r.IntN(len(initials))])
		if g.r.IntN(2) == 0 {
			mi += "."
		}
		n := anyFirst() + " " + mi + " " + anyLast()
		if g.r.IntN(4) == 0 {
			n = strings.ToLower(n)
		}
		return seg{n, "NAME"}, true
	case "NAMEANY", "NAMEANYES":
		n := anyFirst()
		if g.r.IntN(2) == 0 {
			n = nameFrom(n, anyLast())
		}
		if g.r.IntN(3) == 0 {
			n = strings.ToLower(n)
		}
		return seg{n, "NAME"}, true
	case "LOWER":
		return seg{strings.ToLower(nameFrom(anyFirst(), anyLast())), "NAME"}, true
	case "HYPH":
		n := g.pick(hyphenFirst)
		if g.r.IntN(3) > 0 {
			n = nameFrom(n, anyLast())
		}
		if g.r.IntN(4) == 0 {
			n = strings.ToLower(n)
		}
		return seg{n, "NAME"}, true
	case "WGIVEN":
		return seg{nameFrom(g.pick(wordGiven), anyLast()), "NAME"}, true
	case "AGEB":
		if g.r.IntN(4) == 0 {
			return seg{"ninety-" + g.pick(unitsEN), "AGE"}, true
		}
		return seg{g.age90(), "AGE"}, true
	case "AGEBES":
		if g.r.IntN(4) == 0 {
			return seg{"noventa y " + g.pick([]string{"uno", "dos", "tres", "cuatro", "cinco", "seis"}), "AGE"}, true
		}
		return seg{g.age90(), "AGE"}, true
	case "DOSEFIRST":
		return seg{g.pick([]string{"20 units of", "2 tablets of", "1 tab of", "3 puffs of", "10 mg of"}) + " " + g.pick(drugsDose) + " " + g.pick(freqs), "MEDICATION"}, true
	case "DECADE":
		return seg{g.pick([]string{"90s", "nineties"}), "AGE"}, true
	case "EIRCODE":
		return seg{g.pick([]string{"D02 X285", "A65 F4E2", "T12 K8W3", "D04 C932"}), "ZIP"}, true
	case "CEP":
		return seg{fmt.Sprintf("%05d-%03d", g.r.IntN(99999), g.r.IntN(999)), "ZIP"}, true
	case "DRUGDOSE":
		return seg{g.pick(drugsDose) + " " + g.pick(doses) + " " + g.pick(freqs), "MEDICATION"}, true
	case "DRUGDOSEES":
		return seg{g.pick([]string{"metformina", "losartán", "insulina", "omeprazol", "sertralina"}) + " " + g.pick(doses) + " " + g.pick(freqsES), "MEDICATION"}, true
	case "TESTVAL":
		return seg{g.sub(g.pick(testValEN), lang), "LAB"}, true
	case "TESTVALES":
		return seg{g.sub(g.pick(testValES), lang), "LAB"}, true
	case "CONDMOD":
		return seg{g.pick(condMod), "CONDITION"}, true
	case "PREG":
		return seg{g.sub(g.pick(pregEN), lang), "CONDITION"}, true
	case "PREGES":
		return seg{g.sub(g.pick(pregES), lang), "CONDITION"}, true
	case "SPECIALTY":
		return seg{g.pick(specialties), "CONDITION"}, true
	case "ORDDATE":
		d := 1 + g.r.IntN(28)
		m := g.r.IntN(12)
		t := strings.NewReplacer("{D}", fmt.Sprint(d), "{ORD}", ordinal(d), "{MONTH}", monthsEN[m],
			"{MONTHAB}", monthsENab[m], "{Y}", fmt.Sprint(1930+g.r.IntN(90))).Replace(g.pick(ordDates))
		return seg{t, "DATE"}, true
	case "SPELLDATE":
		ord, mon := g.pick(ordWords), g.pick(monthsEN)
		year := g.pick([]string{"nineteen " + g.pick(tensEN) + "-" + g.pick(unitsEN), "nineteen " + g.pick(tensEN),
			"two thousand " + g.pick(unitsEN), "nineteen " + g.pick(tensEN) + " " + g.pick(unitsEN)})
		var t string
		switch g.r.IntN(3) {
		case 0:
			t = "the " + ord + " of " + mon + " " + year
		case 1:
			t = mon + " " + ord + ", " + year
		default:
			t = "the " + ord + " of " + mon
		}
		return seg{t, "DOB"}, true
	case "SPELLDATEES":
		t := g.pick(esDays) + " de " + g.pick(monthsES)
		if g.r.IntN(3) > 0 {
			t += " de mil novecientos " + g.pick(tensES)
			if g.r.IntN(2) == 0 {
				t += " y " + g.pick([]string{"uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"})
			}
		}
		return seg{t, "DOB"}, true
	case "EVCLIN":
		w := g.pick(evClinBase)
		typ := "MEDICATION"
		switch w {
		case "hiv", "copd", "uti", "diabetes", "hepatitis":
			typ = "CONDITION"
		}
		return seg{g.evasive(w), typ}, true
	case "INTLADDR":
		return seg{g.sub(g.pick(intlAddrs), lang), "ADDRESS"}, true
	case "POSTCODE":
		return seg{g.pick(postcodes), "ZIP"}, true
	case "IMAGING":
		return lit(g.pick(imaging)), true
	case "LOREM":
		return lit(g.pick(loremTexts)), true
	}
	return seg{}, false
}

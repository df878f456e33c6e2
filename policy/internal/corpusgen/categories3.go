package main

import (
	"fmt"
	"strings"
)

// Per-category sets for detection that has to work without the hand
// lists: names the population tables know but no list holds, written in
// lower case with no cue; vital-sign readings told by the patient; and
// symptom statements phrased with no listed symptom. Two precision sets
// hold what must stay readable: everyday uses of the body verbs, and
// places named after people.
var categoryTemplates3 = []tmplSet{
	{cat: "name-population", lang: "en", tune: []string{
		"{POPPAIR} needs a refill",
		"can {POPPAIR} pick up the forms",
		"please call {POPPAIR} back",
		"is {POPPAIR} on the list for friday",
		"tell mrs {POPFAM} her forms are ready",
	}, held: []string{
		"{POPPAIR} missed the 3pm slot",
		"hi it's about {POPPAIR}, she has a question",
		"{POPPAIR} will come instead of me",
		"the bill for {POPPAIR} is wrong",
	}},
	{cat: "name-population", lang: "es", tune: []string{
		"{POPPAIR} necesita una receta",
		"¿puede {POPPAIR} recoger los papeles?",
	}, held: []string{
		"llamen a {POPPAIR} por favor",
	}},
	{cat: "clinical-vital-reading", lang: "en", clinical: true, tune: []string{
		"{VITAL}",
		"hi, {VITAL}, should I come in?",
		"{VITAL}. is that too high?",
	}, held: []string{
		"sorry to bother you, {VITAL}",
		"{VITAL} and I have my visit on monday",
	}},
	{cat: "clinical-vital-reading", lang: "es", clinical: true, tune: []string{
		"{VITALES}",
		"hola, {VITALES}, ¿voy a urgencias?",
	}, held: []string{
		"buenas tardes, {VITALES}",
	}},
	{cat: "clinical-health-predicate", lang: "en", clinical: true, tune: []string{
		"{HEALTH}",
		"hi, {HEALTH}",
		"{HEALTH}, can someone call me?",
	}, held: []string{
		"sorry to bother you but {HEALTH}",
		"{HEALTH}. what should I do?",
	}},
	{cat: "clinical-health-predicate", lang: "es", clinical: true, tune: []string{
		"{HEALTHES}",
		"hola, {HEALTHES}",
	}, held: []string{
		"{HEALTHES}, ¿qué hago?",
	}},
	{cat: "clinical-organ-condition", lang: "en", clinical: true, tune: []string{
		"{ORGANCOND}",
		"hi, {ORGANCOND}, can she still come in on friday?",
		"{ORGANCOND}. do I need a referral?",
	}, held: []string{
		"just so you know, {ORGANCOND}",
		"{ORGANCOND} and we need a new appointment",
	}},
	{cat: "clinical-body-own-words", lang: "en", clinical: true, tune: []string{
		"{BODYOWN}",
		"hi, {BODYOWN}",
		"{BODYOWN}, should I come in?",
	}, held: []string{
		"sorry to bug you, {BODYOWN}",
		"{BODYOWN}. can I get an appointment?",
	}},
	{cat: "clinical-condition-state", lang: "en", clinical: true, tune: []string{
		"{CONDSTATE}",
		"hi, {CONDSTATE}, is the office accessible?",
	}, held: []string{
		"just so you know, {CONDSTATE}",
		"{CONDSTATE}. can someone help us at check-in?",
	}},
	{cat: "age-beside-person", lang: "en", tune: []string{
		"grandpa {AGEN} needs help with the forms",
		"my grandma who's {AGEN} needs a ride",
		"she turns {AGEHUNDRED} next week",
		"my dad at {AGEN} still drives himself",
	}, held: []string{
		"she lived to {AGEN}",
		"he turned {AGEHUNDRED} in May",
		"my uncle {AGEN} can't use the portal",
	}},
	{cat: "age-beside-person", lang: "es", tune: []string{
		"el señor de {AGEN} necesita ayuda",
	}, held: []string{
		"mi abuelita de {AGEN} no puede venir",
	}},
	{cat: "place-unit-first", lang: "en", tune: []string{
		"my address is {UNITFIRST}",
		"please send the letter to {UNITFIRST}",
	}, held: []string{
		"we moved to {UNITFIRST} in March",
	}},
	{cat: "zip-spaced-digits", lang: "en", tune: []string{
		"my zip is {ZIPSPACED}",
		"zip {ZIPSPACED} thanks",
	}, held: []string{
		"zip code: {ZIPSPACED}",
	}},
	{cat: "zip-spaced-digits", lang: "es", tune: []string{
		"mi código postal es {ZIPSPACED}",
	}, held: []string{
		"cp {ZIPSPACED}",
	}},
	{cat: "place-street-word-lower", lang: "en", tune: []string{
		"I live at {STREETLOWER}",
		"my address is {STREETLOWER}",
		"please send it to {STREETLOWER}",
	}, held: []string{
		"we moved to {STREETLOWER} last year",
		"mail the card to {STREETLOWER} please",
	}},
	{cat: "place-street-word-lower", lang: "es", tune: []string{
		"vivo en {STREETLOWER}",
	}, held: []string{
		"mi dirección es {STREETLOWER}",
	}},
	{cat: "precision-street-word-route", lang: "en", tune: []string{
		"{ROUTE}",
		"hi, {ROUTE}",
		"{ROUTE}, thanks",
	}, held: []string{
		"quick question: {ROUTE}",
		"{ROUTE}?",
	}},
	{cat: "evasion-heavy-leet", lang: "en", tune: []string{
		"my name is {LEETNAME}",
		"{LEETNAME} needs a refill",
		"this is {LEETNAME}, call me back",
	}, held: []string{
		"refill for {LEETNAME} please",
		"{LEETNAME} here",
	}},
	{cat: "evasion-letters-for-digits", lang: "en", tune: []string{
		"my phone is {CONFPHONE}",
		"dob {CONFDOB}",
		"ssn {CONFSSN}",
	}, held: []string{
		"call me at {CONFPHONE}",
		"my birthday is {CONFDOB}",
	}},
	{cat: "precision-everyday-body-verbs", lang: "en", tune: []string{
		"{EVERYDAY}",
		"hi, {EVERYDAY}",
		"{EVERYDAY}, thanks",
	}, held: []string{
		"sorry, {EVERYDAY}",
		"{EVERYDAY}. is that ok?",
	}},
	{cat: "precision-places-named-for-people", lang: "en", tune: []string{
		"is {ORGPLACE} open on Sunday?",
		"where do I park at {ORGPLACE}?",
		"do you have an office near {ORGPLACE}",
	}, held: []string{
		"how late is {ORGPLACE} open",
		"can you send the form to {ORGPLACE}",
	}},
}

var (
	// Names the population tables hold and the hand lists do not.
	popGiven  = []string{"dashiell", "anneke", "bronwyn", "delphine", "eamon", "horacio", "imelda", "jolene", "mireille", "nathaniel", "octavia", "quincy", "rosalind", "saoirse", "tadeo", "valentin", "winifred", "zoltan"}
	popFamily = []string{"abernethy", "bouchard", "lindgren", "dombrowski", "eckhardt", "hollingsworth", "kowalczyk", "jaramillo", "kaczmarek", "montenegro", "nussbaum", "przybylski", "quintanilla", "rosenthal", "szymanski", "tremblay", "urquhart", "villanueva", "wojtowicz", "yamaguchi", "zelinski"}
	vitals    = []string{"my blood pressure was {SYS}/{DIA}", "her bp has been running {SYS} over {DIA}", "his pulse was {HR} this morning",
		"my oxygen was {SAT}% on the finger monitor", "my temp was {TEMP}", "his temperature came back at {TEMP} degrees",
		"my heart rate has been {HR} bpm", "BP was {SYS}/{DIA} today", "my reading was {SYS}/{DIA}", "my pressure is still high, {SYS}/{DIA}",
		"mom's blood pressure went up to {SYS}/{DIA}", "he's running {TEMP} since yesterday"}
	vitalsES = []string{"la presión estaba en {SYS}/{DIA}", "mi presión salió {SYS}/{DIA}", "mi oxígeno está en {SAT}%",
		"la presión de mi mamá está en {SYS}/{DIA}", "mi pulso fue de {HR}"}
	healthEN = []string{"I fainted at work yesterday", "she keeps throwing up after she eats", "I can't keep anything down",
		"my son threw up twice last night", "I passed out in the shower", "he's been coughing all night",
		"I can't breathe when I lie down", "I feel like the room is spinning", "there's blood when I wipe",
		"I lost 15 pounds without trying", "I woke up with my face swollen", "I fell and hit my head",
		"I can't stop shaking", "my daughter has trouble breathing at night", "she's been wheezing since the weekend",
		"my husband blacked out for a minute", "I feel awful since the shot"}
	healthES = []string{"me siento muy mal desde ayer", "no puedo dormir por la tos", "me desmayé en el trabajo",
		"vomité dos veces anoche", "mi hijo no puede respirar bien"}
	everyday = []string{"I lost my insurance card", "I feel like we should reschedule", "she fell behind on the forms",
		"I woke up early, can I come sooner", "I can't find parking", "I can't make it at 3", "feel free to call me",
		"I passed the form to the front desk", "I can't stand the hold music", "we lost the referral letter",
		"I'm running 10 minutes late", "I can't remember my portal password", "he broke his phone, use my number",
		"I can't hold, please call me back", "she keeps calling the wrong office"}
	organConds = []string{"she has a bad heart", "problems with my thyroid", "my kidneys are failing", "he has a bad back",
		"she has trouble with her lungs", "they found a mass on my liver", "kidney problems run in his family",
		"his kidneys are failing", "they found a spot on her lung", "my liver is enlarged", "he has prostate problems"}
	bodyOwn = []string{"my knee swelled up last night", "my eye twitches all day", "my ankle went purple", "my stomach won't settle",
		"my knees ached all night", "my son's ear drains", "my chest tightens when I run", "my throat closes up",
		"lower back {N0}/10", "left shoulder {N0}/10 when I lift", "my wrist is {N0} out of 10"}
	condStates = []string{"I'm anemic", "she's epileptic", "my husband is immunocompromised", "my son is autistic",
		"she's on oxygen", "he uses a wheelchair", "my mom is bedridden", "I haven't eaten in 3 days",
		"he hasn't pooped in 5 days", "I'm peeing blood", "my dad is legally blind"}
	streetsLower = []string{"via roma {HN}", "rua augusta {HN}", "rue de rivoli {HN}", "via garibaldi {HN}, torino",
		"rua das flores {HN}", "viale dei mille {HN}", "rue saint-denis {HN}", "corso vittorio emanuele {HN}"}
	routes = []string{"can you send it via email", "we came via the highway", "can I pay via the portal",
		"I'll send the form via fax", "is it faster via the north entrance", "send it via text please"}
	leetGiven  = []string{"maria", "william", "elena", "karen", "robert", "charles", "david", "jessica"}
	leetFamily = []string{"garcia", "petrov", "johnson", "smith", "martinez", "tremblay", "rosenthal", "lopez"}
	orgPlaces  = []string{"the Westbrook Imaging Center", "Saint Brigid Hospital", "Hollingsworth Medical Building", "the Kaczmarek Pavilion",
		"Rosenthal Family Clinic", "Villanueva Health Center", "the Tremblay Building", "Urquhart Street Pharmacy"}
)

func (g *gen) categoryValue3(ph, lang string) (seg, bool) {
	reading := func(t string) string {
		return strings.NewReplacer(
			"{SYS}", fmt.Sprint(118+g.r.IntN(70)),
			"{DIA}", fmt.Sprint(70+g.r.IntN(35)),
			"{HR}", fmt.Sprint(48+g.r.IntN(90)),
			"{SAT}", fmt.Sprint(84+g.r.IntN(13)),
			"{TEMP}", fmt.Sprintf("%d.%d", 99+g.r.IntN(5), g.r.IntN(10)),
		).Replace(t)
	}
	switch ph {
	case "POPPAIR":
		n := g.pick(popGiven) + " " + g.pick(popFamily)
		if g.r.IntN(3) == 0 {
			n = strings.ToUpper(n[:1]) + n[1:]
		}
		return seg{n, "NAME"}, true
	case "POPFAM":
		return seg{g.pick(popFamily), "NAME"}, true
	case "VITAL":
		return seg{reading(g.pick(vitals)), "LAB"}, true
	case "VITALES":
		return seg{reading(g.pick(vitalsES)), "LAB"}, true
	case "HEALTH":
		return seg{g.pick(healthEN), "SYMPTOM"}, true
	case "HEALTHES":
		return seg{g.pick(healthES), "SYMPTOM"}, true
	case "ORGANCOND":
		return seg{g.pick(organConds), "CONDITION"}, true
	case "BODYOWN":
		return seg{g.sub(g.pick(bodyOwn), lang), "SYMPTOM"}, true
	case "CONDSTATE":
		t := g.pick(condStates)
		typ := "CONDITION"
		if strings.Contains(t, "eaten") || strings.Contains(t, "pooped") || strings.Contains(t, "peeing") {
			typ = "SYMPTOM"
		}
		return seg{t, typ}, true
	case "AGEHUNDRED":
		return seg{g.pick([]string{"one hundred", "a hundred and two", "one hundred and one", "a hundred and four"}), "AGE"}, true
	case "UNITFIRST":
		return seg{g.sub(g.pick([]string{"Flat {D2}, {HN} Baker Street, London", "Apt 4B, {HN} West 57th St, New York, NY",
			"Unit {D2}, {HN} George St, Sydney", "suite {HN}, {HN} Main St", "apt. {D2}, {HN} Oak Lane, Fort Worth, TX"}), lang), "ADDRESS"}, true
	case "ZIPSPACED":
		d := make([]string, 5)
		for k := range d {
			d[k] = fmt.Sprint(g.r.IntN(10))
		}
		return seg{strings.Join(d, " "), "ZIP"}, true
	case "STREETLOWER":
		return seg{g.sub(g.pick(streetsLower), lang), "ADDRESS"}, true
	case "ROUTE":
		return lit(g.pick(routes)), true
	case "LEETNAME":
		return seg{g.heavyLeet(g.pick(leetGiven)) + " " + g.heavyLeet(g.pick(leetFamily)), "NAME"}, true
	case "CONFPHONE":
		return seg{g.confusable(fmt.Sprintf("%d%d%d-%d%d%d-%d%d%d%d", 2+g.r.IntN(7), g.r.IntN(10), g.r.IntN(10), 2+g.r.IntN(7), g.r.IntN(10), g.r.IntN(10), g.r.IntN(10), g.r.IntN(10), g.r.IntN(10), g.r.IntN(10))), "PHONE"}, true
	case "CONFDOB":
		return seg{g.confusable(fmt.Sprintf("%02d/%02d/19%d%d", 1+g.r.IntN(12), 1+g.r.IntN(28), 3+g.r.IntN(7), g.r.IntN(10))), "DOB"}, true
	case "CONFSSN":
		return seg{g.confusable(fmt.Sprintf("%d%d%d-%d%d-%d%d%d%d", 1+g.r.IntN(6), g.r.IntN(10), 1+g.r.IntN(9), g.r.IntN(10), 1+g.r.IntN(9), g.r.IntN(10), g.r.IntN(10), g.r.IntN(10), 1+g.r.IntN(9))), "SSN"}, true
	case "EVERYDAY":
		return lit(g.pick(everyday)), true
	case "ORGPLACE":
		return lit(g.pick(orgPlaces)), true
	}
	return seg{}, false
}

// heavyLeet writes most vowels and some consonants as digits: "M4R14",
// "w1ll14m", "p3tr0v".
func (g *gen) heavyLeet(w string) string {
	r := strings.NewReplacer("a", "4", "e", "3", "i", "1", "o", "0")
	w = r.Replace(w)
	if g.r.IntN(2) == 0 {
		w = strings.ToUpper(w)
	}
	return w
}

// confusable writes one to three digits of a number as the letters that
// look like them: 0→O, 1→I or l, 5→S, 8→B.
func (g *gen) confusable(n string) string {
	b := []byte(n)
	changed := 0
	for tries := 0; tries < 12 && changed < 1+g.r.IntN(3); tries++ {
		k := g.r.IntN(len(b))
		switch b[k] {
		case '0':
			b[k] = 'O'
		case '1':
			b[k] = "Il"[g.r.IntN(2)]
		case '5':
			b[k] = 'S'
		case '8':
			b[k] = 'B'
		default:
			continue
		}
		changed++
	}
	return string(b)
}

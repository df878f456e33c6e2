package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Per-category sets for the most protected clinical content: substance
// use and its treatment, mental health and self-harm, sexual and
// reproductive health, in English and Spanish. Each statement is built
// from a person (who), a verb phrase from a word family in one of its
// forms, and a circumstance, so the variants outnumber the templates.
// The precision set holds what must stay readable: the everyday senses
// of the same words ("AA battery", "crack in the window", "this wait is
// killing me") and the clinic's own talk about its services.
var categoryTemplatesSensitive = []tmplSet{
	{cat: "clinical-substance-use", lang: "en", clinical: true, tune: []string{
		"{SUBSEN}",
		"hi, {SUBSEN}",
		"{SUBSEN}. can I talk to someone?",
	}, held: []string{
		"sorry to bother you, {SUBSEN}",
		"{SUBSEN}, what should I do",
	}},
	{cat: "clinical-substance-use", lang: "es", clinical: true, tune: []string{
		"{SUBSES}",
		"hola, {SUBSES}",
	}, held: []string{
		"buenas tardes, {SUBSES}. ¿me pueden ayudar?",
		"{SUBSES}, ¿qué hago?",
	}},
	{cat: "clinical-mental-health-statement", lang: "en", clinical: true, tune: []string{
		"{MENTALEN}",
		"hi, {MENTALEN}",
	}, held: []string{
		"{MENTALEN}. is there an earlier appointment?",
		"good morning, {MENTALEN}",
	}},
	{cat: "clinical-mental-health-statement", lang: "es", clinical: true, tune: []string{
		"{MENTALES}",
		"hola, {MENTALES}",
	}, held: []string{
		"{MENTALES}, ¿me pueden dar cita?",
		"disculpe, {MENTALES}",
	}},
	{cat: "clinical-self-harm", lang: "en", clinical: true, tune: []string{
		"{HARMEN}",
		"{HARMEN}, please help",
	}, held: []string{
		"hi, {HARMEN}",
	}},
	{cat: "clinical-self-harm", lang: "es", clinical: true, tune: []string{
		"{HARMES}",
		"hola, {HARMES}",
	}, held: []string{
		"{HARMES}. ayúdenme por favor",
	}},
	{cat: "clinical-sexual-health-statement", lang: "en", clinical: true, tune: []string{
		"{SEXEN}",
		"hi, {SEXEN}",
	}, held: []string{
		"{SEXEN}, can I get seen this week?",
		"quick question, {SEXEN}",
	}},
	{cat: "clinical-sexual-health-statement", lang: "es", clinical: true, tune: []string{
		"{SEXES}",
		"hola, {SEXES}",
	}, held: []string{
		"{SEXES}, ¿a qué hora puedo ir?",
		"buenos días, {SEXES}",
	}},
	{cat: "precision-sensitive-lookalikes", lang: "en", tune: []string{
		"{LOOKEN}",
		"hi, {LOOKEN}",
	}, held: []string{
		"{LOOKEN}, thanks",
	}},
	{cat: "precision-sensitive-lookalikes", lang: "es", tune: []string{
		"{LOOKES}",
		"hola, {LOOKES}",
	}, held: []string{
		"{LOOKES}, gracias",
	}},
}

var (
	subWhoEN   = []string{"I", "my son", "my husband", "my daughter", "she", "he", "my brother", "my wife"}
	subWhoBeEN = []string{"I've been", "my son has been", "my husband has been", "she's been", "he's been", "my mom has been"}
	subActEN   = []string{"relapsed last weekend", "relapsed after {N} months", "overdosed on {DRUG} last year",
		"is in rehab again", "started detox on monday", "went through withdrawal this week", "is addicted to {DRUG}",
		"has been sober for {N} months", "got out of rehab last month", "missed {POSS} methadone dose", "is on suboxone now",
		"was given narcan by the paramedics", "started vivitrol shots", "goes to AA meetings every night",
		"called {POSS} NA sponsor last night", "is having withdrawals", "is clean for {N} days now", "smokes crack again",
		"quit drinking {N} days ago", "stopped using in {MONTH}", "was drunk again last night", "drank too much at the party"}
	subBeEN = []string{"drinking a lot", "drinking again", "using again", "using {DRUG}", "smoking {STREET}",
		"snorting {DRUG}", "shooting up {DRUG}", "in recovery", "sober {N} days", "craving {DRUG} all the time",
		"drinking every day", "popping pills", "using again since {MONTH}", "trying to quit drinking"}
	subDrugEN   = []string{"heroin", "fentanyl", "meth", "cocaine", "oxy", "xanax", "benzos", "opioids", "ketamine", "percs"}
	subStreetEN = []string{"crack", "weed", "crystal", "pot", "meth", "dope"}

	subWhoES = []string{"", "mi hijo", "mi esposo", "mi hija", "mi papá", "mi hermano", "mi pareja"}
	subActES = []string{"recaí el fin de semana", "tuve una recaída", "fumo cristal casi todos los días", "tomo mucho los fines de semana",
		"estoy en rehabilitación desde {MES}", "llevo {NW} meses sobria", "llevo {NW} meses sobrio", "bebo mucho últimamente",
		"estoy tomando metadona", "me drogo cuando estoy sola", "consumo cocaína", "tuve una sobredosis", "estoy en desintoxicación",
		"voy a las juntas de AA", "estoy en un grupo de AA", "llevo {N} días limpio", "me dieron naloxona", "fumo mota diario", "quiero dejar de tomar", "dejé de beber hace {NW} meses", "estoy tratando de dejar de fumar mota"}
	subAct3ES = []string{"recayó otra vez", "tuvo una sobredosis de fentanilo", "está en rehabilitación", "bebe mucho",
		"fuma cristal", "está tomando buprenorfina", "es adicto a la heroína", "consume metanfetamina", "anda tomando otra vez",
		"lleva {NW} semanas sobrio", "tiene abstinencia", "sigue tomando", "dejó de tomar hace {NW} meses"}

	mentWhoEN = []string{"I've been", "I'm", "my son has been", "my daughter is", "she's been", "my wife has been", "he's"}
	mentStEN  = []string{"really depressed", "depressed since {EVENT}", "having panic attacks", "hearing voices again",
		"in therapy for {POSS2} PTSD", "struggling with anorexia", "binge eating and purging", "manic all week",
		"seeing a psychiatrist for {POSS2} bipolar", "feeling hopeless", "on antidepressants since {EVENT}", "having flashbacks every night"}
	mentFixEN = []string{"my therapist thinks I have PTSD", "my psychiatrist upped my lexapro", "I see a counselor every week for {POSS2} depression",
		"my son was diagnosed with ADHD", "my panic attacks are back", "she was hospitalized in the psych ward", "I started therapy for {POSS2} OCD",
		"my counselor says I'm depressed", "my daughter stopped eating and is purging",
		"I had a nervous breakdown at work", "my mood swings are getting worse", "I can't stop crying and feel so sad"}
	mentEvent = []string{"the divorce", "the baby", "my dad died", "I lost my job", "the accident", "covid"}

	mentWhoES = []string{"me siento", "estoy", "mi hija está", "mi esposo anda", "ando", "mi mamá está"}
	mentAdjES = []string{"deprimida", "deprimido", "muy deprimida", "deprimido desde {EVENTES}", "sin ganas de nada y deprimida"}
	mentFixES = []string{"tengo ataques de pánico", "tengo ataques de pánico en el trabajo", "voy con la psicóloga los martes",
		"estoy en terapia por ansiedad", "mi psiquiatra me subió la sertralina", "mi hijo tiene TDAH", "escucho voces en la noche",
		"estoy tomando antidepresivos", "tengo depresión desde {EVENTES}", "mi hija tiene anorexia", "me diagnosticaron bipolar",
		"estuve internada en un psiquiátrico", "voy con el psiquiatra cada mes", "tuve una crisis de ansiedad",
		"tengo cambios de humor todo el tiempo", "me dan ataques de nervios", "tengo un trastorno de ansiedad"}
	mentEventES = []string{"el divorcio", "que nació el bebé", "que murió mi papá", "el accidente", "la pandemia"}

	harmEN = []string{"I want to die", "I've been cutting myself again", "I keep thinking about killing myself", "I wish I was dead",
		"my son said he wants to kill himself", "I've been having suicidal thoughts", "I want to hurt myself",
		"she tried to kill herself last night", "I don't want to be alive anymore", "I'm thinking of ending my life"}
	harmES = []string{"no tengo ganas de vivir", "quiero morirme", "me estoy cortando otra vez", "pienso en matarme",
		"mi hija dice que quiere morir", "tengo pensamientos suicidas", "ya no quiero vivir", "quiero hacerme daño",
		"pensé en quitarme la vida", "tengo ganas de morirme"}

	sexWhoEN = []string{"I", "my partner", "my boyfriend", "my girlfriend", "she", "he"}
	sexActEN = []string{"tested positive for chlamydia", "tested positive for gonorrhea", "has herpes", "has syphilis", "has HPV",
		"needs an STD test", "had unprotected sex last weekend", "is on PrEP", "needs PEP after last night",
		"had a miscarriage in {MONTH}", "had an abortion last year", "has erectile dysfunction", "missed {POSS} birth control pills",
		"wants to get an IUD", "has weird discharge", "took plan B yesterday", "is on Truvada",
		"had unprotected sex on saturday", "had a vasectomy in {MONTH}", "started IVF last month"}
	sexFixEN = []string{"the condom broke and I need plan B", "my STI results came back positive", "my boyfriend gave me chlamydia",
		"I think I have genital warts", "I'm on Descovy for PrEP"}
	sexWhoES = []string{"", "mi pareja", "mi novio", "mi esposa"}
	sexActES = []string{"salí positiva a clamidia", "tengo gonorrea", "tengo herpes", "me hice la prueba de VIH", "tuve relaciones sin protección",
		"se rompió el condón", "necesito la pastilla del día siguiente", "tuve un aborto el año pasado", "perdí al bebé en {MES}",
		"tomo anticonceptivos", "quiero ponerme el DIU", "tengo flujo raro", "estoy en PrEP", "tengo sífilis", "tengo disfunción eréctil",
		"tengo VPH", "tuve relaciones sin condón", "me hice la vasectomía", "estamos haciendo FIV por infertilidad"}

	lookEN = []string{"I need AA batteries for the waiting room clock", "I'm anxious about parking", "I'm dying to know if you're open",
		"this wait is killing me", "there's a crack in the window of room 3", "can I bring a pot of coffee for the staff",
		"the wifi speed is terrible", "the grass by the entrance needs cutting", "do you accept patients for counselling?",
		"our behavioral health department is open 8 to 5", "do you do STD testing?", "the wellness newsletter is out",
		"the method on the form is confusing", "we use alcohol wipes at the front desk", "I drink a glass of water before the test",
		"can I use the portal again?", "I drink coke every day at lunch", "I'm clean out of ideas for the parking", "I want to live closer to the clinic",
		"I'll die laughing if the printer works", "the meeting is at 3 in room 2", "I'm killing time in the lobby", "that's a crack up", "can you send a breakdown of the bill",
		"our IVF info session is on tuesday", "I've been using the portal since march", "my mood is good today thanks",
		"I'm sad about the parking situation", "our AA meeting room moved to the second floor",
		"my phone is dead, call the other number", "we lost the baby monitor charger in room 2", "my phone speed dial is broken"}
	lookES = []string{"¿tienen pilas AA?", "me muero de ganas de saber si abren", "hay una grieta en la ventana", "la reunión es a las 3",
		"¿ustedes ofrecen terapia de pareja?", "el horario de nuestro departamento de salud mental es de 8 a 5", "mi hijo vino a la cita ayer",
		"tomo mucha agua antes del examen", "¿atienden adicciones los sábados?", "voy a tomar el camión de las 8",
		"me tomo un café antes de la cita", "el grupo de apoyo se reúne los martes", "quiero vivir más cerca de la clínica",
		"estoy limpiando la casa", "el cristal de la puerta está roto", "la piedra de la entrada está floja", "le cambio la cita para el día siguiente", "el bebé de la recepcionista nació ayer"}
)

func (g *gen) categoryValueSensitive(ph, lang string) (seg, bool) {
	switch ph {
	case "SUBSEN":
		var t string
		if g.r.IntN(2) == 0 {
			t = g.pick(subWhoEN) + " " + g.pick(subActEN)
		} else {
			t = g.pick(subWhoBeEN) + " " + g.pick(subBeEN)
		}
		v := g.sensFill(t)
		return seg{v, sensType(v)}, true
	case "SUBSES":
		var t string
		if who := g.pick(subWhoES); who == "" {
			t = g.pick(subActES)
		} else {
			t = who + " " + g.pick(subAct3ES)
		}
		v := g.sensFill(t)
		return seg{v, sensType(v)}, true
	case "MENTALEN":
		if g.r.IntN(3) == 0 {
			v := g.sensFill(g.pick(mentFixEN))
			return seg{v, sensType(v)}, true
		}
		v := g.sensFill(g.pick(mentWhoEN) + " " + g.pick(mentStEN))
		return seg{v, sensType(v)}, true
	case "MENTALES":
		if g.r.IntN(2) == 0 {
			v := g.sensFill(g.pick(mentFixES))
			return seg{v, sensType(v)}, true
		}
		v := g.sensFill(g.pick(mentWhoES) + " " + g.pick(mentAdjES))
		return seg{v, sensType(v)}, true
	case "HARMEN":
		return seg{g.pick(harmEN), "CONDITION"}, true
	case "HARMES":
		return seg{g.pick(harmES), "CONDITION"}, true
	case "SEXEN":
		if g.r.IntN(4) == 0 {
			v := g.pick(sexFixEN)
			return seg{v, sensType(v)}, true
		}
		v := g.sensFill(g.pick(sexWhoEN) + " " + g.pick(sexActEN))
		return seg{v, sensType(v)}, true
	case "SEXES":
		t := g.pick(sexActES)
		if who := g.pick(sexWhoES); who != "" && strings.HasPrefix(t, "tengo ") {
			t = who + " tiene " + strings.TrimPrefix(t, "tengo ")
		}
		v := g.sensFill(t)
		return seg{v, sensType(v)}, true
	case "LOOKEN":
		return lit(g.pick(lookEN)), true
	case "LOOKES":
		return lit(g.pick(lookES)), true
	}
	return seg{}, false
}

// sensDrugs are the drugs whose statements read as medication: a
// treatment the person takes ("is on suboxone now", "estoy en PrEP").
var sensDrugs = []string{"suboxone", "methadone", "metadona", "narcan", "naloxona", "vivitrol", "buprenorfina", "PrEP", "PEP",
	"Truvada", "Descovy", "lexapro", "sertralina", "antidepress", "antidepresivos", "plan B", "birth control", "anticonceptivos",
	"pastilla del día siguiente"}

// sensType labels a statement about one of sensDrugs as medication.
func sensType(t string) string {
	for _, d := range sensDrugs {
		if strings.Contains(t, d) {
			return "MEDICATION"
		}
	}
	return "CONDITION"
}

// sensFill expands the small placeholders inside a statement.
func (g *gen) sensFill(t string) string {
	r := strings.NewReplacer(
		"{N}", fmt.Sprint(2+g.r.IntN(180)),
		"{NW}", g.pick([]string{"dos", "tres", "cuatro", "seis", "ocho", "once"}),
		"{DRUG}", g.pick(subDrugEN),
		"{STREET}", g.pick(subStreetEN),
		"{POSS}", g.pick([]string{"my", "his", "her"}),
		"{POSS2}", g.pick([]string{"my", "his", "her"}),
		"{EVENT}", g.pick(mentEvent),
		"{EVENTES}", g.pick(mentEventES),
		"{MES}", g.pick([]string{"enero", "marzo", "junio", "octubre", "diciembre"}),
		"{MONTH}", g.pick([]string{"march", "june", "october"}),
	)
	return r.Replace(t)
}

// generateSensitive yields the sets above from their own random stream,
// so adding them leaves every earlier message of the corpus as it was.
func generateSensitive(seed uint64) []Example {
	g := &gen{r: rand.New(rand.NewPCG(seed^0x5e45, seed^0xc0de))}
	return g.generateSets(categoryTemplatesSensitive, g.categoryValueSensitive)
}

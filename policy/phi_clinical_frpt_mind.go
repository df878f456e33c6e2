package policy

// Mental health, sleep, substance use and sexual health in French and
// Portuguese, as the clinics' Haitian, West African, Brazilian and Cape
// Verdean families write them in a chat: "je me sens déprimée", "je fais
// des crises d'angoisse", "não consigo dormir", "penso em me matar", "je
// bois trop", "estou com corrimento". These are the most protected
// statements (see phi_sensitive.go), and the English and Spanish families
// do not reach them: the words differ and so do the persons' forms ("je",
// "estou", "tô"). The phrases below are whole shapes of a person's state,
// not single words with an everyday sense: "angoisse" alone may be a
// film's, "une crise d'angoisse" is a patient's.

// frenchPortugueseMindTerms are filed as conditions: a mood, an anxiety,
// a wish to die, a sleep or a substance problem, a sexual-health need.
var frenchPortugueseMindTerms = []string{
	// French: moods and anxiety, in both genders and numbers.
	"deprimee", "deprimees", "je suis deprime", "il est deprime", "me sens deprime", "se sent deprime",
	"crise d'angoisse", "crises d'angoisse", "crise de panique", "crises de panique", "attaque de panique",
	"attaques de panique", "anxieuse", "je suis anxieux", "il est anxieux", "angoissee", "je suis angoisse",
	"idees noires", "envie de mourir",
	"plus envie de vivre", "pas envie de vivre", "me suicider", "se suicider", "tentative de suicide", "me tuer",
	"me faire du mal", "me scarifier", "se scarifie", "je pleure tout le temps", "pleure tout le temps",
	"je me sens seule", "je me sens vide", "je me sens nul", "je me sens nulle", "burn-out", "depression nerveuse",
	// French: sleep.
	"insomnie", "insomnies", "je dors mal", "dort mal", "je ne dors plus", "ne dort plus", "n'arrive pas a dormir",
	"n'arrive plus a dormir", "arrive pas a dormir", "pas dormi de la nuit",
	// French: drink and drugs.
	"je bois trop", "boit trop", "je bois beaucoup", "boit beaucoup", "alcoolique", "alcoolisme", "sevrage",
	"rechute", "desintox", "drogue", "drogues", "je me drogue", "se drogue", "je fume du", "fume du cannabis",
	"fume de l'herbe",
	// French: sexual and reproductive health.
	"preservatif", "preservatif a craque", "mst", "pilule du lendemain", "rapport non protege",
	"rapports non proteges", "pertes blanches", "pertes vaginales", "brulures en urinant",
	// Portuguese: moods and anxiety.
	"crise de ansiedade", "crises de ansiedade", "ataque de ansiedade", "ataques de panico", "estou deprimida",
	"estou deprimido", "depressiva", "depressivo", "sem vontade de viver", "vontade de morrer", "me matar", "se matar",
	"tirar minha vida", "tirar a propria vida", "me cortar", "se cortando", "me cortando", "choro todo dia",
	"choro o tempo todo", "chorando muito", "me sinto sozinha", "me sinto vazia", "me sinto vazio", "tristeza profunda",
	// Portuguese: sleep.
	"insonia", "nao consigo dormir", "nao consegue dormir", "nao durmo", "nao dorme", "durmo mal", "dorme mal",
	// Portuguese: drink and drugs.
	"bebo muito", "bebe muito", "bebendo muito", "bebendo demais", "bebo demais", "alcoolatra", "alcoolismo",
	"maconha", "fumo maconha", "cheirando cocaina", "cheirar cocaina", "recaida", "abstinencia",
	// Portuguese: sexual and reproductive health.
	"camisinha", "camisinha estourou", "dst", "pilula do dia seguinte", "corrimento", "relacao sem camisinha",
	"relacoes sem camisinha",
}

// frenchPortugueseBodyTerms are everyday complaints the first lists left
// out: a running nose, the flu said of a person, spots on the skin, and
// "de la tension" as West African French says high blood pressure.
var frenchPortugueseBodyTerms = []string{
	"nez qui coule", "nez bouche", "plaques rouges", "boutons rouges", "nariz escorrendo", "nariz entupido",
	"gripada", "gripado", "dor nas juntas", "dores no corpo", "manchas vermelhas",
	"rhume", "enrhume", "enrhumee", "brulures d'estomac", "regles douloureuses", "retard de regles",
	"retard dans mes regles", "entorse", "azia", "enxaqueca", "resfriada", "resfriado", "torci o tornozelo",
	"torci o pe", "colica", "colicas", "menstruacao atrasada",
}

// frenchPortugueseConditionTerms are conditions and the drugs every
// pharmacy in those countries sells under its own name.
var frenchPortugueseConditionTerms = []string{
	"catapora", "varicela", "varicelle", "teve um derrame", "allergique", "alergico", "alergica", "tension elevee",
	"tension arterielle", "pressao arterial",
}

// frenchPortugueseLabTerms are blood tests by their everyday names: a
// test, so a question about its price is asked of the clinic's services
// (labServiceQuestion) and "ma prise de sang" stays a patient's lab.
var frenchPortugueseLabTerms = []string{"hemograma", "bilan sanguin", "prise de sang"}

var frenchPortugueseDrugTerms = []string{
	"doliprane", "dafalgan", "efferalgan", "antidepresseur", "antidepresseurs", "anxiolytique", "anxiolytiques",
	"dipirona", "antidepressivo", "antidepressivos", "ansiolitico", "ansioliticos", "rivotril", "novalgina",
}

// addFrenchPortugueseMindTerms files the words (accents folded, as in the
// text).
func addFrenchPortugueseMindTerms(lx *lexicon) {
	// A word another list already files keeps its type.
	keep := func(clin SpanType) func(*lexEntry) {
		return func(e *lexEntry) {
			if e.flags&fClin == 0 {
				e.flags |= fClin
				e.clin = clin
			}
		}
	}
	condition := keep(SpanCondition)
	for _, t := range frenchPortugueseMindTerms {
		lx.addTerm(t, condition)
	}
	lx.addTerm("j'ai de la tension", condition)
	symptom := keep(SpanSymptom)
	for _, t := range frenchPortugueseBodyTerms {
		lx.addTerm(t, symptom)
	}
	for _, t := range frenchPortugueseConditionTerms {
		lx.addTerm(t, condition)
	}
	lab := keep(SpanLab)
	for _, t := range frenchPortugueseLabTerms {
		lx.addTerm(t, lab)
	}
	drug := keep(SpanMedication)
	for _, t := range frenchPortugueseDrugTerms {
		lx.addTerm(t, drug)
	}
}

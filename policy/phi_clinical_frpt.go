package policy

import "strings"

// The clinical words of French and Portuguese, as patients write them in a
// chat: the clinics serve families who write in those languages (Haitian
// and West African French, Brazilian and Cape Verdean Portuguese), mixed
// with English and Spanish. The spoken-statement rules grow each word into
// the statement around it ("je suis enceinte de 8 semaines", "estou com
// sangramento desde ontem"), as they do for English and Spanish.

// addFrenchPortugueseClinicalTerms files the words. Accents are folded
// when a term is filed, as they are in the text.
func addFrenchPortugueseClinicalTerms(lx *lexicon) {
	// French elides "le", "la", "de" before a vowel: "de l'asthme",
	// "d'anxiété", "l'oncologue". The elided forms are filed with the word.
	add := func(t string, fn func(*lexEntry)) {
		lx.addTerm(t, fn)
		if c := t[0]; strings.IndexByte("aeiouyh", c) >= 0 && !strings.ContainsRune(t, ' ') {
			lx.addTerm("l'"+t, fn)
			lx.addTerm("d'"+t, fn)
		}
	}
	symptom := func(e *lexEntry) { e.flags |= fClin; e.clin = SpanSymptom }
	for _, t := range []string{
		// French
		"saignement", "saignements", "je saigne", "elle saigne", "il saigne", "je tousse", "il tousse", "elle tousse",
		"tousse beaucoup", "toux seche", "mal a respirer", "du mal a respirer", "essouffle", "essoufflee",
		"mal de tete", "maux de tete", "mal au ventre", "mal de ventre", "mal au dos", "mal a la gorge", "frissons",
		"je vomis", "il vomit", "elle vomit", "vomit", "etourdissements", "evanouie", "evanoui", "perte de poids",
		"sang dans les urines", "sang dans les selles", "brulures urinaires", "brulure en urinant", "enflure",
		"gonflement", "jambes gonflees", "pieds gonfles", "palpitations", "crampes", "boutons partout",
		// Portuguese
		"sangramento", "sangrando", "tossindo", "dor de cabeca", "dor de barriga", "dor nas costas", "dor de garganta",
		"calafrios", "vomitando", "vomito", "desmaio", "desmaiei", "desmaiou", "sangue na urina", "sangue nas fezes",
		"ardencia ao urinar", "perda de peso", "inchado", "inchada", "pernas inchadas", "palpitacao", "palpitacoes",
		"manchas na pele", "caroco",
	} {
		add(t, symptom)
	}
	condition := func(e *lexEntry) { e.flags |= fClin; e.clin = SpanCondition }
	for _, t := range []string{
		// French
		"enceinte", "grossesse", "diabetique", "diabete", "asthme", "asthmatique", "tension elevee", "anxiete",
		"angoisses", "tumeur", "avc", "infarctus", "crise cardiaque", "insuffisance cardiaque", "insuffisance renale",
		"epilepsie", "bipolaire", "schizophrenie", "vih", "sida", "hepatite", "tuberculose", "grippe", "angine",
		"otite", "bronchite", "pneumonie", "infection urinaire", "cystite", "mycose", "syphilis", "fausse couche",
		"ivg", "avortement", "endometriose", "dialyse", "chimio", "chimiotherapie", "radiotherapie", "oncologie",
		"oncologue", "cancerologue", "cardiologie", "cardiologue", "psychiatre", "psychiatrie", "gynecologue",
		"gyneco", "dermatologue", "pneumologue", "nephrologue", "glycemie", "taux de sucre", "drepanocytose",
		// Portuguese
		"gravida", "gravidez", "diabetico", "diabetica", "hipertensao", "asmatico", "asmatica", "avc", "infarto",
		"insuficiencia cardiaca", "insuficiencia renal", "epilepsia", "esquizofrenia", "aids", "hepatite",
		"tuberculose", "infeccao urinaria", "candidiase", "sifilis", "aborto espontaneo", "endometriose", "dialise",
		"hemodialise", "quimioterapia", "quimio", "radioterapia", "oncologia", "oncologista", "cardiologista",
		"psiquiatra", "ginecologista", "dermatologista", "pre-natal", "pre natal", "glicemia", "anemia falciforme",
	} {
		add(t, condition)
	}
	addFrenchPortugueseMindTerms(lx)
}

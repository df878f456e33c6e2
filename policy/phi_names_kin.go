package policy

import "strings"

// kinWords are the family and household words patients write before a
// relative's name beyond the plain ones in lexicon.go: pet forms ("my
// hubby mark", "my granny grace"), step- and in-law relatives, the words for
// a small child, and the Spanish and Portuguese ones families mix into
// English chat ("mi cuñada beto", "my filha grace"). Each is a relation
// cue: the name after it is read as the rules read one after "my son".
var kinWords = []string{
	"mum", "mummy", "mommy", "momma", "mamma", "daddy", "granny", "gran", "grandmom", "grandmum",
	"granddad", "grandad", "gramma", "grammy", "grampa", "gramps", "hubby", "wifey", "stepmom", "stepmother",
	"stepdad", "stepfather", "stepsister", "stepbrother", "stepchild", "stepkid", "godson", "goddaughter",
	"godmother", "godfather", "godchild", "grandchild", "grandkid", "grandbaby", "toddler", "newborn", "infant",
	"sis", "bro", "fiancee", "fiancé", "fiancée", "spouse",
	"mother in law", "father in law", "sister in law", "brother in law", "son in law", "daughter in law",
	"mother-in-law", "father-in-law", "sister-in-law", "brother-in-law", "son-in-law", "daughter-in-law",
	"nuera", "yerno", "cunada", "cunado", "cuñada", "cuñado", "padrastro", "madrastra", "hijastro", "hijastra",
	"ahijado", "ahijada", "padrino", "madrina", "nene", "nena", "bisnieto", "bisnieta", "mami", "papi",
	"filho", "filha", "marido", "irmao", "irmão",
	// Chat shorthand and pet forms ("my gf jess", "my bestie tam", "my
	// auntie bisi"), and the household around a patient who is not kin
	// ("my carer rosa"). Kin words of other languages are left out: after
	// one, a verb of that language no list holds reads as a name.
	"gf", "bff", "bestie", "hubs", "missus", "grandaughter", "stepmum", "stepmummy", "grandniece", "grandnephew",
	"stepgrandma", "stepgrandpa", "aunty", "auntie", "ex-wife", "ex-husband", "housemate", "flatmate", "carer",
	"babysitter", "nanny", "coworker", "co-worker", "colleague", "landlord", "landlady", "baby girl", "baby boy",
	"little one", "other half", "ex", "exwife", "exhusband", "neighbour", "aide", "home aide", "driver",
	"teacher", "coach", "pastor", "caseworker", "interpreter",
	// Grandparents as families call them: "gogo Nomvula", "oma Hilde"
	// ("nana" is left out: in English chat it is as often the word alone).
	"gogo", "oma", "opa",
	// Children named by sex or birth order ("my boy deshawn", "my
	// youngest kai", "my twins hassan and hussein").
	"boy", "girl", "twins", "twin", "eldest", "oldest", "youngest", "little boy", "little girl",
	"mujer", "mija", "mijo", "hijito", "hijita", "mamita", "abuelita", "abuelito", "comadre", "compadre",
}

// romanceKinWords are Portuguese and French kin words ("meu pai", "ma
// fille"). The dictionary holds English and Spanish only, so a verb of
// these languages is a word no list holds: after them only a listed or
// capitalised name is read ("ma fille aminata", "minha avó Benedita"),
// and "ma fille tousse", "minha avó completou 98 anos" stay verbs
// (unlistedAfterCue wants an English or Spanish possessive,
// cuedUnknownNames asks romanceKin).
var romanceKinWords = []string{
	"pai", "mae", "mãe", "avo", "avó", "avô", "irma", "irmã", "sobrinho", "sobrinha", "neto", "neta",
	"mulher", "namorado", "namorada", "sogra", "sogro", "enteado", "enteada", "filho", "filha", "marido", "esposo",
	"esposa", "tio", "tia", "primo", "prima",
	"fille", "fils", "femme", "mari", "mere", "mère", "pere", "père", "frere", "frère", "soeur", "sœur",
	"neveu", "tante", "oncle", "grand mere", "grand-mere", "grand-mère", "grand pere", "grand-pere",
	"grand-père", "mamie", "papy", "belle-mere", "belle-mère", "beau-pere", "beau-père", "copine", "copain",
	// The short and great- forms ("vó Dalva", "minha bisavó Custódia"),
	// in-laws and godparents, and French grandchildren and cousins.
	"vó", "vô", "bisavó", "bisavô", "madrinha", "padrinho", "cunhada", "cunhado", "genro", "nora", "afilhado",
	"afilhada", "bisneto", "bisneta", "petit-fils", "petite-fille", "belle-fille", "beau-fils", "cousine",
	"nièce", "parrain", "marraine",
	// Haitian Creole puts the possessive after the word ("pitit mwen
	// Widlyne", "madanm Fritznel"): the word alone cues the name.
	"pitit", "madanm", "manman", "grann", "pitit mwen", "pitit fi mwen", "pitit gason mwen", "manman mwen",
	"madanm mwen", "mari mwen", "papa mwen", "grann mwen",
}

// tagalogKinWords are the Filipino kin and elder words families put
// before a name in English chat ("si lola Remedios po", "tito Boyet is
// admitted na", "kuya Jun will bring her"). Tagalog is no dictionary's
// either, so they are read as romanceKinWords are: only a listed or
// capitalised name after them ("si lola po ay may ubo" stays). "ate"
// (older sister) is left out, an English verb ("she ate Doritos"), and so
// is "tito", a given name itself ("Tito Puente" would lose its first word).
var tagalogKinWords = []string{
	"lola", "lolo", "kuya", "tita", "ninang", "ninong", "manang", "manong", "nanay", "tatay", "inay",
	"itay",
}

// romanceKinLast holds the last word of each of romanceKinWords and
// tagalogKinWords as the message folds it ("avó" → "avo", "grand-mère" →
// "mere").
var romanceKinLast = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range append(append([]string{}, romanceKinWords...), tagalogKinWords...) {
		if i := strings.LastIndexAny(k, " -"); i >= 0 {
			k = k[i+1:]
		}
		m[Normalize(k)] = true
	}
	return m
}()

// romanceKin reports that the kinship cue ending at token te-1 is one of
// romanceKinWords or tagalogKinWords.
func (sc *scanner) romanceKin(te int) bool {
	return romanceKinLast[string(sc.word(te-1))]
}

// frenchPossessive reports the kinship cue "son" at token ts used as the
// French possessive ("depuis son licenciement", "avec son mari"): a
// French word before it, where the English son would follow "my" or
// "her".
func (sc *scanner) frenchPossessive(ts int) bool {
	if !sc.is(ts, "son") {
		return false
	}
	switch string(sc.word(ts - 1)) {
	case "depuis", "de", "a", "pour", "avec", "et", "dans", "par", "chez", "sur", "que", "contre", "apres", "avant",
		"pendant", "selon", "vers", "sans", "est", "c'est", "fait", "prend", "perdu":
		return true
	}
	return false
}

// kinVerbPreposition reports a lower-case dictionary word at token j,
// after a kinship word, followed by a preposition: the sentence's verb
// ("mi madre empieza en la unidad", "my mom works at the school"), not a
// name.
func (sc *scanner) kinVerbPreposition(j int) bool {
	if sc.upper(j) || sc.toks[j].flags&(fFirst|fSurname) != 0 || !dictionaryWord(sc.word(j)) {
		return false
	}
	switch string(sc.word(j + 1)) {
	case "en", "a", "al", "con", "de", "del", "por", "para", "at", "to", "in", "on", "with", "from", "for", "into":
		return true
	}
	return false
}

// numberLabel reports a lower-case word after a kinship word that labels
// the number after it rather than naming the person: "call my wife work
// (555) …", "my son cel +52 …", "my mother in law whatsapp 555…". The
// word is no listed name, is a dictionary word or a word for a phone line,
// and a number or its opening bracket or plus sign follows it.
func (sc *scanner) numberLabel(j int) bool {
	if j+1 >= len(sc.toks) || sc.kind(j) != tkWord || sc.upper(j) || sc.toks[j].flags&(fFirst|fSurname) != 0 {
		return false
	}
	n := j + 1
	if sc.isP(n, '.') || sc.isP(n, ':') {
		n++ // "tel. (555) …", "cell: 555…"
	}
	if !(sc.kind(n) == tkNum || sc.isP(n, '(') || sc.isP(n, '+') || sc.isP(n, '#')) {
		return false
	}
	w := sc.word(j)
	return contactWord(w) || dictionaryWord(w)
}

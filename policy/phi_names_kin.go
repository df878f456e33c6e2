package policy

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
	"little one", "other half",
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

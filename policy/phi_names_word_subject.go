package policy

// A given name that is also a word ("Grace", "Sunny", "Faith",
// "Esperanza") opening a clause about someone's health is the person the
// clause is about: "Grace has had a fever since Tuesday", "Sunny threw up
// twice", "Faith bleeding after the extraction", "Vitória está com dor de
// ouvido"; in Spanish and Portuguese before any verb of the third person,
// since a noun there comes with its article ("Esperanza perdió la
// tarjeta", "Mercedes está mejor"). Without the name a clinical statement would take the word
// in with it; with it, the name is masked as a name and the statement
// around it. The word read as a word keeps its sense where no health
// statement follows ("Summer is coming", "Joyful news") or where it
// works as a verb or a modal ("Hope the swelling goes down", "Will do").

// subjectVerbs are verbs after which a clause's subject is a person with
// a complaint: "has", "needs", "threw", "tiene", "precisa". The copulas
// ("is", "está") count only before the clinical word itself.
var subjectVerbs = map[string]bool{
	"has": true, "had": true, "needs": true, "needed": true, "got": true, "gets": true, "keeps": true, "kept": true,
	"started": true, "threw": true, "woke": true, "fell": true, "took": true, "takes": true, "hasn't": true, "hasnt": true,
	"can't": true, "cant": true, "couldn't": true, "couldnt": true, "won't": true, "wont": true, "developed": true, "caught": true,
	"tiene": true, "tenia": true, "tuvo": true, "necesita": true, "sigue": true, "amanecio": true,
	"tem": true, "teve": true, "precisa": true, "continua": true, "acordou": true,
	"a": true, "avait": true, "doit": true,
}

// subjectCopulas are the verbs that join a subject to its state: a
// clinical word must follow at once ("Grace is vomiting"), or after the
// state's preposition ("Vitória está com dor").
var subjectCopulas = map[string]bool{"is": true, "was": true, "esta": true, "estaba": true, "estava": true, "est": true, "seems": true, "feels": true}

// romanceSubjectVerbs are Spanish and Portuguese verbs in the third
// person. A noun of those languages opens a sentence with its article
// ("la esperanza es", "a graça"), so a capitalised given name that is
// also a word, bare before one of these, is the person: "Esperanza
// perdió la tarjeta", "Milagros tiene cita", "Graça precisa do atestado".
var romanceSubjectVerbs = map[string]bool{
	"tiene": true, "tenia": true, "tuvo": true, "necesita": true, "esta": true, "estaba": true, "perdio": true,
	"pregunta": true, "quiere": true, "puede": true, "viene": true, "vino": true, "va": true, "llego": true, "llama": true,
	"llamo": true, "dice": true, "sigue": true, "tomo": true, "toma": true, "fue": true,
	"tem": true, "teve": true, "precisa": true, "quer": true, "pode": true, "vem": true, "veio": true, "vai": true,
	"chegou": true, "ligou": true, "perdeu": true, "perguntou": true, "estava": true, "continua": true,
}

// verbLikeNames are given names that are also verbs or modals a clause
// may open with, its subject left out ("Hope the rash clears", "Will
// need a refill", "Mark the form"): before a clinical word they are read
// as the verb.
var verbLikeNames = map[string]bool{
	"hope": true, "will": true, "may": true, "mark": true, "pat": true, "bill": true, "rob": true, "sue": true,
	"chase": true, "grant": true, "drew": true, "art": true, "frank": true, "rich": true, "guy": true, "ray": true,
	"jack": true, "pierce": true, "wade": true, "hunter": true, "cliff": true, "bob": true, "dawn": true, "summer": true,
}

// wordNamesOpening masks a given name that is also a word where it opens
// a clause about its bearer's health (see above).
func (sc *scanner) wordNamesOpening() {
	T := sc.toks
	for j := 0; j+1 < len(T); j++ {
		t := &T[j]
		if t.flags&(fFirst|fNameWord) != fFirst|fNameWord || t.kind != tkWord || !t.capital || t.claimed || t.inClin ||
			t.flags&(fClin|fMonth|fWeekday|fStop) != 0 || !T[j+1].space || T[j+1].kind != tkWord {
			continue
		}
		if !sc.clauseStart(j) || sc.allUpper(j) || sc.allUpperText() {
			continue
		}
		if sc.pairOfNamesOpening(j) {
			continue
		}
		next := sc.word(j + 1)
		clinicalAt := func(k int) bool { return k < len(T) && (T[k].flags&fClin != 0 || T[k].inClin) }
		switch {
		case clinicalAt(j + 1):
			if verbLikeNames[string(sc.word(j))] {
				continue
			}
		case romanceSubjectVerbs[string(next)] && !sc.is(j-1, "la") && !sc.is(j-1, "a") && !sc.is(j-1, "el") && !sc.is(j-1, "o"):
		case subjectCopulas[string(next)]:
			// "está com dor", "está con fiebre": the preposition of the
			// state comes between.
			if !clinicalAt(j+2) && !(sc.is(j+2, "com") || sc.is(j+2, "con") || sc.is(j+2, "with")) || !sc.clinicalInClause(j+2, 4) {
				continue
			}
		case subjectVerbs[string(next)]:
			if !sc.clinicalInClause(j+2, 12) {
				continue
			}
		default:
			continue
		}
		sc.addName(j, j, 0.6)
	}
}

// pluralSubjectVerbs are verbs after two people joined by "and": "Pilar y
// Consuelo van juntas", "Socorro e Dores são irmãs", "June and Will have
// a fever".
var pluralSubjectVerbs = map[string]bool{
	"van": true, "son": true, "estan": true, "tienen": true, "necesitan": true, "vienen": true, "llegaron": true,
	"sao": true, "estao": true, "tem": true, "precisam": true, "vao": true, "chegaram": true,
	"have": true, "need": true, "both": true, "sont": true, "ont": true,
}

// pairOfNamesOpening masks two given names that are also words, joined by
// "and" at the start of a clause before a plural verb ("Pilar y Consuelo
// van juntas a la cita"); the second may be a clinical word too
// ("Dores", pains). It reports whether it masked them.
func (sc *scanner) pairOfNamesOpening(j int) bool {
	T := sc.toks
	k := j + 2
	if k+1 >= len(T) || !(sc.is(j+1, "y") || sc.is(j+1, "e") || sc.is(j+1, "and") || sc.is(j+1, "et")) ||
		T[k].kind != tkWord || !T[k].capital || T[k].claimed || T[k].flags&(fFirst|fNameWord) != fFirst|fNameWord ||
		T[k].flags&(fMonth|fWeekday|fStop) != 0 || !pluralSubjectVerbs[string(sc.word(k+1))] {
		return false
	}
	// The clinical reading of either word gives way to the names.
	T[j].flags &^= fClin
	T[k].flags &^= fClin
	T[j].inClin, T[k].inClin = false, false
	sc.addName(j, j, 0.6)
	sc.addName(k, k, 0.6)
	return true
}

// clinicalInClause reports a clinical word within n tokens from k, before
// the clause ends.
func (sc *scanner) clinicalInClause(k, n int) bool {
	T := sc.toks
	for end := min(len(T), k+n); k < end; k++ {
		if T[k].kind == tkPunct && (sc.isP(k, '.') || sc.isP(k, '?') || sc.isP(k, '!') || sc.isP(k, ',') || sc.isP(k, ';')) {
			return false
		}
		if T[k].flags&fClin != 0 || T[k].inClin {
			return true
		}
	}
	return false
}

// givenAfterFamily extends a name read as a family name of two words or
// more over a capitalised given name after its comma: "cita de Quispe
// Mamani, Rosa", "García López, María Elena". Forms and Spanish and
// Andean double family names put the given name last, and a given name
// that is also a word ("Rosa", "Luz") is not read on its own there.
func (sc *scanner) givenAfterFamily() {
	if sc.placeAny&shComma == 0 || len(sc.cands) == 0 {
		return
	}
	T := sc.toks
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanName || x.e <= x.s || int(x.e) >= len(sc.n.b) || sc.n.b[x.e] != ',' {
			continue // most names: no comma right after them
		}
		first, last := tokenSpan(T, x.s, x.e)
		if first < 0 || last < 0 || last-first < 1 || !sc.isP(last+1, ',') || !sc.attached(last+1) || sc.allUpperText() {
			continue
		}
		g := last + 2
		if g >= len(T) || T[g].claimed || T[g].kind != tkWord || !T[g].capital || sc.allUpper(g) ||
			T[g].flags&fFirst == 0 || T[g].flags&(fStop|fMonth|fWeekday|fClin) != 0 {
			continue
		}
		end := g
		if n := g + 1; n < len(T) && !T[n].claimed && T[n].kind == tkWord && T[n].capital && T[n].space &&
			T[n].flags&fFirst != 0 && T[n].flags&(fStop|fMonth|fWeekday|fClin) == 0 {
			end = n // "María Elena"
		}
		// What follows closes the name; after a given name that is also a
		// word ("Summer is coming"), only the clause's end or a "please".
		closes := end+1 >= len(T) || T[end+1].kind == tkPunct || sc.is(end+1, "por") || sc.is(end+1, "pls") || sc.is(end+1, "please")
		if !closes && (T[g].flags&fNameWord != 0 || !sc.nameBoundary(end+1)) {
			continue
		}
		for k := last + 1; k <= end; k++ {
			T[k].claimed = true
		}
		x.e = T[end].e
	}
}

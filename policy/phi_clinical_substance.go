package policy

// Substance use said the way people say it in a chat, with none of the
// family's clinical words: "I'm hooked on pain pills", "fell off the
// wagon", "went back to drinking", "he's an addict", "I was high when I
// fell", "been clean 8 months", "volví a tomar", "anda en las drogas",
// "se inyecta". Each opening word carries snShape in the sensitive
// families (substanceShapeWords), so a message with none of them pays
// nothing; the shape decides here, and sensitiveStatements ties the
// statement to a person and grows it to its clause. Everyday senses
// ("hooked on this show", "a coffee addict", "high school", "clean
// sheets", "volví a tomar la pastilla") fail the shape.

// substanceShapeWords are the words that open one of the shapes below.
var substanceShapeWords = []string{
	"hooked", "addict", "addicts", "junkie", "junkies", "druggie", "crackhead", "pillhead", "methhead", "tweaker",
	"habit", "dope", "withdrawing", "strung", "high", "wasted", "stoned", "hammered", "wagon", "bottle", "back",
	"volvi", "volvio", "volvieron", "volver", "volviendo", "slipped", "clean", "limpio", "limpia", "drogas",
	"inyecto", "inyecta", "inyectan", "inyectando", "inyectarse", "inyectarme", "vicio", "prescribed", "pop",
	"pops", "popped", "mix", "mixes", "mixing", "mixed", "shakes", "dopesick", "program", "programa", "many", "drinking",
	"smoker", "smokers", "drinker", "drinkers", "user", "users", "vaper", "vapers", "positive", "vapes", "smokes",
	"drinks", "ppd", "pack", "vape", "vaped", "smoke", "smoked", "drink", "drank", "bebo", "bebe", "beben", "fumo",
	"fuma", "fuman", "tomo", "toma", "toman", "beers", "beer", "shots", "glasses", "bottles", "cervezas", "copas", "tragos",
	"caguamas", "botellas", "anexo", "pedo", "turkey", "without", "pongo", "pone", "ponen", "entra", "entro", "entran",
	"ponia", "entraba", "pack-year", "pack-years", "street", "calle", "mine", "hers", "his", "theirs", "mias", "mios", "suyas", "suyos",
}

// substanceShape reads the substance-use shape opened at token k,
// setting the statement's first and last token and its type.
func (sc *scanner) substanceShape(k int, s, e *int, typ *SpanType) bool {
	switch string(sc.word(k)) {
	case "hooked":
		// "hooked on pain pills", "he got hooked on oxys"; not "hooked
		// on this show".
		if !sc.is(k+1, "on") {
			return false
		}
		if j := sc.substanceAhead(k+2, 3); j > 0 {
			*e = j
			return true
		}
	case "addict", "addicts", "junkie", "junkies", "druggie", "crackhead", "pillhead", "methhead", "tweaker":
		// "he's an addict", "a recovering addict", "my son is a
		// junkie"; "a coffee addict", "gym junkie" name a taste.
		p := k - 1
		switch string(sc.word(p)) {
		case "a", "an", "recovering", "former", "ex", "active", "real", "full-blown", "total", "el", "un", "una":
			*s = p
			if sc.is(p-1, "a") || sc.is(p-1, "an") {
				*s = p - 1
			}
			return true
		}
		if substanceNoun(sc.word(p)) || sc.sensKind(p)&snSubstance != 0 {
			*s = p
			return true
		}
	case "habit":
		// "a coke habit", "my pill habit", "his drinking habit".
		if p := k - 1; substanceNoun(sc.word(p)) || sc.sensKind(p)&snSubstance != 0 {
			*s = p
			return true
		}
	case "dope":
		// "I'm dope sick", "dopesick again".
		if sc.is(k+1, "sick") || sc.is(k+1, "-") && sc.is(k+2, "sick") {
			*e = k + 1
			if sc.is(k+1, "-") {
				*e = k + 2
			}
			return true
		}
	case "dopesick":
		return true
	case "withdrawing":
		// "withdrawing from opiates", "I'm withdrawing"; not
		// "withdrawing my application".
		if sc.is(k+1, "from") {
			if j := sc.substanceAhead(k+2, 2); j > 0 {
				*e = j
				return true
			}
			return false
		}
		return sc.clauseClosesAt(k + 1)
	case "strung":
		if sc.is(k+1, "out") {
			*e = k + 1
			return true
		}
	case "high", "wasted", "stoned", "hammered":
		return sc.intoxicated(k, s)
	case "wagon":
		// "fell off the wagon", "I'm off the wagon again".
		if !sc.is(k-1, "the") || !(sc.is(k-2, "off") || sc.is(k-2, "on")) {
			return false
		}
		switch string(sc.word(k - 3)) {
		case "fell", "fall", "falls", "falling", "fallen", "been", "i'm", "im", "he's", "she's", "was", "is", "back", "got", "get", "went", "am", "stay", "stayed", "staying":
			*s = k - 3
			return true
		}
		if sc.is(k-2, "off") {
			*s = k - 2
			return true
		}
	case "bottle":
		// "back on the bottle", "hitting the bottle hard".
		if !sc.is(k-1, "the") {
			return sc.drinkCount(k, s, e)
		}
		switch {
		case sc.is(k-2, "hitting") || sc.is(k-2, "hit") || sc.is(k-2, "hits"):
			*s = k - 2
			return true
		case sc.is(k-2, "on") && sc.is(k-3, "back"):
			*s = k - 3
			return true
		}
	case "back":
		// "went back to drinking", "back to using again", "going back
		// to drugs".
		if !sc.is(k+1, "to") {
			return false
		}
		switch string(sc.word(k + 2)) {
		case "drinking", "using", "drugs", "the", "shooting", "snorting", "getting":
			if sc.is(k+2, "the") && !(sc.is(k+3, "drugs") || sc.is(k+3, "bottle") || sc.is(k+3, "needle")) {
				return false
			}
			if sc.is(k+2, "getting") && !(sc.is(k+3, "high") || sc.is(k+3, "drunk") || sc.is(k+3, "wasted")) {
				return false
			}
			*e = k + 2
			if sc.is(k+2, "the") || sc.is(k+2, "getting") {
				*e = k + 3
			}
			if sc.is(k-1, "went") || sc.is(k-1, "going") || sc.is(k-1, "gone") || sc.is(k-1, "goes") || sc.is(k-1, "go") {
				*s = k - 1
			}
			return true
		}
		if j := sc.substanceAhead(k+2, 1); j > 0 && (sc.is(k-1, "went") || sc.is(k-1, "going") || sc.is(k-1, "gone")) {
			*s, *e = k-1, j
			return true
		}
	case "volvi", "volvio", "volvieron", "volver", "volviendo":
		// "volví a tomar", "volvió a consumir", "volvió a las drogas";
		// not "volví a tomar la pastilla".
		if !sc.is(k+1, "a") {
			return false
		}
		v := k + 2
		switch string(sc.word(v)) {
		case "beber", "consumir", "drogarme", "drogarse", "drogar", "inyectarme", "inyectarse", "emborracharme",
			"emborracharse", "recaer", "chupar", "pistear":
			*e = v
			return true
		case "tomar", "fumar", "usar":
			if j := sc.substanceAhead(v+1, 3); j > 0 {
				*e = j
				return true
			}
			if sc.clauseClosesAt(v+1) || sc.sensKind(v+1)&snAmount != 0 || sc.is(v+1, "otra") || sc.is(v+1, "desde") || sc.is(v+1, "hace") {
				*e = v
				return true
			}
		case "las", "el":
			if sc.is(v+1, "drogas") || sc.is(v+1, "alcohol") || sc.is(v+1, "vicio") {
				*e = v + 1
				return true
			}
		}
	case "slipped":
		// "I slipped last weekend and used", "slipped up and drank".
		for j := k + 1; j < len(sc.toks) && j <= k+5; j++ {
			if sc.statementBreak(j) {
				return false
			}
			if sc.is(j-1, "and") && useWord(sc.word(j)) {
				*e = j
				return true
			}
		}
	case "clean", "limpio", "limpia":
		return sc.keptClean(k, s, e)
	case "drogas":
		// "anda en las drogas", "está metido en las drogas".
		if sc.is(k-1, "las") && sc.is(k-2, "en") {
			switch string(sc.word(k - 3)) {
			case "anda", "ando", "andas", "andan", "andaba", "metido", "metida", "metidos", "cayo", "cai", "cayendo", "esta",
				"estoy", "sigue", "sigo", "estaba":
				*s = k - 3
				return true
			}
		}
	case "inyecto", "inyecta", "inyectan", "inyectando", "inyectarse", "inyectarme":
		// "mi hijo se inyecta", "me inyecto heroína"; insulin or a
		// named drug is read by the medication rules.
		if !(sc.is(k-1, "se") || sc.is(k-1, "me") || sc.is(k-1, "te") || sc.is(k, "inyectarse") || sc.is(k, "inyectarme")) {
			return false
		}
		if j := sc.substanceAhead(k+1, 2); j > 0 {
			*e = j
			return true
		}
		if sc.clauseClosesAt(k+1) || sc.is(k+1, "otra") || sc.is(k+1, "todos") || sc.is(k+1, "diario") || sc.is(k+1, "desde") {
			if sc.is(k-1, "se") || sc.is(k-1, "me") || sc.is(k-1, "te") {
				*s = k - 1
			}
			return true
		}
	case "vicio":
		// "anda en el vicio", "cayó en el vicio", "no puede dejar el
		// vicio"; "el vicio de las series" is a pastime.
		if sc.is(k+1, "de") || sc.is(k+1, "del") {
			return false
		}
		if sc.is(k-1, "el") || sc.is(k-1, "un") || sc.is(k-1, "al") || sc.is(k-1, "del") {
			switch string(sc.word(k - 2)) {
			case "en", "tiene", "tengo", "dejar", "deje", "dejo", "cayo", "cai", "metido", "metida", "volvio", "volvi", "a":
				*s = k - 2
				return true
			}
		}
	case "prescribed":
		// "taking more than prescribed", "more than I'm prescribed".
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			if sc.statementBreak(j) {
				return false
			}
			if sc.is(j, "than") && (sc.is(j-1, "more") || sc.is(j-2, "more") || sc.is(j-1, "extra")) {
				m := j - 1
				if !sc.is(m, "more") {
					m = j - 2
				}
				for n := m - 1; n >= 0 && n >= m-4; n-- {
					if sc.statementBreak(n) {
						break
					}
					switch string(sc.word(n)) {
					case "taking", "take", "took", "takes", "using", "use", "used", "popping":
						*s = n
						return true
					}
				}
				return false
			}
		}
	case "pop", "pops", "popped":
		// "I pop pills", "she pops a couple of xanax".
		if j := sc.substanceAhead(k+1, 3); j > 0 {
			*e = j
			return true
		}
	case "mix", "mixes", "mixing", "mixed":
		// "I mix pills and alcohol", "mixing xanax with beer".
		first := sc.substanceAhead(k+1, 3)
		if first < 0 {
			return false
		}
		if sc.is(first+1, "and") || sc.is(first+1, "with") || sc.is(first+1, "y") || sc.is(first+1, "con") {
			if j := sc.substanceAhead(first+2, 2); j > 0 {
				*e = j
				return true
			}
		}
	case "program", "programa":
		// "a 12 step program", "un programa de 12 pasos".
		if sc.is(k-1, "step") && (sc.is(k-2, "12") || sc.is(k-2, "twelve")) || sc.is(k-2, "-") && sc.is(k-3, "12") && sc.is(k-1, "step") {
			*s = k - 2
			if sc.is(k-2, "-") {
				*s = k - 3
			}
			return true
		}
		if sc.is(k+1, "de") && (sc.is(k+2, "12") || sc.is(k+2, "doce")) && sc.is(k+3, "pasos") {
			*e = k + 3
			return true
		}
	case "many":
		// "took too many pills last night".
		if sc.is(k-1, "too") {
			if j := sc.substanceAhead(k+1, 1); j > 0 {
				*s, *e = k-1, j
				switch string(sc.word(k - 2)) {
				case "took", "take", "taking", "swallowed", "had", "popped":
					*s = k - 2
				}
				return true
			}
		}
	case "drinking":
		// "help with my drinking", "his drinking got worse"; not "my
		// drinking water".
		if !ownedWord(sc.word(k - 1)) {
			return false
		}
		switch string(sc.word(k + 1)) {
		case "has", "is", "was", "got", "gets", "problem", "habit", "again", "getting", "lately", "too", "anymore":
		default:
			if !(k+1 >= len(sc.toks) || sc.kind(k+1) == tkPunct || sc.lineBreakBefore(k+1) || sc.statementBreak(k+1)) {
				return false
			}
		}
		*s = k - 1
		return true
	case "smoker", "smokers", "drinker", "drinkers", "user", "users", "vaper", "vapers":
		return sc.userNoun(k, s)
	case "positive":
		// "tested positive for fentanyl", "my drug screen came back
		// positive for THC".
		if sc.is(k+1, "for") {
			if j := sc.substanceAhead(k+2, 2); j > 0 {
				*e = j
				if sc.is(k-1, "tested") || sc.is(k-1, "test") {
					*s = k - 1
				}
				return true
			}
		}
	case "vape", "vapes", "vaped", "smoke", "smokes", "smoked", "drink", "drinks", "drank", "bebo", "bebe", "beben",
		"fumo", "fuma", "fuman", "tomo", "toma", "toman":
		if sc.habitSaid(k, s, e) {
			return true
		}
		return sc.is(k, "drinks") && sc.drinkCount(k, s, e)
	case "beers", "beer", "shots", "glasses", "bottles", "cervezas", "copas", "tragos", "caguamas", "botellas":
		return sc.drinkCount(k, s, e)
	case "ppd":
		// "I smoke 1 ppd", "1.5 ppd smoker".
		if sc.kind(k-1) == tkNum {
			*s = k - 1
			for j := k - 2; j >= 0 && j >= k-5; j-- {
				if smokeVerb(sc.word(j)) {
					*s = j
					break
				}
			}
			return true
		}
	case "pack-year", "pack-years":
		if sc.kind(k-1) == tkNum || numberWord(sc.word(k-1)) {
			*s = k - 1
			if sc.is(k-2, "a") {
				*s = k - 2
			}
			if sc.is(k+1, "history") {
				*e = k + 1
			}
			return true
		}
	case "pack":
		if sc.drinkCount(k, s, e) {
			return true
		}
		// "a 20 pack-year history", "30 pack years".
		y := k + 1
		if sc.isP(y, '-') {
			y++
		}
		if (sc.is(y, "year") || sc.is(y, "years")) && sc.kind(k-1) == tkNum {
			*s, *e = k-1, y
			if sc.is(k-2, "a") {
				*s = k - 2
			}
			if sc.is(y+1, "history") {
				*e = y + 1
			}
			return true
		}
	case "pedo":
		// "ando bien pedo", "me puse bien pedo anoche": drunk; "no hay
		// pedo", "qué pedo" are not.
		p := k - 1
		if sc.is(p, "bien") || sc.is(p, "muy") || sc.is(p, "re") || sc.is(p, "super") {
			p--
		}
		switch string(sc.word(p)) {
		case "ando", "anda", "andaba", "andan", "estaba", "estoy", "esta", "estan", "puse", "puso", "pusimos", "llego", "llega", "llegaba":
			*s = p
			if sc.is(p-1, "me") || sc.is(p-1, "se") {
				*s = p - 1
			}
			return true
		}
	case "turkey":
		// "I quit cold turkey", "went cold turkey off the pills".
		if !sc.is(k-1, "cold") {
			return false
		}
		switch string(sc.word(k - 2)) {
		case "quit", "went", "go", "going", "stopped", "quitting", "stop":
			*s = k - 2
			if sc.is(k+1, "off") || sc.is(k+1, "from") {
				if j := sc.substanceAhead(k+2, 2); j > 0 {
					*e = j
				}
			}
			return true
		}
	case "without":
		// "I can't get through the day without a drink", "can't sleep
		// without a joint".
		j := k + 1
		if sc.is(j, "a") || sc.is(j, "my") {
			j++
		}
		switch string(sc.word(j)) {
		case "drink", "drinks", "beer", "hit", "joint", "smoke", "cigarette", "blunt", "fix", "bump":
		default:
			return false
		}
		for n := k - 1; n >= 0 && n >= k-7; n-- {
			if sc.statementBreak(n) {
				return false
			}
			switch string(sc.word(n)) {
			case "can't", "cant", "cannot", "couldn't", "couldnt":
				*s, *e = n, j
				return true
			}
		}
	case "pongo", "pone", "ponen", "entra", "entro", "entran", "ponia", "entraba":
		// "le pone al cristal", "le entra al perico": Mexican for using.
		if !sc.is(k-1, "le") {
			return false
		}
		j := k + 1
		if sc.is(j, "duro") || sc.is(j, "mucho") {
			j++
		}
		if sc.is(j, "al") || sc.is(j, "a") && (sc.is(j+1, "la") || sc.is(j+1, "las")) {
			if x := sc.substanceAhead(j+1, 2); x > 0 {
				*s, *e = k-1, x
				return true
			}
		}
	case "street", "calle":
		return sc.streetSupply(k, s, e)
	case "mine", "hers", "his", "theirs", "mias", "mios", "suyas", "suyos":
		// "taking pills that aren't mine", "tomo pastillas que no son
		// mías".
		if !(sc.is(k-1, "aren't") || sc.is(k-1, "arent") || sc.is(k-1, "isn't") || sc.is(k-1, "isnt") || sc.is(k-1, "not") ||
			sc.is(k-1, "son") && sc.is(k-2, "no") || sc.is(k-1, "es") && sc.is(k-2, "no")) {
			return false
		}
		for j := k - 2; j >= 0 && j >= k-6; j-- {
			if sc.statementBreak(j) && !sc.is(j, "that") {
				return false
			}
			if substanceNoun(sc.word(j)) || sc.sensKind(j)&snSubstance != 0 || sc.toks[j].flags&fClin != 0 && sc.toks[j].ent.clin == SpanMedication {
				*s = sc.takerBefore(j)
				return true
			}
		}
	case "anexo":
		// "estuvo en un anexo", "lo internaron en un anexo": a
		// residential rehab in Mexico.
		if sc.is(k-1, "un") || sc.is(k-1, "el") || sc.is(k-1, "al") {
			switch string(sc.word(k - 2)) {
			case "en", "a", "al", "del", "de":
				*s = k - 2
				return true
			}
		}
	case "shakes":
		// "I get the shakes if I don't drink": withdrawal told by its sign.
		if !sc.is(k-1, "the") {
			return false
		}
		switch string(sc.word(k - 2)) {
		case "get", "gets", "got", "getting", "have", "has", "had", "having":
			*s, *typ = k-2, SpanSymptom
			for j := k + 1; j < len(sc.toks) && j <= k+6; j++ {
				if sc.statementBreak(j) && !sc.is(j, "if") {
					break
				}
				if useWord(sc.word(j)) {
					*e = j
					break
				}
			}
			return true
		}
	}
	return false
}

// substanceAhead returns the first substance word in the n tokens from
// j, over articles and amounts ("on pain pills", "a couple of xanax"),
// or -1.
func (sc *scanner) substanceAhead(j, n int) int {
	for k := j; k < len(sc.toks) && k < j+n+1; k++ {
		if sc.kind(k) == tkPunct || sc.statementBreak(k) {
			return -1
		}
		if substanceNoun(sc.word(k)) || sc.sensKind(k)&snSubstance != 0 {
			return k
		}
		if sc.sensKind(k)&snStreet != 0 {
			switch string(sc.word(k)) {
			case "pack", "packs", "paquete", "paquetes", "shots", "fifth", "lines", "pot", "vape", "wine", "vino", "polvo", "piedra":
				// Measures and words with an everyday sense need a use verb.
				continue
			}
			return k
		}
	}
	return -1
}

// substanceNoun reports a word for what is used that the sensitive
// families leave to a use verb or do not hold: "pills", "drugs",
// "painkillers", "alcohol".
func substanceNoun(w []byte) bool {
	switch string(w) {
	case "pills", "pill", "drugs", "drug", "drogas", "droga", "painkillers", "painkiller", "opioid", "opiate", "heroin",
		"meth", "crack", "coke", "cocaine", "alcohol", "booze", "xanax", "percs", "oxys", "oxy", "bars", "benzos",
		"dope", "smack", "fentanyl", "fent", "drinking", "pastillas", "coca", "perico", "cristal", "chiva", "addies",
		"adderall", "opioids", "opiates", "gambling", "weed":
		return true
	}
	return false
}

// useWord reports a verb form of using a substance.
func useWord(w []byte) bool {
	switch string(w) {
	case "used", "use", "using", "drank", "drink", "drinking", "smoked", "smoke", "shot", "snorted", "relapsed",
		"tome", "bebi", "consumi", "fume", "drogue":
		return true
	}
	return false
}

// clauseClosesAt reports that the clause ends at token j: the message
// ends, a mark or a new clause comes, or a word of time follows.
func (sc *scanner) clauseClosesAt(j int) bool {
	if j >= len(sc.toks) || sc.kind(j) == tkPunct || sc.lineBreakBefore(j) || sc.statementBreak(j) {
		return true
	}
	switch string(sc.word(j)) {
	case "again", "every", "all", "most", "last", "when", "at", "before", "after", "and", "while", "since", "lately",
		"daily", "tonight", "today", "yesterday", "y", "otra", "todos", "todas", "cada", "anoche", "ayer", "hoy", "cuando",
		"desde", "hace", "now", "right", "this", "these", "almost", "nearly", "pretty":
		return true
	}
	return false
}

// intoxicated reads "high", "wasted", "stoned" as a person's state:
// "I was high when I fell", "he's been getting high every day", "got
// wasted last night"; not "high school", "my sugar was high", "it's
// high up".
func (sc *scanner) intoxicated(k int, s *int) bool {
	n := k + 1
	closes := sc.clauseClosesAt(n) || sc.is(n, "on") && sc.substanceAhead(n+1, 2) > 0 || sc.is(n, "off") && sc.substanceAhead(n+1, 2) > 0
	if !closes || sc.is(k, "high") && (sc.is(n, "and") || sc.is(n, "right") || sc.is(n, "almost") || sc.is(n, "nearly") || sc.is(n, "pretty")) {
		// "high and low", "high right now" reads as a level too.
		if !(sc.is(k, "high") && sc.is(n, "and") && (sc.is(n+1, "drunk") || sc.is(n+1, "wasted"))) {
			return false
		}
	}
	p := k - 1
	if sc.is(p, "so") || sc.is(p, "really") || sc.is(p, "super") || sc.is(p, "pretty") || sc.is(p, "very") || sc.is(p, "totally") {
		p--
	}
	switch string(sc.word(p)) {
	case "get", "getting", "got", "gets", "gotten", "stay", "staying", "stays":
		*s = p
		return true
	case "i'm", "im", "he's", "she's", "hes", "shes":
		if sc.is(k, "high") && !(sc.clauseClosesAt(n) && !sc.is(n, "right")) {
			return false
		}
		*s = p
		return true
	case "was", "were", "am", "is", "been", "be":
		// A person must be the subject: "I was high", "he's been high";
		// "my sugar was high" is a reading.
		q := p - 1
		if sc.is(p, "been") && (sc.is(q, "has") || sc.is(q, "have") || sc.is(q, "had")) {
			q--
		}
		switch string(sc.word(q)) {
		case "i", "he", "she", "they", "we", "i've", "ive", "he's", "she's", "hes", "shes", "they've":
			*s = q
			return true
		}
		if sc.kind(q) == tkWord && (sc.toks[q].ent.cue == cueRelation || sc.toks[q].claimed && sc.nameTok(q)) {
			*s = q
			if sc.toks[q].claimed {
				*s = q + 1 // the name keeps its own span
			}
			return true
		}
	}
	return false
}

// keptClean reads time kept off a substance or the wish to be: "been
// clean 8 months", "clean and sober since march", "clean off dope for 90
// days", "I want to get clean", "estoy limpio hace 3 meses"; not "clean
// sheets" or "the room is clean".
func (sc *scanner) keptClean(k int, s, e *int) bool {
	n := k + 1
	switch {
	case sc.is(n, "and") && (sc.is(n+1, "sober") || sc.is(n+1, "sobria") || sc.is(n+1, "sobrio")):
		*e = n + 1
		return true
	case sc.is(n, "off") || sc.is(n, "from") || sc.is(n, "de"):
		if j := sc.substanceAhead(n+1, 2); j > 0 {
			*e = j
			return true
		}
	case sc.is(n, "hace") || sc.is(n, "desde"):
		if sc.kind(n+1) == tkNum || numberWord(sc.word(n+1)) || sc.is(n+1, "un") || sc.is(n+1, "una") {
			*e = n + 2
			return true
		}
	case sc.kind(n) == tkNum || numberWord(sc.word(n)):
		if sc.is(k-1, "been") || sc.is(k-1, "stayed") || sc.is(k-1, "i'm") || sc.is(k-1, "im") {
			*e = n
			if sc.kind(n+1) == tkWord {
				*e = n + 1
			}
			return true
		}
	}
	switch string(sc.word(k - 1)) {
	case "days", "weeks", "months", "years", "day", "week", "month", "year", "dias", "semanas", "meses", "anos":
		// "I'm 6 months clean".
		if sc.kind(k-2) == tkNum || numberWord(sc.word(k-2)) || sc.is(k-2, "a") || sc.is(k-2, "un") {
			*s = k - 2
			return true
		}
	case "get", "getting", "stay", "staying", "got":
		if sc.clauseClosesAt(n) && !sc.is(n, "at") && !sc.is(n, "before") && !sc.is(n, "after") {
			*s = k - 1
			return true
		}
	}
	return false
}

// substanceChartWords open a chart term for substance use, which names
// the condition with no person needed: "opioid use disorder", "alcohol
// withdrawal", "history of IV drug use", "nicotine dependence", "OUD",
// "ETOH abuse", "abuso de alcohol".
var substanceChartWords = []string{
	"dependence", "dependency", "withdrawal", "withdrawals", "abuse", "misuse", "use", "overdose", "addiction",
	"oud", "sud", "ivdu", "ivda", "pwid", "etoh", "dts", "abuso", "dependencia",
}

// substanceChartTerms masks the chart terms. A term that names a
// service ("our opioid use disorder program", "drug abuse hotline") or
// that the clinic is asked about ("do you treat alcohol withdrawal?")
// is left alone.
func (sc *scanner) substanceChartTerms() {
	if sc.flagsAny&fSensitive == 0 {
		return
	}
	T := sc.toks
	for k := range T {
		if T[k].flags&fSensitive == 0 || T[k].claimed || T[k].kind != tkWord {
			continue
		}
		s, e := -1, k
		switch string(sc.word(k)) {
		case "dependence", "dependency", "withdrawal", "withdrawals", "abuse", "misuse", "use", "overdose", "addiction":
			p := k - 1
			if !chartSubstance(sc.word(p)) {
				continue
			}
			s = p
			if sc.is(p, "drug") && sc.is(p-1, "iv") {
				s = p - 1
			}
			if sc.is(k+1, "disorder") || sc.is(k+1, "disorders") {
				e = k + 1
			}
			history := sc.chartHistory(s) < s
			if sc.is(k, "use") && e == k && !history && !sc.is(s, "iv") {
				continue // "no alcohol use on the premises"
			}
		case "oud", "sud", "ivdu", "ivda", "pwid", "aud":
			// Capitals only: "an oud" is an instrument, "50 AUD" money.
			if !sc.allUpper(k) || sc.kind(k-1) == tkNum || sc.kind(k+1) == tkNum {
				continue
			}
			if !sc.is(k, "sud") && !sc.is(k, "aud") {
				s = k
			}
			switch string(sc.word(k - 1)) {
			case "has", "have", "had", "with", "for", "of", "dx", "diagnosed", "hx", "history", "my", "his", "her":
				s = k
			}
			if sc.is(k+1, "on") || sc.is(k+1, "treatment") {
				s = k
			}
		case "etoh":
			s = k
		case "dts":
			// "I had the DTs last time"; "the dts report" is a file.
			if !sc.clauseClosesAt(k+1) && !sc.is(k+1, "from") && !sc.is(k+1, "after") {
				continue
			}
			switch string(sc.word(k - 1)) {
			case "the", "had", "have", "has", "got", "get", "with", "getting":
				s = k - 1
			}
		case "abuso":
			// "abuso de alcohol", "abuso de sustancias".
			if (sc.is(k+1, "de") || sc.is(k+1, "del")) && chartSubstance(sc.word(k+2)) {
				s, e = k, k+2
			}
		case "dependencia":
			if (sc.is(k+1, "al") || sc.is(k+1, "del") || sc.is(k+1, "de") || sc.is(k+1, "a")) && chartSubstance(sc.word(k+2)) {
				s, e = k, k+2
			} else if (sc.is(k+1, "a") || sc.is(k+1, "de")) && (sc.is(k+2, "los") || sc.is(k+2, "las") || sc.is(k+2, "la")) && chartSubstance(sc.word(k+3)) {
				s, e = k, k+3
			}
		}
		if s < 0 || sc.anyClaimed(s, e) || sc.chartService(s, e) {
			continue
		}
		s = sc.chartHistory(s)
		if sc.is(e+1, "in") && sc.is(e+2, "remission") {
			e += 2
		} else if sc.is(e+1, "in") && (sc.is(e+2, "early") || sc.is(e+2, "sustained")) && sc.is(e+3, "remission") {
			e += 3
		}
		sc.addTok(s, e, SpanCondition, 0.7, prioClinical)
	}
}

// chartHistory grows a chart term left over "history of", "hx of",
// "severe", "active": it returns the first token.
func (sc *scanner) chartHistory(s int) int {
	for n := 0; n < 3; n++ {
		p := s - 1
		switch string(sc.word(p)) {
		case "severe", "mild", "moderate", "chronic", "active", "past", "prior", "heavy", "remote", "untreated", "previous", "grave", "severa", "severo", "cronica", "cronico":
			s = p
			continue
		case "of", "de":
			switch string(sc.word(p - 1)) {
			case "history", "hx", "historial", "antecedentes", "historia":
				s = p - 1
				continue
			}
		}
		if sc.isP(p, '/') && sc.is(p-1, "h") {
			s = p - 1
			continue
		}
		break
	}
	return s
}

// chartService reports a chart term naming a service or asked of the
// clinic: "our alcohol abuse program", "drug abuse hotline", "do you
// treat opioid withdrawal?".
func (sc *scanner) chartService(s, e int) bool {
	switch string(sc.word(e + 1)) {
	case "program", "programs", "programa", "clinic", "clinica", "services", "servicios", "hotline", "prevention",
		"prevencion", "awareness", "month", "resources", "group", "groups", "class", "classes", "info", "information",
		"department", "screening", "policy", "flyer", "brochure", "pamphlet", "workshop", "seminar", "specialist",
		"specialists", "counselors", "team", "unit":
		return true
	}
	for j := s - 1; j >= 0 && j >= s-6; j-- {
		switch string(sc.word(j)) {
		case "you", "your", "our", "ustedes", "usted", "nuestro", "nuestra":
			return true
		}
	}
	return false
}

// chartSubstance reports a word that names what a chart term is about.
func chartSubstance(w []byte) bool {
	switch string(w) {
	case "alcohol", "opioid", "opioids", "opiate", "opiates", "drug", "drugs", "substance", "substances", "polysubstance",
		"cocaine", "heroin", "meth", "methamphetamine", "stimulant", "stimulants", "amphetamine", "amphetamines", "cannabis",
		"marijuana", "benzodiazepine", "benzodiazepines", "benzo", "benzos", "nicotine", "tobacco", "etoh", "fentanyl",
		"kratom", "sedative", "sedatives", "inhalant", "inhalants", "crack", "oxycodone", "painkiller", "painkillers",
		"drogas", "sustancias", "opioides", "opiaceos", "cocaina", "heroina", "marihuana", "metanfetamina", "tabaco",
		"nicotina", "benzodiacepinas", "alcoholic", "iv":
		return true
	}
	return false
}

// userNoun reads a person named by their use: "I'm a smoker", "a heavy
// drinker", "ex-smoker", "an IV drug user"; not "a coffee drinker", "a
// meat smoker", "app users".
func (sc *scanner) userNoun(k int, s *int) bool {
	p := k - 1
	if sc.isP(p, '-') && (sc.is(p-1, "ex") || sc.is(p-1, "non")) {
		if sc.is(p-1, "non") {
			return false
		}
		*s = p - 1
		return true
	}
	user := sc.is(k, "user") || sc.is(k, "users")
	switch string(sc.word(p)) {
	case "heavy", "former", "ex", "chain", "daily", "current", "social", "binge", "problem", "recovering", "lifelong",
		"occasional", "regular", "cigarette", "cigar", "weed", "pot", "marijuana", "crack", "meth", "heroin", "drug",
		"cocaine", "opioid", "needle", "intravenous", "iv":
		if user && !substanceNoun(sc.word(p)) && !chartSubstance(sc.word(p)) && !sc.is(p, "needle") && !sc.is(p, "weed") && !sc.is(p, "pot") {
			return false // "a heavy user of the portal"
		}
		*s = p
		for q := p - 1; q >= 0 && q >= p-2; q-- {
			switch string(sc.word(q)) {
			case "a", "an", "heavy", "former", "iv", "daily", "recovering", "chain":
				*s = q
				continue
			}
			break
		}
		return true
	case "a", "an":
		if user {
			return false
		}
		// "I'm a smoker", "he's a drinker"; "a smoker for the ribs"
		// is a grill.
		switch string(sc.word(p - 1)) {
		case "i'm", "im", "he's", "she's", "hes", "shes", "is", "was", "been", "be", "am":
			if sc.is(k, "smoker") && (sc.is(k+1, "for") || sc.is(k+1, "grill")) {
				return false
			}
			*s = p
			return true
		}
	}
	return false
}

// habitSaid reads drinking, smoking or vaping said of a person with
// nothing used after it, or with how and why: "I still smoke", "I
// drink socially", "my husband drinks on weekends", "I drink to cope",
// "I've smoked for 20 years", "tomo los fines de semana", "fumo desde
// los 15 años"; not "I drink water", "she smokes salmon", "tomo la
// pastilla".
func (sc *scanner) habitSaid(k int, s, e *int) bool {
	a, b := *s, *e
	if sc.habitSpan(k, &a, &b) {
		*s, *e = a, b
		return true
	}
	return false
}

// habitSpan is habitSaid's reading; it may move a and b on a miss.
func (sc *scanner) habitSpan(k int, s, e *int) bool {
	spanish := false
	switch string(sc.word(k)) {
	case "bebo", "bebe", "beben", "fumo", "fuma", "fuman", "tomo", "toma", "toman":
		spanish = true
	}
	p := k - 1
	for n := 0; n < 2; n++ {
		switch string(sc.word(p)) {
		case "still", "only", "also", "just", "even", "really", "sometimes", "occasionally", "usually", "todavia", "aun", "tambien", "solo", "nomas", "ya":
			p--
			continue
		case "have", "has", "i've", "ive", "he's", "she's", "hes", "shes":
			if sc.is(k, "smoked") || sc.is(k, "drank") || sc.is(k, "vaped") {
				p--
				if sc.is(p+1, "i've") || sc.is(p+1, "ive") || sc.is(p+1, "he's") || sc.is(p+1, "she's") {
					p++
					break
				}
				continue
			}
		}
		break
	}
	named := p >= 0 && sc.kind(p) == tkWord && sc.toks[p].claimed && sc.nameTok(p)
	subject := sc.is(p, "i") || sc.is(p, "he") || sc.is(p, "she") || sc.is(p, "i've") || sc.is(p, "ive") || sc.is(p, "he's") || sc.is(p, "she's") ||
		sc.kind(p) == tkWord && sc.toks[p].ent.cue == cueRelation || named
	if spanish {
		// The verb carries its subject: "fumo desde los 15", or follows
		// a relative: "mi esposo toma los fines de semana".
		subject = subject || p < 0 || sc.kind(p) == tkPunct || sc.lineBreakBefore(p+1) || sc.is(p, "yo") || sc.is(p, "y") || sc.is(p, "el") || sc.is(p, "ella")
	}
	if !subject {
		return false
	}
	if !named && (sc.is(p, "he") || sc.is(p, "she") || sc.is(p, "i") || sc.is(p, "yo") || sc.kind(p) == tkWord && sc.toks[p].ent.cue == cueRelation ||
		sc.is(p, "i've") || sc.is(p, "ive") || sc.is(p, "he's") || sc.is(p, "she's")) {
		*s = p
	} else {
		*s = p + 1
	}
	n := k + 1
	w := string(sc.word(n))
	if spanish {
		switch {
		case w == "socialmente" || w == "ocasionalmente" || w == "diario" || w == "diariamente" || w == "seguido":
			*e = n
			return true
		case (w == "los" || w == "cada") && (sc.is(n+1, "fines") || sc.is(n+1, "fin")):
			*e = n + 1
			if sc.is(n+2, "de") && sc.is(n+3, "semana") {
				*e = n + 3
			}
			return !sc.is(k, "toma") && !sc.is(k, "tomo") && !sc.is(k, "toman") || sc.is(n+1, "fines") || sc.is(n+1, "fin")
		case w == "desde" && (sc.is(n+1, "los") || sc.is(n+1, "hace") || sc.is(n+1, "joven") || sc.is(n+1, "chavo") || sc.is(n+1, "chava") || sc.is(n+1, "nino") || sc.is(n+1, "nina")):
			*e = n + 1
			if sc.kind(n+2) == tkNum || numberWord(sc.word(n+2)) {
				*e = n + 2
				if sc.is(n+3, "anos") || sc.is(n+3, "años") {
					*e = n + 3
				}
			}
			return !(sc.is(k, "toma") || sc.is(k, "tomo") || sc.is(k, "toman")) || sc.is(n+1, "joven")
		}
		return false
	}
	switch w {
	case "socially", "occasionally", "sometimes", "heavily", "daily", "nightly", "alone", "regularly", "everyday", "constantly",
		"again", "lately", "now", "too", "more", "less", "still", "anymore":
		if w == "too" && !sc.is(n+1, "much") {
			return false
		}
		if w == "more" && !(sc.is(n+1, "than") && sc.kind(n+2) != tkNum && !numberWord(sc.word(n+2)) || sc.clauseClosesAt(n+1)) {
			return false
		}
		*e = n
		if w == "too" {
			*e = n + 1
		}
		return true
	case "on":
		if sc.is(n+1, "weekends") || sc.is(n+1, "the") && sc.is(n+2, "weekends") {
			*e = n + 1
			if sc.is(n+1, "the") {
				*e = n + 2
			}
			return true
		}
		return false
	case "to":
		switch string(sc.word(n + 1)) {
		case "cope", "sleep", "relax", "forget", "calm", "numb", "deal", "unwind", "function", "feel", "get", "fall", "stop", "forget,":
			*e = n + 1
			return true
		}
		return false
	case "since":
		// "I still smoke since last summer", "smoked since high school".
		if sc.kind(n+1) == tkWord || sc.kind(n+1) == tkNum {
			*e = n + 1
			return true
		}
		return false
	case "for":
		if sc.kind(n+1) == tkNum || numberWord(sc.word(n+1)) || sc.is(n+1, "years") || sc.is(n+1, "a") && sc.is(n+2, "long") || sc.is(n+1, "i") && sc.is(n+2, "was") {
			*e = n + 1
			if sc.flags(n+2)&fUnit != 0 || sc.is(n+2, "years") || sc.is(n+2, "was") || sc.is(n+2, "long") {
				*e = n + 2
			}
			return sc.is(k, "smoked") || sc.is(k, "drank") || sc.is(k, "vaped") || sc.is(k, "smoke") || sc.is(k, "drink") || sc.is(k, "vape") || sc.is(k, "smokes") || sc.is(k, "drinks")
		}
		return false
	case "until", "till", "when", "every", "most", "a":
		if w == "every" && !(sc.is(n+1, "day") || sc.is(n+1, "night") || sc.is(n+1, "weekend") || sc.is(n+1, "morning")) ||
			w == "most" && !(sc.is(n+1, "days") || sc.is(n+1, "nights") || sc.is(n+1, "weekends")) ||
			w == "a" && (!sc.is(n+1, "lot") || sc.is(n+2, "of")) ||
			(w == "until" || w == "till") && !(sc.is(n+1, "i") || sc.is(n+1, "he") || sc.is(n+1, "she")) ||
			w == "when" && !(sc.is(n+1, "i") || sc.is(n+1, "he") || sc.is(n+1, "she")) {
			return false
		}
		*e = n + 1
		return true
	}
	if sc.clauseClosesAt(n) && !sc.is(n, "at") && !sc.is(n, "this") && !sc.is(n, "these") && !sc.is(n, "right") &&
		!sc.is(n, "almost") && !sc.is(n, "nearly") && !sc.is(n, "pretty") {
		if n < len(sc.toks) && sc.isP(n, '?') {
			return sc.toks[p].ent.cue == cueRelation || sc.is(p, "he") || sc.is(p, "she")
		}
		return true
	}
	return false
}

// drinkCount reads an amount drunk as a habit: "10 drinks a week", "3
// beers every night", "a six pack every night", "a bottle of wine a
// day", "unas cervezas todos los días", "6 caguamas el fin de semana".
func (sc *scanner) drinkCount(k int, s, e *int) bool {
	if sc.is(k, "pack") {
		// "a six pack", "a 12-pack", "a 30 pack".
		p := k - 1
		if sc.isP(p, '-') {
			p--
		}
		if !(sc.kind(p) == tkNum || numberWord(sc.word(p))) {
			return false
		}
	}
	p := k - 1
	switch {
	case sc.isP(p, '-') && sc.is(k, "pack"):
		p -= 2
	case sc.is(k, "pack"):
		p--
	}
	// The count: "10", "4 or 5", "a couple of", "unas", "several".
	q := p
	if sc.is(q, "of") {
		q--
	}
	switch {
	case sc.kind(q) == tkNum || numberWord(sc.word(q)):
		if sc.is(q-1, "or") || sc.is(q-1, "to") || sc.isP(q-1, '-') {
			if sc.kind(q-2) == tkNum || numberWord(sc.word(q-2)) {
				q -= 2
			}
		}
	case sc.is(q, "couple") || sc.is(q, "few") || sc.is(q, "several") || sc.is(q, "unas") || sc.is(q, "unos") || sc.is(q, "varias") ||
		sc.is(q, "varios") || sc.is(q, "muchas") || sc.is(q, "many") || sc.is(q, "a") && (sc.is(k, "pack") || sc.is(k, "fifth")):
		if sc.is(q-1, "a") {
			q--
		}
	default:
		if !(sc.is(k, "bottle") || sc.is(k, "bottles")) {
			return false
		}
	}
	// "about 3", "like 10", "más de 6".
	for n := 0; n < 2; n++ {
		switch string(sc.word(q - 1)) {
		case "about", "around", "like", "maybe", "roughly", "over", "almost", "nearly", "least", "to", "como", "unas", "unos", "de", "mas", "alrededor":
			if sc.is(q-1, "to") && !sc.is(q-2, "up") || sc.is(q-1, "de") && !(sc.is(q-2, "mas") || sc.is(q-2, "alrededor")) {
				break
			}
			q--
			if sc.is(q, "least") && sc.is(q-1, "at") || sc.is(q, "to") || sc.is(q, "de") {
				q--
			}
			continue
		}
		break
	}
	// What the glass or bottle holds: "of wine", "de tequila".
	j := k
	if sc.is(j+1, "of") || sc.is(j+1, "de") {
		if sc.sensKind(j+2)&snStreet != 0 || substanceNoun(sc.word(j+2)) {
			j += 2
		} else if sc.is(k, "glasses") || sc.is(k, "bottles") || sc.is(k, "botellas") || sc.is(k, "shots") {
			return false // "2 glasses of water"
		}
	} else if sc.is(k, "glasses") || sc.is(k, "bottles") || sc.is(k, "botellas") || sc.is(k, "shots") {
		return false // "2 shots a week" may be injections
	}
	// How often: "a day", "every night", "per week", "on weekends",
	// "al día", "diarias", "cada noche", "por semana", "el fin de semana".
	r := j + 1
	if sc.is(r, "a") || sc.is(r, "per") || sc.is(r, "every") || sc.is(r, "each") || sc.is(r, "at") || sc.is(r, "cada") || sc.is(r, "por") ||
		sc.is(r, "al") || sc.is(r, "el") || sc.is(r, "los") || sc.is(r, "todos") || sc.is(r, "todas") {
		n := r + 1
		if sc.is(n, "los") || sc.is(n, "las") {
			n++
		}
		switch string(sc.word(n)) {
		case "day", "night", "week", "weekend", "evening", "dia", "dias", "noche", "noches", "semana", "fin", "fines", "nights", "days":
			*s, *e = q, n
			if (sc.is(n, "fin") || sc.is(n, "fines")) && sc.is(n+1, "de") && sc.is(n+2, "semana") {
				*e = n + 2
			}
			return true
		}
		return false
	}
	switch string(sc.word(r)) {
	case "daily", "nightly", "diarias", "diarios", "diario", "everyday":
		*s, *e = q, r
		return true
	case "on":
		if sc.is(r+1, "weekends") {
			*s, *e = q, r+1
			return true
		}
	}
	return false
}

// nameTok reports token j inside a name already found.
func (sc *scanner) nameTok(j int) bool {
	t := &sc.toks[j]
	for i := range sc.cands {
		c := &sc.cands[i]
		if c.t == SpanName && c.s <= t.s && t.e <= c.e {
			return true
		}
	}
	return false
}

// streetSupply reads drugs got on the street: "street pills", "taking
// pills off the street", "buying xanax on the street", "pastillas de la
// calle".
func (sc *scanner) streetSupply(k int, s, e *int) bool {
	if j := k + 1; j < len(sc.toks) && (substanceNoun(sc.word(j)) || sc.sensKind(j)&snSubstance != 0) && sc.is(k, "street") {
		*s, *e = sc.takerBefore(k), j
		return true
	}
	if !(sc.is(k-1, "the") || sc.is(k-1, "la")) {
		return false
	}
	switch string(sc.word(k - 2)) {
	case "off", "on", "from", "in", "de", "en":
	default:
		return false
	}
	for j := k - 3; j >= 0 && j >= k-9; j-- {
		if sc.statementBreak(j) {
			break
		}
		if substanceNoun(sc.word(j)) || sc.sensKind(j)&snSubstance != 0 || sc.toks[j].flags&fClin != 0 && sc.toks[j].ent.clin == SpanMedication {
			*s = sc.takerBefore(j)
			return true
		}
	}
	// "going to the street for pills".
	if sc.is(k+1, "for") || sc.is(k+1, "por") {
		if j := sc.substanceAhead(k+2, 2); j > 0 {
			*e = j
			return true
		}
	}
	return false
}

// takerBefore grows a statement about a substance at j left over the
// verb of taking or buying it: "taking pills", "buying xanax", "compro
// pastillas".
func (sc *scanner) takerBefore(j int) int {
	for p := j - 1; p >= 0 && p >= j-4; p-- {
		if sc.statementBreak(p) {
			break
		}
		switch string(sc.word(p)) {
		case "take", "takes", "taking", "took", "buy", "buys", "buying", "bought", "get", "gets", "getting", "got", "use", "uses",
			"using", "used", "doing", "selling", "tomo", "toma", "tomando", "compro", "compra", "comprando", "consigo", "consigue":
			return p
		}
	}
	return j
}

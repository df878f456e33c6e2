package policy

// Dates written in Portuguese and French words, read by spelledDates as
// the English and Spanish ones are: "vinte e dois de novembro de mil
// novecentos e trinta e um", "dez de abril de dois mil e vinte", "le
// quinze août mille neuf cent quarante", "dix-neuf cent cinquante-deux".

// romanceDayWord reads a day of the month in Portuguese or French words
// at token i ("vinte e dois", "primeiro", "trente et un", "dix-sept") and
// returns its last token.
func (sc *scanner) romanceDayWord(i int) (int, bool) {
	w := string(sc.word(i))
	switch w {
	case "vinte", "trinta":
		if sc.is(i+1, "e") && portugueseUnitWord(sc.word(i+2)) {
			return i + 2, true
		}
		return i, true
	case "vingt", "trente":
		if k, joined := sc.frenchUnitAfter(i); k > i && joined {
			return k, true
		}
		return i, true
	case "dix":
		// "dix-sept", "dix huit": ten and a unit.
		k := i + 1
		if sc.isP(k, '-') {
			k++
		}
		switch string(sc.word(k)) {
		case "sept", "huit", "neuf":
			return k, true
		}
		return i, true
	case "primeiro", "premier", "dez", "onze", "doze", "treze", "catorze", "quatorze", "quinze", "dezesseis",
		"dezasseis", "dezessete", "dezassete", "dezoito", "dezenove", "dezanove", "douze", "treize", "seize":
		return i, true
	}
	if portugueseUnitWord(sc.word(i)) || frenchUnitWord(sc.word(i)) && w != "un" && w != "une" {
		return i, true
	}
	return 0, false
}

// romanceTens reports the Portuguese and French words for the tens from
// twenty to ninety.
func romanceTens(w []byte) bool {
	switch string(w) {
	case "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa",
		"vingt", "trente", "quarante", "cinquante", "soixante":
		return true
	}
	return false
}

// romanceYearTail reads the last part of a year at token k, after its
// hundreds: "trinta e um", "vinte", "quarante", "cinquante-deux",
// "soixante-dix-huit", "quatre-vingt-neuf", "douze". It returns its last
// token, or -1.
func (sc *scanner) romanceYearTail(k int) int {
	if sc.is(k, "e") || sc.is(k, "et") {
		k++ // "dois mil e vinte", "mil novecentos e trinta"
	}
	if e, ok := sc.frenchNinety(k); ok {
		return e // "quatre-vingt-dix-neuf"
	}
	if sc.is(k, "quatre") && (sc.is(k+1, "vingt") || sc.isP(k+1, '-') && sc.is(k+2, "vingt")) {
		e := k + 1
		if sc.isP(e, '-') {
			e++
		}
		if sc.isP(e+1, '-') && frenchUnitWord(sc.word(e+2)) {
			return e + 2
		}
		return e // "quatre-vingt", "quatre-vingt-trois"
	}
	if romanceTens(sc.word(k)) {
		e := k
		n := e + 1
		if sc.isP(n, '-') {
			n++
		}
		if sc.is(n, "e") || sc.is(n, "et") {
			n++
			if sc.isP(n, '-') {
				n++
			}
		}
		if n > e+1 && (portugueseUnitWord(sc.word(n)) || frenchUnitWord(sc.word(n))) {
			return n
		}
		if sc.is(k, "soixante") && n > e+1 {
			if d, ok := sc.romanceDayWord(n); ok {
				return d // "soixante-dix-huit", "soixante-douze"
			}
		}
		return e
	}
	if d, ok := sc.romanceDayWord(k); ok && !sc.is(k, "primeiro") && !sc.is(k, "premier") {
		return d // "mil novecentos e doze", "deux mille trois"
	}
	return -1
}

// romanceSpelledYear reads a year in Portuguese or French words at token
// i: "mil novecentos e trinta e um", "dois mil e vinte", "mille neuf cent
// quarante", "dix-neuf cent cinquante", "deux mille trois".
func (sc *scanner) romanceSpelledYear(i int) (int, bool) {
	var k int
	switch {
	case sc.is(i, "mil") && (sc.is(i+1, "novecentos") || sc.is(i+1, "oitocentos")):
		k = i + 2
	case sc.is(i, "dois") && sc.is(i+1, "mil"):
		k = i + 2
	case (sc.is(i, "mille") || sc.is(i, "mil")) && sc.is(i+1, "neuf") && sc.is(i+2, "cent"):
		k = i + 3
	case sc.is(i, "dix") && sc.isP(i+1, '-') && sc.is(i+2, "neuf") && sc.is(i+3, "cent"):
		k = i + 4
	case sc.is(i, "deux") && sc.is(i+1, "mille"):
		k = i + 2
	default:
		return 0, false
	}
	if e := sc.romanceYearTail(k); e >= 0 {
		return e, true
	}
	return k - 1, true // "dois mil", "deux mille"
}

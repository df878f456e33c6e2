package policy

import "time"

var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func validMD(m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn[m] }

// dayTok reads a day of the month: "4", "04", "4th", "1st", "1ro", "1º".
func (sc *scanner) dayTok(i int) (int, bool) {
	switch sc.kind(i) {
	case tkNum:
		v, n := sc.num(i)
		return v, n <= 2 && v >= 1 && v <= 31
	case tkAlnum:
		w := sc.txt(i)
		k, v := 0, 0
		for k < len(w) && k < 2 && isDigit(w[k]) {
			v = v*10 + int(w[k]-'0')
			k++
		}
		if k == 0 || v < 1 || v > 31 {
			return 0, false
		}
		switch string(w[k:]) {
		case "st", "nd", "rd", "th", "o", "ro", "do", "to", "vo", "er":
			return v, true
		}
	}
	return 0, false
}

// yearTok reads a year: 1900-2099, or "'85".
func (sc *scanner) yearTok(i int) (int, bool) {
	if v, n := sc.num(i); n == 4 && v >= 1900 && v <= 2099 {
		return i, true
	}
	if sc.isP(i, '\'') && sc.kind(i+1) == tkNum && sc.attached(i+1) {
		if _, n := sc.num(i + 1); n == 2 {
			return i + 1, true
		}
	}
	return 0, false
}

// shortYearDel reads the two-digit year Spanish writes after "del" ("5
// de mayo del 48"): a two-digit number ending the date, not an hour ("del
// 10 al 12", "del 3 a las 5") or a quantity.
func (sc *scanner) shortYearDel(i int) (int, bool) {
	if !sc.is(i-1, "del") || sc.kind(i) != tkNum {
		return 0, false
	}
	if _, n := sc.num(i); n != 2 {
		return 0, false
	}
	if sc.isP(i+1, ':') || sc.is(i+1, "al") || sc.is(i+1, "a") || sc.flags(i+1)&fUnit != 0 {
		return 0, false
	}
	return i, true
}

// dobContext reports a birth cue shortly before token i.
func (sc *scanner) dobContext(i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if sc.toks[k].flags&fDOBCue != 0 {
			return true
		}
	}
	// "d.o.b." arrives as d . o . b
	for k := i - 1; k >= 4 && k >= i-3; k-- {
		if sc.is(k, "b") && sc.isP(k-1, '.') && sc.is(k-2, "o") && sc.isP(k-3, '.') && sc.is(k-4, "d") {
			return true
		}
	}
	return false
}

// dateType is DOB after a birth cue, DATE otherwise.
func (sc *scanner) dateType(i int) SpanType {
	if sc.dobContext(i) {
		return SpanDOB
	}
	return SpanDate
}

// dateCue reports a date cue ("on", "since", "el", "DOB") just before token i.
func (sc *scanner) dateCue(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if sc.toks[k].flags&(fDateCue|fDOBCue) != 0 {
			return true
		}
		if sc.toks[k].kind != tkWord && sc.toks[k].kind != tkPunct {
			return false
		}
	}
	return false
}

// painNear reports a pain-scale word around tokens [i, j].
func (sc *scanner) painNear(i, j int) bool {
	for k := max(0, i-4); k < len(sc.toks) && k <= j+4; k++ {
		if sc.toks[k].flags&fPain != 0 {
			return true
		}
	}
	return false
}

// dates finds dates tied to a person: numeric (03/14/1962, 14.03.1962,
// 1962-03-14, 3/14 with a cue), month names in English and Spanish
// ("March 14th, 1962", "14 de marzo de 1962", "Mar 1962"), and eight-digit
// birth dates after a birth cue.
func (sc *scanner) dates() {
	if !sc.numbersAny && sc.flagsAny&fMonth == 0 {
		return // each date has a number, a code ("3rd") or a month
	}
	T := sc.toks
	for i := 0; i < len(T); i++ {
		// A number, a code or a month word starts each form below: the
		// other tokens are stepped over in a loop of their own.
		for i < len(T) && (T[i].claimed || T[i].kind == tkPunct || T[i].kind == tkWord && T[i].flags&fMonth == 0) {
			i++
		}
		if i >= len(T) {
			break
		}
		if T[i].kind == tkNum {
			if j, ok := sc.numericDate(i); ok {
				i = j
				continue
			}
		}
		if T[i].kind == tkNum || T[i].kind == tkAlnum {
			if j, ok := sc.dayMonth(i); ok {
				i = j
				continue
			}
		}
		if T[i].kind == tkWord && T[i].flags&fMonth != 0 {
			if j, ok := sc.monthFirst(i); ok {
				i = j
			}
		}
	}
}

// isDateSep reports a separator of numeric dates.
func isDateSep(c byte) bool { return c == '/' || c == '-' || c == '.' }

// numericDate reads a numeric date at token i and returns its last token.
func (sc *scanner) numericDate(i int) (int, bool) {
	T := sc.toks
	b := sc.n.b
	a, an := sc.num(i)
	if an == 8 && sc.dobContext(i) {
		w := sc.txt(i)
		m := int(w[0]-'0')*10 + int(w[1]-'0')
		d := int(w[2]-'0')*10 + int(w[3]-'0')
		if validMD(m, d) || validMD(d, m) {
			sc.addTok(i, i, SpanDOB, 0.85, prioDate)
			return i, true
		}
		return 0, false
	}
	if i > 0 && sc.attached(i) && (sc.kind(i-1) != tkPunct || sc.isP(i-1, '/') || sc.isP(i-1, '.')) {
		return 0, false
	}
	// A bar between the parts ("02|02|1965") is a form's field typed
	// over; read only with all three parts.
	if i+2 >= len(T) || T[i+1].kind != tkPunct || !isDateSep(b[T[i+1].s]) && b[T[i+1].s] != '|' || !sc.attached(i+1) ||
		T[i+2].kind != tkNum || !sc.attached(i+2) || T[i+2].claimed {
		return 0, false
	}
	sep := b[T[i+1].s]
	bv, bn := sc.num(i + 2)
	if sc.isP(i+3, sep) && sc.attached(i+3) && sc.kind(i+4) == tkNum && sc.attached(i+4) {
		cv, cn := sc.num(i + 4)
		if sc.attached(i+5) && sc.kind(i+5) == tkPunct && sc.attached(i+6) && sc.kind(i+6) == tkNum {
			return 0, false // four parts: a version or an address, not a date
		}
		ok := false
		switch {
		case an == 4 && bn <= 2 && cn <= 2:
			ok = a >= 1900 && a <= 2099 && validMD(bv, cv)
		case an <= 2 && bn <= 2 && (cn == 2 || cn == 4):
			ok = (validMD(a, bv) || validMD(bv, a)) && (cn == 2 || (cv >= 1900 && cv <= 2099))
		}
		if !ok {
			return 0, false
		}
		sc.addTok(i, i+4, sc.dateType(i), 0.95, prioDate)
		return i + 4, true
	}
	if sep == '.' || sep == '|' || an > 2 {
		return 0, false
	}
	// Month and year: 03/2024.
	if bn == 4 && bv >= 1900 && bv <= 2099 && a >= 1 && a <= 12 {
		sc.addTok(i, i+2, sc.dateType(i), 0.8, prioDate)
		return i + 2, true
	}
	if bn > 2 || !(validMD(a, bv) || validMD(bv, a)) {
		return 0, false
	}
	// Day and month with no year: a date only when nothing says it is a
	// dose, a fraction, a pain score, a range or "24/7".
	if sc.flags(i+3)&fUnit != 0 || sc.isP(i+3, '%') || sc.isP(i+3, ':') {
		return 0, false
	}
	if sc.painNear(i, i+2) && !sc.dobContext(i) {
		return 0, false
	}
	cue := sc.dateCue(i)
	if !cue {
		if sep == '-' || bv == 10 || (a == 24 && bv == 7) || (a < bv && (bv == 2 || bv == 3 || bv == 4 || bv == 8 || bv == 16)) {
			return 0, false
		}
	}
	conf := float32(0.6)
	if cue {
		conf = 0.85
	}
	sc.addTok(i, i+2, sc.dateType(i), conf, prioDate)
	return i + 2, true
}

// monthFirst reads "March 14", "Mar. 14th, 1962", "marzo 14", "March 1962",
// "marzo de 1962".
func (sc *scanner) monthFirst(i int) (int, bool) {
	mo := int(sc.toks[i].ent.month)
	j := i + 1
	// "Nov-11-1952", "jan/3/48": the month's name, the day and the year
	// joined by one separator; written so, it needs its year.
	if (sc.isP(j, '-') || sc.isP(j, '/')) && sc.attached(j) && sc.attached(j+1) && sc.kind(j+1) == tkNum {
		sep := sc.n.b[sc.toks[j].s]
		d, ok := sc.dayTok(j + 1)
		k := j + 2
		if !ok || !validMD(mo, d) || !sc.isP(k, sep) || !sc.attached(k) || !sc.attached(k+1) || sc.kind(k+1) != tkNum ||
			sc.attached(k+2) && sc.kind(k+2) != tkPunct {
			return 0, false
		}
		if y, n := sc.num(k + 1); n != 2 && n != 4 || n == 4 && (y < 1900 || y > 2099) {
			return 0, false
		}
		sc.addTok(i, k+1, sc.dateType(i), 0.9, prioDate)
		return k + 1, true
	}
	if sc.isP(j, '.') && sc.attached(j) {
		j++
	}
	if sc.is(j, "the") && sc.kind(j+1) == tkAlnum {
		j++ // "July the 22nd"
	}
	if d, ok := sc.dayTok(j); ok && !sc.toks[j].claimed && !(sc.kind(j) == tkNum && sc.attached(j+1) && sc.kind(j+1) == tkNum) {
		if !validMD(mo, d) || sc.flags(j+1)&fUnit != 0 && sc.kind(j+1) == tkWord && !sc.is(j+1, "de") && !sc.is(j+1, "of") {
			return 0, false
		}
		end := j
		k := j + 1
		if sc.isP(k, ',') {
			k++
		}
		if sc.is(k, "de") || sc.is(k, "del") {
			k++
		}
		if y, ok := sc.yearTok(k); ok {
			end = y
		}
		sc.addTok(i, end, sc.dateType(i), 0.9, prioDate)
		return end, true
	}
	k := j
	if sc.isP(k, ',') {
		k++
	}
	if sc.is(k, "de") || sc.is(k, "del") || sc.is(k, "of") {
		k++
	}
	if y, ok := sc.yearTok(k); ok {
		sc.addTok(i, y, sc.dateType(i), 0.85, prioDate)
		return y, true
	}
	return 0, false
}

// namedMonthAfterDay returns the month a word the lexicon holds as no
// month names at token j after the day at token i, or 0. Portuguese "março" (folded "marco") and French "mai" are
// also given names (Marco, Mai), so the lexicon holds them as names; after
// a day number they can only be the month: "3 de março de 1948", "le 12
// mai 1951".
func (sc *scanner) namedMonthAfterDay(i, j int) int {
	switch {
	case sc.is(j, "marco") && sc.is(j-1, "de"):
		return 3
	case sc.is(j, "mai") && j == i+1:
		return 5
	}
	return 0
}

// dayMonth reads "14 March 1962", "14th of March", "14 de marzo de 1962".
func (sc *scanner) dayMonth(i int) (int, bool) {
	d, ok := sc.dayTok(i)
	if !ok || (i > 0 && sc.attached(i) && sc.kind(i-1) != tkPunct) {
		return 0, false
	}
	if sc.flags(i-1)&(fStreetPrefix|fStreetWord) != 0 || sc.isP(i-1, '.') && sc.flags(i-2)&fStreetPrefix != 0 {
		return 0, false // "Calle 5 de Mayo", "Rua 25 de Abril" are streets named after a date
	}
	j := i + 1
	if sc.is(j, "of") || sc.is(j, "de") {
		j++
	}
	// "11-Nov-1952", "3/jan/48", "11.Nov.1952": the day, the month's name
	// and the year joined by one separator, the way forms and records
	// print a date. Written so it needs its year.
	var sep byte
	if sc.kind(j) == tkPunct && isDateSep(sc.n.b[sc.toks[j].s]) && sc.attached(j) && sc.attached(j+1) && sc.kind(j+1) == tkWord {
		sep = sc.n.b[sc.toks[j].s]
		j++
	}
	if sc.kind(j) != tkWord || sc.toks[j].claimed {
		return 0, false
	}
	mo := int(sc.toks[j].ent.month)
	if n := sc.toks[j].e - sc.toks[j].s; sc.toks[j].flags&fMonth == 0 && (n == 3 || n == 5) {
		mo = sc.namedMonthAfterDay(i, j) // "mai", "marco"
	}
	if mo == 0 || !validMD(mo, d) {
		return 0, false
	}
	end := j
	k := j + 1
	if sep != 0 {
		if !sc.isP(k, sep) || !sc.attached(k) || !sc.attached(k+1) || sc.kind(k+1) != tkNum {
			return 0, false
		}
		if _, n := sc.num(k + 1); n != 2 && n != 4 || sc.attached(k+2) && sc.kind(k+2) != tkPunct {
			return 0, false
		}
		if y, n := sc.num(k + 1); n == 4 && (y < 1900 || y > 2099) {
			return 0, false
		}
		sc.addTok(i, k+1, sc.dateType(i), 0.9, prioDate)
		return k + 1, true
	}
	if sc.isP(k, '.') && sc.attached(k) {
		k++
	}
	if sc.isP(k, ',') {
		k++
	}
	if sc.is(k, "de") || sc.is(k, "del") {
		k++
	}
	if y, ok := sc.yearTok(k); ok {
		end = y
	} else if y, ok := sc.shortYearDel(k); ok {
		end = y
	}
	start := i
	if sc.is(i-1, "the") && !sc.toks[i-1].claimed {
		start = i - 1 // "the 16th of April": the article is part of the date
	}
	sc.addTok(start, end, sc.dateType(i), 0.9, prioDate)
	return end, true
}

// oldestSafeYear is the last birth year that does not reveal an age over
// 89: later years may stay, earlier ones are an age identifier.
var oldestSafeYear = time.Now().Year() - 90

// birthYears masks a bare birth year that implies an age over 89
// ("born in 1931", "nací en 1930").
func (sc *scanner) birthYears() {
	if !sc.numbersAny {
		return // a year is a number
	}
	T := sc.toks
	for i := range T {
		if T[i].claimed || T[i].kind != tkNum {
			continue
		}
		v, n := sc.num(i)
		if n != 4 || v < 1880 || v > oldestSafeYear {
			continue
		}
		if sc.dobContext(i) && i-1 >= 0 && (sc.is(i-1, "in") || sc.is(i-1, "en") || sc.flags(i-1)&fDOBCue != 0 || sc.isP(i-1, ':')) {
			sc.addTok(i, i, SpanDOB, 0.8, prioAge)
		}
	}
}

// ages finds ages over 89 ("92 years old", "age 95", "tiene 93 años",
// "91-year-old", "94 y/o"). Younger ages are not identifiers.
func (sc *scanner) ages() {
	if sc.placeAny&shAgeNum != 0 {
		sc.numericAges() // an age from 90 to 125 in digits
	}
	sc.spelledAges()
	sc.decadeAges()
	sc.shorthandAges()
	sc.personAges()
}

// numericAges reads the ages ages describes written in digits.
func (sc *scanner) numericAges() {
	T := sc.toks
	for i := range T {
		if T[i].claimed || T[i].kind != tkNum && T[i].kind != tkAlnum {
			continue
		}
		v, e := sc.ageNumberAt(i)
		if v < 90 || v > 125 {
			continue
		}
		j := e + 1
		if sc.isP(j, '-') && sc.attached(j) {
			j++
		}
		after := sc.flags(j)&fAgeUnit != 0 || sc.misspeltAgeUnit(j) || (sc.is(j, "y") && (sc.isP(j+1, '/') || sc.isP(j+1, '.')) && sc.is(j+2, "o"))
		// "she's 91", "I'm 93": a person's age ending the clause.
		if !after && (sc.is(i-1, "she's") || sc.is(i-1, "he's") || sc.is(i-1, "i'm") || sc.is(i-1, "im") || sc.is(i-1, "am")) &&
			(e+1 >= len(T) || sc.kind(e+1) == tkPunct || sc.is(e+1, "and") || sc.is(e+1, "y")) {
			after = true
		}
		before := false
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			if T[k].flags&fAgeCue != 0 || sc.misspeltTurned(k) {
				before = true
				break
			}
			if !(T[k].kind == tkPunct || sc.is(k, "is") || sc.is(k, "de") || sc.is(k, "of")) {
				break
			}
		}
		if after || before || sc.bareAgeAt(i, e) {
			sc.addTok(i, e, SpanAge, 0.9, prioAge)
		}
	}
}

// ageNumberAt reads the number an age may be at token i and returns it
// with its last token, or -1: up to three digits ("93"), the digits
// typed apart ("9 3", "1 0 2"), or the tens in words with the unit in a
// digit ("ninety9", "noventa3"), as a hurried thumb types them.
func (sc *scanner) ageNumberAt(i int) (int, int) {
	T := sc.toks
	t := &T[i]
	if t.kind == tkAlnum {
		w := sc.txt(i)
		if n := len(w); n >= 7 && isDigit(w[n-1]) && w[n-1] != '0' {
			switch string(w[:n-1]) {
			case "ninety", "noventa", "nonante":
				return 90 + int(w[n-1]-'0'), i
			}
		}
		return -1, i
	}
	v, n := sc.num(i)
	if n == 1 && (v == 9 || v == 1) {
		e := i
		for e+1 < len(T) && e-i < 2 && T[e+1].kind == tkNum && T[e+1].e-T[e+1].s == 1 && T[e+1].s == T[e].e+1 {
			e++
			v = v*10 + T[e].val
		}
		more := e+1 < len(T) && T[e+1].kind == tkNum && T[e+1].s == T[e].e+1 // "1 0 2 3 4" is a code
		if !more && (e-i == 1 && v >= 90 || e-i == 2 && v >= 100) {
			return v, e
		}
		return -1, i
	}
	if n > 3 {
		return -1, i
	}
	return v, i
}

// misspeltAgeUnit reports a word one slip (a letter changed, added,
// dropped or two swapped) from "years" or "años"/"anos" with the same
// first letter, read after a number from 90 to 125: "93 ysers old", "93
// yaers", "tiene 93 añso".
func (sc *scanner) misspeltAgeUnit(j int) bool {
	if sc.kind(j) != tkWord {
		return false
	}
	w := sc.word(j)
	if len(w) < 4 || len(w) > 6 {
		return false
	}
	switch w[0] {
	case 'y':
		return editWithin(w, "years", 1) && !editWithin(w, "yards", 1) && !editWithin(w, "yard", 1) // "95 yeard line"
	case 'a':
		return editWithin(w, "anos", 1) && !sc.is(j, "ands") && !sc.is(j, "anus")
	}
	return false
}

// spelledAges finds ages over 89 written in words: "ninety-two years
// old", "noventa y cinco años", "a hundred and one", "cento e três anos",
// "cent deux ans".
func (sc *scanner) spelledAges() {
	if sc.trigAny&trigSpelledAge == 0 {
		return // every age read here opens with one of its words
	}
	T := sc.toks
	for i := range T {
		// "ninety", "noventa", "hundred", "cien", "ciento", "cem", "cento", "cent".
		if T[i].claimed || T[i].kind != tkWord || T[i].trig&trigSpelledAge == 0 {
			continue
		}
		end := i
		if e, ok := sc.frenchNinety(i); ok {
			end = e
		} else if sc.is(i, "quatre") {
			continue // "quatre ans": four
		} else {
			k := i + 1
			if sc.isP(k, '-') || sc.is(k, "y") || sc.is(k, "and") {
				k++
			}
			if unitWord(sc.word(k)) {
				end = k
			} else if (sc.is(i, "noventa") || sc.is(i, "cento")) && sc.is(k, "e") && portugueseUnitWord(sc.word(k+1)) {
				end = k + 1 // "noventa e dois", "cento e três"
			} else if sc.is(i, "cent") && frenchUnitWord(sc.word(k)) {
				end = k // "cent deux"
			}
		}
		j := end + 1
		if sc.isP(j, '-') {
			j++
		}
		// "one hundred", "a hundred and two": the count word belongs to it.
		st := i
		if (sc.is(i, "hundred") || sc.is(i, "cien")) && (sc.is(i-1, "one") || sc.is(i-1, "a") && (sc.flags(i-2)&fAgeCue != 0 || sc.isP(i-2, '(') || sc.is(i-2, "at") ||
			end > i && sc.bareAgeAt(i-1, end))) && !sc.toks[i-1].claimed {
			st = i - 1 // "one hundred", "is like a hundred and two"
		}
		if sc.flags(j)&fAgeUnit != 0 || sc.flags(st-1)&fAgeCue != 0 || sc.bareAgeAt(st, end) || sc.appositive(st, end) || sc.ageAside(st, end) || sc.intlAgeAt(st, end) {
			sc.addTok(st, end, SpanAge, 0.85, prioAge)
		}
	}
}

// unitWord reports a number word from one to nine (EN/ES).
func unitWord(w []byte) bool {
	switch string(w) {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"uno", "un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve":
		return true
	}
	return false
}

// portugueseUnitWord reports a Portuguese number word from one to nine.
func portugueseUnitWord(w []byte) bool {
	switch string(w) {
	case "um", "uma", "dois", "duas", "tres", "quatro", "cinco", "seis", "sete", "oito", "nove":
		return true
	}
	return false
}

// frenchUnitWord reports a French number word from one to nine.
func frenchUnitWord(w []byte) bool {
	switch string(w) {
	case "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf":
		return true
	}
	return false
}

// frenchNinety reads the French numbers from 90 to 99 that open at token
// i: "quatre-vingt-dix", "quatre-vingt-treize", "quatre vingt dix-sept",
// and the Belgian and Swiss "nonante", "nonante-trois". It returns the
// last token of the number.
func (sc *scanner) frenchNinety(i int) (int, bool) {
	k := i + 1
	if sc.is(i, "quatre") {
		if sc.isP(k, '-') {
			k++
		}
		if !sc.is(k, "vingt") && !sc.is(k, "vingts") {
			return 0, false
		}
		k++
		if sc.isP(k, '-') {
			k++
		}
		switch string(sc.word(k)) {
		case "onze", "douze", "treize", "quatorze", "quinze", "seize":
			return k, true
		case "dix":
		default:
			return 0, false // "quatre-vingts": eighty
		}
	} else if !sc.is(i, "nonante") {
		return 0, false
	} else {
		k = i
	}
	// "…dix" or "nonante", then "-sept", "-et-un", "-trois".
	if n, _ := sc.frenchUnitAfter(k); n > k {
		return n, true
	}
	return k, true
}

// frenchUnitAfter reads the unit that may follow the French tens word at
// token k: "-sept", "-et-un", " et un", " trois". It returns the unit's
// token, or k when none follows, and whether a dash or "et" joined it.
func (sc *scanner) frenchUnitAfter(k int) (int, bool) {
	n := k + 1
	if sc.isP(n, '-') {
		n++
	}
	if sc.is(n, "et") {
		n++
		if sc.isP(n, '-') {
			n++
		}
	}
	if !frenchUnitWord(sc.word(n)) {
		return k, false
	}
	return n, n > k+1
}

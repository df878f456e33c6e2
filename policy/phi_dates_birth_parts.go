package policy

// Dates of birth given in parts. Asked for a date of birth, patients
// answer the way they would say it at the front desk: "fourteen oh three
// seventy-seven", "the ninth of the third, eighty-eight", "day 23, month
// 11, year '91", "born in March, on the 4th, year 1967", "el 5 del 5 del
// 85", "quatorze juillet quatre-vingt-trois", "dia primeiro de outubro de
// oitenta", "1 9 / 0 4 / 1 9 8 2". Beside a birth cue, the date parts of
// one clause (days, months, years in digits, in words or by name, and the
// words that join them) belong to the date of birth, however spelled.

// birthGlue reports a word that joins the parts of a date said aloud:
// "the ninth of the third", "day 23, month 11", "el 5 del 5", "le trois
// avril", "dia primeiro de outubro de oitenta", "1 st of May".
func birthGlue(w []byte) bool {
	switch string(w) {
	case "the", "of", "on", "in", "day", "month", "year", "and", "st", "nd", "rd", "th",
		"el", "del", "de", "dia", "mes", "ano", "en",
		"do", "da", "no", "em",
		"le", "du", "jour", "mois", "annee", "en l'an":
		return true
	}
	return false
}

// ordinalWords are the words ordinalValue reads (trigOrdinalWord).
var ordinalWords = []string{"first", "primero", "primer", "primeiro", "premier", "premiere", "second", "third", "fourth",
	"fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
	"fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth"}

// ordinalValue is the day an ordinal word names ("ninth", "third",
// "eleventh", "primero", "premier"), or -1.
func ordinalValue(w []byte) int {
	switch string(w) {
	case "first", "primero", "primer", "primeiro", "premier", "premiere":
		return 1
	case "second":
		return 2
	case "third":
		return 3
	case "fourth":
		return 4
	case "fifth":
		return 5
	case "sixth":
		return 6
	case "seventh":
		return 7
	case "eighth":
		return 8
	case "ninth":
		return 9
	case "tenth":
		return 10
	case "eleventh":
		return 11
	case "twelfth":
		return 12
	case "thirteenth":
		return 13
	case "fourteenth":
		return 14
	case "fifteenth":
		return 15
	case "sixteenth":
		return 16
	case "seventeenth":
		return 17
	case "eighteenth":
		return 18
	case "nineteenth":
		return 19
	case "twentieth":
		return 20
	case "thirtieth":
		return 30
	}
	return -1
}

// birthPartAt reads one part of a date at token k: a month's name, a
// number in digits (one or two digits, a year of four, "'91", "4th",
// digits typed apart "1 9 8 2"), a year in words ("nineteen-ninety",
// "mil novecientos ochenta"), an ordinal ("the ninth", "twenty-first"),
// "oh three", or a number below a hundred in words. It returns its
// value, whether it is a month's name or a year of four digits, and its
// last token; last is -1 when token k is no date part.
func (sc *scanner) birthPartAt(k int) (v int, month, year bool, last int) {
	T := sc.toks
	if k >= len(T) {
		return 0, false, false, -1
	}
	t := &T[k]
	switch t.kind {
	case tkNum:
		v, n := sc.num(k)
		if n == 1 {
			// Digits typed apart: "1 9 / 0 4 / 1 9 8 2".
			e := k
			for e+1 < len(T) && T[e+1].kind == tkNum && T[e+1].e-T[e+1].s == 1 && T[e+1].s == T[e].e+1 && e-k < 3 {
				e++
				v = v*10 + int(sc.n.b[T[e].s]-'0')
			}
			return v, false, e-k == 3 && v >= 1900 && v <= 2099, e
		}
		if n == 2 || n == 4 && v >= 1900 && v <= 2099 {
			return v, false, n == 4, k
		}
		return 0, false, false, -1
	case tkAlnum:
		if d, ok := sc.dayTok(k); ok {
			return d, false, false, k
		}
		return 0, false, false, -1
	case tkPunct:
		if t.punct == '\'' && sc.kind(k+1) == tkNum && sc.attached(k+1) {
			if v, n := sc.num(k + 1); n == 2 {
				return v, false, false, k + 1
			}
		}
		return 0, false, false, -1
	}
	if t.ent.month != 0 {
		return int(t.ent.month), true, false, k
	}
	if t.trig&(trigDigitWord|trigNumberWord|trigYearStart|trigOrdinalWord) == 0 && !sc.is(k, "marco") && !sc.is(k, "mai") {
		return 0, false, false, -1 // no number, month or year word
	}
	// Portuguese "março" and French "mai" are also given names, which the
	// lexicon holds them as: after "de" or a day they are the month.
	if sc.is(k, "marco") && sc.is(k-1, "de") {
		return 3, true, false, k
	}
	if sc.is(k, "mai") && (sc.kind(k-1) == tkNum || sc.flags(k-1) == 0 && sc.toks[k-1].trig&(trigDigitWord|trigNumberWord) != 0 || sc.is(k-1, "premier")) {
		return 5, true, false, k
	}
	w := sc.txt(k)
	if d := ordinalValue(w); d > 0 {
		return d, false, false, k
	}
	if sc.is(k, "nineteen") || sc.is(k, "eighteen") {
		// "nineteen-ninety", "nineteen ninety-one", "nineteen oh five".
		n := k + 1
		if sc.isP(n, '-') && sc.attached(n) {
			n++
		}
		if sc.is(n, "oh") {
			if u := sc.unitAt(n + 1); u > 0 {
				return 1900 + u, false, true, n + 1
			}
		}
		if tv, e := sc.tensAt(n); tv >= 20 {
			return 1800 + 100*boolInt(sc.is(k, "nineteen")) + tv, false, true, e
		}
	}
	if t.trig&trigYearStart != 0 || sc.is(k, "mil") {
		if e, ok := sc.spelledYear(k); ok && e > k {
			return 1900, false, true, e
		}
	}
	if sc.is(k, "oh") || sc.is(k, "zero") || sc.is(k, "cero") {
		if u := sc.unitAt(k + 1); u > 0 {
			return u, false, false, k + 1
		}
		return 0, false, false, -1
	}
	if tv, e := sc.tensAt(k); tv >= 20 {
		// "twenty-first": a tens word before an ordinal.
		n := k + 1
		if sc.isP(n, '-') && sc.attached(n) {
			n++
		}
		if e == k {
			if d := ordinalValue(sc.word(n)); d > 0 && d < 10 {
				return tv + d, false, false, n
			}
		}
		return tv, false, false, e
	}
	if v, _, e := sc.belowHundredAt(k); v > 0 {
		return v, false, false, e
	}
	return 0, false, false, -1
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// birthCueAt reports a birth cue at token k: the lexicon's ("dob",
// "born", "date of birth", "nací", "nasci", "naissance") or French "né
// le", "née le", which the lexicon leaves out for the negation "ne".
func (sc *scanner) birthCueAt(k int) bool {
	if k < 0 || k >= len(sc.toks) {
		return false
	}
	return sc.toks[k].flags&fDOBCue != 0 || sc.is(k, "ne") && (sc.is(k+1, "le") || sc.is(k+1, "en"))
}

// birthDateParts masks the parts of a date of birth said in one clause
// beside a birth cue: a birth cue within five tokens before the first part
// or eight after the last ("3rd of the 12th, '49 is my mother's date of
// birth"). The parts must make a whole date, three of them: a month's
// name and two numbers, or three numbers of which two are a valid day
// and month. A day and a month alone ("dob 11-Nov") are left to the date
// readers. "Born in March" alone is a month, which a twelfth of the
// clinic's patients share, not a date, and stays; so do "born in the
// USA", "born at 32 weeks" and "I was born ready".
func (sc *scanner) birthDateParts() {
	T := sc.toks
	// Only tokens a cue can reach start a date: five after one, or the
	// length of a date said in parts before one.
	from := 0 // the first token not yet tried
	for c := range T {
		if T[c].flags&fDOBCue == 0 && T[c].trig&trigBornFr == 0 || !sc.birthCueAt(c) {
			continue
		}
		for i := max(c-24, from); i < len(T) && i <= c+5; i++ {
			from = i + 1
			if T[i].kind == tkPunct && T[i].punct != '\'' {
				continue
			}
			if e := sc.birthDateFrom(i); e > i {
				i = e
				from = e + 1
			}
		}
	}
}

// birthDateFrom masks a date of birth said in parts from token i
// (birthDateParts) and returns its last token, or -1.
func (sc *scanner) birthDateFrom(i int) int {
	T := sc.toks
	// A date has three parts: a fourth is a telephone's or a code's
	// group ("06 12 34 56 78").
	var vals [4]int
	n, months, years, last := 0, 0, 0, -1
	for k := i; k >= 0 && n < len(vals); k = sc.nextBirthPart(last) {
		v, m, y, e := sc.birthPartAt(k)
		if e < 0 {
			break
		}
		vals[n] = v
		n++
		months += boolInt(m)
		years += boolInt(y)
		last = e
	}
	if n != 3 {
		return -1
	}
	ok := months == 1
	if months == 0 {
		ok = validMD(vals[0], vals[1]) || validMD(vals[1], vals[0]) ||
			years > 0 && (validMD(vals[1], vals[2]) || validMD(vals[2], vals[1]))
	}
	if !ok {
		return -1
	}
	cue := false
	for k := i - 1; k >= 0 && k >= i-5 && !cue; k-- {
		cue = sc.birthCueAt(k)
	}
	for k := last + 1; k < len(T) && k <= last+8 && !cue; k++ {
		cue = sc.birthCueAt(k)
	}
	if !cue {
		return -1
	}
	// The words that open a day said aloud are the date's: "the
	// ninth of the third", "dia primeiro de outubro"; the article
	// before a Spanish or French date ("nació el 5 de mayo") is the
	// sentence's, as the date readers keep it.
	s := i
	for s > 0 && i-s < 2 && (sc.is(s-1, "the") || sc.is(s-1, "dia") || sc.is(s-1, "day")) {
		s--
	}
	sc.addTok(s, last, SpanDOB, 0.85, prioDate)
	return last
}

// nextBirthPart steps over what joins two parts of a date after token e
// (a comma, a slash, a dash, a bar, a dot between digits, up to three
// joining words) and returns the token where the next part starts, or -1.
func (sc *scanner) nextBirthPart(e int) int {
	T := sc.toks
	for k, glue := e+1, 0; k < len(T) && glue <= 3; k++ {
		if _, _, _, pe := sc.birthPartAt(k); pe >= 0 {
			return k
		}
		switch {
		case T[k].kind == tkPunct && (T[k].punct == ',' || T[k].punct == '/' || T[k].punct == '-' || T[k].punct == '|' ||
			T[k].punct == '.' && sc.attached(k) && sc.attached(k+1)):
		case T[k].kind == tkWord && birthGlue(sc.txt(k)):
			glue++
		default:
			return -1
		}
	}
	return -1
}

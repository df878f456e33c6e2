package policy

import (
	"bytes"
	"sort"
)

// idFiller reports words and marks that sit between a cue and its value:
// "MRN: 123", "member id is 123", "número de póliza es 123".
func (sc *scanner) idFiller(i int) bool {
	if i >= len(sc.toks) {
		return false
	}
	switch sc.toks[i].kind {
	case tkPunct:
		c := sc.n.b[sc.toks[i].s]
		return c == ':' || c == '#' || c == '-' || c == '.' || c == '=' || c == '(' || c == ')'
	case tkWord:
		switch string(sc.txt(i)) {
		case "is", "es", "number", "no", "num", "nbr", "nro", "numero", "id", "my", "mi", "su", "the",
			"el", "la", "of", "de", "his", "her", "our", "nuestro", "code", "codigo", "n", "was", "era", "son",
			"fue", "says", "reads", "shows", "dice", "are", "on", "en", "del",
			"e", "est", "c'est", "do", "da", "du", // Portuguese "é" folded, French "c'est", "du", Portuguese "do", "da"
			// The thing the number is on: "número de série do aparelho".
			"aparelho", "aparato", "appareil", "boitier", "dispositivo", "dispositif", "equipo", "device", "unit":
			return true
		}
	}
	return false
}

// idValue reads an identifier starting at token j: letters and digits
// joined by dashes, dots or slashes, or digit groups separated by single
// spaces. It returns the last token and whether the value is long enough.
func (sc *scanner) idValue(j int, minLen int) (int, bool) {
	T := sc.toks
	if j >= len(T) || T[j].claimed {
		return 0, false
	}
	k := T[j].kind
	if k == tkPunct {
		return 0, false
	}
	end := j
	if k == tkWord {
		// A plate or id that opens with letters: "ABC-1234", "ABC 1234".
		// A single letter before a dash is a prefix, not the article:
		// "A-0045-123".
		letterPrefix := T[j].e-T[j].s == 1 && sc.isP(j+1, '-') && sc.attached(j+1) && sc.attached(j+2)
		if T[j].e-T[j].s > 4 || T[j].flags&fStop != 0 && !letterPrefix {
			return 0, false
		}
		nx := j + 1
		if (sc.isP(nx, '-') || sc.isP(nx, '/')) && sc.attached(nx) && sc.attached(nx+1) && (sc.kind(nx+1) == tkNum || sc.kind(nx+1) == tkAlnum) {
			end = nx + 1
		} else if sc.spacedGroupSep(nx) && sc.allUpper(j) {
			// "CA / 91 / 4402 / 77R": the issuer's capitals set apart
			// from the digits as the rest of the groups are.
			end = nx + 1
		} else if sc.kind(nx) == tkNum || sc.kind(nx) == tkAlnum {
			end = nx
		} else {
			return 0, false
		}
	}
	for {
		nx := end + 1
		if nx >= len(T) || T[nx].claimed {
			break
		}
		if !T[nx].space && T[nx].kind == tkPunct {
			c := sc.n.b[T[nx].s]
			if (c == '-' || c == '.' || c == '/') && nx+1 < len(T) && !T[nx+1].space && T[nx+1].kind != tkPunct && !T[nx+1].claimed {
				end = nx + 1
				continue
			}
			break
		}
		// "PLX 009 - 442 - 17", "CA / 91 / 4402": groups set apart by
		// a dash, slash or bar with a space on either side.
		if T[end].kind != tkWord && sc.spacedGroupSep(nx) && !sc.yearRange(end, nx+1) {
			end = nx + 1
			continue
		}
		if T[nx].space && T[nx].kind == tkNum && (T[end].kind == tkNum || T[end].kind == tkAlnum) && T[nx].e-T[nx].s <= 5 {
			end = nx
			continue
		}
		// "1Z 4E7 W92 03 1177": groups of capitals and digits printed
		// apart, as a courier's or a maker's label prints them.
		if T[nx].space && T[nx].kind == tkAlnum && T[end].kind != tkWord && T[nx].e-T[nx].s <= 5 && sc.allUpper(nx) && !sc.allUpperText() {
			end = nx
			continue
		}
		break
	}
	alnum, digits := 0, 0
	for t := j; t <= end; t++ {
		for _, c := range sc.txt(t) {
			if isDigit(c) {
				digits++
				alnum++
			} else if isWordByte(c) {
				alnum++
			}
		}
	}
	return end, digits >= 2 && alnum >= minLen
}

// spacedGroupSep reports a dash, slash or bar at token i with a space on
// either side, before an unclaimed group of digits, or of capitals and
// digits, of at most six characters: the next group of an identifier
// typed apart.
func (sc *scanner) spacedGroupSep(i int) bool {
	if i+1 >= len(sc.toks) || !sc.toks[i].space || !sc.toks[i+1].space || sc.toks[i+1].claimed {
		return false
	}
	if !sc.isP(i, '-') && !sc.isP(i, '/') && !sc.isP(i, '|') {
		return false
	}
	n := sc.toks[i+1]
	return n.e-n.s <= 6 && (n.kind == tkNum || n.kind == tkAlnum)
}

// yearRange reports two years at tokens i and j: "member since 2019 -
// 2021" is a span of time, not one number.
func (sc *scanner) yearRange(i, j int) bool {
	a, n := sc.num(i)
	b, m := sc.num(j)
	return n == 4 && m == 4 && a >= 1900 && a <= 2100 && b >= 1900 && b <= 2100
}

// cueIDs finds identifiers announced by a context word: MRN, member and
// policy numbers, accounts, licences, plates, device serials, other codes.
func (sc *scanner) cueIDs() {
	for _, m := range sc.marks {
		if m.e.cue != cueID && m.e.cue != cueSSN {
			continue
		}
		j := m.te
		for f := 0; f < 4 && sc.idFiller(j) && !sc.opensCodeApart(j); f++ {
			j++
		}
		minLen := 5
		if m.e.idType == SpanVehicle {
			minLen = 4
		}
		// "serial ending in 4417", "card ends with 0092": the last digits
		// the writer gives are the identifier's, four of them enough.
		if (sc.is(j, "ending") || sc.is(j, "ends")) && (sc.is(j+1, "in") || sc.is(j+1, "with")) ||
			(sc.is(j, "starting") || sc.is(j, "starts") || sc.is(j, "started") || sc.is(j, "begins")) && sc.is(j+1, "with") {
			j += 2
			minLen = 4
		}
		end, ok := sc.idValue(j, minLen)
		if j < len(sc.toks) {
			// "member id A B C one two three four five", "serial N G 1 9 9
			// 3 0 2 1 H": an identifier read out a character at a time,
			// which idValue reads only the start of.
			if _, one := sc.apartChar(j); one {
				if e, apart := sc.cuedCodeApart(j, true); apart && (!ok || e > end) {
					end, ok = e, true
				}
			}
		}
		if !ok || sc.moneyAmount(j, end) {
			continue
		}
		if m.e.idType == SpanVehicle {
			end = sc.plateTail(j, end)
		}
		t := m.e.idType
		if m.e.cue == cueSSN {
			t = SpanSSN
		}
		// "MRN-00482913", "acct-4829173": a short cue joined to its number
		// by a dash is the number's own prefix, written as part of it.
		start := j
		if j == m.te+1 && m.ts == m.te-1 && sc.isP(m.te, '-') && sc.attached(m.te) && sc.attached(j) &&
			sc.kind(m.ts) == tkWord && sc.toks[m.ts].e-sc.toks[m.ts].s <= 5 && !sc.toks[m.ts].claimed {
			start = m.ts
		}
		if t == SpanLicense && (sc.is(m.te-1, "npi")) && !ValidNPI(sc.compact(j, end)) {
			// A ten-digit "NPI" that fails its check digit is still an identifier.
			t = SpanID
		}
		sc.addTok(start, end, t, 0.9, prioCueID)
	}
}

// compact returns the letters and digits of tokens [i, j], without separators.
func (sc *scanner) compact(i, j int) string {
	sc.digits = sc.digits[:0]
	for t := i; t <= j; t++ {
		if sc.toks[t].kind != tkPunct {
			sc.digits = append(sc.digits, sc.txt(t)...)
		}
	}
	return string(sc.digits)
}

// compactLen is len(sc.compact(i, j)).
func (sc *scanner) compactLen(i, j int) int {
	n := 0
	for t := i; t <= j; t++ {
		if sc.toks[t].kind != tkPunct {
			n += int(sc.toks[t].e - sc.toks[t].s)
		}
	}
	return n
}

// validated finds identifiers whose shape and check digit speak for
// themselves: VINs, DEA numbers, Medicare beneficiary identifiers.
func (sc *scanner) validated() {
	if !sc.numbersAny {
		return // each starts at a number or a code
	}
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].claimed || T[i].kind != tkAlnum && T[i].kind != tkNum {
			continue
		}
		// Join up to three dash-separated parts ("1EG4-TE5-MK73").
		end := i
		for p := 0; p < 2; p++ {
			if sc.isP(end+1, '-') && sc.attached(end+1) && sc.attached(end+2) && (sc.kind(end+2) == tkAlnum || sc.kind(end+2) == tkNum) {
				end += 2
			} else {
				break
			}
		}
		for e := end; e >= i; e -= 2 {
			if n := sc.compactLen(i, e); n != 17 && n != 11 && n != 9 {
				continue // no shape below: the string is not built
			}
			s := sc.compact(i, e)
			switch {
			case len(s) == 17 && ValidVIN(s):
				sc.addTok(i, e, SpanVehicle, 0.95, prioValidated)
			case len(s) == 11 && ValidMBI(s):
				sc.addTok(i, e, SpanMemberID, 0.9, prioValidated)
			case len(s) == 9 && e == i && isLetter(s[0]) && ValidDEA(s):
				sc.addTok(i, e, SpanLicense, 0.9, prioValidated)
			default:
				continue
			}
			i = e
			break
		}
	}
}

// digitRuns joins digits separated by spaces, dashes, dots or brackets
// ("5 5 5 - 1 2 3 4", "(555) 123.4567") and classifies the run by length,
// grouping, prefix, check digit and context.
func (sc *scanner) digitRuns() {
	if !sc.numbersAny {
		return // a run starts at a number
	}
	T := sc.toks
	b := sc.n.b
	apartSeps := sc.hasPunct('/') || sc.hasPunct('|')
	for i := 0; i < len(T); i++ {
		if T[i].kind != tkNum || T[i].claimed {
			continue
		}
		// A number glued to a word ("x12", "3rd") is not a run start.
		start := int(T[i].s)
		plus := false
		if sc.isP(i-1, '+') && !T[i-1].claimed {
			plus = true
			start = int(T[i-1].s)
		} else if sc.isP(i-1, '(') && sc.attached(i) {
			start = int(T[i-1].s)
		}
		sc.digits = append(sc.digits[:0], sc.txt(i)...)
		sc.groups = append(sc.groups[:0], len(sc.txt(i)))
		last := i
		// cut is where the run stood before its first group set apart
		// by a slash or a bar (setApartGap), kept to go back to.
		cut, cutDigits, cutGroups := -1, 0, 0
		for k := i + 1; k < len(T); k++ {
			if T[k].kind == tkNum {
				if T[k].claimed {
					break
				}
				if gap := b[T[last].e:T[k].s]; !runGap(gap) {
					if !apartSeps || !setApartGap(gap, plus) || T[k].e-T[k].s < 2 || T[last].e-T[last].s < 2 {
						break
					}
					if cut < 0 {
						cut, cutDigits, cutGroups = last, len(sc.digits), len(sc.groups)
					}
				}
				sc.digits = append(sc.digits, sc.txt(k)...)
				sc.groups = append(sc.groups, len(sc.txt(k)))
				last = k
				continue
			}
			if T[k].kind == tkPunct && (bytes.IndexByte([]byte("-.()_"), b[T[k].s]) >= 0 || apartSeps && (T[k].punct == '/' || T[k].punct == '|')) && !T[k].claimed {
				continue
			}
			break
		}
		if cut >= 0 && len(sc.digits) < 10 {
			// "9 / 10", "120 / 80 / 72", "110 / 125 / 140", "2 | 3":
			// scores, readings and counts are set apart by slashes too;
			// only a telephone number's length, ten digits or more, is
			// read across them, in groups of two digits or more.
			last, sc.digits, sc.groups = cut, sc.digits[:cutDigits], sc.groups[:cutGroups]
		}
		end := int(T[last].e)
		// Runs glued to letters on either side ("a1234567b") are codes,
		// left to the catch-all.
		if (i > 0 && sc.attached(i) && (sc.kind(i-1) == tkWord || sc.kind(i-1) == tkAlnum)) ||
			(last+1 < len(T) && sc.attached(last+1) && (sc.kind(last+1) == tkWord || sc.kind(last+1) == tkAlnum)) {
			i = last
			continue
		}
		if t, conf, ok := sc.classifyRun(i, plus); ok {
			if t == SpanPhone && sc.faxBefore(i) {
				t = SpanFax
			}
			sc.addBytes(start, end, t, conf, prioDigits)
		}
		i = last
	}
}

// digitWord returns the digit a spelled-out number word stands for
// ("five", "cinco", "oh"), or -1.
// digitWords are the words digitWord reads (trigDigitWord).
func digitWords() []string {
	var ws []string
	for _, w := range []string{"zero", "cero", "oh", "o", "one", "uno", "un", "um", "two", "dos", "dois", "duas", "deux",
		"three", "tres", "trois", "four", "cuatro", "quatro", "quatre", "five", "cinco", "cinq", "six", "seis", "seven",
		"siete", "sete", "sept", "eight", "ocho", "oito", "huit", "nine", "nueve", "nove", "neuf"} {
		if digitWord([]byte(w)) < 0 {
			panic("policy: " + w + " is no digit word")
		}
		ws = append(ws, w)
	}
	return ws
}

func digitWord(w []byte) int {
	switch string(w) {
	case "zero", "cero", "oh", "o":
		return 0
	case "one", "uno", "un", "um": // Portuguese "um", French "un"
		return 1
	case "two", "dos", "dois", "duas", "deux":
		return 2
	case "three", "tres", "trois":
		return 3
	case "four", "cuatro", "quatro", "quatre":
		return 4
	case "five", "cinco", "cinq":
		return 5
	case "six", "seis":
		return 6
	case "seven", "siete", "sete", "sept":
		return 7
	case "eight", "ocho", "oito", "huit":
		return 8
	case "nine", "nueve", "nove", "neuf":
		return 9
	}
	return -1
}

// spelledDigits finds numbers typed as words, alone or mixed with digits
// ("five five five, one two three four", "cinco cinco 5 1 2 3 4"), and
// classifies them like any digit run. At least three words and seven
// digits are needed, so "one or two" stays a phrase. A number read out as
// it is said on the telephone (spokenUnit: "double oh", "nine hundred",
// "cuarenta y dos", "soixante-dix-huit", "plus four four") is one too
// when it has a telephone's evidence: a "plus" before its country code, a
// pair or a triple said, a telephone or identifier word beside it, or the
// leading zero and the length of a national number.
func (sc *scanner) spelledDigits() {
	T := sc.toks
	b := sc.n.b
	spoken := sc.trigAny&trigNumberWord != 0
	// Every run read here holds three digit words or more, or, said
	// aloud, two number words or more.
	words := 0
	for i := 0; i < len(T) && words < 3 && sc.trigAny&(trigDigitWord|trigNumberWord) != 0; i++ {
		if T[i].trig&(trigDigitWord|trigNumberWord) != 0 {
			words++
		}
	}
	if words < 3 && !(spoken && words == 2) {
		return
	}
	for i := 0; i < len(T); i++ {
		if T[i].claimed {
			continue
		}
		// first is where the digits start, after a "plus" or a "+".
		first, plus, start := i, false, i
		switch {
		case T[i].kind == tkWord && digitWord(sc.txt(i)) >= 0:
		case T[i].kind == tkWord && spoken && plusWord(sc.txt(i)):
			plus, first = true, i+1
		case T[i].kind == tkWord && spoken && T[i].trig&trigNumberWord != 0:
		case T[i].kind == tkNum && T[i].e-T[i].s <= 3 && sc.isP(i-1, '+') && !T[i-1].claimed && sc.kind(i+1) == tkWord &&
			(digitWord(sc.txt(i+1)) >= 0 || T[i+1].trig&trigNumberWord != 0):
			// "+1 two one two 555 0199": the code in digits, the rest said.
			plus, start = true, i-1
		default:
			continue
		}
		weak := sc.is(i, "o") || sc.is(i, "oh") || sc.is(i, "un") || sc.is(i, "um")
		sc.digits = sc.digits[:0]
		sc.groups = sc.groups[:0]
		words, last, rich, repeat := 0, -1, false, false
		prevEnd := -1 // end of the last piece read, a said dash included
		if plus {
			// "plus" said, or "+" typed before a code in digits.
			words, rich = 1, true
			if first > i {
				prevEnd = int(T[i].e)
			}
		}
		for k := first; k < len(T); k++ {
			if T[k].claimed && !(words > 0 && (T[k].kind == tkNum || T[k].kind == tkPunct) && !sc.datedAt(k)) {
				break
			}
			if prevEnd >= 0 && !runGap(b[prevEnd:T[k].s]) && !(b[T[k].s-1] == ' ' && bytes.IndexByte(b[prevEnd:T[k].s], ',') >= 0 && int(T[k].s)-prevEnd <= 3) &&
				string(b[prevEnd:T[k].s]) != " | " {
				if T[k].kind == tkPunct {
					continue
				}
				break
			}
			if T[k].kind == tkWord {
				if spoken {
					if e, rep := sc.spokenUnit(k); e >= k {
						words++
						rich = true
						repeat = repeat || rep
						last, k, prevEnd = e, e, int(T[e].e)
						continue
					}
				}
				if last >= 0 && dashWord(sc.txt(k)) {
					prevEnd = int(T[k].e)
					continue
				}
				d := digitWord(sc.txt(k))
				if d < 0 {
					break
				}
				sc.digits = append(sc.digits, byte('0'+d))
				sc.groups = append(sc.groups, 1)
				words++
				last, prevEnd = k, int(T[k].e)
				continue
			}
			if T[k].kind == tkNum {
				sc.digits = append(sc.digits, sc.txt(k)...)
				sc.groups = append(sc.groups, len(sc.txt(k)))
				last, prevEnd = k, int(T[k].e)
				continue
			}
			if T[k].kind == tkPunct {
				continue
			}
			break
		}
		if last < 0 {
			continue
		}
		if rich {
			if t, ok := sc.spokenPhone(i, last, plus, repeat, weak, words); ok {
				sc.addBytes(int(T[start].s), int(T[last].e), t, 0.8, prioDigits)
				i = last
			}
			continue
		}
		// "oh" or "un" opening a run is mostly the interjection or the
		// article; it is the leading zero of a national number said
		// whole ("oh six one two three, four five six, seven eight").
		if weak && !sc.zipCueBefore(i) && !(sc.digits[0] == '0' && (len(sc.digits) == 10 || len(sc.digits) == 11) && !sc.isP(i+1, ',')) {
			continue
		}
		if words >= 3 && len(sc.digits) >= 4 && len(sc.digits) <= 9 && sc.zipCueBefore(i) {
			// "zip is nine oh two one oh", "código postal dos ocho…".
			sc.addTok(i, last, SpanZIP, 0.8, prioZIP)
			i = last
			continue
		}
		if words == 5 && len(sc.digits) == 5 && (last+1 >= len(T) || T[last+1].kind == tkPunct) && !countingRun(sc.digits) {
			// Five digits spelled one word each and ending the clause: the
			// shape of a US ZIP said aloud ("we're in six oh six one four").
			sc.addTok(i, last, SpanZIP, 0.6, prioZIP)
			i = last
			continue
		}
		if words < 3 || len(sc.digits) < 7 {
			continue
		}
		// Spelled digits carry no grouping; judge them as one block.
		sc.groups = append(sc.groups[:0], len(sc.digits))
		if t, conf, ok := sc.classifyRun(i, false); ok {
			if t == SpanID && (len(sc.digits) == 7 || len(sc.digits) == 10) {
				t = SpanPhone
			}
			if t == SpanPhone && sc.faxBefore(i) {
				t = SpanFax
			}
			sc.addTok(i, last, t, conf*0.9, prioDigits)
		}
		i = last
	}
}

// spokenPhone judges a number read out with pairs, tens or hundreds, its
// digits in sc.digits, from token i to last: a telephone after a "plus"
// (eight to fifteen digits), else a telephone's or an identifier's
// length (seven to fifteen digits) with a pair or a triple said, a
// telephone or identifier word beside it, or a national number's leading
// zero and ten or eleven digits. "Two hundred and fifty, twenty dollars"
// and "nineteen ninety-nine" have none of these.
func (sc *scanner) spokenPhone(i, last int, plus, repeat, weak bool, words int) (SpanType, bool) {
	n := len(sc.digits)
	if words < 2 || n < 7 || n > 15 {
		return "", false
	}
	if plus {
		return SpanPhone, n >= 8
	}
	zero := sc.digits[0] == '0' && (n == 10 || n == 11)
	if !repeat && !zero && !sc.phoneNounNear(i, last) {
		return "", false
	}
	if weak && words < 3 {
		return "", false
	}
	if sc.faxBefore(i) {
		return SpanFax, true
	}
	if n == 9 && sc.cueBefore(i, cueSSN, 4) {
		return SpanSSN, true
	}
	if n > 12 {
		return SpanID, true
	}
	return SpanPhone, true
}

// datedAt reports a date or birth date candidate over token k: a said
// number runs over the digits of a telephone read before it, never over
// a date's.
func (sc *scanner) datedAt(k int) bool {
	s := sc.toks[k].s
	for _, x := range sc.cands {
		if (x.t == SpanDate || x.t == SpanDOB) && x.s <= s && s < x.e {
			return true
		}
	}
	return false
}

// runGap reports whether the bytes between two digit groups are a
// separator a person types inside one number.
func runGap(g []byte) bool {
	if len(g) == 0 || len(g) > 3 {
		return false
	}
	for _, c := range g {
		switch c {
		case ' ', '-', '.', '(', ')', '_':
		default:
			return false
		}
	}
	return true
}

// setApartGap reports the gap between two groups of a telephone number
// written with a slash or a bar between spaces ("0161 / 496 / 0723",
// "020 | 7946 | 0555"), or, after a "+", a slash alone ("+52
// 55/1234/5678"): without the "+", digits glued by slashes are a date or
// a fraction.
func setApartGap(g []byte, plus bool) bool {
	switch string(g) {
	case " / ", " | ":
		return true
	case "/":
		return plus
	}
	return false
}

// faxBefore reports "fax" shortly before token i.
func (sc *scanner) faxBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if sc.toks[k].flags&fFax != 0 {
			return true
		}
	}
	return false
}

// cueBefore reports a cue of kind c ending within a few tokens before i.
func (sc *scanner) cueBefore(i int, c cueKind, within int) bool {
	// Marks are recorded in text order: look back from the last one that
	// starts before i.
	k := sort.Search(len(sc.marks), func(k int) bool { return sc.marks[k].ts >= i })
	for k--; k >= 0 && sc.marks[k].te >= i-within-4; k-- {
		m := sc.marks[k]
		if m.e.cue == c && m.te <= i && m.te >= i-within {
			return true
		}
	}
	return false
}

// nanp reports a North American number: area and exchange start 2-9.
func nanp(d []byte) bool { return len(d) == 10 && d[0] >= '2' && d[3] >= '2' }

func (sc *scanner) groupsAre(g ...int) bool {
	if len(sc.groups) != len(g) {
		return false
	}
	for i := range g {
		if sc.groups[i] != g[i] {
			return false
		}
	}
	return true
}

func (sc *scanner) allSingle() bool {
	for _, g := range sc.groups {
		if g != 1 {
			return false
		}
	}
	return len(sc.groups) > 1
}

// classifyRun names the digit run held in sc.digits / sc.groups.
func (sc *scanner) classifyRun(i int, plus bool) (SpanType, float32, bool) {
	d := sc.digits
	n := len(d)
	if sc.cueBefore(i, cueSSN, 4) && n == 9 {
		return SpanSSN, 0.95, true
	}
	if plus && n >= 8 && n <= 15 {
		return SpanPhone, 0.95, true
	}
	if n >= 11 && n <= 15 && d[0] == '0' && d[1] == '0' {
		return SpanPhone, 0.85, true
	}
	switch n {
	case 7:
		if sc.groupsAre(3, 4) || sc.allSingle() || sc.groupsAre(3, 2, 2) {
			return SpanPhone, 0.8, true
		}
		return SpanID, 0.5, true
	case 9:
		if sc.groupsAre(3, 2, 4) {
			if ValidSSN(string(d)) {
				return SpanSSN, 0.95, true
			}
			return SpanSSN, 0.6, true
		}
		if sc.groupsAre(5, 4) {
			return SpanZIP, 0.8, true
		}
		if ValidSSN(string(d)) {
			return SpanSSN, 0.6, true
		}
		return SpanID, 0.5, true
	case 10:
		if nanp(d) {
			return SpanPhone, 0.9, true
		}
		if ValidNPI(string(d)) {
			return SpanLicense, 0.7, true
		}
		if sc.groupsAre(3, 3, 4) || d[0] >= '2' {
			// A valid area code with a 0/1 exchange: fictional 555-01xx
			// numbers and typos are still someone's number.
			return SpanPhone, 0.7, true
		}
		return SpanID, 0.5, true
	case 11:
		if d[0] == '1' && nanp(d[1:]) {
			return SpanPhone, 0.9, true
		}
	}
	if n >= 12 && n <= 19 && ValidLuhn(string(d)) {
		return SpanCard, 0.95, true
	}
	if n >= 11 && n <= 13 && len(sc.groups) >= 2 && intlPrefix(d) {
		return SpanPhone, 0.75, true
	}
	if n >= 7 {
		return SpanID, 0.5, true
	}
	return "", 0, false
}

// intlPrefix reports a country calling code of the region's patients.
func intlPrefix(d []byte) bool {
	for _, p := range []string{"52", "34", "57", "54", "51", "56", "58", "53", "593", "502", "503", "504", "505", "506", "507", "44", "55"} {
		if bytes.HasPrefix(d, []byte(p)) {
			return true
		}
	}
	return false
}

// catchAll masks codes that nothing else explains: six or more letters and
// digits with at least three digits ("a7x99k2", "rx4471920"), except values
// with a unit ("1000mg", "250mcg").
func (sc *scanner) catchAll() {
	sc.spokenEmailsMore()
	if sc.kinds&(1<<tkAlnum) == 0 {
		return // each is a code
	}
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.claimed || t.kind != tkAlnum || t.e-t.s < 6 {
			continue
		}
		if t.fuzzy && t.flags&(fClin|fBodyPart) != 0 {
			continue // "v0m1t1ng", "h34d4ch3": a clinical word typed with digits, masked with its statement
		}
		w := sc.txt(i)
		digits := 0
		for _, c := range w {
			if isDigit(c) {
				digits++
			}
		}
		if digits < 3 || unitSuffix(w) {
			continue
		}
		sc.addTok(i, i, SpanID, 0.5, prioCatchAll)
		sc.idJoinedParts(&sc.cands[len(sc.cands)-1], i)
	}
}

// unitSuffix reports a number glued to a unit or ordinal ("1000mg", "3rd").
func unitSuffix(w []byte) bool {
	// Strip the leading number and look at what follows.
	k := 0
	for k < len(w) && isDigit(w[k]) {
		k++
	}
	if k == 0 {
		return false
	}
	rest := w[k:]
	for _, c := range rest {
		if !isWordByte(c) {
			return false
		}
	}
	switch string(rest) {
	case "mg", "mcg", "ml", "kg", "lb", "lbs", "am", "pm", "th", "st", "nd", "rd", "hrs", "hr", "min",
		"mins", "mmhg", "cc", "iu", "yo", "yr", "yrs", "x", "k", "g", "gr", "oz", "cal", "kcal", "ft", "in",
		"cm", "mm", "km", "mi", "miles", "h", "s", "ms", "mgdl", "units", "u", "mmol", "bpm", "dias",
		"days", "weeks", "meses", "anos":
		return true
	}
	return false
}

// zipCueBefore reports a postcode cue ("zip", "zip code is", "código
// postal:") within the four tokens before i.
func (sc *scanner) zipCueBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if sc.toks[k].flags&fZipCue != 0 {
			return true
		}
	}
	return false
}

// countingRun reports digits that count up or down ("one two three four
// five"): counting, not a code.
func countingRun(d []byte) bool {
	up, down := true, true
	for i := 1; i < len(d); i++ {
		up = up && d[i] == d[i-1]+1
		down = down && d[i]+1 == d[i-1]
	}
	return up || down
}

// plateTail extends a plate after its cue over a second group written
// apart, as British ("KJ19 ABC"), Spanish ("1234 BCD") and many other
// plates are: two to four capitals or digits, the whole plate at most
// eight characters. A lower-case word after the plate ("plate 7XYZ123
// please") is the sentence going on.
func (sc *scanner) plateTail(j, end int) int {
	for g := 0; g < 2; g++ {
		n := end + 1
		if n >= len(sc.toks) || !sc.toks[n].space || sc.toks[n].claimed || sc.kind(n) == tkPunct {
			return end
		}
		if l := sc.toks[n].e - sc.toks[n].s; l < 2 || l > 4 {
			return end
		}
		// In lower case, only a group no dictionary lists ("lk68 xyz"):
		// "plate 7xyz123 please" goes on with the sentence.
		if sc.kind(n) != tkNum && !sc.allUpper(n) && !sc.plateLetters(n, true) && !(sc.kind(n) == tkAlnum && sc.toks[n].flags == 0) {
			return end
		}
		// Most plates hold at most eight characters; India's hold ten
		// ("KA 01 AB 1234"). A group that is also a word ("NR589 TO")
		// counts only in capitals within the eight.
		limit := 10
		if sc.kind(n) == tkWord && sc.toks[n].flags&(fStop|fNotName) != 0 {
			if sc.allUpperText() || !sc.allUpper(n) {
				return end
			}
			limit = 8
		}
		if sc.compactLen(j, n) > limit {
			return end
		}
		end = n
	}
	return end
}

// idPrefixes stretches an identifier found by its digits back over the
// letters its issuer writes before them, joined by a dash (or set apart
// like its groups, "PLX - 009 - 442"): "INV-2024-00481",
// "ACC-48291736", "PT-482913". The letters are part of the number as it is
// printed on the bill or the card; read alone, the digits are most of it
// but not all.
func (sc *scanner) idPrefixes() {
	T := sc.toks
	for c := range sc.cands {
		x := &sc.cands[c]
		switch x.t {
		case SpanMRN, SpanAccount, SpanMemberID, SpanID, SpanSSN, SpanLicense, SpanVehicle, SpanDevice, SpanPhone:
		default:
			continue
		}
		if x.t != SpanPhone && x.t != SpanVehicle {
			sc.idLetterGroups(x)
		}
		k := sc.tokenStartingAt(x.s)
		if x.t != SpanPhone {
			sc.idJoinedParts(x, k)
		}
		// "PLX - 009 - 442 - 17": the letters set apart as the digit
		// groups are, a dash, slash or bar between spaces, for a
		// record number; a telephone number's lead words stay words.
		spaced := x.t != SpanPhone && k >= 2 && sc.toks[k].space && sc.toks[k-1].space &&
			(sc.isP(k-1, '-') || sc.isP(k-1, '/') || sc.isP(k-1, '|'))
		if k < 2 || !spaced && (!sc.isP(k-1, '-') || !sc.attached(k) || !sc.attached(k-1)) {
			continue
		}
		p := k - 2
		if T[p].claimed || T[p].kind != tkWord && T[p].kind != tkAlnum || T[p].e-T[p].s > 4 || !sc.allUpper(p) ||
			p > 0 && sc.attached(p) && sc.kind(p-1) != tkPunct {
			continue
		}
		x.s = T[p].s
		T[p].claimed, T[k-1].claimed = true, true
	}
}

// idJoinedParts stretches an identifier over the parts its maker joins
// to it: a name joined by an underscore ("BPcuff_5F22A9", a device's
// Bluetooth name) and a check group after a dash ("MGGM301-K0883").
func (sc *scanner) idJoinedParts(x *cand, k int) {
	T := sc.toks
	if k >= 2 && sc.isP(k-1, '_') && sc.attached(k) && sc.attached(k-1) && !T[k-2].claimed &&
		(T[k-2].kind == tkWord || T[k-2].kind == tkAlnum) && T[k-2].e-T[k-2].s <= 10 {
		x.s = T[k-2].s
		T[k-2].claimed, T[k-1].claimed = true, true
	}
	if e := sc.tokenEndingAt(x.e); e >= 0 && e+2 < len(T) && sc.isP(e+1, '-') && sc.attached(e+1) && sc.attached(e+2) &&
		!T[e+2].claimed && (T[e+2].kind == tkAlnum || T[e+2].kind == tkNum) && sc.allUpper(e+2) &&
		(e+3 >= len(T) || !sc.attached(e+3) || sc.kind(e+3) == tkPunct && !sc.isP(e+3, '-')) {
		x.e = T[e+2].e
		T[e+1].claimed, T[e+2].claimed = true, true
	}
}

// idLetterGroups stretches a card or record number found by its digits
// over the capital letter groups printed apart from them: the four
// letters that open a Quebec health card ("BERM 7012 0314"), a Spanish
// health card's "BBBB", an insurer's "MGN", and the check characters
// after a Portuguese citizen card's number ("12345678 9 ZZ1"). Written in
// capitals in a message that is not, the group is the card's even when it
// spells a word ("BERM"); a label or a listed word ("DNI", "CPF", "NHS")
// stays outside.
func (sc *scanner) idLetterGroups(x *cand) {
	T := sc.toks
	group := func(k int) bool {
		return k >= 0 && k < len(T) && !T[k].claimed && T[k].space && (T[k].kind == tkWord || T[k].kind == tkAlnum) &&
			T[k].e-T[k].s >= 2 && T[k].e-T[k].s <= 4 && T[k].flags == 0 && T[k].ent.cue == cueNone && sc.n.hasUpper &&
			sc.allUpper(k) && !sc.allUpperText()
	}
	if k := sc.tokenStartingAt(x.s); k >= 1 && T[k].space && T[k].kind == tkNum && group(k-1) {
		x.s = T[k-1].s
		T[k-1].claimed = true
	}
	if k := sc.tokenEndingAt(x.e); k >= 0 && k+1 < len(T) && T[k].kind == tkNum && T[k+1].kind == tkAlnum && group(k+1) &&
		(k+2 >= len(T) || T[k+2].kind == tkPunct || !T[k+2].space || T[k+2].kind == tkWord && !sc.allUpper(k+2)) {
		T[k+1].claimed = true
		x.e = T[k+1].e
	}
	// "4417-2291-XK": letters joined by a dash after the digits another
	// reader took.
	if k := sc.tokenEndingAt(x.e); k >= 0 && k+2 < len(T) && T[k].kind == tkNum && sc.isP(k+1, '-') && sc.attached(k+1) && sc.attached(k+2) &&
		!T[k+2].claimed && (T[k+2].kind == tkWord || T[k+2].kind == tkAlnum) && T[k+2].e-T[k+2].s <= 4 && sc.n.hasUpper && sc.allUpper(k+2) &&
		(k+3 >= len(T) || !sc.attached(k+3) || T[k+3].kind == tkPunct) {
		T[k+1].claimed, T[k+2].claimed = true, true
		x.e = T[k+2].e
	}
}

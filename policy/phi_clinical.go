package policy

// clinical marks medications, conditions, symptoms and lab tests, each
// grown into the whole statement it heads: a drug with its dose and how
// often ("metformin 500 mg twice daily"), a test with its value ("A1C was
// 9.2", "biopsy came back positive"), a condition with its modifiers
// ("type 2 diabetes, uncontrolled") and a pregnancy with its stage ("8
// weeks along"). Masking only the keyword would leave the rest readable.
func (sc *scanner) clinical() {
	lorem := -1
	for _, m := range sc.marks {
		if m.e.flags&fClin == 0 || sc.anyClaimed(m.ts, m.te-1) {
			continue
		}
		if m.te-m.ts == 1 && sc.is(m.ts, "dolor") && !sc.isP(m.te, ',') && !sc.is(m.te, "de") && !sc.is(m.te, "en") {
			// Placeholder Latin ("lorem ipsum dolor sit amet") is layout
			// text, not a patient in pain.
			if lorem < 0 {
				lorem = 0
				for i := range sc.toks {
					if sc.is(i, "lorem") || sc.is(i, "ipsum") || sc.is(i, "amet") {
						lorem = 1
						break
					}
				}
			}
			if lorem == 1 {
				continue
			}
		}
		s := sc.clinLeft(m.ts)
		e, grown := sc.clinRight(m.te - 1)
		if m.e.flags&fNeedsFinding != 0 && !grown && !sc.imagingFinding(m) {
			// "Where do I park for my MRI?" names a visit, "no sugar,
			// thanks" a thing: neither is a finding.
			continue
		}
		sc.addTok(s, e, m.e.clin, 0.8, prioClinical)
	}
}

// clinContent reports a token that carries part of a clinical statement
// on its own: a number, a dose unit, a frequency, a result value or a
// modifier.
func (sc *scanner) clinContent(k int) bool {
	switch sc.kind(k) {
	case tkNum, tkAlnum:
		return true
	case tkWord:
		return sc.flags(k)&(fDoseUnit|fFreq|fResultValue|fClinMod|fVisit|fDuration) != 0 || numberWord(sc.word(k))
	case tkPunct:
		return sc.isP(k, '%')
	}
	return false
}

// clinRight extends a clinical span from token end over its dose,
// frequency, value and modifiers, and reports whether it took a value
// (anything beyond a visit word). Linking
// words ("was", "came back", "count", "of") are taken only when content
// follows them.
func (sc *scanner) clinRight(end int) (int, bool) {
	last, value := end, false
	for k := end + 1; k < len(sc.toks) && k <= end+12; k++ {
		t := &sc.toks[k]
		if t.claimed {
			break
		}
		if t.kind == tkPunct {
			c := sc.n.b[t.s]
			switch {
			case (c == '.' || c == '/' || c == '-' || c == ':') && !t.space && k+1 < len(sc.toks) && !sc.toks[k+1].space:
				continue
			case c == '%':
				last = k
				continue
			case c == ',' && sc.flags(k+1)&(fClinMod|fResultValue) != 0:
				continue
			}
			break
		}
		if t.kind == tkNum && sc.clockTime(k) {
			break
		}
		if t.flags&fClin != 0 && t.flags&fNeedsFinding == 0 {
			// "biopsy showed cancer": one statement.
			last, value = k, true
			continue
		}
		if sc.clinContent(k) {
			last = k
			value = value || sc.flags(k)&fVisit == 0
			continue
		}
		if t.kind == tkWord && t.flags&fResultWord != 0 {
			continue
		}
		break
	}
	return last, value
}

// clinLeft extends a clinical span from token start over the modifiers,
// numbers and durations before it ("type 2", "severe", "20 weeks").
func (sc *scanner) clinLeft(start int) int {
	for k := start - 1; k >= 0 && k >= start-4; k-- {
		t := &sc.toks[k]
		if t.claimed {
			break
		}
		if t.kind == tkNum || (t.kind == tkWord && (t.flags&(fClinMod|fDuration|fDoseUnit) != 0 || numberWord(sc.word(k)))) {
			start = k
			continue
		}
		// "20 units of Lantus", "2 tabletas de ibuprofeno".
		if (sc.is(k, "of") || sc.is(k, "de")) && sc.flags(k-1)&fDoseUnit != 0 && (sc.kind(k-2) == tkNum || numberWord(sc.word(k-2))) {
			start = k - 2
			k -= 2
			continue
		}
		if sc.isP(k, '-') && !t.space {
			continue
		}
		// "prueba de VIH", "test for HIV": the test names the condition.
		if (sc.is(k, "de") || sc.is(k, "for") || sc.is(k, "of") || sc.is(k, "del")) && testWord(sc.word(k-1)) && !sc.toks[k-1].claimed {
			start = k - 1
			break
		}
		break
	}
	return start
}

// clockTime reports a number that is the time of day of a visit, not a
// test's value: "at 3 on Tuesday", "at 10:30", "3pm".
func (sc *scanner) clockTime(k int) bool {
	if sc.isP(k+1, ':') && sc.attached(k+1) {
		return true
	}
	nx := sc.word(k + 1)
	switch string(nx) {
	case "am", "pm", "oclock", "o'clock", "on", "today", "tomorrow", "tonight", "hoy", "manana":
		return true
	}
	if sc.flags(k+1)&fWeekday != 0 {
		return true
	}
	return sc.is(k-1, "at") && (sc.is(k-2, "still") || sc.is(k-2, "is") || sc.is(k-2, "appointment"))
}

// imagingFinding reports whether a message that names an imaging test
// also says something clinical: a result value after it, a result word,
// or another clinical term.
func (sc *scanner) imagingFinding(m mark) bool {
	for k := m.te; k < len(sc.toks) && k < m.te+5; k++ {
		if sc.flags(k)&fResultValue != 0 {
			return true
		}
	}
	for _, o := range sc.marks {
		if o.ts != m.ts && o.e.flags&fClin != 0 && o.e.flags&fNeedsFinding == 0 {
			return true
		}
	}
	for i := range sc.toks {
		switch string(sc.word(i)) {
		case "results", "result", "resultados", "resultado", "showed", "shows", "found", "report", "mostro", "salio":
			return true
		}
	}
	return false
}

// numberWord reports a number written as a word, one to ninety-nine
// (EN/ES), the way stages, doses and weeks are spelled in chat.
func numberWord(w []byte) bool {
	if unitWord(w) {
		return true
	}
	switch string(w) {
	case "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
		"diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho",
		"diecinueve", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa":
		return true
	}
	return false
}

// clinicalSignal decides Detection.Clinical. A symptom, condition or lab
// result is health information about the sender or someone they speak for,
// so it goes to a nurse. A medication name alone ("do you stock Tylenol")
// counts when paired with an identifier, a question or a person ("my",
// "tengo"). A question about doses or side effects counts without a drug
// name.
func (sc *scanner) clinicalSignal() bool {
	hasMed, hasOther, hasID := false, false, false
	for _, k := range sc.kept {
		switch {
		case k.t == SpanMedication:
			hasMed = true
		case k.t.IsClinical():
			hasOther = true
		default:
			hasID = true
		}
	}
	if hasOther {
		return true
	}
	var question, personal, hint bool
	for i := range sc.toks {
		f := sc.toks[i].flags
		question = question || f&fQuestion != 0 || sc.isP(i, '?')
		personal = personal || f&fPersonal != 0
		hint = hint || f&fClinHint != 0
	}
	if hasMed {
		return hasID || question || personal
	}
	return hint && question
}

// testWord reports a word that names a test of whatever follows it.
func testWord(w []byte) bool {
	switch string(w) {
	case "test", "tests", "testing", "screening", "screen", "prueba", "pruebas", "examen", "analisis", "panel":
		return true
	}
	return false
}

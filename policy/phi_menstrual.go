package policy

// menstrualStatements finds what a patient says about her period: "my
// period is two weeks late", "her period has been really heavy", "no me ha
// bajado la regla", "mi regla viene atrasada". The period is no body part
// and "late" no symptom, so the statement rules do not see it, yet it is
// the first thing a patient tells about a possible pregnancy. The word
// must be owned ("my", "her", "mi", "su", or Spanish "me/le … la regla")
// and said to be off; "the period for enrollment" and "the payment is two
// weeks late" stay.
func (sc *scanner) menstrualStatements() {
	if sc.trigAny&trigPeriodWord == 0 {
		return // every statement read here names the period
	}
	T := sc.toks
	for i := range T {
		if T[i].trig&trigPeriodWord == 0 || T[i].kind != tkWord || T[i].claimed {
			continue
		}
		// "no me ha bajado la regla", "no le ha llegado el periodo".
		if s, ok := sc.periodVerbBefore(i); ok {
			sc.addTok(s, i, SpanSymptom, 0.7, prioClinical)
			continue
		}
		if !(sc.is(i-1, "my") || sc.is(i-1, "her") || sc.is(i-1, "mi") || sc.is(i-1, "su")) {
			continue
		}
		if sc.is(i+1, "of") || sc.is(i+1, "for") || sc.is(i+1, "de") || sc.is(i+1, "para") {
			continue // "my period of coverage", "mi periodo de gracia"
		}
		for k := i + 1; k < len(T) && k <= i+6; k++ {
			if T[k].claimed || T[k].kind == tkPunct {
				break
			}
			if periodOff(sc.txt(k)) {
				sc.addTok(i-1, k, SpanSymptom, 0.7, prioClinical)
				break
			}
		}
	}
}

// periodWords name the period (trigPeriodWord).
var periodWords = []string{"period", "periods", "periodo", "regla", "menstruacion", "menstruation"}

// periodOff reports a word that says a period is not as it should be.
func periodOff(w []byte) bool {
	switch string(w) {
	case "late", "heavy", "irregular", "early", "painful", "stopped", "missed", "hasn't", "hasnt", "didn't", "didnt",
		"atrasada", "atrasado", "abundante", "irregulares", "dolorosa", "retrasada", "retrasado", "no":
		return true
	}
	return false
}

// periodVerbBefore reads "no me ha bajado la regla" and its kin: a
// negated coming of the period said of the writer or someone else,
// returning where the statement starts.
func (sc *scanner) periodVerbBefore(i int) (int, bool) {
	if !(sc.is(i-1, "la") || sc.is(i-1, "el")) {
		return 0, false
	}
	v := i - 2
	switch string(sc.word(v)) {
	case "bajado", "llegado", "venido", "baja", "llega", "viene":
	default:
		return 0, false
	}
	s := v
	if sc.is(s-1, "ha") || sc.is(s-1, "han") {
		s--
	}
	if !(sc.is(s-1, "me") || sc.is(s-1, "le")) {
		return 0, false
	}
	s--
	if sc.is(s-1, "no") {
		s--
	}
	return s, true
}

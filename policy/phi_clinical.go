package policy

// clinical marks medications, conditions, symptoms and lab tests.
func (sc *scanner) clinical() {
	for _, m := range sc.marks {
		if m.e.flags&fClin == 0 || sc.anyClaimed(m.ts, m.te-1) {
			continue
		}
		sc.addTok(m.ts, m.te-1, m.e.clin, 0.8, prioClinical)
	}
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

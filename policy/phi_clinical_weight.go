package policy

// A person's weight told without the word "weight": "I'm 98 kg", "he's
// 140 kilos now", "baby only 2.9 kilos", "she is 52kg", "mi bebé pesa
// 3 kilos" is the vitals reader's. The number must be said of a person
// (the writer's or a relative's "is", "I'm", a baby), so "the box is 5
// kg" and "is the limit 20 kg?" stay readable.

// weightUnitWords are the units of body weight after a number; the
// lexicon's index files them as the reader's trigger (trigWeightUnit).
var weightUnitWords = []string{"kg", "kgs", "kilos", "kilo", "kilograms", "lbs", "lb", "pounds", "stone", "quilos", "libras"}

// weightUnit reports a unit of body weight after a number.
func weightUnit(w []byte) bool {
	switch string(w) {
	case "kg", "kgs", "kilos", "kilo", "kilograms", "lbs", "lb", "pounds", "stone", "quilos", "libras":
		return true
	}
	return false
}

// weightStatements finds the weights and masks them with their person.
func (sc *scanner) weightStatements() {
	if sc.trigAny&trigWeightUnit == 0 && sc.kinds&(1<<tkAlnum) == 0 {
		return // no unit of weight, as a word or written onto its number ("52kg")
	}
	T := sc.toks
	for k := range T {
		if T[k].claimed {
			continue
		}
		e := -1
		switch {
		case T[k].kind == tkNum:
			j := k
			if sc.isP(k+1, '.') && sc.attached(k+1) && sc.attached(k+2) {
				if sc.kind(k+2) == tkNum {
					j = k + 2 // "2.9 kilos"
				} else if sc.kind(k+2) == tkAlnum && numberWithWeightUnit(sc.word(k+2)) {
					e = k + 2 // "3.2kg"
					break
				}
			}
			if weightUnit(sc.word(j + 1)) {
				e = j + 1
			}
		case T[k].kind == tkAlnum && numberWithWeightUnit(sc.word(k)):
			e = k // "52kg"
		}
		if e < 0 {
			continue
		}
		if k > 0 && sc.isP(k-1, '.') && sc.kind(k-2) == tkNum && sc.attached(k-1) {
			continue // the decimals of a number already read from its start
		}
		s := k
		p := k - 1
		switch string(sc.word(p)) {
		case "only", "now", "about", "almost", "nearly", "just", "over", "under", "around", "barely", "still":
			s, p = p, p-1
		}
		a := -1
		switch string(sc.word(p)) {
		case "i'm", "im", "he's", "she's", "hes", "shes", "am":
			a = p
		case "is", "was", "now":
			// "my son is 40 kg", "baby was 2.9 kilos": a person before.
			q := p - 1
			if sc.toks[max(q, 0)].ent.cue == cueRelation || sc.is(q, "baby") || sc.is(q, "he") || sc.is(q, "she") {
				a = q
				if possessive(sc.word(q - 1)) {
					a = q - 1
				}
			}
		default:
			// "baby only 2.9 kilos", "my son 40 kg".
			if p == s-1 && s != k && (sc.toks[max(p, 0)].ent.cue == cueRelation || sc.is(p, "baby")) {
				a = p
				if possessive(sc.word(p - 1)) {
					a = p - 1
				}
			}
		}
		if a < 0 || p < 0 || sc.anyClaimed(a, e) {
			continue
		}
		sc.addTok(a, e, SpanLab, 0.7, prioClinical)
	}
}

// numberWithWeightUnit reports a number written together with its unit:
// "52kg", "250lbs".
func numberWithWeightUnit(w []byte) bool {
	i := 0
	for i < len(w) && isDigit(w[i]) {
		i++
	}
	return i > 0 && weightUnit(w[i:])
}

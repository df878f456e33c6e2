package policy

// Pregnancy told by what is happening rather than by its stage: the
// waters breaking ("my water broke", "her waters have broken"), the baby
// moving less ("baby isn't moving as much", "baby's movements have
// slowed") and the due date ("due in March", "I'm due on the 5th"). The
// words are everyday ones, so each needs its shape: a possessive before
// the waters, the baby as the one not moving, a person or the start of
// the clause before "due" ("rent is due in March" stays readable).

// labourStatements finds the three shapes.
func (sc *scanner) labourStatements() {
	T := sc.toks
	for k := range T {
		if T[k].claimed || T[k].kind != tkWord {
			continue
		}
		s, e := -1, -1
		switch string(sc.word(k)) {
		case "water", "waters":
			// "my water broke", "her waters have just broken".
			if !possessive(sc.word(k-1)) || sc.is(k-1, "your") {
				continue
			}
			j := k + 1
			for n := 0; n < 2 && (sc.is(j, "has") || sc.is(j, "have") || sc.is(j, "just") || sc.is(j, "might") || sc.is(j, "may") || sc.is(j, "is") || sc.is(j, "are")); n++ {
				j++
			}
			switch string(sc.word(j)) {
			case "broke", "broken", "breaking", "leaking", "went", "gone":
				s, e = k-1, j
			}
		case "moving", "movements", "kicking", "kicks":
			// "baby isn't moving as much", "baby moving less", "the baby
			// hasn't kicked", "reduced movements".
			if sc.is(k-1, "reduced") || sc.is(k-1, "fewer") || sc.is(k-1, "less") {
				s, e = k-1, k
				break
			}
			b := k - 1
			for n := 0; n < 3 && b >= 0 && !sc.is(b, "baby") && !sc.is(b, "baby's") && !sc.is(b, "babys"); n++ {
				b--
			}
			if b < 0 || !(sc.is(b, "baby") || sc.is(b, "baby's") || sc.is(b, "babys")) {
				continue
			}
			less := sc.negatedWithin(k, k-b) && (sc.is(k+1, "much") || sc.is(k+1, "as") || sc.is(k+1, "today") || sc.is(k+1, "since") ||
				k+1 >= len(T) || sc.kind(k+1) == tkPunct)
			x := k + 1
			if sc.is(x, "have") || sc.is(x, "has") || sc.is(x, "are") || sc.is(x, "is") {
				x++ // "movements have slowed"
			}
			if sc.is(x, "less") || sc.is(x, "slowed") || sc.is(x, "stopped") || less {
				s, e = b, k
				if sc.is(x, "less") || sc.is(x, "much") || sc.is(x, "slowed") || sc.is(x, "stopped") {
					e = x
				} else if sc.is(k+1, "as") && sc.is(k+2, "much") {
					e = k + 2
				}
			}
		case "due":
			// "due in March", "I'm due on the 5th", "she's due any day".
			j := k + 1
			switch string(sc.word(j)) {
			case "in", "on", "around", "at", "any", "next", "mid", "early", "late", "end":
			default:
				continue
			}
			p := k - 1
			switch {
			case sc.is(p, "i'm") || sc.is(p, "im") || sc.is(p, "she's") || sc.is(p, "shes") || sc.is(p, "we're"):
				s = p
			case (sc.is(p, "am") || sc.is(p, "is")) && (sc.is(p-1, "i") || sc.is(p-1, "she") || sc.toks[max(p-1, 0)].ent.cue == cueRelation):
				s = p - 1
			case p < 0 || sc.statementBreak(p) || sc.isP(p, ',') || sc.lineBreakBefore(k):
				s = k // the clause opens on it: "due in march, can I…"
			default:
				continue
			}
			e = j
			for x := j + 1; x <= j+3 && x < len(T); x++ {
				if sc.flags(x)&fMonth != 0 || sc.kind(x) == tkNum || sc.kind(x) == tkAlnum || sc.is(x, "day") || sc.is(x, "week") ||
					sc.is(x, "weeks") || sc.is(x, "month") {
					e = x
					break
				}
				if !(sc.is(x, "the") || sc.is(x, "of") || sc.is(x, "a") || sc.is(x, "couple")) {
					break
				}
			}
			if e == j && !sc.is(j, "any") {
				s = -1 // "due in" with no date after it
			}
		}
		if s < 0 || sc.anyClaimed(s, e) {
			continue
		}
		sc.addTok(s, e, SpanCondition, 0.7, prioClinical)
	}
}

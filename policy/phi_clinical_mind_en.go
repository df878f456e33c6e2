package policy

// English mental-health and recovery statements told by their shape
// rather than a chart's word: self-harm written as two words ("she self
// harms", "been self-harming"), a breakdown someone is having ("I had a
// breakdown", not "a breakdown of the bill"), not coping ("I can't cope
// anymore"), being burnt out, a detention under mental-health law ("he was
// sectioned") and time kept sober counted before the word ("30 days
// sober"). sensitiveStatements() anchors each to a person and masks the
// clause.

// englishMindWords are the words that open a shape.
var englishMindWords = []string{"self", "breakdown", "meltdown", "cope", "coping", "burnt", "burned", "burnout",
	"sectioned", "sober", "clean"}

// englishMindShape reads the shape opened at token k.
func (sc *scanner) englishMindShape(k int, s, e *int) bool {
	switch string(sc.word(k)) {
	case "self":
		// "self harm", "self-harming", "self harmed"; not "self pay" or
		// "self referral".
		j := k + 1
		if sc.isP(j, '-') {
			j++
		}
		switch string(sc.word(j)) {
		case "harm", "harms", "harmed", "harming", "harmer", "injury", "injuring", "injured", "injures", "mutilation", "mutilating":
			*e = j
			return true
		}
	case "breakdown", "meltdown":
		// Someone has or had one: "I'm having a breakdown", "she had a
		// total meltdown"; a breakdown of costs goes on with "of".
		if sc.is(k+1, "of") || sc.is(k+1, "in") || sc.is(k+1, "on") || sc.is(k+1, "for") {
			return false
		}
		j := k - 1
		if sc.is(j, "total") || sc.is(j, "complete") || sc.is(j, "massive") || sc.is(j, "full") || sc.is(j, "full-blown") || sc.is(j, "another") {
			j--
		}
		if sc.is(j, "a") || sc.is(j, "another") {
			j--
		}
		if haveForm(sc.word(j)) {
			*s = j
			return true
		}
	case "cope", "coping":
		// "I can't cope", "not coping at all", "struggling to cope".
		if sc.is(k-1, "to") && (sc.is(k-2, "struggling") || sc.is(k-2, "unable") || sc.is(k-2, "trying") && sc.negatedWithin(k-2, 2)) {
			*s = k - 2
		} else if sc.negatedWithin(k, 2) {
			*s = k - 1
			if sc.is(k-1, "really") || sc.is(k-1, "just") {
				*s = k - 2
			}
		} else {
			return false
		}
		if sc.is(k+1, "anymore") || sc.is(k+1, "well") {
			*e = k + 1
		}
		return true
	case "burnt", "burned":
		// "I'm burnt out", "totally burned out".
		if sc.is(k+1, "out") && (sc.is(k-1, "i'm") || sc.is(k-1, "im") || sc.is(k-1, "am") || sc.is(k-1, "feel") || sc.is(k-1, "feeling") ||
			sc.is(k-1, "so") || sc.is(k-1, "totally") || sc.is(k-1, "completely") || sc.is(k-1, "really") || sc.is(k-1, "been") ||
			sc.is(k-1, "she's") || sc.is(k-1, "he's") || sc.is(k-1, "is")) {
			*e = k + 1
			return true
		}
	case "burnout":
		// "I have burnout", "burnout, my GP signed me off"; the clinic's
		// "staff burnout" names no patient and sensAnchor finds none.
		return true
	case "sectioned":
		// "he was sectioned", "got sectioned last year".
		switch string(sc.word(k - 1)) {
		case "was", "been", "got", "being", "were", "is", "be", "get":
			*s = k - 1
			return true
		}
	case "sober", "clean":
		// Time kept off a substance, counted before the word: "30 days
		// sober", "two years clean", "6 months sober today".
		j := k - 1
		if sc.flags(j)&fDuration != 0 || sobrietySpan(sc.word(j)) {
			if sc.kind(j-1) == tkNum || numberWord(sc.word(j-1)) || sc.is(j-1, "a") || sc.is(j-1, "few") || sc.is(j-1, "couple") {
				*s = j - 1
				return true
			}
		}
	}
	return false
}

// haveForm reports a form of "have" that makes an episode someone's.
func haveForm(w []byte) bool {
	switch string(w) {
	case "have", "has", "had", "having", "i've", "ive", "she's", "he's", "havin":
		return true
	}
	return false
}

// sobrietySpan reports a unit that counts time kept sober.
func sobrietySpan(w []byte) bool {
	switch string(w) {
	case "day", "days", "week", "weeks", "wks", "month", "months", "year", "years", "yrs", "yr":
		return true
	}
	return false
}

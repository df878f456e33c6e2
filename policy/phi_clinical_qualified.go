package policy

// Care named by a word that says what it treats or how, before a noun of
// care: "my physical therapy appointment", "she goes to speech therapy",
// "I was referred to wound care", "my sleep medicine follow-up", "a
// vascular surgeon", "pelvic floor therapy", "the lactation consultant".
// Like "my cardiology appointment" these tell what the person is treated
// for; the noun alone ("therapy", "surgeon", "clinic") does not, and
// care that reveals nothing ("primary care", "urgent care", "family
// medicine") has no qualifier here. The visit must be someone's: a
// possessive, a visit or referral before it, in a message about a
// person; "is wound care on the 2nd floor?" names a place and stays.

// careHeadWords are the nouns a qualifier makes a specialty of; the
// lexicon's index files them as the reader's trigger (trigCareHead).
var careHeadWords = []string{"therapy", "therapist", "medicine", "surgeon", "surgery", "care", "specialist", "consultant",
	"counseling", "counselor", "clinic"}

// careQualifier reports the word that makes a care noun a specialty:
// what is treated ("wound", "sleep", "vascular") or how ("physical",
// "speech", "bariatric").
func (sc *scanner) careQualifier(k int) bool {
	switch string(sc.word(k)) {
	case "physical", "speech", "occupational", "floor", "sports", "wound", "sleep", "fetal", "plastic", "hand",
		"vascular", "colorectal", "bariatric", "retina", "retinal", "lactation", "genetic", "anticoagulation", "coumadin",
		"vein", "spine", "pain", "reproductive", "transplant", "memory", "fertility", "hiv", "diabetes", "weight",
		"cancer", "heart", "kidney", "lung", "liver", "thyroid", "addiction", "psych", "behavioral", "infusion",
		"dialysis", "oncology", "cardiac", "pulmonary", "stroke", "dementia", "eating", "trauma", "grief", "couples",
		"marriage", "hospice", "palliative":
		return true
	}
	return false
}

// careVisitNoun reports the visit or the person a qualified care noun may
// take after it: "physical therapy appointment", "wound care nurse".
func careVisitNoun(w []byte) bool {
	switch string(w) {
	case "appointment", "appointments", "appt", "appts", "visit", "visits", "follow-up", "followup", "consult", "session",
		"sessions", "doctor", "doc", "team", "nurse", "office", "referral", "eval", "evaluation":
		return true
	}
	return false
}

// qualifiedCare finds the visits and masks them with their owner.
func (sc *scanner) qualifiedCare() {
	if sc.trigAny&trigCareHead == 0 {
		return // no noun of care in the message
	}
	T := sc.toks
	personal := -1
	for i := range T {
		if T[i].claimed || T[i].trig&trigCareHead == 0 || !sc.careQualifier(i-1) {
			continue
		}
		s, e := i-1, i
		if sc.is(i-1, "floor") || sc.is(i-1, "fetal") {
			// "pelvic floor", "maternal fetal"; "the 2nd floor clinic" is
			// a place.
			if !sc.is(i-2, "pelvic") && !sc.is(i-2, "maternal") {
				continue
			}
			s = i - 2
		}
		if careVisitNoun(sc.word(i + 1)) {
			e = i + 1
		}
		if sc.anyClaimed(s, e) {
			continue
		}
		a, ok := sc.careOwner(s)
		if !ok {
			continue
		}
		sc.addOwnedCare(a, e, &personal)
	}
}

// careOwner walks back from the care over its article and returns the
// start of the visit: a possessive ("my physical therapy"), or a visit
// cue, a verb of having, "with" or a referral within five words ("she
// goes to speech therapy", "referred to wound care"). A question to the
// clinic ("do you have physical therapy?") or an address to the reader
// ("your wound care team") finds no owner of its own here.
func (sc *scanner) careOwner(s int) (int, bool) {
	if possessive(sc.word(s - 1)) {
		return s - 1, true
	}
	for j := s - 1; j >= 0 && j >= s-5; j-- {
		if sc.statementBreak(j) || sc.toks[j].kind != tkWord {
			return 0, false
		}
		w := sc.word(j)
		if addressee(w) || offerWord(w) {
			return 0, false
		}
		if possessive(w) || visitCue(w) || haveWord(w) || sc.is(j, "with") || sc.is(j, "con") || sc.is(j, "referral") ||
			sc.is(j, "referred") || sc.is(j, "schedule") {
			return j, true
		}
	}
	return 0, false
}

// addOwnedCare masks care over tokens [a, e] as the patient's when the
// message speaks of a person (personalMessage, asked once per message and
// kept in *personal: -1 not asked yet, 0 no, 1 yes) or the care follows a
// possessive ("her mastectomy", "his physical therapy").
func (sc *scanner) addOwnedCare(a, e int, personal *int) {
	if *personal < 0 {
		*personal = 0
		if sc.personalMessage() {
			*personal = 1
		}
	}
	if *personal == 0 && !possessive(sc.word(a)) {
		return
	}
	sc.addTok(a, e, SpanCondition, 0.65, prioClinical)
}

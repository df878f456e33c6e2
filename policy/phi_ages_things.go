package policy

// thingSubject reports token k as a noun of money, a count or a place
// after a determiner or a possessive: the subject of "the bill is 90",
// "my total was 95", "our copay is 100", "the room is 104". Such a number
// is a price, a count or a place, not an age, even where the noun is also
// a given name ("bill"). "my mom is 90", "the patient is 93" and "my
// mother-in-law is 92" have a person as subject and keep their age.
func (sc *scanner) thingSubject(k int) bool {
	if sc.kind(k) != tkWord || sc.upper(k) || !countedThing(sc.txt(k)) {
		return false
	}
	switch string(sc.word(k - 1)) {
	case "the", "this", "that", "my", "your", "our", "his", "her", "their", "its":
		return true
	}
	return false
}

// countedThing reports a noun of billing, counting or wayfinding whose
// value a patient writes as a bare number: a price, a score, a room.
func countedThing(w []byte) bool {
	switch string(w) {
	case "bill", "bills", "total", "subtotal", "copay", "co-pay", "fee", "fees", "price", "cost", "charge", "charges",
		"balance", "amount", "deductible", "invoice", "payment", "rent", "fare", "ticket", "tab", "tip", "refund",
		"room", "floor", "suite", "unit", "gate", "bus", "train", "route", "exit", "order", "score", "count", "queue",
		"line", "wait", "number", "code", "bed", "seat", "spot", "space", "lot", "level":
		return true
	}
	return false
}

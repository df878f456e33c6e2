package policy

// againIntros finds the writer's name opening a message that follows up
// an earlier one: "ngozi again, still no call back", "tendai again i
// still have the cough", "hi, kwame again". The word before "again" at
// the start of a message is a name when a list holds it as one or no
// dictionary lists it; "me again", "hi again", "sorry again" stay.
func (sc *scanner) againIntros() {
	T := sc.toks
	for a := 1; a < len(T) && a < 5; a++ {
		if !sc.is(a, "again") {
			continue
		}
		i := a - 1
		t := &T[i]
		if t.kind != tkWord || t.claimed || !sc.clauseStart(i) || t.inClin ||
			t.flags&(fStop|fNotName|fClin|fPersonal|fQuestion|fMonth|fNameWord) != 0 {
			continue
		}
		w := sc.word(i)
		if t.flags&fFirst == 0 && (!sc.nameWord(i) || len(w) < 3 || dictionaryWord(w)) {
			continue
		}
		if sc.otherScriptWord(i) || greetingWord(w) || sc.notPerson(i, i) {
			continue
		}
		n := a + 1
		if n < len(T) && sc.kind(n) == tkWord && T[n].flags&(fStop|fPersonal) == 0 && !sc.is(n, "here") && !sc.is(n, "still") {
			continue // "tendai again" then a verb or a noun: not an introduction
		}
		sc.addName(i, i, 0.7)
	}
}

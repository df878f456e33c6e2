package policy

// misspeltKinWords are the kinship words a hurried writer misspells
// before a name ("my wief Hyacinth", "my dauther Imani", "my grandsun
// Kit"): the English ones of four letters or more, whose one-letter slips
// are no other word.
var misspeltKinWords = []string{"wife", "husband", "daughter", "mother", "father", "brother", "sister",
	"grandson", "granddaughter", "grandma", "grandpa", "grandmother", "grandfather", "nephew", "niece",
	"cousin", "partner", "fiance", "stepson", "stepdaughter", "girlfriend", "boyfriend", "auntie", "uncle"}

// misspeltKinNames finds a name after "my", "our", "his" or "her" and a
// kinship word typed with a slip no dictionary holds: one letter wrong,
// added, dropped or swapped ("wief", "dauther", "grandsun", "hubsand"),
// or two in a longer word ("nefew").
// The name must be capitalised or listed, as after a kinship word spelt
// right.
func (sc *scanner) misspeltKinNames() {
	if sc.trigAny&trigPossessive == 0 {
		return
	}
	T := sc.toks
	for k := 0; k+2 < len(T); k++ {
		if T[k].trig&trigPossessive == 0 {
			continue // "my", "our", "his", "her"
		}
		w, n := k+1, k+2
		if T[w].kind != tkWord || T[w].claimed || T[w].ent.cue != cueNone && !T[w].fuzzy || T[n].kind != tkWord || T[n].claimed ||
			!(sc.upper(n) && !sc.allUpperText() || sc.isLex(n)) || !sc.canBeName(n) || len(sc.word(w)) < 4 {
			continue
		}
		if dictionaryWord(sc.word(w)) || T[w].flags != 0 && !T[w].fuzzy {
			continue
		}
		kin := T[w].fuzzy && T[w].ent.cue == cueRelation // the lexicon read the slip already
		for _, r := range misspeltKinWords {
			if kin {
				break
			}
			// One slip; two in a word of six letters or more ("nefew").
			d := 1
			if len(r) >= 6 && len(sc.word(w)) >= 5 {
				d = 2
			}
			kin = editWithin(sc.word(w), r, d)
		}
		if !kin || sc.notPerson(n, n) {
			continue
		}
		sc.addName(n, sc.extendName(n, 2, acceptLexOrCap, false), 0.7)
	}
}

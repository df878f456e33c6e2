package policy

// Taglish: Filipino patients write English with Tagalog function words
// ("may flu vaccine po ba kayo ngayon?", "yung bill po ay 1,500 tama po
// ba?", "malapit po ba kayo sa SM?"). Several of those words are also
// family or given names in the population tables (Yung, Kayo, Sa, Ang,
// Ng, Na, Ito), and two of them side by side read as a full name. Typed
// lower case in a message that holds other Tagalog words they are the
// language, not a person; capitalised ("Dr. Yung", "Ms. Ito") or in an
// English message without Tagalog around them they stay names.

// tagalogFunctionWord reports a Tagalog pronoun, particle, article,
// preposition or everyday adverb.
func tagalogFunctionWord(w []byte) bool {
	switch string(w) {
	case "po", "opo", "ba", "ang", "ng", "nang", "mga", "sa", "na", "pa", "naman", "lang", "lamang", "din", "rin", "daw",
		"raw", "nga", "pala", "kasi", "pero", "sana", "talaga", "yung", "yun", "yan", "ito", "iyan", "iyon", "dito", "diyan",
		"dyan", "doon", "ako", "ikaw", "ka", "siya", "kami", "tayo", "kayo", "sila", "namin", "natin", "ninyo", "niyo",
		"nyo", "nila", "niya", "nya", "ko", "mo", "ngayon", "bukas", "kahapon", "mamaya", "ay", "may", "meron",
		"mayroon", "wala", "hindi", "pwede", "puwede", "paano", "saan", "kailan", "ano", "bakit", "magkano", "ilan",
		"lahat", "salamat", "malapit", "tama", "kung", "kapag", "para", "dun", "ganun", "ganito", "grabe":
		return true
	}
	return false
}

// tagalogLower reports token i as a Tagalog function word typed lower
// case in a message that holds at least two more Tagalog words of their
// own kind besides it: "yung" in "yung bill po ay … tama po ba?".
func (sc *scanner) tagalogLower(i int) bool {
	if sc.kind(i) != tkWord || sc.upper(i) || !tagalogFunctionWord(sc.txt(i)) {
		return false
	}
	n := 0
	for k := range sc.toks {
		if k != i && sc.toks[k].kind == tkWord && !sc.upper(k) && tagalogFunctionWord(sc.txt(k)) {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}

package policy

import (
	"unicode"
	"unicode/utf8"
)

// otherScriptNames masks words written in a non-Latin script inside a
// message written in Latin letters: "my mum 王秀英 is coming", "tell 김민준
// his forms are ready". A patient writing English or Spanish switches
// script almost only to write a person's name as that person writes it,
// and a caseless script (Han, Hangul, Arabic, Thai…) gives the capital
// letter the other name rules look for no chance to appear. The run must
// still follow a name cue, a title or a kinship word (scriptPersonContext). A
// message mostly in another script is left to the usual rules: there the
// script says nothing.
func (sc *scanner) otherScriptNames() {
	if sc.n.ident {
		return
	}
	latin := -1 // counted on first need: most messages have no candidate
	for i := 0; i < len(sc.toks); i++ {
		if !sc.otherScriptWord(i) {
			continue
		}
		end := i
		for end+1 < len(sc.toks) && sc.otherScriptWord(end+1) {
			end++
		}
		if !sc.scriptPersonContext(i, end) {
			i = end
			continue
		}
		if latin < 0 {
			latin = sc.latinDominant()
		}
		if latin == 1 {
			sc.addName(i, end, 0.75)
		}
		i = end
	}
}

// otherScriptWord reports an unclaimed word token whose letters, as typed,
// are all of a script other than Latin (marks and digits aside), with at
// least two letters or one ideograph.
func (sc *scanner) otherScriptWord(i int) bool {
	t := &sc.toks[i]
	if t.kind != tkWord || t.claimed || t.inClin {
		return false
	}
	w := sc.n.b[t.s:t.e]
	high := false
	for _, c := range w {
		if c >= utf8.RuneSelf {
			high = true
			break
		}
	}
	if !high {
		return false
	}
	s, e := sc.n.origStart(int(t.s)), sc.n.origEnd(int(t.e))
	letters, ideo := 0, false
	for _, r := range sc.n.orig[s:e] {
		switch {
		case unicode.IsMark(r) || r == '\'':
		case unicode.IsLetter(r):
			if r < 0x250 || unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
			if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) {
				ideo = true
			}
		default:
			return false
		}
	}
	return letters >= 2 || ideo && letters == 1
}

// latinDominant returns 1 when the message has more Latin letters than
// letters of other scripts (and at least four), else 0.
func (sc *scanner) latinDominant() int {
	latin, other := 0, 0
	for _, r := range sc.n.orig {
		if r < utf8.RuneSelf {
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
			continue
		}
		if unicode.IsLetter(r) {
			if unicode.Is(unicode.Latin, r) {
				latin++
			} else {
				other++
			}
		}
	}
	if latin >= 4 && latin > other {
		return 1
	}
	return 0
}

// scriptPersonContext reports a cue just before tokens [i, end] that says
// a person is named there: a name cue, a title or a kinship word ("my mum
// 王秀英", "attn 김민준", "la cita es para Ελένη"). Nothing weaker: a
// greeting, a thank-you or a word for a language in the patient's own
// script stands where a name could ("thanks спасибо", "hi 你好", "someone
// who speaks 中文"), and a clean message must stay readable.
func (sc *scanner) scriptPersonContext(i, end int) bool {
	for _, m := range sc.marks {
		if m.te == i || m.te == i-1 && sc.kind(i-1) == tkPunct {
			switch string(sc.word(m.te - 1)) {
			case "thanks", "thank", "you", "gracias", "cheers", "hi", "hello", "hola":
				continue // "thanks спасибо": said twice, once in each language
			}
			switch m.e.cue {
			case cueNameStrong, cueNameWeak, cueTitle, cueRelation, cueIntro:
				return true
			}
		}
	}
	p := i - 1
	if p >= 0 && sc.kind(p) == tkWord && (relationWord(sc.word(p)) || sc.toks[p].ent.cue == cueRelation || sc.toks[p].ent.cue == cueTitle) {
		return true
	}
	// The subject of a clause, with a verb only people take after it:
	// "李伟 will pick up the papers", "สมชาย ใจดี needs a refill".
	return sc.clauseStart(i) && sc.personPredicate(end+1)
}

// personPredicate reports that token k opens what a person does or is:
// a verb only people take ("needs", "called", "missed"), a modal and its
// verb ("will pick", "can come"), or "here" ("Олег here").
func (sc *scanner) personPredicate(k int) bool {
	if sc.kind(k) != tkWord {
		return false
	}
	w := sc.word(k)
	switch string(w) {
	case "is", "was", "has", "had", "does", "did", "can", "could":
		// "谢谢 is thanks", "Привет was the first word": a word in
		// another script is talked about as often as a person is.
	default:
		if personVerb(w) || sc.finiteVerb(k) {
			return true
		}
	}
	switch string(w) {
	case "here", "aqui", "aquí":
		return sc.nameBoundary(k + 1)
	case "va", "vai":
		return sc.kind(k+1) == tkWord
	}
	return modalWord(w) && sc.kind(k+1) == tkWord && !sc.is(k+1, "be") && !sc.is(k+1, "mean")
}

package policy

import (
	"unicode"
	"unicode/utf8"
)

// upper reports whether token i starts with a capital letter in the text
// the patient typed (the folded view is lower case).
func (sc *scanner) upper(i int) bool {
	p := sc.n.origStart(int(sc.toks[i].s))
	if c := sc.n.orig[p]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(sc.n.orig[p:])
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// allUpper reports whether token i is written in capitals ("IL", "MARIA").
func (sc *scanner) allUpper(i int) bool {
	s := sc.n.origStart(int(sc.toks[i].s))
	e := sc.n.origEnd(int(sc.toks[i].e))
	for _, r := range sc.n.orig[s:e] {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

const notNameFlags = fStop | fClin | fMonth | fWeekday | fNotName | fUnit | fStreetSuffix | fClinHint | fAgeUnit

// canBeName reports a word that may be part of a name after a cue.
func (sc *scanner) canBeName(i int) bool {
	if i < 0 || i >= len(sc.toks) {
		return false
	}
	t := &sc.toks[i]
	if t.kind != tkWord || t.claimed || t.e-t.s < 2 {
		return false
	}
	if t.flags&(fFirst|fSurname) != 0 && t.flags&(fStop|fClin|fNotName) == 0 {
		return true
	}
	if t.flags&notNameFlags != 0 || t.flags&fTitleCaseOnly != 0 {
		return false
	}
	// A word of three or more letters with no vowel ("JKL", "brb") is a
	// code or an abbreviation, not a name.
	if t.e-t.s >= 3 {
		for _, c := range sc.txt(i) {
			switch c {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				return true
			}
			if c >= 0x80 {
				return true
			}
		}
		return false
	}
	return true
}

// isLex reports a word in the name lists that is not also a stop word.
func (sc *scanner) isLex(i int) bool {
	return sc.canBeName(i) && sc.toks[i].flags&(fFirst|fSurname) != 0
}

// strongLex reports a listed name that is not also an ordinary word.
func (sc *scanner) strongLex(i int) bool {
	return sc.isLex(i) && sc.toks[i].flags&fNameWord == 0
}

// Which following words extendName accepts.
const (
	acceptAny      = iota // any word that can be a name (after a strong cue)
	acceptLexOrCap        // a listed name or a capitalised word
	acceptLex             // a listed name only
	acceptRun             // a listed name, or a capitalised word after a capitalised listed name
)

// acceptName reports whether token k may continue a name under mode.
func (sc *scanner) acceptName(k, mode, start int, strong bool) bool {
	switch mode {
	case acceptAny:
		return sc.canBeName(k)
	case acceptLexOrCap:
		return sc.canBeName(k) && (sc.isLex(k) || sc.upper(k))
	case acceptLex:
		return sc.isLex(k)
	}
	if sc.isLex(k) {
		return true
	}
	return strong && sc.upper(k) && sc.upper(start) && sc.canBeName(k) && !sc.allUpperText()
}

// extendName grows a name from token end: more name words, hyphenated
// parts ("García-López") and particles ("María de la Cruz"). mode says
// which following words count.
func (sc *scanner) extendName(end int, max int, mode int, strong bool) int {
	start := end
	accept := func(k int) bool { return sc.acceptName(k, mode, start, strong) }
	for cnt := 1; cnt < max; cnt++ {
		k := end + 1
		if k >= len(sc.toks) {
			break
		}
		if sc.isP(k, '-') && sc.attached(k) && sc.attached(k+1) && sc.canBeName(k+1) {
			end = k + 1
			continue
		}
		// A middle initial: "Robert J. Anderson".
		if sc.kind(k) == tkWord && sc.toks[k].e-sc.toks[k].s == 1 && sc.toks[k].space && sc.upper(k) &&
			sc.isP(k+1, '.') && sc.attached(k+1) && k+2 < len(sc.toks) && accept(k+2) {
			end = k + 2
			continue
		}
		// Without the dot: "Robert J Anderson", "robert j anderson".
		if sc.kind(k) == tkWord && sc.toks[k].e-sc.toks[k].s == 1 && sc.toks[k].space && k+1 < len(sc.toks) &&
			sc.toks[k+1].space && accept(k+1) && (sc.upper(k) || (sc.isLex(k+1) && bytesIndex("aeiouy", sc.txt(k)[0]) < 0)) {
			end = k + 1
			continue
		}
		if sc.toks[k].flags&fParticle != 0 && sc.kind(k) == tkWord {
			p := k + 1
			if sc.flags(p)&fParticle != 0 && sc.kind(p) == tkWord {
				p++
			}
			if p < len(sc.toks) && accept(p) && sc.upper(p) == sc.upper(end) {
				end = p
				continue
			}
			break
		}
		if sc.toks[k].space && accept(k) {
			end = k
			continue
		}
		break
	}
	return end
}

// names finds person names: after cue phrases (strong cues take any word,
// weak cues and kinship words take listed or capitalised words, titles take
// the next word), then runs of listed first and last names with no cue,
// including "Lastname, Firstname" and all-caps or all-lower-case writing.
func (sc *scanner) names() {
	for _, m := range sc.marks {
		c := m.e.cue
		if c != cueNameStrong && c != cueNameWeak && c != cueTitle && c != cueRelation && c != cueIntro {
			continue
		}
		j := m.te
		dot := false
		for f := 0; f < 2 && j < len(sc.toks); f++ {
			if sc.isP(j, ':') || sc.isP(j, '-') || sc.isP(j, ',') || (c != cueTitle && (sc.is(j, "is") || sc.is(j, "es") || sc.is(j, "was") || sc.is(j, "era") || sc.is(j, "fue"))) {
				j++
			} else if sc.isP(j, '.') {
				dot = true
				j++
			} else {
				break
			}
		}
		if j >= len(sc.toks) || sc.toks[j].claimed {
			continue
		}
		var first bool
		switch c {
		case cueNameStrong:
			first = sc.canBeName(j)
		case cueTitle:
			first = sc.canBeName(j) && (sc.isLex(j) || sc.upper(j) || dot)
		default:
			first = sc.isLex(j) || (sc.upper(j) && sc.canBeName(j) && !sc.allUpperText())
		}
		if !first && c == cueIntro {
			// "this is rigoberto thistlewood", "atentamente, efraín mamani":
			// one or two unlisted words that end the clause.
			e := j
			if sc.canBeName(e+1) && sc.toks[e+1].space {
				e++
			}
			if sc.canBeName(j) && (e+1 >= len(sc.toks) || sc.kind(e+1) == tkPunct) && (e > j || sc.isP(m.te, ',')) {
				sc.addName(j, e, 0.7)
			}
			continue
		}
		if !first {
			if c == cueRelation {
				sc.relationName(m, j)
			}
			continue
		}
		mode := acceptLexOrCap
		if c == cueNameStrong {
			mode = acceptAny
		}
		end := sc.extendName(j, 4, mode, false)
		// "Lopez, Maria": family name first, a comma, then the given name.
		if end == j && sc.isP(end+1, ',') && !sc.toks[end+1].space {
			g := end + 2
			if sc.canBeName(g) && ((sc.isLex(g) && sc.toks[g].flags&fFirst != 0) || (sc.upper(g) && sc.upper(j))) {
				ge := sc.extendName(g, 2, acceptLexOrCap, false)
				if nx := ge + 1; nx >= len(sc.toks) || sc.kind(nx) == tkPunct || sc.toks[nx].flags&(fStop|fNotName|fDOBCue) != 0 {
					end = ge
				}
			}
		}
		conf := float32(0.9)
		if c == cueNameWeak || c == cueRelation {
			conf = 0.8
		}
		sc.addName(j, end, conf)
	}
	sc.namesBeforeHere()
	sc.wordGivenNames()
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].claimed || !sc.isLex(i) {
			continue
		}
		// "Lopez, Maria": surname, comma, given name.
		if T[i].flags&fSurname != 0 && sc.isP(i+1, ',') && sc.isLex(i+2) && T[i+2].flags&fFirst != 0 &&
			(sc.strongLex(i) || sc.strongLex(i+2)) {
			end := sc.extendName(i+2, 2, acceptLex, false)
			sc.addName(i, end, 0.85)
			i = end
			continue
		}
		hasStrong := sc.strongLex(i)
		end := sc.extendName(i, 4, acceptRun, hasStrong)
		for k := i; k <= end && !hasStrong; k++ {
			hasStrong = sc.strongLex(k)
		}
		switch {
		case hasStrong && end > i:
			sc.addName(i, end, 0.85)
		case hasStrong:
			sc.addName(i, end, 0.7)
		case end > i && sc.upper(i) && sc.upper(end):
			sc.addName(i, end, 0.6)
		}
		i = end
	}
	sc.capitalisedPairs()
}

// capitalisedPairs finds two or three adjacent capitalised words that no
// list explains ("Xiomara Quispe needs a refill"): in chat, people write
// capitals for people and places. Skipped when the whole message is in
// capitals or in Title Case, where capitals say nothing.
func (sc *scanner) capitalisedPairs() {
	if !sc.n.hasUpper {
		return
	}
	T := sc.toks
	ok := func(k int) bool {
		return k < len(T) && T[k].kind == tkWord && !T[k].claimed && T[k].e-T[k].s >= 2 &&
			sc.upper(k) && !sc.allUpper(k) && sc.canBeName(k) && T[k].flags&(fState|fFirst|fSurname) == 0
	}
	checked := false
	for i := 0; i+1 < len(T); i++ {
		if !ok(i) || !ok(i+1) || !T[i+1].space {
			continue
		}
		if !checked {
			// Only now, with a candidate in hand, look at the whole
			// message's casing.
			checked = true
			words, caps := 0, 0
			for k := range T {
				if T[k].kind == tkWord {
					words++
					if sc.upper(k) {
						caps++
					}
				}
			}
			if caps*10 > words*6 || sc.allUpperText() {
				return
			}
		}
		end := i + 1
		if ok(end+1) && T[end+1].space {
			end++
		}
		sc.addName(i, end, 0.5)
		i = end
	}
}

// namesBeforeHere finds a self-introduction that ends in "here" or "aquí"
// at the start of a message or clause: "Xiomara Quispe here, ...".
func (sc *scanner) namesBeforeHere() {
	T := sc.toks
	for h := 1; h < len(T); h++ {
		if c := sc.n.b[T[h].s]; (c != 'h' && c != 'a') || T[h].kind != tkWord {
			continue
		}
		if !(sc.is(h, "here") || sc.is(h, "aqui")) || T[h].claimed {
			continue
		}
		s := h - 1
		for s > 0 && h-s < 3 && sc.canBeName(s-1) {
			s--
		}
		if !sc.canBeName(s) || (s > 0 && !(T[s-1].kind == tkPunct || T[s-1].flags&fNotName != 0)) {
			continue
		}
		ok := true
		for k := s; k < h; k++ {
			ok = ok && sc.canBeName(k)
		}
		if ok {
			sc.addName(s, h-1, 0.8)
		}
	}
}

// addName records a name over tokens [i, end], leaving a possessive "'s"
// outside ("Luis's mom" masks as "[NAME]'s mom").
func (sc *scanner) addName(i, end int, conf float32) {
	e := int(sc.toks[end].e)
	if w := sc.txt(end); len(w) > 3 && w[len(w)-2] == '\'' && w[len(w)-1] == 's' {
		e -= 2
	}
	sc.cands = append(sc.cands, cand{s: sc.toks[i].s, e: int32(e), t: SpanName, conf: conf, prio: prioName})
	for k := i; k <= end; k++ {
		sc.toks[k].claimed = true
	}
}

// allUpperText reports a message typed entirely in capitals, where
// capitalisation says nothing about names.
func (sc *scanner) allUpperText() bool {
	if sc.upperText != 0 {
		return sc.upperText == 2
	}
	sc.upperText = 1
	if sc.computeAllUpper() {
		sc.upperText = 2
	}
	return sc.upperText == 2
}

func (sc *scanner) computeAllUpper() bool {
	if !sc.n.hasUpper {
		return false
	}
	letters, upper := 0, 0
	for _, r := range sc.n.orig {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 3 && upper*10 >= letters*9
}

func bytesIndex(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

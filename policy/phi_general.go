package policy

import (
	"bytes"
	"math/bits"
)

// Rules that make detection hold beyond the phrasings of the development
// corpus: evasive spellings of clinical words, spelled-out dates, names
// whose given name is an ordinary word, ages stated bare, and postal codes
// and streets outside the United States.

// leet maps the digits and symbols people type for letters ("p0sitive",
// "h1v") back to the letters.
func leet(c byte) byte {
	switch c {
	case '0':
		return 'o'
	case '1':
		return 'i'
	case '3':
		return 'e'
	case '4':
		return 'a'
	case '5':
		return 's'
	case '7':
		return 't'
	case '8':
		return 'b'
	case '@':
		return 'a'
	case '$':
		return 's'
	}
	return c
}

// evasiveEntry looks up a word that is not in the lexicon as written:
// digits for letters ("p0sitive"), or a misspelt drug name ("metfromin").
// Only clinical entries are returned: a fuzzy match never makes a name.
// wh is hashWord of the word when the caller has taken it (hashed), so it
// is not taken twice.
func (sc *scanner) evasiveEntry(i int, wh uint64, hashed bool) (lexEntry, bool) {
	w := sc.word(i)
	if sc.toks[i].kind == tkAlnum {
		letters := 0
		sc.key = sc.key[:0]
		for _, c := range w {
			if !isDigit(c) {
				letters++
			}
			sc.key = append(sc.key, leet(c))
		}
		if letters*2 >= len(w) {
			if e, ok := sc.lx.get(sc.key); ok && e.flags&(fClin|fResultValue) != 0 && e.nTok <= 1 {
				return e, true
			}
			// A body part ("h3ad", "ch3st") or the first word of a
			// clinical phrase ("sh0rtness of breath") reads as the word:
			// the phrase is matched on the restored letters.
			if e, ok := sc.lx.get(sc.key); ok && len(w) >= 4 && e.flags&(fBodyPart|fPhraseStart) != 0 && e.flags&(fFirst|fSurname|fStop) == 0 && e.nTok <= 1 {
				if e.flags&fBodyPart != 0 {
					sc.toks[i].kind = tkWord // the statement rules read words
				}
				return e, true
			}
			// A name with digits for letters ("m4ria", "j0hn") reads as
			// the word it spells.
			if e, ok := sc.lx.get(sc.key); ok && e.flags&(fFirst|fSurname) != 0 && e.flags&fStop == 0 && letters < len(w) {
				sc.toks[i].kind = tkWord
				return e, true
			}
		}
		// A name with more digits than letters ("M4R14", "p3tr0v",
		// "w1ll14m"): the lists or the population tables, reading 1 as
		// i and then as l.
		if letters >= 2 && len(w) >= 4 && letters < len(w) && len(w)-letters <= letters+1 && !ordinalWord(w) && !sc.idCueBefore(i) {
			for try := 0; try < 2; try++ {
				if try == 1 {
					if bytes.IndexByte(w, '1') < 0 {
						break
					}
					for k, c := range w {
						if c == '1' {
							sc.key[k] = 'l'
						}
					}
				}
				e, ok := sc.lx.get(sc.key)
				if !ok {
					if tag := sc.lx.people.lookup(sc.key); tag != 0 {
						e, ok = lexEntry{nTok: 1, flags: fPopName}, true
						if tag&nameGiven != 0 {
							e.flags |= fFirst
						}
						if tag&nameFamily != 0 {
							e.flags |= fSurname
						}
					}
				}
				if ok && e.flags&(fFirst|fSurname) != 0 && e.flags&(fStop|fNameWord) == 0 && e.nTok <= 1 {
					sc.toks[i].kind = tkWord
					return e, true
				}
			}
		}
		return lexEntry{}, false
	}
	// A word that came to nothing here before comes to nothing again:
	// the look-ups below depend on the word alone.
	if !hashed {
		wh = hashWord(w)
	}
	h := wh | 1 // 1: a slot no word has filled holds 0
	seen := &sc.noEvasive[h%uint64(len(sc.noEvasive))]
	if *seen == h {
		return lexEntry{}, false
	}
	if e, ok := sc.inflected(w); ok {
		return e, true
	}
	if len(w) < 6 {
		*seen = h // too short for the misspelling look-ups: nothing for this word
		return lexEntry{}, false
	}
	if e, ok := sc.lx.fuzzyDrug(w); ok {
		return e, true
	}
	// A symptom typed in a hurry ("feaver", "hedache", "diarhea",
	// "vomitting"), one edit away: only a lower-case word no dictionary
	// and no name table knows, so "never", a town or a family name is
	// never read as one.
	e, ok := sc.lx.fuzzyTerm(&sc.lx.symptoms, w, 1)
	if !ok {
		*seen = h
		return lexEntry{}, false
	}
	if sc.upper(i) || dictionaryWord(w) || sc.lx.people.lookup(w) != 0 {
		return lexEntry{}, false // the guards only for the rare near miss
	}
	return e, true
}

// inflected looks up a clinical word under its plural or verb ending
// ("migraines", "coughing", "vomited", "sneezes").
func (sc *scanner) inflected(w []byte) (lexEntry, bool) {
	if len(w) < 4 {
		return lexEntry{}, false
	}
	try := func(stem []byte, add string) (lexEntry, bool) {
		sc.key = append(append(sc.key[:0], stem...), add...)
		e, ok := sc.lx.get(sc.key)
		return e, ok && e.flags&fClin != 0 && e.nTok <= 1
	}
	n := len(w)
	if n == 4 {
		// "stds", "utis": the plural of a clinical abbreviation. A word
		// of its own ("toss", "sobs", "tias") is not one, nor is a
		// short word shaped consonant, vowel, consonant ("dors": "je
		// dors" sleeps; the Portuguese "dor" takes "dores").
		if w[3] != 's' || !vowelByte(w[0]) && vowelByte(w[1]) && !vowelByte(w[2]) {
			return lexEntry{}, false
		}
		if e, ok := try(w[:3], ""); ok && !dictionaryWord(w) {
			return e, true
		}
		return lexEntry{}, false
	}
	if e, ok := sc.american(w); ok {
		return e, true
	}
	switch {
	case w[n-1] == 's' && w[n-2] != 's':
		if e, ok := try(w[:n-1], ""); ok {
			return e, true
		}
		if w[n-2] == 'e' {
			return try(w[:n-2], "")
		}
	case n > 5 && string(w[n-3:]) == "ing":
		if e, ok := try(w[:n-3], ""); ok {
			return e, true
		}
		return try(w[:n-3], "e")
	case string(w[n-2:]) == "ed":
		if e, ok := try(w[:n-2], ""); ok {
			return e, true
		}
		return try(w[:n-1], "")
	}
	return lexEntry{}, false
}

// vowelByte reports a lower-case vowel, y included.
func vowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// american looks a clinical word up in its American spelling, the one the
// lists hold: "anaemia", "gonorrhoea", "oesophagus", "haemorrhoids",
// "tumour", "oedema". Only the digraphs "ae" and "oe" and a closing
// "our" are undone, and only a clinical entry is returned.
func (sc *scanner) american(w []byte) (lexEntry, bool) {
	n := len(w)
	var buf [40]byte
	if n > len(buf) {
		return lexEntry{}, false
	}
	k, changed := buf[:0], false
	for i := 0; i < n; i++ {
		if i+1 < n && (w[i] == 'a' || w[i] == 'o') && w[i+1] == 'e' && (i > 0 || w[i] == 'o') {
			// "haem", "anaem", "oedema"; "ae" opening a word is kept
			// ("aerobic").
			k = append(k, 'e')
			i++
			changed = true
			continue
		}
		k = append(k, w[i])
	}
	switch {
	case bytes.HasSuffix(k, []byte("ours")):
		k = append(k[:len(k)-4], "ors"...)
		changed = true
	case bytes.HasSuffix(k, []byte("our")):
		k = append(k[:len(k)-3], "or"...)
		changed = true
	}
	if !changed {
		return lexEntry{}, false
	}
	e, ok := sc.lx.get(k)
	if !ok || e.flags&fClin == 0 || e.nTok > 1 {
		if len(k) > 4 && k[len(k)-1] == 's' {
			// "haemorrhoids" → "hemorrhoids" is listed; "tumours" → "tumor".
			if e, ok = sc.lx.get(k[:len(k)-1]); ok && e.flags&fClin != 0 && e.nTok <= 1 {
				return e, true
			}
		}
		return lexEntry{}, false
	}
	return e, true
}

// dottedAbbrev finds clinical abbreviations written with dots or dashes
// between letters ("h.i.v.", "H-I-V") and marks them.
func (sc *scanner) dottedAbbrev() {
	if !sc.hasPunct('.') && !sc.hasPunct('-') {
		return // the letters are joined by one of them
	}
	T := sc.toks
	one := func(k int) bool { // a letter, or a digit inside ("c.d.4", "a.1.c")
		return k < len(T) && T[k].e-T[k].s == 1 && (T[k].kind == tkWord || T[k].kind == tkNum && k > 0)
	}
	for i := 0; i+2 < len(T); i++ {
		if T[i].kind != tkWord || T[i].e-T[i].s != 1 {
			continue
		}
		sep := sc.n.b[T[i+1].s]
		if T[i+1].kind != tkPunct || (sep != '.' && sep != '-') || !sc.attached(i+1) {
			continue
		}
		j := i
		sc.key = append(sc.key[:0], sc.word(i)...)
		for sc.isP(j+1, sep) && sc.attached(j+1) && sc.attached(j+2) && one(j+2) {
			sc.key = append(sc.key, sc.word(j+2)...)
			j += 2
		}
		if j == i {
			continue
		}
		if e, ok := sc.lx.get(sc.key); ok && e.flags&fClin != 0 {
			end := j
			if sc.isP(j+1, sep) && sc.attached(j+1) {
				end = j + 1
			}
			sc.marks = append(sc.marks, mark{ts: i, te: end + 1, e: e})
			for k := i; k <= end; k++ {
				// The letters spell a clinical word: no name rule may
				// read them as initials ("d.e.p.r.e.s.s.i.o.n").
				T[k].inClin = true
			}
		}
		i = j
	}
}

// fuzzyDrug finds a medication or condition within a small edit distance
// of w: one edit for names of six or seven letters, two from eight (the
// name's length decides, so "cancelar" is not a slip of "cancer").
// Candidates share the first letter and a near length, so a word costs a
// handful of comparisons.
func (lx *lexicon) fuzzyDrug(w []byte) (lexEntry, bool) {
	return lx.fuzzyTerm(&lx.drugs, w, 2)
}

// fuzzyTerm finds a term of index within the edit distance fuzzyDrug
// describes, never more than limit.
func (lx *lexicon) fuzzyTerm(index *[128][]fuzzyTerm, w []byte, limit int) (lexEntry, bool) {
	if w[0] >= 128 {
		return lexEntry{}, false
	}
	m := letterMask(w)
	for _, cand := range index[w[0]] {
		l := len(cand.w)
		maxD := 1
		if l >= 8 {
			maxD = min(2, limit)
		}
		if l < len(w)-maxD || l > len(w)+maxD {
			continue
		}
		// One edit changes at most two letters' presence: a cheap bound
		// that spares most words the full comparison.
		if bits.OnesCount32(m^cand.mask) > 2*maxD {
			continue
		}
		if !letterCountsWithin(w, cand.w, 2*maxD) {
			continue
		}
		if editWithin(w, cand.w, maxD) {
			return lx.words[cand.w], true
		}
	}
	return lexEntry{}, false
}

// fuzzyTerm is a clinical name indexed for the misspelling look-up.
type fuzzyTerm struct {
	w    string
	mask uint32 // the letters it holds, one bit each
	// slip: one of the commonest drugs (medications.txt), which outbound
	// staff text may not name even two letters off (looseSlipDrug).
	slip bool
}

// letterMask sets one bit per letter a-z present in w.
func letterMask[T string | []byte](w T) uint32 {
	var m uint32
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'a' && c <= 'z' {
			m |= 1 << (c - 'a')
		}
	}
	return m
}

// editWithin reports whether the optimal-string-alignment distance
// between a and b is at most k (k ≤ 2, words ≤ 32 bytes). Only the band
// of cells within k of the diagonal is computed: a path through any other
// cell already costs more than k. Values are capped at k+1, which keeps
// every "at most k" answer and fits a byte.
func editWithin(a []byte, b string, k int) bool {
	if len(a) > 32 || len(b) > 32 || len(a)-len(b) > k || len(b)-len(a) > k {
		return false
	}
	over := uint8(k + 1)
	var rows [3][34]uint8
	for j := range rows[0] {
		rows[0][j] = over
	}
	for j := 0; j <= min(len(b), k); j++ {
		rows[0][j] = uint8(j)
	}
	for i := 1; i <= len(a); i++ {
		cur, prev, prev2 := &rows[i%3], &rows[(i+2)%3], &rows[(i+1)%3]
		lo, hi := max(1, i-k), min(len(b), i+k)
		cur[lo-1] = over
		if i <= k {
			cur[0] = uint8(i)
		}
		cur[hi+1] = over
		best := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := uint8(1)
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			v = min(v, over)
			cur[j] = v
			best = min(best, v)
		}
		if best > uint8(k) {
			return false
		}
	}
	return rows[len(a)%3][len(b)] <= uint8(k)
}

// ordinalWord reads a spelled day of the month at token i ("sixteenth",
// "twenty-first", "dieciséis", "treinta y uno") and returns its last token.
func (sc *scanner) ordinalWord(i int) (int, bool) {
	if sc.kind(i) != tkWord {
		return 0, false
	}
	w := string(sc.word(i))
	switch w {
	case "twenty", "veinte", "thirty", "treinta":
		k := i + 1
		if sc.isP(k, '-') || sc.is(k, "y") {
			k++
		}
		if e, ok := sc.ordinalWord(k); ok && e == k {
			return k, true
		}
		return i, w == "veinte" || w == "treinta"
	case "twentieth", "thirtieth":
		return i, true
	}
	switch w {
	case "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
		"eighteenth", "nineteenth", "primero", "primer":
		return i, true
	}
	if unitWord(sc.word(i)) && w != "un" {
		return i, true
	}
	switch w {
	case "diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho",
		"diecinueve", "veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco", "veintiseis",
		"veintisiete", "veintiocho", "veintinueve":
		return i, true
	}
	return sc.romanceDayWord(i) // phi_dates_spelled_romance.go
}

// spelledYear reads a year in words at token i: "nineteen sixty-two",
// "two thousand three", "mil novecientos sesenta y dos". Its first words
// are those of trigYearStart.
func (sc *scanner) spelledYear(i int) (int, bool) {
	tail := func(k int) int { // tens[-unit] or teen or unit after the century
		if !numberWord(sc.word(k)) || sc.kind(k) != tkWord {
			return -1
		}
		e := k
		if sc.isP(e+1, '-') || sc.is(e+1, "y") {
			if unitWord(sc.word(e + 2)) {
				e += 2
			}
		} else if unitWord(sc.word(e+1)) && !unitWord(sc.word(k)) {
			e++
		}
		return e
	}
	switch {
	case sc.is(i, "nineteen") || sc.is(i, "eighteen"):
		if sc.is(i+1, "hundred") {
			return i + 1, true
		}
		k := i + 1
		if sc.is(k, "oh") {
			k++
		}
		if e := tail(k); e >= 0 {
			return e, true
		}
	case sc.is(i, "two") && sc.is(i+1, "thousand"):
		k := i + 2
		if sc.is(k, "and") {
			k++
		}
		if e := tail(k); e >= 0 {
			return e, true
		}
		return i + 1, true
	case sc.is(i, "mil") && (sc.is(i+1, "novecientos") || sc.is(i+1, "ochocientos")):
		if e := tail(i + 2); e >= 0 {
			return e, true
		}
		return i + 1, true
	case sc.is(i, "dos") && sc.is(i+1, "mil"):
		if e := tail(i + 2); e >= 0 {
			return e, true
		}
		return i + 1, true
	}
	return sc.romanceSpelledYear(i) // phi_dates_spelled_romance.go
}

// spelledDates finds dates written in words around a month name: "the
// sixteenth of April", "March fourteenth, nineteen sixty-two", "el
// dieciséis de abril de mil novecientos…", and a spelled birth year alone
// ("born in nineteen twenty-nine").
func (sc *scanner) spelledDates() {
	if sc.flagsAny&fMonth == 0 && sc.trigAny&trigYearStart == 0 {
		return // a date read here has a month, a year alone one of the year's first words
	}
	T := sc.toks
	for i := range T {
		if T[i].claimed || T[i].kind != tkWord {
			continue
		}
		if T[i].flags&fMonth != 0 {
			s, e := -1, i
			// Day before: "[the] sixteenth [of]", "dieciséis de".
			k := i - 1
			if sc.is(k, "of") || sc.is(k, "de") {
				k--
			}
			for st := max(k-3, 0); st <= k; st++ {
				if end, ok := sc.ordinalWord(st); ok && end == k && !T[st].claimed {
					s = st
					break
				}
			}
			// Day after: "April sixteenth", "March the fourteenth".
			if s < 0 {
				d := i + 1
				if sc.is(d, "the") {
					d++
				}
				if end, ok := sc.ordinalWord(d); ok && !sc.anyClaimed(d, end) && !unitWord(sc.word(d)) {
					s, e = i, end
				}
			}
			if s < 0 {
				continue
			}
			if digitWord(sc.word(i)) >= 0 && (digitWord(sc.word(i+1)) >= 0 || digitWord(sc.word(s-1)) >= 0) {
				// "quatre trois sept huit": French digits read out, not
				// the third of September ("sept" is both).
				continue
			}
			if sc.is(s-1, "the") || sc.is(s-1, "el") {
				s--
			}
			y := e + 1
			if sc.isP(y, ',') || sc.is(y, "of") || sc.is(y, "de") || sc.is(y, "del") {
				y++
			}
			if ye, ok := sc.spelledYear(y); ok {
				e = ye
			} else if v, n := sc.num(y); n == 4 && v >= 1880 && v <= 2100 {
				e = y
			}
			sc.addTok(s, e, sc.dateType(s), 0.8, prioDate)
			continue
		}
		if c := sc.n.b[T[i].s]; c != 'n' && c != 'e' && c != 't' && c != 'm' && c != 'd' {
			continue // only "nineteen", "eighteen", "two thousand", "mil", "dos mil" open a year
		}
		if ye, ok := sc.spelledYear(i); ok && (sc.is(i-1, "in") || sc.is(i-1, "en") || sc.flags(i-1)&fDOBCue != 0) && sc.dobContext(i) {
			sc.addTok(i, ye, SpanDOB, 0.75, prioAge)
		}
	}
}

// bareAge finds an age over 89 said with a verb and nothing after it: "my
// grandmother is 91", "mi papá tiene 94", "he just turned 90."
func (sc *scanner) bareAge(i int) bool { return sc.bareAgeAt(i, i) }

// bareAgeAt is bareAge for an age over tokens [i, e] ("ninety-three").
func (sc *scanner) bareAgeAt(i, e int) bool {
	// "she's um 93", "she is, like, 93", "she's... 93", "she's I think
	// 93", "tiene, eh, 93": what a voice note puts between the verb and
	// the age.
	i = sc.skipAgeFillers(i)
	// "is almost 93", "will be nearly 95", "ya casi 92": one adverb of
	// degree may stand between the verb and the age.
	if sc.is(i-1, "almost") || sc.is(i-1, "nearly") || sc.is(i-1, "about") || sc.is(i-1, "over") || sc.is(i-1, "past") ||
		sc.is(i-1, "just") || sc.is(i-1, "already") || sc.is(i-1, "finally") || sc.is(i-1, "casi") || sc.is(i-1, "recently") {
		i--
	}
	// "going on 97", "anda por los 93", "va a cumplir 91": the age a
	// person is nearing is theirs as much as the one they have.
	if sc.is(i-1, "on") && sc.is(i-2, "going") || sc.is(i-1, "los") && sc.is(i-2, "por") {
		i--
	}
	// Verbs that also take quantities ("pushing 100 patients", "celebrating
	// 90 years of service") need the age to end the phrase.
	if sc.is(i-1, "pushing") || sc.is(i-1, "going") || sc.is(i-1, "celebrating") || sc.is(i-1, "celebrated") ||
		sc.is(i-1, "celebrates") || sc.is(i-1, "cumplir") || sc.is(i-1, "por") && sc.is(i-2, "anda") {
		if !sc.ageFollows(e+1) || sc.is(e+1, "years") && (sc.is(e+2, "of") || sc.is(e+2, "in")) {
			return false
		}
		return sc.personBefore(i - 1)
	}
	if sc.is(i-1, "be") || sc.is(i-1, "reached") || sc.is(i-1, "hit") || sc.is(i-1, "hits") || sc.is(i-1, "reaches") ||
		sc.is(i-1, "turning") || sc.is(i-1, "became") || sc.is(i-1, "being") {
		i-- // "she'll be 91", "he reached 100": look for the person from the verb
		return sc.personBefore(i)
	}
	// "who's 96", "grandma's 94": a contracted "is" after a person.
	pw := sc.word(i - 1)
	contracted := bytesHasPossessive(pw) && (sc.is(i-1, "who's") || sc.toks[i-1].ent.cue == cueRelation ||
		sc.toks[i-1].flags&(fFirst|fSurname|fPersonal) != 0 || relationWord(pw[:len(pw)-2]))
	if !(sc.is(i-1, "is") || sc.is(i-1, "was") || sc.is(i-1, "tiene") || sc.is(i-1, "turned") || sc.is(i-1, "turns") ||
		sc.is(i-1, "cumplio") || sc.is(i-1, "cumple") || sc.is(i-1, "now") || sc.is(i-1, "ya") || sc.is(i-1, "she's") ||
		sc.is(i-1, "he's") || sc.is(i-1, "i'm") || sc.is(i-1, "am") || sc.is(i-1, "whos") || sc.is(i-1, "tenia") ||
		sc.is(i-1, "cumplira") || sc.is(i-1, "sera") || contracted || sc.misspeltTurned(i-1) || sc.misspeltTiene(i-1)) {
		return false
	}
	if contracted && !sc.is(i-1, "who's") {
		return sc.ageFollows(e + 1)
	}
	if sc.is(i-1, "who's") || sc.is(i-1, "whos") || sc.is(i-1, "is") && (sc.is(i-2, "who") || sc.is(i-2, "que")) {
		// "my grandma who's 98 needs a ride": the clause goes on.
		return sc.notUnit(e + 1)
	}
	if !sc.ageFollows(e+1) || sc.thingSubject(i-2) && (sc.is(i-1, "is") || sc.is(i-1, "was")) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := &sc.toks[k]
		if t.flags&(fClin|fBodyPart) != 0 || vitalWord(sc.txt(k)) {
			return false // "my sugar was 110": a reading, not an age
		}
		if t.flags&(fPersonal|fFirst|fSurname) != 0 || t.ent.cue == cueRelation || t.ent.cue == cueTitle || sc.is(k, "who") || sc.is(k, "who's") ||
			sc.is(k, "patient") || sc.is(k, "paciente") || t.kind == tkWord && k > 0 && sc.upper(k) && !sc.allUpperText() {
			return true
		}
	}
	return false
}

// misspeltTurned reports "turned" typed with one slip: "turend",
// "tunred", "turnd".
func (sc *scanner) misspeltTurned(k int) bool {
	w := sc.word(k)
	return len(w) >= 5 && len(w) <= 7 && w[0] == 't' && sc.kind(k) == tkWord && editWithin(w, "turned", 1) && !sc.is(k, "tuned") &&
		!sc.is(k, "turner")
}

// misspeltTiene reports the Spanish verbs of age typed with one slip:
// "tinee", "tieen", "tine" for "tiene"; "cumpio", "cunplio", "cmplio" for
// "cumplió". Words of their own one slip away are left out.
func (sc *scanner) misspeltTiene(k int) bool {
	if sc.kind(k) != tkWord {
		return false
	}
	w := sc.word(k)
	switch {
	case len(w) >= 4 && len(w) <= 6 && w[0] == 't':
		switch string(w) {
		case "time", "tile", "tire", "tide", "tien", "tienes", "tienen", "tiene":
			return false
		}
		return editWithin(w, "tiene", 1)
	case len(w) >= 6 && len(w) <= 8 && w[0] == 'c':
		switch string(w) {
		case "cumplio", "cumple", "cumplen", "cumplir", "cumpla":
			return false
		}
		return editWithin(w, "cumplio", 1)
	}
	return false
}

// skipAgeFillers returns i moved back over the hesitations, hedges and
// pauses said just before an age (at most four tokens), so the verb before
// them is read as if next to the age.
func (sc *scanner) skipAgeFillers(i int) int {
	for n := 0; n < 4 && i > 1; n++ {
		k := i - 1
		if sc.kind(k) == tkPunct {
			if !(sc.isP(k, ',') || sc.isP(k, '.') || sc.isP(k, '-')) {
				break
			}
			i--
			continue
		}
		switch string(sc.word(k)) {
		case "um", "umm", "uh", "uhh", "er", "erm", "ah", "like", "eh", "este", "pues", "tipo", "genre", "maybe",
			"probably", "prolly", "bueno", "mmm", "hmm":
			i--
			continue
		case "think", "believe", "guess":
			if sc.is(k-1, "i") {
				i -= 2
				continue
			}
		}
		break
	}
	return i
}

// personBefore reports a person within the five tokens before i: a
// personal word, a name, a kinship word or a title.
func (sc *scanner) personBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := &sc.toks[k]
		if t.flags&(fPersonal|fFirst|fSurname) != 0 || t.ent.cue == cueRelation || t.ent.cue == cueTitle || sc.is(k, "who") ||
			sc.is(k, "she'll") || sc.is(k, "he'll") || sc.is(k, "i'll") ||
			sc.is(k, "patient") || sc.is(k, "paciente") || t.kind == tkWord && k > 0 && sc.upper(k) && !sc.allUpperText() {
			return true
		}
	}
	return false
}

// shorthandAges finds ages over 89 in clinical shorthand: "93yo",
// "94yrs", "93F", "91 M", "(92)" after a name, "95th birthday".
func (sc *scanner) shorthandAges() {
	if sc.placeAny&shAgeNum == 0 && sc.kinds&(1<<tkAlnum) == 0 {
		return // each is a number from 90 to 125 or a code ("93yo")
	}
	T := sc.toks
	for i := range T {
		if T[i].claimed {
			continue
		}
		switch T[i].kind {
		case tkAlnum:
			w := sc.word(i)
			d, v := 0, 0
			for d < len(w) && isDigit(w[d]) && d < 3 {
				v = v*10 + int(w[d]-'0')
				d++
			}
			if d < 2 || v < 90 || v > 125 {
				continue
			}
			switch string(w[d:]) {
			case "yo", "yrs", "yr", "y", "yoa", "f", "m", "anos",
				"years", "year", "yrsold", "yearsold", "yrold", "yearold", "ans", "anys", "jahre", "anni": // "93years old", "93ans"
				sc.addTok(i, i, SpanAge, 0.85, prioAge)
			case "th":
				// "her 100th birthday", "celebrated his 95th".
				if sc.is(i+1, "birthday") || sc.is(i+1, "bday") || sc.is(i+1, "cumpleanos") ||
					(sc.is(i-1, "her") || sc.is(i-1, "his") || sc.is(i-1, "my")) && (i+1 >= len(T) || sc.kind(i+1) == tkPunct || sc.is(i+1, "and")) {
					sc.addTok(i, i, SpanAge, 0.85, prioAge)
				}
			}
		case tkNum:
			v, n := sc.num(i)
			if n > 3 || v < 90 || v > 125 {
				continue
			}
			// "91 M", "93 F" after a person, or "(92)" after a name.
			sex := (sc.is(i+1, "m") || sc.is(i+1, "f")) && sc.toks[min(i+1, len(T)-1)].e-sc.toks[min(i+1, len(T)-1)].s == 1 && sc.allUpper(i+1)
			if sex || sc.ageAside(i, i) {
				sc.addTok(i, i, SpanAge, 0.8, prioAge)
			}
		}
	}
}

// decadeAge finds an age over 89 given as a decade or between commas:
// "in her 90s", "in his nineties", "my grandpa, 94, fell".
func (sc *scanner) decadeAges() {
	if sc.trigAny&trigDecadeWord == 0 && sc.placeAny&shAgeNum == 0 && sc.kinds&(1<<tkAlnum) == 0 {
		return // no decade word, no age from 90 to 125 in digits, no code ("90s")
	}
	T := sc.toks
	for i := range T {
		if T[i].claimed || T[i].kind == tkPunct || T[i].kind == tkWord && sc.n.b[T[i].s] != 'n' && sc.n.b[T[i].s] != 'c' {
			continue
		}
		w := sc.word(i)
		switch {
		case T[i].kind == tkAlnum && (string(w) == "90s" || string(w) == "100s") || sc.is(i, "nineties") || sc.is(i, "noventas"):
			if sc.is(i-1, "her") || sc.is(i-1, "his") || sc.is(i-1, "their") || sc.is(i-1, "my") || sc.is(i-1, "los") || sc.is(i-1, "early") || sc.is(i-1, "late") || sc.is(i-1, "mid") {
				sc.addTok(i, i, SpanAge, 0.8, prioAge)
			}
		case T[i].kind == tkNum:
			v, n := sc.num(i)
			if n <= 3 && v >= 90 && v <= 125 && sc.appositive(i, i) {
				sc.addTok(i, i, SpanAge, 0.8, prioAge)
			}
		case sc.is(i, "nonagenarian") || sc.is(i, "centenarian") || sc.is(i, "nonagenaria") || sc.is(i, "nonagenario") ||
			sc.is(i, "centenaria") || sc.is(i, "centenario"):
			sc.addTok(i, i, SpanAge, 0.8, prioAge) // a person over 89 by name of their decade
		}
	}
}

// ageAside reports an age over tokens [i, e] said in brackets after a
// person, "my dad (92)", "grandpa (ninety-one)", or as the time of life,
// "at 96 she still drives", "at ninety-one, he…".
func (sc *scanner) ageAside(i, e int) bool {
	if sc.isP(i-1, '(') && sc.isP(e+1, ')') && i > 1 && sc.kind(i-2) == tkWord {
		// A name, or a kinship word, not "page (92)".
		p := &sc.toks[i-2]
		return sc.upper(i-2) || p.flags&(fFirst|fSurname) != 0 && p.flags&(fOrdinary|fNameWord) == 0 || p.ent.cue == cueRelation || relationWord(sc.word(i-2))
	}
	if !sc.is(i-1, "at") {
		return false
	}
	n := e + 1
	if sc.isP(n, ',') {
		n++
	}
	return sc.is(n, "he") || sc.is(n, "she") || sc.is(n, "he's") || sc.is(n, "she's") || sc.is(n, "hes") || sc.is(n, "shes") ||
		n == e+1 && (sc.is(n, "i") || sc.is(n, "my") || sc.is(n, "mom") || sc.is(n, "dad"))
}

// appositive reports an age set between commas after a person: "my
// grandpa, 94, fell", "Rosa Díaz, ninety-one, lives alone".
func (sc *scanner) appositive(i, e int) bool {
	if !sc.isP(i-1, ',') || !sc.isP(e+1, ',') {
		return false
	}
	// "Rua das Flores, 120, São Paulo": a house number after its street.
	for k := i - 2; k >= 0 && k >= i-5; k-- {
		if sc.flags(k)&(fStreetPrefix|fStreetWord|fStreetSuffix) != 0 {
			return false
		}
	}
	for k := i - 2; k >= 0 && k >= i-3; k-- {
		t := &sc.toks[k]
		if t.ent.cue == cueRelation || relationWord(sc.word(k)) || t.flags&(fFirst|fSurname) != 0 || t.kind == tkWord && sc.upper(k) ||
			sc.is(k, "patient") || sc.is(k, "paciente") || sc.is(k, "pt") {
			return true
		}
	}
	return false
}

// wordGivenName finds a name whose given name is an ordinary word or a
// month ("June Whitaker", "Will Thompson", "Hope García") from the family
// name after it: a listed family name, or a capitalised word after a
// capitalised given name.
func (sc *scanner) wordGivenNames() {
	if sc.flagsAny&(fNameWord|fMonth) == 0 {
		return // no given name that is also a word or a month
	}
	T := sc.toks
	for i := 0; i+1 < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || T[i].flags&(fNameWord|fMonth) == 0 || !T[i+1].space || T[i+1].claimed {
			continue
		}
		n := i + 1
		if T[n].kind != tkWord || T[n].e-T[n].s < 2 {
			continue
		}
		surname := T[n].flags&fSurname != 0 && T[n].flags&(fNameWord|fStop|fClin|fNotName|fMonth) == 0
		// An unlisted family name needs the pair to stand alone as a
		// name: at the start of a clause and ending one ("June Whitaker
		// called"), so "your Summer Hours" or "Bill Pay" stay.
		capPair := sc.upper(i) && sc.upper(n) && !sc.allUpper(n) && sc.canBeName(n) && T[n].flags&(fState|fFirst|fLabelNoun) == 0 &&
			!sc.allUpperText() && sc.kind(n+1) != tkNum &&
			(i == 0 || T[i-1].kind == tkPunct || T[i-1].ent.cue != cueNone || T[i-1].flags&fStop != 0 && !determiner(sc.word(i-1))) &&
			sc.nameBoundary(n+1)
		if !surname && !capPair {
			continue
		}
		if !surname && T[i].flags&fMonth != 0 && (sc.kind(n+1) == tkNum || sc.kind(n+1) == tkAlnum) {
			continue
		}
		end := sc.extendName(n, 2, acceptLex, false)
		if sc.notPerson(i, end) || end > n && sc.notPerson(i, n) {
			i = end
			continue // "Will Rogers Street", "June Whitaker Park": named for a person
		}
		sc.addName(i, end, 0.7)
		i = end
	}
}

// isUKOutward/isUKInward/isCA... recognise postcode halves by shape.
func shapeIs(w []byte, shape string) bool {
	if len(w) != len(shape) {
		return false
	}
	for i, c := range w {
		switch shape[i] {
		case 'a':
			if c < 'a' || c > 'z' {
				return false
			}
		case '9':
			if !isDigit(c) {
				return false
			}
		case '*':
			if !isDigit(c) && (c < 'a' || c > 'z') {
				return false
			}
		}
	}
	return true
}

// postcodes finds postal codes by their structure: British ("SW1A 1AA",
// "NW1 6XE"), Canadian ("M5V 3L9"), Dutch ("1012 AB"), and European
// four- or five-digit codes beside a capitalised town after a comma
// ("75002 Paris"). A town written next to its code is masked with it.
func (sc *scanner) postcodes() {
	if sc.numbersAny {
		sc.codedPostcodes() // every code holds a digit
	}
	sc.townsAfterStreets()
}

// codedPostcodes reads the codes postcodes describes and the towns
// beside them.
func (sc *scanner) codedPostcodes() {
	T := sc.toks
	for i := 0; i+1 < len(T); i++ {
		if T[i].claimed || !T[i+1].space || T[i+1].claimed || T[i].kind == tkWord || T[i].kind == tkPunct || T[i+1].kind == tkPunct {
			continue
		}
		a, b := sc.word(i), sc.word(i+1)
		ok := false
		switch {
		case T[i].kind == tkAlnum && T[i+1].kind == tkAlnum:
			ok = (shapeIs(a, "a9") || shapeIs(a, "a99") || shapeIs(a, "aa9") || shapeIs(a, "aa99") || shapeIs(a, "a9a") || shapeIs(a, "aa9a")) && shapeIs(b, "9aa")
			ok = ok || (shapeIs(a, "a9a") && shapeIs(b, "9a9"))
			// Irish Eircode: "D02 X285", "A65 F4E2".
			ok = ok || ((shapeIs(a, "a99") || shapeIs(a, "a9a")) && shapeIs(b, "****") && mixed(b))
		case T[i].kind == tkNum && T[i+1].kind == tkWord:
			// Dutch "1017 GA": four digits and two capitals, after a
			// street or a comma, or before a capitalised town.
			ok = len(a) == 4 && len(b) == 2 && sc.allUpper(i+1) && a[0] != '0' && !sc.allUpperText() &&
				T[i+1].flags&(fDoseUnit|fUnit|fFreq) == 0 && string(b) != "ad" && string(b) != "bc"
			if ok && i+2 < len(T) && T[i+2].kind == tkWord && sc.upper(i+2) && !sc.allUpper(i+2) && sc.canBeName(i+2) {
				sc.addTok(i, i+2, sc.postcodeType(i), 0.85, prioZIP)
				i += 2
				continue
			}
		}
		if !ok {
			continue
		}
		s, e := i, i+1
		// A town before the code: "London NW1 6XE".
		if s > 0 && !T[s-1].claimed && T[s-1].kind == tkWord && sc.upper(s-1) && sc.canBeName(s-1) && sc.isP(s-2, ',') {
			s--
		}
		sc.addTok(s, e, sc.postcodeType(s), 0.85, prioZIP)
		i = e
	}
	for i := range T {
		if T[i].claimed || T[i].kind != tkNum || (T[i].e-T[i].s != 5 && T[i].e-T[i].s != 4) || !T[i].space {
			continue
		}
		town := i + 1
		if !(sc.isP(i-1, ',') || (i > 0 && T[i-1].addrEnd) || (i > 1 && sc.isP(i-1, ',') && T[i-2].addrEnd)) {
			continue
		}
		if town >= len(T) || T[town].kind != tkWord || !sc.upper(town) || !(sc.canBeName(town) || sc.allUpper(town)) || T[town].claimed {
			continue
		}
		sc.addTok(i, town, sc.postcodeType(i), 0.8, prioZIP)
	}
}

// townsAfterStreets reads a town after a street: "Rua das Flores 80,
// Lisboa".
func (sc *scanner) townsAfterStreets() {
	if sc.placeAny&shComma == 0 {
		return // the town follows the street after a comma
	}
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if !T[i].addrEnd || !sc.isP(i+1, ',') || T[i+2].claimed || T[i+2].kind != tkWord || !sc.upper(i+2) || !sc.canBeName(i+2) ||
			T[i+2].flags&(fZipCue|fUnitDesignator) != 0 {
			continue
		}
		e := i + 2
		for n := 0; n < 3 && e+1 < len(T) && T[e+1].kind == tkWord && T[e+1].space && !T[e+1].claimed; n++ {
			if sc.upper(e+1) && sc.canBeName(e+1) {
				e++ // "Ciudad de México", "San Luis Potosí"
				continue
			}
			if T[e+1].flags&fParticle != 0 && e+2 < len(T) && sc.upper(e+2) && sc.canBeName(e+2) {
				e += 2
				continue
			}
			break
		}
		if nx := e + 1; nx < len(T) && !(T[nx].kind == tkNum || T[nx].kind == tkAlnum) && !sc.nameBoundary(nx) {
			continue
		}
		sc.addTok(i+2, e, SpanAddress, 0.7, prioAddress)
	}
}

// postcodeType types a postal code that closes a street address as part
// of the address, and one standing alone as a ZIP.
func (sc *scanner) postcodeType(s int) SpanType {
	for k := s - 1; k >= 0 && k >= s-4; k-- {
		if sc.toks[k].addrEnd {
			return SpanAddress
		}
	}
	return SpanZIP
}

// mixed reports a code holding both letters and digits.
func mixed(w []byte) bool {
	l, d := false, false
	for _, c := range w {
		l = l || (c >= 'a' && c <= 'z')
		d = d || isDigit(c)
	}
	return l && d
}

// cuedPostcodes reads a postal code of any country after a cue:
// "postcode: 3511 LX", "CEP 01310-100", "eircode D02 X285", "PLZ 10115".
func (sc *scanner) cuedPostcodes() {
	if sc.flagsAny&fZipCue == 0 || !sc.numbersAny {
		return // a cue, then a number or a code
	}
	T := sc.toks
	for i := range T {
		if T[i].flags&fZipCue == 0 {
			continue
		}
		j := i + 1
		for j < len(T) && (sc.isP(j, ':') || sc.isP(j, '#') || sc.is(j, "is") || sc.is(j, "es") || sc.is(j, "number")) {
			j++
		}
		if j >= len(T) || T[j].claimed {
			continue
		}
		if _, ok := sc.apartChar(j); ok {
			// "zip 6 0 6 1 4", "9-0-2-1-0", "s w one a one a a": a code
			// typed or read out a character at a time.
			if k, ok := sc.cuedCodeApart(j, false); ok {
				sc.addTok(j, k, SpanZIP, 0.85, prioZIP)
				continue
			}
		}
		if !(T[j].kind == tkNum || T[j].kind == tkAlnum) || T[j].e-T[j].s > 8 {
			continue
		}
		e := j
		switch {
		case sc.isP(j+1, '-') && sc.attached(j+1) && sc.attached(j+2) && sc.kind(j+2) == tkNum && !T[j+2].claimed:
			e = j + 2
		case j+1 < len(T) && T[j+1].space && !T[j+1].claimed && T[j+1].e-T[j+1].s <= 4 &&
			(T[j+1].kind == tkAlnum || T[j+1].kind == tkNum || T[j+1].kind == tkWord && sc.allUpper(j+1) && T[j+1].e-T[j+1].s >= 2):
			e = j + 1
		case sc.dutchLetters(j):
			e = j + 1 // "postcode 3011 ab"
		}
		sc.addTok(j, e, SpanZIP, 0.85, prioZIP)
	}
}

// streetFirstNumber reads a street written house number first in the
// European way: "12 Rue de la Paix", "45 Via Roma", "8, rua das Flores".
func (sc *scanner) streetFirstNumber(i int) (int, bool) {
	if sc.kind(i) != tkNum && sc.kind(i) != tkAlnum {
		return 0, false
	}
	j := i + 1
	if sc.isP(j, ',') {
		j++
	}
	if sc.kind(j) != tkWord || sc.flags(j)&fStreetWord == 0 && !sc.frenchStreetType(j) {
		return 0, false
	}
	end, words := j, 0
	from := j + 1
	if sc.isP(from, '.') && sc.attached(from) {
		from++ // "av.", "boul.": the type abbreviated
	}
	for k := from; k < len(sc.toks) && k <= from+4; k++ {
		t := &sc.toks[k]
		if t.claimed || t.kind != tkWord {
			break
		}
		if t.flags&fParticle != 0 {
			continue
		}
		if t.flags&(fStop|fClin) != 0 && !sc.upper(k) {
			break
		}
		end, words = k, words+1
		// "Sainte-Catherine": a hyphenated street name is one word.
		for sc.isP(end+1, '-') && sc.attached(end+1) && sc.attached(end+2) && sc.kind(end+2) == tkWord {
			end += 2
			k = end
		}
	}
	return end, words > 0
}

// frenchStreetType reads the French street types that are also English
// words ("3 place de la République", "12 chaussée de Waterloo", "5
// square du Temple", "8 passage des Panoramas"): after a house number
// they are a street only when a French article or "de" follows, so "2
// place settings" stays a count.
func (sc *scanner) frenchStreetType(j int) bool {
	n := j - 1
	if sc.isP(n, ',') {
		n--
	}
	if sc.kind(n) != tkNum {
		return false // "2nd place de…" is a rank
	}
	switch string(sc.word(j)) {
	case "place", "chaussee", "square", "passage", "promenade", "esplanade", "sentier", "route":
	default:
		return false
	}
	switch string(sc.word(j + 1)) {
	case "de", "du", "des", "la", "le":
		return sc.kind(j+2) == tkWord
	}
	return false
}

// germanicStreet reads "Hauptstraße 5", "Kerkstraat 12", "Bredgade 3":
// a street word with a street ending, then its number.
func (sc *scanner) germanicStreet(i int) (int, bool) {
	if t := &sc.toks[i]; t.e-t.s < 6 {
		return 0, false // the shortest street word is a three-letter suffix after three letters
	}
	n := i + 1
	if sc.isP(n, '.') && sc.attached(n) {
		n++ // "Hauptstr. 5"
	}
	if sc.kind(i) != tkWord || sc.kind(n) != tkNum {
		return 0, false
	}
	w := sc.word(i)
	for _, suf := range []string{"strasse", "straße", "str", "weg", "gasse", "platz", "allee", "straat", "laan", "gracht", "gade", "vej", "gatan", "vagen", "veien", "ring", "damm", "ufer"} {
		if len(w) > len(suf)+2 && string(w[len(w)-len(suf):]) == suf {
			return n, true
		}
	}
	return 0, false
}

// determiner reports a word that makes what follows a thing ("your Summer
// Hours", "the Will Call window").
func determiner(w []byte) bool {
	switch string(w) {
	case "my", "your", "our", "his", "her", "their", "the", "a", "an", "this", "that", "these", "those", "mi", "mis",
		"su", "sus", "tu", "tus", "nuestro", "nuestra", "el", "la", "los", "las", "un", "una", "este", "esta":
		return true
	}
	return false
}

// spelledOutNames finds names written a letter at a time to dodge a
// filter: "M a r i a", "L-O-P-E-Z", "j.o.h.n". A run of three or more
// single letters, spaced or joined by one separator, is read as one word;
// it is a name when the lists know it or a name cue stands before it.
func (sc *scanner) spelledOutNames() {
	if sc.placeAny&shLetters == 0 {
		return // fewer than three single letters
	}
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || T[i].e-T[i].s != 1 && !T[i].spelled || T[i].inClin {
			continue // inClin: the letters spell a clinical word ("i'm h.i.v. positive")
		}
		sc.key = append(sc.key[:0], sc.word(i)...)
		j, n := i, 1
		if T[i].spelled {
			// "j.o.h.n", "L-O-P-E-Z": the fold joined the letters. A
			// word the lists know as something else ("p.r.e.g.n.a.n.t")
			// is that word.
			if T[i].flags != 0 && T[i].flags&(fFirst|fSurname|fPopName) == 0 {
				continue
			}
			n = 3
		}
		for !T[i].spelled {
			k := j + 1
			if k < len(T) && T[k].kind == tkPunct && sc.attached(k) {
				switch sc.n.b[T[k].s] {
				case '.', '-', '_', '*', '/', '|':
					k++
				}
			}
			if k >= len(T) || T[k].claimed || T[k].kind != tkWord || T[k].e-T[k].s != 1 {
				break
			}
			sc.key = append(sc.key, sc.word(k)...)
			j, n = k, n+1
		}
		if n < 3 {
			continue
		}
		// "it's a B.P. check", "an E.T.A.?": an abbreviation after its
		// article, not letters of a name.
		if k := sc.key; dottedAbbreviations[string(k)] || len(k) > 2 && k[0] == 'a' && dottedAbbreviations[string(k[1:])] {
			i = j
			continue
		}
		e, ok := sc.lx.get(sc.key)
		named := ok && e.flags&(fFirst|fSurname) != 0 && e.flags&fStop == 0
		if !named {
			// Given and family name run together: "m a r i a l o p e z".
			for p := 2; p+2 <= len(sc.key) && !named; p++ {
				f, okf := sc.lx.get(sc.key[:p])
				l, okl := sc.lx.get(sc.key[p:])
				named = okf && okl && f.flags&fFirst != 0 && l.flags&(fSurname|fFirst) != 0 && (f.flags|l.flags)&fStop == 0
			}
		}
		cued := false
		for _, m := range sc.marks {
			if m.te <= i && m.te >= i-2 && (m.e.cue == cueNameStrong || m.e.cue == cueNameWeak || m.e.cue == cueIntro || m.e.cue == cueRelation || m.e.cue == cueTitle) {
				cued = true
			}
		}
		if named || cued {
			end := j
			if sc.isP(end+1, '.') && sc.attached(end+1) {
				end++
			}
			sc.addTok(i, end, SpanName, 0.75, prioName)
		}
		i = j
	}
}

// ageFollows reports what may follow an age told with "is": the end of the
// clause, a conjunction, a time word ("today", "next month") or a
// function word ("she is 93 and", "he's 95 in May"), but never a unit
// ("is 98 degrees", "was 95 lbs", "is 100%").
func (sc *scanner) ageFollows(nx int) bool {
	if nx >= len(sc.toks) {
		return true
	}
	if sc.kind(nx) == tkPunct {
		// "123-45-6789": a number going on after a dash is no age.
		return !sc.isP(nx, '%') && !sc.isP(nx, '/') && !sc.isP(nx, ':') && !(sc.isP(nx, '.') && sc.attached(nx+1)) && !sc.isP(nx, '°') &&
			!(sc.isP(nx, '-') && sc.attached(nx) && sc.attached(nx+1) && sc.kind(nx+1) == tkNum)
	}
	switch string(sc.word(nx)) {
	case "something", "odd", "plus", "ish":
		// "she's 90 something", "he's 90-odd", "he's 90 plus": an age in
		// the nineties or above, when the clause then ends or goes on as
		// after the number itself ("90 something percent" is no age).
		return sc.ageFollows(nx + 1)
	case "on":
		// "is 101 on Saturday", "turns 95 on the 14th", "is 90 on 3
		// May": the day the age is reached.
		return sc.flags(nx+1)&(fWeekday|fMonth) != 0 || sc.is(nx+1, "the") || sc.kind(nx+1) == tkNum || sc.kind(nx+1) == tkAlnum
	case "y":
		// "tiene 90 y pico": the same, in Spanish.
		if sc.is(nx+1, "pico") {
			return sc.ageFollows(nx + 2)
		}
		return true
	case "and", "today", "hoy", "now", "this", "next", "last", "but", "pero", "in", "en", "years", "yrs",
		"anos", "so", "already", "ya", "tomorrow", "manana", "soon", "pronto", "himself", "herself", "who", "que",
		"and,", "i", "she", "he", "ella", "el", "with", "con", "still", "todavia", "aun", "lives", "vive",
		// "she's 93 or 94", "93 you know", "93 lol", "tiene 93 pues".
		"or", "o", "ou", "you", "maybe", "probably", "lol", "haha", "jaja", "jajaja", "um", "uh", "btw", "too",
		"also", "though", "tho", "pues", "eh":
		return true
	}
	return false
}

// relationWord reports a kinship word before a contracted "is":
// "grandma's 94", "dad's 91".
func relationWord(w []byte) bool {
	switch string(w) {
	case "mom", "mum", "mother", "dad", "father", "grandma", "grandpa", "grandmother", "grandfather", "nana",
		"nan", "granny", "gran", "papa", "aunt", "uncle", "husband", "wife", "she", "he", "patient",
		"abuela", "abuelo", "abuelita", "abuelito", "bisabuela", "bisabuelo", "mama", "tia", "tio", "suegra",
		"suegro", "senor", "senora", "esposo", "esposa":
		return true
	}
	return false
}

// idCueBefore reports an identifier cue ("MRN", "member id", "plate") in
// the three tokens before i: a code there is the identifier, not a name
// typed with digits.
func (sc *scanner) idCueBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if c := sc.toks[k].ent.cue; c == cueID || c == cueSSN {
			return true
		}
	}
	return false
}

// ordinalWord reports "16th", "31st", "22nd", "3rd": a day, not a name
// typed with digits.
func ordinalWord(w []byte) bool {
	n := len(w)
	if n < 3 || !isDigit(w[n-3]) {
		return false
	}
	switch string(w[n-2:]) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

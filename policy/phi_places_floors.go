package policy

// Floors, doors and building parts as people abroad write them after the
// house number, and the postcode shapes that follow a street: "rua de são
// bento 318 2º andar 1200-821 lisboa", "calle mayor 5 bajo izq", "via
// roma 15 int 4 20121 milano", "kerkstraat 8 bus 3 2000 antwerpen".
// Typed in lower case, a street type such as "via" or "rua" is also an
// ordinary word; what comes after the number (a floor, a door, a
// postcode and its town) is what makes the line an address.

// floorOrdinal reports a floor or door written as an ordinal: "2º",
// "3ª", "1er", "3e", "2eme" (folded: "2o", "3a", "1er", "3e").
func floorOrdinal(w []byte) bool {
	d := 0
	for d < len(w) && isDigit(w[d]) {
		d++
	}
	if d == 0 || d > 2 {
		return false
	}
	switch string(w[d:]) {
	case "o", "a", "e", "er", "eme", "ere", "do", "da", "to", "ta", "vo", "va":
		return true
	}
	return false
}

// buildingPartWord reports a word for a part of a building that a number
// or letter follows, beside the unit words of the lexicon: "sala 3",
// "bloco b", "bus 3" (Belgium), "lok 4" (Poland), "top 5" (Austria).
// It is read only after a street already found.
func buildingPartWord(w []byte) bool {
	switch string(w) {
	case "sala", "bloco", "bl", "loja", "lj", "conj", "conjunto", "casa", "bus", "bte", "lok", "lokal", "m", "top",
		"stiege", "tur", "stg", "room", "rm", "level", "lvl", "flr", "tower", "twr", "phase", "ph", "lot", "apto", "ap",
		"app", "appt", "dept", "dpt", "scala", "interno", "portal", "esc", "escalera", "portaria", "quadra", "qd", "lt",
		"bloque", "blq", "cuarto", "entrada", "kv", "pta", "puerta", "door", "etg", "og",
		// South African township sections and extensions: "section B",
		// "Ext 5".
		"section", "ext":
		return true
	}
	return false
}

// sideWord reports a word that stands alone after a floor or a house
// number to say which door or which part: "izq", "dcha", "esq", "dto",
// "bajo", "r/c" (read "r", "/", "c"), "links", "hs".
func sideWord(w []byte) bool {
	switch string(w) {
	case "izq", "izda", "izquierda", "dcha", "dcha.", "der", "derecha", "esq", "esquerdo", "esquerda", "dto", "dt",
		"direito", "direita", "bajo", "bajos", "atico", "entlo", "entresuelo", "pral", "principal", "fundos", "frente",
		"links", "rechts", "mitte", "hs", "huis", "bis", "gauche", "droite", "andar", "piso", "sobreloja", "terreo",
		"etage", "floor":
		return true
	}
	return false
}

// postcodeShapeAt reports a postcode written after a street's number at
// token k and returns its last token: four or five digits ("20121",
// "2000"), with a dash part ("1200-821", "20040-030", "00-026"), or four
// digits and two letters ("1016 gv"). A word, a comma or the end must
// follow, so a time or a count in a sentence is no postcode.
func (sc *scanner) postcodeShapeAt(k int) (int, bool) {
	T := sc.toks
	if k >= len(T) || T[k].kind != tkNum {
		return 0, false
	}
	n := T[k].e - T[k].s
	e := k
	switch {
	case n == 2 || n == 4 || n == 5:
		if sc.isP(k+1, '-') && sc.attached(k+1) && sc.attached(k+2) && sc.kind(k+2) == tkNum && T[k+2].e-T[k+2].s == 3 {
			e = k + 2
		} else if n == 2 {
			return 0, false
		}
	case n == 8:
		// A Brazilian CEP typed without its dash.
	default:
		return 0, false
	}
	if n == 4 && e == k && sc.kind(k+1) == tkWord && T[k+1].e-T[k+1].s == 2 && T[k+1].space && T[k+1].flags&fStop == 0 {
		e = k + 1 // "1016 gv"
	}
	if e+1 < len(T) && T[e+1].kind == tkPunct && !sc.isP(e+1, ',') {
		return 0, false
	}
	return e, true
}

// streetFollowUp reports what makes a street typed in lower case an
// address after its house number at token end: a floor or door ("2º
// andar", "int 4", "bajo izq"), or a postcode with its town or at the
// end of the message.
func (sc *scanner) streetFollowUp(end int) bool {
	T := sc.toks
	k := end + 1
	if sc.isP(k, ',') {
		k++
	}
	if k >= len(T) {
		return false
	}
	w := sc.word(k)
	switch {
	case T[k].kind == tkAlnum && floorOrdinal(w), T[k].kind == tkWord && sideWord(w):
		return true
	case T[k].kind == tkWord && (T[k].flags&fUnitDesignator != 0 || buildingPartWord(w)):
		v := k + 1
		if sc.isP(v, '.') {
			v++
		}
		return sc.kind(v) == tkNum || sc.kind(v) == tkAlnum || sc.kind(v) == tkWord && T[v].e-T[v].s == 1
	case (sc.is(k, "s") && sc.is(k+2, "n") || sc.is(k, "r") && sc.is(k+2, "c")) && sc.isP(k+1, '/') && sc.attached(k+1):
		return true // "s/n": no number; "r/c": ground floor
	}
	if e, ok := sc.postcodeShapeAt(k); ok {
		return e+1 >= len(T) || sc.isP(e+1, ',') || sc.kind(e+1) == tkWord
	}
	return false
}

// lowerStreetBefore reports a street type typed in lower case ("via",
// "rua", "rue") that is also an ordinary word, up to five words before
// token i, the street's name between them. splitStreetRuns asks it: a
// house number and a postcode run together after one, with a town after
// them, are an address ("via di ripetta 142 00186 roma").
func (sc *scanner) lowerStreetBefore(i int) bool {
	T := sc.toks
	for k := i - 1; k >= 0 && k >= i-7; k-- {
		if (sc.isP(k, '-') || sc.isP(k, '.')) && sc.attached(k) {
			continue // "saint-honoré", "dr. joão"
		}
		if T[k].kind != tkWord || T[k].claimed {
			return false
		}
		if T[k].flags&fStreetPrefix != 0 {
			return k+1 < i
		}
	}
	return false
}

// nameParticle reports an article or preposition that stands inside a
// street named after a person or a place, in the languages whose names
// patients write in English-order addresses ("7 de waal dr", "15 van ness
// ave", "56 du plessis st"). Unlike streetParticle it leaves out the
// words that are also English ("an", "am", "die", "e", "y").
func nameParticle(w []byte) bool {
	switch string(w) {
	case "de", "del", "la", "las", "los", "el", "do", "da", "dos", "das", "du", "des", "della", "di", "der", "den",
		"van", "von", "le", "ten", "ter", "dei", "degli":
		return true
	}
	return false
}

// droppedDate is a date candidate given back to a street name, kept so
// it can be restored when no street is read.
type droppedDate struct {
	c    int
	e    int32
	a, b int
}

// dutchLetters reports the two letters of a Dutch postcode typed in lower
// case after its four digits at token j ("3011 ab", "1016 gv"): a
// two-letter word the lexicon does not know, so "1016 to" stays a number
// and a word.
func (sc *scanner) dutchLetters(j int) bool {
	T := sc.toks
	return j+1 < len(T) && T[j].kind == tkNum && T[j].e-T[j].s == 4 && T[j+1].kind == tkWord && T[j+1].space &&
		!T[j+1].claimed && T[j+1].e-T[j+1].s == 2 && T[j+1].flags == 0 && T[j+1].ent.cue == cueNone
}

// lowerTown reports a word typed in lower case that can be a town's name
// after its postcode: a place word no dictionary lists ("lisboa",
// "warszawa", "münchen").
func (sc *scanner) lowerTown(k int) bool {
	return sc.placeWord(k) && !dictionaryWord(sc.word(k))
}

// placeLead reports a preposition of place before token i+1.
func (sc *scanner) placeLead(i int) bool {
	return i >= 0 && placeLead(sc.word(i))
}

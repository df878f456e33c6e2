package policy

// Address lines that end on their postcode. Typed without commas and in
// lower case, an address abroad is a run of numbers and place words that
// closes on the postcode: "blk 12 lot 5 phase 2 brgy san isidro cainta
// rizal 1900", "gali no 4 shastri nagar meerut 250004", "rr 2 box 45
// hillsboro wv 24946". The postcode readers find the code, the street
// readers nothing they know; read back from the code, the run is the
// address when it opens on a house number, a unit or residence word or a
// street type, holds another number and two place words or more, and
// nothing in it is a function word, a verb or a clinical term.

// postcodeLines grows each postcode that ends a clause back over the
// address line before it.
func (sc *scanner) postcodeLines() {
	T := sc.toks
	for z := len(T) - 1; z > 2; z-- {
		if k := T[z].kind; k != tkNum && k != tkAlnum {
			continue // a postcode ends on digits (lineCodeAt's first test, without the call)
		}
		za, zb, ok := sc.lineCodeAt(z)
		if !ok || za < 1 || za > zb {
			continue
		}
		// A code no reader took is part of the address; a postcode or
		// a district line a reader took keeps its span.
		taken := T[za].claimed
		places := 0
		if taken && !sc.zipAt(za) {
			places = 2 // the district line names the places
		}
		if s := sc.lineBefore(za, places); s >= 0 {
			last := za - 1
			if !taken {
				last = zb
			}
			sc.addTok(s, last, SpanAddress, 0.75, prioAddress)
			z = s
			continue
		}
		z = za
	}
}

// lineCodeAt reports a postcode whose last token is z and that ends its
// clause: a postcode candidate already read, or four to six digits after
// a town ("meerut 250004", "wv 24946"; four digits only after a town no
// dictionary lists or a state).
// It returns the code's first and last tokens.
func (sc *scanner) lineCodeAt(z int) (int, int, bool) {
	T := sc.toks
	// A postcode ends on digits or on letters and digits ("2jb").
	if T[z].kind != tkNum && T[z].kind != tkAlnum || !sc.placeEnds(z+1) {
		return 0, 0, false
	}
	for _, c := range sc.cands {
		if c.t == SpanZIP && c.e == T[z].e && c.e > c.s {
			a, _ := tokenSpan(T, c.s, c.e)
			return a, z, true
		}
		// A district or town line a reader already took up to its
		// postcode ("brgy san isidro cainta rizal 1870"): the line
		// before it is the rest of the address.
		if c.t == SpanAddress && c.e == T[z].e && c.e > c.s && T[z].kind == tkNum {
			a, _ := tokenSpan(T, c.s, c.e)
			return a, z, true
		}
	}
	if T[z].kind != tkNum || T[z].claimed || !T[z].space {
		return 0, 0, false
	}
	n := T[z].e - T[z].s
	if n < 4 || n > 6 || sc.kind(z-1) != tkWord || T[z-1].claimed && !sc.placeSpan(z-1) {
		return 0, 0, false
	}
	if v, _ := sc.num(z); n == 4 && v >= 1900 && v <= 2100 {
		return 0, 0, false // a year
	}
	// Four digits are also counts and times: their town must be one no
	// dictionary lists, or a state.
	if T[z-1].flags&fState == 0 && !(n == 4 && sc.lowerTown(z-1) || n > 4 && (sc.placeWord(z-1) || sc.placeSpan(z-1))) {
		return 0, 0, false
	}
	return z, z, true
}

// lineBefore reads the address line that ends right before token za and
// returns its first token, or -1; places counts the place words already
// known to be in the address.
func (sc *scanner) lineBefore(za, places int) int {
	T := sc.toks
	start, numbers := -1, 0
	for k := za - 1; k >= 0 && k >= za-16; k-- {
		t := &T[k]
		w := sc.word(k)
		switch {
		case t.kind == tkPunct:
			if !(sc.isP(k, '-') || sc.isP(k, '/') || sc.isP(k, '.') || sc.isP(k, '#')) || !sc.attached(k) && !sc.isP(k, '#') {
				return start
			}
			continue
		case t.claimed && !sc.placeSpan(k) && !sc.dateAt(k):
			return start
		case t.kind == tkNum || t.kind == tkAlnum:
			if t.e-t.s > 8 {
				return start
			}
			numbers++
			if sc.addressLineOpens(k) && numbers >= 1 && places >= 2 {
				start = k
			}
			continue
		case t.kind != tkWord:
			return start
		}
		switch {
		case t.flags&(fUnitDesignator|fDistrict|fStreetPrefix|fStreetSuffix) != 0, buildingPartWord(w), nameParticle(w),
			houseMarker(w), lineStreetAbbrev(w), sc.is(k, "box"), sc.is(k, "rr"), sc.is(k, "gali"), sc.is(k, "city"), sc.is(k, "h"):
			if sc.addressLineOpens(k) && numbers >= 1 && places >= 2 {
				start = k
			}
		case sc.placeWord(k) || t.flags&fState != 0 || t.claimed && sc.placeSpan(k):
			places++
		default:
			return start
		}
	}
	return start
}

// addressLineOpens reports a token an address line can open on: a house number
// or code, or a unit, residence or street word before a number.
func (sc *scanner) addressLineOpens(k int) bool {
	T := sc.toks
	if T[k].kind == tkNum || T[k].kind == tkAlnum {
		return k == 0 || T[k-1].kind != tkNum && !sc.isP(k-1, '-') && !sc.isP(k-1, '/')
	}
	w := sc.word(k)
	if T[k].flags&(fUnitDesignator|fDistrict|fStreetPrefix) == 0 && !buildingPartWord(w) && !lineStreetAbbrev(w) &&
		!sc.is(k, "rr") && !sc.is(k, "gali") && !sc.is(k, "h") {
		return false
	}
	v := k + 1
	for v < len(T) && (sc.isP(v, '.') || sc.is(v, "no") || sc.isP(v, '#')) {
		v++
	}
	return sc.kind(v) == tkNum || sc.kind(v) == tkAlnum || sc.kind(v) == tkWord && T[v].e-T[v].s == 1 && sc.isP(v+1, '-')
}

// dateAt reports a date candidate over token k: a door number the date
// reader took ("2/24", "7/12") inside an address line.
func (sc *scanner) dateAt(k int) bool {
	s := sc.toks[k].s
	for _, c := range sc.cands {
		if c.s <= s && s < c.e && c.t == SpanDate {
			return true
		}
	}
	return false
}

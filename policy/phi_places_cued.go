package policy

// Address lines after an address cue. After "my address is", "I live at",
// "she lives in", "send it to" or "mi dirección es", what a patient writes
// up to the end of the clause, in comma-separated parts, is the address,
// whatever country's order it follows and in whatever case: "45, 2nd
// cross, indiranagar, bangalore 560038", "1-2-3 shibuya, shibuya-ku,
// tokyo 150-0002", "123 teheran-ro, gangnam-gu, seoul 06234", "cra 15 no.
// 88-64, bogota", "b-12, sector 15, noida, up 201301". The street readers
// find only the parts they know (a street type, a postcode beside its
// town) and leave the rest of the line readable.
//
// The cue alone does not make an address: the line must start with a
// house number or code, a unit or house word or a street type, hold two
// or more parts separated by commas, and carry a digit; every part but
// the last must end at a comma, the last at the end of the clause; and
// no part may hold a function word, a verb of the sentence, a clinical
// term or a time word. "my address is the same, nothing changed" and "I
// live at home, 2 kids" stay.

// cuedAddressLines masks the line after each address cue.
func (sc *scanner) cuedAddressLines() {
	if sc.placeAny&shComma == 0 || sc.placeAny&shDigits == 0 || sc.flagsAny&(fAddrCue|fCityVerb) == 0 {
		return
	}
	T := sc.toks
	for i := 0; i+3 < len(T); i++ {
		if T[i].flags&(fAddrCue|fCityVerb) == 0 {
			continue
		}
		j := sc.cuedLineStart(i)
		if j < 0 {
			continue
		}
		end := sc.cuedLineEnd(j)
		if end < 0 {
			continue
		}
		if !sc.absorbLine(j, end) {
			continue
		}
		sc.maskCuedLine(j, end)
		i = end
	}
}

// houseLines masks an address line that opens on a house, plot or shop
// and its number with no cue before it, as Indian, Nigerian and Ghanaian
// patients write it: "h no 12, near sbi bank, sector 4, gurgaon", "hse no
// 45, agbogba junction, accra", "plot 22 behind first bank, wuse 2,
// abuja". The head is the cue; the line must read as one as after a cue
// (two or more parts, a digit, a place word, the clause's end).
func (sc *scanner) houseLines() {
	if sc.placeAny&shDigits == 0 || sc.trigAny&trigHouseHead == 0 {
		return
	}
	T := sc.toks
	for i := 0; i+3 < len(T); i++ {
		if T[i].trig&trigHouseHead == 0 || T[i].kind != tkWord || T[i].claimed {
			continue
		}
		n := i + 1
		for f := 0; f < 2 && (sc.is(n, "no") || sc.isP(n, '.') && sc.attached(n)); f++ {
			n++
		}
		if sc.kind(n) != tkNum && sc.kind(n) != tkAlnum {
			continue
		}
		if i > 0 && T[i-1].flags&(fStop|fPersonal) != 0 && !placeLead(sc.word(i-1)) {
			continue // "the house 2, …", "my flat 3, …": a thing named, not an address
		}
		end := -1
		if sc.placeAny&shComma != 0 {
			if end = sc.cuedLineEnd(i); end >= 0 && !sc.houseLineNames(i, end) {
				end = -1
			}
		}
		if end < 0 {
			end = sc.houseRunEnd(n)
		}
		if end < 0 || !sc.absorbLine(i, end) {
			continue
		}
		sc.maskCuedLine(i, end)
		i = end
	}
}

// houseRunEnd reads a house line written with no commas after the house's
// number at token n: more numbered parts ("Block JJ", "section B", "Lot
// 8") and the capitalised names of the place ("Erf 885 Kuils River",
// "stand 4567 section B Mamelodi East", "RMB 2210 Tatura"), up to the end
// of the clause. At least one capitalised place name no dictionary holds
// must be read. It returns the line's last token, or -1.
func (sc *scanner) houseRunEnd(n int) int {
	T := sc.toks
	end, named := n, false
	for q := n + 1; q < len(T) && q <= n+8; {
		switch {
		case T[q].kind == tkWord && (T[q].flags&fUnitDesignator != 0 || buildingPartWord(sc.word(q)) || sc.houseHead(q)) &&
			(sc.kind(q+1) == tkNum || sc.kind(q+1) == tkAlnum || sc.kind(q+1) == tkWord && T[q+1].e-T[q+1].s <= 2 && sc.allUpper(q+1)):
			end = q + 1 // "Block JJ", "section B", "Lot 8"
			q += 2
			continue
		case T[q].kind == tkWord && !T[q].claimed && sc.upper(q) && !sc.allUpperText() && (sc.placeWord(q) || sc.capitalPlaceWord(q)):
			named = named || !dictionaryWord(sc.word(q)) || T[q].flags&fDistrict != 0
			end = q
			q++
			continue
		case sc.isP(q, '-') && sc.attached(q) && sc.kind(q+1) == tkWord && q > n+1:
			end = q + 1 // "Ga-Rankuwa"
			q += 2
			continue
		}
		if T[q].kind != tkPunct {
			return -1 // the clause goes on: not a line of its own
		}
		break
	}
	if !named || end == n {
		return -1
	}
	return end
}

// houseLineNames reports a line of three or more parts that names a place
// no dictionary lists or a district: "flat 3, second floor, room 4" and
// "shop 2, aisle 3, near the tills" name none and stay.
func (sc *scanner) houseLineNames(a, b int) bool {
	T := sc.toks
	parts, named := 1, false
	for k := a; k <= b; k++ {
		switch {
		case sc.isP(k, ','):
			parts++
		case T[k].kind == tkWord && !named:
			w := sc.word(k)
			named = T[k].flags&fDistrict != 0 || len(w) >= 3 && !dictionaryWord(w) && sc.placeWord(k) &&
				!(w[len(w)-1] == 's' && dictionaryWord(w[:len(w)-1])) // "rooms"
		}
	}
	return parts >= 3 && named
}

// landmarkWord reports a word that places a house by a landmark.
func landmarkWord(w []byte) bool {
	switch string(w) {
	case "near", "opp", "opposite", "behind", "beside", "above", "off":
		return true
	}
	return false
}

// houseHeadWords open an address on the house itself: "h no 12", "plot
// 22", and South African erven and stands, Philippine blocks, Indian and
// Pakistani quarters and chaks, Australian roadside mail boxes (the words
// of trigHouseHead).
var houseHeadWords = []string{"h", "hno", "house", "hse", "plot", "shop", "flat", "villa", "erf", "stand", "blk", "qr",
	"chak", "rmb"}

// houseHead reports token k as one of houseHeadWords.
func (sc *scanner) houseHead(k int) bool {
	return uint(k) < uint(len(sc.toks)) && sc.toks[k].trig&trigHouseHead != 0
}

// maskCuedLine marks tokens [j, end] and the address's tail after them as
// one address; a postcode inside keeps its own type, as in addressTails.
func (sc *scanner) maskCuedLine(j, end int) {
	T := sc.toks
	// These lines are read after addressTails: the town, the state and
	// the postcode after the line are taken here ("…, Setor Bueno,
	// Goiânia - GO").
	end = sc.addressTail(end)
	for a := j; a <= end; {
		for a <= end && (T[a].kind == tkPunct || T[a].claimed && sc.zipAt(a)) {
			a++
		}
		b := a
		for b+1 <= end && !(T[b+1].claimed && sc.zipAt(b+1)) {
			b++
		}
		for b > a && T[b].kind == tkPunct {
			b--
		}
		if a <= end {
			sc.addTok(a, b, SpanAddress, 0.75, prioAddress)
		}
		a = b + 1
	}
	T[end].addrEnd = true
}

// cuedLineStart returns the first token of the address a cue at token i
// announces, or -1: "address: …", "my address is …", "lives at …",
// "moved to …", "vive en …". The clinic's own address ("our address is")
// is the clinic's, not a patient's.
func (sc *scanner) cuedLineStart(i int) int {
	T := sc.toks
	if i > 0 && (sc.is(i-1, "our") || sc.is(i-1, "clinic") || sc.is(i-1, "clinic's") || sc.is(i-1, "office") || sc.is(i-1, "nuestra")) {
		return -1
	}
	j := i + 1
	if T[i].flags&fAddrCue == 0 {
		// A verb of living: "lives in", "moved to", "vivo en", "moro na".
		// A cue of several words ("lives at", "send it to") is flagged
		// on its last word.
		switch string(sc.word(j)) {
		case "at", "in", "to", "en", "em", "na", "no", "a", "au":
			j++
		default:
			return -1
		}
	}
	for f := 0; f < 3 && j < len(T) && (sc.isP(j, ':') || sc.isP(j, '-') || sc.is(j, "is") || sc.is(j, "es") || sc.is(j, "e") ||
		sc.is(j, "ist") || sc.is(j, "est") || sc.is(j, "was") || sc.is(j, "now")); f++ {
		j++
	}
	return sc.lineHead(j)
}

// lineHead returns j when an address line can open at token j, or -1.
func (sc *scanner) lineHead(j int) int {
	T := sc.toks
	if j >= len(T) {
		return -1
	}
	// The line opens with a house number or code ("45", "b-12",
	// "1-2-3", "23/4"), a residence or unit word ("flat", "h.no",
	// "blk"), a house marker ("no 4") or a street type before its
	// name ("cra", "calle", "rua").
	switch {
	case T[j].kind == tkNum || T[j].kind == tkAlnum:
		// A reading ("120/80") is no house number; a door number the
		// date reader took ("23/4") is read by linePart.
		if T[j].e-T[j].s > 8 || sc.isP(j+1, '/') && !T[j].claimed {
			return -1
		}
	case T[j].kind == tkWord && T[j].flags&(fUnitDesignator|fStreetPrefix|fDistrict) != 0,
		T[j].kind == tkWord && (houseMarker(sc.txt(j)) || lineStreetAbbrev(sc.txt(j))) && (sc.kind(j+1) == tkNum || sc.isP(j+1, '.') || sc.isP(j+1, '#')),
		T[j].kind == tkWord && T[j].e-T[j].s == 1 && sc.isP(j+1, '-') && sc.attached(j+1) && sc.kind(j+2) == tkNum && sc.attached(j+2),
		T[j].kind == tkWord && (sc.is(j, "house") || sc.is(j, "door") || sc.is(j, "h") || sc.is(j, "hno") || sc.is(j, "p") || sc.is(j, "po") ||
			sc.is(j, "room") || sc.is(j, "villa") || sc.is(j, "plot") || sc.is(j, "shop") || sc.is(j, "hse") || sc.is(j, "building") || sc.is(j, "tower")):
	default:
		return -1
	}
	return j
}

// lineStreetAbbrev reports the abbreviations of street types Colombians,
// Venezuelans and Central Americans write before a street number: "cra
// 15", "cl 80", "kr 7", "dg 45", "tv 3".
func lineStreetAbbrev(w []byte) bool {
	switch string(w) {
	case "cra", "kra", "kr", "cr", "carr", "cl", "cll", "clle", "dg", "diag", "tv", "trv", "transv", "ak", "ac", "av", "avda":
		return true
	}
	return false
}

// cuedLineEnd reads the comma-separated parts from token j and returns
// the last token of the line, or -1 when it does not read as an address.
func (sc *scanner) cuedLineEnd(j int) int {
	T := sc.toks
	parts, digits, place, end := 0, false, false, -1
	k := j
	for parts < 8 && k < len(T) && k < j+40 {
		e, ok, d, last := sc.linePart(k, &place)
		if !ok {
			break
		}
		parts++
		digits = digits || d
		end = e
		if last {
			break
		}
		k = e + 2 // past the comma
	}
	if parts < 2 || !digits || !place {
		return -1
	}
	return end
}

// linePart reads one part of a cued address line starting at token k. It
// returns the part's last token; whether it reads as a part; whether it
// holds a digit; and whether the line ends with it (no comma follows).
func (sc *scanner) linePart(k int, place *bool) (end int, ok, digits, last bool) {
	T := sc.toks
	words := 0
	e := k - 1
	for q := k; q < len(T); q++ {
		t := &T[q]
		if words > 6 {
			return 0, false, false, false
		}
		if t.claimed && t.kind != tkPunct {
			if q == k {
				if d := sc.houseDate(q); d >= q {
					digits = true
					words++
					e, q = d, d
					continue
				}
			}
			if !sc.lineSpan(q) {
				break
			}
			if t.kind == tkWord {
				*place = true // a street or a town another reader found
			}
			if t.kind == tkNum || t.kind == tkAlnum {
				digits = true
			}
			words++
			e = q
			continue
		}
		switch t.kind {
		case tkNum, tkAlnum:
			if t.e-t.s > 10 {
				return 0, false, false, false
			}
			digits = true
			words++
			e = q
			continue
		case tkPunct:
			c := sc.n.b[t.s]
			switch {
			case c == ',':
				if e < k {
					return 0, false, false, false
				}
				return e, true, digits, q+1 >= len(T)
			case c == '#' || c == 0xc2 || c == '/' && sc.attached(q) && sc.attached(q+1):
				e = q
				continue
			case c == '-':
				// "b-12", "chuo-ku" or a dash between parts ("mumbai - 400069").
				if q+1 < len(T) && (sc.attached(q) && sc.attached(q+1) || T[q].space && sc.kind(q+1) == tkNum) {
					e = q
					continue
				}
			case c == '.':
				// An abbreviation's dot: "co. mayo", "jal. 44100", "no. 88".
				if sc.attached(q) && q > k && T[q-1].kind == tkWord && T[q-1].e-T[q-1].s <= 4 && q+1 < len(T) &&
					(sc.kind(q+1) != tkWord || !sc.upper(q+1) || T[q+1].flags&(fStop|fPersonal) == 0 || houseMarker(sc.txt(q+1))) && sc.kind(q+1) != tkPunct {
					e = q
					continue
				}
			}
		case tkWord:
			// "a-4", "b-12": a house code, even when its letter is a word.
			if t.e-t.s == 1 && sc.isP(q+1, '-') && sc.attached(q+1) && sc.kind(q+2) == tkNum && sc.attached(q+2) {
				words++
				e = q
				continue
			}
			if sc.lineWord(q, q == k) {
				if !wayfindingWord(sc.txt(q)) && t.flags&fUnitDesignator == 0 && !houseMarker(sc.txt(q)) {
					*place = true
				}
				words++
				e = q
				continue
			}
		}
		break
	}
	// A region's short code and the postcode after it end a line:
	// "up 201301", "on m5h 1j8", "ka 560034".
	if e < k && T[k].kind == tkWord && T[k].e-T[k].s <= 3 && !T[k].claimed && sc.kind(k+1) != tkWord && sc.kind(k+1) != tkPunct {
		if pe := sc.postcodeAt(k + 1); pe > 0 && sc.placeEnds(pe+1) {
			return pe, true, true, true
		}
	}
	// The part stopped inside the clause: it is the line's last part
	// only when what stopped it ends the clause.
	for e >= k && T[e].kind == tkPunct {
		e--
	}
	if e < k || words == 0 {
		return 0, false, false, false
	}
	if e+1 < len(T) && (!sc.placeEnds(e+1) || sentenceVerb(sc.txt(e+1))) {
		return 0, false, false, false
	}
	return e, true, digits, true
}

// sentenceVerb reports a verb that makes what stands before it the
// subject of a sentence: "suite 300 is the lab", "room 4 has the scale".
func sentenceVerb(w []byte) bool {
	switch string(w) {
	case "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might",
		"must", "does", "do", "did", "es", "son", "esta", "estan", "tiene", "fue":
		return true
	}
	return false
}

// lineWord reports a word that may stand in a part of an address line:
// a place word, a street, unit or district word, a particle or a house
// marker; "the", "off", "near" and "opp" only open a part ("The Granary",
// "off Ada George Road", "near Ram Mandir").
func (sc *scanner) lineWord(q int, first bool) bool {
	t := &sc.toks[q]
	if t.inClin || t.flags&fClin != 0 {
		return false
	}
	if t.flags&(fParticle|fUnitDesignator|fStreetSuffix|fStreetPrefix|fDistrict|fState|fZipCue) != 0 {
		return true
	}
	w := sc.txt(q)
	if houseMarker(w) || lineStreetAbbrev(w) {
		return true
	}
	switch string(w) {
	case "the":
		// "near the church", "opp the mosque": a landmark's article.
		return first || q > 0 && landmarkWord(sc.word(q-1))
	case "off", "near", "opp", "opposite", "behind", "beside", "above":
		// A landmark opens a part, or follows the house number in the
		// same part, as Indian and Nigerian addresses put it: "house no
		// 45 behind hanuman mandir", "plot 22 opp first bank".
		return first || q > 0 && (sc.kind(q-1) == tkNum || sc.kind(q-1) == tkAlnum)
	case "new", "old":
		// "new delhi", "old airport road".
		return sc.kind(q+1) == tkWord && sc.flags(q+1)&fStop == 0
	}
	if t.flags&(fDoseUnit|fUnit) != 0 && sc.flags(q+1)&fStreetSuffix != 0 {
		return true // a road named by its letters: "mg road", "cm street"
	}
	if !first && sc.kind(q-1) == tkWord && sc.capitalPlaceWord(q) {
		return true // "Setor Bueno", "barrio Buenos Aires", "Santo Domingo"
	}
	if t.flags&(fStop|fQuestion|fPersonal|fCityVerb|fDateCue|fWeekday|fAgeUnit|fDoseUnit|fFreq|fResultWord|fDOBCue|fClinLead|fUnit|fAddrCue) != 0 ||
		t.ent.cue != cueNone || numberWord(w) {
		return false
	}
	return true
}

// lineSpan reports a token another reader already masked that an address
// line may take in: a part of an address, a postcode, a code, a name read
// in a street's name ("Okafor Close"), or a Japanese postcode the phone
// reader took ("150-0002").
func (sc *scanner) lineSpan(k int) bool {
	s := sc.toks[k].s
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.s <= s && s < x.e {
			switch x.t {
			case SpanAddress, SpanZIP, SpanID, SpanName:
				return true
			case SpanPhone:
				return sc.postcodeShaped(x)
			}
			return false
		}
	}
	return false
}

// absorbLine drops the candidates inside tokens [a, b], which the line's
// one address replaces; postcodes stay. It reports false, and changes nothing, when a
// candidate crosses an end of the line or one address already covers it.
func (sc *scanner) absorbLine(a, b int) bool {
	T := sc.toks
	s, e := T[a].s, T[b].e
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.e <= x.s || x.e <= s || x.s >= e {
			continue
		}
		if x.s < s || x.e > e || x.s == s && x.e == e && x.t == SpanAddress {
			return false
		}
	}
	for c := range sc.cands {
		if x := &sc.cands[c]; x.e > x.s && x.s >= s && x.e <= e && x.t != SpanZIP {
			x.e = x.s
		}
	}
	return true
}

// postcodeAt returns the last token of a postcode starting at token k,
// or -1: four to six digits ("201301", "3065"), or the two halves of a
// Canadian or British code ("m5h 1j8", "sw1a 1aa").
func (sc *scanner) postcodeAt(k int) int {
	T := sc.toks
	if k >= len(T) {
		return -1
	}
	n := T[k].e - T[k].s
	switch T[k].kind {
	case tkNum:
		if n >= 4 && n <= 6 {
			return k
		}
	case tkAlnum:
		if n >= 2 && n <= 4 && sc.kind(k+1) == tkAlnum && T[k+1].space && T[k+1].e-T[k+1].s == 3 && isDigit(sc.n.b[T[k+1].s]) {
			return k + 1
		}
	}
	return -1
}

// wayfindingWord reports the words of directions inside a building,
// which name no place: "3rd floor, room 305", "level 4, bay 14".
func wayfindingWord(w []byte) bool {
	switch string(w) {
	case "floor", "fl", "room", "rm", "suite", "ste", "level", "lvl", "bay", "wing", "building", "bldg", "block", "unit",
		"desk", "window", "door", "gate", "entrance", "ward", "bed", "office", "lift", "lifts", "elevator", "elevators",
		"east", "west", "north", "south", "piso", "planta", "sala", "consultorio", "cuarto", "habitacion", "cama":
		return true
	}
	return ordinalWord(w)
}

// houseDate returns the last token of a house number the date reader
// took at token k, or -1. At the
// start of an address line ("1-2-3 shibuya", "23/4 gandhi nagar",
// "5/7, …"), numbers joined by dashes or slashes before a word or a comma, at
// the head of a cued line, number a house, not a day.
func (sc *scanner) houseDate(k int) int {
	s := sc.toks[k].s
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanDate || x.s != s {
			continue
		}
		e := k
		for e+1 < len(sc.toks) && sc.toks[e+1].e <= x.e {
			e++
		}
		if sc.kind(e+1) == tkWord || sc.isP(e+1, ',') {
			return e
		}
		return -1
	}
	return -1
}

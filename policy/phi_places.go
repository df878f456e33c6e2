package policy

// addresses finds street addresses: "123 Main St, Apt 4B, Springfield",
// "Calle Mayor 12, piso 3", "Av. Reforma 222", "PO Box 45".
func (sc *scanner) addresses() {
	T := sc.toks
	// Every street form below ends in a house or box number, or in "s/n"
	// for a house that has none: a message without a number token or a
	// slash (placeShapes) holds none.
	// Each reader's own first test is repeated before the call: most
	// tokens open none of the forms.
	numbered := sc.placeAny&(shDigits|shSlash) != 0
	for i := 0; i < len(T) && numbered; i++ {
		t := &T[i]
		if t.claimed {
			if t.kind == tkNum && sc.isP(i+1, '/') && sc.placeAny&shSlash != 0 {
				if end, ok := sc.slashedHouse(i); ok {
					sc.addTok(sc.unitBefore(sc.slashedStart(i)), end, SpanAddress, 0.85, prioAddress)
					T[end].addrEnd = true
					i = end
				}
			}
			continue
		}
		end, ok := 0, false
		number := t.kind == tkNum || t.kind == tkAlnum // houseNumber, streetFirstNumber
		if number {
			if end, ok = sc.addressEN(i); ok {
				sc.addTok(sc.unitBefore(sc.slashedStart(i)), end, SpanAddress, 0.9, prioAddress)
				T[end].addrEnd = true
				i = end
				continue
			}
		}
		if t.flags&fStreetPrefix != 0 || t.kind == tkWord && t.e-t.s <= 2 { // a street prefix, "c/", "al."
			if end, ok = sc.addressES(i); ok {
				sc.addTok(i, end, SpanAddress, 0.85, prioAddress)
				T[end].addrEnd = true
				i = end
				continue
			}
		}
		if number {
			if end, ok = sc.routeAddress(i); ok {
				sc.addTok(i, end, SpanAddress, 0.85, prioAddress)
				T[end].addrEnd = true
				i = end
				continue
			}
			if end, ok = sc.streetFirstNumber(i); ok {
				sc.addTok(i, end, SpanAddress, 0.8, prioAddress)
				T[end].addrEnd = true
				i = end
				continue
			}
		}
		if t.kind == tkWord && t.e-t.s >= 6 {
			if end, ok = sc.germanicStreet(i); ok {
				sc.addTok(i, end, SpanAddress, 0.8, prioAddress)
				T[end].addrEnd = true
				i = end
				continue
			}
		}
		if t.trig&trigPOBox != 0 {
			if end, ok = sc.poBox(i); ok {
				sc.addTok(i, end, SpanAddress, 0.9, prioAddress)
				T[end].addrEnd = true
				i = end
			}
		}
	}
	sc.cities()
	sc.cuedAddresses()
}

// cuedAddresses finds a street address without a street type after an
// address cue: "my address is 4417 Elston", "domicilio: 12 Hidalgo".
func (sc *scanner) cuedAddresses() {
	if sc.flagsAny&fAddrCue == 0 {
		return // no cue
	}
	T := sc.toks
	for i := range T {
		if T[i].flags&fAddrCue == 0 {
			continue
		}
		j := i + 1
		for f := 0; f < 3 && j < len(T) && (sc.isP(j, ':') || sc.isP(j, '-') || sc.is(j, "is") || sc.is(j, "es")); f++ {
			j++
		}
		if j >= len(T) || T[j].claimed || !sc.houseNumber(j) {
			continue
		}
		end := -1
		for k := j + 1; k < len(T) && k <= j+4; k++ {
			if T[k].kind != tkWord || T[k].claimed || T[k].flags&(fStop|fUnit|fClin|fState) != 0 {
				break
			}
			end = k
		}
		if end < 0 {
			continue
		}
		end = sc.unitAfter(end)
		sc.addTok(j, end, SpanAddress, 0.75, prioAddress)
		T[end].addrEnd = true
	}
}

// cities finds a town named after "live in", "moved to", "vivo en": a
// place smaller than a state is an identifier. Only capitalised words
// count ("I live in fear" stays), and state names are left alone.
func (sc *scanner) cities() {
	if sc.flagsAny&fCityVerb == 0 {
		return
	}
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if T[i].flags&fCityVerb == 0 {
			continue
		}
		j := -1
		switch {
		case (sc.is(i, "live") || sc.is(i, "lives") || sc.is(i, "living") || sc.is(i, "lived") || sc.is(i, "vivo") ||
			sc.is(i, "vive") || sc.is(i, "vivimos") || sc.is(i, "viven")) && (sc.is(i+1, "in") || sc.is(i+1, "en")):
			j = i + 2
		case (sc.is(i, "moved") || sc.is(i, "mude") || sc.is(i, "mudamos") || sc.is(i, "moving")) && (sc.is(i+1, "to") || sc.is(i+1, "a")):
			j = i + 2
		}
		if j < 0 || j >= len(T) || T[j].claimed || !sc.upper(j) || sc.allUpperText() {
			continue
		}
		end := -1
		for k := j; k < len(T) && k < j+3; k++ {
			if T[k].kind != tkWord || T[k].claimed || !sc.upper(k) || T[k].flags&(fStop|fState|fWeekday|fMonth|fNotName|fUnitDesignator|fDistrict) != 0 {
				break
			}
			end = k
		}
		if end >= 0 {
			sc.addTok(j, end, SpanAddress, 0.6, prioAddress)
			i = end
		}
	}
}

// houseNumber reports a house number: up to six digits, optionally one
// letter ("12", "4417", "12b").
func (sc *scanner) houseNumber(i int) bool {
	switch sc.kind(i) {
	case tkNum:
		_, n := sc.num(i)
		return n <= 6
	case tkAlnum:
		w := sc.txt(i)
		k := 0
		for k < len(w) && isDigit(w[k]) {
			k++
		}
		return k >= 1 && k <= 6 && len(w)-k == 1
	}
	return false
}

// streetNameWord reports the function words that open English street
// names in any case: "17 old kent rd", "4 new street", "9 high st", "2
// little london lane". The street's type must still close the name.
func streetNameWord(w []byte) bool {
	switch string(w) {
	case "old", "new", "great", "little", "high", "upper", "lower", "north", "south", "east", "west", "long", "short", "main":
		return true
	}
	return false
}

// addressEN reads number, street words, street type: "4417 N Elston Ave".
func (sc *scanner) addressEN(i int) (int, bool) {
	if !sc.houseNumber(i) || (i > 0 && sc.attached(i) && sc.kind(i-1) != tkPunct) {
		return 0, false
	}
	j, words := i+1, 0
	// "12, mg road", "42, rue des martyrs": a comma after the house
	// number, as in India, Nigeria and France.
	if sc.isP(j, ',') && sc.kind(j+1) == tkWord {
		j++
	}
	found, common := false, false
	for j < len(sc.toks) && words <= 5 {
		t := &sc.toks[j]
		if t.claimed {
			break
		}
		// "7 de waal dr", "12 van riebeeck ave": a particle inside the
		// name, before another word.
		// A common word after it names a street only right before the
		// street's type ("de la rosa st"); otherwise the particle is read
		// as any other word below.
		if t.kind == tkWord && nameParticle(sc.word(j)) && sc.kind(j+1) == tkWord && words <= 4 {
			plain := !sc.upper(j+1) && !nameParticle(sc.word(j+1)) && dictionaryWord(sc.word(j+1))
			if !plain || sc.flags(j+2)&fStreetSuffix != 0 {
				common = common || plain
				j++
				continue
			}
		}
		if t.kind == tkPunct {
			if sc.isP(j, '.') && sc.attached(j) {
				j++
				continue
			}
			break
		}
		if t.flags&fStreetSuffix != 0 && words >= 1 {
			// After a particle and a common word, "dr" is the doctor of
			// a sentence ("at 10 de la mañana dr perez"), not a drive.
			found = !common || !sc.is(j, "dr")
			break
		}
		if t.kind == tkWord && j == i+1 && sc.is(j, "the") && sc.flags(j+1)&fStreetSuffix != 0 && !chatPreposition(sc.txt(i)) {
			words++ // "3 the crescent", "7 the avenue": "the" opens the street's name
			j++
			continue
		}
		if t.kind == tkWord && j == i+1 && !sc.upper(j) && (t.flags&fDuration != 0 || distanceUnit(sc.word(j))) {
			break // "a 5 minute walk", "a 2 mile drive": how far, not where
		}
		if t.kind == tkWord && t.flags&(fDoseUnit|fUnit) != 0 && t.flags&fClin == 0 && sc.flags(j+1)&fStreetSuffix != 0 {
			words++ // "23 mg road": a road named by its letters, no dose
			j++
			continue
		}
		if t.kind == tkWord && (t.flags&(fStop|fUnit|fClin) == 0 || sc.upper(j) && t.flags&fClin == 0 && !sc.allUpperText() ||
			t.flags&fClin == 0 && streetNameWord(sc.word(j))) {
			words++ // "8 Old Mill Road": capitalised, a common word is part of the name; "17 old kent rd"
			j++
			continue
		}
		if t.kind == tkAlnum && ordinalWord(sc.txt(j)) {
			words++ // "57th", "103rd": a numbered street
			j++
			continue
		}
		break
	}
	if !found {
		return 0, false
	}
	end := j
	if sc.isP(end+1, '.') && sc.attached(end+1) {
		end++
	}
	if sc.compassSuffix(end + 1) {
		end++ // "Fourth Ave SE", "Main St NW": the quadrant is part of the street
	}
	end = sc.unitAfter(end)
	// City after a comma: one to three capitalised words.
	k := end + 1
	if sc.isP(k, ',') {
		c := k + 1
		last := -1
		for n := 0; n < 3 && c < len(sc.toks) && sc.kind(c) == tkWord && sc.upper(c) && (sc.toks[c].flags&(fStop|fState) == 0 ||
			n == 0 && sc.toks[c].flags&fState == 0 && sc.kind(c+1) == tkWord && sc.upper(c+1) && sc.toks[c+1].space); n++ { // "New York", "Fort Worth"
			last = c
			c++
		}
		if last > 0 {
			end = last
		}
	}
	return sc.cityStateTail(end), true
}

// cityStateTail grows an address over a town and state written after it
// in any case and with or without commas: "…, Springfield, IL 62704",
// "… springfield illinois 62704"; the ZIP is left to zips. The town is taken only when a state
// follows it, so ordinary words after an address stay.
func (sc *scanner) cityStateTail(end int) int {
	T := sc.toks
	k := end + 1
	if sc.isP(k, ',') {
		k++
	}
	c := k
	for n := 0; n < 3 && c < len(T) && T[c].kind == tkWord && !T[c].claimed && T[c].flags&fClin == 0 && !placePreposition(sc.word(c)); n++ {
		if T[c].flags&fState != 0 && (sc.kind(c+1) == tkNum || sc.isP(c+1, ',')) {
			break // the state itself
		}
		c++
	}
	if sc.isP(c, ',') {
		c++
	}
	if c < len(T) && !T[c].claimed && T[c].flags&fState != 0 && (sc.kind(c+1) == tkNum || c+1 >= len(T) || sc.kind(c+1) == tkPunct) {
		end = c
		// A two-word state ("new york") carries its flag on its last word.
		if sc.kind(c+1) == tkWord && T[c+1].flags&fState != 0 {
			end = c + 1
		}
		// The ZIP after the state stays its own span (zips).
	}
	return end
}

// unitAfter extends an address over "Apt 4B", "# 12", ", piso 3".
func (sc *scanner) unitAfter(end int) int {
	k := end + 1
	if sc.isP(k, ',') {
		k++
	}
	if sc.is(k, "rd") && sc.allUpper(k) && sc.kind(k+1) == tkNum && sc.toks[k+1].e-sc.toks[k+1].s <= 2 {
		return k + 1 // "1184 Kakepuku Road, RD 2": a New Zealand rural delivery round
	}
	if sc.flags(k)&fUnitDesignator != 0 || sc.isP(k, '#') {
		v := k + 1
		if sc.isP(v, '.') || sc.isP(v, '#') {
			v++
		}
		if sc.kind(v) == tkNum || sc.kind(v) == tkAlnum || (sc.kind(v) == tkWord && sc.toks[v].e-sc.toks[v].s == 1) {
			return v
		}
	}
	return end
}

// addressES reads street type, street words, number: "Av. Reforma 222".
// Streets named after a date ("Calle 5 de Mayo 102", "Via 4 Novembre
// 12") hold a day and a month the date reader took; after a street type
// that is no ordinary word, the date is given back to the street, and
// restored when no street is read after all.
func (sc *scanner) addressES(i int) (int, bool) {
	n := len(sc.dropped)
	end, ok := sc.addressESRead(i)
	if !ok {
		for _, d := range sc.dropped[n:] {
			sc.cands[d.c].e = d.e
			for k := d.a; k <= d.b; k++ {
				sc.toks[k].claimed = true
			}
		}
	}
	sc.dropped = sc.dropped[:n]
	return end, ok
}

// dateInStreetName gives back to a street the date candidate that holds
// token j when it names a month ("5 de Mayo", "Novembre 12"), recording it
// in sc.dropped so addressES can restore it.
func (sc *scanner) dateInStreetName(j int) bool {
	T := sc.toks
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanDate || x.e <= x.s || T[j].s < x.s || T[j].s >= x.e {
			continue
		}
		a, b := tokenSpan(T, x.s, x.e)
		month := false
		for k := a; k <= b; k++ {
			month = month || T[k].flags&fMonth != 0
		}
		if !month {
			return false
		}
		sc.dropped = append(sc.dropped, droppedDate{c: c, e: x.e, a: a, b: b})
		x.e = x.s
		for k := a; k <= b; k++ {
			T[k].claimed = false
		}
		return true
	}
	return false
}

func (sc *scanner) addressESRead(i int) (int, bool) {
	dropped0 := len(sc.dropped) // one date at most in a street's name
	// "C/ Mayor 5": the Spanish abbreviation of "calle".
	// "al. Verdi 90": the Polish abbreviation of "aleja".
	slashC := false
	if c := sc.n.b[sc.toks[i].s]; c == 'c' || c == 'a' {
		slashC = (sc.is(i, "c") && sc.isP(i+1, '/') || sc.is(i, "al") && sc.isP(i+1, '.') && sc.upper(i+2)) && sc.attached(i+1) && sc.kind(i+2) == tkWord
	}
	if sc.flags(i)&fStreetPrefix == 0 && !slashC {
		return 0, false
	}
	// "via", "largo": ordinary words unless capitalised, after "I live
	// at", or read as a street that a town or postcode follows ("via roma
	// 10, milano").
	weak := false
	if sc.flags(i)&fTitleCaseOnly != 0 && !sc.upper(i) {
		cued := sc.addressCueBefore(i)
		// "moro na travessa do carmo 15": after a cue, a particle that is
		// also an English word ("do") still opens the street's name.
		// Without a cue too, when a floor or a postcode follows the
		// number (streetFollowUp, checked below): "rua do ouvidor 50 sala
		// 1101", "via di ripetta 142 00186 roma".
		if sc.flags(i+1)&(fNotName|fFax|fStop) != 0 && sc.flags(i+1)&fParticle == 0 && !streetParticle(sc.txt(i+1)) {
			return 0, false
		}
		weak = !cued
	}
	j := i + 1
	if sc.isP(j, '.') || slashC {
		j++
	}
	words := 0
	for n := 0; n < 7 && j < len(sc.toks); n++ {
		t := &sc.toks[j]
		if t.claimed && (weak || len(sc.dropped) > dropped0 || !sc.dateInStreetName(j)) {
			return 0, false
		}
		// "s/n" (sin número) stands for the number of a house that has
		// none: "calle hidalgo s/n", "Calle La Paz S/N".
		if words > 0 && sc.is(j, "s") && sc.isP(j+1, '/') && sc.attached(j+1) && sc.attached(j+2) && sc.is(j+2, "n") &&
			(!weak || sc.isP(j+3, ',')) {
			return sc.unitAfter(j + 2), true
		}
		// A capitalised word, or a particle before one, is part of the
		// street's name even when it is also a common word: "Calle Real",
		// "Travessa do Carmo".
		capName := t.kind == tkWord && t.flags&fClin == 0 && !sc.allUpperText() &&
			(sc.upper(j) || streetParticle(sc.txt(j)) && sc.kind(j+1) == tkWord && sc.upper(j+1))
		particle := t.flags&fParticle != 0 || streetParticle(sc.txt(j)) && sc.kind(j+1) == tkWord
		if t.kind == tkWord && (particle || t.flags&(fStop|fClin) == 0 || capName) {
			if !particle {
				words++
			}
			j++
			continue
		}
		if sc.isP(j, '#') || sc.isP(j, '.') || houseMarker(sc.txt(j)) ||
			(sc.isP(j, '-') && sc.attached(j) && sc.attached(j+1) && words > 0 && sc.kind(j+1) == tkWord) || // "Rue Saint-Denis"
			// "Via Roma, 10", "Rua Augusta, nº 45", "ул. Тверская, д. 7"
			(sc.isP(j, ',') && words > 0 && (sc.kind(j+1) == tkNum || sc.isP(j+1, '#') || houseMarker(sc.word(j+1)) &&
				(sc.kind(j+2) == tkNum || sc.isP(j+2, '.') && sc.kind(j+3) == tkNum))) {
			j++
			continue
		}
		if t.kind == tkNum || t.kind == tkAlnum {
			if words == 0 {
				words++ // a numbered street: "Calle 5 de Mayo 23"
				j++
				continue
			}
			end := j
			// "45-12", "102-A": a second number or a letter after a dash.
			if sc.isP(end+1, '-') && sc.attached(end+1) && sc.attached(end+2) && (sc.kind(end+2) == tkNum ||
				sc.kind(end+2) == tkAlnum || sc.kind(end+2) == tkWord && sc.toks[end+2].e-sc.toks[end+2].s == 1) {
				end += 2
			}
			if weak && !(sc.isP(end+1, ',') && (sc.kind(end+2) == tkNum || sc.kind(end+2) == tkWord && sc.flags(end+2)&(fStop|fNotName) == 0)) &&
				!sc.streetFollowUp(end) {
				return 0, false
			}
			return sc.unitAfter(end), true
		}
		break
	}
	return 0, false
}

// poBoxWords open a postal box or mail bag in the forms the posts of
// several countries use: "PO Box 45", "P.O. Box", "Post Office Box",
// "GPO Box" (Australia), "apartado (postal) 45", "casilla 45", "Caixa
// Postal 55" (Brazil), "Postfach 1234" (Germany), "Boîte postale 12"
// (France), "Rural Route 2" (Canada, the US), "PMB 1234", "Private Bag
// 12", "Locked Bag 7" (Nigeria, Australia, New Zealand), "POB 73",
// "RMB 2240" (an Australian roadside mail box). A rural route or highway
// contract ("RR 2 Box 14", "HC 61 Box 3310") and a military post office
// box ("PSC 1234, Box 5678", "CMR 480 Box 2212", "Unit 3050 Box 124")
// count only with their box: "BP" and "RR" alone are blood pressure and
// respiratory rate in a clinic, and a unit is often a dose.
var poBoxWords = []string{"po", "p", "pobox", "post", "gpo", "apartado", "casilla", "caixa", "postfach", "boite",
	"rural", "pmb", "private", "locked", "pob", "rmb", "rr", "hc", "psc", "cmr", "unit",
	"rr1", "rr2", "rr3", "rr4", "rr5", "rr6", "rr7", "rr8", "rr9"}

// poBox reads a postal box (see poBoxWords) and its number, and a box
// number after a rural route ("Rural Route 2, Box 18").
func (sc *scanner) poBox(i int) (int, bool) {
	if sc.toks[i].trig&trigPOBox == 0 {
		return 0, false // one of poBoxWords opens each form below
	}
	j := -1
	switch {
	case sc.is(i, "po") && sc.is(i+1, "box"), sc.is(i, "gpo") && sc.is(i+1, "box"), sc.is(i, "post") && sc.is(i+1, "box"),
		sc.is(i, "caixa") && sc.is(i+1, "postal"), sc.is(i, "boite") && sc.is(i+1, "postale"),
		sc.is(i, "rural") && sc.is(i+1, "route"), sc.is(i, "private") && sc.is(i+1, "bag"),
		sc.is(i, "locked") && sc.is(i+1, "bag"):
		j = i + 2
	case sc.is(i, "post") && sc.is(i+1, "office") && sc.is(i+2, "box"), sc.is(i, "p") && sc.is(i+1, "o") && sc.is(i+2, "box"),
		sc.is(i, "private") && sc.is(i+1, "mail") && sc.is(i+2, "bag"):
		j = i + 3
	case sc.is(i, "p") && sc.isP(i+1, '.') && sc.is(i+2, "o") && sc.isP(i+3, '.') && sc.is(i+4, "box"):
		j = i + 5
	case sc.is(i, "p") && sc.isP(i+1, '.') && sc.is(i+2, "o") && sc.is(i+3, "box"):
		j = i + 4 // "p.o box"
	case sc.is(i, "apartado") && sc.is(i+1, "postal"):
		j = i + 2
	case sc.is(i, "casilla"), sc.is(i, "pobox"), sc.is(i, "postfach"), sc.is(i, "pmb"), sc.is(i, "apartado"), sc.is(i, "pob"), sc.is(i, "rmb"):
		j = i + 1
	case sc.is(i, "rr") || sc.is(i, "hc") || sc.is(i, "psc") || sc.is(i, "cmr") || sc.is(i, "unit"):
		// The route, contract or unit is read with its box, or not at all.
		k := i + 2
		if sc.isP(k, ',') {
			k++
		}
		if sc.kind(i+1) != tkNum || !sc.is(k, "box") || !sc.boxNumber(k+1) {
			return 0, false
		}
		return sc.militaryPost(k + 1), true
	}
	if j < 0 {
		if w := sc.word(i); len(w) >= 3 && w[0] == 'r' && w[1] == 'r' && isDigit(w[2]) && sc.is(i+1, "box") && sc.boxNumber(i+2) {
			return i + 2, true // "RR1 Box 221B"
		}
		return 0, false
	}
	if sc.isP(j, '#') || sc.isP(j, '.') && sc.is(i, "pmb") {
		j++
	}
	if sc.kind(j) != tkNum {
		return 0, false
	}
	// "Rural Route 2, Box 18": the box on the route.
	if sc.is(i, "rural") {
		k := j + 1
		if sc.isP(k, ',') {
			k++
		}
		if sc.is(k, "box") && sc.kind(k+1) == tkNum {
			j = k + 1
		}
	}
	return j, true
}

// boxNumber reports a box's number at token k: digits, or digits and a
// letter ("221B").
func (sc *scanner) boxNumber(k int) bool {
	return sc.kind(k) == tkNum || sc.kind(k) == tkAlnum && isDigit(sc.n.b[sc.toks[k].s])
}

// militaryPost extends a box ending at token end over the military post
// office and its "state" after it ("…, APO AE", "FPO AP", "DPO AA"), so
// the ZIP that follows is read as the address's.
func (sc *scanner) militaryPost(end int) int {
	k := end + 1
	if sc.isP(k, ',') {
		k++
	}
	if (sc.is(k, "apo") || sc.is(k, "fpo") || sc.is(k, "dpo")) && (sc.is(k+1, "ae") || sc.is(k+1, "ap") || sc.is(k+1, "aa")) {
		return k + 1
	}
	return end
}

// zips finds five-digit ZIP codes after a state, a ZIP cue or an address.
func (sc *scanner) zips() {
	if !sc.numbersAny {
		return // a ZIP is a number
	}
	T := sc.toks
	for i := range T {
		if T[i].claimed || T[i].kind != tkNum || T[i].e-T[i].s != 5 {
			continue
		}
		if sc.attached(i) && sc.kind(i-1) != tkPunct || sc.attached(i+1) && sc.kind(i+1) != tkPunct {
			continue
		}
		ok := false
		k := i - 1
		if sc.isP(k, ',') {
			k--
		}
		if k >= 0 && T[k].flags&fState != 0 {
			// A state right before five digits is a state and its ZIP,
			// in whatever case it is written ("springfield ca 95814").
			ok = true
		}
		for c := i - 1; c >= 0 && c >= i-3 && !ok; c-- {
			if T[c].flags&fZipCue != 0 {
				ok = true
			}
		}
		if !ok && k >= 0 && T[k].addrEnd {
			ok = true
		}
		if !ok && sc.italianCodeCue(i) {
			ok = true
		}
		if !ok && sc.flagsAny&(fClin|fUnit|fDoseUnit|fResultValue) == 0 && !sc.hasPunct('$') {
			ok = sc.zipEndsMessage(i)
		}
		if ok {
			e := i
			if sc.isP(i+1, '-') && sc.attached(i+1) && sc.attached(i+2) && sc.kind(i+2) == tkNum && (T[i+2].e-T[i+2].s == 4 || T[i+2].e-T[i+2].s == 3) {
				e = i + 2 // ZIP+4, or a Brazilian CEP ("20040-030")
			}
			sc.addTok(i, e, SpanZIP, 0.9, prioZIP)
		}
	}
}

// zipEndsMessage reports five digits at token i that end the message
// after a preposition of place: "delivery to 90210", "anything near
// 10027?", "we're in 60614", the only number of the message. The reading
// is a count or a level when the message speaks of one (the caller checks
// for clinical words, units and money) or the preposition follows a word
// of change or of a code's end ("went up to 15000", "ends in 48213").
func (sc *scanner) zipEndsMessage(i int) bool {
	T := sc.toks
	// The only number of the message: "walked 12000 steps, goal is to get
	// to 15000" is a count.
	for k := range T {
		if k != i && (T[k].kind == tkNum || T[k].kind == tkAlnum) {
			return false
		}
	}
	for k := i + 1; k < len(T); k++ {
		if T[k].kind != tkPunct || sc.isP(k, '-') || sc.isP(k, '%') {
			return false
		}
	}
	p := i - 1
	switch {
	case p < 1:
		return false
	case sc.is(p, "in"), sc.is(p, "to"), sc.is(p, "near"), sc.is(p, "around"), sc.is(p, "from"), sc.is(p, "nr"), sc.is(p, "at"):
	default:
		return false
	}
	b := p - 1
	if T[b].kind != tkWord || T[b].flags&(fResultWord|fClin|fDateCue) != 0 && !sc.is(b, "is") || numberWord(sc.word(b)) {
		return false
	}
	switch string(sc.word(b)) {
	case "up", "down", "increased", "decreased", "dropped", "rose", "fell", "raised", "lowered", "went", "goes",
		"reduced", "changed", "close", "equal", "set", "bumped", "climbed", "ends", "end", "ending", "ended":
		return false
	}
	return true
}

// placePreposition reports a word that ends a town's name before a state.
func placePreposition(w []byte) bool {
	switch string(w) {
	case "in", "at", "on", "near", "by", "to", "for", "and", "en", "cerca", "y":
		return true
	}
	return false
}

// addressTails grows each street address over what people write after
// the street, in any country's order: a unit ("apt 3b", "3º izq", "flat
// 2"), the town, the state, province or county, the postcode and the
// country, separated by commas or spaces ("…, springfield, il 62704",
// "…, london nw1 6xe, uk", "…, 75002 paris, france"). Each comma-separated
// part must read as a place (no function word, verb form or clinical
// term); the tail stops at the first part that does not.
func (sc *scanner) addressTails() {
	T := sc.toks
	for k := range T {
		if !T[k].addrEnd {
			continue
		}
		end := sc.addressTail(k)
		if end == k {
			continue
		}
		// One address, one span: the tail joins the street's candidate,
		// up to a postcode, which keeps its own type; the part after the
		// postcode ("…, france") is a span of its own.
		from := k + 1
		for from <= end {
			to := from
			for to <= end && !(T[to].claimed && sc.zipAt(to)) {
				to++
			}
			last := to - 1
			for last >= from && T[last].kind == tkPunct {
				last--
			}
			if last >= from {
				sc.joinAddress(from, last)
			}
			for to <= end && T[to].claimed && sc.zipAt(to) {
				to++
			}
			from = to
		}
		for q := k + 1; q <= end; q++ {
			T[q].claimed = true
		}
	}
}

// zipAt reports a postcode candidate over token k.
func (sc *scanner) zipAt(k int) bool {
	s := sc.toks[k].s
	for _, c := range sc.cands {
		if c.s <= s && s < c.e && c.t == SpanZIP {
			return true
		}
	}
	return false
}

// joinAddress makes tokens [from, to] part of the address that ends just
// before them, or an address of their own; codes inside become part of it.
func (sc *scanner) joinAddress(from, to int) {
	T := sc.toks
	for c := range sc.cands {
		if x := &sc.cands[c]; x.s >= T[from].s && x.e <= T[to].e && (x.t == SpanID || x.t == SpanAddress) {
			x.e = x.s
		}
	}
	for c := range sc.cands {
		if x := &sc.cands[c]; x.t == SpanAddress && x.e == T[from-1].e {
			x.e = T[to].e
			return
		}
	}
	// Punctuation alone between a postcode and the end is no address.
	for k := from; k <= to; k++ {
		if T[k].kind != tkPunct {
			sc.addTok(k, to, SpanAddress, 0.75, prioAddress)
			return
		}
	}
}

// placeSpan reports whether token k is already masked as part of an
// address or a postcode, which a tail may pass through.
func (sc *scanner) placeSpan(k int) bool {
	s := sc.toks[k].s
	for _, c := range sc.cands {
		if c.s <= s && s < c.e && (c.t == SpanAddress || c.t == SpanZIP || c.t == SpanID) {
			return true
		}
	}
	return false
}

// placeWord reports a word that can name a town, a region or a country.
func (sc *scanner) placeWord(k int) bool {
	T := sc.toks
	if k >= len(T) || T[k].kind != tkWord || T[k].claimed {
		return false
	}
	if T[k].flags&(fStop|fNotName|fClin|fQuestion|fPersonal|fCityVerb|fClinLead|fDateCue|fWeekday|fAgeUnit|fDoseUnit|fFreq|fResultWord|fAddrCue|fDOBCue) != 0 &&
		T[k].flags&fState == 0 {
		return false
	}
	w := sc.word(k)
	if placePreposition(w) || numberWord(w) || T[k].ent.cue != cueNone {
		return false
	}
	for _, suf := range []string{"ing", "ly"} {
		if len(w) > len(suf)+3 && string(w[len(w)-len(suf):]) == suf {
			return false
		}
	}
	return true
}

// capitalPlaceWord reports a capitalised word inside a town's name that
// the lists hold as a function word or a weekday: "Buenos Aires", "Santo
// Domingo", "Setor Bueno". The capital is the place's, where the message
// is not written in capitals throughout.
func (sc *scanner) capitalPlaceWord(k int) bool {
	T := sc.toks
	return k < len(T) && T[k].kind == tkWord && !T[k].claimed && sc.upper(k) && !sc.allUpperText() && T[k].e-T[k].s >= 3 &&
		T[k].flags&(fStop|fWeekday|fNotName) != 0 &&
		T[k].flags&(fClin|fQuestion|fPersonal|fCityVerb|fClinLead|fDOBCue|fAddrCue|fAgeUnit|fDoseUnit|fFreq) == 0 &&
		!placePreposition(sc.word(k))
}

// tailPart reads one part of an address tail at k and returns its last
// token, or k-1 when nothing there reads as part of an address.
func (sc *scanner) tailPart(k int) int {
	T := sc.toks
	if k >= len(T) {
		return k - 1
	}
	if T[k].claimed {
		if !sc.placeSpan(k) {
			return k - 1
		}
		e := k
		for e+1 < len(T) && T[e+1].claimed && sc.placeSpan(e+1) {
			e++
		}
		return e
	}
	// A side or floor word alone: "bajo", "izq", "2º andar", "r/c".
	if T[k].kind == tkWord && sideWord(sc.word(k)) {
		return k
	}
	// A state's two capitals after a town ("Goiânia - GO", "Lagos, NG"),
	// in a message not written in capitals throughout.
	if T[k].kind == tkWord && T[k].e-T[k].s == 2 && sc.allUpper(k) && !sc.allUpperText() && k > 0 && T[k-1].kind == tkPunct &&
		T[k].flags&(fClin|fPersonal|fQuestion) == 0 {
		return k
	}
	if sc.is(k, "r") && sc.isP(k+1, '/') && sc.is(k+2, "c") && sc.attached(k+1) && sc.attached(k+2) {
		return k + 2 // "r/c": ground floor
	}
	if sc.is(k, "of") && sc.isP(k+1, '.') && sc.attached(k+1) && (sc.kind(k+2) == tkNum || sc.kind(k+2) == tkAlnum) {
		return k + 2 // "of. 1003": an office ("oficina")
	}
	// A unit or floor: "apt 3b", "# 12", "piso 3", "3º izq", "sala 3",
	// "bus 3", "m. 5".
	if unit := T[k].flags&fUnitDesignator != 0; unit || sc.isP(k, '#') || T[k].kind == tkWord && buildingPartWord(sc.word(k)) {
		v := k + 1
		if sc.isP(v, '.') || sc.isP(v, '#') {
			v++
		}
		if sc.kind(v) == tkNum || sc.kind(v) == tkAlnum || (sc.kind(v) == tkWord && T[v].e-T[v].s <= 2 && T[v].flags&fParticle == 0) {
			return v
		}
		if !unit {
			return k - 1
		}
		// "Colonia Centro", "Col. Roma Norte", "col del valle": a
		// district by name.
		for streetParticle(sc.word(v)) && sc.kind(v+1) == tkWord && !T[v+1].claimed {
			v++
		}
		if e := sc.tailPart(v); e >= v && sc.kind(v) == tkWord {
			return e
		}
		if sc.capitalPlaceWord(v) {
			return sc.tailPart(v + 1) // "Setor Bueno", "barrio Buenos Aires"
		}
		return k - 1
	}
	// A postcode or a unit number: digits or letters and digits, with an
	// attached dash part ("01310-100") and a letter pair ("1017 GA").
	if T[k].kind == tkNum || T[k].kind == tkAlnum {
		if T[k].e-T[k].s > 10 || (T[k].kind == tkNum && T[k].e-T[k].s < 2) {
			return k - 1
		}
		e := k
		if sc.isP(e+1, '-') && sc.attached(e+1) && sc.attached(e+2) && (sc.kind(e+2) == tkNum || sc.kind(e+2) == tkAlnum) {
			e += 2
		}

		if sc.kind(e+1) == tkWord && T[e+1].space && T[e+1].e-T[e+1].s <= 3 && !sc.placeWord(e+1) && T[e+1].flags&(fStop|fUnit|fDoseUnit) == 0 && sc.kind(e+2) != tkWord {
			e++ // "3º izq" keeps its side word only when it ends the part
		} else if sc.kind(e+1) == tkWord && T[e+1].space && sideWord(sc.word(e+1)) && !T[e+1].claimed {
			e++ // "2e étage", "3 andar", "2nd floor"
		}
		return e
	}
	// A town, a region or a country: up to four place words, hyphenated
	// ("aix-en-provence") or joined by a particle ("ciudad de mexico").
	e := k - 1
	for n := 0; n < 4; n++ {
		p := e + 1
		if n > 0 && p < len(T) && T[p].flags&fParticle != 0 && sc.placeWord(p+1) {
			p++
		}
		// "the Netherlands", "the Hague": an article before a capitalised
		// place at the start of a part.
		if n == 0 && (sc.is(p, "the") || streetParticle(sc.word(p))) && p+1 < len(T) && sc.upper(p+1) && sc.placeWord(p+1) {
			p++
		}
		// "quezon city", "Makati City": "city" closes a town's name.
		if !sc.placeWord(p) && !(n > 0 && sc.is(p, "city") && !T[p].claimed) && !(n > 0 && sc.capitalPlaceWord(p)) {
			break
		}
		e = p
		for sc.isP(e+1, '-') && sc.attached(e+1) && sc.attached(e+2) && sc.kind(e+2) == tkWord && !T[e+2].claimed {
			e += 2
		}
		if e+1 >= len(T) {
			break
		}
	}
	return e
}

// addressTail returns the last token of the tail after an address that
// ends at token end, or end when nothing follows.
func (sc *scanner) addressTail(end int) int {
	T := sc.toks
	// A street that ended on its unit word ("… St W Apt", "… flat")
	// takes the unit's number first.
	if T[end].flags&fUnitDesignator != 0 || buildingPartWord(sc.word(end)) {
		v := end + 1
		if sc.isP(v, '.') || sc.isP(v, '#') {
			v++
		}
		if v < len(T) && !T[v].claimed && (T[v].kind == tkNum || T[v].kind == tkAlnum) {
			end = v
		}
	}
	k := end + 1
	for parts := 0; parts < 6 && k < len(T); parts++ {
		p := k
		if sc.isP(p, ',') || (sc.isP(p, '-') || sc.isP(p, '/')) && T[p].space {
			p++
		}
		e := sc.tailPart(p)
		if e < p {
			break
		}
		end = e
		k = e + 1
		// "-" or "/" between parts ("Paris - France") is a separator too.
		if (sc.isP(k, '-') || sc.isP(k, '/')) && T[k].space {
			k++
		}
	}
	return end
}

// addressCueBefore reports an address cue in the few words before token
// i: "my address is", "I live at", "send it to", "vivo en", "we moved to".
// After one, a lower-case "via" or "rua" starts a street, not a route.
func (sc *scanner) addressCueBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if sc.flags(k)&(fAddrCue|fCityVerb) != 0 {
			return true
		}
		switch string(sc.word(k)) {
		case "send", "mail", "ship", "deliver", "moved", "mandar", "enviar", "manden", "envien",
			// The words for "address" and "I live" in the languages whose
			// street types are also ordinary words.
			"indirizzo", "abito", "abitiamo", "abita", "adres", "adresa", "anschrift", "wohne", "wohnen", "wohnt",
			"woon", "wonen", "woont", "mieszkam", "mieszka", "mieszkamy", "manda", "envia", "endereco", "morada",
			"adresse", "direccion", "habito":
			return true
		}
		if sc.kind(k) == tkPunct && !sc.isP(k, ':') {
			return false
		}
	}
	return false
}

// unitBefore returns where an address starts when its unit is written
// first, as in the UK and Australia: "Flat 3, 12 Baker Street", "Apt 4B,
// 250 West 57th St", "Unit 5 22 George St".
func (sc *scanner) unitBefore(i int) int {
	p := i - 1
	if sc.isP(p, ',') {
		p--
	} else if sc.is(p, "at") || sc.is(p, "in") || sc.is(p, "of") {
		p-- // "unit 3 at 1166 Alder St", "flat 2 in 14 Kings Road"
	}
	if p < 1 || sc.toks[p].claimed || sc.kind(p) != tkNum && sc.kind(p) != tkAlnum && !(sc.kind(p) == tkWord && sc.toks[p].e-sc.toks[p].s == 1) {
		return i
	}
	d := p - 1
	if sc.isP(d, '.') || sc.isP(d, '#') {
		d--
	}
	if d < 0 || sc.toks[d].claimed || sc.flags(d)&fUnitDesignator == 0 || sc.kind(d) != tkWord {
		return i
	}
	return d
}

// chatPreposition reports a digit that chat writes for a preposition: "2
// the park" is "to the park", "4 the way" is "for the way".
func chatPreposition(w []byte) bool {
	return len(w) == 1 && (w[0] == '2' || w[0] == '4')
}

// italianCodeCue reports "cap" (codice di avviamento postale) right before
// the five digits at token i, read as a postcode's cue and not a capsule
// when the code opens with a zero (no dose does) or a town follows it:
// "cap 00185", "CAP 20121 Milano". "vit d cap 50000 iu weekly" stays a dose.
func (sc *scanner) italianCodeCue(i int) bool {
	c := i - 1
	if c > 0 && (sc.is(c, "è") || sc.is(c, "e") || sc.isP(c, ':')) {
		c-- // "il cap è 00185", "cap: 00185"
	}
	if c < 0 || !sc.is(c, "cap") || sc.attached(i) {
		return false
	}
	if sc.flags(i+1)&(fUnit|fDoseUnit|fFreq|fClin) != 0 {
		return false
	}
	return sc.n.b[sc.toks[i].s] == '0' || sc.placeWord(i+1) && !dictionaryWord(sc.word(i+1)) || sc.upper(i+1) && sc.canBeName(i+1)
}

// slashedHouse reads a unit and house number joined by a slash that the
// date reader took, before a street: "unit 4/18 smith st", "7/2 Elm Road"
// (Australia, India). The street with its type after the number decides:
// "on 4/18 we went to the clinic" names none.
func (sc *scanner) slashedHouse(i int) (int, bool) {
	T := sc.toks
	e := i
	for e+2 < len(T) && sc.isP(e+1, '/') && sc.attached(e+1) && sc.attached(e+2) && T[e+2].kind == tkNum && e-i < 4 {
		e += 2
	}
	if e == i || sc.kind(e+1) != tkWord || T[e+1].claimed || !sc.dateStartsAt(i) {
		return 0, false // a reading ("120/80") is no door
	}
	end, ok := sc.addressEN(e)
	if !ok {
		return 0, false
	}
	sc.unclaimDate(i, e)
	return end, true
}

// dateStartsAt reports a date candidate that opens at token k.
func (sc *scanner) dateStartsAt(k int) bool {
	s := sc.toks[k].s
	for c := range sc.cands {
		if x := &sc.cands[c]; x.s == s && x.e > x.s && (x.t == SpanDate || x.t == SpanDOB) {
			return true
		}
	}
	return false
}

// slashedStart returns the first number of a house number whose parts are
// joined by slashes and end at token i ("10/1/3 elm road"), giving back a
// date the date reader read in its first parts; i when none stand before.
func (sc *scanner) slashedStart(i int) int {
	T := sc.toks
	a := i
	for a >= 2 && sc.isP(a-1, '/') && sc.attached(a) && sc.attached(a-1) && T[a-2].kind == tkNum && i-a < 6 {
		a -= 2
	}
	if a == i {
		return i
	}
	// "221 1/2 Elm St": a half (or a quarter) after the house number
	// numbers a second door at the same address.
	if a == i-2 && a >= 1 && T[a-1].kind == tkNum && !sc.attached(a) && sc.fractionNumber(a, i) {
		a--
	}
	s, e := T[a].s, T[i].e
	for c := range sc.cands {
		if x := &sc.cands[c]; x.e > x.s && x.s >= s && x.e <= e && (x.t == SpanDate || x.t == SpanDOB) {
			x.e = x.s
		}
	}
	for k := a; k < i; k++ {
		T[k].claimed = false
	}
	return a
}

// compassSuffix reports a quadrant after a street's type at token k:
// "NE", "sw" in any case, a single "N", "E", "S", "W" in capitals, set
// apart and ending the street (punctuation, a ZIP, a unit or the end
// next).
func (sc *scanner) compassSuffix(k int) bool {
	if sc.kind(k) != tkWord || sc.toks[k].claimed || sc.attached(k) {
		return false
	}
	switch string(sc.word(k)) {
	case "ne", "nw", "se", "sw":
	case "n", "e", "s", "w":
		if !sc.upper(k) {
			return false
		}
	default:
		return false
	}
	n := k + 1
	return n >= len(sc.toks) || sc.kind(n) == tkPunct || sc.kind(n) == tkNum && sc.toks[n].e-sc.toks[n].s == 5 ||
		sc.toks[n].flags&fUnitDesignator != 0
}

// fractionNumber reports the half, quarter or three quarters written
// from token a to token b ("1/2", "1/4", "3/4").
func (sc *scanner) fractionNumber(a, b int) bool {
	return sc.is(a, "1") && (sc.is(b, "2") || sc.is(b, "4")) || sc.is(a, "3") && sc.is(b, "4")
}

// distanceUnit reports a unit of time or distance that, between a number
// and a street type, says how far a place is ("a 5 min walk", "a 2 mile
// drive", "10 blocks down").
func distanceUnit(w []byte) bool {
	switch string(w) {
	case "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "second", "seconds", "sec", "secs",
		"mile", "miles", "mi", "km", "kms", "kilometre", "kilometer", "block", "blocks", "metre", "meter", "meters",
		"metres", "yard", "yards", "foot", "feet", "minuto", "minutos", "cuadra", "cuadras":
		return true
	}
	return false
}

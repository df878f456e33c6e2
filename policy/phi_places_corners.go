package policy

// A home given by its street corner locates the patient as closely as a
// house number: "I'm at the corner of Maple and 3rd, the white duplex",
// "vivo en la esquina de Juárez y Morelos", "Oak St and 5th Ave, the
// corner house", "she lives on the corner of Lake Rd at Mill St". The
// message must speak of a home (homeWords): a corner where a taxi left
// the patient on the way to the clinic is no identifier. After a corner
// word the two streets need no type; without one, both must carry their
// street type, so "Johnson & Johnson" and "Tom and Jerry" stay as they
// are.

// cornerWords say that two streets meet: cornerAddresses.
var cornerWords = []string{"corner", "intersection", "esquina", "cruce", "coin", "crossroads", "junction", "cnr"}

// homeWords say that a place is where someone lives.
var homeWords = wordSetOf([]string{"live", "lives", "living", "lived", "home", "house", "duplex", "trailer", "apartment",
	"apt", "flat", "condo", "townhouse", "cottage", "address", "casa", "vivo", "vive", "vivimos", "viven", "domicilio",
	"direccion", "moro", "mora", "moramos", "endereco", "maison", "habite", "habitons", "adresse", "ambulance", "ambulancia"})

// speaksOfHome reports a word of homeWords in the message.
func (sc *scanner) speaksOfHome() bool {
	for k := range sc.toks {
		if sc.toks[k].kind == tkWord && homeWords[string(sc.word(k))] {
			return true
		}
	}
	return false
}

// cornerJoin reports the word or sign that joins two streets at token k.
func (sc *scanner) cornerJoin(k int) bool {
	return sc.is(k, "and") || sc.is(k, "y") || sc.is(k, "e") || sc.is(k, "et") || sc.is(k, "at") || sc.is(k, "with") ||
		sc.is(k, "con") || sc.isP(k, '&') || sc.isP(k, '/')
}

// cornerStreet reads one street of a corner from token j: up to three
// words, each capitalised, a numbered street ("3rd", "W 96th", "16") or,
// in lower case, a word before the street's type. It returns the last
// token and whether a street type ends it; -1 when no street starts at j.
func (sc *scanner) cornerStreet(j int) (int, bool) {
	T := sc.toks
	end, named := -1, false
	for k := j; k < len(T) && k < j+4; k++ {
		t := &T[k]
		if t.claimed {
			break
		}
		if k > j && t.flags&fStreetSuffix != 0 && t.kind == tkWord {
			if sc.isP(k+1, '.') && sc.attached(k+1) {
				return k + 1, true
			}
			return k, true
		}
		switch {
		case t.kind == tkAlnum && ordinalWord(sc.txt(k)):
			named = true
		case t.kind == tkNum && k == j && t.e-t.s <= 3:
			// "la 16 y Mission": a numbered street, read only beside a
			// named one (checked by the caller through named).
		case t.kind == tkWord && (sc.is(k, "w") || sc.is(k, "e") || sc.is(k, "n") || sc.is(k, "s")) &&
			sc.upper(k) && sc.kind(k+1) == tkAlnum:
			// "W 96th": the side of a numbered street.
		case t.kind == tkWord && sc.upper(k) && !sc.allUpperText() && t.flags&(fStop|fMonth|fWeekday|fClin|fNotName) == 0:
			named = true
		case t.kind == tkWord && !sc.upper(k) && t.flags&(fStop|fClin) == 0 && sc.flags(k+1)&fStreetSuffix != 0:
			named = true // "oak st"
		default:
			if named {
				return end, false
			}
			return -1, false
		}
		end = k
	}
	if !named {
		return -1, false
	}
	return end, false
}

// cornerAddresses masks two streets that meet (see above).
func (sc *scanner) cornerAddresses() {
	T := sc.toks
	home := -1 // speaksOfHome, asked once a corner is found
	atHome := func() bool {
		if home < 0 {
			home = 0
			if sc.speaksOfHome() {
				home = 1
			}
		}
		return home == 1
	}
	for i := range T {
		if T[i].trig&trigCorner != 0 && T[i].kind == tkWord {
			j := i + 1
			for f := 0; f < 2 && (sc.is(j, "of") || sc.is(j, "de") || sc.is(j, "da") || sc.is(j, "do") || sc.is(j, "del") ||
				sc.is(j, "du") || sc.is(j, "la") || sc.is(j, "el") || sc.is(j, "between") || sc.is(j, "entre") || sc.isP(j, ':')); f++ {
				j++
			}
			a, _ := sc.cornerStreet(j)
			if a < 0 || !sc.cornerJoin(a+1) {
				continue
			}
			b, _ := sc.cornerStreet(a + 2)
			if b < 0 || !atHome() {
				continue
			}
			sc.addTok(j, b, SpanAddress, 0.7, prioAddress)
			continue
		}
		// No corner word: both streets carry their type.
		if T[i].flags&fStreetSuffix == 0 || T[i].kind != tkWord || T[i].claimed || i == 0 {
			continue
		}
		k := i + 1
		if sc.isP(k, '.') && sc.attached(k) {
			k++
		}
		if !sc.cornerJoin(k) {
			continue
		}
		b, typed := sc.cornerStreet(k + 1)
		if b < 0 || !typed {
			continue
		}
		a := i
		for a > 0 && i-a < 3 && !T[a-1].claimed && (T[a-1].kind == tkWord && sc.upper(a-1) && T[a-1].flags&(fStop|fClin) == 0 ||
			T[a-1].kind == tkAlnum && ordinalWord(sc.txt(a-1))) {
			a--
		}
		if a == i || !atHome() {
			continue
		}
		sc.addTok(a, b, SpanAddress, 0.7, prioAddress)
	}
}

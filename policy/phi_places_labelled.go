package policy

// Addresses written as a run of labelled parts, the way much of the world
// writes them: each part a label and its value, the parts one after
// another with a comma, a slash or nothing between. "bl. 12, vh. B, et. 3,
// ap. 45" (a Bulgarian block, entrance, floor, flat), "Str. Eminescu nr.
// 14, bl. A3, sc. 2, ap. 17" (Romania), "Jl. Melati No. 12 RT 03/RW 05,
// Kel. Sukajadi" (Indonesia), "hẻm 3 đường Lê Văn Sỹ, phường 13, quận 3"
// (Vietnam), "88/5 Moo 4, Soi 21" (Thailand), "Mz. 14 Lt. 7, Col. Santa
// Fe" (Mexico), "Purok 3, Brgy. San Isidro" (the Philippines). One
// labelled part may be anything ("Sector 2", "et 3"); two in a run are an
// address. A house number written before the first part comes with it.

// addressLabelWords label a part of an address (trigAddrLabel).
var addressLabelWords = []string{
	// Eastern Europe and the Balkans: block, entrance, floor, flat,
	// staircase, street, number, sector, housing estate.
	"bl", "blok", "vh", "vhod", "ulaz", "et", "etaj", "ap", "apt", "sc", "scara", "sprat", "kv", "nr", "str", "ul",
	"sector", "sektor", "os", "m",
	// Indonesia and Malaysia.
	"jl", "jln", "gg", "gang", "rt", "rw", "kel", "kec", "kab", "desa", "kampung", "kg", "lorong", "taman", "blk",
	// Vietnam (as folded: "hẻm", "ngõ", "đường", "phường", "quận").
	"hem", "ngo", "ngach", "kiet", "duong", "đuong", "pho", "phuong", "quan", "huyen", "xa", "thon", "so", "xom", "toa",
	"tang", "phong",
	// Thailand and the Philippines.
	"moo", "mu", "soi", "thanon", "tambon", "amphoe", "purok", "sitio", "brgy", "barangay", "lot", "phase", "subd",
	// Latin America.
	"mz", "manzana", "lt", "lote", "col", "colonia", "fracc", "depto", "dpto", "torre", "casa", "km", "vereda", "barrio",
	// South Asia and Africa.
	"hno", "plot", "erf", "stand", "gali", "mohalla", "road", "house", "flat", "block",
}

// namedAddressLabels are the labels whose value may be a name rather than
// a number: a street, a ward, a district, a village.
func namedAddressLabel(w []byte) bool {
	switch string(w) {
	case "str", "ul", "jl", "jln", "gg", "gang", "kel", "kec", "kab", "desa", "kampung", "kg", "lorong", "taman",
		"duong", "đuong", "pho", "phuong", "quan", "huyen", "xa", "thon", "soi", "thanon", "tambon", "amphoe", "sitio", "brgy",
		"barangay", "col", "colonia", "fracc", "vereda", "barrio", "subd", "mohalla", "gali":
		return true
	}
	return false
}

// laneLabel reports a label for a lane or alley numbered off a named
// street: the street's name may follow its number.
func laneLabel(w []byte) bool {
	switch string(w) {
	case "hem", "ngo", "ngach", "kiet", "so", "gang", "gg", "lorong", "soi":
		return true
	}
	return false
}

// capitalisedRunAfter returns the last of up to four capitalised words
// no label starts that follow token j, or j.
func (sc *scanner) capitalisedRunAfter(j int) int {
	T := sc.toks
	if sc.allUpperText() {
		return j
	}
	for n := 0; n < 4 && j+1 < len(T) && sc.kind(j+1) == tkWord && T[j+1].space && sc.upper(j+1) && !T[j+1].claimed &&
		T[j+1].trig&trigAddrLabel == 0 && !sc.is(j+1, "no"); n++ {
		j++
	}
	return j
}

// labelledAddressParts masks the runs of two labelled parts or more.
func (sc *scanner) labelledAddressParts() {
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].claimed || T[i].trig&trigAddrLabel == 0 {
			continue
		}
		parts, end, k := 0, -1, i
		// Inside a run, "No." numbers the house: "Jl. Melati No. 12",
		// "gg. mawar no 5".
		for k < len(T) && !T[k].claimed && (T[k].trig&trigAddrLabel != 0 || parts > 0 && sc.is(k, "no") && (sc.isP(k+1, '.') || sc.kind(k+1) == tkNum)) {
			e, ok := sc.addressPartValue(k)
			if !ok {
				break
			}
			parts, end = parts+1, e
			k = e + 1
			for k < len(T) && (sc.isP(k, ',') || sc.isP(k, '/') || sc.isP(k, ';')) {
				k++
			}
		}
		if parts < 2 {
			continue
		}
		start := i
		// "45/12 hem 3 …", "88/5 Moo 4 …": the house number before.
		if p := i - 1; p >= 0 && !T[p].claimed && (sc.kind(p) == tkNum || sc.kind(p) == tkAlnum) {
			start = p
			for start >= 2 && sc.isP(start-1, '/') && sc.attached(start) && sc.attached(start-1) && sc.kind(start-2) == tkNum && !T[start-2].claimed {
				start -= 2
			}
		}
		sc.addTok(start, end, SpanAddress, 0.85, prioAddress)
		T[end].addrEnd = true
		i = end
	}
}

// addressPartValue reads the value after the label at token k ("bl. 12",
// "vh. B", "phường 13", "Kel. Sukajadi", "Col. Santa Fe") and returns its
// last token.
func (sc *scanner) addressPartValue(k int) (int, bool) {
	T := sc.toks
	j := k + 1
	if sc.isP(j, '.') && sc.attached(j) {
		j++
	} else if sc.isP(j, ':') {
		j++
	}
	if j >= len(T) || T[j].claimed {
		return 0, false
	}
	switch {
	case sc.kind(j) == tkNum || sc.kind(j) == tkAlnum:
		// "45/12": a number with its sub-number.
		for j+2 < len(T) && sc.isP(j+1, '/') && sc.attached(j+1) && sc.attached(j+2) && sc.kind(j+2) == tkNum && T[j+2].trig&trigAddrLabel == 0 {
			j += 2
		}
		// "kiệt 74 Hoàng Diệu", "ngõ 193 Trung Kính": the lane's number,
		// then the street it opens on.
		if laneLabel(sc.word(k)) {
			j = sc.capitalisedRunAfter(j)
		}
		return j, true
	case sc.kind(j) == tkWord && T[j].e-T[j].s == 1 && sc.upper(j) && T[j].space:
		return j, true // "vh. B"
	case sc.kind(j) == tkWord && namedAddressLabel(sc.word(k)) && sc.upper(j) && T[j].trig&trigAddrLabel == 0 && !sc.allUpperText():
		// A name of up to four capitalised words: "Le Van Sy", "Santa Fe".
		return sc.capitalisedRunAfter(j), true
	case sc.kind(j) == tkWord && namedAddressLabel(sc.word(k)) && !sc.upper(j) && sc.foreignNameWord(j):
		// In lower case, up to three words no dictionary holds: "gg.
		// mawar", "kel sukajadi".
		e := j
		for n := 1; n < 3 && e+1 < len(T) && T[e+1].space && sc.foreignNameWord(e+1); n++ {
			e++
		}
		return e, true
	}
	return 0, false
}

// postcodesAfterTown masks the postcode that ends an address line after
// its town: "…, Jakarta Barat 11620", "…, Cebu City 6000", "…, Chiang Mai
// 50210", "…, Metro Manila 1403". Four to six digits, after up to four
// capitalised words (and commas) that follow an address found before.
func (sc *scanner) postcodesAfterTown() {
	T := sc.toks
	n := len(sc.cands)
	for c := 0; c < n; c++ {
		if sc.cands[c].t != SpanAddress {
			continue
		}
		k := sc.tokenEndingAt(sc.cands[c].e)
		if k < 0 {
			continue
		}
		// The town may have been read as a name ("Sofia 1404"): its
		// words are walked over whoever holds them. The address itself
		// may end on it ("…, Kolkata" then "-700089").
		words := 0
		if sc.kind(k) == tkWord && sc.upper(k) && sc.isP(k+1, '-') {
			words = 1
		}
		for k++; k < len(T) && (!T[k].claimed || sc.kind(k) == tkWord && sc.nameAt(k)); k++ {
			if sc.isP(k, ',') || sc.isP(k, '.') && sc.attached(k) {
				continue
			}
			if sc.kind(k) == tkWord && sc.upper(k) && words < 4 && T[k].flags&(fStop|fPersonal|fQuestion) == 0 {
				words++
				continue
			}
			break
		}
		// "Chennai - 600020", "Kolkata-700089": a dash before the code.
		if words > 0 && sc.isP(k, '-') && k+1 < len(T) && sc.kind(k+1) == tkNum {
			k++
		}
		if words == 0 || k >= len(T) || T[k].claimed || sc.kind(k) != tkNum || !T[k].space && !sc.isP(k-1, '-') {
			continue
		}
		if d := T[k].e - T[k].s; d < 4 || d > 6 || k+1 < len(T) && sc.attached(k+1) && !sc.isP(k+1, '.') && !sc.isP(k+1, ',') {
			continue
		}
		sc.addTok(k, k, SpanZIP, 0.7, prioZIP)
	}
}

// foreignNameWord reports a lower-case word at token k that no dictionary
// or list holds as a word of the language: a place's or a street's name.
func (sc *scanner) foreignNameWord(k int) bool {
	t := &sc.toks[k]
	return sc.kind(k) == tkWord && !t.claimed && t.e-t.s >= 3 && t.trig&trigAddrLabel == 0 && !sc.is(k, "no") &&
		t.flags&(fStop|fPersonal|fQuestion|fClin|fNotName) == 0 && !dictionaryWord(sc.word(k))
}

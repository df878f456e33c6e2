package policy

// Rural America numbers its houses along numbered roads: "2140 Hwy 62 E",
// "7785 State Route 160", "8 Rt 9W", "15201 US-287", "19004 NC-24",
// "2230 FM 1960 Rd W", "N4567 County Road Q" (a Wisconsin fire number).
// The road has no name for the street reader to find, only a kind and a
// number, so routeAddress reads the house number, the road's kind and
// its number, then the quadrant and the unit as a street address does.

// routeWords open a road's kind after a house number (trigRoute); a
// state's code before a dash ("US-287", "NC-24") opens the other form.
var routeWords = []string{"hwy", "highway", "route", "rt", "rte", "road", "rd", "state", "county", "co", "us", "ranch",
	"farm", "fm", "sr", "cr"}

// routeKind returns the token after the road's kind that opens at token
// j ("Hwy", "State Route", "County Road", "Co Rd", "US Highway", "FM"),
// and whether a letter may number it ("County Road Q").
func (sc *scanner) routeKind(j int) (int, bool, bool) {
	// "State", "County", "Co", "US", "Ranch", "Farm" qualify the kind.
	q := j
	switch string(sc.word(j)) {
	case "state", "county", "co", "us", "ranch", "farm":
		if sc.kind(j+1) == tkWord && !sc.attached(j+1) {
			q = j + 1
		}
	}
	lettered := q > j && (sc.is(j, "county") || sc.is(j, "co"))
	switch string(sc.word(q)) {
	case "hwy", "highway", "route", "rt", "rte", "road", "rd":
		if q == j && (sc.is(q, "road") || sc.is(q, "rd")) {
			return 0, false, false // a road of its own has a name: the street reader's
		}
		return q + 1, lettered, true
	case "fm", "sr", "cr":
		// Farm-to-market, state and county roads by their letters, in
		// capitals only: "cr" and "sr" are also creatinine and senior.
		if q == j && sc.allUpper(q) {
			return q + 1, q == j && sc.is(q, "cr"), true
		}
	}
	return 0, false, false
}

// routeNumber reports a road's number at token k: digits, digits and a
// letter ("9W"), or a capital letter where lettered.
func (sc *scanner) routeNumber(k int, lettered bool) bool {
	switch sc.kind(k) {
	case tkNum:
		_, n := sc.num(k)
		return n <= 4 && !sc.isP(k+1, '.') || n <= 4 && !sc.attached(k+1)
	case tkAlnum:
		w := sc.txt(k)
		return len(w) <= 5 && isDigit(w[0])
	case tkWord:
		return lettered && sc.toks[k].e-sc.toks[k].s == 1 && sc.upper(k)
	}
	return false
}

// fireNumber reports a rural fire number at token i: a compass letter and
// three to five digits ("N4567", "W1234").
func (sc *scanner) fireNumber(i int) bool {
	if sc.kind(i) != tkAlnum || !sc.upper(i) {
		return false
	}
	w := sc.txt(i)
	if len(w) < 4 || len(w) > 6 || w[0] != 'n' && w[0] != 's' && w[0] != 'e' && w[0] != 'w' {
		return false
	}
	for _, c := range w[1:] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// routeAddress reads a house on a numbered road from its number at token
// i (see above); it returns the last token of the address.
func (sc *scanner) routeAddress(i int) (int, bool) {
	if i+1 >= len(sc.toks) || sc.toks[i+1].trig&trigRoute == 0 && sc.toks[i+1].flags&fState == 0 {
		return 0, false // most numbers: no road's kind after them
	}
	if !(sc.houseNumber(i) || sc.fireNumber(i)) || i > 0 && sc.attached(i) && sc.kind(i-1) != tkPunct {
		return 0, false
	}
	j := i + 1
	if j >= len(sc.toks) || sc.kind(j) != tkWord || sc.toks[j].claimed {
		return 0, false
	}
	switch string(sc.word(i - 1)) {
	case "bus", "buses", "line", "train", "tram", "coach", "shuttle", "metro", "subway", "no", "number", "the", "take":
		return 0, false // "bus 12 route 5": a service and its route, no house
	}
	end := -1
	if k, lettered, ok := sc.routeKind(j); ok {
		if sc.isP(k, '-') && sc.attached(k) {
			k++ // "Hwy-62"
		}
		if !sc.routeNumber(k, lettered) || sc.toks[k].claimed {
			return 0, false
		}
		end = k
	} else if sc.isP(j+1, '-') && sc.attached(j+1) && sc.attached(j+2) && sc.kind(j+2) == tkNum && sc.allUpper(j) &&
		(sc.toks[j].flags&fState != 0 || sc.is(j, "us") || sc.is(j, "sr")) && sc.toks[j].e-sc.toks[j].s == 2 {
		end = j + 2 // "US-287", "NC-24"
	} else {
		return 0, false
	}
	if sc.is(end+1, "rd") || sc.is(end+1, "road") {
		end++ // "FM 1960 Rd W"
	}
	if sc.compassSuffix(end + 1) {
		end++
	}
	return sc.unitAfter(end), true
}

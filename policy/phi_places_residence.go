package policy

// Addresses written the way much of South Asia, the Gulf and East and West
// Africa write them: a house, flat, plot or door number, then the
// localities around it, separated by commas and often in lower case, with
// no street number first: "house no. 45, sector 14, gurgaon, haryana
// 122001", "h.no 12-3-456, banjara hills, hyderabad", "plot 23, lekki
// phase 1, lagos", "villa 19, al wasl road, jumeirah", "nairobi,
// kilimani, argwings kodhek rd, apt 4b". The readers of street addresses
// start at a street number or a street word and miss them.

// residenceLines masks such a line: a residence number ("house 7", "flat
// 302", "plot no 23", "door no 5/12", "villa 19", "apt 4b") with, in the
// same sentence, comma-separated localities after it (or before it), and
// something that makes it an address: a second numbered locality ("sector
// 14", "road 12", "4th cross", "phase 1"), a postal code, or two
// localities more. Clinic wayfinding ("building 2, floor 3, room 12")
// names no residence and stays.
func (sc *scanner) residenceLines() {
	// A designator, its number and a comma.
	if sc.placeAny&shComma == 0 || sc.trigAny&trigResidence == 0 || !sc.numbersAny {
		return
	}
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || T[i].trig&trigResidence == 0 {
			continue
		}
		numAt := sc.residenceNumber(i)
		if numAt < 0 {
			continue
		}
		// Forward: the localities after the number.
		end, parts, strong := numAt, 0, false
		for k := numAt + 1; sc.isP(k, ','); {
			e, ok, numbered := sc.localityPart(k + 1)
			if !ok {
				break
			}
			end, parts, strong = e, parts+1, strong || numbered
			k = e + 1
		}
		// Backward: localities before it, when the line ends at the
		// residence ("…, argwings kodhek rd, apt 4b").
		start := i
		for k := i - 1; sc.isP(k, ','); {
			s, ok, numbered := sc.localityPartBefore(k - 1)
			if !ok {
				break
			}
			start, parts, strong = s, parts+1, strong || numbered
			k = s - 1
		}
		if parts == 0 || !strong && parts < 2 || sc.anyClaimed(start, end) {
			continue
		}
		sc.addTok(start, end, SpanAddress, 0.8, prioAddress)
		i = end
	}
}

// residenceWords are the designators residenceNumber opens at
// (trigResidence).
var residenceWords = []string{"house", "flat", "plot", "villa", "apt", "apartment", "apto", "quarter", "qtr",
	"door", "h", "d", "hno", "dno"}

// residenceNumber reads a residence designator at token i and its number,
// returning the number's last token or -1: "house 7", "house no. 45",
// "h.no 12-3-456", "flat 302", "plot no 23", "door no 5/12", "d.no 4",
// "villa 19", "apt 4b", "apartment 7".
func (sc *scanner) residenceNumber(i int) int {
	k := i + 1
	switch {
	case sc.is(i, "house") || sc.is(i, "flat") || sc.is(i, "plot") || sc.is(i, "villa") || sc.is(i, "apt") ||
		sc.is(i, "apartment") || sc.is(i, "apto") || sc.is(i, "quarter") || sc.is(i, "qtr"):
	case (sc.is(i, "door") || sc.is(i, "h") || sc.is(i, "d")) && (sc.is(k, "no") || sc.isP(k, '.') && sc.is(k+1, "no")):
	case sc.is(i, "hno") || sc.is(i, "dno"):
	default:
		return -1
	}
	// "no", "no.", "number", "#", "h.no" after the designator.
	if sc.isP(k, '.') && sc.is(k+1, "no") && sc.attached(k) {
		k += 2
	}
	if sc.is(k, "no") || sc.is(k, "number") || sc.is(k, "num") {
		k++
	}
	if sc.isP(k, '.') || sc.isP(k, '#') || sc.isP(k, ':') {
		k++
	}
	if sc.kind(k) != tkNum && sc.kind(k) != tkAlnum {
		return -1
	}
	// "12-3-456", "5/12", "4-b": the parts of one number.
	for (sc.isP(k+1, '-') || sc.isP(k+1, '/')) && sc.attached(k+1) && sc.attached(k+2) &&
		(sc.kind(k+2) == tkNum || sc.kind(k+2) == tkAlnum || sc.kind(k+2) == tkWord && sc.toks[k+2].e-sc.toks[k+2].s == 1) {
		k += 2
	}
	return k
}

// localityPart reads one comma-separated part of such a line from token
// a: a few words and numbers, no verb or sentence word. It reports the
// part's last token and whether it is numbered or a postal code, which
// makes the line an address.
func (sc *scanner) localityPart(a int) (end int, ok, numbered bool) {
	e := a - 1
	words := 0
	for k := a; k < len(sc.toks) && k < a+6; k++ {
		t := &sc.toks[k]
		if t.kind == tkPunct {
			if sc.isP(k, '-') && sc.attached(k) || sc.isP(k, '/') && sc.attached(k) || sc.isP(k, '.') && sc.attached(k) && k+1 < len(sc.toks) && !sc.toks[k+1].space {
				continue
			}
			break
		}
		if t.claimed && !sc.placeSpan(k) {
			break
		}
		if t.kind == tkWord {
			if localityStop(sc.txt(k)) || t.flags&(fClin|fMonth) != 0 {
				break
			}
			words++
			if localityDesignator(sc.txt(k)) && (sc.kind(k+1) == tkNum || sc.kind(k+1) == tkAlnum) {
				numbered = true
			}
		} else {
			if v, n := sc.num(k); v >= 0 && (n == 5 || n == 6) {
				numbered = true // a postal code
			}
			if ordinalLocality(sc.txt(k)) && (sc.is(k+1, "cross") || sc.is(k+1, "main") || sc.is(k+1, "stage") || sc.is(k+1, "block") ||
				sc.is(k+1, "street") || sc.is(k+1, "floor") || sc.is(k+1, "avenue")) {
				numbered = true // "4th cross", "2nd main"
			}
		}
		e = k
	}
	if e < a || words == 0 && !numbered {
		return e, false, false
	}
	// A part is followed by a comma or ends the sentence.
	if n := e + 1; n < len(sc.toks) && !sc.isP(n, ',') && !sc.isP(n, '.') && !sc.isP(n, '!') && !sc.isP(n, '?') && !sc.isP(n, ';') {
		return e, false, false
	}
	return e, true, numbered
}

// localityPartBefore reads the part that ends at token b, back to the
// comma or the sentence start before it.
func (sc *scanner) localityPartBefore(b int) (start int, ok, numbered bool) {
	s := b
	for s > 0 && b-s < 5 && !sc.isP(s-1, ',') && sc.kind(s-1) != tkPunct {
		s--
	}
	if s > 0 && !sc.isP(s-1, ',') && !sc.isP(s-1, ':') && !sc.isP(s-1, '.') {
		return s, false, false
	}
	e, ok, numbered := sc.localityPart(s)
	if !ok || e != b {
		return s, false, false
	}
	return s, true, numbered
}

// localityDesignator reports a word that names a numbered locality.
func localityDesignator(w []byte) bool {
	switch string(w) {
	case "sector", "phase", "block", "blk", "road", "rd", "street", "st", "lane", "ln", "stage", "layout", "ward",
		"zone", "gali", "marg", "cross", "main", "extension", "colony", "estate", "area", "district", "section":
		return true
	}
	return false
}

func ordinalLocality(w []byte) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	suf := string(w[n-2:])
	return (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && allDigits(w[:n-2])
}

// localityStop reports a word that does not belong in a locality: the
// words of a sentence going on ("please", "and", "i", "is", "call").
func localityStop(w []byte) bool {
	switch string(w) {
	case "and", "or", "but", "please", "pls", "i", "we", "you", "he", "she", "they", "it", "is", "are", "was", "were",
		"am", "be", "call", "come", "send", "thanks", "thank", "the", "my", "your", "our", "can", "will", "near", "at",
		"to", "for", "in", "on", "with", "from", "if", "when", "room", "floor", "building", "suite", "wing", "level",
		"minutes", "hours", "days", "weeks", "appointment", "today", "tomorrow", "yesterday":
		return true
	}
	return false
}

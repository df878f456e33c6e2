package policy

import (
	"strings"
	"sync"
)

// Vehicle plates and device identifiers written without the cue word the
// cue reader needs ("plate", "serial"): a British plate has a shape no
// product code shares; other plates count only next to a word for a
// vehicle; a MAC address is a device identifier by its shape.

// vehicleWords are the words for a vehicle, for parking one or for its
// plate (plateWord): the words of trigVehicle, which vehicleAt reads.
var vehicleWords = []string{"car", "cars", "vehicle", "truck", "van", "suv", "jeep", "pickup", "minivan", "motorbike",
	"motorcycle", "scooter", "taxi", "cab", "parked", "rego", "reg", "registration", "coche", "carro", "auto",
	"camioneta", "moto", "voiture", "wagen", "fahrzeug", "carrinha", "caminhonete", "veiculo", "vehiculo", "towed",
	"sedan", "hatchback", "camper", "ute", "kfz", "plate", "plates", "placa", "placas", "matricula", "tag", "tags",
	"patente", "kennzeichen", "immatriculation", "targa", "chapa", "registo", "numberplate", "license-plate",
	"regn", "immat", "kenteken", "nummerplaat", "nummernschild", "rejestracja", "lorry", "matatu", "danfo", "jeepney",
	"tricycle", "rickshaw", "tuktuk", "bike", "plaque"}

// vehicleAt reports token k as one of vehicleWords.
func (sc *scanner) vehicleAt(k int) bool {
	return uint(k) < uint(len(sc.toks)) && sc.toks[k].trig&trigVehicle != 0
}

// plateWord reports a word for the plate itself: near one, a code in
// lower case is a plate too ("la placa de mi carro es abc 123").
func plateWord(w []byte) bool {
	switch string(w) {
	case "plate", "plates", "placa", "placas", "matricula", "tag", "tags", "patente", "kennzeichen", "immatriculation",
		"targa", "chapa", "registo", "numberplate", "license-plate", "reg", "rego", "regn", "registration", "immat",
		"kenteken", "nummerplaat", "nummernschild", "rejestracja", "plaque":
		return true
	}
	return false
}

// idsIntl runs after the address readers.
func (sc *scanner) idsIntl() {
	if sc.placeAny&shDigits == 0 {
		return
	}
	if sc.placeAny&shCode4 != 0 {
		sc.britishPlates()
	}
	sc.contextPlates()
	if len(sc.marks) > 0 {
		sc.farCuedIDs()
	}
	if sc.placeAny&shDash != 0 {
		sc.dashCodes()
	}
	if len(sc.marks) > 0 {
		sc.deviceLabels()
	}
}

// britishPlates masks the current British plate, two letters, two digits,
// a space and three letters ("KX19 PLM"), written in capitals in a
// message that is not all capitals.
func (sc *scanner) britishPlates() {
	T := sc.toks
	for i := 0; i+1 < len(T); i++ {
		if T[i].claimed || T[i+1].claimed || T[i].kind != tkAlnum || T[i+1].kind != tkWord || !T[i+1].space ||
			!shapeIs(sc.txt(i), "aa99") || T[i+1].e-T[i+1].s != 3 {
			continue
		}
		if !sc.allUpper(i) || !sc.allUpper(i+1) || sc.allUpperText() || sc.attached(i+2) && sc.kind(i+2) != tkPunct {
			continue
		}
		sc.addTok(i, i+1, SpanVehicle, 0.8, prioDigits)
		i++
	}
}

// contextPlates masks a plate-shaped code near a vehicle word: five to
// eight letters and digits, at least two of each, in one token or in
// groups of up to four joined by a space or a dash ("7ABC123", "ABC 1234",
// "AB-123-CD"). Parking levels, bay numbers and times are too short or
// carry no letters.
func (sc *scanner) contextPlates() {
	T := sc.toks
	if sc.placeAny&shVehicle == 0 {
		return
	}
	for i := 0; i < len(T); i++ {
		if T[i].claimed || T[i].kind == tkPunct {
			continue
		}
		// A plate holds digits within its first three groups.
		if T[i].kind == tkWord && sc.kind(i+1) != tkNum && sc.kind(i+1) != tkAlnum && sc.kind(i+2) != tkNum && sc.kind(i+2) != tkAlnum {
			continue
		}
		if !sc.vehicleNear(i) {
			continue
		}
		lower := sc.plateNear(i)
		end, k := -1, i
		letters, digits, groups := 0, 0, 0
		for groups < 4 {
			t := &T[k]
			// A function word counts only as a dash-joined group in capitals
			// ("XY-285-AN"), never as a word of the sentence.
			joined := k > i && sc.isP(k-1, '-') && sc.attached(k)
			if t.claimed || t.kind == tkPunct || t.e-t.s > 8 || t.kind == tkWord && (t.e-t.s > 4 || !lower && (!sc.allUpper(k) || sc.allUpperText()) && !sc.plateLetters(k, k > i || sc.plateOpening(i)) ||
				t.flags&(fStop|fNotName) != 0 && !(joined && sc.allUpper(k))) {
				break
			}
			l, d := 0, 0
			for _, c := range sc.txt(k) {
				if isDigit(c) {
					d++
				} else {
					l++
				}
			}
			if letters+digits+l+d > 10 {
				break
			}
			letters, digits, groups, end = letters+l, digits+d, groups+1, k
			switch {
			case sc.isP(k+1, '-') && sc.attached(k+1) && sc.attached(k+2) && k+2 < len(T):
				k += 2
			case k+1 < len(T) && T[k+1].space && T[k+1].kind != tkPunct:
				k++
			default:
				groups = 4
			}
		}
		if end < 0 || letters < 2 || digits < 2 || letters+digits < 5 {
			continue
		}
		if end == i && (T[i].kind != tkAlnum || unitSuffix(sc.txt(i))) {
			continue
		}
		sc.addTok(i, end, SpanVehicle, 0.75, prioDigits)
		i = end
	}
}

// plateLetters reports a letter group written in lower case that reads
// as part of a plate, not as a word of the sentence: three or four letters
// that no dictionary lists and the lexicon does not know ("kbn", "cbrt"),
// or inside a plate already begun, two ("ka 01 ab 1234"). Patients type
// plates as they type everything else, in lower case.
func (sc *scanner) plateLetters(k int, inside bool) bool {
	t := &sc.toks[k]
	// A state's code is a region's code on a plate too ("tn 09 bx 4321").
	if t.kind != tkWord || t.flags&^(fState|fTitleCaseOnly) != 0 || t.ent.cue != cueNone || sc.allUpperText() {
		return false
	}
	switch n := t.e - t.s; {
	case n == 2:
		return inside
	case n == 3 || n == 4:
		return !dictionaryWord(sc.txt(k))
	}
	return false
}

// plateOpening reports two letters at i that open a plate of three groups
// or more, a region code before its digits ("gp 14 bc 77", "ka 01 ab
// 1234").
func (sc *scanner) plateOpening(i int) bool {
	T := sc.toks
	return i+2 < len(T) && T[i].e-T[i].s == 2 && (T[i+1].kind == tkNum || T[i+1].kind == tkAlnum) && T[i+1].space &&
		T[i+2].kind != tkPunct && T[i+2].space && T[i+2].e-T[i+2].s <= 4
}

// plateNear reports a plate word within eight tokens before i.
func (sc *scanner) plateNear(i int) bool {
	for k := max(0, i-8); k < i; k++ {
		if sc.toks[k].kind == tkWord && plateWord(sc.txt(k)) {
			return true
		}
	}
	return false
}

// vehicleNear reports a vehicle word within six tokens before i or four
// after it.
func (sc *scanner) vehicleNear(i int) bool {
	T := sc.toks
	for k := max(0, i-6); k < len(T) && k <= i+4; k++ {
		if k != i && T[k].kind == tkWord && sc.vehicleAt(k) {
			return true
		}
	}
	return false
}

// macAddresses masks a network card's hardware address, six pairs of hex
// digits joined by colons or dashes ("00:1A:2B:3C:4D:5E"): it names one
// device, a pump's or a monitor's radio as much as a laptop's.
func (sc *scanner) macAddresses() {
	if !sc.hasPunct(':') && !sc.hasPunct('-') {
		return // the pairs are joined by one of them
	}
	T := sc.toks
	for i := 0; i+10 < len(T); i++ {
		if T[i].e-T[i].s != 2 || T[i].kind == tkPunct || T[i].claimed || sc.attached(i) && sc.kind(i-1) != tkPunct {
			continue
		}
		sep := sc.n.b[T[i+1].s]
		if T[i+1].kind != tkPunct || sep != ':' && sep != '-' {
			continue
		}
		ok := true
		for g := 0; g < 6 && ok; g++ {
			k := i + 2*g
			ok = hexPair(sc.txt(k)) && (g == 0 || sc.isP(k-1, sep) && sc.attached(k-1) && sc.attached(k))
		}
		if !ok || sc.attached(i+11) && (sc.kind(i+11) != tkPunct || sc.isP(i+11, sep)) {
			continue
		}
		sc.addTok(i, i+10, SpanDevice, 0.9, prioStructural)
		i += 10
	}
}

// hexPair reports two hex digits.
func hexPair(w []byte) bool {
	if len(w) != 2 {
		return false
	}
	for _, c := range w {
		if !isDigit(c) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// farCuedIDs reads a record, member or account number that stands a few
// words after its cue: "my record number at Mercy is MR-44712", "the
// policy number on the new card is 88-1234-5". The value must carry at
// least four digits and five letters and digits, and the words between
// stay inside the clause.
func (sc *scanner) farCuedIDs() {
	T := sc.toks
	for _, m := range sc.marks {
		if m.e.cue != cueID || m.e.idType == SpanVehicle {
			continue
		}
		for j := m.te; j < len(T) && j <= m.te+7; j++ {
			// "MR-44712", and in capitals "YQB/2231/0087": the issuer's
			// letters joined to the digits.
			joined := sc.isP(j+1, '-') || sc.isP(j+1, '/') && sc.allUpper(j)
			prefix := T[j].kind == tkWord && T[j].e-T[j].s <= 4 && joined && sc.attached(j+1) && sc.attached(j+2) && sc.kind(j+2) == tkNum
			// "PLX - 009 - 442": capitals set apart from the digits as
			// the digit groups are.
			joined = joined && sc.attached(j+1) || sc.spacedGroupSep(j+1) && sc.allUpper(j)
			abbrev := sc.isP(j, '.') && sc.attached(j) && sc.kind(j-1) == tkWord && T[j-1].e-T[j-1].s <= 3 // "St. Mary's"
			if T[j].kind == tkPunct && !sc.isP(j, ':') && !sc.isP(j, '#') && !sc.isP(j, '\'') && !abbrev || T[j].ent.cue == cueID && j > m.te && !prefix {
				break
			}
			if T[j].claimed || T[j].kind == tkPunct || T[j].kind == tkWord && !(T[j].e-T[j].s <= 4 && joined) {
				continue
			}
			end, ok := sc.idValue(j, 5)
			if !ok || sc.moneyAmount(j, end) {
				continue
			}
			// The digit reader may have taken the code's tail
			// ("A-57776-94"): the whole code is one value.
			for sc.isP(end+1, '-') && sc.attached(end+1) && sc.attached(end+2) && (sc.kind(end+2) == tkNum || sc.kind(end+2) == tkAlnum) {
				end += 2
			}
			for c := range sc.cands {
				if x := &sc.cands[c]; x.s >= T[j].s && x.e <= T[end].e && x.prio <= prioCueID {
					x.e = x.s
				}
			}
			digits := 0
			for _, c := range sc.compact(j, end) {
				if isDigit(byte(c)) {
					digits++
				}
			}
			if v, n := sc.num(j); digits < 4 || end == j && n == 4 && v >= 1900 && v <= 2100 {
				continue
			}
			sc.addTok(j, end, m.e.idType, 0.75, prioCueID)
			break
		}
	}
}

// dashCodes masks a code written as a short letter prefix and digits
// joined by dashes ("MR-44712", "F-77812", "EXP-2024-1182") that no cue
// announced: with four digits or more it is a record, file or device
// number, while "COVID-19", "W-2" and "SARS-CoV-2" carry fewer.
func (sc *scanner) dashCodes() {
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || T[i].e-T[i].s > 4 || !sc.isP(i+1, '-') || !sc.attached(i+1) || !sc.attached(i+2) ||
			i > 0 && sc.attached(i) && sc.kind(i-1) != tkPunct {
			continue
		}
		end, digits := i, 0
		for k := i + 2; k < len(T); k += 2 {
			if T[k].claimed || T[k].kind != tkNum && T[k].kind != tkAlnum || !sc.attached(k) {
				break
			}
			for _, c := range sc.txt(k) {
				if isDigit(c) {
					digits++
				}
			}
			end = k
			if !sc.isP(k+1, '-') || !sc.attached(k+1) {
				break
			}
		}
		if end == i || digits < 4 || sc.attached(end+1) && sc.kind(end+1) != tkPunct {
			continue
		}
		sc.addTok(i, end, SpanID, 0.6, prioCatchAll)
		i = end
	}
}

var (
	deviceKeysOnce sync.Once
	deviceKeys     map[string]bool
)

// deviceKey reports whether tokens [a, b) spell one of medicalDevices,
// folded the way the lexicon folds it.
func (sc *scanner) deviceKey(a, b int) bool {
	deviceKeysOnce.Do(func() {
		deviceKeys = make(map[string]bool, len(medicalDevices))
		var n normText
		var toks []token
		for _, t := range medicalDevices {
			n.reset(t)
			toks = tokenize(n.b, toks)
			parts := make([]string, len(toks))
			for i, tk := range toks {
				parts[i] = string(n.b[tk.s:tk.e])
			}
			deviceKeys[strings.Join(parts, " ")] = true
		}
	})
	sc.key = sc.key[:0]
	for k := a; k < b; k++ {
		if k > a {
			sc.key = append(sc.key, ' ')
		}
		sc.key = append(sc.key, sc.txt(k)...)
	}
	return deviceKeys[string(sc.key)]
}

// deviceLabels leaves a device's name unmasked where it only labels the
// identifier that follows it ("CGM transmitter G44WK07991", "pacemaker
// serial PM-44172"): the message is about the number, which is masked.
// Said of the patient otherwise ("my insulin pump keeps alarming"), the
// device is clinical and the clinical reader masks it; so it is when the
// writer owns it, serial or not ("my insulin pump serial is PM-44172"
// says what the patient is treated for).
func (sc *scanner) deviceLabels() {
	T := sc.toks
	for _, m := range sc.marks {
		if m.e.flags&fClin == 0 || m.e.clin != SpanCondition || !sc.deviceKey(m.ts, m.te) {
			continue
		}
		j := m.te
		for n := 0; n < 4 && j < len(T) && !T[j].claimed && (T[j].ent.cue == cueID || sc.idFiller(j)); n++ {
			j++
		}
		if j < len(T) && T[j].claimed && sc.idSpanAt(j) && !ownedWord(sc.word(m.ts-1)) {
			for k := m.ts; k < m.te; k++ {
				T[k].claimed = true
			}
		}
	}
}

// idSpanAt reports an identifier candidate over token k.
func (sc *scanner) idSpanAt(k int) bool {
	s := sc.toks[k].s
	for _, c := range sc.cands {
		if c.s <= s && s < c.e {
			switch c.t {
			case SpanDevice, SpanID, SpanCard, SpanMRN, SpanLicense, SpanPhone, SpanMemberID:
				return true
			}
		}
	}
	return false
}

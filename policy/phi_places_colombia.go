package policy

// Colombian street nomenclature: the street's type and number, then "#"
// and the cross street's number with the house's distance from it: "cra
// 15 # 93-47", "cl 45 #12-30 sur", "av 68 # 24-10", "diag 40a # 13-22".
// The shape is an address with or without a cue: no dose, reading or
// count is written as a street type, a number, "#" and two numbers joined
// by a dash.

// nomenclatureStreets masks each such address; the date and number
// readers may have taken "93-47" first.
func (sc *scanner) nomenclatureStreets() {
	if !sc.hasPunct('#') {
		return
	}
	T := sc.toks
	for i := 0; i+4 < len(T); i++ {
		if T[i].kind != tkWord || !(lineStreetAbbrev(sc.txt(i)) || nomenclatureType(sc.word(i))) {
			continue
		}
		j := i + 1
		if sc.isP(j, '.') && sc.attached(j) {
			j++
		}
		if k := sc.kind(j); k != tkNum && k != tkAlnum || T[j].e-T[j].s > 4 {
			continue
		}
		j++
		if sc.is(j, "bis") || sc.is(j, "sur") || sc.kind(j) == tkWord && T[j].e-T[j].s == 1 && sc.attached(j) {
			j++
		}
		if !sc.isP(j, '#') {
			continue
		}
		a := j + 1
		if k := sc.kind(a); k != tkNum && k != tkAlnum || T[a].e-T[a].s > 4 {
			continue
		}
		if !sc.isP(a+1, '-') || sc.kind(a+2) != tkNum || T[a+2].e-T[a+2].s > 3 {
			continue
		}
		e := a + 2
		if sc.is(e+1, "sur") || sc.is(e+1, "este") || sc.is(e+1, "norte") || sc.is(e+1, "oeste") {
			e++
		}
		sc.unclaimDate(a, a+2)
		e = sc.addressTail(e) // "apto 301", ", bogotá"
		sc.addTok(i, e, SpanAddress, 0.8, prioAddress)
		i = e
	}
}

// nomenclatureType reports a street type written in full before its
// number in Colombia and its neighbours.
func nomenclatureType(w []byte) bool {
	switch string(w) {
	case "calle", "carrera", "avenida", "transversal", "diagonal", "circular", "autopista":
		return true
	}
	return false
}

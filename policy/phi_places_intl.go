package policy

import (
	"slices"
	"strings"
)

// Addresses and postal codes outside the United States. A patient abroad,
// or one who writes a relative's address, writes it the way the post of
// that country wants it: the street type before the name ("ul. Długa 5",
// "Jalan Sudirman 5"), after it as a separate word ("Karl Johans gate
// 22") or glued to it ("Mannerheimintie 10"); the unit or plot before the
// street ("Plot 12, Sector 5, …"); the postcode before the town ("10115
// Berlin", "31-042 Kraków") or after it ("Noida 201301"); a province or
// state before the code ("ON M5V 3L9", "NSW 2000"). The formats follow
// the national postal standards (Universal Postal Union address formats).

// placeLexicon adds the street types, unit words, postal cues and age
// units of the languages patients write addresses in.
func placeLexicon(lx *lexicon) {
	// Street types written before the name. Those that are also ordinary
	// words in English or Spanish only count when capitalised or after an
	// address cue (fTitleCaseOnly).
	lx.flag(fStreetPrefix, "ulica", "ul", "aleja", "aleje", "plac", "rynek", "jalan", "jl", "vicolo", "alameda",
		"estrada", "ronda", "travesia", "diagonal", "transversal", "quai", "impasse", "cours", "route", "calea",
		"bulevar", "bulevardul", "soseaua", "ulitsa", "prospekt", "utca", "namesti", "trida", "sokak", "caddesi",
		"odos", "leoforos", "rambla", "passeig", "gran via", "avenue", "boulevard", "bd", "lungomare", "contrada", "pza", "pca")
	// Street types in other scripts: Cyrillic, Greek, Arabic, Hebrew,
	// Thai, Devanagari. They are folded like any word, so the lists hold
	// them as people write them.
	lx.flag(fStreetPrefix, "ул", "улица", "пр", "просп", "проспект", "пер", "переулок", "бульвар", "б-р", "площадь",
		"пл", "шоссе", "ш", "наб", "набережная", "проезд", "οδός", "οδος", "λεωφόρος", "λεωφ", "πλατεία", "شارع", "طريق",
		"رחוב", "רחוב", "רח", "שדרות", "שד", "ถนน", "ซอย", "मार्ग", "सड़क", "वुलिця", "вул", "soi", "jalan")
	lx.flag(fUnitDesignator, "кв", "квартира", "корп", "корпус", "стр", "подъезд", "эт", "этаж", "дом", "οροφος", "διαμ",
		"stock", "og", "etg", "verdieping", "piano", "int", "esc")
	lx.flag(fTitleCaseOnly, "route", "cours", "quai", "ronda", "diagonal", "transversal", "estrada", "alameda", "plac",
		"impasse", "bd", "calea", "passeig")
	// Street types after a house number ("36 Avenue des Champs-Élysées").
	lx.flag(fStreetWord, "avenue", "quai", "impasse", "cours")
	// Unit, floor and plot words that stand before or after a street.
	lx.flag(fUnitDesignator, "plot", "sector", "sektor", "block", "blk", "wohnung", "etage", "escalier", "appartement",
		"andar", "lote", "manzana", "mz", "dpto", "oficina", "torre", "edificio", "edif", "planta", "house")
	// Postal code cues of other countries.
	lx.flag(fZipCue, "kod pocztowy", "codice postale", "postnummer", "postinumero", "cod postal", "eir code", "code postal")
	// Ages in French, German, Italian, Catalan and Portuguese.
	lx.flag(fAgeUnit, "ans", "jahre", "jahren", "jahr", "anni", "anys", "anos")
	// Devices that are treatment: naming one says what the patient is
	// treated for ("my insulin pump", "his pacemaker", "her CPAP").
	for _, t := range medicalDevices {
		lx.addTerm(t, func(e *lexEntry) { e.flags |= fClin; e.clin = SpanCondition })
	}
	// Record numbers as hospitals abroad name them.
	lx.cue(cueID, SpanMRN, "hospital number", "hospital no", "hospital #", "hospital id", "nhs number", "nhs no",
		"nhs #", "ur number", "urn", "prontuario", "numero de prontuario", "numero do prontuario", "dossier",
		"numero de dossier", "numero du dossier", "patientennummer", "fallnummer", "medical id", "clinic number",
		"health record number", "emr number", "ehr number", "numero de registro", "numero de historia clinica",
		"chi number", "hospital record", "case note number", "record id", "medical record #",
		"medical record no", "file #", "file no", "record #")
	// The national and insurance numbers of French and Brazilian patients,
	// as they name them: "numéro de mutuelle", "carte Vitale", "cartão do
	// SUS", "CPF".
	lx.cue(cueID, SpanMemberID, "mutuelle", "numero de mutuelle", "numero d'adherent", "carte vitale",
		"numero de carte vitale", "cartao do sus", "cartao sus", "numero do sus", "carteirinha", "numero da carteirinha")
	lx.cue(cueID, SpanLicense, "cpf", "numero do cpf", "rg", "numero do rg")
	lx.cue(cueSSN, SpanSSN, "secu", "numero de secu", "securite sociale", "numero de securite sociale", "nir")
}

// medicalDevices are implanted, worn or home-treatment devices whose
// mention discloses a condition: a pump means diabetes, a CPAP sleep
// apnoea, a concentrator lung disease.
var medicalDevices = []string{"insulin pump", "insulin pumps", "pacemaker", "pacemakers", "defibrillator", "icd device",
	"implanted defibrillator", "cpap", "cpap machine", "bipap", "bipap machine", "apap machine", "cochlear implant",
	"cochlear implants", "hearing aid", "hearing aids", "oxygen concentrator", "home oxygen", "oxygen tank", "portable oxygen",
	"glucose monitor", "continuous glucose monitor", "cgm", "dexcom", "omnipod", "freestyle libre", "libre sensor", "medtronic pump",
	"tandem pump", "t:slim", "insulin pen", "dialysis machine", "feeding tube", "g-tube", "peg tube", "colostomy bag", "ostomy bag",
	"ostomy", "catheter", "foley catheter", "picc line", "port-a-cath", "chemo port", "insulin infusion", "loop recorder",
	"holter monitor", "neurostimulator", "spinal cord stimulator", "vagus nerve stimulator", "lvad", "ventilator", "trach",
	"tracheostomy", "nebulizer machine", "marcapasos", "bomba de insulina", "audifono", "audifonos", "concentrador de oxigeno",
	"implante coclear", "monitor de glucosa", "sensor de glucosa", "maquina de dialisis", "sonda", "bolsa de colostomia"}

// streetTypeSuffixes are the endings of street names written as one word
// in Nordic, Dutch, German, Finnish and Central European languages, which
// the shorter list of germanicStreet does not hold. They are checked only
// on capitalised words or after an address cue: a lower-case "bowtie 2"
// stays a bow tie.
var streetTypeSuffixes = []string{"str", "tie", "katu", "gata", "gaten", "plein", "kade", "singel", "dijk", "markt", "utca",
	"chaussee", "steig", "pfad", "stieg", "zeile", "dreef", "gade", "torget", "torg", "plads", "alle", "grand", "vagen",
	"stræde", "straede", "kuja", "polku", "gasse", "gatan", "strasse", "straße", "straat", "weg", "laan", "gracht", "vej"}

// suffixesByLast indexes streetTypeSuffixes by their last byte, so a
// word is compared only with the endings it could have.
var suffixesByLast = func() (ix [256][]string) {
	for _, suf := range streetTypeSuffixes {
		ix[suf[len(suf)-1]] = append(ix[suf[len(suf)-1]], suf)
	}
	return ix
}()

// streetTypeWords are street types written as their own word after the
// name: "Karl Johans gate 22", "Bredgade vej 4", "Atatürk caddesi 12".
func streetTypeWord(w []byte) bool {
	switch string(w) {
	case "gate", "gata", "gaten", "gatan", "vej", "vei", "veien", "vegen", "vagen", "weg", "straat", "strasse", "straße",
		"laan", "utca", "ulice", "sokak", "sokagi", "caddesi", "cad", "tie", "katu", "ulitsa", "ulica", "prospekt", "pereulok",
		"ut", "ter", "korut", "soi", "marg", "nagar", "salai", "jalan":
		return true
	}
	return false
}

// doorNumbers runs before addresses: a house and door number written
// "20/3" or "5/7" right after a street name is no date; the date reader
// gives it back so the street readers can take it ("Wiedner Hauptstraße
// 20/3", "Ulica Długa 5/7").
// Shapes a message may hold, found in one pass so each reader that
// needs one of them is skipped when it is absent.
const (
	shDigits   uint16 = 1 << iota // a number or a code
	shComma                       // a comma
	shDash                        // a dash
	shSlash                       // a slash
	shAge                         // a number from 90 to 125
	shWordNum                     // a word followed by a number or a code
	shPrep                        // a preposition that can put a person in a place
	shCode4                       // letters and digits of four to seven characters
	shShortNum                    // a word of up to three letters before a number or a code
	shVehicle                     // a word for a vehicle or its plate
	shCJK                         // a word in Chinese, Japanese or Korean script
	shLetter                      // a one-letter word (an initial)
	shLetters                     // three one-letter words or more (a name spelt out)
	shAgeNum                      // a number of up to three digits from 90 to 125 (scanner.num)
)

// placeShapes scans the tokens once for the shapes above.
func (sc *scanner) placeShapes() uint16 {
	T := sc.toks
	b := sc.n.b
	var m uint16
	// What the message's punctuation set and trigger bits already say.
	if sc.hasPunct(',') {
		m |= shComma
	}
	if sc.hasPunct('-') {
		m |= shDash
	}
	if sc.hasPunct('/') {
		m |= shSlash
	}
	if sc.trigAny&trigPlacePrep != 0 {
		m |= shPrep
	}
	vehicle := sc.trigAny&trigVehicle != 0
	cjk := !sc.n.ident // folded CJK letters are never ASCII
	letters := 0
	for i := range T {
		t := &T[i]
		switch t.kind {
		case tkNum:
			m |= shDigits
			if n := t.e - t.s; n == 2 && b[t.s] == '9' || n == 3 && b[t.s] == '1' {
				m |= shAge
			}
			if t.e-t.s <= 3 && t.val >= 90 && t.val <= 125 {
				m |= shAgeNum
			}
			// "9 3", "1 0 2": an age's digits typed apart (ageNumberAt).
			if t.e-t.s == 1 && (b[t.s] == '9' || b[t.s] == '1') && i+1 < len(T) && T[i+1].kind == tkNum && T[i+1].s == t.e+1 && T[i+1].e-T[i+1].s == 1 {
				m |= shAgeNum
			}
			m |= wordBefore(T, i)
		case tkAlnum:
			m |= shDigits
			if (t.e-t.s == 7 || t.e-t.s == 8) && b[t.s] == 'n' { // "ninety9", "noventa3", "nonante2" (ageNumberAt)
				m |= shAgeNum
			}
			if n := t.e - t.s; n >= 4 && n <= 7 {
				m |= shCode4
			}
			if cjkLead(b[t.s]) {
				m |= shCJK
			}
			m |= wordBefore(T, i)
		case tkPunct:
			if b[t.s] == '.' {
				m |= wordBefore(T, i)
			}
		case tkWord:
			n := t.e - t.s
			if n == 1 {
				letters++
			}
			if cjk && cjkLead(b[t.s]) { // Korean is folded to its letters (U+1100…)
				m |= shCJK
			}
			if vehicle && m&shVehicle == 0 && t.trig&trigVehicle != 0 && t.flags&fStop == 0 {
				m |= shVehicle
			}
		}
	}
	if letters >= 1 {
		m |= shLetter
	}
	if letters >= 3 {
		m |= shLetters
	}
	return m
}

// cjkLead reports the first byte of a Chinese, Japanese or Korean
// letter in UTF-8 (U+1100…, U+3000…U+9FFF).
func cjkLead(c byte) bool { return c >= 0xe3 && c <= 0xe9 || c == 0xe1 }

// wordBefore gives shWordNum when token i (a number, a code or a dot)
// follows a word, with shShortNum when that word has up to three letters.
// placeShapes asks it of those tokens, which are fewer than the words.
func wordBefore(T []token, i int) uint16 {
	if i == 0 || T[i-1].kind != tkWord {
		return 0
	}
	if T[i-1].e-T[i-1].s <= 3 {
		return shWordNum | shShortNum
	}
	return shWordNum
}

func (sc *scanner) doorNumbers() {
	T := sc.toks
	if sc.placeAny&shWordNum == 0 {
		return
	}
	sc.splitStreetRuns()
	if sc.placeAny&shSlash == 0 {
		return
	}
	for i := 1; i+2 < len(T); i++ {
		if !T[i].claimed || T[i].kind != tkNum || !sc.isP(i+1, '/') || !sc.attached(i+1) || !sc.attached(i+2) || sc.kind(i+2) != tkNum ||
			T[i].e-T[i].s > 4 || T[i+2].e-T[i+2].s > 3 || sc.isP(i+3, '/') {
			continue
		}
		// "Unit 4/12 George Street": Australian unit/house numbers
		// before a street.
		unitHouse := sc.kind(i+3) == tkWord && sc.upper(i+3) && (sc.flags(i+4)&fStreetSuffix != 0 || sc.flags(i+5)&fStreetSuffix != 0 && sc.upper(i+4))
		if sc.streetBefore(i) || unitHouse {
			sc.unclaimDate(i, i+2)
		}
	}
}

// houseMarker reports a word that announces a house number: "nº 45",
// "No. 5", "Nr. 12", "д. 7" (Russian "дом").
func houseMarker(w []byte) bool {
	switch string(w) {
	case "no", "n", "nr", "nro", "num", "numero", "д", "дom", "hausnummer":
		return true
	}
	return false
}

// streetParticle reports an article or preposition inside a street or
// place name in the languages of Europe and Latin America: "Calle de la
// Paz", "Travessa do Carmo", "El Poblado", "Am Markt".
func streetParticle(w []byte) bool {
	switch string(w) {
	case "de", "del", "la", "las", "los", "el", "do", "da", "dos", "das", "du", "des", "le", "les", "della", "delle",
		"dei", "degli", "di", "am", "an", "im", "der", "den", "die", "van", "von", "y", "e":
		return true
	}
	return false
}

// splitStreetRuns runs before addresses: a house number and a postcode
// written without a comma ("friedrichstrasse 43 10117 berlin",
// "keizersgracht 123 1015 cj amsterdam") read as one long number to the
// digit reader. After a street word, with a town word after it, they are
// a house number and a postcode, and the run is given back.
func (sc *scanner) splitStreetRuns() {
	T := sc.toks
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.prio != prioDigits || x.e <= x.s {
			continue
		}
		a, b := tokenSpan(T, x.s, x.e)
		if a < 1 || b <= a || T[a].kind != tkNum || T[a].e-T[a].s > 4 || !T[a+1].space || sc.kind(a+1) != tkNum {
			continue
		}
		if !sc.streetBefore(a) && !sc.lowerStreetBefore(a) || b+1 >= len(T) || T[b+1].kind != tkWord {
			continue
		}
		x.e = x.s
		for k := a; k <= b; k++ {
			T[k].claimed = false
		}
	}
}

// streetSuffixed reports a word with a street ending ("Leidseplein").
func streetSuffixed(w []byte) bool {
	if len(w) < 4 {
		return false
	}
	for _, suf := range suffixesByLast[w[len(w)-1]] {
		if len(w) > len(suf)+2 && string(w[len(w)-len(suf):]) == suf {
			return true
		}
	}
	return false
}

// streetBefore reports a street name ending right before token i: a word
// with a street ending, or a street type up to four words back.
func (sc *scanner) streetBefore(i int) bool {
	T := sc.toks
	if sc.kind(i-1) == tkWord && !T[i-1].claimed {
		w := sc.txt(i - 1)
		if streetSuffixed(w) || T[i-1].flags&fStreetSuffix != 0 || streetTypeWord(w) {
			return true
		}
	}
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if T[k].kind != tkWord || T[k].claimed {
			if sc.isP(k, '.') {
				continue
			}
			return false
		}
		if T[k].flags&fStreetPrefix != 0 && (sc.upper(k) || T[k].flags&fTitleCaseOnly == 0 || sc.addressCueBefore(k)) {
			return true
		}
		if (sc.is(k, "al") || sc.is(k, "c")) && (sc.isP(k+1, '.') || sc.isP(k+1, '/')) && sc.attached(k+1) {
			return true
		}
	}
	return false
}

// placesIntl finds the street forms addresses() does not read; it runs
// after it and before the postcode readers.
func (sc *scanner) placesIntl() {
	T := sc.toks
	if sc.placeAny&shWordNum == 0 {
		return // every form read here has a house number after a word
	}
	sc.streetEdges()
	for i := 0; i+1 < len(T); i++ {
		// Both forms need a house number (or "Str." and one) next.
		if T[i].claimed || T[i].kind != tkWord || T[i+1].kind == tkWord || T[i+1].kind == tkPunct && sc.n.b[T[i+1].s] != '.' {
			continue
		}
		if end, ok := sc.suffixStreet(i); ok {
			sc.addTok(i, end, SpanAddress, 0.8, prioAddress)
			T[end].addrEnd = true
			i = end
			continue
		}
		if s, end, ok := sc.namedStreetType(i); ok {
			sc.addTok(s, end, SpanAddress, 0.8, prioAddress)
			T[end].addrEnd = true
			i = end
		}
	}
}

// streetEdges grows the streets addresses() found over a door number
// after the house number ("Hauptstraße 20[/3]", "Długa 5[/7]") and over a
// capitalised word before a one-word street ("[Wiedner] Hauptstraße").
func (sc *scanner) streetEdges() {
	T := sc.toks
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanAddress || x.e <= x.s {
			continue
		}
		st, en := tokenSpan(T, x.s, x.e)
		if st < 0 || en < 0 {
			continue
		}
		// "I moved to Mariahilfer Straße 45": the town reader took the
		// street's name; its house number follows.
		if T[en].kind == tkWord && (streetTypeWord(sc.txt(en)) || T[en].flags&fStreetSuffix != 0 || streetSuffixed(sc.txt(en))) &&
			en+1 < len(T) && !T[en+1].claimed && sc.houseNumber(en+1) {
			if e, ok := sc.streetNumberAt(en + 1); ok {
				for q := en + 1; q <= e; q++ {
					T[q].claimed = true
				}
				en = e
				x.e = T[e].e
				T[e].addrEnd = true
			}
		}
		// "vivo en Karl Johans gate 32": the town reader took the name
		// before the street type.
		if T[en].kind == tkWord && en+2 < len(T) && !T[en+1].claimed && streetTypeWord(sc.txt(en+1)) && !T[en+2].claimed && sc.houseNumber(en+2) {
			if e, ok := sc.streetNumberAt(en + 2); ok {
				for q := en + 1; q <= e; q++ {
					T[q].claimed = true
				}
				en = e
				x.e = T[e].e
				T[e].addrEnd = true
			}
		}
		if T[en].addrEnd && T[en].kind == tkNum && (sc.isP(en+1, '/') || sc.isP(en+1, '-')) && sc.attached(en+1) && sc.attached(en+2) &&
			en+2 < len(T) && !T[en+2].claimed && sc.houseNumber(en+2) {
			T[en].addrEnd = false
			T[en+1].claimed, T[en+2].claimed, T[en+2].addrEnd = true, true, true
			x.e = T[en+2].e
		}
		// "4/12 George Street": the unit number before the house number,
		// and its unit word.
		if T[st].kind == tkNum && sc.isP(st-1, '/') && sc.attached(st) && sc.attached(st-1) && sc.kind(st-2) == tkNum && !T[st-2].claimed {
			st -= 2
			T[st].claimed, T[st+1].claimed = true, true
			if st > 0 && !T[st-1].claimed && T[st-1].flags&fUnitDesignator != 0 {
				st--
				T[st].claimed = true
			}
			x.s = T[st].s
		}
		if T[st].kind == tkWord && sc.upper(st) && sc.kind(st+1) == tkNum && !sc.allUpperText() {
			for n := 0; n < 2 && st > 0 && T[st-1].kind == tkWord && !T[st-1].claimed && sc.upper(st-1) && sc.canBeName(st-1) && T[st-1].ent.cue == cueNone; n++ {
				st--
				T[st].claimed = true
				x.s = T[st].s
			}
		}
	}
}

// streetNumberAt reads a house number at token n: "5", "12b", "20/3",
// "5-7", "45-10" (Colombian "# 45-10"). It returns the last token.
func (sc *scanner) streetNumberAt(n int) (int, bool) {
	if n >= len(sc.toks) || !sc.houseNumber(n) {
		return 0, false
	}
	end := n
	if (sc.isP(n+1, '/') || sc.isP(n+1, '-')) && sc.attached(n+1) && sc.attached(n+2) && sc.houseNumber(n+2) {
		end = n + 2
	}
	return end, true
}

// suffixStreet reads "Mannerheimintie 10", "Drottninggatan 5",
// "Wiedner Hauptstraße 20/3": a capitalised word with a street ending, an
// optional capitalised word before it, then the house number.
func (sc *scanner) suffixStreet(i int) (int, bool) {
	T := sc.toks
	w := sc.txt(i)
	if len(w) < 5 || !(sc.kind(i+1) == tkNum || sc.kind(i+1) == tkAlnum || sc.isP(i+1, '.')) ||
		!(sc.houseNumber(i+1) || sc.isP(i+1, '.') && sc.houseNumber(i+2)) {
		return 0, false
	}
	if !streetSuffixed(w) || T[i].flags&(fStop|fClin) != 0 || !(sc.upper(i) || sc.addressCueBefore(i)) {
		return 0, false
	}
	n := i + 1
	if sc.isP(n, '.') && sc.attached(n) {
		n++
	}
	if n < len(T) && T[n].claimed {
		// "Hauptstraße 20/3": a door number the date reader took.
		if sc.kind(n) == tkNum && sc.isP(n+1, '/') && sc.attached(n+1) && sc.kind(n+2) == tkNum && sc.attached(n+2) {
			sc.unclaimDate(n, n+2)
		} else {
			return 0, false
		}
	}
	end, ok := sc.streetNumberAt(n)
	return end, ok
}

// unclaimDate drops a date candidate over tokens [a, b] so a house and
// door number ("20/3") can be read as part of a street.
func (sc *scanner) unclaimDate(a, b int) {
	s, e := sc.toks[a].s, sc.toks[b].e
	for c := range sc.cands {
		if x := &sc.cands[c]; x.s == s && x.e == e && (x.t == SpanDate || x.t == SpanDOB) {
			x.e = x.s
		}
	}
	for k := a; k <= b; k++ {
		sc.toks[k].claimed = false
	}
}

// namedStreetType reads a street whose type is its own word after the
// name: "Karl Johans gate 22". One to three capitalised words must come
// before the type word and a house number after it.
func (sc *scanner) namedStreetType(i int) (int, int, bool) {
	T := sc.toks
	if sc.kind(i+1) != tkNum && sc.kind(i+1) != tkAlnum || i == 0 || !sc.houseNumber(i+1) || !streetTypeWord(sc.txt(i)) || sc.allUpperText() {
		return 0, 0, false
	}
	s := i
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if T[k].kind != tkWord || T[k].claimed || !sc.upper(k) || T[k].flags&(fStop|fNotName|fClin) != 0 {
			break
		}
		s = k
	}
	if s == i {
		return 0, 0, false
	}
	end, ok := sc.streetNumberAt(i + 1)
	if !ok || T[i+1].claimed {
		return 0, 0, false
	}
	return s, end, true
}

// placesBeforeTails runs after the postcode readers and before
// addressTails: streets named without a number but followed by a postcode
// ("Oxford Road, Manchester M13 9PL"), codes next to a town ("10115
// Berlin", "31-042 Kraków", "Noida 201301") and state codes before a
// postcode ("NSW 2000", "ON M5V 3L9").
func (sc *scanner) placesBeforeTails() {
	if sc.placeAny&shDigits == 0 {
		return // each of these needs a postcode
	}
	if sc.placeAny&shCode4 != 0 {
		sc.compactPostcodes()
	}
	sc.townCodes()
	if len(sc.cands) > 0 {
		sc.townParticles()
	}
	if sc.placeAny&shShortNum != 0 {
		sc.regionCodes()
	}
	if sc.placeAny&shComma != 0 && sc.flagsAny&(fStreetSuffix|fStreetPrefix) != 0 {
		sc.unnumberedStreets()
	}
}

// townCodes finds a postcode written next to its town. A five-digit code
// (most of Europe and Latin America), a Polish "NN-NNN", a Portuguese
// "NNNN-NNN" or a Swedish "NNN NN" before a capitalised town that ends the
// clause; four digits only after "in", "to", "at" or an address; and a
// five- or six-digit code (France, India, Indonesia) after a capitalised
// town that follows a comma and ends the clause.
func (sc *scanner) townCodes() {
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].kind != tkNum || !T[i].space {
			continue
		}
		if i > 0 && (sc.isP(i-1, '$') || sc.isP(i-1, '#')) {
			continue
		}
		n := int(T[i].e - T[i].s)
		end := i
		dash3 := sc.isP(i+1, '-') && sc.attached(i+1) && sc.attached(i+2) && sc.kind(i+2) == tkNum && T[i+2].e-T[i+2].s == 3
		switch {
		case dash3 && (n == 2 || n == 4 || n == 5):
			end = i + 2 // Poland "31-042", Portugal "1100-053", Brazil "01310-100"
		case n == 3 && sc.kind(i+1) == tkNum && T[i+1].space && T[i+1].e-T[i+1].s == 2:
			end = i + 1 // Sweden, Czechia, Slovakia, Greece
		case n == 4 && (placeLead(sc.word(i-1)) || i > 0 && T[i-1].addrEnd || sc.isP(i-1, ',') && i > 1 && sc.placeSpan(i-2)):
			if v, _ := sc.num(i); v >= 1900 && v <= 2100 {
				continue // a year
			}
		case n == 5 || n == 6:
			// Town first: ", Noida 201301", ", Paris 75008".
			if i > 1 && !T[i].claimed && sc.kind(i-1) == tkWord && !T[i-1].claimed && sc.upper(i-1) && (sc.canBeName(i-1) || sc.allUpper(i-1)) &&
				sc.isP(i-2, ',') && sc.placeEnds(i+1) && !sc.allUpperText() {
				sc.addTok(i-1, i, SpanZIP, townCodeConf, prioZIP)
				continue
			}
			if n == 6 {
				continue
			}
		default:
			continue
		}
		// What stands before the code says it is one: a comma, an
		// address, a preposition of place or a postcode cue. "12500
		// Steps Challenge" has none of them.
		if !(sc.isP(i-1, ',') || i > 0 && T[i-1].addrEnd || placeLead(sc.word(i-1)) || sc.zipCueBefore(i)) {
			continue
		}
		town := end + 1
		if town >= len(T) || T[town].claimed || T[town].kind != tkWord || !T[town].space || sc.allUpperText() {
			continue
		}
		// A town in lower case counts after a code of a postal shape no
		// count has ("1200-821 lisboa", "4050-174 porto"), or after five
		// digits that follow a comma, an address or a cue when no
		// dictionary lists it: "12500 steps" stays.
		lower := !sc.upper(town) && (dash3 && sc.placeWord(town) || n == 5 && !sc.placeLead(i-1) && sc.lowerTown(town))
		if !lower && (!sc.upper(town) || !(sc.canBeName(town) || sc.allUpper(town))) {
			continue
		}
		e := town
		for q := 0; q < 2 && e+1 < len(T) && T[e+1].kind == tkWord && T[e+1].space && !T[e+1].claimed &&
			(sc.upper(e+1) && sc.canBeName(e+1) || lower && sc.lowerTown(e+1)); q++ {
			e++
		}
		if sc.kind(e+1) == tkNum && T[e+1].e-T[e+1].s <= 2 && !T[e+1].claimed {
			e++ // a district number after the town: "Praha 1", "Dublin 2"
		}
		if !sc.placeEnds(e + 1) {
			continue
		}
		if T[end].claimed || T[i].claimed {
			// "1100-053", "01310-100": the digit reader took the code as
			// a number, or the ZIP reader took it after "in" (Indiana);
			// with its town it is a postcode.
			if !sc.regrowCand(i, end, e) {
				continue
			}
			i = e
			continue
		}
		sc.addTok(i, e, SpanZIP, townCodeConf, prioZIP)
		i = e
	}
}

// townCodeConf marks a postcode read with its town: addressLines types
// it as an address once the tails are joined, as a postcode inside an
// address line is part of the address.
const townCodeConf = 0.74

// placeLead reports a preposition that puts a place after it.
func placeLead(w []byte) bool {
	switch string(w) {
	case "in", "to", "at", "near", "from", "en", "a", "de", "em", "no", "na", "nach", "bei", "aus", "te", "i", "w", "u":
		return true
	}
	return false
}

// regrowCand turns the candidate over exactly tokens [a, b] into a
// postcode reaching token e.
func (sc *scanner) regrowCand(a, b, e int) bool {
	T := sc.toks
	for c := range sc.cands {
		if x := &sc.cands[c]; x.s == T[a].s && x.e == T[b].e && (x.t == SpanID || x.t == SpanZIP) {
			x.e, x.t, x.prio, x.conf = T[e].e, SpanZIP, prioDigits, townCodeConf
			for k := b + 1; k <= e; k++ {
				T[k].claimed = true
			}
			return true
		}
	}
	return false
}

// compactPostcodes finds British postcodes typed without their space
// ("nw16xe", "SW1A1AA"), checked against the Royal Mail rules: the
// inward part is a digit and two letters other than C, I, K, M, O and V;
// the area's first letter is never Q, V or X and its second never I, J
// or Z. The catch-all misses them when they hold fewer than three digits.
func (sc *scanner) compactPostcodes() {
	T := sc.toks
	for i := range T {
		if T[i].claimed || T[i].kind != tkAlnum || T[i].e-T[i].s < 5 || T[i].e-T[i].s > 7 || T[i].inClin {
			continue // inClin: "sh0rtness of br34th" spells a phrase
		}
		if ukPostcode(sc.txt(i)) {
			sc.addTok(i, i, SpanZIP, 0.8, prioZIP)
		}
	}
}

// ukPostcode reports a British postcode written without its space.
func ukPostcode(w []byte) bool {
	if len(w) < 5 || len(w) > 7 {
		return false
	}
	in, out := w[len(w)-3:], w[:len(w)-3]
	if !shapeIs(in, "9aa") || bytesAnyOf(in[1:], "cikmov") {
		return false
	}
	if !(shapeIs(out, "a9") || shapeIs(out, "a99") || shapeIs(out, "aa9") || shapeIs(out, "aa99") || shapeIs(out, "a9a") || shapeIs(out, "aa9a")) {
		return false
	}
	if bytesAnyOf(out[:1], "qvx") || !isDigit(out[1]) && bytesAnyOf(out[1:2], "ijz") {
		return false
	}
	return true
}

func bytesAnyOf(w []byte, set string) bool {
	for _, c := range w {
		for k := 0; k < len(set); k++ {
			if c == set[k] {
				return true
			}
		}
	}
	return false
}

// townParticles grows a postcode-and-town span over the rest of a town's
// name joined by a particle: "06700 Ciudad [de México]", "Rio Grande [do
// Sul]".
func (sc *scanner) townParticles() {
	T := sc.toks
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanZIP && x.t != SpanAddress || x.e <= x.s {
			continue
		}
		k := -1
		for q := range T {
			if T[q].e == x.e {
				k = q
				break
			}
		}
		if k < 0 || T[k].kind != tkWord || !sc.upper(k) {
			continue
		}
		e := k
		for e+2 < len(T) && T[e+1].flags&fParticle != 0 && !T[e+1].claimed && !T[e+2].claimed && T[e+2].kind == tkWord && sc.upper(e+2) && sc.canBeName(e+2) {
			e += 2
		}
		if e > k {
			x.e = T[e].e
			for q := k + 1; q <= e; q++ {
				T[q].claimed = true
			}
		}
	}
}

// placeEnds reports that a place name ends before token k: the clause
// ends or a function word or time word follows ("… Pune 348624 until
// june").
func (sc *scanner) placeEnds(k int) bool {
	return sc.clauseEnds(k) || sc.flags(k)&(fStop|fDateCue) != 0
}

// clauseEnds reports that token k ends a clause: the end of the text,
// punctuation other than a joining dash, or a conjunction.
func (sc *scanner) clauseEnds(k int) bool {
	if k >= len(sc.toks) {
		return true
	}
	if sc.kind(k) == tkPunct {
		return !sc.isP(k, '-') && !sc.isP(k, '/') && !sc.isP(k, '%') && !sc.isP(k, '\'')
	}
	switch string(sc.word(k)) {
	case "and", "y", "e", "et", "und", "but", "pero", "please", "por", "thanks", "gracias", "if", "si":
		return true
	}
	return false
}

// auStates are Australian state codes, written in capitals before the
// four-digit postcode; caProvinces are Canadian province codes before
// the A9A 9A9 postcode.
func auState(w []byte) bool {
	switch string(w) {
	case "nsw", "vic", "qld", "tas", "act", "nt", "wa", "sa":
		return true
	}
	return false
}

func caProvince(w []byte) bool {
	switch string(w) {
	case "on", "qc", "bc", "ab", "mb", "sk", "ns", "nb", "nl", "pe", "yt", "nt", "nu", "pei":
		return true
	}
	return false
}

// regionCodes masks "VIC 3065" and grows a Canadian postcode over its
// province ("ON M5V 3L9").
func (sc *scanner) regionCodes() {
	T := sc.toks
	for i := 1; i < len(T); i++ {
		if T[i].kind != tkNum && T[i].kind != tkAlnum || T[i-1].kind != tkWord || T[i-1].e-T[i-1].s > 3 ||
			!auState(sc.txt(i-1)) && !caProvince(sc.txt(i-1)) || !sc.allUpper(i-1) || sc.allUpperText() {
			continue
		}
		if !T[i-1].claimed && !T[i].claimed && T[i].kind == tkNum && T[i].e-T[i].s == 4 && auState(sc.txt(i-1)) && sc.clauseEnds(i+1) {
			sc.addTok(i-1, i, SpanZIP, 0.8, prioZIP)
			continue
		}
		if !T[i-1].claimed && T[i].claimed && caProvince(sc.txt(i-1)) && T[i].kind == tkAlnum && shapeIs(sc.txt(i), "a9a") {
			for c := range sc.cands {
				if x := &sc.cands[c]; x.s == T[i].s && (x.t == SpanZIP || x.t == SpanAddress) {
					x.s = T[i-1].s
					T[i-1].claimed = true
				}
			}
		}
	}
}

// unnumberedStreets reads a street named without a house number that a
// postcode follows in the same line: "Oxford Road, Manchester M13 9PL",
// "Rua Augusta, 1100-053 Lisboa". The postcode is what makes it an
// address; "Main Street, near the park" stays.
func (sc *scanner) unnumberedStreets() {
	T := sc.toks
	for i := 1; i+2 < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || !sc.isP(i+1, ',') {
			continue
		}
		s := -1
		switch {
		case T[i].flags&fStreetSuffix != 0:
			for k := i - 1; k >= 0 && k >= i-3; k-- {
				if T[k].kind != tkWord || T[k].claimed || !sc.upper(k) || T[k].flags&(fStop|fClin) != 0 {
					break
				}
				s = k
			}
		default:
			for k := i - 1; k >= 0 && k >= i-4; k-- {
				if T[k].claimed || T[k].kind != tkWord {
					break
				}
				if T[k].flags&fStreetPrefix != 0 && sc.upper(k) {
					s = k
					break
				}
				if !sc.upper(k) && T[k].flags&fParticle == 0 {
					break
				}
			}
		}
		if s < 0 || sc.allUpperText() {
			continue
		}
		// A postcode within the next two parts.
		found := false
		for k := i + 2; k < len(T) && k <= i+7; k++ {
			if T[k].claimed && sc.zipAt(k) {
				found = true
				break
			}
		}
		if !found {
			continue
		}
		sc.addTok(s, i, SpanAddress, 0.75, prioAddress)
		T[i].addrEnd = true
		i++
	}
}

// unitsBefore runs after addressTails: it grows every street address back
// over the unit, plot, block or sector written before it ("Apartment 5B,
// 123 Rue …", "Plot 12, Sector 5, Noida 201301").
func (sc *scanner) unitsBefore() {
	T := sc.toks
	if sc.flagsAny&fUnitDesignator == 0 {
		return
	}
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.t != SpanAddress && x.t != SpanZIP || x.e <= x.s {
			continue
		}
		// The token where the address starts.
		st := -1
		for k := range T {
			if T[k].s == x.s {
				st = k
				break
			}
		}
		if st < 0 {
			continue
		}
		grew := false
		// "House 165, Calle Real": the unit word right before the number
		// the street reader started from.
		if st > 0 && !T[st-1].claimed && T[st-1].kind == tkWord && T[st-1].flags&fUnitDesignator != 0 && T[st].kind == tkNum && T[st].space {
			st--
			T[st].claimed = true
			grew = true
		}
		for n := 0; n < 3; n++ {
			p := st - 1
			if sc.isP(p, ',') {
				p--
			}
			if p < 1 || T[p].claimed || !(sc.kind(p) == tkNum || sc.kind(p) == tkAlnum || sc.kind(p) == tkWord && T[p].e-T[p].s == 1) {
				break
			}
			d := p - 1
			if sc.isP(d, '.') || sc.isP(d, '#') {
				d--
			}
			if d < 0 || T[d].claimed || T[d].kind != tkWord || T[d].flags&fUnitDesignator == 0 {
				break
			}
			for k := d; k < st; k++ {
				T[k].claimed = true
			}
			st = d
			grew = true
		}
		if grew {
			x.s = T[st].s
			if x.t == SpanZIP {
				x.t = SpanAddress
			}
		}
	}
}

// countryNames are country names as people write them at the end of an
// address, in English, Spanish, Portuguese, French and German, folded
// (lower case, no accents). Two-word names carry words ("united",
// "new") that are not place words on their own.
var countryNames = map[string]bool{
	"uk": true, "united kingdom": true, "great britain": true, "england": true, "scotland": true, "wales": true,
	"northern ireland": true, "ireland": true, "eire": true, "usa": true, "united states": true, "canada": true,
	"mexico": true, "germany": true, "deutschland": true, "alemania": true, "france": true, "francia": true,
	"spain": true, "espana": true, "italy": true, "italia": true, "portugal": true, "brazil": true, "brasil": true,
	"argentina": true, "chile": true, "colombia": true, "peru": true, "ecuador": true, "venezuela": true,
	"bolivia": true, "paraguay": true, "uruguay": true, "guatemala": true, "honduras": true, "el salvador": true,
	"nicaragua": true, "costa rica": true, "panama": true, "cuba": true, "dominican republic": true,
	"republica dominicana": true, "puerto rico": true, "netherlands": true, "the netherlands": true, "nederland": true,
	"holland": true, "belgium": true, "belgique": true, "belgie": true, "switzerland": true, "suisse": true,
	"schweiz": true, "austria": true, "osterreich": true, "poland": true, "polska": true, "sweden": true,
	"sverige": true, "norway": true, "norge": true, "denmark": true, "danmark": true, "finland": true, "suomi": true,
	"greece": true, "turkey": true, "turkiye": true, "czech republic": true, "czechia": true, "slovakia": true,
	"hungary": true, "romania": true, "bulgaria": true, "croatia": true, "serbia": true, "slovenia": true,
	"ukraine": true, "russia": true, "lithuania": true, "latvia": true, "estonia": true, "iceland": true,
	"luxembourg": true, "malta": true, "cyprus": true, "japan": true, "china": true, "korea": true,
	"south korea": true, "taiwan": true, "hong kong": true, "singapore": true, "malaysia": true, "indonesia": true,
	"thailand": true, "vietnam": true, "viet nam": true, "philippines": true, "india": true, "pakistan": true,
	"bangladesh": true, "sri lanka": true, "nepal": true, "australia": true, "new zealand": true,
	"south africa": true, "nigeria": true, "kenya": true, "ghana": true, "egypt": true, "morocco": true,
	"israel": true, "lebanon": true, "jordan": true, "saudi arabia": true, "united arab emirates": true, "uae": true,
	"qatar": true, "iran": true, "iraq": true, "ethiopia": true, "haiti": true, "jamaica": true,
	"trinidad and tobago": true, "estados unidos": true, "reino unido": true, "inglaterra": true, "suiza": true,
	"holanda": true, "paises bajos": true, "belgica": true, "suecia": true, "noruega": true, "dinamarca": true,
	"grecia": true, "turquia": true, "japon": true, "filipinas": true, "sudafrica": true, "nueva zelanda": true,
	"polonia": true, "rusia": true, "allemagne": true, "espagne": true, "italie": true, "angleterre": true,
	// The rest of the world, and the French and Portuguese forms.
	"afghanistan": true, "albania": true, "algeria": true, "andorra": true, "angola": true, "armenia": true,
	"azerbaijan": true, "bahamas": true, "bahrain": true, "barbados": true, "belarus": true, "belize": true,
	"benin": true, "bhutan": true, "bosnia": true, "botswana": true, "brunei": true, "burkina": true, "burundi": true,
	"cambodia": true, "cameroon": true, "cape verde": true, "comoros": true, "congo": true, "djibouti": true,
	"dominica": true, "eritrea": true, "eswatini": true, "fiji": true, "gabon": true, "gambia": true, "grenada": true,
	"guinea": true, "guyana": true, "kazakhstan": true, "kiribati": true, "kosovo": true, "kuwait": true,
	"kyrgyzstan": true, "laos": true, "lesotho": true, "liberia": true, "libya": true, "liechtenstein": true,
	"madagascar": true, "malawi": true, "maldives": true, "mali": true, "mauritania": true, "mauritius": true,
	"micronesia": true, "moldova": true, "monaco": true, "mongolia": true, "mozambique": true, "myanmar": true,
	"namibia": true, "nauru": true, "niger": true, "oman": true, "palau": true, "palestine": true, "rwanda": true,
	"samoa": true, "senegal": true, "seychelles": true, "somalia": true, "sudan": true, "suriname": true, "syria": true,
	"tajikistan": true, "tanzania": true, "togo": true, "tonga": true, "tunisia": true, "turkmenistan": true,
	"tuvalu": true, "uganda": true, "uzbekistan": true, "vanuatu": true, "yemen": true, "zambia": true,
	"zimbabwe": true, "marruecos": true, "rumania": true, "ucrania": true, "egipto": true, "argelia": true,
	"tunez": true, "irlanda": true, "escocia": true, "gales": true, "alemanha": true, "franca": true, "espanha": true,
	"suica": true, "romenia": true, "egito": true, "marrocos": true, "mocambique": true, "bresil": true, "maroc": true,
	"algerie": true, "tunisie": true, "suede": true, "pologne": true, "roumanie": true, "grece": true, "turquie": true,
	"egypte": true, "irlande": true, "ecosse": true, "cameroun": true,
}

// countryBorneByPeople are countries whose names are also given or
// family names ("Jordan", "Georgia", "Montenegro"): the name rules judge
// them by their place, so countryWords leaves them out.
var countryBorneByPeople = map[string]bool{"jordan": true, "georgia": true, "chad": true, "india": true, "kenya": true,
	"israel": true, "china": true, "montenegro": true, "portugal": true, "chile": true, "holland": true, "england": true,
	"wales": true, "cuba": true, "panama": true, "peru": true, "malta": true, "turkey": true, "niger": true, "mali": true}

// countryWords are the one-word country names for the lexicon's fCountry
// (see buildLexicon), without those people bear.
func countryWords() []string {
	var out []string
	for c := range countryNames {
		if !strings.Contains(c, " ") && !countryBorneByPeople[c] {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// countryAt returns the last token of a country name starting at token
// k, or -1.
func (sc *scanner) countryAt(k int) int {
	T := sc.toks
	if k >= len(T) || T[k].kind != tkWord || T[k].claimed {
		return -1
	}
	sc.key = sc.key[:0]
	last := -1
	for q := k; q < len(T) && q < k+4; q++ {
		if T[q].kind != tkWord {
			break
		}
		if q > k {
			sc.key = append(sc.key, ' ')
		}
		sc.key = append(sc.key, sc.txt(q)...)
		if countryNames[string(sc.key)] {
			last = q
		}
	}
	return last
}

// addressLines runs after addressTails: an address line is one span from
// its first part to its country. It grows every street or postcode span
// right over a country after a comma or dash ("…, United Kingdom") and
// left over the comma-separated parts before it that read as a place:
// capitalised place words, a house or block number, a province code
// ("Tokyo 104-0061" ← "5-3-1 Ginza, Chuo-ku,"; "Leeds LS6 2AB" ← "Leeds").
func (sc *scanner) addressLines() {
	T := sc.toks
	if len(sc.cands) == 0 {
		return
	}
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.e <= x.s || !(x.t == SpanAddress || x.t == SpanZIP || x.t == SpanPhone && sc.postcodeShaped(x)) {
			continue
		}
		if x.t == SpanZIP && x.conf == townCodeConf {
			x.t = SpanAddress
		}
		st, en := tokenSpan(T, x.s, x.e)
		if st < 0 || en < 0 {
			continue
		}
		if x.t == SpanPhone {
			// "Tokyo 104-0061": a Japanese postcode after its town.
			if st == 0 || T[st-1].kind != tkWord || T[st-1].claimed || !sc.upper(st-1) || !sc.canBeName(st-1) || sc.allUpperText() {
				continue
			}
			x.t = SpanZIP
			st--
			T[st].claimed = true
			x.s = T[st].s
		}
		// Right: a country.
		p := en + 1
		if sc.isP(p, ',') || sc.isP(p, '-') && T[p].space {
			if e := sc.countryAt(p + 1); e > 0 {
				for q := p; q <= e; q++ {
					T[q].claimed = true
				}
				en = e
				x.e = T[e].e
			}
		}
		// Right: a region after a town ("Guadalajara, Jalisco").
		if x.t == SpanAddress && sc.isP(en+1, ',') && en+2 < len(T) && T[en+2].kind == tkWord && sc.upper(en+2) && sc.townWord(en+2) && !sc.allUpperText() {
			e := en + 2
			if e+1 < len(T) && T[e+1].space && sc.kind(e+1) == tkWord && sc.upper(e+1) && sc.townWord(e+1) {
				e++
			}
			if sc.clauseEnds(e+1) || sc.flags(e+1)&fDateCue != 0 {
				for q := en + 1; q <= e; q++ {
					T[q].claimed = true
				}
				en = e
				x.e = T[e].e
			}
		}
		if sc.allUpperText() {
			continue
		}
		// Left: the town right before a postcode, then whole parts.
		// A US ZIP after its state stays as it is: "Springfield, IL 62704".
		if x.t == SpanZIP && !(st > 0 && T[st-1].flags&fState != 0 && T[st].kind == tkNum) {
			code := st
			for n := 0; n < 2 && st > 0 && T[st-1].kind == tkWord && !T[st-1].claimed && T[st-1].space && sc.upper(st-1) &&
				(sc.townWord(st-1) && T[st-1].flags&fState == 0 || caProvince(sc.txt(st-1)) && sc.allUpper(st-1)); n++ {
				st--
			}
			// "Co. Mayo F31 KD62": an Irish county before its Eircode,
			// whatever else its name means.
			if st == code && st >= 3 && T[st-1].kind == tkWord && !T[st-1].claimed && sc.upper(st-1) && sc.isP(st-2, '.') {
				st-- // the county the town loop would not take ("Mayo", a month in Spanish)
				if !(sc.is(st-2, "co") && sc.upper(st-2)) {
					st++
				}
			}
			if st < code && st >= 2 && sc.isP(st-1, '.') && sc.attached(st-1) && sc.is(st-2, "co") && sc.upper(st-2) && !T[st-2].claimed {
				st -= 2
			}
		} else if x.t == SpanZIP {
			// The town before a US state and ZIP is an address of its
			// own; the ZIP keeps its type: "[Springfield, IL] [62704]".
			st := st - 1
			e := st
			if sc.isP(st-1, ',') {
				st--
			}
			for n := 0; n < 3 && st > 0 && T[st-1].kind == tkWord && !T[st-1].claimed && sc.upper(st-1) && sc.townWord(st-1) && T[st-1].flags&fState == 0; n++ {
				st--
			}
			if st < e-1 && !sc.allUpperText() {
				sc.addTok(st, e, SpanAddress, 0.65, prioAddress)
			}
			continue
		}
		for parts := 0; parts < 4; parts++ {
			if !sc.isP(st-1, ',') {
				break
			}
			b := sc.partBefore(st - 2)
			if b < 0 {
				// A street the address reader masked on its own ("The
				// Old Rectory, Church Lane, Little Snoring, Fakenham NR21
				// 0HT") is a part of the same line: what stands before it
				// grows that street's span, each part keeping its own.
				y, first := sc.addressEndingAt(st-2, c)
				if y < 0 {
					break
				}
				if T[st].s < x.s {
					for q := st; q < en; q++ {
						T[q].claimed = true
					}
					x.s = T[st].s
				}
				x = &sc.cands[y]
				st, en = first, first
				continue
			}
			st = b
		}
		if T[st].s < x.s {
			for q := st; q < en; q++ {
				T[q].claimed = true
			}
			x.s = T[st].s
		}
	}
}

// addressEndingAt finds another address candidate than skip that ends
// on token e and returns it and its first token (-1, -1 when there is
// none).
func (sc *scanner) addressEndingAt(e, skip int) (int, int) {
	if e < 0 || !sc.toks[e].claimed {
		return -1, -1
	}
	for c := range sc.cands {
		y := &sc.cands[c]
		if c == skip || y.t != SpanAddress || y.e <= y.s || y.e != sc.toks[e].e {
			continue
		}
		if first, _ := tokenSpan(sc.toks, y.s, y.e); first >= 0 {
			return c, first
		}
	}
	return -1, -1
}

// postcodeShaped reports a candidate written as three digits, a dash and
// four digits: Japan's postcode, which the phone reader also reads.
func (sc *scanner) postcodeShaped(x *cand) bool {
	b := sc.n.b[x.s:x.e]
	return len(b) == 8 && b[3] == '-' && isDigit(b[0]) && isDigit(b[7])
}

// partBefore reads one comma-separated part of an address that ends at
// token e and returns its first token, or -1 when it does not read as a
// place: one to four capitalised place words, a province code, a house
// or block number ("5-3-1", "45", "12b"), joined by hyphens ("Chuo-ku").
func (sc *scanner) partBefore(e int) int {
	T := sc.toks
	// A part already masked is its own span: growing over it would
	// make two spans overlap and lose one.
	if e < 0 || T[e].claimed {
		return -1
	}
	s, words := e+1, 0
	for k := e; k >= 0 && k > e-6; k-- {
		t := &T[k]
		if t.claimed {
			break
		}
		switch {
		case t.kind == tkWord && (sc.upper(k) && (sc.canBeName(k) || t.flags&(fStreetSuffix|fStreetPrefix|fUnitDesignator) != 0 || sc.allUpper(k)) ||
			t.flags&fParticle != 0 && words > 0 || k < e && sc.isP(k+1, '-') && sc.attached(k+1) ||
			sc.isP(k-1, '-') && sc.attached(k) && sc.attached(k-1) && k > 1 && sc.upper(k-2)):
			words++
		case t.kind == tkNum && t.e-t.s <= 6 || t.kind == tkAlnum && t.e-t.s <= 6:
			words++
		case sc.isP(k, '-') && sc.attached(k) && sc.attached(k+1) && k > 0:
		default:
			k = -1
			continue
		}
		if k >= 0 {
			s = k
		}
		if k > 0 && T[k].space && sc.kind(k-1) == tkPunct && !sc.isP(k-1, '-') {
			break
		}
	}
	if s > e || words == 0 || T[s].flags&fParticle != 0 {
		return -1
	}
	// The part must start a clause or follow a comma: "hi Maria, …" is a
	// greeting, not a district.
	if s > 0 && !sc.isP(s-1, ',') && !sc.isP(s-1, ':') && T[s-1].flags&(fAddrCue|fCityVerb) == 0 && !placeLead(sc.word(s-1)) &&
		!sc.is(s-1, "is") && !sc.is(s-1, "es") {
		return -1
	}
	return s
}

// Kinds of the comma-separated parts of an address line.
const (
	partNone = iota
	partUnit
	partBuilding
	partStreet
	partPlace
	partMasked
)

// buildingWord reports a word that ends the name of a building or an
// estate: "Sai Apartments", "Rosewood House", "Harbour Towers".
func buildingWord(w []byte) bool {
	switch string(w) {
	case "apartments", "apts", "apartment", "house", "towers", "tower", "court", "residency", "residences", "residence",
		"complex", "building", "bldg", "mansions", "mansion", "heights", "villas", "villa", "enclave", "society", "colony",
		"nagar", "layout", "estate", "cottage", "lodge", "flats", "condominium", "condominio", "edificio", "residencial",
		"conjunto", "torre", "bloco", "quinta", "urbanizacion", "fraccionamiento", "barrio", "colonia", "sector", "district":
		return true
	}
	return false
}

// partKind classifies tokens [a, b] as one part of an address line.
func (sc *scanner) partKind(a, b int) int {
	T := sc.toks
	if a > b || b-a > 6 {
		return partNone
	}
	masked, free := 0, 0
	for k := a; k <= b; k++ {
		if T[k].kind == tkPunct {
			continue
		}
		if T[k].claimed {
			if !sc.placeSpan(k) {
				return partNone
			}
			masked++
		} else {
			free++
		}
	}
	if free == 0 {
		return partMasked
	}
	if masked > 0 {
		return partNone
	}
	// A unit: "Flat 201", "Piso 3", "3ème étage", "Block C".
	if b-a <= 2 && T[a].flags&fUnitDesignator != 0 && (sc.kind(b) == tkNum || sc.kind(b) == tkAlnum || T[b].kind == tkWord && T[b].e-T[b].s == 1) {
		return partUnit
	}
	if b == a+1 && (T[a].kind == tkNum || T[a].kind == tkAlnum) && T[b].flags&fUnitDesignator != 0 {
		return partUnit
	}
	// Every word capitalised (particles aside): a building, a street
	// without a number or a place.
	words := 0
	for k := a; k <= b; k++ {
		switch {
		case T[k].kind == tkWord && sc.upper(k) && T[k].flags&(fClin) == 0 && T[k].ent.cue == cueNone:
			words++
		case T[k].kind == tkWord && streetParticle(sc.txt(k)) && k > a && k < b:
		case (T[k].kind == tkNum || T[k].kind == tkAlnum) && T[k].e-T[k].s <= 6:
		case sc.isP(k, '-') && sc.attached(k) || sc.isP(k, '.') && sc.attached(k):
		default:
			return partNone
		}
	}
	if words == 0 || sc.allUpperText() {
		return partNone
	}
	last := b
	for last > a && T[last].kind != tkWord {
		last--
	}
	switch {
	case buildingWord(sc.txt(last)) && last > a:
		return partBuilding
	case T[last].flags&fStreetSuffix != 0 && last > a, streetSuffixed(sc.txt(last)), streetTypeWord(sc.txt(last)) && last > a,
		T[a].flags&fStreetPrefix != 0 && b > a:
		return partStreet
	}
	for k := a; k <= b; k++ {
		if T[k].kind == tkWord && !sc.canBeName(k) && !sc.allUpper(k) && !streetParticle(sc.txt(k)) {
			return partNone
		}
	}
	return partPlace
}

// commaLines masks an address line whose parts the street readers only
// found some of: "Flat 201, Sai Apartments, MG Road, Pune". A run of
// comma-separated parts that each read as a unit, a building, a street,
// a place or an address already masked becomes one address when it holds
// a street (or a masked address) and a unit or a building besides: the
// shape of a postal address, not of a sentence.
func (sc *scanner) commaLines() {
	T := sc.toks
	if sc.placeAny&shComma == 0 || sc.flagsAny&(fUnitDesignator|fStreetSuffix|fStreetPrefix) == 0 {
		return
	}
	// Part boundaries: commas.
	starts := sc.groups[:0]
	starts = append(starts, 0)
	for k := range T {
		if sc.isP(k, ',') {
			starts = append(starts, k+1)
		}
	}
	n := len(starts)
	if n < 3 {
		sc.groups = starts
		return
	}
	kind := func(p int) (int, int, int) { // kind, first, last token of part p
		a := starts[p]
		b := len(T) - 1
		if p+1 < n {
			b = starts[p+1] - 2
		}
		if p == 0 {
			// The first part may open with the sentence: take its
			// longest tail that reads as a part.
			for s := a; s <= b; s++ {
				if k := sc.partKind(s, b); k != partNone {
					return k, s, b
				}
			}
			return partNone, a, b
		}
		if p == n-1 {
			for e := b; e >= a; e-- {
				if k := sc.partKind(a, e); k != partNone {
					return k, a, e
				}
			}
			return partNone, a, b
		}
		return sc.partKind(a, b), a, b
	}
	for p := 0; p < n; {
		k, first, last := kind(p)
		if k == partNone {
			p++
			continue
		}
		street, other, q := k == partStreet || k == partMasked, k == partUnit || k == partBuilding, p
		for q+1 < n {
			k2, _, l2 := kind(q + 1)
			if k2 == partNone {
				break
			}
			street = street || k2 == partStreet || k2 == partMasked
			other = other || k2 == partUnit || k2 == partBuilding
			last = l2
			q++
			if l2 < len(T)-1 && !sc.isP(l2+1, ',') {
				break // the last part ended inside the sentence
			}
		}
		if street && other && q > p {
			sc.maskLine(first, last)
		}
		p = q + 1
	}
	sc.groups = starts
}

// maskLine makes tokens [a, b] one address, absorbing the address,
// postcode, name and code spans inside it.
func (sc *scanner) maskLine(a, b int) {
	T := sc.toks
	for c := range sc.cands {
		if x := &sc.cands[c]; x.s >= T[a].s && x.e <= T[b].e && (x.t == SpanAddress || x.t == SpanZIP || x.t == SpanName || x.t == SpanID) {
			x.e = x.s
		}
	}
	sc.addTok(a, b, SpanAddress, 0.75, prioAddress)
}

// placeMentions finds a town a person says they are in, from, or going
// to, beyond the "live in" and "moved to" that cities() reads: "I'm from
// Manchester", "we're staying in Lyon", "estoy en Monterrey", "moro em
// Braga"; and a town written with its country or region after a comma
// ("Lyon, France", "Guadalajara, Jalisco"). A town is smaller than a
// state, so HIPAA Safe Harbor makes it an identifier; a country or a
// state alone stays.
func (sc *scanner) placeMentions() {
	// A whole address line after its cue first: a town inside it is
	// part of it, not a mention of its own.
	sc.cuedAddressLines()
	sc.houseLines()
	T := sc.toks
	// A place is named with a capital: text with none holds no mention.
	if len(T) < 3 || sc.placeAny&(shPrep|shComma) == 0 || !sc.n.hasUpper {
		return
	}
	for i := 1; i < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || !sc.upper(i) || sc.kind(i-1) != tkWord && !sc.isP(i-1, '\'') {
			continue
		}
		// Cheap tests first: a preposition before the word, or a comma
		// within three words after it.
		if !sc.placePrepAt(i-1) && !sc.isP(i+1, ',') && !sc.isP(i+2, ',') && !sc.isP(i+3, ',') {
			continue
		}
		if !sc.upper(i) || !sc.townWord(i) || !sc.placeCueBefore(i) && !sc.regionAfter(i) || sc.allUpperText() {
			continue
		}
		e := i
		for e+1 < len(T) && e < i+2 && T[e+1].kind == tkWord && T[e+1].space && sc.upper(e+1) && sc.townWord(e+1) {
			e++
		}
		// "Santo Domingo", "Rio de Janeiro": a particle inside a name.
		if e+2 < len(T) && streetParticle(sc.txt(e+1)) && sc.upper(e+2) && sc.townWord(e+2) {
			e += 2
		}
		if sc.countryAt(i) >= e || T[i].flags&fState != 0 && e == i {
			continue // a country or a state alone is no identifier
		}
		end := e
		if sc.isP(e+1, ',') {
			if c := sc.countryAt(e + 2); c > 0 {
				end = c
			} else if e+2 < len(T) && T[e+2].flags&fState != 0 && !T[e+2].claimed && (sc.upper(e+2) || sc.allUpper(e+2)) {
				end = e + 2
				if sc.kind(e+3) == tkWord && T[e+3].flags&fState != 0 && T[e+3].space {
					end = e + 3 // "New York"
				}
			} else if e+2 < len(T) && !T[e+2].claimed && T[e+2].kind == tkWord && sc.upper(e+2) && sc.townWord(e+2) && sc.clauseEnds(e+3) {
				end = e + 2 // a region or province: "Guadalajara, Jalisco"
			}
		}
		sc.addTok(i, end, SpanAddress, 0.65, prioAddress)
		i = end
	}
}

// placePrepWords are the prepositions placeCueBefore reads (trigPlacePrep).
var placePrepWords = []string{"from", "in", "at", "to", "en", "de", "em", "no", "na", "a"}

// placePrepAt reports token i as one of placePrepWords.
func (sc *scanner) placePrepAt(i int) bool {
	return uint(i) < uint(len(sc.toks)) && sc.toks[i].trig&trigPlacePrep != 0
}

// townWord reports a capitalised word that can be part of a town's name.
func (sc *scanner) townWord(k int) bool {
	t := &sc.toks[k]
	if t.claimed || t.kind != tkWord || t.e-t.s < 2 {
		return false
	}
	if t.flags&(fStop|fMonth|fWeekday|fNotName|fClin|fUnit|fDoseUnit|fQuestion|fPersonal|fStreetSuffix|fAgeUnit|fZipCue) != 0 ||
		t.ent.cue != cueNone || t.inClin {
		return false
	}
	return true
}

// placeCueBefore reports words before token i that put a person in a
// place: "I'm from", "we're staying in", "based in", "estoy en", "soy
// de", "moro em", "relocated to".
func (sc *scanner) placeCueBefore(i int) bool {
	p := sc.word(i - 1)
	v := sc.word(i - 2)
	w := sc.word(i - 3)
	switch string(p) {
	case "from":
		switch string(v) {
		case "i'm", "im", "we're", "were", "he's", "she's", "they're", "originally", "am", "are", "is", "visiting", "come", "comes", "came", "moved", "here", "flew", "drove":
			return true
		}
	case "in", "at":
		switch string(v) {
		case "staying", "stay", "stays", "based", "located", "reside", "resides", "residing", "settled", "lodging", "raised", "grew":
			return true
		}
		// "I'm in London", but "we are at Riverbend Family Health" is a
		// visit to a business: a bare "be" only counts with "in".
		if string(p) == "in" {
			switch string(v) {
			case "currently", "i'm", "im", "we're", "he's", "she's", "they're", "home", "here", "now", "still":
				return true
			case "up":
				return string(w) == "grew"
			case "are", "am":
				return string(w) == "we" || string(w) == "i" || string(w) == "they"
			case "back":
				return string(w) == "i'm" || string(w) == "we're" || string(w) == "home" || string(w) == "im"
			}
		}
	case "to":
		switch string(v) {
		case "relocated", "relocating", "relocate", "fly", "flying", "flew", "travel", "traveling", "travelling", "traveled", "travelled", "back", "home":
			return true
		}
	case "en":
		switch string(v) {
		case "estoy", "estamos", "esta", "resido", "radico", "radicamos", "quedo", "quedamos", "hospedado", "hospedada", "hospedados", "ahorita", "ahora":
			return true
		}
	case "de":
		switch string(v) {
		case "soy", "somos", "vengo", "venimos", "originario", "originaria", "sou":
			return true
		}
	case "em", "no", "na":
		switch string(v) {
		case "moro", "moramos", "estou", "estamos", "mora", "vivo", "vivemos":
			return true
		}
	case "a":
		switch string(v) {
		case "viajo", "viajamos", "regreso", "regresamos", "mudo", "mudamos", "mude", "mudei", "mudou":
			return true
		}
	}
	return false
}

// regionAfter reports a country written after the town and a comma
// ("Lyon, France"), so the pair reads as a place with no verb before it.
func (sc *scanner) regionAfter(i int) bool {
	e := i
	for e+1 < len(sc.toks) && e < i+2 && sc.kind(e+1) == tkWord && sc.toks[e+1].space && sc.upper(e+1) && sc.townWord(e+1) {
		e++
	}
	if !sc.isP(e+1, ',') {
		return false
	}
	c := sc.countryAt(e + 2)
	return c > 0 && sc.clauseEnds(c+1) && (i == 0 || !sc.isP(i-1, ','))
}

// tokenSpan finds the tokens a candidate starts and ends on (-1 where no
// token starts at s, or none ends at e before a later one would).
func tokenSpan(T []token, s, e int32) (first, last int) {
	first, last = -1, -1
	for k := range T {
		if T[k].s == s {
			first = k
		}
		if T[k].e == e {
			last = k
			break
		}
	}
	return first, last
}

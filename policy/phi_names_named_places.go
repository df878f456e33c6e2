package policy

import "bytes"

// namedPlace reports name-shaped words [i, end] that name a place, a club
// or a way to pay rather than a person, by the word before or after them:
//
//   - Spanish, Portuguese and French put the kind of place first: "colegio
//     Benito Juárez", "escola Rui Barbosa", "l'école Jules Ferry",
//     "hospital Italiano". A station, an airport or a church may be joined
//     by "de", "da", "du" ("estação da Luz", "gare de Lyon", "iglesia de
//     Guadalupe"), and any of them when a saint's name follows ("iglesia de
//     San José", "igreja de Santo Antônio"); "la escuela de María" is
//     María's school and stays a name.
//   - English puts it after, and people type it in lower case: "across
//     from Chase bank", "Westfield mall".
//   - A sports club: "Real Madrid", "Atlético Mineiro", "Inter Miami".
//   - What one pays with or a plan the clinic accepts: "pay with Mercado
//     Pago", "¿aceptan Sanitas?", "se aceitam Amil".
func (sc *scanner) namedPlace(i, end int) bool {
	p := i - 1
	if sc.kind(p) != tkWord {
		return sc.placeAfter(end)
	}
	pw := elided(sc.txt(p))
	if !sc.upper(p) && placeKindNoun(pw) {
		return true // "colegio Benito Juárez", "l'école Jules Ferry"
	}
	if clubPrefix(pw) || end > i && clubPrefix(sc.txt(i)) {
		return true // "Real Madrid", "Atlético Mineiro"
	}
	if payOrAccept(sc, p) {
		return true
	}
	// Back over a saint's title and the particles: "iglesia de San
	// José", "igreja de Santo Antônio", "estação da Luz".
	q, saint, joined := p, saintWord(sc.word(i)), false
	for k := p; k >= p-2 && sc.kind(k) == tkWord && sc.upper(k); k-- {
		if saintWord(sc.txt(k)) {
			q, saint = k-1, true // "San Judas Tadeo"
			break
		}
	}
	if placeLinkParticle(sc.word(q)) {
		q, joined = q-1, true
		if sc.is(q, "la") || sc.is(q, "los") || sc.is(q, "las") {
			q-- // "iglesia de la Merced"
		}
	}
	if q != p && sc.kind(q) == tkWord && !sc.upper(q) {
		if qw := elided(sc.txt(q)); placeKindNoun(qw) && (!joined || saint || namedByPlace(qw)) {
			return true
		}
	}
	return sc.placeAfter(end)
}

// placeAfter reports a lower-case noun of a business or public place
// right after a one-word name: "Chase bank", "Westfield mall", "Union
// station". A family name that is such a word ("Park", "Hall") is not
// one: only nouns no person is called.
func (sc *scanner) placeAfter(end int) bool {
	n := end + 1
	if sc.kind(n) != tkWord || sc.upper(n) || !sc.toks[n].space {
		return false
	}
	switch string(sc.txt(n)) {
	case "bank", "mall", "station", "church", "cathedral", "school", "academy", "airport", "stadium", "arena", "hotel",
		"supermarket", "pharmacy", "drugstore", "library", "museum", "university", "college", "hospital", "terminal":
		return true
	}
	return false
}

// elided drops a French elided article: "l'école" is "école".
func elided(w []byte) []byte {
	if len(w) > 2 && (w[0] == 'l' || w[0] == 'd') && w[1] == '\'' {
		return w[2:]
	}
	return w
}

// placeKindNoun reports a Spanish, Portuguese or French noun of a kind of
// place that its name follows: a school, a church, a station, a market.
func placeKindNoun(w []byte) bool {
	switch string(w) {
	case "colegio", "escuela", "escola", "ecole", "lycee", "liceo", "instituto", "universidad", "universidade", "universite",
		"iglesia", "igreja", "eglise", "capilla", "capela", "chapelle", "parroquia", "paroquia", "paroisse", "catedral",
		"cathedrale", "basilica", "santuario", "hospital", "hopital", "sanatorio", "estadio", "stade", "parque", "mercado",
		"marche", "shopping", "comercial", "aeropuerto", "aeroporto", "aeroport", "estacion", "estacao", "gare", "metro",
		"terminal", "rodoviaria":
		return true
	}
	return false
}

// namedByPlace reports a kind of place whose name, after "de", is a
// place or a saint, never an owner: a station, an airport, a church.
func namedByPlace(w []byte) bool {
	switch string(w) {
	case "estacion", "estacao", "gare", "metro", "terminal", "rodoviaria", "aeropuerto", "aeroporto", "aeroport",
		"iglesia", "igreja", "eglise", "capilla", "capela", "chapelle", "parroquia", "paroquia", "paroisse", "catedral",
		"cathedrale", "basilica", "santuario":
		return true
	}
	return false
}

// placeLinkParticle reports the preposition, with or without its article,
// that joins a kind of place to its name: "de", "da", "do", "du", "del".
func placeLinkParticle(w []byte) bool {
	switch string(w) {
	case "de", "da", "do", "du", "del", "dos", "das", "des":
		return true
	}
	return false
}

// saintWord reports the title of a saint that opens a place's name: "San
// José", "Santo Antônio", "São Bento", "Sainte Anne".
func saintWord(w []byte) bool {
	switch string(w) {
	case "san", "santa", "santo", "sao", "saint", "sainte", "st", "santisima", "nuestra", "nossa", "notre":
		return true
	}
	return false
}

// clubPrefix reports a word that opens the name of a sports club: "Real
// Madrid", "Atlético Mineiro", "Inter Miami".
func clubPrefix(w []byte) bool {
	switch string(w) {
	case "real", "atletico", "deportivo", "sporting", "olympique", "racing", "inter", "fc", "cf", "club":
		return true
	}
	return false
}

// payOrAccept reports, ending at token p, a way of paying ("pay with",
// "pagar con", "payer avec", "pagamento via") or a verb of accepting a
// plan or a means of payment ("do you accept", "¿aceptan", "se aceitam",
// "vous acceptez"): what follows is a brand, not a person.
func payOrAccept(sc *scanner, p int) bool {
	w := sc.txt(p)
	if len(w) > 2 && w[0] == 0xc2 && w[1] == 0xbf {
		w = w[2:] // "¿aceptan"
	}
	switch string(w) {
	case "accept", "accepts", "aceptan", "acepta", "aceitam", "aceita", "acceptez", "acceptent", "tumatanggap":
		return true
	case "with", "con", "via", "using", "avec", "par", "com", "through", "thru", "by":
		q := p - 1
		if sc.is(q, "pay") || sc.is(q, "paying") || sc.is(q, "paid") || sc.is(q, "pagar") || sc.is(q, "pago") ||
			sc.is(q, "pagamento") || sc.is(q, "payer") || sc.is(q, "payment") || sc.is(q, "bayad") || sc.is(q, "pagamos") {
			return true
		}
		return bytes.Equal(w, []byte("via")) && (sc.is(q, "transfer") || sc.is(q, "transferencia"))
	}
	return false
}

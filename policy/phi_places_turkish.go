package policy

// turkishMahWords name a neighbourhood (mahalle) in a Turkish address, the
// words of trigTurkishMah.
var turkishMahWords = []string{"mah", "mh", "mahalle", "mahallesi"}

// turkishStreetWord reports the Turkish words and abbreviations for a
// street, an avenue or a boulevard.
func turkishStreetWord(w []byte) bool {
	switch string(w) {
	case "sok", "sk", "sokak", "sokagi", "cad", "cd", "cadde", "caddesi", "bulvari", "blv", "bulv":
		return true
	}
	return false
}

// turkishAddresses reads an address in Turkish order: the neighbourhood
// and "Mah.", the street and "Sok."/"Cad.", "No:" and the door, the flat
// ("D:", "Daire:", "Kat:") and the district and city after it ("Atatürk
// Mah. Gül Sok. No:12 Daire:5 Ataşehir/İstanbul", "kızılay mah. 3. sok no
// 7/4 çankaya ankara"). The words read on the way (a neighbourhood named
// for a person, "cad" read as a heart condition) are the address's.
func (sc *scanner) turkishAddresses() {
	if sc.trigAny&trigTurkishMah == 0 || !sc.numbersAny {
		return
	}
	T := sc.toks
	for k := 1; k < len(T); k++ {
		if T[k].trig&trigTurkishMah == 0 || T[k].kind != tkWord {
			continue
		}
		// The neighbourhood's name: one to three words before "Mah.".
		s := k
		for q := k - 1; q >= 0 && q >= k-3 && T[q].kind == tkWord && T[q].flags&(fStop|fAddrCue|fPersonal) == 0 && T[q].ent.cue == cueNone &&
			(q == k-1 || sc.upper(q) == sc.upper(k-1)); q-- {
			s = q // in the case of the word before "Mah.": "annem Selçuklu Mah." starts at "Selçuklu"
		}
		if s == k {
			continue
		}
		// Forward: the street, "No:" and its number, the flat, the
		// district and the city.
		e, door, street := k, false, false
		for q := k + 1; q < len(T) && q <= k+16; q++ {
			w := sc.word(q)
			switch {
			case T[q].kind == tkPunct && (sc.isP(q, '.') || sc.isP(q, ':') || sc.isP(q, '/')):
				continue
			case sc.isP(q, ','):
				if door && !(sc.kind(q+1) == tkWord && sc.upper(q+1)) {
					q = len(T) // "…, lütfen arayın": the sentence goes on
				}
				continue
			case T[q].kind == tkWord && turkishStreetWord(w):
				street = true
				e = q
			case T[q].kind == tkWord && (sc.is(q, "no") || sc.is(q, "d") || sc.is(q, "daire") || sc.is(q, "kat") || sc.is(q, "apt")):
				if sc.kind(q+1) == tkNum || sc.isP(q+1, ':') && sc.kind(q+2) == tkNum {
					door = door || sc.is(q, "no")
				}
				e = q
			case T[q].kind == tkNum || T[q].kind == tkAlnum:
				e = q
			case T[q].kind == tkWord && !door && T[q].flags&(fStop|fPersonal|fAddrCue|fQuestion) == 0:
				e = q // the street's name
			case T[q].kind == tkWord && door && sc.upper(q) && !sc.allUpperText() && T[q].flags&(fStop|fPersonal|fQuestion) == 0,
				T[q].kind == tkWord && door && !sc.upper(q) && T[q].flags&(fStop|fPersonal|fQuestion) == 0 && !dictionaryWord(w) && q <= e+3:
				e = q // the district and the city
			default:
				q = len(T)
				continue
			}
		}
		if !door && !street {
			continue
		}
		for e > k && T[e].kind == tkPunct {
			e--
		}
		sc.maskTurkishLine(s, e)
		k = e
	}
}

// maskTurkishLine masks tokens [s, e] as one address, taking in the spans
// other readers made inside it (names, dates, a "cad" read as a
// condition); a postcode keeps its own.
func (sc *scanner) maskTurkishLine(s, e int) {
	T := sc.toks
	a, b := T[s].s, T[e].e
	for c := range sc.cands {
		x := &sc.cands[c]
		if x.e > x.s && x.s >= a && x.e <= b && x.t != SpanZIP {
			x.e = x.s
		}
	}
	sc.addTok(s, e, SpanAddress, 0.8, prioAddress)
}

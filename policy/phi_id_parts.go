package policy

// Identifiers given in parts, with words that say which part: "my number
// starts 07700 and ends 900 123", "first bit of my MRN is 448, the rest
// is 2107", "last four of the social is 6620", "area code 312", "mi DNI
// empieza con 4712 y acaba en 0338K", "o cartão do SUS começa com 7001",
// "le numéro commence par 06 12". Each part is too short to be read as an
// identifier by its shape, and the cue stands words away from it; but the
// parts put together are the number, and the last four digits of a card
// or a social security number are themselves what a caller is asked to
// prove who they are with.

// partWords open the part of an identifier the writer gives next (the
// folded text): how it starts, how it ends, the first or last digits, the
// rest, an area code.
var partWords = []string{
	"starts", "start", "starting", "begins", "begin", "beginning", "ends", "end", "ending", "first", "last", "rest",
	"remaining", "area",
	"empieza", "empiezan", "comienza", "comienzan", "termina", "terminan", "acaba", "acaban", "primeros", "ultimos",
	"resto", "prefijo", "lada",
	"comeca", "comecam", "terminam", "primeiros", "restante", "ddd",
	"commence", "commencent", "termine", "terminent", "finit", "finissent", "premiers", "derniers", "reste", "indicatif", "l'indicatif",
}

// idNounWords name an identifier with no cue of their own among the
// identifier cues: the telephone and card words, which say a number
// given in parts is theirs.
var idNounWords = []string{
	"phone", "number", "numero", "mobile", "cell", "cellphone", "tel", "telephone", "landline", "telefono",
	"telefone", "celular", "cel", "movil", "portable", "fixe", "whatsapp", "card", "tarjeta", "cartao", "carte",
}

// idParts masks each part of an identifier that follows a part word, when
// an identifier is named in the same sentence before the value.
func (sc *scanner) idParts() {
	T := sc.toks
	prev := -1 // the last token of the part masked before, if any
	for p := range T {
		if T[p].trig&trigPartWord == 0 || T[p].claimed {
			continue
		}
		j := p + 1
		if sc.is(p, "area") {
			if !sc.is(p+1, "code") {
				continue
			}
			j++
		}
		t, named := sc.partCueBefore(p)
		area := sc.is(p, "area") || sc.is(p, "prefijo") || sc.is(p, "lada") || sc.is(p, "ddd") || sc.is(p, "indicatif") || sc.is(p, "l'indicatif")
		if area && !named {
			// An area code names its number by itself.
			t, named = SpanPhone, true
		}
		// Between the part word and the value: "four of the social is",
		// "con", "por", "com", "par", "in", "bit of my MRN is".
		for f := 0; f < 7 && j < len(T); f++ {
			if pt, ok := sc.partCueAt(j); ok {
				if !named {
					t, named = pt, true
				}
				j++
				continue
			}
			if !sc.partFiller(j) {
				break
			}
			j++
		}
		if !named {
			continue
		}
		// A part alone holds three digits at least ("serial ending in
		// 12" is too little to be anyone's); the second part of a number
		// already begun may be two ("zip begins 021, and ends in 38").
		minDigits := 3
		// So may an area code: "55" is Mexico City's, "21" Rio's.
		if area || prev >= 0 && p-prev <= 12 && !sc.sentenceEndBetween(prev, p) {
			minDigits = 2
		}
		end, ok := sc.partValue(j, minDigits)
		if !ok {
			continue
		}
		sc.addTok(j, end, t, 0.8, prioCueID)
		prev = end
	}
}

// sentenceEndBetween reports a full stop, question or exclamation mark
// or semicolon between tokens i and j.
func (sc *scanner) sentenceEndBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if sc.isP(k, '.') || sc.isP(k, '?') || sc.isP(k, '!') || sc.isP(k, ';') {
			return true
		}
	}
	return false
}

// partCueBefore looks back from part word p, within the sentence, for the
// identifier the part belongs to.
func (sc *scanner) partCueBefore(p int) (SpanType, bool) {
	for k := p - 1; k >= 0 && k >= p-10; k-- {
		if sc.isP(k, '.') && !(sc.attached(k) && sc.kind(k-1) == tkWord && sc.toks[k-1].e-sc.toks[k-1].s <= 3) || sc.isP(k, '?') || sc.isP(k, '!') || sc.isP(k, ';') {
			break // a sentence's end; "no.", "tel." are abbreviations
		}
		if t, ok := sc.partCueAt(k); ok {
			return t, true
		}
	}
	return "", false
}

// partCueAt reports an identifier named at token k, and the type its
// parts are masked as: a cue of the identifier readers, a postcode word,
// or a telephone or card word.
func (sc *scanner) partCueAt(k int) (SpanType, bool) {
	if k < 0 || k >= len(sc.toks) {
		return "", false
	}
	t := &sc.toks[k]
	if t.kind != tkWord {
		return "", false
	}
	if t.flags&fZipCue != 0 {
		return SpanZIP, true
	}
	for _, m := range sc.marks {
		if m.ts <= k && k < m.te && (m.e.cue == cueID || m.e.cue == cueSSN) {
			if m.e.cue == cueSSN {
				return SpanSSN, true
			}
			return m.e.idType, true
		}
	}
	if t.trig&trigIDNoun == 0 {
		return "", false
	}
	switch string(sc.txt(k)) {
	case "card", "tarjeta", "cartao", "carte":
		return SpanCard, true
	case "number", "numero":
		// "room number", "the number of pills": not a person's number.
		if sc.is(k+1, "of") || sc.is(k+1, "de") && !sc.is(k+2, "telefono") && !sc.is(k+2, "telefone") && !sc.is(k+2, "telephone") {
			return "", false
		}
		switch string(sc.word(k - 1)) {
		case "room", "bed", "floor", "ward", "bus", "route", "gate", "page", "platform", "seat", "table", "line", "version", "lot", "order":
			return "", false
		}
	}
	return SpanPhone, true
}

// partFiller reports a word or mark between a part word and its value:
// prepositions and verbs ("with", "in", "por", "com", "par", "is", "é"),
// articles and possessives, and how many digits the part holds ("last
// four", "first 3 digits").
func (sc *scanner) partFiller(j int) bool {
	t := &sc.toks[j]
	switch t.kind {
	case tkPunct:
		return t.punct == ':' || t.punct == '-' || t.punct == ','
	case tkNum:
		// A count of digits: "last 4 digits", "first 5 of".
		v, n := sc.num(j)
		return n == 1 && v > 0 && (sc.is(j+1, "digits") || sc.is(j+1, "digitos") || sc.is(j+1, "chiffres") ||
			sc.is(j+1, "numbers") || sc.is(j+1, "numeros") || sc.is(j+1, "of") || sc.is(j+1, "are") || sc.is(j+1, "is"))
	case tkWord:
		if d := digitWord(sc.txt(j)); d >= 2 && d <= 6 {
			return true // "last four", "primeros cinco"
		}
		switch string(sc.txt(j)) {
		case "with", "in", "by", "is", "are", "was", "were", "con", "por", "en", "com", "em", "par", "avec", "es", "e",
			"est", "c'est", "son", "sao", "sont", "the", "of", "my", "his", "her", "mi", "su", "mon", "ma", "meu",
			"minha", "seu", "sua", "do", "da", "de", "du", "del", "la", "el", "le", "o", "os", "los", "les", "digits",
			"digitos", "numeros", "numbers", "chiffres", "bit", "part", "parte", "partie", "it's", "its", "then",
			"and", "y", "et", "a", "are:", "dos", "das", "des", "being", "says":
			return true
		}
	}
	return false
}

// partValue reads a part's digits from token j: numbers, or codes holding
// digits, joined by spaces, dashes or dots ("900 123", "412-77",
// "0338K"), minDigits digits at least. A unit or a time after the digits says
// they are a quantity ("ends in 2 weeks", "starts at 9:30").
func (sc *scanner) partValue(j, minDigits int) (int, bool) {
	T := sc.toks
	if j >= len(T) || T[j].claimed || T[j].kind != tkNum && T[j].kind != tkAlnum {
		return 0, false
	}
	if sc.isP(j-1, '$') {
		return 0, false
	}
	end, digits := j, 0
	for k := j; k < len(T) && k < j+10; k++ {
		if k > j && (sc.isP(k, '-') || sc.isP(k, '.')) && !T[k].claimed {
			continue // "412-77", "88.41.07": the gap is checked below
		}
		if T[k].claimed || T[k].kind != tkNum && T[k].kind != tkAlnum {
			break
		}
		if k > j && !runGap(sc.n.b[T[end].e:T[k].s]) {
			break
		}
		w := sc.txt(k)
		if T[k].kind == tkAlnum && unitSuffix(w) && (len(w) < 3 || !isDigit(w[2])) {
			return 0, false // "starts 3pm", "ends in 2wks"; "0338K" is a code
		}
		for _, c := range w {
			if isDigit(c) {
				digits++
			}
		}
		end = k
	}
	if digits < minDigits || digits > 19 {
		return 0, false
	}
	n := end + 1
	if n < len(T) {
		if sc.isP(n, ':') && sc.kind(n+1) == tkNum || sc.isP(n, '%') || sc.isP(n, '.') && sc.kind(n+1) == tkNum && sc.attached(n+1) {
			return 0, false // a time, a share, a decimal
		}
		if T[n].kind == tkWord && (T[n].flags&(fDuration|fAgeUnit|fDoseUnit) != 0 || T[n].flags&fUnit != 0 && !sc.is(n, "of") && !sc.is(n, "de") ||
			sc.is(n, "am") || sc.is(n, "pm") || sc.is(n, "h") || sc.is(n, "o'clock") || sc.is(n, "horas") || sc.is(n, "heures")) {
			return 0, false
		}
	}
	return end, true
}

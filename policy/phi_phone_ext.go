package policy

// A telephone number's extension is part of the number: "312-555-0199
// x 204", "ext. 4410", "extension 12", "(21) 3876-5432 ramal 12", "01 45
// 72 38 16 poste 204", "0113 496 0841 // ext 7", "(ext. eleven)". Left
// out of the span, it is left readable beside the masked number, and the
// office line and extension together point at one person's desk.

// phoneExtensions carries each phone and fax number found so far over an
// extension written after it. A run of digits the digit reader could only
// call an identifier ("0113 496 0841", "01 45 72 38 16": numbers abroad
// that no North American shape fits) is a telephone number once an
// extension follows it, and is masked as one.
func (sc *scanner) phoneExtensions() {
	for ci := range sc.cands {
		c := &sc.cands[ci]
		if c.t != SpanPhone && c.t != SpanFax && !(c.t == SpanID && c.prio == prioDigits) {
			continue
		}
		end := sc.tokenEndingAt(c.e)
		if end < 0 {
			continue
		}
		s, e := sc.extensionAfter(end + 1)
		if e < 0 || s >= len(sc.toks) || sc.anyClaimed(s, e) {
			continue
		}
		c.e = sc.toks[e].e
		for k := s; k <= e; k++ {
			sc.toks[k].claimed = true
		}
		if c.t == SpanID {
			c.t = SpanPhone
		}
	}
}

// extensionAfter reads an extension after a number ending before token k,
// with what people type between the two: a comma, an opening bracket
// (closed after the extension), one or two slashes or a bar ("… // ext
// 7", "… | ext 12"). It returns the first and last tokens read, or -1.
func (sc *scanner) extensionAfter(k int) (int, int) {
	s := k
	paren := false
	switch {
	case sc.isP(k, ','):
		k++
	case sc.isP(k, '('):
		paren = true
		k++
	case sc.isP(k, '|'):
		k++
	case sc.isP(k, '/'):
		k++
		if sc.isP(k, '/') && sc.attached(k) {
			k++
		}
	}
	e := sc.extensionAt(k)
	if e < 0 {
		return s, -1
	}
	if paren && sc.isP(e+1, ')') {
		e++
	}
	return s, e
}

// extensionAt reads an extension starting at token k: "ext 12", "ext.
// 4410", "ext: 7", "extension 12", "x 204", "x204", "ext204", "#12" (after
// a number, "#" says "extension" too), "extensión 31", "anexo 12", "ramal
// 12", "poste 204", "int. 31", "interno 45", and the number said in words
// ("extension four two", "ext. eleven"). It returns the extension's last
// token, or -1.
func (sc *scanner) extensionAt(k int) int {
	if sc.kind(k) == tkAlnum {
		w := sc.txt(k)
		for _, p := range []string{"ext", "x"} {
			if len(w) > len(p) && len(w)-len(p) <= 6 && string(w[:len(p)]) == p && allDigits(w[len(p):]) {
				return k
			}
		}
		return -1
	}
	j := k
	switch {
	case sc.is(j, "ext") || sc.is(j, "extn") || sc.is(j, "x") || sc.is(j, "extension") || sc.is(j, "extensión") ||
		sc.is(j, "extensao") || sc.is(j, "anexo") || sc.is(j, "poste") || sc.is(j, "ramal") || sc.is(j, "interno"):
		j++
		if sc.isP(j, '.') || sc.isP(j, ':') || sc.isP(j, '#') {
			j++
		}
	case sc.is(j, "int") && sc.isP(j+1, '.'):
		// "int." alone: "int" without its dot is too many other things.
		j += 2
	case sc.isP(j, '#'):
		j++
	default:
		return -1
	}
	last := -1
	if v, n := sc.num(j); v >= 0 && n >= 1 && n <= 6 {
		last = j
	} else {
		last = sc.extensionWords(j)
	}
	if last < 0 || sc.is(last+1, "times") || sc.is(last+1, "veces") || sc.is(last+1, "fois") || sc.is(last+1, "vezes") {
		return -1 // "call 312-555-0199 x 2 times": a count, not an extension
	}
	return last
}

// extensionWords reads an extension said in words from token j: digit
// words one after another ("four two", "dos cero uno") or one number
// from ten to twenty ("eleven", "once", "onze"). It returns the last
// token, or -1.
func (sc *scanner) extensionWords(j int) int {
	if sc.kind(j) != tkWord {
		return -1
	}
	if teenNumberWord(sc.txt(j)) {
		return j
	}
	last := -1
	for k := j; k < j+6 && sc.kind(k) == tkWord && digitWord(sc.txt(k)) >= 0; k++ {
		last = k
	}
	// A lone "o", "un" or "um" is a word of the sentence, not a digit.
	if last == j && (sc.is(j, "o") || sc.is(j, "oh") || sc.is(j, "un") || sc.is(j, "um")) {
		return -1
	}
	return last
}

// teenNumberWord reports a number from ten to twenty said in English,
// Spanish, Portuguese or French, as an extension is read out.
func teenNumberWord(w []byte) bool {
	switch string(w) {
	case "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
		"diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho", "diecinueve", "veinte",
		"dez", "onze", "doze", "treze", "quatorze", "catorze", "quinze", "dezesseis", "dezasseis", "dezessete", "dezoito", "dezenove", "vinte",
		"dix", "treize", "seize", "vingt":
		return true
	}
	return false
}

func allDigits(w []byte) bool {
	for _, c := range w {
		if !isDigit(c) {
			return false
		}
	}
	return len(w) > 0
}

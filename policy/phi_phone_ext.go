package policy

// A telephone number's extension is part of the number: "312-555-0199
// x 204", "ext. 4410", "extension 12". Left out of the span, it is left
// readable beside the masked number, and the office line and extension
// together point at one person's desk.

// phoneExtensions carries each phone and fax number found so far over an
// extension written after it.
func (sc *scanner) phoneExtensions() {
	sc.growCandidates(func(t SpanType) bool { return t == SpanPhone || t == SpanFax }, func(_ SpanType, k int) (int, int) {
		if sc.isP(k, ',') {
			k++
		}
		return k, sc.extensionAt(k)
	})
}

// extensionAt reads an extension starting at token k: "ext 12", "ext.
// 4410", "ext: 7", "extension 12", "x 204", "x204", "ext204", "#12" (after
// a number, "#" says "extension" too), "extensión 31", "anexo 12". It
// returns the extension's last token, or -1.
func (sc *scanner) extensionAt(k int) int {
	digits := func(i int) bool {
		v, n := sc.num(i)
		return v >= 0 && n >= 1 && n <= 6
	}
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
		sc.is(j, "anexo") || sc.is(j, "poste"):
		j++
		if sc.isP(j, '.') || sc.isP(j, ':') || sc.isP(j, '#') {
			j++
		}
	case sc.isP(j, '#'):
		j++
	default:
		return -1
	}
	if !digits(j) || sc.is(j+1, "times") || sc.is(j+1, "veces") || sc.is(j+1, "fois") {
		return -1 // "call 312-555-0199 x 2 times": a count, not an extension
	}
	return j
}

func allDigits(w []byte) bool {
	for _, c := range w {
		if !isDigit(c) {
			return false
		}
	}
	return len(w) > 0
}

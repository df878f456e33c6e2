package policy

// A date written in digits often ends in a year said in words, the way it
// is spoken: "born march 14 nineteen sixty two", "dob is 9 march sixty
// two", "the 3rd of may, nineteen eighty". The date detectors stop at the
// last digit; the year is as much the identifier as the day, and a span
// that leaves it out leaves half the date readable.

// spelledYearTails carries each date or birth date found so far over a
// year said in words right after it. A two-word year without its century
// ("sixty two") is taken only after a birth date: after any other date it
// is as likely a count ("march 14 sixty people").
func (sc *scanner) spelledYearTails() {
	sc.growCandidates(func(t SpanType) bool { return t == SpanDate || t == SpanDOB }, func(t SpanType, y int) (int, int) {
		if sc.isP(y, ',') || sc.is(y, "of") || sc.is(y, "de") || sc.is(y, "del") {
			y++
		}
		e, ok := sc.spelledYear(y)
		if !ok && t == SpanDOB {
			e, ok = sc.centurylessYear(y)
		}
		if !ok || !sc.notUnit(e+1) {
			return y, -1
		}
		return y, e
	})
}

// growCandidates carries each candidate found so far whose type grow
// accepts over what tail reads right after it: tail gets the first token
// after the candidate and returns the tail's first and last tokens (last
// -1 when there is none). A tail another reader claimed is left to it.
func (sc *scanner) growCandidates(grow func(SpanType) bool, tail func(t SpanType, next int) (first, last int)) {
	for ci := range sc.cands {
		c := &sc.cands[ci]
		if !grow(c.t) {
			continue
		}
		end := sc.tokenEndingAt(c.e)
		if end < 0 {
			continue
		}
		s, e := tail(c.t, end+1)
		if e < 0 || s >= len(sc.toks) || sc.anyClaimed(s, e) {
			continue
		}
		c.e = sc.toks[e].e
		for k := s; k <= e; k++ {
			sc.toks[k].claimed = true
		}
	}
}

// centurylessYear reads a year said without its century, "sixty two",
// "sixty-two", "eighty": a tens word and an optional unit. It returns the
// last token.
func (sc *scanner) centurylessYear(i int) (int, bool) {
	if sc.kind(i) != tkWord || !tensWord(sc.word(i)) {
		return 0, false
	}
	e := i
	if sc.isP(e+1, '-') && sc.attached(e+1) && unitWord(sc.word(e+2)) {
		e += 2
	} else if unitWord(sc.word(e + 1)) {
		e++
	}
	return e, true
}

func tensWord(w []byte) bool {
	switch string(w) {
	case "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety":
		return true
	}
	return false
}

package policy

// A date whose day is in digits and whose year is in words: "March 14
// nineteen eighty-four", "born May 3, nineteen sixty-two", "el 5 de
// junio de mil novecientos setenta". dates() reads "March 14"; the year
// spelled after it belongs to the same date and, in a date of birth, is
// its most identifying part.

// spelledYearTails grows a date that ends just before a spelled year
// over that year.
func (sc *scanner) spelledYearTails() {
	dated := false
	for ci := range sc.cands {
		if sc.cands[ci].t == SpanDate || sc.cands[ci].t == SpanDOB {
			dated = true
			break
		}
	}
	if !dated {
		return // most messages have no date to grow
	}
	T := sc.toks
	for y := 1; y < len(T); y++ {
		if T[y].claimed || T[y].kind != tkWord {
			continue
		}
		if c := sc.n.b[T[y].s]; c != 'n' && c != 'e' && c != 't' && c != 'm' && c != 'd' {
			continue
		}
		// A date must end just before: test that first, it is cheap.
		p := y - 1
		if sc.isP(p, ',') || sc.is(p, "de") || sc.is(p, "del") {
			p--
		}
		if p < 0 || !T[p].claimed {
			continue
		}
		ye, ok := sc.spelledYear(y)
		if !ok {
			continue
		}
		for ci := range sc.cands {
			c := &sc.cands[ci]
			if (c.t == SpanDate || c.t == SpanDOB) && c.e == T[p].e {
				c.e = T[ye].e
				for k := p + 1; k <= ye; k++ {
					T[k].claimed = true
				}
				break
			}
		}
		y = ye
	}
}

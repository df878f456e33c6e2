package policy

// An e-mail address said in words whose part before the "at" is a whole
// name ("juan perez at yahoo dot com", "maria point lopez arobase …").
// It runs after the names, so a name inside the address joins the
// address; the structural reader (spelledEmails, phi_email_spoken.go)
// takes the addresses whose local part is one word or words joined by
// "dot", "underscore" and the like.

// spokenEmailsMore finds them.
func (sc *scanner) spokenEmailsMore() {
	if sc.trigAny&trigAtWord == 0 {
		return // every address read here turns on an "at" word
	}
	T := sc.toks
	for i := 1; i+3 < len(T); i++ {
		if T[i].kind != tkWord || !sc.atWord(i) {
			continue
		}
		// The domain: a word, then dot-words and parts, ending on a
		// top-level domain.
		r := i + 1
		if sc.kind(r) != tkWord && sc.kind(r) != tkAlnum {
			continue
		}
		end, dots := r, 0
		for {
			j := end + 1
			if !(sc.isP(j, '.') || sc.dotWord(j)) {
				break
			}
			j++
			if sc.kind(j) != tkWord && sc.kind(j) != tkAlnum {
				break
			}
			end, dots = j, dots+1
		}
		if dots == 0 || !spokenTLD(sc.txt(end)) {
			continue
		}
		// The part before: up to three words joined by dot-words or
		// underscores, or a given and family name side by side.
		l := i - 1
		if sc.kind(l) != tkWord && sc.kind(l) != tkAlnum || sc.toks[l].flags&(fStop|fResultWord) != 0 && !sc.nameLike(l) {
			continue
		}
		for n := 0; n < 3; n++ {
			p := l - 1
			if sc.dotWord(p) || sc.is(p, "underscore") || sc.is(p, "guion") || sc.is(p, "tiret") {
				if q := p - 1; q >= 0 && (sc.kind(q) == tkWord || sc.kind(q) == tkAlnum) && sc.toks[q].flags&(fStop|fResultWord) == 0 {
					l = q
					continue
				}
				break
			}
			if p >= 0 && sc.kind(p) == tkWord && sc.nameLike(p) && sc.nameLike(l) {
				l = p
				continue
			}
			break
		}
		if sc.spanCovered(l, end, SpanEmail) {
			i = end
			continue
		}
		sc.addTok(l, end, SpanEmail, 0.9, prioStructural)
		i = end
	}
}

// nameLike reports a word of a name: in the name lists or already read
// as one.
func (sc *scanner) nameLike(k int) bool {
	if k < 0 || k >= len(sc.toks) || sc.toks[k].kind != tkWord {
		return false
	}
	return sc.toks[k].flags&(fFirst|fSurname|fPopName) != 0 || sc.toks[k].claimed && sc.nameTok(k)
}

// spanCovered reports a candidate of type t covering tokens s..e.
func (sc *scanner) spanCovered(s, e int, t SpanType) bool {
	for ci := range sc.cands {
		c := &sc.cands[ci]
		if c.t == t && c.s <= sc.toks[s].s && sc.toks[e].e <= c.e {
			return true
		}
	}
	return false
}

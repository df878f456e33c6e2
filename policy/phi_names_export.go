package policy

// chatExportSenders finds the sender's name in a line pasted from a chat
// export: "[10:42, 3/4/2024] Piet: ask them…", "[22:48, 11/30/2023] ~
// Patience: 🙏 pls…" (WhatsApp on iPhone, "~" before a number not in the
// contacts) and "3/4/24, 10:42 - Bisi Adeyemi: ok" (on Android). The
// words between the time stamp and the colon are a person's name,
// whatever words they are; "You" and "Messages and calls are
// end-to-end encrypted" lines name no one.
func (sc *scanner) chatExportSenders() {
	if !sc.hasPunct(':') || !sc.numbersAny || !sc.hasPunct(']') && !(sc.hasPunct('-') && sc.hasPunct(',') && (sc.hasPunct('/') || sc.hasPunct('.'))) {
		return // a stamp: "[10:42, 3/4/2024]" or "3/4/24, 10:42 -"
	}
	T := sc.toks
	for k := 2; k+2 < len(T); k++ {
		// The stamp's end: "]" after a bracket holding a time, or "-"
		// after a time.
		var from int
		switch {
		case sc.isP(k, ']') && sc.timeBefore(k, true):
			from = k + 1
		case sc.isP(k, '-') && T[k].space && sc.timeBefore(k, false):
			from = k + 1
		default:
			continue
		}
		if sc.isP(from, '~') {
			from++
		}
		to := -1
		for q := from; q < len(T) && q < from+4; q++ {
			if sc.isP(q, ':') {
				to = q - 1
				break
			}
			if T[q].kind != tkWord && !(sc.isP(q, '-') && sc.attached(q) && sc.attached(q+1)) && !(sc.isP(q, '.') && sc.attached(q)) {
				break
			}
		}
		if to < from || sc.is(from, "you") && to == from {
			continue
		}
		// A desk, a team or a bot sends as a person does ("Clinic:",
		// "Front Desk:", "Clinic Bot:"): each word must be a name's, and
		// ordinary words alone ("Reception") are no name.
		claimed, person := false, false
		for q := from; q <= to; q++ {
			claimed = claimed || T[q].claimed || T[q].flags&(fNotName|fOrgNoun|fLabelNoun|fVisit) != 0
			person = person || T[q].kind == tkWord && (sc.isLex(q) || !dictionaryWord(sc.word(q))) ||
				sc.isP(q, '-') && sc.attached(q) && sc.attached(q+1) // "Ah-young", "Jean-Baptiste"
		}
		if !claimed && person && T[from].kind == tkWord {
			sc.addName(from, to, 0.8)
		}
	}
}

// timeBefore reports a clock time ("10:42", "9:01") just before token k,
// inside a bracket opened before it when bracketed is set: "[10:42,
// 3/4/2024]", "3/4/24, 10:42 -".
func (sc *scanner) timeBefore(k int, bracketed bool) bool {
	for q := k - 1; q >= 2 && q >= k-12; q-- {
		if bracketed && sc.isP(q, '[') {
			return false
		}
		if sc.isP(q, ':') && sc.attached(q) && sc.attached(q+1) && sc.kind(q-1) == tkNum && sc.kind(q+1) == tkNum {
			// The stamp holds a date too: "3/4/24, 10:42 -", "[10:42,
			// 3/4/2024]"; a time alone ("at 10:42 - Note: …") is no
			// export line.
			if !bracketed {
				return (q+1 == k-1 || q+2 == k-1 && sc.kind(k-1) == tkWord) && sc.isP(q-2, ',') && sc.slashBetween(q-8, q-2)
			}
			for b := q - 2; b >= 0 && b >= q-8; b-- {
				if sc.isP(b, '[') {
					return sc.slashBetween(b, k)
				}
			}
			return false
		}
	}
	return false
}

// slashBetween reports a date's "/" or "." between tokens a and b.
func (sc *scanner) slashBetween(a, b int) bool {
	for q := max(a, 0); q < b; q++ {
		if (sc.isP(q, '/') || sc.isP(q, '.')) && sc.attached(q) && sc.kind(q-1) == tkNum {
			return true
		}
	}
	return false
}

// emailHeaderNames finds the people a forwarded e-mail's header names
// after "To:", "Cc:" and "Bcc:" when a "From:" opens it: "From: Obadiah
// Fenwick To: front desk Cc: Ruth Ann Fenwick Subject: …". Capitalised
// words up to the next label or mark are the name; "to:" outside such a
// header ("Add to: Calendar") is no cue.
func (sc *scanner) emailHeaderNames() {
	if sc.trigAny&trigFromLabel == 0 {
		return // no "from"
	}
	T := sc.toks
	from := false
	for k := 0; k+2 < len(T); k++ {
		if T[k].kind != tkWord || !sc.isP(k+1, ':') {
			continue
		}
		switch {
		case T[k].trig&trigFromLabel != 0:
			from = true
			continue
		case from && (sc.is(k, "to") || sc.is(k, "cc") || sc.is(k, "bcc")):
		default:
			continue
		}
		s := k + 2
		e := s - 1
		for q := s; q < len(T) && q < s+4 && T[q].kind == tkWord && !T[q].claimed && sc.upper(q) && T[q].flags&(fNotName|fStop) == 0; q++ {
			e = q
		}
		if e >= s {
			sc.addName(s, e, 0.8)
		}
	}
}

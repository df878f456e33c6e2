package policy

// drawnNames finds a name typed with a letter held down, as chat shouts or
// sings it: "JASMINEEEE where are u", "❤️Tiaaaaa❤️ is home", "its
// annnnie". Each run of three or more of one letter is cut to one and to
// two, and a spelling the name lists hold that no dictionary does is the
// name ("pleeease", "sooo" are words drawn out and stay).
func (sc *scanner) drawnNames() {
	if !sc.drawnAny {
		return // lookup met no word drawn out
	}
	T := sc.toks
	for k := range T {
		// A drawn-out word is in no list (its flags are none), and a name
		// drawn out has five letters at least ("tiaaa").
		if T[k].e-T[k].s < 5 || T[k].flags != 0 || T[k].kind != tkWord || T[k].claimed || !drawnRun(sc.txt(k)) {
			continue
		}
		w := sc.txt(k)
		for _, keep := range []int{1, 2} {
			sc.key = collapseRuns(sc.key[:0], w, keep)
			// A listed name ("diego", "jasmine" capitalised), or one the
			// population tables hold that no dictionary does.
			e, ok := sc.lx.get(sc.key)
			if ok && e.flags&(fFirst|fSurname) != 0 && e.flags&(fStop|fClin|fNotName|fMonth) == 0 &&
				(e.flags&fNameWord == 0 || sc.upper(k)) ||
				!ok && len(sc.key) >= 3 && !dictionaryWord(sc.key) && sc.lx.people.lookup(sc.key) != 0 {
				sc.addName(k, k, 0.7)
				break
			}
			if ok || dictionaryWord(sc.key) {
				break // "pleeease", "sooo": a word drawn out
			}
		}
	}
}

// drawnRun reports one letter three or more times in a row in b. Such a
// run holds a pair that starts at an odd index, so only those are tried.
func drawnRun(b []byte) bool {
	for i := 1; i+1 < len(b); i += 2 {
		if c := b[i]; c == b[i+1] && (c == b[i-1] || i+2 < len(b) && c == b[i+2]) && c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// collapseRuns appends w to dst with each run of three or more of one
// letter cut to keep letters.
func collapseRuns(dst, w []byte, keep int) []byte {
	for i := 0; i < len(w); {
		j := i
		for j < len(w) && w[j] == w[i] {
			j++
		}
		n := j - i
		if n >= 3 {
			n = keep
		}
		for c := 0; c < n; c++ {
			dst = append(dst, w[i])
		}
		i = j
	}
	return dst
}

package policy

// restoreLeetWords reads words typed with digits for letters ("thr3w",
// "n1ght sw34ts", "k1ll1ng m3") as the words they spell: in the folded
// view the digits become the letters, so every rule reads the word, and
// the token is marked fuzzy like any other evasive spelling. Only a token
// of letters and look-alike digits, more letters than digits (as many in
// a word of six or more: "n4us34", not the plate group "li83"), unknown to the
// lists as typed and spelling an everyday or clinical word once restored
// is touched; codes ("ab1234", "10am", "4th", "1000mg") and names typed
// with digits (left to the name look-up) stay as typed. It reports
// whether it restored a word.
func (sc *scanner) restoreLeetWords() (restored bool) {
	T := sc.toks
	b := sc.n.b
	var buf [24]byte
	for i := range T {
		t := &T[i]
		if t.kind != tkAlnum || t.e-t.s < 3 || t.e-t.s > int32(len(buf)) {
			continue
		}
		w := b[t.s:t.e]
		letters := 0
		ok := true
		for _, c := range w {
			switch {
			case c >= 'a' && c <= 'z':
				letters++
			case c == '0' || c == '1' || c == '3' || c == '4' || c == '5' || c == '7' || c == '8':
			default:
				ok = false
			}
		}
		if !ok || letters < 2 || letters*2 < len(w) || letters*2 == len(w) && len(w) < 6 || ordinalWord(w) || unitSuffix(w) {
			continue
		}
		if e, known := sc.lx.get(w); known && (e.flags != 0 || e.cue != cueNone || e.nTok != 0 || e.phraseMax != 0) {
			continue // "a1c", "covid19": a word of the lists as typed
		}
		for _, one := range [2]byte{'i', 'l'} {
			r := buf[:len(w)]
			for p, c := range w {
				switch c {
				case '1':
					c = one
				default:
					c = leet(c)
				}
				r[p] = c
			}
			e, known := sc.lx.get(r)
			name := known && e.flags&(fFirst|fSurname|fPopName) != 0 && e.flags&(fClin|fBodyPart|fStop) == 0
			if known && !name || !known && len(r) >= 3 && dictionaryWord(r) {
				copy(w, r)
				t.kind = tkWord
				t.fuzzy, t.leet = true, true
				restored = true
				break
			}
		}
	}
	return restored
}

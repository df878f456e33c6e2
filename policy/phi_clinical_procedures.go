package policy

// Operations and scopes named by their word family: "-ectomy" (what is
// taken out), "-otomy"/"-ostomy" (what is opened), "-oscopy" (what is
// looked into), "-plasty" (what is rebuilt), in English, Spanish,
// Portuguese and French spellings, plus treatments patients name by
// their kind ("radiation"). "After her mastectomy", "my colonoscopy is
// tomorrow", "pre-op for the hysterectomy", "dad has radiation every
// morning" each tell what a person is treated for, as a specialty visit
// does; no list of operations could keep up with the family. The
// procedure must be someone's (careOwner: a possessive, a visit, a verb
// of having, a referral), or follow a word of timing around an operation
// ("after", "since", "pre-op for", "recovering from") in a message about
// a person; "how much is a colonoscopy?" or "do you do vasectomies?"
// asks the clinic and stays.

// procedureWord reports a word of the family.
func procedureWord(w []byte) bool {
	n := len(w)
	if n < 8 {
		return false
	}
	// Most words end otherwise: test the last two letters before any
	// comparison ("-my", "-py", "-ty", "-ia", "-ie", "-ies", "radiation").
	switch string(w[n-2:]) {
	case "my", "py", "ty", "ia", "ie", "es", "on":
	default:
		return false
	}
	switch string(w) {
	case "radiation", "radiotherapy", "radiotherapie", "radioterapia", "brachytherapy", "immunotherapy", "inmunoterapia":
		return true
	}
	if w[n-1] == 's' {
		// "-ectomies", "-oscopies": a plural is still someone's when owned.
		if n > 9 && string(w[n-3:]) == "ies" {
			w, n = w[:n-3], n-3
		} else {
			return false
		}
	} else if w[n-1] != 'y' && w[n-1] != 'a' && w[n-1] != 'e' {
		return false
	}
	for _, suf := range procedureSuffixes {
		if n > len(suf)+2 && string(w[n-len(suf):]) == suf {
			return true
		}
	}
	return false
}

// procedureSuffixes are the endings of the family, the plural's stem
// ("ectom" of "ectomies") included.
var procedureSuffixes = []string{"ectomy", "ectom", "otomy", "otom", "ostomy", "ostom", "oscopy", "oscop", "oplasty",
	"oplast", "ectomia", "otomia", "ostomia", "oscopia", "oplastia", "ectomie", "otomie", "ostomie", "oscopie",
	"oplastie"}

// procedureTiming reports a word that places a time around an operation:
// "after her mastectomy", "recovering from the hysterectomy", "pre-op
// for", "antes de la colonoscopia", "après ma coloscopie".
func procedureTiming(w []byte) bool {
	switch string(w) {
	case "after", "since", "before", "following", "from", "post", "pre", "op", "despues", "antes", "desde", "depois",
		"apres", "avant", "depuis":
		return true
	}
	return false
}

// procedures finds the operations and masks them with their owner.
func (sc *scanner) procedures() {
	T := sc.toks
	personal := -1
	b := sc.n.b
	for i := range T {
		// Length and last letter first: most tokens are short or end
		// otherwise, and this loop runs over most messages.
		t := &T[i]
		if t.e-t.s < 8 || t.kind != tkWord || t.claimed {
			continue
		}
		if c := b[t.e-1]; c != 'y' && c != 'a' && c != 'e' && c != 's' && c != 'n' || !procedureWord(b[t.s:t.e]) {
			continue
		}
		s := i
		if sc.flags(i-1)&(fBodyPart|fSide) != 0 {
			s = i - 1 // "knee arthroscopy", "left mastectomy"
		}
		if sc.flags(i+1)&fOrgNoun != 0 || sc.flags(i+1)&fLabelNoun != 0 || sc.is(i+1, "department") || sc.is(i+1, "dept") {
			continue // "the endoscopy unit", "radiation oncology": a place
		}
		e := i
		if careVisitNoun(sc.word(i + 1)) {
			e = i + 1
		}
		a, ok := sc.careOwner(s)
		if !ok {
			// "after her mastectomy" has its owner; "after the
			// hysterectomy", "pre-op for the colonoscopy" a timing word.
			p := s - 1
			if sc.is(p, "the") || sc.is(p, "a") || sc.is(p, "an") || sc.is(p, "la") || sc.is(p, "el") || sc.is(p, "le") || sc.is(p, "for") || sc.is(p, "de") {
				p--
			}
			if sc.is(p, "for") || sc.is(p, "de") {
				p--
			}
			if sc.isP(p, '-') {
				p-- // "pre-op", "post-op"
			}
			if !procedureTiming(sc.word(p)) {
				continue
			}
			a = p
			if sc.isP(p-1, '-') && procedureTiming(sc.word(p-2)) {
				a = p - 2
			}
		}
		if sc.anyClaimed(a, e) {
			continue
		}
		sc.addOwnedCare(a, e, &personal)
	}
}

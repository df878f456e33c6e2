package policy

// E-mail addresses said in words. Patients type an address this way when
// they dictate it to a phone, when they think a filter would eat the "@",
// or out of habit from forms that did: "juan at gmail dot com",
// "maria dot lopez at gmail dot com", "ana (at) outlook (dot) com",
// "pedro at sign gmail dot com", "luisa punto garcia arroba hotmail punto
// com", "marie point dupont arobase orange point fr". The whole address is
// the identifier, the local part's words included: a span that stops at
// "lopez" leaves "maria dot" to identify her.

// spelledEmails finds the addresses: a local part, an "at" word, and a
// domain of words joined by "dot" words that ends in a top-level domain;
// or, where the message speaks of e-mail, a well-known mail provider
// alone ("my email is dana88 at gmail").
func (sc *scanner) spelledEmails() {
	if sc.trigAny&trigAtWord == 0 {
		return // every address read here turns on an "at" word
	}
	T := sc.toks
	cue := -1 // whether the message speaks of e-mail, computed once when needed
	for i := 1; i+1 < len(T); i++ {
		if T[i].kind != tkWord || T[i].claimed || !sc.atWord(i) {
			continue
		}
		l, r := i-1, i+1
		if sc.attached(i) && (sc.openBracket(l) || sc.wrapMark(l)) {
			l--
		}
		if sc.attached(r) && (sc.closeBracket(r) || sc.wrapMark(r)) {
			r++
		}
		if sc.is(r, "sign") || sc.is(r, "symbol") {
			r++ // "at sign", "at symbol"
		}
		k := sc.kind(l)
		if l < 0 || !(k == tkWord || k == tkAlnum || k == tkNum) || T[l].claimed {
			continue
		}
		lastLocal := l
		for l > 0 && sc.attached(l) && (sc.kind(l-1) != tkPunct || sc.isP(l-1, '.') || sc.isP(l-1, '_') || sc.isP(l-1, '-')) {
			l--
		}
		// "maria dot lopez", "kim underscore lee", "tom dash baker".
		joined := false
		for {
			n := sc.localJoin(l - 1)
			if n == 0 {
				break
			}
			p := l - 1 - n // the token before the joining word(s)
			if pk := sc.kind(p); p < 0 || !(pk == tkWord || pk == tkAlnum || pk == tkNum) || T[p].claimed {
				break
			}
			l, joined = p, true
			for l > 0 && sc.attached(l) && (sc.kind(l-1) != tkPunct || sc.isP(l-1, '.') || sc.isP(l-1, '_') || sc.isP(l-1, '-')) {
				l--
			}
		}
		if sc.kind(r) != tkWord && sc.kind(r) != tkAlnum {
			continue
		}
		end, dots := sc.hyphenLabel(r), 0
		for {
			j := end + 1
			if (sc.openBracket(j) || sc.wrapMark(j)) && sc.dotWord(j+1) && (sc.closeBracket(j+2) || sc.wrapMark(j+2)) {
				j += 3
			} else if sc.dotWord(j) || sc.isP(j, '.') || sc.is(j, "period") {
				j++
			} else {
				break
			}
			if sc.kind(j) != tkWord && sc.kind(j) != tkAlnum {
				break
			}
			end, dots = sc.hyphenLabel(j), dots+1
		}
		switch {
		case dots > 0 && spokenTLD(sc.txt(end)) && (joined || !particleBeforeAt[string(sc.txt(lastLocal))]):
			// "log in at my-clinic-portal.org": a verb's particle before
			// "at" is no mailbox.
		case dots == 0 && mailProviders[string(sc.txt(r))] && !localStopWords[string(sc.txt(lastLocal))]:
			// A provider alone is an address only where the message is
			// about e-mail, or the local part looks like one ("dana88",
			// "kim underscore lee"): "I work at yahoo" is not.
			if cue < 0 {
				cue = 0
				if sc.emailCue() {
					cue = 1
				}
			}
			if cue == 0 && !joined && !sc.localLooksLikeAddress(l, i-1) {
				continue
			}
			end = r
		default:
			continue
		}
		// "video at tiktok.com/@dani.r", "at instagram dot com slash
		// tiago": a path after the domain is the same person's page.
		end = sc.spokenPath(sc.typedPath(end))
		sc.addTok(l, end, SpanEmail, 0.9, prioStructural)
		i = end
	}
}

// typedPath extends a domain ending at token end over a path typed
// right after it ("/@dani.r", "/7hWq2") and returns the path's last token.
func (sc *scanner) typedPath(end int) int {
	if !sc.isP(end+1, '/') || !sc.attached(end+1) {
		return end
	}
	T := sc.toks
	for end+1 < len(T) && sc.attached(end+1) && !T[end+1].claimed {
		if sc.kind(end+1) == tkPunct && !sc.attached(end+2) {
			break // a full stop or comma after the link
		}
		end++
	}
	return end
}

// spokenPath extends a link or address ending at token end over a path
// said in words: "slash tiago_t1", "slash ana dot souza dot 12", "barra
// ana". It returns the path's last token.
func (sc *scanner) spokenPath(end int) int {
	T := sc.toks
	part := func(k int) bool {
		return k < len(T) && !T[k].claimed && (sc.kind(k) == tkWord || sc.kind(k) == tkAlnum || sc.kind(k) == tkNum)
	}
	for (sc.is(end+1, "slash") || sc.is(end+1, "barra")) && part(end+2) {
		end += 2
		for {
			for end+1 < len(T) && sc.attached(end+1) && !T[end+1].claimed && (sc.isP(end+1, '_') || sc.kind(end+1) != tkPunct) {
				end++
			}
			if !sc.dotWord(end+1) || !part(end+2) {
				break
			}
			end += 2 // "ana dot souza"
		}
	}
	return end
}

// atWord reports whether token i says "@": at, arroba (Spanish,
// Portuguese), arobase (French): the words of trigAtWord.
func (sc *scanner) atWord(i int) bool {
	return uint(i) < uint(len(sc.toks)) && sc.toks[i].trig&trigAtWord != 0
}

// dotWords say "." in an address (trigDotWord).
var dotWords = []string{"dot", "punto", "point", "ponto", "punkt"}

// dotWord reports whether token i says "." in an address.
func (sc *scanner) dotWord(i int) bool {
	return uint(i) < uint(len(sc.toks)) && sc.toks[i].trig&trigDotWord != 0
}

// wrapMark reports a mark typed on both sides of "at" or "dot" to set it
// apart as a bracket would: "priya ~at~ outlook ~dot~ com", "olu -at-
// gmail -dot- com", "*at*".
func (sc *scanner) wrapMark(i int) bool {
	return sc.isP(i, '~') || sc.isP(i, '-') || sc.isP(i, '*') || sc.isP(i, '_') || sc.isP(i, '|')
}

// hyphenLabel returns the last token of a domain label that starts at
// token k and may hold hyphens ("work-mail").
func (sc *scanner) hyphenLabel(k int) int {
	for sc.isP(k+1, '-') && sc.attached(k+1) && sc.attached(k+2) && (sc.kind(k+2) == tkWord || sc.kind(k+2) == tkAlnum) {
		k += 2
	}
	return k
}

func (sc *scanner) openBracket(i int) bool {
	return sc.isP(i, '[') || sc.isP(i, '(') || sc.isP(i, '{') || sc.isP(i, '<')
}

func (sc *scanner) closeBracket(i int) bool {
	return sc.isP(i, ']') || sc.isP(i, ')') || sc.isP(i, '}') || sc.isP(i, '>')
}

// localJoin is how many tokens, ending at token i, say a character that
// joins two parts of an address's local part ("dot", "(dot)",
// "underscore", "guion bajo", "dash"); 0 when they do not.
func (sc *scanner) localJoin(i int) int {
	switch {
	case sc.closeBracket(i) && sc.dotWord(i-1) && sc.openBracket(i-2):
		return 3
	case sc.is(i, "bajo") && (sc.is(i-1, "guion") || sc.is(i-1, "guión")):
		return 2
	case sc.dotWord(i) || sc.is(i, "underscore") || sc.is(i, "underline") || sc.is(i, "dash") || sc.is(i, "hyphen") ||
		sc.is(i, "guion") || sc.is(i, "guión"):
		return 1
	}
	return 0
}

// emailCue reports whether the message speaks of e-mail.
func (sc *scanner) emailCue() bool {
	for i := range sc.toks {
		if sc.toks[i].kind != tkWord {
			continue
		}
		switch string(sc.txt(i)) {
		case "email", "emails", "emailed", "mail", "correo", "courriel", "inbox":
			return true
		case "e":
			if sc.isP(i+1, '-') && sc.is(i+2, "mail") {
				return true
			}
		}
	}
	return false
}

// localLooksLikeAddress reports whether tokens [l, e] hold something only
// an address has: a digit, or a '.', '_' or '-' inside.
func (sc *scanner) localLooksLikeAddress(l, e int) bool {
	for k := l; k <= e; k++ {
		for _, c := range sc.txt(k) {
			if isDigit(c) || c == '_' {
				return true
			}
		}
		if k > l && sc.attached(k) && (sc.isP(k, '.') || sc.isP(k, '-')) {
			return true
		}
	}
	return false
}

// mailProviders are the mail services patients name without their
// domain ("at gmail"). Companies that are also employers are left out
// unless the message speaks of e-mail (spelledEmails).
var mailProviders = map[string]bool{
	"gmail": true, "googlemail": true, "yahoo": true, "ymail": true, "hotmail": true, "outlook": true,
	"icloud": true, "aol": true, "protonmail": true, "proton": true, "gmx": true, "yandex": true,
	"zoho": true, "msn": true, "comcast": true, "verizon": true, "sbcglobal": true, "bellsouth": true,
	"earthlink": true, "prodigy": true, "terra": true, "uol": true, "bol": true, "orange": true,
	"wanadoo": true, "free": true, "laposte": true, "sfr": true,
}

// localStopWords are words before "at" that are not a local part even
// when the next word is a provider: "works at yahoo", "me at gmail".
var localStopWords = map[string]bool{
	"is": true, "was": true, "me": true, "us": true, "you": true, "him": true, "her": true, "them": true,
	"it": true, "work": true, "works": true, "worked": true, "working": true, "job": true, "look": true,
	"check": true, "meet": true, "see": true, "be": true, "am": true, "are": true, "or": true, "and": true,
	"to": true, "email": true, "mail": true, "correo": true, "sent": true, "send": true, "write": true,
	"reach": true, "contact": true, "account": true, "address": true, "interview": true, "intern": true,
	"one": true, "only": true, "even": true, "just": true, "not": true, "also": true, "still": true,
}

// particleBeforeAt are the particles of verbs that take "at" after them:
// "log in at", "sign up at", "check in at", "drop off at": the word
// before "at" there is no mailbox.
var particleBeforeAt = wordSetOf([]string{"in", "on", "up", "out", "off", "back", "here", "there", "online"})

// spokenTLD reports whether w ends a spoken address: the top-level
// domains of links (tlds) and the country domains of the places the
// clinic's patients write from.
func spokenTLD(w []byte) bool {
	return tlds[string(w)] || spokenCountryTLDs[string(w)]
}

// Only after an "at" word and a "dot" word is a word read as one of
// these, so "de", "it", "in" and "do" are safe here though not in links.
var spokenCountryTLDs = map[string]bool{
	"fr": true, "br": true, "pt": true, "nl": true, "ie": true, "au": true, "nz": true, "ph": true,
	"ru": true, "pl": true, "za": true, "ng": true, "gt": true, "cr": true, "ve": true, "ec": true,
	"uy": true, "sv": true, "hn": true, "bo": true, "py": true, "ni": true, "pa": true, "cu": true,
	"ht": true, "jm": true, "vn": true, "cn": true, "jp": true, "kr": true, "tw": true, "hk": true,
	"de": true, "it": true, "be": true, "ch": true, "in": true, "do": true, "pr": true,
}

// spokenURLs finds web addresses said in words, as a voice note or a
// wary writer gives them: "www dot annasbakes dot com", "instagram dot
// com slash tiago_t1", "meusite ponto com ponto br". The labels are
// joined by "dot" words and end in a top-level domain; "slash" words add
// the path. A first label that is a function word ("the dot com
// bubble") starts none.
func (sc *scanner) spokenURLs() {
	T := sc.toks
	for i := 0; i+2 < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord && T[i].kind != tkAlnum || !sc.dotWord(i+1) {
			continue
		}
		// A site's name is seldom a word of the language: "clinic dot
		// com" is talk of a company, "annasbakes dot com" a site.
		www := sc.is(i, "www")
		if !www && (T[i].flags&fStop != 0 || T[i].e-T[i].s < 3 || sc.dotWord(i) || T[i].flags&fClin != 0 ||
			T[i].kind == tkWord && dictionaryWord(sc.txt(i))) {
			continue
		}
		end, dots := i, 0
		for sc.dotWord(end+1) && (sc.kind(end+2) == tkWord || sc.kind(end+2) == tkAlnum) && !T[end+2].claimed {
			end, dots = end+2, dots+1
			if spokenTLD(sc.txt(end)) && !sc.dotWord(end+1) {
				break
			}
		}
		if dots == 0 || !spokenTLD(sc.txt(end)) || www && dots < 2 {
			continue
		}
		end = sc.spokenPath(end) // "slash tiago_t1", "barra ana"
		sc.addTok(i, end, SpanURL, 0.8, prioStructural)
		i = end
	}
}

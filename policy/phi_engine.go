package policy

import (
	"bytes"
	"net/netip"
	"slices"
	"strings"
	"sync"
)

// Span priorities: when two detectors claim overlapping text, the more
// specific, validated one wins.
const (
	prioStructural = 90 // email, URL, IP
	prioValidated  = 85 // checksum-valid card, VIN, DEA, MBI
	prioCueID      = 80 // identifier after a context word
	prioDigits     = 75 // phone, SSN, fax from digit shape
	prioDate       = 70
	prioAddress    = 65
	prioZIP        = 60
	prioAge        = 60
	prioName       = 50
	prioCatchAll   = 40
	prioClinical   = 20
)

// cand is a candidate span in folded offsets.
type cand struct {
	s, e int32
	t    SpanType
	conf float32
	prio int8
	// cs, ce is the term a clinical statement grew from (zero when it
	// did not grow): where a stronger span cuts the statement, only the
	// part holding the term is kept.
	cs, ce int32
}

// mark is a lexicon hit: tokens [ts, te) matched entry e.
type mark struct {
	ts, te int
	e      lexEntry
}

// scanner holds the per-call working buffers; pooled so Detect does not
// allocate for a clean message.
type scanner struct {
	// dropped holds the date candidates a street reader gave back to a
	// street's name while it reads (addressES).
	dropped []droppedDate
	lx      *lexicon
	n       normText
	toks    []token
	marks   []mark
	cands   []cand
	kept    []cand
	key     []byte
	digits  []byte
	groups  []int
	taken   []bool
	// upperText caches allUpperText: 0 unknown, 1 no, 2 yes.
	upperText uint8
	// placeholder is set for layout filler ("lorem ipsum dolor sit
	// amet"): the guesses that read unknown words as names or as
	// misspelt drugs are off; structural identifiers still count.
	placeholder bool
	// stmtAny and flagsAny are the union of the tokens' statement classes
	// and lexicon flags: a rule whose words are absent from the message
	// is skipped without walking its tokens.
	stmtAny  stmtClass
	flagsAny uint64
	// placeAny says which shapes the place, identifier and age readers
	// need the message holds (placeShapes); set by run after lookup.
	placeAny uint16
	// roleAny is the union of the tokens' name-position roles.
	roleAny uint16
	// kinds has a bit per token kind the message holds (1<<tkAlnum…).
	kinds uint8
	// puncts holds, a bit per ASCII byte, the punctuation tokens of the
	// message (hasPunct).
	puncts [2]uint64
	// trigAny is the union of the tokens' rule triggers
	// (phi_triggers.go): a reader whose words are absent returns at once.
	trigAny ruleTrigger
	// numbersAny says some token is a number or a code (tkNum, tkAlnum)
	// as tokenized. Readers that start only at such a token skip a
	// message without one; no later step makes one (a code may turn into
	// a word or a number, a word never into either).
	numbersAny bool
	// gluedSymbol: some word holds a symbol typed for a letter
	// ("chl@mydia"); set by run, read by typedToDodge.
	gluedSymbol bool
	// drawnAny is set by lookup when a word no list holds has one letter
	// three times in a row ("JASMINEEEE"): drawnNames runs only then.
	drawnAny bool
	// noEvasive remembers, by hash, words of earlier messages that no
	// inflection or misspelling look-up matched (evasiveEntry): unknown
	// words (names, ordinary words no list holds) recur from message to
	// message, and the misspelling look-up compares each with dozens of
	// drug names. A slot holds a word's 64-bit hash, never its text, and
	// a new word takes the slot of an old one; two words sharing a hash
	// (odds of about 2^-63 for any pair) would make the second skip the
	// look-up.
	noEvasive [4096]uint64
}

var (
	engineOnce sync.Once
	engineLex  *lexicon
	engineErr  error
	scanPool   = sync.Pool{New: func() any { return new(scanner) }}
)

// lexiconOrPanic returns the compiled lexicon. The lexicons are embedded in
// the binary, so a failure here is a build defect, not a runtime condition.
func lexiconOrPanic() *lexicon {
	engineOnce.Do(func() { engineLex, engineErr = buildLexicon() })
	if engineErr != nil {
		panic("policy: embedded lexicons are broken: " + engineErr.Error())
	}
	return engineLex
}

// txt, is, isP, kind and flags read token i, tolerating out-of-range i.
func (sc *scanner) txt(i int) []byte { return sc.n.b[sc.toks[i].s:sc.toks[i].e] }

// word is token i's text, or nil when i is outside the message.
func (sc *scanner) word(i int) []byte {
	if i < 0 || i >= len(sc.toks) {
		return nil
	}
	return sc.txt(i)
}

func (sc *scanner) is(i int, w string) bool {
	// Lengths first: most calls compare a word with one of another
	// length, and this is the detector's most frequent question.
	if uint(i) >= uint(len(sc.toks)) {
		return false
	}
	t := &sc.toks[i]
	return int(t.e-t.s) == len(w) && string(sc.n.b[t.s:t.e]) == w
}

func (sc *scanner) isP(i int, c byte) bool {
	if uint(i) >= uint(len(sc.toks)) {
		return false
	}
	t := &sc.toks[i]
	return t.kind == tkPunct && t.punct == c
}

func (sc *scanner) kind(i int) uint8 {
	if i < 0 || i >= len(sc.toks) {
		return 0
	}
	return sc.toks[i].kind
}

func (sc *scanner) flags(i int) uint64 {
	if i < 0 || i >= len(sc.toks) {
		return 0
	}
	return sc.toks[i].flags
}

// hasPunct reports a punctuation token c in the message. Every byte
// that is neither a letter (isWordByte) nor a digit nor a space is a
// punctuation token of its own, and all of them are ASCII.
func (sc *scanner) hasPunct(c byte) bool {
	return c < 128 && sc.puncts[c>>6]&(1<<(c&63)) != 0
}

// attached reports that token i follows token i-1 with no space.
func (sc *scanner) attached(i int) bool {
	return i > 0 && i < len(sc.toks) && !sc.toks[i].space
}

// addTok records a candidate covering tokens [ti, tj] inclusive and claims
// those tokens so later, weaker detectors skip them.
func (sc *scanner) addTok(ti, tj int, t SpanType, conf float32, prio int8) {
	sc.cands = append(sc.cands, cand{s: sc.toks[ti].s, e: sc.toks[tj].e, t: t, conf: conf, prio: prio})
	for k := ti; k <= tj; k++ {
		sc.toks[k].claimed = true
	}
}

// addBytes records a candidate in folded byte offsets, claiming the tokens
// it covers.
func (sc *scanner) addBytes(s, e int, t SpanType, conf float32, prio int8) {
	sc.cands = append(sc.cands, cand{s: int32(s), e: int32(e), t: t, conf: conf, prio: prio})
	// Tokens are in text order: find the first one ending after s.
	lo, hi := 0, len(sc.toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(sc.toks[m].e) <= s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for k := lo; k < len(sc.toks) && int(sc.toks[k].s) < e; k++ {
		sc.toks[k].claimed = true
	}
}

func (sc *scanner) anyClaimed(ti, tj int) bool {
	for k := ti; k <= tj; k++ {
		if sc.toks[k].claimed {
			return true
		}
	}
	return false
}

// run analyses text and leaves the resolved spans in sc.kept.
func (sc *scanner) run(text string) {
	sc.lx = lexiconOrPanic()
	sc.n.reset(text)
	sc.toks = tokenize(sc.n.b, sc.toks)
	if len(sc.n.spelled) > 0 {
		sc.markSpelled()
	}
	sc.marks = sc.marks[:0]
	sc.cands = sc.cands[:0]
	sc.kept = sc.kept[:0]
	sc.upperText = 0
	sc.placeholder = false
	sc.stmtAny, sc.flagsAny, sc.trigAny = 0, 0, 0
	if len(sc.toks) == 0 {
		return
	}
	kinds := uint8(0)
	sc.puncts = [2]uint64{}
	sc.gluedSymbol = false
	sc.drawnAny = false
	// The rules ask whether a word is capitalised many times over; the
	// answer depends on the written text alone. In ASCII a folded byte
	// sits where the typed one does, and this pass sets it.
	asciiCaps, orig := sc.n.ident && sc.n.hasUpper, sc.n.orig
	for i := range sc.toks {
		t := &sc.toks[i]
		kinds |= 1 << (t.kind & 7) // kinds are 1 to 4: the mask spares the shift its overflow test
		if asciiCaps {
			t.capital = orig[t.s]-'A' < 26
		}
		if t.kind == tkPunct {
			sc.puncts[t.punct>>6&1] |= 1 << (t.punct & 63)
			if leetSymbol(t.punct) && !sc.gluedSymbol {
				sc.gluedSymbol = sc.symbolInWord(i)
			}
		}
	}
	sc.kinds = kinds
	sc.numbersAny = kinds&(1<<tkNum|1<<tkAlnum) != 0
	switch {
	case asciiCaps:
		// Set above.
	case sc.n.hasUpper:
		for i := range sc.toks {
			sc.toks[i].capital = sc.capitalAt(i)
		}
	}
	if kinds&(1<<tkAlnum) != 0 {
		sc.confusableDigits() // letters for digits are in a code's letters
		if sc.restoreLeetWords() {
			sc.kinds |= 1 << tkWord // "thr3w" reads as a word now
		}
	}
	if sc.numbersAny {
		sc.readNumbers()
	}
	sc.lookup()
	sc.placeAny = sc.placeShapes() // kinds, bytes, flags and triggers are final
	sc.structural()
	sc.macAddresses()
	sc.cueIDs()
	if sc.trigAny&trigPartWord != 0 && sc.numbersAny {
		sc.idParts()
	}
	sc.cuedPostcodes()
	sc.validated()
	sc.dates()
	sc.spelledDates()
	sc.dateLeads()
	sc.spelledYearTails()
	if sc.flagsAny&fDOBCue != 0 || sc.trigAny&trigBornFr != 0 {
		sc.birthDateParts()
	}
	sc.ages()
	sc.birthYears()
	sc.digitRuns()
	sc.spelledDigits()
	sc.postcodesApart()
	sc.doorNumbers()
	if sc.trigAny&trigAddrLabel != 0 && sc.numbersAny {
		sc.labelledAddressParts()
	}
	sc.addresses()
	if sc.trigAny&trigCorner != 0 || sc.flagsAny&fStreetSuffix != 0 {
		sc.cornerAddresses()
	}
	sc.nomenclatureStreets()
	sc.eastAsianDivisions()
	sc.numberedParts()
	sc.placesIntl()
	sc.placeDistricts()
	sc.postcodes()
	sc.zips()
	sc.placesBeforeTails()
	sc.addressTails()
	if sc.placeAny&shDigits != 0 {
		sc.postcodeLines()
	}
	sc.unitsBefore()
	sc.addressLines()
	sc.commaLines()
	sc.residenceLines()
	if sc.flagsAny&fAddrCue != 0 {
		sc.cuedUnitLines()
	}
	sc.placeMentions()
	if sc.placeAny&shDigits != 0 {
		sc.postcodesAfterTown()
	}
	sc.agesIntl()
	sc.idsIntl()
	sc.phoneExtensions()
	sc.idPrefixes()
	if sc.trigAny&trigTurkishMah != 0 {
		sc.turkishAddresses()
	}
	sc.names()
	sc.givenAfterFamily()
	sc.otherScriptNames()
	sc.positionalNames()
	sc.modalNames()
	if sc.n.hasUpper && sc.n.ident && sc.trigAny&(trigFiniteVerb|trigWillWould) != 0 {
		sc.shortNamesOpening()
	}
	if sc.n.hasUpper && sc.flagsAny&fNameWord != 0 {
		sc.wordNamesOpening()
	}
	if sc.n.hasUpper && sc.placeAny&shLetter != 0 && sc.hasPunct('.') {
		sc.initialsBeforeName() // dotted initials
	}
	sc.catchAll()
	if len(sc.cands) > 0 && (sc.numbersAny || sc.trigAny&trigDigitWord != 0) {
		sc.repeatedCodes()
	}
	sc.clinical()
	sc.resolve()
}

// noEntry is the entry of a word no list holds; lookup points at it and
// never writes through it.
var noEntry lexEntry

// lookup attaches lexicon entries to tokens and records cue and clinical
// hits, longest phrase first.
func (sc *scanner) lookup() {
	lx := sc.lx
	T := sc.toks
	text := sc.n.b // the tokens' text, read without reloading it through sc
	var own lexEntry
	for i := range T {
		if T[i].kind == tkWord || T[i].kind == tkAlnum {
			w := text[T[i].s:T[i].e]
			// getTagged written out: the entry and tags are read in
			// place rather than copied out and back for every word. e
			// points at the index's entry or at noEntry, never written
			// through, or at own when a fallback below found another
			// (each fallback sets own whole).
			e := &noEntry
			ok := false
			if s := lx.index.find(w); s.n != 0 {
				tags := &lx.index.tags[s.idx]
				T[i].trig, T[i].wordRole, T[i].second = tags.trig, tags.role, tags.second
				sc.trigAny |= tags.trig
				if s.listed {
					e, ok = &lx.index.ents[s.idx], true
					T[i].stmt = e.stmt
				}
			}
			if ok && e.flags == 0 && e.cue == cueNone && e.nTok == 0 && e.phraseMax == 0 {
				ok = false // a statement word only: unknown to the lists
			}
			if !ok && len(w) > 3 && w[len(w)-2] == '\'' && w[len(w)-1] == 's' {
				// Possessive: "Luis's mom" looks up "luis".
				own, ok = lx.get(w[:len(w)-2])
				e = &own
				if !ok || e.nTok == 0 {
					// "Crohn's", "Alzheimer's": the name of a disease.
					sc.key = append(append(sc.key[:0], w[:len(w)-2]...), 's')
					if ce, found := lx.get(sc.key); found && ce.flags&fClin != 0 {
						own, ok = ce, true
					}
				}
			}
			if !ok && len(w) > 4 && w[1] == '\'' && (w[0] == 'l' || w[0] == 'd') {
				// French elides the article into the word: "de
				// l'hypertension", "maladie d'Alzheimer". Only a clinical
				// term is read through it; names keep their own road.
				if ce, found := lx.get(w[2:]); found && ce.flags&fClin != 0 && ce.nTok <= 1 {
					own, ok = ce, true
					e = &own
				}
			}
			var wh uint64 // hashWord(w), once taken for the population tables
			hashed := false
			if !ok && T[i].kind == tkWord && len(w) >= 3 {
				if len(w) >= 5 && !sc.drawnAny {
					sc.drawnAny = drawnRun(w)
				}
				// A word no list knows may still be a name the population
				// tables hold ("okafor", "xiomara").
				pw := w
				if bytesHasPossessive(pw) {
					pw = pw[:len(pw)-2]
				}
				ph := hashWord(pw)
				tag := uint64(0)
				if len(pw) == len(w) {
					wh, hashed = ph, true // evasiveEntry hashes the same word
				}
				// A word evasiveEntry remembers as coming to nothing came
				// this way before (the steps above depend on the word
				// alone) and the tables did not hold it then either.
				if !hashed || sc.noEvasive[(ph|1)%uint64(len(sc.noEvasive))] != ph|1 {
					tag = lx.people.lookupHash(ph)
				}
				if tag == 0 && len(w) >= 6 && len(pw) == len(w) && familyNameEnding(w) {
					tag = nameFamily // "dumitrescu", "gelashvili": a family name by its ending
				}
				if tag != 0 {
					own = lexEntry{nTok: 1, flags: fPopName}
					if tag&nameGiven != 0 {
						own.flags |= fFirst
					}
					if tag&nameFamily != 0 {
						own.flags |= fSurname
					}
					e, ok = &own, true
				}
			}
			if !ok || e.nTok == 0 {
				// Not a word of its own (at most the start of a phrase):
				// try its evasive or inflected forms.
				if ev, found := sc.evasiveEntry(i, wh, hashed); found {
					ev.flags |= e.flags & fPhraseStart
					ev.phraseMax = max(ev.phraseMax, e.phraseMax)
					own, e, ok = ev, &own, true
					T[i].fuzzy = true
				}
			}
			if ok && e.nTok <= 1 {
				T[i].ent = *e
				T[i].flags = e.flags
			}
			sc.stmtAny |= T[i].stmt
			sc.flagsAny |= T[i].flags
		}
	}
	if sc.flagsAny&fFirst != 0 && sc.flagsAny&fClin != 0 {
		for i := range T {
			if T[i].flags&(fFirst|fClin) == fFirst|fClin && sc.givenBeforeSurname(i) {
				// "Dolores Castillo called": a given name that is also a
				// clinical word ("dolores", pains), capitalised before a
				// family name, is the person, not the complaint.
				T[i].flags &^= fClin
				T[i].ent.flags &^= fClin
			}
		}
	}
	skip := 0
	sc.roleAny = 0
	b, ident := sc.n.b, sc.n.ident
	for i := range T {
		// Token i's flags are final here: phrases only reach forward.
		// noteRole's commonest case, an ASCII word of three letters or
		// more that is not a possessive, is written out: its roles are
		// those lookup found for the word.
		// So are its cases for numbers and codes (no role) and for
		// punctuation (punctRole, never rOne).
		switch t := &T[i]; {
		case t.kind == tkWord && ident && t.e-t.s >= 3 && t.flags&fNameWord == 0 && b[t.e-2] != '\'':
			t.role = t.wordRole
			sc.roleAny |= t.wordRole
		case t.kind == tkNum || t.kind == tkAlnum:
			t.role = 0
		case t.kind == tkPunct:
			r := sc.punctRole(i)
			t.role = r
			sc.roleAny |= r
		default:
			sc.noteRole(i)
		}
		if i < skip {
			continue
		}
		// phraseBound's first answers, asked here without the call: no
		// phrase is two words long or more at the end of the message, or
		// before a looked-up word that is no phrase's second word.
		if T[i].flags&fPhraseStart != 0 && T[i].ent.phraseMax >= 2 && i+1 < len(T) &&
			(T[i+1].kind != tkWord || T[i+1].second || T[i+1].fuzzy) {
			matched := false
			for L := min(int(T[i].ent.phraseMax), len(T)-i, sc.phraseBound(i)); L >= 2; L-- {
				sc.key = sc.key[:0]
				for k := i; k < i+L; k++ {
					if k > i {
						sc.key = append(sc.key, ' ')
					}
					if T[k].kind == tkAlnum || T[k].fuzzy {
						// "sh0rtness of breath", "viral l0ad": the phrase
						// is read with letters for the digits typed.
						var buf [32]byte
						sc.key = append(sc.key, sc.phraseWord(k, buf[:0])...)
						continue
					}
					sc.key = append(sc.key, text[T[k].s:T[k].e]...)
				}
				e, ok := lx.get(sc.key)
				if !ok || int(e.nTok) != L {
					continue
				}
				// The phrase's roles belong to its last word ("zip code",
				// "date of birth"), so look-behind checks see them.
				T[i+L-1].flags |= e.flags &^ fPhraseStart
				sc.flagsAny |= e.flags
				if e.cue == cueNone && e.flags&fClin == 0 {
					// A phrase that only sets flags ("pain level", "zip
					// code") leaves its words free for their own marks
					// and shorter phrases.
					continue
				}
				sc.marks = append(sc.marks, mark{ts: i, te: i + L, e: e})
				if e.flags&fClin != 0 {
					for k := i; k < i+L; k++ {
						T[k].inClin = true
					}
				}
				skip = i + L
				matched = true
				break
			}
			if matched {
				continue
			}
		}
		if T[i].ent.cue != cueNone || T[i].ent.flags&fClin != 0 {
			sc.marks = append(sc.marks, mark{ts: i, te: i + 1, e: T[i].ent})
		}
	}
	if sc.roleAny&rOne != 0 { // every one-letter word has rOne; each abbreviation starts with one
		sc.dottedAbbrev()
	}
	latin := 0
	for i := 0; i < len(T) && sc.flagsAny&fLatin != 0; i++ {
		if T[i].flags&fLatin != 0 {
			latin++
		}
	}
	if latin >= 3 {
		sc.placeholder = true
		for i := range T {
			if T[i].fuzzy {
				T[i].flags &^= fClin
			}
		}
	}
}

var tlds = map[string]bool{"com": true, "net": true, "org": true, "edu": true, "gov": true, "mx": true,
	"es": true, "io": true, "co": true, "us": true, "info": true, "me": true, "biz": true, "ar": true,
	"cl": true, "pe": true, "uk": true, "ca": true, "health": true, "app": true, "ly": true, "gl": true}

func isLocalByte(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'z') || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c >= 0x80
}

func isDomainByte(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'z') || c == '.' || c == '-' || c >= 0x80
}

// spacedEmail reads an e-mail address around the '@' at p typed with a
// space on either side of the '@' or of the last dot, to slip past a
// filter or by a phone's keyboard: "john @ gmail . com", "john@ gmail.com",
// "john @gmail.com", "john@gmail .com". The top-level domain must be one
// people use (tlds), so "meet @ noon. ok" stays.
func spacedEmail(b []byte, p int) (int, int, bool) {
	spaced := false
	l := p
	if l > 0 && b[l-1] == ' ' {
		l--
		spaced = true
	}
	ls := l
	for ls > 0 && isLocalByte(b[ls-1]) {
		ls--
	}
	for ls < l && (b[ls] == '.' || b[ls] == '-') {
		ls++
	}
	if ls == l {
		return 0, 0, false
	}
	d := p + 1
	if d < len(b) && b[d] == ' ' {
		d++
		spaced = true
	}
	de := d
	for de < len(b) && isDomainByte(b[de]) && b[de] != '.' {
		de++
	}
	if de == d {
		return 0, 0, false
	}
	// The rest of the domain: ".com", " . com", " .com", ". com", or
	// more labels glued on (".co.uk").
	for de < len(b) {
		q := de
		if q < len(b) && b[q] == ' ' {
			q++
		}
		if q >= len(b) || b[q] != '.' {
			break
		}
		q++
		if q < len(b) && b[q] == ' ' {
			q++
		}
		te := q
		for te < len(b) && isDomainByte(b[te]) && b[te] != '.' {
			te++
		}
		if te == q || !tlds[string(b[q:te])] && (te < len(b) && b[te] != '.' || te-q < 2) {
			break
		}
		if q-de > 1 {
			spaced = true
		}
		de = te
	}
	if !spaced || !tlds[string(b[bytes.LastIndexAny(b[:de], ". ")+1:de])] {
		return 0, 0, false
	}
	return ls, de, true
}

// roleMailboxes are the mailboxes an organisation answers from, not a
// person's: "info@", "appointments@", "scripts@riversideclinic.org". A
// patient asking which of the clinic's addresses to write to discloses
// nothing about anyone.
var roleMailboxes = wordSetOf([]string{"info", "contact", "contacto", "contato", "appointments", "appointment", "appts",
	"bookings", "booking", "reception", "frontdesk", "front.desk", "office", "admin", "billing", "scripts",
	"prescriptions", "refills", "referrals", "records", "medicalrecords", "enquiries", "inquiries", "hello", "help",
	"support", "noreply", "no-reply", "donotreply", "citas", "recepcion", "recepcao", "accueil", "secretariat",
	"secretaria", "nurses", "nursing", "pharmacy", "lab", "results", "feedback", "complaints", "privacy", "webmaster"})

// roleMailbox reports a mailbox name (the part before the "@") that is
// one of roleMailboxes.
func roleMailbox(local []byte) bool { return roleMailboxes[string(local)] }

// structural finds emails (plain and spelled out), handles, URLs and IPs.
func (sc *scanner) structural() {
	b := sc.n.b
	if sc.hasPunct('@') { // every '@' of the text is a punctuation token
		for p := 0; p < len(b); p++ {
			if b[p] != '@' {
				continue
			}
			ls := p
			for ls > 0 && isLocalByte(b[ls-1]) {
				ls--
			}
			for ls < p && (b[ls] == '.' || b[ls] == '-') {
				ls++
			}
			de := p + 1
			for de < len(b) && isDomainByte(b[de]) {
				de++
			}
			for de > p+1 && (b[de-1] == '.' || b[de-1] == '-') {
				de--
			}
			dot := bytes.LastIndexByte(b[p+1:de], '.')
			if ls < p && dot > 0 && de-(p+1+dot)-1 >= 2 {
				if !roleMailbox(b[ls:p]) {
					sc.addBytes(ls, de, SpanEmail, 0.98, prioStructural)
				}
				p = de - 1
				continue
			}
			if s, e, ok := spacedEmail(b, p); ok {
				sc.addBytes(s, e, SpanEmail, 0.9, prioStructural)
				p = e - 1
				continue
			}
			if ls == p && (p == 0 || b[p-1] == ' ') {
				// A handle such as "@maria_g".
				he := p + 1
				for he < len(b) && (isDigit(b[he]) || (b[he] >= 'a' && b[he] <= 'z') || b[he] == '_' || b[he] == '.' || b[he] >= 0x80) {
					he++
				}
				for he > p+1 && b[he-1] == '.' {
					he--
				}
				glued := he+1 < len(b) && leetSymbol(b[he]) && b[he+1] >= 'a' && b[he+1] <= 'z'
				if he-p >= 3 && !glued { // glued: "@nx!ety" is a word typed with symbols
					sc.addBytes(p, he, SpanID, 0.8, prioStructural)
					p = he - 1
				}
			}
		}
	}
	sc.spelledEmails()
	sc.urls()
	if sc.trigAny&trigDotWord != 0 {
		sc.spokenURLs() // every link read there has a "dot" word
	}
	sc.ips()
}

// urls finds web addresses: with a scheme or "www.", or a bare domain
// ending in a known top-level domain, with any path.
func (sc *scanner) urls() {
	b := sc.n.b
	// Both searches below need a scheme, "www." or a dot inside a run of
	// letters and digits; most messages have none of them, and many not
	// even a '.' or a ':'.
	if !sc.hasPunct('.') && !sc.hasPunct(':') ||
		!bytes.Contains(b, []byte("://")) && !bytes.Contains(b, []byte("www.")) && !innerDot(b) {
		return
	}
	// A URL starts a word token ("http", "https", "www"): looking at the
	// tokens' first letters is cheaper than at every byte.
	for ti := range sc.toks {
		t := &sc.toks[ti]
		if t.kind != tkWord || (b[t.s] != 'h' && b[t.s] != 'w') || t.claimed {
			continue
		}
		p := int(t.s)
		if p > 0 && (isWordByte(b[p-1]) || isDigit(b[p-1])) {
			continue
		}
		var ok bool
		switch b[p] {
		case 'h':
			ok = bytes.HasPrefix(b[p:], []byte("http://")) || bytes.HasPrefix(b[p:], []byte("https://"))
		case 'w':
			ok = bytes.HasPrefix(b[p:], []byte("www."))
		}
		if !ok {
			continue
		}
		e := p
		for e < len(b) && b[e] > ' ' {
			e++
		}
		for e > p && bytes.IndexByte([]byte(".,;:!?)]'\""), b[e-1]) >= 0 {
			e--
		}
		if publicSiteOnly(b[p:e]) {
			continue
		}
		sc.addBytes(p, e, SpanURL, 0.98, prioStructural)
	}
	// Bare domains: "portal.example.com/x".
	T := sc.toks
	for i := 0; i < len(T); i++ {
		if T[i].claimed || (T[i].kind != tkWord && T[i].kind != tkAlnum) || (i > 0 && sc.attached(i) && (sc.isP(i-1, '.') || sc.isP(i-1, '-') || sc.isP(i-1, '@'))) {
			continue // '@': an e-mail's domain, which the e-mail reader judged
		}
		// Labels joined by dots, and by hyphens inside a label:
		// "ana-souza.blogspot.com", "my-clinic.org".
		j, dots := i, 0
		for (sc.isP(j+1, '.') || sc.isP(j+1, '-')) && sc.attached(j+1) && sc.attached(j+2) && (sc.kind(j+2) == tkWord || sc.kind(j+2) == tkAlnum || sc.kind(j+2) == tkNum) {
			if sc.isP(j+1, '.') {
				dots++
			}
			j += 2
		}
		if dots == 0 || T[j].claimed {
			continue
		}
		e := int(T[j].e)
		// A path after the domain makes a link of any country's domain
		// ("youtu.be/Xq3v9", "site.com.br/ana"); without one, only a
		// listed top-level domain does: "ok.so" is two words.
		path := e+1 < len(b) && b[e] == '/' && b[e+1] > ' '
		if !tlds[string(sc.txt(j))] && !(path && sc.kind(j) == tkWord && T[j].e-T[j].s == 2) {
			continue
		}
		if e < len(b) && b[e] == '/' {
			for e < len(b) && b[e] > ' ' {
				e++
			}
			for e > int(T[j].e) && bytes.IndexByte([]byte(".,;:!?)]'\""), b[e-1]) >= 0 {
				e--
			}
		}
		if publicSiteOnly(b[T[i].s:e]) {
			i = j
			continue
		}
		sc.addBytes(int(T[i].s), e, SpanURL, 0.85, prioStructural)
		i = j
	}
}

// publicSiteOnly reports a link to the front page of a public body's
// site, "www.cdc.gov", "https://www.nhs.uk/", "medlineplus.gov": no one
// person's address, so not an identifier. A path keeps the link masked
// ("portal.ssa.gov/case/48213" may name a case).
func publicSiteOnly(u []byte) bool {
	if i := bytes.Index(u, []byte("://")); i >= 0 {
		u = u[i+3:]
	}
	u = bytes.TrimPrefix(u, []byte("www."))
	u = bytes.TrimSuffix(u, []byte("/"))
	if len(u) == 0 || bytes.ContainsAny(u, "/?#@:") {
		return false
	}
	host := string(u)
	if host == "nhs.uk" {
		return true
	}
	for _, suffix := range []string{".gov", ".edu", ".int", ".mil", ".nhs.uk"} {
		if strings.HasSuffix(host, suffix) {
			return true
		}
	}
	// Country-code government domains: "gov.uk", "gov.br", "gob.mx",
	// "gouv.fr", "govt.nz", "gc.ca".
	for _, label := range []string{".gov.", ".gob.", ".gouv.", ".govt.", ".gc."} {
		if k := strings.LastIndex(host, label); k >= 0 && !strings.Contains(host[k+len(label):], ".") {
			return true
		}
	}
	return strings.HasPrefix(host, "gov.") && strings.Count(host, ".") == 1
}

// ipv6 finds IPv6 addresses ("2001:db8::8a2e:370:7334"), validated by
// net/netip so clock times and ratios never match.
func (sc *scanner) ipv6() {
	b := sc.n.b
	if !sc.hasPunct(':') || bytes.Count(b, []byte{':'}) < 2 {
		return
	}
	isHex := func(c byte) bool { return isDigit(c) || (c >= 'a' && c <= 'f') }
	for p := 0; p < len(b); p++ {
		if !(isHex(b[p]) || b[p] == ':') || (p > 0 && (isWordByte(b[p-1]) || isDigit(b[p-1]) || b[p-1] == ':')) {
			continue
		}
		e := p
		colons := 0
		for e < len(b) && (isHex(b[e]) || b[e] == ':' || b[e] == '.') {
			if b[e] == ':' {
				colons++
			}
			e++
		}
		for e > p && b[e-1] == '.' {
			e--
		}
		if colons >= 2 && (e == len(b) || !isWordByte(b[e])) {
			if a, err := netip.ParseAddr(string(b[p:e])); err == nil && a.Is6() {
				sc.addBytes(p, e, SpanIP, 0.95, prioStructural)
			}
		}
		p = e
	}
}

// ips finds IPv4 addresses (four parts, each at most 255) and IPv6.
func (sc *scanner) ips() {
	sc.ipv6()
	T := sc.toks
	for i := 0; i+6 < len(T) && sc.numbersAny && sc.hasPunct('.'); i++ { // an IPv4 address: numbers and dots
		if T[i].kind != tkNum || T[i].claimed || (i > 0 && sc.attached(i) && sc.isP(i-1, '.')) {
			continue
		}
		ok := true
		for k := 0; k < 4 && ok; k++ {
			t := i + 2*k
			if sc.kind(t) != tkNum || (k > 0 && (!sc.isP(t-1, '.') || !sc.attached(t-1) || !sc.attached(t))) {
				ok = false
				break
			}
			v, n := sc.num(t)
			ok = n <= 3 && v <= 255
		}
		if ok && !(sc.isP(i+7, '.') && sc.kind(i+8) == tkNum && sc.attached(i+8)) {
			sc.addTok(i, i+6, SpanIP, 0.95, prioStructural)
			i += 6
		}
	}
}

// num parses a numeric token (up to 9 digits) and returns its value and
// digit count.
func (sc *scanner) num(i int) (int, int) {
	if sc.kind(i) != tkNum {
		return -1, 0
	}
	t := &sc.toks[i]
	return t.val, int(t.e - t.s)
}

// readNumbers gives each number token its value (num), once its digits
// are final: the readers ask for a number's value many times over. No
// token becomes a number, and no number's bytes change, after
// confusableDigits.
func (sc *scanner) readNumbers() {
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.kind != tkNum {
			continue
		}
		w := sc.n.b[t.s:t.e]
		if len(w) > 9 {
			t.val = -1
			continue
		}
		v := 0
		for _, c := range w {
			v = v*10 + int(c-'0')
		}
		t.val = v
	}
}

// resolve keeps the best non-overlapping candidates, sorted by start:
// higher priority first, then longer. A byte map of what is already taken
// keeps this linear in the text, however many candidates a long message
// produces.
func (sc *scanner) resolve() {
	slices.SortFunc(sc.cands, func(a, b cand) int {
		if a.prio != b.prio {
			return int(b.prio) - int(a.prio)
		}
		if la, lb := a.e-a.s, b.e-b.s; la != lb {
			return int(lb - la)
		}
		return int(a.s - b.s)
	})
	// A candidate is free when no kept span overlaps it; the kept spans
	// are few, so they are asked directly. The bytes they cover, which
	// keepFreeRuns reads one by one, are marked in taken only when a
	// clinical statement meets a stronger span: marked is how many kept
	// spans taken holds, -1 before taken is cleared for this message.
	marked := -1
	for _, x := range sc.cands {
		if x.e <= x.s {
			continue
		}
		if sc.keptOverlaps(x) {
			if x.prio == prioClinical {
				taken := sc.markKept(&marked)
				sc.keepFreeRuns(x, taken) // marks what it keeps
				marked = len(sc.kept)
			}
			continue
		}
		sc.kept = append(sc.kept, x)
	}
	slices.SortFunc(sc.kept, func(a, b cand) int { return int(a.s - b.s) })
}

// keptOverlaps reports a kept span sharing a byte with x.
func (sc *scanner) keptOverlaps(x cand) bool {
	for i := range sc.kept {
		if k := &sc.kept[i]; k.s < x.e && x.s < k.e {
			return true
		}
	}
	return false
}

// markKept brings taken up to date with the kept spans from *marked on
// (clearing it first when *marked is -1) and returns it.
func (sc *scanner) markKept(marked *int) []bool {
	if cap(sc.taken) < len(sc.n.b) {
		sc.taken = make([]bool, len(sc.n.b))
	}
	taken := sc.taken[:len(sc.n.b)]
	if *marked < 0 {
		clear(taken)
		*marked = 0
	}
	for _, k := range sc.kept[*marked:] {
		for p := k.s; p < k.e; p++ {
			taken[p] = true
		}
	}
	*marked = len(sc.kept)
	return taken
}

// keepFreeRuns keeps the part of a clinical statement that no stronger
// span took and that holds its term: a statement that runs over a name or
// a date is masked around it, the identifier keeping its own type, and a
// stray piece on the far side of the identifier is not a statement.
func (sc *scanner) keepFreeRuns(x cand, taken []bool) {
	b := sc.n.b
	for p := x.s; p < x.e; {
		for p < x.e && (taken[p] || !isDigit(b[p]) && !isWordByte(b[p])) {
			p++
		}
		q := p
		for q < x.e && !taken[q] {
			q++
		}
		e := q
		for e > p && !isDigit(b[e-1]) && !isWordByte(b[e-1]) {
			e--
		}
		if e-p >= 2 && (x.ce == 0 || p < x.ce && x.cs < e) {
			for k := p; k < e; k++ {
				taken[k] = true
			}
			y := x
			y.s, y.e = p, e
			sc.kept = append(sc.kept, y)
		}
		p = q
	}
}

// markSpelled marks the tokens the fold joined from letters typed apart.
func (sc *scanner) markSpelled() {
	for _, r := range sc.n.spelled {
		for i := range sc.toks {
			if sc.toks[i].s == r[0] && sc.toks[i].e == r[1] {
				sc.toks[i].spelled = true
			}
		}
	}
}

// symbolInWord reports a symbol typed for a letter inside a word, the
// punctuation token i glued to a word or code: "chl@mydia", "$yphilis",
// "herpe$". An exclamation only counts before a glued word ("d!abetes",
// "!nsulin"), since after one it closes a sentence ("thanks!").
func (sc *scanner) symbolInWord(i int) bool {
	T := sc.toks
	wordy := func(k int) bool { return k >= 0 && k < len(T) && (T[k].kind == tkWord || T[k].kind == tkAlnum) }
	after := i+1 < len(T) && !T[i+1].space && wordy(i+1)
	if T[i].punct == '!' {
		return after
	}
	return after || !T[i].space && wordy(i-1)
}

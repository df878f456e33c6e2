package policy

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// pairHash hashes two words as the phrase key "a b" would read, without
// building it (FNV-1a, finalised like hashWord).
func pairHash(a, b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range a {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= ' '
	h *= 1099511628211
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// phraseBound is the longest lexicon phrase that can start at token i,
// judged by its first two words: 0 when none does. A hash collision only
// makes the bound loose, never too short.
func (sc *scanner) phraseBound(i int) int {
	if i+1 >= len(sc.toks) {
		return 0
	}
	// A looked-up word that is no phrase's second word ends every phrase
	// at token i before its pair is hashed. (A word read through digits
	// for letters was looked up as typed: it takes the road below.)
	n := &sc.toks[i+1]
	if n.kind == tkWord && !n.second && !n.fuzzy {
		return 0
	}
	if sc.toks[i].kind == tkAlnum || n.kind == tkAlnum || sc.toks[i].fuzzy || n.fuzzy {
		// "sh0rtness of breath", "viral l0ad": read with letters for
		// the digits, as lookup read the word.
		var a, b [32]byte
		return int(sc.lx.pairs.get(pairHash(sc.phraseWord(i, a[:0]), sc.phraseWord(i+1, b[:0]))))
	}
	return int(sc.lx.pairs.get(pairHash(sc.txt(i), sc.txt(i+1))))
}

// phraseWord returns token k as a phrase reads it: as typed, or with
// letters for the digits typed in their place when the token is no word
// of the lists as typed ("sh0rtness of breath", "viral l0ad").
func (sc *scanner) phraseWord(k int, buf []byte) []byte {
	w := sc.txt(k)
	t := &sc.toks[k]
	if !t.fuzzy && (t.kind != tkAlnum || t.ent.nTok != 0 || t.ent.phraseMax != 0) || len(w) > cap(buf) {
		return w // "a1c", "covid-19": words of the lists as typed
	}
	letters := 0
	for _, c := range w {
		if !isDigit(c) {
			letters++
		}
	}
	if letters*2 < len(w) {
		return w
	}
	for _, c := range w {
		buf = append(buf, leet(c))
	}
	return buf
}

// pairIndex is the finished phrase2 map as a read-only open-addressing
// table: it answers as the map does, for one multiplicative hash and
// usually one probe where a general map hashes the key again.
type pairIndex struct {
	slots []pairSlot
	shift uint
}

type pairSlot struct {
	h uint64
	n uint8 // the longest phrase; 0 marks an empty slot (a phrase has two words or more)
}

func newPairIndex(m map[uint64]uint8) pairIndex {
	size := 1 << bits.Len(uint(len(m)*2)) // at most half full
	x := pairIndex{slots: make([]pairSlot, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	mask := uint64(size - 1)
	for h, n := range m {
		for i := h >> x.shift; ; i = (i + 1) & mask {
			if x.slots[i].n == 0 {
				x.slots[i] = pairSlot{h: h, n: n}
				break
			}
		}
	}
	return x
}

// get returns phrase2[h]: 0 when no phrase starts with that pair.
func (x *pairIndex) get(h uint64) uint8 {
	mask := uint64(len(x.slots) - 1)
	for i := h >> x.shift; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s.n == 0 || s.h == h {
			return s.n
		}
	}
}

// wordIndex is a read-only open-addressing index over the finished word
// map, for the look-ups every token makes. It answers exactly as the map
// does (the key is compared in full); it is only cheaper to ask than a
// general-purpose map: a word of eight bytes or fewer (most words of a
// message) is its own key, read in two loads and compared as one integer,
// with no byte-by-byte hash and no string comparison.
type wordIndex struct {
	slots []wordSlot
	shift uint
	keys  []string
	ents  []lexEntry
	// tags holds each key's rule triggers (phi_triggers.go) and
	// name-position roles (roleWords). A key may be a trigger or role
	// word only, which no list holds: get answers for it as the map
	// does, not found.
	tags []wordTags
}

// wordTags is what the index knows of a word beside its lexicon entry.
type wordTags struct {
	trig ruleTrigger
	role uint16
	// second: the word is the second of some phrase, so a phrase may
	// start at the word before it (phraseBound).
	second bool
}

type wordSlot struct {
	key    uint64 // wordKey of the word
	idx    int32  // into keys, ents and tags
	n      uint8  // wordLen of the word; 0 marks an empty slot
	listed bool   // the key is in the word map, not only a tagged word (indexTags)
}

// shortWord is the longest word whose wordKey is the word itself.
const shortWord = 8

// wordLen is len(w) as a slot keeps it: 1 to 255, so 0 can mark an empty
// slot; lengths from 254 on share 255 (such words are compared in full).
func wordLen(w []byte) uint8 { return uint8(min(len(w), 254) + 1) }

// wordKey packs a word of at most shortWord bytes into an integer that,
// with the length beside it, no other word shares: bytes 0-3 and the last
// four for five to eight bytes (together they cover the word), bytes 0,
// n/2 and n-1 for one to three. A longer word gets a hash, and a slot
// whose key matches is compared in full.
func wordKey(w []byte) uint64 {
	n := len(w)
	switch {
	case n >= 4 && n <= shortWord:
		return uint64(binary.LittleEndian.Uint32(w)) | uint64(binary.LittleEndian.Uint32(w[n-4:]))<<32
	case n > shortWord:
		// Eight bytes at a time, the last eight overlapping the rest.
		h := uint64(n)
		for p := 0; p+8 < n; p += 8 {
			h = (h ^ binary.LittleEndian.Uint64(w[p:])) * 0x9e3779b97f4a7c15
			h ^= h >> 29
		}
		return (h ^ binary.LittleEndian.Uint64(w[n-8:])) * 0xff51afd7ed558ccd
	case n > 0:
		return uint64(w[0]) | uint64(w[n>>1])<<8 | uint64(w[n-1])<<16
	}
	return 0
}

// slotOf spreads a key and length over the high bits, which pick the
// slot: packed letters differ mostly in their low bits.
func slotOf(key uint64, n uint8) uint64 {
	h := (key ^ uint64(n)<<59) * 0x9e3779b97f4a7c15
	h ^= h >> 32
	return h * 0xff51afd7ed558ccd
}

// newWordIndex indexes the word map and the tags of the words that have
// some (a word that only has tags is in the index, not listed).
func newWordIndex(words map[string]lexEntry, tags map[string]wordTags) wordIndex {
	n := len(words) + len(tags)      // an upper bound
	size := 1 << bits.Len(uint(n*2)) // at most half full
	x := wordIndex{slots: make([]wordSlot, size), shift: uint(64 - bits.TrailingZeros(uint(size))),
		keys: make([]string, 0, n), ents: make([]lexEntry, 0, n), tags: make([]wordTags, 0, n)}
	for k, e := range words {
		s := x.find([]byte(k))
		if s.n != 0 {
			panic("policy: word index holds a key twice")
		}
		*s = wordSlot{key: wordKey([]byte(k)), n: wordLen([]byte(k)), idx: int32(len(x.keys)), listed: true}
		x.keys = append(x.keys, k)
		x.ents = append(x.ents, e)
		x.tags = append(x.tags, wordTags{})
	}
	for k, t := range tags {
		s := x.find([]byte(k))
		if s.n != 0 {
			x.tags[s.idx] = t
			continue
		}
		*s = wordSlot{key: wordKey([]byte(k)), n: wordLen([]byte(k)), idx: int32(len(x.keys))}
		x.keys = append(x.keys, k)
		x.ents = append(x.ents, lexEntry{})
		x.tags = append(x.tags, t)
	}
	return x
}

// find returns w's slot, or the empty slot where w would go.
func (x *wordIndex) find(w []byte) *wordSlot {
	n := len(w)
	var k uint64
	var ln uint8
	// wordKey and wordLen of the short words, written out here because
	// this runs for every word of every message.
	switch {
	case uint(n-4) <= shortWord-4:
		k = uint64(binary.LittleEndian.Uint32(w)) | uint64(binary.LittleEndian.Uint32(w[n-4:]))<<32
		ln = uint8(n + 1)
	case uint(n-1) < 3:
		k = uint64(w[0]) | uint64(w[n>>1])<<8 | uint64(w[n-1])<<16
		ln = uint8(n + 1)
	default:
		k, ln = wordKey(w), wordLen(w)
	}
	mask := uint64(len(x.slots) - 1)
	for i := slotOf(k, ln) >> x.shift; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.key == k && s.n == ln {
			if n <= shortWord || x.keys[s.idx] == string(w) {
				return s
			}
		} else if s.n == 0 {
			return s
		}
	}
}

// indexTags gathers, for the index, the rule triggers (phi_triggers.go),
// the name-position roles (roleWords) and the phrases' second words.
func indexTags(seconds map[string]bool) map[string]wordTags {
	m := make(map[string]wordTags, len(roleWords)+len(seconds)+512)
	for _, t := range triggerWords {
		for _, w := range t.words {
			g := m[w]
			g.trig |= t.bit
			m[w] = g
		}
	}
	for w, r := range roleWords {
		g := m[w]
		g.role = r
		m[w] = g
	}
	for w := range seconds {
		g := m[w]
		g.second = true
		m[w] = g
	}
	return m
}

// get returns the entry for w, as lexicon.words[string(w)] would.
func (lx *lexicon) get(w []byte) (lexEntry, bool) {
	e, ok, _ := lx.getTagged(w)
	return e, ok
}

// getTagged is get that also returns the rules w can start
// (phi_triggers.go) and its name-position roles: one probe answers all.
func (lx *lexicon) getTagged(w []byte) (lexEntry, bool, wordTags) {
	s := lx.index.find(w)
	if s.n == 0 {
		return lexEntry{}, false, wordTags{}
	}
	return lx.index.ents[s.idx], s.listed, lx.index.tags[s.idx]
}

// entry is get without the found flag: the zero entry for an unknown word.
func (lx *lexicon) entry(w []byte) lexEntry {
	e, _ := lx.get(w)
	return e
}

// innerDot reports a '.' with a letter or digit on both sides ("x.com",
// "3.5"), which a bare domain needs.
func innerDot(b []byte) bool {
	for p := 1; p+1 < len(b); p++ {
		k := bytes.IndexByte(b[p:len(b)-1], '.')
		if k < 0 {
			return false
		}
		p += k
		if (isDigit(b[p-1]) || isWordByte(b[p-1])) && (isDigit(b[p+1]) || isWordByte(b[p+1])) {
			return true
		}
	}
	return false
}

// letterCountsWithin reports that the letters of a and b, counted with
// their repeats, differ by at most limit: one substitution changes two
// counts by one, an insertion or deletion one count, a transposition none,
// so words within k edits differ by at most 2k. A second bound before
// editWithin, sharper than the letter sets for words that repeat letters.
func letterCountsWithin(a []byte, b string, limit int) bool {
	var d [26]int16
	for _, c := range a {
		if c-'a' < 26 {
			d[c-'a']++
		}
	}
	for i := 0; i < len(b); i++ {
		if c := b[i]; c-'a' < 26 {
			d[c-'a']--
		}
	}
	sum := 0
	for _, v := range d {
		if v < 0 {
			v = -v
		}
		sum += int(v)
	}
	return sum <= limit
}

package policy

import (
	_ "embed"
	"math/bits"
)

// dictionarySlots is the English and Spanish dictionary the name rules
// read, as a ready-made look-up table. The word list
// (data/words.txt.gz, built by policy/internal/wordlist from wamerican and
// wspanish: the lower-case entries, folded) is the source; where a name
// would stand ("thanks ___", "tell ___ that", "___'s appointment") a
// lower-case word that no dictionary knows is a name far more often than
// anything else ("thanks zorvath" against "thanks again"), while a
// dictionary word there needs a capital, a name list or a stronger cue.
//
// The table is an open-addressing set of 16-bit fingerprints of each
// word's hash (zero marks an empty slot), little-endian, at most half
// full: a look-up is one cache miss and usually one probe, where a binary
// search over the 445,000 words took twenty. A false hit (an unknown word
// taken for a dictionary word, so left unmasked by these rules alone) needs
// 16 bits to agree on one of the one or two slots probed: about one in
// 30,000. It is embedded already built (2 MiB, mapped from the binary,
// paged in as looked up) because inflating and hashing the list cost 33 ms
// of CPU in every process that met a name position: a sixth of a whole
// `triage scan` run. TestDictionarySlotsMatchWordList rebuilds it from
// the list and compares (-update-dictionary rewrites it).
//
//go:embed data/words.slots
var dictionarySlots string

// dictShift turns a hash into a slot index: the table's size is a power
// of two and the index is the hash's high bits.
var dictShift = uint(64 - bits.TrailingZeros(uint(len(dictionarySlots)/2)))

// dictFingerprint is the low 16 bits of a word's hash (the slot index
// comes from the high bits), never zero.
func dictFingerprint(h uint64) uint16 {
	if fp := uint16(h); fp != 0 {
		return fp
	}
	return 1
}

// dictionaryWord reports a folded word (a possessive "'s" aside) that the
// English or Spanish dictionary lists in lower case.
func dictionaryWord(w []byte) bool {
	if bytesHasPossessive(w) {
		w = w[:len(w)-2]
	}
	if len(w) < 3 {
		return true // short words are function words and abbreviations
	}
	h := hashWord(w)
	fp := dictFingerprint(h)
	slots := dictionarySlots
	mask := uint64(len(slots)/2 - 1)
	for i := h >> dictShift; ; i = (i + 1) & mask {
		switch uint16(slots[2*i]) | uint16(slots[2*i+1])<<8 {
		case fp:
			return true
		case 0:
			return false
		}
	}
}

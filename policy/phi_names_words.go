package policy

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"math/bits"
	"sync"
)

// ordinaryWords is the list built by policy/internal/wordlist: the
// lower-case entries of the English and Spanish system dictionaries
// (wamerican, wspanish), folded. Where a name would stand ("thanks ___",
// "tell ___ that", "___'s appointment") a lower-case word that no
// dictionary knows is a name far more often than anything else
// ("thanks zorvath" against "thanks again"), while a dictionary word
// there needs a capital, a name list or a stronger cue.
//
//go:embed data/words.txt.gz
var ordinaryWords []byte

var (
	dictOnce sync.Once
	// dictSlots is an open-addressing set of 16-bit fingerprints of each
	// word's hash (zero marks an empty slot), at most half full: a look-up
	// is one cache miss and usually one probe, where a binary search over
	// the 445,000 words took twenty. A false hit (an unknown word taken
	// for a dictionary word, so left unmasked by these rules alone) needs
	// 16 bits to agree on one of the one or two slots probed: about one
	// in 30,000. 2 MiB, built on first need: only words in a name
	// position are looked up.
	dictSlots []uint16
	dictShift uint
)

func loadDictionary() {
	zr, err := gzip.NewReader(bytes.NewReader(ordinaryWords))
	if err != nil {
		panic("policy: embedded dictionary is broken: " + err.Error())
	}
	hint := len(ordinaryWords) * 4
	if len(ordinaryWords) >= 4 {
		hint = int(binary.LittleEndian.Uint32(ordinaryWords[len(ordinaryWords)-4:])) + bytes.MinRead
	}
	raw, err := readAllSized(zr, hint)
	if err != nil {
		panic("policy: embedded dictionary is broken: " + err.Error())
	}
	n := bytes.Count(raw, []byte{'\n'}) + 1
	size := 1 << bits.Len(uint(n*2))
	dictSlots = make([]uint16, size)
	dictShift = uint(64 - bits.TrailingZeros(uint(size)))
	for rest := raw; len(rest) > 0; {
		line := rest
		if k := bytes.IndexByte(rest, '\n'); k >= 0 {
			line, rest = rest[:k], rest[k+1:]
		} else {
			rest = nil
		}
		if len(line) == 0 {
			continue
		}
		h := hashWord(line)
		fp := dictFingerprint(h)
		for i := h >> dictShift; ; i = (i + 1) & uint64(size-1) {
			if dictSlots[i] == 0 {
				dictSlots[i] = fp
				break
			}
			if dictSlots[i] == fp {
				break
			}
		}
	}
}

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
	dictOnce.Do(loadDictionary)
	h := hashWord(w)
	fp := dictFingerprint(h)
	mask := uint64(len(dictSlots) - 1)
	for i := h >> dictShift; ; i = (i + 1) & mask {
		switch dictSlots[i] {
		case fp:
			return true
		case 0:
			return false
		}
	}
}

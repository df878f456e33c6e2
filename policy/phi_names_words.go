package policy

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"slices"
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
	// dictHashes holds the high 32 bits of each word's hash, sorted. At
	// 277,000 words a false hit (an unknown word taken for a dictionary
	// word, so left unmasked by these rules alone) is one in 15,000, and
	// the whole set is 1.1 MiB. It is built on first need: only words in
	// a name position are ever looked up.
	dictHashes []uint32
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
	hs := make([]uint32, 0, bytes.Count(raw, []byte{'\n'})+1)
	for rest := raw; len(rest) > 0; {
		line := rest
		if k := bytes.IndexByte(rest, '\n'); k >= 0 {
			line, rest = rest[:k], rest[k+1:]
		} else {
			rest = nil
		}
		if len(line) > 0 {
			hs = append(hs, uint32(hashWord(line)>>32))
		}
	}
	slices.Sort(hs)
	dictHashes = slices.Compact(hs)
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
	_, found := slices.BinarySearch(dictHashes, uint32(hashWord(w)>>32))
	return found
}

package policy

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"math/bits"
	"os"
	"testing"
)

var updateDictionary = flag.Bool("update-dictionary", false, "rewrite data/words.slots from data/words.txt.gz")

// buildDictionarySlots builds the dictionary look-up table (see
// dictionarySlots) from the gzipped word list, one word a line.
func buildDictionarySlots(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	raw, err := readAllSized(zr, len(gz)*4)
	if err != nil {
		return nil, err
	}
	n := bytes.Count(raw, []byte{'\n'}) + 1
	size := 1 << bits.Len(uint(n*2))
	slots := make([]uint16, size)
	shift := uint(64 - bits.TrailingZeros(uint(size)))
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
		for i := h >> shift; ; i = (i + 1) & uint64(size-1) {
			if slots[i] == 0 {
				slots[i] = fp
				break
			}
			if slots[i] == fp {
				break
			}
		}
	}
	out := make([]byte, 2*size)
	for i, v := range slots {
		binary.LittleEndian.PutUint16(out[2*i:], v)
	}
	return out, nil
}

// loadDictionary rebuilds the dictionary table from the word list: what
// every process paid before the table was embedded ready-made.
func loadDictionary() []byte {
	gz, err := os.ReadFile("data/words.txt.gz")
	if err != nil {
		panic(err)
	}
	slots, err := buildDictionarySlots(gz)
	if err != nil {
		panic(err)
	}
	return slots
}

// TestDictionarySlotsMatchWordList: the embedded table is exactly the one
// the word list builds, so a changed list (go run
// ./policy/internal/wordlist) cannot ship with a stale table. Rewrite it
// with go test -run TestDictionarySlotsMatchWordList ./policy/ -update-dictionary.
func TestDictionarySlotsMatchWordList(t *testing.T) {
	want := loadDictionary()
	if *updateDictionary {
		if err := os.WriteFile("data/words.slots", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal([]byte(dictionarySlots), want) {
		t.Fatalf("data/words.slots (%d bytes) is not the table data/words.txt.gz builds (%d bytes): run go test -run TestDictionarySlotsMatchWordList ./policy/ -update-dictionary",
			len(dictionarySlots), len(want))
	}
}

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

// loadDictionary rebuilds the dictionary table from the word list.
func loadDictionary() []byte { return rebuildTable("data/words.txt.gz", buildDictionarySlots) }

// rebuildTable builds an embedded table from its gzipped list: what every
// process paid before the table was embedded ready-made.
func rebuildTable(list string, build func([]byte) ([]byte, error)) []byte {
	gz, err := os.ReadFile(list)
	if err != nil {
		panic(err)
	}
	table, err := build(gz)
	if err != nil {
		panic(err)
	}
	return table
}

// checkEmbeddedTable fails unless embedded, the table the binary carries
// as file, is exactly want, the one its list builds; with update it
// rewrites file instead. howToUpdate names the command that does.
func checkEmbeddedTable(t *testing.T, file, embedded string, want []byte, update bool, howToUpdate string) {
	t.Helper()
	if update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if embedded != string(want) {
		t.Fatalf("%s (%d bytes) is not the table its list builds (%d bytes): run %s", file, len(embedded), len(want), howToUpdate)
	}
}

// TestDictionarySlotsMatchWordList: the embedded table is exactly the one
// the word list builds, so a changed list (go run
// ./policy/internal/wordlist) cannot ship with a stale table.
func TestDictionarySlotsMatchWordList(t *testing.T) {
	checkEmbeddedTable(t, "data/words.slots", dictionarySlots, loadDictionary(), *updateDictionary,
		"go test -run TestDictionarySlotsMatchWordList ./policy/ -update-dictionary")
}

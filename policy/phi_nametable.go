package policy

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"math/bits"
)

// populationNames is the list built by policy/internal/namelist: about
// 100,000 given names (SSA birth tables) and family names (US Census)
// that are not ordinary English or Spanish words. A word on it is a name
// even in lower case and with no cue, which the short hand lists cannot
// give: patients type "can okafor call me back" as often as "Okafor".
//
//go:embed data/names.txt.gz
var populationNames []byte

// nameTable is an open-addressing set of 64-bit word hashes; the two low
// bits of a slot say given name (1) and family name (2). A hash set keeps
// the 100,000 names in 2 MiB without a string per name, and a miss costs
// one hash and usually one probe, so unknown words stay cheap.
type nameTable struct {
	slots []uint64
	shift uint
	// filter has one bit per hash prefix: a word whose bit is clear is
	// no name, decided from 128 KiB that stay in cache instead of a
	// probe into the 2 MiB table. Most words in a message are not names.
	filter []uint64
}

const nameFilterBits = 20

const (
	nameGiven  = 1
	nameFamily = 2
)

func hashWord(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	// Finalise so the high bits (the slot index) depend on every byte.
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

func buildNameTable(gz []byte) (*nameTable, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("population names: %w", err)
	}
	// gzip's trailer holds the inflated size: one buffer, no regrowth.
	hint := len(gz) * 4
	if len(gz) >= 4 {
		hint = int(binary.LittleEndian.Uint32(gz[len(gz)-4:])) + bytes.MinRead
	}
	raw, err := readAllSized(zr, hint)
	if err != nil {
		return nil, fmt.Errorf("population names: %w", err)
	}
	n := bytes.Count(raw, []byte{'\n'})
	if n == 0 {
		return nil, fmt.Errorf("population names: empty list")
	}
	// At most half full: short probe runs.
	size := 1 << bits.Len(uint(n*2))
	nt := &nameTable{slots: make([]uint64, size), shift: uint(64 - bits.TrailingZeros(uint(size))),
		filter: make([]uint64, 1<<nameFilterBits/64)}
	// Lines as bufio.ScanLines splits them (a final line may lack its
	// newline, a carriage return before one is dropped), without a
	// scanner's per-line calls.
	for rest := raw; len(rest) > 0; {
		line := rest
		if k := bytes.IndexByte(rest, '\n'); k >= 0 {
			line, rest = rest[:k], rest[k+1:]
		} else {
			rest = nil
		}
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		w, tag, ok := bytes.Cut(line, []byte{' '})
		if !ok || len(w) == 0 {
			return nil, fmt.Errorf("population names: bad line %q", line)
		}
		var t uint64
		for _, c := range tag {
			switch c {
			case 'g':
				t |= nameGiven
			case 'f':
				t |= nameFamily
			default:
				return nil, fmt.Errorf("population names: bad tag in %q", line)
			}
		}
		nt.insert(hashWord(w), t)
	}
	return nt, nil
}

func readAllSized(r interface{ Read([]byte) (int, error) }, hint int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(hint)
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

func slotKey(h uint64) uint64 {
	k := h &^ 3
	if k == 0 {
		k = 4
	}
	return k
}

func (nt *nameTable) insert(h, tag uint64) {
	f := h & (1<<nameFilterBits - 1)
	nt.filter[f>>6] |= 1 << (f & 63)
	k := slotKey(h)
	mask := uint64(len(nt.slots) - 1)
	for i := h >> nt.shift; ; i = (i + 1) & mask {
		switch {
		case nt.slots[i] == 0:
			nt.slots[i] = k | tag
			return
		case nt.slots[i]&^3 == k:
			nt.slots[i] |= tag
			return
		}
	}
}

// lookup returns nameGiven/nameFamily bits for w, or 0.
func (nt *nameTable) lookup(w []byte) uint64 {
	h := hashWord(w)
	if f := h & (1<<nameFilterBits - 1); nt.filter[f>>6]&(1<<(f&63)) == 0 {
		return 0
	}
	k := slotKey(h)
	mask := uint64(len(nt.slots) - 1)
	for i := h >> nt.shift; ; i = (i + 1) & mask {
		s := nt.slots[i]
		if s == 0 {
			return 0
		}
		if s&^3 == k {
			return s & 3
		}
	}
}

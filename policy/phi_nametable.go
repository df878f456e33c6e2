package policy

import (
	_ "embed"
	"math/bits"
)

// populationNamesSlots is the list built by policy/internal/namelist
// (data/names.txt.gz): about 130,000 given names (SSA birth tables) and
// family names (US Census) that are not ordinary English or Spanish words.
// A word on it is a name even in lower case and with no cue, which the
// short hand lists cannot give: patients type "can okafor call me back" as
// often as "Okafor".
//
// It is embedded as its finished look-up table (data/names.slots: the
// filter, then the slots, see nameTable), mapped from the binary and paged
// in as looked up, because inflating and hashing the list cost every
// `triage scan` process about 13 ms of CPU before its first message.
// TestNameSlotsMatchNameList rebuilds it from the list and compares
// (-update-names rewrites it).
//
//go:embed data/names.slots
var populationNamesSlots string

// nameTable is an open-addressing set of 64-bit word hashes, little-endian;
// the two low bits of a slot say given name (1) and family name (2). A hash
// set keeps the names in 2 MiB without a string per name, and a miss costs
// one hash and usually one probe, so unknown words stay cheap.
type nameTable struct {
	slots string
	shift uint
	// filter has one bit per hash prefix (nameFilterBits of them): a word
	// whose bit is clear is no name, decided from 128 KiB that stay in
	// cache instead of a probe into the 2 MiB table. Most words in a
	// message are not names.
	filter string
}

const nameFilterBits = 20

const nameFilterBytes = 1 << nameFilterBits / 8

const (
	nameGiven  = 1
	nameFamily = 2
)

// populationNameTable reads the embedded table in place.
func populationNameTable() *nameTable {
	return newNameTable(populationNamesSlots)
}

// newNameTable views a table laid out as data/names.slots is: the filter's
// bytes, then the slots (a power of two of them).
func newNameTable(b string) *nameTable {
	slots := b[nameFilterBytes:]
	return &nameTable{slots: slots, shift: uint(64 - bits.TrailingZeros(uint(len(slots)/8))),
		filter: b[:nameFilterBytes]}
}

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

func slotKey(h uint64) uint64 {
	k := h &^ 3
	if k == 0 {
		k = 4
	}
	return k
}

// slot is the little-endian slot i.
func (nt *nameTable) slot(i uint64) uint64 {
	b := nt.slots[8*i : 8*i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// lookup returns nameGiven/nameFamily bits for w, or 0.
func (nt *nameTable) lookup(w []byte) uint64 { return nt.lookupHash(hashWord(w)) }

// lookupHash is lookup for a word already hashed.
func (nt *nameTable) lookupHash(h uint64) uint64 {
	if f := h & (1<<nameFilterBits - 1); nt.filter[f>>3]&(1<<(f&7)) == 0 {
		return 0
	}
	k := slotKey(h)
	mask := uint64(len(nt.slots)/8 - 1)
	for i := h >> nt.shift; ; i = (i + 1) & mask {
		s := nt.slot(i)
		if s == 0 {
			return 0
		}
		if s&^3 == k {
			return s & 3
		}
	}
}

package policy

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"math/bits"
	"testing"
)

var updateNames = flag.Bool("update-names", false, "rewrite data/names.slots from data/names.txt.gz")

// buildNameSlots builds the population name table (see
// populationNamesSlots) from the gzipped list, one "name tags" a line
// (tags: g given, f family), laid out as data/names.slots.
func buildNameSlots(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("population names: %w", err)
	}
	raw, err := readAllSized(zr, len(gz)*4)
	if err != nil {
		return nil, fmt.Errorf("population names: %w", err)
	}
	n := bytes.Count(raw, []byte{'\n'})
	if n == 0 {
		return nil, fmt.Errorf("population names: empty list")
	}
	// At most half full: short probe runs.
	size := 1 << bits.Len(uint(n*2))
	shift := uint(64 - bits.TrailingZeros(uint(size)))
	slots := make([]uint64, size)
	filter := make([]byte, nameFilterBytes)
	// Lines as bufio.ScanLines splits them (a final line may lack its
	// newline, a carriage return before one is dropped).
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
		w, tags, ok := bytes.Cut(line, []byte{' '})
		if !ok || len(w) == 0 {
			return nil, fmt.Errorf("population names: bad line %q", line)
		}
		var tag uint64
		for _, c := range tags {
			switch c {
			case 'g':
				tag |= nameGiven
			case 'f':
				tag |= nameFamily
			default:
				return nil, fmt.Errorf("population names: bad tag in %q", line)
			}
		}
		h := hashWord(w)
		f := h & (1<<nameFilterBits - 1)
		filter[f>>3] |= 1 << (f & 7)
		k := slotKey(h)
		for i := h >> shift; ; i = (i + 1) & uint64(size-1) {
			if slots[i] == 0 {
				slots[i] = k | tag
				break
			}
			if slots[i]&^3 == k {
				slots[i] |= tag
				break
			}
		}
	}
	out := make([]byte, 0, len(filter)+8*size)
	out = append(out, filter...)
	for _, v := range slots {
		out = binary.LittleEndian.AppendUint64(out, v)
	}
	return out, nil
}

// loadNameSlots rebuilds the name table from the list.
func loadNameSlots() []byte { return rebuildTable("data/names.txt.gz", buildNameSlots) }

// TestNameSlotsMatchNameList: the embedded table is exactly the one the
// name list builds, so a changed list (go run ./policy/internal/namelist)
// cannot ship with a stale table. Rewrite it with
// go test -run TestNameSlotsMatchNameList ./policy/ -update-names.
func TestNameSlotsMatchNameList(t *testing.T) {
	checkEmbeddedTable(t, "data/names.slots", populationNamesSlots, loadNameSlots(), *updateNames,
		"go test -run TestNameSlotsMatchNameList ./policy/ -update-names")
}

// TestNameTableKnowsListedNames: a few names of each kind read back with
// their tags, and ordinary words do not.
func TestNameTableKnowsListedNames(t *testing.T) {
	nt := populationNameTable()
	for w, want := range map[string]uint64{"aaban": nameGiven, "aaberg": nameFamily, "okafor": nameFamily,
		"table": 0, "appointment": 0, "zzzzqx": 0} {
		if got := nt.lookup([]byte(w)); got != want {
			t.Errorf("lookup(%q) = %d, want %d", w, got, want)
		}
	}
}

func readAllSized(r interface{ Read([]byte) (int, error) }, hint int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(hint)
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

package policy

import (
	"strings"
	"testing"
)

// Numbered parts: orders × separators × towns × leads × case.
func TestNumberedParts(t *testing.T) {
	orders := [][]string{
		{"building 12", "street 5", "block 3"}, {"zone 66", "street 910", "building 22"},
		{"flat 4", "bldg 1456", "road 2832", "block 428"}, {"block 4", "st 410", "house 27"},
		{"villa 23", "street 14b", "area 2"}, {"house no 7", "road 27", "sector 4"}, {"plot 9", "avenue 3", "block b12"},
	}
	seps := []string{", ", " "}
	towns := []string{"", " salmiya", ", doha", ", manama", " kuwait city"}
	leads := []string{"", "my address is ", "we live at ", "send the ambulance to ", "Address: "}
	n, missed := 0, 0
	for i, parts := range orders {
		for j, sep := range seps {
			for k, town := range towns {
				addr := strings.Join(parts, sep)
				v := leads[(i+j+k)%len(leads)] + addr + town
				for x, w := range []string{v, strings.ToUpper(v[:1]) + v[1:]} {
					want := addr
					if x == 1 && strings.HasPrefix(v, addr) {
						want = strings.ToUpper(addr[:1]) + addr[1:]
					}
					n++
					if !addressCaught(w, want) {
						missed++
						if missed <= 10 {
							t.Errorf("address not masked in %q: %q", w, Detect(w).Masked)
						}
					}
				}
			}
		}
	}
	if missed > 0 {
		t.Errorf("%d of %d numbered-part addresses left unmasked", missed, n)
	}
}

func TestNumberedPartsLookalikes(t *testing.T) {
	clean := []string{
		"building 2, floor 3, room 305", "building 3, room 204, bay 2", "parking is in block 3, level 2",
		"take the lift in building 4 to floor 2", "street parking is free after 6", "sector 4 of the form",
		"block 3 of the garage is closed today", "unit 4 and unit 5 are closed", "house 2 and 3 of the study",
	}
	for i, text := range clean {
		for _, v := range []string{text, strings.ToUpper(text[:1]) + text[1:]} {
			if d := Detect(v); len(d.Spans) > 0 {
				t.Errorf("clean %d %q masked: %q", i, v, d.Masked)
			}
		}
	}
}

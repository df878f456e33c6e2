package policy

import (
	"strings"
	"testing"
)

// TestFrenchStreetTypes: "place", "chaussée", "square", "passage",
// "route"… after a house number and before a French article are a
// street; the same words as English counts, ranks and routes are not.
func TestFrenchStreetTypes(t *testing.T) {
	types := []string{"place", "Place", "chaussée", "square", "passage", "route", "promenade", "esplanade"}
	tails := []string{"de la République", "du Temple", "des Lilas", "de Waterloo", "le Corbusier"}
	frames := []string{"%s", "j'habite %s, Lyon", "adresse: %s", "send it to %s pls"}
	n := 0
	for ti, ty := range types {
		for ki, tail := range tails {
			num := []string{"3", "12", "128", "7"}[(ti+ki)%4]
			addr := num + " " + ty + " " + tail
			text := strings.Replace(frames[(ti+ki)%len(frames)], "%s", addr, 1)
			n++
			d := Detect(text)
			at := strings.Index(text, addr)
			ok := false
			for _, s := range d.Spans {
				if s.Type == SpanAddress && s.Start <= at && at+len(addr) <= s.End {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%q: %q not an address: %q", text, addr, d.Masked)
			}
		}
	}
	clean := []string{"2 place settings please", "we came 2nd place de facto", "took route 66 to get here",
		"i need 3 square meals", "1 passage of blood today", "3 square feet", "2 route changes", "the 1st place"}
	for _, c := range clean {
		for _, s := range Detect(c).Spans {
			if s.Type == SpanAddress {
				t.Errorf("clean %q reads an address: %q", c, Detect(c).Masked)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d variants", n)
	}
}

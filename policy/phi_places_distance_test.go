package policy

import (
	"strings"
	"testing"
)

// How far the clinic is ("a 5 minute walk", "a 2 mile drive") is no
// street, though "walk" and "drive" are street types; a street named
// with the same words in capitals, or a road named by letters, still is.
func TestDistancesAreNoStreets(t *testing.T) {
	for _, n := range []string{"5", "10", "2", "20"} {
		for _, unit := range []string{"minute", "min", "mins", "mile", "hour", "km", "block"} {
			for _, way := range []string{"walk", "drive", "ride"} {
				checkClean(t, "it's a "+n+" "+unit+" "+way+" from the bus stop")
			}
		}
	}
	for _, text := range []string{"I live at 40 Mile Drive", "I live at 23 mg road", "my address is 12 Minute Way"} {
		if d := Detect(text); !strings.Contains(d.Masked, "[ADDRESS]") {
			t.Errorf("%q: the address is not masked: %s", text, d.Masked)
		}
	}
}

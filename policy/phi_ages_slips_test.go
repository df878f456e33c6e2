package policy

import (
	"strings"
	"testing"
)

// A unit or a verb of age typed with one slip (a letter dropped, doubled,
// swapped or hit on the next key) still makes the number before it an
// age: "93 ysers old", "93 yeasr", "tiene 93 añso", "she turend 93".
func TestAgeUnitAndVerbSlips(t *testing.T) {
	var msgs [][2]string
	for _, age := range []string{"90", "94", "101"} {
		for _, e := range editsOf("years") {
			for _, f := range []string{"my grandma is %a %u old", "she's %a %u old and lives alone", "a %a %u old man fell"} {
				msgs = append(msgs, [2]string{strings.NewReplacer("%a", age, "%u", e.w).Replace(f), age})
			}
		}
		for _, e := range editsOf("anos") {
			if e.w == "anus" || e.w == "ands" {
				continue // words of their own
			}
			for _, f := range []string{"mi abuela tiene %a %u", "mi abuelo de %a %u vive solo", "minha avó tem %a %u"} {
				msgs = append(msgs, [2]string{strings.NewReplacer("%a", age, "%u", e.w).Replace(f), age})
			}
		}
		for _, e := range editsOf("turned") {
			if e.w == "tuned" || e.w == "turner" || strings.HasPrefix(e.kind, "two") {
				continue // words of their own; two slips are another word
			}
			for _, f := range []string{"my mom %u %a last week", "she %u %a yesterday", "grandpa just %u %a"} {
				msgs = append(msgs, [2]string{strings.NewReplacer("%a", age, "%u", e.w).Replace(f), age})
			}
		}
	}
	checkWhole(t, msgs)
}

// Words one slip from the units that are words of their own, and numbers
// before them that count things, stay unmasked.
func TestAgeUnitSlipLookalikes(t *testing.T) {
	checkClean(t, "we have 95 tears of joy emojis lol", "the 90 gears in the machine", "I tuned 95 guitars this year",
		"open 90 minutes early", "95 yards from the entrance", "la tienda tiene 90 anuncios")
}

// The Spanish verbs of age typed with one slip: "mi abuela tinee 93",
// "cumpio 95", "cunplió 91".
func TestAgeSpanishVerbSlips(t *testing.T) {
	var msgs [][2]string
	for _, age := range []string{"90", "93", "100"} {
		for _, verb := range []string{"tiene", "cumplio"} {
			for _, e := range editsOf(verb) {
				if strings.HasPrefix(e.kind, "two") || e.w == "tien" || e.w == "cumple" {
					continue // two slips are another word; "Tien" is a name
				}
				for _, f := range []string{"mi abuela %v %a", "mi abuelo ya %v %a y vive solo", "la señora %v %a, necesita ayuda"} {
					msgs = append(msgs, [2]string{strings.NewReplacer("%a", age, "%v", e.w).Replace(f), age})
				}
			}
		}
	}
	checkWhole(t, msgs)
	checkClean(t, "the time is 95 minutes from here", "my tire is 90 psi", "la tienda tiene 90 productos")
}

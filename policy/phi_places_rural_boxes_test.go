package policy

import (
	"fmt"
	"strings"
	"testing"
)

// Rural routes, highway contracts, roadside mail boxes and military post
// office boxes are addresses, masked with the town and state or the
// military post after them, the ZIP as a ZIP.
func TestRuralAndMilitaryBoxes(t *testing.T) {
	boxes := []string{
		"RR 2 Box 14, Tioga ND", "RR 7, Box 310, Alma WV", "RR1 Box 221B", "rr 3 box 88",
		"HC 61 Box 3310, Salmon ID", "HC 2 Box 9", "POB 73, Wilsall MT", "RMB 2240",
		"PSC 1234, Box 5678, APO AE", "CMR 480 Box 2212, APO AE", "Unit 3050 Box 124, DPO AP", "PSC 817 Box 41, FPO AP",
	}
	frames := []string{
		"my address is %s",
		"please mail the forms to %s, thanks",
		"%s is where the letters go now",
		"mi dirección es %s por favor",
	}
	for _, box := range boxes {
		for _, f := range frames {
			checkCovered(t, fmt.Sprintf(f, box), box)
		}
	}
	checkCovered(t, "his address is PSC 1234, Box 5678, APO AE 09204", "09204")
	// A respiratory rate, a dose in units and a box of supplies are no
	// address.
	checkClean(t, "RR 22 and BP 120/80 at triage", "she had 2 unit of blood yesterday, is that normal",
		"can I get another box of 50 test strips", "unit 3 is the one with the lift")
}

// A half number after the house number ("221 1/2 Elm St") and a quadrant
// after the street's type ("Fourth Ave SE") belong to the address; a
// dose of one and a half tablets is no house.
func TestHalfNumbersAndQuadrants(t *testing.T) {
	for _, addr := range []string{"221 1/2 Elm St", "1339 1/2 N Alvarado St", "102 1/2 Fourth Ave SE", "40 Main St SE",
		"1600 Pennsylvania Ave NW", "88 3/4 Lake Rd", "12 Oak Street sw", "7 Birch Blvd NE, Apt 4"} {
		for _, f := range []string{"send the equipment to %s 55414", "we moved to %s, the back unit", "mi casa es %s"} {
			checkCovered(t, fmt.Sprintf(f, addr), addr)
		}
	}
	// The quadrant itself is masked, not left beside the street.
	for _, c := range []struct{ text, quadrant string }{
		{"send it to 102 Fourth Ave SE 55414 please", "Ave SE"}, {"I live at 40 Main St NW, Apt 2", "St NW"},
		{"we're at 9 Pine Rd sw", "Rd sw"}, {"7 Birch Blvd E, unit 4", "Blvd E"},
	} {
		checkCovered(t, c.text, c.quadrant)
	}
	for _, text := range []string{"take 1 1/2 tablets of metformin at night", "she ate 3 3/4 of the sandwich"} {
		for _, sp := range Detect(text).Spans {
			if sp.Type == SpanAddress {
				t.Errorf("%q: a dose read as an address: %q", text, text[sp.Start:sp.End])
			}
		}
	}
	// Spanish "se" after a street is the language, not south-east.
	if d := Detect("40 Main St se habla español?"); !strings.Contains(d.Masked, "] se habla") {
		t.Errorf("the quadrant read into Spanish: %s", d.Masked)
	}
}

// A unit given before its building's address with "at" or "in" between
// is part of the address.
func TestUnitBeforeTheAddressWithAt(t *testing.T) {
	for _, c := range []string{"unit 3 at 1166 Alder St", "apt 12 at 40 Main Street", "flat 2 in 14 Kings Road", "suite 300 at 9 Elm Ave"} {
		for _, f := range []string{"she's in %s, door code doesn't work", "send the kit to %s please"} {
			checkCovered(t, fmt.Sprintf(f, c), c)
		}
	}
	checkClean(t, "I have 2 at home and 3 at work", "room 4 at the end of the hall")
}

// Australian street abbreviations and a New Zealand rural delivery round
// belong to the address, the postcode after the town too; a cardiac
// device's letters stay.
func TestAustralianAndNewZealandForms(t *testing.T) {
	for _, a := range []string{"5 Bottlebrush Crt, Mount Barker", "12 Ocean Tce, Glenelg SA 5045", "3 Banksia Cct", "40 Main Bvd",
		"1184 Kakepuku Road, RD 2, Te Awamutu 3872"} {
		for _, f := range []string{"ambos need to come to %s pls hurry", "the new address is %s", "%s, that's mum's place"} {
			checkCovered(t, fmt.Sprintf(f, a), a)
		}
	}
	checkClean(t, "the CRT device was checked last week and the battery is fine")
}

// An Irish county before its Eircode belongs to the address; so do the
// parts of a line before a street already read on its own.
func TestIrishCountiesAndLinesBeforeAStreet(t *testing.T) {
	for _, c := range []struct{ text, part string }{
		{"Cloonagh, Ballinrobe, Co. Mayo F31 KD62", "Co. Mayo F31 KD62"},
		{"Apt 14, The Maltings, Bray, Co. Wicklow A98 X2Y3", "Co. Wicklow A98 X2Y3"},
		{"send it to Harbour View, 12 Main Street, Dingle, Co. Kerry V92 X2Y3", "Harbour View, 12 Main Street"},
	} {
		checkCovered(t, c.text, c.part)
	}
}

package policy

import (
	"fmt"
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

package policy

import (
	"fmt"
	"testing"
)

// A house on a numbered road is an address: its number, the road's kind
// and number, the quadrant and the unit.
func TestHousesOnNumberedRoads(t *testing.T) {
	addrs := []string{
		"2140 Hwy 62 E", "7785 State Route 160", "8 Rt 9W", "15201 US-287", "19004 NC-24", "2230 FM 1960 Rd W",
		"N4567 County Road Q", "W1234 Hwy 64", "500 Hwy 71 S lot 22", "3301 County Rd 12", "44 Route 6A",
		"912 State Highway 16", "18 Co Rd 218", "6100 US Highway 290", "77 Ranch Road 620",
	}
	frames := []string{
		"we're at %s, about 3 mi past the feed store",
		"the ambulance needs to come to %s",
		"%s is the house, long gravel drive",
		"vivimos en %s, la casa azul",
	}
	for _, a := range addrs {
		for _, f := range frames {
			checkCovered(t, fmt.Sprintf(f, a), a)
		}
	}
	// Each message ends where the road does: no panic on a message that
	// stops after the road's kind, its number or its dash.
	for _, text := range []string{"2140 Hwy", "2140 Hwy 62", "2140 US-", "N4567 County Road", "8 Rt", "77 Ranch"} {
		Detect(text)
	}
	checkClean(t, "bus 12 route 5 is late again", "take the 2 route instead",
		"the 45 highway bus stops outside")
}

// Quebec writes the street's type before its name, often abbreviated:
// "509 av. Laurier", "3320 boul. Saint-Laurent", "2760 rang Saint-Joseph".
func TestQuebecStreetTypes(t *testing.T) {
	for _, a := range []string{"509 av. Laurier E", "3320 boul. Saint-Laurent", "2760 rang Saint-Joseph", "12 montée du Moulin",
		"8 côte des Neiges", "45 ch. du Lac", "88 bd René-Lévesque"} {
		for _, f := range []string{"j'habite au %s, app. 4", "envoyez la lettre au %s svp", "my address is %s, Montréal"} {
			checkCovered(t, fmt.Sprintf(f, a), a)
		}
	}
	checkClean(t, "take 2 av. of them", "I have 3 ch. left")
}

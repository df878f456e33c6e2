package policy

import (
	"fmt"
	"testing"
)

// A country is larger than a state and no person: travel talk stays
// unmasked; a country closing an address line stays inside the address.
func TestCountriesAreNeitherPeopleNorAddresses(t *testing.T) {
	var clean []string
	for _, c := range []string{"Nigeria", "Brazil", "Italy", "Ireland", "Poland", "Senegal", "Samoa", "Ghana", "Mexico", "Vietnam"} {
		for _, f := range []string{"we just got back from %s", "my son is in %s this month, can he use telehealth",
			"travelling to %s next week, do I need vaccines?"} {
			clean = append(clean, fmt.Sprintf(f, c))
		}
	}
	checkClean(t, clean...)
	checkCovered(t, "I live at 12 Allen Ave, Ikeja, Lagos, Nigeria", "12 Allen Ave, Ikeja, Lagos, Nigeria")
	// Countries borne as names keep their name reading.
	checkCovered(t, "can winifred montenegro pick up the forms", "winifred montenegro")
	checkCovered(t, "my son Jordan has a fever since Monday", "Jordan")
}

package policy

import (
	"fmt"
	"testing"
)

// A home given by its street corner is masked; a corner where someone
// stands on the way to the clinic, or a brand with an ampersand, is not.
func TestHomesGivenByTheirCorner(t *testing.T) {
	corners := []string{"Maple and 3rd", "Elm St & 5th Ave", "Lake Rd at Mill St", "Juárez y Morelos", "Pine and Washington",
		"oak st and 2nd ave", "Rua Augusta e Rua Oscar Freire"}
	frames := []string{
		"we live on the corner of %s, the white duplex",
		"the house is at the corner of %s",
		"vivo en la esquina de %s",
		"my address is the intersection of %s, blue door",
	}
	for _, c := range corners {
		for _, f := range frames {
			checkCovered(t, fmt.Sprintf(f, c), c)
		}
	}
	checkCovered(t, "Oak St and 5th Ave corner house, the one with the ramp", "Oak St and 5th Ave")
	checkClean(t, "The Uber dropped me at the corner of Main and 2nd, which way now?",
		"which corner of the building is the lab", "at the corner of the street and the park is our house",
		"is the pharmacy on Main St and the bank open?")
}

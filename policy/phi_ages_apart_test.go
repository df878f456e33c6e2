package policy

import (
	"fmt"
	"testing"
)

// An age over 89 with its digits typed apart ("9 3", "1 0 2") or its tens
// in words and its unit in a digit ("ninety9", "noventa3") is masked as
// the same age typed whole is.
func TestAgesTypedApartOrMixed(t *testing.T) {
	var ages []string
	for _, v := range []int{90, 93, 97, 99} {
		ages = append(ages, fmt.Sprintf("%d %d", v/10, v%10))
		if v%10 != 0 {
			ages = append(ages, fmt.Sprintf("ninety%d", v%10), fmt.Sprintf("noventa%d", v%10))
		}
	}
	ages = append(ages, "1 0 2", "1 0 5")
	checkAges(t, []string{"my grandmother is %s so please can the doctor come", "she's %s and still sharp",
		"he is %s years old", "mi abuela tiene %s años", "meu avô tem %s anos", "age %s, lives alone"}, ages)
	// Digits apart that are a count, a room, a score or a code stay.
	checkNoAge(t, "room 9 3 on the second floor", "pain is 9 3 times a day", "it's 1 0 2 3 4 on the form",
		"I'm 9 months pregnant, 3 kids at home", "she is 1 0 and her brother 9", "ninety9 problems lol")
}

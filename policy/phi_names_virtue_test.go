package policy

import "testing"

// Virtue and blessing names (Blessing, Precious, Patience, Gift, Lucky,
// Favour, Prudence), common given names in West and Southern Africa and the
// Caribbean, are masked where a cue or a family name makes them a
// person's, as other names that are words are; the words themselves stay.
func TestVirtueGivenNames(t *testing.T) {
	names := []string{"Blessing", "Precious", "Patience", "Gift", "Favour", "Prudence", "Princess", "Loveness",
		"Goodluck", "Melody", "Ebony"}
	templates := []string{"my daughter {N} has a fever", "appointment for {N} on friday", "this is {N}, can I book",
		"my son {N} missed his appointment", "results for {N} please"}
	for _, f := range templates {
		for _, n := range names {
			checkWholeName(t, f, n)
		}
	}
	for _, n := range names {
		checkWholeName(t, "hi, {N} here about my refill", n+" Moyo")
	}
	checkClean(t, "thank you for your patience", "what a blessing, thank you", "is it a gift card?",
		"any luck with my refill?", "I promise to come on time", "wishing you happiness this new year",
		"my memory is not good, what time is it?", "comfort care info please", "Praise God, thank you",
		"it is raining, can I come later?", "you are a treasure, thank you")
}

package policy

import "testing"

// A capitalised name that closes the message after a dash, a tilde or a
// comma is the writer's signature even when a dictionary holds the word
// ("running late - Rafe", "yes that time works, Berenice"). Days, titles,
// brands, streets, places written as "Town, Country" and words in a
// message typed in capitals stay.
func TestCapitalisedSignatureAfterDashOrComma(t *testing.T) {
	for _, f := range []string{"running late sorry -{N}", "sorry wrong chat - {N}", "pls call back asap ~{N}",
		"yes that time works, {N}", "its me again, {N}", "ok perfect, {N}"} {
		for _, n := range []string{"Rafe", "Bunny", "Berenice", "Lavender", "Temperance", "Amara"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "see you then, Monday", "ok thanks, Doctor", "I'll be there at 3, Kaiser",
		"see you tomorrow, Main Street", "ok, Sure", "Paris, France",
		"RUNNING LATE - SORRY", "that works. Thanks")
}

package policy

import "testing"

// A clause opened inside the sentence ("… said Tobias needs a note",
// "tell the nurse that Felicity is still bleeding", "now Rusty says…")
// puts a name at its head as the message's start does, and what a person
// does for the family's plans ("Esi picks her up", "Tolu stays home")
// makes its subject a person. Days, plans, brands and drugs before the
// same verbs stay.
func TestNamesHeadingInnerClauses(t *testing.T) {
	for _, f := range []string{"Ms. Albright from the school said {N} needs a doctor's note",
		"tell the nurse that {N} is still sick", "idk, now {N} says he can't", "so uh anyway {N} said the doctor wants labs",
		"so Kwabena drops nana at 9 and {N} picks her up at 12", "Kunle pays the copay, {N} stays home with the baby"} {
		for _, n := range []string{"Tolu", "Nkechi", "Folasade", "Thandiwe"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "Monday works for me", "if Medicaid pays the copay can I come", "now Spring comes early",
		"nothing works, can I come in", "tell them that Tuesday works", "said Uber comes at 3")
}

package policy

import (
	"strings"
	"testing"
)

// A family name with a capitalised particle glued on by a hyphen is
// masked whole, particle included; in lower case a listed given name no
// dictionary holds joins the hyphenated family name after it.
func TestHyphenatedParticlesAndLowerCaseGivenNames(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"Mr Ter-Petrosyan missed his appointment", "Ter-Petrosyan"},
		{"results for Ms Abu-Bakr please", "Abu-Bakr"},
		{"Dr said Mrs El-Sayed can come at 3", "El-Sayed"},
		{"can u book for ngozi eze-obi pls", "ngozi eze-obi"},
		{"this is for chidi okafor-nwosu", "chidi okafor-nwosu"},
	} {
		checkCovered(t, c.text, c.name)
	}
	checkClean(t, "the follow-up letter came", "is the drop-in open today?", "my check-up is at 3")
}

// A follow-up that leaves out the "is" ("this nhung again") or ends on
// an apology still names its writer; a thing that comes back does not.
func TestFollowUpIntroductionsWithoutIs(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"hello hello this nhung again sorry", "nhung"},
		{"this kwame again", "kwame"},
		{"its tendai again lol", "tendai"},
		{"ngozi again sorry, still no call back", "ngozi"},
	} {
		checkCovered(t, c.text, c.name)
	}
	checkClean(t, "ugh this bluetooth again", "this otp again", "this one again sorry", "this wifi again", "it is raining again sorry")
}

// Mandarin given names ending in an "-ing" syllable are names, not verbs,
// where a name stands: after a family name and a comma, after a cue.
func TestMandarinGivenNamesInIng(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"CHEN, Xiaoming, passport E48210973, registering as a new patient", "CHEN, Xiaoming"},
		{"Li, Meiling 03/04/1990", "Li, Meiling"},
		{"my friend Zhiqing Wu is coming at 3", "Zhiqing Wu"},
	} {
		checkCovered(t, c.text, c.name)
	}
	for _, text := range []string{"Comming tomorrow at 3", "Parking, is it free on Sundays?", "Morning, can I book for Tuesday?"} {
		if d := Detect(text); strings.Contains(d.Masked, "[NAME]") {
			t.Errorf("%q: a word read as a name: %s", text, d.Masked)
		}
	}
}

// A two-letter nickname after a kinship word is the person's name when
// it is written as a name is ("my husband Al", "my dad Mo"), though the
// lists hold it as a state's code or a word; in capitals, or a function
// word, it is not.
func TestTwoLetterNicknamesAfterKin(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"my dad Mo is 95, he needs a home visit please", "Mo"},
		{"my husband Al needs a form", "Al"},
		{"my son Ty has school till 3", "Ty"},
		{"my wife Di will bring the papers", "Di"},
		{"mi esposo Al necesita una cita", "Al"},
	} {
		checkCovered(t, c.text, c.name)
	}
	checkClean(t, "my son AL needs a form", "MY SON AL NEEDS A FORM", "my dad Ok now, thanks", "my mom Is better today")
}

// A short given name opening a clause before its verb, written as a name
// is, is masked; pronouns, titles, interjections and abbreviations in the
// same place are not.
func TestShortNamesOpeningAClause(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"Ed went to the ED last night, they said follow up with you", "Ed"},
		{"Jo is sick since Monday", "Jo"},
		{"hi. Bo needs his school form", "Bo"},
		{"ok thanks, Em will call back", "Em"},
	} {
		checkCovered(t, c.text, c.name)
	}
	checkClean(t, "We need a form", "It was fine", "Dr will call you", "Ok will do", "Pls can you call me",
		"Fb was down yesterday", "Eh was it today", "Mm will call back", "Bc is it open", "Ma is home now", "The form is ready")
}

// Two dotted capital initials or more before a capitalised word no
// dictionary holds are a person's name; before a dictionary's word they
// are an abbreviation.
func TestInitialsBeforeAnUnlistedFamilyName(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"The card says E. J. Fonoti but everyone calls me Eti", "E. J. Fonoti"},
		{"the form says A.K. Menon, is that right?", "A.K. Menon"},
		{"results for M. T. Okonkwo-Eze please", "M. T. Okonkwo-Eze"},
	} {
		checkCovered(t, c.text, c.name)
	}
	checkClean(t, "P. S. Thanks again", "the U. S. Army clinic", "I. V. Drip is what they gave", "A. M. Sunday works for me")
}

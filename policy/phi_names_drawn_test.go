package policy

import "testing"

// A name typed with a letter held down, as chat shouts it, is masked;
// words drawn out ("pleeease", "sooo", "yesss", "heyyy") and chat
// shorthand ("OMG", "lol") stay.
func TestDrawnOutNames(t *testing.T) {
	for _, c := range []struct{ template, name string }{
		{"OMG {N} WHERE ARE U the nurse is calling ur name", "JASMINEEEE"},
		{"{N} stop texting the clinic lol", "DIEGOOOO"},
		{"hellooo its {N} can u call me", "annnnie"},
		{"{N} come back here!!", "Mariaaaa"},
		{"happy bday {N}!!! see u at the clinic", "KWAMEEEE"},
	} {
		checkWholeName(t, c.template, c.name)
	}
	checkClean(t, "pleeease call me back", "yesss thank you", "noooo not again", "heyyy", "okkk see u",
		"thankssss", "whyyyy is it closed", "OMG lol ok")
}

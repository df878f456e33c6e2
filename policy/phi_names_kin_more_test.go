package policy

import "testing"

// Grandparents as families call them ("gogo Nomvula", "oma Hilde") cue
// the name after them, and a listed or unlisted name is a person while
// the words ask or hope ("Tumi is asking if she can eat").
func TestGrandparentWordsAndAskingSubjects(t *testing.T) {
	for _, f := range []string{"gogo {N} is sick since sunday", "my oma {N} needs a ride", "opa {N} missed his appointment"} {
		for _, n := range []string{"Nomvula", "Hilde", "Dieter"} {
			checkWholeName(t, f, n)
		}
	}
	for _, f := range []string{"{N} is asking if she can eat before the scan", "{N} is wondering about the forms"} {
		for _, n := range []string{"Tumi", "Folasade", "Nkechi"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "my gogo is sick", "We are hoping to come", "the oma is ok", "everyone is asking about parking")
}

package policy

import "testing"

// A given name that is also a word opens a clause as a person when what
// follows is said only of a body: "Precious is allergic to penicillin",
// "Hope has been vomiting", "Blessing has been coughing". The same words
// before a thing's predicate stay.
func TestWordNameSubjectOfABodyState(t *testing.T) {
	for _, f := range []string{"{N} is allergic to penicillin, please note it", "{N} has been vomiting all night",
		"{N} has been coughing since friday", "{N} was asthmatic as a child", "{N} is diabetic, can she fast?"} {
		for _, n := range []string{"Precious", "Hope", "Blessing", "Grace", "Sunny"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "the bread is allergic free?", "Monday has been busy", "Everyone has been sleeping",
		"it has been eating at me", "Pollen is allergic season's worst")
}

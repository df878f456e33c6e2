package policy

import "testing"

// TestBodyVerbSubjects: a word no dictionary holds, opening the message
// before what only a body does ("vomited", "fainted", "coughed"), is the
// person's name; the clinical statement after it is masked on its own and
// the name keeps its own span.
func TestBodyVerbSubjects(t *testing.T) {
	verbs := []string{"vomited", "fainted", "collapsed", "coughed", "cried", "refused", "refuses",
		"complained", "complains", "swallowed"}
	names := []string{"Xixi", "Tumelo", "Dumi", "Bongi", "Kaveh", "Anahera", "Zelalem"}
	tails := []string{"twice after lunch", "at school today", "all night", "his meds", "a coin", "of chest pain"}
	leads := []string{"", "hi, ", "Hello. "}
	n := 0
	for vi, v := range verbs {
		for ni, name := range names {
			text := leads[(vi+ni)%len(leads)] + name + " " + v + " " + tails[(vi*2+ni)%len(tails)]
			n++
			if !nameMasked(text, name) {
				t.Errorf("%q: %q not masked as a name: %q", text, name, Detect(text).Masked)
			}
		}
	}
	if n < 70 {
		t.Fatalf("only %d variants", n)
	}
	// Clean: a word every dictionary holds before the same verbs.
	clean := []string{"Everything collapsed", "Nothing swallowed", "Eating refused", "Breakfast refused",
		"The roof collapsed", "He vomited twice", "She fainted at work", "The tent collapsed in the wind",
		"Someone complained about parking", "Everyone cried at the wedding", "Nobody refused"}
	for _, c := range clean {
		if hasName(c) {
			t.Errorf("clean %q reads a name: %q", c, Detect(c).Masked)
		}
	}
}

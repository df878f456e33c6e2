package policy

import "testing"

// A name of four or more listed words is one person, not a title: "Ana
// Paula Rocha Lima", "María José García López". A run of capitalised
// words that are no names ("Northside Family Medicine Walk In") stays a
// title or an organisation.
func TestLongNamesAreNoTitles(t *testing.T) {
	for _, f := range []string{"for {N}, the pharmacy needs a new script", "{N} called about the forms",
		"appointment for {N} on monday"} {
		for _, n := range []string{"Ana Paula Rocha Lima", "María José García López", "Maria Eduarda Santos Oliveira"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "is the Northside Family Medicine Walk In open?", "Happy New Year Everyone", "Blue Cross Blue Shield accepted?")
}

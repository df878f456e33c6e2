package policy

import "testing"

// The people around a patient are named as kin are: an ex, a home aide, a
// driver, a teacher, a coach, a pastor, a caseworker ("my ex Colt", "the
// home aide Rosario says"), a rank before a surname ("Sgt. Mills"), a
// person and where they are from before what they did ("Bob from the
// pharmacy called"), initials typed together as a name ("C.J. missed his
// shots"), and an age of a hundred and more after a filler ("is like a
// hundred and two").
func TestHouseholdRanksAndInitials(t *testing.T) {
	for _, f := range []string{"my ex {N} is not allowed to pick up my son", "the home aide {N} says dad hasn't eaten",
		"our driver {N} will bring her", "her teacher {N} called about the note", "the guy from the VA, Sgt. {N}, said to call",
		"{N} from the pharmacy called about the refill", "Officer {N} brought him in"} {
		for _, n := range []string{"Tolu", "Rosario", "Mills", "Kwabena"} {
			checkWholeName(t, f, n)
		}
	}
	for _, n := range []string{"C.J.", "R.J.", "A.J."} {
		checkWholeName(t, "{N} missed his shots", n)
	}
	checkAges(t, []string{"so um my grandma is like %s you know", "she is %s this year"}, []string{"a hundred and two", "a hundred and one"})
	checkClean(t, "my ex is calling", "the driver will come at 3", "someone from the office called",
		"U.S. is big", "A.M. is fine", "P.S. was sent")
}

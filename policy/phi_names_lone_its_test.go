package policy

import "testing"

// One word no dictionary holds after a greeting and "its" is the writer's
// name even when the message goes on ("hi its dorottya my results came");
// chat shorthand there stays ("hi its abt my appt", "hey its fyi only").
func TestLoneNameAfterGreetingIts(t *testing.T) {
	for _, f := range []string{"hi its {N} my results came", "helo its {N} pls call me back", "hellooo its {N} can u call me",
		"hey its {N} about friday", "hi, its {N} again"} {
		for _, n := range []string{"dorottya", "nkechinyere", "zephyrine", "quenby"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "hi its abt my appt", "hey its fyi only", "hi its idk what to do", "hi its tmrw right?",
		"hi its btw about the bill", "hi its ok i will come", "hi its kinda urgent")
}

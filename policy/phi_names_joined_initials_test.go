package policy

import "testing"

// TestJoinedInitialsAfterCue: initials typed together ("j.k.", "T.J.")
// before the family name after a cue are masked with it, in either case.
func TestJoinedInitialsAfterCue(t *testing.T) {
	cues := []string{"this is", "patient", "my son", "appointment for", "results for", "im", "my name is", "mi hija"}
	names := []string{"j.k. mensah", "T.J. Mahlangu", "a.b. okoye", "M.A. Rodriguez", "R.K. Sharma"}
	tails := []string{"", " needs a refill", ", call me back", " 🙏", " tomorrow at 9"}
	n := 0
	for ci, c := range cues {
		for ni, name := range names {
			text := c + " " + name + tails[(ci+ni)%len(tails)]
			n++
			if !nameMasked(text, name) {
				t.Errorf("%q: %q not masked as a name: %q", text, name, Detect(text).Masked)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d variants", n)
	}
	clean := []string{"the u.s. embassy called", "results for e.g. the scan", "appointment for p.m. tomorrow",
		"patient i.e. me", "this is a.m. appointment", "results for u.k. visa", "this is p.s. for the doctor"}
	for _, c := range clean {
		if hasName(c) {
			t.Errorf("clean %q reads a name: %q", c, Detect(c).Masked)
		}
	}
}

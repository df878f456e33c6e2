package policy

import "testing"

// TestPaperForNames: a test, a scan or a paper the clinic makes belongs
// to someone, so the name after "test for", "sick note for", "results of"
// is read as after "results for".
func TestPaperForNames(t *testing.T) {
	cues := []string{"test for", "tests for", "scan for", "xray for", "x-ray for", "swab for", "bloods for",
		"sick note for", "letter for", "referral for", "report for", "results of", "result of"}
	names := []string{"Dumisani", "thabo mokoena", "Mehmet Yilmaz", "Obiageli", "zelalem tesfaye"}
	leads := []string{"", "pls send the ", "is the ", "hi, the "}
	tails := []string{"", " ready?", " please", " 🙏", " - thanks"}
	n := 0
	for ci, c := range cues {
		for ni, name := range names {
			text := leads[(ci+ni)%len(leads)] + c + " " + name + tails[(ci*2+ni)%len(tails)]
			n++
			if !nameMasked(text, name) {
				t.Errorf("%q: %q not masked as a name: %q", text, name, Detect(text).Masked)
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d variants", n)
	}
	clean := []string{"note for work", "letter for school", "report for my employer", "result of my test",
		"bloods for tomorrow", "xray for my knee", "scan for the baby", "letter for the insurance",
		"note for Monday", "results of Tuesday", "referral for physiotherapy", "letter for Home Affairs",
		"test for the flu?", "report for the school trip", "results of the ultrasound"}
	for _, c := range clean {
		if hasName(c) {
			t.Errorf("clean %q reads a name: %q", c, Detect(c).Masked)
		}
	}
}

package policy

import (
	"strings"
	"testing"
)

// TestFamilyNameThatIsAWord: a lower-case given name followed by a family
// name that a dictionary also lists ("tendai moyo", "ngozi banda") is one
// name wherever the given name alone would be found.
func TestFamilyNameThatIsAWord(t *testing.T) {
	givens := []string{"tendai", "ngozi", "kwabena", "wanjiru", "chidi", "oluwaseun", "tatiana", "anjali", "siobhan", "hiroshi"}
	families := []string{"moyo", "banda", "mesa", "campo", "sierra", "bravo", "tanque", "cuna"}
	templates := []string{
		"can {G} {F} come in at 3",
		"is {G} {F} ok to come tomorrow",
		"{G} {F} dob 03/04/1981",
		"{G} {F} has an appointment friday",
		"results for {G} {F} please",
		"tell {G} {F} her forms are ready",
		"my son {G} {F} needs a refill",
	}
	for _, tm := range templates {
		for i, g := range givens {
			f := families[i%len(families)]
			s := strings.NewReplacer("{G}", g, "{F}", f).Replace(tm)
			got := Detect(s).Masked
			if strings.Contains(got, g) || strings.Contains(got, " "+f+" ") || strings.HasSuffix(got, " "+f) {
				t.Errorf("%q masked as %q", s, got)
			}
		}
	}
	// The word after a given name that is the sentence's own stays.
	for _, c := range []struct{ text, keep string }{
		{"can tendai come in at 3", "come"},
		{"is ngozi okay to come", "okay"},
		{"tell kwabena thanks", "thanks"},
		{"can wanjiru sleep over tonight", "over"},
		{"did chidi call me back", "call"},
		{"tendai will be late", "will"},
	} {
		got := Detect(c.text).Masked
		if !strings.Contains(got, c.keep) {
			t.Errorf("%q masked as %q: %q lost", c.text, got, c.keep)
		}
	}
	// No name, no family name: a word after an ordinary word stays.
	for _, s := range []string{"can you come in at 3", "is the mesa ok", "tell them the campo is closed"} {
		if got := Detect(s); hasType(got, SpanName) {
			t.Errorf("%q: false name: %q", s, got.Masked)
		}
	}
}

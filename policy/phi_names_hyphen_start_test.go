package policy

import (
	"strings"
	"testing"
)

// TestNameSpanStartsAtItsFirstPart: a hyphenated given name whose second
// part a rule began at ("Dong-hyun Kim", "hyun-woo here"), and a
// capitalised given name no list holds before a capitalised family name
// ("Yaw Owusu-Ansah"), are masked whole.
func TestNameSpanStartsAtItsFirstPart(t *testing.T) {
	names := []string{"Dong-hyun Kim", "Ji-hoon Lee", "Xiao-ming Wang", "Yaw Owusu-Ansah", "Kojo Boateng-Mensah",
		"Ewa Nowak-Kowalska", "Jae-won Choi"}
	templates := []string{"{N} needs a refill", "appointment for {N}", "thanks, {N}", "{N} called yesterday", "my wife {N} is sick",
		"hi, this is {N}", "{N} dob 2/3/1970"}
	for _, tm := range templates {
		for _, n := range names {
			s := strings.ReplaceAll(tm, "{N}", n)
			got := Detect(s).Masked
			for _, piece := range strings.FieldsFunc(n, func(r rune) bool { return r == ' ' || r == '-' }) {
				if strings.Contains(got, piece) {
					t.Errorf("%q masked as %q: %q left", s, got, piece)
				}
			}
		}
	}
	// Words joined by a hyphen before a name, and ordinary capitalised
	// words before one, are kept.
	for _, c := range []struct{ text, keep string }{
		{"Follow-up with Dr. Kim", "Follow-up"},
		{"Check-in for Maria Lopez at 3", "Check-in"},
		{"Good morning Maria", "Good morning"},
		{"Please call Maria Lopez", "Please call"},
		{"Monday Maria Lopez will come", "Monday"},
	} {
		if got := Detect(c.text).Masked; !strings.Contains(got, c.keep) {
			t.Errorf("%q masked as %q: %q lost", c.text, got, c.keep)
		}
	}
}

// TestNameSpanKeepsContractions: "I'm", "It's" and other contractions
// before a capitalised name are the sentence's, not the name's.
func TestNameSpanKeepsContractions(t *testing.T) {
	for _, pre := range []string{"Hi, I'm", "I'm", "It's", "Hi it's", "We're with", "You're seeing", "That's", "Who's"} {
		for _, n := range []string{"Maria Lopez", "Yaw Owusu-Ansah", "Ewa Nowak-Kowalska"} {
			s := pre + " " + n + ", DOB 03/14/1962"
			if got := Detect(s).Masked; !strings.HasPrefix(got, pre+" ") || !strings.Contains(got, "[NAME]") && n == "Maria Lopez" {
				t.Errorf("%q masked as %q", s, got)
			}
		}
	}
}

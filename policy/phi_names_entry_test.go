package policy

import (
	"strings"
	"testing"
)

// TestLastFirstBeforeDate: a "Family, Given" entry whose words are also
// ordinary words is one name where it opens the message, a line or a
// field and the date of birth follows: "young, mark dob 1/2/1980", "DOE,
// JANE 01/01/1970".
func TestLastFirstBeforeDate(t *testing.T) {
	type pair struct{ family, given string }
	var pairs []pair
	// Family names that are listed word-names, with given names that are
	// words or months as well as plain ones.
	for _, f := range []string{"young", "king", "hill", "white", "brown", "green", "stone", "rich", "fox", "wood"} {
		for _, g := range []string{"mark", "hope", "grace", "april", "jane", "maria"} {
			pairs = append(pairs, pair{f, g})
		}
	}
	// Family names that are only dictionary words, before a given name
	// that is no word.
	for _, f := range []string{"doe", "roe", "swan", "rivers", "crane"} {
		for _, g := range []string{"jane", "maria", "john", "kwame"} {
			pairs = append(pairs, pair{f, g})
		}
	}
	templates := []struct{ text, want string }{
		{"{F}, {G} dob 1/2/1980", "[NAME] dob [DOB]"},
		{"{F}, {G} dob 1/2/1980 needs a refill", "[NAME] dob [DOB] needs a refill"},
		{"Re: {F}, {G} dob 3/4/1990", "Re: [NAME] dob [DOB]"},
		{"refill request\n{F}, {G} DOB 03/04/1990", "refill request\n[NAME] DOB [DOB]"},
		{"patient: {F}, {G}, dob 3/4/1990", "patient: [NAME], dob [DOB]"},
	}
	missed, total := 0, 0
	for _, p := range pairs {
		for _, tm := range templates {
			for _, up := range []bool{false, true} {
				f, g := p.family, p.given
				if up {
					f, g = strings.ToUpper(f), strings.ToUpper(g)
				}
				total++
				text := strings.NewReplacer("{F}", f, "{G}", g).Replace(tm.text)
				if got := Detect(text).Masked; got != tm.want {
					missed++
					t.Errorf("%q masked as %q, want %q", text, got, tm.want)
				}
			}
		}
	}
	if missed > 0 {
		t.Logf("%d of %d missed", missed, total)
	}
}

// TestLastFirstBeforeDateStays: a reply word before a comma and a time of
// day after a name is no "Family, Given" entry ("cool, john 5 pm" masks
// John alone), and a comma between a word and a month or a weekday names
// no one.
func TestLastFirstBeforeDateStays(t *testing.T) {
	for _, c := range []struct{ text, word string }{
		{"cool, john 5 pm works", "cool"},
		{"awesome, jane 3:15 it is", "awesome"},
		{"great, maria 10 min late", "great"},
		{"yes, grace is fine now", "yes"},
		{"confirmed, mark 9 am", "confirmed"},
	} {
		if got := Detect(c.text).Masked; !strings.Contains(got, c.word) {
			t.Errorf("%q masked as %q: %q is no name", c.text, got, c.word)
		}
	}
	for _, text := range []string{
		"sorry, april 3 works?",
		"ok, mark 3 boxes on the form",
		"Tuesday, March 3 at 2",
		"great, may 5 works for me",
		"noon, june 4 is best",
		"fine, hope 2 is enough",
	} {
		if got := Detect(text).Masked; strings.Contains(got, "[NAME]") {
			t.Errorf("clean %q masked as %q", text, got)
		}
	}
}

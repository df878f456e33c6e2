package policy

import (
	"strings"
	"testing"

	"github.com/clinicwa/triage/assets"
)

// TestWorldGivenNames: every given name and short form of the world list
// (assets/data/lexicons/given_names_world.txt) is masked where a patient
// puts a name — after a kinship word, a self-introduction, a sign-off, a
// verb of telling, as the subject of a verb only people take — in lower
// case and capitalised, whether or not it is also an ordinary word.
func TestWorldGivenNames(t *testing.T) {
	names, err := assets.Lexicon(assets.LexWorldGiven)
	if err != nil {
		t.Fatal(err)
	}
	templates := []string{
		"my son {N} has an appointment on friday",
		"mi hija {N} tiene cita el lunes",
		"this is {N}, can i move my appointment",
		"my name is {N}",
		"thanks, {N}",
		"please tell {N} to call me back",
		"{N} needs a new school form",
		"hola soy {N}",
	}
	checkNamesInTemplates(t, names, templates)
}

// TestWorldGivenNamesThatAreWords: a short form that is also an ordinary
// word ("memo", "drew", "nick", "chico") stays a word where no cue or name
// stands beside it.
func TestWorldGivenNamesThatAreWords(t *testing.T) {
	for _, text := range []string{
		"I got the memo from work about my leave",
		"they drew blood this morning",
		"there is a nick on my finger",
		"el chico de la farmacia me dio otra caja",
		"the patty melt gave me heartburn",
		"is the clinic open on sun",
		"the rash looks like a dolly mixture",
		"can you chuck the old forms",
		"we had nachos after the game",
		"estoy en la concha acústica",
	} {
		if got := Detect(text).Masked; strings.Contains(got, "[NAME]") {
			t.Errorf("clean %q masked as %q", text, got)
		}
	}
}

// checkNamesInTemplates puts each name, in lower case and capitalised,
// into each template's {N} and wants exactly the name masked.
func checkNamesInTemplates(t *testing.T, names, templates []string) {
	t.Helper()
	missed := 0
	for _, name := range names {
		for _, tm := range templates {
			for _, n := range []string{name, strings.ToUpper(name[:1]) + name[1:]} {
				text := strings.ReplaceAll(tm, "{N}", n)
				want := strings.ReplaceAll(tm, "{N}", "[NAME]")
				if got := Detect(text).Masked; got != want {
					missed++
					t.Errorf("%q masked as %q, want %q", text, got, want)
				}
			}
		}
	}
	if missed > 0 {
		t.Logf("%d of %d missed", missed, len(names)*len(templates)*2)
	}
}

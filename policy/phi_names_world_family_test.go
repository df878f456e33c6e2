package policy

import (
	"strings"
	"testing"

	"github.com/clinicwa/triage/assets"
)

// TestWorldFamilyNames: every family name of the world list
// (assets/data/lexicons/family_names_world.txt) is masked where a patient
// writes a family name — after a given name with no cue, alone as the
// subject of a request, after "results for", in "Family, Given" before a
// date of birth — in lower case and capitalised.
func TestWorldFamilyNames(t *testing.T) {
	names, err := assets.Lexicon(assets.LexWorldFamily)
	if err != nil {
		t.Fatal(err)
	}
	templates := []struct{ text, want string }{
		{"grace {N} needs a refill", "[NAME] needs a refill"},
		{"can {N} call me back", "can [NAME] call me back"},
		{"results for {N} please", "results for [NAME] please"},
		{"{N}, maria dob 03/04/1980", "[NAME] dob [DOB]"},
		{"please tell {N} her forms are ready", "please tell [NAME] her forms are ready"},
		{"my husband is thabo {N}", "my husband is [NAME]"},
	}
	missed, total := 0, 0
	for _, name := range names {
		for _, tm := range templates {
			for _, n := range []string{name, strings.ToUpper(name[:1]) + name[1:]} {
				total++
				text := strings.ReplaceAll(tm.text, "{N}", n)
				if strings.HasPrefix(tm.text, "{N}") && n != name {
					text = strings.ReplaceAll(text, "maria", "Maria")
				}
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

// TestWorldFamilyNamesAreNoWords: the list holds no word an English or
// Spanish dictionary lists, so none of its entries is read as a name where
// the word is meant.
func TestWorldFamilyNamesAreNoWords(t *testing.T) {
	names, err := assets.Lexicon(assets.LexWorldFamily)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if len(name) < 3 || dictionaryWord([]byte(name)) {
			t.Errorf("%q: a word or too short for the family-name list", name)
		}
	}
}

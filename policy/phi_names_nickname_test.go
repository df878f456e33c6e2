package policy

import (
	"strings"
	"testing"
)

// TestPetFormsInNamePositions: the short and pet forms families call one
// another by, of many origins — English (Kat, Mitch, Theo, Bubba),
// Spanish diminutives (Paquito, Jorgito, Merche, Gabo), Portuguese
// (Zeca, Paulinho, Carlinhos), Russian (Nastya, Kostya, Grisha),
// Filipino (Inday, Dodong, Junjun) and South Asian (Bablu, Chintu,
// Pappu) — are masked where a patient puts a name, capitalised and in
// lower case. The population tables hold given names as registered at
// birth, not the names people answer to.
func TestPetFormsInNamePositions(t *testing.T) {
	forms := []string{"kat", "mitch", "theo", "bubba", "stan", "wes", "missy", "flo", "kiki",
		"paquito", "jorgito", "luisito", "merche", "gabo", "guille", "conchi",
		"zeca", "paulinho", "carlinhos", "xande",
		"nastya", "kostya", "grisha", "liuba",
		"inday", "dodong", "junjun", "neneng",
		"bablu", "chintu", "pappu", "guddu", "sonu"}
	templates := []string{
		"my son {N} has an appointment on friday",
		"mi hija {N} tiene cita el lunes",
		"hi this is {N}, can i move my appointment",
		"{N} here, is my refill ready",
		"please tell {N} to call me back",
		"{N} needs a new school form",
		"is {N}'s appointment still at 3",
		"thanks, {N}",
	}
	checkNamesInTemplates(t, forms, templates)
}

// TestPetFormsThatAreWords: a pet form that is also an ordinary English or
// Spanish word ("penny", "peg", "rob", "caro", "flor", "pato") is a name
// only after a cue or beside another name; in an ordinary sentence it
// stays a word.
func TestPetFormsThatAreWords(t *testing.T) {
	for _, text := range []string{
		"I found a penny in the waiting room",
		"the peg on the door is broken",
		"the woody smell in the lobby is nice",
		"it is a bit of a mickey mouse process",
		"someone tried to rob the pharmacy last night",
		"we drank ale at the party and now my stomach hurts",
		"the flor de jamaica tea helps my pressure",
		"es muy caro el medicamento",
		"el pato del parque me mordió",
		"la lena para la chimenea",
		"sonny side up eggs for breakfast",
		"the kiddo loves toto the movie dog",
		"valor normal en los análisis",
		"a bonnie day for a walk",
		"the jay outside woke the baby",
	} {
		if got := Detect(text).Masked; strings.Contains(got, "[NAME]") {
			t.Errorf("clean %q masked as %q", text, got)
		}
	}
}

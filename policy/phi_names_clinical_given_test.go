package policy

import (
	"fmt"
	"testing"
)

// "Dolores" is a given name and, in Spanish, pains. Capitalised before a
// family name it is a person, masked as a name whether or not a cue comes
// first; "tengo dolores de cabeza" stays a complaint.
func TestGivenNameThatIsAlsoAClinicalWord(t *testing.T) {
	frames := []string{
		"%s called about her refill",
		"my mom %s has a fever since Monday",
		"mi abuela %s tiene cita mañana",
		"please ask %s to call the front desk",
		"appointment for %s at 3pm",
	}
	for _, family := range []string{"Castillo", "Ramirez", "Okafor", "Nguyen", "Fernandes"} {
		name := "Dolores " + family
		for _, f := range frames {
			checkCovered(t, fmt.Sprintf(f, name), name)
		}
	}
	for _, text := range []string{"tengo dolores de cabeza desde ayer", "Dolores de cabeza y fiebre", "mi hija tiene dolores fuertes"} {
		d := Detect(text)
		if len(d.Spans) == 0 || !d.Spans[0].Type.IsClinical() {
			t.Errorf("%q: the pains are no longer masked as clinical: %s", text, d.Masked)
		}
	}
}

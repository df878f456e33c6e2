package policy

import (
	"strings"
	"testing"
)

// After a kinship word comes the person's name or the sentence's verb.
// A Portuguese verb no dictionary here holds, a dictionary verb before a
// preposition, the French possessive "son" and a kinship word that is
// also a given name ("irmã", Irma) are no names; a name after the
// kinship word still is.
func TestKinshipWordsBeforeVerbs(t *testing.T) {
	for _, text := range []string{
		"Meu filho teve uma overdose ontem, usaram naloxona",
		"minha filha fez o exame ontem",
		"Mi madre empieza en la unidad de memoria el mes que viene",
		"my mom works at the school until 3",
		"Mon mari boit tous les soirs depuis son licenciement",
		"il est parti avec son frère",
		"Minha irmã faz tratamento e precisa de um atestado",
		"meu marido trabalha à noite",
	} {
		if d := Detect(text); strings.Contains(d.Masked, "[NAME]") {
			t.Errorf("%q: a verb or a kinship word read as a name: %s", text, d.Masked)
		}
	}
	for _, c := range []struct{ text, name string }{
		{"meu filho Enzo tem febre", "Enzo"},
		{"my son Tayo has a fever", "Tayo"},
		{"my son bubba is sick", "bubba"},
		{"Irma Lopez called about her refill", "Irma Lopez"},
		{"minha irmã Graça precisa do atestado", "Graça"},
	} {
		checkCovered(t, c.text, c.name)
	}
}

// A family name the dictionary also holds, alone and in lower case
// inside a clause, is the word; with a cue, a title, a capital or at the
// head of the message before its comma it is still the name.
func TestLowerCaseFamilyNamesThatAreWords(t *testing.T) {
	for _, text := range []string{"my fertility treatment has made me so moody", "it was a long wait again",
		"the nurse was very young and kind"} {
		if d := Detect(text); strings.Contains(d.Masked, "[NAME]") {
			t.Errorf("%q: a word read as a family name: %s", text, d.Masked)
		}
	}
	for _, c := range []struct{ text, name string }{
		{"results for moody please", "moody"},
		{"mr moody called about the bill", "moody"},
		{"smith, j appt moved?", "smith, j"},
		{"Moody called twice today", "Moody"},
	} {
		checkCovered(t, c.text, c.name)
	}
}

// A word after a hyphen opens no clause: "a pre-op check here?" holds
// no name before "here"; hyphenated names before it still are.
func TestHyphenBeforeHere(t *testing.T) {
	checkClean(t, "do I need a pre-op check here?", "is the walk-in clinic here?")
	checkCovered(t, "hi, Anne-Marie here, can I come at 3", "Anne-Marie")
	checkCovered(t, "Jean-Pierre Dubois here", "Jean-Pierre Dubois")
}

// An abbreviation in capitals after "for" names a service or a form;
// initials there are still a nickname.
func TestCapitalAbbreviationsAfterFor(t *testing.T) {
	for _, text := range []string{"the school wants a letter for PE", "is there a waiting list for IVF", "a note for ICU please"} {
		if d := Detect(text); strings.Contains(d.Masked, "[NAME]") {
			t.Errorf("%q: an abbreviation read as a name: %s", text, d.Masked)
		}
	}
	checkCovered(t, "appointment for JJ", "JJ")
	checkCovered(t, "results for DJ please", "DJ")
}

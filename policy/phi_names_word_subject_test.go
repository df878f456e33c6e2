package policy

import (
	"fmt"
	"strings"
	"testing"
)

// A given name that is also a word, opening a clause about its bearer's
// health, is masked as a name with the statement masked around it.
func TestWordNamesOpeningAHealthStatement(t *testing.T) {
	frames := []string{
		"%s has had a fever since Tuesday, 38.9 this morning",
		"%s threw up twice after the new medicine",
		"%s needs a refill of her asthma inhaler",
		"%s is vomiting since last night",
		"%s fever 39.2 since noon",
		"%s tiene tos desde hace una semana",
		"%s está com dor de ouvido",
		"ok so %s has a rash on both arms",
	}
	for _, name := range []string{"Grace", "Sunny", "Faith", "Joy", "Rosa", "Esperanza", "Blanca", "Mercedes"} {
		for _, f := range frames {
			checkCovered(t, fmt.Sprintf(f, name), name)
		}
	}
	// Spanish and Portuguese put an article before a noun that opens a
	// sentence: a bare given name before a verb is the person, whatever
	// the sentence says.
	for _, c := range []struct{ text, name string }{
		{"Esperanza perdió la tarjeta del seguro", "Esperanza"},
		{"Milagros tiene cita con la doctora mañana", "Milagros"},
		{"Mercedes está mejor, gracias por todo", "Mercedes"},
		{"Rosa quiere cambiar la cita", "Rosa"},
		{"hola, Esperanza llegó tarde?", "Esperanza"},
	} {
		checkCovered(t, c.text, c.name)
	}
	// Two such names joined by "and" before a plural verb, the second a
	// clinical word too ("Dores", pains).
	for _, c := range []struct{ text, a, b string }{
		{"Socorro e Dores são irmãs, podem ser atendidas juntas?", "Socorro", "Dores"},
		{"Pilar y Consuelo van juntas a la cita", "Pilar", "Consuelo"},
		{"Grace and Hope need the flu shot", "Grace", "Hope"},
	} {
		checkCovered(t, c.text, c.a)
		checkCovered(t, c.text, c.b)
	}
	// French words that are also given names stay words in lower case.
	checkClean(t, "L'urine est claire maintenant", "La plaie est blanche autour, c'est normal ?")
	// The word read as a word: a season or a time of day with a copula
	// and no complaint after it, a verb or a modal opening the clause
	// with its subject left out, an adjective before a noun.
	for _, text := range []string{
		"Summer is coming, do I need a different sunscreen for the eczema",
		"Dawn was the worst, the pain woke me up at 5",
		"Hope the swelling goes down by tomorrow",
		"Will need a refill of my inhaler next week",
		"Rich food makes my reflux worse",
		"Joyful news, the scan was clear",
		"Grace period for the copay, is it 30 days?",
		"La esperanza es lo último que se pierde",
		"Luz no hay en la casa desde ayer",
	} {
		if d := Detect(text); strings.Contains(d.Masked, "[NAME]") {
			t.Errorf("%q: a word read as a name: %s", text, d.Masked)
		}
	}
}

// A double family name before its comma takes the given name after it,
// a word name included, where the clause ends or asks politely.
func TestGivenNameAfterADoubleFamilyName(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"Reprogramar cita de Quispe Mamani, Rosa por favor", "Quispe Mamani, Rosa"},
		{"García López, María Elena tiene cita mañana", "García López, María Elena"},
		{"appointment for Okonkwo Eze, Chidi please", "Okonkwo Eze, Chidi"},
		{"cita para Huamán Condori, Luz.", "Huamán Condori, Luz"},
	} {
		checkCovered(t, c.text, c.name)
	}
}

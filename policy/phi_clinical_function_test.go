package policy

import (
	"strings"
	"testing"
)

// Abilities a relative has lost and the aids they use, generated over
// the relative, the wording and the frame.
func TestLostFunctions(t *testing.T) {
	var msgs [][2]string
	es := []string{"ya no camina", "ya no oye bien", "ya no se levanta", "ya no reconoce",
		"se le olvida todo", "usa silla de ruedas", "usa andadera", "necesita oxígeno", "ya no traga bien"}
	for _, p := range es {
		for _, f := range []string{"mi abuela %s", "mi papá tiene 92 años y %s", "hola, mi mamá %s desde marzo"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", p, 1), p})
		}
	}
	en := []string{"can't walk anymore", "can't stand up without help", "no longer eats", "uses a wheelchair", "uses a cane",
		"needs oxygen", "can't swallow well"}
	for _, p := range en {
		for _, f := range []string{"my grandma %s", "hi, my dad is 94 and %s", "he %s since the fall"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", p, 1), p})
		}
	}
	checkWhole(t, msgs)
}

func TestLostFunctionsLookalikes(t *testing.T) {
	for _, text := range []string{"I can't see the portal", "can't hear you, call me back", "no puede ver el correo",
		"is the clinic wheelchair accessible?", "el carro no camina", "no puede venir el martes", "can't walk you through it",
		"do you have wheelchairs at the entrance?", "I can't make it on monday"} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

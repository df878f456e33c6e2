package policy

import (
	"strings"
	"testing"
)

// Blood counts, salts and enzymes as Spanish, Portuguese and French
// patients name them, and the English plurals: owner × test × result ×
// frame, masked with their result.
func TestLabsNamedInOtherLanguages(t *testing.T) {
	tests := []struct{ owner, test, result string }{
		{"mis", "glóbulos blancos", "salieron altos"}, {"sus", "glóbulos rojos", "salieron bajos"},
		{"el", "potasio", "le salió bajo"}, {"el", "sodio", "salió en 128"}, {"el", "ácido úrico", "en 9"},
		{"el", "antígeno prostático", "salió en 6"}, {"mis", "enzimas del hígado", "salieron altas"},
		{"las", "enzimas hepáticas", "salieron elevadas"}, {"el", "colesterol malo", "salió en 190"},
		{"el", "magnesio", "salió bajo"}, {"la", "bilirrubina", "salió en 3"}, {"los", "leucocitos", "salieron altos"},
		{"o", "potássio", "deu baixo"}, {"os", "triglicerídeos", "deram 400"}, {"os", "glóbulos brancos", "deram altos"},
		{"les", "globules blancs", "sont élevés"}, {"mes", "plaquettes", "sont basses"}, {"mon", "hémoglobine", "est à 9"},
		{"ma", "ferritine", "est à 8"}, {"my", "white blood cells", "were high"}, {"his", "red blood cells", "are low"},
		{"my", "estrogen", "is low"},
	}
	frames := []string{"%s", "hola, %s, ¿es grave?", "bonjour, %s", "%s. can someone call me", "olá, %s"}
	n := 0
	for i, tc := range tests {
		for j := 0; j < 3; j++ {
			stmt := tc.owner + " " + tc.test + " " + tc.result
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", stmt, 1)
			n++
			if !clinicalCaught(text, tc.test+" "+tc.result) {
				t.Errorf("%q: %q not masked: %q", text, tc.test+" "+tc.result, Detect(text).Masked)
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d variants", n)
	}
	// The words' everyday senses and the clinic's own questions. (A salt
	// named alone, "el sodio de la comida", is read as the test, as
	// "sodium" is in English.)
	for _, clean := range []string{
		"¿a qué hora abre el laboratorio?",
		"¿tienen laboratorio de sangre los domingos?",
		"mis hijos son muy blancos, ¿necesitan bloqueador?",
		"où est le laboratoire s'il vous plaît",
		"onde fica o laboratório?",
		"is the lab open on saturday",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

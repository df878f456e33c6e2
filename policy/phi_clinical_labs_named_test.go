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

// Complaints the symptom list lacked, in English and Spanish: subject ×
// complaint × time × frame.
func TestSymptomsListedSince(t *testing.T) {
	english := []string{"welts", "boils", "red eyes", "dry skin", "peeling skin", "bad breath", "irregular periods",
		"foul smelling urine", "lethargy"}
	spanish := []string{"gases", "ampollas", "llagas", "ronquera", "afonía", "agotamiento", "espasmos", "nariz tapada",
		"estornudos", "ojos llorosos", "ojos rojos", "vahídos", "popó negro", "orina turbia", "regla abundante",
		"regla irregular", "piel reseca", "mucha sed", "boca seca", "mal aliento", "dificultad para tragar",
		"pérdida de memoria", "empacho", "mal de orín"}
	enSubj := []string{"i have", "my son has", "she's got", "he has had"}
	esSubj := []string{"tengo", "mi hija tiene", "mi esposo anda con", "la niña tiene"}
	times := map[bool][]string{false: {"since monday", "for 3 days", "again", ""}, true: {"desde el lunes", "hace 3 días", "otra vez", ""}}
	n := 0
	for _, l := range []struct {
		es    bool
		words []string
		subj  []string
	}{{false, english, enSubj}, {true, spanish, esSubj}} {
		for i, w := range l.words {
			for j := 0; j < 3; j++ {
				stmt := l.subj[(i+j)%len(l.subj)] + " " + w
				text := strings.TrimSpace(stmt + " " + times[l.es][(i+j)%len(times[l.es])])
				if j == 1 {
					text = "hi, " + text + ", can i come in?"
				}
				n++
				if !clinicalCaught(text, w) {
					t.Errorf("%q: %q not masked: %q", text, w, Detect(text).Masked)
				}
			}
		}
	}
	if n < 90 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"¿puedo comer cereales antes del análisis?",
		"the red line bus stops at the clinic?",
		"is the waiting room dry now? the floor was wet",
		"¿la farmacia abre el domingo?",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

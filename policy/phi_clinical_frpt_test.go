package policy

import (
	"strings"
	"testing"
)

// French and Portuguese clinical statements: each subject × complaint ×
// time, masked as a whole statement.
func TestFrenchAndPortugueseClinicalStatements(t *testing.T) {
	french := struct{ subjects, complaints, times []string }{
		[]string{"je", "ma fille", "mon mari", "ma mère", "mon fils"},
		[]string{"suis enceinte de 8 semaines", "a des saignements", "tousse beaucoup", "a du mal à respirer",
			"est diabétique", "a mal au ventre", "fait une infection urinaire", "a des vertiges", "a de l'asthme",
			"a un rendez-vous en oncologie", "voit le psychiatre", "a fait une fausse couche"},
		[]string{"depuis hier", "depuis trois jours", "ce matin", ""},
	}
	portuguese := struct{ subjects, complaints, times []string }{
		[]string{"eu", "minha filha", "meu marido", "minha mãe", "meu filho"},
		[]string{"estou grávida de 12 semanas", "está com sangramento", "está tossindo muito", "está com falta de ar",
			"é diabética", "está com dor de barriga", "teve infecção urinária", "está com tontura", "tem asma",
			"tem consulta na oncologia", "vai ao psiquiatra", "está fazendo quimioterapia"},
		[]string{"desde ontem", "há três dias", "hoje de manhã", ""},
	}
	n := 0
	for _, lang := range []struct{ subjects, complaints, times []string }{french, portuguese} {
		for ci, c := range lang.complaints {
			for si := 0; si < 2; si++ {
				subj := lang.subjects[(ci+si)%len(lang.subjects)]
				tm := lang.times[(ci+si)%len(lang.times)]
				stmt := strings.TrimSpace(subj + " " + c + " " + tm)
				if subj == "eu" {
					stmt = strings.TrimSpace(c + " " + tm)
				}
				text := stmt + ", merci"
				n++
				if !clinicalCaught(text, stmt) {
					t.Errorf("%q: %q not masked as a statement: %q", text, stmt, Detect(text).Masked)
				}
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d variants", n)
	}
	// The clinic's operational French and Portuguese stay readable.
	for _, clean := range []string{
		"bonjour, à quelle heure ouvre la clinique samedi ?",
		"merci beaucoup, à demain",
		"est-ce que je peux venir plus tôt ?",
		"où est le parking s'il vous plaît",
		"olá, a clínica abre no sábado?",
		"obrigada, até amanhã",
		"onde fica o estacionamento?",
		"posso chegar mais cedo amanhã?",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

// clinicalCaught reports whether 80% of want's letters and digits inside
// text are masked, by spans of any type.
func clinicalCaught(text, want string) bool {
	i := strings.Index(text, want)
	if i < 0 {
		return false
	}
	return covered(text, corpusSpan{Start: i, End: i + len(want)}, Detect(text).Spans)
}

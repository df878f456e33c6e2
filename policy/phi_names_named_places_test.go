package policy

import (
	"fmt"
	"strings"
	"testing"
)

// TestPlacesNamedForPeopleRomance: a school, church, station or market
// named after a person or a saint, with its kind of place before it, is
// a place; a club, a way to pay and an accepted plan are brands.
func TestPlacesNamedForPeopleRomance(t *testing.T) {
	var msgs []string
	for _, place := range []string{"colegio Benito Juárez", "escuela Miguel Hidalgo", "escola Rui Barbosa", "l'école Jules Ferry",
		"lycée Victor Hugo", "hospital Italiano", "iglesia de San José", "igreja de Santo Antônio", "église Sainte Anne",
		"estação da Luz", "estación de Atocha", "gare de Lyon", "aeropuerto Jorge Chávez", "parroquia de San Judas Tadeo",
		"iglesia de la Merced", "mercado Juárez"} {
		for _, f := range []string{"está cerca de la %s?", "fica perto da %s?", "c'est près de %s ?", "we are next to the %s",
			"como chego saindo da %s?", "la clínica queda enfrente de la %s"} {
			msgs = append(msgs, fmt.Sprintf(f, place))
		}
	}
	for _, x := range []string{"Chase bank", "Westfield mall", "Union station", "Lincoln school", "Marriott hotel", "Jackson library"} {
		for _, f := range []string{"We're the building across from %s right?", "is it next to %s?", "park behind %s and walk"} {
			msgs = append(msgs, fmt.Sprintf(f, x))
		}
	}
	for _, x := range []string{"Real Madrid", "Atlético Mineiro", "Inter Miami", "Sporting Cristal", "Olympique Lyon"} {
		for _, f := range []string{"qué partidazo el del %s anoche", "did you see %s last night?", "vamos %s!!"} {
			msgs = append(msgs, fmt.Sprintf(f, x))
		}
	}
	for _, x := range []string{"Mercado Pago", "Nequi", "Bizum", "GCash", "Daviplata", "Yape", "Pix"} {
		for _, f := range []string{"¿Se puede pagar con %s?", "can I pay with %s?", "pwede po ba mag bayad through %s?",
			"posso fazer o pagamento via %s?", "je peux payer avec %s ?"} {
			msgs = append(msgs, fmt.Sprintf(f, x))
		}
	}
	for _, x := range []string{"Amil", "Sanitas", "Unimed", "Bradesco Saúde", "Maxicare", "Humana"} {
		for _, f := range []string{"Gostaria de saber se aceitam %s", "¿Aceptan %s?", "do you accept %s?", "vous acceptez %s ?"} {
			msgs = append(msgs, fmt.Sprintf(f, x))
		}
	}
	for _, f := range []string{"how do I get there from Grand Central?", "Is the clinic near Grand Central?", "5 min from Penn Central"} {
		msgs = append(msgs, f)
	}
	bad := 0
	for _, text := range msgs {
		if d := Detect(text); hasType(d, SpanName) {
			bad++
			t.Errorf("%q masked as %q", text, d.Masked)
		}
	}
	t.Logf("%d of %d place, club and brand messages masked", bad, len(msgs))
}

// TestPeopleBesidePlaceWordsStayNames: a person's name beside the same
// nouns ("la escuela de María", "Chase called from the bank") is still
// masked.
func TestPeopleBesidePlaceWordsStayNames(t *testing.T) {
	cases := [][2]string{
		{"la escuela de María Pérez llamó por la fiebre", "María"},
		{"el colegio de Sofía Ramírez mandó una nota", "Sofía"},
		{"a escola da Ana Beatriz ligou", "Ana"},
		{"Chase called, he's my son and has a fever", "Chase"},
		{"tell Chase the bank called", "Chase"},
		{"Benito Juárez is my father, he needs a refill", "Benito"},
		{"Jules Ferry called for his test results", "Jules"},
		{"pay it for Maria Santos please", "Maria"},
		{"I came with Maria Santos, she's my aunt", "Maria"},
	}
	for _, c := range cases {
		if c[1] == "" {
			continue
		}
		d := Detect(c[0])
		if strings.Contains(d.Masked, c[1]) {
			t.Errorf("%q: %q not masked (%q)", c[0], c[1], d.Masked)
		}
	}
	for _, name := range []string{"Luz Martínez", "Santos Pérez", "Grace Park", "Jisoo Hall"} {
		for _, f := range []string{"%s needs a refill", "please call %s back", "mi hermana %s tiene cita"} {
			text := fmt.Sprintf(f, name)
			if d := Detect(text); !hasType(d, SpanName) {
				t.Errorf("%q: no name masked (%q)", text, d.Masked)
			}
		}
	}
}

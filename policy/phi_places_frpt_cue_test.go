package policy

import (
	"strings"
	"testing"
)

// French and Portuguese say where a person lives with their own verbs and
// nouns ("moro na", "mora no", "j'habite au", "meu endereço", "morada",
// "adresse", "domicile"): after them a street in lower case or with its
// number after a comma is the address, whole ("moro na rua das flores
// 120", "Moro na Rua das Flores, 120, São Paulo").
func TestFrenchPortugueseAddressCues(t *testing.T) {
	ptStreets := []string{"rua das flores 120", "Rua das Flores, 120, São Paulo", "rua augusta 45, apto 12",
		"avenida paulista 1578", "travessa do carmo 15", "Rua Direita, 45, Porto", "largo do rato 3", "alameda santos, 200"}
	ptCues := []string{"moro na %s", "minha mãe mora na %s", "meu endereço é %s", "endereço: %s", "a morada é %s",
		"nós moramos na %s", "ele mora no %s, obrigado"}
	frStreets := []string{"rue oberkampf 45", "45 rue Oberkampf", "12 rue de la paix", "chemin des vignes 12",
		"8 impasse des Lilas", "27 allée des Tilleuls", "avenue victor hugo 14"}
	frCues := []string{"j'habite au %s", "mon adresse : %s", "adresse: %s", "domicile : %s", "ma mère habite au %s",
		"nous habitons %s"}
	var msgs [][2]string
	for _, c := range ptCues {
		for _, s := range ptStreets {
			if strings.Contains(c, "mora no") && strings.HasPrefix(strings.ToLower(s), "rua") {
				continue // "no" before a feminine street is not said
			}
			msgs = append(msgs, [2]string{strings.Replace(c, "%s", s, 1), s})
		}
	}
	for _, c := range frCues {
		for _, s := range frStreets {
			msgs = append(msgs, [2]string{strings.Replace(c, "%s", s, 1), s})
		}
	}
	checkWhole(t, msgs)
}

// The same verbs and nouns with no street after them mask nothing, and a
// number after a street is its house, never a person's age.
func TestFrenchPortugueseAddressCueLookalikes(t *testing.T) {
	checkClean(t, "a senhora mora com a filha desde o ano passado", "moro longe, posso fazer a consulta por vídeo?",
		"j'habite loin de la clinique, est-ce possible en visio ?", "mon adresse e-mail a changé", "o endereço da clínica mudou?",
		"quelle est l'adresse du cabinet ?", "ele mora sozinho e está bem",
		"nous habitons à la campagne maintenant", "a consulta demora 20 minutos")
	for _, text := range []string{"Rua das Flores, 120, São Paulo", "Calle Mayor, 95, Madrid", "Avenida Central, 101, Lima"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanAge {
				t.Errorf("%q: %q read as an age", text, text[s.Start:s.End])
			}
		}
	}
}

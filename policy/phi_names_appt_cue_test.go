package policy

import "testing"

// "An appointment for" someone in French and Portuguese is a name cue as
// it is in English and Spanish: "rdv pour yolande lundi", "consulta para
// joana na segunda". What follows that is no person stays.
func TestAppointmentForCueFrenchPortuguese(t *testing.T) {
	for _, f := range []string{"rdv pour {N} lundi", "bonjour, rdv pour {N} svp", "consulta para {N} na segunda",
		"receita para {N} por favor", "ordonnance pour {N} stp", "résultats pour {N} ?"} {
		for _, name := range []string{"yolande", "joana", "Thierry", "marie-claire", "Ana Souza"} {
			checkWholeName(t, f, name)
		}
	}
	checkClean(t, "rdv pour demain svp", "rdv pour la vaccination", "consulta para o meu filho amanhã",
		"rdv pour ma fille mardi", "receita para a farmácia", "ordonnance pour la pharmacie", "consulta para amanhã?")
}

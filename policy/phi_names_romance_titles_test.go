package policy

import "testing"

// Portuguese, French and Italian doctors' titles take the name after them
// as "Dr." does: "obrigada doutora Marta", "merci docteur Benali".
func TestRomanceDoctorTitles(t *testing.T) {
	for _, f := range []string{"obrigada doutora {N}", "Merci docteur {N}, à jeudi", "a doutora {N} pediu exames",
		"le docteur {N} a dit", "il dottore {N} ha detto"} {
		for _, n := range []string{"Marta", "Benali", "Fernanda Lima", "Okonkwo"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "obrigada doutora!", "Obrigada Doutora", "le docteur a dit que c'est normal", "o doutor vai atender hoje?")
}

// Whose result or whose parent, in Portuguese: a capitalised or listed
// name after "resultado da", "exame do", "pai da", "mãe do" is masked; a
// lower-case word there is the test or the role ("o resultado do exame
// saiu?", "exame de sangue").
func TestPortugueseWhoseCues(t *testing.T) {
	for _, f := range []string{"o resultado da {N} saiu?", "o exame do {N} ficou pronto?", "É o Seu Tião, pai da {N}",
		"mãe do {N} aqui", "a receita da {N} venceu", "a consulta do {N} é amanhã?"} {
		for _, n := range []string{"Vitória", "Ritinha", "Arthur Miguel", "Enzo"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "o resultado do exame saiu?", "exame de sangue amanhã", "a consulta do dia 5 foi remarcada?",
		"a receita do remédio venceu", "vacina da gripe já tem?")
}

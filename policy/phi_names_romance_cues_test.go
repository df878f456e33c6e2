package policy

import "testing"

// A capitalised given name that is also a word, or one no list holds,
// before a family name already found is masked with it: "nome Helena
// Barros", "c'est pour Maxime Leroy", "Destiny Okoro-Adeyemi". Inside a
// clause the capital says name; at a clause's start only a listed given
// name does.
func TestGivenNameBeforeFamilyNameFound(t *testing.T) {
	templates := []string{"passaporte FZ123456, nome {N}", "c'est pour {N} svp", "o nome do meu pai é {N}, CNS 12",
		"cumprimentos {N}", "please call {N} after 3", "my mum {N} called", "meu pai é {N}"}
	names := []string{"Helena Cristina Barros", "Wellington Souza Rocha", "Maxime Leroy", "Vasco Almeida",
		"Destiny Okoro-Adeyemi", "Raimunda Nonata Sousa", "Hope Mensah"}
	for _, f := range templates {
		for _, n := range names {
			checkWholeName(t, f, n)
		}
	}
	for _, n := range []string{"Destiny Okoro-Adeyemi", "Hope Mensah", "Grace Oyelaran"} {
		checkWholeName(t, "{N} checking in for her 9:30", n)
	}
	// A capitalised word that opens the clause and is no listed given
	// name stays outside the name: a greeting, thanks, a weekday.
	for _, f := range []string{"Hello {N} here", "Thanks {N}", "Monday {N} can come", "Yes {N} will bring it"} {
		checkWholeName(t, f, "Maria Garcia")
	}
}

// Portuguese and French name labels, third-person statements, sign-offs
// and introductions before a capitalised name cue it as their English
// forms do; Portuguese, French and Haitian Creole kin words cue the name
// after them. A lower-case word after an introduction stays: it is the
// service or the thing ("aqui é a recepção?").
func TestRomanceNameCues(t *testing.T) {
	templates := []string{
		"nome: {N}, nascida em 1950", "Nome completo {N}", "o nome dela é {N}", "o nome dele e {N}",
		"ela se chama {N}", "nom: {N}", "prénom {N}", "elle s'appelle {N}", "il s'appelle {N} et il a de la fièvre",
		"Abraço, {N}", "obrigado pela atenção, abraços {N}", "cumprimentos {N}", "atenciosamente, {N}",
		"merci, cordialement {N}", "bisous {N}", "un abrazo, {N}",
		"aqui é o {N}, o marido da paciente", "oi, aqui é a {N}", "sou a {N}, a filha dela", "slt doc c'est {N}, le petit a vomi",
		"vó {N} nasceu em 1930", "a minha bisavó {N} tem febre", "minha madrinha {N} vai levar",
		"Pitit mwen {N} gen lafyèv depi yè", "Bonjou, se madanm {N} ki la", "mi mamita {N} tiene tos",
	}
	names := []string{"Claudionor", "Zefa", "Widlyne", "Maria Eduarda Lima", "Jean-Baptiste Diouf", "Awa Traoré"}
	for _, f := range templates {
		for _, n := range names {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "aqui é a recepção?", "aqui é o atendimento?", "sou a responsável", "sou o pai", "c'est normal?",
		"c'est urgent svp", "c'est moi", "c'est pour ma fille", "beijos", "abraços e obrigado", "bisous à tous",
		"cordialement", "obrigada, beijos!", "ela se chama como?")
}

// A lone vowel before a capitalised name is a Romance verb, article or
// conjunction ("é", "a", "o", "y"), never the first letters of a name
// typed apart: "ele é Vasco Almeida" masks the name and not the verb.
func TestRomanceVowelBeforeName(t *testing.T) {
	for _, f := range []string{"ele é {N}", "meu pai é {N}", "o médico é {N}?", "o pai é {N}"} {
		for _, n := range []string{"Vasco Almeida", "Maria Garcia", "Evandro Lima"} {
			checkWholeName(t, f, n)
		}
	}
}

package policy

import "testing"

// TestRomanceNameStatements: "meu nome é", "me chamo", "je m'appelle",
// "mon nom est" say that a name follows, whatever word it is, in any case
// and with or without the accent, as "my name is" does in English.
func TestRomanceNameStatements(t *testing.T) {
	cues := []string{"meu nome é", "meu nome e", "o meu nome é", "me chamo", "eu me chamo", "chamo-me",
		"je m'appelle", "Je m’appelle", "mon nom est", "je me nomme", "MEU NOME É", "JE M'APPELLE"}
	names := []string{"valdirene", "Oumou Sangaré", "joelma", "Kadiatou", "ZILDA", "rosimeire santos"}
	tails := []string{"", " e tenho consulta hoje", ", j'ai rendez-vous demain", " pode me ligar?", " 🙏"}
	n := 0
	for ci, c := range cues {
		for ni, name := range names {
			text := c + " " + name + tails[(ci+ni)%len(tails)]
			n++
			if !nameMasked(text, name) {
				t.Errorf("%q: %q not masked as a name: %q", text, name, Detect(text).Masked)
			}
		}
	}
	if n < 70 {
		t.Fatalf("only %d variants", n)
	}
	// Clean: the same words with no statement of a name after them.
	clean := []string{"o nome do remédio é losartana", "qual é o nome do médico?", "je m'excuse pour le retard",
		"mon médecin est absent", "comment s'appelle le médicament?", "esqueci o nome do exame",
		"le nom du médicament est sur la boîte", "me chame quando chegar", "je me suis trompée de jour"}
	for _, c := range clean {
		if hasName(c) {
			t.Errorf("clean %q reads a name: %q", c, Detect(c).Masked)
		}
	}
}

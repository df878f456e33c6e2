package policy

import (
	"strings"
	"testing"
)

// TestCourtesiesInPortugueseAndFrench: greetings, thanks and blessings in
// Portuguese and French that the population tables also hold as names
// ("Bonne", "Deus") name no one, in any casing and order.
func TestCourtesiesInPortugueseAndFrench(t *testing.T) {
	opens := []string{"Bom dia", "Boa tarde", "Bonjour", "Bonsoir", "Salut", "Oi, tudo bem?", "Merci beaucoup", "Muito obrigada", "Obrigado"}
	closes := []string{"Bonne journée!", "Bonne soirée", "Deus abençoe", "Deus te abençoe", "Beijos", "Abraços, tchau", "Bisous, à bientôt",
		"Merci, bonne nuit", "Que Dieu vous bénisse", "Cordialement", "Amicalement", "Saúde!", "Obrigadão, beijinhos"}
	for _, o := range opens {
		for _, c := range closes {
			for _, s := range []string{o + ", a consulta é amanhã? " + c, o + " " + c, strings.ToLower(o + ", je serai là à 10h. " + c)} {
				if got := Detect(s); hasType(got, SpanName) {
					t.Errorf("%q: false name: %q", s, got.Masked)
				}
			}
		}
	}
	// A name beside them is still one.
	for _, s := range []string{"Obrigada, Ana Beatriz Souza", "Bonne journée, Sophie Durand", "Beijos, Maria Silva", "Merci, Mme Lefebvre"} {
		got := Detect(s).Masked
		if !strings.Contains(got, "[NAME]") {
			t.Errorf("%q masked as %q: the name is lost", s, got)
		}
	}
}

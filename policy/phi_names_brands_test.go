package policy

import (
	"strings"
	"testing"
)

// brandSentences builds questions that name a bank, card, plan, shop or
// station the way Spanish, Portuguese and French do (the noun, then the
// brand), and English places made of two capitalised words ending in a
// noun of a place.
func brandSentences() []string {
	var out []string
	for _, b := range []string{"banco Santander", "banco Itaú", "banque Populaire", "carte Vitale", "cartão Elo",
		"tarjeta Visa", "plano Amil", "farmácia Drogasil", "pharmacie Lafayette", "supermercado Mercadona",
		"loja Renner", "hotel Hilton", "gare Montparnasse", "estación Atocha", "metro Sol", "mutuelle Harmonie"} {
		for _, f := range []string{"¿Es el edificio frente al %s?", "Fica ao lado do %s?", "C'est à côté de la %s ?",
			"Aceitam %s?", "¿Aceptan %s?", "Acceptez-vous la %s ?", "está cerca del %s"} {
			out = append(out, strings.Replace(f, "%s", b, 1))
		}
	}
	for _, p := range []string{"Union Station", "Riverside Station", "Harbor Pharmacy", "Lakeview Plaza", "Westfield Mall",
		"Northgate Library", "Midtown Garage"} {
		for _, f := range []string{"Which bus goes from %s to the clinic?", "Is it near %s?", "Park at %s and walk over",
			"we are across from %s"} {
			out = append(out, strings.Replace(f, "%s", p, 1))
		}
	}
	return out
}

// TestBrandsAfterTheirNounAreNoNames checks that brands and places named
// after their noun are not read as people.
func TestBrandsAfterTheirNounAreNoNames(t *testing.T) {
	bad := 0
	sentences := brandSentences()
	for _, s := range sentences {
		if d := Detect(s); len(d.Spans) > 0 {
			bad++
			t.Errorf("%q masked: %q", s, d.Masked)
		}
	}
	t.Logf("%d of %d sentences masked", bad, len(sentences))
}

// TestPeopleBesideBrandNounsStayMasked checks the look-alikes: a person
// after a kinship word, a greeting or a preposition, and family names
// that are also nouns of places.
func TestPeopleBesideBrandNounsStayMasked(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"mi hijo Carlos Mendoza tiene cita", "Carlos Mendoza"},
		{"la tarjeta de Juan Pérez no pasó", "Juan Pérez"},
		{"fui al banco con Rosa Villalobos", "Rosa Villalobos"},
		{"Take care Maria", "Maria"},
		{"Jisoo Park needs a refill", "Jisoo Park"},
		{"Grace Hall called about her bill", "Grace Hall"},
		{"o cartão do Pedro Alves", "Pedro Alves"},
		{"Is Dr. Station in today?", "Station"},
	} {
		d := Detect(c.text)
		if !strings.Contains(d.Masked, "[NAME]") || strings.Contains(d.Masked, c.want) {
			t.Errorf("%q: want %q masked, got %q", c.text, c.want, d.Masked)
		}
	}
}

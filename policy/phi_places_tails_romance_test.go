package policy

import (
	"strings"
	"testing"
)

// checkAddressWhole fails t unless address spans cover at least 80% of
// the letters and digits of addr inside text, and nothing after it.
func checkAddressWhole(t *testing.T, text, addr, after string) {
	t.Helper()
	at := strings.Index(text, addr)
	d := Detect(text)
	total, hit := 0, 0
	for i, r := range addr {
		if r == ' ' || r == ',' || r == '-' || r == '.' {
			continue
		}
		total++
		for _, s := range d.Spans {
			if (s.Type == SpanAddress || s.Type == SpanZIP) && s.Start <= at+i && at+i < s.End {
				hit++
				break
			}
		}
	}
	if hit*5 < total*4 {
		t.Errorf("%q masked as %q: %d of %d of %q covered", text, d.Masked, hit, total, addr)
	}
	if after != "" && !strings.Contains(d.Masked, after) {
		t.Errorf("%q masked as %q: %q should stay", text, d.Masked, after)
	}
}

// An address's tail goes on over a floor written with its ordinal ("2e
// étage", "3 andar") and over towns and districts whose names hold a
// function word or a weekday ("Buenos Aires", "Santo Domingo", "Setor
// Bueno"); it stops at a pronoun ("…, Medellín, ella no tiene celular").
// A street named after a date ("Rua 25 de Abril") is no date.
func TestAddressTailsRomance(t *testing.T) {
	for _, c := range []struct{ text, addr, after string }{
		{"on habite 7 rue Victor Hugo, 2e étage, Roubaix et le code postal c'est 59100", "7 rue Victor Hugo, 2e étage, Roubaix", "et le code postal"},
		{"vivo en Calle 8 #14, Ensanche Ozama, Santo Domingo Este", "Calle 8 #14, Ensanche Ozama, Santo Domingo Este", ""},
		{"la direccion: Calle 50 # 23-18, barrio Buenos Aires, Medellín, ella no tiene celular", "Calle 50 # 23-18, barrio Buenos Aires, Medellín", "ella no tiene celular"},
		{"moro na Rua 15, quadra 22, lote 8, Setor Bueno, Goiânia - GO", "Rua 15, quadra 22, lote 8, Setor Bueno, Goiânia - GO", ""},
		{"vivemos na Rua 25 de Abril, 33, Amadora", "Rua 25 de Abril, 33, Amadora", ""},
		{"she lives at 12 Oak Street, 3rd floor, Springfield and she is 80", "12 Oak Street, 3rd floor, Springfield", "and she is 80"},
		{"envíen a Avenida 5 de Mayo 120, San José, él la recibe", "Avenida 5 de Mayo 120, San José", "la recibe"},
	} {
		checkAddressWhole(t, c.text, c.addr, c.after)
	}
	for _, text := range []string{"vivemos na Rua 25 de Abril, 33, Amadora", "moro na Rua 7 de Setembro 100"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanDate || s.Type == SpanDOB {
				t.Errorf("%q: the street's name read as a date %q", text, text[s.Start:s.End])
			}
		}
	}
}

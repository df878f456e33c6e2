package policy

import (
	"strings"
	"testing"
)

// Portuguese "março" and French "mai" are also given names, so the
// lexicon holds them as names; after a day number they are the month, and
// the whole date is masked: "nasci em 3 de março de 1948", "née le 12 mai
// 1951". A Portuguese or French birth word makes it a date of birth.
func TestRomanceMonthsThatAreNames(t *testing.T) {
	frames := []string{"nasci em %s, preciso da receita", "ela nasceu em %s", "née le %s", "consulta dia %s?",
		"data de nascimento %s", "rendez-vous le %s svp", "nascida a %s, cartão 1234"}
	dates := []string{"3 de março de 1948", "14 de marco de 1962", "31 de março", "12 mai 1951", "1er mai 1930", "25 mai"}
	checkDatesWhole(t, frames, dates)
	for _, text := range []string{"nasci em 3 de março de 1948", "née le 12 mai 1951", "data de nascimento 14 de marco de 1962"} {
		if ds := Detect(text).Spans; len(ds) != 1 || ds[0].Type != SpanDOB {
			t.Errorf("%q: want one date of birth, got %q", text, Detect(text).Masked)
		}
	}
	// The names stay names, and nothing else reads as a month.
	for _, f := range []string{"meu amigo {N} vem amanhã", "my friend {N} called", "tell {N} thanks"} {
		for _, n := range []string{"Marco de Souza", "Mai Nguyen"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "o marco zero da cidade", "até o marco 3")
}

// Ages of a hundred or more in Portuguese and French words, and a
// Portuguese age in words after "tem", "completou", "fez" as in digits,
// are masked: "tem cento e três anos", "faz cem anos", "a cent deux ans",
// "tem noventa e um e não anda sozinha".
func TestRomanceSpelledAges(t *testing.T) {
	checkAges(t, []string{
		"a minha bisavó tem %s anos", "minha avó faz %s anos em agosto", "ma grand-mère a %s ans", "elle a au moins %s ans",
		"ela tem %s e não anda sozinha", "meu avô completou %s ontem", "o vô fez %s!", "mon grand-père a %s ans et vit seul",
	}, []string{"cento e três", "cem", "cento e um", "noventa e um", "noventa e dois"})
	checkAges(t, []string{"ma grand-mère a %s ans", "il a %s ans", "elle aura %s ans"}, []string{"cent deux", "cent", "cent un"})
	checkNoAge(t, "ça coûte cent euros", "paguei cem reais", "cento e vinte reais", "the stamp costs one cent",
		"o remédio tem cem comprimidos", "a caixa tem cem e poucos")
}

// Dates written in Portuguese and French words are masked whole, as the
// English and Spanish ones are: the day, the month and the year.
func TestRomanceSpelledDates(t *testing.T) {
	frames := []string{"ela nasceu dia %s, ta com febre", "ma mère est née le %s, elle fait du diabète",
		"nascida em %s", "data de nascimento: %s", "date de naissance %s svp"}
	dates := []string{"vinte e dois de novembro de mil novecentos e trinta e um", "dez de abril de dois mil e vinte",
		"primeiro de maio de mil novecentos e quarenta e cinco", "quinze août mille neuf cent quarante",
		"vingt et un mars mille neuf cent cinquante-deux", "trois juin dix-neuf cent soixante-dix-huit",
		"trente et un décembre mille neuf cent quatre-vingt-dix-neuf", "dezoito de julho de mil novecentos e noventa"}
	checkDatesWhole(t, frames, dates)
	checkClean(t, "tenho dois filhos", "ele tem dez anos de idade?", "on a trois enfants", "mil obrigados!")
}

// checkDatesWhole fails t for each date, put into each frame at "%s",
// that no date or date-of-birth span covers whole.
func checkDatesWhole(t *testing.T, frames, dates []string) {
	t.Helper()
	for _, f := range frames {
		for _, d := range dates {
			text := strings.Replace(f, "%s", d, 1)
			at := strings.Index(text, d)
			covered := false
			for _, s := range Detect(text).Spans {
				if (s.Type == SpanDate || s.Type == SpanDOB) && s.Start <= at && s.End >= at+len(d) {
					covered = true
				}
			}
			if !covered {
				t.Errorf("%q: date %q not masked whole: %q", text, d, Detect(text).Masked)
			}
		}
	}
}

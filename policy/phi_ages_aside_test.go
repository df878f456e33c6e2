package policy

import (
	"strings"
	"testing"
	"unicode"
)

// ageCovered reports whether age spans cover at least 80% of the letters
// and digits of the first age in text.
func ageCovered(text, age string) bool {
	at := strings.Index(text, age)
	if at < 0 {
		return false
	}
	total, hit := 0, 0
	spans := Detect(text).Spans
	for i, r := range age {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		total++
		for _, s := range spans {
			if s.Type == SpanAge && s.Start <= at+i && at+i < s.End {
				hit++
				break
			}
		}
	}
	return total > 0 && hit*5 >= total*4
}

func checkAges(t *testing.T, frames, ages []string) {
	t.Helper()
	failed, n := 0, 0
	for _, f := range frames {
		for _, age := range ages {
			text := strings.Replace(f, "%s", age, 1)
			n++
			if !ageCovered(text, age) {
				failed++
				if failed <= 20 {
					t.Errorf("%q: age %q not masked; got %q", text, age, Detect(text).Masked)
				}
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d ages not masked", failed, n)
	}
}

func checkNoAge(t *testing.T, texts ...string) {
	t.Helper()
	for _, text := range texts {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanAge {
				t.Errorf("%q: %q read as an age", text, text[s.Start:s.End])
			}
		}
	}
}

// An age over 89 in words, set in brackets after the person or said as the
// time of life, is masked as the same age in digits is: "grandpa
// (ninety-one) fell", "at ninety-three she still drives".
func TestSpelledAgeAside(t *testing.T) {
	checkAges(t, []string{
		"grandpa (%s) fell last night", "my mom (%s) has a bad cough", "Rosa (%s) needs a ride on friday",
		"my great aunt (%s) lives with us", "mi abuelo (%s) se cayó", "at %s she still drives",
		"at %s, he still walks every day", "at %s he's sharper than me",
	}, []string{"ninety-one", "ninety three", "ninety", "ninety-nine", "a hundred and two", "noventa y cinco", "96", "101"})
	checkNoAge(t, "the form (ninety-one pages) is long", "we close at ninety minutes past noon",
		"see page (ninety)", "it costs (ninety) dollars", "at ninety percent battery")
}

// French, Belgian and Swiss numbers from 90 to 99 and the Portuguese
// "noventa e um" are ages like their English and Spanish words.
func TestSpelledAgesFrenchPortuguese(t *testing.T) {
	checkAges(t, []string{
		"ma grand-mère a %s ans", "mon père a %s ans et il tousse", "elle a %s ans, elle vit seule",
		"minha avó tem %s anos", "meu avô tem %s anos e caiu ontem", "%s ans et toujours en forme",
	}, []string{"quatre-vingt-dix", "quatre-vingt-treize", "quatre vingt onze", "quatre-vingt-dix-sept",
		"quatre-vingt-dix-neuf", "nonante-deux", "nonante", "nonante et un", "noventa e um", "noventa e dois", "noventa"})
	checkNoAge(t, "mon fils a quatre ans", "il a quatre-vingts ans", "ma tante a quatre-vingt-cinq ans",
		"la chambre quatre-vingt-treize", "quatre-vingt-dix euros la consultation", "on a attendu quatre heures",
		"o quarto noventa e um", "são noventa e dois reais")
}

package policy

import (
	"strings"
	"testing"
)

var (
	enUnits = []string{"oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	enTeens = []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enTens  = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	esUnits = []string{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}
	esTeens = []string{"diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"}
	esTens  = []string{"", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"}
	ptUnits = []string{"zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"}
	ptTeens = []string{"dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove"}
	ptTens  = []string{"", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"}
	frUnits = []string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"}
	frTeens = []string{"dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"}
	frTens  = []string{"", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"}
)

// sayPair says a number below a hundred as a speaker of the language
// does: "forty-two", "cuarenta y dos", "cinquenta e cinco",
// "soixante-dix-huit", "quatre-vingt-onze"; a leading zero is said.
func sayPair(lang string, v int) string {
	units, teens, tens, join := enUnits, enTeens, enTens, "-"
	switch lang {
	case "es":
		units, teens, tens, join = esUnits, esTeens, esTens, " y "
	case "pt":
		units, teens, tens, join = ptUnits, ptTeens, ptTens, " e "
	case "fr":
		units, teens, tens, join = frUnits, frTeens, frTens, "-"
	}
	switch {
	case v < 10:
		return units[0] + " " + units[v]
	case v < 20:
		return teens[v-10]
	}
	t, u := v/10, v%10
	if lang == "fr" && (t == 7 || t == 9) {
		return tens[t] + "-" + teens[u]
	}
	if u == 0 {
		return tens[t]
	}
	if lang == "es" && t == 2 {
		return "veinti" + []string{"", "uno", "dós", "trés", "cuatro", "cinco", "séis", "siete", "ocho", "nueve"}[u]
	}
	if lang == "fr" && u == 1 && t < 7 {
		return tens[t] + " et un"
	}
	return tens[t] + join + units[u]
}

// sayEnglish reads digits out as a British caller does: "oh" for zero,
// "double" and "triple" for a digit said two or three times running.
func sayEnglish(d string) string {
	var out []string
	for i := 0; i < len(d); {
		j := i
		for j < len(d) && d[j] == d[i] && j-i < 3 {
			j++
		}
		w := enUnits[d[i]-'0']
		switch j - i {
		case 2:
			w = "double " + w
		case 3:
			w = "triple " + w
		}
		out = append(out, w)
		i = j
	}
	return strings.Join(out, " ")
}

// A telephone number read out as a person says it, in English, Spanish,
// Portuguese and French, with its country code in words or digits, is
// masked whole after any telephone cue or in a telephone's shape.
func TestSpokenTelephoneNumbers(t *testing.T) {
	numbers := []string{"0612345678", "0145729381", "0698765432", "0777889900", "0623459971", "0611223344"}
	var said []string
	for _, n := range numbers {
		// French and Spanish callers say pairs after the first digits.
		for _, lang := range []string{"fr", "es", "pt"} {
			var parts []string
			for p := 0; p < len(n); p += 2 {
				parts = append(parts, sayPair(lang, int(n[p]-'0')*10+int(n[p+1]-'0')))
			}
			said = append(said, strings.Join(parts, ", "))
		}
		said = append(said, sayEnglish(n[:5])+", "+sayEnglish(n[5:8])+", "+sayEnglish(n[8:]))
	}
	said = append(said, "oh seven seven double oh, nine hundred, one two three", "double five five, triple two, eight four one",
		"seis cero cero, cuarenta y dos, diecisiete, ochenta y ocho", "plus four four 7700 900 481",
		"más treinta y cuatro 612 345 678", "mais cinquenta e cinco, 21, 99876-5432", "plus trente-trois 6 12 34 56 78",
		"+1 two one two 555 0199", "plus one, two one two, five five five, oh one nine nine",
		"triple seven, double four, nine one, oh six", "seven one eight | 555 | oh one six nine")
	frames := []string{"my number is %s", "mi número es el %s, llámenme", "%s c'est mon portable", "meu celular é %s",
		"ring %s anytime after lunch", "%s is my mobile", "if the line drops call %s", "you can reach my husband on %s"}
	var msgs [][2]string
	for _, s := range said {
		for _, f := range frames {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", s, 1), s})
		}
	}
	checkIdentifiersWhole(t, msgs)
}

// Numbers said in words that are doses, times, prices, counts, readings
// and years stay unmasked: none has a telephone's length with its
// evidence.
func TestSpokenNumbersThatAreNotTelephones(t *testing.T) {
	checkNoIdentifier(t,
		"take two tablets twice a day, double the dose if the pain is bad",
		"quarter past nine or twenty past ten, whichever suits",
		"it was twenty dollars, triple check the bill please",
		"double the dose for three days then back to one",
		"I did a triple check of the forms, all signed",
		"nineteen ninety nine was when I had the surgery",
		"sugar was one twenty, then one thirty, then one fifty",
		"tomé dos pastillas, cuarenta y cinco minutos después otra",
		"son veinte euros, más o menos",
		"j'ai pris deux comprimés, trente minutes plus tard encore un",
		"ça coûte quarante-cinq euros, plus les frais",
		"tomei dois comprimidos, mais vinte minutos depois",
		"my score was twelve out of fifteen, plus two bonus",
		"she had twins, double trouble, and then triplets",
		"two hundred and fifty steps, then three hundred more",
		"plus one for the flu clinic on the twenty first",
	)
}

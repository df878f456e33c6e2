package policy

import (
	"strings"
	"testing"
)

// Each part of an identifier given in parts, after words that say which
// part, is masked: the cue before the parts or between the part word and
// its value, in English, Spanish, Portuguese and French.
func TestIdentifierPartsFamily(t *testing.T) {
	frames := []struct{ text string }{
		{"my number starts {A} and ends {B}"},
		{"first bit of my MRN is {A}, the rest is {B} I think"},
		{"the card number begins with {A} and ends in {B}"},
		{"last four of the social is {B}, first five are {A}"},
		{"the first three digits of my account are {A} and the last four are {B}"},
		{"member id starts with {A}, ends with {B}"},
		{"el número empieza por {A} y termina en {B}"},
		{"mi DNI empieza con {A} y acaba en {B}"},
		{"los primeros dígitos de mi tarjeta son {A} y los últimos {B}"},
		{"o cartão do SUS começa com {A} e o resto é {B}"},
		{"meu telefone começa com {A} e termina em {B}"},
		{"mon numéro de sécu commence par {A} et se termine par {B}"},
		{"le portable commence par {A}, le reste c'est {B}"},
	}
	values := [][2]string{{"07700", "900 123"}, {"448", "2107"}, {"412-77", "6620"}, {"612", "88 41 07"},
		{"4712", "0338K"}, {"7001", "2244 5519 8833"}, {"021", "38"}, {"06 12", "34 56 78"}, {"5521", "0092"}}
	var msgs [][2]string
	for _, f := range frames {
		for _, v := range values {
			if strings.Index(f.text, "{B}") < strings.Index(f.text, "{A}") && len(v[1]) < 3 {
				continue // a part given alone holds three digits at least
			}
			text := strings.NewReplacer("{A}", v[0], "{B}", v[1]).Replace(f.text)
			msgs = append(msgs, [2]string{text, v[0]}, [2]string{text, v[1]})
		}
	}
	checkIdentifiersWhole(t, msgs)
}

// An area code is a telephone number's first part on its own.
func TestAreaCodes(t *testing.T) {
	var msgs [][2]string
	for _, f := range []string{"area code {A} and then the number is 555 0133", "el prefijo es {A}, luego 555 0133",
		"o DDD é {A} e o número 99876 5432", "l'indicatif c'est {A} puis 45 72 38 16"} {
		for _, a := range []string{"312", "0161", "55", "021"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "{A}", a, 1), a})
		}
	}
	checkIdentifiersWhole(t, msgs)
}

// The same words about times, counts, prices, days and versions, with no
// identifier named, or with a quantity after them, stay unmasked.
func TestIdentifierPartsLookalikes(t *testing.T) {
	checkNoIdentifier(t,
		"the course ends in 2 weeks", "the last four days were bad", "my shift starts at 9",
		"the appointment starts at 10:30 and ends at 11", "the first 3 days were the worst",
		"the pain starts at 7 and ends around 10", "la cita empieza a las 9 y termina a las 10",
		"el tratamiento termina en 15 días", "o remédio acaba em 20 dias", "le traitement se termine dans 10 jours",
		"the number of pills starts at 20 and ends at 5", "room number starts with 31",
		"my card ends in 2 weeks anyway", "the rest is 250 dollars", "the first one costs $40",
		"version 2.3 starts next week", "the bus number 42 ends at the clinic", "my phone ends at 20% by noon",
		"last 4 digits please", "serial ending in 12", "my number starts with a 0")
}

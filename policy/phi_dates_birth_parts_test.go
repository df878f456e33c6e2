package policy

import (
	"fmt"
	"strings"
	"testing"
)

var (
	enOrdinals = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
		"nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth",
		"twenty-sixth", "twenty-seventh", "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first"}
	enMonths = []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"}
	esMonths = []string{"", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
		"octubre", "noviembre", "diciembre"}
	ptMonths = []string{"", "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
		"outubro", "novembro", "dezembro"}
	frMonths = []string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre"}
)

// sayNumber says a number below a hundred without a leading zero.
func sayNumber(lang string, v int) string {
	if v < 10 {
		units := map[string][]string{"en": enUnits, "es": esUnits, "pt": ptUnits, "fr": frUnits}[lang]
		return units[v]
	}
	return sayPair(lang, v)
}

// apart types digits one at a time: "1 9 8 2".
func apart(s string) string { return strings.Join(strings.Split(s, ""), " ") }

// A date of birth said in parts beside a birth cue (before it or after
// it), in the shapes people say one in English, Spanish, Portuguese and
// French, is masked whole.
func TestBirthDatesInParts(t *testing.T) {
	type dmy struct{ d, m, y int }
	dates := []dmy{{14, 3, 1977}, {29, 2, 1996}, {9, 3, 1988}, {3, 12, 1949}, {23, 11, 1991}, {4, 7, 1967}, {21, 10, 1983}, {1, 6, 1971}}
	var msgs [][2]string
	add := func(frames []string, said string) {
		for _, f := range frames {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", said, 1), said})
		}
	}
	en := []string{"DOB: %s", "my DOB is %s", "born %s, if you need to check", "%s is my mother's date of birth",
		"date of birth %s for the repeat form", "birthday is %s"}
	enIn := []string{"born in %s", "DOB is in %s", "I was born in %s, the clinic has it wrong"}
	es := []string{"nació el %s, es mi esposo", "fecha de nacimiento: el %s", "mi nacimiento fue el %s"}
	pt := []string{"nasci no %s", "data de nascimento: %s", "ela nasceu %s"}
	fr := []string{"je suis né le %s, c'est pour le dossier", "ma date de naissance : %s", "elle est née le %s"}
	for _, x := range dates {
		yy := x.y % 100
		month := sayNumber("en", x.m)
		if x.m < 10 {
			month = "oh " + month
		}
		add(en, fmt.Sprintf("%s %s %s", sayNumber("en", x.d), month, sayNumber("en", yy)))
		add(en, fmt.Sprintf("the %s of the %s, %s", enOrdinals[x.d], enOrdinals[x.m], sayNumber("en", yy)))
		add(en, fmt.Sprintf("day %d, month %d, year '%02d", x.d, x.m, yy))
		add(enIn, fmt.Sprintf("%s, on the %s, year %d", enMonths[x.m], enOrdinals[x.d], x.y))
		add(en, fmt.Sprintf("nineteen-%s, %s, the %s", sayNumber("en", yy), enMonths[x.m], enOrdinals[x.d]))
		add(en, apart(fmt.Sprintf("%02d", x.d))+" / "+apart(fmt.Sprintf("%02d", x.m))+" / "+apart(fmt.Sprint(x.y)))
		add(es, fmt.Sprintf("%d del %d del %02d", x.d, x.m, yy))
		add(es, fmt.Sprintf("%s de %s del %s", sayNumber("es", x.d), esMonths[x.m], sayNumber("es", yy)))
		add(pt, fmt.Sprintf("dia %s de %s de %s", sayNumber("pt", x.d), ptMonths[x.m], sayNumber("pt", yy)))
		add(fr, fmt.Sprintf("%s %s %s", sayNumber("fr", x.d), frMonths[x.m], sayNumber("fr", yy)))
	}
	checkIdentifiersWhole(t, msgs)
}

// Without a whole date beside a birth cue nothing is a date of birth:
// "born in March" names a month a twelfth of the patients share, and
// doses, counts, places and weights after "born" stay as they are.
func TestBirthCueWithoutADate(t *testing.T) {
	checkNoIdentifier(t, "born in March", "I was born in March, so a spring baby", "I was born ready",
		"born at 32 weeks, 2 kilos 300", "her birthday party is for 3 kids on the 4th at 2",
		"je suis né le jour de Noël", "nasci no interior, há 20 anos",
		"born in the USA, my mum is from 3 streets over", "birthday cake for 12, candles 3 and 4",
		"dob 11-Nov", "birthday in June, 2 tablets a day since", "he was born 3 weeks early, 2 days in NICU")
}

package policy

import (
	"strings"
	"testing"
)

// A serial or record number read out a character at a time, in the
// languages patients write in: letters said alone or by their Spanish and
// Portuguese names, digits said as words or typed, after the cue that
// names the number. The whole code is the identifier.
func TestCodesReadOutAfterTheirCue(t *testing.T) {
	cues := []struct{ lang, before, after string }{
		{"en", "the pump serial is ", ", can you check it?"},
		{"en", "serial number ", " on the back"},
		{"en", "my transmitter serial no. ", " thanks"},
		{"es", "el número de serie es ", ", ¿lo tienen registrado?"},
		{"es", "número de serie del audífono: ", ""},
		{"pt", "o número de série é ", ", é o aparelho novo"},
		{"pt", "número de série do aparelho ", " obrigado"},
		{"fr", "le numéro de série c'est ", " merci"},
		{"fr", "numéro de série du boîtier : ", ""},
	}
	codes := map[string][]string{
		"en": {"N G 1 9 9 3 0 2 1 H", "P J C seven seven one four two eight", "eight H X two two L four", "K 4 4 0 9 1 7"},
		"es": {"ene ge dos siete uno ocho ocho tres dos hache", "jota ka cuatro cuatro nueve uno cero", "equis 3 3 1 0 9 ere"},
		"pt": {"jota dois um três três cinco quatro zero nove um", "erre esse oito oito sete dois um", "ene quatro quatro sete sete um"},
		"fr": {"six six un zéro quatre trois sept huit", "A B deux deux neuf huit quatre", "huit quatre quatre sept sept un zéro"},
	}
	for _, c := range cues {
		for _, code := range codes[c.lang] {
			text := c.before + code + c.after
			d := Detect(text)
			g := corpusSpan{Start: len(c.before), End: len(c.before) + len(code)}
			if !freshCovered(text, g, d.Spans) {
				t.Errorf("%q: the code read out is not masked whole: %s", text, d.Masked)
			}
		}
	}
}

// The number words of Portuguese and French, and the letter names, make
// a code only in a run after a cue or long enough to be one: a French
// date, a count, the article "un", the Portuguese "um" stay as written.
func TestNumberWordsAloneStayWords(t *testing.T) {
	for _, text := range []string{
		"j'ai un rendez-vous à neuf heures, c'est bien ça ?",
		"on est deux ou trois à venir, c'est possible ?",
		"quatre boîtes de six, merci",
		"preciso de um ou dois dias para trazer os papéis",
		"são sete e meia, chego às oito",
		"somos quatro pessoas, um adulto e três crianças",
		"um, I think the form is on the website",
		"la jota y la ele están en el teclado del teléfono",
		"huit ou neuf personnes, pas plus",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("%q masked: %s", text, d.Masked)
		}
	}
}

// A telephone number said in Portuguese or French words is a telephone
// number, as one said in English or Spanish is.
func TestPhoneNumbersSaidInPortugueseAndFrench(t *testing.T) {
	for _, c := range []struct{ before, number string }{
		{"meu telefone é ", "nove nove oito sete seis cinco quatro três dois"},
		{"pode ligar para ", "dois um nove oito oito sete quatro três dois um"},
		{"mon portable : ", "zéro six un deux trois quatre cinq six sept huit"},
		{"rappelez-moi au ", "zéro un quatre deux neuf huit sept sept un un"},
	} {
		text := c.before + c.number
		d := Detect(text)
		if !freshCovered(text, corpusSpan{Start: len(c.before), End: len(text)}, d.Spans) {
			t.Errorf("%q: the number said in words is not masked: %s", text, d.Masked)
		}
		if strings.Contains(d.Masked, "[DATE]") {
			t.Errorf("%q: read as a date: %s", text, d.Masked)
		}
	}
}

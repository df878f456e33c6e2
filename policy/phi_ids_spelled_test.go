package policy

import (
	"strings"
	"testing"
)

// checkCovered fails t unless identifier spans cover part of text as the
// corpora count a catch: 80% of its letters and digits.
func checkCovered(t *testing.T, text, part string) {
	t.Helper()
	at := strings.Index(text, part)
	if at < 0 {
		t.Fatalf("%q is not in %q", part, text)
	}
	if d := Detect(text); !freshCovered(text, corpusSpan{Start: at, End: at + len(part)}, d.Spans) {
		t.Errorf("%q: %q is not masked whole: %s", text, part, d.Masked)
	}
}

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
			checkCovered(t, c.before+code+c.after, code)
		}
	}
}

// The number words of Portuguese and French, and the letter names, make
// a code only in a run after a cue or long enough to be one: a French
// date, a count, the article "un", the Portuguese "um" stay as written.
func TestNumberWordsAloneStayWords(t *testing.T) {
	checkClean(t,
		"j'ai un rendez-vous à neuf heures, c'est bien ça ?",
		"on est deux ou trois à venir, c'est possible ?",
		"quatre boîtes de six, merci",
		"preciso de um ou dois dias para trazer os papéis",
		"são sete e meia, chego às oito",
		"somos quatro pessoas, um adulto e três crianças",
		"um, I think the form is on the website",
		"la jota y la ele están en el teclado del teléfono",
		"huit ou neuf personnes, pas plus",
	)
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
		checkCovered(t, text, c.number)
		if d := Detect(text); strings.Contains(d.Masked, "[DATE]") {
			t.Errorf("%q: read as a date: %s", text, d.Masked)
		}
	}
}

// Numbers patients copy from a courier's, a maker's or a portal's label:
// after the label that names them, in the shapes labels print them.
func TestLabelledCodesFromCouriersMakersAndPortals(t *testing.T) {
	labels := []string{"tracking number ", "the tracking # is ", "RMA ", "return authorisation ", "share code ",
		"reference no. ", "access code: ", "número de rastreio ", "numéro de suivi : "}
	codes := []string{"1Z 4E7 W92 03 1177 2084", "7MXR-PQ2L", "REF/2024/00871", "448120-C", "KX-20931-B", "9400 1118 9922 3746 5512 08"}
	for _, label := range labels {
		for _, code := range codes {
			checkCovered(t, "hi, "+label+code+" for the sensor replacement", code)
		}
	}
	// The first characters of a serial, which the clinic can look up.
	for _, text := range []string{"the serial started with PJN60, can you look it up?", "serial starts with 8KT2"} {
		if d := Detect(text); !strings.Contains(d.Masked, "[DEVICE]") {
			t.Errorf("%q: the start of the serial is not masked: %s", text, d.Masked)
		}
	}
	// A code a device or a record joins to its name or check group.
	for _, c := range []struct{ text, code string }{
		{"Bluetooth name shows as BPcuff_5F22A9 on my phone", "BPcuff_5F22A9"},
		{"le lecteur n° MGGM301-K0883 affiche une erreur", "MGGM301-K0883"},
		{"pick the one called HR_88A1C4 in the list", "HR_88A1C4"},
	} {
		checkCovered(t, c.text, c.code)
	}
}

// The labels' words in ordinary talk are left alone.
func TestLabelWordsInOrdinaryTalk(t *testing.T) {
	checkClean(t,
		"I'm tracking my steps every day now",
		"is there a tracking number for the parcel?",
		"the access code for the car park is on the sign?",
		"can you share code words for the portal? I forgot how it works",
		"my order started with a problem, the box was empty",
	)
}

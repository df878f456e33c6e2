package policy

import (
	"fmt"
	"strings"
	"testing"
)

// TestTaglishFunctionWordsAreNoNames: Tagalog pronouns, particles and
// prepositions typed lower case beside other Tagalog words are the
// language, not a person, wherever they stand.
func TestTaglishFunctionWordsAreNoNames(t *testing.T) {
	var msgs []string
	for _, thing := range []string{"flu vaccine", "parking", "wifi", "pedia", "x-ray", "available slot", "GCash"} {
		for _, f := range []string{
			"may %s po ba kayo ngayon?", "meron po ba kayo %s bukas?", "yung %s po ay available na ba?",
			"pwede po ba yung %s ngayon?", "wala po ba kayo %s dyan?", "saan po yung %s?", "magkano po yung %s sa inyo?",
			"tanong ko lang po kung may %s kayo", "ask ko lang po yung %s, open pa ba kayo?", "sa %s po ba ako pupunta?",
		} {
			msgs = append(msgs, fmt.Sprintf(f, thing))
		}
	}
	for _, place := range []string{"SM Megamall", "MRT Ortigas station", "San Agustin Church", "Rizal High School", "BDO Ortigas"} {
		for _, f := range []string{"malapit po ba kayo sa %s?", "near po ba kayo sa %s?", "nasa tapat po ba kayo ng %s?"} {
			msgs = append(msgs, fmt.Sprintf(f, place))
		}
	}
	for _, text := range msgs {
		if d := Detect(text); hasType(d, SpanName) {
			t.Errorf("%q masked as %q", text, d.Masked)
		}
	}
}

// TestTaglishNamesStayMasked: a person named in a Taglish message, and
// the same words capitalised or in English text as family names, are
// still found.
func TestTaglishNamesStayMasked(t *testing.T) {
	cases := [][2]string{}
	for _, name := range []string{"Maria Santos", "Juan dela Cruz", "Kevin Reyes", "Angelica Bautista"} {
		for _, f := range []string{"si %s po ay may appointment bukas", "ako po si %s, pwede po ba mag reschedule?",
			"yung anak ko po si %s, may schedule po ba siya?", "pwede po ba kayo tumawag kay %s ngayon?"} {
			cases = append(cases, [2]string{fmt.Sprintf(f, name), name})
		}
	}
	for _, name := range []string{"Dr. Yung", "Mr Ng", "Ms. Ito", "Mrs. Ang"} {
		for _, f := range []string{"please tell %s I called", "%s asked me to send the form", "can %s call me back"} {
			cases = append(cases, [2]string{fmt.Sprintf(f, name), strings.Fields(name)[1]})
		}
	}
	for _, c := range cases {
		d := Detect(c[0])
		if !strings.Contains(c[0], c[1]) || strings.Contains(d.Masked, c[1]) {
			t.Errorf("%q: %q not masked (%q)", c[0], c[1], d.Masked)
		}
	}
}

// TestLanguagesAreNoNames: a language asked for or spoken is no person,
// alone or after any verb; a person who speaks it still is.
func TestLanguagesAreNoNames(t *testing.T) {
	langs := []string{"Tagalog", "Cebuano", "Ilocano", "Vietnamese", "Somali", "Haitian Creole", "Portuguese", "Polish",
		"Hmong", "Dari", "Yoruba", "Quechua", "Italian", "Romanian"}
	for _, l := range langs {
		for _, f := range []string{"Is there someone who speaks %s?", "is there someone who speaks %s po? my lola prefers %s",
			"do you have an interpreter for %s?", "any staff who speak %s", "may nagsasalita po ba ng %s dyan?",
			"the forms in %s would help a lot", "%s interpreter available on fridays?"} {
			text := strings.ReplaceAll(f, "%s", l)
			if d := Detect(text); hasType(d, SpanName) {
				t.Errorf("%q masked as %q", text, d.Masked)
			}
		}
		text := "Maria Santos speaks " + l + " only, she needs an interpreter"
		if d := Detect(text); strings.Contains(d.Masked, "Maria") {
			t.Errorf("%q: the person is not masked (%q)", text, d.Masked)
		}
	}
}

// TestFrenchWeekdaysAreNoNames: "le dimanche", "samedi" are days.
func TestFrenchWeekdaysAreNoNames(t *testing.T) {
	for _, day := range []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "Dimanche", "Samedi"} {
		for _, f := range []string{"la pharmacie est ouverte le %s ?", "vous êtes ouverts le %s ?", "%s c'est fermé ?",
			"je peux venir %s matin", "à %s alors, merci"} {
			text := fmt.Sprintf(f, day)
			if d := Detect(text); hasType(d, SpanName) {
				t.Errorf("%q masked as %q", text, d.Masked)
			}
		}
	}
}

package policy

import (
	"strings"
	"testing"
)

// checkIDWhole fails t unless one identifier span covers id in text.
func checkIDWhole(t *testing.T, text, id string) {
	t.Helper()
	at := strings.Index(text, id)
	d := Detect(text)
	for _, s := range d.Spans {
		if !s.Type.IsClinical() && s.Type != SpanName && s.Start <= at && s.End >= at+len(id) {
			return
		}
	}
	t.Errorf("%q masked as %q, want %q inside one identifier", text, d.Masked, id)
}

// The capital letters a card prints apart from its digits are part of
// the number: a Quebec health card's four letters, a Spanish health
// card's, an insurer's prefix, the check characters after a Portuguese
// citizen card's digits. A label before the number stays readable.
func TestIDLetterGroups(t *testing.T) {
	frames := []string{"my card number is %s, can you check", "la tarjeta sanitaria %s", "n° adhérent mutuelle %s",
		"cartão de cidadão %s", "carte soleil %s svp", "member id %s"}
	ids := []string{"BERM 7012 0314", "BBBB 1234 5678 9012", "MGN 458 712 903", "12345678 9 ZZ1", "TREM 8551 1217"}
	for _, f := range frames {
		for _, id := range ids {
			checkIDWhole(t, strings.Replace(f, "%s", id, 1), id)
		}
	}
	for _, c := range []struct{ text, label string }{
		{"DNI 12345678Z", "DNI"}, {"my NHS number is 485 777 3456", "NHS"}, {"CPF 123.456.789-09", "CPF"},
	} {
		for _, s := range Detect(c.text).Spans {
			if strings.Contains(c.text[s.Start:s.End], c.label) {
				t.Errorf("%q: the label %q was masked with the number", c.text, c.label)
			}
		}
	}
}

// The last digits a writer gives of a serial ("pump serial ending in
// 4417") are the identifier's, and letters joined by a dash after digits
// another reader took belong to the same code ("4417-2291-XK").
func TestSerialEndingsAndDashedLetters(t *testing.T) {
	checkIDWhole(t, "pump serial ending in 4417, it keeps beeping", "4417")
	checkIDWhole(t, "my cgm serial ends with 8821", "8821")
	checkIDWhole(t, "the pump's serial is on the back: 4417-2291-XK", "4417-2291-XK")
	checkClean(t, "my appt ends in 10 min", "serial ending in 12", "the test ends with 3 readings")
}

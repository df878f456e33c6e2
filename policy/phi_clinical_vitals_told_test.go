package policy

import (
	"strings"
	"testing"
)

// A reading that says where it stands, is asked about, was taken on a
// home device or now, or is written the Brazilian or French way, is a
// measurement of someone: vital × value × tail × frame. Targets and the
// clinic's own figures stay readable.
func TestVitalReadingsToldOrAsked(t *testing.T) {
	vitals := []struct{ word, value string }{
		{"bp", "165/100"}, {"pressure", "160/98"}, {"sugar", "320"}, {"sats", "92"}, {"bmi", "38"}, {"o2", "89%"},
		{"pulse", "48"}, {"temp", "39.4"}, {"glucose", "45"}, {"heart rate", "130"},
	}
	tails := []string{", is that too high?", " on the home monitor", " is that ok", " - should i go in", " just now",
		" on my watch", " and im dizzy", ", do i need to come in"}
	frames := []string{"%s", "hi, %s", "sorry to bother. %s", "%s. thanks"}
	n := 0
	for i, v := range vitals {
		for j := 0; j < 4; j++ {
			stmt := v.word + " " + v.value
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", stmt+tails[(i+j)%len(tails)], 1)
			n++
			if !clinicalCaught(text, stmt) {
				t.Errorf("%q: %q not masked: %q", text, stmt, Detect(text).Masked)
			}
		}
	}
	for _, told := range []string{"pressure is high again 160/98", "bp still high 150/95", "sugar low again 3.1",
		"pressão 18 por 10 agora", "minha pressão deu 15 por 9", "ma tension est à 16", "sa tension est à 17",
		"sugar 140 fasting", "glycémie à 2,5 à jeun"} {
		n++
		if !clinicalCaught(told, told) {
			t.Errorf("%q not masked: %q", told, Detect(told).Masked)
		}
	}
	if n < 45 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"bp 130/80 is your target, do you want a cuff?",
		"keep your bp below 140/90",
		"the blood pressure machine in the lobby is broken",
		"is the bmi scale by the front desk?",
		"the front desk opens at 8 now",
		"the pharmacy does free bp checks on friday",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

// A person's weight told without the word: person × weight × frame; a
// parcel's or a luggage limit's stays readable.
func TestWeightSaidOfAPerson(t *testing.T) {
	people := []string{"i'm ", "im ", "he's ", "she's ", "my son is ", "baby is ", "baby only ", "my daughter is now ", "baby was "}
	weights := []string{"98 kg", "140 kilos", "2.9 kilos", "52kg", "250 lbs", "3.2kg", "11 stone"}
	frames := []string{"%s", "%s now", "hi, %s, is that ok for his age?", "%s and i'm worried"}
	n := 0
	for i, p := range people {
		for j := 0; j < 4; j++ {
			w := weights[(i+j)%len(weights)]
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", p+w, 1)
			n++
			if !clinicalCaught(text, w) {
				t.Errorf("%q: %q not masked: %q", text, w, Detect(text).Masked)
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"the box is 5 kg, can i drop it at reception",
		"is the limit 20 kg for the scale",
		"we sell 2 kg bags of rice at the fair",
		"the parcel for the lab is 3 kg, who signs for it",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

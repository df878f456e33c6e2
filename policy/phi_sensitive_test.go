package policy

import (
	"strings"
	"testing"
)

// The sensitive-content categories of the development corpus
// (policy/internal/corpusgen/categories_sensitive.go) join
// TestPHICategories: each must be masked as a whole statement, and the
// lookalikes ("AA batteries", "this wait is killing me", the clinic's
// behavioural-health hours) must stay readable.
func init() {
	for cat, floor := range map[string]float64{
		"clinical-substance-use":           0.95,
		"clinical-mental-health-statement": 0.95,
		"clinical-self-harm":               0.95,
		"clinical-sexual-health-statement": 0.95,
	} {
		categoryFloors[cat] = floor
	}
	precisionCategories = append(precisionCategories, "precision-sensitive-lookalikes")
}

// maskedShare is the share of the letters and digits of want that the
// detector masks inside text.
func maskedShare(t *testing.T, text, want string) float64 {
	t.Helper()
	return shareMaskedBy(t, text, want, func(Span) bool { return true })
}

// shareMaskedBy is the share of the letters and digits of want, found in
// text, that the detector's spans kept by keep cover.
func shareMaskedBy(t *testing.T, text, want string, keep func(Span) bool) float64 {
	t.Helper()
	i := strings.Index(text, want)
	if i < 0 {
		t.Fatalf("%q not in %q", want, text)
	}
	d := Detect(text)
	total, hit := 0, 0
	for p := i; p < i+len(want); p++ {
		c := text[p]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
			continue
		}
		total++
		for _, s := range d.Spans {
			if keep(s) && s.Start <= p && p < s.End {
				hit++
				break
			}
		}
	}
	return float64(hit) / float64(max(total, 1))
}

func TestSensitiveStatementsMaskedWhole(t *testing.T) {
	for _, c := range []struct{ text, stmt string }{
		{"hi, I relapsed last weekend after 8 months. can someone call me?", "I relapsed last weekend after 8 months"},
		{"my son is using again and I don't know what to do", "my son is using again"},
		{"hola, llevo tres meses sobria y tengo miedo", "llevo tres meses sobria"},
		{"fumo cristal casi todos los días", "fumo cristal casi todos los días"},
		{"I've been clean for 90 days", "I've been clean for 90 days"},
		{"my sponsor says I should go to more AA meetings", "my sponsor says I should go to more AA meetings"},
		{"me siento deprimida todo el tiempo", "me siento deprimida todo el tiempo"},
		{"voy con la psicóloga los martes", "voy con la psicóloga los martes"},
		{"no tengo ganas de vivir", "no tengo ganas de vivir"},
		{"I've been cutting myself again", "I've been cutting myself again"},
		{"my boyfriend tested positive for chlamydia", "my boyfriend tested positive for chlamydia"},
		{"perdí al bebé en marzo", "perdí al bebé en marzo"},
		{"hola, necesito la pastilla del día siguiente", "necesito la pastilla del día siguiente"},
		{"he's been using again since christmas", "he's been using again since christmas"},
		{"my son quit drinking 3 months ago", "my son quit drinking 3 months ago"},
		{"mi esposo dejó de tomar hace dos meses", "mi esposo dejó de tomar hace dos meses"},
		{"I had a nervous breakdown last year", "I had a nervous breakdown last year"},
		{"tengo cambios de humor todo el tiempo", "tengo cambios de humor todo el tiempo"},
		{"I had unprotected sex on saturday", "I had unprotected sex on saturday"},
		{"our son is using again", "our son is using again"},
		{"we lost the baby in march", "we lost the baby in march"},
	} {
		if got := maskedShare(t, c.text, c.stmt); got < 0.8 {
			t.Errorf("%q: %.2f of %q masked, want the statement (≥ 0.80); got %q", c.text, got, c.stmt, Detect(c.text).Masked)
		}
	}
}

func TestSensitiveLookalikesStayReadable(t *testing.T) {
	for _, text := range []string{
		"do you accept patients for counselling?", "our behavioral health department is open 8 to 5",
		"I need AA batteries for the waiting room clock", "I'm anxious about parking", "I'm dying to know if you're open",
		"this wait is killing me", "there's a crack in the window of room 3", "can I bring a pot of coffee for the staff",
		"the wifi speed is terrible", "the method on the form is confusing", "can I use the portal again?",
		"I drink coke every day at lunch", "we use alcohol wipes at the front desk", "¿atienden adicciones los sábados?",
		"le cambio la cita para el día siguiente", "me voy a cortar el pelo antes de la cita",
		"can you send a breakdown of the bill", "our IVF info session is on tuesday", "I've been using the portal since march",
		"my mood is good today thanks", "we lost the baby monitor charger in room 2",
		"our AA meeting room moved to the second floor",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

// Masking a self-harm or overdose statement must not hide it from the
// urgent path: DetectUrgent reads the patient's own words.
func TestSensitiveSelfHarmStillUrgent(t *testing.T) {
	for _, text := range []string{
		"I've been cutting myself again", "I want to kill myself", "quiero matarme", "she overdosed on fentanyl",
	} {
		if d := Detect(text); len(d.Spans) == 0 {
			t.Errorf("%q not masked", text)
		}
		if v := DetectUrgent(text); !v.Urgent {
			t.Errorf("%q no longer urgent", text)
		}
	}
}

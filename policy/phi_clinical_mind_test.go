package policy

import (
	"strings"
	"testing"
)

// Spanish mental-health states told by their shape: subject × shape ×
// time × frame; the everyday senses of the same words stay readable.
func TestSpanishMindShapes(t *testing.T) {
	subjects := []string{"", "mi hija ", "mi esposo ", "mi mamá ", "mi hijo ", "ella "}
	shapes := []string{"ya no quiero seguir", "no quiero seguir viviendo", "no tengo hambre", "anda sin hambre",
		"está nerviosa todo el tiempo", "anda muy nervioso a cada rato", "se corta los brazos", "se está cortando otra vez",
		"se me olvida todo", "me pega", "le pega a los niños", "no puede seguir así"}
	times := []string{"desde hace días", "desde que se fue", "", "últimamente"}
	frames := []string{"%s", "hola, %s", "buenas tardes, %s, ¿me pueden llamar?", "%s. gracias"}
	n := 0
	for i, sh := range shapes {
		for j := 0; j < 4; j++ {
			subj := subjects[(i+j)%len(subjects)]
			if strings.HasPrefix(sh, "se me") || strings.HasPrefix(sh, "me pega") || strings.HasPrefix(sh, "no tengo") || strings.HasPrefix(sh, "ya no quiero") || strings.HasPrefix(sh, "no quiero") {
				subj = ""
			}
			if sh == "me pega" {
				subj = "mi esposo "
			}
			stmt := strings.TrimSpace(subj + sh + " " + times[(i+j)%len(times)])
			want := sh
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", stmt, 1)
			n++
			if !clinicalCaught(text, want) {
				t.Errorf("%q: %q not masked: %q", text, want, Detect(text).Masked)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"no quiero seguir esperando, ¿a qué hora me atienden?",
		"estoy nerviosa por la cita de mañana",
		"mi hijo se corta el pelo el sábado",
		"se me olvidó la tarjeta del seguro",
		"¿dónde pega uno la etiqueta del frasco?",
		"¿la clínica abre el sábado?",
		"perdón por la confusión con la cita",
		"me muero de ganas de saber si aceptan mi seguro",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

// A reading followed by when it was taken is a measurement of someone:
// vital × value × when × frame. The same reading alone, with "today" or
// as a target stays readable.
func TestVitalTakenWhen(t *testing.T) {
	vitals := []struct{ word, value string }{
		{"bp", "150/95"}, {"blood pressure", "168/102"}, {"sugar", "320"}, {"glucose", "45"}, {"temp", "101.3"},
		{"pulse", "128"}, {"o2", "88%"}, {"presión", "160/100"}, {"azúcar", "280"}, {"presion", "90/60"},
	}
	whens := []string{"this am", "this morning", "last night", "at home", "yesterday", "earlier", "anoche", "ayer",
		"en casa", "this evening"}
	frames := []string{"%s", "hi, %s", "%s, should i come in?", "update: %s"}
	n := 0
	for i, v := range vitals {
		for j := 0; j < 4; j++ {
			stmt := v.word + " " + v.value
			text := strings.Replace(frames[(i+j)%len(frames)], "%s", stmt+" "+whens[(i+j)%len(whens)], 1)
			n++
			if !clinicalCaught(text, stmt) {
				t.Errorf("%q: %q not masked: %q", text, stmt, Detect(text).Masked)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"presión 150/95 hoy",
		"bp goal is under 130/80",
		"150/95 after the walk",
		"open 24/7?",
		"the clinic is open 8 to 5 this morning",
		"we close at 5 this evening",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

// Complaints of the smaller body parts, told by what the part does:
// owner × part × doing × frame.
func TestSmallBodyPartComplaints(t *testing.T) {
	parts := []string{"lips", "gums", "tongue", "eyelid", "nails", "scalp", "thigh", "heel", "armpit", "breast",
		"eyebrow", "cheek", "chin", "toenail", "thumb"}
	doings := []string{"keeps twitching", "turned purple", "started peeling", "keeps throbbing", "got puffy",
		"looks infected", "went numb", "started oozing"}
	owners := []string{"my", "her", "his", "my son's", "my daughter's"}
	n := 0
	for i, p := range parts {
		for j := 0; j < 3; j++ {
			stmt := owners[(i+j)%len(owners)] + " " + p + " " + doings[(i+j)%len(doings)]
			for _, frame := range []string{"hi, %s since yesterday", "%s", "%s, should i come in?"} {
				text := strings.Replace(frame, "%s", stmt, 1)
				n++
				if !clinicalCaught(text, stmt) {
					t.Errorf("%q: %q not masked: %q", text, stmt, Detect(text).Masked)
				}
			}
		}
	}
	// Spanish: the hair and the nails that fall.
	for _, stmt := range []string{"se le cae el pelo", "se me cae el cabello", "se le caen las uñas"} {
		text := "hola, " + stmt + " desde hace un mes"
		n++
		if !clinicalCaught(text, stmt) {
			t.Errorf("%q: %q not masked: %q", text, stmt, Detect(text).Masked)
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"my hair appointment is after yours, can i come at 4",
		"my lips are sealed about the surprise party",
		"my nails are done, see you at 3",
		"can i get my hand stamped at the front desk",
		"the thumb drive with my forms is at home",
	} {
		if d := Detect(clean); len(d.Spans) > 0 {
			t.Errorf("%q: masked a clean message: %q", clean, d.Masked)
		}
	}
}

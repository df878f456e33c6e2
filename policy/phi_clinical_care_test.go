package policy

import (
	"strings"
	"testing"
)

// Care named by what it is for ("cita de fertilidad", "control de
// natalidad", "my fertility appointment") says what the person is
// treated for, as a specialty does; the place or the service asked
// about stays readable.
func TestCareNamedByPurpose(t *testing.T) {
	var msgs [][2]string
	es := []string{"fertilidad", "maternidad", "natalidad", "lactancia", "climaterio", "menopausia", "tabaquismo", "adicciones",
		"displasia", "colposcopia", "radiación"}
	for _, w := range es {
		for _, f := range []string{"tengo cita de %s el martes", "mi esposa tiene consulta de %s mañana", "hola, voy a mi control de %s",
			"cita de %s confirmada para el jueves"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", w, 1), w})
		}
	}
	for _, w := range []string{"fertility", "maternity", "menopause", "addiction", "dysplasia", "colposcopy", "prenatal", "contraception"} {
		for _, f := range []string{"I have my %s appointment on monday", "my wife's %s follow-up got moved"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", w, 1), w})
		}
	}
	checkWhole(t, msgs)
}

func TestCareNamedByPurposeLookalikes(t *testing.T) {
	for _, text := range []string{
		"where is the maternity ward?", "the maternity ward is on the 2nd floor", "¿dónde queda maternidad?",
		"do you offer fertility services?", "la tasa de natalidad bajó", "do you have smoking cessation classes?",
		"¿tienen servicio de lactancia?", "what time does the fertility clinic open?",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

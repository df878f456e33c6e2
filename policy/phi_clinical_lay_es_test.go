package policy

import (
	"strings"
	"testing"
)

// Spanish complaints with no listed symptom word, generated over the
// person, the thing found, the part and its side, and the frame.
func TestSpanishThingOnABodyPart(t *testing.T) {
	var msgs [][2]string
	for _, verb := range []string{"tengo", "mi hija tiene", "le salió", "me salió", "siento"} {
		for _, thing := range []string{"una bolita", "un bulto", "un grano", "una mancha", "unas ampollas", "un piquete"} {
			for _, part := range []string{"en el seno izquierdo", "en la axila derecha", "en la nalga", "en el brazo", "en la ingle",
				"de la pierna derecha", "en mi cuello"} {
				stmt := verb + " " + thing + " " + part
				for _, f := range []string{"%s", "hola, %s desde el lunes", "buenos días\n%s, ¿es grave?"} {
					msgs = append(msgs, [2]string{strings.Replace(f, "%s", stmt, 1), stmt})
				}
			}
		}
	}
	checkWhole(t, msgs)
}

func TestSpanishPartLeftInAState(t *testing.T) {
	var msgs [][2]string
	for _, verb := range []string{"tengo", "mi mamá tiene", "amanecí con", "traigo"} {
		for _, state := range []string{"adormecido el brazo derecho", "entumecida la pierna izquierda", "hinchada la cara",
			"morado el dedo", "lastimada la rodilla", "raspado el codo"} {
			if verb == "amanecí con" {
				continue // "amanecí con el brazo dormido" is bodyComplaints' order
			}
			stmt := verb + " " + state
			for _, f := range []string{"%s", "doctora, %s desde ayer"} {
				msgs = append(msgs, [2]string{strings.Replace(f, "%s", stmt, 1), stmt})
			}
		}
	}
	checkWhole(t, msgs)
}

func TestSpanishLayComplaintsLookalikes(t *testing.T) {
	for _, text := range []string{
		"hay un letrero en la entrada", "tengo una cita en la clínica", "dejé un paquete en la recepción",
		"tengo un hijo en la escuela", "tengo cerrada la puerta", "tengo apartado el lugar", "la presión del agua está baja",
		"tengo una pregunta de la factura",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

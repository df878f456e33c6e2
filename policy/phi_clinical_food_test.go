package policy

import (
	"fmt"
	"testing"
)

// TestNutrientsOfFoodAreNoLabs: sodium, sugar or salt said of a food or a
// meal is talk about the menu; said of a person or of blood it is a lab.
func TestNutrientsOfFoodAreNoLabs(t *testing.T) {
	for _, nut := range []string{"sodio", "azúcar", "sal", "colesterol"} {
		for _, f := range []string{"el %s de la comida del hospital es muy alto, deberían cambiar el menú jaja",
			"demasiado %s en la sopa de la cafetería", "el %s del jugo de la máquina es exagerado"} {
			text := fmt.Sprintf(f, nut)
			if d := Detect(text); hasType(d, SpanLab) {
				t.Errorf("%q masked as %q", text, d.Masked)
			}
		}
	}
	for _, nut := range []string{"sodium", "sugar", "salt", "fat"} {
		for _, f := range []string{"the %s in the cafeteria food is crazy", "so much %s in the soup lol", "is there %s in the drinks from the machine?"} {
			text := fmt.Sprintf(f, nut)
			if d := Detect(text); hasType(d, SpanLab) {
				t.Errorf("%q masked as %q", text, d.Masked)
			}
		}
	}
	for _, f := range []string{"o %s da sopa é alto demais", "le %s de la soupe est trop fort"} {
		for _, nut := range []string{"sódio", "sucre", "sel", "açúcar"} {
			text := fmt.Sprintf(f, nut)
			if d := Detect(text); hasType(d, SpanLab) {
				t.Errorf("%q masked as %q", text, d.Masked)
			}
		}
	}
	for _, text := range []string{"mi sodio salió bajo", "el sodio en la sangre está bajo", "his sugar was 300",
		"my sodium came back 128", "el azúcar de mi mamá está en 250", "o sódio dele deu baixo", "my potassium is low again",
		"tengo el colesterol alto", "her sugar in the morning was 180"} {
		if d := Detect(text); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", text)
		}
	}
}

// TestNursesAreNoIllness: the clinic's nurses in Spanish, Portuguese and
// French are thanked and asked for; an illness said in the same message
// is still masked.
func TestNursesAreNoIllness(t *testing.T) {
	for _, n := range []string{"enfermeras", "enfermeros", "enfermera", "enfermeiras", "enfermeiro", "infirmières", "infirmier"} {
		for _, f := range []string{"¿están contratando %s?", "gracias a las %s por todo", "muito obrigado às %s",
			"merci aux %s !", "las %s fueron muy amables"} {
			text := fmt.Sprintf(f, n)
			if d := Detect(text); len(d.Spans) > 0 {
				t.Errorf("%q masked as %q", text, d.Masked)
			}
		}
	}
	for _, text := range []string{"la enfermera dijo que mi hijo tiene neumonía", "a enfermeira disse que tenho diabetes",
		"l'infirmière a dit que j'ai de la fièvre", "mi enfermedad de Crohn empeoró"} {
		if d := Detect(text); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", text)
		}
	}
}

// TestTellMeLabQuestions: "can you tell me…" asks the clinic; a question
// about the writer's own test still is theirs.
func TestTellMeLabQuestions(t *testing.T) {
	for _, lab := range []string{"tb skin test", "blood test", "cholesterol test", "urine test"} {
		for _, f := range []string{"can u tell me if u do the %s for school staff in general and how long the results take",
			"can you tell me how much a %s is?", "pls let me know how much the %s costs?", "could you tell me how long a %s takes?"} {
			text := fmt.Sprintf(f, lab)
			if d := Detect(text); len(d.Spans) > 0 {
				t.Errorf("%q masked as %q", text, d.Masked)
			}
		}
	}
	for _, text := range []string{"tell me how long my blood test takes", "can you tell me if my lab results are back?",
		"tell me if my A1C is bad", "can you tell me if his blood test came back positive", "tell me my cholesterol results"} {
		if d := Detect(text); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", text)
		}
	}
}

// TestLabPriceWithoutInsurance: a test's price asked "without insurance"
// is a service question; going "without" food or a drug before a test,
// or a person's test, is not.
func TestLabPriceWithoutInsurance(t *testing.T) {
	for _, lab := range []string{"a urine test", "a blood test", "a cholesterol test", "blood work"} {
		for _, f := range []string{"How much is %s without insurance?", "how much does %s cost without insurance?",
			"what's the price of %s without coverage?"} {
			text := fmt.Sprintf(f, lab)
			if d := Detect(text); len(d.Spans) > 0 {
				t.Errorf("%q masked as %q", text, d.Masked)
			}
		}
	}
	for _, lab := range []string{"un análisis de sangre", "una prueba de orina"} {
		text := fmt.Sprintf("¿Cuánto cuesta %s sin seguro?", lab)
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("%q masked as %q", text, d.Masked)
		}
	}
	for _, text := range []string{"How much is my blood test without insurance?", "how much is his urine test without insurance?",
		"¿Cuánto cuesta el análisis de sangre de mi hijo sin seguro?", "How much is an HIV test without insurance?"} {
		if d := Detect(text); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", text)
		}
	}
}

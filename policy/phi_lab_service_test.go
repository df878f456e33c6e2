package policy

import (
	"strings"
	"testing"
)

// labServiceQuestions asks about tests as services of the clinic: price,
// how long they take, whether they are done there.
func labServiceQuestions() []string {
	var out []string
	for _, lab := range []string{"a blood test", "blood work", "a cholesterol test", "a urine test", "lab work", "an A1C test"} {
		for _, f := range []string{"How much is %s?", "how much does %s cost?", "Do you do %s?", "do you do %s on site?",
			"How long does %s take?", "What's the price of %s?"} {
			out = append(out, strings.Replace(f, "%s", lab, 1))
		}
	}
	for _, lab := range []string{"un análisis de sangre", "análisis de sangre", "una prueba de orina", "un examen de colesterol"} {
		for _, f := range []string{"¿Cuánto cuesta %s?", "¿Hacen %s?", "¿Hacen %s ahí mismo?", "¿Ofrecen %s?", "cuanto cuesta %s?"} {
			out = append(out, strings.Replace(f, "%s", lab, 1))
		}
	}
	for _, f := range []string{"How long does it take to get lab results in general?", "How long do lab results take?",
		"How long do lab results usually take?", "how long does it take to get blood test results?",
		"When do lab results usually come back?", "How long does blood work take to come back usually?",
		"how long do blood test results take to come back in general?"} {
		out = append(out, f)
	}
	return out
}

// TestLabServiceQuestionsAreClean checks that a test asked about as a
// service, in a question that names nobody, masks nothing.
func TestLabServiceQuestionsAreClean(t *testing.T) {
	bad := 0
	qs := labServiceQuestions()
	for _, s := range qs {
		if d := Detect(s); len(d.Spans) > 0 {
			bad++
			t.Errorf("%q masked: %q", s, d.Masked)
		}
	}
	t.Logf("%d of %d lab questions masked", bad, len(qs))
}

// TestOwnedLabQuestionsStayMasked checks the look-alikes: a person's
// test, a value, or another clinical word keep the test masked.
func TestOwnedLabQuestionsStayMasked(t *testing.T) {
	for _, s := range []string{
		"How much is my blood test?", "How long do my lab results take?", "Is a blood sugar of 300 bad?",
		"how long does his blood work take?", "¿Cuánto cuesta el análisis de sangre de mi hijo?", "¿Hacen análisis de sangre para el VIH?",
		"How much is an HIV test?", "¿Cuánto cuesta la prueba de VIH?", "my A1C was 9, how much is a blood test?",
		"How long does a blood test take when you have diabetes?", "¿Cuánto cuesta mi análisis de sangre?",
		"How long do lab results take? I need mine for my surgery", "How long do lab results take to come back? my back hurts",
	} {
		if d := Detect(s); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", s)
		}
	}
}

package policy

import (
	"fmt"
	"strings"
	"testing"
)

// goodsQuestions builds questions about what the clinic sells, runs or
// keeps, in four languages, each naming nobody.
func goodsQuestions() []string {
	var msgs []string
	for _, c := range []string{"COVID", "covid", "pregnancy", "flu", "strep", "STI", "std", "HIV", "hiv"} {
		for _, f := range []string{
			"Do you sell %s tests?", "do you guys sell %s tests", "do u do %s tests and how much",
			"Do you have %s tests available?", "how much are the %s tests?", "does the pharmacy carry %s tests?",
			"do you offer %s testing", "Is there %s testing on saturdays?",
		} {
			msgs = append(msgs, fmt.Sprintf(f, c))
		}
	}
	for _, c := range []string{"covid", "COVID", "embarazo", "VIH", "influenza"} {
		for _, f := range []string{"¿Venden pruebas de %s?", "venden pruebas de %s en la farmacia?", "¿Hacen pruebas de %s?",
			"¿Cuánto cuestan las pruebas de %s?", "hay pruebas de %s?"} {
			msgs = append(msgs, fmt.Sprintf(f, c))
		}
	}
	for _, c := range []string{"covid", "gravidez", "HIV", "dengue"} {
		for _, f := range []string{"vendem teste de %s?", "vocês fazem teste de %s?", "quanto custa o teste de %s?", "tem teste de %s?"} {
			msgs = append(msgs, fmt.Sprintf(f, c))
		}
	}
	for _, c := range []string{"covid", "grossesse", "Covid"} {
		for _, f := range []string{"vous vendez des autotests %s ?", "vous faites le test de %s ?", "combien coûte un test de %s ?"} {
			msgs = append(msgs, fmt.Sprintf(f, c))
		}
	}
	for _, c := range []string{"weight loss", "smoking cessation", "diabetes", "obesity"} {
		for _, f := range []string{"is there a %s program and how much does it cost", "Do you run a %s programme?",
			"do you have a %s program?"} {
			msgs = append(msgs, fmt.Sprintf(f, c))
		}
	}
	for _, d := range []string{"a defibrillator", "an AED defibrillator", "a defibrillator on every floor"} {
		for _, f := range []string{"Does the clinic have %s?", "does the clinic have %s? asking for our gym next door",
			"do you have %s in the building?", "is there %s in the waiting room?"} {
			msgs = append(msgs, fmt.Sprintf(f, d))
		}
	}
	return msgs
}

func TestGoodsAskedStayClean(t *testing.T) {
	msgs := goodsQuestions()
	if len(msgs) < 140 {
		t.Fatalf("only %d questions", len(msgs))
	}
	for _, text := range msgs {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

// TestGoodsAskedPersonStaysMasked: the same things said of a person, with
// a result, or beside another clinical word, stay masked.
func TestGoodsAskedPersonStaysMasked(t *testing.T) {
	var msgs []string
	for _, c := range []string{"covid", "COVID", "pregnancy", "strep", "HIV"} {
		for _, f := range []string{
			"my %s test was positive", "my %s test came back positive", "%s test positive?", "can I buy a %s test? I'm late",
			"my son needs a %s test", "do you sell %s tests? my daughter has a fever", "is my %s test back?",
			"do you sell %s tests? he tested positive yesterday", "her %s test results please",
		} {
			msgs = append(msgs, fmt.Sprintf(f, c))
		}
	}
	for _, f := range []string{"mi prueba de %s salió positiva", "¿ya está mi prueba de %s?", "meu teste de %s deu positivo",
		"mon test de %s est positif"} {
		for _, c := range []string{"covid", "embarazo", "gravidez", "grossesse"} {
			msgs = append(msgs, fmt.Sprintf(f, c))
		}
	}
	msgs = append(msgs, "my dad has a defibrillator", "does he need a defibrillator?", "my mom's defibrillator keeps beeping",
		"I'm in your weight loss program and lost 10 lbs", "my weight loss is scary, is there a program?",
		"ma prise de sang est revenue mauvaise", "sa prise de sang montre un taux bas")
	for _, text := range msgs {
		d := Detect(text)
		clinical := false
		for _, s := range d.Spans {
			switch s.Type {
			case SpanCondition, SpanSymptom, SpanLab, SpanMedication:
				clinical = true
			}
		}
		if !clinical {
			t.Errorf("%q: no clinical span (%q)", text, d.Masked)
		}
	}
	if !strings.Contains(Detect("Combien coûte une prise de sang ?").Masked, "prise de sang") {
		t.Errorf("a blood test's price, asked of the clinic, is masked")
	}
}

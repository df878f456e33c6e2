package policy

import (
	"fmt"
	"strings"
	"testing"
)

// Words that are symptoms or name cues in one sentence and everyday
// clinic talk in another. The clean sentences below are generated from
// parts, and each family has clinical or personal look-alikes that must
// stay masked.

// "Confusion" about a bill or a time is no symptom: the most common use
// of the word in a clinic's inbox is an apology or a question about the
// visit's details.
func TestConfusionAboutTheVisitIsNoSymptom(t *testing.T) {
	var clean []string
	for _, apology := range []string{"sorry for", "so sorry for", "apologies for", "I apologize for", "we apologise for", "pardon me for"} {
		for _, det := range []string{"the", "any", "all the", "my"} {
			clean = append(clean, fmt.Sprintf("%s %s confusion", apology, det),
				fmt.Sprintf("Oh %s %s confusion, I meant Thursday", apology, det))
		}
	}
	for _, apology := range []string{"Perdón por", "perdon por", "Disculpe por", "disculpen por", "Lo siento por"} {
		for _, det := range []string{"la", "esta", "cualquier"} {
			clean = append(clean, fmt.Sprintf("%s %s confusión", apology, det))
		}
	}
	for _, det := range []string{"", "any ", "some "} {
		clean = append(clean, "to avoid "+det+"confusion, which entrance should I use?",
			"Just to avoid "+det+"confusion: is it the north building?")
	}
	details := []string{"my bill", "the appointment time", "the charges on my statement", "which form to fill",
		"the new portal", "the parking", "my copay", "the reminder text", "the date of my appointment", "the hours", "my insurance"}
	for _, frame := range []string{"Estoy confundida con %s", "estoy confundido sobre %s", "perdón por la confusión con %s"} {
		for _, d := range []string{"la factura", "mi cita", "el horario", "el formulario", "el pago"} {
			clean = append(clean, fmt.Sprintf(frame, d))
		}
	}
	for _, d := range details {
		for _, frame := range []string{"I'm confused about %s", "i was confused about %s", "I'm a bit confused about %s",
			"there's been some confusion about %s", "no confusion about %s then", "my husband is confused about %s",
			"Quick question, I'm so confused by %s", "still some confusion over %s"} {
			clean = append(clean, fmt.Sprintf(frame, d))
		}
	}
	for _, q := range []string{"is the appointment at 3 or 4?", "which door do I use?", "do I pay now or later?", "was that for me?"} {
		for _, lead := range []string{"I'm a bit confused, ", "Im confused. ", "I am totally confused, ", "i'm confused! "} {
			clean = append(clean, lead+q)
		}
	}
	if len(clean) < 150 {
		t.Fatalf("only %d clean sentences", len(clean))
	}
	checkClean(t, clean...)

	// The patient's state of mind stays a symptom.
	for _, s := range []string{
		"my mom is confused and doesn't know where she is",
		"dad has had confusion since his fall",
		"new confusion and slurred speech",
		"she gets confused at night",
		"he seems confused about where he is",
		"I'm confused about my medication doses",
		"I'm confused and dizzy",
		"I'm confused, my head hurts and I threw up",
		"grandpa is very confused today",
		"sudden confusion this morning, should we come in?",
		"he was confused about what day it is",
		"mi mamá está confundida y no reconoce a nadie",
		"mi papá anda confundido desde ayer",
	} {
		if d := Detect(s); !strings.Contains(d.Masked, "[SYMPTOM]") && !strings.Contains(d.Masked, "[CONDITION]") {
			t.Errorf("%q: the patient's confusion was not masked (%q)", s, d.Masked)
		}
	}
}

// A word of thanks or a sign-off ("thanks", "signed", "best") before
// everyday words is no signature: "the signed consent form" is a
// document and "thanks permission slip" thanks for one.
func TestSignOffWordsBeforeThingsAreNoNames(t *testing.T) {
	things := []string{"consent form", "waiver form", "intake form", "permission slip", "paper form", "copy form",
		"consent papers", "release form", "referral letter", "medication list", "school note", "payment receipt"}
	var clean []string
	for _, th := range things {
		for _, frame := range []string{"the signed %s", "Where do I send the signed %s?", "I dropped off the signed %s",
			"the best %s", "thanks %s", "ok thanks %s received", "here is the signed %s"} {
			clean = append(clean, fmt.Sprintf(frame, th))
		}
	}
	checkClean(t, clean...)

	// Names after the same words stay names, lower case or not.
	for _, tc := range []struct{ text, name string }{
		{"thanks maria lopez", "maria lopez"},
		{"signed, john smith", "john smith"},
		{"Signed: Ngozi Okafor", "Ngozi Okafor"},
		{"thanks ngozi okafor", "ngozi okafor"},
		{"best, efrain mamani", "efrain mamani"},
		{"this is rigoberto thistlewood", "rigoberto thistlewood"},
	} {
		checkNameAt(t, tc.text, strings.Index(tc.text, tc.name), tc.name)
	}
}

// The clinic's papers, the vaccines patients book and the places named
// for people are written with capitals or
// beside clinical words, and are none of a patient's identifiers or
// conditions.
func TestClinicThingsWrittenWithCapitalsAreClean(t *testing.T) {
	var clean []string
	for _, doc := range []string{"New Patient Form", "Intake Packet", "Consent Form", "Release Form", "Health Questionnaire",
		"Sports Waiver", "Registration Paperwork"} {
		for _, frame := range []string{"Can I fill out the %s online?", "Where do I drop off the signed %s?",
			"Do I need to bring the %s?", "the %s link isn't working", "Is the %s on the portal?"} {
			clean = append(clean, fmt.Sprintf(frame, doc))
		}
	}
	// (Sexual-health terms such as HPV are masked even in such questions:
	// the most protected content is read conservatively.)
	for _, illness := range []string{"COVID", "flu", "shingles", "RSV", "pneumonia", "tetanus", "measles"} {
		for _, frame := range []string{"Can I get the %s booster without an appointment?", "Where do I get a %s vaccination?",
			"Do you give %s jabs on Saturdays?", "When is the %s Clinic this year?", "when does the %s clinic run?"} {
			clean = append(clean, fmt.Sprintf(frame, illness))
		}
	}
	// (A park is left out: "Park" is also a family name, and "Grace Park"
	// a person.)
	for _, place := range []string{"Will Rogers Street", "June Whitaker Road", "Hope Taylor Avenue", "Grace Kelly Boulevard"} {
		clean = append(clean, "Does "+place+" have parking?", "Is the clinic near "+place+"?")
	}
	if len(clean) < 75 {
		t.Fatalf("only %d clean sentences", len(clean))
	}
	checkClean(t, clean...)

	// The same words about the patient stay masked.
	for _, s := range []string{
		"I got my covid booster yesterday and now my arm is swollen",
		"when is my HIV clinic appointment?",
		"I tested positive for covid",
		"Will Rogers called about his results",
	} {
		if d := Detect(s); len(d.Spans) == 0 {
			t.Errorf("%q: nothing masked", s)
		}
	}
}

// Portuguese function words the population tables hold as names ("ela",
// "minha", "dela", "sua") and a count of miles are no people.
func TestPortugueseFunctionWordsAndCountsAreNoNames(t *testing.T) {
	var clean []string
	for _, subj := range []string{"ela mora", "ele mora", "minha mãe tem", "minha filha tem", "meu pai tem", "a mãe dela tem", "seu filho tem"} {
		for _, rest := range []string{"consulta amanhã?", "perto da clínica", "hora marcada às 3"} {
			clean = append(clean, subj+" "+rest)
		}
	}
	for _, q := range []string{"qual é o horário de sábado?", "Olá, qual é o endereço?", "quais são os documentos?", "onde fica a entrada?",
		"você pode me ligar?", "muito obrigada pela ajuda"} {
		clean = append(clean, q)
	}
	for _, n := range []string{"120", "30", "2", "15"} {
		clean = append(clean, "I live "+n+" miles away, can I do telehealth?", "it's about "+n+" miles from here")
	}
	checkClean(t, clean...)
	// Names after the same words stay names.
	checkNameAt(t, "minha mãe Maria Silva tem consulta", strings.Index("minha mãe Maria Silva tem consulta", "Maria Silva"), "Maria Silva")
	checkNameAt(t, "Miles Davis called about his bill", 0, "Miles Davis")
}

package policy

import (
	"strings"
	"testing"
)

// namedVariants are given and family names of many origins, each either
// in the population tables or in the world list, used by the generated
// cases below in lower case and capitalised.
var namedVariants = []struct{ given, family string }{
	{"ngozi", "okafor"}, {"kwabena", "mensah"}, {"tendai", "mutasa"}, {"wanjiru", "kamau"}, {"sanjay", "patel"},
	{"harpreet", "kaur"}, {"minjun", "park"}, {"hiroshi", "tanaka"}, {"thanh", "nguyen"}, {"svetlana", "petrova"},
	{"piotr", "kowalski"}, {"giulia", "rossi"}, {"siobhan", "murphy"}, {"aroha", "ngata"}, {"yousef", "haddad"},
	{"fatima", "chaudhry"}, {"ximena", "quispe"}, {"itzel", "mamani"}, {"chuy", "ramirez"}, {"lupita", "hernandez"},
}

func titled(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// checkNamed runs every template over every name, lower case and
// capitalised, and wants each name masked and the rest of the text kept.
func checkNamed(t *testing.T, templates []string) {
	t.Helper()
	for _, tm := range templates {
		for _, n := range namedVariants {
			for _, up := range []bool{false, true} {
				g, f := n.given, n.family
				if up {
					g, f = titled(g), titled(f)
				}
				text := strings.NewReplacer("{G}", g, "{F}", f).Replace(tm)
				got := Detect(text).Masked
				for _, w := range []string{g, f} {
					if strings.Contains(tm, "{F}") || w == g {
						if strings.Contains(" "+got+" ", " "+w+" ") || strings.Contains(got, " "+w+",") || strings.HasPrefix(got, w+" ") {
							t.Errorf("%q masked as %q: %q left", text, got, w)
						}
					}
				}
			}
		}
	}
}

// TestQuestionSubjectNames: the person a question opens with, between an
// auxiliary and the verb ("can tendai come in at 3?").
func TestQuestionSubjectNames(t *testing.T) {
	checkNamed(t, []string{
		"can {G} come in at 3",
		"when can {G} come in?",
		"could {G} {F} come a bit later",
		"is {G} ok to come to school tomorrow",
		"is {G} {F} ready for pickup",
		"did {G} {F} pick up the meds",
		"does {G} need a new referral?",
		"will {G} {F} need a new referral",
		"hi, can {G} get a flu shot on friday",
	})
	for _, s := range []string{
		"can you come in at 3", "can we come in early", "is the office ok with that", "can someone call me back",
		"did the pharmacy get it", "will insurance cover it", "can telehealth be used", "could mychart be down",
		"is it ok to come", "can I bring my son", "does medicaid cover this", "can Zoom be used for the visit",
		"will Aetna still cover it", "is parking ok for the van", "can everyone come at 3",
	} {
		if got := Detect(s).Masked; strings.Contains(got, "[NAME]") {
			t.Errorf("clean %q masked as %q", s, got)
		}
	}
}

// TestSubjectBeforeAuxiliary: a listed given name opening a clause
// before "will", "has", "is" ("tendai will be late"), and a given name
// with a family name no dictionary lists before a date of birth or a
// number ("kwabena mensah dob 3/4/81").
func TestSubjectBeforeAuxiliary(t *testing.T) {
	checkNamed(t, []string{
		"{G} will be late today",
		"{G} has an appointment at 3",
		"ok {G} is going to be late",
		"{G} {F} will be late",
		"{G} {F} has an appointment tomorrow",
		"{G} {F} dob 03/04/1981",
		"{G} {F} 555-201-3344",
		"{G} {F}, dob 3/4/81",
	})
	for _, s := range []string{
		"everything will be fine", "zoom will work", "parking is free", "mychart has an error", "the doctor will call",
		"tomorrow is fine", "someone will call you",
	} {
		if got := Detect(s).Masked; strings.Contains(got, "[NAME]") {
			t.Errorf("clean %q masked as %q", s, got)
		}
	}
}

// TestItsIntroduction: "its" for "it's" at the start of a clause
// introduces the writer ("hi its tendai"); as the possessive it
// introduces nobody ("the app lost its settings").
func TestItsIntroduction(t *testing.T) {
	checkNamed(t, []string{
		"hi its {G}",
		"hi its {G} from yesterday",
		"its {G} again",
		"its {G} {F} again, sorry",
		"ok its {G} here",
	})
	for _, s := range []string{
		"the app lost its settings", "does the form have its own number", "its ok", "its fine thanks",
		"its Tuesday right?", "its about my bill", "its been a week", "its me again", "its urgent please call",
	} {
		if got := Detect(s).Masked; strings.Contains(got, "[NAME]") {
			t.Errorf("clean %q masked as %q", s, got)
		}
	}
}

// TestThanksThenName: a name after a word of thanks that ends its own
// sentence ("thank you! kwabena mensah").
func TestThanksThenName(t *testing.T) {
	checkNamed(t, []string{
		"thank you! {G} {F}",
		"thanks! {G}",
		"gracias. {G} {F}",
		"see you friday. thanks! {G} {F}",
	})
	for _, s := range []string{"thanks! see you tomorrow", "thank you! have a great day", "thanks! lol", "Thanks. See you soon", "gracias. hasta luego"} {
		if got := Detect(s).Masked; strings.Contains(got, "[NAME]") {
			t.Errorf("clean %q masked as %q", s, got)
		}
	}
}

// TestKinVerbIsNoName: after a kinship word a lower-case dictionary word
// followed by its object is the sentence's verb ("my mom gave me the
// forms"); a nickname there meets a verb or the end ("my son bubba is
// sick").
func TestKinVerbIsNoName(t *testing.T) {
	for _, kin := range []string{"my mom", "my husband", "my son", "my dad", "my wife", "my boyfriend", "my daughter"} {
		for _, v := range []string{"gave me the forms", "took the pills", "went to school", "told me to call", "picked up the meds", "brought her card"} {
			s := kin + " " + v
			if got := Detect(s).Masked; strings.Contains(got, "[NAME]") {
				t.Errorf("clean %q masked as %q", s, got)
			}
		}
		for _, n := range []string{"bubba", "tendai", "chuy", "Bubba", "Tendai"} {
			s := kin + " " + n + " needs a school form"
			if got := Detect(s).Masked; strings.Contains(got, n) {
				t.Errorf("%q masked as %q", s, got)
			}
		}
	}
}

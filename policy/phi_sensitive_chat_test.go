package policy

import (
	"strings"
	"testing"
)

// The chat shapes of phi_sensitive_chat.go, generated across persons,
// wordings and what follows, each masked as a statement; and the same
// words in their everyday senses, which stay readable.
func TestSensitiveChatShapesMasked(t *testing.T) {
	persons := []struct{ subj, own string }{
		{"I", "my"}, {"my son", "his"}, {"my wife", "her"}, {"my mum", "her"}, {"my brother", "his"}, {"my daughter", "her"},
	}
	tails := []string{"", ", can the doctor call me", " and i need help", " since last month"}
	var cases []struct{ text, stmt string }
	addCase := func(stmt string) {
		for _, tail := range tails {
			cases = append(cases, struct{ text, stmt string }{"hi, " + stmt + tail, stmt})
		}
	}
	for _, p := range persons {
		for _, care := range []string{"sees someone", "gets meds", "takes tablets", "goes to a group", "needs help"} {
			verb := care
			if p.subj == "I" {
				verb = strings.Replace(strings.Replace(strings.Replace(strings.Replace(care, "sees", "see", 1), "gets", "get", 1),
					"takes", "take", 1), "goes", "go", 1)
				verb = strings.Replace(verb, "needs", "need", 1)
			}
			for _, cond := range []string{"nerves", "anger", "drinking"} {
				addCase(p.subj + " " + verb + " for " + p.own + " " + cond)
			}
		}
		for _, want := range []string{"the morning after pill", "the mornin after pill"} {
			subj := p.subj
			verb := " needs "
			if subj == "I" {
				verb = " need "
			}
			addCase(subj + verb + want)
		}
	}
	for _, s := range []string{
		"not doing great mentally", "not doing well mentally", "struggling mentally", "mentally exhausted",
		"honestly not doing ok mentally", "mentally drained",
	} {
		addCase("i'm " + s)
		addCase("my husband is " + s)
	}
	for _, s := range []string{
		"i slipped up last weekend with the drinking", "he slipped up and used again", "i slipped up and drank on friday",
		"i go to AA on wednesdays", "my dad goes to NA every week", "she went to AA last night", "voy a AA los martes",
		"voy a narcóticos anónimos los jueves", "my son goes to narcotics anonymous",
		"i want to get my tubes tied", "my wife had her tubes tied", "i had a termination 2 weeks ago",
		"she had a termination of pregnancy in may", "i need my coil removed", "can i get my coil changed",
		"i want the coil fitted", "my depo shot is due next week", "her depo injection is late",
		"i have bumps on my privates", "he has a rash on his privates", "my implant is making me bleed",
		"necesito la pastilla del día después", "mi hija necesita la pastilla del dia despues", "i'm on the pill",
		"she sees a counselor for her drinking",
	} {
		addCase(s)
	}
	if len(cases) < 200 {
		t.Fatalf("only %d generated cases", len(cases))
	}
	for _, c := range cases {
		if got := maskedShare(t, c.text, c.stmt); got < 0.8 {
			t.Errorf("%q: %.2f of %q masked; got %q", c.text, got, c.stmt, Detect(c.text).Masked)
		}
	}
}

func TestSensitiveChatLookalikesReadable(t *testing.T) {
	for _, text := range []string{
		"sorry for my anger at reception yesterday", "i'm mentally preparing for the drive lol",
		"doing great mentally and physically thanks", "i slipped up on the booking form, sorry",
		"i slipped on the ice outside the clinic", "the termination of my contract means new insurance",
		"do you do implant removals here?", "my nerves before the exam are normal right",
		"i go to the gym on wednesdays", "we went to the AA office to renew the car membership",
		"the day after tomorrow works", "el día después de la cita me voy de viaje",
		"the pill box you gave us is great", "which pill organiser do you recommend",
		"the coil on the heater in room 2 is broken", "tied up at work, will be 10 min late",
		"i'm tied up until 3", "the narcotics cabinet in the ad on tv", "is the pharmacy open after 6",
		"good morning, after the pill run i'll come by", "sorry, my anger is at the bus company not you",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

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

// The family's words for a mind in trouble, generated across persons.
func TestSensitiveChatMindWordsMasked(t *testing.T) {
	persons := []struct{ subj, be, has, own, self, does string }{
		{"i", "i'm", "i've", "my", "myself", "don't"}, {"my son", "he's", "he has", "his", "himself", "doesn't"},
		{"my wife", "she's", "she has", "her", "herself", "doesn't"}, {"my dad", "he's", "he has", "his", "himself", "doesn't"},
		{"my daughter", "she's", "she has", "her", "herself", "doesn't"},
	}
	var n int
	for _, p := range persons {
		for _, stmt := range []string{
			p.subj + " tried to take " + p.own + " own life",
			p.subj + " keeps hearing things that aren't there",
			p.be + " been isolating " + p.self,
			p.subj + " is struggling to cope",
			p.be + " not coping",
			p.be + " grieving",
			p.be + " been off " + p.own + " meds for a week",
			p.subj + " stopped taking " + p.own + " medication",
			p.be + " spiralling again",
			p.has + " been gambling again",
			p.subj + " has been put on an antipsychotic",
			p.subj + " was on a bender all weekend",
			p.be + " been self medicating with alcohol",
			p.subj + " " + p.does + " want to wake up",
			p.subj + " said " + p.subj + " " + p.does + " want to be here anymore",
			p.subj + " " + p.does + " see the point anymore",
			p.subj + " keeps thinking about ending things",
			p.subj + " had another episode last night",
			p.own + " care coordinator wants a review",
			p.own + " cpn is off sick",
			p.subj + " has agoraphobia",
			p.subj + " has gender dysphoria",
			p.subj + " has tourette's",
			p.subj + " has body dysmorphia",
		} {
			for _, tail := range []string{"", ", can someone call", " and we need help"} {
				text := "hi, " + stmt + tail
				if got := maskedShare(t, text, stmt); got < 0.8 {
					t.Errorf("%q: %.2f of %q masked; got %q", text, got, stmt, Detect(text).Masked)
				}
				n++
			}
		}
	}
	for _, stmt := range []string{
		"the condom broke", "the condom came off", "i want to come off the pill", "my onc appt", "my rheum appt",
		"my neuro follow up", "my hepatology appointment", "my camhs appointment", "my gynaecology appointment",
		"my derm appt", "her haematology appointment",
	} {
		text := stmt + " last night, what now"
		if got := maskedShare(t, text, stmt); got < 0.8 {
			t.Errorf("%q: %.2f of %q masked; got %q", text, got, stmt, Detect(text).Masked)
		}
		n++
	}
	if n < 300 {
		t.Fatalf("only %d generated cases", n)
	}
}

func TestSensitiveChatMindLookalikesReadable(t *testing.T) {
	for _, text := range []string{
		"take your own life jacket to the pool party", "am i seeing things or is the clinic closed today",
		"the grief support group meets on mondays", "coping with the new portal is a nightmare lol",
		"the gambling ad on tv is so loud", "i don't see the point of the second form",
		"we watched an episode of the new series", "costs are spiralling at the pharmacy",
		"the blues concert is next to the clinic", "i want to end things early today, can i come at 3",
		"the worker fixing the door said it's done", "i'm expecting your call", "can i wake up early for the test",
		"is the clinic here anymore or did you move", "what time does the cardiology department open",
		"is the condom dispenser in the toilets", "the pill organiser is on the shelf",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

// Self-harm by its verb, infections caught from a partner, conception,
// the steps of IVF, "my pill" and "los nervios", generated across
// persons and what follows.
func TestSensitiveChatCareStepsMasked(t *testing.T) {
	var n int
	for _, p := range []struct{ be, own, subj string }{
		{"i've", "my", "i"}, {"she's", "her", "my daughter"}, {"he's", "his", "my son"}, {"she's", "her", "my wife"},
	} {
		for _, stmt := range []string{
			p.be + " been cutting again",
			p.subj + " started cutting " + p.own + " arms",
			p.subj + " caught something from " + p.own + " ex",
			p.subj + " caught something off a guy",
			p.be + " been trying to conceive for a year",
			p.own + " egg retrieval is on monday",
			p.own + " embryo transfer got moved",
			p.own + " pill ran out",
		} {
			for _, tail := range []string{"", ", what do we do", " and i'm worried"} {
				text := "hi, " + stmt + tail
				if got := maskedShare(t, text, stmt); got < 0.8 {
					t.Errorf("%q: %.2f of %q masked; got %q", text, got, stmt, Detect(text).Masked)
				}
				n++
			}
		}
	}
	for _, stmt := range []string{
		"no estoy bien de los nervios", "mi mamá está enferma de los nervios", "necesito mis pastillas para los nervios",
		"ando mal de los nervios", "sufro de los nervios",
	} {
		for _, tail := range []string{"", ", puedo pedir cita", " desde hace meses"} {
			text := "hola, " + stmt + tail
			if got := maskedShare(t, text, stmt); got < 0.8 {
				t.Errorf("%q: %.2f of %q masked; got %q", text, got, stmt, Detect(text).Masked)
			}
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d generated cases", n)
	}
}

func TestSensitiveChatCareStepsLookalikesReadable(t *testing.T) {
	for _, text := range []string{
		"i've been cutting carbs for the diet", "we were cutting it close with the parking", "i caught the bus at 9",
		"i caught something from the kids, just a cold", "the money transfer went through", "i'll transfer the payment today",
		"the freezing weather made me late", "my pill organiser broke, do you sell them",
		"los nervios del examen de mi hija", "can you transfer my records to the new office",
	} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

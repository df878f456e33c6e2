package policy

import (
	"strings"
	"testing"
)

// TestRomanisedGivenNames: a Korean or Chinese given name romanised in two
// hyphenated syllables is masked in lower case and capitalised, with the
// family name beside it, in every place a name stands; hyphenated words
// of the same length that are English ("set-up", "wi-fi") stay.
func TestRomanisedGivenNames(t *testing.T) {
	givens := []string{"seo-yeon", "ji-hoon", "min-jun", "hye-jin", "xiao-ming", "dong-hyun", "jae-won",
		"ha-eun", "soo-ah", "kyung-soo", "mei-ling", "jun-ho", "yeon-woo", "chul-soo", "hwan-hee"}
	families := []string{"", " park", " lee", " kim", " choi"}
	templates := []string{
		"this is {N}",
		"hi its {N} here",
		"{N} was seen last week",
		"{N} needs a refill",
		"{N} dob 04/05/1960",
		"{N}, dob 4/5/60",
		"calling about {N}",
		"appointment for {N} tomorrow",
		"my son is {N}",
		"my daughter {N} has a fever",
		"thanks, {N}",
		"it is {N}",
		"from {N}",
		"can dr see {N} today",
		"please tell {N} the forms are ready",
	}
	n := 0
	for gi, g := range givens {
		for fi, f := range families {
			tp := templates[(gi*len(families)+fi)%len(templates)]
			for _, name := range []string{g + f, titleName(g + f)} {
				n++
				checkWholeName(t, tp, name)
			}
		}
	}
	for _, tp := range templates {
		for _, g := range givens[:4] {
			n++
			checkWholeName(t, tp, g)
		}
	}
	if n < 150 {
		t.Fatalf("only %d variants", n)
	}
	clean := []string{"set-up", "follow-up", "check-in", "wi-fi", "x-ray", "hip-hop", "pick-up", "drop-off",
		"co-pay", "pre-op", "e-mail", "t-shirt", "walk-in", "sign-in", "log-in", "mid-june", "so-so", "ha-ha",
		"one-on-one", "post-op", "re-check", "ha-ha-ha", "non-urgent", "self-pay", "in-person", "on-call"}
	cleanTemplates := []string{"{W} was fine", "calling about {W}", "it is {W}",
		"appointment for {W} tomorrow", "{W}, thanks", "the {W} is at 3", "from {W}"}
	for _, w := range clean {
		for _, tp := range cleanTemplates {
			text := strings.Replace(tp, "{W}", w, 1)
			if d := Detect(text); strings.Contains(d.Masked, "[NAME]") {
				t.Errorf("%q masked as %q: no name in it", text, d.Masked)
			}
		}
	}
}

// TestRomanSyllable: the syllable shape, which alone proves nothing.
func TestRomanSyllable(t *testing.T) {
	for _, w := range []string{"ji", "seo", "yeon", "hoon", "min", "jun", "xiao", "ming", "hyun", "kyung", "eun", "soo", "hwan", "chul", "mei"} {
		if !romanSyllable([]byte(w)) {
			t.Errorf("%q: want a syllable", w)
		}
	}
	for _, w := range []string{"park", "mart", "follow", "check", "x", "shirt", "strong", "aeiou", "pre", "drop", "log"} {
		if romanSyllable([]byte(w)) {
			t.Errorf("%q: want no syllable", w)
		}
	}
}

// titleName capitalises each word and each hyphenated part.
func titleName(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ' || b[i-1] == '-') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// checkWholeName reports unless name, put into template at {N}, is masked
// by one NAME span that covers it exactly.
func checkWholeName(t *testing.T, template, name string) {
	t.Helper()
	text := strings.Replace(template, "{N}", name, 1)
	at := strings.Index(template, "{N}")
	d := Detect(text)
	for _, s := range d.Spans {
		if s.Type == SpanName && s.Start == at && s.End == at+len(name) {
			return
		}
	}
	t.Errorf("%q masked as %q, want %q whole as one name", text, d.Masked, name)
}

// TestParticleFamilyNames: a family name opened by a particle after a name
// already found ("von stein", "del rio", "bin rashid") is masked with it,
// in lower case and capitalised, where the name ends; the particle's
// ordinary readings after a name stay outside the mask.
func TestParticleFamilyNames(t *testing.T) {
	names := []string{"omar bin rashid", "anna von stein", "rosa del rio", "ana de leon", "maria de souza",
		"jean le blanc", "ali ibn saud", "marta dos santos", "carmen del valle", "omar bin laden",
		"sofia del toro", "karl von berg", "ahmed ibn khalid"}
	templates := []string{
		"this is {N}",
		"my name is {N}",
		"it's {N} here",
		"appointment for {N} tomorrow",
		"my mom {N} needs a refill",
		"the patient is {N}, dob 3/4/1950",
		"thanks, {N}",
		"please tell {N} the forms are ready",
		"results for {N} please",
	}
	n := 0
	for i, nm := range names {
		for j, tp := range templates {
			if (i+j)%2 == 1 {
				continue
			}
			for _, name := range []string{nm, titleParticleName(nm)} {
				n++
				checkWholeName(t, tp, name)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
	// The particle read as a word: the name before it stays alone.
	for _, c := range []struct{ text, want string }{
		{"this is maria de nuevo", "this is [NAME] de nuevo"},
		{"soy maria de nuevo, gracias", "soy [NAME] de nuevo, gracias"},
		{"dr patel le llamará mañana", "dr [NAME] le llamará mañana"},
		{"this is maria de recepcion", "this is [NAME] de recepcion"},
		{"my son omar van pool tomorrow?", "my son [NAME] van pool tomorrow?"},
		{"soy rosa del laboratorio", "soy [NAME] del laboratorio"},
		{"this is maria del consultorio", "this is [NAME] del consultorio"},
	} {
		if got := Detect(c.text).Masked; got != c.want {
			t.Errorf("%q masked as %q, want %q", c.text, got, c.want)
		}
	}
}

// titleParticleName capitalises a name's words but its particles.
func titleParticleName(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		switch x {
		case "bin", "von", "del", "de", "da", "le", "van", "ibn", "di", "dos", "ben", "ter":
			continue
		}
		w[i] = titleName(x)
	}
	return strings.Join(w, " ")
}

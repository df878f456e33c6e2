package policy

import (
	"strings"
	"testing"
)

// TestThanksSentenceSignOff: the writer's name after a sentence of thanks
// that ends with "!" or "." however the thanks is said ("thanks so
// much! kwabena", "thank you very much!! Ngozi Okafor").
func TestThanksSentenceSignOff(t *testing.T) {
	var templates []string
	for _, th := range []string{"thanks so much", "thank you so much", "thank you very much", "thanks a lot",
		"thanks again", "ok thanks", "muchas gracias", "mil gracias", "thx so much"} {
		for _, p := range []string{"!", "!!", ".", "!!!"} {
			templates = append(templates, "ok see you tuesday, "+th+p+" {G}", th+p+" {G} {F}")
		}
	}
	checkNamed(t, templates)
	// Clean lookalikes: the words after the thanks are no name.
	for _, s := range []string{
		"thanks so much! see you monday", "thank you so much!! have a good one", "thanks a lot. bye",
		"Thanks so much! See you Monday", "muchas gracias! hasta luego", "thanks so much! lol",
		"thanks again! ok", "Thank you very much. Have a nice day", "thanks so much!! 🙏",
		"thanks so much! will do", "gracias! nos vemos", "thanks so much! Great",
	} {
		if got := Detect(s); hasType(got, SpanName) {
			t.Errorf("%q: false name: %q", s, got.Masked)
		}
	}
}

// TestTrailingInitialSignOff: a capital initial after a name at the end
// of the message or of its line is part of the signature.
func TestTrailingInitialSignOff(t *testing.T) {
	for _, n := range namedVariants {
		g := titled(n.given)
		for _, tm := range []string{"atte. {G} M.", "thanks, {G} R.", "saludos,\n{G} P.\n", "see you then - {G} K", "regards, {G} {F} J."} {
			s := strings.NewReplacer("{G}", g, "{F}", titled(n.family)).Replace(tm)
			got := Detect(s).Masked
			if strings.Contains(got, g) || strings.Contains(got, "M.") || strings.Contains(got, "R.") || strings.Contains(got, "P.") || strings.Contains(got, " K") || strings.Contains(got, "J.") {
				t.Errorf("%q masked as %q", s, got)
			}
		}
	}
	// An initial inside the sentence, or the pronoun, stays.
	for _, s := range []string{"thanks, Maria I will call", "see you at 3 p.m.", "Building B", "suite A"} {
		got := Detect(s).Masked
		for _, w := range []string{" I ", "p.m.", " B", " A"} {
			if strings.Contains(s, w) && !strings.Contains(got, w) {
				t.Errorf("%q masked as %q: %q lost", s, got, w)
			}
		}
	}
}

// TestHaberAfterKinship: a form of "haber" after a kinship word opens the
// verb ("mi hija ha tenido fiebre"), whatever the kinship word and the
// participle; the family name "Ha" after a title stays a name.
func TestHaberAfterKinship(t *testing.T) {
	for _, kin := range []string{"mi hija", "mi hijo", "mi mamá", "mi esposo", "mi abuela", "my husband", "my daughter", "mi suegra"} {
		for _, aux := range []string{"ha", "han", "he", "hemos", "había", "ya ha"} {
			for _, rest := range []string{"estado enferma", "tenido mucha tos", "ido al doctor", "dicho que no", "llamado dos veces"} {
				s := kin + " " + aux + " " + rest
				got := Detect(s)
				for _, sp := range got.Spans {
					if sp.Type == SpanName {
						t.Errorf("%q: false name %q (%q)", s, s[sp.Start:sp.End], got.Masked)
					}
				}
			}
		}
	}
	if got := Detect("mi hija Lupita Ha tiene cita"); !strings.Contains(got.Masked, "mi hija [NAME] tiene") {
		t.Errorf("listed name after the kinship word lost: %q", got.Masked)
	}
}

// hasType reports a span of type typ in d.
func hasType(d Detection, typ SpanType) bool {
	for _, sp := range d.Spans {
		if sp.Type == typ {
			return true
		}
	}
	return false
}

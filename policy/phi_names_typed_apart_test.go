package policy

import "testing"

// Words typed a letter at a time for emphasis are no name; a name so
// typed still is.
func TestWordsTypedApartForEmphasis(t *testing.T) {
	checkClean(t, "t h a n k   y o u   s o   m u c h", "m e r c i  beaucoup pour hier", "o b r i g a d a pelo atendimento",
		"s o r r y  i'm late again", "p l e a s e  call me back", "g r a c i a s  por todo")
	for _, c := range []struct{ text, name string }{
		{"j o h n   s m i t h called about the bill", "j o h n   s m i t h"},
		{"k a t e  o b i called", "k a t e  o b i"},
		{"z o r v a t h needs a callback", "z o r v a t h"},
	} {
		checkCovered(t, c.text, c.name)
	}
}

// Abbreviations written with dots ("N.B.", "B.P.", "P.S.") are read by
// their letters, never as a name's initials; initials before a family
// name still are.
func TestDottedAbbreviationsAreNoInitials(t *testing.T) {
	for _, text := range []string{"N.B. I'm allergic to penicillin", "it's a B.P. check only, does it need a doctor",
		"P.S. I'll be 10 minutes late", "what's the E.T.A. for the results?", "A.S.A.P. please, the pain is worse"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanName {
				t.Errorf("%q: %q read as a name", text, text[s.Start:s.End])
			}
		}
	}
	checkCovered(t, "J.R. Okonkwo needs a refill", "J.R. Okonkwo")
	checkCovered(t, "E.J. Fonoti called twice", "E.J. Fonoti")
}

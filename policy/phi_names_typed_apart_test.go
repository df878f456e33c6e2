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

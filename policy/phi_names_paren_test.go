package policy

import (
	"strings"
	"testing"
)

// TestBracketedNames: a name in brackets after a kinship word or a name
// cue is read, word-names and months included; an age, a note, a
// condition or a sentence in the same brackets is not a name.
func TestBracketedNames(t *testing.T) {
	cues := []string{"my son", "my daughter", "my mom", "my husband", "my wife", "patient", "mi hija", "my hubby", "my granddaughter"}
	names := []string{"mark", "Grace", "june", "Will", "Kwabena Mensah", "tendai", "Lupita", "hope lee", "Xiomara Quispe"}
	tails := []string{" is due for shots", " has a fever", " needs a refill", "", ", dob 3/4/2015", " is sick again"}
	n := 0
	for _, c := range cues {
		for _, nm := range names {
			for _, tl := range tails {
				s := c + " (" + nm + ")" + tl
				n++
				checkNameAt(t, s, strings.Index(s, "("+nm+")")+1, nm)
			}
		}
	}
	if n < 400 {
		t.Fatalf("only %d variants", n)
	}
	for _, c := range cues {
		for _, in := range []string{"5", "age 4", "again", "the older one", "he is 5", "not my daughter", "sorry", "again, sorry", "asap", "today"} {
			s := c + " (" + in + ") needs a refill"
			if got := Detect(s); hasType(got, SpanName) {
				t.Errorf("%q: false name (%q)", s, got.Masked)
			}
		}
	}
}

package policy

import (
	"strings"
	"testing"
)

// nameCovered reports whether NAME spans cover every letter of name in
// text.
func nameCovered(text, name string) bool {
	d := Detect(text)
	at := strings.Index(text, name)
	for p := at; p < at+len(name); p++ {
		c := text[p]
		if c == ' ' || c == '.' || c == '-' {
			continue
		}
		in := false
		for _, s := range d.Spans {
			if s.Type == SpanName && s.Start <= p && p < s.End {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// TestParticleNamesWhole: a family name opened by particles is read whole
// when the particles are capitalised ("Pieter Van Der Berg"), glued
// ("Juan dela Cruz"), or follow a middle initial ("Lucia M. de la
// Cruz"), and initials before a name are taken two or three at a time
// ("A. J. Smith").
func TestParticleNamesWhole(t *testing.T) {
	givens := []string{"Pieter", "Maria", "Lucia", "Juan", "Anna", "Carmen"}
	families := []string{"Van Der Berg", "De Los Santos", "de la Cruz", "dela Cruz", "Dela Cruz", "delos Reyes",
		"Van Dyke", "De La Fuente", "van der Meer", "De Souza", "Del Valle"}
	frames := []string{"%s here", "this is %s", "%s dob 3/4/1950", "hi its %s"}
	n := 0
	for gi, g := range givens {
		for fi, f := range families {
			for _, mid := range []string{"", " M.", " J."} {
				if mid != "" && (gi+fi)%2 == 0 {
					continue
				}
				name := g + mid + " " + f
				text := strings.Replace(frames[(gi+fi)%len(frames)], "%s", name, 1)
				n++
				if !nameCovered(text, name) {
					t.Errorf("%q: %q not whole: %q", text, name, Detect(text).Masked)
				}
			}
		}
	}
	for _, name := range []string{"A. J. Smith", "J. R. Okafor", "A.J. Mensah", "K. T. Brooks"} {
		for _, f := range []string{"%s here", "appt for %s tmrw"} {
			text := strings.Replace(f, "%s", name, 1)
			n++
			if !nameCovered(text, name) {
				t.Errorf("%q: %q not whole: %q", text, name, Detect(text).Masked)
			}
		}
	}
	// Title-case organisations and headings with particles stay clean.
	clean := []string{"Hospital De La Cruz Roja", "Clinica De La Salud Familiar", "Centro De Salud San Jose Norte",
		"Casa De La Cultura", "Museo Del Prado", "Universidad De Los Andes", "I take vitamin D. J. said hi",
		"Plan A. B. C. Options"}
	for _, c := range clean {
		if hasName(c) {
			t.Errorf("clean %q reads a name: %q", c, Detect(c).Masked)
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
}

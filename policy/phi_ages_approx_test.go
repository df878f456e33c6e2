package policy

import (
	"strings"
	"testing"
)

// TestApproximateAges: an age given as "90 something", "90-odd", "90
// plus" after a person is an age over 89, and "idade" (Portuguese) cues
// an age as "edad" does; the same tails after a quantity stay clean.
func TestApproximateAges(t *testing.T) {
	who := []string{"he is", "she's", "my dad is", "grandma is like", "Rosa is", "my uncle Frank he is", "she's um"}
	ages := []string{"90", "91", "95", "99", "ninety"}
	tails := []string{"something", "odd", "plus", "something now", "something and lives alone", "odd, lives alone", "something lol"}
	n := 0
	for wi, w := range who {
		for ai, a := range ages {
			tail := tails[(wi+ai)%len(tails)]
			text := w + " " + a + " " + tail
			n++
			d := Detect(text)
			at := strings.Index(text, " "+a+" ") + 1
			ok := false
			for _, s := range d.Spans {
				if s.Type == SpanAge && s.Start <= at && at+len(a) <= s.End {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%q: age %q not found: %q", text, a, d.Masked)
			}
		}
	}
	for _, text := range []string{"idade 90", "idade: 93", "Idade 101", "idade 95 anos"} {
		if d := Detect(text); !strings.Contains(d.Masked, "[AGE]") {
			t.Errorf("%q: no age: %q", text, d.Masked)
		}
	}
	clean := []string{"she is 90 something percent sure", "it is 90 something dollars", "about 90 something pages",
		"the total is 90 something", "my sugar is 90 something", "he is 90 something miles away", "it was 90 odd degrees",
		"she paid 95 plus tax", "idade 20", "he is 45 something", "room 90 something"}
	for _, c := range clean {
		if d := Detect(c); strings.Contains(d.Masked, "[AGE]") {
			t.Errorf("clean %q reads an age: %q", c, d.Masked)
		}
	}
	if n < 30 {
		t.Fatalf("only %d variants", n)
	}
}

package policy

import (
	"strings"
	"testing"
)

// TestPostalBoxes: the postal box and mail bag forms of several posts,
// with a number, in any case and around a sentence, are addresses; the
// same words in ordinary speech, and BP/RR readings, are not.
func TestPostalBoxes(t *testing.T) {
	forms := []string{"PO Box", "P.O. Box", "P.O Box", "p o box", "pobox", "Post Office Box", "post box", "GPO Box",
		"apartado", "Apartado Postal", "casilla", "Caixa Postal", "Postfach", "Boîte postale", "Rural Route", "PMB",
		"Private Bag", "Private Mail Bag", "Locked Bag"}
	numbers := []string{"45", "1234", "#77", "9"}
	frames := []string{"%s", "send it to %s pls", "mail: %s, Curitiba", "my address is %s thanks"}
	n := 0
	for fi, form := range forms {
		for ni, num := range numbers {
			for _, f := range []string{form, strings.ToLower(form)} {
				box := f + " " + num
				text := strings.Replace(frames[(fi+ni)%len(frames)], "%s", box, 1)
				n++
				d := Detect(text)
				at := strings.Index(text, box)
				ok := false
				for _, s := range d.Spans {
					if s.Type == SpanAddress && s.Start <= at && at+len(box) <= s.End {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%q: %q not an address: %q", text, box, d.Masked)
				}
			}
		}
	}
	if d := Detect("Rural Route 2, Box 18"); d.Masked != "[ADDRESS]" {
		t.Errorf("rural route box: %q", d.Masked)
	}
	clean := []string{"i got 2 private bags of stuff", "the post was late 2 days", "rural route closed for 3 days",
		"locked out for 2 hours", "my apartado is fine", "caixa 2 de leite", "the post 5 times", "BP 120/80 this morning",
		"RR 22 at rest", "locked bag in the car", "the private room 4", "post op day 3", "post 2 weeks"}
	for _, c := range clean {
		for _, s := range Detect(c).Spans {
			if s.Type == SpanAddress {
				t.Errorf("clean %q reads an address: %q", c, Detect(c).Masked)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
}

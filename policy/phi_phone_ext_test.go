package policy

import "testing"

// A phone or fax number's extension is masked with it: each number shape
// × extension form × lead. Without the extension "x 204" after
// "555-0199" left a fifth of the digits readable.
func TestPhoneExtensionsAreMaskedWithTheNumber(t *testing.T) {
	numbers := []string{"312-555-0199", "(312) 555-0199", "+1 312 555 0199", "312.555.0199", "1-800-555-0199"}
	exts := []string{"x 204", "x204", "ext 12", "ext. 4410", "ext: 7", "extension 12", "#31", "ext204", "extensión 31", "anexo 15"}
	leads := []struct {
		lead string
		typ  SpanType
	}{
		{"call me at ", SpanPhone}, {"my work line is ", SpanPhone}, {"fax it to ", SpanFax}, {"llamame al ", SpanPhone},
		{"fax: ", SpanFax}, {"office: ", SpanPhone},
	}
	n := 0
	for ni, num := range numbers {
		for ei, ext := range exts {
			l := leads[(ni+ei)%len(leads)]
			for _, sep := range []string{" ", ", "} {
				whole := num + sep + ext
				text := l.lead + whole + " thanks"
				n++
				if !spanCaught(text, whole, l.typ) && !spanCaught(text, whole, SpanPhone) {
					t.Errorf("%q: %q not masked whole: %q", text, whole, Detect(text).Masked)
				}
			}
		}
	}
	if n < 90 {
		t.Fatalf("only %d variants", n)
	}
	// What follows a number but is no extension stays readable.
	for _, c := range []struct{ text, rest string }{
		{"call 312-555-0199 x 2 times if needed", "2 times"},
		{"my number is 312 555 0199 x ray is tomorrow", "ray"},
		{"call 312-555-0199 extension cords are in the closet", "cords"},
		{"312-555-0199 #1 priority please", "priority"},
	} {
		if spanCaught(c.text, c.rest, SpanPhone) {
			t.Errorf("%q: %q masked as part of the number: %q", c.text, c.rest, Detect(c.text).Masked)
		}
	}
}

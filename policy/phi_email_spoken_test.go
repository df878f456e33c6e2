package policy

import (
	"strings"
	"testing"
)

// E-mail addresses said in words: every local part shape × "at" form ×
// provider × "dot" form × language of the lead, in lower and mixed case.
// The whole address must be masked (80% of its letters and digits, the
// evaluation's rule), the local part's words included.
func TestSpokenEmailAddresses(t *testing.T) {
	locals := []string{"maria", "jose88", "maria dot lopez", "kim underscore lee", "tom dash baker", "ana (dot) ruiz",
		"luisa punto garcia", "joao ponto silva", "marie point dupont", "pedro guion bajo sanchez", "rob.miller", "d_nguyen"}
	ats := []string{"at", "(at)", "[at]", "{at}", "<at>", "at sign", "at symbol", "arroba", "arobase"}
	domains := []struct{ host, dot, tld string }{
		{"gmail", "dot", "com"}, {"yahoo", "(dot)", "com"}, {"hotmail", "punto", "es"}, {"outlook", "[dot]", "com"},
		{"orange", "point", "fr"}, {"uol", "ponto", "br"}, {"icloud", "dot", "com"}, {"clinicmail", "dot", "org"},
		{"proton", "{dot}", "me"}, {"correo", "punto", "mx"},
	}
	leads := []string{"my email is ", "email me: ", "write to ", "mi correo es ", "mon courriel: ", "meu email é ",
		"send the results to ", "it's ", "", "reach my daughter at "}
	n := 0
	for li, local := range locals {
		for ai, at := range ats {
			d := domains[(li+ai)%len(domains)]
			lead := leads[(li*3+ai)%len(leads)]
			addr := local + " " + at + " " + d.host + " " + d.dot + " " + d.tld
			// As typed, and with the patient's own capitals ("Maria Dot Lopez").
			for _, fold := range []func(string) string{func(s string) string { return s }, capitalizeEach} {
				text := lead + fold(addr) + " thanks"
				n++
				if !spanCaught(text, fold(addr), SpanEmail) {
					t.Errorf("%q: %q not masked as an e-mail: %q", text, fold(addr), Detect(text).Masked)
				}
			}
		}
	}
	if n < 200 {
		t.Fatalf("only %d variants", n)
	}
}

// A provider alone ("at gmail") is an address where the message speaks of
// e-mail or the local part looks like one; elsewhere "at" + a company is
// where someone works, and stays.
func TestSpokenEmailProviderAlone(t *testing.T) {
	for _, c := range []struct{ text, addr string }{
		{"my email is dana88 at gmail", "dana88 at gmail"},
		{"email: rosa at yahoo", "rosa at yahoo"},
		{"correo electronico carmen at hotmail", "carmen at hotmail"},
		{"send it to mike_t at outlook please", "mike_t at outlook"},
		{"my e-mail is bertha at aol", "bertha at aol"},
		{"it's kim underscore lee at icloud", "kim underscore lee at icloud"},
	} {
		if !spanCaught(c.text, c.addr, SpanEmail) {
			t.Errorf("%q: %q not masked as an e-mail: %q", c.text, c.addr, Detect(c.text).Masked)
		}
	}
	for _, clean := range []string{
		"I work at yahoo and can't come at noon",
		"my son works at google, see you at 3",
		"she was an intern at verizon last year",
		"look at outlook for the invite",
		"we met at comcast center after the game",
		"email me at your convenience",
		"I'll send the email at noon",
		"meet me at the clinic at 3 pm",
		"the parking is free at orange lot",
		"is the form at gmail or on paper?",
	} {
		if d := Detect(clean); len(spansTyped(d, SpanEmail)) > 0 {
			t.Errorf("%q: e-mail found in a clean message: %q", clean, d.Masked)
		}
	}
}

// spanCaught reports whether want, inside text, is at least 80% covered
// by spans of type typ.
func spanCaught(text, want string, typ SpanType) bool {
	i := strings.Index(text, want)
	if i < 0 {
		return false
	}
	return covered(text, corpusSpan{Start: i, End: i + len(want)}, spansTyped(Detect(text), typ))
}

func spansTyped(d Detection, typ SpanType) []Span {
	var out []Span
	for _, s := range d.Spans {
		if s.Type == typ {
			out = append(out, s)
		}
	}
	return out
}

// capitalizeEach capitalises the first letter of every space-separated word.
func capitalizeEach(s string) string {
	ws := strings.Split(s, " ")
	for i, w := range ws {
		if w != "" && w[0] >= 'a' && w[0] <= 'z' {
			ws[i] = titled(w)
		}
	}
	return strings.Join(ws, " ")
}

package policy

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"Hi, my name is Maria Lopez, DOB 03/14/1962, call me at (555) 123-4567",
	"me llamo Juan Pérez, fecha de nacimiento 14/03/1962, mi tel +52 55 1234 5678",
	"j\u200bohn at gmail dot com, ５５５-１２３-４５６７",
	"SSN ٥٥٥-١٢-٣٤٥٦ MRN: 00482913",
	"ﬁle 𝟓𝟓𝟓 1234 Ｍａｒíａ Ｌóｐｅｚ",
	"take 500 mg, BP 120/80, 3/4 tab, pain 7/10, at 2, suite 200 floor 3",
	"LOPEZ, MARIA needs her metformin refill",
	"123 Main St, Springfield, IL 62704",
	"\xff\xfe broken utf8 \xc3",
	"",
	"the fourteenth of March nineteen sixty-two; el dieciséis de abril de mil novecientos",
	"your h.i.v. test came back p0sitive, metfromin 500 mg twice daily, 20 units of Lantus",
	"221B Baker Street, London NW1 6XE; Hauptstr. 5, 10115 Berlin; eircode D02 X285",
	"Lopez, Maria J. - my husband dwayne, 94, is in his 90s; Mary-Kate Will June",
	"twenty", "nineteen", "two thousand", "mil", "h.", "the 16th of", "Via Roma,",
	// An age word that ends the message once read past the last token.
	"ninety", "he is ninety", "noventa",
	"appointment for bin Rashid, Nayeli W.", "12 rue de la paix, 75002 paris, -", "my son's knee gives out when",
	"zip is nine oh", "my dad (92", "at 96", "her 100th", "the results of my", "pain scale",
}

// FuzzNormalize checks the folded view's map back to the original text:
// every folded byte points at a whole rune of the input, in order.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var n normText
		n.reset(text)
		if n.ident {
			if len(n.b) != len(text) {
				t.Fatalf("ASCII fold changed length: %d vs %d", len(n.b), len(text))
			}
			return
		}
		if len(n.start) != len(n.b) || len(n.end) != len(n.b) {
			t.Fatalf("offset map length %d/%d for %d folded bytes", len(n.start), len(n.end), len(n.b))
		}
		prev := 0
		for i := range n.b {
			s, e := int(n.start[i]), int(n.end[i])
			if s < prev || s >= e || e > len(text) {
				t.Fatalf("byte %d maps to [%d,%d) after %d in %q", i, s, e, prev, text)
			}
			if !runeBoundary(text, s) || !runeBoundary(text, e) {
				t.Fatalf("byte %d maps to [%d,%d), not a rune boundary in %q", i, s, e, text)
			}
			prev = s
		}
	})
}

// FuzzDetect checks the masker's contract on any input: no panic, spans
// sorted, disjoint, inside the text and on rune boundaries, and the masked
// text is the original with each span replaced by its placeholder, so no
// masked characters survive.
func FuzzDetect(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := Detect(text)
		checkDetection(t, text, d)
	})
}

func checkDetection(t *testing.T, text string, d Detection) {
	t.Helper()
	prevEnd := 0
	var b strings.Builder
	var kept []string
	for _, s := range d.Spans {
		if s.Start < prevEnd || s.Start >= s.End || s.End > len(text) {
			t.Fatalf("bad span %+v after %d in %q", s, prevEnd, text)
		}
		if !runeBoundary(text, s.Start) || !runeBoundary(text, s.End) {
			t.Fatalf("span %+v not on rune boundaries in %q", s, text)
		}
		if s.Confidence <= 0 || s.Confidence > 1 || s.Type == "" {
			t.Fatalf("span %+v has no type or confidence", s)
		}
		kept = append(kept, text[prevEnd:s.Start])
		b.WriteString(text[prevEnd:s.Start])
		b.WriteString("[" + string(s.Type) + "]")
		prevEnd = s.End
	}
	kept = append(kept, text[prevEnd:])
	b.WriteString(text[prevEnd:])
	if d.Masked != b.String() {
		t.Fatalf("masked %q, want %q", d.Masked, b.String())
	}
	for _, s := range d.Spans {
		sub := text[s.Start:s.End]
		if len(sub) < 2 || !alnumOnly(sub) {
			continue
		}
		inKept := false
		for _, k := range kept {
			inKept = inKept || strings.Contains(k, sub)
		}
		for _, x := range d.Spans {
			inKept = inKept || strings.Contains(string(x.Type), sub)
		}
		if !inKept && strings.Contains(d.Masked, sub) {
			t.Fatalf("masked text %q still holds span %q", d.Masked, sub)
		}
	}
}

// runeBoundary reports whether byte offset i starts a rune as Go decodes
// the string (an invalid byte is a rune of its own).
func runeBoundary(text string, i int) bool {
	if i == 0 || i == len(text) {
		return true
	}
	for p := 0; p < len(text); {
		if p == i {
			return true
		}
		if p > i {
			return false
		}
		_, n := utf8.DecodeRuneInString(text[p:])
		p += n
	}
	return false
}

func alnumOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// FuzzScreenOutbound checks the outbound screen on any text: it never
// panics, its detection is well formed, and what it blocks is what the
// masker found.
func FuzzScreenOutbound(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("Dr. Patel will call you at (217) 555-0100. If you have chest pain, call 911.")
	f.Add("your results are normal; take 2 tablets; increase your dose")
	clinic := ClinicProfile{ClinicNames: []string{"Harbor Clinic"}, Addresses: []string{"1200 Harbor Blvd"},
		Phones: []string{"+1 217 555 0100"}, Web: []string{"harbor.example"}, StaffNames: []string{"Dr. Priya Patel"}}
	f.Fuzz(func(t *testing.T, text string) {
		s := ScreenOutbound(text, clinic)
		checkDetection(t, text, s.Detection)
		for _, b := range s.Blocking {
			found := false
			for _, d := range s.Detection.Spans {
				found = found || d == b
			}
			if !found {
				t.Fatalf("blocking span %+v is not a detected span in %q", b, text)
			}
		}
	})
}

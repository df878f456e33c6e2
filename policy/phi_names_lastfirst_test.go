package policy

import (
	"strings"
	"testing"
)

// TestLastFirstStarts: "Family, Given" at the start of a message, a line
// or a field, before a date of birth, a number, a month or a dash, is one
// name whether or not the lists know the family name; a word before a
// comma that is a greeting, a function word or a place stays out.
func TestLastFirstStarts(t *testing.T) {
	// In lower case a family name no list holds needs a listed given
	// name after it ("okonkwo, maria"); "okonkwo, chidi" (a given name
	// only the population tables hold) is left to the whole-line rule.
	families := []string{"Okonkwo", "Thistlewood", "Mbeki-Okafor", "Van Okonkwo", "Zhoulin", "Kowalczyk", "Lopez", "okonkwo", "de la cruz", "nakamura", "Van der Berg"}
	// Given names a list holds: with neither half known, "Okonkwo,
	// Rigoberta" is read only as a whole line (lineLastFirst).
	givens := []string{"Maria", "Chidi", "Maria J.", "Ana M.", "Kwabena", "Elena"}
	tails := []string{" 03/04/1990", " - dob 3/4/1990", ", born 3/4/1990", " march 3 1990", " (3/4/1990)", "\nneeds a refill", ""}
	leads := []string{"", "Re: ", "Patient: ", "hi\n"}
	n := 0
	for _, f := range families {
		for _, g := range givens {
			if f == strings.ToLower(f) {
				if g == "Chidi" || g == "Kwabena" {
					continue
				}
				g = strings.ToLower(g)
			}
			for _, tl := range tails {
				for _, ld := range leads {
					name := f + ", " + g
					s := ld + name + tl
					n++
					got := Detect(s)
					i := strings.Index(s, name)
					ok := true
					for p := i; p < i+len(name); p++ {
						if c := s[p]; c == ',' || c == ' ' || c == '.' || c == '-' {
							continue
						}
						in := false
						for _, sp := range got.Spans {
							in = in || sp.Type == SpanName && sp.Start <= p && p < sp.End
						}
						ok = ok && in
					}
					if !ok {
						t.Errorf("%q: %q not masked as a name (%q)", s, name, got.Masked)
					}
				}
			}
		}
	}
	if n < 1500 {
		t.Fatalf("only %d variants", n)
	}
	// The word before the comma is not a family name: a greeting, a
	// thank-you, a place, a weekday or a plain word.
	for _, s := range []string{"Hi, Maria 3/4", "Thanks, Maria 555-1234", "Monday, March 3 works", "Yes, June 3 is fine",
		"Ok, Grace - see you at 3", "Sure, Tuesday 3/4", "Boston, MA 02118", "Sorry, April 4 is booked"} {
		got := Detect(s)
		for _, sp := range got.Spans {
			if sp.Type == SpanName && strings.Contains(s[sp.Start:sp.End], ",") {
				t.Errorf("%q: joined across the comma: %q (%q)", s, s[sp.Start:sp.End], got.Masked)
			}
		}
	}
}

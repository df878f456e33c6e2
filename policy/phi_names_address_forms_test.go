package policy

import (
	"strings"
	"testing"
)

// TestPlansAndFormsOfAddress: a health plan named after "my insurance
// is", "coverage through" or "does … take", a plan "accepted here", and
// the form of address a thank-you ends with ("Thanks, Doc!") name no one.
func TestPlansAndFormsOfAddress(t *testing.T) {
	plans := []string{"Oscar", "Ambetter", "Tufts", "Geisinger", "Priority Health", "Harvard Pilgrim", "Molina", "Wellcare"}
	templates := []string{
		"my insurance is {P}", "My insurance is {P} now", "mi seguro es {P}", "I have coverage through {P}",
		"we are insured through {P}", "Does Dr. Patel take {P}?", "does the new clinic take {P}",
		"Is {P} accepted here?", "is {P} accepted here", "Do you take {P} or Ambetter?",
	}
	for _, tm := range templates {
		for _, p := range plans {
			s := strings.ReplaceAll(tm, "{P}", p)
			got := Detect(s)
			for _, sp := range got.Spans {
				if sp.Type == SpanName && strings.Contains(p, s[sp.Start:sp.End]) || sp.Type == SpanName && s[sp.Start:sp.End] == "accepted" {
					t.Errorf("%q: false name %q (%q)", s, s[sp.Start:sp.End], got.Masked)
				}
			}
		}
	}
	for _, th := range []string{"Thanks", "Thank you", "thanks so much", "Gracias", "ok thanks"} {
		for _, a := range []string{"Doc", "doc", "boss", "Boss", "fam", "sweetie", "mami", "Mami", "papi", "guys", "folks", "mija", "jefe", "dude"} {
			for _, sep := range []string{", ", " ", "! "} {
				s := th + sep + a + "!"
				if got := Detect(s); hasType(got, SpanName) {
					t.Errorf("%q: false name: %q", s, got.Masked)
				}
			}
		}
	}
	// A person stays a person in the same places.
	for _, s := range []string{"Does Dr. Patel take Medicaid?", "my insurance is under my husband Kwabena Mensah", "Hi, Xiomara Quispe here",
		"ok Tendai here, running late", "Thanks, Ngozi!", "thanks so much! kwabena"} {
		if got := Detect(s); !hasType(got, SpanName) {
			t.Errorf("%q: name lost: %q", s, got.Masked)
		}
	}
}

package policy

import (
	"strings"
	"testing"
)

// TestPlanSlots: a health plan whose name is also a given name ("Oscar")
// or that no list knows, at the end of a list of plans or where an
// insurance question puts a plan, names no one; the same given names in
// a person's place in the same questions stay names.
func TestPlanSlots(t *testing.T) {
	plans := []string{"Oscar", "oscar", "Ambetter", "Devoted", "Clover", "Harvard Pilgrim", "Molina", "Wellcare", "Humana", "Kaiser"}
	firsts := []string{"Medicaid", "medicaid", "Medicare", "BCBS", "Cigna", "Aetna", "Tricare", "insurance"}
	lists := []string{
		"Do you accept {A} or {P}?", "do you take {A} or {P}", "Do you guys take {A}, or {P}?",
		"Do you take Aetna, {A}, or {P}", "Is the visit covered if I'm on {A} or {P}?",
		"which plans do you take, {A} or {P}?", "Do you take {A} and {P}?",
	}
	slots := []string{
		"What's my copay with {P}", "what is the copay with {P}?", "Are you in network with {P}?",
		"is the MRI covered in {P}", "What is the copay if I have {P}", "we have {P}, is that insurance ok?",
		"Do you take plans like {P}", "Does {P} cover physical therapy?", "does {P} cover the visit?",
		"Will {P} cover the MRI?", "Do you take insurance? I have {P}.",
	}
	check := func(s, p string) {
		got := Detect(s)
		for _, sp := range got.Spans {
			if sp.Type == SpanName && strings.Contains(p, s[sp.Start:sp.End]) {
				t.Errorf("%q: plan read as a name %q (%q)", s, s[sp.Start:sp.End], got.Masked)
			}
		}
	}
	n := 0
	for _, p := range plans {
		for _, tm := range lists {
			for _, a := range firsts {
				check(strings.NewReplacer("{A}", a, "{P}", p).Replace(tm), p)
				n++
			}
		}
		for _, tm := range slots {
			check(strings.ReplaceAll(tm, "{P}", p), p)
			n++
		}
	}
	if n < 500 {
		t.Fatalf("only %d variants", n)
	}

	// The same questions with a person in them: after a kinship word,
	// "for", "from", a list of people, a possessive, or a verb only a
	// person takes, the given name stays a name.
	people := []string{"Oscar", "Maria", "Kwabena", "Xiomara", "Daniel", "Sofia", "Tendai"}
	personal := []string{
		"My son {N} needs a checkup, do you take Medicaid?", "Is the copay the same for my son or {N}?",
		"Is the visit covered for {N}?", "My insurance is Medicaid, calling for {N}", "Is my plan ok for me and {N}",
		"Does insurance cover {N}'s braces", "I have insurance through my wife, {N}", "Insurance question from {N}",
		"Will my insurance cover it for Mia or {N}?", "Do you take Medicaid? My kids are Mia and {N}",
		"Is the deductible met? Thanks, {N}", "copay question for my daughter {N}",
		"does my plan cover my husband {N}?", "{N} needs a refill, do you take Medicare?",
		"Do you take Medicaid? Asking for {N}",
	}
	for _, p := range people {
		for _, tm := range personal {
			s := strings.ReplaceAll(tm, "{N}", p)
			got := Detect(s)
			found := false
			for _, sp := range got.Spans {
				if sp.Type == SpanName && strings.Contains(s[sp.Start:sp.End], p) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q: name lost (%q)", s, got.Masked)
			}
		}
	}
}

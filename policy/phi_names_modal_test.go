package policy

import "testing"

// A given name beside a modal: each name (many also ordinary words) ×
// form (statement, question, "is NAME ok") × verb, typed in lower case.
func TestGivenNamesBesideAModal(t *testing.T) {
	names := []string{"dawn", "joy", "faith", "grace", "sunny", "ruby", "destiny", "amber", "jade", "ivy", "hazel",
		"daisy", "heather", "holly", "robin", "jasmine", "megan", "carlos", "ahmed", "kwame"}
	forms := []string{"%s will come at 3", "%s can't make it today", "can %s pick up the rx", "does %s need a note for school",
		"should %s take it with food", "is %s ok to come in late", "could %s reschedule to friday", "%s won't stay overnight",
		"hi, %s would like to book a visit", "ok so %s might miss the appointment"}
	n := 0
	for ni, name := range names {
		for fi := 0; fi < 4; fi++ {
			form := forms[(ni+fi)%len(forms)]
			text := sprintfName(form, name)
			n++
			if !spanCaught(text, name, SpanName) {
				t.Errorf("%q: %q not masked: %q", text, name, Detect(text).Masked)
			}
		}
	}
	if n < 80 {
		t.Fatalf("only %d variants", n)
	}
	for _, clean := range []string{
		"can grace periods apply to copays",
		"will summer camp forms be ready",
		"can hope be restored after this",
		"is june ok for the follow up",
		"will may work for the follow up",
		"bill will come in the mail",
		"is spring ok for the surgery",
		"can faith have a place in recovery",
	} {
		if d := Detect(clean); len(spansTyped(d, SpanName)) > 0 {
			t.Errorf("%q: a name found in a clean message: %q", clean, d.Masked)
		}
	}
}

// sprintfName puts name where the form says %s.
func sprintfName(form, name string) string {
	for i := 0; i+1 < len(form); i++ {
		if form[i] == '%' && form[i+1] == 's' {
			return form[:i] + name + form[i+2:]
		}
	}
	return form
}
